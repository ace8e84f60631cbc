#include "extract/pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "article/token.h"
#include "extract/coref.h"
#include "extract/clause.h"
#include "extract/relate.h"
#include "extract/relation.h"

int kg_pipeline_init(kg_pipeline *p, const char *ontology_path,
                     const kg_nlp *nlp, kg_diag *d)
{
    memset(p, 0, sizeof *p);
    p->nlp = nlp;
    p->ont = kg_ontology_load(ontology_path, d);
    if (!p->ont)
        return -1;
    p->gaz = kg_gazetteer_new(p->ont, d);
    if (!p->gaz) {
        kg_pipeline_release(p);
        return -1;
    }
    return 0;
}

void kg_pipeline_release(kg_pipeline *p)
{
    kg_gazetteer_free(p->gaz);
    kg_ontology_free(p->ont);
    memset(p, 0, sizeof *p);
}

int kg_pipeline_annotate(const kg_pipeline *p, kg_article *a, kg_diag *d)
{
    if (kg_tokenize(a, d) < 0)
        return -1;
    if (p->nlp && kg_nlp_annotate(p->nlp, a, d) < 0)
        return -1;
    return 0;
}

int kg_pipeline_relate(const kg_pipeline *p, kg_article *a, kg_graph *g,
                       kg_diag *d)
{
    int ai = kg_graph_add_article(g, a, d);
    if (ai < 0)
        return -1;
    size_t first_node = g->nnodes;
    kg_mention *m = NULL;
    size_t nm = 0;
    if (kg_mention_find(p->gaz, a, &m, &nm, d) < 0)
        return -1;
    if (kg_coref_resolve(p->ont, a, m, nm, g, d) < 0 ||
        kg_graph_scope_names(g, first_node, d) < 0)
        return -1;
    /* drop mentions that did not become nodes (empty slugs) */
    size_t k = 0;
    for (size_t i = 0; i < nm; i++)
        if (m[i].node >= 0)
            m[k++] = m[i];
    if (!p->nlp) {
        /* no tree to read clauses from: the trigger-window rules */
        if (kg_relation_extract(p->ont, a, m, k, g, (uint32_t)ai, d) < 0)
            return -1;
        return ai;
    }
    kg_clause_list cl;
    kg_clause_list_init(&cl);
    if (kg_clause_extract_all(a, &cl, d) < 0 ||
        kg_relate(p->ont, a, &cl, m, k, g, (uint32_t)ai, &p->relate, d) < 0) {
        kg_clause_list_release(&cl);
        return -1;
    }
    kg_clause_list_release(&cl);
    return ai;
}

int kg_pipeline_extract_article(const kg_pipeline *p, kg_article *a,
                                kg_graph *g, kg_diag *d)
{
    if (kg_pipeline_annotate(p, a, d) < 0)
        return -1;
    return kg_pipeline_relate(p, a, g, d);
}

int kg_pipeline_extract(const kg_pipeline *p, const char *path, kg_graph *g,
                        kg_diag *d)
{
    kg_article a;
    kg_article_init(&a);
    int rc = kg_article_read(&a, path, d);
    if (rc == 0)
        rc = kg_pipeline_extract_article(p, &a, g, d);
    kg_article_release(&a);
    return rc;
}
