/*
 * coref.c - what each mention refers to.
 *
 * Mentions are resolved in text order; every resolved mention updates the
 * state of its entity (below, "candidate"), so a mention only looks back.
 * Distances count body sentences: the headline and sub-headings neither
 * count nor serve as antecedents of pronouns.
 *
 * SALIENCE of a candidate, kept incrementally: at each mention resolved to
 * it, sal = sal * 0.8^(sentences since the last update) + w, where w = 1
 * for a name or description, 0.5 for a pronoun, plus 0.5 when the mention
 * is a subject (nsubj, nsubj:pass).  A candidate not mentioned for three
 * sentences has lost half its weight.
 *
 * NAMES.  A gazetteer match is its ontology entity.  Another name first
 * tries to be a NAME PART: a name outside the ontology, untyped or typed
 * Person, whose tokens all occur in the full name of a person mentioned
 * before (the surface forms seen, and an ontology person's label words).
 * Among the candidates bearing the part ("Kim": Kim Jong Un, Kim
 * Eui-keum) it takes the highest
 *
 *     score = salience now
 *           + 1.0  if the writer already used this bare form for the
 *                  candidate ("one sense per discourse": news style gives
 *                  the second Kim his full name every time precisely
 *                  because the bare "Kim" is taken)
 *           + 1.0  if the candidate's full name was mentioned in this or
 *                  the previous sentence ("Kim Eui-keum said ... Kim
 *                  added")
 *           + 0.25 if the candidate is an ontology entity
 *
 * (ties: the most recently mentioned; a known gender must agree with a
 * title such as "Mrs.").  Otherwise the name is an entity of its own
 * (kg_graph_name_node, the cleaned label without titles).
 *
 * On examples/korea-liaison-office.txt (b = body sentence, from 0; the
 * sub-headings do not count) the ten Kims resolve so:
 *   b0  "Kim Jong Un's regime"         Kim Jong Un   ontology label
 *   b2  "eliminating Kim's arsenal"    Kim Jong Un   the only Kim so far
 *                                                    (0.64 + 0.25)
 *   b3  "agreement with Kim"           Kim Jong Un   the only Kim (2.56)
 *   b5  "Moon spokesman Kim Eui-keum"  Kim Eui-keum  ontology label
 *   b7  "Kim Eui-keum told reporters"  Kim Eui-keum  ontology label
 *   b11 "a difficult balance with Kim" Kim Jong Un   the writer's "Kim":
 *        0.72 + 1.0 + 0.25 = 1.97 beats Kim Eui-keum's 1.34 + 0.25 = 1.59
 *        (the more salient by recency: he was the subject of b5, b6 and
 *        b7, but his full name is four sentences back)
 *   b15 "pushed for Kim to accept"     Kim Jong Un   1.95 against 0.80
 *   b18, b19, b21 "Kim Jong Un"        Kim Jong Un   ontology label
 *
 * DESCRIPTIONS.  An ontology alias that describes ("the North Korean
 * leader") is its entity.  A definite noun phrase ("the facility", "the
 * office") refers to the most recently mentioned non-person entity of the
 * last six sentences whose label's head word is the noun ("office":
 * inter-Korean liaison office; "ministry": Ministry of Finance) or whose
 * class is the class the noun names ("facility": Facility, "country":
 * Country); else it stays unresolved and is dropped.  Those mentions add
 * no alternative label.
 *
 * PRONOUNS look back over the resolved mentions: he/she over the current
 * and two previous body sentences, it/they (which refer to things that
 * are no entity far more often) over the current sentence and the
 * subject of the previous one.  Compatible antecedents: he/him/his -> a
 * person not known to be female, she/her -> not known to be male (gender
 * comes from titles such as Mr./Mrs./spokeswoman and from earlier
 * pronouns); it/its -> a typed non-person, non-plural entity;
 * they/them/their -> an organisation, a geopolitical entity, a group or a
 * plural name.  An untyped name qualifies for it/they only as the subject
 * of the pronoun's own sentence ("Znak.com reported its source").  Each
 * candidate is scored
 *
 *     2.0 - 0.02 x token distance in the same sentence, 1.0 one sentence
 *     back, 0.5 two back;  + 1.0 for a subject;  + 0.1 x salience (<= 3);
 *     + 3.0 for the syntactic preference;  - 0.3 for a mere modifier of
 *     a noun ("U.S. pressure", "the Constitution of the United States");
 *     - 0.5 for a singular organisation or country as "they"
 *
 * The SYNTACTIC PREFERENCE (possessive, reflexive and object pronouns
 * only) walks up the tree from the pronoun to the first clause with a
 * subject and takes that subject ("Moon planned his visit"); a relative
 * "who" stands for the noun before it ("Pompeo, who didn't get an
 * audience ... during his previous visit"); an infinitive without a
 * subject takes the noun just before its "to" ("pushed for Kim to accept
 * ... his nuclear weapons").  An object pronoun never takes its own
 * clause's subject or co-arguments ("Hunt, who succeeded him").
 * Competitors that are no entity block it/they: a common noun (singular
 * for it, plural for they) that is the previous sentence's subject, or a
 * subject, object, oblique or possessor earlier in the same sentence ("a
 * commentary ... criticized what it said"), and a coordination ("Trump
 * and the North Korean leader at their summit").  If a blocker wins, or
 * nothing fits, the pronoun stays unresolved (node -1) and never becomes
 * a node.
 *
 * METONYMY.  A mention of an entity that stands_for another (a capital
 * for its country) gets stands_for_node when it is used as an agent or
 * argument rather than as a location: see kg_mention in mention.h.
 *
 * Everything per mention is bounded: candidates for pronouns come from a
 * window of at most three sentences of the (sorted) mention array, name
 * parts from a map, descriptions from a ring of the 32 most recent
 * entities.
 */
#include "base/alloc.h"
#include "extract/coref.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nlp/tags.h"

#define DECAY 0.8
#define PERSON_WINDOW 2 /* body sentences back for he/she */
#define THING_WINDOW 1  /* ... for it/they, and then only a subject */
#define NOMINAL_WINDOW 6
#define RECENT 32
#define REACH 64       /* tokens searched around a head, or before a
                          pronoun for competitors */
#define MAX_LOOKBACK 64 /* mentions a pronoun considers */

static const char *const locative_preps[] = {
    "in", "at", "to", "from", "into", "near", "across", "around", "inside",
    "outside", "through", "toward", "towards", "via", "within",
    "throughout", "onto", NULL};

typedef struct cand {
    int node;
    int cls, entity;
    int gender;
    bool person, group;
    bool plural_ok;          /* may be "they": organisations, countries,
                                groups */
    double sal;
    uint32_t upd;            /* body-sentence ordinal of sal */
    long last_full;          /* ordinal of the last full-name mention */
    uint32_t last_ord;
    int last_mention;
    const char *head;        /* lower-case head word of its label, or NULL */
} cand;

typedef struct part_link {
    int cand;
    int next;
} part_link;

/* node -> candidate, open addressing (nodes are >= 0) */
typedef struct imap {
    int *keys, *vals;
    size_t cap, n;
} imap;

typedef struct coref {
    const kg_ontology *o;
    kg_article *a;
    kg_mention *m;
    size_t nm;
    kg_graph *g;
    kg_diag *d;
    kg_arena arena;
    uint32_t *ord;           /* per sentence: body sentences before it */
    cand *c;
    size_t nc, capc;
    imap by_node;
    kg_strmap parts;         /* name part -> first link */
    part_link *links;
    size_t nlinks, caplinks;
    kg_strmap bound;         /* bare form -> candidate the writer used it for */
    int recent[RECENT];      /* most recent first */
    size_t nrecent;
    int cls_person, cls_org, cls_gpe, cls_group;
    bool oom;                /* a label's head could not be stored */
} coref;

/* --- small containers ---------------------------------------------------- */

static int imap_get(const imap *m, int key)
{
    if (!m->cap)
        return -1;
    size_t i = ((size_t)key * 2654435761u) & (m->cap - 1);
    while (m->keys[i] >= 0) {
        if (m->keys[i] == key)
            return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return -1;
}

static int imap_put(imap *m, int key, int val)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 64;
        int *nk = kg_malloc(ncap * sizeof *nk), *nv = kg_malloc(ncap * sizeof *nv);
        if (!nk || !nv) {
            free(nk);
            free(nv);
            return -1;
        }
        for (size_t i = 0; i < ncap; i++)
            nk[i] = -1;
        for (size_t i = 0; i < m->cap; i++) {
            if (m->keys[i] < 0)
                continue;
            size_t j = ((size_t)m->keys[i] * 2654435761u) & (ncap - 1);
            while (nk[j] >= 0)
                j = (j + 1) & (ncap - 1);
            nk[j] = m->keys[i];
            nv[j] = m->vals[i];
        }
        free(m->keys);
        free(m->vals);
        m->keys = nk;
        m->vals = nv;
        m->cap = ncap;
    }
    size_t i = ((size_t)key * 2654435761u) & (m->cap - 1);
    while (m->keys[i] >= 0 && m->keys[i] != key)
        i = (i + 1) & (m->cap - 1);
    if (m->keys[i] < 0)
        m->n++;
    m->keys[i] = key;
    m->vals[i] = val;
    return 0;
}

/* --- tokens and trees ---------------------------------------------------- */

static const char *form(const kg_article *a, uint32_t i, uint32_t *len)
{
    return kg_token_form(a, &a->tokens[i], len);
}

static bool form_in(const kg_article *a, uint32_t i, const char *const *list)
{
    uint32_t len;
    const char *f = form(a, i, &len);
    if (len == 0)
        return false;
    int c0 = f[0] >= 'A' && f[0] <= 'Z' ? f[0] - 'A' + 'a' : f[0];
    for (size_t k = 0; list[k]; k++) {
        int l0 = list[k][0] >= 'A' && list[k][0] <= 'Z' ? list[k][0] - 'A' + 'a'
                                                        : list[k][0];
        if (l0 == c0 && strlen(list[k]) == len &&
            strncasecmp(list[k], f, len) == 0)
            return true;
    }
    return false;
}

static bool parsed(const kg_article *a, const kg_sentence *s)
{
    return s->count && a->tokens[s->first].upos &&
           a->tokens[s->first].head >= 0;
}

static long head_of(const kg_article *a, const kg_sentence *s, uint32_t i)
{
    int h = a->tokens[i].head;
    if (h <= 0 || (uint32_t)h > s->count)
        return -1;
    return (long)(s->first + (uint32_t)h - 1);
}

static int base_rel(const kg_article *a, uint32_t i)
{
    return kg_deprel_base(a->tokens[i].deprel);
}

static bool is_subject(const kg_article *a, uint32_t i)
{
    return base_rel(a, i) == KG_DEP_NSUBJ;
}

/* The token that carries a mention's grammatical role: its head, or the
 * stripped title the parser made the head ("[Mrs.] Jane Roe met ..."). */
static uint32_t role_token(const kg_article *a, const kg_mention *x)
{
    const kg_sentence *s = &a->sentences[x->sentence];
    uint32_t t = x->head;
    if (x->title >= 0 && head_of(a, s, t) == x->title)
        t = (uint32_t)x->title;
    /* a conjunct has the role of the first one: "Trump and Moon met" */
    if (a->tokens[t].deprel == KG_DEP_CONJ) {
        long h = head_of(a, s, t);
        if (h >= 0)
            t = (uint32_t)h;
    }
    return t;
}

static bool mention_is_subject(const kg_article *a, const kg_mention *x)
{
    return parsed(a, &a->sentences[x->sentence]) &&
           is_subject(a, role_token(a, x));
}

/* A mention that only modifies a noun: "U.S. pressure", "the Constitution
 * of the United States" (possessors are not: "South Korea's plan"). */
static bool modifier(const kg_article *a, const kg_mention *x)
{
    if (!parsed(a, &a->sentences[x->sentence]))
        return false;
    int rel = base_rel(a, role_token(a, x));
    return rel == KG_DEP_COMPOUND || rel == KG_DEP_AMOD ||
           a->tokens[role_token(a, x)].deprel == KG_DEP_NMOD;
}

/* The first child of t with base relation rel (not skip), or -1.
 * Dependents sit near their head: the search is bounded, so pathological
 * sentences stay linear. */
static long child(const kg_article *a, const kg_sentence *s, uint32_t t,
                  int rel, long skip)
{
    uint32_t from = t > s->first + REACH ? t - REACH : s->first;
    uint32_t end = s->first + s->count;
    if (end > t + REACH)
        end = t + REACH;
    for (uint32_t k = from; k < end; k++)
        if ((long)k != skip && head_of(a, s, k) == (long)t &&
            base_rel(a, k) == rel)
            return (long)k;
    return -1;
}

/* The token a subject stands for: a relative pronoun ("who", "which")
 * stands for the noun its clause modifies, or the word before it when the
 * parser attached the clause elsewhere (skipping a comma). */
static long relative_antecedent(const kg_article *a, const kg_sentence *s,
                                uint32_t subj, uint32_t clause)
{
    int x = a->tokens[subj].xpos;
    if (x != KG_XPOS_WP && x != KG_XPOS_WDT)
        return (long)subj;
    if (a->tokens[clause].deprel == KG_DEP_ACL_RELCL)
        return head_of(a, s, clause);
    long k = (long)subj - 1;
    while (k >= (long)s->first && a->tokens[k].upos == KG_UPOS_PUNCT)
        k--;
    return k >= (long)s->first ? k : -1;
}

/* A "to" marking t as an infinitive, or -1. */
static long to_mark(const kg_article *a, const kg_sentence *s, uint32_t t)
{
    for (uint32_t k = t; k-- > s->first && k + 6 > t;) {
        uint32_t len;
        const char *f = form(a, k, &len);
        if (head_of(a, s, k) == (long)t && base_rel(a, k) == KG_DEP_MARK &&
            len == 2 && memcmp(f, "to", 2) == 0)
            return (long)k;
    }
    return -1;
}

/* --- candidates ---------------------------------------------------------- */

static double sal_now(const cand *c, uint32_t now)
{
    double s = c->sal;
    for (uint32_t k = c->upd; k < now && s > 1e-6; k++)
        s *= DECAY;
    return s;
}

static void touch(coref *r, int ci, uint32_t now, double w, int mention)
{
    cand *c = &r->c[ci];
    c->sal = sal_now(c, now) + w;
    c->upd = now;
    c->last_ord = now;
    c->last_mention = mention;
    /* move to the front of the recent ring */
    size_t k = 0;
    while (k < r->nrecent && r->recent[k] != ci)
        k++;
    if (k == r->nrecent && r->nrecent < RECENT)
        r->nrecent++;
    if (k == RECENT)
        k = RECENT - 1;
    memmove(r->recent + 1, r->recent, k * sizeof *r->recent);
    r->recent[0] = ci;
}

/* Lower-case head word of a label: the word before " of ", else the last
 * word ("Ministry of Finance" -> ministry; "liaison office" -> office). */
static const char *label_head(coref *r, const char *s, size_t len)
{
    size_t end = len;
    for (size_t k = 0; k + 4 <= len; k++)
        if (memcmp(s + k, " of ", 4) == 0) {
            end = k;
            break;
        }
    size_t start = end;
    while (start > 0 && s[start - 1] != ' ')
        start--;
    if (start == end)
        return NULL;
    char *h = kg_arena_strndup(&r->arena, s + start, end - start);
    if (!h) {
        r->oom = true;
        return NULL;
    }
    for (char *p = h; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return h;
}

static bool cls_is(const coref *r, int cls, int anc)
{
    return cls >= 0 && anc >= 0 && kg_ontology_is_a(r->o, cls, anc);
}

/* What a candidate's class says; again when a later mention types its
 * node ("Roe" first, "Mrs. Roe" later). */
static void cand_type(coref *r, cand *c)
{
    const kg_node *n = &r->g->nodes[c->node];
    c->cls = n->cls;
    c->entity = n->entity;
    c->person = cls_is(r, n->cls, r->cls_person);
    c->group = cls_is(r, n->cls, r->cls_group);
    c->plural_ok = cls_is(r, n->cls, r->cls_org) ||
                   cls_is(r, n->cls, r->cls_gpe) || c->group;
    c->head = c->person ? NULL : label_head(r, n->label, strlen(n->label));
}

/* The candidate of a node, created on first use; -1 on OOM. */
static int cand_of(coref *r, int node)
{
    int ci = imap_get(&r->by_node, node);
    if (ci >= 0) {
        if (r->c[ci].cls != r->g->nodes[node].cls)
            cand_type(r, &r->c[ci]);
        return r->oom ? -1 : ci;
    }
    if (r->nc == r->capc) {
        size_t ncap = r->capc ? r->capc * 2 : 32;
        cand *nv = kg_realloc(r->c, ncap * sizeof *nv);
        if (!nv)
            return -1;
        r->c = nv;
        r->capc = ncap;
    }
    cand *c = &r->c[r->nc];
    memset(c, 0, sizeof *c);
    c->node = node;
    c->last_full = -1;
    c->last_mention = -1;
    cand_type(r, c);
    ci = (int)r->nc;
    if (r->oom || imap_put(&r->by_node, node, ci) < 0)
        return -1;
    r->nc++;
    return ci;
}

/* Register the words of a full name as parts of candidate ci. */
static int add_part(coref *r, const char *w, size_t len, int ci)
{
    if (len < 2 || !(w[0] >= 'A' && w[0] <= 'Z') ||
        (w[len - 1] == '.' && len <= 3))
        return 0; /* "J.", lower-case words */
    int first = kg_strmap_get(&r->parts, w, len);
    for (int l = first; l >= 0; l = r->links[l].next)
        if (r->links[l].cand == ci)
            return 0;
    if (r->nlinks == r->caplinks) {
        size_t ncap = r->caplinks ? r->caplinks * 2 : 64;
        part_link *nv = kg_realloc(r->links, ncap * sizeof *nv);
        if (!nv)
            return -1;
        r->links = nv;
        r->caplinks = ncap;
    }
    r->links[r->nlinks] = (part_link){ci, first};
    return kg_strmap_put(&r->parts, w, len, (int)r->nlinks++);
}

static int register_parts(coref *r, const kg_mention *x, int ci)
{
    const kg_article *a = r->a;
    for (uint32_t i = x->first; i < x->end; i++) {
        uint32_t len;
        const char *f = form(a, i, &len);
        if (add_part(r, f, len, ci) < 0)
            return -1;
    }
    int e = r->c[ci].entity;
    if (e >= 0 && r->o->entities[e].label) {
        const char *l = r->o->entities[e].label;
        while (*l) {
            const char *sp = strchr(l, ' ');
            size_t len = sp ? (size_t)(sp - l) : strlen(l);
            if (add_part(r, l, len, ci) < 0)
                return -1;
            l += len;
            while (*l == ' ')
                l++;
        }
    }
    return 0;
}

static bool in_part_list(const coref *r, int first, int ci)
{
    for (int l = first; l >= 0; l = r->links[l].next)
        if (r->links[l].cand == ci)
            return true;
    return false;
}

/* The candidate a name part refers to, or -1 (see the rule at the top). */
static int name_part(coref *r, const kg_mention *x, uint32_t now)
{
    const kg_article *a = r->a;
    if (x->entity >= 0 || x->kind != KG_MENTION_NAME ||
        (x->flags & KG_MENTION_PLURAL) ||
        (x->cls >= 0 && !cls_is(r, x->cls, r->cls_person)))
        return -1;
    uint32_t len;
    const char *f = form(a, x->first, &len);
    int first = kg_strmap_get(&r->parts, f, len);
    int bound = x->end - x->first == 1 ? kg_strmap_get(&r->bound, f, len) : -1;
    int best = -1;
    double best_score = 0;
    for (int l = first; l >= 0; l = r->links[l].next) {
        int ci = r->links[l].cand;
        const cand *c = &r->c[ci];
        bool all = true;
        for (uint32_t i = x->first + 1; i < x->end && all; i++) {
            uint32_t n;
            const char *w = form(a, i, &n);
            all = in_part_list(r, kg_strmap_get(&r->parts, w, n), ci);
        }
        if (!all || (x->gender && c->gender && x->gender != c->gender))
            continue;
        double s = sal_now(c, now);
        if (ci == bound)
            s += 1.0;
        if (c->last_full >= 0 && now - (uint32_t)c->last_full <= 1)
            s += 1.0;
        if (c->entity >= 0)
            s += 0.25;
        if (best < 0 || s > best_score ||
            (s == best_score && c->last_mention > r->c[best].last_mention)) {
            best = ci;
            best_score = s;
        }
    }
    return best;
}

/* Used as an agent or argument rather than as a location? */
static bool agentive(const coref *r, const kg_mention *x)
{
    const kg_article *a = r->a;
    const kg_sentence *s = &a->sentences[x->sentence];
    if (!parsed(a, s))
        return false;
    uint32_t h = role_token(a, x);
    int rel = base_rel(a, h);
    if (a->tokens[h].deprel == KG_DEP_NMOD_POSS || rel == KG_DEP_NSUBJ ||
        rel == KG_DEP_OBJ || rel == KG_DEP_IOBJ ||
        a->tokens[h].deprel == KG_DEP_OBL_AGENT)
        return true;
    if (rel != KG_DEP_OBL && rel != KG_DEP_NMOD)
        return false;
    long c = child(a, s, h, KG_DEP_CASE, -1);
    return c >= 0 && !form_in(a, (uint32_t)c, locative_preps);
}

/* --- resolution ---------------------------------------------------------- */

static int fail(coref *r)
{
    if (!r->d->nerrors)
        kg_diag_oom(r->d, "resolving coreference");
    return -1;
}

static int resolve_name(coref *r, size_t i, uint32_t now)
{
    kg_mention *x = &r->m[i];
    const kg_article *a = r->a;
    char surface[1024];
    size_t slen = kg_graph_text_label(
        a->text + a->tokens[x->first].start,
        a->tokens[x->end - 1].end - a->tokens[x->first].start, surface,
        sizeof surface);
    int node, ci = -1;
    bool part = false;
    if (x->entity >= 0) {
        node = kg_graph_entity_node(r->g, x->entity, r->d);
    } else if ((ci = name_part(r, x, now)) >= 0) {
        node = r->c[ci].node;
        r->g->nodes[node].mentions++;
        x->antecedent = r->c[ci].last_mention;
        part = true;
    } else {
        node = kg_graph_name_node(r->g, surface, slen, x->cls, r->d);
    }
    if (node < 0)
        return r->d->nerrors ? -1 : 0; /* no slug: not a name after all */
    x->node = node;
    if (kg_graph_add_alt(r->g, node, surface, slen, r->d) < 0)
        return -1;
    if ((ci = cand_of(r, node)) < 0)
        return fail(r);
    cand *c = &r->c[ci];
    x->cls = c->cls;
    x->entity = c->entity;
    if (x->gender && !c->gender)
        c->gender = x->gender;
    if (part && x->end - x->first == 1) {
        uint32_t len;
        const char *f = form(a, x->first, &len);
        if (kg_strmap_put(&r->bound, f, len, ci) < 0)
            return fail(r);
    }
    const char *label = c->entity >= 0 ? r->o->entities[c->entity].label : NULL;
    bool is_label = label && strlen(label) == slen &&
                    memcmp(label, surface, slen) == 0;
    if (!part && x->kind == KG_MENTION_NAME &&
        (x->end - x->first >= 2 || is_label))
        c->last_full = (long)now;
    if (c->person && !part && x->kind == KG_MENTION_NAME &&
        register_parts(r, x, ci) < 0)
        return fail(r);
    touch(r, ci, now, mention_is_subject(a, x) ? 1.5 : 1.0, (int)i);
    if (x->stands_for >= 0 && agentive(r, x)) {
        x->stands_for_node = kg_graph_entity_node(r->g, x->stands_for, r->d);
        if (x->stands_for_node < 0)
            return -1;
    }
    return 0;
}

static int resolve_nominal(coref *r, size_t i, uint32_t now)
{
    kg_mention *x = &r->m[i];
    const kg_token *t = &r->a->tokens[x->head];
    char low[64];
    uint32_t len;
    const char *w = t->lemma ? t->lemma : form(r->a, x->head, &len);
    len = (uint32_t)(t->lemma ? strlen(t->lemma) : len);
    if (len >= sizeof low)
        return 0;
    for (uint32_t k = 0; k < len; k++)
        low[k] = (w[k] >= 'A' && w[k] <= 'Z') ? (char)(w[k] - 'A' + 'a') : w[k];
    low[len] = '\0';
    for (size_t k = 0; k < r->nrecent; k++) {
        int ci = r->recent[k];
        const cand *c = &r->c[ci];
        if (now - c->last_ord > NOMINAL_WINDOW)
            break; /* the ring is ordered by recency */
        if (c->person)
            continue;
        if ((c->head && strcmp(c->head, low) == 0) ||
            cls_is(r, c->cls, x->cls)) {
            x->node = c->node;
            x->antecedent = c->last_mention;
            x->cls = c->cls;
            x->entity = c->entity;
            r->g->nodes[c->node].mentions++;
            touch(r, ci, now, mention_is_subject(r->a, x) ? 1.5 : 1.0, (int)i);
            return 0;
        }
    }
    return 0;
}

/* Can pronoun p refer to candidate c (met as mention q; local: q is the
 * subject of p's own sentence)? */
static bool compatible(const kg_mention *p, const cand *c, const kg_mention *q,
                       bool local)
{
    if (p->gender)
        return c->person && !(c->gender && c->gender != p->gender);
    if (c->person)
        return false;
    /* an untyped name ("Dozens", "Max") is too often no entity at all:
     * only as the subject of the pronoun's sentence ("Znak.com reported
     * its source") */
    if (c->cls < 0 && !(q->flags & KG_MENTION_PLURAL))
        return local;
    if (p->flags & KG_MENTION_PLURAL)
        return c->plural_ok || (q->flags & KG_MENTION_PLURAL);
    /* organisations and countries are "it" as well as "they" */
    return !c->group && !(q->flags & KG_MENTION_PLURAL);
}

/* The syntactic preference of a possessive, reflexive or object pronoun:
 * a token the antecedent should cover, or -1.  *own_subj receives what
 * the pronoun's own clause subject stands for when an object pronoun must
 * not take it (Principle B), else -1. */
static long preferred(const coref *r, const kg_mention *p, long *own_subj)
{
    const kg_article *a = r->a;
    const kg_sentence *s = &a->sentences[p->sentence];
    *own_subj = -1;
    uint32_t t = p->head;
    if (is_subject(a, t))
        return -1;
    bool object = !(p->flags & (KG_MENTION_POSSESSIVE | KG_MENTION_REFLEXIVE));
    long own = head_of(a, s, t);
    long cur = own, from = t;
    for (int depth = 0; cur >= 0 && depth < 16; depth++) {
        long subj = child(a, s, (uint32_t)cur, KG_DEP_NSUBJ, (long)t);
        if (subj == from)
            subj = -1; /* "as their constituents wish": the pronoun's own
                          noun phrase is no antecedent */
        if (subj >= 0) {
            long ante =
                relative_antecedent(a, s, (uint32_t)subj, (uint32_t)cur);
            if (!(object && cur == own))
                return ante;
            *own_subj = ante;
        } else {
            long to = to_mark(a, s, (uint32_t)cur);
            if (to > (long)s->first &&
                kg_mention_at(r->m, r->nm, (uint32_t)to - 1) >= 0 &&
                a->tokens[to - 1].upos != KG_UPOS_PUNCT &&
                a->tokens[to - 1].upos != KG_UPOS_VERB &&
                a->tokens[to - 1].upos != KG_UPOS_NOUN)
                return to - 1; /* "for Kim to accept" */
        }
        from = cur;
        cur = head_of(a, s, (uint32_t)cur);
    }
    return -1;
}

typedef struct best {
    double score;
    int cand;    /* -1: a blocker won */
    long mention;
    bool any;
} best;

static void consider(best *b, double score, int ci, long mention)
{
    if (!b->any || score > b->score) {
        b->any = true;
        b->score = score;
        b->cand = ci;
        b->mention = mention;
    }
}

static double position_score(uint32_t dist, uint32_t tokdist)
{
    if (dist == 0)
        return 2.0 - 0.02 * (tokdist > 50 ? 50 : tokdist);
    return dist == 1 ? 1.0 : 0.5;
}

static int resolve_pronoun(coref *r, size_t i, uint32_t now)
{
    kg_mention *p = &r->m[i];
    const kg_article *a = r->a;
    const kg_sentence *ps = &a->sentences[p->sentence];
    if (ps->kind != KG_SENT_BODY)
        return 0;
    bool tree = parsed(a, ps);
    long own_subj = -1;
    long pref = tree ? preferred(r, p, &own_subj) : -1;
    long own = tree ? head_of(a, ps, p->head) : -1;
    bool object = tree && !is_subject(a, p->head) &&
                  !(p->flags & (KG_MENTION_POSSESSIVE | KG_MENTION_REFLEXIVE));
    uint32_t window = p->gender ? PERSON_WINDOW : THING_WINDOW;
    best b = {0, -1, -1, false};
    for (size_t k = i; k-- > 0 && i - k <= MAX_LOOKBACK;) {
        const kg_mention *q = &r->m[k];
        uint32_t qo = r->ord[q->sentence];
        if (qo + window < now)
            break;
        const kg_sentence *qs = &a->sentences[q->sentence];
        if (qs->kind != KG_SENT_BODY)
            continue;
        bool same = q->sentence == p->sentence;
        if (!p->gender && !same && !mention_is_subject(a, q))
            continue; /* it/they across sentences: only the last subject */
        if (same && object &&
            ((own >= 0 && head_of(a, qs, q->head) == own) ||
             (own_subj >= 0 && (long)q->first <= own_subj &&
              own_subj < (long)q->end)))
            continue; /* "Hunt, who succeeded him" */
        double pos = position_score(now - qo, same ? p->first - q->head : 0);
        bool subj = mention_is_subject(a, q);
        bool is_pref =
            pref >= 0 && (long)q->first <= pref && pref < (long)q->end;
        /* a coordination "X and Y" is one plural competitor */
        if ((p->flags & KG_MENTION_PLURAL) && parsed(a, qs) &&
            a->tokens[q->head].deprel == KG_DEP_CONJ) {
            long h = head_of(a, qs, q->head);
            long j = h >= 0 ? kg_mention_at(r->m, k, (uint32_t)h) : -1;
            if (j >= 0) {
                bool s1 = is_subject(a, (uint32_t)h);
                consider(&b, pos + (s1 ? 1.0 : 0) + (is_pref ? 3.0 : 0), -1, k);
            }
        }
        if (q->node < 0)
            continue;
        int ci = imap_get(&r->by_node, q->node);
        if (ci < 0 || !compatible(p, &r->c[ci], q, same && subj))
            continue;
        double sal = sal_now(&r->c[ci], now);
        double score = pos + (subj ? 1.0 : 0) + 0.1 * (sal > 3 ? 3 : sal) +
                       (is_pref ? 3.0 : 0);
        if (modifier(a, q))
            score -= 0.3; /* "the Constitution of the United States" */
        if ((p->flags & KG_MENTION_PLURAL) && !r->c[ci].group &&
            !(q->flags & KG_MENTION_PLURAL) && r->c[ci].cls >= 0)
            score -= 0.5; /* a singular organisation is "it" more often */
        consider(&b, score, ci, (long)k);
    }
    /* common-noun subjects compete for it and they */
    if (!p->gender && tree) {
        bool plural = p->flags & KG_MENTION_PLURAL;
        for (uint32_t s = p->sentence + 1; s-- > 0;) {
            const kg_sentence *ss = &a->sentences[s];
            if (r->ord[s] + window < now)
                break;
            if (ss->kind != KG_SENT_BODY || !parsed(a, ss))
                continue;
            bool same = s == p->sentence;
            uint32_t send = ss->first + ss->count;
            uint32_t from = ss->first;
            if (p->first > from + 2 * REACH)
                from = p->first - 2 * REACH;
            for (uint32_t t = from; t < send && t < p->first; t++) {
                const kg_token *tk = &a->tokens[t];
                int rel = base_rel(a, t);
                bool core = rel == KG_DEP_NSUBJ ||
                            (same && (rel == KG_DEP_OBJ || rel == KG_DEP_IOBJ ||
                                      tk->deprel == KG_DEP_OBL ||
                                      tk->deprel == KG_DEP_NMOD_POSS));
                if (tk->upos != KG_UPOS_NOUN ||
                    (tk->xpos == KG_XPOS_NNS) != plural || !core)
                    continue;
                long j = kg_mention_at(r->m, i, t);
                if (j >= 0 && r->m[j].node >= 0)
                    continue;
                double pos =
                    position_score(now - r->ord[s], same ? p->first - t : 0);
                consider(&b, pos + (rel == KG_DEP_NSUBJ ? 1.0 : 0) +
                                 (pref == (long)t ? 3.0 : 0),
                         -1, -1);
            }
        }
    }
    if (!b.any || b.cand < 0)
        return 0; /* nothing fits, or a competitor that is no entity won */
    cand *c = &r->c[b.cand];
    p->node = c->node;
    p->antecedent = (int)b.mention;
    p->cls = c->cls;
    p->entity = c->entity;
    if (p->gender && !c->gender)
        c->gender = p->gender;
    r->g->nodes[c->node].mentions++;
    touch(r, b.cand, now, tree && is_subject(a, p->head) ? 1.0 : 0.5, (int)i);
    return 0;
}

int kg_coref_resolve(const kg_ontology *o, kg_article *a, kg_mention *m,
                     size_t nm, kg_graph *g, kg_diag *d)
{
    coref r;
    memset(&r, 0, sizeof r);
    r.o = o;
    r.a = a;
    r.m = m;
    r.nm = nm;
    r.g = g;
    r.d = d;
    kg_arena_init(&r.arena);
    kg_strmap_init(&r.parts);
    kg_strmap_init(&r.bound);
    r.cls_person = kg_ontology_class(o, "Person");
    r.cls_org = kg_ontology_class(o, "Organization");
    r.cls_gpe = kg_ontology_class(o, "GeopoliticalEntity");
    r.cls_group = kg_ontology_class(o, "Group");
    int rc = 0;
    if (a->nsentences && !(r.ord = kg_malloc(a->nsentences * sizeof *r.ord))) {
        rc = fail(&r);
        goto out;
    }
    for (uint32_t s = 0, n = 0; s < a->nsentences; s++) {
        r.ord[s] = n;
        if (a->sentences[s].kind == KG_SENT_BODY)
            n++;
    }
    for (size_t i = 0; i < nm && rc == 0; i++) {
        uint32_t now = r.ord[m[i].sentence];
        if (m[i].kind == KG_MENTION_PRONOUN)
            rc = resolve_pronoun(&r, i, now);
        else if (m[i].kind == KG_MENTION_NOMINAL &&
                 m[i].source == KG_MENTION_PARSE)
            rc = resolve_nominal(&r, i, now);
        else
            rc = resolve_name(&r, i, now);
    }
out:
    free(r.ord);
    free(r.c);
    free(r.links);
    free(r.by_node.keys);
    free(r.by_node.vals);
    kg_strmap_release(&r.parts);
    kg_strmap_release(&r.bound);
    kg_arena_release(&r.arena);
    return rc;
}
