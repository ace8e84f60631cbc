#include "base/alloc.h"
#include "graph/graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Grow a (pointer, count, capacity) array in the arena by doubling.  The
 * old block stays in the arena: arrays are few and the waste is bounded by
 * the final size. */
static int grow(kg_arena *a, void **arr, size_t *cap, size_t need,
                size_t elsize)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 16;
    while (ncap < need)
        ncap *= 2;
    void *n = kg_arena_calloc(a, ncap, elsize);
    if (!n)
        return -1;
    if (*cap)
        memcpy(n, *arr, *cap * elsize);
    *arr = n;
    *cap = ncap;
    return 0;
}

/* Every byte below 0x80.  Pure ASCII is its own NFC and its own case
 * fold apart from A-Z: most names are, and skipping utf8proc_map for them
 * (a malloc'd copy and a decomposition per call) saves a tenth of the
 * extraction stage. */
static bool is_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return false;
    return true;
}

static const char *intern(kg_graph *g, const char *s, size_t len)
{
    return kg_arena_strndup(&g->arena, s, len);
}

/* Characters an article's words are separated by besides white space:
 * control characters and zero-width spaces (src/article/chars.h). */
static bool label_space(utf8proc_int32_t cp)
{
    switch (cp) {
    case 0x200B: case 0x2060: case 0xFEFF:
        return true;
    default:
        break;
    }
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
           c == UTF8PROC_CATEGORY_ZP || c == UTF8PROC_CATEGORY_CC;
}

size_t kg_graph_text_label(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    bool space = false;
    if (cap == 0)
        return 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k;
        bool sp;
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            /* ASCII's Zs and Cc: space and the controls */
            k = 1;
            sp = c <= 0x20 || c == 0x7F;
        } else {
            k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                 (utf8proc_ssize_t)(len - i), &cp);
            if (k <= 0) {
                k = 1;
                cp = -1;
            }
            sp = cp >= 0 && label_space(cp);
        }
        if (sp) {
            space = o > 0;
        } else {
            if (o + (space ? 1 : 0) + (size_t)k >= cap)
                break; /* whole characters only */
            if (space)
                out[o++] = ' ';
            space = false;
            memcpy(out + o, s + i, (size_t)k);
            o += (size_t)k;
        }
        i += (size_t)k;
    }
    out[o] = '\0';
    return o;
}

/* A label as stored and compared: NFC, so that a name typed with
 * combining marks is the same name.  In the graph's arena; *outlen gets
 * its length.  NULL when memory runs out. */
static const char *norm_label(kg_graph *g, const char *s, size_t len,
                              size_t *outlen)
{
    if (is_ascii(s, len)) {
        *outlen = len;
        return kg_arena_strndup(&g->arena, s, len);
    }
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s,
                                      (utf8proc_ssize_t)len, &nfc,
                                      UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (n == UTF8PROC_ERROR_NOMEM)
        return NULL;
    const char *p = n >= 0 ? (const char *)nfc : s; /* not UTF-8: as is */
    size_t plen = n >= 0 ? (size_t)n : len;
    char *out = kg_arena_strndup(&g->arena, p, plen);
    free(nfc);
    *outlen = plen;
    return out;
}

size_t kg_graph_slug(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    int pending_sep = 0;
    if (cap == 0)
        return 0;
    utf8proc_uint8_t *folded = NULL;
    /* ASCII needs no folding beyond the A-Z below */
    utf8proc_ssize_t flen = is_ascii(s, len)
                                ? 0
                                : utf8proc_map((const utf8proc_uint8_t *)s,
                                               (utf8proc_ssize_t)len, &folded,
                                               UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK |
                                                   UTF8PROC_CASEFOLD | UTF8PROC_COMPAT);
    const unsigned char *p = folded ? folded : (const unsigned char *)s;
    size_t plen = flen >= 0 && folded ? (size_t)flen : len;
    size_t i = 0;
    while (i < plen) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(plen - i), &cp);
        if (k <= 0) {
            k = 1;
            cp = -1;
        }
        i += (size_t)k;
        char piece[16];
        size_t plen2 = 0;
        if (cp >= 0 && cp < 128) {
            char c = (char)cp;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                piece[0] = c;
                plen2 = 1;
            } else if (c >= 'A' && c <= 'Z') {
                piece[0] = (char)(c - 'A' + 'a');
                plen2 = 1;
            } else if (c == '\'') {
                continue; /* "Trump's" -> "trumps", not "trump_s" */
            }
        } else if (cp > 0) {
            utf8proc_category_t cat = utf8proc_category(cp);
            if (cat <= UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_ND)
                plen2 = (size_t)snprintf(piece, sizeof piece, "u%04x",
                                         (unsigned)cp);
        }
        if (plen2 == 0) {
            pending_sep = n > 0;
            continue;
        }
        if (pending_sep && n + 1 < cap)
            out[n++] = '_';
        pending_sep = 0;
        if (n + plen2 >= cap)
            break;
        memcpy(out + n, piece, plen2);
        n += plen2;
    }
    out[n] = '\0';
    free(folded);
    return n;
}

int kg_graph_init(kg_graph *g, const kg_ontology *o, const char *base,
                  kg_diag *d)
{
    memset(g, 0, sizeof *g);
    kg_arena_init(&g->arena);
    kg_strmap_init(&g->node_by_iri);
    kg_strmap_init(&g->edge_by_key);
    kg_strmap_init(&g->text_ids);
    g->ont = o;
    g->cls_person = o ? kg_ontology_class(o, "Person") : -1;
    g->cls_topic = o ? kg_ontology_class(o, "Topic") : -1;
    if (!base || !*base)
        base = o && o->base ? o->base : KG_GRAPH_DEFAULT_BASE;
    size_t n = strlen(base);
    int needs_sep = base[n - 1] != '/' && base[n - 1] != '#';
    g->base = kg_arena_printf(&g->arena, "%s%s", base, needs_sep ? "/" : "");
    if (!g->base) {
        kg_diag_oom(d, "creating the graph");
        return -1;
    }
    return 0;
}

void kg_graph_release(kg_graph *g)
{
    kg_strmap_release(&g->node_by_iri);
    kg_strmap_release(&g->edge_by_key);
    kg_strmap_release(&g->text_ids);
    kg_arena_release(&g->arena);
    memset(g, 0, sizeof *g);
}

static const char *copy_opt(kg_graph *g, const char *s)
{
    return s ? kg_arena_strdup(&g->arena, s) : NULL;
}

int kg_graph_add_article(kg_graph *g, const kg_article *a, kg_diag *d)
{
    if (grow(&g->arena, (void **)&g->articles, &g->caparticles,
             g->narticles + 1, sizeof *g->articles) < 0)
        goto oom;
    kg_graph_article *ga = &g->articles[g->narticles];
    const kg_article_meta *m = &a->meta;
    const char *id = m->id ? m->id : "article";
    char slug[256];
    if (kg_graph_slug(id, strlen(id), slug, sizeof slug) == 0)
        strcpy(slug, "article");
    ga->iri = kg_arena_printf(&g->arena, "%sarticle/%s", g->base, slug);
    ga->path = copy_opt(g, a->path);
    ga->meta.id = copy_opt(g, m->id);
    ga->meta.title = copy_opt(g, m->title);
    ga->meta.url = copy_opt(g, m->url);
    ga->meta.published = copy_opt(g, m->published);
    ga->meta.modified = copy_opt(g, m->modified);
    ga->meta.source = copy_opt(g, m->source);
    ga->meta.version = copy_opt(g, m->version);
    ga->meta.rights = copy_opt(g, m->rights);
    if (!ga->iri)
        goto oom;
    return (int)g->narticles++;
oom:
    kg_diag_oom(d, "adding an article to the graph");
    return -1;
}

static int new_node(kg_graph *g, const char *iri, const char *label, int cls,
                    int entity, kg_diag *d)
{
    int found = kg_strmap_get(&g->node_by_iri, iri, strlen(iri));
    if (found >= 0) {
        kg_node *n = &g->nodes[found];
        /* Keep the most specific class we have heard of. */
        if (cls >= 0 && (n->cls < 0 || (g->ont && n->cls != cls &&
                                         kg_ontology_is_a(g->ont, cls, n->cls))))
            n->cls = cls;
        return found;
    }
    if (grow(&g->arena, (void **)&g->nodes, &g->capnodes, g->nnodes + 1,
             sizeof *g->nodes) < 0)
        goto oom;
    kg_node *n = &g->nodes[g->nnodes];
    memset(n, 0, sizeof *n);
    n->iri = iri;
    n->label = label;
    n->cls = cls;
    n->entity = entity;
    if (kg_strmap_put(&g->node_by_iri, n->iri, strlen(n->iri),
                      (int)g->nnodes) < 0)
        goto oom;
    g->finalized = false;
    return (int)g->nnodes++;
oom:
    kg_diag_oom(d, "adding an entity to the graph");
    return -1;
}

int kg_graph_entity_node(kg_graph *g, int entity, kg_diag *d)
{
    const kg_entity *e = &g->ont->entities[entity];
    int n = new_node(g, e->iri, e->label, e->cls, entity, d);
    if (n >= 0)
        g->nodes[n].mentions++;
    return n;
}

static bool is_concept(const kg_graph *g, int cls)
{
    return g->scoped && g->ont && cls >= 0 && g->cls_topic >= 0 &&
           kg_ontology_is_a(g->ont, cls, g->cls_topic);
}

int kg_graph_name_node(kg_graph *g, const char *label, size_t len, int cls,
                       kg_diag *d)
{
    const char *lab = norm_label(g, label, len, &len);
    if (!lab) {
        kg_diag_oom(d, "adding an entity to the graph");
        return -1;
    }
    char slug[512];
    if (kg_graph_slug(lab, len, slug, sizeof slug) == 0)
        return -1;
    char *iri = kg_arena_printf(&g->arena, "%s%s/%s", g->base,
                                is_concept(g, cls) ? "concept" : "entity",
                                slug);
    if (!iri) {
        kg_diag_oom(d, "adding an entity to the graph");
        return -1;
    }
    int found = kg_strmap_get(&g->node_by_iri, iri, strlen(iri));
    if (found >= 0) {
        int n = new_node(g, iri, NULL, cls, -1, d);
        g->nodes[n].mentions++;
        if (kg_graph_add_alt(g, n, lab, len, d) < 0)
            return -1;
        return n;
    }
    int n = new_node(g, iri, lab, cls, -1, d);
    if (n >= 0)
        g->nodes[n].mentions++;
    return n;
}

int kg_graph_scope_names(kg_graph *g, size_t first, kg_diag *d)
{
    if (!g->scoped || !g->ont || g->cls_person < 0 || g->narticles == 0)
        return 0;
    const char *a = g->articles[g->narticles - 1].iri;
    size_t blen = strlen(g->base);
    size_t pre = blen + strlen("article/");
    if (strlen(a) <= pre)
        return 0;
    for (size_t i = first; i < g->nnodes; i++) {
        kg_node *n = &g->nodes[i];
        if (n->entity >= 0 || n->cls < 0 || !n->label ||
            strchr(n->label, ' ') ||
            strncmp(n->iri + blen, "entity/", 7) != 0 ||
            strchr(n->iri + blen + 7, '/') ||
            !kg_ontology_is_a(g->ont, n->cls, g->cls_person))
            continue;
        char *iri = kg_arena_printf(&g->arena, "%sentity/%s/%s", g->base,
                                    a + pre, n->iri + blen + 7);
        /* The slot of the old IRI is overwritten in place: the map has no
         * removal, and finalize rebuilds it anyway. */
        if (!iri || kg_strmap_put(&g->node_by_iri, n->iri, strlen(n->iri),
                                  -1) < 0 ||
            kg_strmap_put(&g->node_by_iri, iri, strlen(iri), (int)i) < 0) {
            kg_diag_oom(d, "scoping names to their article");
            return -1;
        }
        n->iri = iri;
        g->finalized = false;
    }
    return 0;
}

int kg_graph_add_alt(kg_graph *g, int node, const char *form, size_t len,
                     kg_diag *d)
{
    kg_node *n = &g->nodes[node];
    form = norm_label(g, form, len, &len);
    if (!form)
        goto oom;
    if (len == 0 || (strlen(n->label) == len && memcmp(n->label, form, len) == 0))
        return 0;
    for (size_t i = 0; i < n->nalt; i++)
        if (strlen(n->alt[i]) == len && memcmp(n->alt[i], form, len) == 0)
            return 0;
    if (grow(&g->arena, (void **)&n->alt, &n->capalt, n->nalt + 1,
             sizeof *n->alt) < 0)
        goto oom;
    n->alt[n->nalt++] = form;
    return 0;
oom:
    kg_diag_oom(d, "recording a surface form");
    return -1;
}

static const char *open_relation_iri(kg_graph *g, const char *label)
{
    char slug[256];
    if (kg_graph_slug(label, strlen(label), slug, sizeof slug) == 0)
        return NULL;
    return kg_arena_printf(&g->arena, "%srel/%s", g->base, slug);
}

/* One copy of each distinct sentence text. */
static const char *intern_text(kg_graph *g, const char *s, size_t len)
{
    int id = kg_strmap_get(&g->text_ids, s, len);
    if (id >= 0)
        return g->texts[id];
    if (grow(&g->arena, (void **)&g->texts, &g->captexts, g->ntexts + 1,
             sizeof *g->texts) < 0)
        return NULL;
    char *copy = kg_arena_strndup(&g->arena, s, len);
    if (!copy || kg_strmap_put(&g->text_ids, copy, len, (int)g->ntexts) < 0)
        return NULL;
    g->texts[g->ntexts++] = copy;
    return copy;
}

size_t kg_graph_evidence(const kg_article *a, uint32_t s, uint32_t focus,
                         kg_prov *p)
{
    const kg_sentence *st = &a->sentences[s];
    if (st->end - st->start <= KG_EVIDENCE_MAX || st->count == 0) {
        p->cstart = st->cstart;
        p->cend = st->cend;
        p->text = a->text + st->start;
        return st->end - st->start;
    }
    uint32_t first = st->first, last = st->first + st->count - 1;
    if (focus < first || focus > last)
        focus = first;
    uint32_t lo = focus, hi = focus;
    const kg_token *t = a->tokens;
    for (bool grew = true; grew;) {
        grew = false;
        if (hi < last && t[hi + 1].end - t[lo].start <= KG_EVIDENCE_MAX) {
            hi++;
            grew = true;
        }
        if (lo > first && t[hi].end - t[lo - 1].start <= KG_EVIDENCE_MAX) {
            lo--;
            grew = true;
        }
    }
    p->cstart = t[lo].cstart;
    p->cend = t[hi].cend;
    p->text = a->text + t[lo].start;
    return t[hi].end - t[lo].start;
}

int kg_graph_add_triple(kg_graph *g, int subj, int rel, const char *open_label,
                        int obj, const kg_prov *p, size_t text_len,
                        kg_diag *d)
{
    if (subj == obj || subj < 0 || obj < 0)
        return -1;
    const char *rel_iri, *rel_label;
    if (rel >= 0) {
        const kg_relation *r = &g->ont->relations[rel];
        if (r->inverse >= 0 && r->inverse < rel) {
            /* One direction per fact: the relation declared first. */
            int t = subj;
            subj = obj;
            obj = t;
            rel = r->inverse;
            r = &g->ont->relations[rel];
        }
        if (r->symmetric &&
            strcmp(g->nodes[subj].iri, g->nodes[obj].iri) > 0) {
            int t = subj;
            subj = obj;
            obj = t;
        }
        rel_iri = r->iri;
        rel_label = r->label ? r->label : r->name;
    } else {
        if (!open_label || !*open_label)
            return -1;
        rel_iri = open_relation_iri(g, open_label);
        if (!rel_iri)
            return -1;
        rel_label = open_label;
    }
    const char *si = g->nodes[subj].iri, *oi = g->nodes[obj].iri;
    /* The lookup key is built on the stack: most triples are found again
     * (one per supporting sentence) and only a new edge keeps its key. */
    char kbuf[1024];
    int kn = snprintf(kbuf, sizeof kbuf, "%s\x1f%s\x1f%s", si, rel_iri, oi);
    if (kn < 0)
        goto oom;
    const char *key = (size_t)kn < sizeof kbuf
                          ? kbuf
                          : kg_arena_printf(&g->arena, "%s\x1f%s\x1f%s", si,
                                            rel_iri, oi);
    if (!key)
        goto oom;
    int e = kg_strmap_get(&g->edge_by_key, key, (size_t)kn);
    if (e < 0) {
        if (grow(&g->arena, (void **)&g->edges, &g->capedges, g->nedges + 1,
                 sizeof *g->edges) < 0)
            goto oom;
        kg_edge *ne = &g->edges[g->nedges];
        memset(ne, 0, sizeof *ne);
        ne->subj = (uint32_t)subj;
        ne->obj = (uint32_t)obj;
        ne->rel = rel;
        ne->rel_iri = rel_iri; /* the ontology's, or open_relation_iri's */
        ne->rel_label = rel >= 0 ? rel_label : intern(g, rel_label, strlen(rel_label));
        uint64_t h = kg_hash64(key, (size_t)kn, 0x6b67726170680001ull);
        ne->iri = kg_arena_printf(&g->arena, "%sstmt/%016llx", g->base,
                                  (unsigned long long)h);
        if (key == kbuf)
            key = kg_arena_strndup(&g->arena, kbuf, (size_t)kn);
        if (!ne->rel_label || !ne->iri || !key ||
            kg_strmap_put(&g->edge_by_key, key, (size_t)kn, (int)g->nedges) < 0)
            goto oom;
        e = (int)g->nedges++;
        g->finalized = false;
    }
    kg_edge *ed = &g->edges[e];
    if (p) {
        if (grow(&g->arena, (void **)&ed->prov, &ed->capprov, ed->nprov + 1,
                 sizeof *ed->prov) < 0)
            goto oom;
        kg_prov *np = &ed->prov[ed->nprov];
        *np = *p;
        np->text = p->text ? intern_text(g, p->text, text_len) : NULL;
        np->rule = copy_opt(g, p->rule);
        np->modality = copy_opt(g, p->modality);
        np->tense = copy_opt(g, p->tense);
        np->time = copy_opt(g, p->time);
        np->place = copy_opt(g, p->place);
        if ((p->text && !np->text) || (p->rule && !np->rule))
            goto oom;
        ed->nprov++;
        if (p->confidence > ed->confidence)
            ed->confidence = p->confidence;
        g->finalized = false;
    }
    return e;
oom:
    kg_diag_oom(d, "adding a triple to the graph");
    return -1;
}

size_t kg_graph_prov_iri(const kg_graph *g, const kg_edge *e, size_t i,
                         char *out, size_t cap)
{
    const kg_prov *pv = &e->prov[i];
    char key[64];
    snprintf(key, sizeof key, "%u\x1f%u\x1f%u\x1f", pv->sentence, pv->cstart,
             pv->cend);
    uint64_t h = kg_hash64(key, strlen(key), 0);
    const char *airi =
        pv->article < g->narticles ? g->articles[pv->article].iri : "";
    h = kg_hash_mix(h, kg_hash64(airi, strlen(airi), 1));
    if (pv->rule)
        h = kg_hash_mix(h, kg_hash64(pv->rule, strlen(pv->rule), 2));
    int n = snprintf(out, cap, "%s-%016llx", e->iri, (unsigned long long)h);
    return n < 0 ? 0 : (size_t)n;
}

const char *kg_graph_class_label(const kg_graph *g, int cls)
{
    if (cls < 0 || !g->ont)
        return "Thing";
    const kg_class *c = &g->ont->classes[cls];
    return c->label ? c->label : c->name;
}

/* --- canonical order ------------------------------------------------------ */

/* qsort has no context argument; one per thread, since kgraph build
 * finalizes graphs on several threads at once */
static _Thread_local const kg_graph *sort_graph;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_node_idx(const void *a, const void *b)
{
    const kg_node *n = sort_graph->nodes;
    return strcmp(n[*(const uint32_t *)a].iri, n[*(const uint32_t *)b].iri);
}

static int cmp_opt(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int cmp_prov(const void *a, const void *b)
{
    const kg_prov *x = a, *y = b;
    if (x->article != y->article)
        return x->article < y->article ? -1 : 1;
    if (x->sentence != y->sentence)
        return x->sentence < y->sentence ? -1 : 1;
    if (x->cstart != y->cstart)
        return x->cstart < y->cstart ? -1 : 1;
    if (x->cend != y->cend)
        return x->cend < y->cend ? -1 : 1;
    int c = cmp_opt(x->rule, y->rule);
    if (c)
        return c;
    if (x->flags != y->flags)
        return x->flags < y->flags ? -1 : 1;
    return 0;
}

static int cmp_edge(const void *a, const void *b)
{
    const kg_edge *x = a, *y = b;
    const kg_node *n = sort_graph->nodes;
    int c = strcmp(n[x->subj].iri, n[y->subj].iri);
    if (c)
        return c;
    c = strcmp(x->rel_iri, y->rel_iri);
    if (c)
        return c;
    return strcmp(n[x->obj].iri, n[y->obj].iri);
}

int kg_graph_finalize(kg_graph *g, kg_diag *d)
{
    if (g->finalized)
        return 0;
    size_t nn = g->nnodes;
    uint32_t *order = kg_malloc((nn ? nn : 1) * sizeof *order);
    uint32_t *remap = kg_malloc((nn ? nn : 1) * sizeof *remap);
    kg_node *nodes = kg_malloc((nn ? nn : 1) * sizeof *nodes);
    if (!order || !remap || !nodes) {
        free(order);
        free(remap);
        free(nodes);
        kg_diag_oom(d, "sorting the graph");
        return -1;
    }
    for (size_t i = 0; i < nn; i++)
        order[i] = (uint32_t)i;
    sort_graph = g;
    qsort(order, nn, sizeof *order, cmp_node_idx);
    for (size_t i = 0; i < nn; i++) {
        remap[order[i]] = (uint32_t)i;
        nodes[i] = g->nodes[order[i]];
    }
    if (nn) /* g->nodes is NULL in an empty graph */
        memcpy(g->nodes, nodes, nn * sizeof *nodes);
    free(nodes);
    free(order);
    kg_strmap_release(&g->node_by_iri);
    kg_strmap_release(&g->edge_by_key);
    int rc = 0;
    for (size_t i = 0; i < nn; i++) {
        kg_node *n = &g->nodes[i];
        if (n->nalt > 1) /* qsort(NULL, 0, ...) is undefined */
            qsort(n->alt, n->nalt, sizeof *n->alt, cmp_str);
        if (kg_strmap_put(&g->node_by_iri, n->iri, strlen(n->iri), (int)i) < 0)
            rc = -1;
    }
    for (size_t i = 0; i < g->nedges; i++) {
        kg_edge *e = &g->edges[i];
        e->subj = remap[e->subj];
        e->obj = remap[e->obj];
        for (size_t j = 0; j < e->nprov; j++)
            if (e->prov[j].attributed_to >= 0)
                e->prov[j].attributed_to = (int)remap[e->prov[j].attributed_to];
        if (e->nprov > 1)
            qsort(e->prov, e->nprov, sizeof *e->prov, cmp_prov);
        /* The same evidence found twice (same sentence, span, rule) counts
         * once. */
        size_t k = 0;
        for (size_t j = 0; j < e->nprov; j++)
            if (k == 0 || cmp_prov(&e->prov[k - 1], &e->prov[j]) != 0)
                e->prov[k++] = e->prov[j];
        e->nprov = k;
    }
    free(remap);
    if (g->nedges > 1)
        qsort(g->edges, g->nedges, sizeof *g->edges, cmp_edge);
    for (size_t i = 0; i < g->nedges; i++) {
        kg_edge *e = &g->edges[i];
        char *key = kg_arena_printf(&g->arena, "%s\x1f%s\x1f%s",
                                    g->nodes[e->subj].iri, e->rel_iri,
                                    g->nodes[e->obj].iri);
        if (!key || kg_strmap_put(&g->edge_by_key, key, strlen(key), (int)i) < 0)
            rc = -1;
    }
    if (rc < 0) {
        kg_diag_oom(d, "sorting the graph");
        return -1;
    }
    g->finalized = true;
    return 0;
}
