/*
 * graph_fixture.h - hand-built ontologies and graphs for writer tests.
 *
 * kg_fixture_ontology() builds a small news ontology in memory (classes
 * with DOT styles, relations with an inverse and a symmetric one), so
 * writer tests do not depend on the YAML loader.  The graph builders fill
 * an initialised kg_graph and finalize it.
 */
#ifndef KG_GRAPH_FIXTURE_H
#define KG_GRAPH_FIXTURE_H

#include "graph/graph.h"

kg_ontology *kg_fixture_ontology(void);
void kg_fixture_ontology_free(kg_ontology *o);

/* Class / relation index by name in a fixture ontology (asserts it exists
 * by returning -1 otherwise). */
int kg_fixture_class(const kg_ontology *o, const char *name);
int kg_fixture_relation(const kg_ontology *o, const char *name);

/* The Korea liaison-office article: ~30 entities of mixed classes, ~40
 * relations, some attributed or negated, some with several sentences, two
 * entities without relations. */
int kg_fixture_korea(kg_graph *g, kg_diag *d);
/* Three people, two relations, one isolated node. */
int kg_fixture_tiny(kg_graph *g, kg_diag *d);
/* Labels and sentences with quotes, backslashes, <>&, newlines, control
 * characters, emoji, RTL text and invalid UTF-8. */
int kg_fixture_hostile(kg_graph *g, kg_diag *d);

#endif
