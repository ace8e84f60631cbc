/*
 * graphread.h - a graph file that kgraph wrote (Turtle, N-Triples,
 * N-Quads, TriG) read back into a kg_graph.
 *
 * The reader understands exactly the vocabulary src/write/rdf.c writes:
 * articles (schema:NewsArticle and their description), entities (typed,
 * rdfs:label, skos:altLabel), asserted facts in the default graph, and the
 * evidence of each fact, reified (rdf:Statement with rdf:subject,
 * rdf:predicate, rdf:object) or as a named graph holding the triple, with
 * nif:anchorOf/beginIndex/endIndex, kg:sentence, kg:rule, kg:confidence,
 * kg:negated, kg:attributed, kg:modality, kg:tense, kg:time, kg:place,
 * sem:accordingTo and prov:wasDerivedFrom.  kgraph's own terms are
 * recognised by their local names, so a file written under another "kg"
 * namespace reads the same.  The run, the agent and the ontology files are
 * skipped.
 *
 * Relations are looked up in the graph's ontology by IRI: an ontology
 * relation gets its index and label, and is normalised as the extractor
 * does (one direction per inverse pair, symmetric relations with the
 * smaller IRI as subject).  Classes and ontology entities are looked up
 * by IRI too.  Anything else keeps what the file says (an open relation's
 * rdfs:label, else its IRI's last segment).
 *
 * Besides the graph, the reader returns the file's triples without
 * provenance as N-Triples lines (what `kgraph extract -p none` would
 * write): the material of an RDF Patch.
 */
#ifndef KG_GRAPHREAD_H
#define KG_GRAPHREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "graph/graph.h"

/* A sorted set of N-Triples statements, each "S P O" without the final
 * " ." (terms in N-Triples syntax); "S P O G" for a statement in a named
 * graph.  The reader fills it with the graph without provenance, or, when
 * the caller set with_provenance after kg_ntset_init, with every
 * statement of the file. */
typedef struct kg_ntset {
    kg_arena arena;
    const char **v;
    size_t n;
    bool with_provenance;
} kg_ntset;

void kg_ntset_init(kg_ntset *s);
void kg_ntset_release(kg_ntset *s);
/* true if line (as stored) is in the set. */
bool kg_ntset_has(const kg_ntset *s, const char *line);

/* Read RDF text (format: enum kg_rdf_format) named name (for messages)
 * into g, which must be freshly initialised (kg_graph_init) with the
 * ontology to look terms up in; g is finalized on success.  plain may be
 * NULL.  A syntax error gives "name:line:col: error: <raptor's message>";
 * text that is not UTF-8, or holds a NUL byte, is refused the same way.
 * Returns 0 or -1. */
int kg_graphread(const char *name, const char *data, size_t len, int format,
                 kg_graph *g, kg_ntset *plain, kg_diag *d);

/* The same for a file; the format comes from the extension (.ttl, .nt,
 * .nq, .trig) unless format >= 0. */
int kg_graphread_file(const char *path, int format, kg_graph *g,
                      kg_ntset *plain, kg_diag *d);

#endif
