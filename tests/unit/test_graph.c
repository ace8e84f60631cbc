/* test_graph.c - the in-memory graph: IRIs, dedup, canonical direction,
 * canonical order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"
#include "ontology/ontology.h"

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
    "  Country: {is_a: Thing}\n"
    "relations:\n"
    "  has_adviser: {domain: Person, range: Person}\n"
    "  adviser_to: {domain: Person, range: Person, inverse: has_adviser}\n"
    "  meets: {symmetric: true}\n"
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

static kg_prov prov(uint32_t sentence, const char *text)
{
    kg_prov p = {0};
    p.sentence = sentence;
    p.text = text;
    p.rule = "test";
    p.confidence = 0.5 + sentence / 10.0;
    p.attributed_to = -1;
    return p;
}

static void slugs_are_ascii_and_stable(void **state)
{
    (void)state;
    char out[64];
    const char *cases[][2] = {
        {"Moon Jae-in", "moon_jae_in"},
        {"Trump's administration", "trumps_administration"},
        {"  U.S.  ", "u_s"},
        {"Gaeseong", "gaeseong"},
        {"Bras\xc3\xadlia", "brasilia"},          /* accents stripped */
        {"\xec\x84\x9c\xec\x9a\xb8", "uc11cuc6b8"}, /* Hangul kept as code points */
        {"!!!", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kg_graph_slug(cases[i][0], strlen(cases[i][0]), out, sizeof out);
        assert_string_equal(out, cases[i][1]);
    }
    /* never writes past the buffer */
    char small[5];
    assert_int_equal(kg_graph_slug("abcdefgh", 8, small, sizeof small), 4);
    assert_string_equal(small, "abcd");
}

static void nodes_have_deterministic_iris(void **state)
{
    (void)state;
    kg_ontology *o = load();
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_graph g;
    assert_int_equal(kg_graph_init(&g, o, NULL, &d), 0);
    int moon = kg_graph_entity_node(&g, kg_ontology_entity(o, "moon"), &d);
    assert_string_equal(g.nodes[moon].iri, "https://example.org/t/moon");
    int song = kg_graph_name_node(&g, "Song Jae-ik", 11,
                                  kg_ontology_class(o, "Person"), &d);
    assert_string_equal(g.nodes[song].iri,
                        "https://example.org/data/entity/song_jae_ik");
    /* the same name again is the same node; its other spelling is kept */
    int again = kg_graph_name_node(&g, "Song Jae Ik", 11, -1, &d);
    assert_int_equal(again, song);
    assert_int_equal(g.nodes[song].nalt, 1);
    assert_string_equal(g.nodes[song].alt[0], "Song Jae Ik");
    assert_int_equal(kg_graph_name_node(&g, "--", 2, -1, &d), -1);
    /* --base overrides the ontology's base and gains a separator */
    kg_graph g2;
    assert_int_equal(kg_graph_init(&g2, o, "urn:x:", &d), 0);
    kg_graph_release(&g2);
    assert_int_equal(kg_graph_init(&g2, o, "http://b.example/kg", &d), 0);
    assert_string_equal(g2.base, "http://b.example/kg/");
    kg_graph_release(&g2);
    kg_graph_release(&g);
    kg_ontology_free(o);
}

static void triples_merge_and_keep_all_provenance(void **state)
{
    (void)state;
    kg_ontology *o = load();
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_graph g;
    kg_graph_init(&g, o, NULL, &d);
    int person = kg_ontology_class(o, "Person");
    int a = kg_graph_name_node(&g, "John Bolton", 11, person, &d);
    int b = kg_graph_name_node(&g, "Donald Trump", 12, person, &d);
    int adv = kg_ontology_relation(o, "adviser_to");
    int has = kg_ontology_relation(o, "has_adviser");
    kg_prov p1 = prov(1, "Bolton advises Trump.");
    kg_prov p2 = prov(4, "Trump's adviser, John Bolton, said.");
    int e1 = kg_graph_add_triple(&g, a, adv, NULL, b, &p1, strlen(p1.text), &d);
    /* the inverse, stated the other way round, is the same fact */
    int e2 = kg_graph_add_triple(&g, b, has, NULL, a, &p2, strlen(p2.text), &d);
    assert_true(e1 >= 0);
    assert_int_equal(e1, e2);
    assert_int_equal(g.nedges, 1);
    assert_int_equal(g.edges[e1].nprov, 2);
    assert_true(g.edges[e1].confidence > 0.89 && g.edges[e1].confidence < 0.91);
    /* stored in the direction of the relation declared first */
    assert_int_equal(g.edges[e1].rel, has);
    assert_int_equal(g.edges[e1].subj, (uint32_t)b);
    /* self-loops are refused */
    assert_int_equal(kg_graph_add_triple(&g, a, adv, NULL, a, &p1, 5, &d), -1);
    assert_int_equal(d.nerrors, 0);
    /* sentence texts are stored once */
    kg_prov p3 = prov(1, "Bolton advises Trump.");
    int meets = kg_ontology_relation(o, "meets");
    int e3 = kg_graph_add_triple(&g, a, meets, NULL, b, &p3, strlen(p3.text), &d);
    assert_ptr_equal(g.edges[e3].prov[0].text, g.edges[e1].prov[0].text);
    kg_graph_release(&g);
    kg_ontology_free(o);
}

static void symmetric_relations_have_one_direction(void **state)
{
    (void)state;
    kg_ontology *o = load();
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_graph g;
    kg_graph_init(&g, o, NULL, &d);
    int a = kg_graph_name_node(&g, "Zed", 3, -1, &d);
    int b = kg_graph_name_node(&g, "Abe", 3, -1, &d);
    int meets = kg_ontology_relation(o, "meets");
    kg_prov p = prov(0, "Zed met Abe.");
    int e1 = kg_graph_add_triple(&g, a, meets, NULL, b, &p, 12, &d);
    int e2 = kg_graph_add_triple(&g, b, meets, NULL, a, &p, 12, &d);
    assert_int_equal(e1, e2);
    assert_string_equal(g.nodes[g.edges[e1].subj].label, "Abe");
    /* open relations get an IRI under the base */
    int e3 = kg_graph_add_triple(&g, a, -1, "lambasts", b, &p, 12, &d);
    assert_string_equal(g.edges[e3].rel_iri,
                        "https://example.org/data/rel/lambasts");
    assert_string_equal(g.edges[e3].rel_label, "lambasts");
    assert_int_equal(kg_graph_add_triple(&g, a, -1, "", b, &p, 12, &d), -1);
    kg_graph_release(&g);
    kg_ontology_free(o);
}

/* Insertion order must not matter: the same facts give the same graph. */
static void finalize_gives_a_canonical_order(void **state)
{
    (void)state;
    kg_ontology *o = load();
    kg_diag d;
    kg_diag_init(&d, NULL);
    const char *names[] = {"Carol", "Alice", "Bob", "Dave"};
    kg_graph g[2];
    for (int k = 0; k < 2; k++) {
        kg_graph_init(&g[k], o, NULL, &d);
        int n[4];
        for (int i = 0; i < 4; i++) {
            int j = k ? 3 - i : i;
            n[j] = kg_graph_name_node(&g[k], names[j], strlen(names[j]), -1, &d);
        }
        for (int i = 0; i < 3; i++) {
            int j = k ? 2 - i : i;
            kg_prov p = prov((uint32_t)(2 - j), "S.");
            kg_graph_add_triple(&g[k], n[j], -1, "knows", n[j + 1], &p, 2, &d);
            kg_prov q = prov((uint32_t)j, "T.");
            kg_graph_add_triple(&g[k], n[j], -1, "knows", n[j + 1], &q, 2, &d);
        }
        assert_int_equal(kg_graph_finalize(&g[k], &d), 0);
    }
    for (size_t i = 0; i < g[0].nnodes; i++)
        assert_string_equal(g[0].nodes[i].iri, g[1].nodes[i].iri);
    assert_string_equal(g[0].nodes[0].label, "Alice");
    for (size_t i = 0; i < g[0].nedges; i++) {
        assert_int_equal(g[0].edges[i].subj, g[1].edges[i].subj);
        assert_int_equal(g[0].edges[i].obj, g[1].edges[i].obj);
        assert_string_equal(g[0].edges[i].iri, g[1].edges[i].iri);
        for (size_t j = 0; j < g[0].edges[i].nprov; j++)
            assert_int_equal(g[0].edges[i].prov[j].sentence,
                             g[1].edges[i].prov[j].sentence);
        /* provenance sorted by sentence */
        for (size_t j = 1; j < g[0].edges[i].nprov; j++)
            assert_true(g[0].edges[i].prov[j - 1].sentence <=
                        g[0].edges[i].prov[j].sentence);
    }
    /* lookups still work after reordering */
    assert_int_equal(kg_strmap_get(&g[0].node_by_iri, g[0].nodes[2].iri,
                                   strlen(g[0].nodes[2].iri)),
                     2);
    kg_graph_release(&g[0]);
    kg_graph_release(&g[1]);
    kg_ontology_free(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(slugs_are_ascii_and_stable),
        cmocka_unit_test(nodes_have_deterministic_iris),
        cmocka_unit_test(triples_merge_and_keep_all_provenance),
        cmocka_unit_test(symmetric_relations_have_one_direction),
        cmocka_unit_test(finalize_gives_a_canonical_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
