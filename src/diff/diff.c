/*
 * diff.c - the comparison of two graphs, and both sides in one graph for
 * the picture.
 *
 * Both graphs are finalized, so their nodes are sorted by IRI and their
 * edges by (subject IRI, relation IRI, object IRI): one merge pass over
 * each pair of arrays finds what is only in one side and what is in both.
 */
#include "base/alloc.h"
#include "diff/diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* --- stances ------------------------------------------------------------------ */

/* What one piece of evidence says about its fact, beyond the fact. */
typedef struct stance {
    uint32_t flags;       /* KG_PROV_UNASSERTED bits */
    const char *speaker;  /* IRI, or NULL */
    const char *modality; /* or NULL */
} stance;

static int cmp_opt(const char *x, const char *y)
{
    if (!x || !y)
        return (x != NULL) - (y != NULL);
    return strcmp(x, y);
}

static int cmp_stance(const void *a, const void *b)
{
    const stance *x = a, *y = b;
    if (x->flags != y->flags)
        return x->flags < y->flags ? -1 : 1;
    int c = cmp_opt(x->speaker, y->speaker);
    return c ? c : cmp_opt(x->modality, y->modality);
}

static stance stance_of(const kg_graph *g, const kg_prov *p)
{
    stance s = {p->flags & KG_PROV_UNASSERTED, NULL,
                p->modality && *p->modality ? p->modality : NULL};
    if (p->attributed_to >= 0 && (size_t)p->attributed_to < g->nnodes)
        s.speaker = g->nodes[p->attributed_to].iri;
    return s;
}

/* The distinct stances of an edge, sorted, into out (capacity
 * max(nprov, 1)); an edge without evidence is stated. */
static size_t stances(const kg_graph *g, const kg_edge *e, stance *out)
{
    if (e->nprov == 0) {
        out[0] = (stance){0, NULL, NULL};
        return 1;
    }
    for (size_t i = 0; i < e->nprov; i++)
        out[i] = stance_of(g, &e->prov[i]);
    qsort(out, e->nprov, sizeof *out, cmp_stance);
    size_t k = 1;
    for (size_t i = 1; i < e->nprov; i++)
        if (cmp_stance(&out[i], &out[k - 1]) != 0)
            out[k++] = out[i];
    return k;
}

/* Is v (by the projection) in the list? */
static bool has_neg(const stance *s, size_t n, uint32_t neg)
{
    for (size_t i = 0; i < n; i++)
        if ((s[i].flags & KG_PROV_NEGATED) == neg)
            return true;
    return false;
}

static bool has_attr(const stance *s, size_t n, const stance *v)
{
    for (size_t i = 0; i < n; i++)
        if ((s[i].flags & KG_PROV_ATTRIBUTED) ==
                (v->flags & KG_PROV_ATTRIBUTED) &&
            cmp_opt(s[i].speaker, v->speaker) == 0)
            return true;
    return false;
}

static bool has_hyp(const stance *s, size_t n, uint32_t hyp)
{
    for (size_t i = 0; i < n; i++)
        if ((s[i].flags & KG_PROV_HYPOTHETICAL) == hyp)
            return true;
    return false;
}

static bool has_modality(const stance *s, size_t n, const char *m)
{
    for (size_t i = 0; i < n; i++)
        if (cmp_opt(s[i].modality, m) == 0)
            return true;
    return false;
}

/* Which aspects of the stance differ between the two edges (0: none). */
static unsigned stance_change(const kg_graph *ga, const kg_edge *ea,
                              const kg_graph *gb, const kg_edge *eb,
                              kg_diag *d, bool *oom)
{
    size_t na = ea->nprov ? ea->nprov : 1, nb = eb->nprov ? eb->nprov : 1;
    stance *sa = kg_malloc(na * sizeof *sa), *sb = kg_malloc(nb * sizeof *sb);
    unsigned what = 0;
    if (!sa || !sb) {
        kg_diag_oom(d, "comparing facts");
        *oom = true;
        goto done;
    }
    na = stances(ga, ea, sa);
    nb = stances(gb, eb, sb);
    bool same = na == nb;
    for (size_t i = 0; same && i < na; i++)
        same = cmp_stance(&sa[i], &sb[i]) == 0;
    if (same)
        goto done;
    for (int side = 0; side < 2; side++) {
        const stance *x = side ? sb : sa, *y = side ? sa : sb;
        size_t nx = side ? nb : na, ny = side ? na : nb;
        for (size_t i = 0; i < nx; i++) {
            if (!has_neg(y, ny, x[i].flags & KG_PROV_NEGATED))
                what |= KG_DIFF_NEGATION;
            if (!has_attr(y, ny, &x[i]))
                what |= KG_DIFF_ATTRIBUTION;
            if (!has_modality(y, ny, x[i].modality))
                what |= KG_DIFF_MODALITY;
            if (!has_hyp(y, ny, x[i].flags & KG_PROV_HYPOTHETICAL))
                what |= KG_DIFF_HYPOTHESIS;
        }
    }
    if (!what) /* the same values, combined differently */
        what = KG_DIFF_ATTRIBUTION;
done:
    free(sa);
    free(sb);
    return what;
}

int kg_diff_put_stance(kg_buf *out, const kg_graph *g, const kg_prov *p)
{
    stance s = stance_of(g, p);
    int rc = 0;
    bool any = false;
    if (s.flags & KG_PROV_NEGATED) {
        rc |= kg_buf_puts(out, "not");
        any = true;
    }
    if (s.modality) {
        rc |= kg_buf_printf(out, "%s%s", any ? " " : "", s.modality);
        any = true;
    }
    if (s.flags & KG_PROV_HYPOTHETICAL) {
        rc |= kg_buf_printf(out, "%shypothetical", any ? ", " : "");
        any = true;
    }
    if (s.flags & KG_PROV_ATTRIBUTED) {
        const char *who = NULL;
        if (p->attributed_to >= 0 && (size_t)p->attributed_to < g->nnodes)
            who = g->nodes[p->attributed_to].label;
        rc |= kg_buf_printf(out, "%s%s%s", any ? ", " : "",
                            who ? "according to " : "reported",
                            who ? who : "");
        any = true;
    }
    if (!any)
        rc |= kg_buf_puts(out, "stated");
    return rc ? -1 : 0;
}

int kg_diff_put_stances(kg_buf *out, const kg_graph *g, const kg_edge *e)
{
    if (e->nprov == 0)
        return kg_buf_puts(out, "stated");
    int rc = 0;
    size_t start = out->len;
    kg_buf one;
    kg_buf_init(&one);
    /* distinct descriptions, in evidence order */
    for (size_t i = 0; i < e->nprov && rc == 0; i++) {
        kg_buf_clear(&one);
        rc = kg_diff_put_stance(&one, g, &e->prov[i]);
        if (rc || !one.len)
            continue;
        bool dup = false;
        const char *p = out->data ? out->data + start : NULL;
        while (p && *p && !dup) {
            const char *end = strstr(p, "; ");
            size_t n = end ? (size_t)(end - p) : strlen(p);
            dup = n == one.len && memcmp(p, one.data, n) == 0;
            p = end ? end + 2 : NULL;
        }
        if (!dup) {
            if (out->len > start)
                rc = kg_buf_puts(out, "; ");
            if (rc == 0)
                rc = kg_buf_append(out, one.data, one.len);
        }
    }
    kg_buf_release(&one);
    return rc;
}

/* --- entities ---------------------------------------------------------------- */

static const char *class_iri(const kg_graph *g, int cls)
{
    return cls >= 0 && g->ont && (size_t)cls < g->ont->nclasses
               ? g->ont->classes[cls].iri
               : NULL;
}

/* A concept (class Topic or below): compared only through its facts. */
static bool is_concept(const kg_graph *g, int cls)
{
    if (cls < 0 || !g->ont)
        return false;
    int topic = kg_ontology_class(g->ont, "Topic");
    return topic >= 0 && kg_ontology_is_a(g->ont, cls, topic);
}

static unsigned node_change(const kg_diff *df, const kg_node *x,
                            const kg_node *y)
{
    unsigned what = 0;
    if (cmp_opt(x->label, y->label) != 0)
        what |= KG_DIFF_LABEL;
    if (cmp_opt(class_iri(df->a, x->cls), class_iri(df->b, y->cls)) != 0)
        what |= KG_DIFF_CLASS;
    bool same = x->nalt == y->nalt;
    for (size_t i = 0; same && i < x->nalt; i++)
        same = strcmp(x->alt[i], y->alt[i]) == 0;
    if (!same)
        what |= KG_DIFF_ALIASES;
    return what;
}

/* --- the comparison ----------------------------------------------------------- */

static int cmp_edges(const kg_graph *ga, const kg_edge *x, const kg_graph *gb,
                     const kg_edge *y)
{
    int c = strcmp(ga->nodes[x->subj].iri, gb->nodes[y->subj].iri);
    if (!c)
        c = strcmp(x->rel_iri, y->rel_iri);
    if (!c)
        c = strcmp(ga->nodes[x->obj].iri, gb->nodes[y->obj].iri);
    return c;
}

/* A fragment naming one version: "v" + its version, else its date of
 * modification, else dflt ("old" / "new"). */
static const char *version_fragment(kg_diff *df, const kg_graph *g,
                                    const char *dflt)
{
    const kg_article_meta *m = g->narticles == 1 ? &g->articles[0].meta : NULL;
    const char *v = m && m->version ? m->version : NULL;
    const char *s = v ? v : m && m->modified ? m->modified : dflt;
    char slug[128];
    if (kg_graph_slug(s, strlen(s), slug, sizeof slug) == 0)
        strcpy(slug, "0");
    return kg_arena_printf(&df->arena, "%s%s", v ? "v" : "", slug);
}

static const char *version_iri(kg_diff *df, const kg_graph *g,
                               const char *frag)
{
    const char *art = g->narticles ? g->articles[0].iri : NULL;
    if (art)
        return kg_arena_printf(&df->arena, "%s#%s", art, frag);
    return kg_arena_printf(&df->arena, "%sgraph#%s", g->base, frag);
}

static int name_versions(kg_diff *df)
{
    const kg_graph *a = df->a, *b = df->b;
    const char *ia = a->narticles ? a->articles[0].iri : NULL;
    const char *ib = b->narticles ? b->articles[0].iri : NULL;
    if (ia && ib && strcmp(ia, ib) != 0) {
        df->iri_a = ia;
        df->iri_b = ib;
        return 0;
    }
    const char *va = version_fragment(df, a, "old");
    const char *vb = version_fragment(df, b, "new");
    if (!va || !vb || strcmp(va, vb) == 0) {
        va = "old";
        vb = "new";
    }
    df->iri_a = version_iri(df, a, va);
    df->iri_b = version_iri(df, b, vb);
    return df->iri_a && df->iri_b ? 0 : -1;
}

int kg_diff_compute(kg_diff *df, const kg_graph *a, const kg_graph *b,
                    kg_diag *d)
{
    memset(df, 0, sizeof *df);
    kg_arena_init(&df->arena);
    df->a = a;
    df->b = b;
    if (!a->finalized || !b->finalized) {
        kg_diag_error(d, NULL, 0, 0, "the graphs must be finalized before "
                                     "they are compared");
        return -1;
    }
    size_t nn = a->nnodes + b->nnodes, ne = a->nedges + b->nedges;
    df->nodes = kg_arena_calloc(&df->arena, nn ? nn : 1, sizeof *df->nodes);
    df->edges = kg_arena_calloc(&df->arena, ne ? ne : 1, sizeof *df->edges);
    if (!df->nodes || !df->edges || name_versions(df) < 0) {
        kg_diag_oom(d, "comparing graphs");
        kg_diff_release(df);
        return -1;
    }
    size_t i = 0, j = 0;
    while (i < a->nnodes || j < b->nnodes) {
        int c = i == a->nnodes   ? 1
                : j == b->nnodes ? -1
                                 : strcmp(a->nodes[i].iri, b->nodes[j].iri);
        kg_diff_item *it = &df->nodes[df->nnodes++];
        if (c < 0) {
            *it = (kg_diff_item){KG_DIFF_REMOVED, 0, (int)i++, -1};
        } else if (c > 0) {
            *it = (kg_diff_item){KG_DIFF_ADDED, 0, -1, (int)j++};
        } else {
            unsigned w = node_change(df, &a->nodes[i], &b->nodes[j]);
            *it = (kg_diff_item){w ? KG_DIFF_CHANGED : KG_DIFF_SAME, w,
                                 (int)i++, (int)j++};
        }
        const kg_node *n = it->b >= 0 ? &b->nodes[it->b] : &a->nodes[it->a];
        if (is_concept(it->b >= 0 ? b : a, n->cls))
            *it = (kg_diff_item){KG_DIFF_SAME, 0, it->a, it->b};
        df->node_count[it->status]++;
    }
    i = j = 0;
    bool oom = false;
    while (i < a->nedges || j < b->nedges) {
        int c = i == a->nedges   ? 1
                : j == b->nedges ? -1
                                 : cmp_edges(a, &a->edges[i], b, &b->edges[j]);
        kg_diff_item *it = &df->edges[df->nedges++];
        if (c < 0) {
            *it = (kg_diff_item){KG_DIFF_REMOVED, 0, (int)i++, -1};
        } else if (c > 0) {
            *it = (kg_diff_item){KG_DIFF_ADDED, 0, -1, (int)j++};
        } else {
            unsigned w = stance_change(a, &a->edges[i], b, &b->edges[j], d,
                                       &oom);
            *it = (kg_diff_item){w ? KG_DIFF_CHANGED : KG_DIFF_SAME, w,
                                 (int)i++, (int)j++};
        }
        df->edge_count[it->status]++;
    }
    if (oom) {
        kg_diff_release(df);
        return -1;
    }
    return 0;
}

void kg_diff_release(kg_diff *df)
{
    kg_arena_release(&df->arena);
    memset(df, 0, sizeof *df);
}

bool kg_diff_differ(const kg_diff *df)
{
    return df->node_count[KG_DIFF_ADDED] + df->node_count[KG_DIFF_REMOVED] +
               df->node_count[KG_DIFF_CHANGED] +
               df->edge_count[KG_DIFF_ADDED] +
               df->edge_count[KG_DIFF_REMOVED] +
               df->edge_count[KG_DIFF_CHANGED] >
           0;
}

int kg_diff_union_node(const kg_diff *df, int side, int node)
{
    /* df->nodes is in IRI order, as are both sides: binary search */
    const kg_graph *g = side ? df->b : df->a;
    if (node < 0 || (size_t)node >= g->nnodes)
        return -1;
    const char *iri = g->nodes[node].iri;
    size_t lo = 0, hi = df->nnodes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const kg_diff_item *it = &df->nodes[mid];
        const kg_graph *mg = it->b >= 0 ? df->b : df->a;
        int mi = it->b >= 0 ? it->b : it->a;
        int c = strcmp(mg->nodes[mi].iri, iri);
        if (c == 0)
            return (int)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* --- both sides in one graph ---------------------------------------------------- */

static int put_alias_change(kg_buf *b, const kg_node *x, const kg_node *y)
{
    int rc = kg_buf_puts(b, "aliases:");
    bool first = true;
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        const kg_node *from = pass ? x : y, *other = pass ? y : x;
        for (size_t i = 0; i < from->nalt && rc == 0; i++) {
            bool found = false;
            for (size_t k = 0; k < other->nalt && !found; k++)
                found = strcmp(other->alt[k], from->alt[i]) == 0;
            if (found)
                continue;
            rc = kg_buf_printf(b, "%s%c%s", first ? " " : ", ",
                               pass ? '-' : '+', from->alt[i]);
            first = false;
        }
    }
    return rc;
}

static const char *node_note(const kg_diff *df, const kg_diff_item *it,
                             kg_arena *arena)
{
    if (it->status != KG_DIFF_CHANGED)
        return NULL;
    const kg_node *x = &df->a->nodes[it->a], *y = &df->b->nodes[it->b];
    kg_buf b;
    kg_buf_init(&b);
    int rc = 0;
    if (it->what & KG_DIFF_LABEL)
        rc |= kg_buf_printf(&b, "was: %s", x->label);
    if (it->what & KG_DIFF_CLASS)
        rc |= kg_buf_printf(&b, "%swas a %s", b.len ? "; " : "",
                            kg_graph_class_label(df->a, x->cls));
    if (it->what & KG_DIFF_ALIASES) {
        if (b.len)
            rc |= kg_buf_puts(&b, "; ");
        rc |= put_alias_change(&b, x, y);
    }
    const char *r = rc == 0 && b.len ? kg_arena_strdup(arena, b.data) : NULL;
    kg_buf_release(&b);
    return r;
}

static const char *edge_note(const kg_diff *df, const kg_diff_item *it,
                             kg_arena *arena)
{
    if (it->status != KG_DIFF_CHANGED)
        return NULL;
    kg_buf b;
    kg_buf_init(&b);
    int rc = kg_buf_puts(&b, "was: ");
    rc |= kg_diff_put_stances(&b, df->a, &df->a->edges[it->a]);
    rc |= kg_buf_puts(&b, "; now: ");
    rc |= kg_diff_put_stances(&b, df->b, &df->b->edges[it->b]);
    const char *r = rc == 0 ? kg_arena_strdup(arena, b.data) : NULL;
    kg_buf_release(&b);
    return r;
}

int kg_diff_union(const kg_diff *df, kg_graph *u, unsigned char **node_status,
                  unsigned char **edge_status, const char ***node_notes,
                  const char ***edge_notes, kg_diag *d)
{
    kg_arena *ar = &u->arena;
    const kg_graph *a = df->a, *b = df->b;
    size_t nn = df->nnodes, ne = df->nedges;
    unsigned char *ns = kg_arena_calloc(ar, nn ? nn : 1, 1);
    unsigned char *es = kg_arena_calloc(ar, ne ? ne : 1, 1);
    const char **nnote = kg_arena_calloc(ar, nn ? nn : 1, sizeof *nnote);
    const char **enote = kg_arena_calloc(ar, ne ? ne : 1, sizeof *enote);
    /* side node index -> union node index; side article -> union article */
    int *amap = kg_arena_calloc(ar, a->nnodes + 1, sizeof *amap);
    int *bmap = kg_arena_calloc(ar, b->nnodes + 1, sizeof *bmap);
    uint32_t *aart = kg_arena_calloc(ar, a->narticles + 1, sizeof *aart);
    u->nodes = kg_arena_calloc(ar, nn ? nn : 1, sizeof *u->nodes);
    u->edges = kg_arena_calloc(ar, ne ? ne : 1, sizeof *u->edges);
    u->articles = kg_arena_calloc(ar, a->narticles + b->narticles + 1,
                                  sizeof *u->articles);
    if (!ns || !es || !nnote || !enote || !amap || !bmap || !aart ||
        !u->nodes || !u->edges || !u->articles)
        goto oom;
    /* articles: the new side's, then the old side's that it lacks */
    for (size_t i = 0; i < b->narticles; i++)
        u->articles[u->narticles++] = b->articles[i];
    for (size_t i = 0; i < a->narticles; i++) {
        size_t k = 0;
        while (k < b->narticles && strcmp(b->articles[k].iri, a->articles[i].iri))
            k++;
        if (k == b->narticles)
            u->articles[u->narticles++] = a->articles[i];
        aart[i] = (uint32_t)(k < b->narticles ? k : u->narticles - 1);
    }
    u->caparticles = u->narticles;
    for (size_t i = 0; i < nn; i++) {
        const kg_diff_item *it = &df->nodes[i];
        u->nodes[i] = it->b >= 0 ? b->nodes[it->b] : a->nodes[it->a];
        kg_node *n = &u->nodes[i];
        n->capalt = n->nalt;
        if (n->nalt) { /* finalize sorts them in place: our own copy */
            const char **alt = kg_arena_calloc(ar, n->nalt, sizeof *alt);
            if (!alt)
                goto oom;
            memcpy(alt, n->alt, n->nalt * sizeof *alt);
            n->alt = alt;
        }
        if (it->a >= 0)
            amap[it->a] = (int)i;
        if (it->b >= 0)
            bmap[it->b] = (int)i;
        ns[i] = (unsigned char)it->status;
        nnote[i] = node_note(df, it, ar);
    }
    u->nnodes = u->capnodes = nn;
    for (size_t i = 0; i < ne; i++) {
        const kg_diff_item *it = &df->edges[i];
        bool from_b = it->b >= 0;
        const kg_edge *src = from_b ? &b->edges[it->b] : &a->edges[it->a];
        const int *map = from_b ? bmap : amap;
        kg_edge *e = &u->edges[i];
        *e = *src;
        e->subj = (uint32_t)map[src->subj];
        e->obj = (uint32_t)map[src->obj];
        e->prov = NULL;
        e->capprov = e->nprov;
        if (src->nprov) {
            e->prov = kg_arena_calloc(ar, src->nprov, sizeof *e->prov);
            if (!e->prov)
                goto oom;
            for (size_t k = 0; k < src->nprov; k++) {
                kg_prov p = src->prov[k];
                if (p.attributed_to >= 0)
                    p.attributed_to = map[p.attributed_to];
                if (!from_b && p.article < a->narticles)
                    p.article = aart[p.article];
                e->prov[k] = p;
            }
        }
        es[i] = (unsigned char)it->status;
        enote[i] = edge_note(df, it, ar);
    }
    u->nedges = u->capedges = ne;
    /* Already in canonical order (the merge kept it); finalizing builds
     * the lookup maps and keeps the order, since every key is distinct. */
    u->finalized = false;
    if (kg_graph_finalize(u, d) < 0)
        return -1;
    *node_status = ns;
    *edge_status = es;
    *node_notes = nnote;
    *edge_notes = enote;
    return 0;
oom:
    kg_diag_oom(d, "drawing the diff");
    return -1;
}
