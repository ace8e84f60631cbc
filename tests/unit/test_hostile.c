/* test_hostile.c - the library side of tests/hostile: signals during a
 * staged write, Unicode forms of one name, the evidence of a sentence
 * without end, and the diagnostics that carry "out of memory" through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "article/article.h"
#include "article/token.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/io.h"
#include "graph/graph.h"

/* --- signals and staged outputs ------------------------------------------ */

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static void slurp(const char *path, char *out, size_t cap)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(out, 1, cap - 1, f);
    out[n] = '\0';
    fclose(f);
}

/* The child pid died of sig and left dir holding only a, which reads
 * want; then the directory is removed. */
static void killed_leaving(pid_t pid, int sig, const char *dir, const char *a,
                           const char *want)
{
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFSIGNALED(status))
        fail_msg("the child exited with %d instead of dying of signal %d",
                 WEXITSTATUS(status), sig);
    assert_int_equal(WTERMSIG(status), sig);
    assert_int_equal(count_entries(dir), 1);
    char got[16];
    slurp(a, got, sizeof got);
    assert_string_equal(got, want);
    unlink(a);
    rmdir(dir);
}

/* A child stages two outputs (one over an existing file) and is killed by
 * sig before committing: it must die of sig, and leave the directory as
 * it was: no temp file, the old output untouched. */
static void staged_then_killed(int sig)
{
    char dir[] = "/tmp/kgtest-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char a[300], b[300];
    snprintf(a, sizeof a, "%s/a.ttl", dir);
    snprintf(b, sizeof b, "%s/b.ttl", dir);
    FILE *f = fopen(a, "w");
    assert_non_null(f);
    fputs("old\n", f);
    fclose(f);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        kg_io_catch_signals();
        kg_diag d;
        kg_diag_init(&d, NULL);
        kg_io_staged st[2];
        if (kg_io_stage(&st[0], a, "new\n", 4, &d) < 0 ||
            kg_io_stage(&st[1], b, "new\n", 4, &d) < 0)
            _exit(3);
        /* both temp files exist now, beside their targets */
        if (count_entries(dir) != 3)
            _exit(4);
        raise(sig);
        _exit(5); /* not reached: the signal kills */
    }
    killed_leaving(pid, sig, dir, a, "old\n");
}

static void signals_remove_staged_temp_files(void **state)
{
    (void)state;
    staged_then_killed(SIGINT);
    staged_then_killed(SIGTERM);
    staged_then_killed(SIGHUP);
}

/* Committed and discarded outputs leave the registry: a signal after them
 * removes nothing that is not a temp file (the committed output stays),
 * and a signal ignored at start (nohup) stays ignored. */
static void signals_after_commit_and_ignored(void **state)
{
    (void)state;
    char dir[] = "/tmp/kgtest-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char a[300], b[300];
    snprintf(a, sizeof a, "%s/a.ttl", dir);
    snprintf(b, sizeof b, "%s/b.ttl", dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGHUP, SIG_IGN);
        kg_io_catch_signals();
        kg_diag d;
        kg_diag_init(&d, NULL);
        kg_io_staged st[2];
        if (kg_io_stage(&st[0], a, "new\n", 4, &d) < 0 ||
            kg_io_stage(&st[1], b, "new\n", 4, &d) < 0)
            _exit(3);
        kg_io_discard(&st[1]);
        if (kg_io_commit_all(st, 1, &d) < 0)
            _exit(4);
        raise(SIGHUP); /* ignored */
        raise(SIGTERM);
        _exit(5);
    }
    killed_leaving(pid, SIGTERM, dir, a, "new\n");
}

/* A failed write leaves neither a temp file nor a changed target. */
static void staged_write_failures(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_io_staged st;
    assert_int_equal(kg_io_stage(&st, "/dev/full", "x", 1, &d), 0);
    assert_int_equal(kg_io_commit_all(&st, 1, &d), -1);
    assert_string_equal(d.first,
                        "/dev/full: error: cannot write file: No space left on "
                        "device");
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_io_stage(&st, "/nonexistent-kg/dir/x.ttl", "x", 1, &d),
                     -1);
    assert_string_equal(d.first, "/nonexistent-kg/dir/x.ttl: error: cannot "
                                 "create file: No such file or directory");
}

/* --- Unicode ----------------------------------------------------------- */

static void tokens_get_their_nfc_form(void **state)
{
    (void)state;
    /* "José" decomposed (e + U+0301), Hangul as conjoining jamo */
    const char *text = "Title\n\nJose\xcc\x81 met \xe1\x84\x86\xe1\x85\xae"
                       "\xe1\x86\xab in Seoul.\n";
    kg_article a;
    kg_article_init(&a);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_article_parse(&a, "t.txt", text, strlen(text), &d), 0);
    assert_int_equal(kg_tokenize(&a, &d), 0);
    uint32_t len, k = a.sentences[1].first;
    const char *f = kg_token_form(&a, &a.tokens[k], &len);
    assert_int_equal(len, 5);
    assert_memory_equal(f, "Jos\xc3\xa9", 5);
    f = kg_token_form(&a, &a.tokens[k + 2], &len);
    assert_int_equal(len, 3);
    assert_memory_equal(f, "\xeb\xac\xb8", 3); /* U+BB38 */
    /* the bytes and the offsets stay those of the text */
    assert_int_equal(a.tokens[k].end - a.tokens[k].start, 6);
    assert_int_equal(a.tokens[k].cend - a.tokens[k].cstart, 5);
    f = kg_token_form(&a, &a.tokens[k + 1], &len);
    assert_null(a.tokens[k + 1].norm); /* ASCII: no copy */
    kg_article_release(&a);
}

static void graph_labels_are_nfc(void **state)
{
    (void)state;
    kg_graph g;
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_graph_init(&g, NULL, NULL, &d), 0);
    const char *nfc = "Jos\xc3\xa9 Mart\xc3\xad";
    const char *nfd = "Jose\xcc\x81 Marti\xcc\x81";
    int a = kg_graph_name_node(&g, nfd, strlen(nfd), -1, &d);
    int b = kg_graph_name_node(&g, nfc, strlen(nfc), -1, &d);
    assert_true(a >= 0);
    assert_int_equal(a, b);
    assert_string_equal(g.nodes[a].label, nfc);
    assert_int_equal(g.nodes[a].nalt, 0);
    assert_int_equal(kg_graph_add_alt(&g, a, nfd, strlen(nfd), &d), 0);
    assert_int_equal(g.nodes[a].nalt, 0);
    assert_int_equal(d.nerrors, 0);
    kg_graph_release(&g);
}

/* Labels taken from an article's text: a zero-width space, control
 * characters and a no-break space separate words there, so they are
 * spaces in a label; none at the ends; cut at a whole character. */
static void text_labels_without_invisible_spaces(void **state)
{
    (void)state;
    const char *odd = "\xe2\x80\x8bMoon\xe2\x80\x8bJae-in\x07 Kim\xc2\xa0"
                      "Jong\x1b  Un\x0b";
    char out[64];
    assert_int_equal(kg_graph_text_label(odd, strlen(odd), out, sizeof out),
                     23);
    assert_string_equal(out, "Moon Jae-in Kim Jong Un");
    assert_int_equal(kg_graph_text_label("\x07\xe2\x80\x8b", 4, out, sizeof out),
                     0);
    assert_string_equal(out, "");
    /* "Zürich" into 3 bytes: "Z" and not half of the "ü" */
    assert_int_equal(kg_graph_text_label("Z\xc3\xbcrich", 7, out, 3), 1);
    assert_string_equal(out, "Z");
}

/* --- a sentence without end ---------------------------------------------- */

static void long_sentence_evidence_is_a_window(void **state)
{
    (void)state;
    kg_buf text;
    kg_buf_init(&text);
    assert_int_equal(kg_buf_puts(&text, "Title\n\n"), 0);
    for (int i = 0; i < 3000; i++)
        assert_int_equal(kg_buf_printf(&text, "w%d ", i), 0);
    assert_int_equal(kg_buf_puts(&text, "end.\n"), 0);
    kg_article a;
    kg_article_init(&a);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_article_parse(&a, "t.txt", text.data, text.len, &d), 0);
    assert_int_equal(kg_tokenize(&a, &d), 0);
    assert_int_equal(a.nsentences, 2);
    const kg_sentence *s = &a.sentences[1];
    assert_true(s->end - s->start > KG_EVIDENCE_MAX);
    uint32_t focus = s->first + 1500;
    kg_prov p = {0};
    size_t n = kg_graph_evidence(&a, 1, focus, &p);
    assert_true(n <= KG_EVIDENCE_MAX && n > KG_EVIDENCE_MAX - 10);
    /* whole tokens around the focus, offsets matching the text */
    const kg_token *t = &a.tokens[focus];
    assert_true(p.text <= a.text + t->start);
    assert_true(p.text + n >= a.text + t->end);
    assert_true(p.text[-1] == ' ' && (p.text[n] == ' ' || p.text[n] == '.'));
    assert_int_equal(p.cend - p.cstart, n); /* ASCII */
    /* the focus near an end: the window is cut there, still full */
    n = kg_graph_evidence(&a, 1, s->first, &p);
    assert_ptr_equal(p.text, a.text + s->start);
    assert_true(n <= KG_EVIDENCE_MAX && n > KG_EVIDENCE_MAX - 10);
    /* a short sentence is its own evidence */
    n = kg_graph_evidence(&a, 0, 0, &p);
    assert_int_equal(n, 5);
    assert_int_equal(p.cstart, a.sentences[0].cstart);
    kg_article_release(&a);
    kg_buf_release(&text);
}

/* --- diagnostics --------------------------------------------------------- */

static void diag_knows_out_of_memory(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_false(kg_diag_is_oom(&d));
    kg_diag_oom(&d, "testing");
    assert_true(kg_diag_is_oom(&d));
    kg_diag_init(&d, NULL);
    kg_diag_error(&d, "f.txt", 1, 1, "out of memory while pretending");
    assert_false(kg_diag_is_oom(&d)); /* only kg_diag_oom's own */
    kg_diag_oom(&d, "testing");
    assert_false(kg_diag_is_oom(&d)); /* the first error counts */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(signals_remove_staged_temp_files),
        cmocka_unit_test(signals_after_commit_and_ignored),
        cmocka_unit_test(staged_write_failures),
        cmocka_unit_test(tokens_get_their_nfc_form),
        cmocka_unit_test(graph_labels_are_nfc),
        cmocka_unit_test(text_labels_without_invisible_spaces),
        cmocka_unit_test(long_sentence_evidence_is_a_window),
        cmocka_unit_test(diag_knows_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
