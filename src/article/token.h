/*
 * token.h - tokenizer and sentence splitter (UD/PTB conventions).
 *
 * Fills article->tokens and article->sentences (in the article's arena)
 * from the title span and the paragraph spans found by the reader.  Tokens
 * are byte and code-point spans into the original text; `norm` is set when
 * the form differs from the bytes (curly quotes -> ASCII, and so on).
 */
#ifndef KG_TOKEN_H
#define KG_TOKEN_H

#include "article/article.h"
#include "base/diag.h"

/* No sentence is longer than this many tokens: longer runs are cut, so
 * downstream stages have a bound. */
#define KG_SENTENCE_MAX_TOKENS 10000

/* Tokens and sentences of the title and the paragraphs, replacing any
 * earlier ones.  The title is one sentence of kind KG_SENT_TITLE; a short
 * one-line paragraph without sentence-final punctuation is one sentence of
 * kind KG_SENT_HEADING (not in plain text).  Norms: curly quotes -> ' and
 * ", em and en dashes -> "--" (unambiguous for an EWT-trained tagger,
 * where "-" is mostly a hyphen), "…" -> "...", "’s" -> "'s", "n’t" ->
 * "n't".  0, or -1 when memory runs out. */
int kg_tokenize(kg_article *a, kg_diag *d);

/* Options for kg_tokenize_opts. */
enum {
    /* Split hyphenated words as UD English EWT does ("15 - year",
     * "al - Qaeda"), except after prefixes EWT keeps ("e-mail",
     * "non-human") and in phone numbers.  Off by default: names such as
     * "Jae-in" and words such as "inter-Korean" then stay whole. */
    KG_TOKENIZE_SPLIT_HYPHENS = 1u << 0,
};

int kg_tokenize_opts(kg_article *a, unsigned opts, kg_diag *d);

#endif
