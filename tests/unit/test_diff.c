/*
 * test_diff.c - graph files read back (graphread), the comparison (diff)
 * and its writers (diff_out), and the diff picture in the DOT writer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diff/diff.h"
#include "diff/graphread.h"
#include "support/graph_fixture.h"
#include "write/dot.h"
#include "write/rdf.h"

typedef int (*fixture_fn)(kg_graph *, kg_diag *);

static kg_ontology *ont;

static int setup(void **state)
{
    (void)state;
    ont = kg_fixture_ontology();
    return ont ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    kg_fixture_ontology_free(ont);
    return 0;
}

static void build(kg_graph *g, fixture_fn f)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_graph_init(g, ont, NULL, &d), 0);
    if (f(g, &d) != 0)
        fail_msg("fixture: %s", d.first);
}

/* g written in a format and provenance mode, then read back into r. */
static void roundtrip(const kg_graph *g, int format, int prov, kg_graph *r,
                      kg_ntset *plain)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_rdf_options o;
    kg_rdf_options_init(&o);
    o.format = format;
    o.provenance = prov;
    kg_buf b;
    kg_buf_init(&b);
    if (kg_rdf_write(g, &o, &b, &d) != 0)
        fail_msg("write: %s", d.first);
    assert_int_equal(kg_graph_init(r, ont, NULL, &d), 0);
    if (kg_graphread("mem", b.data, b.len, format, r, plain, &d) != 0)
        fail_msg("read %s: %s", kg_rdf_format_ext(format), d.first);
    kg_buf_release(&b);
    assert_true(r->finalized);
}

static const char *speaker_iri(const kg_graph *g, const kg_prov *p)
{
    return p->attributed_to >= 0 ? g->nodes[p->attributed_to].iri : NULL;
}

static void assert_same_str(const char *a, const char *b)
{
    if (!a || !b)
        assert_true(a == b);
    else
        assert_string_equal(a, b);
}

/* Everything the files carry comes back; evidence only when written. */
static void assert_same_graph(const kg_graph *a, const kg_graph *b,
                              bool with_prov)
{
    assert_int_equal(a->narticles, b->narticles);
    for (size_t i = 0; i < a->narticles; i++) {
        assert_string_equal(a->articles[i].iri, b->articles[i].iri);
        assert_same_str(a->articles[i].meta.title, b->articles[i].meta.title);
        assert_same_str(a->articles[i].meta.id, b->articles[i].meta.id);
    }
    assert_int_equal(a->nnodes, b->nnodes);
    for (size_t i = 0; i < a->nnodes; i++) {
        const kg_node *x = &a->nodes[i], *y = &b->nodes[i];
        assert_string_equal(x->iri, y->iri);
        assert_string_equal(x->label, y->label);
        assert_int_equal(x->cls, y->cls);
        assert_int_equal(x->nalt, y->nalt);
        for (size_t k = 0; k < x->nalt; k++)
            assert_string_equal(x->alt[k], y->alt[k]);
    }
    size_t k = 0;
    for (size_t i = 0; i < a->nedges; i++) {
        const kg_edge *x = &a->edges[i];
        bool asserted = false;
        for (size_t j = 0; j < x->nprov; j++)
            asserted |= !(x->prov[j].flags & KG_PROV_UNASSERTED);
        if (!with_prov && !asserted)
            continue; /* without evidence, only facts are written */
        assert_true(k < b->nedges);
        const kg_edge *y = &b->edges[k++];
        assert_string_equal(a->nodes[x->subj].iri, b->nodes[y->subj].iri);
        assert_string_equal(a->nodes[x->obj].iri, b->nodes[y->obj].iri);
        assert_string_equal(x->rel_iri, y->rel_iri);
        assert_int_equal(x->rel, y->rel);
        assert_string_equal(x->rel_label, y->rel_label);
        if (!with_prov) {
            assert_int_equal(y->nprov, 0);
            continue;
        }
        assert_int_equal(x->nprov, y->nprov);
        for (size_t j = 0; j < x->nprov; j++) {
            const kg_prov *p = &x->prov[j], *q = &y->prov[j];
            assert_string_equal(p->text, q->text);
            assert_int_equal(p->cstart, q->cstart);
            assert_int_equal(p->cend, q->cend);
            assert_int_equal(p->sentence, q->sentence);
            assert_int_equal(p->flags, q->flags);
            assert_same_str(p->rule, q->rule);
            assert_same_str(p->modality, q->modality);
            assert_same_str(speaker_iri(a, p), speaker_iri(b, q));
            assert_true(p->confidence - q->confidence < 0.001 &&
                        q->confidence - p->confidence < 0.001);
        }
    }
    assert_int_equal(k, b->nedges);
}

static void reads_every_format(void **state)
{
    (void)state;
    static const int fmts[][2] = {
        {KG_RDF_TURTLE, KG_PROV_MODE_REIFY},  {KG_RDF_NTRIPLES, KG_PROV_MODE_REIFY},
        {KG_RDF_NQUADS, KG_PROV_MODE_GRAPHS}, {KG_RDF_TRIG, KG_PROV_MODE_GRAPHS},
        {KG_RDF_TRIG, KG_PROV_MODE_REIFY},    {KG_RDF_TURTLE, KG_PROV_MODE_NONE},
    };
    fixture_fn fx[] = {kg_fixture_korea, kg_fixture_tiny};
    for (size_t f = 0; f < 2; f++) {
        kg_graph g;
        build(&g, fx[f]);
        for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
            kg_graph r;
            roundtrip(&g, fmts[i][0], fmts[i][1], &r, NULL);
            assert_same_graph(&g, &r, fmts[i][1] != KG_PROV_MODE_NONE);
            kg_graph_release(&r);
        }
        kg_graph_release(&g);
    }
}

/* The graph without provenance is what `extract -p none` writes, from
 * whichever file it was read. */
static void plain_view_is_provenance_free(void **state)
{
    (void)state;
    kg_graph g;
    build(&g, kg_fixture_korea);
    kg_graph r0, r1, r2;
    kg_ntset p0, p1, p2;
    kg_ntset_init(&p0);
    kg_ntset_init(&p1);
    kg_ntset_init(&p2);
    roundtrip(&g, KG_RDF_NTRIPLES, KG_PROV_MODE_NONE, &r0, &p0);
    roundtrip(&g, KG_RDF_TURTLE, KG_PROV_MODE_REIFY, &r1, &p1);
    roundtrip(&g, KG_RDF_NQUADS, KG_PROV_MODE_GRAPHS, &r2, &p2);
    assert_true(p0.n > 20);
    assert_int_equal(p0.n, p1.n);
    assert_int_equal(p0.n, p2.n);
    for (size_t i = 0; i < p0.n; i++) {
        assert_string_equal(p0.v[i], p1.v[i]);
        assert_string_equal(p0.v[i], p2.v[i]);
        assert_null(strstr(p0.v[i], "/stmt/"));
        assert_true(kg_ntset_has(&p1, p0.v[i]));
    }
    assert_false(kg_ntset_has(&p1, "<http://nowhere/> <http://x/> <http://y/>"));
    /* the whole graph: evidence as statements, named graphs as quads */
    kg_graph r3;
    kg_ntset p3;
    kg_ntset_init(&p3);
    p3.with_provenance = true;
    roundtrip(&g, KG_RDF_NQUADS, KG_PROV_MODE_GRAPHS, &r3, &p3);
    assert_true(p3.n > p0.n);
    for (size_t i = 0; i < p0.n; i++)
        assert_true(kg_ntset_has(&p3, p0.v[i]));
    /* "<s> <p> <o> <…/stmt/…>": a fact in the graph of its evidence */
    size_t quads = 0;
    for (size_t i = 0; i < p3.n; i++) {
        const char *v = p3.v[i], *last = strrchr(v, '<');
        int terms = 0;
        for (const char *q = v; *q; q++)
            terms += *q == '<';
        /* four IRIs, and /stmt/ first appears in the last one */
        if (terms == 4 && !strchr(v, '"') && strstr(last, "/stmt/") &&
            strstr(v, "/stmt/") == strstr(last, "/stmt/"))
            quads++;
    }
    assert_true(quads > 10);
    kg_ntset_release(&p3);
    kg_graph_release(&r3);
    kg_ntset_release(&p0);
    kg_ntset_release(&p1);
    kg_ntset_release(&p2);
    kg_graph_release(&r0);
    kg_graph_release(&r1);
    kg_graph_release(&r2);
    kg_graph_release(&g);
}

static void syntax_error_has_a_line(void **state)
{
    (void)state;
    static const char bad[] = "<http://a/s> <http://a/p> <http://a/o> .\n"
                              "<http://a/s> <http://a/p> \"open .\n";
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_graph g;
    assert_int_equal(kg_graph_init(&g, ont, NULL, &d), 0);
    assert_int_equal(kg_graphread("bad.ttl", bad, sizeof bad - 1,
                                  KG_RDF_TURTLE, &g, NULL, &d), -1);
    assert_non_null(strstr(d.first, "bad.ttl:2"));
    assert_non_null(strstr(d.first, "error: "));
    kg_graph_release(&g);
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_graph_init(&g, ont, NULL, &d), 0);
    assert_int_equal(kg_graphread_file("/nonexistent/x.ttl", -1, &g, NULL, &d),
                     -1);
    assert_non_null(strstr(d.first, "cannot open"));
    kg_graph_release(&g);
}

/* RDF is UTF-8: other bytes and NUL are refused where they are (found by
 * tests/fuzz: an IRI with bytes that are not UTF-8 was read, then written
 * back percent-encoded as another IRI). */
static void not_utf8_is_refused(void **state)
{
    (void)state;
    static const char bad[] = "<http://a/s> <http://a/p> <http://a/o> .\n"
                              "<http://a/s\x98\xd0> <http://a/p> \"x\" .\n";
    static const char nul[] = "<http://a/s> <http://a/p> \"a\0b\" .\n";
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_graph g;
    assert_int_equal(kg_graph_init(&g, ont, NULL, &d), 0);
    assert_int_equal(kg_graphread("bad.nt", bad, sizeof bad - 1,
                                  KG_RDF_NTRIPLES, &g, NULL, &d), -1);
    assert_string_equal(d.first,
                        "bad.nt:2:12: error: invalid UTF-8 (byte 0x98)");
    kg_graph_release(&g);
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_graph_init(&g, ont, NULL, &d), 0);
    assert_int_equal(kg_graphread("nul.nt", nul, sizeof nul - 1,
                                  KG_RDF_NTRIPLES, &g, NULL, &d), -1);
    assert_string_equal(d.first, "nul.nt:1:29: error: NUL byte in the graph");
    kg_graph_release(&g);
}

/* kgraph writes no blank nodes; one in a file is no entity (found by
 * tests/fuzz: "_:x" became a node whose IRI was no IRI). */
static void blank_nodes_are_no_entities(void **state)
{
    (void)state;
    static const char text[] =
        "<http://a/s> <http://a/p> _:y .\n"
        "_:x <http://a/p> <http://a/o> .\n"
        "_:x <http://www.w3.org/2000/01/rdf-schema#label> \"X\" .\n";
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_graph g;
    assert_int_equal(kg_graph_init(&g, ont, NULL, &d), 0);
    if (kg_graphread("b.nt", text, sizeof text - 1, KG_RDF_NTRIPLES, &g, NULL,
                     &d))
        fail_msg("%s", d.first);
    assert_int_equal(g.nnodes, 1);
    assert_string_equal(g.nodes[0].iri, "http://a/s");
    assert_int_equal(g.nedges, 0);
    kg_graph_release(&g);
}

/* A statement given twice counts once (found by tests/fuzz: an altLabel
 * repeated in an N-Triples file became two aliases, so the graph differed
 * from itself written back). */
static void duplicate_statements_count_once(void **state)
{
    (void)state;
    static const char text[] =
        "<http://a/s> <http://www.w3.org/2004/02/skos/core#altLabel> \"S\" .\n"
        "<http://a/s> <http://www.w3.org/2004/02/skos/core#altLabel> \"S\" .\n"
        "<http://a/s> <http://www.w3.org/2004/02/skos/core#altLabel> \"S\"@en .\n"
        "<http://a/s> <http://a/p> <http://a/o> .\n"
        "<http://a/s> <http://a/p> <http://a/o> .\n";
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_graph g;
    assert_int_equal(kg_graph_init(&g, ont, NULL, &d), 0);
    kg_ntset plain;
    kg_ntset_init(&plain);
    if (kg_graphread("dup.nt", text, sizeof text - 1, KG_RDF_NTRIPLES, &g,
                     &plain, &d))
        fail_msg("%s", d.first);
    int s = -1;
    for (size_t i = 0; i < g.nnodes; i++)
        if (!strcmp(g.nodes[i].iri, "http://a/s"))
            s = (int)i;
    assert_true(s >= 0);
    /* "S" and "S"@en are two statements with the same text */
    assert_int_equal(g.nodes[s].nalt, 2);
    assert_int_equal(g.nedges, 1);
    assert_int_equal(plain.n, 3);
    kg_ntset_release(&plain);
    kg_graph_release(&g);
}

/* --- the comparison --------------------------------------------------------- */

#define E "http://example.org/news/entity/"
#define R "http://example.org/news/rel/"
#define C "http://example.org/news/class/"

/* A tiny graph file in kgraph's vocabulary: Alice and Bob (people), one
 * fact with one piece of evidence given as Turtle predicates. */
static void read_ttl(kg_graph *g, const char *facts)
{
    char text[4096];
    snprintf(text, sizeof text,
             "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
             "@prefix kg: <http://example.org/kgraph/ns#> .\n"
             "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .\n"
             "@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .\n"
             "<" E "alice> a <" C "Person> ; rdfs:label \"Alice\" .\n"
             "<" E "bob> a <" C "Person> ; rdfs:label \"Bob\" .\n"
             "<" E "carol> a <" C "Person> ; rdfs:label \"Carol\" .\n%s",
             facts);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_graph_init(g, ont, NULL, &d), 0);
    if (kg_graphread("t.ttl", text, strlen(text), KG_RDF_TURTLE, g, NULL, &d))
        fail_msg("%s", d.first);
}

/* One reified piece of evidence for alice criticizes bob. */
#define EVIDENCE(extra)                                                      \
    "<http://x/s1> a rdf:Statement ; rdf:subject <" E "alice> ; "            \
    "rdf:predicate <" R "criticizes> ; rdf:object <" E "bob> ; "             \
    "nif:anchorOf \"a sentence\" ; nif:beginIndex 5 ; nif:endIndex 15 " extra \
    " .\n"

static void compare(const char *old, const char *new, kg_diff *df,
                    kg_graph *a, kg_graph *b)
{
    read_ttl(a, old);
    read_ttl(b, new);
    kg_diag d;
    kg_diag_init(&d, NULL);
    if (kg_diff_compute(df, a, b, &d))
        fail_msg("%s", d.first);
}

static void finish(kg_diff *df, kg_graph *a, kg_graph *b)
{
    kg_diff_release(df);
    kg_graph_release(a);
    kg_graph_release(b);
}

static const kg_diff_item *only_changed_edge(const kg_diff *df)
{
    const kg_diff_item *it = NULL;
    for (size_t i = 0; i < df->nedges; i++)
        if (df->edges[i].status != KG_DIFF_SAME) {
            assert_null(it);
            it = &df->edges[i];
        }
    assert_non_null(it);
    return it;
}

static void provenance_is_not_a_change(void **state)
{
    (void)state;
    kg_diff df;
    kg_graph a, b;
    compare(EVIDENCE("; kg:rule \"r1\" ; kg:confidence 0.5"),
            "<http://x/other-id> a rdf:Statement ; rdf:subject <" E "alice> ; "
            "rdf:predicate <" R "criticizes> ; rdf:object <" E "bob> ; "
            "nif:anchorOf \"another wording\" ; nif:beginIndex 900 ; "
            "nif:endIndex 950 ; kg:rule \"r2\" ; kg:confidence 0.9 .\n",
            &df, &a, &b);
    assert_false(kg_diff_differ(&df));
    assert_int_equal(df.nedges, 1);
    finish(&df, &a, &b);
}

static void stance_changes(void **state)
{
    (void)state;
    static const struct {
        const char *old, *new;
        unsigned what;
    } cases[] = {
        {EVIDENCE("; kg:modality \"might\""), EVIDENCE(""), KG_DIFF_MODALITY},
        {EVIDENCE("; kg:negated true"), EVIDENCE(""), KG_DIFF_NEGATION},
        {EVIDENCE("; kg:attributed true ; sem:accordingTo <" E "carol>"),
         EVIDENCE(""), KG_DIFF_ATTRIBUTION},
        {EVIDENCE("; kg:attributed true ; sem:accordingTo <" E "carol>"),
         EVIDENCE("; kg:attributed true ; sem:accordingTo <" E "alice>"),
         KG_DIFF_ATTRIBUTION},
        {EVIDENCE("; kg:hypothetical true"), EVIDENCE(""), KG_DIFF_HYPOTHESIS},
        {EVIDENCE("; kg:modality \"would\""),
         EVIDENCE("; kg:modality \"might\" ; kg:negated true"),
         KG_DIFF_MODALITY | KG_DIFF_NEGATION},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kg_diff df;
        kg_graph a, b;
        compare(cases[i].old, cases[i].new, &df, &a, &b);
        const kg_diff_item *it = only_changed_edge(&df);
        assert_int_equal(it->status, KG_DIFF_CHANGED);
        assert_int_equal(it->what, cases[i].what);
        assert_int_equal(df.edge_count[KG_DIFF_ADDED], 0);
        assert_int_equal(df.edge_count[KG_DIFF_REMOVED], 0);
        finish(&df, &a, &b);
    }
}

static void added_removed_and_normalised(void **state)
{
    (void)state;
    kg_diff df;
    kg_graph a, b;
    /* meets_with is symmetric; has_spokesperson is stored as the inverse
     * declared first, spokesperson_of */
    compare("<" E "alice> <" R "meets_with> <" E "bob> .\n"
            "<" E "bob> <" R "has_spokesperson> <" E "carol> .\n"
            "<" E "alice> <" R "visits> <" E "carol> .\n",
            "<" E "bob> <" R "meets_with> <" E "alice> .\n"
            "<" E "carol> <" R "spokesperson_of> <" E "bob> .\n"
            "<" E "carol> <" R "visits> <" E "alice> .\n",
            &df, &a, &b);
    assert_int_equal(df.nedges, 4);
    assert_int_equal(df.edge_count[KG_DIFF_SAME], 2);
    assert_int_equal(df.edge_count[KG_DIFF_ADDED], 1);
    assert_int_equal(df.edge_count[KG_DIFF_REMOVED], 1);
    finish(&df, &a, &b);
}

static void entity_changes(void **state)
{
    (void)state;
    kg_diff df;
    kg_graph a, b;
    compare("<" E "alice> skos:altLabel \"Al\" .\n"
            "<" E "dave> a <" C "Person> ; rdfs:label \"Dave\" .\n",
            "<" E "alice> skos:altLabel \"Ally\" .\n"
            "<" E "bob> a <" C "Organization> .\n"
            "<" E "erin> a <" C "City> ; rdfs:label \"Erin\" .\n",
            &df, &a, &b);
    assert_int_equal(df.node_count[KG_DIFF_ADDED], 1);
    assert_int_equal(df.node_count[KG_DIFF_REMOVED], 1);
    assert_int_equal(df.node_count[KG_DIFF_CHANGED], 2);
    for (size_t i = 0; i < df.nnodes; i++) {
        const kg_diff_item *it = &df.nodes[i];
        const char *iri = (it->b >= 0 ? b.nodes[it->b] : a.nodes[it->a]).iri;
        if (!strcmp(iri, E "alice"))
            assert_int_equal(it->what, KG_DIFF_ALIASES);
        if (!strcmp(iri, E "bob"))
            assert_int_equal(it->what, KG_DIFF_CLASS);
    }
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_buf out;
    kg_buf_init(&out);
    kg_diff_text_options to = {"a.ttl", "b.ttl", false, false};
    assert_int_equal(kg_diff_write_text(&df, &to, &out, &d), 0);
    assert_non_null(strstr(out.data, "~ Alice  also known as  +Ally, -Al\n"));
    assert_non_null(strstr(out.data, "~ Bob  a  Person \xe2\x86\x92 Organization\n"));
    assert_non_null(strstr(out.data, "+ Erin  a  City\n"));
    assert_non_null(strstr(out.data, "- Dave  a  Person\n"));
    kg_buf_release(&out);
    finish(&df, &a, &b);
}

/* --- writers ------------------------------------------------------------------ */

static void text_output(void **state)
{
    (void)state;
    kg_diff df;
    kg_graph a, b;
    compare(EVIDENCE("; kg:modality \"might\"") "<" E "alice> <" R "criticizes> <" E "bob> .\n",
            EVIDENCE("") "<" E "alice> <" R "criticizes> <" E "bob> .\n"
            "<" E "bob> <" R "visits> <" E "carol> .\n",
            &df, &a, &b);
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_buf out;
    kg_buf_init(&out);
    kg_diff_text_options to = {"old.ttl", "new.ttl", false, false};
    assert_int_equal(kg_diff_write_text(&df, &to, &out, &d), 0);
    assert_int_equal(strncmp(out.data, "--- old.ttl\n+++ new.ttl\n", 24), 0);
    assert_non_null(strstr(out.data, "@@ Alice (Person) @@\n"
                                     "~ Alice  criticizes  Bob  (might \xe2\x86\x92 stated)\n"
                                     "    - a sentence\n    + a sentence\n"));
    assert_non_null(strstr(out.data, "+ Bob  visits  Carol\n"));
    assert_non_null(strstr(out.data, "facts: 1 added, 0 removed, 1 changed; "
                                     "entities: 0 added, 0 removed, 0 changed\n"));
    assert_null(strchr(out.data, '\033'));
    kg_buf_clear(&out);
    to.color = true;
    to.verbose = true;
    assert_int_equal(kg_diff_write_text(&df, &to, &out, &d), 0);
    assert_non_null(strstr(out.data, "\033[33m~ Alice"));
    assert_non_null(strstr(out.data, "[sentence 0, 5-15, might] a sentence"));
    assert_non_null(strstr(out.data, "<" E "alice>"));
    kg_buf_clear(&out);
    assert_int_equal(kg_diff_write_stat(&df, &to, &out, &d), 0);
    assert_non_null(strstr(out.data, "visits"));
    assert_non_null(strstr(out.data, "\nfacts             1        0        1\n"));
    kg_buf_release(&out);
    finish(&df, &a, &b);

    /* the same facts: no output at all */
    compare(EVIDENCE(""), EVIDENCE(""), &df, &a, &b);
    kg_buf_init(&out);
    assert_int_equal(kg_diff_write_text(&df, &to, &out, &d), 0);
    assert_int_equal(out.len, 0);
    kg_buf_release(&out);
    finish(&df, &a, &b);
}

static void patch_output(void **state)
{
    (void)state;
    kg_ntset pa, pb;
    kg_ntset_init(&pa);
    kg_ntset_init(&pb);
    static const char *const va[] = {"<a> <p> <b>", "<a> <p> <c>"};
    static const char *const vb[] = {"<a> <p> \"d\"", "<a> <p> <c>"}; /* sorted */
    pa.v = malloc(2 * sizeof *pa.v);
    pb.v = malloc(2 * sizeof *pb.v);
    assert_non_null(pa.v);
    assert_non_null(pb.v);
    memcpy(pa.v, va, sizeof va);
    memcpy(pb.v, vb, sizeof vb);
    pa.n = pb.n = 2;
    kg_diff df;
    memset(&df, 0, sizeof df);
    df.iri_a = "http://x/v1";
    df.iri_b = "http://x/v2";
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_buf out;
    kg_buf_init(&out);
    assert_int_equal(kg_diff_write_patch(&df, &pa, &pb, &out, &d), 0);
    assert_string_equal(out.data, "H id <http://x/v2> .\n"
                                  "H prev <http://x/v1> .\n"
                                  "TX .\n"
                                  "D <a> <p> <b> .\n"
                                  "A <a> <p> \"d\" .\n"
                                  "TC .\n");
    kg_buf_release(&out);
    kg_ntset_release(&pa);
    kg_ntset_release(&pb);
}

static void changeset_parses(void **state)
{
    (void)state;
    kg_diff df;
    kg_graph a, b;
    compare(EVIDENCE("; kg:negated true") "<" E "alice> skos:altLabel \"A \\\"q\\\"\" .\n",
            EVIDENCE("") "<" E "alice> <" R "criticizes> <" E "bob> .\n"
            "<" E "bob> <" R "visits> <" E "carol> .\n",
            &df, &a, &b);
    int fmts[] = {KG_RDF_TURTLE, KG_RDF_TRIG};
    for (int i = 0; i < 2; i++) {
        kg_diag d;
        kg_diag_init(&d, NULL);
        kg_buf out;
        kg_buf_init(&out);
        assert_int_equal(kg_diff_write_changeset(&df, fmts[i], &out, &d), 0);
        assert_non_null(strstr(out.data, "prov:wasRevisionOf"));
        if (i == 0) {
            assert_non_null(strstr(out.data, "kg:change \"changed\""));
            assert_non_null(strstr(out.data, "kg:change \"added\""));
            assert_non_null(strstr(out.data, "kg:stanceBefore \"not\""));
        } else {
            assert_non_null(strstr(out.data, "-added"));
            assert_non_null(strstr(out.data, " {\n"));
        }
        kg_graph r;
        assert_int_equal(kg_graph_init(&r, ont, NULL, &d), 0);
        if (kg_graphread("cs", out.data, out.len, fmts[i], &r, NULL, &d))
            fail_msg("changeset does not parse: %s\n%s", d.first, out.data);
        kg_graph_release(&r);
        kg_buf_release(&out);
    }
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_diff_write_changeset(&df, KG_RDF_NTRIPLES, NULL, &d),
                     -1);
    finish(&df, &a, &b);
}

/* Both sides in one picture: statuses, colours, the key. */
static void picture(void **state)
{
    (void)state;
    kg_graph a, b;
    build(&a, kg_fixture_korea);
    build(&b, kg_fixture_tiny);
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_diff df;
    assert_int_equal(kg_diff_compute(&df, &a, &b, &d), 0);
    assert_true(kg_diff_differ(&df));
    kg_graph u;
    assert_int_equal(kg_graph_init(&u, ont, NULL, &d), 0);
    unsigned char *ns, *es;
    const char **nn, **en;
    if (kg_diff_union(&df, &u, &ns, &es, &nn, &en, &d))
        fail_msg("%s", d.first);
    assert_int_equal(u.nnodes, df.nnodes);
    assert_int_equal(u.nedges, df.nedges);
    for (size_t i = 0; i < u.nedges; i++) {
        assert_int_equal(es[i], df.edges[i].status);
        /* the union keeps the canonical order */
        if (i)
            assert_true(strcmp(u.nodes[u.edges[i - 1].subj].iri,
                               u.nodes[u.edges[i].subj].iri) <= 0);
    }
    kg_dot_options o;
    kg_dot_options_init(&o);
    o.node_status = ns;
    o.edge_status = es;
    o.node_note = nn;
    o.edge_note = en;
    o.subtitle = "old \xe2\x86\x92 new";
    kg_buf out;
    kg_buf_init(&out);
    if (kg_dot_write(&u, &o, &out, &d))
        fail_msg("%s", d.first);
    assert_non_null(strstr(out.data, "#1a9850"));   /* added */
    assert_non_null(strstr(out.data, "#d73027"));   /* removed */
    assert_non_null(strstr(out.data, "dashed"));
    assert_non_null(strstr(out.data, "removed: dashed"));
    assert_non_null(strstr(out.data, "old \xe2\x86\x92 new"));
    kg_buf_clear(&out);
    o.format = KG_DOT_SVG;
    if (kg_dot_write(&u, &o, &out, &d))
        fail_msg("%s", d.first);
    assert_non_null(strstr(out.data, "<svg"));
    kg_buf_release(&out);
    kg_graph_release(&u);
    kg_diff_release(&df);
    kg_graph_release(&a);
    kg_graph_release(&b);
}

/* A graph diffed against itself read back from any file is the same. */
static void graph_equals_its_file(void **state)
{
    (void)state;
    fixture_fn fx[] = {kg_fixture_korea, kg_fixture_hostile};
    for (int f = 0; f < 2; f++) {
        kg_graph g, r1, r2;
        build(&g, fx[f]);
        roundtrip(&g, KG_RDF_TURTLE, KG_PROV_MODE_REIFY, &r1, NULL);
        roundtrip(&g, KG_RDF_TRIG, KG_PROV_MODE_GRAPHS, &r2, NULL);
        kg_diag d;
        kg_diag_init(&d, NULL);
        kg_diff df;
        assert_int_equal(kg_diff_compute(&df, &r1, &r2, &d), 0);
        assert_false(kg_diff_differ(&df));
        kg_diff_release(&df);
        kg_graph_release(&r1);
        kg_graph_release(&r2);
        kg_graph_release(&g);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_every_format),
        cmocka_unit_test(plain_view_is_provenance_free),
        cmocka_unit_test(syntax_error_has_a_line),
        cmocka_unit_test(not_utf8_is_refused),
        cmocka_unit_test(blank_nodes_are_no_entities),
        cmocka_unit_test(duplicate_statements_count_once),
        cmocka_unit_test(provenance_is_not_a_change),
        cmocka_unit_test(stance_changes),
        cmocka_unit_test(added_removed_and_normalised),
        cmocka_unit_test(entity_changes),
        cmocka_unit_test(text_output),
        cmocka_unit_test(patch_output),
        cmocka_unit_test(changeset_parses),
        cmocka_unit_test(picture),
        cmocka_unit_test(graph_equals_its_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
