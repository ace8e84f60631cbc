/*
 * test_diff_apply.c - the RDF Patch checker of tests/diff/run.sh.
 *
 *   test_diff_apply [--with-provenance] OLD PATCH NEW
 *                                   exit 0 when OLD + PATCH = NEW (graphs
 *                                   read without provenance unless asked),
 *                                   else 1
 *   test_diff_apply                 the checker's own tests (cmocka)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "support/rdfpatch.h"

static char dir[] = "/tmp/kg-patch-XXXXXX";

static const char *file(const char *name, const char *text)
{
    static char path[16][256];
    static int k;
    char *p = path[k++ % 16];
    snprintf(p, 256, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

#define S "<http://e/s> "
static const char *const OLD_TTL =
    "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
    S "<http://e/p> <http://e/a> .\n"
    S "<http://e/p> \"x\" .\n"
    "<http://e/st1> a rdf:Statement ; rdf:subject <http://e/s> ; "
    "<http://e/offset> 3 .\n";

static void applies(void **state)
{
    (void)state;
    char err[512];
    const char *o = file("old.ttl", OLD_TTL);
    const char *p = file("p.rdfp", "H id <http://e/v2> .\nTX .\n"
                                   "D " S "<http://e/p> \"x\" .\n"
                                   "A " S "<http://e/p> <http://e/b> .\nTC .\n");
    /* the new graph's provenance differs and does not count */
    const char *n = file("new.nq", S "<http://e/p> <http://e/a> .\n"
                                   S "<http://e/p> <http://e/b> .\n"
                                   S "<http://e/p> <http://e/b> <http://e/g1> .\n");
    int rc = kg_test_patch_check(o, p, n, false, err, sizeof err);
    if (rc)
        fail_msg("%s", err);
}

static void detects_wrong_result(void **state)
{
    (void)state;
    char err[512];
    const char *o = file("old.ttl", OLD_TTL);
    const char *p = file("p.rdfp", "TX .\nD " S "<http://e/p> \"x\" .\nTC .\n");
    const char *n = file("new.nt", S "<http://e/p> <http://e/a> .\n"
                                   S "<http://e/p> <http://e/b> .\n");
    assert_int_equal(kg_test_patch_check(o, p, n, false, err, sizeof err), -1);
    assert_non_null(strstr(err, "missing"));
}

static void detects_bad_rows(void **state)
{
    (void)state;
    char err[512];
    const char *o = file("old.ttl", OLD_TTL);
    const char *n = file("new.ttl", OLD_TTL);
    const char *p = file("p.rdfp", "TX .\nD " S "<http://e/p> \"nope\" .\nTC .\n");
    assert_int_equal(kg_test_patch_check(o, p, n, false, err, sizeof err), -1);
    assert_non_null(strstr(err, "lacks"));
    p = file("p.rdfp", "TX .\nA " S "<http://e/p> <http://e/a> .\nTC .\n");
    assert_int_equal(kg_test_patch_check(o, p, n, false, err, sizeof err), -1);
    assert_non_null(strstr(err, "has"));
    p = file("p.rdfp", "A " S "<http://e/p> <http://e/c> .\n");
    assert_int_equal(kg_test_patch_check(o, p, n, false, err, sizeof err), -1);
    p = file("p.rdfp", "TX .\nTC .\n");
    if (kg_test_patch_check(o, p, n, false, err, sizeof err) != 0)
        fail_msg("%s", err);
}

static void keeps_provenance_when_asked(void **state)
{
    (void)state;
    char err[512];
    const char *o = file("old.ttl", OLD_TTL);
    const char *n = file("new.ttl", OLD_TTL);
    /* the statement description is part of the whole graph */
    const char *p = file("p.rdfp", "TX .\nD <http://e/st1> <http://e/offset> "
                                   "\"3\"^^<http://www.w3.org/2001/XMLSchema#integer> .\nTC .\n");
    assert_int_equal(kg_test_patch_check(o, p, n, false, err, sizeof err), -1);
    assert_int_equal(kg_test_patch_check(o, p, n, true, err, sizeof err), -1);
    assert_non_null(strstr(err, "missing"));
    p = file("p.rdfp", "TX .\nTC .\n");
    if (kg_test_patch_check(o, p, n, true, err, sizeof err))
        fail_msg("%s", err);
    n = file("new.nq", "<http://e/s> <http://e/p> <http://e/a> <http://e/g> .\n");
    assert_int_equal(kg_test_patch_check(o, p, n, true, err, sizeof err), -1);
}

int main(int argc, char **argv)
{
    bool keep = argc == 5 && !strcmp(argv[1], "--with-provenance");
    if (argc == 4 || keep) {
        char err[1024];
        if (kg_test_patch_check(argv[argc - 3], argv[argc - 2], argv[argc - 1],
                                keep, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        return 0;
    }
    if (argc != 1) {
        fprintf(stderr, "usage: %s [[--with-provenance] OLD PATCH NEW]\n",
                argv[0]);
        return 2;
    }
    if (!mkdtemp(dir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(applies),
        cmocka_unit_test(detects_wrong_result),
        cmocka_unit_test(detects_bad_rows),
        cmocka_unit_test(keeps_provenance_when_asked),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    static const char *const names[] = {"old.ttl", "new.nq", "new.nt",
                                        "new.ttl", "p.rdfp"};
    char path[256];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    return rc;
}
