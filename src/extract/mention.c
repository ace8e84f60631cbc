#include "extract/mention.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "article/token.h"
#include "base/buf.h"
#include "nlp/tags.h"

/* --- small word lists ----------------------------------------------------
 * Cues are deliberately plain lists: they are the v0 typing rules and easy
 * to audit.  Each list is searched linearly; they are short. */

static bool in_list(const char *const *list, const char *s, size_t len)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
            return true;
    return false;
}

/* Capitalised words that start sentences or name times, never entities. */
static const char *const not_names[] = {
    "A", "An", "The", "This", "That", "These", "Those", "It", "Its", "He",
    "She", "His", "Her", "They", "Their", "We", "Our", "I", "You", "Your",
    "In", "On", "At", "By", "For", "From", "With", "Without", "Of", "To",
    "As", "And", "But", "Or", "Nor", "So", "Yet", "If", "When", "While",
    "After", "Before", "Since", "Until", "Because", "Although", "Though",
    "Meanwhile", "However", "Also", "There", "Here", "Some", "Many", "Most",
    "All", "Both", "Each", "Every", "Other", "Another", "Such", "No", "Not",
    "What", "Who", "Whom", "Which", "Where", "Why", "How", "Mr.", "Mrs.",
    "Ms.", "Dr.", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "May",
    "June", "July", "August", "September", "October", "November",
    "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.",
    "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "At", "Under", "Over", "About",
    "Earlier", "Later", "Last", "Next", "Today", "Yesterday", "Tomorrow",
    "According", "Despite", "During", "Nuclear", "South-North", NULL};

/* Words before a name that make it a person. */
static const char *const person_titles[] = {
    "President", "Secretary", "Minister", "Prime", "Premier", "Chancellor",
    "Senator", "Sen.", "Rep.", "Representative", "Gov.", "Governor",
    "Mayor", "Gen.", "General", "Adm.", "Admiral", "Col.", "Capt.",
    "Lt.", "Sgt.", "King", "Queen", "Prince", "Princess", "Pope", "Mr.",
    "Mrs.", "Ms.", "Dr.", "Prof.", "Professor", "Judge", "Justice",
    "Chairman", "Chairwoman", "Chief", "Ambassador", "Speaker",
    "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor",
    "aide", "leader", "minister", "president", "secretary", "director",
    "chairman", "CEO", "founder", "coach", "player", "actor", "singer",
    "author", "professor", "lawyer", "officer", "envoy", "ambassador",
    "Sir", "Lord", "Lady", "Dame", "Vice", "Deputy", NULL};

static const char *const media_heads[] = {
    "News", "Times", "Post", "Journal", "Herald", "Tribune", "Network",
    "Press", "Daily", "Telegraph", "Guardian", "Gazette", "Broadcasting",
    "Radio", "TV", "Television", "Reuters", "Agency", NULL};
static const char *const edu_heads[] = {"University", "College", "School",
                                        "Institute", "Academy", NULL};
static const char *const gov_heads[] = {
    "Department", "Ministry", "Council", "Commission", "Administration",
    "Court", "Senate", "Congress", "Parliament", "Assembly", "Bureau",
    "Authority", "Police", "Army", "Navy", "Force", "Forces", "Government",
    "Office", "Cabinet", "Agency", "House", NULL};
static const char *const company_heads[] = {
    "Company", "Corporation", "Corp.", "Inc.", "Ltd.", "Co.", "LLC",
    "Bank", "Airlines", "Airways", "Group", "Holdings", "Motors", NULL};
static const char *const party_heads[] = {"Party", NULL};
static const char *const org_heads[] = {
    "Association", "Foundation", "Organization", "Organisation", "Union",
    "Federation", "Club", "Team", "Committee", "Board", "Center", "Centre",
    "Fund", "League", "Society", "Alliance", "Movement", "Front", NULL};
static const char *const event_heads[] = {
    "War", "Summit", "Games", "Olympics", "Cup", "Championship",
    "Championships", "Conference", "Election", "Festival", "Revolution",
    "Crisis", "Treaty", "Agreement", "Accord", "Declaration", NULL};

/* --- helpers -------------------------------------------------------------- */

static const char *form(const kg_article *a, uint32_t i, uint32_t *len)
{
    return kg_token_form(a, &a->tokens[i], len);
}

static bool is_capitalised(const char *s, uint32_t len)
{
    utf8proc_int32_t cp;
    if (len == 0 ||
        utf8proc_iterate((const utf8proc_uint8_t *)s, len, &cp) <= 0)
        return false;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* Join token forms with '\x1f' into b; fold = case-fold every token. */
static int join_forms(kg_buf *b, const kg_article *a, uint32_t first,
                      uint32_t end, bool fold)
{
    kg_buf_clear(b);
    for (uint32_t i = first; i < end; i++) {
        uint32_t len;
        const char *f = form(a, i, &len);
        if (i > first && kg_buf_putc(b, '\x1f') < 0)
            return -1;
        if (fold) {
            utf8proc_uint8_t *low = NULL;
            utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)f, len,
                                              &low, UTF8PROC_CASEFOLD);
            if (n < 0)
                return -1;
            int rc = kg_buf_append(b, low, (size_t)n);
            free(low);
            if (rc < 0)
                return -1;
        } else if (kg_buf_append(b, f, len) < 0) {
            return -1;
        }
    }
    return kg_buf_reserve(b, 0);
}

static int add_alias(kg_gazetteer *gz, const char *alias, int entity,
                     kg_diag *d)
{
    kg_article a;
    kg_article_init(&a);
    kg_diag quiet;
    kg_diag_init(&quiet, NULL);
    kg_buf b;
    kg_buf_init(&b);
    int rc = 0;
    if (kg_article_parse_plain(&a, "alias", alias, strlen(alias), &quiet) < 0 ||
        kg_tokenize(&a, &quiet) < 0 || a.ntokens == 0)
        goto out; /* an alias that is not text matches nothing */
    for (int fold = 0; fold < 2; fold++) {
        if (join_forms(&b, &a, 0, a.ntokens, fold) < 0) {
            rc = -1;
            break;
        }
        kg_strmap *m = fold ? &gz->folded : &gz->exact;
        char *key = kg_arena_strndup(&gz->arena, b.data, b.len);
        /* The first entity to claim a form keeps it; the ontology loader
         * already warned about the clash. */
        if (!key || (kg_strmap_get(m, key, b.len) < 0 &&
                     kg_strmap_put(m, key, b.len, entity) < 0)) {
            rc = -1;
            break;
        }
    }
    if (a.ntokens > gz->max_tokens)
        gz->max_tokens = a.ntokens;
out:
    if (rc < 0)
        kg_diag_oom(d, "building the gazetteer");
    kg_buf_release(&b);
    kg_article_release(&a);
    return rc;
}

kg_gazetteer *kg_gazetteer_new(const kg_ontology *o, kg_diag *d)
{
    kg_gazetteer *gz = calloc(1, sizeof *gz);
    if (!gz) {
        kg_diag_oom(d, "building the gazetteer");
        return NULL;
    }
    kg_arena_init(&gz->arena);
    kg_strmap_init(&gz->exact);
    kg_strmap_init(&gz->folded);
    gz->ont = o;
    gz->cls_person = kg_ontology_class(o, "Person");
    gz->cls_org = kg_ontology_class(o, "Organization");
    gz->cls_gov = kg_ontology_class(o, "GovernmentOrganization");
    gz->cls_media = kg_ontology_class(o, "MediaOrganization");
    gz->cls_edu = kg_ontology_class(o, "EducationalOrganization");
    gz->cls_company = kg_ontology_class(o, "Company");
    gz->cls_party = kg_ontology_class(o, "PoliticalParty");
    gz->cls_place = kg_ontology_class(o, "Place");
    gz->cls_thing = kg_ontology_class(o, "Thing");
    for (size_t i = 0; i < o->nentities; i++) {
        const kg_entity *e = &o->entities[i];
        if (e->label && add_alias(gz, e->label, (int)i, d) < 0)
            goto fail;
        for (size_t j = 0; j < e->naliases; j++)
            if (add_alias(gz, e->aliases[j], (int)i, d) < 0)
                goto fail;
    }
    return gz;
fail:
    kg_gazetteer_free(gz);
    return NULL;
}

void kg_gazetteer_free(kg_gazetteer *gz)
{
    if (!gz)
        return;
    kg_strmap_release(&gz->exact);
    kg_strmap_release(&gz->folded);
    kg_arena_release(&gz->arena);
    free(gz);
}

/* Longest gazetteer match starting at token i (within the sentence end).
 * Exact case first; the case-folded table only for matches that start
 * with a lowercase-able function word ("the North Korean leader" written
 * "The ...") or are entirely upper case, so "china" in running text does
 * not become a country by accident. */
static int gazetteer_match(const kg_gazetteer *gz, const kg_article *a,
                           uint32_t i, uint32_t send, kg_buf *b,
                           uint32_t *mend)
{
    uint32_t maxn = send - i;
    if (maxn > gz->max_tokens)
        maxn = (uint32_t)gz->max_tokens;
    for (uint32_t n = maxn; n >= 1; n--) {
        if (join_forms(b, a, i, i + n, false) < 0)
            return -2;
        int e = kg_strmap_get(&gz->exact, b->data, b->len);
        if (e < 0 && n > 1) {
            uint32_t len;
            const char *f = form(a, i, &len);
            if ((len == 3 && memcmp(f, "The", 3) == 0)) {
                if (join_forms(b, a, i, i + n, true) < 0)
                    return -2;
                e = kg_strmap_get(&gz->folded, b->data, b->len);
            }
        }
        if (e >= 0) {
            *mend = i + n;
            return e;
        }
    }
    return -1;
}

/* Capitalised words seen where capitals mean names: inside body
 * sentences, not first.  A sentence's first word and the words of a
 * headline (Title Case) count as names only if seen so elsewhere. */
static int collect_mid_capitals(const kg_article *a, kg_strmap *seen)
{
    for (uint32_t s = 0; s < a->nsentences; s++) {
        const kg_sentence *sent = &a->sentences[s];
        if (sent->kind != KG_SENT_BODY)
            continue;
        for (uint32_t i = sent->first + 1; i < sent->first + sent->count; i++) {
            uint32_t len, pl;
            const char *f = form(a, i, &len);
            const char *p = form(a, i - 1, &pl);
            /* after a quote, colon or dash a capital may start a clause */
            if (pl == 1 && (p[0] == '"' || p[0] == ':' || p[0] == '\''))
                continue;
            if (is_capitalised(f, len) && kg_strmap_put(seen, f, len, 1) < 0)
                return -1;
        }
    }
    return 0;
}

static bool token_is_name_part(const kg_article *a, uint32_t i,
                               const kg_sentence *sent, const kg_strmap *seen)
{
    uint32_t len;
    const char *f = form(a, i, &len);
    if (!is_capitalised(f, len) || in_list(not_names, f, len))
        return false;
    /* Tagged text: a proper noun is a name part, and nothing else in a
     * body sentence; headlines are Title Case and fool the tagger. */
    if (a->tokens[i].upos && sent->kind == KG_SENT_BODY)
        return a->tokens[i].upos == KG_UPOS_PROPN;
    if (sent->kind != KG_SENT_BODY || i == sent->first)
        return kg_strmap_get(seen, f, len) >= 0;
    return true;
}

static int class_from_head(const kg_gazetteer *gz, const char *f, uint32_t len)
{
    int c = -1;
    if (in_list(media_heads, f, len))
        c = gz->cls_media;
    else if (in_list(edu_heads, f, len))
        c = gz->cls_edu;
    else if (in_list(gov_heads, f, len))
        c = gz->cls_gov;
    else if (in_list(company_heads, f, len))
        c = gz->cls_company;
    else if (in_list(party_heads, f, len))
        c = gz->cls_party;
    else if (in_list(org_heads, f, len))
        c = gz->cls_org;
    else if (in_list(event_heads, f, len))
        return kg_ontology_class(gz->ont, "Event");
    else
        return -1;
    return c >= 0 ? c : gz->cls_org;
}

static bool is_title_word(const kg_gazetteer *gz, const char *f, uint32_t len)
{
    if (in_list(person_titles, f, len))
        return true;
    /* the ontology's title nouns (spokesman, adviser, ...) count too */
    char low[64];
    if (len >= sizeof low)
        return false;
    for (uint32_t k = 0; k < len; k++)
        low[k] = (f[k] >= 'A' && f[k] <= 'Z') ? (char)(f[k] - 'A' + 'a') : f[k];
    low[len] = '\0';
    const kg_trigger *t;
    return kg_ontology_noun_triggers(gz->ont, low, &t, 1) > 0;
}

typedef struct mention_list {
    kg_mention *v;
    size_t n, cap;
} mention_list;

static int push(mention_list *l, const kg_mention *m)
{
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 64;
        kg_mention *nv = realloc(l->v, ncap * sizeof *nv);
        if (!nv)
            return -1;
        l->v = nv;
        l->cap = ncap;
    }
    l->v[l->n++] = *m;
    return 0;
}

int kg_mention_find(const kg_gazetteer *gz, kg_article *a, kg_mention **out,
                    size_t *nout, kg_diag *d)
{
    mention_list l = {0};
    kg_buf b;
    kg_buf_init(&b);
    kg_strmap seen;
    kg_strmap_init(&seen);
    *out = NULL;
    *nout = 0;
    if (collect_mid_capitals(a, &seen) < 0)
        goto oom;
    for (uint32_t s = 0; s < a->nsentences; s++) {
        const kg_sentence *sent = &a->sentences[s];
        uint32_t send = sent->first + sent->count;
        uint32_t i = sent->first;
        while (i < send) {
            uint32_t mend = 0;
            int e = gazetteer_match(gz, a, i, send, &b, &mend);
            if (e == -2)
                goto oom;
            if (e >= 0) {
                kg_mention m = {s, i, mend, mend - 1, KG_MENTION_NAME, e,
                                gz->ont->entities[e].cls, KG_MENTION_GAZETTEER,
                                -1, -1};
                if (push(&l, &m) < 0)
                    goto oom;
                i = mend;
                continue;
            }
            if (!token_is_name_part(a, i, sent, &seen)) {
                i++;
                continue;
            }
            /* A run of name parts; "of" joins two runs when the first ends
             * in an organisation head ("University of Seoul"). */
            uint32_t j = i;
            while (j < send) {
                uint32_t stop;
                if (j > i && gazetteer_match(gz, a, j, send, &b, &stop) >= 0)
                    break;
                if (token_is_name_part(a, j, sent, &seen)) {
                    j++;
                    continue;
                }
                uint32_t len, hl;
                const char *f = form(a, j, &len);
                const char *h = form(a, j - 1, &hl);
                if (j > i && j + 1 < send && len == 2 &&
                    memcmp(f, "of", 2) == 0 && class_from_head(gz, h, hl) >= 0 &&
                    token_is_name_part(a, j + 1, sent, &seen)) {
                    j++;
                    continue;
                }
                break;
            }
            uint32_t first = i;
            int cls = -1;
            /* Leading titles type the name and are not part of it:
             * "President Donald Trump", "Secretary of State Mike Pompeo". */
            while (first < j) {
                uint32_t len;
                const char *f = form(a, first, &len);
                if (!is_title_word(gz, f, len))
                    break;
                cls = gz->cls_person;
                first++;
                if (first + 1 < j) {
                    const char *o = form(a, first, &len);
                    if (len == 2 && memcmp(o, "of", 2) == 0)
                        first += 2;
                }
            }
            if (first < j && cls < 0 && first > sent->first) {
                uint32_t len;
                const char *f = form(a, first - 1, &len);
                if (is_title_word(gz, f, len))
                    cls = gz->cls_person;
            }
            if (first < j) {
                /* the head is the last word, or the word before "of"
                 * ("Ministry of Finance") */
                int hc = -1;
                for (uint32_t x = j; x-- > first && hc < 0;) {
                    uint32_t hl, ol;
                    const char *h = form(a, x, &hl);
                    if (x == j - 1 ||
                        (x + 1 < j && (form(a, x + 1, &ol), ol == 2) &&
                         memcmp(form(a, x + 1, &ol), "of", 2) == 0))
                        hc = class_from_head(gz, h, hl);
                }
                if (hc >= 0)
                    cls = hc;
                else if (cls < 0 && j - first >= 2 && j - first <= 4)
                    cls = gz->cls_person; /* "Song Jae-ik": most
                                             multi-word bare names in news
                                             are people */
                kg_mention m = {s, first, j, j - 1, KG_MENTION_NAME, -1,
                                cls, KG_MENTION_CHUNK, -1, -1};
                if (push(&l, &m) < 0)
                    goto oom;
            }
            i = j > i ? j : i + 1;
        }
    }
    if (l.n) {
        *out = kg_arena_calloc(&a->arena, l.n, sizeof **out);
        if (!*out)
            goto oom;
        memcpy(*out, l.v, l.n * sizeof **out);
    }
    *nout = l.n;
    free(l.v);
    kg_buf_release(&b);
    kg_strmap_release(&seen);
    return 0;
oom:
    free(l.v);
    kg_buf_release(&b);
    kg_strmap_release(&seen);
    kg_diag_oom(d, "finding mentions");
    return -1;
}

long kg_mention_at(const kg_mention *m, size_t n, uint32_t t)
{
    /* binary search for the first mention ending after t */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m[mid].end <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    long best = -1;
    for (size_t i = lo; i < n && m[i].first <= t; i++) {
        if (m[i].end <= t)
            continue;
        if (m[i].head == t)
            return (long)i;
        if (best < 0 || m[i].end - m[i].first < m[best].end - m[best].first)
            best = (long)i;
    }
    return best;
}
