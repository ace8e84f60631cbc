/* ontology_query.c - lookups on a loaded ontology (read-only except
 * kg_ontology_expand, which allocates its answer in the arena). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ontology/onto_internal.h"
#include "ontology/ontology.h"

void kg_ontology_free(kg_ontology *o)
{
    if (!o)
        return;
    kg_strmap_release(&o->class_by_name);
    kg_strmap_release(&o->relation_by_name);
    kg_strmap_release(&o->entity_by_id);
    kg_strmap_release(&o->entity_by_name);
    kg_strmap_release(&o->verb_triggers);
    kg_strmap_release(&o->noun_triggers);
    kg_arena_release(&o->arena);
    free(o);
}

int kg_ontology_class(const kg_ontology *o, const char *name)
{
    return name ? kg_strmap_get(&o->class_by_name, name, strlen(name)) : -1;
}

int kg_ontology_relation(const kg_ontology *o, const char *name)
{
    return name ? kg_strmap_get(&o->relation_by_name, name, strlen(name))
                : -1;
}

int kg_ontology_entity(const kg_ontology *o, const char *id)
{
    return id ? kg_strmap_get(&o->entity_by_id, id, strlen(id)) : -1;
}

int kg_ontology_entity_by_name(const kg_ontology *o, const char *name,
                               size_t len)
{
    return name ? kg_strmap_get(&o->entity_by_name, name, len) : -1;
}

/* NOLINTNEXTLINE(misc-no-recursion): the loader bounds the depth */
bool kg_ontology_is_a(const kg_ontology *o, int cls, int ancestor)
{
    if (cls < 0 || ancestor < 0 || (size_t)cls >= o->nclasses)
        return false;
    if (cls == ancestor)
        return true;
    const kg_class *c = &o->classes[cls];
    size_t lo = 0, hi = c->nancestors;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->ancestors[mid] == ancestor)
            return true;
        if (c->ancestors[mid] < ancestor)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

size_t kg_onto_fold(const char *s, size_t len, char *out, size_t cap)
{
    if (len >= cap)
        return (size_t)-1;
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        out[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    out[len] = '\0';
    return len;
}

static bool word_eq(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    return strcasecmp(a, b) == 0;
}

/* 0 = no match, else a rank: 3 both particle and preposition, 2 one of
 * them, 1 the bare lemma. */
static int verb_rank(const kg_trigger *t, const char *particle,
                     const char *prep)
{
    if (!t->particle && !t->prep)
        return 1;
    if (t->either)
        return word_eq(t->particle, particle) || word_eq(t->particle, prep)
                   ? 2
                   : 0;
    if (t->particle && !word_eq(t->particle, particle))
        return 0;
    if (t->prep && !word_eq(t->prep, prep))
        return 0;
    return t->particle && t->prep ? 3 : 2;
}

static size_t group(const kg_ontology *o, const kg_strmap *m,
                    const char *lemma, size_t *first)
{
    char key[256];
    size_t len = kg_onto_fold(lemma, strlen(lemma), key, sizeof key);
    if (len == (size_t)-1)
        return 0;
    int i = kg_strmap_get(m, key, len);
    if (i < 0)
        return 0;
    size_t n = 0;
    int kind = o->trigger_list[i]->kind;
    while ((size_t)i + n < o->ntrigger_list &&
           o->trigger_list[(size_t)i + n]->kind == kind &&
           strcmp(o->trigger_list[(size_t)i + n]->lemma, key) == 0)
        n++;
    *first = (size_t)i;
    return n;
}

size_t kg_ontology_verb_triggers(const kg_ontology *o, const char *lemma,
                                 const char *particle, const char *prep,
                                 const kg_trigger **out, size_t max)
{
    size_t first = 0, n = lemma ? group(o, &o->verb_triggers, lemma, &first)
                                : 0;
    size_t w = 0;
    for (int rank = 3; rank >= 1; rank--)
        for (size_t i = 0; i < n && w < max; i++) {
            const kg_trigger *t = o->trigger_list[first + i];
            if (verb_rank(t, particle, prep) == rank)
                out[w++] = t;
        }
    return w;
}

size_t kg_ontology_noun_triggers(const kg_ontology *o, const char *lemma,
                                 const kg_trigger **out, size_t max)
{
    size_t first = 0, n = lemma ? group(o, &o->noun_triggers, lemma, &first)
                                : 0;
    size_t w = 0;
    for (size_t i = 0; i < n && w < max; i++)
        out[w++] = o->trigger_list[first + i];
    return w;
}

int kg_onto_prefix(const kg_ontology *o, const char *name, size_t len)
{
    for (size_t i = 0; i < o->nprefixes; i++)
        if (strlen(o->prefixes[i].name) == len &&
            memcmp(o->prefixes[i].name, name, len) == 0)
            return (int)i;
    return -1;
}

static bool iri_char_ok(unsigned char ch)
{
    return ch > 0x20 && ch != 0x7f && !strchr("<>\"{}|\\^`", ch);
}

static bool scheme_ok(const char *s, size_t len)
{
    if (len == 0 || !((s[0] >= 'a' && s[0] <= 'z') ||
                      (s[0] >= 'A' && s[0] <= 'Z')))
        return false;
    for (size_t i = 1; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
            return false;
    }
    return true;
}

static bool chars_ok(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (!iri_char_ok(*p))
            return false;
        if (*p == '%') {
            static const char hex[] = "0123456789abcdefABCDEF";
            if (!p[1] || !p[2] || !strchr(hex, p[1]) || !strchr(hex, p[2]))
                return false;
        }
    }
    return true;
}

static bool authority_free_scheme(const char *s, size_t len)
{
    static const char *const schemes[] = {"urn", "mailto", "tag"};
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
        if (strlen(schemes[i]) == len && strncasecmp(s, schemes[i], len) == 0)
            return true;
    return false;
}

bool kg_onto_is_abs_iri(const char *s)
{
    const char *colon = strchr(s, ':');
    if (!colon || !scheme_ok(s, (size_t)(colon - s)) || !chars_ok(s))
        return false;
    if (strncmp(colon + 1, "//", 2) == 0)
        return colon[3] != '\0';
    return authority_free_scheme(s, (size_t)(colon - s)) && colon[1] != '\0';
}

int kg_onto_expand(kg_ontology *o, const char *s, const char **out)
{
    *out = NULL;
    const char *colon = strchr(s, ':');
    if (!colon)
        return KG_ONTO_IRI_MALFORMED;
    size_t plen = (size_t)(colon - s);
    int p = kg_onto_prefix(o, s, plen);
    if (p >= 0) {
        if (!chars_ok(colon + 1))
            return KG_ONTO_IRI_MALFORMED;
        *out = kg_arena_printf(&o->arena, "%s%s", o->prefixes[p].iri,
                               colon + 1);
        return *out ? KG_ONTO_IRI_OK : KG_ONTO_IRI_OOM;
    }
    if (strncmp(colon + 1, "//", 2) == 0 || authority_free_scheme(s, plen)) {
        if (!kg_onto_is_abs_iri(s))
            return KG_ONTO_IRI_MALFORMED;
        *out = kg_arena_strdup(&o->arena, s);
        return *out ? KG_ONTO_IRI_OK : KG_ONTO_IRI_OOM;
    }
    return scheme_ok(s, plen) ? KG_ONTO_IRI_UNKNOWN_PREFIX
                              : KG_ONTO_IRI_MALFORMED;
}

const char *kg_ontology_expand(kg_ontology *o, const char *curie)
{
    const char *out = NULL;
    if (!curie || kg_onto_expand(o, curie, &out) != KG_ONTO_IRI_OK)
        return NULL;
    return out;
}

const char *kg_ontology_class_style(const kg_ontology *o, int cls,
                                    const char *key)
{
    /* bounded by the number of classes, in case of a corrupt parent */
    for (size_t steps = 0; cls >= 0 && (size_t)cls < o->nclasses &&
                           steps <= o->nclasses;
         steps++) {
        const kg_class *c = &o->classes[cls];
        const char *v = NULL;
        if (strcmp(key, "shape") == 0)
            v = c->shape;
        else if (strcmp(key, "color") == 0)
            v = c->color;
        else if (strcmp(key, "fillcolor") == 0)
            v = c->fillcolor;
        else if (strcmp(key, "fontcolor") == 0)
            v = c->fontcolor;
        else
            return NULL;
        if (v)
            return v;
        cls = c->parent;
    }
    return NULL;
}

/* Optimal string alignment distance (Levenshtein plus adjacent
 * transpositions), on ASCII-folded bytes when fold is set.  Strings
 * longer than 63 bytes are never suggested. */
static size_t osa(const char *a, const char *b, bool fold)
{
    enum { M = 64 };
    size_t la = strlen(a), lb = strlen(b);
    if (la >= M || lb >= M)
        return (size_t)-1;
    size_t d[M][M];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            char x = a[i - 1], y = b[j - 1];
            if (fold) {
                x = x >= 'A' && x <= 'Z' ? (char)(x + 32) : x;
                y = y >= 'A' && y <= 'Z' ? (char)(y + 32) : y;
            }
            size_t cost = x != y;
            size_t v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1) {
                char px = a[i - 2], py = b[j - 2];
                if (fold) {
                    px = px >= 'A' && px <= 'Z' ? (char)(px + 32) : px;
                    py = py >= 'A' && py <= 'Z' ? (char)(py + 32) : py;
                }
                if (x == py && px == y && d[i - 2][j - 2] + 1 < v)
                    v = d[i - 2][j - 2] + 1;
            }
            d[i][j] = v;
        }
    return d[la][lb];
}

const char *kg_onto_closest(const char *s, const char *const *cands,
                            size_t n)
{
    size_t len = strlen(s);
    size_t limit = len <= 2 ? 0 : len <= 4 ? 1 : len <= 8 ? 2 : 3;
    const char *best = NULL;
    size_t bf = (size_t)-1, bc = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        if (!cands[i] || strcmp(cands[i], s) == 0)
            continue;
        size_t f = osa(s, cands[i], true);
        if (f == (size_t)-1 || f > limit)
            continue;
        size_t c = osa(s, cands[i], false);
        if (f < bf || (f == bf && c < bc)) {
            best = cands[i];
            bf = f;
            bc = c;
        }
    }
    return best;
}
