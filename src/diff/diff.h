/*
 * diff.h - what a new version of a graph says that the old did not.
 *
 * Two finalized graphs (an article extracted on the fly, or a graph file
 * read back with graphread.h) are compared as facts, not as bytes:
 *
 *  - an entity is its IRI (deterministic: the ontology's, else a slug of
 *    its name); it is added, removed, or changed when its label, its other
 *    names (skos:altLabel) or its class changed.  Concepts (nodes of the
 *    ontology's class Topic: noun phrases that name no entity, "a
 *    difficult balance") are worded, not named: they count only through
 *    the facts they take part in;
 *  - a fact is (subject, relation, object) after the ontology's inverse
 *    and symmetric relations are normalised (the extractor and the reader
 *    both store one direction); where its evidence sits (sentence,
 *    offsets, wording, rule, confidence) is not part of it.  A fact is
 *    changed when its stance changed: negation, attribution (who said it,
 *    or the narrator), modality ("would return" -> "might return") or
 *    hypothesis ("the suggestion that X violates Y" -> "X violates Y").
 *
 * The result lists every entity and fact of either side in canonical
 * order (entities by IRI, facts by subject IRI, relation IRI, object
 * IRI) with its status; the writers (text, stat, RDF Patch, changeset,
 * picture) read it.
 */
#ifndef KG_DIFF_H
#define KG_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "diff/graphread.h"
#include "graph/graph.h"

enum kg_diff_status {
    KG_DIFF_SAME,
    KG_DIFF_ADDED,
    KG_DIFF_REMOVED,
    KG_DIFF_CHANGED,
};

/* What changed in a KG_DIFF_CHANGED item. */
enum {
    KG_DIFF_LABEL = 1u << 0,       /* entity: rdfs:label */
    KG_DIFF_ALIASES = 1u << 1,     /* entity: skos:altLabel */
    KG_DIFF_CLASS = 1u << 2,       /* entity: rdf:type */
    KG_DIFF_NEGATION = 1u << 3,    /* fact: denied <-> affirmed */
    KG_DIFF_ATTRIBUTION = 1u << 4, /* fact: speaker, or narrator */
    KG_DIFF_MODALITY = 1u << 5,    /* fact: might, must, ... */
    KG_DIFF_HYPOTHESIS = 1u << 6,  /* fact: hypothetical <-> asserted */
};

typedef struct kg_diff_item {
    int status;    /* enum kg_diff_status */
    unsigned what; /* KG_DIFF_LABEL ... for a changed item */
    int a, b;      /* index in the old / new graph, -1 when absent */
} kg_diff_item;

typedef struct kg_diff {
    const kg_graph *a, *b; /* old and new; borrowed */
    kg_diff_item *nodes;   /* every entity of either side, by IRI */
    size_t nnodes;
    kg_diff_item *edges;   /* every fact of either side, canonical order */
    size_t nedges;
    size_t node_count[4], edge_count[4]; /* by status */
    /* IRIs naming the two versions: the article IRIs, or, when both sides
     * are the same article, the article IRI + "#v" + the version (else
     * the modification date, else "old" / "new"). */
    const char *iri_a, *iri_b;
    kg_arena arena;
} kg_diff;

/* Compare a (old) and b (new), both finalized and built with the same
 * ontology.  df keeps pointers into both: they must outlive it.  After a
 * failure df holds nothing (no kg_diff_release needed). */
int kg_diff_compute(kg_diff *df, const kg_graph *a, const kg_graph *b,
                    kg_diag *d);
void kg_diff_release(kg_diff *df);

/* true when some entity or fact was added, removed or changed. */
bool kg_diff_differ(const kg_diff *df);

/* The node index in the union graph of kg_diff_union (= the index in
 * df->nodes) of a node of side a (side 0) or b (side 1). */
int kg_diff_union_node(const kg_diff *df, int side, int node);

/* The stance of one piece of evidence, for people: "stated", "not",
 * "might", "according to Kim Eui-keum", "not, according to ...";
 * appended to out. */
int kg_diff_put_stance(kg_buf *out, const kg_graph *g, const kg_prov *p);
/* The distinct stances of a fact's evidence joined with "; ". */
int kg_diff_put_stances(kg_buf *out, const kg_graph *g, const kg_edge *e);

/* Both sides in one graph for the picture: u (initialised by the caller
 * with the same ontology) gets every entity and fact of either side, each
 * fact with the evidence of the version that has it (the new one when
 * both do); statuses are indexed like u's nodes and edges (which are
 * df->nodes and df->edges).  The notes say, for a changed item, what
 * changed ("aliases: +the secretary of state, -Pompeo", "was: might").
 * u borrows strings from both sides; the status and note arrays are
 * allocated in u's arena. */
int kg_diff_union(const kg_diff *df, kg_graph *u, unsigned char **node_status,
                  unsigned char **edge_status, const char ***node_note,
                  const char ***edge_note, kg_diag *d);

/* --- writers (diff_out.c) ------------------------------------------------- */

typedef struct kg_diff_text_options {
    const char *name_a, *name_b; /* how the sides were given (paths) */
    bool verbose; /* offsets, IRIs, every supporting sentence */
    bool color;   /* ANSI colours */
} kg_diff_text_options;

/* The unified diff for people: a "---"/"+++" header naming both sides,
 * then one group per subject entity ("@@ John Bolton (person) @@") with
 * "+", "-" and "~" lines, each fact followed by the sentence that supports
 * it; a summary line at the end.  Nothing at all when the graphs are the
 * same. */
int kg_diff_write_text(const kg_diff *df, const kg_diff_text_options *opt,
                       kg_buf *out, kg_diag *d);

/* Counts: facts added/removed/changed per relation, entities per class. */
int kg_diff_write_stat(const kg_diff *df, const kg_diff_text_options *opt,
                       kg_buf *out, kg_diag *d);

/* RDF Patch: "H id" (new version) and "H prev" (old version), then
 * "TX .", a "D" line for every triple of pa not in pb and an "A" line for
 * every triple of pb not in pa (N-Triples terms, sorted), "TC .".  pa and
 * pb are the two graphs without provenance (graphread.h). */
int kg_diff_write_patch(const kg_diff *df, const kg_ntset *pa,
                        const kg_ntset *pb, kg_buf *out, kg_diag *d);

/* The changeset as RDF: format KG_RDF_TURTLE (every change an
 * rdf:Statement with kg:change "added", "removed" or "changed") or
 * KG_RDF_TRIG (the added and the removed triples as two named graphs;
 * stance changes described in the default graph).  Both say
 * prov:wasRevisionOf from the new version to the old. */
int kg_diff_write_changeset(const kg_diff *df, int format, kg_buf *out,
                            kg_diag *d);

#endif
