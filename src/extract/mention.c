#include "base/alloc.h"
#include "extract/mention.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "article/token.h"
#include "base/buf.h"
#include "nlp/tags.h"

/*
 * How mentions are found, per sentence, left to right:
 *
 *  1. Gazetteer: the longest ontology label or alias starting at a token
 *     (exact case; "The ..." also case-folded).  The ontology wins over
 *     the parse, with one exception: a match that is only the modifier of
 *     a longer proper name ("Washington Post", "Seoul National University",
 *     "the South Koreans") becomes part of that name (rule `glue`).
 *  2. Pronouns: he/him/his/himself, she/her/hers/herself, it/its/itself,
 *     they/them/their/theirs/themselves (not expletive "it").
 *  3. Proper-name phrases: runs of name parts (PROPN in body sentences;
 *     also a capitalised NOUN/ADJ/X mid-sentence, where the tagger missed
 *     a name; in headlines and sentence-initially only words seen
 *     capitalised mid-sentence elsewhere), joined over "of" after an
 *     organisation head or a title ("Ministry of Finance").  Titles are
 *     stripped and type the name: "Foreign Minister Taro Kono" -> Taro
 *     Kono, Person; "Secretary of State Rex Tillerson" (the "of" phrase is
 *     the title's subtree in the tree).  A plural demonym ("South
 *     Koreans") is its country.
 *  4. Definite noun phrases (tree needed): "the/this/that" + singular
 *     common noun with its modifiers ("the facility", "the office").  They
 *     are candidates only: coreference resolves them to a recent entity or
 *     drops them.
 *
 * Typing cues for names outside the ontology, strongest first: a title
 * (President, Mr., spokesman, the ontology's title nouns) -> Person; the
 * head word (News/Times/Agency -> media, University -> education,
 * Department/Ministry -> government, Bank/Airlines -> company, Party ->
 * party, Association/Union -> organisation, War/Summit -> event); ", who"
 * after the name -> Person; object of "in"/"near" -> Place; two to four
 * bare words -> Person (most multi-word bare names in news are people).
 * A plural proper noun is not typed: the tagger calls "Wikinews" one.
 */

/* --- small word lists ----------------------------------------------------
 * Cues are deliberately plain lists: they are easy to audit.  They are
 * indexed once, when the gazetteer is built (gz->cues: word -> the lists
 * that hold it), because the extractor asks about several lists for most
 * tokens and a scan of the long ones cost as much as all the rest of
 * mention finding. */

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
    "According", "Despite", "During", "Nuclear", "South-North", "Amid",
    "Him", "Them", "Me", "Us", "My", "Mine", "Yes", "Oh", "OK", NULL};

/* Words before a name that make it a person. */
static const char *const person_titles[] = {
    "President", "Secretary", "Minister", "Prime", "Premier", "Chancellor",
    "Senator", "Sen.", "Rep.", "Representative", "Gov.", "Governor",
    "Mayor", "Gen.", "General", "Adm.", "Admiral", "Col.", "Capt.",
    "Lt.", "Sgt.", "King", "Queen", "Prince", "Princess", "Pope", "Mr.",
    "Mrs.", "Ms.", "Miss", "Mr", "Mrs", "Ms", "Dr.", "Dr", "Prof.",
    "Professor", "Judge", "Justice",
    "Chairman", "Chairwoman", "Chief", "Ambassador", "Speaker",
    "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor",
    "aide", "leader", "minister", "president", "secretary", "director",
    "chairman", "CEO", "founder", "coach", "player", "actor", "singer",
    "author", "professor", "lawyer", "officer", "envoy", "ambassador",
    "Sir", "Lord", "Lady", "Dame", "Vice", "Deputy", "Analyst", "analyst",
    "Madam", "Sheikh", "Emperor", "Empress", "Duke", "Duchess", "Leader",
    "Whip", "Commissioner", "Inspector", "Detective", "Sergeant",
    "Lieutenant", "Colonel", "Captain", "Councillor", "Councilman",
    "Councilwoman", "Congressman", "Congresswoman", "Rabbi", "Bishop",
    "Cardinal", "Archbishop", "Imam", "Father", "Sister", "Brother",
    NULL};

static const char *const male_titles[] = {
    "Mr.", "Mr", "Sir", "Lord", "King", "Prince", "Duke", "Emperor",
    "spokesman", "Spokesman", "congressman", "Congressman", "businessman",
    "chairman", "Chairman", "actor", "Sheikh", NULL};
static const char *const female_titles[] = {
    "Mrs.", "Mrs", "Ms.", "Ms", "Miss", "Madam", "Dame", "Lady", "Queen",
    "Princess", "Duchess", "Empress", "spokeswoman", "Spokeswoman",
    "congresswoman", "Congresswoman", "businesswoman", "chairwoman",
    "Chairwoman", "actress", NULL};

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

/* Words that make a title phrase with a title ("Foreign Secretary",
 * "Deputy Prime Minister"): such a phrase alone names nobody. */
static const char *const title_modifiers[] = {
    "Foreign", "Prime", "Vice", "Deputy", "Home", "Defence", "Defense",
    "Finance", "Interior", "Justice", "State", "General", "Chief", "Senior",
    "Executive", "First", "Former", "Acting", "Assistant", "Under",
    "Attorney", "Trade", "Health", "Education", "Energy", "Environment",
    "Labor", "Labour", "Culture", "Transport", "Treasury", "Economy",
    "Unification", "Supreme", "Grand", "Crown", "Shadow", "Majority",
    "Minority", "Senate", "House", NULL};

/* Alone, a compass word is a direction or part of a longer name. */
static const char *const compass_words[] = {
    "North", "South", "East", "West", "Northern", "Southern", "Eastern",
    "Western", "Central", NULL};

/* Month names that are also names, inside a name: "Theresa May". */
static const char *const name_months[] = {"May", "June", "April", NULL};

static const char *const law_heads[] = {"Constitution", "Act", "Law", "Bill",
                                        "Charter", "Code", NULL};

/* Prepositions whose object is a place ("in Seoul"). */
static const char *const place_preps[] = {"in", "near", NULL};

/* Classes a definite noun phrase may name without saying more than "an
 * entity" ("the thing", "the person"): those never type a nominal. */
static const char *const vague_classes[] = {
    "Thing", "Agent", "Person", "Group", "Place", "Topic", "Quantity",
    "Date", NULL};

/* Lower-case particles inside names: "Abdel Fattah el-Sisi", "Ursula von
 * der Leyen", "Osama bin Laden". */
static const char *const name_particles[] = {
    "al", "el", "bin", "ibn", "de", "del", "della", "der", "den", "van",
    "von", "da", "di", "du", "dos", "das", "la", "le", "ter", "ten", NULL};

enum {
    CUE_NOT_NAMES = 1 << 0,
    CUE_PERSON_TITLES = 1 << 1,
    CUE_MALE_TITLES = 1 << 2,
    CUE_FEMALE_TITLES = 1 << 3,
    CUE_MEDIA_HEADS = 1 << 4,
    CUE_EDU_HEADS = 1 << 5,
    CUE_GOV_HEADS = 1 << 6,
    CUE_COMPANY_HEADS = 1 << 7,
    CUE_PARTY_HEADS = 1 << 8,
    CUE_ORG_HEADS = 1 << 9,
    CUE_EVENT_HEADS = 1 << 10,
    CUE_TITLE_MODIFIERS = 1 << 11,
    CUE_COMPASS_WORDS = 1 << 12,
    CUE_NAME_MONTHS = 1 << 13,
    CUE_LAW_HEADS = 1 << 14,
    CUE_PLACE_PREPS = 1 << 15,
    CUE_VAGUE_CLASSES = 1 << 16,
    CUE_NAME_PARTICLES = 1 << 17,
};

static const struct {
    const char *const *words;
    int bit;
} cue_lists[] = {
    {not_names, CUE_NOT_NAMES},
    {person_titles, CUE_PERSON_TITLES},
    {male_titles, CUE_MALE_TITLES},
    {female_titles, CUE_FEMALE_TITLES},
    {media_heads, CUE_MEDIA_HEADS},
    {edu_heads, CUE_EDU_HEADS},
    {gov_heads, CUE_GOV_HEADS},
    {company_heads, CUE_COMPANY_HEADS},
    {party_heads, CUE_PARTY_HEADS},
    {org_heads, CUE_ORG_HEADS},
    {event_heads, CUE_EVENT_HEADS},
    {title_modifiers, CUE_TITLE_MODIFIERS},
    {compass_words, CUE_COMPASS_WORDS},
    {name_months, CUE_NAME_MONTHS},
    {law_heads, CUE_LAW_HEADS},
    {place_preps, CUE_PLACE_PREPS},
    {vague_classes, CUE_VAGUE_CLASSES},
    {name_particles, CUE_NAME_PARTICLES},
};

static int index_cues(kg_strmap *m)
{
    for (size_t l = 0; l < sizeof cue_lists / sizeof cue_lists[0]; l++)
        for (const char *const *w = cue_lists[l].words; *w; w++)
            if (kg_strmap_or(m, *w, strlen(*w), cue_lists[l].bit) < 0)
                return -1;
    return 0;
}

/* The lists (CUE_* bits) that hold the word s[0..len). */
static int cues_of(const kg_gazetteer *gz, const char *s, size_t len)
{
    int bits = kg_strmap_get(&gz->cues, s, len);
    return bits < 0 ? 0 : bits;
}

static bool in_list(const kg_gazetteer *gz, int list, const char *s, size_t len)
{
    return (cues_of(gz, s, len) & list) != 0;
}

/* --- helpers ------------------------------------------------------------- */

static const char *form(const kg_article *a, uint32_t i, uint32_t *len)
{
    return kg_token_form(a, &a->tokens[i], len);
}

static bool form_is(const kg_article *a, uint32_t i, const char *w)
{
    uint32_t len;
    const char *f = form(a, i, &len);
    return strlen(w) == len && memcmp(f, w, len) == 0;
}

static bool is_capitalised(const char *s, uint32_t len)
{
    utf8proc_int32_t cp;
    if (len > 0 && (unsigned char)s[0] < 0x80) /* ASCII's only Lu: A-Z */
        return s[0] >= 'A' && s[0] <= 'Z';
    if (len == 0 ||
        utf8proc_iterate((const utf8proc_uint8_t *)s, len, &cp) <= 0)
        return false;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* Every byte below 0x80. */
static bool is_ascii(const char *s, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return false;
    return true;
}

/* ASCII lower-case copy into out (cap bytes); false if it does not fit. */
static bool lower_ascii(const char *f, uint32_t len, char *out, size_t cap)
{
    if (len >= cap)
        return false;
    for (uint32_t k = 0; k < len; k++)
        out[k] = (f[k] >= 'A' && f[k] <= 'Z') ? (char)(f[k] - 'A' + 'a') : f[k];
    out[len] = '\0';
    return true;
}

/* Join token forms with '\x1f' into b; fold = case-fold every token;
 * strip_s drops a final "s" from the last token ("Koreans"). */
static int join_forms(kg_buf *b, const kg_article *a, uint32_t first,
                      uint32_t end, bool fold, bool strip_s)
{
    kg_buf_clear(b);
    for (uint32_t i = first; i < end; i++) {
        uint32_t len;
        const char *f = form(a, i, &len);
        if (strip_s && i + 1 == end && len > 1)
            len--;
        if (i > first && kg_buf_putc(b, '\x1f') < 0)
            return -1;
        if (fold && is_ascii(f, len)) {
            /* ASCII's case fold is A-Z -> a-z: no utf8proc_map copy */
            if (kg_buf_append(b, f, len) < 0)
                return -1;
            char *o = b->data + b->len - len;
            for (uint32_t k = 0; k < len; k++)
                if (o[k] >= 'A' && o[k] <= 'Z')
                    o[k] = (char)(o[k] - 'A' + 'a');
        } else if (fold) {
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

/* gz->first's bit for an alias of n tokens; the last bit stands for all
 * lengths from 30 on. */
static int alias_len_bit(size_t n)
{
    return n >= 30 ? 1 << 30 : 1 << n;
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
        kg_tokenize(&a, &quiet) < 0 || a.ntokens == 0) {
        /* an alias that is not text matches nothing */
        if (kg_diag_is_oom(&quiet))
            rc = -1;
        goto out;
    }
    for (int fold = 0; fold < 2; fold++) {
        if (join_forms(&b, &a, 0, a.ntokens, fold, false) < 0) {
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
    if (rc == 0) {
        uint32_t len;
        const char *f = form(&a, 0, &len);
        char *key = kg_arena_strndup(&gz->arena, f, len);
        if (!key || kg_strmap_or(&gz->first, key, len, alias_len_bit(a.ntokens)) < 0)
            rc = -1;
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
    kg_gazetteer *gz = kg_calloc(1, sizeof *gz);
    if (!gz) {
        kg_diag_oom(d, "building the gazetteer");
        return NULL;
    }
    kg_arena_init(&gz->arena);
    kg_strmap_init(&gz->exact);
    kg_strmap_init(&gz->folded);
    kg_strmap_init(&gz->first);
    kg_strmap_init(&gz->cues);
    gz->ont = o;
    if (index_cues(&gz->cues) < 0) {
        kg_diag_oom(d, "building the gazetteer");
        goto fail;
    }
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
    kg_strmap_release(&gz->first);
    kg_strmap_release(&gz->cues);
    kg_arena_release(&gz->arena);
    free(gz);
}

/* --- per-article state --------------------------------------------------- */

typedef struct mention_list {
    kg_mention *v;
    size_t n, cap;
} mention_list;

typedef struct finder {
    const kg_gazetteer *gz;
    kg_article *a;
    kg_buf b;
    kg_strmap seen;    /* words seen capitalised mid-sentence */
    kg_strmap named;   /* words of the multi-word names found so far */
    uint8_t *used;     /* per token: inside a mention already */
    int32_t *det;      /* per token: its determiner "the/this/that", -1 */
    mention_list l;
    /* the sentence being read */
    const kg_sentence *sent;
    uint32_t s, send;
    bool tagged, parsed;
} finder;

static int push(finder *f, const kg_mention *m)
{
    mention_list *l = &f->l;
    if (m->kind == KG_MENTION_NAME && m->end - m->first >= 2)
        for (uint32_t i = m->first; i < m->end; i++) {
            uint32_t len;
            const char *w = kg_token_form(f->a, &f->a->tokens[i], &len);
            if (kg_strmap_put(&f->named, w, len, 1) < 0)
                return -1;
        }
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 64;
        kg_mention *nv = kg_realloc(l->v, ncap * sizeof *nv);
        if (!nv)
            return -1;
        l->v = nv;
        l->cap = ncap;
    }
    l->v[l->n++] = *m;
    for (uint32_t i = m->first; i < m->end; i++)
        f->used[i] = 1;
    return 0;
}

static kg_mention new_mention(uint32_t s, uint32_t first, uint32_t end,
                              int kind, int entity, int cls, int source)
{
    kg_mention m;
    memset(&m, 0, sizeof m);
    m.sentence = s;
    m.first = first;
    m.end = end;
    m.head = end - 1;
    m.kind = kind;
    m.entity = entity;
    m.cls = cls;
    m.source = source;
    m.antecedent = -1;
    m.node = -1;
    m.title = -1;
    m.gender = KG_GENDER_UNKNOWN;
    m.stands_for = -1;
    m.stands_for_node = -1;
    return m;
}

/* Article-global index of token i's head, or -1 (root, or not parsed). */
static long head_of(const finder *f, uint32_t i)
{
    int h = f->a->tokens[i].head;
    if (h <= 0 || (uint32_t)h > f->sent->count)
        return -1;
    return (long)(f->sent->first + (uint32_t)h - 1);
}

static int deprel(const finder *f, uint32_t i)
{
    return f->a->tokens[i].deprel;
}

/* true if anc is an ancestor of t within the sentence. */
static bool dominates(const finder *f, uint32_t anc, uint32_t t)
{
    long h = head_of(f, t);
    /* trees of news sentences are shallow; the cap bounds odd ones */
    for (uint32_t steps = 0; h >= 0 && steps < 64; steps++) {
        if ((uint32_t)h == anc)
            return true;
        h = head_of(f, (uint32_t)h);
    }
    return false;
}

/* Longest gazetteer match starting at token i (within the sentence end).
 * Exact case first; the case-folded table only for matches that start
 * with "The", so "china" in running text does not become a country by
 * accident.  Returns the entity (mend = end of the match), -1 for none,
 * -2 when memory runs out. */
static int gazetteer_match(finder *f, uint32_t i, uint32_t *mend)
{
    const kg_gazetteer *gz = f->gz;
    uint32_t len;
    const char *w = form(f->a, i, &len);
    bool the = len == 3 && memcmp(w, "The", 3) == 0;
    /* the lengths of the aliases that start with this word (for "The",
     * whose folded form starts aliases too: any) */
    int lens = the ? INT_MAX : kg_strmap_get(&gz->first, w, len);
    if (lens < 0)
        return -1;
    uint32_t maxn = f->send - i;
    if (maxn > gz->max_tokens)
        maxn = (uint32_t)gz->max_tokens;
    for (uint32_t n = maxn; n >= 1; n--) {
        if (!(lens & alias_len_bit(n)))
            continue;
        if (join_forms(&f->b, f->a, i, i + n, false, false) < 0)
            return -2;
        int e = kg_strmap_get(&gz->exact, f->b.data, f->b.len);
        if (e < 0 && n > 1 && the) {
            if (join_forms(&f->b, f->a, i, i + n, true, false) < 0)
                return -2;
            e = kg_strmap_get(&gz->folded, f->b.data, f->b.len);
        }
        if (e >= 0) {
            *mend = i + n;
            return e;
        }
    }
    return -1;
}

/* Capitalised words seen where capitals mean names: inside body
 * sentences, not first, not after a quote or colon.  A sentence's first
 * word and the words of a headline (Title Case) count as names only if
 * seen so elsewhere.  Level 2: seen as a proper noun (or untagged);
 * level 1: only inside a capitalised run. */
static int collect_mid_capitals(finder *f)
{
    const kg_article *a = f->a;
    for (uint32_t s = 0; s < a->nsentences; s++) {
        const kg_sentence *sent = &a->sentences[s];
        if (sent->kind != KG_SENT_BODY)
            continue;
        for (uint32_t i = sent->first + 1; i < sent->first + sent->count; i++) {
            uint32_t len, pl;
            const char *w = form(a, i, &len);
            const char *p = form(a, i - 1, &pl);
            if (pl == 1 && (p[0] == '"' || p[0] == ':' || p[0] == '\''))
                continue;
            /* with tags, only proper nouns and words of a capitalised run:
             * the "Conservative Party" makes "Conservative" a name part,
             * the "Conservative leader" does not */
            int level = 2;
            if (a->tokens[i].upos && a->tokens[i].upos != KG_UPOS_PROPN) {
                uint32_t nl = 0;
                const char *n = i + 1 < sent->first + sent->count
                                    ? form(a, i + 1, &nl)
                                    : "";
                if (!(i - 1 > sent->first && is_capitalised(p, pl)) &&
                    !is_capitalised(n, nl))
                    continue;
                level = 1;
            }
            if (is_capitalised(w, len) &&
                kg_strmap_get(&f->seen, w, len) < level &&
                kg_strmap_put(&f->seen, w, len, level) < 0)
                return -1;
        }
    }
    return 0;
}

static bool after_quote_or_colon(const finder *f, uint32_t i)
{
    if (i == f->sent->first)
        return true;
    uint32_t pl;
    const char *p = form(f->a, i - 1, &pl);
    return (pl == 1 && (p[0] == '"' || p[0] == ':' || p[0] == '\'' ||
                        p[0] == '(')) ||
           (pl == 2 && memcmp(p, "--", 2) == 0);
}

static bool is_name_part(const finder *f, uint32_t i)
{
    const kg_article *a = f->a;
    uint32_t len;
    const char *w = form(a, i, &len);
    if (!is_capitalised(w, len) || in_list(f->gz, CUE_NOT_NAMES, w, len))
        return false;
    bool seen = kg_strmap_get(&f->seen, w, len) >= 0;
    if (f->sent->kind != KG_SENT_BODY)
        return seen; /* headlines are Title Case and fool the tagger */
    if (!f->tagged)
        return i != f->sent->first || seen;
    switch (a->tokens[i].upos) {
    case KG_UPOS_PROPN:
        return true;
    case KG_UPOS_NOUN:
    case KG_UPOS_ADJ:
    case KG_UPOS_X:
    case KG_UPOS_SCONJ:
    case KG_UPOS_INTJ:
        /* a capital mid-sentence where the tagger missed a name ("Xi" as
         * SCONJ); after a quote or colon it may start a clause, after a
         * capitalised function word a title ("This Week") */
        if (after_quote_or_colon(f, i))
            return seen;
        if (i > f->sent->first) {
            uint32_t pl;
            const char *p = form(a, i - 1, &pl);
            if (is_capitalised(p, pl) && in_list(f->gz, CUE_NOT_NAMES, p, pl))
                return false;
        }
        return true;
    case KG_UPOS_VERB:
        /* "limit Cruz himself": a word used as a proper noun elsewhere in
         * the article */
        return !after_quote_or_colon(f, i) &&
               kg_strmap_get(&f->seen, w, len) >= 2;
    default:
        return false;
    }
}

static int class_from_head(const kg_gazetteer *gz, const char *w, uint32_t len)
{
    int c = -1;
    int cues = cues_of(gz, w, len);
    if (cues & CUE_MEDIA_HEADS)
        c = gz->cls_media;
    else if (cues & CUE_EDU_HEADS)
        c = gz->cls_edu;
    else if (cues & CUE_GOV_HEADS)
        c = gz->cls_gov;
    else if (cues & CUE_COMPANY_HEADS)
        c = gz->cls_company;
    else if (cues & CUE_PARTY_HEADS)
        c = gz->cls_party;
    else if (cues & CUE_ORG_HEADS)
        c = gz->cls_org;
    else if (cues & CUE_EVENT_HEADS)
        return kg_ontology_class(gz->ont, "Event");
    else if (cues & CUE_LAW_HEADS)
        return kg_ontology_class(gz->ont, "Law");
    else
        return -1;
    return c >= 0 ? c : gz->cls_org;
}

static int token_class_from_head(const finder *f, uint32_t i)
{
    uint32_t len;
    const char *w = form(f->a, i, &len);
    return class_from_head(f->gz, w, len);
}

static bool is_title_word(const kg_gazetteer *gz, const char *w, uint32_t len)
{
    if (in_list(gz, CUE_PERSON_TITLES, w, len))
        return true;
    /* "Presidents Muhammadu Buhari of Nigeria and Patrice Talon" */
    if (len > 3 && w[len - 1] == 's' && w[len - 2] != 's' &&
        in_list(gz, CUE_PERSON_TITLES, w, len - 1))
        return true;
    /* the ontology's title nouns (spokesman, adviser, ...) count too,
     * written in lower case: "Seoul National University" is no title */
    char low[64];
    if (!(w[0] >= 'a' && w[0] <= 'z') || !lower_ascii(w, len, low, sizeof low))
        return false;
    const kg_trigger *t;
    return kg_ontology_noun_triggers(gz->ont, low, &t, 1) > 0;
}

static bool token_is_title(const finder *f, uint32_t i)
{
    uint32_t len;
    const char *w = form(f->a, i, &len);
    return is_title_word(f->gz, w, len);
}

static int title_gender(const finder *f, uint32_t i)
{
    uint32_t len;
    const char *w = form(f->a, i, &len);
    if (in_list(f->gz, CUE_MALE_TITLES, w, len))
        return KG_GENDER_MALE;
    if (in_list(f->gz, CUE_FEMALE_TITLES, w, len))
        return KG_GENDER_FEMALE;
    return KG_GENDER_UNKNOWN;
}

/* A title just before a name: "President [Trump]", "spokesman [Kim]",
 * "adviser, [John Bolton]".  Returns the title token or -1. */
static long title_before(const finder *f, uint32_t first)
{
    if (first > f->sent->first && token_is_title(f, first - 1))
        return (long)first - 1;
    if (first >= f->sent->first + 2 && form_is(f->a, first - 1, ",") &&
        token_is_title(f, first - 2)) {
        uint32_t len;
        const char *w = form(f->a, first - 2, &len);
        if (!is_capitalised(w, len)) /* "adviser, John Bolton" */
            return (long)first - 2;
    }
    return -1;
}

/* The syntactic head of [first, end): the rightmost token whose head is
 * outside the span; end - 1 without a tree. */
static uint32_t span_head(const finder *f, uint32_t first, uint32_t end)
{
    if (!f->parsed)
        return end - 1;
    for (uint32_t k = end; k-- > first;) {
        long h = head_of(f, k);
        if (h < (long)first || h >= (long)end)
            return k;
    }
    return end - 1;
}

/* Pronouns: kind of referent and flags. */
typedef struct pronoun_info {
    const char *w;
    int gender;
    unsigned flags;
} pronoun_info;

static const pronoun_info pronouns[] = {
    {"he", KG_GENDER_MALE, 0},
    {"him", KG_GENDER_MALE, 0},
    {"his", KG_GENDER_MALE, KG_MENTION_POSSESSIVE},
    {"himself", KG_GENDER_MALE, KG_MENTION_REFLEXIVE},
    {"she", KG_GENDER_FEMALE, 0},
    {"her", KG_GENDER_FEMALE, 0},
    {"hers", KG_GENDER_FEMALE, KG_MENTION_POSSESSIVE},
    {"herself", KG_GENDER_FEMALE, KG_MENTION_REFLEXIVE},
    {"it", KG_GENDER_UNKNOWN, 0},
    {"its", KG_GENDER_UNKNOWN, KG_MENTION_POSSESSIVE},
    {"itself", KG_GENDER_UNKNOWN, KG_MENTION_REFLEXIVE},
    {"they", KG_GENDER_UNKNOWN, KG_MENTION_PLURAL},
    {"them", KG_GENDER_UNKNOWN, KG_MENTION_PLURAL},
    {"their", KG_GENDER_UNKNOWN, KG_MENTION_PLURAL | KG_MENTION_POSSESSIVE},
    {"theirs", KG_GENDER_UNKNOWN, KG_MENTION_PLURAL | KG_MENTION_POSSESSIVE},
    {"themselves", KG_GENDER_UNKNOWN, KG_MENTION_PLURAL | KG_MENTION_REFLEXIVE},
};

static const pronoun_info *pronoun_at(const finder *f, uint32_t i)
{
    const kg_token *t = &f->a->tokens[i];
    if (f->tagged && t->upos != KG_UPOS_PRON)
        return NULL;
    if (f->parsed && t->deprel == KG_DEP_EXPL)
        return NULL; /* "It's wrong to ..." */
    uint32_t len;
    const char *w = form(f->a, i, &len);
    char low[16];
    if (!lower_ascii(w, len, low, sizeof low))
        return NULL;
    for (size_t k = 0; k < sizeof pronouns / sizeof pronouns[0]; k++)
        if (strcmp(pronouns[k].w, low) == 0)
            return &pronouns[k];
    return NULL;
}

/* A gazetteer match that only modifies the proper name after it becomes
 * part of that name: returns the end of the longer name, or 0.
 * "Washington Post", "Seoul National University" (an organisation head
 * ends the name); with a tree also any compound/flat/amod modifier
 * ("Trump Tower", "the South Koreans").  A title after the match keeps
 * it apart ("South Korean President Moon"). */
static uint32_t glue(finder *f, uint32_t mend, int *err)
{
    if (mend >= f->send || !is_name_part(f, mend) || token_is_title(f, mend))
        return 0;
    uint32_t stop;
    int e = gazetteer_match(f, mend, &stop);
    if (e == -2)
        *err = 1;
    if (e != -1)
        return 0;
    uint32_t k = mend;
    while (k < f->send && is_name_part(f, k) && !token_is_title(f, k))
        k++;
    if (token_class_from_head(f, k - 1) >= 0)
        return k;
    if (f->parsed) {
        long h = head_of(f, mend - 1);
        int r = kg_deprel_base(deprel(f, mend - 1));
        if (h >= (long)mend && h < (long)k &&
            (r == KG_DEP_COMPOUND || r == KG_DEP_FLAT || r == KG_DEP_AMOD))
            return k;
    }
    return 0;
}

/* Flags a name picks up from its context. */
static unsigned name_flags(const finder *f, uint32_t end)
{
    if (end < f->send && (form_is(f->a, end, "'s") || form_is(f->a, end, "'")))
        return KG_MENTION_POSSESSIVE;
    return 0;
}

/* The case marker ("in", "of") of token t, or -1. */
static long case_child(const finder *f, uint32_t t)
{
    /* the marker sits just before its noun phrase */
    uint32_t from = t >= f->sent->first + 8 ? t - 8 : f->sent->first;
    for (uint32_t k = t; k-- > from;)
        if (head_of(f, k) == (long)t && deprel(f, k) == KG_DEP_CASE)
            return (long)k;
    return -1;
}

/* Type a proper-name phrase [first, end) from its words and context. */
static int type_name(const finder *f, uint32_t first, uint32_t end,
                     bool glued)
{
    /* the head is the last word, or the word before "of" ("Ministry of
     * Finance") */
    for (uint32_t x = end; x-- > first;) {
        if (x == end - 1 || (x + 1 < end && form_is(f->a, x + 1, "of"))) {
            int hc = token_class_from_head(f, x);
            if (hc >= 0)
                return hc;
        }
    }
    if (end + 1 < f->send && form_is(f->a, end, ",") &&
        form_is(f->a, end + 1, "who"))
        return f->gz->cls_person;
    if (f->parsed) {
        uint32_t h = span_head(f, first, end);
        long c = case_child(f, h);
        if (c >= 0) {
            uint32_t len;
            const char *w = form(f->a, (uint32_t)c, &len);
            if (in_list(f->gz, CUE_PLACE_PREPS, w, len) && f->gz->cls_place >= 0)
                return f->gz->cls_place;
        }
    }
    if (end - first >= 2 && end - first <= 4 && !glued)
        return f->gz->cls_person; /* "Song Jae-ik": most multi-word bare
                                     names in news are people (but not
                                     "Trump Tower") */
    return -1;
}

/* Strip titles off the front of a name run [*first, end): "President
 * Donald Trump", "Foreign Minister Taro Kono", "Secretary of State Rex
 * Tillerson".  Names headed by an organisation word lose only leading
 * titles ("King Abdullah University" keeps "Abdullah University"); other
 * names lose everything up to their last title.  Returns the last title
 * token or -1. */
static long strip_titles(const finder *f, uint32_t *first, uint32_t end)
{
    bool org = token_class_from_head(f, end - 1) >= 0;
    long title = -1;
    uint32_t cut = *first;
    bool all_titles = true;
    for (uint32_t k = *first; k < end; k++) {
        if (!token_is_title(f, k)) {
            all_titles = false;
            if (org)
                break;
            continue;
        }
        /* a title needs a name after it ("Burger King" is a name),
         * unless the run is nothing but titles ("Prime Minister") */
        if (k + 1 == end && !all_titles)
            break;
        title = (long)k;
        cut = k + 1;
        if (cut + 1 < end && form_is(f->a, cut, "of")) {
            /* "of State", "of Foreign Affairs": the title's own phrase,
             * up to the noun the tree hangs "of" on */
            uint32_t stop = cut + 2;
            long o = f->parsed ? head_of(f, cut) : -1;
            if (o > (long)cut && o < (long)end) {
                stop = (uint32_t)o + 1;
                /* "of" and "State" hung on "Rex" (a case marker and a
                 * compound of the name): the phrase ends before the name */
                for (uint32_t c = cut + 1; c < (uint32_t)o; c++)
                    if (head_of(f, c) == o &&
                        (deprel(f, c) == KG_DEP_COMPOUND || deprel(f, c) == KG_DEP_FLAT))
                        stop = c + 1;
            }
            cut = stop;
            k = cut - 1;
        }
    }
    if (title >= 0)
        *first = cut;
    return title;
}

/* Inside a name, words that never start one: "Theresa May", "Elizabeth
 * II", "el-Sisi", "Export--Import". */
static bool name_continues(const finder *f, uint32_t j)
{
    uint32_t len;
    const char *w = form(f->a, j, &len);
    const kg_token *t = &f->a->tokens[j];
    bool next_name = j + 1 < f->send && is_name_part(f, j + 1);
    if (in_list(f->gz, CUE_NAME_PARTICLES, w, len))
        return next_name;
    if (len > 3 && (memcmp(w, "el-", 3) == 0 || memcmp(w, "al-", 3) == 0) &&
        w[3] >= 'A' && w[3] <= 'Z')
        return true;
    /* a dash or ampersand between two name words, written without spaces
     * ("Export--Import Bank") or as "&" ("Procter & Gamble") */
    if ((len == 1 && w[0] == '&') ||
        (((len == 1 && w[0] == '-') || (len == 2 && memcmp(w, "--", 2) == 0)) &&
         !(t->flags & KG_TOK_SPACE_AFTER) &&
         !(f->a->tokens[j - 1].flags & KG_TOK_SPACE_AFTER)))
        return next_name;
    if (in_list(f->gz, CUE_NAME_MONTHS, w, len)) {
        if (j + 1 >= f->send)
            return true;
        uint32_t nl;
        const char *n = form(f->a, j + 1, &nl);
        return f->a->tokens[j + 1].upos != KG_UPOS_NUM &&
               !(nl && n[0] >= '0' && n[0] <= '9'); /* not "May 5" */
    }
    if (len < 2 || len > 4)
        return false;
    for (uint32_t k = 0; k < len; k++)
        if (w[k] != 'I' && w[k] != 'V' && w[k] != 'X')
            return false;
    return true;
}

/* A place name inside a person's name: "George Washington", "Jack
 * London" - the run [i, j) has a name word the tree joins (flat or
 * compound) to the place match [j, stop). */
static bool place_in_name(const finder *f, uint32_t i, uint32_t j,
                          uint32_t stop, int e)
{
    if (!f->parsed || f->gz->cls_place < 0 ||
        !kg_ontology_is_a(f->gz->ont, f->gz->ont->entities[e].cls,
                          f->gz->cls_place))
        return false;
    bool name = false;
    for (uint32_t k = i; k < j; k++)
        name |= !token_is_title(f, k) && !form_is(f->a, k, "of");
    if (!name)
        return false;
    for (uint32_t k = j; k < stop; k++) {
        long h = head_of(f, k);
        int r = kg_deprel_base(deprel(f, k));
        if (h == (long)j - 1 && (r == KG_DEP_FLAT || r == KG_DEP_COMPOUND))
            return true;
    }
    long h = head_of(f, j - 1);
    int r = kg_deprel_base(deprel(f, j - 1));
    return h >= (long)j && h < (long)stop &&
           (r == KG_DEP_FLAT || r == KG_DEP_COMPOUND);
}

/* A run of nothing but titles and their modifiers: "Foreign Secretary". */
static bool title_phrase(const finder *f, uint32_t first, uint32_t end)
{
    if (!token_is_title(f, end - 1))
        return false;
    for (uint32_t k = first; k + 1 < end; k++) {
        uint32_t len;
        const char *w = form(f->a, k, &len);
        if (!token_is_title(f, k) && !in_list(f->gz, CUE_TITLE_MODIFIERS, w, len))
            return false;
    }
    return true;
}

/* A run of name parts starting at i (a glued gazetteer match ends at
 * min_end at the earliest).  Pushes at most one mention; returns where
 * to continue. */
static uint32_t read_name(finder *f, uint32_t i, uint32_t min_end, int *err)
{
    uint32_t j = i;
    bool glued = min_end > i;
    while (j < f->send) {
        if (j > i && j >= min_end) {
            uint32_t stop;
            int e = gazetteer_match(f, j, &stop);
            if (e == -2) {
                *err = 1;
                return f->send;
            }
            if (e >= 0 && place_in_name(f, i, j, stop, e)) {
                glued = true;
                min_end = stop;
                j = stop;
                continue;
            }
            if (e >= 0 && !glue(f, stop, err))
                break;
        }
        if (is_name_part(f, j) || (j > i && name_continues(f, j))) {
            j++;
            continue;
        }
        if (j > i && j + 1 < f->send && form_is(f->a, j, "of") &&
            is_name_part(f, j + 1) &&
            (token_class_from_head(f, j - 1) >= 0 ||
             token_is_title(f, j - 1))) {
            j++;
            continue;
        }
        break;
    }
    if (j < min_end)
        j = min_end;
    while (j > i && form_is(f->a, j - 1, "of"))
        j--;
    uint32_t first = i;
    long title = strip_titles(f, &first, j);
    if (first >= j || (title < 0 && title_phrase(f, first, j)))
        return j > i ? j : i + 1;
    int gender = KG_GENDER_UNKNOWN;
    if (title < 0)
        title = title_before(f, first);
    if (title >= 0)
        gender = title_gender(f, (uint32_t)title);
    /* one word the tagger did not call a proper noun is no name by
     * itself ("Conservative leader") */
    if (j - first == 1) {
        uint32_t len;
        const char *w = form(f->a, first, &len);
        if (in_list(f->gz, CUE_COMPASS_WORDS, w, len))
            return j; /* "the European and North American blocs" */
        bool weak = (f->sent->kind != KG_SENT_BODY ||
                     f->a->tokens[first].upos != KG_UPOS_PROPN) &&
                    kg_strmap_get(&f->seen, w, len) < 2;
        if (f->tagged && weak && token_class_from_head(f, first) < 0)
            return j;
        /* "the two Koreas": a number makes a proper noun common */
        uint32_t from = first > f->sent->first + 4 ? first - 4 : f->sent->first;
        for (uint32_t k = from; f->parsed && k < first; k++)
            if (head_of(f, k) == (long)first &&
                deprel(f, k) == KG_DEP_NUMMOD)
                return j;
        /* "Dozens were hurt": a proper noun to the tagger, but first in its
         * sentence and never seen as a name elsewhere */
        if (after_quote_or_colon(f, first) &&
            kg_strmap_get(&f->seen, w, len) < 1 &&
            kg_strmap_get(&f->named, w, len) < 0 &&
            token_class_from_head(f, first) < 0)
            return j;
    }
    /* a plural demonym is its country: "the South Koreans" */
    {
        uint32_t len;
        const char *w = form(f->a, j - 1, &len);
        if (len > 2 && w[len - 1] == 's') {
            if (join_forms(&f->b, f->a, first, j, false, true) < 0) {
                *err = 1;
                return f->send;
            }
            int e = kg_strmap_get(&f->gz->exact, f->b.data, f->b.len);
            if (e >= 0) {
                kg_mention m = new_mention(f->s, first, j, KG_MENTION_NAME, e,
                                           f->gz->ont->entities[e].cls,
                                           KG_MENTION_GAZETTEER);
                m.stands_for = f->gz->ont->entities[e].stands_for;
                m.flags = KG_MENTION_PLURAL | name_flags(f, j);
                if (push(f, &m) < 0)
                    *err = 1;
                return j;
            }
        }
    }
    int cls = type_name(f, first, j, glued);
    if (title >= 0 && token_class_from_head(f, j - 1) < 0)
        cls = f->gz->cls_person;
    kg_mention m = new_mention(f->s, first, j, KG_MENTION_NAME, -1, cls,
                               KG_MENTION_CHUNK);
    m.title = (int)title;
    m.gender = gender;
    m.flags = name_flags(f, j);
    if (push(f, &m) < 0)
        *err = 1;
    return j;
}

/* A gazetteer match is a description rather than a name when it starts
 * with an article and has a lower-case content word: "the North Korean
 * leader", "the secretary of state" (but "The Straits Times", "the
 * North", and labels such as "liaison office" are names). */
static bool match_is_description(const finder *f, uint32_t first, uint32_t end)
{
    uint32_t len;
    const char *w = form(f->a, first, &len);
    char low[4];
    if (!lower_ascii(w, len, low, sizeof low) ||
        (strcmp(low, "the") && strcmp(low, "a") && strcmp(low, "an")))
        return false;
    for (uint32_t k = first + 1; k < end; k++) {
        w = form(f->a, k, &len);
        if (len == 2 && memcmp(w, "of", 2) == 0)
            continue;
        utf8proc_int32_t cp;
        if (utf8proc_iterate((const utf8proc_uint8_t *)w, len, &cp) > 0 &&
            utf8proc_category(cp) == UTF8PROC_CATEGORY_LL)
            return true;
    }
    return false;
}

/* Pass 1 over one sentence: gazetteer matches, pronouns and names. */
static int find_names(finder *f)
{
    int err = 0;
    uint32_t i = f->sent->first;
    while (i < f->send && !err) {
        uint32_t mend = 0;
        int e = gazetteer_match(f, i, &mend);
        if (e == -2)
            return -1;
        if (e >= 0) {
            uint32_t gend = glue(f, mend, &err);
            if (err)
                break;
            if (gend) {
                /* the name starts at the match's first capital */
                uint32_t start = i;
                while (start < mend) {
                    uint32_t len;
                    const char *w = form(f->a, start, &len);
                    if (is_capitalised(w, len) && !in_list(f->gz, CUE_NOT_NAMES, w, len))
                        break;
                    start++;
                }
                if (start < mend) {
                    i = read_name(f, start, gend, &err);
                    continue;
                }
            }
            const kg_entity *ent = &f->gz->ont->entities[e];
            bool desc = match_is_description(f, i, mend);
            kg_mention m = new_mention(f->s, i, mend,
                                       desc ? KG_MENTION_NOMINAL
                                            : KG_MENTION_NAME,
                                       e, ent->cls, KG_MENTION_GAZETTEER);
            m.stands_for = ent->stands_for;
            m.flags = name_flags(f, mend);
            long t = title_before(f, i);
            if (t >= 0) {
                m.title = (int)t;
                m.gender = title_gender(f, (uint32_t)t);
            }
            if (push(f, &m) < 0)
                return -1;
            i = mend;
            continue;
        }
        const pronoun_info *p = f->sent->kind == KG_SENT_BODY
                                    ? pronoun_at(f, i)
                                    : NULL;
        if (p) {
            kg_mention m = new_mention(f->s, i, i + 1, KG_MENTION_PRONOUN, -1,
                                       -1, f->tagged ? KG_MENTION_PARSE
                                                     : KG_MENTION_CHUNK);
            m.gender = p->gender;
            m.flags = p->flags;
            /* "her" is possessive before a noun: PRP$ */
            if (f->tagged && f->a->tokens[i].xpos == KG_XPOS_PRPS)
                m.flags |= KG_MENTION_POSSESSIVE;
            if (push(f, &m) < 0)
                return -1;
            i++;
            continue;
        }
        if (is_name_part(f, i)) {
            i = read_name(f, i, i, &err);
            continue;
        }
        i++;
    }
    return err ? -1 : 0;
}

/* Pass 2 (tree needed): definite singular noun phrases "the facility",
 * "the liaison office", with no token already in a mention. */
static int find_nominals(finder *f)
{
    const kg_article *a = f->a;
    if (!f->parsed || f->sent->kind != KG_SENT_BODY)
        return 0;
    for (uint32_t k = f->sent->first; k < f->send; k++)
        f->det[k] = -1;
    for (uint32_t k = f->sent->first; k < f->send; k++) {
        long h = head_of(f, k);
        uint32_t len;
        const char *w = form(a, k, &len);
        char low[8];
        if (h > (long)k && deprel(f, k) == KG_DEP_DET &&
            lower_ascii(w, len, low, sizeof low) &&
            (!strcmp(low, "the") || !strcmp(low, "this") ||
             !strcmp(low, "that")))
            f->det[h] = (int32_t)k;
    }
    for (uint32_t h = f->sent->first; h < f->send; h++) {
        const kg_token *t = &a->tokens[h];
        uint32_t hl;
        const char *hw = form(a, h, &hl);
        /* a capitalised head is a title ("This Week"), not a description */
        if (f->used[h] || t->upos != KG_UPOS_NOUN || t->xpos != KG_XPOS_NN ||
            is_capitalised(hw, hl))
            continue;
        long det = f->det[h];
        if (det < 0 || h - (uint32_t)det > 8)
            continue; /* short phrases only: "the new liaison office" */
        bool ok = true;
        for (uint32_t k = (uint32_t)det; k < h && ok; k++)
            ok = !f->used[k] && a->tokens[k].upos != KG_UPOS_PUNCT &&
                 dominates(f, h, k);
        if (!ok)
            continue;
        int cls = -1;
        if (t->lemma && t->lemma[0] >= 'a' && t->lemma[0] <= 'z') {
            char name[64];
            size_t n = strlen(t->lemma);
            if (n < sizeof name) {
                memcpy(name, t->lemma, n + 1);
                name[0] = (char)(name[0] - 'a' + 'A');
                if (!in_list(f->gz, CUE_VAGUE_CLASSES, name, n))
                    cls = kg_ontology_class(f->gz->ont, name);
            }
        }
        kg_mention m = new_mention(f->s, (uint32_t)det, h + 1,
                                   KG_MENTION_NOMINAL, -1, cls,
                                   KG_MENTION_PARSE);
        if (push(f, &m) < 0)
            return -1;
    }
    return 0;
}

static int by_position(const void *x, const void *y)
{
    const kg_mention *a = x, *b = y;
    return a->first < b->first ? -1 : a->first > b->first;
}

int kg_mention_find(const kg_gazetteer *gz, kg_article *a, kg_mention **out,
                    size_t *nout, kg_diag *d)
{
    finder f;
    memset(&f, 0, sizeof f);
    f.gz = gz;
    f.a = a;
    kg_buf_init(&f.b);
    kg_strmap_init(&f.seen);
    kg_strmap_init(&f.named);
    *out = NULL;
    *nout = 0;
    if (a->ntokens && (!(f.used = kg_calloc(a->ntokens, 1)) ||
                       !(f.det = kg_malloc(a->ntokens * sizeof *f.det))))
        goto oom;
    if (collect_mid_capitals(&f) < 0)
        goto oom;
    for (uint32_t s = 0; s < a->nsentences; s++) {
        f.sent = &a->sentences[s];
        f.s = s;
        f.send = f.sent->first + f.sent->count;
        f.tagged = f.sent->count && a->tokens[f.sent->first].upos != 0;
        f.parsed = f.tagged && a->tokens[f.sent->first].head >= 0;
        size_t from = f.l.n;
        if (find_names(&f) < 0)
            goto oom;
        if (f.parsed)
            for (size_t k = from; k < f.l.n; k++)
                if (f.l.v[k].kind != KG_MENTION_PRONOUN)
                    f.l.v[k].head = span_head(&f, f.l.v[k].first, f.l.v[k].end);
        size_t mid = f.l.n;
        if (find_nominals(&f) < 0)
            goto oom;
        if (f.l.n > mid)
            qsort(f.l.v + from, f.l.n - from, sizeof *f.l.v, by_position);
    }
    if (f.l.n) {
        *out = kg_arena_calloc(&a->arena, f.l.n, sizeof **out);
        if (!*out)
            goto oom;
        memcpy(*out, f.l.v, f.l.n * sizeof **out);
    }
    *nout = f.l.n;
    free(f.l.v);
    free(f.used);
    free(f.det);
    kg_buf_release(&f.b);
    kg_strmap_release(&f.seen);
    kg_strmap_release(&f.named);
    return 0;
oom:
    free(f.l.v);
    free(f.used);
    free(f.det);
    kg_buf_release(&f.b);
    kg_strmap_release(&f.seen);
    kg_strmap_release(&f.named);
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
