/*
 * oie.c - Open IE tuples from clauses (see oie.h).
 *
 * A clause's first argument is its subject, or for a passive its patient
 * ("initiatives | were supported by | President Moon": CaRB's annotators
 * keep the passive).  The relation is the clause's relation tokens, plus
 * the preposition of the oblique that follows a verb without object
 * ("taught at"), the "by" of an agent, the subordinator of a ccomp
 * ("indicated that") and an xcomp's verb group ("tries to woo").  The
 * remaining arguments follow in text order.
 */
#include "base/alloc.h"
#include "extract/oie.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nlp/tags.h"

#define MAX_REL 64
#define MAX_ARGS 16

typedef struct part {
    uint32_t tok;         /* a token, or */
    const char *lit;      /* a word the text does not have */
} part;

typedef struct tup {
    int one_arg;          /* may stand with one argument */
    double conf;
    const char *rule;
    part rel[MAX_REL];
    int nrel;
    uint32_t af[MAX_ARGS], ae[MAX_ARGS];
    int nargs;
} tup;

typedef struct line {
    char *text;           /* "rel TAB arg1 TAB ..." */
    size_t len;
    double conf;
    const char *rule;
} line;

typedef struct gen {
    const kg_article *a;
    const kg_clause_list *l;
    size_t from, to;
    line *v;
    size_t n, cap;
    kg_buf scratch;
} gen;

static int rel_has(const tup *t, uint32_t tok)
{
    for (int i = 0; i < t->nrel; i++)
        if (!t->rel[i].lit && t->rel[i].tok == tok)
            return 1;
    return 0;
}

static void rel_tok(tup *t, uint32_t tok)
{
    if (t->nrel < MAX_REL && !rel_has(t, tok)) {
        t->rel[t->nrel].tok = tok;
        t->rel[t->nrel].lit = NULL;
        t->nrel++;
    }
}

static void rel_lit(tup *t, const char *w)
{
    if (t->nrel < MAX_REL) {
        t->rel[t->nrel].lit = w;
        t->nrel++;
    }
}

/* Sort the token parts of the relation by position, literals staying
 * where they are relative to the token before them. */
static void rel_sort(tup *t)
{
    for (int i = 1; i < t->nrel; i++) {
        if (t->rel[i].lit)
            continue;
        for (int j = i; j > 0 && !t->rel[j - 1].lit &&
                        t->rel[j - 1].tok > t->rel[j].tok; j--) {
            part p = t->rel[j];
            t->rel[j] = t->rel[j - 1];
            t->rel[j - 1] = p;
        }
    }
}

/* A relative pronoun left without antecedent says nothing. */
static int bare_pronoun(const kg_article *a, uint32_t first, uint32_t end)
{
    if (end != first + 1)
        return 0;
    int xp = a->tokens[first].xpos;
    return xp == KG_XPOS_WDT || xp == KG_XPOS_WP;
}

static void add_span(tup *t, uint32_t first, uint32_t end)
{
    if (first < end && t->nargs < MAX_ARGS) {
        t->af[t->nargs] = first;
        t->ae[t->nargs] = end;
        t->nargs++;
    }
}

static int tok_dep(const kg_article *a, uint32_t i)
{
    return a->tokens[i].deprel;
}

/* Leading preposition tokens of an oblique's span (case and its fixed
 * words); returns the first token after them. */
static uint32_t skip_case(const kg_article *a, const kg_arg *g)
{
    uint32_t i = g->first;
    while (i < g->end && i < g->head &&
           (tok_dep(a, i) == KG_DEP_CASE || tok_dep(a, i) == KG_DEP_FIXED))
        i++;
    return i;
}

static int is_plural(const kg_article *a, const kg_arg *g)
{
    int xp = a->tokens[g->head].xpos;
    if (xp == KG_XPOS_NNS || xp == KG_XPOS_NNPS)
        return 1;
    for (uint32_t i = g->first; i < g->end; i++)
        if (tok_dep(a, i) == KG_DEP_CONJ && a->tokens[i].head >= 0)
            return 1;
    return 0;
}

static int is_patient(const kg_arg *g)
{
    return g->role == KG_ARG_OBJ &&
           (g->dep == KG_DEP_NSUBJ_PASS || g->dep == KG_DEP_CSUBJ_PASS);
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* The text's whitespace-separated words that tokens [first, end) lie in,
 * one space apart: CaRB compares whitespace words, so an argument is
 * whole words of the sentence even where the tokenizer split one
 * ("Seoul." -> "Seoul" "."). */
static int put_words(kg_buf *b, const kg_article *a, uint32_t first,
                     uint32_t end)
{
    size_t lo = a->tokens[first].start, hi = a->tokens[end - 1].end;
    while (lo > 0 && !is_ws(a->text[lo - 1]))
        lo--;
    while (hi < a->len && !is_ws(a->text[hi]))
        hi++;
    int space = 0;
    for (size_t i = lo; i < hi; i++) {
        if (is_ws(a->text[i])) {
            space = 1;
            continue;
        }
        if (space && kg_buf_putc(b, ' ') < 0)
            return -1;
        space = 0;
        if (kg_buf_putc(b, a->text[i]) < 0)
            return -1;
    }
    return 0;
}

/* Render and keep (drop exact duplicates, keeping the higher
 * confidence). */
static int keep(gen *g, const tup *t)
{
    const kg_article *a = g->a;
    kg_buf *b = &g->scratch;
    kg_buf_clear(b);
    int nw = 0;
    for (int i = 0; i < t->nrel; i++) {
        const char *s;
        size_t len;
        if (t->rel[i].lit) {
            s = t->rel[i].lit;
            len = strlen(s);
        } else {
            const kg_token *k = &a->tokens[t->rel[i].tok];
            s = a->text + k->start;
            len = k->end - k->start;
        }
        if (nw++ && kg_buf_putc(b, ' ') < 0)
            return -1;
        if (kg_buf_append(b, s, len) < 0)
            return -1;
    }
    /* one argument says too little (CaRB pairs it with nothing), but for
     * an agentless passive */
    if (nw == 0 || t->nargs < 1 || (t->nargs < 2 && !t->one_arg))
        return 0;
    for (int j = 0; j < t->nargs; j++) {
        if (kg_buf_putc(b, '\t') < 0 || put_words(b, a, t->af[j], t->ae[j]) < 0)
            return -1;
    }
    for (size_t i = 0; i < g->n; i++)
        if (g->v[i].len == b->len && memcmp(g->v[i].text, b->data, b->len) == 0) {
            if (t->conf > g->v[i].conf)
                g->v[i].conf = t->conf;
            return 0;
        }
    if (g->n == g->cap) {
        size_t nc = g->cap ? 2 * g->cap : 16;
        line *v = kg_realloc(g->v, nc * sizeof *v);
        if (!v)
            return -1;
        g->v = v;
        g->cap = nc;
    }
    char *s = kg_malloc(b->len + 1);
    if (!s)
        return -1;
    memcpy(s, b->data, b->len);
    s[b->len] = '\0';
    g->v[g->n].text = s;
    g->v[g->n].len = b->len;
    g->v[g->n].conf = t->conf;
    g->v[g->n].rule = t->rule;
    g->n++;
    return 0;
}

typedef struct rest {
    const kg_arg *arg;
    uint32_t first, end;  /* what is printed */
    const char *fold;     /* preposition moved into the relation */
} rest;

static const char *be_form(const kg_article *a, const kg_arg *s)
{
    return is_plural(a, s) ? "are" : "is";
}

/* What Open IE prints first: the subject, or a passive's patient. */
static const kg_arg *first_arg(const kg_clause *c)
{
    if (c->flags & KG_CLAUSE_PASSIVE)
        for (size_t i = 0; i < c->nargs; i++)
            if (is_patient(&c->args[i]))
                return &c->args[i];
    return kg_clause_subject(c);
}

/* Is clause k an xcomp folded into its parent's relation? */
static int folded_xcomp(const gen *g, size_t k)
{
    const kg_clause *c = &g->l->v[k];
    if (c->parent < 0 || (size_t)c->parent < g->from ||
        (size_t)c->parent >= g->to)
        return 0;
    const kg_clause *p = &g->l->v[c->parent];
    for (size_t i = 0; i < p->nargs; i++)
        if (p->args[i].role == KG_ARG_COMP && p->args[i].dep == KG_DEP_XCOMP &&
            p->args[i].clause >= 0 &&
            g->l->v[p->args[i].clause].pred == c->pred)
            return first_arg(p) != NULL;
    return 0;
}

static int emit_clause(gen *g, size_t ci)
{
    const kg_article *a = g->a;
    const kg_clause *c = &g->l->v[ci];
    const kg_arg *a1 = first_arg(c);
    if (!a1 || a1->first >= a1->end)
        return 0;

    tup t;
    memset(&t, 0, sizeof t);
    t.conf = c->confidence;
    t.rule = c->rule ? c->rule : "";
    rest r[MAX_ARGS];
    int nr = 0;
    const kg_clause *xc = NULL; /* folded xcomp */

    if (c->flags & KG_CLAUSE_IMPLICIT) {
        rel_lit(&t, strcmp(c->lemma, "have") == 0
                        ? (is_plural(a, a1) ? "have" : "has")
                        : be_form(a, a1));
    } else if (c->rule && strcmp(c->rule, "nmod") == 0) {
        rel_lit(&t, be_form(a, a1));
        for (size_t i = 0; i < c->nrel; i++)
            rel_tok(&t, c->rel[i]);
    } else if (c->rule && strcmp(c->rule, "title-noun") == 0) {
        /* "South Korean President Moon Jae-in": Moon Jae-in | is |
         * South Korean President */
        rel_lit(&t, "is");
        uint32_t tf = c->pred;
        const kg_arg *q = kg_clause_arg(c, KG_ARG_OBJ);
        if (q && q->first < tf)
            tf = q->first;
        if (tf < a1->first) {
            r[nr].arg = NULL;
            r[nr].first = tf;
            r[nr].end = a1->first;
            r[nr].fold = NULL;
            nr++;
        }
    } else {
        /* a bare participle ("initiatives supported by Moon"): CaRB's
         * annotators write "are supported by" */
        int aux = 0;
        for (size_t i = 0; i < c->nrel; i++)
            if (tok_dep(a, c->rel[i]) == KG_DEP_AUX_PASS ||
                tok_dep(a, c->rel[i]) == KG_DEP_AUX ||
                tok_dep(a, c->rel[i]) == KG_DEP_COP)
                aux = 1;
        if ((c->flags & KG_CLAUSE_PASSIVE) && !aux && a1 != kg_clause_subject(c) &&
            a->tokens[c->pred].xpos == KG_XPOS_VBN)
            rel_lit(&t, be_form(a, a1));
        for (size_t i = 0; i < c->nrel; i++)
            rel_tok(&t, c->rel[i]);
    }

    /* the other arguments */
    const kg_arg *agent = NULL;
    for (size_t i = 0; i < c->nargs; i++) {
        const kg_arg *x = &c->args[i];
        if (x == a1)
            continue;
        if (c->rule && strcmp(c->rule, "title-noun") == 0)
            continue;
        if (x->role == KG_ARG_SUBJ && (c->flags & KG_CLAUSE_PASSIVE))
            agent = x;
        if (x->role == KG_ARG_COMP && x->dep == KG_DEP_XCOMP &&
            x->clause >= 0 && !xc) {
            xc = &g->l->v[x->clause];
            continue;
        }
        if (nr < MAX_ARGS) {
            r[nr].arg = x;
            r[nr].first = x->first;
            r[nr].end = x->end;
            r[nr].fold = NULL;
            nr++;
        }
    }
    /* the xcomp's verb group and arguments join the relation */
    if (xc) {
        if (xc->mark != UINT32_MAX && xc->mark < xc->pred)
            rel_tok(&t, xc->mark);
        for (size_t i = 0; i < xc->nrel; i++)
            rel_tok(&t, xc->rel[i]);
        for (size_t i = 0; i < xc->nargs && nr < MAX_ARGS; i++) {
            const kg_arg *x = &xc->args[i];
            if (x->role == KG_ARG_SUBJ && !(xc->flags & KG_CLAUSE_PASSIVE))
                continue;
            if (x->first <= a1->first && x->end >= a1->end)
                continue;
            r[nr].arg = x;
            r[nr].first = x->first;
            r[nr].end = x->end;
            r[nr].fold = NULL;
            nr++;
        }
    }
    /* text order */
    for (int i = 1; i < nr; i++)
        for (int j = i; j > 0 && r[j - 1].first > r[j].first; j--) {
            rest tmp = r[j];
            r[j] = r[j - 1];
            r[j - 1] = tmp;
        }
    rel_sort(&t);
    /* prepositions into the relation */
    const kg_clause *pc = xc ? xc : c;
    int fold_i = -1;
    if (agent) {
        for (int i = 0; i < nr; i++)
            if (r[i].arg == agent)
                fold_i = i;
    } else if (pc->prep) {
        for (int i = 0; i < nr && fold_i < 0; i++)
            if (r[i].arg && r[i].arg->prep &&
                strcmp(r[i].arg->prep, pc->prep) == 0 &&
                r[i].arg->head > pc->pred &&
                r[i].arg->role != KG_ARG_TIME)
                fold_i = i;
    }
    if (fold_i >= 0) {
        uint32_t s = skip_case(a, r[fold_i].arg);
        if (s > r[fold_i].first && s < r[fold_i].end) {
            for (uint32_t k = r[fold_i].first; k < s; k++)
                rel_tok(&t, k);
            r[fold_i].first = s;
            /* the folded argument comes first */
            rest tmp = r[fold_i];
            memmove(&r[1], &r[0], (size_t)fold_i * sizeof tmp);
            r[0] = tmp;
        }
    }
    /* ccomp: "indicated that" */
    for (int i = 0; i < nr; i++) {
        const kg_arg *x = r[i].arg;
        if (x && x->role == KG_ARG_COMP && x->dep == KG_DEP_CCOMP &&
            x->first > 0 && tok_dep(a, x->first - 1) == KG_DEP_MARK &&
            x->first - 1 > c->pred && i == 0)
            rel_tok(&t, x->first - 1);
    }
    if (t.nrel == 0)
        return 0;

    /* a coordinated subject: CaRB's annotators mostly keep it whole */
    if (a1->cfirst < a1->first || a1->cend > a1->end) {
        if (a1->first != a1->cfirst)
            return 0; /* the first conjunct's clause speaks for all */
        add_span(&t, a1->cfirst, a1->cend);
    } else
        add_span(&t, a1->first, a1->end);
    /* "The meeting | was cancelled": a passive without agent or other
     * argument stands alone, at low confidence (CaRB rarely has these) */
    if (nr == 0 && (c->flags & KG_CLAUSE_PASSIVE)) {
        t.one_arg = 1;
        t.conf *= 0.3;
    }
    for (int i = 0; i < nr; i++)
        add_span(&t, r[i].first, r[i].end);
    for (int i = 0; i < t.nargs; i++)
        if (bare_pronoun(a, t.af[i], t.ae[i]))
            return 0;
    if (keep(g, &t) < 0)
        return -1;
    return 0;
}

static int cmp_line(const void *x, const void *y)
{
    const line *p = x, *q = y;
    if (p->conf != q->conf)
        return p->conf < q->conf ? 1 : -1;
    return 0;
}

int kg_oie_write(kg_buf *out, const kg_article *a, const kg_clause_list *l,
                 size_t from, size_t to, const char *sentence, size_t len,
                 unsigned opts)
{
    gen g;
    memset(&g, 0, sizeof g);
    g.a = a;
    g.l = l;
    g.from = from;
    g.to = to;
    kg_buf_init(&g.scratch);
    int rc = -1;
    for (size_t i = from; i < to; i++) {
        if (folded_xcomp(&g, i))
            continue;
        if (emit_clause(&g, i) < 0)
            goto out;
    }
    /* stable order: by confidence, then as generated */
    for (size_t i = 1; i < g.n; i++)
        for (size_t j = i; j > 0 && cmp_line(&g.v[j - 1], &g.v[j]) > 0; j--) {
            line tmp = g.v[j];
            g.v[j] = g.v[j - 1];
            g.v[j - 1] = tmp;
        }
    for (size_t i = 0; i < g.n; i++) {
        if ((opts & KG_OIE_TRACE) &&
            kg_buf_printf(out, "%s\t", g.v[i].rule) < 0)
            goto out;
        if (kg_buf_append(out, sentence, len) < 0 ||
            kg_buf_printf(out, "\t%.4f\t", g.v[i].conf) < 0 ||
            kg_buf_append(out, g.v[i].text, g.v[i].len) < 0 ||
            kg_buf_putc(out, '\n') < 0)
            goto out;
    }
    rc = 0;
out:
    for (size_t i = 0; i < g.n; i++)
        free(g.v[i].text);
    free(g.v);
    kg_buf_release(&g.scratch);
    return rc;
}
