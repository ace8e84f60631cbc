#include "base/alloc.h"
#include "nlp/udeval.h"

#include <stdlib.h>
#include <string.h>

#include "nlp/tags.h"

typedef struct span {
    size_t start, end;
} span;

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t nospace_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += !is_space((unsigned char)*s);
    return n;
}

/* Character spans of every word (whitespace removed); multiword tokens
 * give their surface span, split among the words when the words spell it. */
static int word_spans(const kg_conllu *c, span *sp, span *sent, size_t *total)
{
    size_t pos = 0;
    for (size_t s = 0; s < c->nsents; s++) {
        const kg_csent *cs = &c->sents[s];
        uint32_t m = cs->mwt_first, mend = cs->mwt_first + cs->nmwt;
        size_t sstart = pos;
        for (uint32_t i = 0; i < cs->count;) {
            uint32_t w = cs->first + i;
            if (m < mend && c->mwts[m].first == w) {
                const kg_cmwt *mt = &c->mwts[m++];
                size_t len = nospace_len(mt->form);
                size_t sum = 0;
                for (uint32_t k = mt->first; k <= mt->last; k++)
                    sum += nospace_len(c->words[k].form);
                size_t p = pos;
                for (uint32_t k = mt->first; k <= mt->last; k++) {
                    if (sum == len) {
                        size_t l = nospace_len(c->words[k].form);
                        sp[k].start = p;
                        sp[k].end = p + l;
                        p += l;
                    } else {
                        sp[k].start = pos;
                        sp[k].end = pos + len;
                    }
                }
                pos += len;
                i += mt->last - mt->first + 1;
                continue;
            }
            size_t l = nospace_len(c->words[w].form);
            sp[w].start = pos;
            sp[w].end = pos + l;
            pos += l;
            i++;
        }
        sent[s].start = sstart;
        sent[s].end = pos;
    }
    *total = pos;
    return 0;
}

static int cmp_span(span a, span b)
{
    if (a.start != b.start)
        return a.start < b.start ? -1 : 1;
    if (a.end != b.end)
        return a.end < b.end ? -1 : 1;
    return 0;
}

double kg_ud_f1(const kg_ud_score *s)
{
    if (s->gold + s->pred == 0)
        return 0.0;
    return 200.0 * (double)s->correct / (double)(s->gold + s->pred);
}

int kg_ud_evaluate(const kg_conllu *g, const kg_conllu *p, kg_ud_eval *e,
                   kg_diag *d)
{
    memset(e, 0, sizeof *e);
    size_t ng = g->nwords, np = p->nwords;
    span *gs = kg_malloc((ng + 1) * sizeof *gs), *ps = kg_malloc((np + 1) * sizeof *ps);
    span *gss = kg_malloc((g->nsents + 1) * sizeof *gss);
    span *pss = kg_malloc((p->nsents + 1) * sizeof *pss);
    long *g2p = kg_malloc((ng + 1) * sizeof *g2p);   /* aligned pred word or -1 */
    size_t *gsent = kg_malloc((ng + 1) * sizeof *gsent), *psent = kg_malloc((np + 1) * sizeof *psent);
    int rc = -1;
    if (!gs || !ps || !gss || !pss || !g2p || !gsent || !psent) {
        kg_diag_oom(d, "evaluating");
        goto out;
    }
    size_t gt, pt;
    word_spans(g, gs, gss, &gt);
    word_spans(p, ps, pss, &pt);
    if (gt != pt) {
        kg_diag_error(d, NULL, 0, 0,
                      "gold and predicted files hold different texts (%zu and %zu "
                      "non-space bytes)", gt, pt);
        goto out;
    }
    for (size_t s = 0; s < g->nsents; s++)
        for (uint32_t i = 0; i < g->sents[s].count; i++)
            gsent[g->sents[s].first + i] = s;
    for (size_t s = 0; s < p->nsents; s++)
        for (uint32_t i = 0; i < p->sents[s].count; i++)
            psent[p->sents[s].first + i] = s;
    /* sentences */
    e->sentences.gold = g->nsents;
    e->sentences.pred = p->nsents;
    for (size_t i = 0, j = 0; i < g->nsents && j < p->nsents;) {
        int c = cmp_span(gss[i], pss[j]);
        if (c == 0) {
            e->sentences.correct++;
            i++;
            j++;
        } else if (c < 0) {
            i++;
        } else {
            j++;
        }
    }
    /* words: both lists are in text order */
    for (size_t i = 0; i < ng; i++)
        g2p[i] = -1;
    size_t j = 0;
    for (size_t i = 0; i < ng; i++) {
        while (j < np && cmp_span(ps[j], gs[i]) < 0)
            j++;
        if (j < np && cmp_span(ps[j], gs[i]) == 0)
            g2p[i] = (long)j;
    }
    kg_ud_score *all[] = {&e->tokens, &e->upos, &e->xpos, &e->lemma, &e->uas, &e->las, &e->las_full};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
        all[k]->gold = ng;
        all[k]->pred = np;
    }
    for (size_t i = 0; i < ng; i++) {
        if (g2p[i] < 0)
            continue;
        const kg_cword *gw = &g->words[i], *pw = &p->words[g2p[i]];
        e->tokens.correct++;
        e->upos.correct += gw->upos == pw->upos;
        e->xpos.correct += gw->xpos == pw->xpos;
        e->lemma.correct += strcmp(gw->lemma, pw->lemma) == 0;
        /* heads: the gold head's aligned word must be the predicted head */
        const kg_csent *gsn = &g->sents[gsent[i]];
        const kg_csent *psn = &p->sents[psent[g2p[i]]];
        int ok;
        if (gw->head < 0 || pw->head < 0)
            ok = 0;
        else if (gw->head == 0 || pw->head == 0)
            ok = gw->head == 0 && pw->head == 0;
        else
            ok = g2p[gsn->first + (uint32_t)gw->head - 1] ==
                 (long)(psn->first + (uint32_t)pw->head - 1);
        if (ok) {
            e->uas.correct++;
            e->las.correct += kg_deprel_base(gw->deprel) == kg_deprel_base(pw->deprel);
            e->las_full.correct += gw->deprel == pw->deprel;
        }
    }
    rc = 0;
out:
    free(gs);
    free(ps);
    free(gss);
    free(pss);
    free(g2p);
    free(gsent);
    free(psent);
    return rc;
}
