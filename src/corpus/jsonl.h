/*
 * jsonl.h - articles as JSON Lines records (kgraph build reads them from
 * standard input or from *.jsonl files).
 *
 * One record a line:
 *
 *     {"id": "au-free-trade", "title": "...", "text": "...", "url": "...",
 *      "published": "2019-07-10", "modified": "...", "version": 2}
 *
 * "text" is required; the other keys are optional, may also be null, and
 * "id" and "version" may be numbers.  Other keys are ignored, whatever
 * their value.  The record stands for the article file "TITLE\n\nTEXT"
 * with the other fields as its front matter, so character offsets count
 * from the start of the title; without a title the text's first line is
 * the headline, as in a file.  Without an id the article is named after
 * its text ("text-" and 16 hex digits of a hash), so that independent
 * runs agree on its IRI.
 */
#ifndef KG_JSONL_H
#define KG_JSONL_H

#include <stddef.h>

#include "article/article.h"
#include "base/arena.h"
#include "base/diag.h"

typedef struct kg_jsonl_record {
    const char *id, *title, *text, *url, *published, *modified, *version,
        *source;
    size_t text_len;
} kg_jsonl_record;

/* Parse one line (len bytes, without its newline; a trailing CR is
 * ignored) into r, strings in arena.  Errors name the line and column:
 * "NAME:LINE:COL: error: ...".  Returns 1 for a record, 0 for a blank
 * line, -1 on error. */
int kg_jsonl_parse(const char *line, size_t len, kg_arena *arena,
                   kg_jsonl_record *r, const char *name, unsigned long lineno,
                   kg_diag *d);

/* Read the article a record stands for (see above); name is used in
 * messages and as the article's path.  0 or -1 (d says why). */
int kg_jsonl_article(const kg_jsonl_record *r, kg_article *a,
                     const char *name, kg_diag *d);

#endif
