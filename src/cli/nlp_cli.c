#include "cli/nlp_cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

kg_nlp *kg_cli_load_nlp(const char *models, kg_diag *d)
{
    if (models)
        return kg_nlp_load(models, d);
    char tp[4096], pp[4096];
    if (kg_cli_find_data(KG_NLP_TAGGER_MODEL, tp, sizeof tp) < 0) {
        kg_diag_error(d, tp, 0, 0, "cannot find the tagger model (set KGRAPH_DATA "
                                   "or pass --models)");
        return NULL;
    }
    if (kg_cli_find_data(KG_NLP_PARSER_MODEL, pp, sizeof pp) < 0) {
        kg_diag_error(d, pp, 0, 0, "cannot find the parser model (set KGRAPH_DATA "
                                   "or pass --models)");
        return NULL;
    }
    return kg_nlp_load_files(tp, pp, d);
}

kg_nlp *kg_cli_load_nlp_files(const char *models, const char *tagger,
                              const char *parser, kg_diag *d)
{
    if (tagger)
        return kg_nlp_load_files(tagger, parser, d);
    return kg_cli_load_nlp(models, d);
}

long kg_cli_peak_rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0) {
            char *end;
            long v = strtol(line + 6, &end, 10);
            if (end != line + 6)
                kb = v;
            break;
        }
    fclose(f);
    return kb;
}

double kg_cli_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int kg_cli_int_opt(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int kg_cli_real_opt(const char *s, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    /* !(v >= 0) also refuses NaN */
    if (!*s || *end || !(v >= 0) || v > hi)
        return -1;
    *out = v;
    return 0;
}

int kg_cli_prob_opt(const char *s, double *out)
{
    double v;
    if (kg_cli_real_opt(s, 1, &v) < 0 || v >= 1)
        return -1;
    *out = v;
    return 0;
}

int kg_cli_tagger_opt(const char *cmd, const struct option *opts, int c,
                      const char *s, kg_tagger_opts *o)
{
    const char *name = "?";
    for (size_t i = 0; opts[i].name; i++)
        if (opts[i].val == c)
            name = opts[i].name;
    const char *field = strncmp(name, "tagger-", 7) == 0 ? name + 7 : name;
    long v;
    double x;
    int ok = 0;
    if (strcmp(field, "epochs") == 0 && kg_cli_int_opt(s, 1, 1000, &v) == 0) {
        o->epochs = (int)v;
        ok = 1;
    } else if (strcmp(field, "runs") == 0 && kg_cli_int_opt(s, 1, 100, &v) == 0) {
        o->runs = (int)v;
        ok = 1;
    } else if (strcmp(field, "prune") == 0 && kg_cli_real_opt(s, 1000, &x) == 0) {
        o->prune = (float)x;
        ok = 1;
    } else if (strcmp(field, "dropout") == 0) {
        ok = kg_cli_prob_opt(s, &o->dropout) == 0;
    }
    return ok ? 0 : kg_cli_usage_error(cmd, "bad --%s '%s'", name, s);
}

