/*
 * rdf.c - RDF writers.
 *
 * The graph (or the ontology) is first turned into a flat list of
 * statements with checked terms; the list is then handed to a raptor
 * serializer (turtle, ntriples, nquads) or, for TriG, which raptor 2.0.15
 * can parse but not write, to the small writer at the end of this file.
 * Both paths see the same statements, so every format holds the same data.
 *
 * raptor ownership: raptor_new_world, raptor_new_serializer,
 * raptor_new_iostream_from_handler and raptor_new_uri return objects the
 * caller frees (raptor_free_world / _serializer / _iostream / _uri).
 * raptor_new_term_* returns a term owned by the caller; put into a
 * raptor_statement, it is freed by raptor_statement_clear().  Terms,
 * datatype URIs and namespace URIs handed to raptor are copied (reference
 * counted) by raptor, so ours are released right after the call.
 * raptor_serializer_serialize_statement copies what it keeps.  The
 * serializer writes through an iostream whose handler appends to our
 * kg_buf; the handler's context stays ours.  Serializer and iostream are
 * freed before the world, which every other raptor object refers to.
 *
 * raptor 2.0.15's turtle serializer writes a carriage return inside a
 * short string literal as a raw byte, which no Turtle parser (raptor's
 * included) accepts.  Since every IRI and prefix we hand it is free of
 * control characters, a raw CR in its output can only come from a
 * literal, and it is rewritten as the escape \r, which means the same
 * character in both short and long strings.
 */
#include "base/alloc.h"
#include "write/rdf.h"

#include "base/hash.h"

#include <raptor2.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#ifndef KG_VERSION
#define KG_VERSION "unknown"
#endif

#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define NS_XSD "http://www.w3.org/2001/XMLSchema#"
#define NS_OWL "http://www.w3.org/2002/07/owl#"
#define NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define NS_PROV "http://www.w3.org/ns/prov#"
#define NS_NIF "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define NS_SCHEMA "https://schema.org/"
#define NS_SEM "http://semanticweb.cs.vu.nl/2009/11/sem/"

#define RDF_TYPE NS_RDF "type"
#define RDFS_LABEL NS_RDFS "label"

/* kgraph's own terms, in the "kg" namespace chosen at run time. */
enum kg_term {
    KT_ENTITY,
    KT_SENTENCE,
    KT_RULE,
    KT_CONFIDENCE,
    KT_NEGATED,
    KT_ATTRIBUTED,
    KT_HYPOTHETICAL,
    KT_MODALITY,
    KT_TENSE,
    KT_TIME,
    KT_PLACE,
    KT_SHA256,
    KT_STANDS_FOR,
    KT_OPEN_RELATION,
    KT_COUNT
};

static const struct {
    const char *local, *label, *comment;
    const char *kind; /* OWL class of the term, for the schema */
} kg_terms[KT_COUNT] = {
    [KT_ENTITY] = {"Entity", "entity",
                   "A named thing found in the text that the ontology does "
                   "not classify.",
                   NS_OWL "Class"},
    [KT_SENTENCE] = {"sentence", "sentence",
                     "0-based index of the evidence sentence in its article.",
                     NS_OWL "DatatypeProperty"},
    [KT_RULE] = {"rule", "rule", "The extraction rule that found the fact.",
                 NS_OWL "DatatypeProperty"},
    [KT_CONFIDENCE] = {"confidence", "confidence",
                       "Confidence of the extraction, from 0 to 1.",
                       NS_OWL "DatatypeProperty"},
    [KT_NEGATED] = {"negated", "negated",
                    "True when the sentence denies the fact.",
                    NS_OWL "DatatypeProperty"},
    [KT_ATTRIBUTED] = {"attributed", "attributed",
                       "True when the fact is reported speech.",
                       NS_OWL "DatatypeProperty"},
    [KT_HYPOTHETICAL] = {"hypothetical", "hypothetical",
                         "True when the fact is only supposed: the content "
                         "of a suggestion, belief, question or condition.",
                         NS_OWL "DatatypeProperty"},
    [KT_MODALITY] = {"modality", "modality",
                     "Modal verb qualifying the fact (might, must, ...).",
                     NS_OWL "DatatypeProperty"},
    [KT_TENSE] = {"tense", "tense", "Tense of the clause: past, present, "
                                    "future.",
                  NS_OWL "DatatypeProperty"},
    [KT_TIME] = {"time", "time", "Time expression qualifying the fact.",
                 NS_OWL "DatatypeProperty"},
    [KT_PLACE] = {"place", "place", "Place qualifying the fact.",
                  NS_OWL "DatatypeProperty"},
    [KT_SHA256] = {"sha256", "SHA-256",
                   "SHA-256 digest of a file, lower-case hex.",
                   NS_OWL "DatatypeProperty"},
    [KT_STANDS_FOR] = {"standsFor", "stands for",
                       "Metonymy: the entity this one can stand for as an "
                       "agent (a capital for its country).",
                       NS_OWL "ObjectProperty"},
    [KT_OPEN_RELATION] = {"OpenRelation", "open relation",
                          "A relation phrase found in the text that the "
                          "ontology does not define.",
                          NS_OWL "Class"},
};

/* One statement; o is a literal when olit, with datatype dt (NULL:
 * xsd:string); g is the named graph, NULL for the default graph. */
typedef struct rdf_stmt {
    const char *s, *p, *o, *dt, *g;
    bool olit;
    uint64_t hash; /* stmt_hash_of, computed once (sets merge statements) */
} rdf_stmt;

/* Entries of the writer's IRI memo: 2^CHECKED_BITS. */
#define CHECKED_BITS 8

typedef struct rdf_writer {
    kg_arena arena; /* checked strings, minted IRIs */
    kg_diag *d;
    bool failed;    /* out of memory or a raptor error (already in d) */
    rdf_stmt *st;
    size_t nst, capst;
    uint64_t *seen;   /* open addressing: hash's high half << 32 |
                         statement index + 1; 0 = empty */
    size_t capseen;   /* power of two, at least 2 * nst */
    kg_prefix *pfx;
    size_t npfx, cappfx;
    const char *base; /* checked base IRI for relative IRIs */
    /* IRIs checked (input -> output, and the output's hash for
     * stmt_hash_of), direct-mapped by the input's address: a subject comes
     * back for each of its properties, a predicate for every node.
     * Inputs outlive the writer, so a pointer names one string. */
    struct iri_memo {
        const char *in, *out;
        uint64_t hash;
    } checked[1u << CHECKED_BITS];
    const char *kg[KT_COUNT];
    const char *graph; /* article_graphs: the graph of default-graph
                          statements, else NULL */
    uint64_t graph_hash; /* term_hash(graph) */
    bool copy;         /* a kg_rdf_set that outlives the graphs added to
                          it: new statements' strings are interned */
    kg_strmap interned; /* copy: string -> index into strs */
    const char **strs;
    size_t nstrs, capstrs;
    /* During kg_rdf_set_merge: the source's strings interned so far, by
     * address (direct-mapped; the source's strings neither move nor change
     * during the call), else NULL */
    struct intern_memo *memo;
    bool raptor_nt;    /* N-Triples/N-Quads through raptor (tests) */
} rdf_writer;

static void oom(rdf_writer *w)
{
    if (!w->failed)
        kg_diag_oom(w->d, "writing RDF");
    w->failed = true;
}

/* --- checked text and IRIs --------------------------------------------- */

/* s when it is valid UTF-8, else a copy with U+FFFD for each bad byte. */
static const char *clean_text(rdf_writer *w, const char *s)
{
    if (!s)
        return NULL;
    size_t len = strlen(s), i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0)
            break;
        i += (size_t)k;
    }
    if (i == len)
        return s;
    kg_buf b;
    kg_buf_init(&b);
    int err = kg_buf_append(&b, s, i);
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            err |= kg_buf_puts(&b, "\xEF\xBF\xBD");
            i++;
        } else {
            err |= kg_buf_append(&b, s + i, (size_t)k);
            i += (size_t)k;
        }
    }
    const char *r = err ? NULL : kg_arena_strndup(&w->arena, b.data, b.len);
    kg_buf_release(&b);
    if (!r)
        oom(w);
    return r;
}

static bool is_alpha(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool is_hex(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Length of "scheme:" at the start of s, or 0. */
static size_t scheme_len(const char *s)
{
    if (!is_alpha((unsigned char)s[0]))
        return 0;
    size_t i = 1;
    while (is_alpha((unsigned char)s[i]) || is_digit((unsigned char)s[i]) ||
           s[i] == '+' || s[i] == '-' || s[i] == '.')
        i++;
    return s[i] == ':' ? i + 1 : 0;
}

/* ASCII characters allowed in an IRI as they are: not the controls,
 * space, <>"{}|^`\ or DEL. */
static const bool iri_ascii[128] = {
    ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1,
    ['('] = 1, [')'] = 1, ['*'] = 1, ['+'] = 1, [','] = 1, ['-'] = 1,
    ['.'] = 1, ['/'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,
    ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    [':'] = 1, [';'] = 1, ['='] = 1, ['?'] = 1, ['@'] = 1, ['['] = 1,
    [']'] = 1, ['_'] = 1, ['~'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
    ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
    ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

/* Length of the character at s if it may appear in an IRI as it is (and
 * in N-Triples, Turtle and TriG without escaping), or 0: ASCII controls,
 * space, <>"{}|^`\ and DEL may not, nor a second '#', a '%' that starts
 * no escape, C1 controls, noncharacters or bytes that are not UTF-8. */
static size_t iri_char(const char *s, size_t left, bool *seen_hash)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) {
        if (!iri_ascii[c])
            return 0;
        if (c == '#') {
            if (*seen_hash)
                return 0;
            *seen_hash = true;
        }
        if (c == '%' && !(is_hex((unsigned char)s[1]) &&
                          is_hex((unsigned char)s[2])))
            return 0;
        return 1;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)left, &cp);
    if (k <= 0 || cp < 0xA0 || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
        (cp & 0xFFFE) == 0xFFFE)
        return 0;
    return (size_t)k;
}

static const char *clean_iri_uncached(rdf_writer *w, const char *s);

/* An IRI every RDF syntax accepts: s itself when it already is one, else
 * a copy with the offending bytes percent-encoded, resolved against
 * w->base when it has no scheme.  NULL for NULL. */
static uint64_t term_hash(const char *s);

/* The slot of a string by its address in a direct-mapped memo of 2^bits
 * entries (the memos below: within a call, an address names one
 * string). */
static size_t addr_slot(const void *p, unsigned bits)
{
    return (size_t)(((uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull) >> (64 - bits));
}

/* clean_iri, and in *hash term_hash of the result (0 for NULL). */
static const char *clean_iri_hashed(rdf_writer *w, const char *s, uint64_t *hash)
{
    *hash = 0;
    if (!s)
        return NULL;
    struct iri_memo *m = &w->checked[addr_slot(s, CHECKED_BITS)];
    if (m->in == s) {
        *hash = m->hash;
        return m->out;
    }
    const char *r = clean_iri_uncached(w, s);
    if (r) {
        m->in = s;
        m->out = r;
        m->hash = *hash = term_hash(r);
    }
    return r;
}

static const char *clean_iri(rdf_writer *w, const char *s)
{
    uint64_t h;
    return clean_iri_hashed(w, s, &h);
}

static const char *clean_iri_uncached(rdf_writer *w, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t len = strlen(s), i = 0;
    bool seen_hash = false;
    bool absolute = scheme_len(s) > 0;
    if (absolute) {
        size_t n;
        while (i < len && (n = iri_char(s + i, len - i, &seen_hash)) > 0)
            i += n;
        if (i == len)
            return s;
    }
    kg_buf b;
    kg_buf_init(&b);
    int err = 0;
    seen_hash = false;
    if (!absolute && w->base) {
        seen_hash = strchr(w->base, '#') != NULL;
        err |= kg_buf_puts(&b, w->base);
    }
    for (i = 0; i < len;) {
        size_t n = iri_char(s + i, len - i, &seen_hash);
        if (n > 0) {
            err |= kg_buf_append(&b, s + i, n);
            i += n;
            continue;
        }
        /* The whole character when it is UTF-8, else the one byte. */
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        n = k > 0 ? (size_t)k : 1;
        for (size_t j = 0; j < n; j++) {
            unsigned char x = (unsigned char)s[i + j];
            char esc[3] = {'%', hex[x >> 4], hex[x & 15]};
            err |= kg_buf_append(&b, esc, 3);
        }
        i += n;
    }
    const char *r = err || !b.data ? NULL
                                   : kg_arena_strndup(&w->arena, b.data, b.len);
    kg_buf_release(&b);
    if (!r)
        oom(w);
    return r;
}

/* True when s can be written as an IRI unchanged (an article URL that is
 * not becomes a literal rather than a repaired IRI). */
bool kg_rdf_iri_valid(const char *s)
{
    if (!s || scheme_len(s) == 0)
        return false;
    size_t len = strlen(s), i = 0, n;
    bool seen_hash = false;
    while (i < len && (n = iri_char(s + i, len - i, &seen_hash)) > 0)
        i += n;
    return i == len;
}

/* --- statements ---------------------------------------------------------- */

/* A statement's hash combines its terms' (0 for a missing one). */
static uint64_t term_hash(const char *s)
{
    return s ? kg_hash64(s, strlen(s), 0x72646600) : 0;
}

static uint64_t stmt_hash_of(bool olit, uint64_t s, uint64_t p, uint64_t o, uint64_t dt,
                             uint64_t g)
{
    uint64_t h = olit;
    h = kg_hash_mix(h, s);
    h = kg_hash_mix(h, p);
    h = kg_hash_mix(h, o);
    h = kg_hash_mix(h, dt);
    return kg_hash_mix(h, g);
}

static bool same_opt(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool stmt_equal(const rdf_stmt *a, const rdf_stmt *b)
{
    return a->olit == b->olit && same_opt(a->s, b->s) &&
           same_opt(a->p, b->p) && same_opt(a->o, b->o) &&
           same_opt(a->dt, b->dt) && same_opt(a->g, b->g);
}

/* Insert statement i into the set; false when an equal one is there. */
static bool seen_insert(rdf_writer *w, size_t i)
{
    size_t mask = w->capseen - 1;
    uint64_t h = w->st[i].hash;
    uint64_t tag = h & 0xFFFFFFFF00000000ull;
    for (size_t k = h & mask;; k = (k + 1) & mask) {
        uint64_t e = w->seen[k];
        if (e == 0) {
            w->seen[k] = tag | ((uint64_t)i + 1);
            return true;
        }
        /* the tag spares most visits to statements that differ */
        if ((e & 0xFFFFFFFF00000000ull) == tag &&
            stmt_equal(&w->st[(e & 0xFFFFFFFFu) - 1], &w->st[i]))
            return false;
    }
}

/* An article's statements repeat their subject, graph and predicates:
 * looking each string up in the set's interned strings (a table of
 * megabytes, read at random) cost most of a merge. */
#define INTERN_BITS 10
#define INTERN_MEMO (1u << INTERN_BITS)

typedef struct intern_memo {
    const char *from[INTERN_MEMO], *to[INTERN_MEMO];
} intern_memo;


static const char *intern_lookup(rdf_writer *w, const char *s);

/* One copy of each string a copying set keeps. */
static const char *intern_str(rdf_writer *w, const char *s)
{
    if (!s || w->failed)
        return s;
    if (!w->memo)
        return intern_lookup(w, s);
    size_t k = addr_slot(s, INTERN_BITS);
    if (w->memo->from[k] == s)
        return w->memo->to[k];
    const char *r = intern_lookup(w, s);
    if (r) {
        w->memo->from[k] = s;
        w->memo->to[k] = r;
    }
    return r;
}

static const char *intern_lookup(rdf_writer *w, const char *s)
{
    size_t len = strlen(s);
    int i = kg_strmap_get(&w->interned, s, len);
    if (i >= 0)
        return w->strs[i];
    if (w->nstrs == w->capstrs) {
        size_t ncap = w->capstrs ? w->capstrs * 2 : 256;
        const char **n = ncap < INT32_MAX ? kg_realloc(w->strs, ncap * sizeof *n)
                                          : NULL;
        if (!n) {
            oom(w);
            return NULL;
        }
        w->strs = n;
        w->capstrs = ncap;
    }
    char *c = kg_arena_strndup(&w->arena, s, len);
    if (!c || kg_strmap_put(&w->interned, c, len, (int)w->nstrs) < 0) {
        oom(w);
        return NULL;
    }
    w->strs[w->nstrs++] = c;
    return c;
}

/* The statement's strings replaced by equal interned ones: its hash and
 * its place in the seen set do not change. */
static void intern_stmt(rdf_writer *w, rdf_stmt *t)
{
    t->s = intern_str(w, t->s);
    t->p = intern_str(w, t->p);
    t->o = intern_str(w, t->o);
    t->dt = intern_str(w, t->dt);
    t->g = intern_str(w, t->g);
}

/* Statements are kept once (the first time), so that N-Triples has one
 * line per triple even when two descriptions overlap (an entity in both
 * the graph and the schema).  Strings are kept by pointer when they need
 * no repair: they must outlive the writer (graph, ontology, w->arena or
 * static storage; never a stack buffer). */
/* Add a statement whose terms are already checked (raw: no cleaning and
 * no article graph applied). */
static void add_checked(rdf_writer *w, const rdf_stmt *in)
{
    if (w->failed || !in->s || !in->p || !in->o)
        return;
    if (w->nst == w->capst) {
        size_t ncap = w->capst ? w->capst * 2 : 256;
        rdf_stmt *n = ncap < UINT32_MAX ? kg_realloc(w->st, ncap * sizeof *n)
                                        : NULL;
        uint64_t *set = kg_calloc(ncap * 2, sizeof *set);
        if (!n || !set) {
            free(set);
            if (n)
                w->st = n;
            oom(w);
            return;
        }
        w->st = n;
        w->capst = ncap;
        free(w->seen);
        w->seen = set;
        w->capseen = ncap * 2;
        for (size_t i = 0; i < w->nst; i++)
            seen_insert(w, i);
    }
    rdf_stmt *t = &w->st[w->nst];
    *t = *in;
    if (seen_insert(w, w->nst)) {
        if (w->copy)
            intern_stmt(w, t);
        w->nst++;
    }
}

static void add(rdf_writer *w, const char *s, const char *p, const char *o,
                bool olit, const char *dt, const char *g)
{
    if (w->failed || !s || !p || !o)
        return;
    rdf_stmt t;
    uint64_t hs, hp, ho, hd, hg;
    t.s = clean_iri_hashed(w, s, &hs);
    t.p = clean_iri_hashed(w, p, &hp);
    if (olit) {
        t.o = clean_text(w, o);
        ho = term_hash(t.o);
    } else {
        t.o = clean_iri_hashed(w, o, &ho);
    }
    t.dt = clean_iri_hashed(w, dt, &hd);
    t.g = clean_iri_hashed(w, g, &hg);
    t.olit = olit;
    if (!t.g && w->graph) {
        t.g = w->graph;
        hg = w->graph_hash;
    }
    t.hash = stmt_hash_of(olit, hs, hp, ho, hd, hg);
    if (!w->failed)
        add_checked(w, &t);
}

static const char *mint(rdf_writer *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *mint(rdf_writer *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *r = n >= 0 ? kg_arena_alloc(&w->arena, (size_t)n + 1) : NULL;
    if (r) {
        va_start(ap, fmt);
        vsnprintf(r, (size_t)n + 1, fmt, ap);
        va_end(ap);
    } else {
        oom(w);
    }
    return r;
}

/* a, b and c joined in the arena: mint's "%s%s%s" without printf's
 * machinery (sets are made and described per article).  NULL when memory
 * runs out, or when a part is NULL (a failed check already in w->d). */
static const char *cat3(rdf_writer *w, const char *a, const char *b, const char *c)
{
    if (!a || !b || !c)
        return NULL;
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *r = kg_arena_alloc(&w->arena, la + lb + lc + 1);
    if (!r) {
        oom(w);
        return NULL;
    }
    memcpy(r, a, la);
    memcpy(r + la, b, lb);
    memcpy(r + la + lb, c, lc);
    r[la + lb + lc] = '\0';
    return r;
}

static void add_iri(rdf_writer *w, const char *s, const char *p,
                    const char *o)
{
    add(w, s, p, o, false, NULL, NULL);
}

static void add_lit(rdf_writer *w, const char *s, const char *p,
                    const char *o)
{
    add(w, s, p, o, true, NULL, NULL);
}

static void add_typed(rdf_writer *w, const char *s, const char *p,
                      const char *o, const char *dt)
{
    add(w, s, p, o, true, dt, NULL);
}

static void add_uint(rdf_writer *w, const char *s, const char *p,
                     unsigned long v, const char *dt)
{
    add_typed(w, s, p, mint(w, "%lu", v), dt);
}

/* --- prefixes ------------------------------------------------------------- */

/* A prefix name every Turtle parser takes: a letter, then letters,
 * digits, '_' and '-'. */
static bool prefix_name_ok(const char *s)
{
    if (!s || !is_alpha((unsigned char)s[0]))
        return false;
    for (const char *p = s + 1; *p; p++)
        if (!is_alpha((unsigned char)*p) && !is_digit((unsigned char)*p) &&
            *p != '_' && *p != '-')
            return false;
    return true;
}

/* Bind name to iri unless the IRI is already bound; a name already bound
 * to another IRI is tried with a digit ("schema1") when alt is set. */
static void add_prefix(rdf_writer *w, const char *name, const char *iri,
                       bool alt)
{
    if (w->failed || !prefix_name_ok(name) || !iri || !*iri)
        return;
    iri = clean_iri(w, iri);
    if (!iri)
        return;
    const char *use = name;
    for (int k = 0; k < 10; k++) {
        bool taken = false;
        for (size_t i = 0; i < w->npfx; i++) {
            if (strcmp(w->pfx[i].iri, iri) == 0)
                return;
            taken |= strcmp(w->pfx[i].name, use) == 0;
        }
        if (!taken)
            break;
        if (!alt || k == 9)
            return;
        use = mint(w, "%s%d", name, k + 1);
        if (!use)
            return;
    }
    if (w->npfx == w->cappfx) {
        size_t ncap = w->cappfx ? w->cappfx * 2 : 32;
        kg_prefix *n = kg_realloc(w->pfx, ncap * sizeof *n);
        if (!n) {
            oom(w);
            return;
        }
        w->pfx = n;
        w->cappfx = ncap;
    }
    w->pfx[w->npfx].name = use;
    w->pfx[w->npfx].iri = iri;
    w->npfx++;
}

static const char *ont_prefix(const kg_ontology *o, const char *name)
{
    for (size_t i = 0; o && i < o->nprefixes; i++)
        if (o->prefixes[i].name && strcmp(o->prefixes[i].name, name) == 0)
            return o->prefixes[i].iri;
    return NULL;
}

/* Prefixes: the ontology's first (its names win), then the standard
 * vocabularies, then kgraph's namespaces under the base. */
static void setup(rdf_writer *w, const kg_ontology *o, const char *base,
                  kg_diag *d)
{
    memset(w, 0, sizeof *w);
    kg_arena_init(&w->arena);
    kg_strmap_init(&w->interned);
    w->d = d;
    w->base = KG_GRAPH_DEFAULT_BASE;
    if (base && *base)
        w->base = clean_iri(w, base);
    const char *kgns = ont_prefix(o, "kg");
    kgns = clean_iri(w, kgns ? kgns : KG_RDF_KG_NS);
    for (int i = 0; i < KT_COUNT; i++)
        w->kg[i] = kgns ? cat3(w, kgns, kg_terms[i].local, "") : NULL;

    for (size_t i = 0; o && i < o->nprefixes; i++)
        add_prefix(w, o->prefixes[i].name, o->prefixes[i].iri, false);
    static const char *const std[][2] = {
        {"rdf", NS_RDF},   {"rdfs", NS_RDFS},     {"xsd", NS_XSD},
        {"owl", NS_OWL},   {"skos", NS_SKOS},     {"prov", NS_PROV},
        {"nif", NS_NIF},   {"schema", NS_SCHEMA}, {"sem", NS_SEM},
    };
    for (size_t i = 0; i < sizeof std / sizeof std[0]; i++)
        add_prefix(w, std[i][0], std[i][1], true);
    add_prefix(w, "kg", kgns, true);
    if (w->base) {
        const char *dp = o ? o->default_prefix : NULL;
        const char *dpi = dp ? ont_prefix(o, dp) : NULL;
        if (!dpi || strcmp(dpi, w->base) != 0)
            add_prefix(w, "data", w->base, false);
        static const char *const sub[] = {"entity", "rel", "article", "stmt",
                                          "run", "agent", "source"};
        for (size_t i = 0; i < sizeof sub / sizeof sub[0]; i++)
            add_prefix(w, sub[i], cat3(w, w->base, sub[i], "/"), false);
    }
}

static void teardown(rdf_writer *w)
{
    free(w->st);
    free(w->seen);
    free(w->pfx);
    free(w->strs);
    kg_strmap_release(&w->interned);
    kg_arena_release(&w->arena);
}

/* --- values ------------------------------------------------------------- */

/* Confidence with three decimals, without printf's locale-dependent
 * decimal point. */
static void fmt_confidence(double c, char *out, size_t cap)
{
    if (!(c >= 0.0))
        c = 0.0;
    if (c > 1.0)
        c = 1.0;
    long m = (long)(c * 1000.0 + 0.5);
    snprintf(out, cap, "%ld.%03ld", m / 1000, m % 1000);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Length of a "Z" or "+hh:mm" time zone at s (0 when absent, -1 when
 * malformed). */
static int tz_len(const char *s)
{
    if (*s == 'Z')
        return 1;
    if (*s != '+' && *s != '-')
        return 0;
    int h = digits(s + 1, 2), m = s[3] == ':' ? digits(s + 4, 2) : -1;
    return h >= 0 && h <= 14 && m >= 0 && m <= 59 ? 6 : -1;
}

/* xsd:date for "YYYY-MM-DD", xsd:dateTime for "YYYY-MM-DDThh:mm:ss[.f]",
 * each with an optional zone; NULL for anything else (a plain literal). */
static const char *date_type(const char *s)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = digits(s, 4);
    if (y < 1 || s[4] != '-' || s[7] != '-')
        return NULL;
    int mo = digits(s + 5, 2), da = digits(s + 8, 2);
    if (mo < 1 || mo > 12 || da < 1 || da > mdays[mo - 1])
        return NULL;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && da == 29 && !leap)
        return NULL;
    const char *p = s + 10;
    const char *type = NS_XSD "date";
    if (*p == 'T') {
        int h = digits(p + 1, 2), mi = digits(p + 4, 2), se = digits(p + 7, 2);
        if (p[3] != ':' || p[6] != ':' || h < 0 || h > 23 || mi < 0 ||
            mi > 59 || se < 0 || se > 59)
            return NULL;
        p += 9;
        if (*p == '.') {
            if (!is_digit((unsigned char)p[1]))
                return NULL;
            for (p++; is_digit((unsigned char)*p); p++)
                ;
        }
        type = NS_XSD "dateTime";
    }
    int tz = tz_len(p);
    if (tz < 0 || p[tz] != '\0')
        return NULL;
    return type;
}

static void add_date(rdf_writer *w, const char *s, const char *p,
                     const char *v)
{
    add_typed(w, s, p, v, date_type(v));
}

static void sha256_hex(const unsigned char *h, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hex[h[i] >> 4];
        out[2 * i + 1] = hex[h[i] & 15];
    }
    out[64] = '\0';
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* --- the graph ------------------------------------------------------------ */

static void describe_article(rdf_writer *w, const kg_graph_article *a)
{
    const kg_article_meta *m = &a->meta;
    add_iri(w, a->iri, RDF_TYPE, NS_SCHEMA "NewsArticle");
    add_iri(w, a->iri, RDF_TYPE, NS_PROV "Entity");
    if (m->id)
        add_lit(w, a->iri, NS_SCHEMA "identifier", m->id);
    if (m->title)
        add_lit(w, a->iri, NS_SCHEMA "headline", m->title);
    if (m->published)
        add_date(w, a->iri, NS_SCHEMA "datePublished", m->published);
    if (m->modified)
        add_date(w, a->iri, NS_SCHEMA "dateModified", m->modified);
    if (m->url) {
        if (kg_rdf_iri_valid(m->url))
            add_iri(w, a->iri, NS_SCHEMA "url", m->url);
        else
            add_lit(w, a->iri, NS_SCHEMA "url", m->url);
    }
    if (m->source)
        add_lit(w, a->iri, NS_SCHEMA "publisher", m->source);
    if (m->version)
        add_lit(w, a->iri, NS_SCHEMA "version", m->version);
    if (m->rights)
        add_lit(w, a->iri, NS_SCHEMA "copyrightNotice", m->rights);
}

/* The run: its inputs, kgraph as its agent.  Its IRI hashes the inputs
 * (article IRIs, ontology digests, version), never the clock. */
static const char *describe_run(rdf_writer *w, const kg_graph *g,
                                const char *version)
{
    const kg_ontology *o = g->ont;
    uint64_t h = kg_hash64(version, strlen(version), 0x6b6772756e000001ull);
    for (size_t i = 0; i < g->narticles; i++)
        h = kg_hash_mix(h, kg_hash64(g->articles[i].iri,
                                     strlen(g->articles[i].iri), 1));
    for (size_t i = 0; o && i < o->nfiles; i++)
        h = kg_hash_mix(h, kg_hash64(o->files[i].sha256, 32, 2));
    const char *run = mint(w, "%srun/%016llx", w->base, (unsigned long long)h);

    char vslug[128];
    if (kg_graph_slug(version, strlen(version), vslug, sizeof vslug) == 0)
        strcpy(vslug, "unknown");
    const char *agent = cat3(w, w->base, "agent/kgraph-", vslug);
    add_iri(w, agent, RDF_TYPE, NS_PROV "SoftwareAgent");
    add_lit(w, agent, RDFS_LABEL, "kgraph");
    add_lit(w, agent, NS_SCHEMA "softwareVersion", version);

    for (size_t i = 0; o && i < o->nfiles; i++) {
        bool dup = false;
        for (size_t j = 0; j < i; j++)
            dup |= memcmp(o->files[j].sha256, o->files[i].sha256, 32) == 0;
        if (dup)
            continue;
        char hex[65];
        sha256_hex(o->files[i].sha256, hex);
        const char *f = cat3(w, w->base, "source/", hex);
        add_iri(w, f, RDF_TYPE, NS_PROV "Entity");
        if (o->files[i].path)
            add_lit(w, f, RDFS_LABEL, base_name(o->files[i].path));
        add_lit(w, f, w->kg[KT_SHA256], cat3(w, hex, "", ""));
    }

    add_iri(w, run, RDF_TYPE, NS_PROV "Activity");
    for (size_t i = 0; i < g->narticles; i++)
        add_iri(w, run, NS_PROV "used", g->articles[i].iri);
    for (size_t i = 0; o && i < o->nfiles; i++) {
        char hex[65];
        sha256_hex(o->files[i].sha256, hex);
        add_iri(w, run, NS_PROV "used", cat3(w, w->base, "source/", hex));
    }
    add_iri(w, run, NS_PROV "wasAssociatedWith", agent);
    return run;
}

static void describe_node(rdf_writer *w, const kg_graph *g, const kg_node *n)
{
    const kg_ontology *o = g->ont;
    if (o && n->cls >= 0 && (size_t)n->cls < o->nclasses) {
        add_iri(w, n->iri, RDF_TYPE, o->classes[n->cls].iri);
    } else {
        add_iri(w, n->iri, RDF_TYPE, w->kg[KT_ENTITY]);
        add_iri(w, n->iri, RDF_TYPE, NS_OWL "Thing");
    }
    if (n->label)
        add_lit(w, n->iri, RDFS_LABEL, n->label);
    for (size_t i = 0; i < n->nalt; i++)
        add_lit(w, n->iri, NS_SKOS "altLabel", n->alt[i]);
    if (o && n->entity >= 0 && (size_t)n->entity < o->nentities) {
        const kg_entity *e = &o->entities[n->entity];
        for (size_t i = 0; i < e->nsame_as; i++)
            add_iri(w, n->iri, NS_OWL "sameAs", e->same_as[i]);
    }
}

static int cmp_open_rel(const void *a, const void *b)
{
    const kg_edge *x = *(const kg_edge *const *)a;
    const kg_edge *y = *(const kg_edge *const *)b;
    int c = strcmp(x->rel_iri, y->rel_iri);
    if (c)
        return c;
    return x < y ? -1 : x > y; /* canonical edge order breaks ties */
}

/* Relations outside the ontology are described once each, in IRI order,
 * with the label of the first edge (canonical order) that uses them, so
 * that readers see the phrase. */
static void describe_open_relations(rdf_writer *w, const kg_graph *g)
{
    size_t n = 0;
    const kg_edge **e = kg_malloc((g->nedges ? g->nedges : 1) * sizeof *e);
    if (!e) {
        oom(w);
        return;
    }
    for (size_t i = 0; i < g->nedges; i++)
        if (g->edges[i].rel < 0)
            e[n++] = &g->edges[i];
    qsort(e, n, sizeof *e, cmp_open_rel);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(e[i]->rel_iri, e[i - 1]->rel_iri) == 0)
            continue;
        add_iri(w, e[i]->rel_iri, RDF_TYPE, NS_RDF "Property");
        add_iri(w, e[i]->rel_iri, RDF_TYPE, w->kg[KT_OPEN_RELATION]);
        if (e[i]->rel_label)
            add_lit(w, e[i]->rel_iri, RDFS_LABEL, e[i]->rel_label);
    }
    free(e);
}

static void describe_prov(rdf_writer *w, const kg_graph *g, const char *stmt,
                          const kg_prov *p, const char *run)
{
    const char *nn = NS_XSD "nonNegativeInteger";
    if (p->article < g->narticles)
        add_iri(w, stmt, NS_PROV "wasDerivedFrom", g->articles[p->article].iri);
    add_iri(w, stmt, NS_PROV "wasGeneratedBy", run);
    add_uint(w, stmt, NS_NIF "beginIndex", p->cstart, nn);
    add_uint(w, stmt, NS_NIF "endIndex", p->cend, nn);
    if (p->text)
        add_lit(w, stmt, NS_NIF "anchorOf", p->text);
    add_uint(w, stmt, w->kg[KT_SENTENCE], p->sentence, NS_XSD "integer");
    if (p->rule)
        add_lit(w, stmt, w->kg[KT_RULE], p->rule);
    char conf[32];
    fmt_confidence(p->confidence, conf, sizeof conf);
    add_typed(w, stmt, w->kg[KT_CONFIDENCE], cat3(w, conf, "", ""),
              NS_XSD "decimal");
    if (p->flags & KG_PROV_NEGATED)
        add_typed(w, stmt, w->kg[KT_NEGATED], "true", NS_XSD "boolean");
    if (p->flags & KG_PROV_ATTRIBUTED)
        add_typed(w, stmt, w->kg[KT_ATTRIBUTED], "true", NS_XSD "boolean");
    if (p->flags & KG_PROV_HYPOTHETICAL)
        add_typed(w, stmt, w->kg[KT_HYPOTHETICAL], "true", NS_XSD "boolean");
    if (p->modality)
        add_lit(w, stmt, w->kg[KT_MODALITY], p->modality);
    if (p->tense)
        add_lit(w, stmt, w->kg[KT_TENSE], p->tense);
    if (p->attributed_to >= 0 && (size_t)p->attributed_to < g->nnodes)
        add_iri(w, stmt, NS_SEM "accordingTo", g->nodes[p->attributed_to].iri);
    if (p->time)
        add_lit(w, stmt, w->kg[KT_TIME], p->time);
    if (p->place)
        add_lit(w, stmt, w->kg[KT_PLACE], p->place);
}

static void describe_edge(rdf_writer *w, const kg_graph *g, const kg_edge *e,
                          int mode, const char *run)
{
    const char *s = g->nodes[e->subj].iri, *o = g->nodes[e->obj].iri;
    /* Evidence that is all negated or reported speech describes the
     * triple without asserting it; an edge added without evidence is a
     * fact the caller vouches for. */
    bool asserted = e->nprov == 0;
    for (size_t i = 0; i < e->nprov; i++)
        if (!(e->prov[i].flags & KG_PROV_UNASSERTED))
            asserted = true;
    if (asserted)
        add_iri(w, s, e->rel_iri, o);
    if (mode == KG_PROV_MODE_NONE)
        return;
    for (size_t i = 0; i < e->nprov; i++) {
        /* One IRI per piece of evidence, stable across runs and distinct
         * across articles: the same fact extracted from two articles
         * loaded into one store must not share its evidence nodes. */
        char evbuf[1024];
        kg_graph_prov_iri(g, e, i, evbuf, sizeof evbuf);
        const char *stmt = cat3(w, evbuf, "", "");
        if (mode == KG_PROV_MODE_REIFY) {
            add_iri(w, stmt, RDF_TYPE, NS_RDF "Statement");
            add_iri(w, stmt, NS_RDF "subject", s);
            add_iri(w, stmt, NS_RDF "predicate", e->rel_iri);
            add_iri(w, stmt, NS_RDF "object", o);
        } else {
            add(w, s, e->rel_iri, o, false, NULL, stmt);
            add_iri(w, stmt, RDF_TYPE, NS_PROV "Entity");
        }
        describe_prov(w, g, stmt, &e->prov[i], run);
    }
}

/* --- the ontology --------------------------------------------------------- */

/* An annotation value as an IRI: absolute, or a CURIE with one of the
 * ontology's prefixes; NULL otherwise, and for prose that merely mentions
 * one ("schema:location (others)"). */
static const char *annotation_iri(rdf_writer *w, const kg_ontology *o,
                                  const char *v)
{
    for (const char *p = v; *p; p++)
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == ',')
            return NULL;
    const char *colon = strchr(v, ':');
    if (!colon || colon == v)
        return NULL;
    for (size_t i = 0; i < o->nprefixes; i++) {
        const char *n = o->prefixes[i].name;
        if (n && strlen(n) == (size_t)(colon - v) &&
            strncmp(n, v, (size_t)(colon - v)) == 0)
            return cat3(w, o->prefixes[i].iri, colon + 1, "");
    }
    if (strncmp(v, "schema:", 7) == 0)
        return cat3(w, NS_SCHEMA, v + 7, "");
    if (strncmp(v, "http://", 7) == 0 || strncmp(v, "https://", 8) == 0 ||
        strncmp(v, "urn:", 4) == 0)
        return v;
    return NULL;
}

static void describe_annotation(rdf_writer *w, const kg_ontology *o,
                                const char *subj, const kg_annotation *a)
{
    static const char *const maps[][2] = {
        {"exact_mappings", NS_SKOS "exactMatch"},
        {"exact_match", NS_SKOS "exactMatch"},
        {"close_mappings", NS_SKOS "closeMatch"},
        {"close_match", NS_SKOS "closeMatch"},
        {"schema_org", NS_SKOS "closeMatch"},
        {"related_mappings", NS_SKOS "relatedMatch"},
        {"narrow_mappings", NS_SKOS "narrowMatch"},
        {"broad_mappings", NS_SKOS "broadMatch"},
    };
    if (!a->key || !a->value)
        return;
    const char *iri = annotation_iri(w, o, a->value);
    if (iri) {
        for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
            if (strcmp(a->key, maps[i][0]) == 0) {
                add_iri(w, subj, maps[i][1], iri);
                return;
            }
        if (strstr(iri, "://schema.org/")) {
            add_iri(w, subj, NS_SKOS "closeMatch", iri);
            return;
        }
    }
    /* kg:<key>, the key reduced to characters safe in any IRI. */
    char local[128];
    size_t n = 0;
    for (const char *p = a->key; *p && n + 1 < sizeof local; p++)
        local[n++] = is_alpha((unsigned char)*p) || is_digit((unsigned char)*p) ||
                             *p == '_' || *p == '-'
                         ? *p
                         : '_';
    local[n] = '\0';
    if (n == 0)
        return;
    const char *kgns = ont_prefix(o, "kg");
    add_lit(w, subj, cat3(w, kgns ? kgns : KG_RDF_KG_NS, local, ""),
            a->value);
}

static void describe_ontology(rdf_writer *w, const kg_ontology *o)
{
    if (o->id) {
        add_iri(w, o->id, RDF_TYPE, NS_OWL "Ontology");
        if (o->name)
            add_lit(w, o->id, RDFS_LABEL, o->name);
    }
    for (size_t i = 0; i < o->nclasses; i++) {
        const kg_class *c = &o->classes[i];
        add_iri(w, c->iri, RDF_TYPE, NS_OWL "Class");
        add_lit(w, c->iri, RDFS_LABEL, c->label ? c->label : c->name);
        if (c->description)
            add_lit(w, c->iri, NS_RDFS "comment", c->description);
        if (c->parent >= 0 && (size_t)c->parent < o->nclasses)
            add_iri(w, c->iri, NS_RDFS "subClassOf", o->classes[c->parent].iri);
        for (size_t j = 0; j < c->nmixins; j++)
            if (c->mixins[j] >= 0 && (size_t)c->mixins[j] < o->nclasses)
                add_iri(w, c->iri, NS_RDFS "subClassOf",
                        o->classes[c->mixins[j]].iri);
    }
    for (size_t i = 0; i < o->nrelations; i++) {
        const kg_relation *r = &o->relations[i];
        add_iri(w, r->iri, RDF_TYPE, NS_OWL "ObjectProperty");
        if (r->symmetric)
            add_iri(w, r->iri, RDF_TYPE, NS_OWL "SymmetricProperty");
        add_lit(w, r->iri, RDFS_LABEL, r->label ? r->label : r->name);
        if (r->description)
            add_lit(w, r->iri, NS_RDFS "comment", r->description);
        if (r->domain >= 0 && (size_t)r->domain < o->nclasses)
            add_iri(w, r->iri, NS_RDFS "domain", o->classes[r->domain].iri);
        if (r->range >= 0 && (size_t)r->range < o->nclasses)
            add_iri(w, r->iri, NS_RDFS "range", o->classes[r->range].iri);
        if (r->inverse >= 0 && (size_t)r->inverse < o->nrelations)
            add_iri(w, r->iri, NS_OWL "inverseOf", o->relations[r->inverse].iri);
        if (r->parent >= 0 && (size_t)r->parent < o->nrelations)
            add_iri(w, r->iri, NS_RDFS "subPropertyOf",
                    o->relations[r->parent].iri);
        for (size_t j = 0; j < r->nannotations; j++)
            describe_annotation(w, o, r->iri, &r->annotations[j]);
    }
    for (size_t i = 0; i < o->nentities; i++) {
        const kg_entity *e = &o->entities[i];
        if (e->cls >= 0 && (size_t)e->cls < o->nclasses)
            add_iri(w, e->iri, RDF_TYPE, o->classes[e->cls].iri);
        else
            add_iri(w, e->iri, RDF_TYPE, w->kg[KT_ENTITY]);
        add_lit(w, e->iri, RDFS_LABEL, e->label ? e->label : e->id);
        if (e->description)
            add_lit(w, e->iri, NS_RDFS "comment", e->description);
        for (size_t j = 0; j < e->naliases; j++)
            add_lit(w, e->iri, NS_SKOS "altLabel", e->aliases[j]);
        for (size_t j = 0; j < e->nsame_as; j++)
            add_iri(w, e->iri, NS_OWL "sameAs", e->same_as[j]);
        if (e->stands_for >= 0 && (size_t)e->stands_for < o->nentities)
            add_iri(w, e->iri, w->kg[KT_STANDS_FOR],
                    o->entities[e->stands_for].iri);
    }
    /* kgraph's own vocabulary, so that a store holding the schema can
     * explain the terms the graphs use. */
    for (int i = 0; i < KT_COUNT; i++) {
        add_iri(w, w->kg[i], RDF_TYPE, kg_terms[i].kind);
        add_lit(w, w->kg[i], RDFS_LABEL, kg_terms[i].label);
        add_lit(w, w->kg[i], NS_RDFS "comment", kg_terms[i].comment);
    }
}

/* --- raptor serializers ----------------------------------------------------- */

static void raptor_log(void *data, raptor_log_message *m)
{
    rdf_writer *w = data;
    if (m->level < RAPTOR_LOG_LEVEL_ERROR)
        return;
    kg_diag_error(w->d, NULL, 0, 0, "raptor: %s",
                  m->text ? m->text : "unknown error");
    w->failed = true;
}

static raptor_term *iri_term(raptor_world *rw, const char *iri)
{
    return iri ? raptor_new_term_from_uri_string(rw,
                                                 (const unsigned char *)iri)
               : NULL;
}

static raptor_term *object_term(raptor_world *rw, const rdf_stmt *t)
{
    if (!t->olit)
        return iri_term(rw, t->o);
    raptor_uri *dt = NULL;
    if (t->dt) {
        dt = raptor_new_uri(rw, (const unsigned char *)t->dt);
        if (!dt)
            return NULL;
    }
    raptor_term *r = raptor_new_term_from_counted_literal(
        rw, (const unsigned char *)t->o, strlen(t->o), dt, NULL, 0);
    if (dt)
        raptor_free_uri(dt);
    return r;
}

/* raptor writes into the caller's buffer through this sink (a string
 * iostream would keep every small write as its own heap node: gigabytes
 * for a large graph).  cr_escape applies the Turtle fix described at the
 * top of this file. */
typedef struct raptor_sink {
    kg_buf *out;
    bool cr_escape;
    bool err;
} raptor_sink;

static int sink_write(raptor_sink *k, const char *p, size_t n)
{
    while (n > 0 && !k->err) {
        const char *cr = k->cr_escape ? memchr(p, '\r', n) : NULL;
        size_t m = cr ? (size_t)(cr - p) : n;
        if (kg_buf_append(k->out, p, m) < 0 ||
            (cr && kg_buf_append(k->out, "\\r", 2) < 0))
            k->err = true;
        m += cr ? 1 : 0;
        p += m;
        n -= m;
    }
    return k->err ? -1 : 0;
}

static int sink_write_byte(void *data, const int byte)
{
    char c = (char)byte;
    return sink_write(data, &c, 1) < 0 ? 1 : 0;
}

static int sink_write_bytes(void *data, const void *ptr, size_t size,
                            size_t nmemb)
{
    /* raptor counts the items written, like fwrite */
    if (size && nmemb > SIZE_MAX / size)
        return -1;
    return sink_write(data, ptr, size * nmemb) < 0 ? -1 : (int)nmemb;
}

static const raptor_iostream_handler sink_handler = {
    .version = 2,
    .write_byte = sink_write_byte,
    .write_bytes = sink_write_bytes,
};

static int emit_raptor(rdf_writer *w, const char *name, bool turtle,
                       kg_buf *out)
{
    size_t start = out->len;
    raptor_sink sink = {.out = out, .cr_escape = turtle};
    raptor_serializer *ser = NULL;
    raptor_iostream *io = NULL;
    raptor_world *rw = raptor_new_world();
    if (!rw) {
        oom(w);
        return -1;
    }
    raptor_world_set_log_handler(rw, w, raptor_log);
    if (raptor_world_open(rw) != 0)
        goto fail;
    ser = raptor_new_serializer(rw, name);
    io = raptor_new_iostream_from_handler(rw, &sink, &sink_handler);
    if (!ser || !io)
        goto fail;
    for (size_t i = 0; turtle && i < w->npfx; i++) {
        /* The turtle serializer declares rdf: itself. */
        if (strcmp(w->pfx[i].iri, NS_RDF) == 0)
            continue;
        raptor_uri *u = raptor_new_uri(rw, (const unsigned char *)w->pfx[i].iri);
        int rc = u ? raptor_serializer_set_namespace(
                         ser, u, (const unsigned char *)w->pfx[i].name)
                   : -1;
        if (u)
            raptor_free_uri(u);
        if (rc != 0)
            goto fail;
    }
    if (raptor_serializer_start_to_iostream(ser, NULL, io) != 0)
        goto fail;
    for (size_t i = 0; i < w->nst && !w->failed && !sink.err; i++) {
        const rdf_stmt *t = &w->st[i];
        raptor_statement rs;
        raptor_statement_init(&rs, rw);
        rs.subject = iri_term(rw, t->s);
        rs.predicate = iri_term(rw, t->p);
        rs.object = object_term(rw, t);
        rs.graph = t->g ? iri_term(rw, t->g) : NULL;
        int rc = rs.subject && rs.predicate && rs.object && (rs.graph || !t->g)
                     ? raptor_serializer_serialize_statement(ser, &rs)
                     : -1;
        raptor_statement_clear(&rs);
        if (rc != 0)
            goto fail;
    }
    if (raptor_serializer_serialize_end(ser) != 0)
        goto fail;
    raptor_free_serializer(ser);
    ser = NULL;
    raptor_free_iostream(io);
    io = NULL;
    if (w->failed || sink.err)
        goto fail;
    raptor_free_world(rw);
    return 0;
fail:
    if (ser)
        raptor_free_serializer(ser);
    if (io)
        raptor_free_iostream(io);
    raptor_free_world(rw);
    if (sink.err)
        oom(w);
    else if (!w->failed)
        kg_diag_error(w->d, NULL, 0, 0, "raptor could not write '%s'", name);
    w->failed = true;
    /* nothing of a failed serialization stays in the caller's buffer */
    out->len = start;
    if (out->data)
        out->data[start] = '\0';
    return -1;
}

/* --- N-Triples and N-Quads ------------------------------------------------ */

/* Written here rather than by raptor: the bytes are those raptor 2.0.15
 * writes (tests/unit/test_rdf.c compares them), but no raptor world is
 * needed, and raptor_free_world() calls libxml2's xmlCleanupParser(),
 * which must not run while another thread uses libxml2 (kgraph build
 * writes articles on several threads).  Escapes, as raptor's N-Triples
 * serializer writes them: in literals \" \\ \t \n \r, other
 * control characters and everything outside ASCII as \uXXXX or
 * \UXXXXXXXX (upper-case hex); in IRIs, the characters SPARQL forbids
 * and everything outside printable ASCII as \uXXXX / \UXXXXXXXX. */

/* Writes cp as \uXXXX or \UXXXXXXXX at o; returns the end. */
static char *nt_hex(char *o, unsigned long cp)
{
    static const char hex[] = "0123456789ABCDEF";
    int ndigits = cp < 0x10000 ? 4 : 8;
    *o++ = '\\';
    *o++ = ndigits == 4 ? 'u' : 'U';
    for (int k = ndigits - 1; k >= 0; k--)
        *o++ = hex[(cp >> (4 * k)) & 0xF];
    return o;
}

/* Bytes written as they are: printable ASCII but " and \ in literals;
 * in IRIs also no space and none of < > { } | ^ ` (one bit per byte). */
static const uint64_t nt_plain_lit[4] = {0xfffffffb00000000ull,
                                         0x7fffffffefffffffull, 0, 0};
static const uint64_t nt_plain_iri[4] = {0xaffffffa00000000ull,
                                         0x47fffffeafffffffull, 0, 0};

/* s escaped at o, which has room for 6 bytes per byte of s (the most an
 * escape takes: \u0001 for a control character); returns the end. */
static char *nt_escaped(char *o, const char *s, size_t len, bool iri)
{
    const uint64_t *plain = iri ? nt_plain_iri : nt_plain_lit;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && (plain[p[j] >> 6] >> (p[j] & 63) & 1))
            j++;
        memcpy(o, s + i, j - i);
        o += j - i;
        i = j;
        if (i >= len)
            break;
        unsigned char c = p[i];
        if (c == '\\' || (!iri && c == '"')) {
            *o++ = '\\';
            *o++ = (char)c;
            i++;
        } else if (!iri && (c == '\t' || c == '\n' || c == '\r')) {
            *o++ = '\\';
            *o++ = c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
            i++;
        } else if (c <= 0x7f) {
            o = nt_hex(o, c);
            i++;
        } else {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
            if (k <= 0) { /* clean_text and clean_iri made this impossible */
                o = nt_hex(o, 0xFFFD);
                i++;
            } else {
                o = nt_hex(o, (unsigned long)cp);
                i += (size_t)k;
            }
        }
    }
    return o;
}

static char *nt_iri(char *o, const char *iri, size_t len)
{
    *o++ = '<';
    o = nt_escaped(o, iri, len, true);
    *o++ = '>';
    return o;
}

/* The IRIs written recently, by address: a subject, the graph and the
 * predicates come back line after line, and measuring and scanning them
 * again was most of the writing.  Within one call the strings neither
 * move nor change, so an address names one string. */
#define NT_BITS 10
#define NT_MEMO (1u << NT_BITS)

typedef struct nt_memo {
    const char *iri[NT_MEMO];
    uint32_t len[NT_MEMO];    /* strlen, or UINT32_MAX: needs escapes */
} nt_memo;

/* strlen(iri); *plain: no byte of it needs an escape. */
static size_t nt_iri_len(nt_memo *m, const char *iri, bool *plain)
{
    size_t k = addr_slot(iri, NT_BITS);
    if (m->iri[k] == iri && m->len[k] != UINT32_MAX) {
        *plain = true;
        return m->len[k];
    }
    size_t len = strlen(iri);
    const unsigned char *p = (const unsigned char *)iri;
    size_t j = 0;
    while (j < len && (nt_plain_iri[p[j] >> 6] >> (p[j] & 63) & 1))
        j++;
    *plain = j == len;
    m->iri[k] = iri;
    m->len[k] = *plain && len < UINT32_MAX ? (uint32_t)len : UINT32_MAX;
    return len;
}

static char *nt_iri_as(char *o, const char *iri, size_t len, bool plain)
{
    if (!plain)
        return nt_iri(o, iri, len);
    *o++ = '<';
    memcpy(o, iri, len);
    o += len;
    *o++ = '>';
    return o;
}

static int emit_nquads(rdf_writer *w, bool quads, kg_buf *out)
{
    size_t start = out->len;
    nt_memo *m = kg_calloc(1, sizeof *m);
    if (!m) {
        oom(w);
        return -1;
    }
    for (size_t i = 0; i < w->nst; i++) {
        const rdf_stmt *t = &w->st[i];
        const char *g = quads ? t->g : NULL;
        bool ps, pp, po = false, pd = false, pg = false;
        size_t ls = nt_iri_len(m, t->s, &ps), lp = nt_iri_len(m, t->p, &pp);
        size_t lo = t->olit ? strlen(t->o) : nt_iri_len(m, t->o, &po);
        size_t ld = t->dt ? nt_iri_len(m, t->dt, &pd) : 0;
        size_t lg = g ? nt_iri_len(m, g, &pg) : 0;
        size_t need = 6 * (ls + lp + lo + ld + lg) + 16;
        if (kg_buf_reserve(out, need) < 0) {
            out->len = start;
            if (out->data)
                out->data[start] = '\0';
            free(m);
            oom(w);
            return -1;
        }
        char *o = out->data + out->len;
        o = nt_iri_as(o, t->s, ls, ps);
        *o++ = ' ';
        o = nt_iri_as(o, t->p, lp, pp);
        *o++ = ' ';
        if (t->olit) {
            *o++ = '"';
            o = nt_escaped(o, t->o, lo, false);
            *o++ = '"';
            if (t->dt) {
                *o++ = '^';
                *o++ = '^';
                o = nt_iri_as(o, t->dt, ld, pd);
            }
        } else {
            o = nt_iri_as(o, t->o, lo, po);
        }
        if (g) {
            *o++ = ' ';
            o = nt_iri_as(o, g, lg, pg);
        }
        *o++ = ' ';
        *o++ = '.';
        *o++ = '\n';
        out->len = (size_t)(o - out->data);
        out->data[out->len] = '\0';
    }
    free(m);
    return 0;
}

/* --- TriG ----------------------------------------------------------------- */

/* kg_buf leaves the buffer as it was when memory runs out; the TriG
 * writer remembers that any append failed and reports it at the end. */
typedef struct trig_out {
    const rdf_writer *w;
    size_t *plen; /* strlen of each prefix IRI */
    kg_buf b;
    int err;
} trig_out;

static void tput(trig_out *t, const char *s)
{
    t->err |= kg_buf_puts(&t->b, s);
}

static void tputc(trig_out *t, char c)
{
    t->err |= kg_buf_putc(&t->b, c);
}

/* A local name every TriG parser takes (conservative: no dots, no
 * escapes, no leading digit). */
static bool local_ok(const char *s)
{
    if (!is_alpha((unsigned char)s[0]) && s[0] != '_')
        return false;
    for (const char *p = s + 1; *p; p++)
        if (!is_alpha((unsigned char)*p) && !is_digit((unsigned char)*p) &&
            *p != '_' && *p != '-')
            return false;
    return true;
}

static void trig_iri(trig_out *t, const char *iri)
{
    const kg_prefix *best = NULL;
    size_t bestlen = 0;
    for (size_t i = 0; i < t->w->npfx; i++) {
        const kg_prefix *p = &t->w->pfx[i];
        size_t n = t->plen[i];
        if (n > bestlen && strncmp(iri, p->iri, n) == 0 && local_ok(iri + n)) {
            best = p;
            bestlen = n;
        }
    }
    if (best) {
        tput(t, best->name);
        tputc(t, ':');
        tput(t, iri + bestlen);
        return;
    }
    tputc(t, '<');
    tput(t, iri); /* checked by clean_iri: nothing to escape */
    tputc(t, '>');
}

static void trig_literal(trig_out *t, const rdf_stmt *st)
{
    tputc(t, '"');
    for (const char *p = st->o; *p; p++) {
        unsigned char c = (unsigned char)*p;
        char esc[8];
        switch (c) {
        case '"': tput(t, "\\\""); break;
        case '\\': tput(t, "\\\\"); break;
        case '\n': tput(t, "\\n"); break;
        case '\r': tput(t, "\\r"); break;
        case '\t': tput(t, "\\t"); break;
        default:
            if (c < 0x20 || c == 0x7F) {
                snprintf(esc, sizeof esc, "\\u%04X", (unsigned)c);
                tput(t, esc);
            } else {
                tputc(t, (char)c);
            }
        }
    }
    tputc(t, '"');
    if (st->dt) {
        tput(t, "^^");
        trig_iri(t, st->dt);
    }
}

/* Statements in order: a run in the same graph is one block (the default
 * graph's triples stand at the top level), a run with the same subject
 * shares it (';'), a run with the same predicate shares that too (','). */
static int emit_trig(rdf_writer *w, kg_buf *out)
{
    trig_out t = {.w = w};
    kg_buf_init(&t.b);
    t.plen = kg_malloc((w->npfx ? w->npfx : 1) * sizeof *t.plen);
    if (!t.plen) {
        oom(w);
        return -1;
    }
    for (size_t i = 0; i < w->npfx; i++)
        t.plen[i] = strlen(w->pfx[i].iri);
    for (size_t i = 0; i < w->npfx; i++) {
        tput(&t, "@prefix ");
        tput(&t, w->pfx[i].name);
        tput(&t, ": <");
        tput(&t, w->pfx[i].iri);
        tput(&t, "> .\n");
    }
    const rdf_stmt *st = w->st;
    size_t i = 0;
    while (i < w->nst) {
        const char *g = st[i].g;
        const char *ind = g ? "    " : "";
        tputc(&t, '\n');
        if (g) {
            trig_iri(&t, g);
            tput(&t, " {\n");
        }
        bool first = true;
        while (i < w->nst && same_opt(st[i].g, g)) {
            const char *subj = st[i].s;
            if (!first && !g)
                tputc(&t, '\n');
            first = false;
            tput(&t, ind);
            trig_iri(&t, subj);
            tputc(&t, '\n');
            while (i < w->nst && same_opt(st[i].g, g) &&
                   strcmp(st[i].s, subj) == 0) {
                const char *pred = st[i].p;
                tput(&t, ind);
                tput(&t, "    ");
                if (strcmp(pred, RDF_TYPE) == 0)
                    tputc(&t, 'a');
                else
                    trig_iri(&t, pred);
                tputc(&t, ' ');
                bool first_obj = true;
                while (i < w->nst && same_opt(st[i].g, g) &&
                       strcmp(st[i].s, subj) == 0 &&
                       strcmp(st[i].p, pred) == 0) {
                    if (!first_obj)
                        tput(&t, ", ");
                    first_obj = false;
                    if (st[i].olit)
                        trig_literal(&t, &st[i]);
                    else
                        trig_iri(&t, st[i].o);
                    i++;
                }
                bool more = i < w->nst && same_opt(st[i].g, g) &&
                            strcmp(st[i].s, subj) == 0;
                tput(&t, more ? " ;\n" : " .\n");
            }
        }
        if (g)
            tput(&t, "}\n");
    }
    if (!t.err && t.b.len)
        t.err = kg_buf_append(out, t.b.data, t.b.len);
    kg_buf_release(&t.b);
    free(t.plen);
    if (t.err) {
        oom(w);
        return -1;
    }
    return 0;
}

static int emit(rdf_writer *w, int format, kg_buf *out)
{
    if (w->failed)
        return -1;
    switch (format) {
    case KG_RDF_TURTLE:
        return emit_raptor(w, "turtle", true, out);
    case KG_RDF_NTRIPLES:
        return w->raptor_nt ? emit_raptor(w, "ntriples", false, out)
                            : emit_nquads(w, false, out);
    case KG_RDF_NQUADS:
        return w->raptor_nt ? emit_raptor(w, "nquads", false, out)
                            : emit_nquads(w, true, out);
    case KG_RDF_TRIG:
        return emit_trig(w, out);
    }
    kg_diag_error(w->d, NULL, 0, 0, "unknown RDF format %d", format);
    return -1;
}

/* --- public ---------------------------------------------------------------- */

void kg_rdf_options_init(kg_rdf_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->format = KG_RDF_TURTLE;
    opt->provenance = KG_PROV_MODE_DEFAULT;
}

/* The provenance mode opt asks for, or -1 (d says why). */
static int check_options(const kg_graph *g, const kg_rdf_options *opt,
                         kg_diag *d)
{
    if (!g->finalized) {
        kg_diag_error(d, NULL, 0, 0,
                      "the graph must be finalized before it is written");
        return -1;
    }
    int format = opt->format;
    if (format < KG_RDF_TURTLE || format > KG_RDF_TRIG) {
        kg_diag_error(d, NULL, 0, 0, "unknown RDF format %d", format);
        return -1;
    }
    bool quads = format == KG_RDF_NQUADS || format == KG_RDF_TRIG;
    int mode = opt->provenance;
    if (mode == KG_PROV_MODE_DEFAULT)
        mode = quads && !opt->article_graphs ? KG_PROV_MODE_GRAPHS
                                             : KG_PROV_MODE_REIFY;
    if (mode < KG_PROV_MODE_REIFY || mode > KG_PROV_MODE_NONE) {
        kg_diag_error(d, NULL, 0, 0, "unknown provenance mode %d", mode);
        return -1;
    }
    if (mode == KG_PROV_MODE_GRAPHS && (!quads || opt->article_graphs)) {
        kg_diag_error(d, NULL, 0, 0,
                      opt->article_graphs
                          ? "provenance as named graphs cannot be combined "
                            "with a named graph per article"
                          : "provenance as named graphs needs N-Quads or "
                            "TriG, not '%s'",
                      kg_rdf_format_ext(format));
        return -1;
    }
    if (opt->article_graphs && g->narticles != 1) {
        kg_diag_error(d, NULL, 0, 0,
                      "a named graph per article needs a graph of one "
                      "article, not %zu",
                      g->narticles);
        return -1;
    }
    return mode;
}

/* Everything kg_rdf_write writes for g, as statements of w. */
static void describe_graph(rdf_writer *w, const kg_graph *g,
                           const kg_rdf_options *opt, int mode)
{
    const char *version = opt->tool_version ? opt->tool_version : KG_VERSION;
    w->graph = opt->article_graphs && opt->format != KG_RDF_TURTLE &&
                       opt->format != KG_RDF_NTRIPLES
                   ? clean_iri(w, g->articles[0].iri)
                   : NULL;
    if (w->copy && w->graph)
        w->graph = intern_str(w, w->graph);
    w->graph_hash = term_hash(w->graph);
    for (size_t i = 0; i < g->narticles; i++)
        describe_article(w, &g->articles[i]);
    const char *run = describe_run(w, g, version);
    if (opt->include_schema && g->ont)
        describe_ontology(w, g->ont);
    describe_open_relations(w, g);
    for (size_t i = 0; i < g->nnodes; i++)
        describe_node(w, g, &g->nodes[i]);
    for (size_t i = 0; i < g->nedges; i++)
        describe_edge(w, g, &g->edges[i], mode, run);
    w->graph = NULL;
}

int kg_rdf_write(const kg_graph *g, const kg_rdf_options *opt, kg_buf *out,
                 kg_diag *d)
{
    kg_rdf_options def;
    if (!opt) {
        kg_rdf_options_init(&def);
        opt = &def;
    }
    int mode = check_options(g, opt, d);
    if (mode < 0)
        return -1;
    rdf_writer w;
    setup(&w, g->ont, g->base, d);
    w.raptor_nt = opt->raptor_ntriples;
    describe_graph(&w, g, opt, mode);
    int rc = emit(&w, opt->format, out);
    teardown(&w);
    return rc;
}

/* --- statement sets --------------------------------------------------------- */

struct kg_rdf_set {
    rdf_writer w;
    char *base; /* the writer keeps pointers to it */
};

kg_rdf_set *kg_rdf_set_new(const kg_ontology *o, const char *base, bool copy,
                           kg_diag *d)
{
    kg_rdf_set *s = kg_malloc(sizeof *s);
    if (!s) {
        kg_diag_oom(d, "writing RDF");
        return NULL;
    }
    if (!base || !*base)
        base = o && o->base ? o->base : KG_GRAPH_DEFAULT_BASE;
    size_t n = strlen(base);
    char *b = kg_malloc(n + 2);
    if (!b) {
        free(s);
        kg_diag_oom(d, "writing RDF");
        return NULL;
    }
    /* the separator kg_graph_init adds, so that prefixes match */
    snprintf(b, n + 2, "%s%s", base,
             base[n - 1] == '/' || base[n - 1] == '#' ? "" : "/");
    s->base = b;
    setup(&s->w, o, b, d);
    s->w.copy = copy;
    if (s->w.failed) {
        kg_rdf_set_free(s);
        return NULL;
    }
    return s;
}

void kg_rdf_set_free(kg_rdf_set *s)
{
    if (!s)
        return;
    teardown(&s->w);
    free(s->base);
    free(s);
}

int kg_rdf_set_add_graph(kg_rdf_set *s, const kg_graph *g,
                         const kg_rdf_options *opt)
{
    if (s->w.failed)
        return -1;
    int mode = check_options(g, opt, s->w.d);
    if (mode < 0)
        return -1;
    /* the memo keys on pointers, which a freed graph's successor reuses */
    memset(s->w.checked, 0, sizeof s->w.checked);
    describe_graph(&s->w, g, opt, mode);
    return s->w.failed ? -1 : 0;
}

int kg_rdf_set_merge(kg_rdf_set *s, const kg_rdf_set *src)
{
    intern_memo memo;
    memset(&memo, 0, sizeof memo);
    s->w.memo = &memo;
    for (size_t i = 0; i < src->w.nst && !s->w.failed; i++)
        add_checked(&s->w, &src->w.st[i]);
    s->w.memo = NULL;
    return s->w.failed ? -1 : 0;
}

size_t kg_rdf_set_count(const kg_rdf_set *s)
{
    return s->w.nst;
}

int kg_rdf_set_write(kg_rdf_set *s, int format, kg_buf *out)
{
    if (format < KG_RDF_TURTLE || format > KG_RDF_TRIG) {
        kg_diag_error(s->w.d, NULL, 0, 0, "unknown RDF format %d", format);
        return -1;
    }
    return emit(&s->w, format, out);
}

int kg_rdf_write_schema(const kg_ontology *o, int format, kg_buf *out,
                        kg_diag *d)
{
    if (format < KG_RDF_TURTLE || format > KG_RDF_TRIG) {
        kg_diag_error(d, NULL, 0, 0, "unknown RDF format %d", format);
        return -1;
    }
    rdf_writer w;
    setup(&w, o, o->base, d);
    describe_ontology(&w, o);
    int rc = emit(&w, format, out);
    teardown(&w);
    return rc;
}

static const struct {
    const char *name;
    int format;
} format_names[] = {
    {"ttl", KG_RDF_TURTLE},     {"turtle", KG_RDF_TURTLE},
    {"nt", KG_RDF_NTRIPLES},    {"ntriples", KG_RDF_NTRIPLES},
    {"n-triples", KG_RDF_NTRIPLES}, {"nq", KG_RDF_NQUADS},
    {"nquads", KG_RDF_NQUADS},  {"n-quads", KG_RDF_NQUADS},
    {"trig", KG_RDF_TRIG},
};

int kg_rdf_format_parse(const char *name)
{
    for (size_t i = 0; name && i < sizeof format_names / sizeof format_names[0];
         i++)
        if (strcasecmp(name, format_names[i].name) == 0)
            return format_names[i].format;
    return -1;
}

int kg_rdf_format_from_path(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot || strchr(dot, '/'))
        return -1;
    static const char *const ext[] = {"ttl", "nt", "nq", "trig"};
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (strcasecmp(dot + 1, ext[i]) == 0)
            return (int)i;
    return -1;
}

const char *kg_rdf_format_ext(int format)
{
    static const char *const ext[] = {"ttl", "nt", "nq", "trig"};
    return format >= 0 && format <= KG_RDF_TRIG ? ext[format] : "?";
}

int kg_rdf_provenance_parse(const char *name)
{
    static const char *const names[] = {"default", "reify", "graphs", "none"};
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return (int)i;
    return -1;
}
