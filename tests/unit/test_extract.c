/* test_extract.c - mentions, name resolution and relations (v0) through
 * the pipeline, on small articles and the shipped Korea ontology. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article/token.h"
#include "extract/mention.h"
#include "extract/pipeline.h"
#include "extract/relation.h"
#include "graph/graph.h"

static kg_pipeline pipe;

static int setup(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, stderr);
    return kg_pipeline_init(&pipe, "schema/korea.yaml", NULL, &d);
}

static int teardown(void **state)
{
    (void)state;
    kg_pipeline_release(&pipe);
    return 0;
}

/* Extract text (a headline line, a blank line, then the body) into g. */
static void extract(kg_graph *g, const char *text)
{
    kg_diag d;
    kg_diag_init(&d, stderr);
    assert_int_equal(kg_graph_init(g, pipe.ont, NULL, &d), 0);
    kg_article a;
    kg_article_init(&a);
    assert_int_equal(kg_article_parse(&a, "t.txt", text, strlen(text), &d), 0);
    assert_true(kg_pipeline_extract_article(&pipe, &a, g, &d) >= 0);
    kg_article_release(&a);
    assert_int_equal(kg_graph_finalize(g, &d), 0);
}

static int node(const kg_graph *g, const char *label)
{
    for (size_t i = 0; i < g->nnodes; i++)
        if (strcmp(g->nodes[i].label, label) == 0)
            return (int)i;
    return -1;
}

static const char *class_of(const kg_graph *g, const char *label)
{
    int n = node(g, label);
    if (n < 0 || g->nodes[n].cls < 0)
        return "?";
    return g->ont->classes[g->nodes[n].cls].name;
}

static bool has_edge(const kg_graph *g, const char *s, const char *rel,
                     const char *o)
{
    for (size_t i = 0; i < g->nedges; i++) {
        const kg_edge *e = &g->edges[i];
        const char *name = e->rel >= 0 ? g->ont->relations[e->rel].name
                                       : e->rel_label;
        if (strcmp(g->nodes[e->subj].label, s) == 0 &&
            strcmp(g->nodes[e->obj].label, o) == 0 && strcmp(name, rel) == 0)
            return true;
    }
    return false;
}

static void gazetteer_takes_the_longest_alias(void **state)
{
    (void)state;
    kg_graph g;
    extract(&g, "Headline\n\nThe office is in North Korea, not South Korea. "
                "The U.N. and the United Nations are one body.\n");
    assert_string_equal(class_of(&g, "North Korea"), "Country");
    assert_string_equal(class_of(&g, "South Korea"), "Country");
    assert_int_equal(node(&g, "Korea"), -1);
    /* two surface forms, one entity */
    int un = node(&g, "United Nations");
    assert_true(un >= 0);
    assert_int_equal(g.nodes[un].mentions, 2);
    kg_graph_release(&g);
}

static void demonyms_and_capitals_are_known(void **state)
{
    (void)state;
    kg_graph g;
    extract(&g, "Headline\n\nChinese officials flew from Beijing to Niamey.\n");
    assert_string_equal(class_of(&g, "China"), "Country");
    assert_string_equal(class_of(&g, "Beijing"), "City");
    assert_string_equal(class_of(&g, "Niamey"), "City");
    kg_graph_release(&g);
}

static void names_are_typed_by_titles_and_heads(void **state)
{
    (void)state;
    kg_graph g;
    extract(&g, "Headline\n\nYesterday Senator Jane Roe visited the Ministry "
                "of Finance, Hanyang University and the Daily Planet News "
                "with Professor Kwame Mensah.\n");
    assert_string_equal(class_of(&g, "Jane Roe"), "Person");
    assert_string_equal(class_of(&g, "Kwame Mensah"), "Person");
    assert_string_equal(class_of(&g, "Ministry of Finance"),
                        "GovernmentOrganization");
    assert_string_equal(class_of(&g, "Daily Planet News"), "MediaOrganization");
    /* the title is not part of the name */
    assert_int_equal(node(&g, "Senator Jane Roe"), -1);
    /* a capitalised first word is not a name unless seen as one */
    assert_int_equal(node(&g, "Yesterday"), -1);
    kg_graph_release(&g);
}

static void a_family_name_means_the_last_person_so_named(void **state)
{
    (void)state;
    kg_graph g;
    extract(&g, "Headline\n\nAnalyst Song Jae-ik spoke first. Later, Song "
                "criticized Pyongyang.\n");
    int song = node(&g, "Song Jae-ik");
    assert_true(song >= 0);
    assert_int_equal(g.nodes[song].mentions, 2);
    assert_int_equal(node(&g, "Song"), -1);
    assert_true(has_edge(&g, "Song Jae-ik", "criticizes", "Pyongyang"));
    kg_graph_release(&g);
}

static void title_nouns_relate_the_names_around_them(void **state)
{
    (void)state;
    kg_graph g;
    extract(&g, "Headline\n\nMoon spokesman Kim Eui-keum spoke on Monday. "
                "Trump's national security adviser, John Bolton, agreed.\n");
    assert_true(has_edge(&g, "Kim Eui-keum", "spokesperson_of", "Moon Jae-in"));
    assert_true(has_edge(&g, "John Bolton", "adviser_to", "Donald Trump"));
    kg_graph_release(&g);
}

static void verbs_between_mentions_are_relations_with_provenance(void **state)
{
    (void)state;
    kg_graph g;
    const char *text = "Headline\n\nThe weather was fine. The Korean Central "
                       "News Agency criticized South Korea on Monday.\n";
    extract(&g, text);
    assert_true(has_edge(&g, "Korean Central News Agency", "criticizes",
                         "South Korea"));
    const kg_edge *e = NULL;
    for (size_t i = 0; i < g.nedges; i++)
        if (strcmp(g.nodes[g.edges[i].subj].label,
                   "Korean Central News Agency") == 0)
            e = &g.edges[i];
    assert_non_null(e);
    assert_int_equal(e->nprov, 1);
    /* sentence 0 is the headline, 1 the weather, 2 the criticism */
    assert_int_equal(e->prov[0].sentence, 2);
    assert_string_equal(e->prov[0].text, "The Korean Central News Agency "
                                         "criticized South Korea on Monday.");
    const char *start = strstr(text, "The Korean");
    assert_int_equal(e->prov[0].cstart, (uint32_t)(start - text));
    assert_true(e->prov[0].confidence > 0 && e->prov[0].confidence <= 1);
    kg_graph_release(&g);
}

static void relations_respect_domains(void **state)
{
    (void)state;
    kg_graph g;
    /* spokesperson_of needs a person as subject: a country is not one */
    extract(&g, "Headline\n\nMoon spokesman South Korea said nothing.\n");
    assert_false(has_edge(&g, "South Korea", "spokesperson_of", "Moon Jae-in"));
    kg_graph_release(&g);
}

static void lemma_guesses_cover_regular_and_irregular_verbs(void **state)
{
    (void)state;
    char out[256];
    size_t n = kg_relation_lemma_guess("told", 4, out, sizeof out);
    assert_int_equal(n, 1);
    assert_string_equal(out, "tell");
    const char *cases[][2] = {{"lambasting", "lambast"},
                              {"criticized", "criticize"},
                              {"rejected", "reject"},
                              {"planned", "plan"},
                              {"denied", "deny"},
                              {"pushes", "push"},
                              {"Visits", "visit"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        n = kg_relation_lemma_guess(cases[i][0], strlen(cases[i][0]), out,
                                    sizeof out);
        bool found = false;
        const char *c = out;
        for (size_t k = 0; k < n; k++, c += strlen(c) + 1)
            found |= strcmp(c, cases[i][1]) == 0;
        assert_true(found);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gazetteer_takes_the_longest_alias),
        cmocka_unit_test(demonyms_and_capitals_are_known),
        cmocka_unit_test(names_are_typed_by_titles_and_heads),
        cmocka_unit_test(a_family_name_means_the_last_person_so_named),
        cmocka_unit_test(title_nouns_relate_the_names_around_them),
        cmocka_unit_test(verbs_between_mentions_are_relations_with_provenance),
        cmocka_unit_test(relations_respect_domains),
        cmocka_unit_test(lemma_guesses_cover_regular_and_irregular_verbs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
