/*
 * pipeline.h - the main job: article file -> tokens -> tags and trees ->
 * mentions -> entities -> relations -> graph.
 *
 * A pipeline holds what is loaded once per run and shared read-only by
 * every article: the ontology, its gazetteer and the NLP models.  Nothing
 * in it changes while articles are extracted, so threads may extract
 * articles at once, each into its own graph (kgraph build does).
 */
#ifndef KG_PIPELINE_H
#define KG_PIPELINE_H

#include "base/diag.h"
#include "extract/mention.h"
#include "extract/relate.h"
#include "graph/graph.h"
#include "nlp/nlp.h"
#include "ontology/ontology.h"

typedef struct kg_pipeline {
    kg_ontology *ont;
    kg_gazetteer *gaz;
    const kg_nlp *nlp; /* borrowed; NULL: no tags, lemmas or trees */
    kg_relate_options relate; /* --strict, --explain */
} kg_pipeline;

/* Load the ontology and build its gazetteer; nlp (may be NULL) stays the
 * caller's and must outlive the pipeline.  0 or -1. */
int kg_pipeline_init(kg_pipeline *p, const char *ontology_path,
                     const kg_nlp *nlp, kg_diag *d);
void kg_pipeline_release(kg_pipeline *p);

/* Read the article at path ("-" = stdin) and add what it says to g.
 * Returns the article's index in g, or -1 (d says why; g may then hold a
 * partial article and should be discarded by callers that need
 * all-or-nothing output). */
int kg_pipeline_extract(const kg_pipeline *p, const char *path, kg_graph *g,
                        kg_diag *d);

/* The same for an article already read (kg_article_read or _parse). */
int kg_pipeline_extract_article(const kg_pipeline *p, kg_article *a,
                                kg_graph *g, kg_diag *d);

/* The two halves of kg_pipeline_extract_article, for callers that time
 * them: tokens, tags, lemmas and trees; then mentions, entities and
 * relations into g (returns the article's index in g, or -1). */
int kg_pipeline_annotate(const kg_pipeline *p, kg_article *a, kg_diag *d);
int kg_pipeline_relate(const kg_pipeline *p, kg_article *a, kg_graph *g,
                       kg_diag *d);

#endif
