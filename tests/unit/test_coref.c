/* test_coref.c - coreference: name parts by salience, pronouns, definite
 * descriptions, metonymy, alternative labels; through the shipped models
 * and schema/korea.yaml, ending with the example article. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article/token.h"
#include "extract/coref.h"
#include "extract/mention.h"
#include "extract/pipeline.h"
#include "nlp/nlp.h"

static kg_nlp *nlp;
static kg_pipeline pipe;

static int setup(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, stderr);
    nlp = kg_nlp_load("models/en-ewt", &d);
    if (!nlp)
        return -1;
    return kg_pipeline_init(&pipe, "schema/korea.yaml", nlp, &d);
}

static int teardown(void **state)
{
    (void)state;
    kg_pipeline_release(&pipe);
    kg_nlp_free(nlp);
    return 0;
}

typedef struct doc {
    kg_article a;
    kg_graph g;
    kg_mention *m;
    size_t n;
} doc;

static void resolve(doc *x)
{
    kg_diag d;
    kg_diag_init(&d, stderr);
    assert_int_equal(kg_tokenize(&x->a, &d), 0);
    assert_int_equal(kg_nlp_annotate(nlp, &x->a, &d), 0);
    assert_int_equal(kg_graph_init(&x->g, pipe.ont, NULL, &d), 0);
    assert_true(kg_graph_add_article(&x->g, &x->a, &d) >= 0);
    assert_int_equal(kg_mention_find(pipe.gaz, &x->a, &x->m, &x->n, &d), 0);
    assert_int_equal(kg_coref_resolve(pipe.ont, &x->a, x->m, x->n, &x->g, &d), 0);
}

/* text: a headline line, a blank line, the body */
static void run(doc *x, const char *text)
{
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_article_init(&x->a);
    assert_int_equal(kg_article_parse(&x->a, "t.txt", text, strlen(text), &d), 0);
    resolve(x);
}

static void done(doc *x)
{
    kg_graph_release(&x->g);
    kg_article_release(&x->a);
}

/* The n-th (from 0) mention with surface s in the first sentence that
 * contains ctx. */
static const kg_mention *at(const doc *x, const char *ctx, const char *s, int n)
{
    const kg_article *a = &x->a;
    for (uint32_t si = 0; si < a->nsentences; si++) {
        const kg_sentence *sent = &a->sentences[si];
        const char *t = a->text + sent->start;
        size_t tl = sent->end - sent->start, cl = strlen(ctx);
        bool has = false;
        for (size_t k = 0; k + cl <= tl && !has; k++)
            has = memcmp(t + k, ctx, cl) == 0;
        if (!has)
            continue;
        for (size_t i = 0; i < x->n; i++) {
            const kg_mention *m = &x->m[i];
            size_t len = a->tokens[m->end - 1].end - a->tokens[m->first].start;
            if (m->sentence == si && strlen(s) == len &&
                memcmp(a->text + a->tokens[m->first].start, s, len) == 0 && n-- == 0)
                return m;
        }
        break;
    }
    fail_msg("no mention '%s' in the sentence with '%s'", s, ctx);
    return NULL;
}

/* The label of the node a mention resolved to ("-" if none). */
static const char *ref(const doc *x, const kg_mention *m)
{
    return m->node >= 0 ? x->g.nodes[m->node].label : "-";
}

static const char *refs(const doc *x, const char *ctx, const char *s, int n)
{
    return ref(x, at(x, ctx, s, n));
}

static int node(const doc *x, const char *label)
{
    for (size_t i = 0; i < x->g.nnodes; i++)
        if (strcmp(x->g.nodes[i].label, label) == 0)
            return (int)i;
    return -1;
}

static const char *class_of(const doc *x, const char *label)
{
    int n = node(x, label);
    return n >= 0 && x->g.nodes[n].cls >= 0
               ? pipe.ont->classes[x->g.nodes[n].cls].name
               : "?";
}

static bool has_alt(const doc *x, const char *label, const char *alt)
{
    int n = node(x, label);
    if (n < 0)
        return false;
    for (size_t i = 0; i < x->g.nodes[n].nalt; i++)
        if (strcmp(x->g.nodes[n].alt[i], alt) == 0)
            return true;
    return false;
}

static void no_pronoun_nodes(const doc *x)
{
    static const char *const pron[] = {
        "he", "He", "him", "his", "His", "she", "She", "her", "Her", "it",
        "It", "its", "Its", "they", "They", "them", "their", "Their", NULL};
    for (size_t i = 0; i < x->g.nnodes; i++) {
        for (size_t k = 0; pron[k]; k++) {
            assert_string_not_equal(x->g.nodes[i].label, pron[k]);
            for (size_t j = 0; j < x->g.nodes[i].nalt; j++)
                assert_string_not_equal(x->g.nodes[i].alt[j], pron[k]);
        }
    }
}

/* --- name parts ----------------------------------------------------------------- */

static void a_bare_name_part_goes_to_the_only_bearer(void **state)
{
    (void)state;
    doc x;
    run(&x, "Headline\n\nAnalyst Song Jae-ik spoke first. Later, Song "
            "criticized Pyongyang. Jae-ik Song is no one else.\n");
    assert_string_equal(refs(&x, "Later", "Song", 0), "Song Jae-ik");
    /* an unknown person's parts work the same way */
    done(&x);
    run(&x, "Headline\n\nReporter Jane Roe wrote the story. Roe said it "
            "took a week.\n");
    assert_string_equal(refs(&x, "Roe said", "Roe", 0), "Jane Roe");
    assert_int_equal(node(&x, "Roe"), -1);
    assert_int_equal(x.g.nodes[node(&x, "Jane Roe")].mentions, 2);
    assert_true(has_alt(&x, "Jane Roe", "Roe"));
    done(&x);
}

static void the_writers_short_form_keeps_its_sense(void **state)
{
    (void)state;
    doc x;
    run(&x, "Headline\n\nKim Jong Un met Moon Jae-in in June. Kim praised "
            "the talks. Moon spokesman Kim Eui-keum said the talks went "
            "well. Kim Eui-keum spoke to reporters in Seoul. Analysts said "
            "the plan was sound. Observers agreed. Moon must strike a "
            "balance with Kim.\n");
    assert_string_equal(refs(&x, "Kim praised", "Kim", 0), "Kim Jong Un");
    /* the other Kim's full name is four sentences back: the writer's
     * "Kim" still means Kim Jong Un */
    assert_string_equal(refs(&x, "balance with Kim", "Kim", 0), "Kim Jong Un");
    assert_string_equal(refs(&x, "balance with Kim", "Moon", 0), "Moon Jae-in");
    done(&x);
}

static void a_full_name_just_mentioned_wins_the_part(void **state)
{
    (void)state;
    doc x;
    run(&x, "Headline\n\nKim Jong Un met Moon Jae-in in June. Kim praised "
            "the talks. Analysts said the plan was sound. Observers agreed. "
            "Moon spokesman Kim Eui-keum spoke to reporters in Seoul. Kim "
            "added that the talks went well.\n");
    assert_string_equal(refs(&x, "Kim praised", "Kim", 0), "Kim Jong Un");
    assert_string_equal(refs(&x, "Kim added", "Kim", 0), "Kim Eui-keum");
    done(&x);
}

static void a_part_must_agree_with_a_gender_title(void **state)
{
    (void)state;
    doc x;
    run(&x, "Headline\n\nMr. John Lee met Ms. Mary Lee on Monday. Later, "
            "Mrs. Lee said the meeting went well.\n");
    assert_string_equal(refs(&x, "Later", "Lee", 0), "Mary Lee");
    done(&x);
}

/* --- pronouns --------------------------------------------------------------------- */

static void pronouns_take_compatible_salient_antecedents(void **state)
{
    (void)state;
    doc x;
    run(&x, "Headline\n\nMrs. Jane Roe met John Smith in London. She said "
            "he had helped her. Smith planned his own visit to Paris.\n");
    assert_string_equal(refs(&x, "She said", "She", 0), "Jane Roe");
    assert_string_equal(refs(&x, "She said", "he", 0), "John Smith");
    assert_string_equal(refs(&x, "She said", "her", 0), "Jane Roe");
    assert_string_equal(refs(&x, "his own visit", "his", 0), "John Smith");
    assert_true(at(&x, "She said", "She", 0)->antecedent >= 0);
    no_pronoun_nodes(&x);
    assert_false(has_alt(&x, "Jane Roe", "She"));
    done(&x);
}

static void an_object_pronoun_skips_its_own_subject(void **state)
{
    (void)state;
    doc x;
    run(&x, "Headline\n\nBoris Johnson won the vote. Later, Theresa May "
            "appointed him to the post.\n");
    assert_string_equal(refs(&x, "appointed", "him", 0), "Boris Johnson");
    done(&x);
}

static void possessives_follow_the_clause_subject(void **state)
{
    (void)state;
    doc x;
    /* "who" stands for Pompeo; the nearer person is the leader */
    run(&x, "Headline\n\nBolton said Trump expected Kim Jong Un to meet "
            "with Pompeo, who didn't get an audience with the North Korean "
            "leader during his previous visit.\n");
    assert_string_equal(refs(&x, "Bolton", "his", 0), "Michael Pompeo");
    done(&x);
    /* an infinitive's subject is the noun before "to" */
    run(&x, "Headline\n\nPompeo has pushed for Kim Jong Un to accept a "
            "time frame for abandoning his nuclear weapons.\n");
    assert_string_equal(refs(&x, "Pompeo", "his", 0), "Kim Jong Un");
    done(&x);
}

static void it_and_they_need_non_persons_and_can_be_blocked(void **state)
{
    (void)state;
    doc x;
    run(&x, "Headline\n\nNorth Korea has rejected the approach, saying it "
            "is relying on logic. A commentary by the Korean Central News "
            "Agency criticized what it said was a lack of consistency. "
            "Trump and Moon met at their own summit. Xi said it was good.\n");
    assert_string_equal(refs(&x, "relying", "it", 0), "North Korea");
    /* the commentary, no entity, is the better antecedent */
    assert_string_equal(refs(&x, "commentary", "it", 0), "-");
    /* a coordination is plural: no single node */
    assert_string_equal(refs(&x, "their own summit", "their", 0), "-");
    /* "it" never goes to a person */
    assert_string_not_equal(refs(&x, "Xi said", "it", 0), "Xi Jinping");
    no_pronoun_nodes(&x);
    done(&x);
}

/* --- descriptions and metonymy --------------------------------------------------------- */

static void definite_descriptions_find_recent_entities(void **state)
{
    (void)state;
    doc x;
    run(&x, "Headline\n\nSouth Korea plans an inter-Korean liaison office at "
            "the Gaeseong complex. Officials said the office would open "
            "soon and the complex would reopen. Later the facility closed. "
            "The issue remains open. The North Korean leader agreed.\n");
    /* the head word of a label beats recency; a class takes the most
     * recent entity of that class */
    assert_string_equal(refs(&x, "Officials", "the office", 0),
                        "inter-Korean liaison office");
    assert_string_equal(refs(&x, "Later", "the facility", 0),
                        "Gaeseong industrial complex");
    assert_string_equal(refs(&x, "Officials", "the complex", 0),
                        "Gaeseong industrial complex");
    assert_string_equal(refs(&x, "The issue", "The issue", 0), "-");
    assert_string_equal(refs(&x, "leader agreed", "The North Korean leader", 0),
                        "Kim Jong Un");
    /* the alias is a surface form; a bare description is not */
    assert_true(has_alt(&x, "Kim Jong Un", "The North Korean leader"));
    assert_false(has_alt(&x, "inter-Korean liaison office", "the office"));
    done(&x);
}

static void capitals_stand_for_their_countries_as_agents(void **state)
{
    (void)state;
    doc x;
    run(&x, "Headline\n\nSeoul rejected the plan, and reporters in Seoul "
            "heard that Washington and Pyongyang disagreed.\n");
    const kg_mention *s1 = at(&x, "rejected", "Seoul", 0);
    const kg_mention *s2 = at(&x, "rejected", "Seoul", 1);
    assert_string_equal(ref(&x, s1), "Seoul");
    assert_int_equal(s1->stands_for, kg_ontology_entity(pipe.ont, "south_korea"));
    assert_int_equal(s1->stands_for_node, node(&x, "South Korea"));
    assert_int_equal(s2->stands_for_node, -1); /* a place */
    assert_int_equal(at(&x, "rejected", "Washington", 0)->stands_for_node,
                     node(&x, "United States"));
    assert_int_equal(at(&x, "rejected", "Pyongyang", 0)->stands_for_node,
                     node(&x, "North Korea"));
    assert_string_equal(class_of(&x, "Seoul"), "City");
    done(&x);
}

/* --- the example article ------------------------------------------------------------------ */

static void the_example_article(void **state)
{
    (void)state;
    doc x;
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_article_init(&x.a);
    assert_int_equal(kg_article_read(&x.a, "examples/korea-liaison-office.txt", &d), 0);
    resolve(&x);

    /* every Kim (the table at the top of coref.c) */
    const char *jong = "Kim Jong Un", *eui = "Kim Eui-keum";
    assert_string_equal(refs(&x, "rapprochement", "Kim Jong Un", 0), jong);
    assert_string_equal(refs(&x, "eliminating Kim", "Kim", 0), jong);
    assert_string_equal(refs(&x, "landmark April agreement", "Kim", 0), jong);
    assert_string_equal(refs(&x, "Moon spokesman", "Kim Eui-keum", 0), eui);
    assert_string_equal(refs(&x, "told reporters", "Kim Eui-keum", 0), eui);
    assert_string_equal(refs(&x, "difficult balance", "Kim", 0), jong);
    assert_string_equal(refs(&x, "pushed for Kim", "Kim", 0), jong);
    assert_string_equal(refs(&x, "Trump administration", "Kim Jong Un", 0), jong);
    assert_string_equal(refs(&x, "fulfill the commitment", "Kim Jong Un", 0), jong);
    assert_string_equal(refs(&x, "The day before", "Kim Jong Un", 0), jong);
    size_t kims = 0;
    for (size_t i = 0; i < x.n; i++) {
        const kg_mention *m = &x.m[i];
        uint32_t len;
        const char *w = kg_token_form(&x.a, &x.a.tokens[m->first], &len);
        kims += m->kind == KG_MENTION_NAME && len == 3 && memcmp(w, "Kim", 3) == 0;
    }
    assert_int_equal(kims, 10);
    assert_true(has_alt(&x, jong, "Kim"));
    assert_false(has_alt(&x, eui, "Kim"));

    /* pronouns */
    assert_string_equal(refs(&x, "He said the facility", "He", 0), eui);
    assert_string_equal(refs(&x, "landmark April", "his", 0), "Moon Jae-in");
    assert_string_equal(refs(&x, "landmark April", "he", 0), "Moon Jae-in");
    assert_string_equal(refs(&x, "an audience with", "his", 0),
                        "Michael Pompeo");
    assert_string_equal(refs(&x, "abandoning his", "his", 0), jong);
    assert_string_equal(refs(&x, "planned his own visit", "his", 0), "Moon Jae-in");
    assert_string_equal(refs(&x, "that he had previously", "he", 0), jong);
    assert_string_equal(refs(&x, "their own summit", "their", 0), "-");
    no_pronoun_nodes(&x);

    /* descriptions */
    assert_string_equal(refs(&x, "He said the facility", "the facility", 0),
                        "inter-Korean liaison office");
    assert_string_equal(refs(&x, "He said the facility",
                             "the North Korean leader", 0), jong);
    assert_string_equal(refs(&x, "Moon planned", "the North Korean capital", 0),
                        "Pyongyang");

    /* types */
    const char *people[] = {"Moon Jae-in", "Kim Jong Un", "Kim Eui-keum",
                            "Donald Trump", "Xi Jinping", "Song Jae-ik",
                            "Michael Pompeo", "John Bolton", NULL};
    for (size_t i = 0; people[i]; i++)
        assert_string_equal(class_of(&x, people[i]), "Person");
    const char *countries[] = {"North Korea", "South Korea", "United States",
                               "China", "Singapore", NULL};
    for (size_t i = 0; countries[i]; i++)
        assert_string_equal(class_of(&x, countries[i]), "Country");
    assert_string_equal(class_of(&x, "State Department"), "GovernmentOrganization");
    assert_string_equal(class_of(&x, "Korean Central News Agency"),
                        "MediaOrganization");
    assert_string_equal(class_of(&x, "Hanyang University"), "University");
    assert_string_equal(class_of(&x, "Straits Times"), "MediaOrganization");

    /* demonyms are their country */
    assert_string_equal(refs(&x, "supported by South Korean", "South Korean", 0),
                        "South Korea");
    assert_string_equal(refs(&x, "to the South Koreans", "South Koreans", 0),
                        "South Korea");
    assert_true(has_alt(&x, "South Korea", "South Korean"));

    /* capitals: cities that stand for their countries */
    const char *cities[][2] = {{"Seoul", "south_korea"},
                               {"Pyongyang", "north_korea"},
                               {"Washington", "united_states"}};
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(class_of(&x, cities[i][0]), "City");
        int e = x.g.nodes[node(&x, cities[i][0])].entity;
        assert_int_equal(pipe.ont->entities[e].stands_for,
                         kg_ontology_entity(pipe.ont, cities[i][1]));
    }
    /* "differences between Seoul and Washington": the governments */
    assert_int_equal(at(&x, "differences between", "Seoul", 0)->stands_for_node,
                     node(&x, "South Korea"));
    assert_int_equal(at(&x, "differences between", "Washington", 0)->stands_for_node,
                     node(&x, "United States"));
    /* "told reporters in Seoul": the city */
    assert_int_equal(at(&x, "told reporters", "Seoul", 0)->stands_for_node, -1);
    done(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_bare_name_part_goes_to_the_only_bearer),
        cmocka_unit_test(the_writers_short_form_keeps_its_sense),
        cmocka_unit_test(a_full_name_just_mentioned_wins_the_part),
        cmocka_unit_test(a_part_must_agree_with_a_gender_title),
        cmocka_unit_test(pronouns_take_compatible_salient_antecedents),
        cmocka_unit_test(an_object_pronoun_skips_its_own_subject),
        cmocka_unit_test(possessives_follow_the_clause_subject),
        cmocka_unit_test(it_and_they_need_non_persons_and_can_be_blocked),
        cmocka_unit_test(definite_descriptions_find_recent_entities),
        cmocka_unit_test(capitals_stand_for_their_countries_as_agents),
        cmocka_unit_test(the_example_article),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
