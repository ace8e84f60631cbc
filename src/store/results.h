/*
 * results.h - SPARQL query results as plain data, and their formats.
 *
 * A query gives variable bindings (SELECT), a boolean (ASK) or triples
 * (CONSTRUCT, DESCRIBE).  kg_results holds any of the three with the
 * store's foreign objects already converted, so formatting is plain C and
 * testable on its own.
 *
 * Formats (bindings):
 *   table  aligned columns for people: terms in N-Triples/Turtle form
 *          (numbers and booleans bare, XML Schema datatypes as xsd:),
 *          control characters escaped so a row stays on one line,
 *          "(N rows)" at the end;
 *   csv    SPARQL 1.1 Query Results CSV: header of names, IRIs and
 *          literals as bare text, blank nodes as _:label, RFC 4180
 *          quoting, CRLF line ends;
 *   tsv    SPARQL 1.1 Query Results TSV: header of ?names, terms in
 *          Turtle form (numbers and booleans bare), LF line ends;
 *   json   SPARQL 1.1 Query Results JSON ("head"/"results"/"bindings",
 *          types uri, literal with xml:lang or datatype, bnode).
 * A boolean is "true"/"false" on a line, or {"head": {}, "boolean": b}
 * in JSON.  Triples are always written as N-Triples.
 */
#ifndef KG_STORE_RESULTS_H
#define KG_STORE_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "store/graphset.h"

typedef enum kg_results_format {
    KG_RESULTS_TABLE,
    KG_RESULTS_CSV,
    KG_RESULTS_TSV,
    KG_RESULTS_JSON,
} kg_results_format;

/* "table", "csv", "tsv", "json"; returns 0, or -1 for anything else. */
int kg_results_format_from_name(const char *name, kg_results_format *out);

typedef enum kg_results_kind {
    KG_RESULTS_BINDINGS,
    KG_RESULTS_BOOLEAN,
    KG_RESULTS_GRAPH,
} kg_results_kind;

typedef struct kg_results {
    kg_arena arena;          /* variable names and term strings */
    kg_results_kind kind;
    const char **vars;       /* without '?' */
    size_t nvars;
    kg_term *cells;          /* nrows * nvars; value NULL = unbound */
    size_t nrows, caprows;
    bool boolean;
    kg_triple *triples;      /* KG_RESULTS_GRAPH */
    size_t ntriples, captriples;
} kg_results;

void kg_results_init(kg_results *r, kg_results_kind kind);
void kg_results_release(kg_results *r);

/* Copy a variable name (before any row is added).  0 or -1 (OOM). */
int kg_results_add_var(kg_results *r, const char *name);
/* A new row of nvars unbound cells; NULL on OOM.  Fill cells with
 * kg_results_set. */
kg_term *kg_results_add_row(kg_results *r);
/* Copy t's strings into the results' arena and store it in *cell. */
int kg_results_set(kg_results *r, kg_term *cell, const kg_term *t);
/* Append a triple (strings copied). */
int kg_results_add_triple(kg_results *r, const kg_triple *t);

/* Format all results into out (appended).  0 or -1 (OOM). */
int kg_results_write(const kg_results *r, kg_results_format fmt,
                     kg_buf *out);

/* A term as the table and TSV show it (Turtle form, numbers bare). */
int kg_results_write_term(kg_buf *b, const kg_term *t);

#endif
