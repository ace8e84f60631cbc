/*
 * conllu.h - CoNLL-U reader and writer (UD format, 10 tab-separated
 * columns).
 *
 * The reader keeps what kgraph trains and evaluates on: FORM, LEMMA, UPOS,
 * XPOS, HEAD, DEPREL (basic), SpaceAfter=No from MISC, multiword-token
 * ranges (for raw-text evaluation) and the "# sent_id", "# text",
 * "# newdoc" and "# newpar" comments.  Empty nodes (ID "3.1") are skipped.
 * A malformed line is reported as "file:line: error: what is wrong".
 */
#ifndef KG_CONLLU_H
#define KG_CONLLU_H

#include <stddef.h>
#include <stdint.h>

#include "article/article.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"

typedef struct kg_cword {
    const char *form, *lemma; /* arena; lemma "_" when not given */
    uint16_t xpos;
    uint8_t upos, deprel;
    int16_t head;             /* 0 = root, -1 = "_" */
    uint8_t space_after;      /* 0 when MISC has SpaceAfter=No */
} kg_cword;

typedef struct kg_cmwt {      /* multiword token "4-5 don't" */
    uint32_t first, last;     /* word indices in kg_conllu.words */
    const char *form;
    uint8_t space_after;
} kg_cmwt;

typedef struct kg_csent {
    uint32_t first, count;    /* words[first .. first+count) */
    uint32_t mwt_first, nmwt; /* mwts[mwt_first .. +nmwt) */
    const char *sent_id;      /* NULL when absent */
    const char *text;         /* "# text = ..." or NULL */
    uint8_t newdoc, newpar;
    uint32_t line;            /* first line of the sentence */
} kg_csent;

typedef struct kg_conllu {
    kg_arena arena;
    kg_cword *words;
    size_t nwords, capwords;
    kg_csent *sents;
    size_t nsents, capsents;
    kg_cmwt *mwts;
    size_t nmwts, capmwts;
} kg_conllu;

void kg_conllu_init(kg_conllu *c);
void kg_conllu_release(kg_conllu *c);

/* Parse CoNLL-U text (name is used in messages).  Appends to c. */
int kg_conllu_parse(kg_conllu *c, const char *name, const char *data,
                    size_t len, kg_diag *d);
/* Read a file ("-" = stdin). */
int kg_conllu_read(kg_conllu *c, const char *path, kg_diag *d);

/* Build an article whose tokens are the words of sentences [first, first+n)
 * of c (gold tokenization): text = the forms joined by single spaces,
 * one sentence per CoNLL-U sentence, paragraphs from "# newpar".  a must be
 * freshly initialised (kg_article_init or zeroed + arena init). */
int kg_conllu_to_article(const kg_conllu *c, size_t first, size_t n,
                         kg_article *a, kg_diag *d);

/* Write an annotated article as CoNLL-U: "# newdoc id", "# newpar",
 * "# sent_id = DOCID-N", "# text = ...", and 10 columns per token. */
int kg_conllu_write_article(kg_buf *out, const kg_article *a,
                            const char *doc_id);

#endif
