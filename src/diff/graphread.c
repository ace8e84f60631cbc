/*
 * graphread.c - RDF that kgraph wrote, back into a kg_graph.
 *
 * The file is parsed by raptor into a flat list of statements (strings
 * copied into our arena), which is then sorted by subject and read
 * subject by subject: what each subject is (article, evidence, entity,
 * open relation, something to skip) is decided from its rdf:type, the
 * facts come from the default graph, the evidence from rdf:Statement
 * descriptions or from the named graphs.  The kg_graph is filled directly
 * (nodes, edges and provenance in its arena) and finalized, which sorts
 * it and builds its lookup maps as for an extracted graph.
 *
 * raptor ownership: raptor_new_world, raptor_new_parser and raptor_new_uri
 * return objects we free (raptor_free_world / _parser / _uri; the world
 * last).  raptor_uri_filename_to_uri_string returns memory freed with
 * raptor_free_memory.  The statement handed to the statement handler and
 * every term and string inside it belong to raptor and live only during
 * the call: we copy what we keep.  The log handler's message likewise.
 */
#include "base/alloc.h"
#include "diff/graphread.h"

#include <raptor2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "base/hash.h"
#include "base/io.h"
#include "write/rdf.h"

#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define NS_XSD "http://www.w3.org/2001/XMLSchema#"
#define NS_OWL "http://www.w3.org/2002/07/owl#"
#define NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define NS_PROV "http://www.w3.org/ns/prov#"
#define NS_NIF "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define NS_SCHEMA "https://schema.org/"
#define NS_SEM "http://semanticweb.cs.vu.nl/2009/11/sem/"

/* --- the set of N-Triples lines ------------------------------------------- */

void kg_ntset_init(kg_ntset *s)
{
    memset(s, 0, sizeof *s);
    kg_arena_init(&s->arena);
}

void kg_ntset_release(kg_ntset *s)
{
    free(s->v);
    kg_arena_release(&s->arena);
    memset(s, 0, sizeof *s);
}

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool kg_ntset_has(const kg_ntset *s, const char *line)
{
    return s->n && bsearch(&line, s->v, s->n, sizeof *s->v, cmp_strp) != NULL;
}

/* --- raw statements -------------------------------------------------------- */

enum { T_IRI, T_BLANK, T_LIT };

typedef struct raw {
    const char *s, *p, *o, *g; /* IRIs as they are; blank nodes "_:x" */
    const char *dt, *lang;     /* of a literal object */
    unsigned char skind, okind, gkind;
} raw;

typedef struct reader {
    kg_arena tmp;
    kg_diag *d;
    const char *name;
    raw *st;
    size_t nst, cap;
    bool failed, oom;
} reader;

static const char *copy_term(reader *r, const raptor_term *t,
                             unsigned char *kind)
{
    const char *s = NULL;
    switch (t->type) {
    case RAPTOR_TERM_TYPE_URI: {
        size_t n = 0;
        const unsigned char *u = raptor_uri_as_counted_string(t->value.uri, &n);
        s = kg_arena_strndup(&r->tmp, (const char *)u, n);
        *kind = T_IRI;
        break;
    }
    case RAPTOR_TERM_TYPE_BLANK:
        s = kg_arena_printf(&r->tmp, "_:%.*s", (int)t->value.blank.string_len,
                            (const char *)t->value.blank.string);
        *kind = T_BLANK;
        break;
    case RAPTOR_TERM_TYPE_LITERAL:
        s = kg_arena_strndup(&r->tmp, (const char *)t->value.literal.string,
                             t->value.literal.string_len);
        *kind = T_LIT;
        break;
    default:
        break;
    }
    if (!s)
        r->oom = true;
    return s;
}

static void on_statement(void *data, raptor_statement *rs)
{
    reader *r = data;
    if (r->oom)
        return;
    if (r->nst == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 1024;
        raw *n = kg_realloc(r->st, ncap * sizeof *n);
        if (!n) {
            r->oom = true;
            return;
        }
        r->st = n;
        r->cap = ncap;
    }
    raw *t = &r->st[r->nst];
    memset(t, 0, sizeof *t);
    unsigned char pk;
    t->s = copy_term(r, rs->subject, &t->skind);
    t->p = copy_term(r, rs->predicate, &pk);
    t->o = copy_term(r, rs->object, &t->okind);
    if (rs->graph)
        t->g = copy_term(r, rs->graph, &t->gkind);
    if (t->okind == T_LIT) {
        const raptor_term_literal_value *l = &rs->object->value.literal;
        if (l->datatype) {
            size_t n = 0;
            const unsigned char *u = raptor_uri_as_counted_string(l->datatype, &n);
            t->dt = kg_arena_strndup(&r->tmp, (const char *)u, n);
        }
        if (l->language)
            t->lang = kg_arena_strndup(&r->tmp, (const char *)l->language,
                                       l->language_len);
    }
    if (!r->oom && t->s && t->p && t->o)
        r->nst++;
}

static void on_log(void *data, raptor_log_message *m)
{
    reader *r = data;
    if (m->level < RAPTOR_LOG_LEVEL_ERROR)
        return;
    if (!r->failed) {
        int line = m->locator ? m->locator->line : 0;
        int col = m->locator ? m->locator->column : 0;
        kg_diag_error(r->d, r->name, line > 0 ? line : 0, col > 0 ? col : 0,
                      "%s", m->text ? m->text : "cannot parse the graph");
    }
    r->failed = true;
}

static const char *const parser_names[] = {"turtle", "ntriples", "nquads",
                                           "trig"};

static int parse(reader *r, const char *data, size_t len, int format)
{
    raptor_world *w = raptor_new_world();
    if (!w) {
        kg_diag_oom(r->d, "starting the RDF parser");
        return -1;
    }
    raptor_world_set_log_handler(w, r, on_log);
    raptor_parser *p = NULL;
    raptor_uri *base = NULL;
    unsigned char *base_str = NULL;
    int rc = -1;
    if (raptor_world_open(w) != 0)
        goto done;
    p = raptor_new_parser(w, parser_names[format]);
    /* Relative IRIs (kgraph writes none) resolve against the file. */
    base_str = raptor_uri_filename_to_uri_string(
        strcmp(r->name, "-") == 0 ? "stdin" : r->name);
    if (base_str)
        base = raptor_new_uri(w, base_str);
    if (!p || !base)
        goto done;
    raptor_parser_set_statement_handler(p, r, on_statement);
    if (raptor_parser_parse_start(p, base) != 0)
        goto done;
    /* chunks keep raptor's own copies small */
    size_t off = 0;
    while (!r->failed && !r->oom) {
        size_t n = len - off < 65536 ? len - off : 65536;
        bool end = off + n == len;
        if (raptor_parser_parse_chunk(p, (const unsigned char *)data + off, n,
                                      end) != 0)
            break;
        off += n;
        if (end) {
            rc = 0;
            break;
        }
    }
done:
    if (r->oom) {
        kg_diag_oom(r->d, "reading the graph");
        rc = -1;
    } else if (rc != 0 && !r->failed) {
        kg_diag_error(r->d, r->name, 0, 0, "cannot parse the graph (%s)",
                      parser_names[format]);
    }
    if (r->failed)
        rc = -1;
    if (p)
        raptor_free_parser(p);
    if (base)
        raptor_free_uri(base);
    if (base_str)
        raptor_free_memory(base_str);
    raptor_free_world(w);
    return rc;
}

/* --- N-Triples lines -------------------------------------------------------- */

static int put_iri(kg_buf *b, const char *s)
{
    int rc = kg_buf_putc(b, '<');
    for (const unsigned char *p = (const unsigned char *)s; *p && !rc; p++) {
        if (*p <= 0x20 || strchr("<>\"{}|^`\\", *p))
            rc = kg_buf_printf(b, "\\u%04X", *p);
        else
            rc = kg_buf_putc(b, (char)*p);
    }
    return rc ? rc : kg_buf_putc(b, '>');
}

static int put_term(kg_buf *b, const char *s, unsigned char kind)
{
    if (kind == T_BLANK)
        return kg_buf_puts(b, s);
    if (kind == T_IRI)
        return put_iri(b, s);
    int rc = kg_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p && !rc; p++) {
        switch (*p) {
        case '"': rc = kg_buf_puts(b, "\\\""); break;
        case '\\': rc = kg_buf_puts(b, "\\\\"); break;
        case '\n': rc = kg_buf_puts(b, "\\n"); break;
        case '\r': rc = kg_buf_puts(b, "\\r"); break;
        default:
            rc = *p < 0x20 || *p == 0x7F ? kg_buf_printf(b, "\\u%04X", *p)
                                         : kg_buf_putc(b, (char)*p);
        }
    }
    return rc ? rc : kg_buf_putc(b, '"');
}

static int put_literal(kg_buf *b, const raw *t)
{
    int rc = put_term(b, t->o, t->okind);
    if (rc == 0 && t->dt) {
        rc = kg_buf_puts(b, "^^");
        if (rc == 0)
            rc = put_iri(b, t->dt);
    } else if (rc == 0 && t->lang) {
        rc = kg_buf_printf(b, "@%s", t->lang);
    }
    return rc;
}

/* --- interpretation -------------------------------------------------------- */

enum { S_OTHER, S_ARTICLE, S_PROV, S_ENTITY, S_RELATION };

typedef struct subj {
    const char *iri;
    size_t first, n; /* run in the sorted statements */
    int kind;
    int node;        /* node index for S_ENTITY, article index for
                        S_ARTICLE, else -1 */
} subj;

typedef struct tedge {
    uint32_t subj, obj;
    int rel;
    const char *rel_iri, *rel_label;
    size_t nprov;
} tedge;

typedef struct tprov {
    size_t edge;
    kg_prov p;
} tprov;

typedef struct interp {
    reader *r;
    kg_graph *g;
    const kg_ontology *o;
    raw **by_s;          /* statements sorted by subject, predicate, object,
                            each once */
    size_t nby;
    subj *subs;
    size_t nsubs, capsubs;
    kg_strmap sub_of;    /* subject IRI -> index in subs */
    kg_strmap graph_names;
    kg_strmap rel_of;    /* ontology relation IRI -> index */
    kg_strmap cls_of;    /* ontology class IRI -> index */
    kg_strmap ent_of;    /* ontology entity IRI -> index */
    kg_strmap edge_of;   /* "s\x1fp\x1fo" -> index in edges */
    kg_node *nodes;
    size_t nnodes, capnodes;
    tedge *edges;
    size_t nedges, capedges;
    tprov *provs;
    size_t nprovs, capprovs;
} interp;

static int cmp_raw(const void *a, const void *b)
{
    const raw *x = *(const raw *const *)a, *y = *(const raw *const *)b;
    int c = strcmp(x->s, y->s);
    if (!c)
        c = strcmp(x->p, y->p);
    if (!c)
        c = strcmp(x->o, y->o);
    if (!c)
        c = (x->g != NULL) - (y->g != NULL);
    if (!c && x->g)
        c = strcmp(x->g, y->g);
    if (!c)
        c = (int)x->okind - (int)y->okind;
    if (!c)
        c = strcmp(x->dt ? x->dt : "", y->dt ? y->dt : "");
    if (!c)
        c = strcmp(x->lang ? x->lang : "", y->lang ? y->lang : "");
    return c;
}

static bool has_prefix(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

/* The last segment of an IRI (after the last '/' or '#'). */
static const char *local_name(const char *iri)
{
    const char *l = iri;
    for (const char *p = iri; *p; p++)
        if ((*p == '/' || *p == '#') && p[1])
            l = p + 1;
    return l;
}

static bool is_local(const char *iri, const char *name)
{
    return strcmp(local_name(iri), name) == 0 &&
           !has_prefix(iri, NS_RDF) && !has_prefix(iri, NS_RDFS);
}

static int map_put(interp *in, kg_strmap *m, const char *key, int v)
{
    if (kg_strmap_put(m, key, strlen(key), v) < 0) {
        in->r->oom = true;
        return -1;
    }
    return 0;
}

static int map_get(const kg_strmap *m, const char *key)
{
    return key ? kg_strmap_get(m, key, strlen(key)) : -1;
}

static const char *gcopy(interp *in, const char *s)
{
    if (!s)
        return NULL;
    const char *c = kg_arena_strdup(&in->g->arena, s);
    if (!c)
        in->r->oom = true;
    return c;
}

/* A label for an IRI nobody labelled: its last segment, '_' as spaces. */
static const char *label_from_iri(interp *in, const char *iri)
{
    char *l = kg_arena_strdup(&in->g->arena, local_name(iri));
    if (!l) {
        in->r->oom = true;
        return NULL;
    }
    for (char *p = l; *p; p++)
        if (*p == '_')
            *p = ' ';
    return l;
}

static int classify(interp *in, subj *sb)
{
    if (map_get(&in->graph_names, sb->iri) >= 0)
        return S_PROV;
    bool other = false, relation = false;
    for (size_t i = 0; i < sb->n; i++) {
        const raw *t = in->by_s[sb->first + i];
        if (t->g || strcmp(t->p, NS_RDF "type") != 0 || t->okind != T_IRI)
            continue;
        const char *ty = t->o;
        if (!strcmp(ty, NS_SCHEMA "NewsArticle"))
            return S_ARTICLE;
        if (!strcmp(ty, NS_RDF "Statement"))
            return S_PROV;
        if (!strcmp(ty, NS_RDF "Property") || is_local(ty, "OpenRelation"))
            relation = true;
        else if (has_prefix(ty, NS_PROV) || has_prefix(ty, NS_OWL "Class") ||
                 has_prefix(ty, NS_OWL "Ontology") ||
                 (has_prefix(ty, NS_OWL) && strstr(ty, "Property")))
            other = true;
    }
    if (relation)
        return S_RELATION;
    /* kgraph writes no blank nodes: a blank node is no entity (its label
     * is no IRI, and would not survive being written back) */
    if (other || in->by_s[sb->first]->skind == T_BLANK)
        return S_OTHER;
    return S_ENTITY;
}

static int new_node(interp *in, const char *iri)
{
    if (in->nnodes == in->capnodes) {
        size_t ncap = in->capnodes ? in->capnodes * 2 : 64;
        kg_node *n = kg_realloc(in->nodes, ncap * sizeof *n);
        if (!n) {
            in->r->oom = true;
            return -1;
        }
        in->nodes = n;
        in->capnodes = ncap;
    }
    kg_node *n = &in->nodes[in->nnodes];
    memset(n, 0, sizeof *n);
    n->iri = gcopy(in, iri);
    n->cls = -1;
    n->entity = map_get(&in->ent_of, iri);
    return n->iri ? (int)in->nnodes++ : -1;
}

/* The node of an entity IRI: the described one, else a new bare node. */
static int node_of(interp *in, const char *iri)
{
    int s = map_get(&in->sub_of, iri);
    if (s >= 0) {
        subj *sb = &in->subs[s];
        if (sb->kind != S_ENTITY)
            return -1;
        return sb->node;
    }
    int n = new_node(in, iri);
    if (n < 0)
        return -1;
    in->nodes[n].label = label_from_iri(in, iri);
    /* Remember it as an (undescribed) entity, so that the next mention
     * finds it.  subs may move: callers hold indexes, not pointers. */
    if (in->nsubs == in->capsubs) {
        size_t ncap = in->capsubs * 2 + 16;
        subj *ns = kg_realloc(in->subs, ncap * sizeof *ns);
        if (!ns) {
            in->r->oom = true;
            return -1;
        }
        in->subs = ns;
        in->capsubs = ncap;
    }
    const char *key = in->nodes[n].iri;
    in->subs[in->nsubs] = (subj){key, 0, 0, S_ENTITY, n};
    if (map_put(in, &in->sub_of, key, (int)in->nsubs) < 0)
        return -1;
    in->nsubs++;
    return n;
}

static void describe_node(interp *in, subj *sb)
{
    int ni = new_node(in, sb->iri);
    if (ni < 0)
        return;
    sb->node = ni;
    size_t nalt = 0;
    for (size_t i = 0; i < sb->n; i++)
        if (!in->by_s[sb->first + i]->g &&
            !strcmp(in->by_s[sb->first + i]->p, NS_SKOS "altLabel"))
            nalt++;
    kg_node *n = &in->nodes[ni];
    if (nalt) {
        n->alt = kg_arena_calloc(&in->g->arena, nalt, sizeof *n->alt);
        if (!n->alt) {
            in->r->oom = true;
            return;
        }
        n->capalt = nalt;
    }
    for (size_t i = 0; i < sb->n; i++) {
        const raw *t = in->by_s[sb->first + i];
        if (t->g)
            continue;
        if (!strcmp(t->p, NS_RDFS "label") && t->okind == T_LIT && !n->label) {
            n->label = gcopy(in, t->o);
        } else if (!strcmp(t->p, NS_SKOS "altLabel") && t->okind == T_LIT) {
            n->alt[n->nalt++] = gcopy(in, t->o);
        } else if (!strcmp(t->p, NS_RDF "type") && t->okind == T_IRI) {
            int c = map_get(&in->cls_of, t->o);
            if (c >= 0 && (n->cls < 0 || kg_ontology_is_a(in->o, c, n->cls)))
                n->cls = c;
        }
    }
    if (!n->label)
        n->label = label_from_iri(in, sb->iri);
}

static void describe_article(interp *in, subj *sb)
{
    kg_graph *g = in->g;
    kg_graph_article *a = kg_arena_calloc(&g->arena, g->narticles + 1,
                                          sizeof *a);
    if (!a) {
        in->r->oom = true;
        return;
    }
    if (g->narticles)
        memcpy(a, g->articles, g->narticles * sizeof *a);
    g->articles = a;
    g->caparticles = g->narticles + 1;
    kg_graph_article *ga = &a[g->narticles];
    sb->node = (int)g->narticles++;
    ga->iri = gcopy(in, sb->iri);
    static const struct {
        const char *pred;
        size_t off;
    } fields[] = {
        {NS_SCHEMA "identifier", offsetof(kg_article_meta, id)},
        {NS_SCHEMA "headline", offsetof(kg_article_meta, title)},
        {NS_SCHEMA "url", offsetof(kg_article_meta, url)},
        {NS_SCHEMA "datePublished", offsetof(kg_article_meta, published)},
        {NS_SCHEMA "dateModified", offsetof(kg_article_meta, modified)},
        {NS_SCHEMA "publisher", offsetof(kg_article_meta, source)},
        {NS_SCHEMA "version", offsetof(kg_article_meta, version)},
        {NS_SCHEMA "copyrightNotice", offsetof(kg_article_meta, rights)},
    };
    for (size_t i = 0; i < sb->n; i++) {
        const raw *t = in->by_s[sb->first + i];
        for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
            const char **f = (const char **)((char *)&ga->meta + fields[k].off);
            if (!t->g && !*f && !strcmp(t->p, fields[k].pred))
                *f = gcopy(in, t->o);
        }
    }
}

/* Is p a relation between entities?  Ontology relations and declared open
 * relations are; other terms of the vocabularies kgraph writes are not. */
static bool fact_predicate(interp *in, const char *p)
{
    if (map_get(&in->rel_of, p) >= 0)
        return true;
    int s = map_get(&in->sub_of, p);
    if (s >= 0 && in->subs[s].kind == S_RELATION)
        return true;
    static const char *const vocab[] = {NS_RDF, NS_RDFS, NS_XSD,  NS_OWL,
                                        NS_SKOS, NS_PROV, NS_NIF, NS_SCHEMA,
                                        NS_SEM};
    for (size_t i = 0; i < sizeof vocab / sizeof vocab[0]; i++)
        if (has_prefix(p, vocab[i]))
            return false;
    return !is_local(p, "standsFor");
}

static const char *relation_label(interp *in, const char *p, int rel)
{
    if (rel >= 0) {
        const kg_relation *r = &in->o->relations[rel];
        return r->label ? r->label : r->name;
    }
    int s = map_get(&in->sub_of, p);
    if (s >= 0) {
        const subj *sb = &in->subs[s];
        for (size_t i = 0; i < sb->n; i++) {
            const raw *t = in->by_s[sb->first + i];
            if (!t->g && !strcmp(t->p, NS_RDFS "label") && t->okind == T_LIT)
                return gcopy(in, t->o);
        }
    }
    return label_from_iri(in, p);
}

/* The edge for (s, p, o) after normalisation, created if new; -1 when it
 * is no fact (not between entities, a self-loop). */
static long edge_of(interp *in, const char *s, const char *p, const char *o)
{
    int rel = map_get(&in->rel_of, p);
    if (rel >= 0) {
        const kg_relation *r = &in->o->relations[rel];
        if (r->inverse >= 0 && r->inverse < rel) {
            const char *t = s;
            s = o;
            o = t;
            rel = r->inverse;
            r = &in->o->relations[rel];
            p = r->iri;
        }
        if (r->symmetric && strcmp(s, o) > 0) {
            const char *t = s;
            s = o;
            o = t;
        }
    }
    if (!strcmp(s, o))
        return -1;
    char *key = kg_arena_printf(&in->r->tmp, "%s\x1f%s\x1f%s", s, p, o);
    if (!key) {
        in->r->oom = true;
        return -1;
    }
    int e = map_get(&in->edge_of, key);
    if (e >= 0)
        return e;
    int si = node_of(in, s), oi = node_of(in, o);
    if (si < 0 || oi < 0)
        return -1;
    if (in->nedges == in->capedges) {
        size_t ncap = in->capedges ? in->capedges * 2 : 64;
        tedge *n = kg_realloc(in->edges, ncap * sizeof *n);
        if (!n) {
            in->r->oom = true;
            return -1;
        }
        in->edges = n;
        in->capedges = ncap;
    }
    tedge *te = &in->edges[in->nedges];
    te->subj = (uint32_t)si;
    te->obj = (uint32_t)oi;
    te->rel = rel;
    te->rel_iri = rel >= 0 ? in->o->relations[rel].iri : gcopy(in, p);
    te->rel_label = relation_label(in, p, rel);
    te->nprov = 0;
    if (map_put(in, &in->edge_of, key, (int)in->nedges) < 0)
        return -1;
    return (long)in->nedges++;
}

static bool is_true(const raw *t)
{
    return t->okind == T_LIT && (!strcmp(t->o, "true") || !strcmp(t->o, "1"));
}

static void describe_prov(interp *in, size_t si_)
{
    const subj sbv = in->subs[si_]; /* a copy: subs may move below */
    const subj *sb = &sbv;
    const char *s = NULL, *p = NULL, *o = NULL;
    kg_prov pv;
    memset(&pv, 0, sizeof pv);
    pv.attributed_to = -1;
    const char *speaker = NULL, *article = NULL;
    for (size_t i = 0; i < sb->n; i++) {
        const raw *t = in->by_s[sb->first + i];
        if (t->g)
            continue;
        const char *pr = t->p;
        if (!strcmp(pr, NS_RDF "subject") && t->okind == T_IRI)
            s = t->o;
        else if (!strcmp(pr, NS_RDF "predicate") && t->okind == T_IRI)
            p = t->o;
        else if (!strcmp(pr, NS_RDF "object") && t->okind == T_IRI)
            o = t->o;
        else if (!strcmp(pr, NS_PROV "wasDerivedFrom"))
            article = t->o;
        else if (!strcmp(pr, NS_NIF "beginIndex"))
            pv.cstart = (uint32_t)strtoul(t->o, NULL, 10);
        else if (!strcmp(pr, NS_NIF "endIndex"))
            pv.cend = (uint32_t)strtoul(t->o, NULL, 10);
        else if (!strcmp(pr, NS_NIF "anchorOf"))
            pv.text = gcopy(in, t->o);
        else if (!strcmp(pr, NS_SEM "accordingTo") && t->okind == T_IRI)
            speaker = t->o;
        else if (is_local(pr, "sentence"))
            pv.sentence = (uint32_t)strtoul(t->o, NULL, 10);
        else if (is_local(pr, "rule"))
            pv.rule = gcopy(in, t->o);
        else if (is_local(pr, "confidence"))
            pv.confidence = strtod(t->o, NULL);
        else if (is_local(pr, "negated") && is_true(t))
            pv.flags |= KG_PROV_NEGATED;
        else if (is_local(pr, "attributed") && is_true(t))
            pv.flags |= KG_PROV_ATTRIBUTED;
        else if (is_local(pr, "hypothetical") && is_true(t))
            pv.flags |= KG_PROV_HYPOTHETICAL;
        else if (is_local(pr, "modality"))
            pv.modality = gcopy(in, t->o);
        else if (is_local(pr, "tense"))
            pv.tense = gcopy(in, t->o);
        else if (is_local(pr, "time"))
            pv.time = gcopy(in, t->o);
        else if (is_local(pr, "place"))
            pv.place = gcopy(in, t->o);
    }
    if (!s) {
        /* Named-graph evidence: the triple is the graph's content. */
        int k = map_get(&in->graph_names, sb->iri);
        const raw *t = k >= 0 ? &in->r->st[k] : NULL;
        if (t && t->skind == T_IRI && t->okind == T_IRI) {
            s = t->s;
            p = t->p;
            o = t->o;
        }
    }
    if (!s || !p || !o || !fact_predicate(in, p))
        return;
    long e = edge_of(in, s, p, o);
    if (e < 0)
        return;
    if (speaker)
        pv.attributed_to = node_of(in, speaker);
    int a = -1;
    if (article) {
        int si = map_get(&in->sub_of, article);
        if (si >= 0 && in->subs[si].kind == S_ARTICLE)
            a = in->subs[si].node;
    }
    pv.article = a >= 0 ? (uint32_t)a : 0;
    if (in->nprovs == in->capprovs) {
        size_t ncap = in->capprovs ? in->capprovs * 2 : 64;
        tprov *n = kg_realloc(in->provs, ncap * sizeof *n);
        if (!n) {
            in->r->oom = true;
            return;
        }
        in->provs = n;
        in->capprovs = ncap;
    }
    in->provs[in->nprovs].edge = (size_t)e;
    in->provs[in->nprovs].p = pv;
    in->nprovs++;
    in->edges[e].nprov++;
}

static int build_maps(interp *in)
{
    const kg_ontology *o = in->o;
    for (size_t i = 0; o && i < o->nrelations; i++)
        if (map_put(in, &in->rel_of, o->relations[i].iri, (int)i) < 0)
            return -1;
    for (size_t i = 0; o && i < o->nclasses; i++)
        if (map_put(in, &in->cls_of, o->classes[i].iri, (int)i) < 0)
            return -1;
    for (size_t i = 0; o && i < o->nentities; i++)
        if (map_put(in, &in->ent_of, o->entities[i].iri, (int)i) < 0)
            return -1;
    /* graph name -> its first statement (kgraph puts one triple in each) */
    for (size_t i = 0; i < in->r->nst; i++)
        if (in->r->st[i].g && map_get(&in->graph_names, in->r->st[i].g) < 0 &&
            map_put(in, &in->graph_names, in->r->st[i].g, (int)i) < 0)
            return -1;
    return 0;
}

/* The graph's arrays from the temporary ones; then the canonical order. */
static int fill_graph(interp *in)
{
    kg_graph *g = in->g;
    kg_arena *a = &g->arena;
    if (in->nnodes) {
        g->nodes = kg_arena_calloc(a, in->nnodes, sizeof *g->nodes);
        if (!g->nodes)
            return -1;
        memcpy(g->nodes, in->nodes, in->nnodes * sizeof *g->nodes);
    }
    g->nnodes = g->capnodes = in->nnodes;
    if (in->nedges) {
        g->edges = kg_arena_calloc(a, in->nedges, sizeof *g->edges);
        if (!g->edges)
            return -1;
    }
    g->nedges = g->capedges = in->nedges;
    for (size_t i = 0; i < in->nedges; i++) {
        const tedge *te = &in->edges[i];
        kg_edge *e = &g->edges[i];
        e->subj = te->subj;
        e->obj = te->obj;
        e->rel = te->rel;
        e->rel_iri = te->rel_iri;
        e->rel_label = te->rel_label;
        if (te->nprov) {
            e->prov = kg_arena_calloc(a, te->nprov, sizeof *e->prov);
            if (!e->prov)
                return -1;
            e->capprov = te->nprov;
        }
        const char *si = g->nodes[e->subj].iri, *oi = g->nodes[e->obj].iri;
        char *key = kg_arena_printf(&in->r->tmp, "%s\x1f%s\x1f%s", si,
                                    e->rel_iri, oi);
        if (!key)
            return -1;
        uint64_t h = kg_hash64(key, strlen(key), 0x6b67726170680001ull);
        e->iri = kg_arena_printf(a, "%sstmt/%016llx", g->base,
                                 (unsigned long long)h);
        if (!e->iri)
            return -1;
    }
    for (size_t i = 0; i < in->nprovs; i++) {
        kg_edge *e = &g->edges[in->provs[i].edge];
        e->prov[e->nprov++] = in->provs[i].p;
        if (in->provs[i].p.confidence > e->confidence)
            e->confidence = in->provs[i].p.confidence;
    }
    for (size_t i = 0; i < g->nedges; i++)
        if (g->edges[i].nprov == 0)
            g->edges[i].confidence = 1.0;
    g->finalized = false;
    return 0;
}

static int make_plain(interp *in, kg_ntset *plain)
{
    size_t cap = in->nby ? in->nby : 1;
    plain->v = kg_malloc(cap * sizeof *plain->v);
    if (!plain->v)
        return -1;
    kg_buf b;
    kg_buf_init(&b);
    int rc = 0;
    for (size_t i = 0; i < in->nby && rc == 0; i++) {
        const raw *t = in->by_s[i];
        int s = map_get(&in->sub_of, t->s);
        if (!plain->with_provenance &&
            (t->g || (s >= 0 && in->subs[s].kind == S_PROV)))
            continue;
        kg_buf_clear(&b);
        rc = put_term(&b, t->s, t->skind);
        if (rc == 0)
            rc = kg_buf_putc(&b, ' ');
        if (rc == 0)
            rc = put_iri(&b, t->p);
        if (rc == 0)
            rc = kg_buf_putc(&b, ' ');
        if (rc == 0)
            rc = put_literal(&b, t);
        if (rc == 0 && t->g) {
            rc = kg_buf_putc(&b, ' ');
            if (rc == 0)
                rc = put_term(&b, t->g, t->gkind);
        }
        const char *line = rc == 0 ? kg_arena_strndup(&plain->arena, b.data,
                                                      b.len)
                                   : NULL;
        if (!line)
            rc = -1;
        else
            plain->v[plain->n++] = line;
    }
    kg_buf_release(&b);
    if (rc == 0 && plain->n > 1) {
        qsort(plain->v, plain->n, sizeof *plain->v, cmp_strp);
        size_t k = 1;
        for (size_t i = 1; i < plain->n; i++)
            if (strcmp(plain->v[i], plain->v[k - 1]) != 0)
                plain->v[k++] = plain->v[i];
        plain->n = k;
    }
    return rc;
}

static int interpret(reader *r, kg_graph *g, kg_ntset *plain)
{
    interp in;
    memset(&in, 0, sizeof in);
    in.r = r;
    in.g = g;
    in.o = g->ont;
    kg_strmap_init(&in.sub_of);
    kg_strmap_init(&in.graph_names);
    kg_strmap_init(&in.rel_of);
    kg_strmap_init(&in.cls_of);
    kg_strmap_init(&in.ent_of);
    kg_strmap_init(&in.edge_of);
    int rc = -1;
    in.by_s = kg_malloc((r->nst ? r->nst : 1) * sizeof *in.by_s);
    in.capsubs = r->nst ? r->nst : 1;
    in.subs = kg_malloc(in.capsubs * sizeof *in.subs);
    if (!in.by_s || !in.subs || build_maps(&in) < 0)
        goto done;
    for (size_t i = 0; i < r->nst; i++)
        in.by_s[i] = &r->st[i];
    if (r->nst > 1)
        qsort(in.by_s, r->nst, sizeof *in.by_s, cmp_raw);
    /* An RDF graph is a set: a statement given twice counts once (or an
     * alias written twice would be two aliases). */
    for (size_t i = 0; i < r->nst; i++)
        if (in.nby == 0 || cmp_raw(&in.by_s[in.nby - 1], &in.by_s[i]) != 0)
            in.by_s[in.nby++] = in.by_s[i];
    for (size_t i = 0; i < in.nby;) {
        size_t j = i + 1;
        while (j < in.nby && !strcmp(in.by_s[j]->s, in.by_s[i]->s))
            j++;
        in.subs[in.nsubs] = (subj){in.by_s[i]->s, i, j - i, S_OTHER, -1};
        if (map_put(&in, &in.sub_of, in.by_s[i]->s, (int)in.nsubs) < 0)
            goto done;
        in.nsubs++;
        i = j;
    }
    size_t ndescribed = in.nsubs;
    for (size_t i = 0; i < ndescribed; i++)
        in.subs[i].kind = classify(&in, &in.subs[i]);
    for (size_t i = 0; i < ndescribed && !r->oom; i++) {
        if (in.subs[i].kind == S_ENTITY)
            describe_node(&in, &in.subs[i]);
        else if (in.subs[i].kind == S_ARTICLE)
            describe_article(&in, &in.subs[i]);
    }
    /* Asserted facts, then the evidence (which may describe facts that
     * are not asserted: denied or reported). */
    for (size_t i = 0; i < ndescribed && !r->oom; i++) {
        if (in.subs[i].kind != S_ENTITY)
            continue;
        for (size_t k = 0; k < in.subs[i].n && !r->oom; k++) {
            const raw *t = in.by_s[in.subs[i].first + k];
            if (t->g || t->okind != T_IRI || !fact_predicate(&in, t->p))
                continue;
            int os = map_get(&in.sub_of, t->o);
            if (os >= 0 && in.subs[os].kind != S_ENTITY)
                continue;
            edge_of(&in, t->s, t->p, t->o);
        }
    }
    for (size_t i = 0; i < ndescribed && !r->oom; i++)
        if (in.subs[i].kind == S_PROV)
            describe_prov(&in, i);
    if (r->oom || fill_graph(&in) < 0)
        goto done;
    if (plain && make_plain(&in, plain) < 0)
        goto done;
    rc = 0;
done:
    if (rc < 0 || r->oom)
        kg_diag_oom(r->d, "reading the graph");
    free(in.by_s);
    free(in.subs);
    free(in.nodes);
    free(in.edges);
    free(in.provs);
    kg_strmap_release(&in.sub_of);
    kg_strmap_release(&in.graph_names);
    kg_strmap_release(&in.rel_of);
    kg_strmap_release(&in.cls_of);
    kg_strmap_release(&in.ent_of);
    kg_strmap_release(&in.edge_of);
    return rc < 0 || r->oom ? -1 : 0;
}

/* RDF text is UTF-8 (every syntax says so); raptor does not check, and
 * would hand on IRIs and literals that no writer can write back as they
 * were.  0, or -1 with d saying where. */
static int check_utf8(const char *name, const char *data, size_t len,
                      kg_diag *d)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)data[i];
        if (c && c < 0x80) {
            i++;
            continue;
        }
        if (c == 0) {
            kg_diag_error_at(d, name, data, len, i, "NUL byte in the graph");
            return -1;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)data + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            kg_diag_error_at(d, name, data, len, i,
                             "invalid UTF-8 (byte 0x%02x)", c);
            return -1;
        }
        i += (size_t)k;
    }
    return 0;
}

int kg_graphread(const char *name, const char *data, size_t len, int format,
                 kg_graph *g, kg_ntset *plain, kg_diag *d)
{
    if (format < KG_RDF_TURTLE || format > KG_RDF_TRIG) {
        kg_diag_error(d, name, 0, 0, "unknown graph format");
        return -1;
    }
    if (check_utf8(name, data, len, d) < 0)
        return -1;
    reader r;
    memset(&r, 0, sizeof r);
    kg_arena_init(&r.tmp);
    r.d = d;
    r.name = name;
    int rc = parse(&r, data, len, format);
    if (rc == 0)
        rc = interpret(&r, g, plain);
    if (rc == 0)
        rc = kg_graph_finalize(g, d);
    free(r.st);
    kg_arena_release(&r.tmp);
    return rc;
}

int kg_graphread_file(const char *path, int format, kg_graph *g,
                      kg_ntset *plain, kg_diag *d)
{
    if (format < 0)
        format = kg_rdf_format_from_path(path);
    if (format < 0) {
        kg_diag_error(d, path, 0, 0, "cannot tell the graph format from the "
                                     "extension (.ttl .nt .nq .trig)");
        return -1;
    }
    kg_buf b;
    kg_buf_init(&b);
    if (kg_io_read_file(path, &b, d) < 0) {
        kg_buf_release(&b);
        return -1;
    }
    int rc = kg_graphread(path, b.data ? b.data : "", b.len, format, g,
                          plain, d);
    kg_buf_release(&b);
    return rc;
}
