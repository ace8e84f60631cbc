/*
 * cmd_eval_oie.c - `kgraph eval-oie`: score Open IE extractions against
 * CaRB gold tuples (src/eval/carb.h does the scoring).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/io.h"
#include "cli/cli.h"
#include "eval/carb.h"

static const char *const CMD = "eval-oie";

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: kgraph eval-oie --gold GOLD.tsv [--curve FILE] [--json] "
            "PRED.tsv|-\n"
            "\n"
            "Score Open IE extractions against CaRB gold tuples with CaRB's "
            "binary lenient\nmatch (the rules are listed at the top of "
            "src/eval/carb.c).\n"
            "\n"
            "PRED.tsv: one extraction a line,\n"
            "  sentence TAB confidence TAB relation TAB arg1 [TAB arg2 ...]\n"
            "  ('-' reads standard input).  Sentences are matched with the "
            "gold ignoring\n  spaces and ASCII punctuation; extractions for "
            "other sentences are ignored.\n"
            "GOLD.tsv: sentence TAB relation TAB arg1 [TAB arg2 ...]\n"
            "\n"
            "Every distinct confidence is tried as a threshold (keep "
            "confidence >= t).\nPrinted: precision, recall and F1 at the "
            "threshold with the best F1, that\nthreshold, the area under the "
            "precision-recall curve, and counts.\n"
            "\n"
            "Options:\n"
            "  -g, --gold FILE   CaRB gold tuples (required)\n"
            "  -c, --curve FILE  also write the curve as TSV: threshold, "
            "precision,\n"
            "                    recall, f1 (ascending threshold; '-' = "
            "standard output)\n"
            "  -j, --json        print the figures as one JSON object\n"
            "  -h, --help        show this help and exit\n"
            "\n"
            "Exit status: 0 success, 1 bad input, 2 usage error.\n");
}

/* Shortest decimal that reads back as the same double: deterministic and
 * free of noise digits such as 0.59999999999999998. */
static void fmt_double(char *out, size_t cap, double x)
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(out, cap, "%.*g", prec, x);
        if (strtod(out, NULL) == x)
            return;
    }
}

static int load_file(const char *path, int is_gold, kg_carb_gold *g,
                     kg_carb_pred *p, kg_diag *d)
{
    kg_buf b;
    kg_buf_init(&b);
    int rc = kg_io_read_file(path, &b, d);
    if (rc == 0) {
        const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
        const char *text = b.data ? b.data : "";
        rc = is_gold ? kg_carb_load_gold(g, name, text, b.len, d)
                     : kg_carb_load_pred(p, name, text, b.len, d);
    }
    kg_buf_release(&b);
    return rc;
}

static int write_curve(const char *path, const kg_carb_result *r, kg_diag *d)
{
    kg_buf b;
    kg_buf_init(&b);
    int ok = kg_buf_puts(&b, "threshold\tprecision\trecall\tf1\n") == 0;
    for (size_t i = 0; ok && i < r->npoints; i++) {
        char t[32], p[32], rc[32], f[32];
        fmt_double(t, sizeof t, r->points[i].threshold);
        fmt_double(p, sizeof p, r->points[i].precision);
        fmt_double(rc, sizeof rc, r->points[i].recall);
        fmt_double(f, sizeof f, r->points[i].f1);
        ok = kg_buf_printf(&b, "%s\t%s\t%s\t%s\n", t, p, rc, f) == 0;
    }
    if (!ok) {
        kg_buf_release(&b);
        kg_diag_oom(d, "writing the curve");
        return -1;
    }
    /* A device or pipe (/dev/null, /dev/stdout, a FIFO) is written in
     * place: the atomic temp-and-rename would replace it by a file. */
    struct stat st;
    int rc;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
        !S_ISREG(st.st_mode)) {
        FILE *f = fopen(path, "w");
        rc = f && fwrite(b.data, 1, b.len, f) == b.len ? 0 : -1;
        if (f && fclose(f) != 0)
            rc = -1;
        if (rc < 0)
            kg_diag_error(d, path, 0, 0, "cannot write the curve");
    } else {
        rc = kg_io_write_atomic(path, b.data, b.len, d);
    }
    kg_buf_release(&b);
    return rc;
}

static void print_text(const kg_carb_result *r)
{
    char th[32];
    if (r->npoints)
        fmt_double(th, sizeof th, r->threshold);
    else
        snprintf(th, sizeof th, "none");
    printf("precision   %.4f\n"
           "recall      %.4f\n"
           "f1          %.4f\n"
           "threshold   %s\n"
           "auc         %.4f\n"
           "gold        %zu sentences, %zu tuples\n"
           "predicted   %zu tuples for %zu gold sentences, %zu ignored "
           "(sentence not in gold)\n"
           "thresholds  %zu\n",
           r->precision, r->recall, r->f1, th, r->auc, r->gold_sentences,
           r->gold_tuples, r->pred_tuples, r->pred_sentences, r->pred_ignored,
           r->npoints);
}

static void print_json(const kg_carb_result *r)
{
    char p[32], rc[32], f[32], th[32], auc[32];
    fmt_double(p, sizeof p, r->precision);
    fmt_double(rc, sizeof rc, r->recall);
    fmt_double(f, sizeof f, r->f1);
    fmt_double(auc, sizeof auc, r->auc);
    if (r->npoints)
        fmt_double(th, sizeof th, r->threshold);
    else
        snprintf(th, sizeof th, "null");
    printf("{\"precision\": %s, \"recall\": %s, \"f1\": %s, "
           "\"threshold\": %s, \"auc\": %s, \"gold_sentences\": %zu, "
           "\"gold_tuples\": %zu, \"pred_sentences\": %zu, "
           "\"pred_tuples\": %zu, \"pred_ignored\": %zu, "
           "\"thresholds\": %zu}\n",
           p, rc, f, th, auc, r->gold_sentences, r->gold_tuples,
           r->pred_sentences, r->pred_tuples, r->pred_ignored, r->npoints);
}

int kg_cmd_eval_oie(int argc, char **argv)
{
    static const struct option opts[] = {
        {"gold", required_argument, NULL, 'g'},
        {"curve", required_argument, NULL, 'c'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *gold_path = NULL, *curve_path = NULL;
    int json = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":g:c:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'g':
            gold_path = optarg;
            break;
        case 'c':
            curve_path = optarg;
            break;
        case 'j':
            json = 1;
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        case ':':
            return kg_cli_usage_error(CMD, "option '%s' needs an argument",
                                      argv[optind - 1]);
        default:
            return kg_cli_usage_error(CMD, "unknown option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (!gold_path)
        return kg_cli_usage_error(CMD, "--gold GOLD.tsv is required");
    if (optind == argc)
        return kg_cli_usage_error(CMD, "missing the extractions file "
                                       "(PRED.tsv or '-')");
    if (argc - optind > 1)
        return kg_cli_usage_error(CMD, "one extractions file expected, got "
                                       "%d",
                                  argc - optind);
    const char *pred_path = argv[optind];
    if (strcmp(gold_path, "-") == 0 && strcmp(pred_path, "-") == 0)
        return kg_cli_usage_error(CMD, "the gold and the extractions cannot "
                                       "both be standard input");

    kg_diag d;
    kg_diag_init(&d, stderr);
    int status = KG_EXIT_INPUT;
    kg_carb_result r;
    kg_carb_result_init(&r);
    kg_carb_gold *g = kg_carb_gold_new();
    kg_carb_pred *p = kg_carb_pred_new();
    if (!g || !p) {
        kg_diag_oom(&d, "starting");
        goto done;
    }
    if (load_file(gold_path, 1, g, NULL, &d) < 0 ||
        load_file(pred_path, 0, NULL, p, &d) < 0)
        goto done;
    if (kg_carb_gold_tuples(g) == 0) {
        kg_diag_error(&d, strcmp(gold_path, "-") ? gold_path : "<stdin>", 0,
                      0, "no gold tuples");
        goto done;
    }
    if (kg_carb_score(g, p, &r, &d) < 0)
        goto done;
    if (curve_path && write_curve(curve_path, &r, &d) < 0)
        goto done;
    if (json)
        print_json(&r);
    else
        print_text(&r);
    if (fflush(stdout) != 0) {
        kg_diag_error(&d, NULL, 0, 0, "cannot write standard output");
        goto done;
    }
    status = KG_EXIT_OK;
done:
    if (status != KG_EXIT_OK)
        kg_diag_print(&d, stderr);
    kg_carb_result_release(&r);
    kg_carb_gold_free(g);
    kg_carb_pred_free(p);
    return status;
}
