#include "extract/relation.h"

#include "nlp/tags.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* How far (in tokens) a v0 rule looks for its arguments. */
#define WINDOW 12

/* Irregular verbs common in news; regular forms are handled by suffix
 * rules.  Pairs of (form, lemma). */
static const char *const irregular[][2] = {
    {"said", "say"},      {"says", "say"},       {"told", "tell"},
    {"met", "meet"},      {"led", "lead"},       {"held", "hold"},
    {"made", "make"},     {"took", "take"},      {"taken", "take"},
    {"gave", "give"},     {"given", "give"},     {"went", "go"},
    {"gone", "go"},       {"came", "come"},      {"saw", "see"},
    {"seen", "see"},      {"found", "find"},     {"thought", "think"},
    {"brought", "bring"}, {"bought", "buy"},     {"sought", "seek"},
    {"fought", "fight"},  {"taught", "teach"},   {"built", "build"},
    {"sent", "send"},     {"spent", "spend"},    {"won", "win"},
    {"lost", "lose"},     {"left", "leave"},     {"kept", "keep"},
    {"began", "begin"},   {"begun", "begin"},    {"became", "become"},
    {"wrote", "write"},   {"written", "write"},  {"spoke", "speak"},
    {"spoken", "speak"},  {"chose", "choose"},   {"chosen", "choose"},
    {"struck", "strike"}, {"stole", "steal"},    {"shot", "shoot"},
    {"hit", "hit"},       {"set", "set"},        {"put", "put"},
    {"cut", "cut"},       {"quit", "quit"},      {"ran", "run"},
    {"sold", "sell"},     {"paid", "pay"},       {"laid", "lay"},
    {"fled", "flee"},     {"knew", "know"},      {"known", "know"},
    {"grew", "grow"},     {"drew", "draw"},      {"threw", "throw"},
    {"flew", "fly"},      {"rose", "rise"},      {"fell", "fall"},
    {"was", "be"},        {"were", "be"},        {"is", "be"},
    {"are", "be"},        {"been", "be"},        {"has", "have"},
    {"had", "have"},      {"did", "do"},         {"does", "do"},
    {"sued", "sue"},      {"dies", "die"},       {"died", "die"},
    {"tied", "tie"},      {"lying", "lie"},      {"dying", "die"},
};

static size_t lower_ascii(const char *s, size_t len, char *out, size_t cap)
{
    if (len >= cap)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    out[len] = '\0';
    return len;
}

static size_t add_cand(char *out, size_t cap, size_t *used, const char *s,
                       size_t len)
{
    if (*used + len + 1 > cap || len == 0)
        return 0;
    memcpy(out + *used, s, len);
    out[*used + len] = '\0';
    *used += len + 1;
    return 1;
}

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

size_t kg_relation_lemma_guess(const char *form, size_t len, char *out,
                               size_t cap)
{
    char w[64];
    size_t n = lower_ascii(form, len, w, sizeof w), used = 0, k = 0;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < sizeof irregular / sizeof irregular[0]; i++)
        if (strcmp(w, irregular[i][0]) == 0)
            return add_cand(out, cap, &used, irregular[i][1],
                            strlen(irregular[i][1]));
    k += add_cand(out, cap, &used, w, n);
    /* -ied/-ies -> -y: "denied" -> "deny" */
    if (n > 4 && (strcmp(w + n - 3, "ied") == 0 || strcmp(w + n - 3, "ies") == 0)) {
        char t[64];
        memcpy(t, w, n - 3);
        t[n - 3] = 'y';
        k += add_cand(out, cap, &used, t, n - 2);
    }
    if (n > 3 && strcmp(w + n - 2, "ed") == 0) {
        k += add_cand(out, cap, &used, w, n - 1);     /* "criticized" -> "criticize" */
        k += add_cand(out, cap, &used, w, n - 2);     /* "rejected" -> "reject" */
        if (n > 4 && w[n - 3] == w[n - 4] && !is_vowel(w[n - 3]))
            k += add_cand(out, cap, &used, w, n - 3); /* "planned" -> "plan" */
    }
    if (n > 4 && strcmp(w + n - 3, "ing") == 0) {
        k += add_cand(out, cap, &used, w, n - 3);     /* "lambasting" */
        char t[64];
        memcpy(t, w, n - 3);
        t[n - 3] = 'e';
        k += add_cand(out, cap, &used, t, n - 2);     /* "making" -> "make" */
        if (n > 5 && w[n - 4] == w[n - 5] && !is_vowel(w[n - 4]))
            k += add_cand(out, cap, &used, w, n - 4); /* "planning" */
    }
    if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's') {
        k += add_cand(out, cap, &used, w, n - 1);     /* "visits" */
        if (n > 4 && strcmp(w + n - 2, "es") == 0)
            k += add_cand(out, cap, &used, w, n - 2); /* "pushes" */
    }
    return k;
}

static const char *tok_form(const kg_article *a, uint32_t i, uint32_t *len)
{
    return kg_token_form(a, &a->tokens[i], len);
}

static bool tok_is(const kg_article *a, uint32_t i, const char *s)
{
    uint32_t len;
    const char *f = tok_form(a, i, &len);
    return strlen(s) == len && memcmp(f, s, len) == 0;
}

/* Does the relation accept these node classes?  Unknown classes pass:
 * v0 cannot tell, and a missing type is no evidence against. */
static bool fits(const kg_ontology *o, const kg_graph *g, int rel, int subj,
                 int obj)
{
    const kg_relation *r = &o->relations[rel];
    int sc = g->nodes[subj].cls, oc = g->nodes[obj].cls;
    if (r->domain >= 0 && sc >= 0 && !kg_ontology_is_a(o, sc, r->domain))
        return false;
    if (r->range >= 0 && oc >= 0 && !kg_ontology_is_a(o, oc, r->range))
        return false;
    return true;
}

static int emit(const kg_ontology *o, const kg_article *a, kg_graph *g,
                uint32_t article_index, uint32_t s, uint32_t focus, int subj,
                int rel, int obj, const char *rule, double conf, kg_diag *d)
{
    if (!fits(o, g, rel, subj, obj))
        return 0;
    kg_prov p = {0};
    p.article = article_index;
    p.sentence = s;
    size_t text_len = kg_graph_evidence(a, s, focus, &p);
    p.rule = rule;
    p.confidence = conf;
    p.attributed_to = -1;
    if (kg_graph_add_triple(g, subj, rel, NULL, obj, &p, text_len, d) < 0 &&
        d->nerrors)
        return -1;
    return 0;
}

int kg_relation_extract(const kg_ontology *o, const kg_article *a,
                        const kg_mention *m, size_t nm, kg_graph *g,
                        uint32_t article_index, kg_diag *d)
{
    size_t mi = 0;
    for (uint32_t s = 0; s < a->nsentences; s++) {
        const kg_sentence *sent = &a->sentences[s];
        uint32_t send = sent->first + sent->count;
        while (mi < nm && m[mi].sentence < s)
            mi++;
        size_t ms = mi, me = mi;
        while (me < nm && m[me].sentence == s)
            me++;
        if (me - ms < 2)
            continue;
        for (uint32_t t = sent->first; t < send; t++) {
            if (kg_mention_at(m + ms, me - ms, t) >= 0)
                continue;
            uint32_t len;
            const char *f = tok_form(a, t, &len);
            char cands[512];
            size_t nc;
            if (a->tokens[t].lemma) {
                nc = 1;
                snprintf(cands, sizeof cands, "%s", a->tokens[t].lemma);
            } else {
                nc = kg_relation_lemma_guess(f, len, cands, sizeof cands);
            }
            /* With tags, verbs trigger as verbs and nouns as nouns. */
            int upos = a->tokens[t].upos;
            bool may_noun = !upos || upos == KG_UPOS_NOUN || upos == KG_UPOS_PROPN;
            bool may_verb = !upos || upos == KG_UPOS_VERB;
            /* rule title-noun:  A ['s] modifier* NOUN [,] B  =>  B rel A
             * ("Moon spokesman Kim Eui-keum", "Trump's national security
             * adviser, John Bolton", "South Korean President Moon") */
            const char *c = cands;
            for (size_t k = 0; may_noun && k < nc; k++, c += strlen(c) + 1) {
                const kg_trigger *tr[4];
                size_t nt = kg_ontology_noun_triggers(o, c, tr, 4);
                if (nt == 0)
                    continue;
                long left = -1, right = -1;
                for (size_t j = ms; j < me; j++) {
                    if (m[j].end <= t && t - m[j].end <= 4)
                        left = (long)j;
                    if (m[j].first > t && m[j].first - t <= 2 && right < 0)
                        right = (long)j;
                }
                if (left < 0 || right < 0)
                    break;
                /* only modifiers between A and the noun, no verbs/commas */
                bool clean = true;
                for (uint32_t x = m[left].end; x < t; x++)
                    if (tok_is(a, x, ",") || tok_is(a, x, "and") ||
                        tok_is(a, x, "(") || tok_is(a, x, "--"))
                        clean = false;
                if (m[right].first == t + 2 && !tok_is(a, t + 1, ","))
                    clean = false;
                if (!clean)
                    break;
                for (size_t q = 0; q < nt; q++)
                    if (emit(o, a, g, article_index, s, t, m[right].node,
                             tr[q]->relation, m[left].node, "v0:title-noun",
                             0.8, d) < 0)
                        return -1;
                goto next_token;
            }
            /* rule verb-window:  A ... VERB [particle|prep] ... B
             * nearest mention on each side within WINDOW tokens. */
            c = cands;
            for (size_t k = 0; may_verb && k < nc; k++, c += strlen(c) + 1) {
                char next[64] = "";
                if (t + 1 < send) {
                    uint32_t nl;
                    const char *nf = tok_form(a, t + 1, &nl);
                    if (nl < sizeof next)
                        lower_ascii(nf, nl, next, sizeof next);
                }
                const kg_trigger *tr[4];
                size_t nt = kg_ontology_verb_triggers(o, c, next[0] ? next : NULL,
                                                      next[0] ? next : NULL, tr, 4);
                if (nt == 0)
                    continue;
                long left = -1, right = -1;
                for (size_t j = ms; j < me; j++) {
                    if (m[j].end <= t && t - m[j].end < WINDOW)
                        left = (long)j;
                    if (m[j].first > t && m[j].first - t <= WINDOW && right < 0)
                        right = (long)j;
                }
                if (left < 0 || right < 0)
                    break;
                /* the best trigger only: the list is best-first */
                double conf = 0.6 - 0.02 * (double)(t - m[left].end) -
                              0.02 * (double)(m[right].first - t);
                if (conf < 0.2)
                    conf = 0.2;
                if (emit(o, a, g, article_index, s, t, m[left].node,
                         tr[0]->relation, m[right].node, "v0:verb-window",
                         conf, d) < 0)
                    return -1;
                break;
            }
        next_token:;
        }
    }
    return 0;
}
