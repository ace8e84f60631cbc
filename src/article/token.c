/*
 * token.c - tokenizer and sentence splitter.
 *
 * Tokens follow UD English EWT: clitics split off ("do n't", "ca n't",
 * "Korea 's"), punctuation and quotes on their own, abbreviations keep
 * their period ("U.S.", "Mr.", "J."), numbers keep their separators
 * ("1,000.50", "9/11", "3:00"), URLs, e-mail addresses and @handles stay
 * whole.  Unlike EWT, hyphenated words stay whole by default
 * ("inter-Korean", "Jae-in", "1950-53"): names survive intact, which the
 * graph needs more than treebank fidelity (KG_TOKENIZE_SPLIT_HYPHENS gives
 * EWT's splits).
 *
 * The text is walked once, white-space-separated chunk by chunk; each chunk
 * is cut into tokens by the rules below.  Tokens and sentences go into
 * arrays in the article's arena, grown by doubling, so there is no
 * allocation per token.  `norm` points at string literals (or, rarely, at
 * an arena copy) and is set only when the form differs from the bytes.
 */
#include "article/token.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "article/chars.h"

typedef struct tk {
    kg_article *a;
    kg_diag *d;
    const char *s;
    unsigned opts;
    uint32_t cap;       /* of a->tokens */
    uint32_t scap;      /* of a->sentences */
    size_t cp_byte, cp; /* code-point cursor: cp code points precede cp_byte */
    int warned_long;
} tk;

/* ---- storage ----------------------------------------------------------- */

static int grow(kg_arena *arena, void **arr, uint32_t *cap, uint32_t used,
                size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need)
        ncap *= 2;
    if (ncap > UINT32_MAX)
        return -1;
    void *p = kg_arena_calloc(arena, ncap, elem);
    if (!p)
        return -1;
    if (used)
        memcpy(p, *arr, used * elem);
    *arr = p;
    *cap = (uint32_t)ncap;
    return 0;
}

/* Capacity is reserved per chunk (a chunk of n bytes never makes more than
 * n tokens), so push itself cannot fail. */
static kg_token *push(tk *t, size_t start, size_t end)
{
    kg_article *a = t->a;
    kg_token *k = &a->tokens[a->ntokens++];
    t->cp += kc_count_cp(t->s, t->cp_byte, start);
    k->start = (uint32_t)start;
    k->cstart = (uint32_t)t->cp;
    t->cp += kc_count_cp(t->s, start, end);
    t->cp_byte = end;
    k->end = (uint32_t)end;
    k->cend = (uint32_t)t->cp;
    k->norm = NULL;
    k->norm_len = 0;
    k->flags = 0;
    k->upos = 0;
    k->deprel = 0;
    k->xpos = 0;
    k->head = -1;
    k->lemma = NULL;
    return k;
}

static void set_norm(kg_token *k, const char *norm)
{
    k->norm = norm;
    k->norm_len = (uint32_t)strlen(norm);
}

/* Copy of s[start, end) with curly quotes and Unicode hyphens made ASCII,
 * for words such as "O’Brien" or "rock’n’roll". */
static void norm_copy(tk *t, kg_token *k)
{
    const char *s = t->s;
    size_t len = k->end - k->start;
    char *out = kg_arena_alloc(&t->a->arena, len + 1);
    if (!out)
        return; /* the raw form is still right, only less tidy */
    size_t o = 0;
    for (size_t i = k->start; i < k->end;) {
        const unsigned char *u = (const unsigned char *)s + i;
        if (u[0] == 0xE2 && u[1] == 0x80 && i + 3 <= k->end) {
            char r = 0;
            switch (u[2]) {
            case 0x98: case 0x99: r = '\''; break;
            case 0x9C: case 0x9D: r = '"'; break;
            case 0x90: case 0x91: case 0x93: r = '-'; break;
            }
            if (r) {
                out[o++] = r;
                i += 3;
                continue;
            }
        }
        out[o++] = s[i++];
    }
    out[o] = '\0';
    k->norm = out;
    k->norm_len = (uint32_t)o;
}

/* ---- character tests --------------------------------------------------- */

static int cls_at(const char *s, size_t i, size_t end, int *n)
{
    if (i >= end) {
        *n = 0;
        return KC_SPACE;
    }
    return kc_class_at(s, i, n);
}

static int is_seq3(const char *s, size_t i, size_t end, unsigned b2)
{
    const unsigned char *u = (const unsigned char *)s + i;
    return end - i >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == b2;
}

/* ' or ’ (U+2019): apostrophe, or a closing single quote. */
static int apos_len(const char *s, size_t i, size_t end)
{
    if (i < end && s[i] == '\'')
        return 1;
    return is_seq3(s, i, end, 0x99) ? 3 : 0;
}

/* Hyphens that join words: -, U+2010, U+2011. */
static int hyphen_len(const char *s, size_t i, size_t end)
{
    if (i < end && s[i] == '-')
        return 1;
    return is_seq3(s, i, end, 0x90) || is_seq3(s, i, end, 0x91) ? 3 : 0;
}

/* Class of the character before p (p > start). */
static int prev_class(const char *s, size_t start, size_t p)
{
    size_t i = p - 1;
    while (i > start && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    int n;
    return kc_class_at(s, i, &n);
}

static int is_letter(int cls)
{
    return cls == KC_UPPER || cls == KC_LOWER || cls == KC_LETTER;
}

/* ---- word lists -------------------------------------------------------- */

enum {
    AB_NO = 0,
    AB_NEVER,  /* titles and the like: never end a sentence */
    AB_MAY,    /* may end a sentence: split before a typical sentence start */
    AB_NUMBER, /* only before a number ("No. 5"); then like AB_NEVER */
};

typedef struct word_class {
    const char *w;
    int cls;
} word_class;

/* Sorted by strcmp. */
static const word_class abbrevs[] = {
    {"Adm", AB_NEVER},  {"Ala", AB_MAY},     {"Apr", AB_MAY},
    {"Ariz", AB_MAY},   {"Art", AB_NUMBER},  {"Assn", AB_MAY},
    {"Aug", AB_MAY},    {"Ave", AB_MAY},     {"Bldg", AB_MAY},
    {"Blvd", AB_MAY},   {"Bros", AB_MAY},    {"Calif", AB_MAY},
    {"Capt", AB_NEVER}, {"Cmdr", AB_NEVER},  {"Co", AB_MAY},
    {"Col", AB_NEVER},  {"Colo", AB_MAY},    {"Conn", AB_MAY},
    {"Corp", AB_MAY},   {"Cpl", AB_NEVER},   {"Dec", AB_MAY},
    {"Del", AB_MAY},    {"Dept", AB_MAY},    {"Dr", AB_NEVER},
    {"Drs", AB_NEVER},  {"Feb", AB_MAY},     {"Fig", AB_NUMBER},
    {"Fla", AB_MAY},    {"Fr", AB_NEVER},    {"Fri", AB_MAY},
    {"Ft", AB_NEVER},   {"Ga", AB_MAY},      {"Gen", AB_NEVER},
    {"Gov", AB_NEVER},  {"Hon", AB_NEVER},   {"Ill", AB_MAY},
    {"Inc", AB_MAY},    {"Jan", AB_MAY},     {"Jr", AB_MAY},
    {"Jul", AB_MAY},    {"Jun", AB_MAY},     {"Kan", AB_MAY},
    {"Ky", AB_MAY},     {"La", AB_MAY},      {"Lt", AB_NEVER},
    {"Ltd", AB_MAY},    {"Maj", AB_NEVER},   {"Mass", AB_MAY},
    {"Md", AB_MAY},     {"Messrs", AB_NEVER}, {"Mich", AB_MAY},
    {"Minn", AB_MAY},   {"Miss", AB_MAY},    {"Mo", AB_MAY},
    {"Mon", AB_MAY},    {"Mr", AB_NEVER},    {"Mrs", AB_NEVER},
    {"Ms", AB_NEVER},   {"Mt", AB_NEVER},    {"Neb", AB_MAY},
    {"Nev", AB_MAY},    {"No", AB_NUMBER},   {"Nos", AB_NUMBER},
    {"Nov", AB_MAY},    {"Oct", AB_MAY},     {"Okla", AB_MAY},
    {"Ore", AB_MAY},    {"Pa", AB_MAY},      {"Ph", AB_NEVER},
    {"Pres", AB_NEVER}, {"Prof", AB_NEVER},  {"Pvt", AB_NEVER},
    {"Rd", AB_MAY},     {"Rep", AB_NEVER},   {"Reps", AB_NEVER},
    {"Rev", AB_NEVER},  {"Sat", AB_MAY},     {"Sec", AB_NEVER},
    {"Sen", AB_NEVER},  {"Sens", AB_NEVER},  {"Sept", AB_MAY},
    {"Sgt", AB_NEVER},  {"Sr", AB_MAY},      {"St", AB_MAY},
    {"Sun", AB_MAY},    {"Supt", AB_NEVER},  {"Tenn", AB_MAY},
    {"Tex", AB_MAY},    {"Thu", AB_MAY},     {"Thur", AB_MAY},
    {"Thurs", AB_MAY},  {"Tue", AB_MAY},     {"Tues", AB_MAY},
    {"Va", AB_MAY},     {"Vol", AB_NUMBER},  {"Vt", AB_MAY},
    {"Wash", AB_MAY},   {"Wed", AB_MAY},     {"Wis", AB_MAY},
    {"al", AB_MAY},     {"approx", AB_NEVER}, {"cf", AB_NEVER},
    {"dept", AB_MAY},   {"e.g", AB_NEVER},   {"ext", AB_NUMBER},   {"eg", AB_NEVER},
    {"esp", AB_NEVER},  {"est", AB_MAY},     {"etc", AB_MAY},
    {"i.e", AB_NEVER},  {"ie", AB_NEVER},    {"incl", AB_NEVER},
    {"no", AB_NUMBER},  {"nos", AB_NUMBER},  {"pp", AB_NUMBER},
    {"vol", AB_NUMBER}, {"vs", AB_NEVER},    {"viz", AB_NEVER},
};

/* Capitalised words that typically open a sentence: after "U.S." or an
 * initial they mark a boundary ("... in the U.S. The ..."), where other
 * capitalised words do not ("U.S. Secretary of State"). */
static const char *const starters[] = {
    "A",        "According", "After",   "Also",      "Although", "An",
    "And",      "As",        "At",      "Because",   "Before",   "But",
    "By",       "During",    "Earlier", "For",       "From",     "He",
    "Her",      "His",       "How",     "However",   "I",        "If",
    "In",       "It",        "Its",     "Last",      "Later",    "Meanwhile",
    "Most",     "My",        "No",      "Not",       "Now",      "Officials",
    "On",       "One",       "Our",     "Please",    "She",      "Since",
    "So",
    "Some",     "Such",      "That",    "The",       "Their",    "Then",
    "There",    "These",     "They",    "This",      "Those",    "Thus",
    "To",       "Under",     "We",      "What",      "When",     "Where",
    "While",    "Who",       "Why",     "With",      "Yet",      "You",
};

static int cmp_word(const char *w, size_t len, const char *entry)
{
    int c = strncmp(w, entry, len);
    if (c)
        return c;
    return entry[len] ? -1 : 0;
}

static int abbrev_class(const char *w, size_t len)
{
    size_t lo = 0, hi = sizeof abbrevs / sizeof abbrevs[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cmp_word(w, len, abbrevs[mid].w);
        if (c == 0)
            return abbrevs[mid].cls;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return AB_NO;
}

static int is_starter(const char *w, size_t len)
{
    size_t lo = 0, hi = sizeof starters / sizeof starters[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cmp_word(w, len, starters[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* "U.S", "e.g", "a.m", "Ph.D": letters in groups of at most three. */
static int is_dotted_abbrev(const char *s, size_t p, size_t q)
{
    size_t seg = 0;
    for (size_t i = p; i < q;) {
        int n, cls = kc_class_at(s, i, &n);
        if (s[i] == '.') {
            if (seg == 0)
                return 0;
            seg = 0;
        } else if (is_letter(cls)) {
            if (++seg > 3)
                return 0;
        } else if (cls != KC_MARK) {
            return 0;
        }
        i += (size_t)n;
    }
    return seg > 0;
}

/* Class of the abbreviation s[p, q) (without its period). */
static int word_abbrev_class(const char *s, size_t p, size_t q, int dotted)
{
    if (dotted) {
        int c = abbrev_class(s + p, q - p);
        return c ? c : is_dotted_abbrev(s, p, q) ? AB_MAY : AB_NO;
    }
    if (q - p == 1 && s[p] >= 'A' && s[p] <= 'Z' && s[p] != 'I')
        return AB_MAY; /* an initial */
    if (q - p > 2 && s[q - 2] == '-' && s[q - 1] >= 'A' && s[q - 1] <= 'Z')
        return AB_MAY; /* "ESBL-E. coli" */
    return abbrev_class(s + p, q - p);
}

/* Whether the period at q ends the abbreviation s[p, q). */
static int period_is_abbrev(tk *t, size_t p, size_t q, size_t ce, int dotted)
{
    const char *s = t->s;
    int n;
    if (kc_is_word(cls_at(s, q + 1, ce, &n)))
        return 0;
    if (q + 1 < ce && s[q + 1] == '.')
        return word_abbrev_class(s, p, q, dotted) != AB_NO;
    int c = word_abbrev_class(s, p, q, dotted);
    if (c != AB_NUMBER)
        return c != AB_NO;
    /* "No. 5": look past the white space after the period. */
    size_t r = q + 1;
    if (r != ce)
        return 0;
    size_t lim = t->a->len;
    while (r < lim && (n = kc_space_at(s, r)) != 0)
        r += (size_t)n;
    return r < lim && s[r] >= '0' && s[r] <= '9';
}

static int is_clitic(const char *w, size_t len)
{
    switch (len) {
    case 1:
        return strchr("sSdDmM", w[0]) != NULL;
    case 2:
        return strncasecmp(w, "re", 2) == 0 || strncasecmp(w, "ve", 2) == 0 ||
               strncasecmp(w, "ll", 2) == 0;
    default:
        return 0;
    }
}

/* EWT prefixes that keep their hyphen ("e-mail", "non-human", "re-read")
 * when hyphens are otherwise split. */
static int keeps_hyphen(const char *w, size_t len)
{
    static const char *const prefixes[] = {
        "anti", "bi",   "co",    "counter", "cross", "de",   "e",
        "ex",   "extra", "inter", "intra",  "mega",  "micro", "mid",
        "mini", "mis",  "multi", "neo",     "non",   "over", "post",
        "pre",  "pro",  "re",    "semi",    "sub",   "super", "trans",
        "tri",  "ultra", "un",   "under",   "vice",  "x",
    };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strlen(prefixes[i]) == len && strncasecmp(w, prefixes[i], len) == 0)
            return 1;
    return 0;
}

/* Digits before a hyphen at q that EWT keeps joined, as in phone numbers
 * "853-3242", "3-5290", "1-800-991-9019" (but not "1969-1970"). */
static int is_phone_part(const char *s, size_t seg, size_t q, size_t ce)
{
    size_t a = 0, b = 0;
    for (size_t i = seg; i < q; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        a++;
    }
    size_t i = q + 1;
    while (i < ce && s[i] >= '0' && s[i] <= '9') {
        i++;
        b++;
    }
    return a <= 3 && (b >= 4 || (b == 3 && i < ce && s[i] == '-'));
}

/* ---- tokens ------------------------------------------------------------ */

/* Words EWT splits although they have no apostrophe: "can not",
 * "gon na", "do nt". */
static const struct {
    const char *w;
    unsigned char split;
} fused[] = {
    {"aint", 2},    {"alot", 1},    {"arent", 3},    {"cannot", 3},
    {"cant", 2},    {"outta", 3},   {"thats", 4},
    {"couldnt", 5}, {"didnt", 3},   {"doesnt", 4},   {"dont", 2},
    {"gonna", 3},   {"gotta", 3},   {"hadnt", 3},    {"hasnt", 3},
    {"havent", 4},  {"isnt", 2},    {"shouldnt", 6}, {"wanna", 3},
    {"wasnt", 3},   {"werent", 4},  {"wouldnt", 5},
};

static void emit_word(tk *t, size_t p, size_t q, int special)
{
    size_t len = q - p;
    if (len >= 4 && len <= 8 && !special) {
        char c0 = (char)(t->s[p] | 0x20);
        for (size_t i = 0; i < sizeof fused / sizeof fused[0]; i++) {
            if (fused[i].w[0] == c0 && strlen(fused[i].w) == len &&
                strncasecmp(t->s + p, fused[i].w, len) == 0) {
                push(t, p, p + fused[i].split);
                push(t, p + fused[i].split, q);
                return;
            }
        }
    }
    kg_token *k = push(t, p, q);
    if (special)
        norm_copy(t, k);
}

/* A clitic token: "'s", "’re", "n't", "N’T".  Curly forms get an ASCII
 * norm, a string literal for the common lowercase ones. */
static void emit_clitic(tk *t, size_t p, size_t q)
{
    kg_token *k = push(t, p, q);
    const char *s = t->s;
    char buf[8];
    size_t o = 0;
    int curly = 0;
    for (size_t i = p; i < q && o < sizeof buf - 1;) {
        if (is_seq3(s, i, q, 0x99)) {
            buf[o++] = '\'';
            i += 3;
            curly = 1;
        } else {
            buf[o++] = s[i++];
        }
    }
    if (!curly)
        return;
    buf[o] = '\0';
    static const char *const forms[] = {"'s", "'d", "'m", "'re", "'ve",
                                        "'ll", "n't"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        if (strcmp(buf, forms[i]) == 0) {
            set_norm(k, forms[i]);
            return;
        }
    }
    norm_copy(t, k);
}

/* A word starting at p: letters, digits and marks, joined by the
 * connectors of abbreviations, numbers, hyphenated and apostrophe words;
 * then clitics or an abbreviation's period.  Returns the end. */
static size_t scan_word(tk *t, size_t p, size_t ce)
{
    const char *s = t->s;
    size_t q = p, clitic = 0, clitic_end = 0, seg = p;
    int last = KC_PUNCT, n, dotted = 0, special = 0;
    for (;;) {
        while (q < ce) {
            int cls = kc_class_at(s, q, &n);
            if (!kc_is_word(cls))
                break;
            if (cls != KC_MARK)
                last = cls;
            q += (size_t)n;
        }
        if (q >= ce)
            break;
        char c = s[q];
        int next = cls_at(s, q + 1, ce, &n);
        if (c == '.') {
            if (!kc_is_alnum(next))
                break;
            dotted = 1;
        } else if (c == '/' && q - p == 1 && last == KC_LOWER &&
                   next == KC_LOWER && !kc_is_word(cls_at(s, q + 2, ce, &n))) {
            /* "b/c", "w/o": the letter after the slash follows */
        } else if (c == '/' && q - p == 1 && s[p] == 'w' && next == KC_SPACE) {
            q++; /* "w/" (with) */
            break;
        } else if (c == ',' || c == ':' || c == '/') {
            if (last != KC_DIGIT || next != KC_DIGIT)
                break;
        } else if (c == '&') {
            if (last != KC_UPPER || next != KC_UPPER)
                break;
        } else if (c == '_' || c == '@') {
            if (!kc_is_alnum(last) || !kc_is_alnum(next))
                break;
        } else {
            int hl = hyphen_len(s, q, ce);
            /* an en dash joins numbers as in "1950–53" */
            if (!hl && last == KC_DIGIT && is_seq3(s, q, ce, 0x93))
                hl = 3;
            if (hl) {
                if (!kc_is_alnum(last) ||
                    !kc_is_alnum(cls_at(s, q + (size_t)hl, ce, &n)))
                    break;
                if (hl == 3 && s[q + 2] == (char)0x93 &&
                    cls_at(s, q + 3, ce, &n) != KC_DIGIT)
                    break;
                if ((t->opts & KG_TOKENIZE_SPLIT_HYPHENS) &&
                    !keeps_hyphen(s + seg, q - seg) &&
                    !is_phone_part(s, seg, q, ce))
                    break;
                special |= hl == 3;
                q += (size_t)hl;
                seg = q;
                continue;
            }
            int al = apos_len(s, q, ce);
            if (!al || !is_letter(last))
                break;
            size_t r = q + (size_t)al, re = r;
            while (re < ce && is_letter(kc_class_at(s, re, &n)))
                re += (size_t)n;
            if (re == r)
                break; /* "soldiers'": a quote or possessive mark */
            if (!kc_is_word(cls_at(s, re, ce, &n))) {
                if (is_clitic(s + r, re - r)) {
                    clitic = q;
                    clitic_end = re;
                    break;
                }
                if (re - r == 1 && (s[r] == 't' || s[r] == 'T') &&
                    q - p >= 2 && (s[q - 1] == 'n' || s[q - 1] == 'N')) {
                    clitic = q - 1;
                    clitic_end = re;
                    break;
                }
            }
            special |= al == 3;
            q = r;
            continue;
        }
        q++;
    }
    if (clitic) {
        if (clitic > p)
            emit_word(t, p, clitic, special);
        emit_clitic(t, clitic, clitic_end);
        return clitic_end;
    }
    if (q < ce && s[q] == '!' && q - p == 5 &&
        memcmp(s + p, "Yahoo", 5) == 0)
        q++; /* the company's name */
    /* one period for the abbreviation, but not out of an ellipsis:
     * "Inc.." is "Inc." and ".", "etc..." is "etc" and "..." */
    if (q < ce && s[q] == '.' &&
        !(q + 2 < ce && s[q + 1] == '.' && s[q + 2] == '.') &&
        period_is_abbrev(t, p, q, ce, dotted)) {
        q++;
        /* "the U.S.’s" */
        int al = apos_len(s, q, ce);
        size_t r = q + (size_t)al;
        if (al && r < ce && (s[r] == 's' || s[r] == 'S') &&
            !kc_is_word(cls_at(s, r + 1, ce, &n))) {
            emit_word(t, p, q, special);
            emit_clitic(t, q, r + 1);
            return r + 1;
        }
    }
    emit_word(t, p, q, special);
    return q;
}

static int starts_ci(const char *s, size_t p, size_t ce, const char *lit)
{
    size_t n = strlen(lit);
    return ce - p >= n && strncasecmp(s + p, lit, n) == 0;
}

/* A URL starting at p, or 0. */
static size_t url_end(const char *s, size_t p, size_t ce)
{
    size_t q;
    char c0 = (char)(s[p] | 0x20);
    if (c0 != 'h' && c0 != 'f' && c0 != 'w')
        return 0;
    if (starts_ci(s, p, ce, "http://"))
        q = p + 7;
    else if (starts_ci(s, p, ce, "https://"))
        q = p + 8;
    else if (starts_ci(s, p, ce, "ftp://"))
        q = p + 6;
    else if (starts_ci(s, p, ce, "www.") && ce - p > 4 &&
             kc_class_ascii((unsigned char)s[p + 4]) != KC_PUNCT)
        q = p + 4;
    else
        return 0;
    if (q >= ce)
        return 0;
    size_t e = ce;
    int open = 0;
    for (size_t i = p; i < ce; i++)
        open += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
    /* trailing punctuation belongs to the sentence, not the URL */
    while (e > q) {
        unsigned char c = (unsigned char)s[e - 1];
        if (c == ')' && open < 0) {
            open++;
            e--;
        } else if (c && strchr(".,;:!?'\"]>", c)) {
            e--;
        } else if (e - q >= 3 && c >= 0x80 &&
                   (is_seq3(s, e - 3, e, 0x99) || is_seq3(s, e - 3, e, 0x9D))) {
            e -= 3;
        } else {
            break;
        }
    }
    return e;
}

static size_t run_of(const char *s, size_t q, size_t ce, const char *set)
{
    while (q < ce && s[q] && strchr(set, s[q]))
        q++;
    return q;
}

static int is_email_local(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c && strchr("._%+-", c));
}

/* The domain after an '@' at p: labels joined by dots, at least two;
 * returns its end or 0. */
static size_t domain_end(const char *s, size_t p, size_t ce)
{
    size_t q = p + 1, end = 0;
    int labels = 0;
    for (;;) {
        size_t l = q;
        while (q < ce && (kc_is_alnum(kc_class_ascii((unsigned char)s[q])) ||
                          s[q] == '-') && (unsigned char)s[q] < 0x80)
            q++;
        if (q == l || s[q - 1] == '-')
            break;
        labels++;
        end = q;
        if (q + 1 < ce && s[q] == '.' &&
            kc_is_alnum(kc_class_ascii((unsigned char)s[q + 1])))
            q++;
        else
            break;
    }
    return labels >= 2 ? end : 0;
}

/* An e-mail address starting at p ("a.b@c.com", even "franz371...@gmail.com"
 * as mailing-list archives print them), or 0. */
static size_t email_end(const char *s, size_t p, size_t ce)
{
    size_t q = p;
    if (!kc_is_alnum(kc_class_ascii((unsigned char)s[p])))
        return 0;
    while (q < ce && is_email_local(s[q]))
        q++;
    if (q == p || q >= ce || s[q] != '@')
        return 0;
    return domain_end(s, q, ce);
}

/* Punctuation and symbols at p.  Returns the end. */
static size_t scan_punct(tk *t, size_t p, size_t ce, size_t cs)
{
    const char *s = t->s;
    unsigned char c = (unsigned char)s[p];
    size_t q = p + 1;
    int n;
    if (c < 0x80) {
        switch (c) {
        case '.':
            q = run_of(s, q, ce, ".");
            if (q == p + 1 && q < ce && (s[q] == '?' || s[q] == '!'))
                q = run_of(s, q, ce, "!?."); /* ".?" */
            break;
        case '-':
        case '=':
            /* "--", "===", "----==" */
            if (c == '-' || (q < ce && (s[q] == '-' || s[q] == '=')))
                q = run_of(s, q, ce, "-=");
            if (q > p + 1 || c == '-')
                break;
            goto emoticon;
        case '*': case '_': case '~': case '+': case '<': case '>':
        case '$': case '^': case '|': case '\\':
            /* "****", "____", "<<", "$$$": rules and emphasis */
            while (q < ce && s[q] == (char)c)
                q++;
            break;
        case '!':
        case '?':
            q = run_of(s, q, ce, "!?.");
            break;
        case '`':
        case '\'':
            if (q < ce && s[q] == (char)c)
                q++;
            break;
        case ':':
        case ';':
        emoticon: {
            /* emoticons: ":)", ":-(", ";-)", ":D" */
            size_t r = q;
            if (r < ce && s[r] == '-')
                r++;
            if (r < ce && strchr(")(DPp", s[r]) && s[r] &&
                !kc_is_alnum(cls_at(s, r + 1, ce, &n)) &&
                (p == cs || !kc_is_alnum(prev_class(s, cs, p)) ||
                 s[r] == ')' || s[r] == '('))
                q = r + 1;
            break;
        }
        case '@':
        case '#': {
            size_t r = c == '@' ? domain_end(s, p, ce) : 0;
            if (r) { /* "@paulhastings.com" */
                q = r;
                break;
            }
            r = q;
            while (r < ce && (kc_is_alnum(kc_class_ascii((unsigned char)s[r])) ||
                              s[r] == '_') && (unsigned char)s[r] < 0x80)
                r++;
            if (r > q && (c == '@' || kc_class_ascii((unsigned char)s[q]) != KC_DIGIT))
                q = r;
            break;
        }
        default:
            break;
        }
        push(t, p, q);
        return q;
    }
    uint32_t cp = kc_decode((const unsigned char *)s + p, &n);
    q = p + (size_t)n;
    const char *norm = NULL;
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B:
        norm = "'";
        break;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB:
    case 0x00BB:
        norm = "\"";
        break;
    case 0x2012: case 0x2013: case 0x2014: case 0x2015:
        norm = "--";
        while (is_seq3(s, q, ce, 0x93) || is_seq3(s, q, ce, 0x94))
            q += 3;
        break;
    case 0x2026:
        norm = "...";
        break;
    default:
        /* keep combining marks and variation selectors with their symbol */
        while (q < ce && kc_class_at(s, q, &n) == KC_MARK)
            q += (size_t)n;
        break;
    }
    kg_token *k = push(t, p, q);
    if (norm)
        set_norm(k, norm);
    return q;
}

/* Tokens of s[cs, ce), a run without white space. */
static void scan_chunk(tk *t, size_t cs, size_t ce)
{
    const char *s = t->s;
    size_t p = cs;
    int has_at = memchr(s + cs, '@', ce - cs) != NULL;
    while (p < ce) {
        int n, cls = kc_class_at(s, p, &n);
        size_t e;
        if (has_at && (e = email_end(s, p, ce)) != 0) {
            push(t, p, e);
            p = e;
        } else if (cls == KC_LOWER || cls == KC_UPPER) {
            if ((e = url_end(s, p, ce)) != 0) {
                push(t, p, e);
                p = e;
            } else {
                p = scan_word(t, p, ce);
            }
        } else if (kc_is_word(cls)) {
            p = scan_word(t, p, ce);
        } else {
            int al = apos_len(s, p, ce);
            if (al && (p == cs || !kc_is_word(prev_class(s, cs, p))) &&
                cls_at(s, p + (size_t)al, ce, &n) == KC_DIGIT) {
                /* "'90s", "’02" */
                size_t r = p + (size_t)al;
                while (r < ce && kc_is_alnum(kc_class_at(s, r, &n)))
                    r += (size_t)n;
                kg_token *k = push(t, p, r);
                if (al == 3)
                    norm_copy(t, k);
                p = r;
            } else {
                p = scan_punct(t, p, ce, cs);
            }
        }
    }
}

/* Tokens of s[start, end); returns -1 when memory runs out. */
static int scan_span(tk *t, size_t start, size_t end)
{
    const char *s = t->s;
    kg_article *a = t->a;
    size_t p = start;
    uint32_t first = a->ntokens;
    while (p < end) {
        int n;
        while (p < end && (n = kc_space_at(s, p)) != 0)
            p += (size_t)n;
        if (p >= end)
            break;
        size_t ce = p;
        while (ce < end) {
            unsigned char c = (unsigned char)s[ce];
            if (c < 0x80) {
                if (kc_class_ascii(c) == KC_SPACE)
                    break;
                ce++;
            } else {
                if (kc_class_at(s, ce, &n) == KC_SPACE)
                    break;
                ce += (size_t)n;
            }
        }
        if (grow(&a->arena, (void **)&a->tokens, &t->cap, a->ntokens,
                 (size_t)a->ntokens + (ce - p), sizeof(kg_token)) < 0)
            return -1;
        scan_chunk(t, p, ce);
        if (ce < end || (ce < a->len && kc_space_at(s, ce)))
            a->tokens[a->ntokens - 1].flags |= KG_TOK_SPACE_AFTER;
        p = ce;
    }
    if (a->ntokens > first)
        a->tokens[first].flags |= KG_TOK_PARA_START;
    return 0;
}

/* ---- sentences --------------------------------------------------------- */

/* ".", "!", "?!", "...", "…" */
static int is_terminal(const kg_article *a, const kg_token *k)
{
    uint32_t len;
    const char *f = kg_token_form(a, k, &len);
    if (len >= 2 && len <= 3 && strchr(":;=", f[0]) &&
        strchr(")(DP", f[len - 1]))
        return 1; /* an emoticon ends a sentence as "!" does */
    if (len == 3 && ((unsigned char)f[0] == 0xE0 || (unsigned char)f[0] == 0xE3 ||
                     (unsigned char)f[0] == 0xEF))
        return memcmp(f, "\xE0\xA5\xA4", 3) == 0 || /* Devanagari danda */
               memcmp(f, "\xE3\x80\x82", 3) == 0 || /* ideographic stop */
               memcmp(f, "\xEF\xBC\x81", 3) == 0 || /* fullwidth ! */
               memcmp(f, "\xEF\xBC\x9F", 3) == 0;   /* fullwidth ? */
    for (uint32_t i = 0; i < len; i++)
        if (f[i] != '.' && f[i] != '!' && f[i] != '?')
            return 0;
    return len > 0;
}

static int is_closing(const kg_article *a, const kg_token *k)
{
    uint32_t len;
    const char *f = kg_token_form(a, k, &len);
    if (len == 2)
        return f[0] == '\'' && f[1] == '\'';
    return len == 1 && strchr(")]}\"'", f[0]) && f[0];
}

static int is_opening(const kg_article *a, const kg_token *k)
{
    uint32_t len;
    const char *f = kg_token_form(a, k, &len);
    if (len == 2)
        return f[0] == '`' && f[1] == '`';
    return len == 1 && strchr("([{\"'`", f[0]) && f[0];
}

/* Class of the first character of token j, looking past opening quotes
 * and brackets. */
static int next_class(const tk *t, uint32_t j, uint32_t last)
{
    const kg_article *a = t->a;
    while (j + 1 < last && is_opening(a, &a->tokens[j]))
        j++;
    int n;
    return kc_class_at(t->s, a->tokens[j].start, &n);
}

static int next_is_starter(const tk *t, uint32_t j, uint32_t last)
{
    const kg_article *a = t->a;
    const kg_token *k = &a->tokens[j];
    uint32_t len;
    const char *f = kg_token_form(a, k, &len);
    if (is_opening(a, k) && f[0] != '(' && f[0] != '[' && f[0] != '{')
        return j + 1 < last && next_class(t, j, last) == KC_UPPER;
    return is_starter(t->s + k->start, k->end - k->start);
}

static int push_sentence(tk *t, uint32_t first, uint32_t end, uint32_t para,
                         int kind)
{
    kg_article *a = t->a;
    if (grow(&a->arena, (void **)&a->sentences, &t->scap, a->nsentences,
             (size_t)a->nsentences + 1, sizeof(kg_sentence)) < 0)
        return -1;
    kg_sentence *st = &a->sentences[a->nsentences++];
    const kg_token *f = &a->tokens[first], *l = &a->tokens[end - 1];
    st->first = first;
    st->count = end - first;
    st->start = f->start;
    st->end = l->end;
    st->cstart = f->cstart;
    st->cend = l->cend;
    st->paragraph = para;
    st->kind = (uint8_t)kind;
    return 0;
}

/* Whether a sentence ends after token i (a terminal or an abbreviation);
 * *end gets the index after any closing quotes and brackets. */
static int ends_sentence(tk *t, uint32_t i, uint32_t last, uint32_t *end)
{
    kg_article *a = t->a;
    const kg_token *k = &a->tokens[i];
    const char *s = t->s;
    int terminal = is_terminal(a, k), abbrev = 0;
    if (!terminal) {
        size_t len = k->end - k->start;
        if (len < 2 || s[k->end - 1] != '.')
            return 0;
        int dotted = memchr(s + k->start, '.', len - 1) != NULL;
        abbrev = word_abbrev_class(s, k->start, k->end - 1, dotted);
        if (abbrev != AB_MAY)
            return 0;
    }
    uint32_t j = i + 1;
    while (j < last && is_closing(a, &a->tokens[j]) &&
           !(a->tokens[j - 1].flags & KG_TOK_SPACE_AFTER))
        j++;
    *end = j;
    if (j >= last)
        return 1;
    if (abbrev)
        return next_is_starter(t, j, last);
    int cls = next_class(t, j, last);
    /* "...and", "?!But": no space, no new sentence */
    if (!(a->tokens[j - 1].flags & KG_TOK_SPACE_AFTER) &&
        !is_opening(a, &a->tokens[j]))
        return 0;
    if (cls == KC_LOWER) {
        /* "he said. then" starts a sentence (web text writes so), but not
         * '"Why?" he asked' nor "wait... what" */
        uint32_t len;
        const char *f = kg_token_form(a, k, &len);
        return j == i + 1 && !(len > 1 && f[0] == '.');
    }
    if (cls == KC_PUNCT) {
        /* "Yahoo! , and" or "?) ." do not start a sentence; quotes,
         * brackets and other symbols may */
        const kg_token *nx = &a->tokens[j];
        uint32_t len;
        const char *f = kg_token_form(a, nx, &len);
        if (len && strchr(",;:)]}%", f[0]) && f[0])
            return 0;
        if (is_terminal(a, nx))
            return 0;
    }
    return 1;
}

/* Whether the paragraph [first, last) that made one sentence is a
 * sub-heading: a short line without sentence-final punctuation. */
static int is_heading(tk *t, uint32_t para, uint32_t first, uint32_t last)
{
    kg_article *a = t->a;
    if (a->plain || last - first > 15)
        return 0;
    const kg_span *p = &a->paragraphs[para];
    if (memchr(t->s + p->start, '\n', p->end - p->start) ||
        memchr(t->s + p->start, '\r', p->end - p->start))
        return 0;
    uint32_t i = last - 1;
    while (i > first && is_closing(a, &a->tokens[i]))
        i--;
    const kg_token *k = &a->tokens[i];
    if (is_terminal(a, k))
        return 0;
    uint32_t len;
    const char *f = kg_token_form(a, k, &len);
    /* "The questions are --" is speech broken off, not a heading */
    return !(len >= 1 && strchr(",;:-", f[0]) && f[0]);
}

static int split_sentences(tk *t, uint32_t first, uint32_t last, uint32_t para)
{
    kg_article *a = t->a;
    uint32_t start = first, nbefore = a->nsentences;
    for (uint32_t i = first; i < last; i++) {
        uint32_t end;
        if (i + 1 - start >= KG_SENTENCE_MAX_TOKENS) {
            end = i + 1;
            if (end < last && !t->warned_long) {
                kg_diag_warning_at(t->d, a->path, a->text, a->len,
                                   a->tokens[start].start,
                                   "sentence longer than %d tokens cut",
                                   KG_SENTENCE_MAX_TOKENS);
                t->warned_long = 1;
            }
        } else if (!ends_sentence(t, i, last, &end)) {
            continue;
        }
        if (push_sentence(t, start, end, para, KG_SENT_BODY) < 0)
            return -1;
        start = end;
        i = end - 1;
    }
    if (start < last && push_sentence(t, start, last, para, KG_SENT_BODY) < 0)
        return -1;
    if (a->nsentences == nbefore + 1 && is_heading(t, para, first, last))
        a->sentences[nbefore].kind = KG_SENT_HEADING;
    return 0;
}

/* ---- entry ------------------------------------------------------------- */

int kg_tokenize_opts(kg_article *a, unsigned opts, kg_diag *d)
{
    tk t = {.a = a, .d = d, .s = a->text, .opts = opts};
    a->tokens = NULL;
    a->ntokens = 0;
    a->sentences = NULL;
    a->nsentences = 0;
    if (!a->text)
        return 0;
    size_t bytes = a->title.end - a->title.start;
    for (uint32_t i = 0; i < a->nparagraphs; i++)
        bytes += a->paragraphs[i].end - a->paragraphs[i].start;
    /* about one token per five bytes of English; more are grown into */
    if (grow(&a->arena, (void **)&a->tokens, &t.cap, 0, bytes / 4 + 16,
             sizeof(kg_token)) < 0 ||
        grow(&a->arena, (void **)&a->sentences, &t.scap, 0,
             bytes / 64 + a->nparagraphs + 4, sizeof(kg_sentence)) < 0)
        goto oom;
    if (a->title.end > a->title.start) {
        if (scan_span(&t, a->title.start, a->title.end) < 0)
            goto oom;
        for (uint32_t f = 0; f < a->ntokens; f += KG_SENTENCE_MAX_TOKENS) {
            uint32_t e = a->ntokens - f > KG_SENTENCE_MAX_TOKENS
                             ? f + KG_SENTENCE_MAX_TOKENS
                             : a->ntokens;
            if (push_sentence(&t, f, e, KG_PARAGRAPH_NONE, KG_SENT_TITLE) < 0)
                goto oom;
        }
    }
    for (uint32_t i = 0; i < a->nparagraphs; i++) {
        uint32_t first = a->ntokens;
        if (scan_span(&t, a->paragraphs[i].start, a->paragraphs[i].end) < 0 ||
            split_sentences(&t, first, a->ntokens, i) < 0)
            goto oom;
    }
    return 0;
oom:
    kg_diag_oom(d, "tokenizing");
    return -1;
}

int kg_tokenize(kg_article *a, kg_diag *d)
{
    return kg_tokenize_opts(a, 0, d);
}
