/*
 * nlp_cli.h - pieces shared by the NLP commands (parse, eval-ud,
 * train-*): locating the shipped models and reporting resources.
 */
#ifndef KG_NLP_CLI_H
#define KG_NLP_CLI_H

#include <stddef.h>

#include "base/diag.h"
#include "nlp/nlp.h"
#include "nlp/tagger.h"

struct option;

/* Load the models: "PREFIX.tagger.bin" + "PREFIX.parser.bin" (or a
 * directory holding en-ewt.*.bin) when models is given, else the shipped
 * models found with kg_cli_find_data().  NULL on error (d says why). */
kg_nlp *kg_cli_load_nlp(const char *models, kg_diag *d);
/* With explicit files: --tagger (required) and --parser (may be NULL). */
kg_nlp *kg_cli_load_nlp_files(const char *models, const char *tagger,
                              const char *parser, kg_diag *d);

/* Peak resident set size of this process in kB (VmHWM), or -1. */
long kg_cli_peak_rss_kb(void);

double kg_cli_seconds(void);

/* The trainers' numeric options: 0 and *out set when s is a whole number
 * in [lo, hi] (kg_cli_int_opt), a number in [0, hi] (kg_cli_real_opt:
 * --prune) or a probability below 1 (kg_cli_prob_opt: --dropout), -1
 * when it is not. */
int kg_cli_int_opt(const char *s, long lo, long hi, long *out);
int kg_cli_real_opt(const char *s, double hi, double *out);
int kg_cli_prob_opt(const char *s, double *out);

/* A tagger training option, train-tagger's own (--epochs, --prune,
 * --dropout, --runs) or train-parser's for its fold taggers (the same
 * with "tagger-" before): the option getopt_long returned as c, found in
 * opts by that value, sets its field of o from s.  0, or the usage
 * error's exit status ("bad --NAME 'S'"). */
int kg_cli_tagger_opt(const char *cmd, const struct option *opts, int c,
                      const char *s, kg_tagger_opts *o);

#endif
