/*
 * resolver.c - what kgraph build merged across articles, and why.
 *
 * The resolver keeps, for every entity IRI, the first article that had it
 * with that article's forms and class; its memory grows with the number
 * of distinct entities and articles, not with the text.
 */
#include "corpus/resolver.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/hash.h"

typedef struct seen_entity {
    const char *article; /* first article's name (arena) */
    const char *forms;   /* its label and other forms, quoted (arena) */
    int cls;
} seen_entity;

struct kg_resolver {
    kg_arena arena;
    kg_strmap by_iri;      /* entity IRI -> index into ents */
    kg_strmap parts;       /* slug of a one-word name kept apart -> ents */
    kg_strmap articles;    /* article IRI -> index into names */
    seen_entity *ents;
    size_t nents, capents;
    const char **names;
    size_t nnames, capnames;
    size_t entities, merges;
};

kg_resolver *kg_resolver_new(kg_diag *d)
{
    kg_resolver *r = kg_calloc(1, sizeof *r);
    if (!r) {
        kg_diag_oom(d, "resolving entities");
        return NULL;
    }
    kg_arena_init(&r->arena);
    kg_strmap_init(&r->by_iri);
    kg_strmap_init(&r->parts);
    kg_strmap_init(&r->articles);
    return r;
}

void kg_resolver_free(kg_resolver *r)
{
    if (!r)
        return;
    kg_strmap_release(&r->by_iri);
    kg_strmap_release(&r->parts);
    kg_strmap_release(&r->articles);
    free(r->ents);
    free(r->names);
    kg_arena_release(&r->arena);
    free(r);
}

size_t kg_resolver_entities(const kg_resolver *r)
{
    return r->entities;
}

size_t kg_resolver_merges(const kg_resolver *r)
{
    return r->merges;
}

/* s in double quotes, with \ " and control characters escaped, so that a
 * log line stays one line of tab-separated fields. */
static int quote(kg_buf *b, const char *s)
{
    int err = kg_buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            err |= kg_buf_putc(b, '\\') | kg_buf_putc(b, (char)c);
        else if (c < 0x20)
            err |= kg_buf_printf(b, "\\u%04x", c);
        else
            err |= kg_buf_putc(b, (char)c);
    }
    return err | kg_buf_putc(b, '"');
}

static int forms(kg_buf *b, const kg_node *n)
{
    int err = 0;
    bool first = true;
    if (n->label) {
        err |= quote(b, n->label);
        first = false;
    }
    for (size_t i = 0; i < n->nalt; i++) {
        if (!first)
            err |= kg_buf_puts(b, ", ");
        first = false;
        err |= quote(b, n->alt[i]);
    }
    return err;
}

static const char *class_name(const kg_graph *g, int cls)
{
    if (cls < 0 || !g->ont || (size_t)cls >= g->ont->nclasses)
        return "untyped";
    return g->ont->classes[cls].name;
}

/* The part of an IRI after base + "entity/" or "concept/"; kind says
 * which (0 entity, 1 concept, -1 neither). */
static const char *local(const kg_graph *g, const char *iri, int *kind)
{
    size_t bl = strlen(g->base);
    *kind = -1;
    if (strncmp(iri, g->base, bl) != 0)
        return NULL;
    if (strncmp(iri + bl, "entity/", 7) == 0) {
        *kind = 0;
        return iri + bl + 7;
    }
    if (strncmp(iri + bl, "concept/", 8) == 0) {
        *kind = 1;
        return iri + bl + 8;
    }
    return NULL;
}

static int why(kg_buf *b, const kg_graph *g, const kg_node *n,
               const seen_entity *e)
{
    if (n->entity >= 0 && g->ont)
        return kg_buf_printf(b, "ontology id %s",
                             g->ont->entities[n->entity].id);
    int kind;
    const char *slug = local(g, n->iri, &kind);
    if (kind == 1)
        return kg_buf_printf(b, "same concept \"%s\"", slug);
    int err = slug ? kg_buf_printf(b, "same normalised label \"%s\"", slug)
                   : kg_buf_puts(b, "same IRI");
    int a = n->cls, c = e->cls;
    if (a == c)
        err |= kg_buf_printf(b, ", class %s", class_name(g, a));
    else if (a < 0 || c < 0 ||
             (g->ont && (kg_ontology_is_a(g->ont, a, c) ||
                         kg_ontology_is_a(g->ont, c, a))))
        err |= kg_buf_printf(b, ", compatible classes %s here, %s there",
                             class_name(g, a), class_name(g, c));
    else
        /* a name (not a concept) keeps one node whatever two articles
         * typed it: the per-article typing is what is unsure */
        err |= kg_buf_printf(b, "; classes differ: %s here, %s there",
                             class_name(g, a), class_name(g, c));
    return err;
}

static int new_entity(kg_resolver *r, const char *article, const kg_node *n,
                      kg_buf *tmp)
{
    if (r->nents == r->capents) {
        size_t ncap = r->capents ? r->capents * 2 : 256;
        seen_entity *v = ncap < INT32_MAX ? kg_realloc(r->ents, ncap * sizeof *v)
                                          : NULL;
        if (!v)
            return -1;
        r->ents = v;
        r->capents = ncap;
    }
    kg_buf_clear(tmp);
    if (forms(tmp, n) < 0)
        return -1;
    seen_entity *e = &r->ents[r->nents];
    e->article = article;
    e->forms = kg_arena_strndup(&r->arena, tmp->data ? tmp->data : "", tmp->len);
    e->cls = n->cls;
    return e->forms ? (int)r->nents++ : -1;
}

int kg_resolver_add(kg_resolver *r, const kg_graph *g, const char *name,
                    kg_buf *log, kg_diag *d)
{
    for (size_t i = 0; i < g->narticles; i++) {
        const char *iri = g->articles[i].iri;
        int k = kg_strmap_get(&r->articles, iri, strlen(iri));
        if (k >= 0) {
            const char *id = g->articles[i].meta.id;
            kg_diag_error(d, name, 0, 0,
                          "article id '%s' was already used by '%s' (every "
                          "article needs its own id)",
                          id ? id : "", r->names[k]);
            return -1;
        }
    }
    kg_buf tmp, line;
    kg_buf_init(&tmp);
    kg_buf_init(&line);
    const char *article = kg_arena_strdup(&r->arena, name);
    if (!article)
        goto oom;
    for (size_t i = 0; i < g->narticles; i++) {
        const char *iri = kg_arena_strdup(&r->arena, g->articles[i].iri);
        if (r->nnames == r->capnames) {
            size_t ncap = r->capnames ? r->capnames * 2 : 256;
            const char **v = ncap < INT32_MAX
                                 ? kg_realloc(r->names, ncap * sizeof *v)
                                 : NULL;
            if (!v)
                goto oom;
            r->names = v;
            r->capnames = ncap;
        }
        if (!iri || kg_strmap_put(&r->articles, iri, strlen(iri),
                                  (int)r->nnames) < 0)
            goto oom;
        r->names[r->nnames++] = article;
    }
    for (size_t i = 0; i < g->nnodes; i++) {
        const kg_node *n = &g->nodes[i];
        int k = kg_strmap_get(&r->by_iri, n->iri, strlen(n->iri));
        int kind;
        const char *loc = local(g, n->iri, &kind);
        const char *slash = kind == 0 && n->entity < 0 ? strchr(loc, '/') : NULL;
        bool merged = false;
        kg_buf_clear(&line);
        if (k < 0) {
            const char *iri = kg_arena_strdup(&r->arena, n->iri);
            int e = iri ? new_entity(r, article, n, &tmp) : -1;
            if (e < 0 || kg_strmap_put(&r->by_iri, iri, strlen(iri), e) < 0)
                goto oom;
            r->entities++;
            if (!slash)
                continue;
            /* a one-word name scoped to this article: say so when an
             * earlier article had the same name */
            const char *slug = slash + 1;
            int p = kg_strmap_get(&r->parts, slug, strlen(slug));
            if (p < 0) {
                char *plain = kg_arena_printf(&r->arena, "%sentity/%s",
                                              g->base, slug);
                if (!plain)
                    goto oom;
                p = kg_strmap_get(&r->by_iri, plain, strlen(plain));
            }
            if (p >= 0) {
                merged = true;
                /* the line is only written out: without a log, counted */
                if (log) {
                    const seen_entity *first = &r->ents[p];
                    int err = kg_buf_printf(&line, "<%s>\t%s\t", n->iri, article);
                    err |= forms(&line, n);
                    err |= kg_buf_printf(&line, "\t%s\t%s\tkept apart: a one-word "
                                                "name not resolved to a full "
                                                "name in its article\n",
                                         first->article, first->forms);
                    if (err)
                        goto oom;
                }
            } else {
                const char *key = kg_arena_strdup(&r->arena, slug);
                if (!key || kg_strmap_put(&r->parts, key, strlen(key), e) < 0)
                    goto oom;
            }
        } else if (log) {
            merged = true;
            const seen_entity *first = &r->ents[k];
            int err = kg_buf_printf(&line, "<%s>\t%s\t", n->iri, article);
            err |= forms(&line, n);
            err |= kg_buf_printf(&line, "\t%s\t%s\t", first->article,
                                 first->forms);
            err |= why(&line, g, n, first);
            err |= kg_buf_putc(&line, '\n');
            if (err)
                goto oom;
        } else {
            merged = true;
        }
        if (merged) {
            r->merges++;
            if (log && kg_buf_append(log, line.data, line.len) < 0)
                goto oom;
        }
    }
    kg_buf_release(&tmp);
    kg_buf_release(&line);
    return 0;
oom:
    kg_buf_release(&tmp);
    kg_buf_release(&line);
    kg_diag_oom(d, "resolving entities");
    return -1;
}
