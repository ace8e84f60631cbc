/* test_corpus.c - kgraph build's inputs: JSON Lines records, directory
 * walks, tasks, and the worker pool's ordering, window and stopping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "corpus/corpus.h"
#include "corpus/jsonl.h"

/* --- JSON Lines ------------------------------------------------------------- */

static void a_record_is_read(void **state)
{
    (void)state;
    const char *line =
        "{\"id\": 17, \"title\": \"Caf\\u00e9 \\\"news\\\"\", "
        "\"text\": \"Line one\\nLine two \\ud83d\\ude00 \xC3\xA9\\/\", "
        "\"url\": null, \"version\": 2.5, \"extra\": {\"a\": [1, {\"b\": "
        "true}], \"c\": false}, \"published\": \"2019-07-10\"}\r";
    kg_arena ar;
    kg_arena_init(&ar);
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_jsonl_record r;
    assert_int_equal(kg_jsonl_parse(line, strlen(line), &ar, &r, "in", 1, &d), 1);
    assert_string_equal(r.id, "17");
    assert_string_equal(r.title, "Caf\xC3\xA9 \"news\"");
    assert_string_equal(r.text, "Line one\nLine two \xF0\x9F\x98\x80 \xC3\xA9/");
    assert_int_equal(r.text_len, strlen(r.text));
    assert_null(r.url);
    assert_string_equal(r.version, "2.5");
    assert_string_equal(r.published, "2019-07-10");
    assert_null(r.modified);
    assert_int_equal(d.nerrors, 0);
    /* blank lines are no records */
    assert_int_equal(kg_jsonl_parse("  \t", 3, &ar, &r, "in", 2, &d), 0);
    kg_arena_release(&ar);
}

static void bad_records_name_line_and_column(void **state)
{
    (void)state;
    static const struct {
        const char *line, *msg;
    } cases[] = {
        {"{\"text\": \"abc", "in:7:10: error: unterminated string"},
        {"{\"text\": 12}", "in:7:10: error: \"text\" must be a string"},
        {"{\"id\": true, \"text\": \"a\"}",
         "in:7:8: error: \"id\" must be a string or a number"},
        {"{\"id\": \"x\"}", "in:7:1: error: the record has no \"text\""},
        {"{\"text\": \"a\"} x", "in:7:15: error: text after the record"},
        {"{\"text\": \"a\\u0000b\"}",
         "in:7:12: error: '\\u0000' (NUL) is not allowed in a string"},
        {"{\"text\": \"\\ud800x\"}",
         "in:7:11: error: unpaired surrogate in '\\u' escape"},
        {"{\"text\": \"\\q\"}", "in:7:11: error: invalid escape '\\q' in a string"},
        {"{\"text\": \"\xC3\xA9\xFF\"}", "in:7:12: error: invalid UTF-8 byte 0xff"},
        {"{\"text\": \"a\", \"text\": \"b\"}",
         "in:7:15: error: duplicate key \"text\""},
        {"[1]", "in:7:1: error: expected a JSON object ('{')"},
        {"{\"text\": \"a\" \"id\": 1}", "in:7:14: error: expected ',' or '}'"},
        {"{\"text\": \"tab\there\"}", "in:7:14: error: control character in a string"},
        {"{\"x\": [1 2], \"text\": \"a\"}", "in:7:10: error: expected ',' or ']'"},
        {"{\"x\": 01, \"text\": \"a\"}", "in:7:8: error: expected ',' or '}'"},
        {"{\"x\": tru, \"text\": \"a\"}", "in:7:7: error: expected a value"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kg_arena ar;
        kg_arena_init(&ar);
        kg_diag d;
        kg_diag_init(&d, NULL);
        kg_jsonl_record r;
        int rc = kg_jsonl_parse(cases[i].line, strlen(cases[i].line), &ar, &r,
                                "in", 7, &d);
        if (rc != -1 || strcmp(d.first, cases[i].msg) != 0)
            fprintf(stderr, "case %zu: [%s] gave %d [%s]\n", i, cases[i].line,
                    rc, d.first);
        assert_int_equal(rc, -1);
        assert_string_equal(d.first, cases[i].msg);
        kg_arena_release(&ar);
    }
    /* nesting is bounded, not recursive without end */
    char deep[400];
    size_t n = 0;
    n += (size_t)snprintf(deep, sizeof deep, "{\"x\": ");
    for (int i = 0; i < 100; i++)
        deep[n++] = '[';
    deep[n] = '\0';
    kg_arena ar;
    kg_arena_init(&ar);
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_jsonl_record r;
    assert_int_equal(kg_jsonl_parse(deep, n, &ar, &r, "in", 1, &d), -1);
    assert_non_null(strstr(d.first, "nested too deeply"));
    kg_arena_release(&ar);
}

static void a_record_becomes_an_article(void **state)
{
    (void)state;
    kg_jsonl_record r = {0};
    r.id = "au-trade";
    r.title = "Benin joins\nbloc";
    r.text = "Benin joined the bloc on Sunday.\n\nNigeria joined too.";
    r.text_len = strlen(r.text);
    r.url = "https://example.org/a";
    r.version = "2";
    kg_article a;
    kg_article_init(&a);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_jsonl_article(&r, &a, "stdin:3", &d), 0);
    assert_string_equal(a.meta.id, "au-trade");
    assert_string_equal(a.meta.url, "https://example.org/a");
    assert_string_equal(a.meta.version, "2");
    /* the headline is the first line of "TITLE\n\nTEXT" */
    assert_memory_equal(a.text, "Benin joins bloc\n\nBenin joined", 30);
    assert_int_equal(a.title.start, 0);
    assert_int_equal(a.title.end, 16);
    assert_int_equal(a.nparagraphs, 2);
    kg_article_release(&a);

    /* without an id: named after the text, the same every time */
    r.id = NULL;
    r.title = NULL;
    assert_int_equal(kg_jsonl_article(&r, &a, "stdin:4", &d), 0);
    char id1[64];
    snprintf(id1, sizeof id1, "%s", a.meta.id);
    assert_int_equal(strncmp(id1, "text-", 5), 0);
    assert_int_equal(strlen(id1), 21);
    kg_article_release(&a);
    assert_int_equal(kg_jsonl_article(&r, &a, "stdin:9", &d), 0);
    assert_string_equal(a.meta.id, id1);
    kg_article_release(&a);

    /* an empty text is a bad article like an empty file */
    r.text = "";
    r.text_len = 0;
    assert_int_equal(kg_jsonl_article(&r, &a, "stdin:5", &d), -1);
    assert_int_equal(d.nerrors, 1);
    kg_article_release(&a);
}

/* --- inputs ------------------------------------------------------------------- */

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void directories_are_walked_in_path_order(void **state)
{
    (void)state;
    char dir[] = "/tmp/kg-corpus-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p[512];
#define P(rel) (snprintf(p, sizeof p, "%s/%s", dir, rel), p)
    assert_int_equal(mkdir(P("b"), 0777), 0);
    assert_int_equal(mkdir(P("b/sub"), 0777), 0);
    assert_int_equal(mkdir(P("empty"), 0777), 0);
    put(P("b.txt"), "B\n\nb.\n");
    put(P("b/z.md"), "Z\n\nz.\n");
    put(P("b/sub/y.txt"), "Y\n\ny.\n");
    put(P("a.txt"), "A\n\na.\n");
    put(P(".hidden.txt"), "H\n\nh.\n");
    put(P("notes.html"), "<p>no</p>\n");
    char target[512];
    snprintf(target, sizeof target, "%s/b", dir);
    assert_int_equal(symlink(target, P("link")), 0);
    put(P("recs.jsonl"), "{\"id\":\"r1\",\"text\":\"One.\"}\n\n{\"id\":\"r2\",\"text\":\"Two.\"}\n");

    kg_corpus c;
    kg_corpus_init(&c);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_corpus_add(&c, dir, &d), 0);
    assert_int_equal(kg_corpus_add(&c, P("recs.jsonl"), &d), 0);
    /* an empty directory is only a warning */
    assert_int_equal(kg_corpus_add(&c, P("empty"), &d), 0);
    assert_int_equal(d.nwarnings, 1);
    assert_int_equal(kg_corpus_add(&c, P("missing.txt"), &d), -1);
    assert_non_null(strstr(d.first, "missing.txt: error: cannot open"));
    assert_int_equal(c.narticles, 4);

    const char *want[] = {"a.txt", "b.txt", "b/sub/y.txt", "b/z.md",
                          "recs.jsonl:1", "recs.jsonl:3"};
    kg_corpus_task t;
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(kg_corpus_next(&c, &t), 1);
        assert_int_equal(t.index, i);
        const char *rel = strstr(t.name, dir) ? t.name + strlen(dir) + 1 : t.name;
        assert_string_equal(rel, want[i]);
        assert_int_equal(t.record, i >= 4);
        if (t.record) {
            kg_article a;
            kg_article_init(&a);
            assert_int_equal(kg_corpus_read(&t, &a, &d), 0);
            assert_string_equal(a.meta.id, i == 4 ? "r1" : "r2");
            kg_article_release(&a);
        }
        kg_corpus_task_release(&t);
    }
    assert_int_equal(kg_corpus_next(&c, &t), 0);
    kg_corpus_release(&c);

    /* "-" only once */
    kg_corpus_init(&c);
    assert_int_equal(kg_corpus_add(&c, "-", &d), 0);
    assert_int_equal(kg_corpus_add(&c, "-", &d), -1);
    kg_corpus_release(&c);

    const char *rm[] = {"b/sub/y.txt", "b/z.md", "b.txt", "a.txt",
                        ".hidden.txt", "notes.html", "link", "recs.jsonl",
                        "b/sub", "b", "empty"};
    for (size_t i = 0; i < sizeof rm / sizeof rm[0]; i++)
        remove(P(rm[i]));
    rmdir(dir);
#undef P
}

/* --- the pool --------------------------------------------------------------------- */

#define NTASKS 60

typedef struct order_ctx {
    size_t seen[NTASKS];
    size_t nseen;
    int stop_at;          /* done() returns -1 at this index, or -1 */
    int interrupt_at;     /* done() sets the flag at this index, or -1 */
    volatile sig_atomic_t flag;
    pthread_mutex_t mu;
    int live;             /* results allocated and not yet freed */
    int ticks;
} order_ctx;

static void *order_work(void *ctx, const kg_corpus_task *t, int worker)
{
    order_ctx *o = ctx;
    /* no cmocka assertion here: cmocka is not thread-safe */
    if (worker < 0 || worker >= 8)
        abort();
    /* uneven work, so that workers finish out of order */
    struct timespec ts = {0, (long)((t->index * 7919) % 13) * 200000L};
    nanosleep(&ts, NULL);
    size_t *r = malloc(sizeof *r);
    if (!r)
        abort();
    *r = t->index;
    pthread_mutex_lock(&o->mu);
    o->live++;
    pthread_mutex_unlock(&o->mu);
    return r;
}

static void order_discard(void *ctx, void *result)
{
    order_ctx *o = ctx;
    pthread_mutex_lock(&o->mu);
    o->live--;
    pthread_mutex_unlock(&o->mu);
    free(result);
}

static int order_done(void *ctx, const kg_corpus_task *t, void *result)
{
    order_ctx *o = ctx;
    size_t *r = result;
    assert_int_equal(*r, t->index);
    o->seen[o->nseen++] = t->index;
    order_discard(ctx, result);
    if ((int)t->index == o->interrupt_at)
        o->flag = 1;
    return (int)t->index == o->stop_at ? -1 : 0;
}

static void order_tick(void *ctx)
{
    ((order_ctx *)ctx)->ticks++;
}

static void make_jsonl(char *path, size_t n)
{
    int fd = mkstemps(path, 6);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    for (size_t i = 0; i < n; i++)
        fprintf(f, "{\"id\": \"a%zu\", \"text\": \"Article %zu.\"}\n", i, i);
    fclose(f);
}

/* The worker that read the last task is slow to hand it in: another
 * finds the end of the input first. */
static void slow_last(void *ctx, const kg_corpus_task *t)
{
    (void)ctx;
    if (t->index == NTASKS - 1) {
        struct timespec ts = {0, 50 * 1000 * 1000L};
        nanosleep(&ts, NULL);
    }
}

static void (*after_read_hook)(void *, const kg_corpus_task *);

static int run_order(order_ctx *o, int threads, size_t window)
{
    char path[] = "/tmp/kg-pool-XXXXXX.jsonl";
    make_jsonl(path, NTASKS);
    kg_corpus c;
    kg_corpus_init(&c);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_corpus_add(&c, path, &d), 0);
    kg_corpus_pool pool = {threads, window, order_discard, order_tick,
                           &o->flag, after_read_hook};
    int rc = kg_corpus_run(&c, &pool, order_work, order_done, o, &d);
    kg_corpus_release(&c);
    remove(path);
    return rc;
}

static void results_come_in_input_order(void **state)
{
    (void)state;
    static const struct {
        int threads;
        size_t window;
    } runs[] = {{1, 0}, {4, 0}, {4, 4}, {3, 1}, {8, 2}};
    for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
        order_ctx o;
        memset(&o, 0, sizeof o);
        pthread_mutex_init(&o.mu, NULL);
        o.stop_at = o.interrupt_at = -1;
        assert_int_equal(run_order(&o, runs[k].threads, runs[k].window), 0);
        assert_int_equal(o.nseen, NTASKS);
        for (size_t i = 0; i < NTASKS; i++)
            assert_int_equal(o.seen[i], i);
        assert_int_equal(o.live, 0);
        pthread_mutex_destroy(&o.mu);
    }
}

/* Regression: the run ended when the input had ended and every task
 * handed in was done, and lost the last article when the worker that
 * read it handed it in after another worker had found the end. */
static void the_last_task_is_never_lost(void **state)
{
    (void)state;
    after_read_hook = slow_last;
    for (int threads = 2; threads <= 4; threads += 2) {
        order_ctx o;
        memset(&o, 0, sizeof o);
        pthread_mutex_init(&o.mu, NULL);
        o.stop_at = o.interrupt_at = -1;
        assert_int_equal(run_order(&o, threads, 0), 0);
        assert_int_equal(o.nseen, NTASKS);
        assert_int_equal(o.live, 0);
        pthread_mutex_destroy(&o.mu);
    }
    after_read_hook = NULL;
}

static void done_can_stop_the_run(void **state)
{
    (void)state;
    for (int threads = 1; threads <= 4; threads += 3) {
        order_ctx o;
        memset(&o, 0, sizeof o);
        pthread_mutex_init(&o.mu, NULL);
        o.stop_at = 5;
        o.interrupt_at = -1;
        assert_int_equal(run_order(&o, threads, 0), 1);
        assert_int_equal(o.nseen, 6);
        /* results taken ahead of the stop were discarded, not leaked */
        assert_int_equal(o.live, 0);
        pthread_mutex_destroy(&o.mu);
    }
}

static void an_interrupt_stops_the_run(void **state)
{
    (void)state;
    for (int threads = 1; threads <= 4; threads += 3) {
        order_ctx o;
        memset(&o, 0, sizeof o);
        pthread_mutex_init(&o.mu, NULL);
        o.stop_at = -1;
        o.interrupt_at = 3;
        assert_int_equal(run_order(&o, threads, 0), 2);
        assert_int_equal(o.nseen, 4);
        assert_int_equal(o.live, 0);
        pthread_mutex_destroy(&o.mu);
    }
}

static void unreadable_stream_is_one_bad_task(void **state)
{
    (void)state;
    kg_corpus c;
    kg_corpus_init(&c);
    kg_diag d;
    kg_diag_init(&d, NULL);
    /* a directory named *.jsonl is walked, not read as records; a file
     * that vanishes after being listed cannot be opened */
    char path[] = "/tmp/kg-gone-XXXXXX.jsonl";
    make_jsonl(path, 1);
    assert_int_equal(kg_corpus_add(&c, path, &d), 0);
    remove(path);
    kg_corpus_task t;
    assert_int_equal(kg_corpus_next(&c, &t), 1);
    assert_non_null(t.error);
    assert_non_null(strstr(t.error, ": error: cannot open"));
    kg_article a;
    kg_article_init(&a);
    assert_int_equal(kg_corpus_read(&t, &a, &d), -1);
    assert_non_null(strstr(d.first, "cannot open"));
    kg_article_release(&a);
    kg_corpus_task_release(&t);
    assert_int_equal(kg_corpus_next(&c, &t), 0);
    kg_corpus_release(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_record_is_read),
        cmocka_unit_test(bad_records_name_line_and_column),
        cmocka_unit_test(a_record_becomes_an_article),
        cmocka_unit_test(directories_are_walked_in_path_order),
        cmocka_unit_test(results_come_in_input_order),
        cmocka_unit_test(the_last_task_is_never_lost),
        cmocka_unit_test(done_can_stop_the_run),
        cmocka_unit_test(an_interrupt_stops_the_run),
        cmocka_unit_test(unreadable_stream_is_one_bad_task),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
