/*
 * diag.h - diagnostics: the first error is kept whole, the rest are counted.
 *
 * Nothing below main() prints or exits on error.  A function that fails
 * returns -1 (or NULL) and records why in a kg_diag.  Messages follow the
 * compiler convention
 *
 *     file:line:col: error: what is wrong
 *
 * lowercase, the subject in quotes.  Positions are computed from byte
 * offsets only when a message is reported (kg_diag_error_at).  Like SQLite,
 * only the first error is kept verbatim; later ones are counted, because
 * the first is the one that explains the others.  Warnings are written as
 * they happen to warn_out (NULL drops them) and counted.
 */
#ifndef KG_DIAG_H
#define KG_DIAG_H

#include <stddef.h>
#include <stdio.h>

#define KG_DIAG_MSG_MAX 1024

typedef struct kg_diag {
    char first[KG_DIAG_MSG_MAX]; /* first error, formatted, no newline */
    unsigned nerrors;
    unsigned nwarnings;
    FILE *warn_out;
} kg_diag;

void kg_diag_init(kg_diag *d, FILE *warn_out);
/* Forget all errors and warnings (keeps warn_out). */
void kg_diag_reset(kg_diag *d);

/* file may be NULL (message starts "kgraph: error: "); line/col 0 are
 * omitted. */
void kg_diag_error(kg_diag *d, const char *file, int line, int col,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void kg_diag_warning(kg_diag *d, const char *file, int line, int col,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Same, with the position given as a byte offset into text. */
void kg_diag_error_at(kg_diag *d, const char *file, const char *text,
                      size_t len, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void kg_diag_warning_at(kg_diag *d, const char *file, const char *text,
                        size_t len, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Out of memory, with what was being allocated. */
void kg_diag_oom(kg_diag *d, const char *what);
/* 1 if the first error is kg_diag_oom's: a caller that reads a failure
 * into a scratch kg_diag and would report it its own way ("cannot read
 * imported file", "matches nothing") must pass running out of memory on
 * as what it is. */
int kg_diag_is_oom(const kg_diag *d);

/* 1-based line and column (in Unicode code points) of a byte offset.
 * A CR LF pair counts as one line end. */
void kg_diag_linecol(const char *text, size_t len, size_t offset, int *line,
                     int *col);

/* Add from's errors and warnings to d's, as if they had been reported to
 * d after d's own (from's first error is d's first only if d had none). */
void kg_diag_add(kg_diag *d, const kg_diag *from);

/* Print the first error and, if there were more, a line counting them:
 *     kgraph: 3 more errors not shown
 * Returns the number of errors. */
unsigned kg_diag_print(const kg_diag *d, FILE *out);

#endif
