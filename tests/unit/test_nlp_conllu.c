/* test_nlp_conllu.c - CoNLL-U reader and writer, tag tables, evaluation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nlp/conllu.h"
#include "nlp/tags.h"
#include "nlp/udeval.h"

#define FIXTURE "tests/nlp/ewt-sample.conllu"

static void tag_tables_are_stable(void **state)
{
    (void)state;
    assert_string_equal(kg_upos_names[0], "_");
    assert_string_equal(kg_xpos_names[0], "_");
    assert_string_equal(kg_deprel_names[0], "_");
    assert_string_equal(kg_upos_names[KG_UPOS_PROPN], "PROPN");
    assert_string_equal(kg_xpos_names[KG_XPOS_PRPS], "PRP$");
    assert_string_equal(kg_xpos_names[KG_XPOS_HYPH], "HYPH");
    assert_string_equal(kg_deprel_names[KG_DEP_NSUBJ_PASS], "nsubj:pass");
    assert_string_equal(kg_deprel_names[KG_DEP_OBL_AGENT], "obl:agent");
    assert_string_equal(kg_deprel_names[KG_DEP_ACL_RELCL], "acl:relcl");
    assert_int_equal(kg_deprel_lookup("compound:prt", 12), KG_DEP_COMPOUND_PRT);
    assert_int_equal(kg_deprel_lookup("nope", 4), -1);
    assert_int_equal(kg_deprel_base(KG_DEP_NMOD_POSS), KG_DEP_NMOD);
    assert_int_equal(kg_deprel_base(KG_DEP_OBJ), KG_DEP_OBJ);
    assert_int_equal(kg_upos_lookup("VERB", 4), KG_UPOS_VERB);
    assert_int_equal(kg_xpos_lookup("-LRB-", 5), KG_XPOS_LRB);
    assert_int_equal(kg_upos_lookup("_", 1), 0);
    /* every name is found again at its own index */
    for (int i = 0; i < KG_DEP_COUNT; i++)
        assert_int_equal(kg_deprel_lookup(kg_deprel_names[i], strlen(kg_deprel_names[i])), i);
    for (int i = 0; i < KG_XPOS_COUNT; i++)
        assert_int_equal(kg_xpos_lookup(kg_xpos_names[i], strlen(kg_xpos_names[i])), i);
}

static void reads_the_fixture(void **state)
{
    (void)state;
    kg_conllu c;
    kg_conllu_init(&c);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_conllu_read(&c, FIXTURE, &d), 0);
    assert_int_equal(c.nsents, 80);
    assert_int_equal(c.nwords, 2082); /* 10 multiword-token lines, 1 empty node */
    const kg_csent *s = &c.sents[0];
    assert_true(s->newdoc);
    assert_string_equal(s->sent_id,
                        "weblog-juancole.com_juancole_20051126063000_ENG_20051126_063000-0001");
    assert_int_equal(s->count, 29);
    const kg_cword *w = &c.words[s->first + 6];
    assert_string_equal(w->form, "killed");
    assert_string_equal(w->lemma, "kill");
    assert_int_equal(w->upos, KG_UPOS_VERB);
    assert_int_equal(w->xpos, KG_XPOS_VBD);
    assert_int_equal(w->head, 1);
    assert_int_equal(w->deprel, KG_DEP_PARATAXIS);
    assert_int_equal(c.words[s->first].space_after, 0);
    assert_int_equal(c.words[s->first + 2].space_after, 1);
    kg_conllu_release(&c);
}

static void expect_error(const char *text, const char *msg)
{
    kg_conllu c;
    kg_conllu_init(&c);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_conllu_parse(&c, "x.conllu", text, strlen(text), &d), -1);
    assert_string_equal(d.first, msg);
    kg_conllu_release(&c);
}

static void rejects_malformed_lines(void **state)
{
    (void)state;
    expect_error("1\tA\ta\tDET\tDT\t_\t0\troot\t_\n",
                 "x.conllu:1: error: expected 10 tab-separated columns, found 9");
    expect_error("# text = a\n1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n3\tb\tb\tNOUN\tNN\t_\t1\tdep\t_\t_\n",
                 "x.conllu:3: error: word ID 3 should be 2");
    expect_error("1\tA\ta\tFOO\tDT\t_\t0\troot\t_\t_\n",
                 "x.conllu:1: error: unknown UPOS tag 'FOO'");
    expect_error("1\tA\ta\tDET\tDT\t_\t0\tbogus\t_\t_\n",
                 "x.conllu:1: error: unknown relation 'bogus'");
    expect_error("1\tA\ta\tDET\tDT\t_\tx\troot\t_\t_\n",
                 "x.conllu:1: error: bad HEAD 'x'");
    expect_error("1\tA\ta\tDET\tDT\t_\t5\troot\t_\t_\n\n",
                 "x.conllu:2: error: head 5 of word 1 is outside the sentence (1 words)");
    expect_error("1\tA\ta\tDET\tDT\t_\t1\troot\t_\t_\n",
                 "x.conllu:1: error: word 1 is its own head");
    expect_error("1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n# c\n",
                 "x.conllu:2: error: comment inside a sentence (missing blank line?)");
    expect_error("1\tA\t\tDET\tDT\t_\t0\troot\t_\t_\n",
                 "x.conllu:1: error: column 3 is empty");
    expect_error("1-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n\n",
                 "x.conllu:3: error: multiword token range goes past the sentence end");
}

static void unknown_subtypes_fall_back(void **state)
{
    (void)state;
    const char *t = "1\tA\ta\tDET\tDT\t_\t2\tdet:weird\t_\t_\n"
                    "2\tb\tb\tNOUN\tNN\t_\t0\troot\t_\tSpaceAfter=No\n"
                    "3.1\tx\tx\tNOUN\tNN\t_\t_\t_\t_\t_\n";
    kg_conllu c;
    kg_conllu_init(&c);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_conllu_parse(&c, "x", t, strlen(t), &d), 0);
    assert_int_equal(c.nwords, 2); /* the empty node is skipped */
    assert_int_equal(c.words[0].deprel, KG_DEP_DET);
    assert_int_equal(c.words[1].space_after, 0);
    kg_conllu_release(&c);
}

static void writer_round_trips(void **state)
{
    (void)state;
    kg_conllu c, back;
    kg_conllu_init(&c);
    kg_conllu_init(&back);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_conllu_read(&c, FIXTURE, &d), 0);
    kg_article a;
    memset(&a, 0, sizeof a);
    kg_arena_init(&a.arena);
    assert_int_equal(kg_conllu_to_article(&c, 0, c.nsents, &a, &d), 0);
    for (uint32_t i = 0; i < a.ntokens; i++) {
        const kg_cword *w = &c.words[i];
        a.tokens[i].upos = w->upos;
        a.tokens[i].xpos = w->xpos;
        a.tokens[i].head = w->head;
        a.tokens[i].deprel = w->deprel;
        a.tokens[i].lemma = w->lemma;
    }
    kg_buf out;
    kg_buf_init(&out);
    assert_int_equal(kg_conllu_write_article(&out, &a, "doc"), 0);
    assert_non_null(strstr(out.data, "# sent_id = doc-1\n# text = Al - Zaman :"));
    assert_int_equal(kg_conllu_parse(&back, "back", out.data, out.len, &d), 0);
    assert_int_equal(back.nsents, c.nsents);
    kg_ud_eval e;
    assert_int_equal(kg_ud_evaluate(&c, &back, &e, &d), 0);
    assert_int_equal(e.las_full.correct, c.nwords);
    assert_int_equal(e.lemma.correct, c.nwords);
    assert_int_equal(e.sentences.correct, c.nsents);
    kg_buf_release(&out);
    kg_arena_release(&a.arena);
    kg_conllu_release(&c);
    kg_conllu_release(&back);
}

static void evaluation_aligns_different_tokenizations(void **state)
{
    (void)state;
    const char *gold = "# text = I can't go.\n"
                       "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
                       "2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                       "2\tca\tcan\tAUX\tMD\t_\t4\taux\t_\t_\n"
                       "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
                       "4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
                       "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";
    /* "can't" kept whole, the rest right: 4 of 5 gold words aligned */
    const char *pred = "1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
                       "2\tcan't\tcan't\tAUX\tMD\t_\t3\taux\t_\t_\n"
                       "3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n"
                       "4\t.\t.\tPUNCT\t.\t_\t3\tobj\t_\t_\n\n";
    kg_conllu g, p;
    kg_conllu_init(&g);
    kg_conllu_init(&p);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_conllu_parse(&g, "g", gold, strlen(gold), &d), 0);
    assert_int_equal(kg_conllu_parse(&p, "p", pred, strlen(pred), &d), 0);
    kg_ud_eval e;
    assert_int_equal(kg_ud_evaluate(&g, &p, &e, &d), 0);
    assert_int_equal(e.tokens.gold, 5);
    assert_int_equal(e.tokens.pred, 4);
    assert_int_equal(e.tokens.correct, 3);
    assert_int_equal(e.uas.correct, 3);
    assert_int_equal(e.las.correct, 2); /* punct labelled obj */
    assert_int_equal(e.sentences.correct, 1);
    assert_true(kg_ud_f1(&e.tokens) > 66.6 && kg_ud_f1(&e.tokens) < 66.7);
    kg_conllu_release(&g);
    kg_conllu_release(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tag_tables_are_stable),
        cmocka_unit_test(reads_the_fixture),
        cmocka_unit_test(rejects_malformed_lines),
        cmocka_unit_test(unknown_subtypes_fall_back),
        cmocka_unit_test(writer_round_trips),
        cmocka_unit_test(evaluation_aligns_different_tokenizations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
