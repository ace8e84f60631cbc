/*
 * input.h - what `kgraph load` and `kgraph push` accept: RDF graph files,
 * and news articles, which are run through extraction first.
 *
 * An article (.txt, or --format article) is extracted on its own into a
 * graph of its own (kg_pipeline, then the RDF writer), and that graph is
 * read back like a graph file: so an article is stored exactly as
 * `kgraph extract ARTICLE -f nt` (or -f nq with graph provenance) would
 * write it, under its schema:NewsArticle IRI.
 */
#ifndef KG_STORE_INPUT_H
#define KG_STORE_INPUT_H

#include <stdbool.h>

#include "base/diag.h"
#include "extract/pipeline.h"
#include "nlp/nlp.h"
#include "store/graphset.h"

typedef struct kg_input {
    const char *ontology; /* for articles; NULL: none found (error then) */
    const kg_nlp *nlp;    /* tagger and parser (borrowed), or NULL */
    const char *base;     /* base IRI for extraction, or NULL */
    int provenance;       /* enum kg_rdf_provenance, for articles */
    kg_pipeline pipe;     /* loaded with the first article */
    bool have_pipe;
} kg_input;

/* nlp (may be NULL: no tags or trees) stays the caller's and must outlive
 * the input. */
void kg_input_init(kg_input *in, const char *ontology, const kg_nlp *nlp,
                   const char *base, int provenance);
void kg_input_release(kg_input *in);

/* Read one input into a freshly initialised graph set.  syntax UNKNOWN:
 * by extension (.txt is an article).  graph_iri may be NULL.  0 or -1. */
int kg_input_read(kg_input *in, const char *path, kg_rdf_syntax syntax,
                  const char *graph_iri, kg_graphset *gs, kg_diag *d);

#endif
