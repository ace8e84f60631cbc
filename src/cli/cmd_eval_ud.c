/* cmd_eval_ud.c - kgraph eval-ud: score tagging, lemmas and parses against
 * a gold CoNLL-U file (CoNLL 2018 definitions). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article/article.h"
#include "article/token.h"
#include "base/io.h"
#include "cli/cli.h"
#include "cli/nlp_cli.h"
#include "nlp/conllu.h"
#include "nlp/nlp.h"
#include "nlp/udeval.h"

static void usage(FILE *out)
{
    fputs("Usage: kgraph eval-ud [OPTION]... GOLD.conllu [PRED.conllu]\n"
          "Score PRED against GOLD: UPOS, XPOS, lemma, UAS and LAS (LAS ignores\n"
          "relation subtypes; LAS-full keeps them), plus token and sentence F1.\n"
          "Words are aligned by character offsets, so PRED may be tokenized\n"
          "differently.  Without PRED, kgraph's own models annotate GOLD's words\n"
          "(gold tokenization) and, with --raw, also GOLD's raw text rebuilt from\n"
          "its '# text' lines (own tokenizer and sentence splitter).\n"
          "\n"
          "  -m, --models=PREFIX  models PREFIX.tagger.bin and PREFIX.parser.bin\n"
          "                       (default: the shipped models/en-ewt.*)\n"
          "      --tagger=FILE    use this tagger model (with --parser: and this\n"
          "                       parser; without: no parsing)\n"
          "      --parser=FILE    parser model to use with --tagger\n"
          "  -r, --raw            also evaluate from raw text\n"
          "  -o, --output=FILE    write the predicted CoNLL-U (gold tokenization)\n"
          "  -h, --help           show this help\n",
          out);
}

static void report(const char *title, const kg_ud_eval *e, int tokens)
{
    printf("%s\n", title);
    if (tokens) {
        printf("  Tokens     %6.2f\n", kg_ud_f1(&e->tokens));
        printf("  Sentences  %6.2f\n", kg_ud_f1(&e->sentences));
    }
    printf("  UPOS       %6.2f\n", kg_ud_f1(&e->upos));
    printf("  XPOS       %6.2f\n", kg_ud_f1(&e->xpos));
    printf("  Lemmas     %6.2f\n", kg_ud_f1(&e->lemma));
    printf("  UAS        %6.2f\n", kg_ud_f1(&e->uas));
    printf("  LAS        %6.2f\n", kg_ud_f1(&e->las));
    printf("  LAS-full   %6.2f\n", kg_ud_f1(&e->las_full));
}

/* Annotate gold's words with the models; the result as parsed CoNLL-U. */
static int predict_gold_tok(const kg_nlp *m, const kg_conllu *gold, kg_conllu *pred,
                            kg_buf *text, double *secs, kg_diag *d)
{
    kg_article a;
    memset(&a, 0, sizeof a);
    kg_arena_init(&a.arena);
    int rc = -1;
    if (kg_conllu_to_article(gold, 0, gold->nsents, &a, d) < 0)
        goto out;
    double t0 = kg_cli_seconds();
    if (kg_nlp_annotate(m, &a, d) < 0)
        goto out;
    *secs = kg_cli_seconds() - t0;
    if (kg_conllu_write_article(text, &a, "eval") < 0) {
        kg_diag_oom(d, "writing CoNLL-U");
        goto out;
    }
    rc = kg_conllu_parse(pred, "(predicted)", text->data, text->len, d);
out:
    kg_arena_release(&a.arena);
    return rc;
}

/* Rebuild each document's raw text from the gold "# text" lines
 * (paragraphs on "# newpar", blank lines between them), run the whole
 * pipeline on it, and collect the output as CoNLL-U. */
static int predict_raw(const kg_nlp *m, const kg_conllu *gold, kg_conllu *pred,
                       kg_diag *d)
{
    kg_buf text, out;
    kg_buf_init(&text);
    kg_buf_init(&out);
    int rc = -1;
    size_t s = 0;
    while (s < gold->nsents) {
        size_t e = s + 1;
        while (e < gold->nsents && !gold->sents[e].newdoc)
            e++;
        kg_buf_clear(&text);
        for (size_t k = s; k < e; k++) {
            const kg_csent *cs = &gold->sents[k];
            if (!cs->text) {
                kg_diag_error(d, NULL, (int)cs->line, 0,
                              "sentence has no '# text' line: cannot rebuild the raw text");
                goto out;
            }
            if (k > s && kg_buf_puts(&text, cs->newpar ? "\n\n" : " ") < 0)
                goto oom;
            if (kg_buf_puts(&text, cs->text) < 0)
                goto oom;
        }
        if (kg_buf_putc(&text, '\n') < 0)
            goto oom;
        kg_article a;
        kg_article_init(&a);
        char id[64];
        snprintf(id, sizeof id, "doc%zu", s + 1);
        int ok = kg_article_parse_plain(&a, id, text.data, text.len, d) == 0 &&
                 kg_tokenize(&a, d) == 0 && kg_nlp_annotate(m, &a, d) == 0;
        if (ok && kg_conllu_write_article(&out, &a, id) < 0) {
            kg_article_release(&a);
            goto oom;
        }
        kg_article_release(&a);
        if (!ok)
            goto out;
        s = e;
    }
    rc = kg_conllu_parse(pred, "(predicted from raw text)", out.data ? out.data : "",
                         out.len, d);
    goto out;
oom:
    kg_diag_oom(d, "evaluating from raw text");
out:
    kg_buf_release(&text);
    kg_buf_release(&out);
    return rc;
}

int kg_cmd_eval_ud(int argc, char **argv)
{
    static const struct option opts[] = {
        {"models", required_argument, NULL, 'm'},
        {"raw", no_argument, NULL, 'r'},
        {"tagger", required_argument, NULL, 'T'},
        {"parser", required_argument, NULL, 'P'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *models = NULL, *output = NULL, *tagger = NULL, *parser = NULL;
    int raw = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":m:ro:h", opts, NULL)) != -1) {
        switch (c) {
        case 'm':
            models = optarg;
            break;
        case 'r':
            raw = 1;
            break;
        case 'T':
            tagger = optarg;
            break;
        case 'P':
            parser = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        default:
            return kg_cli_option_error(argv[0], c, argv);
        }
    }
    if (optind >= argc || argc - optind > 2)
        return kg_cli_usage_error(argv[0], "expected GOLD.conllu [PRED.conllu]");
    const char *goldp = argv[optind];
    const char *predp = argc - optind == 2 ? argv[optind + 1] : NULL;
    if (parser && !tagger)
        return kg_cli_usage_error(argv[0], "--parser needs --tagger");
    if (predp && (raw || output || models || tagger))
        return kg_cli_usage_error(argv[0], "--raw, --output and --models need no PRED file");
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_conllu gold, pred;
    kg_conllu_init(&gold);
    kg_conllu_init(&pred);
    kg_buf text;
    kg_buf_init(&text);
    kg_nlp *m = NULL;
    kg_ud_eval e;
    int rc = KG_EXIT_INPUT;
    if (kg_conllu_read(&gold, goldp, &d) < 0)
        goto out;
    if (predp) {
        if (kg_conllu_read(&pred, predp, &d) < 0 || kg_ud_evaluate(&gold, &pred, &e, &d) < 0)
            goto out;
        report(predp, &e, 1);
        rc = KG_EXIT_OK;
        goto out;
    }
    m = kg_cli_load_nlp_files(models, tagger, parser, &d);
    if (!m)
        goto out;
    double secs = 0;
    if (predict_gold_tok(m, &gold, &pred, &text, &secs, &d) < 0 ||
        kg_ud_evaluate(&gold, &pred, &e, &d) < 0)
        goto out;
    if (output && kg_io_write_atomic(output, text.data, text.len, &d) < 0)
        goto out;
    report("gold tokenization", &e, 0);
    printf("  (%zu words, %.0f words/s)\n", gold.nwords,
           secs > 0 ? (double)gold.nwords / secs : 0.0);
    if (raw) {
        kg_conllu_release(&pred);
        kg_conllu_init(&pred);
        if (predict_raw(m, &gold, &pred, &d) < 0 || kg_ud_evaluate(&gold, &pred, &e, &d) < 0)
            goto out;
        report("raw text (own tokenizer and sentence splitter)", &e, 1);
    }
    rc = KG_EXIT_OK;
out:
    if (rc != KG_EXIT_OK)
        kg_diag_print(&d, stderr);
    kg_nlp_free(m);
    kg_buf_release(&text);
    kg_conllu_release(&gold);
    kg_conllu_release(&pred);
    return rc;
}
