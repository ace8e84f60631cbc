/*
 * test_store.c - graph files into plain terms, result formats, the
 * embedded store (load, replace, atomic failure, queries, error
 * positions) and the push client's refusals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/graphset.h"
#include "store/push.h"
#include "store/results.h"
#include "store/store.h"

/* rasqal and librdf are built without frame pointers: full stacks let the
 * suppressions in tests/lsan.supp (rasqal functions) match. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "fast_unwind_on_malloc=0";
}

#define EX "http://example.org/"
#define NEWS "<" EX "a1> a <http://schema.org/NewsArticle> .\n"

static int parse(kg_graphset *gs, const char *text, kg_rdf_syntax syn,
                 const char *graph, kg_diag *d)
{
    kg_graphset_init(gs);
    kg_diag_init(d, NULL);
    return kg_graphset_parse(gs, text, strlen(text), syn, "t.ttl",
                             "file:///t.ttl", graph, d);
}

/* --- graph sets ----------------------------------------------------------- */

static void test_syntax_names(void **state)
{
    (void)state;
    assert_int_equal(kg_rdf_syntax_from_path("a/b.TTL"), KG_SYNTAX_TURTLE);
    assert_int_equal(kg_rdf_syntax_from_path("x.nt"), KG_SYNTAX_NTRIPLES);
    assert_int_equal(kg_rdf_syntax_from_path("x.nq"), KG_SYNTAX_NQUADS);
    assert_int_equal(kg_rdf_syntax_from_path("x.trig"), KG_SYNTAX_TRIG);
    assert_int_equal(kg_rdf_syntax_from_path("x.txt"), KG_SYNTAX_ARTICLE);
    assert_int_equal(kg_rdf_syntax_from_path("x.rdf"), KG_SYNTAX_UNKNOWN);
    assert_int_equal(kg_rdf_syntax_from_name("n-quads"), KG_SYNTAX_NQUADS);
    assert_int_equal(kg_rdf_syntax_from_name("json"), KG_SYNTAX_UNKNOWN);
}

static void test_article_graph_named_after_news_article(void **state)
{
    (void)state;
    kg_graphset gs;
    kg_diag d;
    assert_int_equal(parse(&gs, NEWS "<" EX "s> <" EX "p> \"o\" .\n",
                           KG_SYNTAX_TURTLE, NULL, &d),
                     0);
    assert_int_equal(gs.ngraphs, 1);
    assert_string_equal(gs.graphs[0].iri, EX "a1");
    assert_string_equal(gs.article_iri, EX "a1");
    assert_int_equal(kg_graphset_size(&gs), 2);
    kg_graphset_release(&gs);

    /* no article: the file's IRI; --graph wins over both */
    assert_int_equal(parse(&gs, "<" EX "s> <" EX "p> 1 .\n", KG_SYNTAX_TURTLE,
                           NULL, &d),
                     0);
    assert_string_equal(gs.graphs[0].iri, "file:///t.ttl");
    kg_graphset_release(&gs);
    assert_int_equal(parse(&gs, NEWS, KG_SYNTAX_TURTLE, EX "g", &d), 0);
    assert_string_equal(gs.graphs[0].iri, EX "g");
    kg_graphset_release(&gs);

    /* two articles in one file: neither names the graph */
    assert_int_equal(parse(&gs,
                           NEWS "<" EX "a2> a <https://schema.org/NewsArticle> .",
                           KG_SYNTAX_TURTLE, NULL, &d),
                     0);
    assert_string_equal(gs.graphs[0].iri, "file:///t.ttl");
    kg_graphset_release(&gs);
}

static void test_duplicates_kept_once(void **state)
{
    (void)state;
    kg_graphset gs;
    kg_diag d;
    const char *t = "<" EX "s> <" EX "p> \"x\"@en .\n"
                    "<" EX "s> <" EX "p> \"x\"@en .\n"
                    "<" EX "s> <" EX "p> \"x\" .\n"
                    "<" EX "s> <" EX "p> \"x\"^^<" EX "dt> .\n";
    assert_int_equal(parse(&gs, t, KG_SYNTAX_NTRIPLES, EX "g", &d), 0);
    assert_int_equal(kg_graphset_size(&gs), 3);
    kg_graphset_release(&gs);
}

static void test_quads_keep_graph_names(void **state)
{
    (void)state;
    kg_graphset gs;
    kg_diag d;
    const char *t =
        "<" EX "a1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<http://schema.org/NewsArticle> .\n"
        "<" EX "s> <" EX "p> <" EX "o> <" EX "g1> .\n"
        "<" EX "s> <" EX "p> <" EX "o> <" EX "g1> .\n"
        "<" EX "s> <" EX "q> <" EX "o> <" EX "g2> .\n"
        "<" EX "s> <" EX "r> <" EX "o> <" EX "a1> .\n";
    assert_int_equal(parse(&gs, t, KG_SYNTAX_NQUADS, NULL, &d), 0);
    assert_int_equal(gs.ngraphs, 3); /* a1 (merged), g1, g2 */
    assert_string_equal(gs.graphs[0].iri, EX "a1");
    assert_int_equal(gs.graphs[0].ntriples, 2);
    assert_string_equal(gs.graphs[1].iri, EX "g1");
    assert_int_equal(gs.graphs[1].ntriples, 1);
    assert_string_equal(gs.graphs[2].iri, EX "g2");
    kg_graphset_release(&gs);
}

static void test_blank_nodes_relabelled(void **state)
{
    (void)state;
    kg_graphset a, b;
    kg_diag d;
    const char *t = "_:x <" EX "p> _:x .\n";
    assert_int_equal(parse(&a, t, KG_SYNTAX_NTRIPLES, EX "g1", &d), 0);
    assert_int_equal(parse(&b, t, KG_SYNTAX_NTRIPLES, EX "g2", &d), 0);
    const kg_triple *ta = &a.graphs[0].triples[0];
    const kg_triple *tb = &b.graphs[0].triples[0];
    assert_int_equal(ta->s.kind, KG_TERM_BLANK);
    assert_string_equal(ta->s.value, ta->o.value); /* same node stays one */
    assert_string_not_equal(ta->s.value, tb->s.value); /* other graph */
    assert_int_equal(strncmp(ta->s.value, "b", 1), 0);
    assert_non_null(strstr(ta->s.value, "_x"));
    kg_graphset_release(&a);
    kg_graphset_release(&b);
    /* and the same input gives the same labels */
    assert_int_equal(parse(&b, t, KG_SYNTAX_NTRIPLES, EX "g1", &d), 0);
    assert_int_equal(parse(&a, t, KG_SYNTAX_NTRIPLES, EX "g1", &d), 0);
    assert_string_equal(a.graphs[0].triples[0].s.value,
                        b.graphs[0].triples[0].s.value);
    kg_graphset_release(&a);
    kg_graphset_release(&b);
}

static void test_parse_error_has_position(void **state)
{
    (void)state;
    kg_graphset gs;
    kg_diag d;
    const char *t = "<" EX "s> <" EX "p> \"ok\" .\n"
                    "<" EX "s> <" EX "p> .\n";
    assert_int_equal(parse(&gs, t, KG_SYNTAX_TURTLE, NULL, &d), -1);
    assert_true(d.nerrors >= 1);
    assert_int_equal(strncmp(d.first, "t.ttl:2:", 8), 0);
    kg_graphset_release(&gs);

    /* stdin without a name for its graph */
    kg_graphset_init(&gs);
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_graphset_parse(&gs, "<a:s> <a:p> <a:o> .", 19,
                                       KG_SYNTAX_NTRIPLES, "-", NULL, NULL, &d),
                     -1);
    assert_non_null(strstr(d.first, "give --graph IRI"));
    kg_graphset_release(&gs);

    /* a named graph may not be a blank node */
    assert_int_equal(parse(&gs, "<" EX "s> <" EX "p> <" EX "o> _:g .\n",
                           KG_SYNTAX_NQUADS, EX "g", &d),
                     -1);
    assert_string_equal(d.first, "t.ttl:1: error: a graph name must be an "
                                 "IRI, not a blank node");
    kg_graphset_release(&gs);
}

static void test_ntriples_escapes(void **state)
{
    (void)state;
    kg_buf b;
    kg_buf_init(&b);
    kg_term lit = {KG_TERM_LITERAL, "a\"b\\c\nd\te\x01 \xc3\xa9", 13, NULL,
                   NULL};
    assert_int_equal(kg_term_write_nt(&b, &lit), 0);
    assert_string_equal(b.data, "\"a\\\"b\\\\c\\nd\\te\\u0001 \xc3\xa9\"");
    kg_buf_clear(&b);
    kg_term iri = {KG_TERM_IRI, EX "a b<c>", strlen(EX "a b<c>"), NULL, NULL};
    assert_int_equal(kg_term_write_nt(&b, &iri), 0);
    assert_string_equal(b.data, "<" EX "a\\u0020b\\u003Cc\\u003E>");
    kg_buf_clear(&b);
    kg_term typed = {KG_TERM_LITERAL, "1", 1, NULL, EX "dt"};
    kg_term lang = {KG_TERM_LITERAL, "x", 1, "en-gb", NULL};
    assert_int_equal(kg_term_write_nt(&b, &typed), 0);
    assert_int_equal(kg_term_write_nt(&b, &lang), 0);
    assert_string_equal(b.data, "\"1\"^^<" EX "dt>\"x\"@en-gb");
    kg_buf_release(&b);
}

static void test_guess_offset(void **state)
{
    (void)state;
    const char *t = "line one\n  INSERT DATA { 'x' }\n";
    size_t n = strlen(t);
    assert_int_equal(kg_text_guess_offset(t, n, 2, "syntax error at 'x'"),
                     26);
    assert_int_equal(kg_text_guess_offset(t, n, 2, "INSERT DATA is not ok"),
                     11);
    assert_int_equal(kg_text_guess_offset(t, n, 2, "something else"), 11);
    assert_int_equal(kg_text_guess_offset(t, n, 9, "x"), -1);
}

/* --- result formats ------------------------------------------------------- */

static void fill(kg_results *r)
{
    kg_results_init(r, KG_RESULTS_BINDINGS);
    assert_int_equal(kg_results_add_var(r, "s"), 0);
    assert_int_equal(kg_results_add_var(r, "o"), 0);
    kg_term *row = kg_results_add_row(r);
    kg_term s = {KG_TERM_IRI, EX "a", strlen(EX "a"), NULL, NULL};
    kg_term o = {KG_TERM_LITERAL, "x, \"y\"\nz", 8, "en", NULL};
    assert_int_equal(kg_results_set(r, &row[0], &s), 0);
    assert_int_equal(kg_results_set(r, &row[1], &o), 0);
    row = kg_results_add_row(r);
    kg_term b = {KG_TERM_BLANK, "b1", 2, NULL, NULL};
    kg_term n = {KG_TERM_LITERAL, "-7", 2, NULL,
                 "http://www.w3.org/2001/XMLSchema#integer"};
    assert_int_equal(kg_results_set(r, &row[0], &b), 0);
    assert_int_equal(kg_results_set(r, &row[1], &n), 0);
    row = kg_results_add_row(r); /* all unbound */
    assert_non_null(row);
}

static void check_format(kg_results_format f, const char *want)
{
    kg_results r;
    fill(&r);
    kg_buf b;
    kg_buf_init(&b);
    assert_int_equal(kg_results_write(&r, f, &b), 0);
    assert_string_equal(b.data, want);
    kg_buf_release(&b);
    kg_results_release(&r);
}

static void test_csv(void **state)
{
    (void)state;
    check_format(KG_RESULTS_CSV, "s,o\r\n"
                                 EX "a,\"x, \"\"y\"\"\nz\"\r\n"
                                 "_:b1,-7\r\n"
                                 ",\r\n");
}

static void test_tsv(void **state)
{
    (void)state;
    check_format(KG_RESULTS_TSV, "?s\t?o\n"
                                 "<" EX "a>\t\"x, \\\"y\\\"\\nz\"@en\n"
                                 "_:b1\t-7\n"
                                 "\t\n");
}

static void test_json(void **state)
{
    (void)state;
    check_format(KG_RESULTS_JSON,
                 "{\n  \"head\": {\"vars\": [\"s\", \"o\"]},\n"
                 "  \"results\": {\"bindings\": [\n"
                 "    {\"s\": {\"type\": \"uri\", \"value\": \"" EX "a\"}, "
                 "\"o\": {\"type\": \"literal\", \"value\": "
                 "\"x, \\\"y\\\"\\nz\", \"xml:lang\": \"en\"}},\n"
                 "    {\"s\": {\"type\": \"bnode\", \"value\": \"b1\"}, "
                 "\"o\": {\"type\": \"literal\", \"value\": \"-7\", "
                 "\"datatype\": \"http://www.w3.org/2001/XMLSchema#integer\"}},\n"
                 "    {}\n"
                 "  ]}\n}\n");
}

static void test_table(void **state)
{
    (void)state;
    check_format(KG_RESULTS_TABLE,
                 " ?s                     | ?o\n"
                 "------------------------+------------------\n"
                 " <" EX "a> | \"x, \\\"y\\\"\\nz\"@en\n"
                 " _:b1                   | -7\n"
                 "                        |\n"
                 "(3 rows)\n");
}

static void test_boolean_and_bare_numbers(void **state)
{
    (void)state;
    kg_results r;
    kg_results_init(&r, KG_RESULTS_BOOLEAN);
    r.boolean = true;
    kg_buf b;
    kg_buf_init(&b);
    assert_int_equal(kg_results_write(&r, KG_RESULTS_JSON, &b), 0);
    assert_string_equal(b.data,
                        "{\n  \"head\": {},\n  \"boolean\": true\n}\n");
    kg_buf_clear(&b);
    assert_int_equal(kg_results_write(&r, KG_RESULTS_CSV, &b), 0);
    assert_string_equal(b.data, "true\r\n");
    kg_results_release(&r);

    static const struct {
        const char *lex, *dt, *want;
    } cases[] = {
        {"2.5", "decimal", "2.5"},
        {"1.", "decimal", "\"1.\"^^<http://www.w3.org/2001/XMLSchema#decimal>"},
        {"1e3", "double", "1e3"},
        {"1.5", "double", "\"1.5\"^^<http://www.w3.org/2001/XMLSchema#double>"},
        {"true", "boolean", "true"},
        {"+12", "integer", "+12"},
        {"12a", "integer", "\"12a\"^^<http://www.w3.org/2001/XMLSchema#integer>"},
        {"2018-09-14", "date",
         "\"2018-09-14\"^^<http://www.w3.org/2001/XMLSchema#date>"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char dt[128];
        snprintf(dt, sizeof dt, "http://www.w3.org/2001/XMLSchema#%s",
                 cases[i].dt);
        kg_term t = {KG_TERM_LITERAL, cases[i].lex, strlen(cases[i].lex), NULL,
                     dt};
        kg_buf_clear(&b);
        assert_int_equal(kg_results_write_term(&b, &t), 0);
        assert_string_equal(b.data, cases[i].want);
    }
    kg_buf_release(&b);
    kg_results_format f;
    assert_int_equal(kg_results_format_from_name("tsv", &f), 0);
    assert_int_equal(f, KG_RESULTS_TSV);
    assert_int_equal(kg_results_format_from_name("xml", &f), -1);
}

/* --- the store ------------------------------------------------------------ */

typedef struct tmpstore {
    char dir[64];
    char path[96];
} tmpstore;

static void tmp_init(tmpstore *t)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/kg-test-store-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof t->path, "%s/s.db", t->dir);
}

static void tmp_release(tmpstore *t)
{
    char p[160];
    snprintf(p, sizeof p, "%s-journal", t->path);
    unlink(p);
    unlink(t->path);
    rmdir(t->dir);
}

static long query_count(kg_store *s, const char *q)
{
    kg_results r;
    kg_results_init(&r, KG_RESULTS_BINDINGS);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_store_query(s, q, strlen(q), "query", &r, &d), 0);
    long n = -1;
    if (r.nrows == 1 && r.nvars == 1 && r.cells[0].value)
        n = strtol(r.cells[0].value, NULL, 10);
    else if (r.nrows == 0)
        n = 0;
    kg_results_release(&r);
    return n;
}

static void load_text(kg_store *s, const char *text, int want_rc)
{
    kg_graphset gs;
    kg_diag d;
    int rc = parse(&gs, text, KG_SYNTAX_TURTLE, NULL, &d);
    if (rc == 0)
        rc = kg_store_load(s, &gs, &d);
    assert_int_equal(rc, want_rc);
    kg_graphset_release(&gs);
}

#define COUNT_A1 \
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" EX "a1> { ?s ?p ?o } }"

static void test_store_load_replace(void **state)
{
    (void)state;
    tmpstore t;
    tmp_init(&t);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_null(kg_store_open(t.path, KG_STORE_READ, &d));
    assert_non_null(strstr(d.first, "no such store"));
    kg_diag_init(&d, NULL);
    kg_store *s = kg_store_open(t.path, KG_STORE_WRITE, &d);
    assert_non_null(s);
    load_text(s, NEWS "<" EX "s> <" EX "p> \"one\", \"two\" .", 0);
    assert_int_equal(query_count(s, COUNT_A1), 3);
    load_text(s, NEWS "<" EX "s> <" EX "p> \"one\", \"two\" .", 0);
    assert_int_equal(kg_store_size(s), 3);
    load_text(s, NEWS "<" EX "s> <" EX "p> \"three\" .", 0);
    assert_int_equal(query_count(s, COUNT_A1), 2);
    assert_int_equal(kg_store_size(s), 2);

    /* a literal with a NUL byte is refused and nothing changes */
    kg_graphset gs;
    assert_int_equal(parse(&gs, NEWS, KG_SYNTAX_TURTLE, NULL, &d), 0);
    kg_triple nul = {{KG_TERM_IRI, EX "s", strlen(EX "s"), NULL, NULL},
                     {KG_TERM_IRI, EX "p", strlen(EX "p"), NULL, NULL},
                     {KG_TERM_LITERAL, "a\0b", 3, NULL, NULL}};
    gs.graphs[0].triples[0] = nul;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_store_load(s, &gs, &d), -1);
    assert_non_null(strstr(d.first, "NUL character"));
    kg_graphset_release(&gs);
    assert_int_equal(kg_store_size(s), 2);

    assert_int_equal(kg_store_drop_graph(s, EX "a1", &d), 0);
    assert_int_equal(kg_store_size(s), 0);
    kg_store_free(s);

    /* the indexes are there and a reopened store still answers */
    kg_diag_init(&d, NULL);
    s = kg_store_open(t.path, KG_STORE_READ, &d);
    assert_non_null(s);
    assert_int_equal(kg_store_size(s), 0);
    kg_store_free(s);
    tmp_release(&t);
}

static void test_store_query_errors(void **state)
{
    (void)state;
    tmpstore t;
    tmp_init(&t);
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_store *s = kg_store_open(t.path, KG_STORE_WRITE, &d);
    assert_non_null(s);
    static const struct {
        const char *q, *want;
    } cases[] = {
        {"SELECT * WHERE {\n ?s ?p ?o\n FILTER(?s = ) }",
         "q.rq:3:14: error: syntax error, unexpected ')'"},
        {"SELECT ?x WHERE { ?s <a> ?o } ORDER BY ?x GROUP",
         "q.rq:1:43: error: syntax error, unexpected GROUP, expecting $end"},
        {"SELECT * { ?s ?p ?o ",
         "q.rq:1:20: error: syntax error, unexpected $end, expecting '}'"},
        {"SELECT * { ?s y:p ?o }",
         "q.rq:1:15: error: the namespace prefix in \"y:p\" was not declared"},
        {"SELECT * { ?s <a> \"x }",
         "q.rq:1:19: error: SPARQL syntax error at '\"'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kg_results r;
        kg_results_init(&r, KG_RESULTS_BINDINGS);
        kg_diag_init(&d, NULL);
        assert_int_equal(kg_store_query(s, cases[i].q, strlen(cases[i].q),
                                        "q.rq", &r, &d),
                         -1);
        assert_string_equal(d.first, cases[i].want);
        kg_results_release(&r);
    }
    /* the header of an empty result does not depend on the rows */
    kg_results r;
    kg_results_init(&r, KG_RESULTS_BINDINGS);
    const char *q = "SELECT ?b ?a WHERE { ?a <" EX "p> ?b }";
    assert_int_equal(kg_store_query(s, q, strlen(q), "query", &r, &d), 0);
    assert_int_equal(r.nrows, 0);
    assert_int_equal(r.nvars, 2);
    assert_string_equal(r.vars[0], "b");
    kg_results_release(&r);
    kg_store_free(s);
    tmp_release(&t);
}

static void test_store_refuses_other_files(void **state)
{
    (void)state;
    tmpstore t;
    tmp_init(&t);
    FILE *f = fopen(t.path, "w");
    assert_non_null(f);
    fputs("not a database, not even close", f);
    fclose(f);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_null(kg_store_open(t.path, KG_STORE_WRITE, &d));
    assert_non_null(strstr(d.first, "not a kgraph store"));
    assert_null(kg_store_open(t.dir, KG_STORE_READ, &d));
    tmp_release(&t);
}

/* --- push: what is refused before any request ------------------------------ */

static void test_push_refusals(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_null(kg_push_new("ftp://127.0.0.1/x", NULL, &d));
    assert_non_null(strstr(d.first, "not an http:// or https:// URL"));
    kg_diag_init(&d, NULL);
    assert_null(kg_push_new("http://u:pw@127.0.0.1/x", NULL, &d));
    assert_non_null(strstr(d.first, "holds a user name"));
    assert_null(strstr(d.first, "pw"));
    setenv("KGRAPH_USER", "someone", 1);
    unsetenv("KGRAPH_PASSWORD");
    kg_diag_init(&d, NULL);
    assert_null(kg_push_new("http://127.0.0.1/x", NULL, &d));
    assert_string_equal(d.first,
                        "kgraph: error: KGRAPH_USER is set but "
                        "KGRAPH_PASSWORD is not");
    unsetenv("KGRAPH_USER");
    setenv("HOME", "/nonexistent", 1);
    kg_diag_init(&d, NULL);
    kg_push *p = kg_push_new("http://127.0.0.1:1/x", NULL, &d);
    assert_non_null(p);
    long status = -1;
    assert_int_equal(kg_push_put(p, EX "g", "", 0, "text/turtle", &status, &d),
                     -1);
    assert_int_equal(status, 0);
    assert_non_null(strstr(d.first, "cannot connect: connection refused"));
    kg_push_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syntax_names),
        cmocka_unit_test(test_article_graph_named_after_news_article),
        cmocka_unit_test(test_duplicates_kept_once),
        cmocka_unit_test(test_quads_keep_graph_names),
        cmocka_unit_test(test_blank_nodes_relabelled),
        cmocka_unit_test(test_parse_error_has_position),
        cmocka_unit_test(test_ntriples_escapes),
        cmocka_unit_test(test_guess_offset),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_tsv),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_boolean_and_bare_numbers),
        cmocka_unit_test(test_store_load_replace),
        cmocka_unit_test(test_store_query_errors),
        cmocka_unit_test(test_store_refuses_other_files),
        cmocka_unit_test(test_push_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
