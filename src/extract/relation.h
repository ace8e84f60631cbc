/*
 * relation.h - relations between mentions (extraction v0).
 *
 * v0 is a trigger window: an ontology trigger (verb lemma, or title noun)
 * between two mentions of the same sentence.  The dependency-based
 * extractor replaces it; the graph interface stays.
 */
#ifndef KG_RELATION_H
#define KG_RELATION_H

#include <stddef.h>
#include <stdint.h>

#include "article/article.h"
#include "base/diag.h"
#include "extract/mention.h"
#include "graph/graph.h"
#include "ontology/ontology.h"

/* Mentions must already carry their graph nodes (mention->node).  Adds a
 * triple with provenance for every relation found.  Returns 0 or -1. */
int kg_relation_extract(const kg_ontology *o, const kg_article *a,
                        const kg_mention *m, size_t nm, kg_graph *g,
                        uint32_t article_index, kg_diag *d);

/* Best-effort verb lemma for a word form when no lemmatizer ran:
 * writes candidate lemmas ("said" -> "say"; "rejected" -> "reject",
 * "rejecte"), most likely first, separated by NULs, into out; returns the
 * number of candidates. */
size_t kg_relation_lemma_guess(const char *form, size_t len, char *out,
                               size_t cap);

#endif
