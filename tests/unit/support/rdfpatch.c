/*
 * rdfpatch.c - RDF Patch applied with librdf (see rdfpatch.h).
 *
 * librdf ownership: every librdf_new_* object is freed with its
 * librdf_free_* (world last).  librdf_model_add_statement copies the
 * statement; librdf_stream_get_object and librdf_stream_get_context2
 * return objects the stream owns.  librdf_new_statement_from_statement
 * returns a copy we free; librdf_new_node_from_node likewise.
 */
#include "rdfpatch.h"

#include <librdf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

typedef struct ctx {
    bool keep;      /* provenance too */
    librdf_world *w;
    librdf_uri *base;
    char *err;
    size_t errcap;
    bool failed;
} ctx;

static void fail(ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void fail(ctx *c, const char *fmt, ...)
{
    if (c->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, c->errcap, fmt, ap);
    va_end(ap);
    c->failed = true;
}

static const char *parser_for(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot)
        return NULL;
    if (!strcmp(dot, ".ttl"))
        return "turtle";
    if (!strcmp(dot, ".nt"))
        return "ntriples";
    if (!strcmp(dot, ".nq"))
        return "nquads";
    if (!strcmp(dot, ".trig"))
        return "trig";
    return NULL;
}

static librdf_model *new_model(ctx *c, bool contexts)
{
    librdf_storage *st = librdf_new_storage(c->w, "memory", NULL,
                                            contexts ? "contexts='yes'" : NULL);
    librdf_model *m = st ? librdf_new_model(c->w, st, NULL) : NULL;
    if (st)
        librdf_free_storage(st); /* the model holds a reference */
    if (!m)
        fail(c, "librdf: cannot make a model");
    return m;
}

static char *read_all(const char *path);

static bool node_in(librdf_node *n, librdf_node **set, size_t nset)
{
    for (size_t i = 0; i < nset; i++)
        if (librdf_node_equals(n, set[i]))
            return true;
    return false;
}

/* Length of the N-Quads term at p (IRI, blank node, literal with its
 * datatype or language), 0 if none. */
static size_t term_len(const char *p)
{
    const char *q = p;
    if (*q == '<') {
        while (*q && *q != '>')
            q++;
        return *q ? (size_t)(q + 1 - p) : 0;
    }
    if (q[0] == '_' && q[1] == ':') {
        while (*q && *q != ' ' && *q != '\t')
            q++;
        return (size_t)(q - p);
    }
    if (*q != '"')
        return 0;
    for (q++; *q && *q != '"'; q++)
        if (*q == '\\' && q[1])
            q++;
    if (!*q)
        return 0;
    q++;
    if (q[0] == '^' && q[1] == '^')
        q += 2 + term_len(q + 2);
    else if (*q == '@')
        while (*q && *q != ' ' && *q != '\t')
            q++;
    return (size_t)(q - p);
}

/* librdf 1.0.17 drops graph names when it parses N-Quads or TriG, so an
 * N-Quads file is split here: triples in the default graph go to librdf
 * as N-Triples, the names of the other graphs are returned (graph names
 * are provenance in kgraph's files).  TriG is not read (convert it to
 * N-Quads with rapper first). */
static char *split_nquads(ctx *c, const char *path, char ***graphs,
                          size_t *ngraphs)
{
    char *text = read_all(path);
    if (!text) {
        fail(c, "%s: cannot read it", path);
        return NULL;
    }
    size_t len = strlen(text), n = 0, cap = 0;
    char *out = malloc(len + 2);
    if (!out)
        abort();
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        const char *p = line, *t[4];
        size_t tl[4];
        int k = 0;
        while (k < 4) {
            while (*p == ' ' || *p == '\t')
                p++;
            size_t l = term_len(p);
            if (!l)
                break;
            t[k] = p;
            tl[k++] = l;
            p += l;
        }
        if (k == 4) {
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                *graphs = realloc(*graphs, cap * sizeof **graphs);
                if (!*graphs)
                    abort();
            }
            /* "<iri>" -> "iri" */
            (*graphs)[n++] = strndup(t[3] + 1, tl[3] - 2);
        }
    }
    free(text);
    /* second pass keeps the triple lines */
    text = read_all(path);
    if (!text)
        abort();
    size_t o = 0;
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        const char *p = line;
        int k = 0;
        while (k < 4) {
            while (*p == ' ' || *p == '\t')
                p++;
            size_t l = term_len(p);
            if (!l)
                break;
            p += l;
            k++;
        }
        if (k == 4)
            continue;
        size_t l = strlen(line);
        memcpy(out + o, line, l);
        o += l;
        out[o++] = '\n';
    }
    out[o] = '\0';
    free(text);
    *ngraphs = n;
    return out;
}

/* The graph in path without provenance, as a model without contexts.
 * The file is parsed as a stream; N-Quads are split first. */
static librdf_model *load_plain(ctx *c, const char *path)
{
    const char *pname = parser_for(path);
    if (!pname) {
        fail(c, "%s: unknown graph syntax", path);
        return NULL;
    }
    if (c->keep && (!strcmp(pname, "trig") || !strcmp(pname, "nquads"))) {
        fail(c, "%s: librdf drops graph names; whole graphs need .ttl or .nt",
             path);
        return NULL;
    }
    if (!strcmp(pname, "trig")) {
        fail(c, "%s: librdf drops TriG's graphs; convert it to N-Quads", path);
        return NULL;
    }
    char **graphs = NULL, *triples = NULL;
    size_t ngraphs = 0;
    if (!strcmp(pname, "nquads")) {
        triples = split_nquads(c, path, &graphs, &ngraphs);
        if (!triples)
            return NULL;
        pname = "ntriples";
    }
    librdf_model *plain = new_model(c, false);
    librdf_parser *p = librdf_new_parser(c->w, pname, NULL, NULL);
    librdf_uri *u = librdf_new_uri_from_filename(c->w, path);
    librdf_node **prov = NULL;
    librdf_statement **dflt = NULL;
    size_t nprov = 0, capprov = ngraphs, ndflt = 0, capdflt = 0;
    if (ngraphs) {
        prov = malloc(ngraphs * sizeof *prov);
        if (!prov)
            abort();
        for (size_t i = 0; i < ngraphs; i++) {
            librdf_node *g = librdf_new_node_from_uri_string(
                c->w, (const unsigned char *)graphs[i]);
            if (g && !node_in(g, prov, nprov))
                prov[nprov++] = g;
            else if (g)
                librdf_free_node(g);
            free(graphs[i]);
        }
    }
    free(graphs);
    librdf_node *type = librdf_new_node_from_uri_string(
        c->w, (const unsigned char *)RDF_NS "type");
    librdf_node *stmt = librdf_new_node_from_uri_string(
        c->w, (const unsigned char *)RDF_NS "Statement");
    librdf_stream *s = NULL;
    if (p && u)
        s = triples ? librdf_parser_parse_string_as_stream(
                          p, (const unsigned char *)triples, u)
                    : librdf_parser_parse_as_stream(p, u, u);
    if (!plain || !s) {
        fail(c, "%s: librdf cannot parse it", path);
        goto done;
    }
    for (; !librdf_stream_end(s); librdf_stream_next(s)) {
        librdf_statement *t = librdf_stream_get_object(s);
        librdf_node *g = librdf_stream_get_context2(s);
        librdf_node *add = NULL;
        if (g)
            add = g;
        else if (librdf_node_equals(librdf_statement_get_predicate(t), type) &&
                 librdf_node_equals(librdf_statement_get_object(t), stmt))
            add = librdf_statement_get_subject(t);
        if (add && !node_in(add, prov, nprov)) {
            if (nprov == capprov) {
                capprov = capprov ? capprov * 2 : 64;
                prov = realloc(prov, capprov * sizeof *prov);
                if (!prov)
                    abort();
            }
            prov[nprov++] = librdf_new_node_from_node(add);
        }
        if (!g) {
            if (ndflt == capdflt) {
                capdflt = capdflt ? capdflt * 2 : 256;
                dflt = realloc(dflt, capdflt * sizeof *dflt);
                if (!dflt)
                    abort();
            }
            dflt[ndflt++] = librdf_new_statement_from_statement(t);
        }
    }
    for (size_t i = 0; i < ndflt; i++)
        if (c->keep ||
            !node_in(librdf_statement_get_subject(dflt[i]), prov, nprov))
            librdf_model_add_statement(plain, dflt[i]);
done:
    free(triples);
    if (s)
        librdf_free_stream(s);
    for (size_t i = 0; i < ndflt; i++)
        librdf_free_statement(dflt[i]);
    free(dflt);
    for (size_t i = 0; i < nprov; i++)
        librdf_free_node(prov[i]);
    free(prov);
    librdf_free_node(type);
    librdf_free_node(stmt);
    if (u)
        librdf_free_uri(u);
    if (p)
        librdf_free_parser(p);
    if (c->failed && plain) {
        librdf_free_model(plain);
        plain = NULL;
    }
    return plain;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *b = malloc(cap);
    size_t k;
    while (b && (k = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n - 1 == 0) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (b)
        b[n] = '\0';
    return b;
}

static void apply(ctx *c, librdf_model *m, const char *patch_path)
{
    char *text = read_all(patch_path);
    if (!text) {
        fail(c, "%s: cannot read the patch", patch_path);
        return;
    }
    librdf_parser *nt = librdf_new_parser(c->w, "ntriples", NULL, NULL);
    bool in_tx = false, closed = false;
    int lineno = 0;
    for (char *save = NULL, *line = strtok_r(text, "\n", &save);
         line && nt && !c->failed; line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        if (line[0] == 'H' && line[1] == ' ')
            continue;
        if (!strcmp(line, "TX .")) {
            in_tx = true;
            continue;
        }
        if (!strcmp(line, "TC .")) {
            closed = in_tx;
            in_tx = false;
            continue;
        }
        if ((line[0] != 'A' && line[0] != 'D') || line[1] != ' ' || !in_tx) {
            fail(c, "%s:%d: not a row of an open transaction: %s", patch_path,
                 lineno, line);
            break;
        }
        librdf_stream *s = librdf_parser_parse_string_as_stream(
            nt, (const unsigned char *)line + 2, c->base);
        int n = 0;
        for (; s && !librdf_stream_end(s); librdf_stream_next(s)) {
            librdf_statement *t = librdf_stream_get_object(s);
            int has = librdf_model_contains_statement(m, t);
            if (line[0] == 'D' && !has)
                fail(c, "%s:%d: D of a triple the graph lacks", patch_path,
                     lineno);
            else if (line[0] == 'A' && has)
                fail(c, "%s:%d: A of a triple the graph has", patch_path,
                     lineno);
            else if (line[0] == 'D')
                librdf_model_remove_statement(m, t);
            else
                librdf_model_add_statement(m, t);
            n++;
        }
        if (s)
            librdf_free_stream(s);
        if (n != 1)
            fail(c, "%s:%d: expected one triple, found %d", patch_path, lineno,
                 n);
    }
    if (!c->failed && !closed)
        fail(c, "%s: no committed transaction (TX . ... TC .)", patch_path);
    if (nt)
        librdf_free_parser(nt);
    free(text);
}

static void compare(ctx *c, librdf_model *got, librdf_model *want)
{
    int ng = librdf_model_size(got), nw = librdf_model_size(want);
    librdf_stream *s = librdf_model_as_stream(want);
    int missing = 0;
    for (; s && !librdf_stream_end(s); librdf_stream_next(s))
        if (!librdf_model_contains_statement(got, librdf_stream_get_object(s)))
            missing++;
    if (s)
        librdf_free_stream(s);
    if (missing || ng != nw)
        fail(c, "patched graph has %d triples, new graph %d; %d of the new "
                "graph's are missing",
             ng, nw, missing);
}

int kg_test_patch_check(const char *old_path, const char *patch_path,
                        const char *new_path, bool keep_provenance, char *err,
                        size_t errcap)
{
    ctx c = {0};
    c.keep = keep_provenance;
    c.err = err;
    c.errcap = errcap;
    if (errcap)
        err[0] = '\0';
    c.w = librdf_new_world();
    if (!c.w) {
        fail(&c, "librdf: no world");
        return -1;
    }
    librdf_world_open(c.w);
    c.base = librdf_new_uri(c.w, (const unsigned char *)"http://example.org/");
    librdf_model *old = load_plain(&c, old_path);
    librdf_model *nw = c.failed ? NULL : load_plain(&c, new_path);
    if (!c.failed)
        apply(&c, old, patch_path);
    if (!c.failed)
        compare(&c, old, nw);
    if (old)
        librdf_free_model(old);
    if (nw)
        librdf_free_model(nw);
    if (c.base)
        librdf_free_uri(c.base);
    librdf_free_world(c.w);
    return c.failed ? -1 : 0;
}
