/* test_ontology_limits.c - the ontology loader's bounds on recursion: an
 * is_a hierarchy deeper than 1000 levels and imports nested deeper than 64
 * are errors (they overflowed the stack before; clang-tidy's
 * misc-no-recursion found them), and the limits themselves still load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ontology/ontology.h"

static char tmpdir[64];

static const char header[] = "prefixes: {ex: \"https://example.org/x/\"}\n"
                             "default_prefix: ex\n";

static const char *tpath(const char *rel)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
    return path;
}

/* A chain of n classes, C0 the deepest: "C<i>: {is_a: C<i+1>}", or with
 * `mixins: [...]` instead of is_a.  Listed deepest first when down, so the
 * loader's search meets the chain at its bottom. */
static void write_chain(const char *rel, int n, bool mixins, bool down)
{
    FILE *f = fopen(tpath(rel), "w");
    assert_non_null(f);
    fputs(header, f);
    fputs("classes:\n", f);
    for (int k = 0; k < n; k++) {
        int i = down ? k : n - 1 - k;
        if (i == n - 1)
            fprintf(f, "  C%d: {}\n", i);
        else if (mixins)
            fprintf(f, "  C%d: {mixins: [C%d]}\n", i, i + 1);
        else
            fprintf(f, "  C%d: {is_a: C%d}\n", i, i + 1);
    }
    fclose(f);
}

static void test_deep_hierarchy(void **state)
{
    (void)state;
    for (int mixins = 0; mixins < 2; mixins++)
        for (int down = 0; down < 2; down++) {
            kg_diag d;
            /* 1000 levels: fine, and is_a walks all of them */
            write_chain("chain.yaml", 1000, mixins, down);
            kg_diag_init(&d, NULL);
            kg_ontology *o = kg_ontology_load(tpath("chain.yaml"), &d);
            assert_non_null(o);
            int c0 = kg_ontology_class(o, "C0");
            int top = kg_ontology_class(o, "C999");
            assert_true(c0 >= 0 && top >= 0);
            assert_true(kg_ontology_is_a(o, c0, top));
            assert_false(kg_ontology_is_a(o, top, c0));
            kg_ontology_free(o);

            /* 1001: an error, whichever end the search starts from */
            write_chain("chain.yaml", 1001, mixins, down);
            kg_diag_init(&d, NULL);
            assert_null(kg_ontology_load(tpath("chain.yaml"), &d));
            assert_int_equal(d.nerrors, 1);
            assert_non_null(
                strstr(d.first, "has more than 1000 levels of ancestors"));
        }
}

/* f<i>.yaml imports f<i+1>.yaml, ..., f<n-1>.yaml */
static void write_imports(int n)
{
    for (int i = 0; i < n; i++) {
        char rel[32];
        snprintf(rel, sizeof rel, "f%d.yaml", i);
        FILE *f = fopen(tpath(rel), "w");
        assert_non_null(f);
        fputs(header, f);
        if (i + 1 < n)
            fprintf(f, "imports: [f%d.yaml]\n", i + 1);
        fprintf(f, "classes: {C%d: {}}\n", i);
        fclose(f);
    }
}

static void test_deep_imports(void **state)
{
    (void)state;
    kg_diag d;
    write_imports(65); /* the main file and 64 levels of imports */
    kg_diag_init(&d, NULL);
    kg_ontology *o = kg_ontology_load(tpath("f0.yaml"), &d);
    assert_non_null(o);
    assert_int_equal(o->nclasses, 65);
    kg_ontology_free(o);

    write_imports(66);
    kg_diag_init(&d, NULL);
    assert_null(kg_ontology_load(tpath("f0.yaml"), &d));
    char want[300];
    snprintf(want, sizeof want,
             "%s:3:11: error: imports nested more than 64 deep",
             tpath("f64.yaml"));
    assert_string_equal(d.first, want);
}

/* A ladder where each class names its two nearest parents in is_a and in
 * mixins: the number of paths to the top doubles with every rung (the
 * walk kg_ontology_is_a used to do never finished on 60 rungs); ancestor
 * sets keep it to one lookup. */
static void test_many_paths(void **state)
{
    (void)state;
    FILE *f = fopen(tpath("ladder.yaml"), "w");
    assert_non_null(f);
    fputs(header, f);
    fputs("classes:\n  Other: {}\n  L59: {}\n  L58: {is_a: L59}\n", f);
    for (int i = 57; i >= 0; i--)
        fprintf(f, "  L%d: {is_a: L%d, mixins: [L%d, L%d]}\n", i, i + 1,
                i + 1, i + 2);
    fclose(f);
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_ontology *o = kg_ontology_load(tpath("ladder.yaml"), &d);
    assert_non_null(o);
    int l0 = kg_ontology_class(o, "L0"), top = kg_ontology_class(o, "L59");
    int other = kg_ontology_class(o, "Other");
    assert_true(kg_ontology_is_a(o, l0, top));
    assert_false(kg_ontology_is_a(o, l0, other));
    assert_false(kg_ontology_is_a(o, top, l0));
    assert_int_equal(o->classes[l0].nancestors, 59);
    kg_ontology_free(o);
}

static int setup(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/kg-test-limits-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deep_hierarchy),
        cmocka_unit_test(test_deep_imports),
        cmocka_unit_test(test_many_paths),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
