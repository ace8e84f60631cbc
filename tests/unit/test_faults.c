/* test_faults.c - every allocation of the library, failed in turn.
 *
 * SQLite's fault-injection loop, in process: for N = 1, 2, ... fail the
 * N-th allocation (kg_alloc_fail_at), run a job, and stop at the first N
 * the job runs through without an injected failure.  Every failing run
 * must return -1 with an "out of memory" diagnostic and leak nothing
 * (LeakSanitizer is asked after each run); a job that succeeds although
 * an allocation failed has ignored that failure.  Each loop runs twice:
 * failing only the N-th allocation, and failing every allocation from the
 * N-th on (cleanup paths must not need memory).
 *
 * Needs the ASan build (-DKG_FAULTS); elsewhere the tests are skipped.
 * The command line (exit status, no output file) is tests/hostile/run.sh's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "article/article.h"
#include "base/alloc.h"
#include "base/buf.h"
#include "base/io.h"
#include "diff/diff.h"
#include "diff/graphread.h"
#include "extract/mention.h"
#include "extract/pipeline.h"
#include "graph/graph.h"
#include "nlp/nlp.h"
#include "ontology/ontology.h"
#include "write/dot.h"
#include "write/rdf.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_LSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define HAVE_LSAN 1
#endif
#ifdef HAVE_LSAN
#include <sanitizer/lsan_interface.h>
#endif

#define ONTOLOGY "schema/korea.yaml"
/* KG_FAULTS_ARTICLE=FILE runs the extraction and diff loops on another
 * article (to hunt with more text than the suite can afford). */
#define ARTICLE article_path()
#define ARTICLE2 "tests/hostile/data/short2.txt"
#define UNICODE "tests/hostile/data/unicode.txt"

typedef int (*job_fn)(void *ctx, kg_diag *d);

static const char *article_path(void)
{
    const char *s = getenv("KG_FAULTS_ARTICLE");
    return s && *s ? s : "tests/hostile/data/rich.txt";
}

/* KG_FAULTS_FULL=1: ask LeakSanitizer after every run (else after every
 * 8th and at the end, naming the range of N a leak came from), fail
 * every N in the persistent mode too (else every 5th), and every N of
 * the gazetteer (else every 4th).  The full run takes several minutes. */
static int full_mode(void)
{
    const char *s = getenv("KG_FAULTS_FULL");
    return s && *s == '1';
}

static void check_leaks(const char *name, long from, long to, int persist)
{
#ifdef HAVE_LSAN
    if (__lsan_do_recoverable_leak_check())
        fail_msg("%s: memory leaked (above) when allocation %ld%s%ld "
                 "failed%s",
                 name, from, from == to ? "" : "..", from == to ? 0 : to,
                 persist ? " (and all after it)" : "");
#else
    (void)name;
    (void)from;
    (void)to;
    (void)persist;
#endif
}

/* Run job with the N-th allocation failing, for N = 1, 1 + stride, ...;
 * returns how many allocations a successful run makes. */
static long fault_loop(const char *name, job_fn job, void *ctx, int persist,
                       long stride)
{
#ifndef KG_FAULTS
    (void)name;
    (void)job;
    (void)ctx;
    (void)persist;
    (void)stride;
    skip();
    return 0;
#else
    long every = full_mode() ? 1 : 8, checked = 0;
    for (long n = 1;; n += stride) {
        kg_diag d;
        kg_diag_init(&d, NULL);
        kg_alloc_fail_at(n, persist);
        int rc = job(ctx, &d);
        int failed = kg_alloc_failed();
        kg_alloc_fail_at(0, 0);
        if (!failed) {
            if (rc != 0)
                fail_msg("%s: fails without an injected failure: %s", name,
                         d.first);
            check_leaks(name, checked + 1, n, persist);
            return n - 1;
        }
        if (rc == 0)
            fail_msg("%s: allocation %ld failed%s, yet the job succeeded",
                     name, n, persist ? " (and all after it)" : "");
        if (!kg_diag_is_oom(&d))
            fail_msg("%s: allocation %ld failed%s: the error is not 'out of "
                     "memory': %s",
                     name, n, persist ? " (and all after it)" : "", d.first);
        if ((n / stride) % every == 0) {
            check_leaks(name, checked + 1, n, persist);
            checked = n;
        }
    }
#endif
}

/* stride: how many N to skip between failed allocations outside the full
 * mode (1: every one) for a job whose allocations repeat one pattern
 * many times over. */
static void both_loops(const char *name, job_fn job, void *ctx, long stride)
{
    if (full_mode())
        stride = 1;
    clock_t t0 = clock();
    long n = fault_loop(name, job, ctx, 0, stride);
    fault_loop(name, job, ctx, 1, full_mode() ? 1 : 5 * stride);
    print_message("%s: %ld allocations, %s failed in turn (%.1f s)\n", name,
                  n, stride == 1 ? "each" : "a sample",
                  (double)(clock() - t0) / CLOCKS_PER_SEC);
}

/* --- ontology ----------------------------------------------------------- */

static int job_ontology(void *ctx, kg_diag *d)
{
    kg_ontology *o = kg_ontology_load(ctx, d);
    if (!o)
        return -1;
    kg_ontology_free(o);
    return 0;
}

static void test_ontology_load(void **state)
{
    (void)state;
    both_loops("ontology", job_ontology, (void *)ONTOLOGY, 1);
}

/* --- models ------------------------------------------------------------- */

static int job_models(void *ctx, kg_diag *d)
{
    kg_nlp *m = kg_nlp_load(ctx, d);
    if (!m)
        return -1;
    kg_nlp_free(m);
    return 0;
}

static void test_models_load(void **state)
{
    (void)state;
    both_loops("models", job_models, (void *)"models/en-ewt", 1);
}

/* --- extraction and the writers ---------------------------------------- */

typedef struct extract_ctx {
    const kg_nlp *nlp;
    const kg_ontology *ont;
    kg_pipeline pipe;
    kg_buf text, text2;
} extract_ctx;

static int job_gazetteer(void *ctx, kg_diag *d)
{
    extract_ctx *x = ctx;
    kg_gazetteer *gz = kg_gazetteer_new(x->ont, d);
    if (!gz)
        return -1;
    kg_gazetteer_free(gz);
    return 0;
}

static int render(kg_graph *g, kg_diag *d)
{
    kg_buf out;
    kg_buf_init(&out);
    kg_rdf_options ro;
    kg_rdf_options_init(&ro);
    int rc = kg_rdf_write(g, &ro, &out, d);
    if (rc == 0) {
        ro.format = KG_RDF_TRIG;
        ro.provenance = KG_PROV_MODE_GRAPHS;
        rc = kg_rdf_write(g, &ro, &out, d);
    }
    if (rc == 0) {
        kg_dot_options dot;
        kg_dot_options_init(&dot);
        rc = kg_dot_write(g, &dot, &out, d);
    }
    kg_buf_release(&out);
    return rc;
}

static int job_extract(void *ctx, kg_diag *d)
{
    extract_ctx *x = ctx;
    kg_graph g;
    if (kg_graph_init(&g, x->pipe.ont, NULL, d) < 0)
        return -1;
    kg_article a;
    kg_article_init(&a);
    int rc = kg_article_parse(&a, ARTICLE, x->text.data, x->text.len, d);
    if (rc == 0 && kg_pipeline_extract_article(&x->pipe, &a, &g, d) < 0)
        rc = -1;
    if (rc == 0)
        rc = kg_article_parse(&a, UNICODE, x->text2.data, x->text2.len, d);
    if (rc == 0 && kg_pipeline_extract_article(&x->pipe, &a, &g, d) < 0)
        rc = -1;
    kg_article_release(&a);
    if (rc == 0)
        rc = kg_graph_finalize(&g, d);
    if (rc == 0)
        rc = render(&g, d);
    kg_graph_release(&g);
    return rc;
}

/* The ontology and the models are loaded once (their own loops are
 * above): the gazetteer, then two articles (a news story; names in NFD,
 * Hangul, emoji and zero-width spaces) through the whole pipeline and
 * the writers. */
static void test_extract(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, stderr);
    extract_ctx x;
    kg_buf_init(&x.text);
    kg_buf_init(&x.text2);
    assert_int_equal(kg_io_read_file(ARTICLE, &x.text, &d), 0);
    assert_int_equal(kg_io_read_file(UNICODE, &x.text2, &d), 0);
    kg_nlp *nlp = kg_nlp_load("models/en-ewt", &d);
    assert_non_null(nlp);
    x.nlp = nlp;
    assert_int_equal(kg_pipeline_init(&x.pipe, ONTOLOGY, nlp, &d), 0);
    x.ont = x.pipe.ont;
    both_loops("gazetteer", job_gazetteer, &x, 4); /* ~400 aliases alike */
    both_loops("extract", job_extract, &x, 1);
    kg_pipeline_release(&x.pipe);
    kg_nlp_free(nlp);
    kg_buf_release(&x.text);
    kg_buf_release(&x.text2);
}

/* --- diff --------------------------------------------------------------- */

typedef struct diff_ctx {
    const kg_ontology *ont;
    kg_buf ttl[2];
} diff_ctx;

static int job_diff(void *ctx, kg_diag *d)
{
    diff_ctx *x = ctx;
    kg_graph g[2];
    kg_ntset plain[2];
    int ng = 0, rc = 0;
    for (int i = 0; i < 2; i++)
        kg_ntset_init(&plain[i]);
    for (; ng < 2 && rc == 0; ng++) {
        if (kg_graph_init(&g[ng], x->ont, NULL, d) < 0) {
            rc = -1;
            break;
        }
        rc = kg_graphread(ng ? "new.ttl" : "old.ttl", x->ttl[ng].data,
                          x->ttl[ng].len, KG_RDF_TURTLE, &g[ng], &plain[ng],
                          d);
    }
    kg_diff df;
    if (rc == 0 && (rc = kg_diff_compute(&df, &g[0], &g[1], d)) == 0) {
        kg_buf out;
        kg_buf_init(&out);
        kg_diff_text_options to = {"old.ttl", "new.ttl", true, false};
        rc = kg_diff_write_text(&df, &to, &out, d);
        if (rc == 0)
            rc = kg_diff_write_stat(&df, &to, &out, d);
        if (rc == 0)
            rc = kg_diff_write_patch(&df, &plain[0], &plain[1], &out, d);
        if (rc == 0)
            rc = kg_diff_write_changeset(&df, KG_RDF_TURTLE, &out, d);
        if (rc == 0)
            rc = kg_diff_write_changeset(&df, KG_RDF_TRIG, &out, d);
        kg_buf_release(&out);
        kg_diff_release(&df);
    }
    for (int i = 0; i < ng; i++)
        kg_graph_release(&g[i]);
    for (int i = 0; i < 2; i++)
        kg_ntset_release(&plain[i]);
    return rc;
}

/* The two graphs are extracted here, from the two versions of the short
 * article, so they are what kgraph writes today. */
static void extract_ttl(const kg_pipeline *p, const char *path, kg_buf *out)
{
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_graph g;
    assert_int_equal(kg_graph_init(&g, p->ont, NULL, &d), 0);
    assert_true(kg_pipeline_extract(p, path, &g, &d) >= 0);
    assert_int_equal(kg_graph_finalize(&g, &d), 0);
    kg_rdf_options ro;
    kg_rdf_options_init(&ro);
    assert_int_equal(kg_rdf_write(&g, &ro, out, &d), 0);
    kg_graph_release(&g);
}

static void test_diff(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_nlp *nlp = kg_nlp_load("models/en-ewt", &d);
    assert_non_null(nlp);
    kg_pipeline p;
    assert_int_equal(kg_pipeline_init(&p, ONTOLOGY, nlp, &d), 0);
    diff_ctx x;
    x.ont = p.ont;
    kg_buf_init(&x.ttl[0]);
    kg_buf_init(&x.ttl[1]);
    extract_ttl(&p, ARTICLE, &x.ttl[0]);
    extract_ttl(&p, ARTICLE2, &x.ttl[1]);
    both_loops("diff", job_diff, &x, 1);
    kg_buf_release(&x.ttl[0]);
    kg_buf_release(&x.ttl[1]);
    kg_pipeline_release(&p);
    kg_nlp_free(nlp);
}

int main(int argc, char **argv)
{
    (void)argc;
    /* The Makefile's fast_unwind_on_malloc=0 unwinds every malloc the slow
     * way (Graphviz's leaks need full stacks to match their suppressions;
     * these jobs never lay out a picture).  Thousands of runs need the
     * fast unwinder: re-run with it once. */
    if (!getenv("KG_TEST_FAULTS_FAST")) {
        const char *o = getenv("ASAN_OPTIONS");
        char opts[2048];
        snprintf(opts, sizeof opts, "%s%sfast_unwind_on_malloc=1:quarantine_size_mb=16",
                 o ? o : "", o && *o ? ":" : "");
        setenv("ASAN_OPTIONS", opts, 1);
        setenv("KG_TEST_FAULTS_FAST", "1", 1);
        execv("/proc/self/exe", argv);
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ontology_load),
        cmocka_unit_test(test_models_load),
        cmocka_unit_test(test_extract),
        cmocka_unit_test(test_diff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
