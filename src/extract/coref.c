#include "extract/coref.h"

#include <string.h>

/* Name parts seen so far in one article: "Kim" -> the node of the last
 * person whose name contains the token "Kim".  Recency decides between
 * several Kims (v0; the coreference stage refines it). */
typedef struct name_parts {
    kg_strmap map; /* token form -> node */
} name_parts;

static int remember_parts(name_parts *np, const kg_article *a,
                          const kg_mention *m)
{
    for (uint32_t i = m->first; i < m->end; i++) {
        uint32_t len;
        const char *f = kg_token_form(a, &a->tokens[i], &len);
        if (len < 2)
            continue;
        if (kg_strmap_put(&np->map, f, len, m->node) < 0)
            return -1;
    }
    return 0;
}

int kg_coref_resolve(const kg_ontology *o, kg_article *a, kg_mention *m,
                     size_t nm, kg_graph *g, kg_diag *d)
{
    name_parts np;
    kg_strmap_init(&np.map);
    int person = kg_ontology_class(o, "Person");
    int rc = 0;
    for (size_t i = 0; i < nm && rc == 0; i++) {
        kg_mention *x = &m[i];
        const char *surface = a->text + a->tokens[x->first].start;
        size_t slen = a->tokens[x->end - 1].end - a->tokens[x->first].start;
        if (x->entity >= 0) {
            x->node = kg_graph_entity_node(g, x->entity, d);
        } else {
            int prior = -1;
            if (x->end - x->first == 1) {
                uint32_t len;
                const char *f = kg_token_form(a, &a->tokens[x->first], &len);
                prior = kg_strmap_get(&np.map, f, len);
            }
            if (prior >= 0) {
                x->node = prior;
                g->nodes[prior].mentions++;
                if (x->cls < 0 || x->cls == person)
                    x->cls = g->nodes[prior].cls;
            } else {
                x->node = kg_graph_name_node(g, surface, slen, x->cls, d);
            }
        }
        if (x->node < 0) {
            if (d->nerrors)
                rc = -1;
            continue;
        }
        if (kg_graph_add_alt(g, x->node, surface, slen, d) < 0)
            rc = -1;
        int cls = g->nodes[x->node].cls;
        if (rc == 0 && person >= 0 && cls >= 0 &&
            kg_ontology_is_a(o, cls, person) &&
            remember_parts(&np, a, x) < 0) {
            kg_diag_oom(d, "resolving names");
            rc = -1;
        }
    }
    kg_strmap_release(&np.map);
    return rc;
}

