/*
 * rdf.h - the graph and the ontology as RDF: Turtle, N-Triples, N-Quads,
 * TriG.
 *
 * The output holds the articles (schema:NewsArticle), the run that built
 * the graph (prov:Activity, its inputs and the kgraph agent), every entity
 * (typed, labelled, alternative labels, owl:sameAs) and every fact.  A fact
 * is asserted in the default graph only when at least one piece of its
 * evidence is plain (neither negated nor attributed to a speaker); every
 * piece of evidence is described with deterministic IRIs (the edge's IRI +
 * "-" + 1-based index), either as an rdf:Statement (reify) or as a named
 * graph holding the triple (graphs).  There are no blank nodes, no
 * timestamps and no absolute paths: the same graph gives the same bytes.
 *
 * IRIs that kgraph did not mint (ontology IRIs, article URLs) are checked:
 * characters that may not appear in an IRI are percent-encoded, and an
 * article URL that is not a valid absolute IRI is written as a literal.
 * Text that is not valid UTF-8 has the bad bytes replaced by U+FFFD.
 */
#ifndef KG_RDF_H
#define KG_RDF_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/diag.h"
#include "graph/graph.h"
#include "ontology/ontology.h"

enum kg_rdf_format {
    KG_RDF_TURTLE,
    KG_RDF_NTRIPLES,
    KG_RDF_NQUADS,
    KG_RDF_TRIG,
};

enum kg_rdf_provenance {
    KG_PROV_MODE_DEFAULT, /* reify for Turtle/N-Triples, graphs otherwise */
    KG_PROV_MODE_REIFY,   /* rdf:Statement per piece of evidence */
    KG_PROV_MODE_GRAPHS,  /* named graph per piece of evidence (N-Quads,
                             TriG only) */
    KG_PROV_MODE_NONE,    /* facts, entities and articles only */
};

typedef struct kg_rdf_options {
    int format;               /* enum kg_rdf_format */
    int provenance;           /* enum kg_rdf_provenance */
    const char *tool_version; /* schema:softwareVersion; NULL = KG_VERSION */
    bool include_schema;      /* also describe the ontology (as
                                 kg_rdf_write_schema does) */
    bool article_graphs;      /* N-Quads, TriG: every statement in the
                                 named graph of the graph's one article
                                 (a store replaces an article as a whole);
                                 provenance is then reified (or none) */
    bool raptor_ntriples;     /* N-Triples and N-Quads through raptor
                                 rather than kgraph's own writer (the same
                                 bytes; tests compare them) */
} kg_rdf_options;

/* Turtle, default provenance, this kgraph's version, no schema. */
void kg_rdf_options_init(kg_rdf_options *opt);

/* Append the graph to out.  g must be finalized (kg_graph_finalize).
 * Fails (-1, d says why) on an unfinalized graph, graphs provenance with
 * a format that has no named graphs, or when raptor or memory fails. */
int kg_rdf_write(const kg_graph *g, const kg_rdf_options *opt, kg_buf *out,
                 kg_diag *d);

/* Statements of several graphs (kgraph build): each graph is described
 * as kg_rdf_write would, and each statement is kept once, in the order it
 * first appeared, so the same graphs added in the same order give the
 * same bytes.  A set is used by one thread at a time; kg_rdf_set_write
 * uses raptor only for Turtle. */
typedef struct kg_rdf_set kg_rdf_set;

/* An empty set with the prefixes of o and base (as kg_graph_init resolves
 * it).  copy: the set keeps its own copy of every string, so graphs and
 * sets added to it may be freed afterwards; otherwise they must outlive
 * it.  d (kept) receives errors.  NULL on OOM. */
kg_rdf_set *kg_rdf_set_new(const kg_ontology *o, const char *base, bool copy,
                           kg_diag *d);
void kg_rdf_set_free(kg_rdf_set *s);
/* Add what kg_rdf_write(g, opt) would write (opt->format matters only for
 * the provenance default and article graphs).  0 or -1. */
int kg_rdf_set_add_graph(kg_rdf_set *s, const kg_graph *g,
                         const kg_rdf_options *opt);
/* Add every statement of src.  0 or -1 (OOM). */
int kg_rdf_set_merge(kg_rdf_set *s, const kg_rdf_set *src);
size_t kg_rdf_set_count(const kg_rdf_set *s);
/* Append the statements in format.  0 or -1. */
int kg_rdf_set_write(kg_rdf_set *s, int format, kg_buf *out);

/* Append the ontology as RDFS/OWL: owl:Class with rdfs:subClassOf (is_a
 * and mixins), owl:ObjectProperty with domain, range, inverse, symmetry,
 * rdfs:subPropertyOf; annotations as kg:<key> literals (schema.org
 * equivalents as skos:closeMatch); entities typed and labelled. */
int kg_rdf_write_schema(const kg_ontology *o, int format, kg_buf *out,
                        kg_diag *d);

/* true when iri is an absolute IRI that every syntax accepts as it is,
 * which the writers then write unchanged (others are repaired). */
bool kg_rdf_iri_valid(const char *iri);

/* "ttl"/"turtle", "nt"/"ntriples"/"n-triples", "nq"/"nquads"/"n-quads",
 * "trig" -> enum kg_rdf_format; -1 when unknown. */
int kg_rdf_format_parse(const char *name);
/* The format a file name's extension implies (".ttl", ".nt", ".nq",
 * ".trig"), or -1. */
int kg_rdf_format_from_path(const char *path);
/* "ttl", "nt", "nq", "trig". */
const char *kg_rdf_format_ext(int format);
/* "default", "reify", "graphs", "none" -> enum kg_rdf_provenance; -1. */
int kg_rdf_provenance_parse(const char *name);

/* The vocabulary kgraph uses for its own terms when the ontology does not
 * bind the prefix "kg". */
#define KG_RDF_KG_NS "http://example.org/kgraph/ns#"

#endif
