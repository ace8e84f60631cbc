/*
 * store.h - the embedded triple store: a Redland model on a SQLite file.
 *
 * One file holds every article graph as a named graph (a Redland
 * context).  Loading a graph set replaces each of its graphs: the old
 * triples of those graphs are removed and the new ones added inside one
 * SQLite transaction, so a reload never duplicates and a crash or error
 * half-way leaves the old graphs as they were.
 *
 * Redland's sqlite storage has no index on its literals and blanks tables,
 * which makes every insert scan them (loading is quadratic); a writable
 * open adds the two indexes when they are missing.
 *
 * Queries are SPARQL 1.1 (rasqal).  The default graph of a query is the
 * union of all graphs; GRAPH ?g { } sees each graph.  rasqal 0.9.33 can
 * return a cross product when a FILTER sits between triple patterns: put
 * FILTERs last.
 */
#ifndef KG_STORE_STORE_H
#define KG_STORE_STORE_H

#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "store/graphset.h"
#include "store/results.h"

typedef struct kg_store kg_store;

typedef enum kg_store_mode {
    KG_STORE_READ,  /* the file must exist */
    KG_STORE_WRITE, /* created when missing */
} kg_store_mode;

/* Open the store at path.  NULL on error (reason in d). */
kg_store *kg_store_open(const char *path, kg_store_mode mode, kg_diag *d);
void kg_store_free(kg_store *s);

/* Replace every graph of gs (graphs[0] and each named graph) in one
 * transaction.  Literals holding a NUL byte are refused (the sqlite
 * storage cannot keep them).  0 or -1; on -1 nothing changed. */
int kg_store_load(kg_store *s, const kg_graphset *gs, kg_diag *d);

/* Remove one graph.  0 or -1. */
int kg_store_drop_graph(kg_store *s, const char *graph_iri, kg_diag *d);

/* Triples in the whole store, or -1. */
long kg_store_size(kg_store *s);

/* Run a SPARQL 1.1 query.  name is the query's origin for messages (a
 * file name, or "query").  A syntax error is reported as
 * name:line:col: error: <parser message>. */
int kg_store_query(kg_store *s, const char *query, size_t len,
                   const char *name, kg_results *out, kg_diag *d);

/* Where in query the parser stops: locate a rasqal syntax error at the
 * given line (1-based) by parsing growing prefixes of that line.  Returns
 * the byte offset of the offending token's start, or -1.  Exposed for the
 * tests. */
long kg_store_locate_error(kg_store *s, const char *query, size_t len,
                           int line, const char *message);

#endif
