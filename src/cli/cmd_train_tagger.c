/* cmd_train_tagger.c - kgraph train-tagger: learn the POS tagger and the
 * lemmatizer from a CoNLL-U treebank. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/io.h"
#include "cli/cli.h"
#include "cli/nlp_cli.h"
#include "nlp/conllu.h"
#include "nlp/lexicon.h"
#include "nlp/tagger.h"

static void usage(FILE *out)
{
    fputs("Usage: kgraph train-tagger [OPTION]... TRAIN.conllu\n"
          "Train the POS tagger (XPOS and UPOS) and the lemmatizer on a CoNLL-U\n"
          "treebank and write one model file.\n"
          "\n"
          "  -o, --output=FILE   model file to write (required)\n"
          "  -e, --epochs=N      training epochs (default 10)\n"
          "  -s, --seed=N        seed for shuffling sentences (default 1)\n"
          "  -p, --prune=X       drop averaged weights below X (default 0.5)\n"
          "  -d, --dropout=P     leave each feature out of each training step\n"
          "                      with probability P (default 0)\n"
          "  -r, --runs=N        train N taggers, each on its own shuffles (seeds\n"
          "                      S, S+7919, ...), and average them into one model\n"
          "                      (default 1)\n"
          "  -l, --lexicon=FILE  word lexicon (data/en-lexicon.tsv) to learn\n"
          "                      from and embed in the model (default: none)\n"
          "  -q, --quiet         no progress lines on stderr\n"
          "  -h, --help          show this help\n"
          "\n"
          "The same data and options give the same model bytes.\n",
          out);
}

int kg_cmd_train_tagger(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"epochs", required_argument, NULL, 'e'},
        {"seed", required_argument, NULL, 's'},
        {"prune", required_argument, NULL, 'p'},
        {"dropout", required_argument, NULL, 'd'},
        {"runs", required_argument, NULL, 'r'},
        {"lexicon", required_argument, NULL, 'l'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *output = NULL, *lexicon = NULL;
    kg_tagger_opts o;
    kg_tagger_opts_init(&o);
    o.log = stderr;
    int c, bad;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:e:s:p:d:r:l:qh", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case 'e':
        case 'p':
        case 'd':
        case 'r':
            if ((bad = kg_cli_tagger_opt(argv[0], opts, c, optarg, &o)) != 0)
                return bad;
            break;
        case 's':
            o.seed = strtoull(optarg, &end, 10);
            if (*end || !*optarg)
                return kg_cli_usage_error(argv[0], "bad --seed '%s'", optarg);
            break;
        case 'l':
            lexicon = optarg;
            break;
        case 'q':
            o.log = NULL;
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        default:
            return kg_cli_option_error(argv[0], c, argv);
        }
    }
    if (optind + 1 != argc)
        return kg_cli_usage_error(argv[0], "expected one TRAIN.conllu file");
    if (!output)
        return kg_cli_usage_error(argv[0], "missing --output");
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_conllu cu;
    kg_conllu_init(&cu);
    kg_buf model;
    kg_buf_init(&model);
    kg_lexicon lex;
    kg_lexicon_init(&lex);
    o.lex = &lex;
    int rc = KG_EXIT_INPUT;
    if ((lexicon && kg_lexicon_read_tsv(&lex, lexicon, &d) < 0) ||
        kg_conllu_read(&cu, argv[optind], &d) < 0 ||
        kg_tagger_train(&cu, NULL, 0, &o, &model, &d) < 0 ||
        kg_io_write_atomic(output, model.data, model.len, &d) < 0) {
        kg_diag_print(&d, stderr);
    } else {
        if (o.log)
            fprintf(o.log, "wrote %s (%zu bytes)\n", output, model.len);
        rc = KG_EXIT_OK;
    }
    kg_buf_release(&model);
    kg_conllu_release(&cu);
    kg_lexicon_release(&lex);
    return rc;
}
