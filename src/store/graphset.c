/*
 * graphset.c - parse RDF graph files with raptor into plain C terms.
 *
 * Ownership (raptor2, reading side): the raptor_world owns everything
 * made from it and is freed last; a raptor_parser and a raptor_uri we
 * create are ours to free (raptor_free_parser, raptor_free_uri) before the
 * world.  The raptor_statement and raptor_log_message handed to our
 * handlers are borrowed for the length of the call only: every string in
 * them is copied into the graph set's arena before the handler returns.
 * Strings raptor returns through *_as_counted_string are borrowed views.
 */
#include "base/alloc.h"
#include "store/graphset.h"

#include <raptor2.h>

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/hash.h"
#include "base/io.h"

#define RDF_TYPE "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

kg_rdf_syntax kg_rdf_syntax_from_name(const char *name)
{
    static const struct {
        const char *name;
        kg_rdf_syntax syntax;
    } names[] = {
        {"turtle", KG_SYNTAX_TURTLE},     {"ttl", KG_SYNTAX_TURTLE},
        {"ntriples", KG_SYNTAX_NTRIPLES}, {"nt", KG_SYNTAX_NTRIPLES},
        {"n-triples", KG_SYNTAX_NTRIPLES}, {"nquads", KG_SYNTAX_NQUADS},
        {"nq", KG_SYNTAX_NQUADS},         {"n-quads", KG_SYNTAX_NQUADS},
        {"trig", KG_SYNTAX_TRIG},      {"article", KG_SYNTAX_ARTICLE},
        {"txt", KG_SYNTAX_ARTICLE},
    };
    if (!name)
        return KG_SYNTAX_UNKNOWN;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(name, names[i].name) == 0)
            return names[i].syntax;
    return KG_SYNTAX_UNKNOWN;
}

kg_rdf_syntax kg_rdf_syntax_from_path(const char *path)
{
    const char *ext = kg_io_ext(path);
    return *ext ? kg_rdf_syntax_from_name(ext + 1) : KG_SYNTAX_UNKNOWN;
}

static const char *raptor_name(kg_rdf_syntax s)
{
    switch (s) {
    case KG_SYNTAX_TURTLE: return "turtle";
    case KG_SYNTAX_NTRIPLES: return "ntriples";
    case KG_SYNTAX_NQUADS: return "nquads";
    case KG_SYNTAX_TRIG: return "trig";
    default: return NULL;
    }
}

void kg_graphset_init(kg_graphset *gs)
{
    memset(gs, 0, sizeof *gs);
    kg_arena_init(&gs->arena);
}

void kg_graphset_release(kg_graphset *gs)
{
    for (size_t i = 0; i < gs->ngraphs; i++)
        free(gs->graphs[i].triples);
    free(gs->graphs);
    free(gs->seen_hash);
    free(gs->seen_graph);
    free(gs->seen_index);
    kg_arena_release(&gs->arena);
    memset(gs, 0, sizeof *gs);
}

size_t kg_graphset_size(const kg_graphset *gs)
{
    size_t n = 0;
    for (size_t i = 0; i < gs->ngraphs; i++)
        n += gs->graphs[i].ntriples;
    return n;
}

/* --- duplicate check ------------------------------------------------------ */

static uint64_t term_hash(const kg_term *t)
{
    uint64_t h = kg_hash64(t->value, t->len, (uint64_t)t->kind + 1);
    if (t->lang)
        h = kg_hash_mix(h, kg_hash64(t->lang, strlen(t->lang), 11));
    if (t->datatype)
        h = kg_hash_mix(h, kg_hash64(t->datatype, strlen(t->datatype), 13));
    return h;
}

static int opt_str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int term_eq(const kg_term *a, const kg_term *b)
{
    return a->kind == b->kind && a->len == b->len &&
           memcmp(a->value, b->value, a->len) == 0 &&
           opt_str_eq(a->lang, b->lang) && opt_str_eq(a->datatype, b->datatype);
}

static uint64_t triple_hash(const kg_triple *t, size_t graph)
{
    uint64_t h = kg_hash_mix(term_hash(&t->s), term_hash(&t->p));
    return kg_hash_mix(kg_hash_mix(h, term_hash(&t->o)), (uint64_t)graph);
}

static int seen_grow(kg_graphset *gs)
{
    size_t cap = gs->seen_cap ? gs->seen_cap * 2 : 1024;
    uint64_t *h = kg_calloc(cap, sizeof *h);
    uint32_t *g = kg_calloc(cap, sizeof *g);
    uint32_t *ix = kg_calloc(cap, sizeof *ix);
    if (!h || !g || !ix) {
        free(h);
        free(g);
        free(ix);
        return -1;
    }
    /* index 0 marks an empty slot, so stored indexes are one-based */
    for (size_t i = 0; i < gs->seen_cap; i++) {
        if (!gs->seen_index[i])
            continue;
        size_t j = gs->seen_hash[i] & (cap - 1);
        while (ix[j])
            j = (j + 1) & (cap - 1);
        h[j] = gs->seen_hash[i];
        g[j] = gs->seen_graph[i];
        ix[j] = gs->seen_index[i];
    }
    free(gs->seen_hash);
    free(gs->seen_graph);
    free(gs->seen_index);
    gs->seen_hash = h;
    gs->seen_graph = g;
    gs->seen_index = ix;
    gs->seen_cap = cap;
    return 0;
}

/* The slot holding t in graph gi (returns 1), or the empty slot where it
 * would go (returns 0).  The table must have a free slot. */
static int seen_find(const kg_graphset *gs, size_t gi, const kg_triple *t,
                     uint64_t h, size_t *slot)
{
    const kg_rdf_graph *g = &gs->graphs[gi];
    size_t j = h & (gs->seen_cap - 1);
    while (gs->seen_index[j]) {
        if (gs->seen_hash[j] == h && gs->seen_graph[j] == gi) {
            const kg_triple *u = &g->triples[gs->seen_index[j] - 1];
            if (term_eq(&u->s, &t->s) && term_eq(&u->p, &t->p) &&
                term_eq(&u->o, &t->o)) {
                *slot = j;
                return 1;
            }
        }
        j = (j + 1) & (gs->seen_cap - 1);
    }
    *slot = j;
    return 0;
}

static void seen_put(kg_graphset *gs, size_t slot, uint64_t h, size_t gi,
                     size_t index)
{
    gs->seen_hash[slot] = h;
    gs->seen_graph[slot] = (uint32_t)gi;
    gs->seen_index[slot] = (uint32_t)index + 1;
    gs->seen_count++;
}

/* Append t to graph gi unless it is there already.  0 added or present,
 * -1 OOM. */
static int graph_add(kg_graphset *gs, size_t gi, const kg_triple *t)
{
    if ((gs->seen_count + 1) * 2 > gs->seen_cap && seen_grow(gs) < 0)
        return -1;
    kg_rdf_graph *g = &gs->graphs[gi];
    uint64_t h = triple_hash(t, gi);
    size_t slot;
    if (seen_find(gs, gi, t, h, &slot))
        return 0;
    if (g->ntriples == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        kg_triple *nt = kg_realloc(g->triples, cap * sizeof *nt);
        if (!nt)
            return -1;
        g->triples = nt;
        g->cap = cap;
    }
    if (g->ntriples >= UINT32_MAX - 1)
        return -1;
    g->triples[g->ntriples] = *t;
    seen_put(gs, slot, h, gi, g->ntriples++);
    return 0;
}

static int add_graph(kg_graphset *gs, const char *iri)
{
    if (gs->ngraphs == gs->capgraphs) {
        size_t cap = gs->capgraphs ? gs->capgraphs * 2 : 8;
        kg_rdf_graph *g = kg_realloc(gs->graphs, cap * sizeof *g);
        if (!g)
            return -1;
        gs->graphs = g;
        gs->capgraphs = cap;
    }
    kg_rdf_graph *g = &gs->graphs[gs->ngraphs];
    memset(g, 0, sizeof *g);
    g->iri = iri;
    return (int)gs->ngraphs++;
}

/* --- parsing -------------------------------------------------------------- */

typedef struct parse_ctx {
    kg_graphset *gs;
    kg_diag *d;
    const char *source;
    raptor_parser *parser;
    kg_strmap graph_by_iri; /* named graph IRI -> index */
    const char *text; /* the input, to place messages without a column */
    size_t len;
    size_t last_graph;
    const char *last_graph_iri;
    int failed;
} parse_ctx;

static void parse_fail(parse_ctx *c)
{
    if (!c->failed) {
        c->failed = 1;
        raptor_parser_parse_abort(c->parser);
    }
}

/* Message text with its first letter lowered when it starts a plain word,
 * for the project's "lowercase" error style. */
static void lower_first(char *msg)
{
    if (isupper((unsigned char)msg[0]) && islower((unsigned char)msg[1]))
        msg[0] = (char)tolower((unsigned char)msg[0]);
}

static void on_log(void *user, raptor_log_message *m)
{
    parse_ctx *c = user;
    char msg[KG_DIAG_MSG_MAX / 2];
    snprintf(msg, sizeof msg, "%s", m->text ? m->text : "unknown problem");
    lower_first(msg);
    int line = m->locator ? m->locator->line : 0;
    int col = m->locator ? m->locator->column : 0;
    if (m->level >= RAPTOR_LOG_LEVEL_ERROR) {
        long off = line > 0 && col <= 0
                       ? kg_text_guess_offset(c->text, c->len, line, msg)
                       : -1;
        if (off >= 0)
            kg_diag_error_at(c->d, c->source, c->text, c->len, (size_t)off,
                             "%s", msg);
        else
            kg_diag_error(c->d, c->source, line > 0 ? line : 0,
                          col > 0 ? col : 0, "%s", msg);
        parse_fail(c);
    } else if (m->level == RAPTOR_LOG_LEVEL_WARN) {
        kg_diag_warning(c->d, c->source, line > 0 ? line : 0,
                        col > 0 ? col : 0, "%s", msg);
    }
}

static int copy_term(parse_ctx *c, const raptor_term *rt, kg_term *t)
{
    kg_arena *a = &c->gs->arena;
    memset(t, 0, sizeof *t);
    size_t len = 0;
    const unsigned char *s;
    switch (rt->type) {
    case RAPTOR_TERM_TYPE_URI:
        t->kind = KG_TERM_IRI;
        s = raptor_uri_as_counted_string(rt->value.uri, &len);
        t->value = kg_arena_strndup(a, (const char *)s, len);
        t->len = len;
        break;
    case RAPTOR_TERM_TYPE_BLANK:
        t->kind = KG_TERM_BLANK;
        /* renamed in relabel_blanks() once the graph has its name */
        t->value = kg_arena_strndup(a, (const char *)rt->value.blank.string,
                                    rt->value.blank.string_len);
        t->len = rt->value.blank.string_len;
        break;
    case RAPTOR_TERM_TYPE_LITERAL:
        t->kind = KG_TERM_LITERAL;
        t->value = kg_arena_strndup(a, (const char *)rt->value.literal.string,
                                    rt->value.literal.string_len);
        t->len = rt->value.literal.string_len;
        if (rt->value.literal.language && rt->value.literal.language_len) {
            t->lang = kg_arena_strndup(
                a, (const char *)rt->value.literal.language,
                rt->value.literal.language_len);
            if (!t->lang)
                return -1;
        } else if (rt->value.literal.datatype) {
            s = raptor_uri_as_counted_string(rt->value.literal.datatype, &len);
            t->datatype = kg_arena_strndup(a, (const char *)s, len);
            if (!t->datatype)
                return -1;
        }
        break;
    default:
        return -2;
    }
    return t->value ? 0 : -1;
}

static int graph_for(parse_ctx *c, const raptor_term *g, size_t *gi)
{
    if (!g) {
        *gi = 0;
        return 0;
    }
    if (g->type != RAPTOR_TERM_TYPE_URI) {
        kg_diag_error(c->d, c->source,
                      raptor_parser_get_locator(c->parser)->line, 0,
                      "a graph name must be an IRI, not a blank node");
        return -1;
    }
    size_t len;
    const char *iri =
        (const char *)raptor_uri_as_counted_string(g->value.uri, &len);
    if (c->last_graph_iri && strcmp(c->last_graph_iri, iri) == 0) {
        *gi = c->last_graph;
        return 0;
    }
    int ix = kg_strmap_get(&c->graph_by_iri, iri, len);
    if (ix < 0) {
        char *copy = kg_arena_strndup(&c->gs->arena, iri, len);
        if (!copy || (ix = add_graph(c->gs, copy)) < 0 ||
            kg_strmap_put(&c->graph_by_iri, copy, len, ix) < 0) {
            kg_diag_oom(c->d, "reading a graph");
            return -1;
        }
    }
    c->last_graph = (size_t)ix;
    c->last_graph_iri = c->gs->graphs[ix].iri;
    *gi = (size_t)ix;
    return 0;
}

static void on_statement(void *user, raptor_statement *st)
{
    parse_ctx *c = user;
    if (c->failed)
        return;
    kg_triple t;
    size_t gi;
    if (graph_for(c, st->graph, &gi) < 0) {
        parse_fail(c);
        return;
    }
    if (copy_term(c, st->subject, &t.s) < 0 ||
        copy_term(c, st->predicate, &t.p) < 0 ||
        copy_term(c, st->object, &t.o) < 0 || graph_add(c->gs, gi, &t) < 0) {
        kg_diag_oom(c->d, "reading a graph");
        parse_fail(c);
    }
}

static int is_news_article(const kg_triple *t)
{
    static const char *const types[] = {"http://schema.org/NewsArticle",
                                        "https://schema.org/NewsArticle"};
    if (t->s.kind != KG_TERM_IRI || t->o.kind != KG_TERM_IRI ||
        strcmp(t->p.value, RDF_TYPE) != 0)
        return 0;
    for (size_t i = 0; i < 2; i++)
        if (strcmp(t->o.value, types[i]) == 0)
            return 1;
    return 0;
}

/* The one subject typed schema:NewsArticle; NULL when none or several. */
static const char *find_article(const kg_graphset *gs)
{
    const char *found = NULL;
    for (size_t g = 0; g < gs->ngraphs; g++)
        for (size_t i = 0; i < gs->graphs[g].ntriples; i++) {
            const kg_triple *t = &gs->graphs[g].triples[i];
            if (!is_news_article(t))
                continue;
            if (found && strcmp(found, t->s.value) != 0)
                return NULL;
            found = t->s.value;
        }
    return found;
}

static int relabel(kg_graphset *gs, kg_term *t, const char *prefix)
{
    if (t->kind != KG_TERM_BLANK)
        return 0;
    char *v = kg_arena_printf(&gs->arena, "%s%s", prefix, t->value);
    if (!v)
        return -1;
    t->value = v;
    t->len = strlen(v);
    return 0;
}

/* Give blank nodes labels of their own: the file's label behind a hash of
 * the text and the article graph's IRI.  Equal triples stay equal, so the
 * duplicate check still holds. */
static int relabel_blanks(kg_graphset *gs, const char *text, size_t len)
{
    uint64_t h = kg_hash_mix(kg_hash64(text, len, 0x6b67),
                             kg_hash64(gs->graphs[0].iri,
                                       strlen(gs->graphs[0].iri), 1));
    char prefix[24];
    snprintf(prefix, sizeof prefix, "b%016llx_", (unsigned long long)h);
    for (size_t g = 0; g < gs->ngraphs; g++)
        for (size_t i = 0; i < gs->graphs[g].ntriples; i++) {
            kg_triple *t = &gs->graphs[g].triples[i];
            if (relabel(gs, &t->s, prefix) < 0 ||
                relabel(gs, &t->o, prefix) < 0)
                return -1;
        }
    return 0;
}

/* Move the triples of a named graph called like the article graph into
 * graphs[0] and drop it. */
static int merge_article_graph(kg_graphset *gs)
{
    for (size_t g = 1; g < gs->ngraphs; g++) {
        if (strcmp(gs->graphs[g].iri, gs->graphs[0].iri) != 0)
            continue;
        kg_rdf_graph moved = gs->graphs[g];
        memmove(&gs->graphs[g], &gs->graphs[g + 1],
                (gs->ngraphs - g - 1) * sizeof *gs->graphs);
        gs->ngraphs--;
        /* graph indexes after g shift down; the duplicate check is keyed
         * by index, so it is dropped and rebuilt on demand */
        gs->seen_count = 0;
        memset(gs->seen_index, 0, gs->seen_cap * sizeof *gs->seen_index);
        for (size_t k = 0; k < gs->ngraphs; k++)
            for (size_t i = 0; i < gs->graphs[k].ntriples; i++) {
                const kg_triple *t = &gs->graphs[k].triples[i];
                uint64_t h = triple_hash(t, k);
                size_t slot;
                seen_find(gs, k, t, h, &slot);
                seen_put(gs, slot, h, k, i);
            }
        int rc = 0;
        for (size_t i = 0; i < moved.ntriples && rc == 0; i++)
            rc = graph_add(gs, 0, &moved.triples[i]);
        free(moved.triples);
        return rc;
    }
    return 0;
}

int kg_graphset_parse(kg_graphset *gs, const char *text, size_t len,
                      kg_rdf_syntax syntax, const char *source,
                      const char *base_iri, const char *graph_iri,
                      kg_diag *d)
{
    const char *name = raptor_name(syntax);
    gs->source = kg_arena_strdup(&gs->arena, source);
    if (!name) {
        kg_diag_error(d, source, 0, 0,
                      "unknown input format: use .ttl, .nt, .nq, .trig or "
                      ".txt (an article), or give --format");
        return -1;
    }
    if (!gs->source || add_graph(gs, NULL) != 0) {
        kg_diag_oom(d, "reading a graph");
        return -1;
    }
    parse_ctx c;
    memset(&c, 0, sizeof c);
    c.gs = gs;
    c.d = d;
    c.source = gs->source;
    c.text = text;
    c.len = len;
    kg_strmap_init(&c.graph_by_iri);

    unsigned before = d->nerrors;
    raptor_world *world = raptor_new_world();
    if (!world || raptor_world_open(world) != 0) {
        if (world)
            raptor_free_world(world);
        kg_strmap_release(&c.graph_by_iri);
        kg_diag_error(d, source, 0, 0, "cannot start the RDF parser");
        return -1;
    }
    raptor_world_set_log_handler(world, &c, on_log);
    raptor_uri *base = raptor_new_uri(
        world, (const unsigned char *)(base_iri ? base_iri
                                                : "urn:kgraph:stdin"));
    c.parser = raptor_new_parser(world, name);
    if (!base || !c.parser) {
        kg_diag_oom(d, "starting the RDF parser");
        c.failed = 1;
    } else {
        raptor_parser_set_option(c.parser, RAPTOR_OPTION_NO_NET, NULL, 1);
        raptor_parser_set_statement_handler(c.parser, &c, on_statement);
        if (raptor_parser_parse_start(c.parser, base) == 0)
            raptor_parser_parse_chunk(c.parser, (const unsigned char *)text,
                                      len, 1);
        else
            c.failed = 1;
    }
    if (c.parser)
        raptor_free_parser(c.parser);
    if (base)
        raptor_free_uri(base);
    raptor_free_world(world);
    kg_strmap_release(&c.graph_by_iri);
    if (c.failed || d->nerrors != before) {
        if (d->nerrors == before)
            kg_diag_error(d, source, 0, 0, "cannot parse the graph");
        return -1;
    }

    gs->article_iri = find_article(gs);
    const char *iri = graph_iri ? graph_iri
                      : gs->article_iri ? gs->article_iri
                                        : base_iri;
    if (!iri) {
        kg_diag_error(d, source, 0, 0,
                      "no subject typed schema:NewsArticle to name the graph "
                      "after: give --graph IRI");
        return -1;
    }
    gs->graphs[0].iri = kg_arena_strdup(&gs->arena, iri);
    if (!gs->graphs[0].iri || relabel_blanks(gs, text, len) < 0 ||
        merge_article_graph(gs) < 0) {
        kg_diag_oom(d, "reading a graph");
        return -1;
    }
    /* the duplicate check is done with */
    free(gs->seen_hash);
    free(gs->seen_graph);
    free(gs->seen_index);
    gs->seen_hash = NULL;
    gs->seen_graph = gs->seen_index = NULL;
    gs->seen_cap = gs->seen_count = 0;
    return 0;
}

/* Percent-encode everything but RFC 3986 unreserved characters and '/'. */
char *kg_graphset_file_iri(const char *path)
{
    char abs[PATH_MAX];
    if (!realpath(path, abs))
        return NULL;
    kg_buf b;
    kg_buf_init(&b);
    int rc = kg_buf_puts(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)abs; *p && rc == 0;
         p++) {
        if (isalnum(*p) || strchr("-._~/", *p))
            rc = kg_buf_putc(&b, (char)*p);
        else
            rc = kg_buf_printf(&b, "%%%02X", *p);
    }
    if (rc < 0) {
        kg_buf_release(&b);
        return NULL;
    }
    return kg_buf_detach(&b, NULL);
}

int kg_graphset_read_file(kg_graphset *gs, const char *path,
                          kg_rdf_syntax syntax, const char *graph_iri,
                          kg_diag *d)
{
    if (syntax == KG_SYNTAX_UNKNOWN)
        syntax = kg_rdf_syntax_from_path(path);
    if (syntax == KG_SYNTAX_UNKNOWN) {
        kg_diag_error(d, path, 0, 0,
                      "unknown input format: use .ttl, .nt, .nq, .trig or "
                      ".txt (an article), or give --format");
        return -1;
    }
    kg_buf text;
    kg_buf_init(&text);
    if (kg_io_read_file(path, &text, d) < 0) {
        kg_buf_release(&text);
        return -1;
    }
    char *base = strcmp(path, "-") == 0 ? NULL : kg_graphset_file_iri(path);
    if (strcmp(path, "-") != 0 && !base) {
        kg_buf_release(&text);
        kg_diag_oom(d, "naming a file");
        return -1;
    }
    int rc = kg_graphset_parse(gs, text.data ? text.data : "", text.len,
                               syntax, path, base, graph_iri, d);
    free(base);
    kg_buf_release(&text);
    return rc;
}

/* --- positions ------------------------------------------------------------ */

long kg_text_guess_offset(const char *text, size_t len, int line,
                          const char *message)
{
    if (line <= 0)
        return -1;
    size_t ls = 0;
    for (int l = 1; l < line; l++) {
        const char *nl = memchr(text + ls, '\n', len - ls);
        if (!nl)
            return -1;
        ls = (size_t)(nl - text) + 1;
    }
    size_t le = ls;
    while (le < len && text[le] != '\n')
        le++;
    char tok[128] = "";
    const char *q = strpbrk(message, "'\"");
    const char *e = q ? strchr(q + 1, *q) : NULL;
    if (q && e && e > q + 1 && (size_t)(e - q - 1) < sizeof tok)
        snprintf(tok, sizeof tok, "%.*s", (int)(e - q - 1), q + 1);
    if (!tok[0]) {
        /* leading upper-case words: "INSERT DATA can only be used ..." */
        size_t n = 0;
        while (message[n] && (isupper((unsigned char)message[n]) ||
                              (message[n] == ' ' &&
                               isupper((unsigned char)message[n + 1]))))
            n++;
        if (n >= 2 && n < sizeof tok)
            snprintf(tok, sizeof tok, "%.*s", (int)n, message);
    }
    size_t tl = strlen(tok);
    for (size_t i = ls; tl && i + tl <= le; i++)
        if (memcmp(text + i, tok, tl) == 0)
            return (long)i;
    while (ls < le && isspace((unsigned char)text[ls]))
        ls++;
    return (long)ls;
}

/* --- N-Triples ------------------------------------------------------------ */

static int put_escaped(kg_buf *b, const char *s, size_t len, int iri)
{
    int rc = 0;
    for (size_t i = 0; i < len && rc == 0; i++) {
        unsigned char ch = (unsigned char)s[i];
        switch (ch) {
        case '\\': rc = kg_buf_puts(b, "\\\\"); break;
        case '"': rc = iri ? kg_buf_puts(b, "\\u0022") : kg_buf_puts(b, "\\\"");
            break;
        case '\n': rc = kg_buf_puts(b, iri ? "\\u000A" : "\\n"); break;
        case '\r': rc = kg_buf_puts(b, iri ? "\\u000D" : "\\r"); break;
        case '\t': rc = kg_buf_puts(b, iri ? "\\u0009" : "\\t"); break;
        default:
            if (ch < 0x20 || ch == 0x7f ||
                (iri && strchr("<>{}|^`", ch)) || (iri && ch == ' '))
                rc = kg_buf_printf(b, "\\u%04X", ch);
            else
                rc = kg_buf_putc(b, (char)ch);
        }
    }
    return rc;
}

/* NOLINTNEXTLINE(misc-no-recursion): once, for a literal's datatype IRI */
int kg_term_write_nt(kg_buf *b, const kg_term *t)
{
    switch (t->kind) {
    case KG_TERM_IRI:
        if (kg_buf_putc(b, '<') < 0 || put_escaped(b, t->value, t->len, 1) < 0)
            return -1;
        return kg_buf_putc(b, '>');
    case KG_TERM_BLANK:
        if (kg_buf_puts(b, "_:") < 0)
            return -1;
        return kg_buf_append(b, t->value, t->len);
    case KG_TERM_LITERAL:
        if (kg_buf_putc(b, '"') < 0 || put_escaped(b, t->value, t->len, 0) < 0 ||
            kg_buf_putc(b, '"') < 0)
            return -1;
        if (t->lang)
            return kg_buf_printf(b, "@%s", t->lang);
        if (t->datatype) {
            kg_term dt = {KG_TERM_IRI, t->datatype, strlen(t->datatype), NULL,
                          NULL};
            return kg_buf_puts(b, "^^") < 0 ? -1 : kg_term_write_nt(b, &dt);
        }
        return 0;
    }
    return -1;
}

int kg_rdf_graph_write_nt(kg_buf *b, const kg_rdf_graph *g)
{
    for (size_t i = 0; i < g->ntriples; i++) {
        const kg_triple *t = &g->triples[i];
        if (kg_term_write_nt(b, &t->s) < 0 || kg_buf_putc(b, ' ') < 0 ||
            kg_term_write_nt(b, &t->p) < 0 || kg_buf_putc(b, ' ') < 0 ||
            kg_term_write_nt(b, &t->o) < 0 || kg_buf_puts(b, " .\n") < 0)
            return -1;
    }
    return 0;
}
