/*
 * article.h - a news article in memory: its text, metadata, paragraphs,
 * sentences and tokens.
 *
 * The article owns one arena; every token, sentence, tree and string built
 * for it lives there and is released with kg_article_release().  Tokens and
 * sentences are spans into the original bytes (`text`), never copies:
 * byte offsets serve slicing, code-point offsets serve provenance (NIF
 * beginIndex/endIndex count characters).  Where a token's form differs from
 * its bytes (curly quotes, dashes, non-breaking spaces), `norm` holds the
 * normalised form in the arena; otherwise it is NULL.
 */
#ifndef KG_ARTICLE_H
#define KG_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"

typedef struct kg_span {
    uint32_t start, end; /* byte offsets, [start, end) */
} kg_span;

enum {
    KG_TOK_SPACE_AFTER = 1u << 0, /* whitespace follows in the text */
    KG_TOK_PARA_START = 1u << 1,  /* first token of a paragraph */
};

typedef struct kg_token {
    uint32_t start, end;   /* byte span in article->text */
    uint32_t cstart, cend; /* code-point span */
    const char *norm;      /* normalised form (NUL-terminated) or NULL */
    uint32_t norm_len;
    uint16_t flags;
    /* Filled by the NLP stages (src/nlp); 0 / NULL / -1 until then. */
    uint8_t upos;          /* index into kg_upos_names (nlp/tags.h) */
    uint8_t deprel;        /* index into the parser's label table */
    uint16_t xpos;         /* index into kg_xpos_names (nlp/tags.h) */
    int16_t head;          /* 1-based token index in the sentence, 0 = root,
                              -1 = not parsed */
    uint8_t margin;        /* the parser's confidence in this token's arc,
                              0..255 (nlp/parser.h: KG_PARSER_MARGIN_SURE) */
    const char *lemma;     /* NUL-terminated, arena */
} kg_token;

enum {
    KG_SENT_BODY = 0,
    KG_SENT_TITLE = 1,   /* the headline */
    KG_SENT_HEADING = 2, /* a sub-heading such as "'No Gains'" */
};

typedef struct kg_sentence {
    uint32_t first;        /* index of the first token in article->tokens */
    uint32_t count;        /* number of tokens */
    uint32_t start, end;   /* byte span */
    uint32_t cstart, cend; /* code-point span */
    uint32_t paragraph;    /* index into article->paragraphs, or
                              KG_PARAGRAPH_NONE for the title */
    uint8_t kind;          /* KG_SENT_* */
} kg_sentence;

/* The title is not one of the content paragraphs. */
#define KG_PARAGRAPH_NONE UINT32_MAX

typedef struct kg_article_meta {
    const char *id;        /* front matter "id", else the file's stem */
    const char *title;
    const char *url;
    const char *published; /* as written (ISO 8601 expected) */
    const char *modified;
    const char *source;    /* publisher; also taken from a dateline */
    const char *version;
    const char *rights;    /* a trailing copyright line, e.g. "©2018 ..." */
} kg_article_meta;

typedef struct kg_article {
    kg_arena arena;
    const char *path;      /* as given on the command line ("-" = stdin) */
    char *text;            /* the original bytes, NUL-terminated (arena) */
    size_t len;
    kg_article_meta meta;
    kg_span title;         /* the headline's span (may be empty) */
    kg_span body;          /* content after front matter, before rights */
    kg_span *paragraphs;   /* content paragraphs, title excluded */
    uint32_t nparagraphs;
    kg_token *tokens;
    uint32_t ntokens;
    kg_sentence *sentences;
    uint32_t nsentences;
    int plain;             /* read by kg_article_parse_plain: no title,
                              no sub-headings */
} kg_article;

void kg_article_init(kg_article *a);
void kg_article_release(kg_article *a);

/* Read and check an article file ("-" = stdin): UTF-8 validity, no NUL
 * bytes, not empty, not a directory; front matter, title, dateline,
 * rights line, paragraphs.  Does not tokenize.  0 or -1 (d says why).
 *
 * a must have been initialised; what it held is released first, and after
 * a failure it is empty (text NULL).  A UTF-8 byte-order mark is skipped.
 * Front matter is a YAML mapping between two "---" lines with the keys of
 * kg_article_meta (others are warned about).  Without a front-matter
 * title the first non-blank line is the title.  A dateline such as
 * "(Bloomberg) --" or "SEOUL, Aug 20 (Reuters) -" is cut from the first
 * paragraph (its source becomes meta.source unless front matter gave one);
 * a trailing "©2018 ..." / "(c) 2018 ..." / "Copyright ..." line becomes
 * meta.rights.  Paragraphs are separated by blank lines (white space,
 * U+00A0 included, does not count) and are trimmed. */
int kg_article_read(kg_article *a, const char *path, kg_diag *d);

/* The same from memory; name is used in messages and as the default id. */
int kg_article_parse(kg_article *a, const char *name, const char *data,
                     size_t len, kg_diag *d);

/* A headline fit to print: each run of white space and control
 * characters (C0, DEL, C1: a title came from a file or a JSON string, and
 * "\x1b[1m" in a graph's title would drive the terminal that shows it)
 * becomes one space, and the ends are trimmed.  A copy in arena; NULL
 * when it cannot be allocated. */
char *kg_article_clean_title(kg_arena *arena, const char *s);

/* Plain text, not an article: the same checks, paragraphs on blank lines,
 * but no front matter, title, dateline or rights line (for `kgraph parse`
 * and for evaluating the tokenizer on treebank text). */
int kg_article_parse_plain(kg_article *a, const char *name, const char *data,
                           size_t len, kg_diag *d);

/* The token's form: norm when set, else its bytes. */
static inline const char *kg_token_form(const kg_article *a,
                                        const kg_token *t, uint32_t *len)
{
    if (t->norm) {
        *len = t->norm_len;
        return t->norm;
    }
    *len = t->end - t->start;
    return a->text + t->start;
}

#endif
