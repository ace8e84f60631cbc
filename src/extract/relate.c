/*
 * relate.c - knowledge-graph triples from clauses.
 *
 * A clause (clause.h) says "subject - predicate - arguments".  This stage
 * decides which entity each argument is (through the mentions and their
 * coreference), which ontology relation the predicate is (through the
 * ontology's triggers: verb lemma + particle/preposition, or title noun),
 * whether the entity classes fit the relation's domain and range, and
 * what the triple's evidence says about it (negated, attributed to a
 * speaker, modality, tense, time and place).  Every decision that drops or
 * rewrites a candidate is reported to --explain.
 *
 * The mapping, rule by rule (the clause rules themselves are in clause.c):
 *
 *   subject     := mention at SUBJ head
 *                | mention inside SUBJ whose head is a role noun
 *                  ("a State Department spokesperson" -> State Department)
 *                | the capital's country when a capital acts (stands_for)
 *   object      := mention at the argument's head
 *                | concept node (class Topic) for a noun phrase that is
 *                  no entity, only under an ontology relation
 *   relation    := verb trigger (lemma, particle, argument's preposition)
 *                | noun trigger (title noun of a nominal clause, or the
 *                  predicate noun of a copula: "X is Y's adviser")
 *                | open relation "lemma [particle] [prep]" unless --strict
 *   speech      := SPEECH clause with an addressee -> speaker tells
 *                  addressee; its content clauses are ATTRIBUTED: their
 *                  triples carry accordingTo = the speaker and are never
 *                  asserted as plain facts
 */
#include "extract/relate.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "nlp/tags.h"

/* Role nouns whose holder speaks for the organisation that modifies them:
 * "a State Department spokesperson told ..." is the State Department
 * speaking, as far as a graph of organisations is concerned. */
static const char *const role_nouns[] = {
    "spokesperson", "spokesman", "spokeswoman", "official", "officials",
    "representative", "aide", "source", "sources", "statement",
    "commentary", "report", "media", NULL};

static bool in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

typedef struct ctx {
    const kg_ontology *o;
    const kg_article *a;
    const kg_clause_list *cl;
    const kg_mention *m;
    size_t nm;
    kg_graph *g;
    uint32_t article;
    const kg_relate_options *opt;
    kg_diag *d;
    int cls_topic;
} ctx;

static const char *tok_text(const kg_article *a, uint32_t first, uint32_t end,
                            char *buf, size_t cap)
{
    if (first >= end) {
        buf[0] = '\0';
        return buf;
    }
    size_t s = a->tokens[first].start, e = a->tokens[end - 1].end;
    size_t n = e - s < cap - 1 ? e - s : cap - 1;
    memcpy(buf, a->text + s, n);
    buf[n] = '\0';
    return buf;
}

static void explain(const ctx *c, const kg_clause *cl, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void explain(const ctx *c, const kg_clause *cl, const char *fmt, ...)
{
    if (!c->opt || !c->opt->explain)
        return;
    const kg_sentence *s = &c->a->sentences[cl->sentence];
    int line, col;
    kg_diag_linecol(c->a->text, c->a->len, s->start, &line, &col);
    fprintf(c->opt->explain, "%s:%d:%d: [%s] ", c->a->path ? c->a->path : "-",
            line, col, cl->rule ? cl->rule : "?");
    va_list ap;
    va_start(ap, fmt);
    vfprintf(c->opt->explain, fmt, ap);
    va_end(ap);
    fputc('\n', c->opt->explain);
}

/* The graph node an argument refers to, or -1.  *how tells which rule
 * found it (for confidence and --explain). */
static int arg_node(const ctx *c, const kg_clause *cl, const kg_arg *arg,
                    bool agent, double *factor)
{
    *factor = 1.0;
    long mi = kg_mention_at(c->m, c->nm, arg->head);
    if (mi < 0 && arg->role == KG_ARG_SUBJ) {
        const char *lemma = c->a->tokens[arg->head].lemma;
        if (lemma && in_list(role_nouns, lemma)) {
            /* the organisation or country inside the phrase */
            for (uint32_t t = arg->first; t < arg->end && mi < 0; t++)
                if (t != arg->head)
                    mi = kg_mention_at(c->m, c->nm, t);
            if (mi >= 0)
                *factor = 0.85;
        }
    }
    if (mi < 0)
        return -1;
    const kg_mention *x = &c->m[mi];
    if (x->node < 0)
        return -1;
    if (x->kind == KG_MENTION_PRONOUN)
        *factor *= 0.8;
    else if (x->kind == KG_MENTION_NOMINAL || x->antecedent >= 0)
        *factor *= 0.9;
    int node = x->node;
    /* A capital that acts stands for its government: "Seoul and
     * Washington disagree". */
    if (agent && x->entity >= 0 && c->o->entities[x->entity].stands_for >= 0) {
        int n = kg_graph_entity_node(c->g, c->o->entities[x->entity].stands_for,
                                     c->d);
        if (n >= 0)
            node = n;
    }
    (void)cl;
    return node;
}

/* A node for a noun phrase that names no entity ("improvements in ties
 * between the two Koreas"), labelled with the phrase minus a leading
 * determiner. */
static int concept_node(const ctx *c, const kg_arg *arg)
{
    uint32_t first = arg->first;
    while (first < arg->end) {
        int up = c->a->tokens[first].upos;
        if (up != KG_UPOS_DET && up != KG_UPOS_PUNCT)
            break;
        first++;
    }
    if (first >= arg->end || arg->end - first > 12)
        return -1; /* a whole clause is no concept */
    int up = c->a->tokens[arg->head].upos;
    if (up != KG_UPOS_NOUN && up != KG_UPOS_PROPN)
        return -1;
    char buf[512];
    tok_text(c->a, first, arg->end, buf, sizeof buf);
    return kg_graph_name_node(c->g, buf, strlen(buf), c->cls_topic, c->d);
}

/* Does the relation accept these nodes' classes?  An unknown class passes:
 * no type is no evidence against. */
static bool fits(const ctx *c, int rel, int subj, int obj)
{
    const kg_relation *r = &c->o->relations[rel];
    int sc = c->g->nodes[subj].cls, oc = c->g->nodes[obj].cls;
    if (r->domain >= 0 && sc >= 0 && !kg_ontology_is_a(c->o, sc, r->domain))
        return false;
    if (r->range >= 0 && oc >= 0 && !kg_ontology_is_a(c->o, oc, r->range))
        return false;
    return true;
}

/* The speaker's node of an attributed clause, following speech links. */
static int speaker_node(const ctx *c, const kg_clause *cl)
{
    int hops = 0;
    while (cl->speech >= 0 && hops++ < 8) {
        const kg_clause *sp = &c->cl->v[cl->speech];
        for (size_t i = 0; i < sp->nargs; i++)
            if (sp->args[i].role == KG_ARG_SUBJ) {
                double f;
                int n = arg_node(c, sp, &sp->args[i], true, &f);
                if (n >= 0)
                    return n;
            }
        cl = sp;
    }
    return -1;
}

static int emit(const ctx *c, const kg_clause *cl, int subj, int rel,
                const char *open, int obj, double conf, const char *time,
                const char *place)
{
    const kg_sentence *s = &c->a->sentences[cl->sentence];
    kg_prov p = {0};
    p.article = c->article;
    p.sentence = cl->sentence;
    p.cstart = s->cstart;
    p.cend = s->cend;
    p.text = c->a->text + s->start;
    p.rule = cl->rule;
    p.confidence = conf > 1 ? 1 : conf;
    p.attributed_to = -1;
    if (cl->flags & KG_CLAUSE_NEGATED)
        p.flags |= KG_PROV_NEGATED;
    if (cl->flags & KG_CLAUSE_ATTRIBUTED) {
        p.flags |= KG_PROV_ATTRIBUTED;
        p.attributed_to = speaker_node(c, cl);
    }
    p.modality = cl->modality;
    p.tense = cl->tense;
    p.time = time;
    p.place = place;
    int e = kg_graph_add_triple(c->g, subj, rel, open, obj, &p,
                                s->end - s->start, c->d);
    if (e < 0 && c->d->nerrors)
        return -1;
    return 0;
}

/* The open relation's label: "lemma [particle] [prep]". */
static const char *open_label(const kg_clause *cl, const kg_arg *arg,
                              char *buf, size_t cap)
{
    snprintf(buf, cap, "%s%s%s%s%s", cl->lemma ? cl->lemma : "",
             cl->particle ? " " : "", cl->particle ? cl->particle : "",
             arg->prep ? " " : "", arg->prep ? arg->prep : "");
    return buf;
}

static int relate_clause(ctx *c, size_t ci)
{
    const kg_clause *cl = &c->cl->v[ci];
    if (!cl->lemma)
        return 0;
    const kg_arg *subj_arg = NULL;
    const char *time = NULL, *place = NULL;
    char timebuf[128], placebuf[128];
    for (size_t i = 0; i < cl->nargs; i++) {
        const kg_arg *x = &cl->args[i];
        if (x->role == KG_ARG_SUBJ && !subj_arg)
            subj_arg = x;
        else if (x->role == KG_ARG_TIME && !time)
            time = tok_text(c->a, x->first, x->end, timebuf, sizeof timebuf);
        else if (x->role == KG_ARG_PLACE && !place)
            place = tok_text(c->a, x->first, x->end, placebuf, sizeof placebuf);
    }
    char sbuf[256], obuf[256];
    if (!subj_arg) {
        explain(c, cl, "dropped '%s': no subject", cl->lemma);
        return 0;
    }
    double sf;
    int subj = arg_node(c, cl, subj_arg, true, &sf);
    if (subj < 0) {
        explain(c, cl, "dropped '%s ... %s': subject is no entity",
                tok_text(c->a, subj_arg->first, subj_arg->end, sbuf, sizeof sbuf),
                cl->lemma);
        return 0;
    }
    bool nominal = (cl->flags & (KG_CLAUSE_NOMINAL | KG_CLAUSE_COPULA)) != 0;
    for (size_t i = 0; i < cl->nargs; i++) {
        const kg_arg *arg = &cl->args[i];
        if (arg == subj_arg || arg->role == KG_ARG_SUBJ ||
            arg->role == KG_ARG_TIME || arg->role == KG_ARG_COMP)
            continue;
        /* relation candidates from the ontology */
        const kg_trigger *tr[8];
        size_t nt;
        if (nominal) {
            /* a copula's relation is its predicate noun ("X is Y's
             * adviser"); a nominal clause's is its title noun */
            const char *noun = cl->lemma;
            if ((cl->flags & KG_CLAUSE_COPULA) && c->a->tokens[cl->pred].lemma)
                noun = c->a->tokens[cl->pred].lemma;
            nt = kg_ontology_noun_triggers(c->o, noun, tr, 8);
        } else {
            nt = kg_ontology_verb_triggers(c->o, cl->lemma, cl->particle,
                                           arg->prep, tr, 8);
        }
        /* A speech verb's object is what was said (a clause), not a
         * relation between entities; its addressee is. */
        double of;
        int obj = arg_node(c, cl, arg, false, &of);
        bool concept = false;
        if (obj < 0 && nt > 0 && !(cl->flags & KG_CLAUSE_SPEECH) &&
            arg->role != KG_ARG_PLACE) {
            obj = concept_node(c, arg);
            concept = obj >= 0;
            of = 0.8;
        }
        tok_text(c->a, arg->first, arg->end, obuf, sizeof obuf);
        if (obj < 0) {
            explain(c, cl, "dropped '%s %s %s': object is no entity",
                    c->g->nodes[subj].label, cl->lemma, obuf);
            continue;
        }
        if (obj == subj) {
            explain(c, cl, "dropped '%s %s %s': subject and object are one "
                    "entity", c->g->nodes[subj].label, cl->lemma, obuf);
            continue;
        }
        double conf = cl->confidence * sf * of;
        int rel = -1;
        /* Among the triggers as specific as the best one (same particle
         * and preposition match), a relation whose range the object
         * fits beats one that has no range: "told Bloomberg News" is
         * `tells` (range Agent) rather than `states`. */
        for (int pass = 0; pass < 2 && rel < 0; pass++) {
            int spec0 = nt ? (tr[0]->particle != NULL) + (tr[0]->prep != NULL) : 0;
            for (size_t k = 0; k < nt; k++) {
                const kg_relation *r = &c->o->relations[tr[k]->relation];
                int spec = (tr[k]->particle != NULL) + (tr[k]->prep != NULL);
                if (pass == 0 && (spec != spec0 || r->range < 0))
                    continue;
                if (fits(c, tr[k]->relation, subj, obj)) {
                    rel = tr[k]->relation;
                    break;
                }
                if (pass == 1)
                    explain(c, cl, "'%s %s %s': not '%s' (domain or range)",
                            c->g->nodes[subj].label, cl->lemma,
                            c->g->nodes[obj].label, r->name);
            }
        }
        if (rel >= 0) {
            if (emit(c, cl, subj, rel, NULL, obj, conf, time, place) < 0)
                return -1;
            explain(c, cl, "'%s' %s '%s'%s%s", c->g->nodes[subj].label,
                    c->o->relations[rel].name, c->g->nodes[obj].label,
                    cl->flags & KG_CLAUSE_NEGATED ? " (negated)" : "",
                    cl->flags & KG_CLAUSE_ATTRIBUTED ? " (attributed)" : "");
            continue;
        }
        if (concept || (c->opt && c->opt->strict)) {
            explain(c, cl, "dropped '%s %s %s': no ontology relation%s",
                    c->g->nodes[subj].label, cl->lemma, c->g->nodes[obj].label,
                    c->opt && c->opt->strict ? " (--strict)" : "");
            continue;
        }
        char lab[160];
        open_label(cl, arg, lab, sizeof lab);
        if (emit(c, cl, subj, -1, lab, obj, conf * 0.8, time, place) < 0)
            return -1;
        explain(c, cl, "'%s' %s '%s' (open relation)", c->g->nodes[subj].label,
                lab, c->g->nodes[obj].label);
    }
    return 0;
}

int kg_relate(const kg_ontology *o, const kg_article *a,
              const kg_clause_list *cl, const kg_mention *m, size_t nm,
              kg_graph *g, uint32_t article_index,
              const kg_relate_options *opt, kg_diag *d)
{
    ctx c = {o, a, cl, m, nm, g, article_index, opt, d,
             kg_ontology_class(o, "Topic")};
    for (size_t i = 0; i < cl->n; i++)
        if (relate_clause(&c, i) < 0)
            return -1;
    return 0;
}
