/*
 * fuzz_ontology.c - the YAML ontology loader on arbitrary bytes, and what
 * is built from a loaded ontology.
 *
 * The input is the main file's text (kg_ontology_parse), named as if it
 * sat in tests/ontology/, so the goldens' imports (inc/base.yaml, ...)
 * resolve.  A failed load must say why, as "file:line:col: error: ...".
 * A loaded ontology is then used the ways kgraph uses one:
 *   - every name resolves back to its index; is_a, styles and triggers
 *     are looked up; check-ontology -v's summary is printed;
 *   - the gazetteer is built, and a short article made of the
 *     ontology's own labels and trigger words ("<label> <verb>s <label>.")
 *     is extracted without NLP models (the trigger-window rules);
 *   - the ontology is written as Turtle (kg_rdf_write_schema) and that
 *     text must parse (kg_graphset_parse): whatever names and IRIs the
 *     ontology holds, the writer's output is valid RDF.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "extract/pipeline.h"
#include "fuzz.h"
#include "graph/graph.h"
#include "store/graphset.h"
#include "write/rdf.h"

static char name[4096];
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_path("tests/ontology/fuzz-input.yaml", name, sizeof name);
    devnull = fopen("/dev/null", "w");
    return devnull ? 0 : -1;
}

static void check_lookups(kg_ontology *o)
{
    for (size_t i = 0; i < o->nclasses; i++) {
        FUZZ_CHECK(kg_ontology_class(o, o->classes[i].name) == (int)i);
        FUZZ_CHECK(kg_ontology_is_a(o, (int)i, (int)i));
        (void)kg_ontology_class_style(o, (int)i, "fillcolor");
    }
    for (size_t i = 0; i < o->nrelations; i++) {
        const kg_relation *r = &o->relations[i];
        FUZZ_CHECK(kg_ontology_relation(o, r->name) == (int)i);
        for (size_t t = 0; t < r->ntriggers; t++) {
            const kg_trigger *tr = &r->triggers[t];
            const kg_trigger *out[8];
            size_t n = tr->kind == KG_TRIGGER_VERB
                           ? kg_ontology_verb_triggers(o, tr->lemma,
                                                       tr->particle, tr->prep,
                                                       out, 8)
                           : kg_ontology_noun_triggers(o, tr->lemma, out, 8);
            FUZZ_CHECK(n >= 1 && n <= 8);
        }
    }
    for (size_t i = 0; i < o->nentities; i++) {
        const kg_entity *e = &o->entities[i];
        FUZZ_CHECK(kg_ontology_entity(o, e->id) == (int)i);
        FUZZ_CHECK(e->cls >= 0 && (size_t)e->cls < o->nclasses);
        FUZZ_CHECK(kg_ontology_entity_by_name(o, e->label, strlen(e->label)) >= 0);
    }
    for (size_t i = 0; i < o->nprefixes; i++) {
        /* sized to the name: a fixed buffer cut a prefix of 300
         * characters before its colon, and the check failed on the
         * harness, not on the ontology */
        size_t len = strlen(o->prefixes[i].name) + 3;
        char *curie = malloc(len);
        if (!curie)
            continue;
        snprintf(curie, len, "%s:x", o->prefixes[i].name);
        FUZZ_CHECK(kg_ontology_expand(o, curie) != NULL);
        free(curie);
    }
    kg_ontology_summary(o, devnull);
}

/* "<label> <verb>s <label>. <label>'s <noun> <label> ..." from the first
 * entities and triggers. */
static void make_text(const kg_ontology *o, kg_buf *b)
{
    kg_buf_puts(b, "Fuzz\n\n");
    size_t ne = o->nentities, k = 0;
    for (size_t i = 0; i < o->nrelations && k < 8; i++) {
        const kg_relation *r = &o->relations[i];
        for (size_t t = 0; t < r->ntriggers && k < 8; t++, k++) {
            const kg_trigger *tr = &r->triggers[t];
            const char *a = ne ? o->entities[k % ne].label : "Alice Smith";
            const char *c = ne ? o->entities[(k + 1) % ne].label : "Bob Jones";
            if (tr->kind == KG_TRIGGER_VERB)
                kg_buf_printf(b, "%s %ss%s%s%s%s %s. ", a, tr->lemma,
                              tr->particle ? " " : "",
                              tr->particle ? tr->particle : "",
                              tr->prep ? " " : "", tr->prep ? tr->prep : "", c);
            else
                kg_buf_printf(b, "%s, the %s of %s, left. ", a, tr->lemma, c);
        }
    }
    for (size_t i = 0; i < ne && i < 4; i++)
        kg_buf_printf(b, "%s met %s. ", o->entities[i].label,
                      o->entities[(i + 1) % ne].label);
    kg_buf_puts(b, "\n");
}

static void extract(kg_ontology *o, kg_gazetteer *gz)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_pipeline p = {.ont = o, .gaz = gz};
    kg_buf text, out;
    kg_buf_init(&text);
    kg_buf_init(&out);
    make_text(o, &text);
    kg_graph g;
    if (kg_graph_init(&g, o, NULL, &d) < 0)
        abort();
    kg_article a;
    kg_article_init(&a);
    /* labels may hold anything the ontology allows: bad UTF-8 is the
     * reader's to refuse */
    if (kg_article_parse(&a, "fuzz.txt", text.data, text.len, &d) == 0 &&
        kg_pipeline_extract_article(&p, &a, &g, &d) >= 0 &&
        kg_graph_finalize(&g, &d) == 0) {
        kg_rdf_options opt;
        kg_rdf_options_init(&opt);
        opt.include_schema = true;
        FUZZ_CHECK(kg_rdf_write(&g, &opt, &out, &d) == 0);
    }
    kg_article_release(&a);
    kg_graph_release(&g);
    kg_buf_release(&text);
    kg_buf_release(&out);
}

static void write_schema(const kg_ontology *o)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_buf out;
    kg_buf_init(&out);
    FUZZ_CHECK(kg_rdf_write_schema(o, KG_RDF_TURTLE, &out, &d) == 0);
    kg_graphset gs;
    kg_graphset_init(&gs);
    int rc = kg_graphset_parse(&gs, out.data ? out.data : "", out.len,
                               KG_SYNTAX_TURTLE, "schema.ttl",
                               "file:///schema.ttl", NULL, &d);
    if (rc != 0)
        fprintf(stderr, "%s\n--- the Turtle written:\n%s\n", d.first,
                out.data ? out.data : "");
    FUZZ_CHECK(rc == 0);
    kg_graphset_release(&gs);
    kg_buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_ontology *o = kg_ontology_parse(name, (const char *)data, size, &d);
    if (!o) {
        FUZZ_CHECK(d.nerrors >= 1);
        FUZZ_CHECK(strstr(d.first, ": error: ") != NULL);
        return 0;
    }
    FUZZ_CHECK(d.nerrors == 0);
    check_lookups(o);
    kg_gazetteer *gz = kg_gazetteer_new(o, &d);
    FUZZ_CHECK(gz != NULL);
    extract(o, gz);
    write_schema(o);
    kg_gazetteer_free(gz);
    kg_ontology_free(o);
    return 0;
}
