/*
 * clause.c - clauses read off a UD dependency tree (see clause.h).
 *
 * One sentence at a time: every predicate token gets a frame (verb,
 * copula, or a nominal pattern), each frame collects its arguments from
 * its own dependents, then fills what is missing from the tree around it
 * (relative clauses take their antecedent, conjoined verbs and control
 * verbs their subject, reduced relatives their patient), and finally the
 * frames become clauses, one per combination of coordinated subjects and
 * objects.  A last pass marks reported speech and embedded content.
 *
 * Before that, build_tree() mends the trees no UD parse can have and a
 * greedy parser makes (each with its pattern there): words hung from a
 * punctuation mark, a title before its verb read as the verb's
 * complement ("Trump's adviser, John Bolton, said"), a ccomp under a
 * verb's nominal dependent, the addressee's "that" clause read as its acl
 * ("told reporters that ..."), a speech verb's content read as a relative
 * clause of a name or a time noun ("said Sunday that ..."), several
 * subjects on one predicate ("that" among them
 * is a mark), a relative clause hung from a verb, a tensed verb without
 * a subject beside the name that says it ("..., the Straits Times
 * reported"), an adjective or a title (nmod:desc) hung from a verb.  The
 * mended heads and relations are the clause reader's only (x->head,
 * x->rel); the article keeps the parser's tree.
 *
 * The rules, each with the dependency pattern it reads (h = predicate,
 * "<-rel-" points from a head to a dependent):
 *
 *   verb       h:VERB <-nsubj- S, <-obj- O, <-iobj- I, <-obl- (case P) X,
 *              <-compound:prt- PRT, <-aux- AUX, <-advmod- not
 *              => S | AUX not h PRT | O I X      ("set up", "build on")
 *              h <-expl- it (no nsubj) => "it" is the subject
 *   passive    h:VERB <-nsubj:pass- O, <-obl:agent- (case by) A
 *              => A | h | O, flag PASSIVE; without an agent no subject;
 *              a bare participle with an agent is passive too
 *   copula     h:NOUN|ADJ <-cop- be, <-nsubj- S, <-case- P
 *              => S | be P | h-phrase           ("is among initiatives")
 *              h:ADJ <-obl- (case P) X => S | be h P | X ("aware of")
 *   relcl      N <-acl:relcl- h, h <-nsubj|obj|obl- who/which/that
 *              => the pronoun's slot filled with N; where/when => PLACE/
 *              TIME N; no pronoun: N is the subject, or the object when h
 *              has a subject already; h <-mark- that => content clause
 *   relpron    h <-nsubj- who/which, h not a relative clause of a noun (a
 *              parse error): the noun just before the pronoun stands in
 *   acl        N <-acl- h:VBN => h's patient is N, PASSIVE
 *              N <-acl- h:VBG|VB => h's subject is N
 *              N <-acl- (to) h => P if P <-nmod:poss- N ("Korea's plan
 *              to open"); S if N is S's predicate nominal ("KOMO became
 *              the first station to air"); nobody if N is an event noun
 *              ("a plan to build"); else N ("the first ship to enter")
 *              N <-acl- h <-mark- that => content clause, EMBEDDED
 *              N <-amod- h:ADJ (after N, with xcomp/obl) => like acl
 *              ("the office, slated to open")
 *   conj       h0 <-conj- h, h without subject => h0's subject (and its
 *              auxiliaries when h is non-finite, h0's object when it
 *              follows h: "buy and sell stocks", h0's fronted time and
 *              place)
 *   xcomp      h0 <-xcomp- h => h's subject is h0's object, else h0's
 *              subject ("allowed employees to dress", "tries to woo");
 *              h0 = have/need/ought => modality "have to"/"need to"
 *   advcl      h0 <-advcl- h:VB|VBG|VBN, h without subject => h0's
 *              subject (participles and purpose clauses); mark if/unless
 *              => CONDITIONAL on both
 *   for-to     h0 <-obl- (for) X, h0 <-advcl|xcomp- (to) h right after X
 *              => X is h's subject ("pushed for Kim to accept")
 *   speaker    '", said X': h:say|... -ccomp-> X, X a noun right after
 *              h, h after a quote or comma and without subject => X is
 *              h's subject, not its content (an inverted speech tag)
 *   ccomp-subject  h:announce|say|... -obj|iobj-> X, h -ccomp-> C right
 *              after X, C without subject => X is C's subject ("announced
 *              Benin was to join"; not for tell|warn|ask|...)
 *   speech     h:say|tell|... <-ccomp- C, or C <-parataxis- h, or
 *              C <-acl|conj|advcl|ccomp- h, h after ", " with its own
 *              nsubj and no content ("C, Reuters reported": a speech
 *              tag the parser attached by another relation)
 *              => h is SPEECH; clauses under C are ATTRIBUTED to it; so
 *              are those of a quotation opening the sentence and closing
 *              just before h; kg_clause_extract_all adds quoted
 *              sentences before "Bolton said."
 *   embedded   h0 <-ccomp- C with h0 neither speech nor factive
 *              => clauses under C are EMBEDDED
 *   appos      N <-appos- M (set off by punctuation) => M | be | N when M
 *              is a name and N is not, else N | be | M
 *   title-noun NAME <-nmod:desc|compound- T (T a title word or a common
 *              noun), T <-compound|amod- Q, T <-nmod- (of) Y
 *              => NAME | T | Q or Y   ("South Korean President Moon");
 *              also T <-appos- NAME without punctuation ("leader Kim")
 *   poss       N <-nmod:poss- P (P not a pronoun) => P | have | N;
 *              "poss-title" when N is a title word
 *   nmod       N <-nmod- (case P) M => N | be P | M  (low confidence:
 *              "Pleasant Grove in Utah", "companies including Monsanto")
 *
 * Time and place: an oblique is KG_ARG_TIME when it is obl:tmod, has a
 * temporal preposition (during, since, until), or its head is a weekday,
 * month, year number or time noun; an object is when it is a bare time
 * phrase ("reported Monday", "last year").  KG_ARG_PLACE: a locative
 * preposition (in, at, from, near...) on a proper noun.
 *
 * Argument spans leave out what is a clause of its own: relative clauses,
 * appositions and participle clauses set off by commas, parentheticals.
 *
 * Confidence = rule prior x a reliability factor that falls with the
 * sentence's length and the subject's length (long spans are where a
 * greedy parser's attachment errors land).
 */
#include "base/alloc.h"
#include "extract/clause.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/hash.h"

#include "nlp/tags.h"

/* ------------------------------------------------------------------ */
/* Word lists                                                         */

static const char *const SPEECH_VERBS[] = {
    "say",     "tell",     "report",  "add",       "cite",     "state",
    "announce", "claim",   "note",    "explain",   "insist",   "argue",
    "warn",    "deny",     "confirm", "write",     "reply",    "respond",
    "declare", "predict",  "acknowledge", "admit", "comment",  "mention",
    "remark",  "stress",   "emphasize", "assert",  "allege",   "testify",
    "concede", "complain", "suggest", "ask",       "answer",   "reiterate",
    "recount", "quote",    "tweet",   "estimate",  "contend",  "maintain"};

/* Nouns whose infinitive ("a plan to build") does not take the noun as
 * subject. */
static const char *const EVENT_NOUNS[] = {
    "plan", "decision", "attempt", "effort", "bid", "proposal", "offer",
    "promise", "agreement", "deal", "push", "move", "pressure", "call",
    "request", "order", "need", "ability", "right", "chance", "opportunity",
    "intention", "failure", "refusal", "readiness", "willingness", "way",
    "time", "reason", "permission", "authority", "power", "pledge", "vote",
    "campaign", "drive", "initiative", "program", "programme", "scheme",
    "strategy", "threat", "demand", "commitment", "obligation", "mandate",
    "license", "licence", "approval", "consent", "invitation", "incentive"};

/* Speech verbs whatever their complement. */
static const char *const SPEECH_ONLY[] = {
    "say",    "tell",    "report", "announce", "claim",  "declare",
    "comment", "reply",  "respond", "remark",  "assert", "allege",
    "testify", "tweet",  "quote",   "reiterate"};

/* Verbs whose complement is presented as true. */
static const char *const FACTIVE_VERBS[] = {
    "know",  "realize", "realise", "learn", "discover", "find",
    "show",  "prove",   "see",     "notice", "understand", "reveal",
    "demonstrate", "confirm", "indicate", "establish", "regret"};

static const char *const MODALS[] = {"will", "would", "can",  "could",
                                     "may",  "might", "must", "shall",
                                     "should", "ought"};

static const char *const TITLES[] = {
    "president", "vice", "minister", "premier", "chancellor", "secretary",
    "senator", "sen.", "governor", "gov.", "mayor", "representative",
    "rep.", "congressman", "congresswoman", "ambassador", "envoy",
    "general", "gen.", "admiral", "adm.", "colonel", "col.", "lieutenant",
    "lt.", "sergeant", "sgt.", "captain", "capt.", "major", "commander",
    "chief", "judge", "justice", "attorney", "prosecutor", "king", "queen",
    "prince", "princess", "emperor", "pope", "bishop", "archbishop",
    "cardinal", "rabbi", "imam", "sheikh", "chairman", "chairwoman",
    "chair", "ceo", "director", "manager", "spokesman", "spokeswoman",
    "spokesperson", "adviser", "advisor", "leader", "head", "founder",
    "professor", "coach", "editor", "dean", "officer", "commissioner", "deputy", "counsel",
    "official", "diplomat", "negotiator", "aide", "envoy", "speaker",
    "treasurer", "governor-general", "superintendent", "inspector",
    "marshal", "president-elect", "prime", "foreign", "defense", "defence",
    "man", "woman", "correspondent", "analyst", "economist", "author",
    "writer", "actor", "actress", "singer", "player", "footballer",
    "chef", "lawyer"};

/* Not titles: "Mr. Wakeman" says nothing about Wakeman. */
static const char *const HONORIFICS[] = {"mr.", "mrs.", "ms.", "miss", "mr",
                                         "mrs", "ms", "messrs.", "mme.",
                                         "m.", "herr", "mx."};

/* Last words of names that are not people's. */
static const char *const NON_PERSON[] = {
    "department", "ministry", "office", "church", "university", "college",
    "school", "court", "committee", "council", "party", "company",
    "corporation", "corp.", "inc.", "ltd.", "co.", "agency", "bank",
    "street", "st.", "avenue", "road", "river", "lake", "mountain",
    "county", "city", "state", "states", "republic", "kingdom", "house",
    "hall", "academy", "institute", "foundation", "association", "union",
    "league", "club", "team", "army", "navy", "force", "forces", "station",
    "airport", "bridge", "park", "square", "center", "centre", "museum",
    "hospital", "group", "board", "commission", "service", "administration",
    "government", "assembly", "senate", "congress", "parliament",
    "cathedral", "award", "prize", "medal", "order", "cup", "championship",
    "war", "act", "treaty", "program", "programme", "project", "society"};

static const char *const MONTHS[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "jan.",
    "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
    "oct.", "nov.", "dec."};

static const char *const TIME_NOUNS[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "year", "month", "week", "day", "time", "decade", "century",
    "season", "morning", "afternoon", "evening", "night", "today",
    "tonight", "yesterday", "tomorrow", "weekend", "hour", "minute",
    "period", "era", "spring", "summer", "autumn", "winter", "moment",
    "date", "age", "term", "quarter", "semester", "midnight", "noon",
    "dawn", "dusk", "aftermath", "anniversary", "birthday", "christmas",
    "easter", "ramadan", "now", "then", "lifetime", "childhood",
    "beginning", "end", "start", "past", "future", "millennium"};

static const char *const TIME_PREPS[] = {"during", "since", "until", "till",
                                         "throughout", "before", "after"};

static const char *const PLACE_PREPS[] = {
    "in",     "at",     "from",   "near",   "across", "throughout",
    "within", "inside", "outside", "into",  "around", "outside",
    "between", "along", "to",     "toward", "towards", "through"};

static const char *const CONTENT_MARKS[] = {"that", "whether", "if"};

/* Verbs of intention, wish and commitment: their infinitive (or "on"
 * with a gerund: "plans on leaving") is what someone has in view, not
 * what happened. */
static const char *const INTENT_VERBS[] = {
    "plan", "intend", "want", "wish", "hope", "aim", "seek", "try",
    "attempt", "expect", "propose", "threaten", "promise", "vow", "pledge",
    "plot", "aspire", "desire", "prepare", "strive", "endeavor", "endeavour",
    "offer", "agree", "decide", "refuse", "mean", "volunteer", "scheme"};

/* Verbs whose object does what their infinitive says ("expected Kim to
 * meet", "asked them to leave"): object control. */
static const char *const OBJ_CONTROL_VERBS[] = {
    "want", "expect", "ask", "tell", "allow", "urge", "encourage", "enable",
    "help", "force", "permit", "persuade", "require", "invite", "pressure",
    "order", "direct", "convince", "cause", "lead", "compel", "instruct",
    "advise", "authorize", "remind", "warn", "beg", "teach", "believe"};

/* Speech verbs whose object is the person addressed ("told reporters the
 * talks failed"), not the subject of what follows. */
static const char *const ADDRESSEE_VERBS[] = {
    "tell", "warn", "ask", "answer", "assure", "inform", "remind", "notify",
    "promise", "convince", "persuade", "advise", "brief", "quote"};

/* The titles of an office, which an organisation or a place may precede
 * and a name follow ("NYC Mayor Bill de Blasio"); not the titles that are
 * also common surnames (King, Judge, Prince: "Martin Luther King Jr."). */
static const char *const OFFICES[] = {
    "president", "minister", "premier", "chancellor", "secretary", "senator",
    "governor", "mayor", "representative", "congressman", "congresswoman",
    "ambassador", "chairman", "chairwoman", "ceo", "director", "spokesman",
    "spokeswoman", "spokesperson", "commissioner", "prosecutor", "leader"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The lists as sets of bits, one per list (and one for the first words
 * of TIME_NOUNS and TIME_PREPS, which are asked about on their own). */
enum {
    W_SPEECH_VERBS = 1 << 0,
    W_EVENT_NOUNS = 1 << 1,
    W_SPEECH_ONLY = 1 << 2,
    W_FACTIVE_VERBS = 1 << 3,
    W_TITLES = 1 << 4,
    W_HONORIFICS = 1 << 5,
    W_NON_PERSON = 1 << 6,
    W_MONTHS = 1 << 7,
    W_TIME_NOUNS = 1 << 8,
    W_WEEKDAYS = 1 << 9,     /* TIME_NOUNS[0..7) */
    W_TIME_PREPS = 1 << 10,
    W_TIME_PREPS4 = 1 << 11, /* TIME_PREPS[0..4): the ones that never
                                start a place */
    W_PLACE_PREPS = 1 << 12,
    W_CONTENT_MARKS = 1 << 13,
    W_ADDRESSEE = 1 << 14,
    W_INTENT = 1 << 15,
    W_OBJ_CONTROL = 1 << 16,
    W_OFFICES = 1 << 17,
};

static const struct {
    const char *const *words;
    size_t n;
    int bit;
} word_lists[] = {
    {SPEECH_VERBS, NELEM(SPEECH_VERBS), W_SPEECH_VERBS},
    {EVENT_NOUNS, NELEM(EVENT_NOUNS), W_EVENT_NOUNS},
    {SPEECH_ONLY, NELEM(SPEECH_ONLY), W_SPEECH_ONLY},
    {FACTIVE_VERBS, NELEM(FACTIVE_VERBS), W_FACTIVE_VERBS},
    {TITLES, NELEM(TITLES), W_TITLES},
    {HONORIFICS, NELEM(HONORIFICS), W_HONORIFICS},
    {NON_PERSON, NELEM(NON_PERSON), W_NON_PERSON},
    {MONTHS, NELEM(MONTHS), W_MONTHS},
    {TIME_NOUNS, NELEM(TIME_NOUNS), W_TIME_NOUNS},
    {TIME_NOUNS, 7, W_WEEKDAYS},
    {TIME_PREPS, NELEM(TIME_PREPS), W_TIME_PREPS},
    {TIME_PREPS, 4, W_TIME_PREPS4},
    {PLACE_PREPS, NELEM(PLACE_PREPS), W_PLACE_PREPS},
    {CONTENT_MARKS, NELEM(CONTENT_MARKS), W_CONTENT_MARKS},
    {ADDRESSEE_VERBS, NELEM(ADDRESSEE_VERBS), W_ADDRESSEE},
    {INTENT_VERBS, NELEM(INTENT_VERBS), W_INTENT},
    {OBJ_CONTROL_VERBS, NELEM(OBJ_CONTROL_VERBS), W_OBJ_CONTROL},
    {OFFICES, NELEM(OFFICES), W_OFFICES},
};

/* The lists are asked about for most words of every clause; a scan of
 * the long ones cost a third of clause extraction.  So they are indexed
 * once per process: word -> W_* bits (the words are lowercase), open
 * addressing in static storage, so that no allocation can fail (not a
 * kg_strmap: its first use would be inside whichever article comes first,
 * and test_faults fails that article's allocations one by one). */
#define WORD_SLOTS 1024u /* a power of two, over twice the words */

typedef struct word_slot {
    const char *w;       /* NULL = empty */
    size_t len;
    int bits;
} word_slot;

static struct {
    pthread_once_t once;
    word_slot slots[WORD_SLOTS];
    size_t longest;
    int ok;              /* 0: the lists did not fit; they are scanned */
} word_index = {.once = PTHREAD_ONCE_INIT};

/* The slot of w[0..len), or the empty slot where it would go; NULL when
 * the table is full. */
static word_slot *word_slot_of(const char *w, size_t len)
{
    size_t i = (size_t)kg_hash64(w, len, 0) & (WORD_SLOTS - 1);
    for (size_t probes = 0; probes < WORD_SLOTS; probes++, i = (i + 1) & (WORD_SLOTS - 1)) {
        word_slot *s = &word_index.slots[i];
        if (!s->w || (s->len == len && memcmp(s->w, w, len) == 0))
            return s;
    }
    return NULL;
}

static void build_word_index(void)
{
    for (size_t l = 0; l < NELEM(word_lists); l++)
        for (size_t k = 0; k < word_lists[l].n; k++) {
            const char *w = word_lists[l].words[k];
            size_t len = strlen(w);
            word_slot *s = word_slot_of(w, len);
            if (!s)
                return;
            s->w = w;
            s->len = len;
            s->bits |= word_lists[l].bit;
            if (len > word_index.longest)
                word_index.longest = len;
        }
    word_index.ok = 1;
}

/* Whether w[0..len) is, ignoring ASCII case, a word of the list(s) in
 * bits. */
static int in_list(int bits, const char *w, size_t len)
{
    if (len == 0)
        return 0;
    pthread_once(&word_index.once, build_word_index);
    if (word_index.ok) {
        char low[32];
        if (len > word_index.longest || len > sizeof low)
            return 0;
        for (size_t i = 0; i < len; i++)
            low[i] = w[i] >= 'A' && w[i] <= 'Z' ? (char)(w[i] - 'A' + 'a') : w[i];
        const word_slot *s = word_slot_of(low, len);
        return s && s->w && (s->bits & bits) != 0;
    }
    for (size_t l = 0; l < NELEM(word_lists); l++) {
        if (!(word_lists[l].bit & bits))
            continue;
        for (size_t k = 0; k < word_lists[l].n; k++) {
            const char *e = word_lists[l].words[k];
            if (strlen(e) == len && strncasecmp(e, w, len) == 0)
                return 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Sentence context                                                   */

enum { F_VERB = 1, F_COP, F_APPOS, F_TITLE, F_POSS, F_NMOD };

#define MAX_ARGS 12
#define MAX_REL 24

typedef struct farg {
    int role, dep, head;     /* head: local token */
    int first, end;          /* local, [first, end) */
    int cfirst, cend;
    const char *prep;
    int frame;               /* KG_ARG_COMP: frame of the content, or -1 */
    int antecedent;          /* stands in for a relative pronoun */
} farg;

typedef struct frame {
    int pred, kind, state;
    int rel[MAX_REL];
    int nrel;
    farg args[MAX_ARGS];
    int nargs;
    uint32_t flags;
    const char *lemma, *particle, *prep, *modality, *tense, *rule;
    int parent, speech, mark;
    int inherited_subj;      /* subject came from another frame */
    double prior;
    int first_clause, nclauses;
} frame;

typedef struct ctx {
    kg_article *a;
    kg_token *t;
    int n;
    uint32_t base, sent;
    int *head, *kid, *next, *fr;
    int *rel;                /* relations, the parser's or repaired
                                (build_tree) */
    int *content;            /* speech/embedding frame whose content head
                                this token is, or -1 */
    int *lo;                 /* first token of each token's subtree */
    int *depth;              /* distance from the root */
    int *seen, *stack;       /* span(): visit stamps and a DFS stack */
    int *gen;                /* the current stamp */
    int cut_tok;             /* a subtree to leave out of spans, or -1 */
    frame *f;
    int nf, capf;
    kg_clause_list *l;
    kg_diag *d;
    int oom;                 /* a string or a frame could not be stored */
} ctx;

static int dep(const ctx *x, int i) { return x->rel[i]; }
static int upos(const ctx *x, int i) { return x->t[i].upos; }
static int xpos(const ctx *x, int i) { return x->t[i].xpos; }

static const char *form(const ctx *x, int i, size_t *len)
{
    uint32_t l;
    const char *s = kg_token_form(x->a, &x->t[i], &l);
    *len = l;
    return s;
}

static int word_is(const ctx *x, int i, const char *w)
{
    size_t len;
    const char *s = form(x, i, &len);
    return strlen(w) == len && strncasecmp(s, w, len) == 0;
}

static const char *lemma(const ctx *x, int i)
{
    return x->t[i].lemma ? x->t[i].lemma : "";
}

static int lemma_in(const ctx *x, int i, int list)
{
    const char *l = lemma(x, i);
    if (*l && in_list(list, l, strlen(l)))
        return 1;
    size_t len;
    const char *s = form(x, i, &len);
    return in_list(list, s, len);
}

static int is_nominal(int u)
{
    return u == KG_UPOS_NOUN || u == KG_UPOS_PROPN || u == KG_UPOS_PRON ||
           u == KG_UPOS_NUM || u == KG_UPOS_X || u == KG_UPOS_SYM;
}

static int is_subj_dep(int r)
{
    return r == KG_DEP_NSUBJ || r == KG_DEP_NSUBJ_OUTER ||
           r == KG_DEP_CSUBJ || r == KG_DEP_CSUBJ_OUTER;
}

static int is_neg(const ctx *x, int i)
{
    return word_is(x, i, "not") || word_is(x, i, "n't") ||
           word_is(x, i, "never") || word_is(x, i, "nt");
}

static int is_rel_pron(const ctx *x, int i)
{
    int xp = xpos(x, i);
    if (xp == KG_XPOS_WDT || xp == KG_XPOS_WP)
        return word_is(x, i, "who") || word_is(x, i, "whom") ||
               word_is(x, i, "which") || word_is(x, i, "that");
    return upos(x, i) == KG_UPOS_PRON && word_is(x, i, "that") &&
           (dep(x, i) == KG_DEP_NSUBJ || dep(x, i) == KG_DEP_OBJ ||
            dep(x, i) == KG_DEP_NSUBJ_PASS);
}

/* 1 opener, 2 closer, 3 either ("), 0 neither. */
static int bracket_kind(const ctx *x, int i, char *pair)
{
    size_t len;
    const char *s = form(x, i, &len);
    *pair = 0;
    if (len == 2 && memcmp(s, "``", 2) == 0)
        return *pair = 'q', 1;
    if (len == 2 && memcmp(s, "''", 2) == 0)
        return *pair = 'q', 2;
    if (len == 1) {
        switch (s[0]) {
        case '"': *pair = 'q'; return 3;
        case '`': *pair = 's'; return 1;
        case '\'': *pair = 's'; return 3;
        case '(': *pair = 'p'; return 1;
        case ')': *pair = 'p'; return 2;
        case '[': *pair = 'b'; return 1;
        case ']': *pair = 'b'; return 2;
        case '{': *pair = 'c'; return 1;
        case '}': *pair = 'c'; return 2;
        default: break;
        }
    }
    if (len == 5 && (memcmp(s, "-LRB-", 5) == 0))
        return *pair = 'p', 1;
    if (len == 5 && (memcmp(s, "-RRB-", 5) == 0))
        return *pair = 'p', 2;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Spans                                                              */

enum {
    CUT_CONJ = 1u << 0,  /* conjuncts and cc of the head itself */
    CUT_PRED = 1u << 1,  /* subject side of a copula predicate */
    CUT_OBL = 1u << 2,   /* obliques of the head (adjective predicates) */
    CUT_MARK = 1u << 3,  /* the head's subordinator */
    CUT_POSS = 1u << 4,  /* the head's possessor */
    CUT_CASE = 1u << 5,  /* the head's preposition */
    KEEP_APPOS = 1u << 6,
    KEEP_CLAUSES = 1u << 7, /* a clausal argument keeps its relative
                               clauses, appositions and parentheticals */
};

/* The first token of k's subtree (computed once per sentence). */
static int leftmost(const ctx *x, int k)
{
    return x->lo[k];
}

/* Is k's phrase set off by punctuation (its own or the one before)? */
static int set_off(const ctx *x, int k)
{
    int l = leftmost(x, k);
    return upos(x, l) == KG_UPOS_PUNCT ||
           (l > 0 && upos(x, l - 1) == KG_UPOS_PUNCT);
}

/* Is the subtree of k (k != h, head[k] on the path to h) left out? */
static int cut(const ctx *x, int k, int h, unsigned mode)
{
    int r = dep(x, k);
    if (k == x->cut_tok)
        return 1;
    /* a punctuation mark heads nothing in UD: words the parser hung from
     * one ("the approach, with media lambasting ...": "with" under ",")
     * are a misparse, not part of the phrase */
    if (!(mode & KEEP_CLAUSES) && upos(x, k) == KG_UPOS_PUNCT && x->kid[k] >= 0)
        return 1;
    switch (mode & KEEP_CLAUSES ? KG_DEP_NONE : r) {
    case KG_DEP_ACL_RELCL:
    case KG_DEP_ADVCL_RELCL:
    case KG_DEP_PARATAXIS:
    case KG_DEP_DISLOCATED:
    case KG_DEP_VOCATIVE:
    case KG_DEP_REPARANDUM:
        return 1;
    case KG_DEP_APPOS:
        /* set off by punctuation: "Bolton, the adviser,"; without it
         * ("leader Kim Jong Un") the apposition is part of the name, and
         * so it is before the phrase's head ("the African Continental
         * Free Trade Area (AfCFTA) agreement": cutting it there left
         * "agreement") */
        if (!(mode & KEEP_APPOS) && set_off(x, k) && k > h)
            return 1;
        break;
    case KG_DEP_AMOD:
        /* a post-nominal adjective clause ("the office, slated to
         * open") is a clause of its own */
        if (x->fr[k] >= 0 && k > x->head[k])
            return 1;
        break;
    case KG_DEP_ACL:
        /* so is a participle clause set off by commas ("the term cob,
         * defined as a stout horse,") */
        if (!(mode & KEEP_CLAUSES) && x->fr[k] >= 0 && k > x->head[k] &&
            set_off(x, k) && (xpos(x, k) == KG_XPOS_VBN ||
                              xpos(x, k) == KG_XPOS_VBG))
            return 1;
        break;
    default:
        break;
    }
    if (x->head[k] != h)
        return 0;
    switch (r) {
    case KG_DEP_CONJ:
    case KG_DEP_CC:
    case KG_DEP_CC_PRECONJ:
        return (mode & CUT_CONJ) != 0;
    case KG_DEP_MARK:
        return (mode & (CUT_MARK | CUT_PRED)) != 0;
    case KG_DEP_NMOD_POSS:
        return (mode & CUT_POSS) != 0;
    case KG_DEP_CASE:
        return (mode & CUT_CASE) != 0;
    case KG_DEP_NSUBJ:
    case KG_DEP_NSUBJ_PASS:
    case KG_DEP_NSUBJ_OUTER:
    case KG_DEP_CSUBJ:
    case KG_DEP_CSUBJ_PASS:
    case KG_DEP_CSUBJ_OUTER:
    case KG_DEP_COP:
    case KG_DEP_AUX:
    case KG_DEP_AUX_PASS:
    case KG_DEP_EXPL:
    case KG_DEP_ADVCL:
    case KG_DEP_CCOMP:
    case KG_DEP_DISCOURSE:
        return (mode & CUT_PRED) != 0;
    case KG_DEP_ADVMOD:
        return (mode & CUT_PRED) != 0 && (is_neg(x, k) || k < h);
    case KG_DEP_OBL:
    case KG_DEP_OBL_TMOD:
    case KG_DEP_OBL_NPMOD:
    case KG_DEP_OBL_UNMARKED:
        return (mode & CUT_OBL) != 0 || ((mode & CUT_PRED) && k < h);
    default:
        return 0;
    }
}

/* Is j in h's subtree, no cut on the way? */
static int in_sub(const ctx *x, int j, int h, unsigned mode)
{
    int k = j, steps = 0;
    while (k != h) {
        if (k < 0 || steps++ > x->n)
            return 0;
        if (cut(x, k, h, mode))
            return 0;
        k = x->head[k];
    }
    return 1;
}

static int edge_keep(const ctx *x, int i, int lo, int hi, int left)
{
    char pair, p2;
    int kind = bracket_kind(x, i, &pair);
    if (!kind)
        return 0;
    if (left && kind == 2)
        return 0;
    if (!left && kind == 1)
        return 0;
    if (left) {
        for (int j = i + 1; j <= hi; j++) {
            int k2 = bracket_kind(x, j, &p2);
            if (p2 == pair && (k2 == 2 || k2 == 3))
                return 1;
        }
    } else {
        for (int j = i - 1; j >= lo; j--) {
            int k2 = bracket_kind(x, j, &p2);
            if (p2 == pair && (k2 == 1 || k2 == 3))
                return 1;
        }
    }
    return 0;
}

static int trimmable(const ctx *x, int i, int lo, int hi, int left,
                     unsigned mode)
{
    int u = upos(x, i);
    if (u == KG_UPOS_PUNCT || u == KG_UPOS_SYM) {
        size_t len;
        const char *s = form(x, i, &len);
        if (u == KG_UPOS_SYM && !(len == 1 && (s[0] == '-' || s[0] == ':')))
            return 0;
        return !edge_keep(x, i, lo, hi, left);
    }
    if (u == KG_UPOS_CCONJ && (dep(x, i) == KG_DEP_CC ||
                               dep(x, i) == KG_DEP_CC_PRECONJ))
        return 1;
    if (left && (mode & CUT_MARK) && dep(x, i) == KG_DEP_MARK)
        return 1;
    return 0;
}

/* The maximal run of h's subtree (cuts left out) around h, trimmed of
 * edge punctuation: a depth-first walk, linear in the subtree. */
static void span(const ctx *x, int h, unsigned mode, int *first, int *end)
{
    int g = ++*x->gen;
    int sp = 0;
    x->seen[h] = g;
    x->stack[sp++] = h;
    while (sp > 0) {
        int k = x->stack[--sp];
        for (int c = x->kid[k]; c >= 0; c = x->next[c])
            if (!cut(x, c, h, mode)) {
                x->seen[c] = g;
                x->stack[sp++] = c;
            }
    }
    int lo = h, hi = h;
    while (lo - 1 >= 0 && x->seen[lo - 1] == g)
        lo--;
    while (hi + 1 < x->n && x->seen[hi + 1] == g)
        hi++;
    while (lo < h && trimmable(x, lo, lo, hi, 1, mode))
        lo++;
    while (hi > h && trimmable(x, hi, lo, hi, 0, mode))
        hi--;
    *first = lo;
    *end = hi + 1;
}

/* ------------------------------------------------------------------ */
/* Argument helpers                                                   */

static int case_of(const ctx *x, int h)
{
    for (int c = x->kid[h]; c >= 0; c = x->next[c])
        if (dep(x, c) == KG_DEP_CASE && c < h)
            return c;
    return -1;
}

/* The preposition of an oblique as one string: "according to", "out of"
 * (case + its fixed dependents, or two case words). */
static const char *prep_of(ctx *x, int h)
{
    int c = case_of(x, h);
    if (c < 0)
        return NULL;
    char buf[64];
    size_t n = 0;
    for (int i = c; i < h && n < sizeof buf - 1; i++) {
        int r = dep(x, i);
        int ok = (i == c) || (r == KG_DEP_FIXED && x->head[i] == c) ||
                 (r == KG_DEP_CASE && x->head[i] == h);
        if (!ok)
            break;
        size_t len;
        const char *s = form(x, i, &len);
        if (n && n < sizeof buf - 1)
            buf[n++] = ' ';
        for (size_t k = 0; k < len && n < sizeof buf - 1; k++) {
            char ch = s[k];
            buf[n++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
        }
    }
    char *p = kg_arena_strndup(&x->a->arena, buf, n);
    if (!p)
        x->oom = 1;
    return p;
}

static int is_year(const ctx *x, int i)
{
    size_t len;
    const char *s = form(x, i, &len);
    if (len == 5 && s[4] == 's')
        len = 4; /* 1990s */
    if (len != 4)
        return 0;
    for (size_t k = 0; k < 4; k++)
        if (s[k] < '0' || s[k] > '9')
            return 0;
    return (s[0] == '1' && s[1] >= '5') || (s[0] == '2' && s[1] == '0');
}

static int is_time_head(const ctx *x, int h)
{
    if (lemma_in(x, h, W_TIME_NOUNS) ||
        lemma_in(x, h, W_MONTHS) || is_year(x, h))
        return 1;
    /* "30 November 2012", "the 1990s" */
    for (int c = x->kid[h]; c >= 0; c = x->next[c]) {
        int r = dep(x, c);
        if ((r == KG_DEP_NUMMOD || r == KG_DEP_COMPOUND ||
             r == KG_DEP_NMOD_TMOD || r == KG_DEP_FLAT) &&
            (lemma_in(x, c, W_MONTHS) || is_year(x, c)))
            return 1;
    }
    if (upos(x, h) == KG_UPOS_NUM) {
        int c = case_of(x, h);
        if (c >= 0 && (word_is(x, c, "in") || word_is(x, c, "since") ||
                       word_is(x, c, "by") || word_is(x, c, "until")))
            return is_year(x, h);
    }
    return 0;
}

/* A noun phrase naming a time on its own: a weekday or month, or a time
 * noun with "last", "next", "this", "every"... */
static int is_time_obj(const ctx *x, int h)
{
    if (lemma_in(x, h, W_MONTHS) ||
        lemma_in(x, h, W_WEEKDAYS) || /* the weekdays */
        word_is(x, h, "yesterday") || word_is(x, h, "today") ||
        word_is(x, h, "tomorrow") || word_is(x, h, "tonight"))
        return 1;
    if (!lemma_in(x, h, W_TIME_NOUNS))
        return 0;
    for (int c = x->kid[h]; c >= 0; c = x->next[c])
        if (word_is(x, c, "last") || word_is(x, c, "next") ||
            word_is(x, c, "this") || word_is(x, c, "every") ||
            word_is(x, c, "each") || word_is(x, c, "that"))
            return 1;
    return 0;
}

static int arg_role_obl(ctx *x, int h, const char *prep)
{
    int r = dep(x, h);
    if (r == KG_DEP_OBL_TMOD || r == KG_DEP_NMOD_TMOD)
        return KG_ARG_TIME;
    if (prep && in_list(W_TIME_PREPS4, prep, strlen(prep)))
        return KG_ARG_TIME; /* during, since, until, till */
    if (is_time_head(x, h))
        return KG_ARG_TIME;
    if (prep && in_list(W_TIME_PREPS, prep, strlen(prep)) &&
        upos(x, h) != KG_UPOS_PROPN)
        return KG_ARG_OBL;
    if (prep && upos(x, h) == KG_UPOS_PROPN &&
        in_list(W_PLACE_PREPS, prep, strlen(prep)))
        return KG_ARG_PLACE;
    return KG_ARG_OBL;
}

static void set_span(ctx *x, farg *a, unsigned mode)
{
    if ((a->role == KG_ARG_SUBJ && a->dep != KG_DEP_OBL_AGENT) ||
        a->dep == KG_DEP_NSUBJ_PASS || a->role == KG_ARG_IOBJ ||
        (a->role == KG_ARG_OBJ && a->dep == KG_DEP_OBJ))
        mode |= CUT_CASE;
    span(x, a->head, mode | CUT_CONJ, &a->first, &a->end);
    span(x, a->head, mode & ~CUT_CONJ, &a->cfirst, &a->cend);
    if (a->cfirst > a->first || a->cend < a->end) {
        a->cfirst = a->first;
        a->cend = a->end;
    }
}

static farg *add_arg(frame *f, int role, int head, int dep_)
{
    if (f->nargs >= MAX_ARGS)
        return NULL;
    farg *a = &f->args[f->nargs++];
    memset(a, 0, sizeof *a);
    a->role = role;
    a->head = head;
    a->dep = dep_;
    a->frame = -1;
    return a;
}

static void add_rel(frame *f, int tok)
{
    for (int i = 0; i < f->nrel; i++)
        if (f->rel[i] == tok)
            return;
    if (f->nrel < MAX_REL)
        f->rel[f->nrel++] = tok;
}

static void sort_rel(frame *f)
{
    for (int i = 1; i < f->nrel; i++)
        for (int j = i; j > 0 && f->rel[j - 1] > f->rel[j]; j--) {
            int t = f->rel[j];
            f->rel[j] = f->rel[j - 1];
            f->rel[j - 1] = t;
        }
}

static farg *find_role(frame *f, int role)
{
    for (int i = 0; i < f->nargs; i++)
        if (f->args[i].role == role)
            return &f->args[i];
    return NULL;
}

/* Remove f's argument i (its head went to another frame's role). */
static void drop_arg(frame *f, int i)
{
    memmove(&f->args[i], &f->args[i + 1], (size_t)(f->nargs - i - 1) * sizeof f->args[i]);
    f->nargs--;
}

/* The subject proper: not the agent of a passive. */
static farg *find_subj(frame *f)
{
    for (int i = 0; i < f->nargs; i++)
        if (f->args[i].role == KG_ARG_SUBJ && f->args[i].dep != KG_DEP_OBL_AGENT)
            return &f->args[i];
    return NULL;
}

static farg *find_agent(frame *f)
{
    for (int i = 0; i < f->nargs; i++)
        if (f->args[i].role == KG_ARG_SUBJ && f->args[i].dep == KG_DEP_OBL_AGENT)
            return &f->args[i];
    return NULL;
}

static farg *find_patient(frame *f)
{
    for (int i = 0; i < f->nargs; i++)
        if (f->args[i].role == KG_ARG_OBJ &&
            (f->args[i].dep == KG_DEP_NSUBJ_PASS ||
             f->args[i].dep == KG_DEP_CSUBJ_PASS))
            return &f->args[i];
    return NULL;
}

static void put_first(frame *f, const farg *a)
{
    /* subject first, as clause.h promises */
    int i = (int)(a - f->args);
    farg t = *a;
    memmove(&f->args[1], &f->args[0], (size_t)i * sizeof t);
    f->args[0] = t;
}

/* Span of a noun standing in for a relative pronoun or the patient of a
 * reduced relative: the noun's phrase without the clause itself. */
static int has_cop(const ctx *x, int i);

static void antecedent_span(ctx *x, farg *a, int clause_tok)
{
    int save = x->cut_tok;
    x->cut_tok = clause_tok;
    /* "an accident, during which ...": the accident, not the copula
     * clause it is the predicate of */
    set_span(x, a, has_cop(x, a->head) ? CUT_PRED | CUT_CASE : CUT_CASE);
    x->cut_tok = save;
    a->antecedent = 1;
}

/* A name's head and a relative pronoun's antecedent climb flat/compound
 * chains; a later conjunct stands for the whole coordination. */
static int np_head(const ctx *x, int i)
{
    int steps = 0;
    while (i >= 0 && steps++ < x->n) {
        int r = dep(x, i);
        if ((r == KG_DEP_FLAT || r == KG_DEP_COMPOUND || r == KG_DEP_FIXED ||
             r == KG_DEP_FLAT_FOREIGN) && x->head[i] >= 0 &&
            is_nominal(upos(x, x->head[i])))
            i = x->head[i];
        else
            break;
    }
    return i;
}

/* ------------------------------------------------------------------ */
/* Frames                                                             */

static int is_verbal_pred(const ctx *x, int i)
{
    int u = upos(x, i), r = dep(x, i);
    if (u != KG_UPOS_VERB && u != KG_UPOS_AUX)
        return 0;
    switch (r) {
    case KG_DEP_AUX:
    case KG_DEP_AUX_PASS:
    case KG_DEP_COP:
    case KG_DEP_AMOD:
    case KG_DEP_COMPOUND:
    case KG_DEP_CASE:
    case KG_DEP_MARK:
    case KG_DEP_FIXED:
    case KG_DEP_FLAT:
    case KG_DEP_DET:
    case KG_DEP_CC:
    case KG_DEP_NUMMOD:
    case KG_DEP_ADVMOD:
    case KG_DEP_DISCOURSE:
    case KG_DEP_GOESWITH:
    case KG_DEP_REPARANDUM:
    case KG_DEP_PUNCT:
        return 0;
    case KG_DEP_ROOT:
    case KG_DEP_CONJ:
    case KG_DEP_CCOMP:
    case KG_DEP_XCOMP:
    case KG_DEP_ADVCL:
    case KG_DEP_ACL:
    case KG_DEP_ACL_RELCL:
    case KG_DEP_ADVCL_RELCL:
    case KG_DEP_PARATAXIS:
    case KG_DEP_CSUBJ:
    case KG_DEP_CSUBJ_PASS:
    case KG_DEP_DEP:
    case KG_DEP_LIST:
        return 1;
    default:
        break;
    }
    /* a verb in a nominal slot heads a clause only with arguments */
    for (int c = x->kid[i]; c >= 0; c = x->next[c]) {
        int rc = dep(x, c);
        if (is_subj_dep(rc) || rc == KG_DEP_NSUBJ_PASS || rc == KG_DEP_OBJ)
            return 1;
    }
    return 0;
}

/* "the office, slated to open this month", "individuals familiar with
 * the situation": an adjective after its noun with a complement of its
 * own is a reduced relative clause. */
static int postnominal_adj(const ctx *x, int i)
{
    if (upos(x, i) != KG_UPOS_ADJ || dep(x, i) != KG_DEP_AMOD ||
        x->head[i] < 0 || x->head[i] > i)
        return 0;
    for (int c = x->kid[i]; c >= 0; c = x->next[c]) {
        int r = dep(x, c);
        if (c > i && (r == KG_DEP_XCOMP || r == KG_DEP_OBL ||
                      r == KG_DEP_CCOMP))
            return 1;
    }
    return 0;
}

static int has_cop(const ctx *x, int i)
{
    for (int c = x->kid[i]; c >= 0; c = x->next[c])
        if (dep(x, c) == KG_DEP_COP)
            return 1;
    return 0;
}

static int new_frame(ctx *x, int pred, int kind)
{
    if (x->nf == x->capf) {
        int nc = x->capf ? 2 * x->capf : 16;
        frame *v = kg_realloc(x->f, (size_t)nc * sizeof *v);
        if (!v) {
            x->oom = 1;
            return -1;
        }
        x->f = v;
        x->capf = nc;
    }
    frame *f = &x->f[x->nf];
    memset(f, 0, sizeof *f);
    f->pred = pred;
    f->kind = kind;
    f->parent = f->speech = f->mark = -1;
    f->first_clause = -1;
    return x->nf++;
}

static const char *modal_name(const ctx *x, int i)
{
    size_t len;
    const char *s = form(x, i, &len);
    if ((len == 2 && strncasecmp(s, "wo", 2) == 0) ||
        (len == 3 && strncasecmp(s, "'ll", 3) == 0))
        return "will";
    if (len == 2 && strncasecmp(s, "'d", 2) == 0)
        return "would";
    if (len == 2 && strncasecmp(s, "ca", 2) == 0)
        return "can";
    for (size_t k = 0; k < NELEM(MODALS); k++)
        if (strlen(MODALS[k]) == len && strncasecmp(MODALS[k], s, len) == 0)
            return MODALS[k];
    return NULL;
}

/* Auxiliaries, copula, negation and particle of a frame's own predicate. */
static void collect_rel(ctx *x, frame *f)
{
    int p = f->pred;
    const char *tense = NULL;
    int first_aux = -1;
    for (int c = x->kid[p]; c >= 0; c = x->next[c]) {
        int r = dep(x, c);
        if (r == KG_DEP_AUX || r == KG_DEP_AUX_PASS || r == KG_DEP_COP) {
            add_rel(f, c);
            const char *m = modal_name(x, c);
            if (m && !f->modality)
                f->modality = m;
            if (first_aux < 0 || c < first_aux)
                first_aux = c;
        } else if (r == KG_DEP_ADVMOD && is_neg(x, c)) {
            add_rel(f, c);
            f->flags |= KG_CLAUSE_NEGATED;
        } else if (r == KG_DEP_MARK && word_is(x, c, "to") && first_aux >= 0 &&
                   first_aux < c && c < p) {
            add_rel(f, c); /* "would be to use" */
        } else if (r == KG_DEP_COMPOUND_PRT) {
            add_rel(f, c);
            size_t len;
            const char *s = form(x, c, &len);
            f->particle = kg_arena_strndup(&x->a->arena, s, len);
            if (!f->particle)
                x->oom = 1;
        }
    }
    /* pre-verbal adverbs inside the verb group ("has already said",
     * "strictly maintain") */
    int lo = first_aux >= 0 ? first_aux : p;
    for (int c = x->kid[p]; c >= 0; c = x->next[c]) {
        if (dep(x, c) != KG_DEP_ADVMOD || upos(x, c) != KG_UPOS_ADV ||
            is_neg(x, c) || x->kid[c] >= 0 || c > p)
            continue;
        int xp = xpos(x, c);
        if (xp == KG_XPOS_WRB)
            continue;
        /* adjacent to the verb group */
        int ok = 1;
        for (int j = c + 1; j < p; j++)
            if (!(dep(x, j) == KG_DEP_AUX || dep(x, j) == KG_DEP_AUX_PASS ||
                  dep(x, j) == KG_DEP_COP || dep(x, j) == KG_DEP_ADVMOD) ||
                x->head[j] != p)
                ok = 0;
        if (c < lo)
            ok = ok && c + 1 == lo;
        if (ok)
            add_rel(f, c);
    }
    if (f->kind == F_VERB)
        add_rel(f, p);
    /* an adverb right after the verb ("toured extensively") */
    if (f->kind == F_VERB) {
        int after = p + 1;
        while (after < x->n && x->head[after] == p &&
               dep(x, after) == KG_DEP_COMPOUND_PRT)
            after++;
        if (after < x->n && x->head[after] == p &&
            dep(x, after) == KG_DEP_ADVMOD && upos(x, after) == KG_UPOS_ADV &&
            x->kid[after] < 0 && xpos(x, after) != KG_XPOS_WRB &&
            !is_neg(x, after))
            add_rel(f, after);
    }
    /* tense: the first auxiliary, else the verb itself */
    int tk = first_aux >= 0 ? first_aux : p;
    if (f->modality && (strcmp(f->modality, "will") == 0 ||
                        strcmp(f->modality, "shall") == 0))
        tense = "future";
    else if (f->modality)
        tense = NULL;
    else {
        int xp = xpos(x, tk);
        if (xp == KG_XPOS_VBD)
            tense = "past";
        else if (xp == KG_XPOS_VBZ || xp == KG_XPOS_VBP)
            tense = "present";
    }
    f->tense = tense;
    sort_rel(f);
}

/* The argument for an oblique dependent c of a predicate. */
static void add_obl(ctx *x, frame *f, int c)
{
    const char *prep = prep_of(x, c);
    int r = dep(x, c);
    int role = r == KG_DEP_OBL_AGENT ? KG_ARG_SUBJ : arg_role_obl(x, c, prep);
    if (r == KG_DEP_OBL_NPMOD && role == KG_ARG_OBL && !is_time_head(x, c))
        role = KG_ARG_OBL;
    farg *a = add_arg(f, role, c, r);
    if (!a)
        return;
    a->prep = prep;
    set_span(x, a, 0);
}

/* A relative clause's antecedent in the slot of its pronoun. */
static void relcl_fill(ctx *x, frame *f, int ant)
{
    int p = f->pred;
    int found = 0;
    /* "the announcement that his partner would retire": a subordinator
     * makes it a content clause, not a relative one */
    if (f->mark >= 0 && upos(x, f->mark) == KG_UPOS_SCONJ) {
        f->flags |= KG_CLAUSE_EMBEDDED;
        return;
    }
    for (int c = x->kid[p]; c >= 0 && !found; c = x->next[c]) {
        int r = dep(x, c);
        if (is_rel_pron(x, c)) {
            for (int i = 0; i < f->nargs; i++)
                if (f->args[i].head == c) {
                    farg *a = &f->args[i];
                    a->head = ant;
                    antecedent_span(x, a, p);
                    found = 1;
                }
            if (!found && (r == KG_DEP_OBL || r == KG_DEP_NMOD)) {
                farg *a = add_arg(f, KG_ARG_OBL, ant, r);
                if (a) {
                    a->prep = prep_of(x, c);
                    antecedent_span(x, a, p);
                }
                found = 1;
            }
        } else if (upos(x, c) == KG_UPOS_ADV && xpos(x, c) == KG_XPOS_WRB &&
                   dep(x, c) == KG_DEP_ADVMOD) {
            int place = word_is(x, c, "where");
            int time = word_is(x, c, "when");
            if (place || time) {
                farg *a = add_arg(f, place ? KG_ARG_PLACE : KG_ARG_TIME, ant,
                                  KG_DEP_ADVMOD);
                if (a) {
                    a->prep = place ? "in" : NULL;
                    antecedent_span(x, a, p);
                }
                found = 1;
            }
        }
    }
    if (found)
        return;
    farg *s = find_role(f, KG_ARG_SUBJ);
    farg *pat = find_patient(f);
    if (!s && !pat) {
        farg *a = add_arg(f, (f->flags & KG_CLAUSE_PASSIVE) ? KG_ARG_OBJ
                                                             : KG_ARG_SUBJ,
                          ant, (f->flags & KG_CLAUSE_PASSIVE)
                                   ? KG_DEP_NSUBJ_PASS : KG_DEP_NSUBJ);
        if (a)
            antecedent_span(x, a, p);
    } else if (f->kind == F_VERB && !find_role(f, KG_ARG_OBJ) &&
               !find_role(f, KG_ARG_COMP)) {
        farg *a = add_arg(f, KG_ARG_OBJ, ant, KG_DEP_OBJ);
        if (a)
            antecedent_span(x, a, p);
    }
}

static void resolve(ctx *x, int fi);

static void copy_arg(frame *f, const farg *src, int role, int dep_)
{
    if (f->nargs >= MAX_ARGS)
        return;
    farg *a = &f->args[f->nargs++];
    *a = *src;
    a->role = role;
    if (dep_)
        a->dep = dep_;
}

static int own_aux(const ctx *x, int p)
{
    for (int c = x->kid[p]; c >= 0; c = x->next[c])
        if (dep(x, c) == KG_DEP_AUX || dep(x, c) == KG_DEP_AUX_PASS ||
            dep(x, c) == KG_DEP_COP)
            return 1;
    return 0;
}

static int is_title_word(const ctx *x, int i);

/* A title phrase and a name the parser made two sibling subjects: the
 * title ends where the name begins. */
static int split_name(const ctx *x, int title, int name)
{
    if (upos(x, name) != KG_UPOS_PROPN || !is_title_word(x, title) ||
        title > name)
        return 0;
    int end = title;
    for (int k = title + 1; k < name; k++)
        if (in_sub(x, k, title, 0))
            end = k;
    return leftmost(x, name) == end + 1;
}

/* The subject of a predicate nominal: "KOMO" of "KOMO is/became the
 * first station"; -1 when h is none. */
static int pred_subject(const ctx *x, int h)
{
    int owner = -1;
    if (has_cop(x, h))
        owner = h;
    else if (x->head[h] >= 0 &&
             (dep(x, h) == KG_DEP_XCOMP ||
              (dep(x, h) == KG_DEP_OBJ &&
               (strcmp(lemma(x, x->head[h]), "become") == 0 ||
                strcmp(lemma(x, x->head[h]), "remain") == 0))))
        owner = x->head[h];
    if (owner < 0)
        return -1;
    for (int c = x->kid[owner]; c >= 0; c = x->next[c])
        if (dep(x, c) == KG_DEP_NSUBJ)
            return is_rel_pron(x, c) ? -1 : c;
    return -1;
}

/* "pushed for Kim to accept": the oblique "for X" right before an
 * infinitive is its subject (the parser hangs X on the verb), and what
 * it does is asked for, not done: f is marked KG_CLAUSE_INTENDED. */
static int for_subject(ctx *x, frame *g, frame *f, farg *out)
{
    if (f->mark < 0 || !word_is(x, f->mark, "to"))
        return 0;
    for (int i = 0; i < g->nargs; i++) {
        farg *a = &g->args[i];
        if (a->role == KG_ARG_OBL && a->prep && strcmp(a->prep, "for") == 0 &&
            a->end == f->mark && a->first + 1 < a->end) {
            *out = *a;
            out->first++; /* without "for" */
            if (out->cfirst < out->first)
                out->cfirst = out->first;
            out->prep = NULL;
            f->flags |= KG_CLAUSE_INTENDED;
            return 1;
        }
    }
    return 0;
}

/* '"...," said Song Jae-ik, who teaches ...': the speaker of an inverted
 * speech tag parsed as the verb's clausal complement.  The verb is a
 * speech verb after a closing quote or comma, without a subject of its
 * own, and the nominal follows it directly with nothing of a clause
 * (subject, copula, auxiliary) under it. */
static int inverted_speaker(const ctx *x, int p, int c)
{
    int u = upos(x, c);
    if (c != p + 1 || p == 0 || (u != KG_UPOS_PROPN && u != KG_UPOS_NOUN) ||
        !lemma_in(x, p, W_SPEECH_VERBS))
        return 0;
    if (!(word_is(x, p - 1, ",") || word_is(x, p - 1, "\"") ||
          word_is(x, p - 1, "\xe2\x80\x9d") || word_is(x, p - 1, "''")))
        return 0;
    for (int k = x->kid[p]; k >= 0; k = x->next[k])
        if (dep(x, k) == KG_DEP_NSUBJ || dep(x, k) == KG_DEP_NSUBJ_PASS)
            return 0;
    for (int k = x->kid[c]; k >= 0; k = x->next[k]) {
        int r = dep(x, k);
        if (r == KG_DEP_NSUBJ || r == KG_DEP_COP || r == KG_DEP_AUX || r == KG_DEP_MARK)
            return 0;
    }
    return 1;
}

/* p is a finite verb, or has a finite auxiliary or copula of its own
 * ("was to join", "would stay"). */
static int finite_clause(const ctx *x, int p)
{
    int xp = xpos(x, p);
    if (xp == KG_XPOS_VBD || xp == KG_XPOS_VBZ || xp == KG_XPOS_VBP)
        return 1;
    for (int c = x->kid[p]; c >= 0; c = x->next[c]) {
        int r = dep(x, c);
        xp = xpos(x, c);
        if ((r == KG_DEP_AUX || r == KG_DEP_COP) &&
            (xp == KG_XPOS_VBD || xp == KG_XPOS_VBZ || xp == KG_XPOS_VBP || xp == KG_XPOS_MD))
            return 1;
    }
    return 0;
}

/* Token c's relation to its head, except that a complement with a tense
 * of its own ("announced Benin was to join") is a clausal complement
 * whatever the parser called it: an xcomp has no subject but its
 * governor's. */
static int clause_dep(const ctx *x, int c)
{
    int r = dep(x, c);
    return r == KG_DEP_XCOMP && finite_clause(x, c) ? KG_DEP_CCOMP : r;
}

/* Recursion: the caller resolves head frames before their dependents, so
 * the call on the head's frame returns at once.
 * NOLINTNEXTLINE(misc-no-recursion) */
static void resolve(ctx *x, int fi)
{
    frame *f = &x->f[fi];
    if (f->state)
        return;
    f->state = 1;
    int p = f->pred;
    int h = x->head[p];
    int hf = h >= 0 ? x->fr[h] : -1;
    int r = clause_dep(x, p);

    collect_rel(x, f);
    if (f->kind == F_COP)
        f->flags |= KG_CLAUSE_COPULA;
    f->lemma = f->kind == F_COP ? "be" : lemma(x, p);
    f->rule = f->kind == F_COP ? "copula" : "verb";
    f->prior = f->kind == F_COP ? 0.8 : 0.9;

    /* own dependents */
    int subj_tok = -1;
    for (int c = x->kid[p]; c >= 0; c = x->next[c]) {
        int rc = dep(x, c);
        farg *a = NULL;
        switch (rc) {
        case KG_DEP_NSUBJ:
        case KG_DEP_NSUBJ_OUTER:
        case KG_DEP_CSUBJ:
        case KG_DEP_CSUBJ_OUTER:
            if (subj_tok >= 0) {
                /* "Secretary of State Michael Pompeo" parsed as two
                 * subjects: the name is the head of one phrase */
                farg *s0 = find_role(f, KG_ARG_SUBJ);
                if (s0 && s0->head == subj_tok && split_name(x, subj_tok, c)) {
                    int first = s0->first;
                    s0->head = c;
                    set_span(x, s0, 0);
                    s0->first = s0->cfirst = first;
                    subj_tok = c;
                }
                break;
            }
            subj_tok = c;
            a = add_arg(f, KG_ARG_SUBJ, c, rc);
            break;
        case KG_DEP_NSUBJ_PASS:
        case KG_DEP_CSUBJ_PASS:
            a = add_arg(f, KG_ARG_OBJ, c, rc);
            f->flags |= KG_CLAUSE_PASSIVE;
            break;
        case KG_DEP_OBJ:
            if (f->kind == F_VERB)
                a = add_arg(f, KG_ARG_OBJ, c, rc);
            break;
        case KG_DEP_IOBJ:
            if (f->kind == F_VERB)
                a = add_arg(f, KG_ARG_IOBJ, c, rc);
            break;
        case KG_DEP_OBL:
        case KG_DEP_OBL_TMOD:
        case KG_DEP_OBL_NPMOD:
        case KG_DEP_OBL_UNMARKED:
        case KG_DEP_NMOD_TMOD:
        case KG_DEP_OBL_AGENT:
            if (f->kind == F_VERB || upos(x, p) == KG_UPOS_ADJ ||
                c > p)
                add_obl(x, f, c);
            break;
        case KG_DEP_NMOD:
            /* "amenable to legislation": an adjective's complement
             * labelled nmod */
            if (f->kind == F_COP && upos(x, p) == KG_UPOS_ADJ && c > p &&
                case_of(x, c) >= 0)
                add_obl(x, f, c);
            break;
        case KG_DEP_XCOMP:
        case KG_DEP_CCOMP:
            if (f->kind != F_VERB && rc == KG_DEP_XCOMP)
                break;
            if (rc == KG_DEP_CCOMP && inverted_speaker(x, p, c)) {
                subj_tok = c;
                a = add_arg(f, KG_ARG_SUBJ, c, KG_DEP_NSUBJ);
                break;
            }
            if (x->fr[c] >= 0) {
                a = add_arg(f, KG_ARG_COMP, c, rc);
                if (a) {
                    a->frame = x->fr[c];
                    set_span(x, a, CUT_MARK | KEEP_CLAUSES);
                }
                a = NULL;
            } else if (rc == KG_DEP_XCOMP) {
                a = add_arg(f, KG_ARG_OBJ, c, rc); /* "became president" */
            } else {
                a = add_arg(f, KG_ARG_COMP, c, rc);
                if (a) {
                    set_span(x, a, CUT_MARK | KEEP_CLAUSES);
                    a = NULL;
                }
            }
            break;
        case KG_DEP_MARK:
            if (f->mark < 0)
                f->mark = c;
            break;
        case KG_DEP_EXPL:
            /* "It 's wrong to lift them": the expletive stands as
             * subject when there is no other */
            if (subj_tok < 0 && word_is(x, c, "it")) {
                subj_tok = c;
                a = add_arg(f, KG_ARG_SUBJ, c, rc);
            }
            break;
        default:
            break;
        }
        if (a)
            set_span(x, a, 0);
    }
    /* passive: a "by" oblique is the agent even when labelled obl */
    if (f->flags & KG_CLAUSE_PASSIVE) {
        for (int i = 0; i < f->nargs; i++) {
            farg *a = &f->args[i];
            if (a->role != KG_ARG_SUBJ && a->dep == KG_DEP_OBL && a->prep &&
                strcmp(a->prep, "by") == 0 && !find_role(f, KG_ARG_SUBJ)) {
                a->role = KG_ARG_SUBJ;
                a->dep = KG_DEP_OBL_AGENT;
            }
        }
    } else {
        /* an obl:agent without nsubj:pass still marks a passive; a bare
         * participle's "subject" is then its patient ("a commentary
         * published Monday by the agency") */
        for (int i = 0; i < f->nargs; i++)
            if (f->args[i].dep == KG_DEP_OBL_AGENT &&
                xpos(x, p) == KG_XPOS_VBN)
                f->flags |= KG_CLAUSE_PASSIVE;
        farg *s0 = find_subj(f);
        if ((f->flags & KG_CLAUSE_PASSIVE) && s0 && !own_aux(x, p) &&
            s0->dep == KG_DEP_NSUBJ) {
            s0->role = KG_ARG_OBJ;
            s0->dep = KG_DEP_NSUBJ_PASS;
        }
    }
    /* "reported Monday": a bare time noun is no object */
    for (int i = 0; i < f->nargs; i++) {
        farg *a = &f->args[i];
        if (a->role == KG_ARG_OBJ && a->dep == KG_DEP_OBJ && is_time_obj(x, a->head))
            a->role = KG_ARG_TIME;
    }

    /* copula: the predicate nominal is the object */
    if (f->kind == F_COP) {
        int c = case_of(x, p);
        unsigned mode = CUT_PRED | CUT_CONJ;
        /* "is among X": the preposition follows the copula */
        int cop = -1;
        for (int k = x->kid[p]; k >= 0; k = x->next[k])
            if (dep(x, k) == KG_DEP_COP)
                cop = k;
        if (c >= 0 && cop >= 0 && c < cop)
            c = -1;
        if (c >= 0) {
            f->prep = prep_of(x, p);
            for (int k = x->kid[p]; k >= 0; k = x->next[k])
                if (dep(x, k) == KG_DEP_CASE && k < p) {
                    add_rel(f, k);
                    for (int g = x->kid[k]; g >= 0; g = x->next[g])
                        if (dep(x, g) == KG_DEP_FIXED)
                            add_rel(f, g);
                }
            sort_rel(f);
            mode |= CUT_CASE;
        }
        int obl_after = -1;
        for (int i = 0; i < f->nargs; i++)
            if (f->args[i].role >= KG_ARG_OBL && f->args[i].head > p &&
                (obl_after < 0 || f->args[i].head < f->args[obl_after].head))
                obl_after = i;
        if (upos(x, p) == KG_UPOS_ADJ && obl_after >= 0 && c < 0) {
            /* "is n't aware of any injuries", "are familiar with the
             * situation": the adjective belongs to the relation, its
             * obliques are the arguments */
            add_rel(f, p);
            sort_rel(f);
            if (f->args[obl_after].role != KG_ARG_TIME)
                f->prep = f->args[obl_after].prep;
        } else {
            /* obliques after a nominal predicate stay in its phrase */
            int j = 0;
            for (int i = 0; i < f->nargs; i++) {
                farg *a = &f->args[i];
                if (a->role >= KG_ARG_OBL && a->head > p &&
                    upos(x, p) != KG_UPOS_ADJ)
                    continue;
                f->args[j++] = *a;
            }
            f->nargs = j;
            farg *a = add_arg(f, KG_ARG_OBJ, p, r);
            if (a) {
                span(x, p, mode, &a->first, &a->end);
                span(x, p, mode & ~CUT_CONJ, &a->cfirst, &a->cend);
                a->prep = f->prep;
            }
        }
    }

    /* no subject of its own: from the tree around */
    farg *subj = find_subj(f);
    farg *pat = find_patient(f);
    int noun_head = h >= 0 && (is_nominal(upos(x, h)) ||
                               upos(x, h) == KG_UPOS_ADJ);
    /* a participle with an agent, or a bare participle in a reduced
     * relative or object complement, is passive */
    if (f->kind == F_VERB && xpos(x, p) == KG_XPOS_VBN && !subj &&
        !own_aux(x, p) && (find_agent(f) || r == KG_DEP_ACL ||
                           r == KG_DEP_XCOMP))
        f->flags |= KG_CLAUSE_PASSIVE;
    int passive = (f->flags & KG_CLAUSE_PASSIVE) != 0;
    if (subj && is_rel_pron(x, subj->head) &&
        (!(r == KG_DEP_ACL_RELCL || r == KG_DEP_ADVCL_RELCL) || !noun_head)) {
        /* "..., who described it" parsed as parataxis: the noun before */
        int k = subj->head - 1;
        if (k >= 0 && upos(x, k) == KG_UPOS_PUNCT)
            k--;
        if (k >= 0 && is_nominal(upos(x, k)) && upos(x, k) != KG_UPOS_PRON) {
            int ant = np_head(x, k);
            subj->head = ant;
            antecedent_span(x, subj, p);
            if (subj->end > k + 1)
                subj->end = k + 1;
            if (subj->cend > subj->end)
                subj->cend = subj->end;
            f->rule = "relcl";
            f->prior = 0.65;
        }
    }
    if ((r == KG_DEP_ACL_RELCL || r == KG_DEP_ADVCL_RELCL) && noun_head) {
        relcl_fill(x, f, h);
        f->rule = "relcl";
        f->prior = 0.75;
    } else if ((r == KG_DEP_ACL || r == KG_DEP_AMOD) && noun_head &&
               f->kind == F_VERB) {
        int content = 0;
        if (f->mark >= 0 &&
            in_list(W_CONTENT_MARKS, lemma(x, f->mark), strlen(lemma(x, f->mark))))
            content = !word_is(x, f->mark, "to");
        if (content) {
            f->flags |= KG_CLAUSE_EMBEDDED;
            f->prior = 0.75;
        } else if (!subj && !pat &&
                   (f->mark < 0 || word_is(x, f->mark, "to"))) {
            int to = f->mark >= 0 && word_is(x, f->mark, "to");
            int poss = -1;
            for (int c = x->kid[h]; c >= 0 && to; c = x->next[c])
                if (dep(x, c) == KG_DEP_NMOD_POSS)
                    poss = c;
            if (poss >= 0 && !passive) {
                /* "South Korea's plan to set up an office": South Korea
                 * sets it up */
                farg *a = add_arg(f, KG_ARG_SUBJ, poss, KG_DEP_NSUBJ);
                if (a) {
                    set_span(x, a, CUT_CASE);
                    while (a->end > a->first + 1 &&
                           (xpos(x, a->end - 1) == KG_XPOS_POS ||
                            dep(x, a->end - 1) == KG_DEP_CASE))
                        a->end--;
                    a->cend = a->end;
                }
            } else if (to && pred_subject(x, h) >= 0) {
                /* "KOMO became the first station to broadcast ...":
                 * KOMO broadcasts */
                farg *a = add_arg(f, KG_ARG_SUBJ, pred_subject(x, h),
                                  KG_DEP_NSUBJ);
                if (a)
                    set_span(x, a, 0);
            } else if (!(to && lemma_in(x, h, W_EVENT_NOUNS))) {
                /* but "a plan to build" says nothing of who builds */
                farg *a = add_arg(f, passive ? KG_ARG_OBJ : KG_ARG_SUBJ, h,
                                  passive ? KG_DEP_NSUBJ_PASS : KG_DEP_NSUBJ);
                if (a)
                    antecedent_span(x, a, p);
            }
            f->rule = "acl";
            f->prior = to ? 0.45 : 0.55;
        }
    } else if (hf >= 0 && hf != fi && (r == KG_DEP_CONJ || r == KG_DEP_XCOMP ||
                                       r == KG_DEP_ADVCL)) {
        resolve(x, hf);
        frame *g = &x->f[hf];
        f = &x->f[fi];
        subj = find_subj(f);
        pat = find_patient(f);
        farg *gs = find_subj(g);
        farg *gp = find_patient(g);
        if (r == KG_DEP_CONJ && !subj && !pat) {
            int vbn = xpos(x, p) == KG_XPOS_VBN;
            if (gp && (g->flags & KG_CLAUSE_PASSIVE) && vbn) {
                copy_arg(f, gp, KG_ARG_OBJ, 0);
                f->flags |= KG_CLAUSE_PASSIVE;
            } else if (gs) {
                copy_arg(f, gs, passive ? KG_ARG_OBJ : KG_ARG_SUBJ,
                         passive ? KG_DEP_NSUBJ_PASS : 0);
            } else if (gp) {
                copy_arg(f, gp, passive ? KG_ARG_OBJ : KG_ARG_SUBJ,
                         passive ? KG_DEP_NSUBJ_PASS : KG_DEP_NSUBJ);
            }
            f->inherited_subj = 1;
            /* non-finite conjunct shares the auxiliaries: "has
             * instituted ... and allowed" */
            int xp = xpos(x, p);
            if (!own_aux(x, p) && f->kind == F_VERB &&
                (xp == KG_XPOS_VBN || xp == KG_XPOS_VB || xp == KG_XPOS_VBG)) {
                for (int i = 0; i < g->nrel; i++) {
                    int t = g->rel[i];
                    int rt = dep(x, t);
                    if ((rt == KG_DEP_AUX || rt == KG_DEP_AUX_PASS) &&
                        x->head[t] == g->pred)
                        add_rel(f, t);
                }
                sort_rel(f);
                if (!f->modality)
                    f->modality = g->modality;
                if (!f->tense)
                    f->tense = g->tense;
            }
            /* shared object: "buy and sell stocks" */
            if (f->kind == F_VERB && g->kind == F_VERB &&
                !find_role(f, KG_ARG_OBJ) && !find_role(f, KG_ARG_COMP)) {
                for (int i = 0; i < g->nargs; i++)
                    if (g->args[i].role == KG_ARG_OBJ &&
                        g->args[i].dep == KG_DEP_OBJ && g->args[i].head > p) {
                        copy_arg(f, &g->args[i], KG_ARG_OBJ, 0);
                        break;
                    }
            }
            /* fronted time and place hold for every conjunct: "On 12
             * July, Hezbollah launched ... and captured ..." */
            for (int i = 0; i < g->nargs; i++)
                if ((g->args[i].role == KG_ARG_TIME ||
                     g->args[i].role == KG_ARG_PLACE) &&
                    g->args[i].head < g->pred && !find_role(f, g->args[i].role))
                    copy_arg(f, &g->args[i], g->args[i].role, 0);
            f->rule = "conj";
            f->prior = 0.85;
        } else if (r == KG_DEP_XCOMP && !subj && !pat) {
            farg *ctl = NULL;
            for (int i = 0; i < g->nargs && !ctl; i++)
                if ((g->args[i].role == KG_ARG_OBJ &&
                     g->args[i].dep == KG_DEP_OBJ) ||
                    g->args[i].role == KG_ARG_IOBJ)
                    ctl = &g->args[i];
            farg fa;
            if (!ctl && for_subject(x, g, f, &fa))
                ctl = &fa;
            if (!ctl && gs && gs->dep != KG_DEP_EXPL)
                ctl = gs;
            if (!ctl)
                ctl = gp;
            if (ctl)
                copy_arg(f, ctl, passive ? KG_ARG_OBJ : KG_ARG_SUBJ,
                         passive ? KG_DEP_NSUBJ_PASS : KG_DEP_NSUBJ);
            f->inherited_subj = 1;
            const char *gl = lemma(x, g->pred);
            if (f->mark >= 0 && word_is(x, f->mark, "to") &&
                g->kind == F_VERB && !find_role(g, KG_ARG_OBJ)) {
                if (strcmp(gl, "have") == 0)
                    f->modality = "have to";
                else if (strcmp(gl, "need") == 0)
                    f->modality = "need to";
                else if (strcmp(gl, "ought") == 0)
                    f->modality = "ought to";
            }
            if (!f->tense)
                f->tense = g->tense;
            f->rule = "xcomp";
            f->prior = 0.8;
        } else if (r == KG_DEP_ADVCL && !subj && !pat &&
                   (xpos(x, p) == KG_XPOS_VB || xpos(x, p) == KG_XPOS_VBG ||
                    xpos(x, p) == KG_XPOS_VBN || f->kind == F_COP)) {
            /* participles and infinitives share the subject; a finite
             * verb without one is a parse error */
            farg fs;
            if (for_subject(x, g, f, &fs)) {
                copy_arg(f, &fs, KG_ARG_SUBJ, KG_DEP_NSUBJ);
                f->inherited_subj = 1;
                f->rule = "advcl";
                f->prior = 0.75;
            } else if (gs && !(f->mark >= 0 && (word_is(x, f->mark, "if") ||
                                         word_is(x, f->mark, "because") ||
                                         word_is(x, f->mark, "when") ||
                                         word_is(x, f->mark, "as") ||
                                         word_is(x, f->mark, "while") ||
                                         word_is(x, f->mark, "than")))) {
                copy_arg(f, gs, passive ? KG_ARG_OBJ : KG_ARG_SUBJ,
                         passive ? KG_DEP_NSUBJ_PASS : KG_DEP_NSUBJ);
                f->inherited_subj = 1;
                f->rule = "advcl";
                f->prior = 0.65;
            }
        }
    } else if (hf >= 0 && hf != fi && r == KG_DEP_CCOMP && f->kind == F_VERB) {
        /* "announced Benin was to join": the speech verb's object (or
         * indirect object) right before its subjectless complement is
         * the complement's subject -- except for verbs of telling
         * someone ("told reporters ...") */
        resolve(x, hf);
        frame *g = &x->f[hf];
        f = &x->f[fi];
        if (!find_subj(f) && !find_patient(f) && g->kind == F_VERB &&
            lemma_in(x, g->pred, W_SPEECH_VERBS) && !lemma_in(x, g->pred, W_ADDRESSEE)) {
            for (int i = 0; i < g->nargs; i++) {
                farg *a = &g->args[i];
                if (!((a->role == KG_ARG_OBJ && a->dep == KG_DEP_OBJ) ||
                      a->role == KG_ARG_IOBJ) ||
                    a->head < g->pred || a->end > p)
                    continue;
                int next = 1; /* only p's own words between the two */
                for (int k = a->end; k < p && next; k++)
                    next = x->head[k] == p;
                if (!next)
                    continue;
                copy_arg(f, a, KG_ARG_SUBJ, KG_DEP_NSUBJ);
                drop_arg(g, i);
                f->rule = "ccomp-subject";
                break;
            }
        }
    }

    /* subject first */
    subj = find_role(f, KG_ARG_SUBJ);
    if (subj && subj != f->args)
        put_first(f, subj);
    if ((f->flags & KG_CLAUSE_PASSIVE) && strcmp(f->rule, "verb") == 0)
        f->rule = "passive";
    if ((f->flags & KG_CLAUSE_PASSIVE) && !find_role(f, KG_ARG_SUBJ))
        f->prior *= 0.9;

    /* the first non-temporal oblique's preposition goes with the
     * relation when there is no object */
    if (f->kind == F_VERB && !f->prep) {
        int has_obj = 0;
        for (int i = 0; i < f->nargs; i++)
            if ((f->args[i].role == KG_ARG_OBJ &&
                 f->args[i].dep != KG_DEP_NSUBJ_PASS &&
                 f->args[i].dep != KG_DEP_CSUBJ_PASS) ||
                f->args[i].role == KG_ARG_COMP)
                has_obj = 1;
        if (!has_obj) {
            int best = -1;
            for (int i = 0; i < f->nargs; i++) {
                farg *a = &f->args[i];
                if ((a->role == KG_ARG_OBL || a->role == KG_ARG_PLACE) &&
                    a->prep && a->head > p &&
                    (best < 0 || a->head < f->args[best].head))
                    best = i;
            }
            if (best >= 0)
                f->prep = f->args[best].prep;
        }
    }

    /* flags */
    if (f->mark >= 0 && word_is(x, f->mark, "without")) {
        f->flags |= KG_CLAUSE_NEGATED;
    }
    for (int i = 0; i < f->nargs; i++) {
        farg *a = &f->args[i];
        if (a->role != KG_ARG_SUBJ && a->role != KG_ARG_OBJ)
            continue;
        for (int c = x->kid[a->head]; c >= 0; c = x->next[c])
            if (dep(x, c) == KG_DEP_DET && (word_is(x, c, "no") ||
                                            word_is(x, c, "neither")))
                f->flags |= KG_CLAUSE_NEGATED;
        if (word_is(x, a->head, "nobody") || word_is(x, a->head, "nothing") ||
            word_is(x, a->head, "none"))
            f->flags |= KG_CLAUSE_NEGATED;
    }
    if (f->mark >= 0 && (word_is(x, f->mark, "if") ||
                         word_is(x, f->mark, "unless")) &&
        r == KG_DEP_ADVCL) {
        f->flags |= KG_CLAUSE_CONDITIONAL;
        if (hf >= 0)
            x->f[hf].flags |= KG_CLAUSE_CONDITIONAL;
    }
    /*   intended   h0:INTENT <-xcomp|advcl- (to) h
     *              h0:INTENT <-advcl- (on) h:VBG   => h not asserted */
    if (hf >= 0 && x->f[hf].kind == F_VERB && f->mark >= 0 &&
        ((r == KG_DEP_XCOMP && word_is(x, f->mark, "to")) ||
         (r == KG_DEP_ADVCL && (word_is(x, f->mark, "to") ||
                                (word_is(x, f->mark, "on") &&
                                 xpos(x, p) == KG_XPOS_VBG))))) {
        if (lemma_in(x, x->f[hf].pred, W_INTENT))
            f->flags |= KG_CLAUSE_INTENDED;
    }
    if (r == KG_DEP_ROOT) {
        for (int c = x->kid[p]; c >= 0; c = x->next[c])
            if (dep(x, c) == KG_DEP_PUNCT && word_is(x, c, "?"))
                f->flags |= KG_CLAUSE_QUESTION;
    }
    if (hf >= 0 && hf != fi)
        f->parent = hf;
    else if (h >= 0) {
        /* a reduced or relative clause: the clause of the noun's head */
        int k = h, steps = 0;
        while (k >= 0 && x->fr[k] < 0 && steps++ < x->n)
            k = x->head[k];
        if (k >= 0 && x->fr[k] != fi)
            f->parent = x->fr[k];
    }
    /*   intended   g:INTENDED <-advcl|acl|xcomp|ccomp|conj- h => h too
     * What is only planned or asked for does not happen under it either:
     * "pushed for Kim to accept a time frame for abandoning his weapons"
     * asserts no abandoning.  Not a relative clause, which describes an
     * entity ("to join the AU, which was founded in 2002"), nor a reduced
     * one, an acl without a marker ("to enter the debates sponsored by
     * the Commission"), and not a conjunct with a subject of its own
     * ("wanted to leave, but she stayed"). */
    if (f->parent >= 0 && (x->f[f->parent].flags & KG_CLAUSE_INTENDED) &&
        r != KG_DEP_ACL_RELCL && r != KG_DEP_ADVCL_RELCL &&
        !(r == KG_DEP_ACL && f->mark < 0) &&
        !(r == KG_DEP_CONJ && subj_tok >= 0))
        f->flags |= KG_CLAUSE_INTENDED;
    if (!f->tense && f->parent >= 0 && x->f[f->parent].state == 2 &&
        (r == KG_DEP_CONJ))
        f->tense = x->f[f->parent].tense;
    f->state = 2;
}

/* ------------------------------------------------------------------ */
/* Nominal frames                                                     */

static int is_title_word(const ctx *x, int i)
{
    return lemma_in(x, i, W_TITLES);
}

static int is_name(const ctx *x, int i)
{
    return upos(x, i) == KG_UPOS_PROPN;
}

/* End of a name: the head and the flat/compound words right after it. */
static int name_end(const ctx *x, int h)
{
    int e = h + 1;
    while (e < x->n && x->head[e] >= 0 &&
           (x->head[e] == h || x->head[e] == e - 1) &&
           (dep(x, e) == KG_DEP_FLAT || dep(x, e) == KG_DEP_COMPOUND ||
            dep(x, e) == KG_DEP_FLAT_FOREIGN) &&
           upos(x, e) == KG_UPOS_PROPN)
        e++;
    return e;
}

/* A title's lemma in lower case ("President" -> "president"), so that
 * the relation stage matches it against ontology triggers. */
static const char *lower_lemma(ctx *x, int i)
{
    const char *l = lemma(x, i);
    size_t n = strlen(l);
    char *s = kg_arena_strndup(&x->a->arena, l, n);
    if (!s) {
        x->oom = 1;
        return l;
    }
    for (size_t k = 0; k < n; k++)
        if (s[k] >= 'A' && s[k] <= 'Z')
            s[k] = (char)(s[k] - 'A' + 'a');
    return s;
}

static void nominal_frames(ctx *x)
{
    for (int i = 0; i < x->n; i++) {
        int r = dep(x, i), h = x->head[i];
        if (h < 0)
            continue;
        if (r == KG_DEP_NMOD && is_nominal(upos(x, h)) &&
            upos(x, h) != KG_UPOS_PRON && case_of(x, i) >= 0 && i > h) {
            const char *pp = prep_of(x, i);
            if (pp) {
                int fi = new_frame(x, i, F_NMOD);
                if (fi < 0)
                    return;
                frame *f = &x->f[fi];
                farg *a = add_arg(f, KG_ARG_SUBJ, h, dep(x, h));
                if (a) {
                    int save = x->cut_tok;
                    x->cut_tok = i;
                    set_span(x, a, CUT_PRED | CUT_CASE);
                    x->cut_tok = save;
                    if (a->end > i)
                        a->end = a->cend = i;
                }
                a = add_arg(f, KG_ARG_OBJ, i, r);
                if (a)
                    set_span(x, a, CUT_CASE);
                for (int k = x->kid[i]; k >= 0; k = x->next[k])
                    if (dep(x, k) == KG_DEP_CASE && k < i) {
                        add_rel(f, k);
                        for (int g = x->kid[k]; g >= 0; g = x->next[g])
                            if (dep(x, g) == KG_DEP_FIXED)
                                add_rel(f, g);
                    }
                sort_rel(f);
                f->lemma = pp;
                f->prep = pp;
                f->rule = "nmod";
                f->flags = KG_CLAUSE_NOMINAL;
                /* CaRB's annotators write few of these: "the Maoists of
                 * Nepal" rarely, "Pleasant Grove in Utah" more often */
                f->prior = strcmp(pp, "of") == 0 ? 0.25 : 0.3;
                f->state = 2;
                continue;
            }
        }
        if (r == KG_DEP_APPOS && is_nominal(upos(x, h)) &&
            is_nominal(upos(x, i)) && upos(x, h) != KG_UPOS_PRON) {
            int fi = new_frame(x, i, F_APPOS);
            if (fi < 0)
                return;
            frame *f = &x->f[fi];
            int name_i = is_name(x, np_head(x, i)) && !is_name(x, h);
            int s = name_i ? i : h, o = name_i ? h : i;
            f->pred = o; /* the description is the predicate */
            int save = x->cut_tok;
            x->cut_tok = i; /* the noun's phrase without the apposition */
            farg *a = add_arg(f, KG_ARG_SUBJ, s, dep(x, s));
            if (a)
                set_span(x, a, CUT_CASE | CUT_PRED);
            farg *b = add_arg(f, KG_ARG_OBJ, o, dep(x, o));
            if (b)
                set_span(x, b, CUT_CASE | CUT_PRED);
            x->cut_tok = save;
            /* a name is its words, not what the parser hung on it */
            farg *nm = name_i ? a : (is_name(x, h) ? a : NULL);
            if (nm && nm->end > name_end(x, nm->head))
                nm->end = nm->cend = name_end(x, nm->head);
            /* an apposition follows its noun after a comma or a bracket:
             * "Mlada, Yaromir's bride"; anything else is a parse error */
            farg *an = name_i ? b : a, *am = name_i ? a : b;
            int ok = a && b && an->end <= am->first &&
                     am->first - an->end <= 1 && am->end - am->first <= 12 &&
                     upos(x, a->first) != KG_UPOS_ADP &&
                     upos(x, b->first) != KG_UPOS_ADP;
            /* without punctuation only a title noun before a name
             * ("leader Kim Jong Un", below) is an apposition */
            if (ok && !set_off(x, i) &&
                !(name_i && h < i && upos(x, h) == KG_UPOS_NOUN))
                ok = 0;
            if (ok && am->first - an->end == 1) {
                size_t len;
                const char *w = form(x, an->end, &len);
                ok = len == 1 && (w[0] == ',' || w[0] == '(' || w[0] == ':');
            }
            if (!ok) {
                x->nf--;
                continue;
            }
            f->state = 2;
            if (name_i && h < i && !set_off(x, i) && b->end == a->first &&
                upos(x, h) == KG_UPOS_NOUN) {
                /* "North Korean leader Kim Jong Un" parsed as an
                 * apposition: a title noun (rule title-noun below) */
                f->kind = F_TITLE;
                f->pred = h;
                add_rel(f, h);
                f->lemma = lower_lemma(x, h);
                f->rule = "title-noun";
                f->flags = KG_CLAUSE_NOMINAL;
                f->prior = 0.6;
                if (b->first < h) { /* the qualifier: "North Korean" */
                    b->head = b->first;
                    b->end = b->cend = h;
                    b->dep = dep(x, b->first);
                } else
                    f->nargs = 1;
                continue;
            }
            f->lemma = "be";
            f->rule = "appos";
            f->flags = KG_CLAUSE_NOMINAL | KG_CLAUSE_COPULA |
                       KG_CLAUSE_IMPLICIT;
            f->prior = 0.65;
            continue;
        }
        /* the sibling-subject parse of "Secretary of State Michael
         * Pompeo" (above): a title clause all the same */
        if (r == KG_DEP_NSUBJ || r == KG_DEP_NSUBJ_PASS) {
            int name = -1;
            for (int c = x->kid[h]; c >= 0; c = x->next[c])
                if (c > i && dep(x, c) == r && split_name(x, i, c)) {
                    name = c;
                    break;
                }
            if (name >= 0) {
                int fi = new_frame(x, i, F_TITLE);
                if (fi < 0)
                    return;
                frame *f = &x->f[fi];
                farg *a = add_arg(f, KG_ARG_SUBJ, name, dep(x, name));
                if (a) {
                    set_span(x, a, CUT_CASE);
                    if (a->end > name_end(x, name))
                        a->end = a->cend = name_end(x, name);
                }
                for (int c = x->kid[i]; c >= 0; c = x->next[c])
                    if (dep(x, c) == KG_DEP_NMOD && c > i && c < name) {
                        a = add_arg(f, KG_ARG_OBJ, c, KG_DEP_NMOD);
                        if (a) {
                            a->prep = prep_of(x, c);
                            span(x, c, CUT_CASE, &a->first, &a->end);
                            a->cfirst = a->first;
                            a->cend = a->end;
                        }
                        break;
                    }
                add_rel(f, i);
                f->lemma = lower_lemma(x, i);
                f->rule = "title-noun";
                f->flags = KG_CLAUSE_NOMINAL;
                f->prior = 0.6;
                f->state = 2;
                continue;
            }
        }
        /* title noun before a name */
        if ((r == KG_DEP_NMOD_DESC || r == KG_DEP_COMPOUND) && i < h &&
            is_name(x, h) && (upos(x, i) == KG_UPOS_NOUN ||
                              upos(x, i) == KG_UPOS_PROPN)) {
            /* a listed title, or a common noun describing the person
             * ("author Bill Bryson"); "St. Michael", "Life Science" are
             * not */
            int title = is_title_word(x, i) ||
                        (upos(x, i) == KG_UPOS_NOUN && xpos(x, i) == KG_XPOS_NN &&
                         (r == KG_DEP_NMOD_DESC || r == KG_DEP_COMPOUND));
            if (lemma_in(x, i, W_HONORIFICS) ||
                is_title_word(x, h))
                title = 0;
            /* only the title next to the name: "South Korean President" */
            for (int j = i + 1; j < h && title; j++)
                if (x->head[j] == h &&
                    (dep(x, j) == KG_DEP_NMOD_DESC ||
                     dep(x, j) == KG_DEP_COMPOUND) &&
                    (upos(x, j) == KG_UPOS_NOUN || is_title_word(x, j)))
                    title = 0;
            if (!title)
                continue;
            int fi = new_frame(x, i, F_TITLE);
            if (fi < 0)
                return;
            frame *f = &x->f[fi];
            farg *a = add_arg(f, KG_ARG_SUBJ, h, dep(x, h));
            if (a) {
                set_span(x, a, CUT_CASE | CUT_POSS);
                if (a->first <= i) {
                    /* the name starts after the title's own words
                     * ("Secretary of State") */
                    int tf, te;
                    span(x, i, 0, &tf, &te);
                    a->first = a->cfirst = te > i ? te : i + 1;
                }
                /* a name is proper nouns only: "Justice of Appeal" is not */
                for (int k = a->first; k < a->end; k++)
                    if (upos(x, k) != KG_UPOS_PROPN &&
                        !(upos(x, k) == KG_UPOS_PUNCT &&
                          xpos(x, k) == KG_XPOS_HYPH))
                        title = 0;
                /* "U.S. Justice Department": an organisation, not a
                 * person */
                if (a->end > a->first &&
                    lemma_in(x, a->end - 1, W_NON_PERSON))
                    title = 0;
            }
            if (!title) {
                x->nf--; /* drop the frame */
                continue;
            }
            /* qualifier: the title's own modifiers, or "of Y" */
            int qf = -1, qe = -1, qh = -1;
            const char *qprep = NULL;
            for (int c = x->kid[i]; c >= 0; c = x->next[c]) {
                int rc = dep(x, c);
                if ((rc == KG_DEP_COMPOUND || rc == KG_DEP_AMOD ||
                     rc == KG_DEP_NMOD_POSS) && c < i) {
                    int sf, se;
                    span(x, c, 0, &sf, &se);
                    if (qf < 0 || sf < qf)
                        qf = sf;
                    if (se > qe)
                        qe = se;
                    qh = c;
                } else if (rc == KG_DEP_NMOD && c > i && c < h && qh < 0) {
                    qh = c;
                    qprep = prep_of(x, c);
                    span(x, c, CUT_CASE, &qf, &qe);
                }
            }
            /* modifiers of the name before the title ("South Korean") */
            for (int c = x->kid[h]; c >= 0 && qh < 0; c = x->next[c]) {
                int rc = dep(x, c);
                if ((rc == KG_DEP_COMPOUND || rc == KG_DEP_AMOD) && c < i) {
                    int sf, se;
                    span(x, c, 0, &sf, &se);
                    qf = sf;
                    qe = se;
                    qh = c;
                }
            }
            if (qh >= 0) {
                a = add_arg(f, KG_ARG_OBJ, qh, dep(x, qh));
                if (a) {
                    a->first = a->cfirst = qf;
                    a->end = a->cend = qe;
                    a->prep = qprep;
                }
            }
            add_rel(f, i);
            f->lemma = lower_lemma(x, i);
            f->rule = "title-noun";
            f->flags = KG_CLAUSE_NOMINAL;
            f->prior = r == KG_DEP_NMOD_DESC || is_title_word(x, i) ? 0.6 : 0.5;
            f->state = 2;
            continue;
        }
        if (r == KG_DEP_NMOD_POSS && upos(x, i) != KG_UPOS_PRON &&
            (upos(x, h) == KG_UPOS_NOUN || upos(x, h) == KG_UPOS_PROPN) &&
            is_nominal(upos(x, i)) && xpos(x, i) != KG_XPOS_WPS) {
            int fi = new_frame(x, h, F_POSS);
            if (fi < 0)
                return;
            frame *f = &x->f[fi];
            farg *a = add_arg(f, KG_ARG_SUBJ, i, r);
            if (a) {
                set_span(x, a, CUT_CASE);
                /* drop the 's */
                while (a->end > a->first + 1 &&
                       (xpos(x, a->end - 1) == KG_XPOS_POS ||
                        dep(x, a->end - 1) == KG_DEP_CASE))
                    a->end--;
                if (a->cend > a->end)
                    a->cend = a->end;
            }
            a = add_arg(f, KG_ARG_OBJ, h, dep(x, h));
            if (a) {
                int save = x->cut_tok;
                x->cut_tok = i;
                set_span(x, a, KEEP_APPOS);
                x->cut_tok = save;
                /* the object starts after the possessor */
                int sf, se;
                span(x, i, 0, &sf, &se);
                if (a->first <= se - 1 && se <= h)
                    a->first = se;
                while (a->first < h && (xpos(x, a->first) == KG_XPOS_POS ||
                                        upos(x, a->first) == KG_UPOS_PUNCT))
                    a->first++;
                /* the possessed noun and its left modifiers only */
                a->end = h + 1;
                a->cfirst = a->first;
                a->cend = a->end;
            }
            f->lemma = "have";
            f->rule = is_title_word(x, h) ? "poss-title" : "poss";
            f->flags = KG_CLAUSE_NOMINAL | KG_CLAUSE_IMPLICIT;
            f->prior = 0.35;
            f->state = 2;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Speech and embedded content                                        */

/* A speech verb: one that is nothing else ("say", "tell"), or one with
 * reported content ("added that", "maintain that"). */
static int is_speech_frame(const ctx *x, const frame *f)
{
    if (f->kind != F_VERB ||
        !lemma_in(x, f->pred, W_SPEECH_VERBS))
        return 0;
    if (lemma_in(x, f->pred, W_SPEECH_ONLY))
        return 1;
    for (int c = x->kid[f->pred]; c >= 0; c = x->next[c])
        if (clause_dep(x, c) == KG_DEP_CCOMP || dep(x, c) == KG_DEP_PARATAXIS)
            return 1;
    return dep(x, f->pred) == KG_DEP_PARATAXIS;
}

/* "X might violate Y, the newspaper reported Monday": speech verb h
 * follows its head with a comma before h's first word, has a subject of
 * its own and no content of its own — a speech tag after its content
 * that the parser hung from the content verb by acl, conj, advcl or
 * ccomp (or labelled root, which the parser no longer puts on an arc
 * inside the sentence, or acl:relcl without a relative pronoun: ", the
 * Straits Times reported Saturday") where UD has parataxis. */
static int trailing_speech_tag(const ctx *x, int h, int hd)
{
    int r = dep(x, h);
    if (hd < 0 || hd >= h || x->fr[hd] < 0 || x->f[x->fr[hd]].kind != F_VERB ||
        (r != KG_DEP_ACL && r != KG_DEP_CONJ && r != KG_DEP_ADVCL && r != KG_DEP_CCOMP &&
         r != KG_DEP_ROOT && r != KG_DEP_ACL_RELCL))
        return 0;
    int subj = 0;
    for (int c = x->kid[h]; c >= 0; c = x->next[c]) {
        if (clause_dep(x, c) == KG_DEP_CCOMP || dep(x, c) == KG_DEP_PARATAXIS ||
            (r == KG_DEP_ACL_RELCL && is_rel_pron(x, c)))
            return 0;
        subj |= dep(x, c) == KG_DEP_NSUBJ;
    }
    if (!subj)
        return 0;
    /* the comma before h's first word, or that word itself */
    int l = leftmost(x, h);
    return l > hd && (word_is(x, l, ",") || word_is(x, l - 1, ","));
}

static void mark_content(ctx *x)
{
    for (int fi = 0; fi < x->nf; fi++) {
        frame *f = &x->f[fi];
        if (f->kind != F_VERB && f->kind != F_COP)
            continue;
        int speech = is_speech_frame(x, f);
        int factive = lemma_in(x, f->pred, W_FACTIVE_VERBS);
        if (speech)
            f->flags |= KG_CLAUSE_SPEECH;
        const farg *sj = find_subj(f); /* an inverted speaker is no content */
        for (int c = x->kid[f->pred]; c >= 0; c = x->next[c]) {
            int r = clause_dep(x, c);
            if ((r == KG_DEP_CCOMP && !(sj && sj->head == c)) ||
                (speech && r == KG_DEP_PARATAXIS)) {
                if (speech)
                    x->content[c] = fi;
                else if (!factive && f->kind == F_VERB)
                    x->content[c] = -2 - fi;
            }
            if (speech && r == KG_DEP_PARATAXIS && x->fr[c] >= 0 &&
                !find_role(f, KG_ARG_COMP)) {
                farg *a = add_arg(f, KG_ARG_COMP, c, KG_DEP_CCOMP);
                if (a) {
                    a->frame = x->fr[c];
                    set_span(x, a, CUT_MARK | KEEP_CLAUSES);
                }
            }
        }
        /* '"It's wrong," Kim told reporters': the speech verb hangs
         * from its content as parataxis */
        int hd = x->head[f->pred];
        if (speech && hd >= 0 && x->content[hd] == -1 &&
            (dep(x, f->pred) == KG_DEP_PARATAXIS || trailing_speech_tag(x, f->pred, hd))) {
            x->content[hd] = fi;
            if (x->content[f->pred] <= -2) { /* not its head's content */
                x->content[f->pred] = -1;
                frame *h = &x->f[x->fr[hd]];
                for (int i = 0; i < h->nargs; i++)
                    if (h->args[i].role == KG_ARG_COMP && h->args[i].head == f->pred) {
                        drop_arg(h, i);
                        break;
                    }
            }
            if (x->fr[hd] >= 0 && !find_role(f, KG_ARG_COMP)) {
                farg *a = add_arg(f, KG_ARG_COMP, hd, KG_DEP_CCOMP);
                if (a) {
                    a->frame = x->fr[hd];
                    int save = x->cut_tok;
                    x->cut_tok = f->pred;
                    span(x, hd, KEEP_APPOS, &a->first, &a->end);
                    x->cut_tok = save;
                    a->cfirst = a->first;
                    a->cend = a->end;
                }
            }
        }
        /* "the suggestion that ...": a noun's content clause */
        if ((f->flags & KG_CLAUSE_EMBEDDED) && x->content[f->pred] == -1)
            x->content[f->pred] = -2 - (f->parent >= 0 ? f->parent : fi);
    }
    for (int fi = 0; fi < x->nf; fi++) {
        frame *f = &x->f[fi];
        int k = f->pred, steps = 0;
        while (k >= 0 && steps++ <= x->n) {
            int c = x->content[k];
            if (c >= 0 && c != fi) {
                f->flags |= KG_CLAUSE_ATTRIBUTED;
                f->speech = c;
                break;
            }
            if (c <= -2 && -2 - c != fi) {
                f->flags |= KG_CLAUSE_EMBEDDED;
                break;
            }
            if (k != f->pred && x->fr[k] >= 0 &&
                (x->f[x->fr[k]].flags & KG_CLAUSE_SPEECH))
                break;
            k = x->head[k];
        }
    }
}

/* ------------------------------------------------------------------ */
/* Clauses                                                            */

static void quote_same_sentence(const kg_article *a, kg_clause_list *l,
                                size_t from, size_t to, uint32_t s);

void kg_clause_list_init(kg_clause_list *l)
{
    memset(l, 0, sizeof *l);
}

void kg_clause_list_release(kg_clause_list *l)
{
    memset(l, 0, sizeof *l);
}

const kg_arg *kg_clause_subject(const kg_clause *c)
{
    return kg_clause_arg(c, KG_ARG_SUBJ);
}

const kg_arg *kg_clause_arg(const kg_clause *c, int role)
{
    for (size_t i = 0; i < c->nargs; i++)
        if (c->args[i].role == role)
            return &c->args[i];
    return NULL;
}

static kg_clause *push(kg_article *a, kg_clause_list *l)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? 2 * l->cap : 32;
        kg_clause *v = kg_arena_calloc(&a->arena, nc, sizeof *v);
        if (!v)
            return NULL;
        if (l->n)
            memcpy(v, l->v, l->n * sizeof *v);
        l->v = v;
        l->cap = nc;
    }
    kg_clause *c = &l->v[l->n++];
    memset(c, 0, sizeof *c);
    return c;
}

/* Conjunct heads of an argument head: itself, then its nominal conj. */
static int conjuncts(const ctx *x, int h, int *out, int max)
{
    int n = 0;
    out[n++] = h;
    /* "Kim in Singapore last June" with "June" as a conjunct of "Kim" is
     * a parse error: conjuncts agree on having a preposition */
    int hc = case_of(x, h) >= 0;
    for (int c = x->kid[h]; c >= 0 && n < max; c = x->next[c])
        if (dep(x, c) == KG_DEP_CONJ && is_nominal(upos(x, c)) &&
            is_nominal(upos(x, h)) && (case_of(x, c) >= 0) == hc)
            out[n++] = c;
    return n;
}

/* What the parse's shape says about its reliability: a greedy parser's
 * attachment errors grow with the sentence's length, and a long subject
 * is mostly one that swallowed a clause. */
static double reliability(const ctx *x, const frame *f)
{
    double r = 1.0;
    if (x->n > 20) {
        double p = (x->n - 20) * 0.008;
        r *= 1.0 - (p > 0.35 ? 0.35 : p);
    }
    if (f->nargs > 0) {
        int len = f->args[0].end - f->args[0].first;
        if (len > 8) {
            double p = 0.03 * (len - 8);
            r *= 1.0 - (p > 0.3 ? 0.3 : p);
        }
    }
    for (int i = 0; i < f->nargs; i++) {
        int u = upos(x, f->args[i].head);
        if (u == KG_UPOS_X || dep(x, f->args[i].head) == KG_DEP_DEP)
            r *= 0.8;
    }
    if (dep(x, f->pred) == KG_DEP_DEP)
        r *= 0.8;
    return r;
}

static int emit(ctx *x, int fi)
{
    frame *f = &x->f[fi];
    kg_arena *ar = &x->a->arena;
    /* which arguments are distributed over their conjuncts */
    int si = -1, oi = -1;
    if (f->nargs > 0 && (f->kind == F_VERB || f->kind == F_COP))
        si = 0;
    if (f->kind == F_VERB) {
        for (int i = 0; i < f->nargs && oi < 0; i++)
            if (i != si && f->args[i].role == KG_ARG_OBJ)
                oi = i;
        for (int i = 0; i < f->nargs && oi < 0; i++)
            if (i != si && (f->args[i].role == KG_ARG_OBL ||
                            f->args[i].role == KG_ARG_PLACE))
                oi = i;
    }
    int sh[8], oh[8];
    int ns = 1, no = 1;
    sh[0] = oh[0] = -1;
    if (si >= 0 && !f->args[si].antecedent)
        ns = conjuncts(x, f->args[si].head, sh, 8);
    if (oi >= 0 && !f->args[oi].antecedent)
        no = conjuncts(x, f->args[oi].head, oh, 8);
    uint32_t b = x->base;
    double conf = f->prior * reliability(x, f);
    if (conf > 1)
        conf = 1;
    if (conf < 0)
        conf = 0;
    f->first_clause = (int)x->l->n;
    for (int s = 0; s < ns; s++)
        for (int o = 0; o < no; o++) {
            kg_clause *c = push(x->a, x->l);
            if (!c)
                return -1;
            c->sentence = x->sent;
            c->pred = b + (uint32_t)f->pred;
            uint32_t *rel = NULL;
            if (f->nrel) {
                rel = kg_arena_calloc(ar, (size_t)f->nrel, sizeof *rel);
                if (!rel)
                    return -1;
                for (int i = 0; i < f->nrel; i++)
                    rel[i] = b + (uint32_t)f->rel[i];
            }
            c->rel = rel;
            c->nrel = (size_t)f->nrel;
            c->lemma = f->lemma;
            c->particle = f->particle;
            c->prep = f->prep;
            c->flags = f->flags;
            if (ns * no > 1)
                c->flags |= KG_CLAUSE_DISTRIBUTED;
            c->modality = f->modality;
            c->tense = f->tense;
            c->speech = f->speech; /* frame index until fix-up */
            c->parent = f->parent;
            c->rule = f->rule;
            c->confidence = conf;
            c->mark = f->mark >= 0 ? b + (uint32_t)f->mark : UINT32_MAX;
            kg_arg *args = NULL;
            if (f->nargs) {
                args = kg_arena_calloc(ar, (size_t)f->nargs, sizeof *args);
                if (!args)
                    return -1;
            }
            for (int i = 0; i < f->nargs; i++) {
                const farg *fa = &f->args[i];
                kg_arg *ka = &args[i];
                int hd = fa->head, first = fa->first, end = fa->end;
                if ((i == si && ns > 1) || (i == oi && no > 1)) {
                    hd = i == si ? sh[s] : oh[o];
                    if (hd != fa->head) {
                        span(x, hd, CUT_CONJ, &first, &end);
                        /* a later conjunct keeps its own preposition only */
                    }
                }
                ka->role = fa->role;
                ka->head = b + (uint32_t)hd;
                ka->first = b + (uint32_t)first;
                ka->end = b + (uint32_t)end;
                ka->cfirst = b + (uint32_t)fa->cfirst;
                ka->cend = b + (uint32_t)fa->cend;
                if (ka->cfirst > ka->first)
                    ka->cfirst = ka->first;
                if (ka->cend < ka->end)
                    ka->cend = ka->end;
                ka->prep = fa->prep;
                ka->clause = fa->frame; /* frame index until fix-up */
                ka->dep = fa->dep;
                ka->appos = UINT32_MAX; /* looked for on subjects only */
                for (int j = hd + 1; fa->role == KG_ARG_SUBJ && j < x->n &&
                                     ka->appos == UINT32_MAX;
                     j++)
                    if (x->head[j] == hd && x->rel[j] == KG_DEP_APPOS)
                        ka->appos = b + (uint32_t)j;
            }
            c->args = args;
            c->nargs = (size_t)f->nargs;
        }
    f->nclauses = (int)x->l->n - f->first_clause;
    return 0;
}

static int frame_clause(const ctx *x, int fi)
{
    if (fi < 0 || fi >= x->nf)
        return -1;
    return x->f[fi].first_clause;
}

/* Heads, children lists (in text order), depths and subtree starts, in
 * linear time.  A malformed tree (a cycle; the parser never makes one,
 * but tokens may come from elsewhere) is repaired by making the token
 * that closes the cycle a root. */
/* The "that" among clause i's dependents after `from` when a subject of
 * i's own follows it ("that Pompeo would return"), else -1: a content
 * clause, or a relative clause with an object gap. */
static int that_then_subject(const ctx *x, int from, int i)
{
    int that = -1;
    for (int j = from + 1; j < i; j++) {
        if (x->head[j] != i)
            continue;
        if (that < 0 && word_is(x, j, "that"))
            that = j;
        else if (that >= 0 && (x->rel[j] == KG_DEP_NSUBJ || x->rel[j] == KG_DEP_NSUBJ_PASS))
            return that;
    }
    return -1;
}

static void build_tree(ctx *x)
{
    int n = x->n;
    for (int i = 0; i < n; i++) {
        x->kid[i] = x->next[i] = x->fr[i] = -1;
        x->content[i] = -1;
        x->depth[i] = -1;
        x->seen[i] = 0;
        x->lo[i] = i;
        int hd = x->t[i].head;
        x->head[i] = (hd >= 1 && hd <= n && hd - 1 != i) ? hd - 1 : -1;
        x->rel[i] = x->t[i].deprel;
    }
    /* 'that Pompeo would "soon" return to North Korea.' with the clause's
     * words hung from the full stop and "return" as its "case": a
     * punctuation mark has no dependents but punctuation (none of EWT's
     * 23,596 has), so the verb among them heads the others in its place,
     * as the complement of the mark's head when a "that" marks it or that
     * head is a speech verb, else as its dep.
     *     g <-punct- p:PUNCT <-r- v:VERB, p <-r'- w (w not punctuation)
     *     =>  g <-ccomp|dep- v <-r'- w */
    for (int i = 0; i < n; i++)
        x->kid[i] = 0;
    for (int i = 0; i < n; i++)
        if (x->head[i] >= 0 && upos(x, x->head[i]) == KG_UPOS_PUNCT &&
            upos(x, i) != KG_UPOS_PUNCT)
            x->kid[x->head[i]] = 1;
    for (int p = 0; p < n; p++) {
        int g = x->head[p], v = -1;
        if (!x->kid[p] || g < 0)
            continue;
        for (int j = 0; j < n; j++) /* the verb nearest the mark */
            if (x->head[j] == p && upos(x, j) == KG_UPOS_VERB &&
                (v < 0 || abs(j - p) < abs(v - p)))
                v = j;
        if (v < 0 || v == g)
            continue;
        int marked = 0;
        for (int j = 0; j < n; j++)
            if (j != v && x->head[j] == p && upos(x, j) != KG_UPOS_PUNCT) {
                x->head[j] = v;
                marked |= x->rel[j] == KG_DEP_MARK && word_is(x, j, "that");
            }
        x->head[v] = g;
        x->rel[v] = upos(x, g) == KG_UPOS_VERB && (marked || lemma_in(x, g, W_SPEECH_VERBS))
                        ? KG_DEP_CCOMP
                        : KG_DEP_DEP;
    }
    /* "said ... that Pompeo would soon return" with "that" read as a
     * relative pronoun and the clause as a relative clause of "said": a
     * predicate has one subject (every one of EWT's), so with several
     * the nearest before it stays, "that" before it is a mark and the
     * others are no subjects (dep); and a relative clause modifies a
     * nominal (none of EWT's hangs from a verb), so one under a verb
     * with "that" for mark is the verb's complement.
     *     h <-nsubj- that, h <-nsubj- S  =>  h <-mark- that, h <-nsubj- S
     *     v:VERB <-acl:relcl- h <-mark- that  =>  v <-ccomp- h
     * kid[] counts each head's subjects and next[] holds the one kept
     * (both are set again below). */
    for (int i = 0; i < n; i++) {
        x->kid[i] = 0;
        x->next[i] = -1;
    }
    for (int i = 0; i < n; i++)
        if (x->head[i] >= 0 && (x->rel[i] == KG_DEP_NSUBJ || x->rel[i] == KG_DEP_NSUBJ_PASS))
            x->kid[x->head[i]]++;
    for (int i = 0; i < n; i++) {
        int h = x->head[i];
        if (h < 0 || x->kid[h] < 2 || (x->rel[i] != KG_DEP_NSUBJ && x->rel[i] != KG_DEP_NSUBJ_PASS) ||
            word_is(x, i, "that"))
            continue;
        int k = x->next[h];
        if (k < 0 || (i < h && (k > h || i > k)) || (i > h && k > h && i < k))
            x->next[h] = i; /* nearest before h, else first after */
    }
    for (int i = 0; i < n; i++) {
        int h = x->head[i];
        if (h < 0 || x->kid[h] < 2 || (x->rel[i] != KG_DEP_NSUBJ && x->rel[i] != KG_DEP_NSUBJ_PASS) ||
            i == x->next[h])
            continue;
        x->rel[i] = word_is(x, i, "that") && i < h && x->next[h] >= 0 ? KG_DEP_MARK : KG_DEP_DEP;
    }
    for (int i = 0; i < n; i++) {
        x->kid[i] = x->next[i] = -1;
        int h = x->head[i];
        if (h >= 0 && x->rel[i] == KG_DEP_MARK && word_is(x, i, "that") &&
            x->rel[h] == KG_DEP_ACL_RELCL && x->head[h] >= 0 &&
            (upos(x, x->head[h]) == KG_UPOS_VERB || upos(x, x->head[h]) == KG_UPOS_AUX))
            x->rel[h] = KG_DEP_CCOMP;
    }
    /* "Ex-Prime Minister Donald Tusk", "NYC Mayor de Blasio" read as one
     * flat name headed by its first word (so that "NYC" was the subject
     * of "NYC Mayor de Blasio ends ..."): a title is never flat in EWT (of
     * its 40 title nouns between a modifier and a name, 31 are the name's
     * nmod:desc), it ends what describes the name that follows it.
     *     h <-flat- T:office, T + 1 = N:PROPN <-flat- h|T
     *       =>  h..T-1 -> T (compound|amod), T <-nmod:desc- N, N takes h's
     *           place, h's other dependents go to N */
    for (int h = 0; h < n; h++) {
        if (x->head[h] < 0 || x->rel[h] == KG_DEP_FLAT)
            continue;
        int t = -1;
        for (int j = h + 1; j + 1 < n; j++)
            if (x->head[j] == h && x->rel[j] == KG_DEP_FLAT && lemma_in(x, j, W_OFFICES) &&
                upos(x, j + 1) == KG_UPOS_PROPN &&
                (x->head[j + 1] == h || x->head[j + 1] == j))
                t = j;
        if (t < 0)
            continue;
        int nm = t + 1;
        x->head[nm] = x->head[h];
        x->rel[nm] = x->rel[h];
        for (int j = 0; j < n; j++) {
            if (j == nm || (j != h && x->head[j] != h)) /* t hangs on h */
                continue;
            if (j == t) {
                x->head[j] = nm;
                x->rel[j] = KG_DEP_NMOD_DESC;
            } else if (j == h || (j < t && x->rel[j] == KG_DEP_FLAT)) {
                x->head[j] = t;
                x->rel[j] = upos(x, j) == KG_UPOS_ADJ ? KG_DEP_AMOD : KG_DEP_COMPOUND;
            } else {
                x->head[j] = nm; /* the rest of the name, and what hung on it */
            }
        }
    }
    /* "At a news conference, Speaker Boehner issued a statement" with
     * "Speaker" read as an argument of the verb beside its subject (an
     * obl:unmarked, made the object "Speaker" of "issued"): a title right
     * before a name is the name's, not an argument beside it (of EWT's 86
     * title nouns right before a proper noun, 2 hang on the name's head,
     * as an apposition and as a second title, none as an argument).
     *     v <-ROLE- T:title, v <-any- N:PROPN, N = T + 1, no word after T
     *     hangs on T  =>  N <-nmod:desc- T */
    for (int t = 0; t + 1 < n; t++) {
        int nm = t + 1, v = x->head[t], r = x->rel[t];
        if (v < 0 || x->head[nm] != v || upos(x, nm) != KG_UPOS_PROPN ||
            (upos(x, t) != KG_UPOS_NOUN && upos(x, t) != KG_UPOS_PROPN) ||
            !is_title_word(x, t) ||
            !(r == KG_DEP_NSUBJ || r == KG_DEP_OBJ || r == KG_DEP_IOBJ || r == KG_DEP_OBL ||
              r == KG_DEP_OBL_UNMARKED || r == KG_DEP_OBL_NPMOD || r == KG_DEP_DEP ||
              r == KG_DEP_NMOD_UNMARKED))
            continue;
        int later = 0;
        for (int j = t + 1; j < n && !later; j++)
            later = x->head[j] == t;
        if (later)
            continue;
        x->head[t] = nm;
        x->rel[t] = KG_DEP_NMOD_DESC;
    }
    /* "Secretary of State Michael Pompeo has pushed" read with the title
     * as the head and the name hung on what follows "of" (an apposition,
     * a flat or a compound of "State") or on the title itself (a second
     * nmod, without a case marker): a name right after "T of X" is the
     * person the office title describes, as in "Minister of Foreign
     * Affairs Sergey Lavrov"; what hung on the title after the name
     * ("..., Trump's point man for North Korea,") is the name's.
     *     T:office <-nmod- X:PROPN <-case- of, N:PROPN, N = X + 1,
     *     X <-appos|flat|compound- N  or  T <-nmod|appos|flat- N (no case)
     *       =>  N takes T's place, N <-nmod:desc- T, T's words after N
     *           hang on N */
    for (int t = 0; t < n; t++) {
        if (x->head[t] < 0 || !lemma_in(x, t, W_OFFICES))
            continue;
        int xx = -1, of = 0;
        for (int j = t + 1; j < n && xx < 0; j++)
            if (x->head[j] == t && x->rel[j] == KG_DEP_NMOD && upos(x, j) == KG_UPOS_PROPN)
                xx = j;
        if (xx < 0 || xx + 1 >= n)
            continue;
        for (int j = t + 1; j < xx; j++)
            of |= x->head[j] == xx && x->rel[j] == KG_DEP_CASE && word_is(x, j, "of");
        int nm = xx + 1, r = x->rel[nm], on_x = x->head[nm] == xx, on_t = x->head[nm] == t;
        if (!of || upos(x, nm) != KG_UPOS_PROPN ||
            !((on_x && (r == KG_DEP_APPOS || r == KG_DEP_FLAT || r == KG_DEP_COMPOUND)) ||
              (on_t && (r == KG_DEP_NMOD || r == KG_DEP_APPOS || r == KG_DEP_FLAT))))
            continue;
        int marked = 0;
        for (int j = 0; j < nm && !marked; j++)
            marked = x->head[j] == nm && x->rel[j] == KG_DEP_CASE;
        if (marked)
            continue;
        x->head[nm] = x->head[t];
        x->rel[nm] = x->rel[t];
        x->head[t] = nm;
        x->rel[t] = KG_DEP_NMOD_DESC;
        for (int j = nm + 1; j < n; j++)
            if (x->head[j] == t)
                x->head[j] = nm;
    }
    /* "Secretary of State Rex Tillerson" read with "of" and "State" hung
     * on the name (a case marker and a compound of "Rex"): what follows
     * "of" is the title's, not the name's.
     *     N:PROPN <-nmod:desc- T:office, N <-case- of, of = T + 1,
     *     N <-compound|flat- X:PROPN, of < X < N
     *       =>  T <-nmod- X, X <-case- of */
    for (int t = 0; t + 2 < n; t++) {
        int of = t + 1, nm = x->head[t];
        if (nm <= of || x->rel[t] != KG_DEP_NMOD_DESC || !lemma_in(x, t, W_OFFICES) ||
            x->head[of] != nm || x->rel[of] != KG_DEP_CASE || !word_is(x, of, "of") ||
            upos(x, nm) != KG_UPOS_PROPN)
            continue;
        int xx = -1;
        for (int j = of + 1; j < nm; j++)
            if (x->head[j] == nm && (x->rel[j] == KG_DEP_COMPOUND || x->rel[j] == KG_DEP_FLAT) &&
                upos(x, j) == KG_UPOS_PROPN)
                xx = j; /* the last: "of State Rex", "of Foreign Affairs Sergey" */
        if (xx < 0)
            continue;
        for (int j = of + 1; j < xx; j++)
            if (x->head[j] == nm)
                x->head[j] = xx; /* the words of X before its head */
        x->head[xx] = t;
        x->rel[xx] = KG_DEP_NMOD;
        x->head[of] = xx;
    }
    /* "President Moon Jae-in arrived" read with "Moon" a compound of
     * "Jae-in" and the title on "Moon": a title describes the whole name,
     * whose head is the last of its compounded proper nouns.
     *     N2:PROPN <-compound- N1:PROPN <-nmod:desc- T:title, N2 = N1 + 1
     *       =>  N2 <-nmod:desc- T */
    for (int t = 0; t < n; t++) {
        int n1 = x->head[t];
        while (n1 >= 0 && x->rel[t] == KG_DEP_NMOD_DESC && n1 > t && n1 + 1 < n &&
               x->rel[n1] == KG_DEP_COMPOUND && x->head[n1] == n1 + 1 &&
               upos(x, n1) == KG_UPOS_PROPN && upos(x, n1 + 1) == KG_UPOS_PROPN) {
            x->head[t] = n1 + 1;
            n1 = n1 + 1;
        }
    }
    /* "The minister, who did not get an audience, left early." read as a
     * noun with a verb in apposition (the sentence had no predicate): a
     * past verb after its noun, with no subject of its own, ending a
     * sentence whose root is that noun, is the noun's predicate.
     *     ROOT <- N:NOUN|PROPN <-appos- V:VERB (VBD|VBN), N < V, V has no
     *     nsubj
     *       =>  ROOT <- V <-nsubj- N, N's punctuation after V goes to V */
    for (int v = 0; v < n; v++) {
        int nn = x->head[v];
        if (nn < 0 || nn > v || x->rel[v] != KG_DEP_APPOS || upos(x, v) != KG_UPOS_VERB ||
            (xpos(x, v) != KG_XPOS_VBD && xpos(x, v) != KG_XPOS_VBN) ||
            x->rel[nn] != KG_DEP_ROOT ||
            (upos(x, nn) != KG_UPOS_NOUN && upos(x, nn) != KG_UPOS_PROPN))
            continue;
        int subj = 0;
        for (int j = 0; j < n; j++)
            subj |= x->head[j] == v &&
                    (x->rel[j] == KG_DEP_NSUBJ || x->rel[j] == KG_DEP_NSUBJ_PASS);
        if (subj)
            continue;
        x->head[v] = x->head[nn];
        x->rel[v] = KG_DEP_ROOT;
        x->head[nn] = v;
        x->rel[nn] = KG_DEP_NSUBJ;
        for (int j = v + 1; j < n; j++)
            if (x->head[j] == nn && x->rel[j] == KG_DEP_PUNCT)
                x->head[j] = v;
    }
    /* "Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin
     * signed" with the second name conjoined to "Nigeria" and "of Benin"
     * hung on "Nigeria": two "N of X" phrases joined by "and" are
     * parallel, the second name is conjoined to the first (EWT has one
     * such pair, so conjoined; the parser's Wikinews trees have five, all
     * conjoined to X, four of them wrongly).
     *     h <-nmod- X <-case- of, X <-conj- Y:PROPN <-cc- and,
     *     X|Y <-nmod- Z <-case- of (Y < Z)
     *       =>  h <-conj- Y <-nmod- Z */
    for (int y = 0; y < n; y++) {
        int xh = x->head[y];
        if (xh < 0 || x->rel[y] != KG_DEP_CONJ || upos(x, y) != KG_UPOS_PROPN ||
            x->rel[xh] != KG_DEP_NMOD || x->head[xh] < 0 || x->head[xh] >= xh)
            continue;
        int h = x->head[xh], of_x = 0, and_y = 0, z = -1, other = 0;
        for (int j = 0; j < n; j++) {
            if (j < xh && x->head[j] == xh && x->rel[j] == KG_DEP_CASE && word_is(x, j, "of"))
                of_x = 1;
            else if (j < y && x->head[j] == y && x->rel[j] == KG_DEP_CC && word_is(x, j, "and"))
                and_y = 1;
            else if ((x->head[j] == xh || x->head[j] == y) && j > y && x->rel[j] == KG_DEP_NMOD &&
                     z < 0)
                z = j;
            else if (x->head[j] == xh && j > y)
                other = 1; /* something else of X's after Y: leave it */
        }
        if (!of_x || !and_y || z < 0 || other || x->head[z - 1] != z ||
            !word_is(x, z - 1, "of"))
            continue;
        x->head[y] = h;
        x->head[z] = y;
    }
    /* "Trump's national security adviser, John Bolton, said ..." with
     * "adviser" read as the verb's complement and the name as its
     * subject: a noun before its verb is a complement only as a quoted
     * fragment ('"Land mines," said the woman': 3 of EWT's 2,110 ccomps,
     * all quoted), so unquoted, with the name set off by a comma after it,
     * the noun is the subject and the name its apposition.
     *     v:VERB <-ccomp- N:NOUN (no cop, no subject, no quotation mark),
     *     v <-nsubj- S:PROPN, N < "," S < v  =>  v <-nsubj- N, N <-appos- S */
    for (int nn = 0; nn < n; nn++) {
        int v = x->head[nn];
        if (v <= nn || x->rel[nn] != KG_DEP_CCOMP || upos(x, nn) != KG_UPOS_NOUN ||
            upos(x, v) != KG_UPOS_VERB)
            continue;
        int subj = -1, bad = 0;
        for (int j = 0; j < v && !bad; j++) {
            int r = x->rel[j];
            if (x->head[j] == nn)
                bad = r == KG_DEP_COP || is_subj_dep(r) || r == KG_DEP_NSUBJ_PASS ||
                      xpos(x, j) == KG_XPOS_OPEN_QUOTE || xpos(x, j) == KG_XPOS_CLOSE_QUOTE;
            else if (x->head[j] == v && j > nn && (r == KG_DEP_NSUBJ || r == KG_DEP_NSUBJ_PASS))
                subj = j;
        }
        if (bad || subj < 1 || upos(x, subj) != KG_UPOS_PROPN ||
            xpos(x, subj - 1) != KG_XPOS_COMMA)
            continue;
        x->rel[nn] = x->rel[subj];
        x->head[subj] = nn;
        x->rel[subj] = KG_DEP_APPOS;
    }
    /* "told reporters that the sanctions would stay" with the clause hung
     * from "reporters", "said Sunday that Pompeo would return" with it
     * hung from "Sunday": UD gives a noun's clauses acl, never ccomp (not
     * one of EWT's ccomps has a nominal head), so a ccomp under a verb's
     * nominal dependent is the verb's.
     *     g:VERB <-r- h:NOUN|PROPN|PRON <-ccomp- i  =>  g <-ccomp- i */
    for (int i = 0; i < n; i++) {
        int h = x->head[i];
        if (h < 0 || h > i || dep(x, i) != KG_DEP_CCOMP || !is_nominal(upos(x, h)))
            continue;
        int g = x->head[h];
        if (g >= 0 && g < h && upos(x, g) == KG_UPOS_VERB)
            x->head[i] = g;
    }
    /* The same sentence with the clause read as an adjectival clause of
     * "reporters" (acl).  A "that" clause with a subject of its own under
     * a verb's object completes a content noun (all 40 of EWT's: fact,
     * claim, doubt, ...), never the person a speech verb addresses, and
     * that person before a clause is iobj (all 123 of EWT's tell, inform,
     * assure, ... with a ccomp).
     *     g:tell|inform|... <-obj- h:NOUN|PROPN|PRON <-acl- i,
     *     i <-mark- that, i <-nsubj- S  =>  g <-iobj- h, g <-ccomp- i */
    for (int i = 0; i < n; i++) {
        int h = x->head[i];
        if (h < 0 || h > i || x->rel[i] != KG_DEP_ACL || x->rel[h] != KG_DEP_OBJ ||
            !is_nominal(upos(x, h)))
            continue;
        int g = x->head[h];
        if (g < 0 || g > h || upos(x, g) != KG_UPOS_VERB || !lemma_in(x, g, W_ADDRESSEE))
            continue;
        int that = that_then_subject(x, h, i);
        if (that >= 0 && x->rel[that] == KG_DEP_MARK) {
            x->rel[h] = KG_DEP_IOBJ;
            x->head[i] = g;
            x->rel[i] = KG_DEP_CCOMP;
        }
    }
    /* "Bolton said during an appearance Sunday on ABC News's This Week
     * that Pompeo would soon return" with "that" read as the object of a
     * relative clause of "Sunday" or "Week": a speech verb without
     * content of its own, a name or a time noun inside its phrase and a
     * "that" clause with its own subject under that word is the verb's
     * content (4 of EWT's 696 speech verbs without content have a "that"
     * relative clause with its own subject in their phrase, none under a
     * name or a time noun; only 4 of 511 "that" relative clauses modify
     * a name at all).
     *     v:say|report|... (no ccomp, no parataxis) ... <- h:PROPN|time
     *     <-acl:relcl- i, i <-obj|nsubj|obl- that, i <-nsubj(:pass)- S after it
     *     =>  v <-ccomp- i, i <-mark- that */
    for (int i = 0; i < n; i++) {
        int h = x->head[i];
        if (h < 0 || h > i || x->rel[i] != KG_DEP_ACL_RELCL ||
            (upos(x, h) != KG_UPOS_PROPN && !lemma_in(x, h, W_TIME_NOUNS)))
            continue;
        int that = that_then_subject(x, h, i);
        if (that < 0)
            continue;
        int v = x->head[h]; /* up to the nearest verb */
        for (int steps = 0; v >= 0 && steps < n && upos(x, v) != KG_UPOS_VERB; steps++)
            v = x->head[v];
        if (v < 0 || v > h || upos(x, v) != KG_UPOS_VERB || !lemma_in(x, v, W_SPEECH_VERBS))
            continue;
        int content = 0;
        for (int j = 0; j < n && !content; j++)
            content = x->head[j] == v && (x->rel[j] == KG_DEP_CCOMP || x->rel[j] == KG_DEP_PARATAXIS);
        if (content)
            continue;
        x->head[i] = v;
        x->rel[i] = KG_DEP_CCOMP;
        x->rel[that] = KG_DEP_MARK;
    }
    /* "..., the Straits Times of Singapore reported Saturday" with the
     * name hung beside the verb (list, appos, dep) and the verb left
     * without a subject: a tensed verb has one (but in coordination), so
     * the noun phrase ending just before it is its subject.
     *     h <-list|appos|dep- s, h <-acl|advcl|ccomp|parataxis|list|dep-
     *     v:VBD|VBZ|VBP, no subject, s's phrase ends at v - 1
     *     =>  v <-nsubj- s
     * (kid[] counts each head's subjects, then is set again below) */
    for (int i = 0; i < n; i++)
        x->kid[i] = 0;
    for (int i = 0; i < n; i++)
        if (x->head[i] >= 0 && (is_subj_dep(x->rel[i]) || x->rel[i] == KG_DEP_NSUBJ_PASS))
            x->kid[x->head[i]]++;
    for (int v = 1; v < n; v++) {
        int h = x->head[v], r = x->rel[v], xp = xpos(x, v);
        if (h < 0 || x->kid[v] ||
            (xp != KG_XPOS_VBD && xp != KG_XPOS_VBZ && xp != KG_XPOS_VBP) ||
            (r != KG_DEP_ACL && r != KG_DEP_ADVCL && r != KG_DEP_CCOMP &&
             r != KG_DEP_PARATAXIS && r != KG_DEP_LIST && r != KG_DEP_DEP))
            continue;
        int k = v - 1; /* up from the word before v, staying before v */
        for (int steps = 0; steps < n; steps++) {
            int up = x->head[k];
            if (up < 0 || up == h || up >= v)
                break;
            k = up;
        }
        int rk = x->rel[k];
        if (x->head[k] == h && is_nominal(upos(x, k)) &&
            (rk == KG_DEP_LIST || rk == KG_DEP_APPOS || rk == KG_DEP_DEP)) {
            x->head[k] = v;
            x->rel[k] = KG_DEP_NSUBJ;
            x->kid[v]++;
        }
    }
    for (int i = 0; i < n; i++)
        x->kid[i] = -1;
    /* "South Korean President Moon Jae-in met" with "South" hung from
     * the verb: an adjective modifies a nominal (4 of EWT's 9,587 amod
     * have a verb for head), here the word after it.
     *     h:VERB|AUX <-amod- i, i + 1 < h an ADJ|NOUN|PROPN|NUM not under i
     *     =>  i + 1 <-amod- i */
    for (int i = 0; i + 1 < n; i++) {
        int h = x->head[i], u = upos(x, i + 1);
        if (h <= i + 1 || dep(x, i) != KG_DEP_AMOD ||
            (upos(x, h) != KG_UPOS_VERB && upos(x, h) != KG_UPOS_AUX) ||
            (u != KG_UPOS_ADJ && u != KG_UPOS_NOUN && u != KG_UPOS_PROPN && u != KG_UPOS_NUM))
            continue;
        int k = i + 1, steps = 0;
        while (k >= 0 && k != i && steps++ < n)
            k = x->head[k];
        if (k != i)
            x->head[i] = i + 1;
    }
    /* "Secretary of State Michael Pompeo has pushed" with the title hung
     * from the verb: nmod:desc (a title before a name) modifies a proper
     * noun (every one of EWT's 318), so it is the name's after it.
     *     h (no nominal) <-nmod:desc- i, h <-X- j:PROPN  =>  j <-nmod:desc- i
     * (j the first of h's dependents after i) */
    for (int i = 0; i < n; i++) {
        int h = x->head[i];
        if (h < 0 || dep(x, i) != KG_DEP_NMOD_DESC || is_nominal(upos(x, h)))
            continue;
        for (int j = i + 1; j < n; j++)
            if (x->head[j] == h) {
                if (upos(x, j) == KG_UPOS_PROPN)
                    x->head[i] = j;
                break;
            }
    }
    /* "expected Kim Jong Un to meet with Pompeo" with the infinitive read
     * as an adverbial clause of purpose: after the object of a verb of
     * asking, wanting or making, a subjectless "to" clause is what the
     * object does (xcomp in 155 of EWT's 158 such clauses under want, ask,
     * tell, allow, expect, help, ...; ask, invite and require take an
     * advcl once each).
     *     g:want|expect|ask|... <-obj|iobj- o, g <-advcl- i, o < i,
     *     i <-mark- to, no subject under i  =>  g <-xcomp- i */
    for (int i = 0; i < n; i++) {
        int g = x->head[i];
        if (g < 0 || g > i || x->rel[i] != KG_DEP_ADVCL || upos(x, g) != KG_UPOS_VERB ||
            !lemma_in(x, g, W_OBJ_CONTROL))
            continue;
        int obj = 0, to = 0, subj = 0;
        for (int j = 0; j < n; j++) {
            if (j < i && x->head[j] == g && (x->rel[j] == KG_DEP_OBJ || x->rel[j] == KG_DEP_IOBJ))
                obj = 1;
            if (x->head[j] == i) {
                to |= x->rel[j] == KG_DEP_MARK && word_is(x, j, "to");
                subj |= is_subj_dep(x->rel[j]) || x->rel[j] == KG_DEP_NSUBJ_PASS;
            }
        }
        if (obj && to && !subj)
            x->rel[i] = KG_DEP_XCOMP;
    }
    /* depths: walk up to a known depth, the path on the stack; a node
     * met twice on one path closes a cycle */
    for (int i = 0; i < n; i++) {
        if (x->depth[i] >= 0)
            continue;
        int sp = 0, k = i;
        while (k >= 0 && x->depth[k] < 0) {
            if (x->seen[k] == i + 1) { /* cycle: cut it here */
                x->head[x->stack[sp - 1]] = -1;
                k = -1;
                break;
            }
            x->seen[k] = i + 1;
            x->stack[sp++] = k;
            k = x->head[k];
        }
        int d = k >= 0 ? x->depth[k] : -1;
        while (sp > 0) {
            int j = x->stack[--sp];
            d = x->head[j] < 0 ? 0 : d + 1;
            x->depth[j] = d;
        }
    }
    for (int i = n - 1; i >= 0; i--) {
        int hd = x->head[i];
        if (hd >= 0) {
            x->next[i] = x->kid[hd];
            x->kid[hd] = i;
        }
    }
    /* subtree starts, deepest tokens first (a counting sort by depth) */
    int maxd = 0;
    for (int i = 0; i < n; i++)
        if (x->depth[i] > maxd)
            maxd = x->depth[i];
    int *cnt = x->seen, *order = x->stack; /* free again afterwards */
    for (int d = 0; d <= maxd && d < n; d++)
        cnt[d] = 0;
    for (int i = 0; i < n; i++)
        cnt[x->depth[i]]++;
    for (int d = 1; d <= maxd; d++)
        cnt[d] += cnt[d - 1];
    for (int i = n - 1; i >= 0; i--)
        order[--cnt[x->depth[i]]] = i;
    for (int k = n - 1; k >= 0; k--) {
        int i = order[k], hd = x->head[i];
        if (hd >= 0 && x->lo[i] < x->lo[hd])
            x->lo[hd] = x->lo[i];
    }
    for (int i = 0; i < n; i++)
        x->seen[i] = 0;
    *x->gen = 0;
}

int kg_clause_extract(kg_article *a, uint32_t sentence, kg_clause_list *l,
                      kg_diag *d)
{
    if (sentence >= a->nsentences)
        return 0;
    const kg_sentence *s = &a->sentences[sentence];
    if (s->count == 0)
        return 0;
    ctx x;
    memset(&x, 0, sizeof x);
    x.a = a;
    x.t = a->tokens + s->first;
    x.n = (int)s->count;
    x.base = s->first;
    x.sent = sentence;
    x.l = l;
    x.d = d;
    x.cut_tok = -1;
    /* an unparsed sentence has no clauses */
    for (int i = 0; i < x.n; i++)
        if (x.t[i].head < 0)
            return 0;
    int *mem = kg_malloc(((size_t)x.n * 12 + 1) * sizeof *mem);
    if (!mem) {
        kg_diag_oom(d, "extracting clauses");
        return -1;
    }
    x.head = mem;
    x.kid = mem + x.n;
    x.next = mem + 2 * x.n;
    x.fr = mem + 3 * x.n;
    x.content = mem + 4 * x.n;
    x.lo = mem + 5 * x.n;
    x.depth = mem + 6 * x.n;
    x.seen = mem + 7 * x.n;
    x.stack = mem + 8 * x.n;
    x.gen = mem + 9 * x.n;
    x.rel = mem + 11 * x.n + 1;
    build_tree(&x);
    int rc = -1;
    size_t first_clause = l->n;
    for (int i = 0; i < x.n; i++) {
        int kind = 0;
        if (is_verbal_pred(&x, i) || postnominal_adj(&x, i))
            kind = F_VERB;
        else if (has_cop(&x, i) ||
                 (dep(&x, i) == KG_DEP_CONJ && x.head[i] >= 0 &&
                  x.fr[x.head[i]] >= 0 &&
                  x.f[x.fr[x.head[i]]].kind == F_COP &&
                  (is_nominal(upos(&x, i)) || upos(&x, i) == KG_UPOS_ADJ) &&
                  upos(&x, i) != KG_UPOS_PRON))
            kind = F_COP;
        if (kind) {
            int fi = new_frame(&x, i, kind);
            if (fi < 0)
                goto oom;
            x.fr[i] = fi;
        }
    }
    /* heads before dependents: a frame's fallbacks read its governor's
     * (a counting sort of the predicates by depth; the recursion in
     * resolve() then never goes deep) */
    {
        int *ord = mem + 9 * x.n + 1, *cnt = mem + 10 * x.n + 1;
        int no = 0;
        for (int i = 0; i < x.n; i++)
            cnt[i] = 0;
        for (int i = 0; i < x.n; i++)
            if (x.fr[i] >= 0)
                cnt[x.depth[i]]++, no++;
        for (int dd = 1; dd < x.n; dd++)
            cnt[dd] += cnt[dd - 1];
        for (int i = x.n - 1; i >= 0; i--)
            if (x.fr[i] >= 0)
                ord[--cnt[x.depth[i]]] = i;
        for (int i = 0; i < no; i++)
            resolve(&x, x.fr[ord[i]]);
    }
    /* a copula conjunct without a cop of its own shares its head's */
    for (int fi = 0; fi < x.nf; fi++) {
        frame *f = &x.f[fi];
        if (f->kind != F_COP || has_cop(&x, f->pred) || f->parent < 0)
            continue;
        frame *g = &x.f[f->parent];
        for (int i = 0; i < g->nrel; i++)
            if (g->rel[i] < f->pred && x.head[g->rel[i]] == g->pred &&
                dep(&x, g->rel[i]) != KG_DEP_CASE)
                add_rel(f, g->rel[i]);
        sort_rel(f);
        if (!find_role(f, KG_ARG_SUBJ)) {
            farg *gs = find_role(g, KG_ARG_SUBJ);
            if (gs) {
                copy_arg(f, gs, KG_ARG_SUBJ, 0);
                put_first(f, &f->args[f->nargs - 1]);
            }
        }
        f->rule = "conj";
        f->tense = g->tense;
        f->flags |= g->flags & KG_CLAUSE_NEGATED;
    }
    nominal_frames(&x);
    mark_content(&x);
    if (x.oom)
        goto oom;
    for (int fi = 0; fi < x.nf; fi++)
        if (emit(&x, fi) < 0)
            goto oom;
    /* frame indexes -> clause indexes */
    for (size_t i = first_clause; i < l->n; i++) {
        kg_clause *c = &l->v[i];
        c->speech = frame_clause(&x, c->speech);
        c->parent = frame_clause(&x, c->parent);
        for (size_t k = 0; k < c->nargs; k++)
            if (c->args[k].role == KG_ARG_COMP)
                c->args[k].clause = frame_clause(&x, c->args[k].clause);
            else
                c->args[k].clause = -1;
    }
    quote_same_sentence(a, l, first_clause, l->n, sentence);
    rc = 0;
    goto out;
oom:
    kg_diag_oom(d, "extracting clauses");
out:
    free(x.f);
    free(mem);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Quotes across sentences                                            */

static int tok_is_quote(const kg_article *a, uint32_t i)
{
    uint32_t len;
    const char *s = kg_token_form(a, &a->tokens[i], &len);
    return (len == 1 && s[0] == '"') ||
           (len == 2 && (memcmp(s, "``", 2) == 0 || memcmp(s, "''", 2) == 0));
}

static int sentence_opens_quote(const kg_article *a, uint32_t s)
{
    const kg_sentence *sn = &a->sentences[s];
    return sn->count > 0 && tok_is_quote(a, sn->first);
}

static int sentence_closes_quote(const kg_article *a, uint32_t s)
{
    const kg_sentence *sn = &a->sentences[s];
    for (uint32_t k = 0; k < 2 && k < sn->count; k++) {
        uint32_t i = sn->first + sn->count - 1 - k;
        if (tok_is_quote(a, i))
            return 1;
    }
    return 0;
}

static void attribute_range(kg_clause_list *l, size_t from, size_t to,
                            int speech, uint32_t lo, uint32_t hi)
{
    for (size_t i = from; i < to; i++) {
        kg_clause *c = &l->v[i];
        if (c->flags & (KG_CLAUSE_ATTRIBUTED | KG_CLAUSE_SPEECH))
            continue;
        if (c->pred < lo || c->pred >= hi)
            continue;
        c->flags |= KG_CLAUSE_ATTRIBUTED;
        c->speech = speech;
    }
}

/* '"Moon needs to slow down ...," said Song': the clauses inside a
 * quotation that opens the sentence and closes before a speech verb are
 * its content, whatever the parser hung them on. */
static void quote_same_sentence(const kg_article *a, kg_clause_list *l,
                                size_t from, size_t to, uint32_t s)
{
    const kg_sentence *sn = &a->sentences[s];
    if (!sentence_opens_quote(a, s))
        return;
    for (size_t i = from; i < to; i++) {
        kg_clause *c = &l->v[i];
        if (!(c->flags & KG_CLAUSE_SPEECH) || (c->flags & KG_CLAUSE_ATTRIBUTED))
            continue;
        uint32_t q_end = UINT32_MAX;
        for (uint32_t t = c->pred; t > sn->first; t--)
            if (tok_is_quote(a, t - 1)) {
                q_end = t - 1;
                break;
            }
        /* the speaker and verb follow the quotation closely */
        if (q_end != UINT32_MAX && q_end > sn->first && c->pred - q_end <= 8)
            attribute_range(l, from, to, (int)i, sn->first, q_end);
    }
}

int kg_clause_extract_all(kg_article *a, kg_clause_list *l, kg_diag *d)
{
    size_t *start = kg_malloc(((size_t)a->nsentences + 1) * sizeof *start);
    if (!start && a->nsentences) {
        kg_diag_oom(d, "extracting clauses");
        return -1;
    }
    for (uint32_t s = 0; s < a->nsentences; s++) {
        start[s] = l->n;
        if (kg_clause_extract(a, s, l, d) < 0) {
            free(start);
            return -1;
        }
    }
    if (a->nsentences)
        start[a->nsentences] = l->n;
    /* a speech clause with no content: the quote before it */
    for (uint32_t s = 0; s < a->nsentences; s++) {
        for (size_t i = start[s]; i < start[s + 1]; i++) {
            kg_clause *c = &l->v[i];
            if (!(c->flags & KG_CLAUSE_SPEECH) ||
                (c->flags & KG_CLAUSE_ATTRIBUTED))
                continue;
            int has_content = 0;
            for (size_t k = 0; k < c->nargs; k++)
                if (c->args[k].role == KG_ARG_COMP)
                    has_content = 1;
            for (size_t k = start[s]; k < start[s + 1] && !has_content; k++)
                if (l->v[k].speech == (int)i)
                    has_content = 1;
            if (has_content)
                continue;
            const kg_sentence *sn = &a->sentences[s];
            /* "Bolton said." after quoted sentences */
            if (s == 0 || c->pred > sn->first + 8)
                continue;
            if (!sentence_closes_quote(a, s - 1))
                continue;
            uint32_t j = s - 1;
            while (j > 0 && !sentence_opens_quote(a, j) && s - j < 5)
                j--;
            if (!sentence_opens_quote(a, j))
                j = s - 1;
            for (uint32_t k = j; k < s; k++)
                attribute_range(l, start[k], start[k + 1], (int)i, 0,
                                UINT32_MAX);
        }
    }
    free(start);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Printing                                                           */

static int put_span(kg_buf *out, const kg_article *a, uint32_t first,
                    uint32_t end)
{
    if (kg_buf_putc(out, '"') < 0)
        return -1;
    for (uint32_t i = first; i < end && i < a->ntokens; i++) {
        uint32_t len;
        const char *s = kg_token_form(a, &a->tokens[i], &len);
        if ((i > first && kg_buf_putc(out, ' ') < 0) ||
            kg_buf_append(out, s, len) < 0)
            return -1;
    }
    return kg_buf_putc(out, '"');
}

static const char *const ROLE_NAMES[] = {"?",   "SUBJ", "OBJ",  "IOBJ",
                                         "OBL", "COMP", "TIME", "PLACE"};

static const struct {
    uint32_t flag;
    const char *name;
} FLAG_NAMES[] = {
    {KG_CLAUSE_NEGATED, "NEGATED"},       {KG_CLAUSE_PASSIVE, "PASSIVE"},
    {KG_CLAUSE_COPULA, "COPULA"},         {KG_CLAUSE_NOMINAL, "NOMINAL"},
    {KG_CLAUSE_SPEECH, "SPEECH"},         {KG_CLAUSE_ATTRIBUTED, "ATTRIBUTED"},
    {KG_CLAUSE_QUESTION, "QUESTION"},     {KG_CLAUSE_CONDITIONAL, "CONDITIONAL"},
    {KG_CLAUSE_EMBEDDED, "EMBEDDED"},     {KG_CLAUSE_DISTRIBUTED, "DISTRIBUTED"},
    {KG_CLAUSE_IMPLICIT, "IMPLICIT"},     {KG_CLAUSE_INTENDED, "INTENDED"}};

int kg_clause_print(kg_buf *out, const kg_article *a, const kg_clause_list *l,
                    size_t from, size_t to)
{
    for (size_t i = from; i < to && i < l->n; i++) {
        const kg_clause *c = &l->v[i];
        if (kg_buf_printf(out, "#%zu %s %.2f [", i, c->rule ? c->rule : "?",
                          c->confidence) < 0)
            return -1;
        for (size_t k = 0; k < c->nrel; k++) {
            uint32_t len;
            const char *s = kg_token_form(a, &a->tokens[c->rel[k]], &len);
            if ((k && kg_buf_putc(out, ' ') < 0) || kg_buf_append(out, s, len) < 0)
                return -1;
        }
        if (kg_buf_printf(out, "] %s", c->lemma ? c->lemma : "") < 0)
            return -1;
        if (c->prep && kg_buf_printf(out, " +%s", c->prep) < 0)
            return -1;
        for (size_t k = 0; k < c->nargs; k++) {
            const kg_arg *g = &c->args[k];
            int role = g->role >= 1 && g->role <= 7 ? g->role : 0;
            if (kg_buf_printf(out, " | %s", ROLE_NAMES[role]) < 0)
                return -1;
            if (g->prep && kg_buf_printf(out, ":%s", g->prep) < 0)
                return -1;
            if (g->dep > 0 && g->dep < KG_DEP_COUNT &&
                kg_buf_printf(out, " (%s)", kg_deprel_names[g->dep]) < 0)
                return -1;
            if (g->role == KG_ARG_COMP && g->clause >= 0 &&
                kg_buf_printf(out, " #%d", g->clause) < 0)
                return -1;
            if (kg_buf_putc(out, ' ') < 0 || put_span(out, a, g->first, g->end) < 0)
                return -1;
        }
        if (kg_buf_puts(out, " |") < 0)
            return -1;
        if (c->tense && kg_buf_printf(out, " %s", c->tense) < 0)
            return -1;
        if (c->modality && kg_buf_printf(out, " modality=%s", c->modality) < 0)
            return -1;
        for (size_t k = 0; k < sizeof FLAG_NAMES / sizeof FLAG_NAMES[0]; k++)
            if ((c->flags & FLAG_NAMES[k].flag) &&
                kg_buf_printf(out, " %s", FLAG_NAMES[k].name) < 0)
                return -1;
        if (c->speech >= 0 && kg_buf_printf(out, " speech=#%d", c->speech) < 0)
            return -1;
        if (c->parent >= 0 && kg_buf_printf(out, " parent=#%d", c->parent) < 0)
            return -1;
        if (kg_buf_putc(out, '\n') < 0)
            return -1;
    }
    return 0;
}
