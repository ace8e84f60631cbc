/*
 * nlp.h - the NLP pipeline: tagger (XPOS, UPOS), lemmatizer and dependency
 * parser over an article's sentences.
 *
 *     kg_nlp *m = kg_nlp_load("models/en-ewt", &d); // *.tagger.bin, *.parser.bin
 *     ...kg_article_read + kg_tokenize...
 *     kg_nlp_annotate(m, &article, &d);            // upos/xpos/lemma/head/deprel
 *     kg_nlp_free(m);
 *
 * The loaded models are read-only: one kg_nlp can serve any number of
 * threads at once (each call works in memory of its own, which kg_nlp
 * keeps for the next call; a kg_nlp made with calloc() is a valid empty
 * pool).
 */
#ifndef KG_NLP_H
#define KG_NLP_H

#include <stdatomic.h>

#include "article/article.h"
#include "base/diag.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"

typedef struct kg_nlp_work kg_nlp_work;

/* Idle working memories kept between calls (one per thread that called at
 * the same time, up to this many). */
#define KG_NLP_SPARE 8

typedef struct kg_nlp {
    kg_tagger tagger;
    kg_parser parser;
    int has_parser;
    double load_seconds;
    _Atomic(kg_nlp_work *) spare[KG_NLP_SPARE]; /* NULL = empty */
} kg_nlp;

/* Default model names; commands find them with kg_cli_find_data() and pass
 * the tagger's path minus ".tagger.bin" as the prefix. */
#define KG_NLP_TAGGER_MODEL "models/en-ewt.tagger.bin"
#define KG_NLP_PARSER_MODEL "models/en-ewt.parser.bin"

/* Load "<prefix>.tagger.bin" and "<prefix>.parser.bin", or, when
 * dir_or_prefix is a directory, "<dir>/en-ewt.tagger.bin" and
 * "<dir>/en-ewt.parser.bin".  NULL on error (d says why). */
kg_nlp *kg_nlp_load(const char *dir_or_prefix, kg_diag *d);
/* Load from two explicit paths; parser_path may be NULL (tagging and
 * lemmas only; heads stay -1). */
kg_nlp *kg_nlp_load_files(const char *tagger_path, const char *parser_path,
                          kg_diag *d);
void kg_nlp_free(kg_nlp *m);

/* Fill upos, xpos, lemma (in the article's arena), head and deprel of every
 * token of every sentence.  0, or -1 (out of memory). */
int kg_nlp_annotate(const kg_nlp *m, kg_article *a, kg_diag *d);

/* Only the tagger (upos, xpos); for benchmarks. */
int kg_nlp_tag(const kg_nlp *m, kg_article *a, kg_diag *d);

#endif
