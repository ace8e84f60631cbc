/*
 * diff_out.c - a kg_diff for people (unified text, counts) and for
 * machines (RDF Patch, a changeset in Turtle or TriG).
 *
 * Every writer walks the diff in a fixed order and formats numbers
 * without the locale: the same diff gives the same bytes.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/hash.h"
#include "diff/diff.h"
#include "write/rdf.h"

#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define NS_XSD "http://www.w3.org/2001/XMLSchema#"
#define NS_OWL "http://www.w3.org/2002/07/owl#"
#define NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define NS_PROV "http://www.w3.org/ns/prov#"
#define NS_NIF "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"

/* --- shared helpers --------------------------------------------------------- */

static const kg_node *unode(const kg_diff *df, size_t i)
{
    const kg_diff_item *it = &df->nodes[i];
    return it->b >= 0 ? &df->b->nodes[it->b] : &df->a->nodes[it->a];
}

static const kg_graph *ugraph(const kg_diff *df, const kg_diff_item *it)
{
    return it->b >= 0 ? df->b : df->a;
}

static const kg_edge *uedge(const kg_diff *df, const kg_diff_item *it)
{
    return it->b >= 0 ? &df->b->edges[it->b] : &df->a->edges[it->a];
}

/* Union index of an edge's subject or object. */
static int uend(const kg_diff *df, const kg_diff_item *it, bool obj)
{
    const kg_edge *e = uedge(df, it);
    return kg_diff_union_node(df, it->b >= 0, (int)(obj ? e->obj : e->subj));
}

/* Display width in code points. */
static size_t width(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        if ((*s & 0xC0) != 0x80)
            n++;
    return n;
}

static int pad(kg_buf *b, const char *s, size_t w)
{
    int rc = kg_buf_puts(b, s);
    for (size_t n = width(s); n < w && rc == 0; n++)
        rc = kg_buf_putc(b, ' ');
    return rc;
}

/* Labels, sentences: one line, no control characters. */
static int put_clean(kg_buf *b, const char *s)
{
    int rc = 0;
    bool space = false;
    for (const unsigned char *p = (const unsigned char *)s; p && *p && !rc; p++) {
        if (*p < 0x20 || *p == 0x7F || *p == ' ') {
            space = true;
            continue;
        }
        if (space && b->len && b->data[b->len - 1] != ' ' &&
            b->data[b->len - 1] != '\n')
            rc = kg_buf_putc(b, ' ');
        space = false;
        if (rc == 0)
            rc = kg_buf_putc(b, (char)*p);
    }
    return rc;
}

static const char *class_name(const kg_graph *g, int cls)
{
    return kg_graph_class_label(g, cls);
}

/* --- text -------------------------------------------------------------------- */

enum { L_ENTITY, L_LABEL, L_CLASS, L_ALIASES, L_FACT };

typedef struct tline {
    int kind;      /* L_* */
    size_t item;   /* index in df->nodes (entity lines) or df->edges */
    const char *rel;   /* the relation column */
    const char *obj;   /* object label, for sorting */
} tline;

typedef struct group {
    size_t node;   /* union index of the subject */
    tline *lines;
    size_t n, cap;
} group;

typedef struct tctx {
    const kg_diff *df;
    const kg_diff_text_options *opt;
    kg_buf *out;
    int rc;
} tctx;

static const char *const C_RESET = "\033[m", *const C_BOLD = "\033[1m",
                         *const C_ADD = "\033[32m", *const C_DEL = "\033[31m",
                         *const C_CHG = "\033[33m", *const C_HUNK = "\033[36m";

static void color(tctx *t, const char *c)
{
    if (t->opt->color && t->rc == 0)
        t->rc = kg_buf_puts(t->out, c);
}

static void put(tctx *t, const char *s)
{
    if (t->rc == 0)
        t->rc = kg_buf_puts(t->out, s);
}

static void putclean(tctx *t, const char *s)
{
    if (t->rc == 0)
        t->rc = put_clean(t->out, s);
}

static void endline(tctx *t)
{
    color(t, C_RESET);
    put(t, "\n");
}

static int group_add(group *g, int kind, size_t item, const char *rel,
                     const char *obj)
{
    if (g->n == g->cap) {
        size_t ncap = g->cap ? g->cap * 2 : 4;
        tline *n = kg_realloc(g->lines, ncap * sizeof *n);
        if (!n)
            return -1;
        g->lines = n;
        g->cap = ncap;
    }
    g->lines[g->n++] = (tline){kind, item, rel, obj};
    return 0;
}

static const kg_diff *sort_df; /* qsort has no context argument */

static int cmp_label(const char *x, const char *y)
{
    int c = strcasecmp(x ? x : "", y ? y : "");
    return c ? c : strcmp(x ? x : "", y ? y : "");
}

static int cmp_group(const void *a, const void *b)
{
    const group *x = a, *y = b;
    const kg_node *nx = unode(sort_df, x->node), *ny = unode(sort_df, y->node);
    int c = cmp_label(nx->label, ny->label);
    return c ? c : strcmp(nx->iri, ny->iri);
}

static int cmp_line(const void *a, const void *b)
{
    const tline *x = a, *y = b;
    if ((x->kind == L_FACT) != (y->kind == L_FACT))
        return x->kind == L_FACT ? 1 : -1;
    if (x->kind != L_FACT)
        return x->kind - y->kind;
    int c = cmp_label(x->rel, y->rel);
    if (!c)
        c = cmp_label(x->obj, y->obj);
    return c ? c : (x->item > y->item) - (x->item < y->item);
}

static void header_side(tctx *t, const char *mark, const char *name,
                        const kg_graph *g)
{
    color(t, C_BOLD);
    put(t, mark);
    put(t, " ");
    putclean(t, name ? name : "-");
    if (g->narticles == 1) {
        const kg_article_meta *m = &g->articles[0].meta;
        if (m->title) {
            put(t, "  \"");
            putclean(t, m->title);
            put(t, "\"");
        }
        const char *sep = "  (";
        if (m->id) {
            put(t, sep);
            put(t, "id ");
            putclean(t, m->id);
            sep = ", ";
        }
        if (m->version) {
            put(t, sep);
            put(t, "version ");
            putclean(t, m->version);
            sep = ", ";
        }
        if (m->modified || m->published) {
            put(t, sep);
            putclean(t, m->modified ? m->modified : m->published);
            sep = ", ";
        }
        if (strcmp(sep, ", ") == 0)
            put(t, ")");
    } else if (g->narticles > 1 && t->rc == 0) {
        t->rc = kg_buf_printf(t->out, "  (%zu articles)", g->narticles);
    }
    endline(t);
}

/* The sentences of an edge: the first (with a count of the others), or
 * every one with its position under -v.  mark is "" or "- " / "+ ". */
static void sentences(tctx *t, const kg_graph *g, const kg_edge *e,
                      const char *mark, const char *c)
{
    size_t shown = 0;
    for (size_t j = 0; j < e->nprov && t->rc == 0; j++) {
        const kg_prov *p = &e->prov[j];
        if (j > 0 && p->article == e->prov[j - 1].article &&
            p->sentence == e->prov[j - 1].sentence)
            continue;
        if (!t->opt->verbose && shown == 1) {
            size_t more = 0;
            for (size_t k = j; k < e->nprov; k++)
                if (e->prov[k].sentence != e->prov[k - 1].sentence ||
                    e->prov[k].article != e->prov[k - 1].article)
                    more++;
            color(t, c);
            if (t->rc == 0)
                t->rc = kg_buf_printf(t->out, "    %s(+%zu more sentence%s)",
                                      mark, more, more == 1 ? "" : "s");
            endline(t);
            return;
        }
        shown++;
        color(t, c);
        put(t, "    ");
        put(t, mark);
        if (t->opt->verbose && t->rc == 0) {
            t->rc = kg_buf_printf(t->out, "[sentence %u, %u-%u",
                                  (unsigned)p->sentence, (unsigned)p->cstart,
                                  (unsigned)p->cend);
            if (p->rule && t->rc == 0) {
                put(t, ", ");
                putclean(t, p->rule);
            }
            kg_buf stn;
            kg_buf_init(&stn);
            if (kg_diff_put_stance(&stn, g, p) < 0)
                t->rc = -1;
            if (t->rc == 0) {
                put(t, ", ");
                putclean(t, stn.data);
            }
            kg_buf_release(&stn);
            put(t, "] ");
        }
        putclean(t, p->text ? p->text : "(no sentence)");
        endline(t);
    }
}

static void fact_line(tctx *t, const group *gr, const tline *l, size_t wrel)
{
    const kg_diff *df = t->df;
    const kg_diff_item *it = &df->edges[l->item];
    const kg_graph *g = ugraph(df, it);
    const kg_edge *e = uedge(df, it);
    const char *c = it->status == KG_DIFF_ADDED     ? C_ADD
                    : it->status == KG_DIFF_REMOVED ? C_DEL
                                                    : C_CHG;
    char mark = it->status == KG_DIFF_ADDED     ? '+'
                : it->status == KG_DIFF_REMOVED ? '-'
                                                : '~';
    color(t, c);
    if (t->rc == 0)
        t->rc = kg_buf_printf(t->out, "%c ", mark);
    (void)gr; /* each version names the subject in its own words */
    putclean(t, g->nodes[e->subj].label);
    put(t, "  ");
    if (t->rc == 0)
        t->rc = pad(t->out, l->rel, wrel);
    put(t, "  ");
    putclean(t, g->nodes[e->obj].label);
    kg_buf st;
    kg_buf_init(&st);
    if (it->status == KG_DIFF_CHANGED) {
        int rc = kg_diff_put_stances(&st, df->a, &df->a->edges[it->a]);
        rc |= kg_buf_puts(&st, " \xe2\x86\x92 ");
        rc |= kg_diff_put_stances(&st, df->b, &df->b->edges[it->b]);
        if (rc)
            t->rc = -1;
    } else if (kg_diff_put_stances(&st, g, e) < 0) {
        t->rc = -1;
    }
    if (t->rc == 0 && st.len && strcmp(st.data, "stated") != 0) {
        put(t, "  (");
        putclean(t, st.data);
        put(t, ")");
    }
    kg_buf_release(&st);
    endline(t);
    if (it->status == KG_DIFF_CHANGED) {
        sentences(t, df->a, &df->a->edges[it->a], "- ", C_DEL);
        sentences(t, df->b, &df->b->edges[it->b], "+ ", C_ADD);
    } else {
        sentences(t, g, e, "", c);
    }
}

static void entity_line(tctx *t, const group *gr, const tline *l, size_t wrel)
{
    const kg_diff *df = t->df;
    const kg_diff_item *it = &df->nodes[l->item];
    const kg_node *x = it->a >= 0 ? &df->a->nodes[it->a] : NULL;
    const kg_node *y = it->b >= 0 ? &df->b->nodes[it->b] : NULL;
    const kg_node *n = y ? y : x;
    const char *c = it->status == KG_DIFF_ADDED     ? C_ADD
                    : it->status == KG_DIFF_REMOVED ? C_DEL
                                                    : C_CHG;
    char mark = it->status == KG_DIFF_ADDED     ? '+'
                : it->status == KG_DIFF_REMOVED ? '-'
                                                : '~';
    (void)gr;
    color(t, c);
    if (t->rc == 0)
        t->rc = kg_buf_printf(t->out, "%c ", mark);
    /* An item has at least one side, and build_groups() makes label,
     * class and alias lines only for changed items, which have both.
     * NOLINTBEGIN(clang-analyzer-core.NullDereference) */
    putclean(t, n->label);
    put(t, "  ");
    if (t->rc == 0)
        t->rc = pad(t->out, l->rel, wrel);
    put(t, "  ");
    switch (l->kind) {
    case L_ENTITY:
        putclean(t, class_name(y ? df->b : df->a, n->cls));
        for (size_t i = 0; i < n->nalt && t->rc == 0; i++) {
            put(t, i ? ", " : "  (also: ");
            putclean(t, n->alt[i]);
        }
        if (n->nalt)
            put(t, ")");
        break;
    case L_LABEL:
        putclean(t, x->label);
        put(t, " \xe2\x86\x92 ");
        putclean(t, y->label);
        break;
    case L_CLASS:
        putclean(t, class_name(df->a, x->cls));
        put(t, " \xe2\x86\x92 ");
        putclean(t, class_name(df->b, y->cls));
        break;
    case L_ALIASES: {
        bool first = true;
        for (int pass = 0; pass < 2; pass++) {
            const kg_node *from = pass ? x : y, *other = pass ? y : x;
            for (size_t i = 0; i < from->nalt && t->rc == 0; i++) {
                bool found = false;
                for (size_t k = 0; k < other->nalt && !found; k++)
                    found = strcmp(other->alt[k], from->alt[i]) == 0;
                if (found)
                    continue;
                put(t, first ? "" : ", ");
                put(t, pass ? "-" : "+");
                putclean(t, from->alt[i]);
                first = false;
            }
        }
        break;
    }
    }
    /* NOLINTEND(clang-analyzer-core.NullDereference) */
    endline(t);
}

/* One group per subject entity with something to say. */
static int build_groups(const kg_diff *df, group **out, size_t *nout)
{
    group *gs = kg_calloc(df->nnodes ? df->nnodes : 1, sizeof *gs);
    if (!gs)
        return -1;
    for (size_t i = 0; i < df->nnodes; i++)
        gs[i].node = i;
    int rc = 0;
    for (size_t i = 0; i < df->nnodes && rc == 0; i++) {
        const kg_diff_item *it = &df->nodes[i];
        if (it->status == KG_DIFF_ADDED || it->status == KG_DIFF_REMOVED)
            rc = group_add(&gs[i], L_ENTITY, i, "a", NULL);
        if (it->status != KG_DIFF_CHANGED)
            continue;
        if (rc == 0 && (it->what & KG_DIFF_LABEL))
            rc = group_add(&gs[i], L_LABEL, i, "label", NULL);
        if (rc == 0 && (it->what & KG_DIFF_CLASS))
            rc = group_add(&gs[i], L_CLASS, i, "a", NULL);
        if (rc == 0 && (it->what & KG_DIFF_ALIASES))
            rc = group_add(&gs[i], L_ALIASES, i, "also known as", NULL);
    }
    for (size_t i = 0; i < df->nedges && rc == 0; i++) {
        const kg_diff_item *it = &df->edges[i];
        if (it->status == KG_DIFF_SAME)
            continue;
        int s = uend(df, it, false);
        const kg_edge *e = uedge(df, it);
        if (s < 0) {
            rc = -1;
            break;
        }
        rc = group_add(&gs[s], L_FACT, i, e->rel_label,
                       ugraph(df, it)->nodes[e->obj].label);
    }
    size_t k = 0;
    for (size_t i = 0; i < df->nnodes; i++) {
        if (gs[i].n)
            gs[k++] = gs[i];
        else
            free(gs[i].lines);
    }
    sort_df = df;
    if (k > 1)
        qsort(gs, k, sizeof *gs, cmp_group);
    for (size_t i = 0; i < k; i++)
        if (gs[i].n > 1)
            qsort(gs[i].lines, gs[i].n, sizeof *gs[i].lines, cmp_line);
    *out = gs;
    *nout = k;
    if (rc < 0) {
        for (size_t i = 0; i < k; i++)
            free(gs[i].lines);
        free(gs);
        *out = NULL;
        *nout = 0;
    }
    return rc;
}

static void summary(tctx *t)
{
    const kg_diff *df = t->df;
    if (t->rc == 0)
        t->rc = kg_buf_printf(
            t->out,
            "facts: %zu added, %zu removed, %zu changed; "
            "entities: %zu added, %zu removed, %zu changed\n",
            df->edge_count[KG_DIFF_ADDED], df->edge_count[KG_DIFF_REMOVED],
            df->edge_count[KG_DIFF_CHANGED], df->node_count[KG_DIFF_ADDED],
            df->node_count[KG_DIFF_REMOVED], df->node_count[KG_DIFF_CHANGED]);
}

int kg_diff_write_text(const kg_diff *df, const kg_diff_text_options *opt,
                       kg_buf *out, kg_diag *d)
{
    if (!kg_diff_differ(df))
        return 0;
    tctx t = {df, opt, out, 0};
    size_t start = out->len;
    header_side(&t, "---", opt->name_a, df->a);
    header_side(&t, "+++", opt->name_b, df->b);
    group *gs = NULL;
    size_t ng = 0;
    if (t.rc == 0 && build_groups(df, &gs, &ng) < 0)
        t.rc = -1;
    for (size_t i = 0; i < ng; i++) {
        const group *gr = &gs[i];
        const kg_node *n = unode(df, gr->node);
        const kg_graph *g = df->nodes[gr->node].b >= 0 ? df->b : df->a;
        put(&t, "\n");
        color(&t, C_HUNK);
        put(&t, "@@ ");
        putclean(&t, n->label);
        put(&t, " (");
        putclean(&t, class_name(g, n->cls));
        put(&t, ")");
        if (opt->verbose) {
            put(&t, " <");
            put(&t, n->iri);
            put(&t, ">");
        }
        put(&t, " @@");
        endline(&t);
        size_t wrel = 0;
        for (size_t k = 0; k < gr->n; k++)
            if (width(gr->lines[k].rel) > wrel)
                wrel = width(gr->lines[k].rel);
        for (size_t k = 0; k < gr->n; k++) {
            if (gr->lines[k].kind == L_FACT)
                fact_line(&t, gr, &gr->lines[k], wrel);
            else
                entity_line(&t, gr, &gr->lines[k], wrel);
        }
    }
    for (size_t i = 0; i < ng; i++)
        free(gs[i].lines);
    free(gs);
    put(&t, "\n");
    summary(&t);
    if (t.rc) {
        out->len = start;
        kg_diag_oom(d, "writing the diff");
        return -1;
    }
    return 0;
}

/* --- stat -------------------------------------------------------------------- */

typedef struct statrow {
    const char *name;
    size_t n[4];
} statrow;

static int cmp_row(const void *a, const void *b)
{
    return cmp_label(((const statrow *)a)->name, ((const statrow *)b)->name);
}

static int row_add(statrow **rows, size_t *n, const char *name, int status)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*rows)[i].name, name) == 0) {
            (*rows)[i].n[status]++;
            return 0;
        }
    statrow *r = kg_realloc(*rows, (*n + 1) * sizeof *r);
    if (!r)
        return -1;
    *rows = r;
    memset(&r[*n], 0, sizeof r[*n]);
    r[*n].name = name;
    r[*n].n[status]++;
    (*n)++;
    return 0;
}

static int stat_table(kg_buf *out, const char *title, statrow *rows, size_t n,
                      const char *total)
{
    size_t w = width(total);
    if (width(title) > w)
        w = width(title);
    for (size_t i = 0; i < n; i++)
        if (width(rows[i].name) > w)
            w = width(rows[i].name);
    if (n > 1)
        qsort(rows, n, sizeof *rows, cmp_row);
    int rc = pad(out, title, w);
    rc |= kg_buf_puts(out, "    added  removed  changed\n");
    size_t sum[4] = {0};
    for (size_t i = 0; i < n && rc == 0; i++) {
        rc |= pad(out, rows[i].name, w);
        rc |= kg_buf_printf(out, "  %7zu  %7zu  %7zu\n",
                            rows[i].n[KG_DIFF_ADDED], rows[i].n[KG_DIFF_REMOVED],
                            rows[i].n[KG_DIFF_CHANGED]);
        for (int k = 0; k < 4; k++)
            sum[k] += rows[i].n[k];
    }
    rc |= pad(out, total, w);
    rc |= kg_buf_printf(out, "  %7zu  %7zu  %7zu\n", sum[KG_DIFF_ADDED],
                        sum[KG_DIFF_REMOVED], sum[KG_DIFF_CHANGED]);
    return rc ? -1 : 0;
}

int kg_diff_write_stat(const kg_diff *df, const kg_diff_text_options *opt,
                       kg_buf *out, kg_diag *d)
{
    statrow *rel = NULL, *cls = NULL;
    size_t nrel = 0, ncls = 0;
    int rc = 0;
    for (size_t i = 0; i < df->nedges && rc == 0; i++) {
        const kg_diff_item *it = &df->edges[i];
        if (it->status != KG_DIFF_SAME)
            rc = row_add(&rel, &nrel, uedge(df, it)->rel_label, it->status);
    }
    for (size_t i = 0; i < df->nnodes && rc == 0; i++) {
        const kg_diff_item *it = &df->nodes[i];
        if (it->status != KG_DIFF_SAME)
            rc = row_add(&cls, &ncls,
                         class_name(ugraph(df, it), unode(df, i)->cls),
                         it->status);
    }
    tctx t = {df, opt, out, rc};
    size_t start = out->len;
    header_side(&t, "---", opt->name_a, df->a);
    header_side(&t, "+++", opt->name_b, df->b);
    put(&t, "\n");
    if (t.rc == 0)
        t.rc = stat_table(out, "relation", rel, nrel, "facts");
    put(&t, "\n");
    if (t.rc == 0)
        t.rc = stat_table(out, "class", cls, ncls, "entities");
    free(rel);
    free(cls);
    if (t.rc) {
        out->len = start;
        kg_diag_oom(d, "writing the diff");
        return -1;
    }
    return 0;
}

/* --- RDF Patch ------------------------------------------------------------------ */

int kg_diff_write_patch(const kg_diff *df, const kg_ntset *pa,
                        const kg_ntset *pb, kg_buf *out, kg_diag *d)
{
    size_t start = out->len;
    int rc = kg_buf_printf(out, "H id <%s> .\nH prev <%s> .\nTX .\n",
                           df->iri_b, df->iri_a);
    for (size_t i = 0; i < pa->n && rc == 0; i++)
        if (!kg_ntset_has(pb, pa->v[i]))
            rc = kg_buf_printf(out, "D %s .\n", pa->v[i]);
    for (size_t i = 0; i < pb->n && rc == 0; i++)
        if (!kg_ntset_has(pa, pb->v[i]))
            rc = kg_buf_printf(out, "A %s .\n", pb->v[i]);
    if (rc == 0)
        rc = kg_buf_puts(out, "TC .\n");
    if (rc) {
        out->len = start;
        kg_diag_oom(d, "writing the patch");
        return -1;
    }
    return 0;
}

/* --- changeset ------------------------------------------------------------------ */

typedef struct cst {
    const char *s, *p, *o, *dt, *g;
    bool olit;
} cst;

typedef struct cw {
    kg_arena arena;
    cst *st;
    size_t n, cap;
    kg_prefix pfx[16];
    size_t npfx;
    const char *kg;
    bool oom;
} cw;

static void cadd(cw *w, const char *s, const char *p, const char *o,
                 bool olit, const char *dt, const char *g)
{
    if (w->oom || !s || !p || !o)
        return;
    if (w->n == w->cap) {
        size_t ncap = w->cap ? w->cap * 2 : 128;
        cst *n = kg_realloc(w->st, ncap * sizeof *n);
        if (!n) {
            w->oom = true;
            return;
        }
        w->st = n;
        w->cap = ncap;
    }
    w->st[w->n++] = (cst){s, p, o, dt, g, olit};
}

static const char *cprintf(cw *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *cprintf(cw *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *r = n >= 0 ? kg_arena_alloc(&w->arena, (size_t)n + 1) : NULL;
    if (!r) {
        w->oom = true;
        return NULL;
    }
    va_start(ap, fmt);
    vsnprintf(r, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return r;
}

static const char *kgt(cw *w, const char *local)
{
    return cprintf(w, "%s%s", w->kg, local);
}

static void cpfx(cw *w, const char *name, const char *iri)
{
    if (!iri || w->npfx == sizeof w->pfx / sizeof w->pfx[0])
        return;
    for (size_t i = 0; i < w->npfx; i++)
        if (!strcmp(w->pfx[i].iri, iri) || !strcmp(w->pfx[i].name, name))
            return;
    w->pfx[w->npfx].name = name;
    w->pfx[w->npfx].iri = iri;
    w->npfx++;
}

static bool local_ok(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return false;
    return true;
}

static int wiri(const cw *w, kg_buf *b, const char *iri)
{
    const kg_prefix *best = NULL;
    size_t bl = 0;
    for (size_t i = 0; i < w->npfx; i++) {
        size_t n = strlen(w->pfx[i].iri);
        if (n > bl && !strncmp(iri, w->pfx[i].iri, n) && local_ok(iri + n)) {
            best = &w->pfx[i];
            bl = n;
        }
    }
    if (best)
        return kg_buf_printf(b, "%s:%s", best->name, iri + bl);
    int rc = kg_buf_putc(b, '<');
    for (const unsigned char *p = (const unsigned char *)iri; *p && !rc; p++)
        rc = *p <= 0x20 || strchr("<>\"{}|^`\\", *p)
                 ? kg_buf_printf(b, "\\u%04X", *p)
                 : kg_buf_putc(b, (char)*p);
    return rc ? rc : kg_buf_putc(b, '>');
}

static int wlit(const cw *w, kg_buf *b, const cst *t)
{
    int rc = kg_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)t->o; *p && !rc; p++) {
        switch (*p) {
        case '"': rc = kg_buf_puts(b, "\\\""); break;
        case '\\': rc = kg_buf_puts(b, "\\\\"); break;
        case '\n': rc = kg_buf_puts(b, "\\n"); break;
        case '\r': rc = kg_buf_puts(b, "\\r"); break;
        case '\t': rc = kg_buf_puts(b, "\\t"); break;
        default:
            rc = *p < 0x20 || *p == 0x7F ? kg_buf_printf(b, "\\u%04X", *p)
                                         : kg_buf_putc(b, (char)*p);
        }
    }
    if (rc == 0)
        rc = kg_buf_putc(b, '"');
    if (rc == 0 && t->dt) {
        rc = kg_buf_puts(b, "^^");
        if (rc == 0)
            rc = wiri(w, b, t->dt);
    }
    return rc;
}

static bool same_g(const char *x, const char *y)
{
    return x == y || (x && y && !strcmp(x, y));
}

/* Statements in order; a run with the same graph is one block, a run with
 * the same subject shares it. */
static int cemit(cw *w, kg_buf *out, bool trig)
{
    int rc = 0;
    for (size_t i = 0; i < w->npfx && rc == 0; i++)
        rc = kg_buf_printf(out, "@prefix %s: <%s> .\n", w->pfx[i].name,
                           w->pfx[i].iri);
    size_t i = 0;
    while (i < w->n && rc == 0) {
        const char *g = trig ? w->st[i].g : NULL;
        const char *ind = g ? "    " : "";
        rc |= kg_buf_putc(out, '\n');
        if (g) {
            rc |= wiri(w, out, g);
            rc |= kg_buf_puts(out, " {\n");
        }
        bool first = true;
        while (i < w->n && rc == 0 && same_g(trig ? w->st[i].g : NULL, g)) {
            const char *s = w->st[i].s;
            if (!first)
                rc |= kg_buf_putc(out, '\n');
            first = false;
            rc |= kg_buf_puts(out, ind);
            rc |= wiri(w, out, s);
            rc |= kg_buf_putc(out, '\n');
            while (i < w->n && rc == 0 &&
                   same_g(trig ? w->st[i].g : NULL, g) &&
                   !strcmp(w->st[i].s, s)) {
                const cst *t = &w->st[i];
                rc |= kg_buf_printf(out, "%s    ", ind);
                if (!strcmp(t->p, NS_RDF "type"))
                    rc |= kg_buf_putc(out, 'a');
                else
                    rc |= wiri(w, out, t->p);
                rc |= kg_buf_putc(out, ' ');
                rc |= t->olit ? wlit(w, out, t) : wiri(w, out, t->o);
                i++;
                bool more = i < w->n && same_g(trig ? w->st[i].g : NULL, g) &&
                            !strcmp(w->st[i].s, s);
                rc |= kg_buf_puts(out, more ? " ;\n" : " .\n");
            }
        }
        if (g)
            rc |= kg_buf_puts(out, "}\n");
    }
    return rc ? -1 : 0;
}

static const char *ont_prefix(const kg_ontology *o, const char *name)
{
    for (size_t i = 0; o && i < o->nprefixes; i++)
        if (o->prefixes[i].name && !strcmp(o->prefixes[i].name, name))
            return o->prefixes[i].iri;
    return NULL;
}

static const char *stance_text(cw *w, const kg_graph *g, const kg_edge *e)
{
    kg_buf b;
    kg_buf_init(&b);
    const char *r = NULL;
    if (kg_diff_put_stances(&b, g, e) == 0)
        r = kg_arena_strdup(&w->arena, b.data ? b.data : "stated");
    kg_buf_release(&b);
    if (!r)
        w->oom = true;
    return r;
}

static const char *class_iri_of(const kg_graph *g, int cls)
{
    if (cls >= 0 && g->ont && (size_t)cls < g->ont->nclasses)
        return g->ont->classes[cls].iri;
    return NS_OWL "Thing";
}

/* One reified change; returns its IRI. */
static const char *citem(cw *w, const char *cs, size_t *k, const char *s,
                         const char *p, const char *o, bool olit,
                         const char *change, const char *version)
{
    const char *it = cprintf(w, "%s-%zu", cs, ++*k);
    cadd(w, it, NS_RDF "type", NS_RDF "Statement", false, NULL, NULL);
    cadd(w, it, NS_RDF "subject", s, false, NULL, NULL);
    cadd(w, it, NS_RDF "predicate", p, false, NULL, NULL);
    cadd(w, it, NS_RDF "object", o, olit, NULL, NULL);
    cadd(w, it, kgt(w, "change"), change, true, NULL, NULL);
    cadd(w, it, NS_PROV "wasDerivedFrom", version, false, NULL, NULL);
    return it;
}

/* The triples of an entity (type, label, other names), as changes or into
 * a named graph. */
static void centity(cw *w, bool trig, const char *cs, size_t *k,
                    const kg_graph *g, const kg_node *n, const char *change,
                    const char *version, const char *graph, unsigned what)
{
    if (what & KG_DIFF_CLASS) {
        if (trig)
            cadd(w, n->iri, NS_RDF "type", class_iri_of(g, n->cls), false,
                 NULL, graph);
        else
            citem(w, cs, k, n->iri, NS_RDF "type", class_iri_of(g, n->cls),
                  false, change, version);
    }
    if (what & KG_DIFF_LABEL) {
        if (trig)
            cadd(w, n->iri, NS_RDFS "label", n->label, true, NULL, graph);
        else
            citem(w, cs, k, n->iri, NS_RDFS "label", n->label, true, change,
                  version);
    }
}

static void calias(cw *w, bool trig, const char *cs, size_t *k,
                   const kg_node *n, const char *alias, const char *change,
                   const char *version, const char *graph)
{
    if (trig)
        cadd(w, n->iri, NS_SKOS "altLabel", alias, true, NULL, graph);
    else
        citem(w, cs, k, n->iri, NS_SKOS "altLabel", alias, true, change,
              version);
}

int kg_diff_write_changeset(const kg_diff *df, int format, kg_buf *out,
                            kg_diag *d)
{
    if (format != KG_RDF_TURTLE && format != KG_RDF_TRIG) {
        kg_diag_error(d, NULL, 0, 0, "a changeset is Turtle or TriG");
        return -1;
    }
    bool trig = format == KG_RDF_TRIG;
    cw w;
    memset(&w, 0, sizeof w);
    kg_arena_init(&w.arena);
    const kg_ontology *o = df->b->ont;
    const char *kgns = ont_prefix(o, "kg");
    w.kg = kgns ? kgns : KG_RDF_KG_NS;
    const char *base = df->b->base;
    uint64_t h = kg_hash64(df->iri_a, strlen(df->iri_a), 0x6b67646966660001ull);
    h = kg_hash_mix(h, kg_hash64(df->iri_b, strlen(df->iri_b), 2));
    const char *cs = cprintf(&w, "%sdiff/%016llx", base, (unsigned long long)h);
    const char *g_add = trig ? cprintf(&w, "%s-added", cs) : NULL;
    const char *g_del = trig ? cprintf(&w, "%s-removed", cs) : NULL;
    cpfx(&w, "rdf", NS_RDF);
    cpfx(&w, "rdfs", NS_RDFS);
    cpfx(&w, "xsd", NS_XSD);
    cpfx(&w, "owl", NS_OWL);
    cpfx(&w, "skos", NS_SKOS);
    cpfx(&w, "prov", NS_PROV);
    cpfx(&w, "nif", NS_NIF);
    cpfx(&w, "sem", "http://semanticweb.cs.vu.nl/2009/11/sem/");
    cpfx(&w, "kg", w.kg);
    for (size_t i = 0; o && i < o->nprefixes; i++)
        cpfx(&w, o->prefixes[i].name, o->prefixes[i].iri);
    cpfx(&w, "diff", cprintf(&w, "%sdiff/", base));
    cpfx(&w, "article", cprintf(&w, "%sarticle/", base));
    cpfx(&w, "entity", cprintf(&w, "%sentity/", base));
    cpfx(&w, "rel", cprintf(&w, "%srel/", base));

    const char *nn = NS_XSD "nonNegativeInteger";
    cadd(&w, cs, NS_RDF "type", kgt(&w, "Changeset"), false, NULL, NULL);
    cadd(&w, cs, NS_RDF "type", NS_PROV "Entity", false, NULL, NULL);
    cadd(&w, cs, NS_PROV "used", df->iri_a, false, NULL, NULL);
    cadd(&w, cs, NS_PROV "used", df->iri_b, false, NULL, NULL);
    static const char *const cnt[3] = {"Added", "Removed", "Changed"};
    for (int s = 1; s <= 3; s++) {
        cadd(&w, cs, kgt(&w, cprintf(&w, "facts%s", cnt[s - 1])),
             cprintf(&w, "%zu", df->edge_count[s]), true, nn, NULL);
        cadd(&w, cs, kgt(&w, cprintf(&w, "entities%s", cnt[s - 1])),
             cprintf(&w, "%zu", df->node_count[s]), true, nn, NULL);
    }
    if (trig) {
        cadd(&w, cs, kgt(&w, "addedGraph"), g_add, false, NULL, NULL);
        cadd(&w, cs, kgt(&w, "removedGraph"), g_del, false, NULL, NULL);
    }
    for (int side = 0; side < 2; side++) {
        const kg_graph *g = side ? df->b : df->a;
        const char *v = side ? df->iri_b : df->iri_a;
        cadd(&w, v, NS_RDF "type", NS_PROV "Entity", false, NULL, NULL);
        if (side)
            cadd(&w, v, NS_PROV "wasRevisionOf", df->iri_a, false, NULL, NULL);
        for (size_t i = 0; i < g->narticles; i++)
            if (strcmp(g->articles[i].iri, v) != 0)
                cadd(&w, v, NS_PROV "specializationOf", g->articles[i].iri,
                     false, NULL, NULL);
    }

    size_t k = 0;
    for (size_t i = 0; i < df->nnodes; i++) {
        const kg_diff_item *it = &df->nodes[i];
        if (it->status == KG_DIFF_SAME)
            continue;
        const kg_node *x = it->a >= 0 ? &df->a->nodes[it->a] : NULL;
        const kg_node *y = it->b >= 0 ? &df->b->nodes[it->b] : NULL;
        unsigned all = KG_DIFF_CLASS | KG_DIFF_LABEL;
        if (x && (it->status == KG_DIFF_REMOVED ||
                  (it->what & (KG_DIFF_CLASS | KG_DIFF_LABEL))))
            centity(&w, trig, cs, &k, df->a, x, "removed", df->iri_a, g_del,
                    it->status == KG_DIFF_REMOVED ? all : it->what);
        if (y && (it->status == KG_DIFF_ADDED ||
                  (it->what & (KG_DIFF_CLASS | KG_DIFF_LABEL))))
            centity(&w, trig, cs, &k, df->b, y, "added", df->iri_b, g_add,
                    it->status == KG_DIFF_ADDED ? all : it->what);
        for (size_t j = 0; x && j < x->nalt; j++) {
            bool keep = false;
            for (size_t q = 0; y && q < y->nalt && !keep; q++)
                keep = !strcmp(y->alt[q], x->alt[j]);
            if (!keep)
                calias(&w, trig, cs, &k, x, x->alt[j], "removed", df->iri_a,
                       g_del);
        }
        for (size_t j = 0; y && j < y->nalt; j++) {
            bool keep = false;
            for (size_t q = 0; x && q < x->nalt && !keep; q++)
                keep = !strcmp(x->alt[q], y->alt[j]);
            if (!keep)
                calias(&w, trig, cs, &k, y, y->alt[j], "added", df->iri_b,
                       g_add);
        }
    }
    for (size_t i = 0; i < df->nedges; i++) {
        const kg_diff_item *it = &df->edges[i];
        if (it->status == KG_DIFF_SAME)
            continue;
        const kg_graph *g = ugraph(df, it);
        const kg_edge *e = uedge(df, it);
        /* a graph with edges has nodes (the analyzer guessed the node
         * array NULL above) */
        /* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
        const char *s = g->nodes[e->subj].iri, *ob = g->nodes[e->obj].iri;
        if (trig && it->status != KG_DIFF_CHANGED) {
            cadd(&w, s, e->rel_iri, ob, false, NULL,
                 it->status == KG_DIFF_ADDED ? g_add : g_del);
            continue;
        }
        const char *change = it->status == KG_DIFF_ADDED     ? "added"
                             : it->status == KG_DIFF_REMOVED ? "removed"
                                                             : "changed";
        const char *item = citem(&w, cs, &k, s, e->rel_iri, ob, false, change,
                                 it->status == KG_DIFF_REMOVED ? df->iri_a
                                                               : df->iri_b);
        cadd(&w, item, NS_RDFS "label", e->rel_label, true, NULL, NULL);
        if (it->status == KG_DIFF_CHANGED) {
            cadd(&w, item, kgt(&w, "stanceBefore"),
                 stance_text(&w, df->a, &df->a->edges[it->a]), true, NULL,
                 NULL);
            cadd(&w, item, kgt(&w, "stanceAfter"),
                 stance_text(&w, df->b, &df->b->edges[it->b]), true, NULL,
                 NULL);
            static const struct {
                unsigned bit;
                const char *name;
            } asp[] = {{KG_DIFF_NEGATION, "negation"},
                       {KG_DIFF_ATTRIBUTION, "attribution"},
                       {KG_DIFF_MODALITY, "modality"},
                       {KG_DIFF_HYPOTHESIS, "hypothesis"}};
            for (size_t q = 0; q < 4; q++)
                if (it->what & asp[q].bit)
                    cadd(&w, item, kgt(&w, "changedAspect"), asp[q].name,
                         true, NULL, NULL);
            if (df->a->edges[it->a].nprov && df->a->edges[it->a].prov[0].text)
                cadd(&w, item, kgt(&w, "sentenceBefore"),
                     df->a->edges[it->a].prov[0].text, true, NULL, NULL);
        } else {
            cadd(&w, item, kgt(&w, "stance"), stance_text(&w, g, e), true,
                 NULL, NULL);
        }
        if (e->nprov && e->prov[0].text)
            cadd(&w, item, NS_NIF "anchorOf", e->prov[0].text, true, NULL,
                 NULL);
    }
    /* Default-graph statements first (TriG), then the two named graphs. */
    if (trig && w.n > 1) {
        cst *sorted = kg_malloc(w.n * sizeof *sorted);
        if (!sorted) {
            w.oom = true;
        } else {
            size_t m = 0;
            for (int pass = 0; pass < 3; pass++) {
                const char *gname = pass == 0 ? NULL : pass == 1 ? g_del : g_add;
                for (size_t i = 0; i < w.n; i++)
                    if (same_g(w.st[i].g, gname))
                        sorted[m++] = w.st[i];
            }
            memcpy(w.st, sorted, m * sizeof *sorted);
            free(sorted);
        }
    }
    size_t start = out->len;
    int rc = w.oom ? -1 : cemit(&w, out, trig);
    free(w.st);
    kg_arena_release(&w.arena);
    if (rc) {
        out->len = start;
        kg_diag_oom(d, "writing the changeset");
    }
    return rc;
}
