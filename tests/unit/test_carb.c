/*
 * test_carb.c - the CaRB scorer on tiny hand-computed cases, one rule each.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "eval/carb.h"

#define EPS 1e-12

/* Score pred against gold (both TSV text); asserts loading worked. */
static void score(const char *gold, const char *pred, kg_carb_result *r)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_carb_gold *g = kg_carb_gold_new();
    kg_carb_pred *p = kg_carb_pred_new();
    assert_non_null(g);
    assert_non_null(p);
    assert_int_equal(kg_carb_load_gold(g, "g.tsv", gold, strlen(gold), &d), 0);
    assert_int_equal(kg_carb_load_pred(p, "p.tsv", pred, strlen(pred), &d), 0);
    kg_carb_result_init(r);
    assert_int_equal(kg_carb_score(g, p, r, &d), 0);
    assert_int_equal(d.nerrors, 0);
    kg_carb_gold_free(g);
    kg_carb_pred_free(p);
}

/* One gold tuple, one prediction: the set's P and R are the pair's. */
static void pair(const char *gold, const char *pred, double prec, double rec)
{
    kg_carb_result r;
    score(gold, pred, &r);
    assert_int_equal(r.npoints, 1);
    assert_float_equal(r.precision, prec, EPS);
    assert_float_equal(r.recall, rec, EPS);
    kg_carb_result_release(&r);
}

static void test_relation_gate(void **state)
{
    (void)state;
    /* arguments agree, relation shares no word: zero */
    pair("S\tborn in\tObama\tHawaii\n", "S\t1\twas\tObama\tHawaii\n", 0, 0);
    /* one relation word: 3 of 3 predicted words, 3 of 4 gold words */
    pair("S\tborn in\tObama\tHawaii\n", "S\t1\tborn\tObama\tHawaii\n", 1,
         0.75);
}

static void test_be_forms(void **state)
{
    (void)state;
    pair("S\twas\tA\tB\n", "S\t1\tbe\tA\tB\n", 1, 1);
    pair("S\twas born\tA\tB\n", "S\t1\tbe born\tA\tB\n", 1, 1);
    pair("S\tbeing\tA\tB\n", "S\t1\tbe\tA\tB\n", 1, 1);
    /* case-sensitive: "Be" is not be */
    pair("S\twas\tA\tB\n", "S\t1\tBe\tA\tB\n", 0, 0);
    /* only a predicted "be" stands for a form, not the other way round */
    pair("S\tbe\tA\tB\n", "S\t1\twas\tA\tB\n", 0, 0);
    /* the gold "is" is used by the exact match; the spare "be" finds no
     * free form: 3 of 4 predicted words, 3 of 3 gold words */
    pair("S\tis\tA\tB\n", "S\t1\tis be\tA\tB\n", 0.75, 1);
    /* two spare "be" for two gold forms */
    pair("S\thas been being\tA\tB\n", "S\t1\thas be be\tA\tB\n", 1, 1);
}

static void test_arguments(void **state)
{
    (void)state;
    /* words counted as a multiset, case-sensitive */
    pair("S\tr\tthe the cat\tx\n", "S\t1\tr\tthe cat cat\tx\n", 4.0 / 5,
         4.0 / 5);
    pair("S\tr\tObama\tx\n", "S\t1\tr\tobama\tx\n", 2.0 / 3, 2.0 / 3);
    /* a no-break space separates words, as in Python's str.split() */
    pair("S\tr\ta b\tx\n", "S\t1\tr\ta\xc2\xa0" "b\tx\n", 1, 1);
    /* later arguments are joined into one object, in any order */
    pair("S\tr\ta\tb\tc d\n", "S\t1\tr\ta\td c b\n", 1, 1);
    /* fewer than two arguments against a two-argument gold: zero */
    pair("S\tr\ta\tb\n", "S\t1\tr\ta\n", 0, 0);
    /* a trailing empty field is no argument: a one-argument gold; the
     * prediction's object still counts in its precision */
    pair("S\tr\ta\t\n", "S\t1\tr\ta\tb\n", 2.0 / 3, 1);
    pair("S\tr\ta\t\n", "S\t1\tr\ta\n", 1, 1);
}

static void test_said_swap(void **state)
{
    (void)state;
    /* reported speech: subject and object may be swapped */
    pair("S\tsaid\tJohn\tit rains\n", "S\t1\tsaid\tit rains\tJohn\n", 1, 1);
    pair("S\ttold\tJohn\tMary\n", "S\t1\ttold\tMary\tJohn\n", 1, 1);
    pair("S\tadded\tJohn\tMary\n", "S\t1\tadded\tMary\tJohn\n", 1, 1);
    /* "says that" contains says; the prediction's relation differs but
     * shares "says": 1+2+1 of 4 predicted, 4 of 5 gold */
    pair("S\tsays that\tJohn\tit rains\n", "S\t1\tsays\tit rains\tJohn\n", 1,
         0.8);
    /* any other relation: no swap, only the relation matches */
    pair("S\tclaimed\tJohn\tit rains\n", "S\t1\tclaimed\tit rains\tJohn\n",
         0.25, 0.25);
    /* the better of the two is kept: straight here */
    pair("S\tsaid\tJohn\tMary\n", "S\t1\tsaid\tJohn\tMary\n", 1, 1);
}

/* Greedy by precision, not the best assignment:
 *   A = (r t; a; b) matches G1 = (r t; a; b) with P 1 and G2 = (t; a; c)
 *   with P 2/4; B = (r; a; b d) matches G1 with P 3/4 and G2 not at all
 *   (relation).  Greedy takes G1-A (1), then G2-B (0): P = 1/2, where the
 *   best assignment would give (3/4 + 1/2)/2.  Recall: G1 gets 1 from A,
 *   G2 gets 2/3 from A: R = 5/6. */
static void test_greedy_precision(void **state)
{
    (void)state;
    kg_carb_result r;
    score("S\tr t\ta\tb\nS\tt\ta\tc\n",
          "S\t1\tr t\ta\tb\nS\t1\tr\ta\tb d\n", &r);
    assert_float_equal(r.precision, 0.5, EPS);
    assert_float_equal(r.recall, 5.0 / 6, EPS);
    kg_carb_result_release(&r);
}

/* One prediction serves two gold tuples for recall but pairs with one for
 * precision: R = (1 + 1)/2, P = (3/4)/1. */
static void test_recall_max(void **state)
{
    (void)state;
    kg_carb_result r;
    score("S\tr\ta\tb\nS\tr\ta\tc\n", "S\t1\tr\ta\tb c\n", &r);
    assert_float_equal(r.recall, 1, EPS);
    assert_float_equal(r.precision, 0.75, EPS);
    kg_carb_result_release(&r);
    /* each gold tuple takes its best: G1 from A (2/3), G2 from B (1) */
    score("S\tr\ta\tb\nS\ts\tc\td\n",
          "S\t0.5\tr\ta\tx\nS\t0.5\ts\tc\td\n", &r);
    assert_float_equal(r.recall, (2.0 / 3 + 1) / 2, EPS);
    kg_carb_result_release(&r);
}

/* Three thresholds on G1 = (r; a; b), G2 = (s; c; d) and
 *   A 0.9 = G1, B 0.5 = junk, C 0.2 = G2:
 *   t = 0.2: P 2/3, R 1,  F1 0.8
 *   t = 0.5: P 1/2, R .5, F1 0.5
 *   t = 0.9: P 1,   R .5, F1 2/3
 * Best F1 0.8 at 0.2.  AUC through (1, 2/3) (.5, .5) (.5, 1) (0, 1):
 *   .5 * (2/3 + .5)/2 + 0 + .5 * 1 = 19/24. */
static void test_thresholds_and_auc(void **state)
{
    (void)state;
    kg_carb_result r;
    score("S\tr\ta\tb\nS\ts\tc\td\n",
          "S\t0.9\tr\ta\tb\nS\t0.5\tx\ty\tz\nS\t0.2\ts\tc\td\n", &r);
    assert_int_equal(r.npoints, 3);
    assert_float_equal(r.points[0].threshold, 0.2, 0);
    assert_float_equal(r.points[0].precision, 2.0 / 3, EPS);
    assert_float_equal(r.points[0].recall, 1, EPS);
    assert_float_equal(r.points[1].threshold, 0.5, 0);
    assert_float_equal(r.points[1].precision, 0.5, EPS);
    assert_float_equal(r.points[1].recall, 0.5, EPS);
    assert_float_equal(r.points[1].f1, 0.5, EPS);
    assert_float_equal(r.points[2].precision, 1, EPS);
    assert_float_equal(r.points[2].f1, 2.0 / 3, EPS);
    assert_int_equal(r.best, 0);
    assert_float_equal(r.threshold, 0.2, 0);
    assert_float_equal(r.f1, 0.8, EPS);
    assert_float_equal(r.auc, 19.0 / 24, EPS);
    kg_carb_result_release(&r);
}

/* A gold sentence without predictions still counts in recall at every
 * threshold; extractions for other sentences are ignored, confidences
 * included. */
static void test_sentences(void **state)
{
    (void)state;
    kg_carb_result r;
    score("S1\tr\ta\tb\nS2\ts\tc\td\n",
          "S1\t0.7\tr\ta\tb\nS3\t0.1\ts\tc\td\n", &r);
    assert_float_equal(r.precision, 1, EPS);
    assert_float_equal(r.recall, 0.5, EPS);
    assert_int_equal(r.npoints, 1);
    assert_int_equal(r.gold_sentences, 2);
    assert_int_equal(r.gold_tuples, 2);
    assert_int_equal(r.pred_sentences, 1);
    assert_int_equal(r.pred_tuples, 1);
    assert_int_equal(r.pred_ignored, 1);
    kg_carb_result_release(&r);
    /* matched ignoring spaces and punctuation, not case */
    score("The cat , sat .\tsat\tThe cat\tx\n",
          "The cat sat\t1\tsat\tThe cat\tx\nthe cat sat\t1\tsat\tthe\tx\n", &r);
    assert_int_equal(r.pred_tuples, 1);
    assert_int_equal(r.pred_ignored, 1);
    assert_float_equal(r.f1, 1, EPS);
    kg_carb_result_release(&r);
}

static void test_no_predictions(void **state)
{
    (void)state;
    kg_carb_result r;
    score("S\tr\ta\tb\n", "", &r);
    assert_int_equal(r.npoints, 0);
    assert_float_equal(r.recall, 0, 0);
    assert_float_equal(r.precision, 0, 0);
    assert_float_equal(r.auc, 0, 0);
    kg_carb_result_release(&r);
}

/* Gold tuples handed back as predictions score 1 everywhere. */
static void test_gold_as_prediction(void **state)
{
    (void)state;
    kg_carb_result r;
    score("S\tsaid\tJohn\tit rains\nS\tis\tJohn\tat home\tnow\n"
          "S\tis\tJohn\tat home\n",
          "S\t1\tsaid\tJohn\tit rains\nS\t1\tis\tJohn\tat home\tnow\n"
          "S\t1\tis\tJohn\tat home\n",
          &r);
    assert_float_equal(r.precision, 1, 0);
    assert_float_equal(r.recall, 1, 0);
    assert_float_equal(r.auc, 1, 0);
    kg_carb_result_release(&r);
}

static void test_sentence_key(void **state)
{
    (void)state;
    kg_buf b;
    kg_buf_init(&b);
    const char *s = "He said -LRB- twice -RRB- : `` No ! ''";
    assert_int_equal(kg_carb_sentence_key(s, strlen(s), &b), 0);
    assert_string_equal(b.data, "HesaidtwiceNo");
    /* escapes are undone one kind at a time, like str.replace in turn */
    assert_int_equal(kg_carb_sentence_key("-RR-LRB-B-", 10, &b), 0);
    assert_string_equal(b.data, "RRB");
    kg_buf_release(&b);
}

static void expect_error(int gold, const char *text, const char *msg,
                         unsigned nerrors)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    int rc;
    if (gold) {
        kg_carb_gold *g = kg_carb_gold_new();
        rc = kg_carb_load_gold(g, "g.tsv", text, strlen(text), &d);
        kg_carb_gold_free(g);
    } else {
        kg_carb_pred *p = kg_carb_pred_new();
        rc = kg_carb_load_pred(p, "p.tsv", text, strlen(text), &d);
        kg_carb_pred_free(p);
    }
    assert_int_equal(rc, -1);
    assert_string_equal(d.first, msg);
    assert_int_equal(d.nerrors, nerrors);
}

static void test_malformed(void **state)
{
    (void)state;
    expect_error(0, "S\t1\tr\ta\nS\thigh\tr\ta\n",
                 "p.tsv:2: error: confidence 'high' is not a finite number",
                 1);
    expect_error(0, "S\tnan\tr\ta\n",
                 "p.tsv:1: error: confidence 'nan' is not a finite number", 1);
    expect_error(0, "\nS\t0.5\n",
                 "p.tsv:2: error: expected at least 3 tab-separated fields "
                 "(sentence, confidence, relation), found 2",
                 1);
    expect_error(1, "S\n\t r\ta\nS\tr\n",
                 "g.tsv:1: error: expected at least 2 tab-separated fields "
                 "(sentence, relation), found 1",
                 2);
    expect_error(1, "S\tr\ta\n  \tr\ta\n", "g.tsv:2: error: empty sentence",
                 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relation_gate),
        cmocka_unit_test(test_be_forms),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_said_swap),
        cmocka_unit_test(test_greedy_precision),
        cmocka_unit_test(test_recall_max),
        cmocka_unit_test(test_thresholds_and_auc),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_no_predictions),
        cmocka_unit_test(test_gold_as_prediction),
        cmocka_unit_test(test_sentence_key),
        cmocka_unit_test(test_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
