/*
 * input.h - what `kgraph load` and `kgraph push` accept: RDF graph files,
 * and news articles (.txt) when the extraction pipeline is built in.
 */
#ifndef KG_STORE_INPUT_H
#define KG_STORE_INPUT_H

#include "base/diag.h"
#include "store/graphset.h"

/* Read one input into a freshly initialised graph set.  A .txt path is an
 * article: it is run through extraction (kg_input_can_extract() says
 * whether this build can); anything else is parsed as a graph file in
 * syntax (UNKNOWN: by extension).  graph_iri may be NULL.  0 or -1. */
int kg_input_read(const char *path, kg_rdf_syntax syntax,
                  const char *graph_iri, kg_graphset *gs, kg_diag *d);

/* 1 when .txt articles can be read (extraction is built in). */
int kg_input_can_extract(void);

#endif
