/* test_resolver.c - identity across articles: the IRIs a scoped graph
 * mints, and the resolver's merge log, entity count and duplicate ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/resolver.h"
#include "graph/graph.h"
#include "ontology/ontology.h"

#define BASE "https://example.org/data/"

static const char *const onto_yaml =
    "id: https://example.org/t\n"
    "prefixes:\n"
    "  t: https://example.org/t/\n"
    "default_prefix: t\n"
    "base: https://example.org/data/\n"
    "classes:\n"
    "  Thing: {}\n"
    "  Agent: {is_a: Thing}\n"
    "  Person: {is_a: Agent}\n"
    "  Organization: {is_a: Agent}\n"
    "  Company: {is_a: Organization}\n"
    "  Place: {is_a: Thing}\n"
    "  Topic: {is_a: Thing}\n"
    "entities:\n"
    "  moon: {class: Person, label: Moon Jae-in}\n";

static kg_ontology *load(void)
{
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_ontology *o = kg_ontology_parse("test.yaml", onto_yaml, strlen(onto_yaml), &d);
    assert_non_null(o);
    return o;
}

static void start(kg_graph *g, const kg_ontology *o, const char *id,
                  bool scoped)
{
    kg_diag d;
    kg_diag_init(&d, stderr);
    assert_int_equal(kg_graph_init(g, o, NULL, &d), 0);
    g->scoped = scoped;
    kg_article a;
    memset(&a, 0, sizeof a);
    a.meta.id = id;
    assert_int_equal(kg_graph_add_article(g, &a, &d), 0);
}

static int name(kg_graph *g, const char *label, const char *cls)
{
    kg_diag d;
    kg_diag_init(&d, stderr);
    int c = cls ? kg_ontology_class(g->ont, cls) : -1;
    int n = kg_graph_name_node(g, label, strlen(label), c, &d);
    assert_true(n >= 0);
    return n;
}

static void scoped_graphs_mint_article_independent_iris(void **state)
{
    (void)state;
    kg_ontology *o = load();
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_graph g;
    start(&g, o, "Art One", true);
    int kim = name(&g, "Kim", "Person");
    int full = name(&g, "Kim Jong-un", "Person");
    int acme = name(&g, "Acme", NULL);
    int corp = name(&g, "Zephyr", "Company");
    int topic = name(&g, "the sanctions", "Topic");
    int sanc = name(&g, "Sanctions", NULL);
    /* before scoping, a one-word person is an ordinary name */
    assert_string_equal(g.nodes[kim].iri, BASE "entity/kim");
    assert_int_equal(kg_graph_scope_names(&g, 0, &d), 0);
    assert_string_equal(g.nodes[kim].iri, BASE "entity/art_one/kim");
    assert_string_equal(g.nodes[full].iri, BASE "entity/kim_jong_un");
    assert_string_equal(g.nodes[acme].iri, BASE "entity/acme");
    assert_string_equal(g.nodes[corp].iri, BASE "entity/zephyr");
    /* a concept never shares a node with a name */
    assert_string_equal(g.nodes[topic].iri, BASE "concept/the_sanctions");
    assert_string_equal(g.nodes[sanc].iri, BASE "entity/sanctions");
    assert_int_equal(kg_graph_finalize(&g, &d), 0);
    kg_graph_release(&g);

    /* kgraph extract's graphs are not scoped: nothing moves */
    start(&g, o, "Art One", false);
    kim = name(&g, "Kim", "Person");
    topic = name(&g, "the sanctions", "Topic");
    assert_int_equal(kg_graph_scope_names(&g, 0, &d), 0);
    assert_string_equal(g.nodes[kim].iri, BASE "entity/kim");
    assert_string_equal(g.nodes[topic].iri, BASE "entity/the_sanctions");
    kg_graph_release(&g);
    kg_ontology_free(o);
}

static void the_resolver_logs_every_merge(void **state)
{
    (void)state;
    kg_ontology *o = load();
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_resolver *r = kg_resolver_new(&d);
    assert_non_null(r);
    kg_buf log;
    kg_buf_init(&log);

    kg_graph a, b, c;
    start(&a, o, "a", true);
    int moon = kg_graph_entity_node(&a, kg_ontology_entity(o, "moon"), &d);
    assert_int_equal(kg_graph_add_alt(&a, moon, "Moon", 4, &d), 0);
    name(&a, "Kim", "Person");
    name(&a, "Zephyr Shipping", NULL);
    name(&a, "New York", "Place");
    assert_int_equal(kg_graph_scope_names(&a, 0, &d), 0);
    assert_int_equal(kg_graph_finalize(&a, &d), 0);
    assert_int_equal(kg_resolver_add(r, &a, "a.txt", &log, &d), 0);
    assert_int_equal(log.len, 0);
    assert_int_equal(kg_resolver_entities(r), 4);

    start(&b, o, "b", true);
    moon = kg_graph_entity_node(&b, kg_ontology_entity(o, "moon"), &d);
    assert_int_equal(kg_graph_add_alt(&b, moon, "President Moon", 14, &d), 0);
    name(&b, "Kim", "Person");
    name(&b, "Z\xC3\xA9phyr shipping", "Company");
    name(&b, "New York", "Person");
    name(&b, "the \"harbour\"", "Topic");
    assert_int_equal(kg_graph_scope_names(&b, 0, &d), 0);
    assert_int_equal(kg_graph_finalize(&b, &d), 0);
    assert_int_equal(kg_resolver_add(r, &b, "b.txt", &log, &d), 0);
    assert_string_equal(
        log.data,
        "<" BASE "entity/b/kim>\tb.txt\t\"Kim\"\ta.txt\t\"Kim\"\tkept apart: a "
        "one-word name not resolved to a full name in its article\n"
        "<" BASE "entity/new_york>\tb.txt\t\"New York\"\ta.txt\t\"New "
        "York\"\tsame normalised label \"new_york\"; classes differ: Person "
        "here, Place there\n"
        "<" BASE "entity/zephyr_shipping>\tb.txt\t\"Z\xC3\xA9phyr "
        "shipping\"\ta.txt\t\"Zephyr Shipping\"\tsame normalised label "
        "\"zephyr_shipping\", compatible classes Company here, untyped "
        "there\n"
        "<https://example.org/t/moon>\tb.txt\t\"Moon Jae-in\", \"President "
        "Moon\"\ta.txt\t\"Moon Jae-in\", \"Moon\"\tontology id moon\n");
    assert_int_equal(kg_resolver_merges(r), 4);
    /* b added its own Kim and the concept */
    assert_int_equal(kg_resolver_entities(r), 6);

    /* the same article id again: refused, nothing recorded */
    kg_buf_clear(&log);
    start(&c, o, "a", true);
    name(&c, "Other", NULL);
    assert_int_equal(kg_graph_finalize(&c, &d), 0);
    assert_int_equal(kg_resolver_add(r, &c, "copy/a.txt", &log, &d), -1);
    assert_string_equal(d.first,
                        "copy/a.txt: error: article id 'a' was already used "
                        "by 'a.txt' (every article needs its own id)");
    assert_int_equal(log.len, 0);
    assert_int_equal(kg_resolver_entities(r), 6);

    /* without a log (kgraph build without --merge-log) the same merges
     * are counted */
    kg_resolver *r2 = kg_resolver_new(&d);
    assert_non_null(r2);
    assert_int_equal(kg_resolver_add(r2, &a, "a.txt", NULL, &d), 0);
    assert_int_equal(kg_resolver_add(r2, &b, "b.txt", NULL, &d), 0);
    assert_int_equal(kg_resolver_merges(r2), 4);
    assert_int_equal(kg_resolver_entities(r2), 6);
    kg_resolver_free(r2);

    kg_graph_release(&a);
    kg_graph_release(&b);
    kg_graph_release(&c);
    kg_buf_release(&log);
    kg_resolver_free(r);
    kg_ontology_free(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scoped_graphs_mint_article_independent_iris),
        cmocka_unit_test(the_resolver_logs_every_merge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
