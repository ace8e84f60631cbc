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
 *   demand      := speaker SAYS [X must/need to/have to V ...]
 *                  -> speaker demands X (a requirement stated by the
 *                  speaker, asserted as the speaker's position)
 *   title noun  := NOMINAL clause on a title noun N (spokesman, adviser,
 *                  president) -> holder rel Y, where Y is the entity
 *                  among N's nmod:poss / compound / amod / nmod:of
 *                  dependents ("Trump's adviser", "South Korean
 *                  President", "Moon spokesman", "President of China")
 *   PP lift     := V obj=[N ... P Y] where "V P" is an ontology trigger
 *                  and Y an entity -> V P Y ("teaches studies at Hanyang
 *                  University" -> teaches at Hanyang University): the
 *                  parser's attachment of the PP to the noun is undone
 *                  when the ontology says the verb takes it
 *   noun content:= COMP argument headed by a noun ("rejected the
 *                  suggestion that ...") is an object like any other
 *   nmod        := NOMINAL clause "X P Y" (a noun's prepositional
 *                  modifier) -> only the ontology's "be P" triggers
 *                  ("Hanyang University in Seoul" -> located in); never
 *                  an open relation
 *   title window:= A ['s] modifier* TITLE [,|TITLE2] B  =>  B rel(TITLE) A,
 *                  over the mentions of one sentence, for title nouns of
 *                  the ontology ("Moon spokesman Kim Eui-keum", "Trump's
 *                  national security adviser, John Bolton", "South
 *                  Korean President Moon Jae-in"): a surface pattern that
 *                  holds where the parser attaches the title wrongly
 */
#include "extract/relate.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "nlp/parser.h"
#include "nlp/tags.h"

/* Role nouns whose holder speaks for the organisation that modifies them:
 * "a State Department spokesperson told ..." is the State Department
 * speaking, as far as a graph of organisations is concerned. */
static const char *const role_nouns[] = {
    "spokesperson", "spokesman", "spokeswoman", "official", "officials",
    "representative", "aide", "source", "sources", "statement",
    "commentary", "report", "media", "newspaper", "paper", "daily",
    "agency", "broadcaster", "network", "government", "ministry",
    "leadership", "team", NULL};

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
    int rel_demands; /* the ontology's "demands", or -1 */
} ctx;

static const char *tok_text(const kg_article *a, uint32_t first, uint32_t end,
                            char *buf, size_t cap)
{
    if (first >= end) {
        buf[0] = '\0';
        return buf;
    }
    size_t s = a->tokens[first].start, e = a->tokens[end - 1].end;
    kg_graph_text_label(a->text + s, e - s, buf, cap);
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
        const kg_sentence *s = &c->a->sentences[cl->sentence];
        int head1 = (int)(arg->head - s->first + 1);
        /* "Trump's national security adviser, John Bolton, said": the
         * name in apposition to the head noun (in the mended tree: the
         * parser may have made the name the subject, kg_arg.appos); it
         * names the head, so it goes before a name that only modifies
         * it ("The former National Basketball Association (NBA) player,
         * Bryant, joined": Bryant, not the NBA) */
        if (arg->appos != UINT32_MAX)
            mi = kg_mention_at(c->m, c->nm, arg->appos);
        /* "the Chosun newspaper", "a State Department spokesperson": a
         * name compounded with the head noun acts through it */
        for (uint32_t t = arg->first; t < arg->end && mi < 0; t++)
            if (t != arg->head && c->a->tokens[t].head == head1 &&
                c->a->tokens[t].deprel == KG_DEP_COMPOUND)
                mi = kg_mention_at(c->m, c->nm, t);
        const char *lemma = c->a->tokens[arg->head].lemma;
        if (mi < 0 && lemma && in_list(role_nouns, lemma)) {
            /* the organisation or country anywhere inside the phrase */
            for (uint32_t t = arg->first; t < arg->end && mi < 0; t++)
                if (t != arg->head)
                    mi = kg_mention_at(c->m, c->nm, t);
        }
        if (mi >= 0)
            *factor = 0.85;
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
     * Washington disagree" (coreference decides when a mention acts). */
    if (agent && x->stands_for_node >= 0)
        node = x->stands_for_node;
    return node;
}

/* A node for a noun phrase that names no entity ("improvements in ties
 * between the two Koreas"), labelled with the phrase minus a leading
 * determiner. */
static int concept_node(const ctx *c, const kg_arg *arg)
{
    uint32_t first = arg->first, end = arg->end;
    while (first < end) {
        int up = c->a->tokens[first].upos;
        /* "his support for Brexit" -> "support for Brexit": a pronoun
         * would make the concept node read as someone else's */
        bool poss_pron = up == KG_UPOS_PRON &&
                         c->a->tokens[first].deprel == KG_DEP_NMOD_POSS;
        /* ... and "his own visit" -> "visit" */
        if (first > arg->first && c->a->tokens[first - 1].upos == KG_UPOS_PRON &&
            c->a->tokens[first].lemma &&
            strcmp(c->a->tokens[first].lemma, "own") == 0)
            poss_pron = true;
        if (up != KG_UPOS_DET && up != KG_UPOS_PUNCT && up != KG_UPOS_ADP &&
            !poss_pron)
            break;
        first++;
    }
    while (end > first && c->a->tokens[end - 1].upos == KG_UPOS_PUNCT)
        end--;
    if (first >= end || end - first > 16)
        return -1; /* a whole story is no concept */
    int up = c->a->tokens[first].upos;
    if (arg->role != KG_ARG_COMP) {
        up = c->a->tokens[arg->head].upos;
        if (up != KG_UPOS_NOUN && up != KG_UPOS_PROPN)
            return -1;
    } else if (up != KG_UPOS_NOUN && up != KG_UPOS_ADJ) {
        return -1; /* a content clause is a concept when a noun leads it */
    }
    char buf[512];
    tok_text(c->a, first, end, buf, sizeof buf);
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
                const char *place, const char *rule)
{
    kg_prov p = {0};
    p.article = c->article;
    p.sentence = cl->sentence;
    size_t text_len = kg_graph_evidence(c->a, cl->sentence, cl->pred, &p);
    p.rule = rule;
    p.confidence = conf > 1 ? 1 : conf;
    p.attributed_to = -1;
    if (cl->flags & KG_CLAUSE_NEGATED)
        p.flags |= KG_PROV_NEGATED;
    if (cl->flags & (KG_CLAUSE_EMBEDDED | KG_CLAUSE_QUESTION |
                     KG_CLAUSE_CONDITIONAL | KG_CLAUSE_INTENDED))
        p.flags |= KG_PROV_HYPOTHETICAL;
    if (cl->flags & KG_CLAUSE_ATTRIBUTED) {
        p.flags |= KG_PROV_ATTRIBUTED;
        p.attributed_to = speaker_node(c, cl);
    }
    p.modality = cl->modality;
    p.tense = cl->tense;
    p.time = time;
    p.place = place;
    int e = kg_graph_add_triple(c->g, subj, rel, open, obj, &p, text_len,
                                c->d);
    if (e < 0 && c->d->nerrors)
        return -1;
    return 0;
}

/* A candidate triple: the relation is looked up from the clause's
 * predicate (verb lemma + particle + prep, or the title noun `noun`). */
typedef struct cand {
    int subj;
    double sf;            /* subject resolution factor */
    const char *noun;     /* title noun, or NULL for a verb predicate */
    const char *prep;     /* the object's preposition */
    int obj;
    double of;            /* object resolution factor */
    bool concept;         /* obj is a concept node, not an entity */
    const char *rule;     /* overrides the clause's rule, or NULL */
    bool no_open;         /* only an ontology relation will do (a place
                             qualifier is no object of its own) */
    double pf;            /* the parser's certainty about the arcs that
                             link the arguments to the predicate */
    const char *time, *place;
} cand;

static bool is_nmod_clause(const kg_clause *cl)
{
    return cl->rule && strcmp(cl->rule, "nmod") == 0;
}

static int relate_pair(ctx *c, const kg_clause *cl, const cand *k)
{
    const kg_trigger *tr[8];
    size_t nt;
    if (k->noun)
        nt = kg_ontology_noun_triggers(c->o, k->noun, tr, 8);
    else if (is_nmod_clause(cl))
        nt = k->prep ? kg_ontology_verb_triggers(c->o, "be", NULL, k->prep, tr, 8)
                     : 0;
    else
        nt = kg_ontology_verb_triggers(c->o, cl->lemma, cl->particle, k->prep,
                                       tr, 8);
    /* An object behind a preposition ("be P", "criticized ... in a
     * statement") belongs to the relation only when the trigger names that
     * preposition ("return to", "teach at"); a bare verb's trigger does
     * not reach into its prepositional phrases. */
    if (k->prep && !k->noun && nt) {
        size_t keep = 0;
        for (size_t i = 0; i < nt; i++)
            if (tr[i]->prep || (tr[i]->either && tr[i]->particle))
                tr[keep++] = tr[i];
        nt = keep;
    }
    const char *sl = c->g->nodes[k->subj].label, *ol = c->g->nodes[k->obj].label;
    const char *pl = k->noun ? k->noun : cl->lemma;
    if (k->obj == k->subj) {
        explain(c, cl, "dropped '%s %s %s': subject and object are one entity",
                sl, pl, ol);
        return 0;
    }
    /* confidence: the rule's prior and the sentence (clause), the entity
     * resolution of both arguments, the parser's margin on their arcs */
    double conf = cl->confidence * k->sf * k->of * (k->pf > 0 ? k->pf : 1.0);
    int rel = -1;
    /* Among the triggers as specific as the best one (same particle and
     * preposition match), a relation whose range the object fits beats
     * one that has no range: "told Bloomberg News" is `tells` (range
     * Agent) rather than `states`. */
    int spec0 = nt ? (tr[0]->particle != NULL) + (tr[0]->prep != NULL) : 0;
    for (int pass = 0; pass < 2 && rel < 0; pass++) {
        for (size_t i = 0; i < nt; i++) {
            const kg_relation *r = &c->o->relations[tr[i]->relation];
            int spec = (tr[i]->particle != NULL) + (tr[i]->prep != NULL);
            if (pass == 0 && (spec != spec0 || r->range < 0))
                continue;
            if (fits(c, tr[i]->relation, k->subj, k->obj)) {
                rel = tr[i]->relation;
                break;
            }
            if (pass == 1)
                explain(c, cl, "'%s %s %s': not '%s' (domain or range)", sl,
                        pl, ol, r->name);
        }
    }
    const char *rule = k->rule ? k->rule : cl->rule;
    if (rel >= 0) {
        if (emit(c, cl, k->subj, rel, NULL, k->obj, conf, k->time, k->place,
                 rule) < 0)
            return -1;
        explain(c, cl, "'%s' %s '%s'%s%s", sl, c->o->relations[rel].name, ol,
                cl->flags & KG_CLAUSE_NEGATED ? " (negated)" : "",
                cl->flags & KG_CLAUSE_ATTRIBUTED ? " (attributed)" : "");
        return 1;
    }
    /* No open relation from a noun, a prepositional modifier or a
     * relation the text does not state ("have" of a possessive). */
    if (k->concept || k->noun || is_nmod_clause(cl) ||
        (cl->flags & KG_CLAUSE_IMPLICIT) || k->no_open ||
        (c->opt && c->opt->strict)) {
        explain(c, cl, "dropped '%s %s %s': no ontology relation%s", sl, pl, ol,
                c->opt && c->opt->strict ? " (--strict)" : "");
        return 0;
    }
    char lab[160];
    snprintf(lab, sizeof lab, "%s%s%s%s%s", cl->lemma,
             cl->particle ? " " : "", cl->particle ? cl->particle : "",
             k->prep ? " " : "", k->prep ? k->prep : "");
    if (emit(c, cl, k->subj, -1, lab, k->obj, conf * 0.8, k->time, k->place,
             rule) < 0)
        return -1;
    explain(c, cl, "'%s' %s '%s' (open relation)", sl, lab, ol);
    return 1;
}

static bool is_child(const kg_article *a, const kg_sentence *s, uint32_t t,
                     uint32_t parent)
{
    return a->tokens[t].head == (int)(parent - s->first + 1);
}

/* The preposition (case dependent) of token t, or NULL. */
static const char *case_of(const kg_article *a, const kg_sentence *s,
                           uint32_t t)
{
    for (uint32_t x = s->first; x < s->first + s->count; x++)
        if (a->tokens[x].deprel == KG_DEP_CASE && is_child(a, s, x, t))
            return a->tokens[x].lemma;
    return NULL;
}

/* The title noun at token t as the ontology knows it: a two-word title
 * ("prime minister", "press secretary") before the one-word one; NULL for
 * "Vice President", "Deputy Minister" (other offices) or no title.
 * Fills tr/nt with its triggers. */
static const char *title_key(const ctx *c, const kg_sentence *s, uint32_t t,
                             char *buf, size_t cap, const kg_trigger **tr,
                             size_t max, size_t *nt)
{
    const char *lemma = c->a->tokens[t].lemma;
    *nt = 0;
    if (!lemma)
        return NULL;
    if (t > s->first) {
        const char *pl = c->a->tokens[t - 1].lemma;
        if (pl && (strcasecmp(pl, "vice") == 0 || strcasecmp(pl, "deputy") == 0 ||
                   strcasecmp(pl, "assistant") == 0 ||
                   strcasecmp(pl, "under") == 0))
            return NULL;
        if (pl && cap > 0) {
            /* "pl lemma" lowercased, cut as snprintf would (asked for a
             * few hundred thousand nouns: printf's machinery cost more
             * than the lookup) */
            size_t n = 0;
            for (const char *q = pl; *q && n + 1 < cap; q++)
                buf[n++] = *q;
            if (n + 1 < cap)
                buf[n++] = ' ';
            for (const char *q = lemma; *q && n + 1 < cap; q++)
                buf[n++] = *q;
            buf[n] = '\0';
            for (char *q = buf; *q; q++)
                if (*q >= 'A' && *q <= 'Z')
                    *q = (char)(*q - 'A' + 'a');
            *nt = kg_ontology_noun_triggers(c->o, buf, tr, max);
            if (*nt)
                return buf;
        }
    }
    *nt = kg_ontology_noun_triggers(c->o, lemma, tr, max);
    return *nt ? lemma : NULL;
}

/* rule title noun: the entity modifying the title noun at cl->pred -- a
 * NOMINAL clause's title, or a copula's predicate noun ("X is Y's
 * adviser") -- as in "Trump's adviser", "South Korean President", "Moon
 * spokesman", "President of China". */
static int relate_title(ctx *c, const kg_clause *cl, const char *rel_noun,
                        cand *k)
{
    const kg_sentence *s = &c->a->sentences[cl->sentence];
    const kg_trigger *tr[1];
    size_t nt;
    char two[128];
    /* rel_noun: the clause's title, or the copula's predicate noun; only
     * when it is the word at cl->pred can a two-word title ("prime
     * minister") or an office ("vice president") be read around it.  A
     * possessive's implicit "have" is no title at all. */
    const char *noun;
    if (c->a->tokens[cl->pred].lemma &&
        strcasecmp(c->a->tokens[cl->pred].lemma, rel_noun) == 0)
        noun = title_key(c, s, cl->pred, two, sizeof two, tr, 1, &nt);
    else
        noun = kg_ontology_noun_triggers(c->o, rel_noun, tr, 1) ? rel_noun : NULL;
    if (!noun)
        return 0;
    int rc = 0;
    for (uint32_t t = s->first; t < s->first + s->count; t++) {
        if (!is_child(c->a, s, t, cl->pred))
            continue;
        int dep = c->a->tokens[t].deprel;
        if (dep != KG_DEP_NMOD_POSS && dep != KG_DEP_COMPOUND &&
            dep != KG_DEP_AMOD && dep != KG_DEP_NMOD)
            continue;
        if (dep == KG_DEP_NMOD) {
            const char *p = case_of(c->a, s, t);
            if (!p || strcmp(p, "of") != 0)
                continue;
        }
        long mi = kg_mention_at(c->m, c->nm, t);
        if (mi < 0 || c->m[mi].node < 0)
            continue;
        k->noun = noun;
        k->obj = c->m[mi].stands_for_node >= 0 ? c->m[mi].stands_for_node
                                               : c->m[mi].node;
        k->of = 1.0;
        k->concept = false;
        k->rule = "title-noun";
        if (relate_pair(c, cl, k) < 0) {
            rc = -1;
            break;
        }
    }
    k->noun = NULL; /* it may point into two[], which dies here */
    return rc;
}

/* rule PP lift: an entity in a prepositional phrase inside the object
 * noun phrase, when "verb + that preposition" is an ontology trigger. */
static int relate_lift(ctx *c, const kg_clause *cl, const kg_arg *arg,
                       cand *k)
{
    const kg_sentence *s = &c->a->sentences[cl->sentence];
    int lifted = 0;
    for (uint32_t t = arg->first; t < arg->end; t++) {
        if (t == arg->head || c->a->tokens[t].deprel != KG_DEP_NMOD)
            continue;
        const char *p = case_of(c->a, s, t);
        long mi = kg_mention_at(c->m, c->nm, t);
        if (!p || mi < 0 || c->m[mi].node < 0)
            continue;
        const kg_trigger *tr[1];
        if (kg_ontology_verb_triggers(c->o, cl->lemma, cl->particle, p, tr, 1) ==
                0 ||
            (!tr[0]->prep && !tr[0]->particle))
            continue; /* only a trigger that names the preposition */
        k->prep = p;
        k->obj = c->m[mi].node;
        k->of = 0.85;
        k->concept = false;
        k->rule = "pp-lift";
        int rc = relate_pair(c, cl, k);
        if (rc < 0)
            return -1;
        lifted |= rc;
    }
    return lifted;
}

/* How sure the parser was of the arcs of two argument heads: 0.6 for a
 * coin toss, 1.0 at KG_PARSER_MARGIN_SURE and above. */
static double parse_factor(const kg_article *a, uint32_t h1, uint32_t h2)
{
    unsigned m = a->tokens[h1].margin < a->tokens[h2].margin
                     ? a->tokens[h1].margin
                     : a->tokens[h2].margin;
    if (a->tokens[h1].head < 0 || a->tokens[h2].head < 0)
        return 1.0; /* not parsed: nothing to say */
    double x = (double)m / KG_PARSER_MARGIN_SURE;
    return 0.6 + 0.4 * (x > 1 ? 1 : x);
}

static bool deontic(const char *modality)
{
    return modality &&
           (strcmp(modality, "must") == 0 || strcmp(modality, "need to") == 0 ||
            strcmp(modality, "have to") == 0 || strcmp(modality, "should") == 0);
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
    double recovered = 1.0;
    if (!subj_arg && (cl->modality || cl->tense) &&
        !(cl->flags & (KG_CLAUSE_NOMINAL | KG_CLAUSE_COPULA | KG_CLAUSE_PASSIVE))) {
        /* rule subject recovery: a finite clause the parser left without
         * a subject ("The office slated to open ... might violate X": the
         * reduced relative taken for the main verb) borrows the subject of
         * the clause before it in the sentence; not a passive, whose
         * missing agent is no parse error ("a treaty, which had been
         * agreed under Obama") */
        for (size_t j = ci; j-- > 0 && c->cl->v[j].sentence == cl->sentence;) {
            const kg_clause *pc = &c->cl->v[j];
            if (pc->pred >= cl->pred)
                continue;
            for (size_t i = 0; i < pc->nargs && !subj_arg; i++)
                if (pc->args[i].role == KG_ARG_SUBJ && pc->args[i].end <= pc->pred)
                    subj_arg = &pc->args[i];
            if (subj_arg)
                break;
        }
        if (subj_arg) {
            recovered = 0.7;
            explain(c, cl, "'%s' takes the subject of an earlier clause",
                    cl->lemma);
        }
    }
    if (!subj_arg) {
        explain(c, cl, "dropped '%s': no subject", cl->lemma);
        return 0;
    }
    cand k = {0};
    k.time = time;
    k.place = place;
    k.subj = arg_node(c, cl, subj_arg, true, &k.sf);
    k.sf *= recovered;
    if (k.subj < 0) {
        explain(c, cl, "dropped '%s ... %s': subject is no entity",
                tok_text(c->a, subj_arg->first, subj_arg->end, sbuf, sizeof sbuf),
                cl->lemma);
        return 0;
    }
    if ((cl->flags & KG_CLAUSE_NOMINAL) && relate_title(c, cl, cl->lemma, &k) < 0)
        return -1;
    for (size_t i = 0; i < cl->nargs; i++) {
        const kg_arg *arg = &cl->args[i];
        if (arg->role == KG_ARG_SUBJ || arg->role == KG_ARG_TIME)
            continue;
        /* rule demand: speaker SAYS [X must V] -> speaker demands X */
        if (arg->role == KG_ARG_COMP && (cl->flags & KG_CLAUSE_SPEECH) &&
            arg->clause >= 0) {
            const kg_clause *in = &c->cl->v[arg->clause];
            int demands = c->rel_demands;
            for (size_t j = 0; demands >= 0 && deontic(in->modality) &&
                               !(in->flags & KG_CLAUSE_NEGATED) && j < in->nargs;
                 j++) {
                if (in->args[j].role != KG_ARG_SUBJ)
                    continue;
                double f;
                int what = arg_node(c, in, &in->args[j], false, &f);
                if (what < 0)
                    what = concept_node(c, &in->args[j]);
                if (what < 0 && c->d->nerrors)
                    return -1; /* out of memory */
                if (what < 0 || what == k.subj)
                    continue;
                if (emit(c, cl, k.subj, demands, NULL, what,
                         cl->confidence * k.sf * 0.8, time, place, "demand") < 0)
                    return -1;
                explain(c, cl, "'%s' demands '%s' (what it says must happen)",
                        c->g->nodes[k.subj].label, c->g->nodes[what].label);
            }
        }
        /* rule noun content: "rejected the suggestion that ..." (also
         * when the parser made the noun the subject of the content) */
        if (arg->role == KG_ARG_COMP && (cl->flags & KG_CLAUSE_SPEECH))
            continue;
        /* A nominal clause's relation is its noun (title nouns,
         * appositions), looked up among the noun triggers only. */
        k.noun = (cl->flags & KG_CLAUSE_NOMINAL) && !is_nmod_clause(cl) &&
                         !(cl->flags & KG_CLAUSE_COPULA)
                     ? cl->lemma
                     : NULL;
        k.rule = NULL;
        k.prep = arg->prep;
        k.no_open = arg->role == KG_ARG_PLACE;
        k.pf = parse_factor(c->a, subj_arg->head, arg->head);
        if ((cl->flags & KG_CLAUSE_COPULA) && c->a->tokens[cl->pred].lemma &&
            arg->head == cl->pred) {
            /* "X is Y's adviser": the predicate noun is the relation */
            if (relate_title(c, cl, c->a->tokens[cl->pred].lemma, &k) < 0)
                return -1;
            continue;
        }
        k.obj = arg_node(c, cl, arg, false, &k.of);
        k.concept = false;
        tok_text(c->a, arg->first, arg->end, obuf, sizeof obuf);
        if (k.obj < 0) {
            int lifted = relate_lift(c, cl, arg, &k);
            if (lifted < 0)
                return -1;
            if (lifted)
                continue;
            k.rule = NULL;
            k.prep = arg->prep;
            const kg_trigger *tr[1];
            bool mapped = kg_ontology_verb_triggers(c->o, cl->lemma, cl->particle,
                                                    arg->prep, tr, 1) > 0;
            /* A speech verb's object is what was said; only its
             * addressee can be an entity. */
            if (mapped && !(cl->flags & KG_CLAUSE_SPEECH) &&
                arg->role != KG_ARG_PLACE) {
                k.obj = concept_node(c, arg);
                if (k.obj < 0 && c->d->nerrors)
                    return -1; /* out of memory */
                k.concept = k.obj >= 0;
                k.of = 0.8;
            }
        }
        if (k.obj < 0) {
            explain(c, cl, "dropped '%s %s %s': object is no entity",
                    c->g->nodes[k.subj].label, cl->lemma, obuf);
            continue;
        }
        if (relate_pair(c, cl, &k) < 0)
            return -1;
    }
    return 0;
}

static bool tok_is(const kg_article *a, uint32_t t, const char *s)
{
    uint32_t len;
    const char *f = kg_token_form(a, &a->tokens[t], &len);
    return strlen(s) == len && memcmp(f, s, len) == 0;
}

/* title_key() of a noun token t, NULL for any other word. */
static const char *title_at(const ctx *c, const kg_sentence *s, uint32_t t, char *buf,
                            size_t cap, const kg_trigger **tr, size_t max, size_t *nt)
{
    int up = c->a->tokens[t].upos;
    *nt = 0;
    if (!c->a->tokens[t].lemma || (up != KG_UPOS_NOUN && up != KG_UPOS_PROPN))
        return NULL;
    return title_key(c, s, t, buf, cap, tr, max, nt);
}

/* rule title window (see the top of the file). */
static int relate_title_window(ctx *c, uint32_t si, size_t ms, size_t me)
{
    const kg_sentence *s = &c->a->sentences[si];
    uint32_t send = s->first + s->count;
    for (uint32_t t = s->first; t < send; t++) {
        const kg_trigger *tr[4];
        size_t nt = 0;
        char two[128];
        const char *lemma = title_at(c, s, t, two, sizeof two, tr, 4, &nt);
        if (!lemma)
            continue;
        /* A: the nearest mention ending at most 4 tokens before; B: a
         * mention starting right after (or after a comma), or one whose
         * title is this very token ("Moon spokesman Kim Eui-keum" may be
         * one mention titled by "spokesman") */
        long left = -1, right = -1;
        for (size_t j = ms; j < me; j++) {
            const kg_mention *x = &c->m[j];
            if (x->node < 0 || x->kind == KG_MENTION_PRONOUN)
                continue;
            if (x->end <= t && t - x->end <= 4)
                left = (long)j;
            if (right < 0 && ((x->first > t && x->first - t <= 2) ||
                              (x->title == (int)t && x->first <= t)))
                right = (long)j;
        }
        if (left < 0 || right < 0 || left == right)
            continue;
        bool clean = true;
        for (uint32_t x = c->m[left].end; x < t; x++)
            if (tok_is(c->a, x, ",") || tok_is(c->a, x, "and") ||
                tok_is(c->a, x, "(") || tok_is(c->a, x, "--") ||
                c->a->tokens[x].upos == KG_UPOS_VERB)
                clean = false;
        /* "AU chairperson President el-Sisi": a second title between
         * the title and the name (that one is the name's own, and a
         * country after the name is its, not this title's) */
        bool stacked = false;
        if (clean && c->m[right].first == t + 2 && !tok_is(c->a, t + 1, ",")) {
            char two2[128];
            const kg_trigger *tr2[4];
            size_t nt2 = 0;
            stacked = title_at(c, s, t + 1, two2, sizeof two2, tr2, 4, &nt2) != NULL;
            clean = stacked;
        }
        if (!clean)
            continue;
        /* "AU chairperson President el-Sisi of Egypt": a country or
         * organisation right after the name, with "of", is the one the
         * title belongs to */
        long of = -1;
        uint32_t after = c->m[right].end;
        if (after + 1 < send && tok_is(c->a, after, "of"))
            for (size_t j = (size_t)right + 1; j < me; j++)
                if (c->m[j].first == after + 1 && c->m[j].node >= 0) {
                    of = (long)j;
                    break;
                }
        if (of >= 0 && !stacked)
            left = of;
        kg_clause cl = {0};
        cl.sentence = si;
        cl.pred = t;
        cl.lemma = lemma;
        cl.rule = "title-window";
        cl.confidence = 0.75;
        cl.speech = -1;
        cl.parent = -1;
        cand k = {0};
        k.subj = c->m[right].node;
        k.sf = 1.0;
        k.noun = lemma;
        k.obj = c->m[left].stands_for_node >= 0 ? c->m[left].stands_for_node
                                                : c->m[left].node;
        k.of = 1.0;
        if (relate_pair(c, &cl, &k) < 0)
            return -1;
    }
    return 0;
}

int kg_relate(const kg_ontology *o, const kg_article *a,
              const kg_clause_list *cl, const kg_mention *m, size_t nm,
              kg_graph *g, uint32_t article_index,
              const kg_relate_options *opt, kg_diag *d)
{
    ctx c = {o, a, cl, m, nm, g, article_index, opt, d,
             kg_ontology_class(o, "Topic"), kg_ontology_relation(o, "demands")};
    for (size_t i = 0; i < cl->n; i++)
        if (relate_clause(&c, i) < 0)
            return -1;
    /* mentions are sorted: each sentence's are one run [ms, me) */
    size_t ms = 0;
    for (uint32_t s = 0; s < a->nsentences; s++) {
        while (ms < nm && m[ms].sentence < s)
            ms++;
        size_t me = ms;
        while (me < nm && m[me].sentence == s)
            me++;
        if (me - ms >= 2 && relate_title_window(&c, s, ms, me) < 0)
            return -1;
        ms = me;
    }
    return 0;
}
