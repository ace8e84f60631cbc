/*
 * graphset.h - an RDF graph file read into plain C terms, grouped by graph.
 *
 * `kgraph load` and `kgraph push` both start here: a Turtle, N-Triples,
 * N-Quads or TriG file is parsed (raptor) into kg_term triples that belong
 * to nothing foreign, so the store and the HTTP client can use them
 * without sharing a library's object model.
 *
 * Graphs.  graphs[0] is the article graph: every triple of the file's
 * default graph goes there.  Its IRI is, in order of preference, the one
 * the caller gives (--graph), the one subject typed schema:NewsArticle
 * (http or https schema.org) in the file, or the file's own file:// IRI.
 * Named graphs of an N-Quads/TriG file keep their names (graphs[1..]); a
 * named graph with the article graph's IRI is merged into graphs[0].
 *
 * Within a graph duplicate triples are kept once, in first-seen order.
 * Blank node labels are rewritten to "b<16 hex>_<label>", the hex being a
 * hash of the file's text and the article graph's IRI, so blank nodes of
 * two inputs never meet in a store, and the same input always gives the
 * same labels.
 */
#ifndef KG_STORE_GRAPHSET_H
#define KG_STORE_GRAPHSET_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"

typedef enum kg_rdf_syntax {
    KG_SYNTAX_UNKNOWN = 0,
    KG_SYNTAX_TURTLE,
    KG_SYNTAX_NTRIPLES,
    KG_SYNTAX_NQUADS,
    KG_SYNTAX_TRIG,
    KG_SYNTAX_ARTICLE, /* not RDF: a news article for extraction (input.h) */
} kg_rdf_syntax;

/* "turtle"/"ttl", "ntriples"/"nt", "nquads"/"nq", "trig", and
 * "article"/"txt"; else UNKNOWN. */
kg_rdf_syntax kg_rdf_syntax_from_name(const char *name);
/* By extension: .ttl .nt .nq .trig, .txt (case-insensitive); else
 * UNKNOWN. */
kg_rdf_syntax kg_rdf_syntax_from_path(const char *path);

typedef enum kg_term_kind {
    KG_TERM_IRI,
    KG_TERM_BLANK,
    KG_TERM_LITERAL,
} kg_term_kind;

typedef struct kg_term {
    kg_term_kind kind;
    const char *value;    /* IRI, blank label or lexical form (UTF-8) */
    size_t len;           /* bytes in value */
    const char *lang;     /* literal language tag, or NULL */
    const char *datatype; /* literal datatype IRI, or NULL */
} kg_term;

typedef struct kg_triple {
    kg_term s, p, o;
} kg_triple;

typedef struct kg_rdf_graph {
    const char *iri;
    kg_triple *triples;
    size_t ntriples, cap;
} kg_rdf_graph;

typedef struct kg_graphset {
    kg_arena arena;          /* every string of every term */
    const char *source;      /* the path as given, "-" for stdin */
    const char *article_iri; /* the schema:NewsArticle subject, or NULL */
    kg_rdf_graph *graphs;    /* [0] is the article graph */
    size_t ngraphs, capgraphs;
    /* duplicate check: open addressing over (graph, triple) hashes */
    uint64_t *seen_hash;
    uint32_t *seen_graph, *seen_index;
    size_t seen_cap, seen_count;
} kg_graphset;

void kg_graphset_init(kg_graphset *gs);
void kg_graphset_release(kg_graphset *gs);

/* Parse len bytes of text.  source names the input in messages; base_iri
 * resolves relative IRIs and is the article graph's IRI of last resort
 * (NULL: then a file without --graph or a NewsArticle is an error).
 * graph_iri (may be NULL) names the article graph.  Errors carry
 * source:line:col.  The graph set must be freshly initialised. */
int kg_graphset_parse(kg_graphset *gs, const char *text, size_t len,
                      kg_rdf_syntax syntax, const char *source,
                      const char *base_iri, const char *graph_iri,
                      kg_diag *d);

/* Read and parse a file ("-" = stdin).  syntax UNKNOWN: from the
 * extension.  The base IRI is the file's file:// IRI. */
int kg_graphset_read_file(kg_graphset *gs, const char *path,
                          kg_rdf_syntax syntax, const char *graph_iri,
                          kg_diag *d);

/* Triples in all graphs. */
size_t kg_graphset_size(const kg_graphset *gs);

/* The file:// IRI of a path (made absolute), percent-encoded; NULL on
 * OOM or an unresolvable path.  free() it. */
char *kg_graphset_file_iri(const char *path);

/* Where a parser's message points on a line it names but without a
 * column: the byte offset of the first occurrence on that line (1-based)
 * of the token quoted in the message ('x' or "x"), or of its leading
 * upper-case words ("INSERT DATA can only..."); else the line's first
 * non-blank character; -1 if text has no such line. */
long kg_text_guess_offset(const char *text, size_t len, int line,
                          const char *message);

/* A term in N-Triples syntax (ASCII controls, quote and backslash
 * escaped; other UTF-8 kept). */
int kg_term_write_nt(kg_buf *b, const kg_term *t);
/* One graph as N-Triples, one triple a line. */
int kg_rdf_graph_write_nt(kg_buf *b, const kg_rdf_graph *g);

#endif
