/* ontology_print.c - the human listing behind `check-ontology -v`.
 * Deterministic: everything comes out in ontology order. */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/sha256.h"
#include "ontology/ontology.h"

/* Print iri as a CURIE with the prefix whose IRI is the longest match,
 * else in angle brackets. */
static void put_iri(const kg_ontology *o, const char *iri, FILE *out)
{
    if (!iri) {
        fputs("(no iri)", out);
        return;
    }
    size_t best = 0;
    const kg_prefix *bp = NULL;
    for (size_t i = 0; i < o->nprefixes; i++) {
        size_t n = strlen(o->prefixes[i].iri);
        if (n > best && strncmp(iri, o->prefixes[i].iri, n) == 0 &&
            iri[n] && !strpbrk(iri + n, "/#?:")) {
            best = n;
            bp = &o->prefixes[i];
        }
    }
    if (bp)
        fprintf(out, "%s:%s", bp->name, iri + best);
    else
        fprintf(out, "<%s>", iri);
}

static void put_style(const kg_class *c, FILE *out)
{
    if (c->shape)
        fprintf(out, " shape=%s", c->shape);
    if (c->color)
        fprintf(out, " color=%s", c->color);
    if (c->fillcolor)
        fprintf(out, " fillcolor=%s", c->fillcolor);
    if (c->fontcolor)
        fprintf(out, " fontcolor=%s", c->fontcolor);
}

/* Children of each class in index order: first[c] is c's first child,
 * next[k] the class after k among its parent's children (-1: none).  Built
 * once, so printing the tree is linear in the number of classes. */
typedef struct class_tree {
    int *first, *next;
} class_tree;

/* NOLINTNEXTLINE(misc-no-recursion): the loader bounds the tree's depth */
static void put_class(const kg_ontology *o, const class_tree *t, int i,
                      int depth, FILE *out)
{
    const kg_class *c = &o->classes[i];
    fprintf(out, "%*s%s ", 2 + 2 * depth, "", c->name);
    put_iri(o, c->iri, out);
    fprintf(out, " \"%s\"", c->label);
    if (c->nmixins) {
        fputs(" mixins:", out);
        for (size_t m = 0; m < c->nmixins; m++)
            fprintf(out, "%s%s", m ? "," : " ", o->classes[c->mixins[m]].name);
    }
    put_style(c, out);
    fputc('\n', out);
    if (t->first) {
        for (int k = t->first[i]; k >= 0; k = t->next[k])
            put_class(o, t, k, depth + 1, out);
        return;
    }
    /* no memory for the child lists: a scan per class, same output */
    for (size_t j = 0; j < o->nclasses; j++)
        if (o->classes[j].parent == i)
            put_class(o, t, (int)j, depth + 1, out);
}

static void put_trigger(const kg_trigger *t, FILE *out)
{
    fputs(t->lemma, out);
    if (t->particle)
        fprintf(out, " %s", t->particle);
    if (t->prep)
        fprintf(out, " %s", t->prep);
    if (!t->either && (t->particle != NULL) != (t->prep != NULL))
        fputs(t->particle ? " (particle)" : " (prep)", out);
}

static void put_triggers(const kg_relation *r, int kind, const char *what,
                         FILE *out)
{
    size_t n = 0;
    for (size_t i = 0; i < r->ntriggers; i++) {
        if (r->triggers[i].kind != kind)
            continue;
        fprintf(out, n++ ? ", " : "    %s: ", what);
        put_trigger(&r->triggers[i], out);
    }
    if (n)
        fputc('\n', out);
}

static const char *cls_name(const kg_ontology *o, int c)
{
    return c >= 0 ? o->classes[c].name : "(any)";
}

void kg_ontology_summary(const kg_ontology *o, FILE *out)
{
    if (o->id)
        fprintf(out, "id: %s\n", o->id);
    if (o->name)
        fprintf(out, "name: %s\n", o->name);
    if (o->base)
        fprintf(out, "base: %s\n", o->base);
    fputs("files:\n", out);
    for (size_t i = 0; i < o->nfiles; i++) {
        char hex[65];
        kg_sha256_hex(o->files[i].sha256, hex);
        fprintf(out, "  %s sha256:%s\n", o->files[i].path, hex);
    }
    if (o->nprefixes) {
        fputs("prefixes:\n", out);
        for (size_t i = 0; i < o->nprefixes; i++)
            fprintf(out, "  %s: %s\n", o->prefixes[i].name, o->prefixes[i].iri);
    }
    if (o->nclasses) {
        fputs("classes:\n", out);
        class_tree t = {kg_malloc(o->nclasses * sizeof(int)),
                        kg_malloc(o->nclasses * sizeof(int))};
        if (!t.first || !t.next) {
            free(t.first);
            free(t.next);
            t.first = t.next = NULL;
        } else {
            for (size_t i = 0; i < o->nclasses; i++)
                t.first[i] = -1;
            /* pushed front from the last class: lists in index order */
            for (size_t i = o->nclasses; i-- > 0;) {
                int p = o->classes[i].parent;
                t.next[i] = p >= 0 ? t.first[p] : -1;
                if (p >= 0)
                    t.first[p] = (int)i;
            }
        }
        for (size_t i = 0; i < o->nclasses; i++)
            if (o->classes[i].parent < 0)
                put_class(o, &t, (int)i, 0, out);
        free(t.first);
        free(t.next);
    }
    if (o->nrelations) {
        fputs("relations:\n", out);
        for (size_t i = 0; i < o->nrelations; i++) {
            const kg_relation *r = &o->relations[i];
            fprintf(out, "  %s ", r->name);
            put_iri(o, r->iri, out);
            fprintf(out, " \"%s\" %s %s %s", r->label, cls_name(o, r->domain),
                    r->symmetric ? "<->" : "->", cls_name(o, r->range));
            if (r->parent >= 0)
                fprintf(out, " is_a: %s", o->relations[r->parent].name);
            if (r->inverse >= 0)
                fprintf(out, " inverse: %s", o->relations[r->inverse].name);
            fputc('\n', out);
            put_triggers(r, KG_TRIGGER_VERB, "verbs", out);
            put_triggers(r, KG_TRIGGER_NOUN, "nouns", out);
            for (size_t a = 0; a < r->nannotations; a++)
                fprintf(out, "%s%s=%s%s", a ? " " : "    annotations: ",
                        r->annotations[a].key, r->annotations[a].value,
                        a + 1 == r->nannotations ? "\n" : "");
        }
    }
    if (o->nentities) {
        fputs("entities:\n", out);
        for (size_t i = 0; i < o->nentities; i++) {
            const kg_entity *e = &o->entities[i];
            fprintf(out, "  %s ", e->id);
            put_iri(o, e->iri, out);
            fprintf(out, " %s \"%s\"\n", cls_name(o, e->cls), e->label);
            for (size_t a = 0; a < e->naliases; a++)
                fprintf(out, "%s\"%s\"%s", a ? ", " : "    aliases: ",
                        e->aliases[a], a + 1 == e->naliases ? "\n" : "");
            for (size_t a = 0; a < e->nsame_as; a++) {
                fputs(a ? ", " : "    same_as: ", out);
                put_iri(o, e->same_as[a], out);
                if (a + 1 == e->nsame_as)
                    fputc('\n', out);
            }
            if (e->stands_for >= 0)
                fprintf(out, "    stands_for: %s\n",
                        o->entities[e->stands_for].id);
        }
    }
}
