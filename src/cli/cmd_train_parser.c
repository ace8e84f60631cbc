/* cmd_train_parser.c - kgraph train-parser: learn the dependency parser
 * from a CoNLL-U treebank, on jackknifed predicted tags. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/io.h"
#include "cli/cli.h"
#include "cli/nlp_cli.h"
#include "nlp/conllu.h"
#include "nlp/lexicon.h"
#include "nlp/parser.h"

static void usage(FILE *out)
{
    fputs("Usage: kgraph train-parser [OPTION]... TRAIN.conllu\n"
          "Train the dependency parser (arc-hybrid, dynamic oracle) on a CoNLL-U\n"
          "treebank and write its model file.  Tags come from taggers trained on\n"
          "the other folds (jackknifing), as they will at parse time.  The\n"
          "parser is linear (an averaged perceptron over feature templates), or\n"
          "with --neural a BiLSTM that reads the sentence, and a feed-forward\n"
          "scorer over the vectors of s0, s1, s2 and b0.\n"
          "\n"
          "  -o, --output=FILE        model file to write (required)\n"
          "  -e, --epochs=N           training epochs (default 15; neural 12)\n"
          "  -j, --jackknife=K        folds for predicted tags; 1 = gold tags\n"
          "                           (default 10)\n"
          "  -t, --tagger-epochs=N    epochs of the fold taggers (default 10)\n"
          "      --tagger-dropout=P   --dropout of the fold taggers (default 0)\n"
          "      --tagger-runs=N      --runs of the fold taggers (default 1)\n"
          "      --tagger-prune=X     --prune of the fold taggers (default 0.5);\n"
          "                           train them as the tagger used with the\n"
          "                           parser is\n"
          "  -x, --explore-from=N     first epoch (0-based) that follows the\n"
          "                           model's own predictions (default 1)\n"
          "  -s, --seed=N             seed for shuffling and exploration (default 1)\n"
          "  -p, --prune=X            drop averaged weights below X (default 1.25)\n"
          "  -d, --dropout=P          leave each feature out of each training step\n"
          "                           with probability P (default 0)\n"
          "  -r, --runs=N             train N parsers, each on its own shuffles\n"
          "                           (seeds S, S+7919, ...), and average them into\n"
          "                           one model: steadier than any one seed\n"
          "                           (default 1)\n"
          "  -l, --lexicon=FILE       word lexicon (data/en-lexicon.tsv) for the fold\n"
          "                           taggers and the parser: the file the tagger\n"
          "                           was trained with (default: none)\n"
          "\n"
          "Neural parser:\n"
          "  -n, --neural             train the neural parser; --dropout is then\n"
          "                           on the LSTM's inputs and outputs (default\n"
          "                           0.33) and --prune, --runs do not apply\n"
          "      --embeddings=FILE    pretrained word vectors, 'word TAB v1 v2 ...'\n"
          "                           per line, most frequent first (make models\n"
          "                           makes build/glove-100k.tsv from GloVe 6B)\n"
          "      --max-embeddings=N   read the first N of them (default 100000)\n"
          "      --hidden=N           LSTM units per direction (default 128)\n"
          "      --mlp=N              hidden units of the scorer (default 128)\n"
          "\n"
          "  -q, --quiet              no progress lines on stderr\n"
          "  -h, --help               show this help\n"
          "\n"
          "The same data and options give the same model bytes.\n",
          out);
}

enum {
    OPT_TAGGER_DROPOUT = 256,
    OPT_TAGGER_RUNS,
    OPT_TAGGER_PRUNE,
    OPT_EMBEDDINGS,
    OPT_MAX_EMBEDDINGS,
    OPT_HIDDEN,
    OPT_MLP,
};

int kg_cmd_train_parser(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"epochs", required_argument, NULL, 'e'},
        {"jackknife", required_argument, NULL, 'j'},
        {"tagger-epochs", required_argument, NULL, 't'},
        {"tagger-dropout", required_argument, NULL, OPT_TAGGER_DROPOUT},
        {"tagger-runs", required_argument, NULL, OPT_TAGGER_RUNS},
        {"tagger-prune", required_argument, NULL, OPT_TAGGER_PRUNE},
        {"explore-from", required_argument, NULL, 'x'},
        {"seed", required_argument, NULL, 's'},
        {"prune", required_argument, NULL, 'p'},
        {"dropout", required_argument, NULL, 'd'},
        {"runs", required_argument, NULL, 'r'},
        {"lexicon", required_argument, NULL, 'l'},
        {"neural", no_argument, NULL, 'n'},
        {"embeddings", required_argument, NULL, OPT_EMBEDDINGS},
        {"max-embeddings", required_argument, NULL, OPT_MAX_EMBEDDINGS},
        {"hidden", required_argument, NULL, OPT_HIDDEN},
        {"mlp", required_argument, NULL, OPT_MLP},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *output = NULL, *lexicon = NULL;
    kg_parser_opts o;
    kg_parser_opts_init(&o);
    o.log = stderr;
    int c, bad, epochs_set = 0, dropout_set = 0;
    long v;
    double x, dropout = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:e:j:t:x:s:p:d:r:l:nqh", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case 'e':
            if (kg_cli_int_opt(optarg, 1, 1000, &v) < 0)
                return kg_cli_usage_error(argv[0], "bad --epochs '%s'", optarg);
            o.epochs = (int)v;
            epochs_set = 1;
            break;
        case 'j':
            if (kg_cli_int_opt(optarg, 1, 100, &v) < 0)
                return kg_cli_usage_error(argv[0], "bad --jackknife '%s'", optarg);
            o.jackknife = (int)v;
            break;
        case 't':
        case OPT_TAGGER_DROPOUT:
        case OPT_TAGGER_RUNS:
        case OPT_TAGGER_PRUNE:
            if ((bad = kg_cli_tagger_opt(argv[0], opts, c, optarg, &o.fold)) != 0)
                return bad;
            break;
        case 'x':
            if (kg_cli_int_opt(optarg, 0, 1000, &v) < 0)
                return kg_cli_usage_error(argv[0], "bad --explore-from '%s'", optarg);
            o.explore_from = (int)v;
            break;
        case 's':
            if (kg_cli_int_opt(optarg, 0, 2147483647L, &v) < 0)
                return kg_cli_usage_error(argv[0], "bad --seed '%s'", optarg);
            o.seed = (uint64_t)v;
            break;
        case 'p':
            if (kg_cli_real_opt(optarg, 1000, &x) < 0)
                return kg_cli_usage_error(argv[0], "bad --prune '%s'", optarg);
            o.prune = (float)x;
            break;
        case 'd':
            if (kg_cli_prob_opt(optarg, &dropout) < 0)
                return kg_cli_usage_error(argv[0], "bad --dropout '%s'", optarg);
            dropout_set = 1;
            break;
        case 'n':
            o.neural = 1;
            break;
        case OPT_EMBEDDINGS:
            o.nn.embeddings = optarg;
            break;
        case OPT_MAX_EMBEDDINGS:
            if (kg_cli_int_opt(optarg, 0, 10000000L, &v) < 0)
                return kg_cli_usage_error(argv[0], "bad --max-embeddings '%s'", optarg);
            o.nn.max_embeddings = (size_t)v;
            break;
        case OPT_HIDDEN:
            if (kg_cli_int_opt(optarg, 4, 512, &v) < 0 || v % 4)
                return kg_cli_usage_error(argv[0], "bad --hidden '%s' (a multiple of 4, 4 to 512)",
                                          optarg);
            o.nn.hidden = (int)v;
            break;
        case OPT_MLP:
            if (kg_cli_int_opt(optarg, 16, 1024, &v) < 0 || v % 16)
                return kg_cli_usage_error(argv[0], "bad --mlp '%s' (a multiple of 16, 16 to 1024)",
                                          optarg);
            o.nn.mlp = (int)v;
            break;
        case 'r':
            if (kg_cli_int_opt(optarg, 1, 100, &v) < 0)
                return kg_cli_usage_error(argv[0], "bad --runs '%s'", optarg);
            o.runs = (int)v;
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
    if (!o.neural && (o.nn.embeddings || o.nn.hidden != 128 || o.nn.mlp != 128 ||
                      o.nn.max_embeddings != 100000))
        return kg_cli_usage_error(argv[0], "--embeddings, --max-embeddings, --hidden and --mlp "
                                           "need --neural");
    if (o.neural && !epochs_set)
        o.epochs = o.nn.epochs;
    if (dropout_set) {
        if (o.neural)
            o.nn.dropout = dropout;
        else
            o.dropout = dropout;
    }
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
        kg_parser_train(&cu, &o, &model, &d) < 0 ||
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
