/*
 * fuzz_graphread.c - the graph-file readers on arbitrary RDF text: the one
 * `kgraph diff` uses (kg_graphread, into a kg_graph, with the shipped
 * ontology schema/news.yaml) and the one `kgraph load` and `push` use
 * (kg_graphset_parse, into plain terms; store/input.h hands it every
 * graph file).
 *
 * The first byte of an input chooses the syntax (bits 0-1: Turtle,
 * N-Triples, N-Quads, TriG, as enum kg_rdf_format) and whether the
 * N-Triples set keeps provenance (bit 2); the rest is the text.  Seed
 * files therefore start with '0' (Turtle), '1' (N-Triples), '2'
 * (N-Quads) or '3' (TriG).
 *
 * A graph that reads is then used as kgraph uses one: diffed against an
 * empty graph (every writer of diff_out.c on "all added"), drawn as DOT
 * text, and written as Turtle, which must read back into a graph that
 * does not differ from it (kg_diff_differ): the writer and the reader
 * agree.  Where an IRI had to change on the way (one the writer repairs,
 * one raptor's Turtle parser normalises), the graph read back must be
 * stable: written and read again, it stays the same.
 */
/* raptor 2.0.15's N-Triples parser leaks a typed literal's datatype URI,
 * and the terms of a statement it gives up on (tests/lsan.supp): its
 * raptor_ntriples_parse_term is within the first six frames. */
#define FUZZ_MALLOC_STACKS "fast_unwind_on_malloc=0:malloc_context_size=6"

#include <string.h>

#include "base/buf.h"
#include "diff/diff.h"
#include "diff/graphread.h"
#include "fuzz.h"
#include "graph/graph.h"
#include "ontology/ontology.h"
#include "store/graphset.h"
#include "write/dot.h"
#include "write/rdf.h"

static kg_ontology *ont;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char path[4096];
    kg_diag d;
    kg_diag_init(&d, stderr);
    ont = kg_ontology_load(fuzz_path("schema/news.yaml", path, sizeof path), &d);
    if (!ont) {
        kg_diag_print(&d, stderr);
        exit(1);
    }
    return 0;
}

static void check_ntset(const kg_ntset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        FUZZ_CHECK(s->v[i] != NULL);
        if (i > 0)
            FUZZ_CHECK(strcmp(s->v[i - 1], s->v[i]) < 0);
        FUZZ_CHECK(kg_ntset_has(s, s->v[i]));
    }
}

static void diff_writers(const kg_graph *g, const kg_ntset *plain)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_graph empty;
    FUZZ_CHECK(kg_graph_init(&empty, ont, NULL, &d) == 0);
    FUZZ_CHECK(kg_graph_finalize(&empty, &d) == 0);
    kg_ntset none;
    kg_ntset_init(&none);
    kg_diff df;
    FUZZ_CHECK(kg_diff_compute(&df, &empty, g, &d) == 0);
    kg_buf out;
    kg_buf_init(&out);
    kg_diff_text_options topt = {.name_a = "old", .name_b = "new",
                                 .verbose = true};
    FUZZ_CHECK(kg_diff_write_text(&df, &topt, &out, &d) == 0);
    FUZZ_CHECK(kg_diff_write_stat(&df, &topt, &out, &d) == 0);
    FUZZ_CHECK(kg_diff_write_patch(&df, &none, plain, &out, &d) == 0);
    FUZZ_CHECK(kg_diff_write_changeset(&df, KG_RDF_TURTLE, &out, &d) == 0);
    FUZZ_CHECK(kg_diff_write_changeset(&df, KG_RDF_TRIG, &out, &d) == 0);
    kg_buf_release(&out);
    kg_diff_release(&df);
    kg_ntset_release(&none);
    kg_graph_release(&empty);
}

static void draw(const kg_graph *g)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_dot_options opt;
    kg_dot_options_init(&opt);
    opt.isolated = true;
    kg_buf out;
    kg_buf_init(&out);
    FUZZ_CHECK(kg_dot_write(g, &opt, &out, &d) == 0);
    kg_buf_release(&out);
}

/* Whether an IRI has "." or ".." path segments, which raptor's Turtle
 * parser removes (RFC 3986 resolution) where its N-Triples parser keeps
 * them. */
static bool dot_segments(const char *iri)
{
    const char *colon = strchr(iri, ':');
    if (colon && colon[1] == '.')
        return true;
    for (const char *p = strstr(iri, "/."); p; p = strstr(p + 1, "/.")) {
        size_t k = p[2] == '.' ? 3 : 2;
        if (p[k] == '/' || p[k] == '\0' || p[k] == '?' || p[k] == '#')
            return true;
    }
    return false;
}

static bool plain_iri(const char *iri)
{
    return kg_rdf_iri_valid(iri) && !dot_segments(iri);
}

/* Whether g reads back exactly as it is once written.  Not when an IRI is
 * one the writer repairs (percent-encoding what no syntax accepts: rdf.h)
 * or raptor normalises, nor when an entity has an IRI the writer mints
 * for its own resources (the run, the agent, the ontology files, articles,
 * statements), where it meets the writer's resource of the same IRI. */
static bool writable_as_is(const kg_graph *g)
{
    static const char *const ns[] = {"run/", "agent/", "source/", "article/",
                                     "stmt/"};
    size_t n = strlen(g->base);
    for (size_t i = 0; i < g->nnodes; i++) {
        const char *iri = g->nodes[i].iri;
        if (!plain_iri(iri))
            return false;
        if (strncmp(iri, g->base, n) != 0)
            continue;
        for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++)
            if (strncmp(iri + n, ns[k], strlen(ns[k])) == 0)
                return false;
    }
    for (size_t i = 0; i < g->nedges; i++)
        if (!plain_iri(g->edges[i].rel_iri))
            return false;
    for (size_t i = 0; i < g->narticles; i++)
        if (!plain_iri(g->articles[i].iri))
            return false;
    return true;
}

/* Write g as Turtle (into out) and read that into back. */
static void write_read(const kg_graph *g, kg_buf *out, kg_graph *back)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_rdf_options opt;
    kg_rdf_options_init(&opt);
    FUZZ_CHECK(kg_rdf_write(g, &opt, out, &d) == 0);
    FUZZ_CHECK(kg_graph_init(back, ont, g->base, &d) == 0);
    int rc = kg_graphread("written.ttl", out->data ? out->data : "",
                          out->len, KG_RDF_TURTLE, back, NULL, &d);
    if (rc != 0)
        fprintf(stderr, "%s\n--- what was written:\n%s\n", d.first,
                out->data ? out->data : "");
    FUZZ_CHECK(rc == 0);
}

/* a and b must be the same graph (kg_diff); out is what b was read from. */
static void same(const kg_graph *a, const kg_graph *b, const kg_buf *out)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_diff df;
    FUZZ_CHECK(kg_diff_compute(&df, a, b, &d) == 0);
    if (kg_diff_differ(&df)) {
        kg_diff_text_options topt = {.name_a = "read", .name_b = "written",
                                     .verbose = true};
        kg_buf t;
        kg_buf_init(&t);
        kg_diff_write_text(&df, &topt, &t, &d);
        fprintf(stderr, "--- the graph changed on its way through Turtle:\n"
                        "%s\n--- what was written:\n%s\n",
                t.data ? t.data : "", out->data ? out->data : "");
        kg_buf_release(&t);
    }
    FUZZ_CHECK(!kg_diff_differ(&df));
    kg_diff_release(&df);
}

/* Write g as Turtle and read it back: nothing may change.  When the
 * writer or raptor had to change an IRI (writable_as_is), the graph read
 * back must be stable instead: written and read once more, it stays. */
static void round_trip(const kg_graph *g)
{
    kg_buf out;
    kg_buf_init(&out);
    kg_graph once;
    write_read(g, &out, &once);
    if (writable_as_is(g)) {
        same(g, &once, &out);
    } else {
        kg_buf out2;
        kg_buf_init(&out2);
        kg_graph twice;
        write_read(&once, &out2, &twice);
        same(&once, &twice, &out2);
        kg_graph_release(&twice);
        kg_buf_release(&out2);
    }
    kg_graph_release(&once);
    kg_buf_release(&out);
}

static void graphread(int format, bool with_prov, const char *text,
                      size_t len)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_graph g;
    FUZZ_CHECK(kg_graph_init(&g, ont, NULL, &d) == 0);
    kg_ntset plain;
    kg_ntset_init(&plain);
    plain.with_provenance = with_prov;
    if (kg_graphread("fuzz", text, len, format, &g, &plain, &d) == 0) {
        FUZZ_CHECK(g.finalized);
        check_ntset(&plain);
        diff_writers(&g, &plain);
        draw(&g);
        round_trip(&g);
    } else {
        FUZZ_CHECK(d.nerrors >= 1);
        FUZZ_CHECK(strncmp(d.first, "fuzz:", 5) == 0);
    }
    kg_ntset_release(&plain);
    kg_graph_release(&g);
}

static void graphset(int format, const char *text, size_t len)
{
    static const kg_rdf_syntax syntax[] = {
        [KG_RDF_TURTLE] = KG_SYNTAX_TURTLE,
        [KG_RDF_NTRIPLES] = KG_SYNTAX_NTRIPLES,
        [KG_RDF_NQUADS] = KG_SYNTAX_NQUADS,
        [KG_RDF_TRIG] = KG_SYNTAX_TRIG,
    };
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_graphset gs;
    kg_graphset_init(&gs);
    if (kg_graphset_parse(&gs, text, len, syntax[format], "fuzz",
                          "file:///fuzz", NULL, &d) == 0) {
        FUZZ_CHECK(gs.ngraphs >= 1);
        kg_buf out;
        kg_buf_init(&out);
        for (size_t i = 0; i < gs.ngraphs; i++)
            FUZZ_CHECK(kg_rdf_graph_write_nt(&out, &gs.graphs[i]) == 0);
        kg_buf_release(&out);
    } else {
        FUZZ_CHECK(d.nerrors >= 1);
        FUZZ_CHECK(strncmp(d.first, "fuzz", 4) == 0);
    }
    kg_graphset_release(&gs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    int format = data[0] & 3;
    bool with_prov = data[0] & 4;
    const char *text = (const char *)data + 1;
    graphread(format, with_prov, text, size - 1);
    graphset(format, text, size - 1);
    return 0;
}
