/*
 * nlp_cli.h - pieces shared by the NLP commands (parse, eval-ud,
 * train-*): locating the shipped models and reporting resources.
 */
#ifndef KG_NLP_CLI_H
#define KG_NLP_CLI_H

#include <stddef.h>

#include "base/diag.h"
#include "nlp/nlp.h"

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

#endif
