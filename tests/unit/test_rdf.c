/* test_rdf.c - RDF writers: every format and provenance mode, parsed back
 * with raptor's own parsers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <raptor2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"
#include "support/graph_fixture.h"
#include "write/rdf.h"

/* raptor 2.0.15's N-Triples/N-Quads parser takes references to URIs that
 * it never drops (among them the world's concept URIs, which then outlive
 * raptor_free_world).  kgraph never parses RDF; only these tests do, so
 * leak detection is switched off around raptor's parser alone (and back
 * on for our own allocations in its callback).  A suppression file cannot
 * say this narrowly: raptor has no frame pointers, so ASan's fast
 * unwinder shows only raptor_new_uri_* for those leaks, the same frames
 * a leak in the writers would show. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define LSAN_OFF() __lsan_disable()
#define LSAN_ON() __lsan_enable()
#else
#define LSAN_OFF() ((void)0)
#define LSAN_ON() ((void)0)
#endif

/* --- a small hand-built ontology and graph -------------------------------- */

#define ONT "http://ex.org/onto#"
#define BASE "http://ex.org/data/"

typedef struct fixture {
    kg_ontology o;
    kg_prefix prefixes[2];
    kg_class classes[3];
    int mixins[1];
    kg_relation rels[2];
    kg_annotation ann[4];
    kg_entity ents[2];
    const char *aliases[2];
    const char *same_as[1];
    kg_ontology_file files[1];
    kg_graph g;
    int jane, acme;
} fixture;

static void build_ontology(fixture *f)
{
    kg_ontology *o = &f->o;
    memset(o, 0, sizeof *o);
    o->id = "http://ex.org/onto";
    o->name = "tiny";
    o->base = "http://ex.org/";
    f->prefixes[0] = (kg_prefix){"ex", ONT};
    f->prefixes[1] = (kg_prefix){"schema", "http://schema.org/"};
    o->prefixes = f->prefixes;
    o->nprefixes = 2;

    f->classes[0] = (kg_class){.name = "Agent", .iri = ONT "Agent",
                               .label = "agent", .parent = -1};
    f->classes[1] = (kg_class){.name = "Person", .iri = ONT "Person",
                               .label = "person", .parent = 0,
                               .description = "A human being."};
    f->mixins[0] = 0;
    f->classes[2] = (kg_class){.name = "Organization", .iri = ONT "Organization",
                               .label = "organization", .parent = -1,
                               .mixins = f->mixins, .nmixins = 1};
    o->classes = f->classes;
    o->nclasses = 3;

    f->ann[0] = (kg_annotation){"cameo", "111"};
    f->ann[1] = (kg_annotation){"schema", "schema:worksFor"};
    f->ann[2] = (kg_annotation){"exact_mappings", "ex:employedBy"};
    f->ann[3] = (kg_annotation){"schema_org", "schema:a (people), schema:b"};
    f->rels[0] = (kg_relation){.name = "works_for", .iri = ONT "worksFor",
                               .label = "works for", .domain = 1, .range = 2,
                               .inverse = 1, .parent = -1,
                               .annotations = f->ann, .nannotations = 4};
    f->rels[1] = (kg_relation){.name = "colleague_of", .iri = ONT "colleagueOf",
                               .label = "colleague of", .domain = 1,
                               .range = 1, .inverse = -1, .symmetric = true,
                               .parent = -1};
    /* works_for's inverse is itself declared later: keep the model simple */
    f->rels[0].inverse = -1;
    o->relations = f->rels;
    o->nrelations = 2;

    f->aliases[0] = "ACME Corp";
    f->aliases[1] = "Acme Inc.";
    f->same_as[0] = "http://www.wikidata.org/entity/Q1";
    f->ents[0] = (kg_entity){.id = "acme", .iri = ONT "acme", .cls = 2,
                             .label = "Acme", .aliases = f->aliases,
                             .naliases = 2, .same_as = f->same_as,
                             .nsame_as = 1, .stands_for = -1};
    f->ents[1] = (kg_entity){.id = "seoul", .iri = ONT "seoul", .cls = 2,
                             .label = "Seoul", .stands_for = 0,
                             .description = "Capital of \"Korea\"."};
    o->entities = f->ents;
    o->nentities = 2;

    f->files[0].path = "/somewhere/else/tiny.yaml";
    for (int i = 0; i < 32; i++)
        f->files[0].sha256[i] = (unsigned char)i;
    o->files = f->files;
    o->nfiles = 1;
}

static kg_prov prov(uint32_t sentence, const char *text, double conf,
                    uint32_t flags)
{
    kg_prov p;
    memset(&p, 0, sizeof p);
    p.article = 0;
    p.sentence = sentence;
    p.cstart = 10 * sentence;
    p.cend = p.cstart + (uint32_t)strlen(text);
    p.text = text;
    p.rule = "svo";
    p.confidence = conf;
    p.flags = flags;
    p.attributed_to = -1;
    return p;
}

static void add_article(kg_graph *g, const char *id, const char *title,
                        const char *url, const char *published)
{
    kg_article a;
    memset(&a, 0, sizeof a);
    a.path = "examples/a1.txt";
    a.meta.id = id;
    a.meta.title = title;
    a.meta.url = url;
    a.meta.published = published;
    a.meta.source = "Wire";
    assert_true(kg_graph_add_article(g, &a, NULL) >= 0);
}

/* Jane Doe works for Acme (sentence 2, plain). */
static void build_tiny(fixture *f)
{
    build_ontology(f);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_graph_init(&f->g, &f->o, BASE, &d), 0);
    add_article(&f->g, "a1", "Jane joins Acme", "https://news.example/a1",
                "2018-04-27");
    f->jane = kg_graph_name_node(&f->g, "Jane Doe", 8, 1, &d);
    f->acme = kg_graph_entity_node(&f->g, 0, &d);
    assert_true(f->jane >= 0 && f->acme >= 0);
    const char *text = "Jane Doe works for Acme.";
    kg_prov p = prov(2, text, 0.85, 0);
    p.tense = "present";
    assert_true(kg_graph_add_triple(&f->g, f->jane, 0, NULL, f->acme, &p,
                                    strlen(text), &d) >= 0);
    assert_int_equal(kg_graph_finalize(&f->g, &d), 0);
}

static void release(fixture *f)
{
    kg_graph_release(&f->g);
}

/* --- parsing our output back ------------------------------------------------ */

typedef struct parsed {
    char **quads; /* "s p o g ." in N-Triples term syntax, "s p o ." in
                     the default graph */
    size_t n, cap;
    char **lits;  /* every literal's value, exactly */
    size_t nlits, caplits;
    int errors;
} parsed;

static void push(char ***arr, size_t *n, size_t *cap, char *s)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *arr = realloc(*arr, *cap * sizeof **arr);
        assert_non_null(*arr);
    }
    (*arr)[(*n)++] = s;
}

static char *term_str(raptor_term *t)
{
    if (!t)
        return strdup("");
    unsigned char *s = raptor_term_to_string(t);
    char *r = strdup((char *)s);
    raptor_free_memory(s);
    return r;
}

static void on_statement(void *data, raptor_statement *st)
{
    parsed *p = data;
    LSAN_ON();
    char *s = term_str(st->subject), *pr = term_str(st->predicate);
    char *o = term_str(st->object), *g = term_str(st->graph);
    size_t len = strlen(s) + strlen(pr) + strlen(o) + strlen(g) + 8;
    char *q = malloc(len);
    snprintf(q, len, "%s %s %s %s%s.", s, pr, o, g, *g ? " " : "");
    free(s);
    free(pr);
    free(o);
    free(g);
    push(&p->quads, &p->n, &p->cap, q);
    if (st->subject->type == RAPTOR_TERM_TYPE_BLANK ||
        st->object->type == RAPTOR_TERM_TYPE_BLANK)
        p->errors++;
    if (st->object->type == RAPTOR_TERM_TYPE_LITERAL)
        push(&p->lits, &p->nlits, &p->caplits,
             strndup((const char *)st->object->value.literal.string,
                     st->object->value.literal.string_len));
    LSAN_OFF();
}

static void on_log(void *data, raptor_log_message *m)
{
    parsed *p = data;
    if (m->level >= RAPTOR_LOG_LEVEL_WARN) {
        fprintf(stderr, "raptor: %s (line %d)\n", m->text,
                m->locator ? m->locator->line : -1);
        p->errors++;
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *parser_name(int format)
{
    static const char *const names[] = {"turtle", "ntriples", "nquads",
                                        "trig"};
    return names[format];
}

/* Parse and sort; fails the test on any warning or error. */
static void parse(int format, const kg_buf *b, parsed *p)
{
    memset(p, 0, sizeof *p);
    LSAN_OFF();
    raptor_world *w = raptor_new_world();
    raptor_world_set_log_handler(w, p, on_log);
    raptor_world_open(w);
    raptor_parser *rp = raptor_new_parser(w, parser_name(format));
    assert_non_null(rp);
    raptor_parser_set_statement_handler(rp, p, on_statement);
    raptor_uri *base = raptor_new_uri(w, (const unsigned char *)"http://base.invalid/");
    raptor_parser_parse_start(rp, base);
    raptor_parser_parse_chunk(rp, (const unsigned char *)b->data, b->len, 1);
    raptor_free_uri(base);
    raptor_free_parser(rp);
    raptor_free_world(w);
    LSAN_ON();
    qsort(p->quads, p->n, sizeof *p->quads, cmp_str);
    if (p->errors)
        fprintf(stderr, "---- output ----\n%s\n", b->data);
    assert_int_equal(p->errors, 0);
    assert_true(p->n > 0);
}

static void parsed_free(parsed *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->quads[i]);
    for (size_t i = 0; i < p->nlits; i++)
        free(p->lits[i]);
    free(p->quads);
    free(p->lits);
}

/* Is there a quad starting with prefix ("<s> <p> <o> ")? */
static bool has(const parsed *p, const char *prefix)
{
    for (size_t i = 0; i < p->n; i++)
        if (strncmp(p->quads[i], prefix, strlen(prefix)) == 0)
            return true;
    return false;
}

static bool has_literal(const parsed *p, const char *value)
{
    for (size_t i = 0; i < p->nlits; i++)
        if (strcmp(p->lits[i], value) == 0)
            return true;
    return false;
}

static void write_ok(const kg_graph *g, int format, int mode, kg_buf *out)
{
    kg_rdf_options opt;
    kg_rdf_options_init(&opt);
    opt.format = format;
    opt.provenance = mode;
    opt.tool_version = "test";
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_buf_init(out);
    int rc = kg_rdf_write(g, &opt, out, &d);
    if (rc != 0)
        fprintf(stderr, "%s\n", d.first);
    assert_int_equal(rc, 0);
    assert_int_equal(d.nerrors, 0);
    assert_non_null(out->data);
}

/* --- golden ------------------------------------------------------------------ */

static const char golden_nt[] =
    "<" BASE "article/a1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/NewsArticle> .\n"
    "<" BASE "article/a1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/prov#Entity> .\n"
    "<" BASE "article/a1> <https://schema.org/identifier> \"a1\" .\n"
    "<" BASE "article/a1> <https://schema.org/headline> \"Jane joins Acme\" .\n"
    "<" BASE "article/a1> <https://schema.org/datePublished> \"2018-04-27\"^^<http://www.w3.org/2001/XMLSchema#date> .\n"
    "<" BASE "article/a1> <https://schema.org/url> <https://news.example/a1> .\n"
    "<" BASE "article/a1> <https://schema.org/publisher> \"Wire\" .\n"
    "<" BASE "agent/kgraph-test> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/prov#SoftwareAgent> .\n"
    "<" BASE "agent/kgraph-test> <http://www.w3.org/2000/01/rdf-schema#label> \"kgraph\" .\n"
    "<" BASE "agent/kgraph-test> <https://schema.org/softwareVersion> \"test\" .\n"
    "<" BASE "source/000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/prov#Entity> .\n"
    "<" BASE "source/000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f> <http://www.w3.org/2000/01/rdf-schema#label> \"tiny.yaml\" .\n"
    "<" BASE "source/000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f> <http://example.org/kgraph/ns#sha256> \"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\" .\n"
    "<@RUN@> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/prov#Activity> .\n"
    "<@RUN@> <http://www.w3.org/ns/prov#used> <" BASE "article/a1> .\n"
    "<@RUN@> <http://www.w3.org/ns/prov#used> <" BASE "source/000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f> .\n"
    "<@RUN@> <http://www.w3.org/ns/prov#wasAssociatedWith> <" BASE "agent/kgraph-test> .\n"
    "<" BASE "entity/jane_doe> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <" ONT "Person> .\n"
    "<" BASE "entity/jane_doe> <http://www.w3.org/2000/01/rdf-schema#label> \"Jane Doe\" .\n"
    "<" ONT "acme> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <" ONT "Organization> .\n"
    "<" ONT "acme> <http://www.w3.org/2000/01/rdf-schema#label> \"Acme\" .\n"
    "<" ONT "acme> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q1> .\n"
    "<" BASE "entity/jane_doe> <" ONT "worksFor> <" ONT "acme> .\n"
    "<@STMT@> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> .\n"
    "<@STMT@> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <" BASE "entity/jane_doe> .\n"
    "<@STMT@> <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <" ONT "worksFor> .\n"
    "<@STMT@> <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <" ONT "acme> .\n"
    "<@STMT@> <http://www.w3.org/ns/prov#wasDerivedFrom> <" BASE "article/a1> .\n"
    "<@STMT@> <http://www.w3.org/ns/prov#wasGeneratedBy> <@RUN@> .\n"
    "<@STMT@> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> \"20\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .\n"
    "<@STMT@> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex> \"44\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .\n"
    "<@STMT@> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> \"Jane Doe works for Acme.\" .\n"
    "<@STMT@> <http://example.org/kgraph/ns#sentence> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
    "<@STMT@> <http://example.org/kgraph/ns#rule> \"svo\" .\n"
    "<@STMT@> <http://example.org/kgraph/ns#confidence> \"0.850\"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n"
    "<@STMT@> <http://example.org/kgraph/ns#tense> \"present\" .\n";

/* golden_nt with @STMT@ and @RUN@ replaced. */
static char *expand(const char *tmpl, const char *stmt, const char *run)
{
    kg_buf b;
    kg_buf_init(&b);
    for (const char *p = tmpl; *p;) {
        if (strncmp(p, "@STMT@", 6) == 0) {
            kg_buf_puts(&b, stmt);
            p += 6;
        } else if (strncmp(p, "@RUN@", 5) == 0) {
            kg_buf_puts(&b, run);
            p += 5;
        } else {
            kg_buf_putc(&b, *p++);
        }
    }
    return b.data;
}

/* The IRI of an edge's i-th piece of evidence (a few rotating buffers). */
static const char *ev_iri(const kg_graph *g, const kg_edge *e, size_t i)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    kg_graph_prov_iri(g, e, i, buf[k], sizeof buf[k]);
    return buf[k];
}

static void ntriples_golden(void **state)
{
    (void)state;
    fixture f;
    build_tiny(&f);
    kg_buf out;
    write_ok(&f.g, KG_RDF_NTRIPLES, KG_PROV_MODE_DEFAULT, &out);
    /* The run's IRI hashes the inputs: take it from the output, then
     * check it has the documented shape. */
    const char *r = strstr(out.data, "<" BASE "run/");
    assert_non_null(r);
    char run[128];
    size_t n = strcspn(r + 1, ">");
    assert_int_equal(n, strlen(BASE "run/") + 16);
    memcpy(run, r + 1, n);
    run[n] = '\0';
    char ev[512];
    kg_graph_prov_iri(&f.g, &f.g.edges[0], 0, ev, sizeof ev);
    char *want = expand(golden_nt, ev, run);
    assert_string_equal(out.data, want);
    free(want);
    kg_buf_release(&out);

    /* none: the same minus the statement's description */
    write_ok(&f.g, KG_RDF_NTRIPLES, KG_PROV_MODE_NONE, &out);
    assert_null(strstr(out.data, "22-rdf-syntax-ns#Statement>"));
    assert_non_null(strstr(out.data, "<" BASE "entity/jane_doe> <" ONT "worksFor> <" ONT "acme> .\n"));
    kg_buf_release(&out);
    release(&f);
}

static void turtle_uses_prefixes(void **state)
{
    (void)state;
    fixture f;
    build_tiny(&f);
    kg_buf out;
    write_ok(&f.g, KG_RDF_TURTLE, KG_PROV_MODE_DEFAULT, &out);
    const char *want[] = {
        "@prefix ex: <" ONT "> .\n",
        "@prefix schema: <http://schema.org/> .\n", /* the ontology's wins */
        "@prefix schema1: <https://schema.org/> .\n",
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n",
        "@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .\n",
        "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .\n",
        "@prefix kg: <http://example.org/kgraph/ns#> .\n",
        "@prefix data: <" BASE "> .\n",
        "@prefix entity: <" BASE "entity/> .\n",
        "entity:jane_doe\n",
        "    ex:worksFor ex:acme ;\n",
        "kg:confidence 0.850 ;\n",
        "    a prov:Entity, schema1:NewsArticle ;\n",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        if (!strstr(out.data, want[i]))
            fprintf(stderr, "missing %s in\n%s", want[i], out.data);
        assert_non_null(strstr(out.data, want[i]));
    }
    kg_buf_release(&out);
    release(&f);
}

/* --- all formats and modes ---------------------------------------------------- */

/* A graph with every kind of evidence: plain, negated-only, attributed
 * with a speaker, an open relation, two articles. */
static void build_rich(fixture *f)
{
    build_ontology(f);
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_graph *g = &f->g;
    assert_int_equal(kg_graph_init(g, &f->o, BASE, &d), 0);
    add_article(g, "a1", "Jane joins Acme", "https://news.example/a1",
                "2018-04-27T10:00:00Z");
    add_article(g, "a2", "Second", NULL, "27 April 2018");
    int jane = kg_graph_name_node(g, "Jane Doe", 8, 1, &d);
    int bob = kg_graph_name_node(g, "Bob Roe", 7, 1, &d);
    int acme = kg_graph_entity_node(g, 0, &d);
    int seoul = kg_graph_entity_node(g, 1, &d);
    int thing = kg_graph_name_node(g, "Widget", 6, -1, &d);
    assert_int_equal(kg_graph_add_alt(g, jane, "Ms Doe", 6, &d), 0);
    const char *t1 = "Jane Doe works for Acme.";
    const char *t2 = "Bob Roe does not work for Acme.";
    const char *t3 = "Jane said Bob is her colleague.";
    const char *t4 = "Acme sells the Widget.";
    kg_prov p = prov(0, t1, 0.9, 0);
    assert_true(kg_graph_add_triple(g, jane, 0, NULL, acme, &p, strlen(t1), &d) >= 0);
    p = prov(1, t1, 0.4, 0);
    p.article = 1;
    assert_true(kg_graph_add_triple(g, jane, 0, NULL, acme, &p, strlen(t1), &d) >= 0);
    p = prov(2, t2, 0.7, KG_PROV_NEGATED);
    p.modality = "might";
    assert_true(kg_graph_add_triple(g, bob, 0, NULL, acme, &p, strlen(t2), &d) >= 0);
    p = prov(3, t3, 0.6, KG_PROV_ATTRIBUTED);
    p.attributed_to = jane;
    p.time = "on Monday";
    p.place = "Seoul";
    assert_true(kg_graph_add_triple(g, bob, 1, NULL, jane, &p, strlen(t3), &d) >= 0);
    p = prov(4, t4, 1.0, 0);
    assert_true(kg_graph_add_triple(g, acme, -1, "sells", thing, &p, strlen(t4), &d) >= 0);
    p = prov(5, t4, 0.5, 0);
    assert_true(kg_graph_add_triple(g, seoul, -1, "sells", thing, &p, strlen(t4), &d) >= 0);
    assert_int_equal(kg_graph_finalize(g, &d), 0);
}

static const int modes[] = {KG_PROV_MODE_REIFY, KG_PROV_MODE_GRAPHS,
                            KG_PROV_MODE_NONE};

static void every_format_parses_and_is_deterministic(void **state)
{
    (void)state;
    fixture f;
    build_rich(&f);
    for (int fmt = KG_RDF_TURTLE; fmt <= KG_RDF_TRIG; fmt++) {
        for (size_t m = 0; m < 3; m++) {
            bool quads = fmt == KG_RDF_NQUADS || fmt == KG_RDF_TRIG;
            if (modes[m] == KG_PROV_MODE_GRAPHS && !quads)
                continue;
            kg_buf a, b;
            write_ok(&f.g, fmt, modes[m], &a);
            write_ok(&f.g, fmt, modes[m], &b);
            assert_int_equal(a.len, b.len);
            assert_memory_equal(a.data, b.data, a.len);
            assert_null(strstr(a.data, "_:"));
            parsed p;
            parse(fmt, &a, &p);
            parsed_free(&p);
            kg_buf_release(&a);
            kg_buf_release(&b);
        }
    }
    release(&f);
}

static void parse_write(const kg_graph *g, int fmt, int mode, parsed *p)
{
    kg_buf b;
    write_ok(g, fmt, mode, &b);
    parse(fmt, &b, p);
    kg_buf_release(&b);
}

static void assert_same(const parsed *a, const parsed *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++)
        assert_string_equal(a->quads[i], b->quads[i]);
}

static void formats_hold_the_same_statements(void **state)
{
    (void)state;
    fixture f;
    build_rich(&f);
    int single[] = {KG_PROV_MODE_REIFY, KG_PROV_MODE_NONE};
    for (size_t m = 0; m < 2; m++) {
        parsed nt;
        parse_write(&f.g, KG_RDF_NTRIPLES, single[m], &nt);
        for (int fmt = KG_RDF_TURTLE; fmt <= KG_RDF_TRIG; fmt++) {
            parsed p;
            parse_write(&f.g, fmt, single[m], &p);
            assert_same(&nt, &p);
            parsed_free(&p);
        }
        parsed_free(&nt);
    }
    parsed nq, trig;
    parse_write(&f.g, KG_RDF_NQUADS, KG_PROV_MODE_GRAPHS, &nq);
    parse_write(&f.g, KG_RDF_TRIG, KG_PROV_MODE_GRAPHS, &trig);
    assert_same(&nq, &trig);
    parsed_free(&nq);
    parsed_free(&trig);
    release(&f);
}

static const kg_edge *find_edge(const kg_graph *g, const char *subj_label,
                                const char *rel_iri)
{
    for (size_t i = 0; i < g->nedges; i++)
        if (strcmp(g->nodes[g->edges[i].subj].label, subj_label) == 0 &&
            strcmp(g->edges[i].rel_iri, rel_iri) == 0)
            return &g->edges[i];
    return NULL;
}

static void negated_and_attributed_are_not_asserted(void **state)
{
    (void)state;
    fixture f;
    build_rich(&f);
    const kg_edge *neg = find_edge(&f.g, "Bob Roe", ONT "worksFor");
    const kg_edge *att = find_edge(&f.g, "Bob Roe", ONT "colleagueOf");
    const kg_edge *pos = find_edge(&f.g, "Jane Doe", ONT "worksFor");
    assert_non_null(neg);
    assert_non_null(att);
    assert_non_null(pos);
    char q[512];

    parsed p;
    parse_write(&f.g, KG_RDF_NTRIPLES, KG_PROV_MODE_REIFY, &p);
    /* the plain fact, asserted, with two statements */
    assert_true(has(&p, "<" BASE "entity/jane_doe> <" ONT "worksFor> <" ONT "acme> "));
    snprintf(q, sizeof q, "<%s> <http://www.w3.org/ns/prov#wasDerivedFrom> <" BASE "article/a2> ", ev_iri(&f.g, pos, 1));
    assert_true(has(&p, q));
    /* the negated one: described only */
    assert_false(has(&p, "<" BASE "entity/bob_roe> <" ONT "worksFor> "));
    snprintf(q, sizeof q, "<%s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <" BASE "entity/bob_roe> ", ev_iri(&f.g, neg, 0));
    assert_true(has(&p, q));
    snprintf(q, sizeof q, "<%s> <http://example.org/kgraph/ns#negated> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> ", ev_iri(&f.g, neg, 0));
    assert_true(has(&p, q));
    snprintf(q, sizeof q, "<%s> <http://example.org/kgraph/ns#modality> \"might\" ", ev_iri(&f.g, neg, 0));
    assert_true(has(&p, q));
    /* reported speech: described with its speaker */
    assert_false(has(&p, "<" BASE "entity/bob_roe> <" ONT "colleagueOf> "));
    assert_false(has(&p, "<" BASE "entity/jane_doe> <" ONT "colleagueOf> "));
    snprintf(q, sizeof q, "<%s> <http://semanticweb.cs.vu.nl/2009/11/sem/accordingTo> <" BASE "entity/jane_doe> ", ev_iri(&f.g, att, 0));
    assert_true(has(&p, q));
    snprintf(q, sizeof q, "<%s> <http://example.org/kgraph/ns#place> \"Seoul\" ", ev_iri(&f.g, att, 0));
    assert_true(has(&p, q));
    snprintf(q, sizeof q, "<%s> <http://example.org/kgraph/ns#time> \"on Monday\" ", ev_iri(&f.g, att, 0));
    assert_true(has(&p, q));
    /* the open relation is labelled */
    assert_true(has(&p, "<" BASE "rel/sells> <http://www.w3.org/2000/01/rdf-schema#label> \"sells\" "));
    /* an unclassified node */
    assert_true(has(&p, "<" BASE "entity/widget> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/kgraph/ns#Entity> "));
    assert_true(has(&p, "<" BASE "entity/widget> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#Thing> "));
    /* dates by shape */
    assert_true(has(&p, "<" BASE "article/a1> <https://schema.org/datePublished> \"2018-04-27T10:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime> "));
    assert_true(has(&p, "<" BASE "article/a2> <https://schema.org/datePublished> \"27 April 2018\" "));
    parsed_free(&p);

    /* graphs: the named graph holds the triple, the default graph only
     * when asserted */
    parse_write(&f.g, KG_RDF_NQUADS, KG_PROV_MODE_GRAPHS, &p);
    snprintf(q, sizeof q, "<" BASE "entity/bob_roe> <" ONT "worksFor> <" ONT "acme> <%s>", ev_iri(&f.g, neg, 0));
    assert_true(has(&p, q));
    assert_false(has(&p, "<" BASE "entity/bob_roe> <" ONT "worksFor> <" ONT "acme> ."));
    assert_true(has(&p, "<" BASE "entity/jane_doe> <" ONT "worksFor> <" ONT "acme> ."));
    snprintf(q, sizeof q, "<" BASE "entity/jane_doe> <" ONT "worksFor> <" ONT "acme> <%s>", ev_iri(&f.g, pos, 1));
    assert_true(has(&p, q));
    snprintf(q, sizeof q, "<%s> <http://example.org/kgraph/ns#negated> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> .", ev_iri(&f.g, neg, 0));
    assert_true(has(&p, q));
    /* the graph name is described, not reified */
    snprintf(q, sizeof q, "<%s> <http://www.w3.org/ns/prov#wasDerivedFrom> <" BASE "article/a1> .", ev_iri(&f.g, neg, 0));
    assert_true(has(&p, q));
    for (size_t i = 0; i < p.n; i++)
        assert_null(strstr(p.quads[i], "rdf-syntax-ns#Statement"));
    parsed_free(&p);
    release(&f);
}

/* --- hostile text ------------------------------------------------------------ */

static const char *const hostile[] = {
    "quote \" inside",
    "back\\slash \\n not a newline",
    "new\nline",
    "carriage\rreturn",
    "crlf\r\nend",
    "tab\there",
    "<tag> & </tag>",
    "emoji \xF0\x9F\x98\x80 and clef \xF0\x9D\x84\x9E",
    "\xD7\xA2\xD7\x91\xD7\xA8\xD7\x99\xD7\xAA \xE2\x80\x8F\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A",
    "...",
    "\"",
    "\"\"\"",
    "ends with a quote\"",
    "\"starts with a quote",
    "multi\nline with \"\"\" inside\"",
    "'single'",
    "ctrl \x01 \x1F \x7F",
    "line sep \xE2\x80\xA8 para sep \xE2\x80\xA9",
    "@prefix x: <y> .",
    "} { GRAPH",
    "Zürich – Côte d’Ivoire",
};
#define NHOSTILE (sizeof hostile / sizeof hostile[0])

static void hostile_text_round_trips(void **state)
{
    (void)state;
    fixture f;
    build_ontology(&f);
    /* an ontology entity whose label is only punctuation */
    f.ents[1].label = "?!\xE2\x80\xA6";
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_graph *g = &f.g;
    assert_int_equal(kg_graph_init(g, &f.o, BASE, &d), 0);
    kg_article a;
    memset(&a, 0, sizeof a);
    a.meta.id = "hostile";
    a.meta.title = "Title \"with\" \\ and\nnewline \xF0\x9F\x92\xA9";
    a.meta.url = "not a url";
    a.meta.published = "2018-02-29";
    a.meta.source = "<Wire>";
    a.meta.rights = "\xC2\xA9 2018 \"Someone\"";
    assert_int_equal(kg_graph_add_article(g, &a, &d), 0);
    int punct = kg_graph_entity_node(g, 1, &d);
    int prev = kg_graph_name_node(g, "Node 0", 6, -1, &d);
    for (size_t i = 0; i < NHOSTILE; i++) {
        char name[32];
        snprintf(name, sizeof name, "Node %zu", i + 1);
        int n = kg_graph_name_node(g, name, strlen(name), -1, &d);
        assert_true(n >= 0);
        assert_int_equal(kg_graph_add_alt(g, n, hostile[i], strlen(hostile[i]), &d), 0);
        kg_prov p = prov((uint32_t)i, hostile[i], 0.5, 0);
        p.rule = hostile[(i + 1) % NHOSTILE];
        p.time = hostile[(i + 2) % NHOSTILE];
        p.modality = hostile[(i + 3) % NHOSTILE];
        char rel[32];
        snprintf(rel, sizeof rel, "rel %zu", i);
        assert_true(kg_graph_add_triple(g, prev, -1, rel, n, &p,
                                        strlen(hostile[i]), &d) >= 0);
        prev = n;
    }
    assert_int_equal(kg_graph_add_alt(g, punct, "!!!", 3, &d), 0);
    /* bytes that are not UTF-8 become U+FFFD */
    assert_int_equal(kg_graph_add_alt(g, punct, "bad \xFF\xC3 end", 10, &d), 0);
    assert_int_equal(kg_graph_finalize(g, &d), 0);

    for (int fmt = KG_RDF_TURTLE; fmt <= KG_RDF_TRIG; fmt++) {
        for (size_t m = 0; m < 3; m++) {
            if (modes[m] == KG_PROV_MODE_GRAPHS &&
                (fmt == KG_RDF_TURTLE || fmt == KG_RDF_NTRIPLES))
                continue;
            parsed p;
            parse_write(g, fmt, modes[m], &p);
            for (size_t i = 0; i < NHOSTILE; i++) {
                /* Without provenance the text survives only as a surface
                 * form, and surface forms are normalised labels (NFC, runs
                 * of spaces and controls one space): that form must come
                 * through; with provenance the evidence keeps the bytes. */
                if (modes[m] == KG_PROV_MODE_NONE) {
                    char name[32];
                    snprintf(name, sizeof name, "Node %zu", i + 1);
                    const kg_node *n = NULL;
                    for (size_t k = 0; k < g->nnodes && !n; k++)
                        if (g->nodes[k].label &&
                            strcmp(g->nodes[k].label, name) == 0)
                            n = &g->nodes[k];
                    assert_non_null(n);
                    assert_true(n->nalt == 1);
                    assert_true(has_literal(&p, n->alt[0]));
                    continue;
                }
                if (!has_literal(&p, hostile[i]))
                    fprintf(stderr, "format %d mode %d: lost [%s]\n", fmt,
                            modes[m], hostile[i]);
                assert_true(has_literal(&p, hostile[i]));
            }
            assert_true(has_literal(&p, a.meta.title));
            assert_true(has_literal(&p, a.meta.rights));
            assert_true(has_literal(&p, "<Wire>"));
            assert_true(has_literal(&p, "?!\xE2\x80\xA6"));
            assert_true(has_literal(&p, "!!!"));
            assert_true(has_literal(&p, "bad \xEF\xBF\xBD\xEF\xBF\xBD end"));
            /* an invalid URL is a literal; an impossible date is plain */
            assert_true(has(&p, "<" BASE "article/hostile> <https://schema.org/url> \"not a url\" "));
            assert_true(has(&p, "<" BASE "article/hostile> <https://schema.org/datePublished> \"2018-02-29\" "));
            parsed_free(&p);
        }
    }
    release(&f);
}

static void foreign_iris_are_made_valid(void **state)
{
    (void)state;
    fixture f;
    build_ontology(&f);
    f.classes[1].iri = "http://ex.org/bad class<\"{x}\">|^`\\";
    f.ents[0].iri = "relative id";
    f.same_as[0] = "http://ex.org/a#b#c%zz\x01";
    f.prefixes[0].name = "not a prefix";
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_graph_init(&f.g, &f.o, BASE, &d), 0);
    add_article(&f.g, "a1", "T", "https://news.example/a b", "2018-04-27");
    int jane = kg_graph_name_node(&f.g, "Jane", 4, 1, &d);
    int acme = kg_graph_entity_node(&f.g, 0, &d);
    kg_prov p = prov(0, "Jane works for Acme.", 0.85, 0);
    assert_true(kg_graph_add_triple(&f.g, jane, 0, NULL, acme, &p, 20, &d) >= 0);
    assert_int_equal(kg_graph_finalize(&f.g, &d), 0);
    for (int fmt = KG_RDF_TURTLE; fmt <= KG_RDF_TRIG; fmt++) {
        kg_buf b;
        write_ok(&f.g, fmt, KG_PROV_MODE_DEFAULT, &b);
        assert_null(strstr(b.data, "not a prefix"));
        parsed q;
        parse(fmt, &b, &q);
        assert_true(has(&q, "<" BASE "entity/jane> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex.org/bad%20class%3C%22%7Bx%7D%22%3E%7C%5E%60%5C> "));
        assert_true(has(&q, "<" BASE "relative%20id> <http://www.w3.org/2002/07/owl#sameAs> <http://ex.org/a#b%23c%25zz%01> "));
        assert_true(has(&q, "<" BASE "article/a1> <https://schema.org/url> \"https://news.example/a b\" "));
        parsed_free(&q);
        kg_buf_release(&b);
    }
    release(&f);
}

/* --- values and errors --------------------------------------------------------- */

static void confidence_has_three_decimals(void **state)
{
    (void)state;
    static const struct {
        double c;
        const char *want;
    } cases[] = {{0.85, "0.850"}, {1.0, "1.000"}, {0.0, "0.000"},
                 {0.12345, "0.123"}, {0.9996, "1.000"}, {1.7, "1.000"},
                 {-0.2, "0.000"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fixture f;
        build_ontology(&f);
        kg_diag d;
        kg_diag_init(&d, NULL);
        assert_int_equal(kg_graph_init(&f.g, &f.o, BASE, &d), 0);
        add_article(&f.g, "a1", NULL, NULL, NULL);
        int x = kg_graph_name_node(&f.g, "X", 1, -1, &d);
        int y = kg_graph_name_node(&f.g, "Y", 1, -1, &d);
        kg_prov p = prov(0, "X y Y.", cases[i].c, 0);
        assert_true(kg_graph_add_triple(&f.g, x, -1, "y", y, &p, 6, &d) >= 0);
        assert_int_equal(kg_graph_finalize(&f.g, &d), 0);
        kg_buf b;
        write_ok(&f.g, KG_RDF_NTRIPLES, KG_PROV_MODE_REIFY, &b);
        char want[128];
        snprintf(want, sizeof want, "#confidence> \"%s\"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n",
                 cases[i].want);
        if (!strstr(b.data, want))
            fprintf(stderr, "%g: want %s\n", cases[i].c, want);
        assert_non_null(strstr(b.data, want));
        kg_buf_release(&b);
        release(&f);
    }
}

static void errors_are_reported(void **state)
{
    (void)state;
    fixture f;
    build_tiny(&f);
    kg_rdf_options opt;
    kg_rdf_options_init(&opt);
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_buf b;
    kg_buf_init(&b);
    opt.format = KG_RDF_NTRIPLES;
    opt.provenance = KG_PROV_MODE_GRAPHS;
    assert_int_equal(kg_rdf_write(&f.g, &opt, &b, &d), -1);
    assert_string_equal(d.first, "kgraph: error: provenance as named graphs "
                                 "needs N-Quads or TriG, not 'nt'");
    assert_int_equal(b.len, 0);

    kg_diag_reset(&d);
    opt.format = 17;
    opt.provenance = KG_PROV_MODE_DEFAULT;
    assert_int_equal(kg_rdf_write(&f.g, &opt, &b, &d), -1);
    assert_string_equal(d.first, "kgraph: error: unknown RDF format 17");

    kg_diag_reset(&d);
    opt.format = KG_RDF_TURTLE;
    f.g.finalized = false;
    assert_int_equal(kg_rdf_write(&f.g, &opt, &b, &d), -1);
    assert_string_equal(d.first, "kgraph: error: the graph must be finalized "
                                 "before it is written");
    assert_int_equal(b.len, 0);
    kg_buf_release(&b);
    release(&f);
}

static void output_is_appended(void **state)
{
    (void)state;
    fixture f;
    build_tiny(&f);
    kg_rdf_options opt;
    kg_rdf_options_init(&opt);
    opt.format = KG_RDF_NTRIPLES;
    opt.tool_version = "test";
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_buf b;
    kg_buf_init(&b);
    kg_buf_puts(&b, "# head\n");
    assert_int_equal(kg_rdf_write(&f.g, &opt, &b, &d), 0);
    assert_int_equal(strncmp(b.data, "# head\n<" BASE "article/a1> ", 15), 0);
    kg_buf_release(&b);
    release(&f);
}

/* --- schema ----------------------------------------------------------------- */

static void schema_describes_the_ontology(void **state)
{
    (void)state;
    fixture f;
    build_ontology(&f);
    for (int fmt = KG_RDF_TURTLE; fmt <= KG_RDF_TRIG; fmt++) {
        kg_diag d;
        kg_diag_init(&d, NULL);
        kg_buf b, b2;
        kg_buf_init(&b);
        kg_buf_init(&b2);
        assert_int_equal(kg_rdf_write_schema(&f.o, fmt, &b, &d), 0);
        assert_int_equal(kg_rdf_write_schema(&f.o, fmt, &b2, &d), 0);
        assert_int_equal(b.len, b2.len);
        assert_memory_equal(b.data, b2.data, b.len);
        assert_null(strstr(b.data, "_:"));
        parsed p;
        parse(fmt, &b, &p);
        const char *want[] = {
            "<http://ex.org/onto> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#Ontology> ",
            "<" ONT "Person> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <" ONT "Agent> ",
            "<" ONT "Person> <http://www.w3.org/2000/01/rdf-schema#comment> \"A human being.\" ",
            "<" ONT "Organization> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <" ONT "Agent> ",
            "<" ONT "Organization> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#Class> ",
            "<" ONT "worksFor> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#ObjectProperty> ",
            "<" ONT "worksFor> <http://www.w3.org/2000/01/rdf-schema#domain> <" ONT "Person> ",
            "<" ONT "worksFor> <http://www.w3.org/2000/01/rdf-schema#range> <" ONT "Organization> ",
            "<" ONT "worksFor> <http://example.org/kgraph/ns#cameo> \"111\" ",
            "<" ONT "worksFor> <http://www.w3.org/2004/02/skos/core#closeMatch> <http://schema.org/worksFor> ",
            "<" ONT "worksFor> <http://www.w3.org/2004/02/skos/core#exactMatch> <" ONT "employedBy> ",
            "<" ONT "worksFor> <http://example.org/kgraph/ns#schema_org> \"schema:a (people), schema:b\" ",
            "<" ONT "colleagueOf> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#SymmetricProperty> ",
            "<" ONT "acme> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <" ONT "Organization> ",
            "<" ONT "acme> <http://www.w3.org/2004/02/skos/core#altLabel> \"ACME Corp\" ",
            "<" ONT "acme> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q1> ",
            "<" ONT "seoul> <http://example.org/kgraph/ns#standsFor> <" ONT "acme> ",
            "<" ONT "seoul> <http://www.w3.org/2000/01/rdf-schema#comment> \"Capital of \\\"Korea\\\".\" ",
            "<http://example.org/kgraph/ns#confidence> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#DatatypeProperty> ",
        };
        for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
            if (!has(&p, want[i]))
                fprintf(stderr, "format %d: missing %s\n", fmt, want[i]);
            assert_true(has(&p, want[i]));
        }
        parsed_free(&p);
        kg_buf_release(&b);
        kg_buf_release(&b2);
    }
}

static void schema_with_graph_has_no_duplicates(void **state)
{
    (void)state;
    fixture f;
    build_tiny(&f);
    kg_rdf_options opt;
    kg_rdf_options_init(&opt);
    opt.format = KG_RDF_NTRIPLES;
    opt.include_schema = true;
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_buf b;
    kg_buf_init(&b);
    assert_int_equal(kg_rdf_write(&f.g, &opt, &b, &d), 0);
    parsed p;
    parse(KG_RDF_NTRIPLES, &b, &p);
    size_t lines = 0;
    for (size_t i = 0; i < b.len; i++)
        lines += b.data[i] == '\n';
    assert_int_equal(lines, p.n);
    for (size_t i = 1; i < p.n; i++)
        assert_string_not_equal(p.quads[i - 1], p.quads[i]);
    assert_true(has(&p, "<" ONT "Person> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <" ONT "Agent> "));
    parsed_free(&p);
    kg_buf_release(&b);
    release(&f);
}

/* No ontology, no article: the run and kgraph's agent are still there,
 * and a fact between two unclassified nodes gets kgraph's own types. */
static void graph_without_ontology(void **state)
{
    (void)state;
    kg_graph g;
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_graph_init(&g, NULL, NULL, &d), 0);
    assert_int_equal(kg_graph_finalize(&g, &d), 0);
    for (int fmt = KG_RDF_TURTLE; fmt <= KG_RDF_TRIG; fmt++) {
        parsed p;
        parse_write(&g, fmt, KG_PROV_MODE_DEFAULT, &p);
        assert_true(has(&p, "<" KG_GRAPH_DEFAULT_BASE "agent/kgraph-test> "));
        parsed_free(&p);
    }
    kg_graph_release(&g);

    assert_int_equal(kg_graph_init(&g, NULL, NULL, &d), 0);
    int a = kg_graph_name_node(&g, "Alpha", 5, -1, &d);
    int b = kg_graph_name_node(&g, "Beta", 4, -1, &d);
    kg_prov pv = prov(0, "Alpha beats Beta.", 0.5, 0);
    pv.article = 7; /* no such article: no prov:wasDerivedFrom */
    assert_true(kg_graph_add_triple(&g, a, -1, "beats", b, &pv, 17, &d) >= 0);
    assert_int_equal(kg_graph_finalize(&g, &d), 0);
    parsed p;
    parse_write(&g, KG_RDF_NTRIPLES, KG_PROV_MODE_REIFY, &p);
    assert_true(has(&p, "<" KG_GRAPH_DEFAULT_BASE "entity/alpha> <" KG_GRAPH_DEFAULT_BASE "rel/beats> <" KG_GRAPH_DEFAULT_BASE "entity/beta> ."));
    assert_true(has(&p, "<" KG_GRAPH_DEFAULT_BASE "entity/beta> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <" KG_RDF_KG_NS "Entity> ."));
    for (size_t i = 0; i < p.n; i++)
        assert_null(strstr(p.quads[i], "wasDerivedFrom"));
    parsed_free(&p);
    kg_graph_release(&g);
}

/* --- kgraph's own N-Triples / N-Quads writer ------------------------------------ */

static void write_with(const kg_graph *g, int format, int mode, bool raptor,
                       kg_buf *out)
{
    kg_rdf_options opt;
    kg_rdf_options_init(&opt);
    opt.format = format;
    opt.provenance = mode;
    opt.tool_version = "test";
    opt.raptor_ntriples = raptor;
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_buf_init(out);
    assert_int_equal(kg_rdf_write(g, &opt, out, &d), 0);
}

/* The same bytes as raptor's serializers, escapes included: control
 * characters, quotes, backslashes, text outside ASCII and the BMP, and
 * IRIs with characters outside ASCII. */
static void own_ntriples_writer_matches_raptor(void **state)
{
    (void)state;
    for (int which = 0; which < 3; which++) {
        fixture f;
        kg_graph *g = &f.g;
        kg_ontology *fo = NULL;
        kg_diag d;
        kg_diag_init(&d, NULL);
        if (which == 0) {
            build_rich(&f);
        } else {
            fo = kg_fixture_ontology();
            assert_non_null(fo);
            assert_int_equal(kg_graph_init(g, fo, NULL, &d), 0);
            if (which == 1) {
                assert_int_equal(kg_fixture_hostile(g, &d), 0);
                /* text no fixture has: DEL, form feed, backspace */
                int n = kg_graph_name_node(g, "Ctl", 3, -1, &d);
                assert_int_equal(kg_graph_add_alt(g, n, "a\x7f" "b\x0c" "c\x08", 6, &d), 0);
                kg_article a;
                memset(&a, 0, sizeof a);
                a.meta.id = "z\xC3\xBCrich";
                a.meta.url = "http://ex.org/\xC3\xA4/\xF0\x9F\x98\x80?q=\"x y\"";
                assert_true(kg_graph_add_article(g, &a, &d) >= 0);
                assert_int_equal(kg_graph_finalize(g, &d), 0);
            } else {
                assert_int_equal(kg_fixture_korea(g, &d), 0);
            }
        }
        for (int fmt = KG_RDF_NTRIPLES; fmt <= KG_RDF_NQUADS; fmt++)
            for (size_t m = 0; m < 3; m++) {
                if (modes[m] == KG_PROV_MODE_GRAPHS && fmt == KG_RDF_NTRIPLES)
                    continue;
                kg_buf own, rap;
                write_with(g, fmt, modes[m], false, &own);
                write_with(g, fmt, modes[m], true, &rap);
                if (own.len != rap.len || memcmp(own.data, rap.data, own.len) != 0)
                    fprintf(stderr, "graph %d format %d mode %d differs\n",
                            which, fmt, modes[m]);
                assert_int_equal(own.len, rap.len);
                assert_memory_equal(own.data, rap.data, own.len);
                kg_buf_release(&own);
                kg_buf_release(&rap);
            }
        kg_graph_release(g);
        kg_fixture_ontology_free(fo);
    }
}

/* --- kgraph build: article graphs and statement sets ------------------------------ */

/* One article's graph: Jane Doe works for Acme, said in article id. */
static void one_article(fixture *f, const char *id, const char *sentence,
                        double conf)
{
    build_ontology(f);
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_graph *g = &f->g;
    assert_int_equal(kg_graph_init(g, &f->o, BASE, &d), 0);
    g->scoped = true;
    add_article(g, id, id, NULL, NULL);
    int jane = kg_graph_name_node(g, "Jane Doe", 8, 1, &d);
    int acme = kg_graph_entity_node(g, 0, &d);
    kg_prov p = prov(0, sentence, conf, 0);
    assert_true(kg_graph_add_triple(g, jane, 0, NULL, acme, &p,
                                    strlen(sentence), &d) >= 0);
    assert_int_equal(kg_graph_finalize(g, &d), 0);
}

static void article_graphs_hold_everything_of_their_article(void **state)
{
    (void)state;
    fixture f;
    one_article(&f, "a1", "Jane Doe works for Acme.", 0.9);
    kg_rdf_options opt;
    kg_rdf_options_init(&opt);
    opt.format = KG_RDF_NQUADS;
    opt.article_graphs = true;
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_buf out;
    kg_buf_init(&out);
    assert_int_equal(kg_rdf_write(&f.g, &opt, &out, &d), 0);
    size_t lines = 0;
    for (char *l = out.data; l && *l; l = strchr(l, '\n') + 1) {
        char *end = strchr(l, '\n');
        assert_non_null(end);
        const char *tail = " <" BASE "article/a1> .";
        size_t tl = strlen(tail);
        assert_true((size_t)(end - l) > tl);
        assert_memory_equal(end - tl, tail, tl);
        lines++;
    }
    assert_true(lines > 10);
    /* provenance is reified inside the article's graph */
    assert_non_null(strstr(out.data, "rdf-syntax-ns#Statement> <" BASE "article/a1> ."));
    /* Turtle and N-Triples have no graphs: the option changes nothing */
    kg_buf nt1, nt2;
    write_with(&f.g, KG_RDF_NTRIPLES, KG_PROV_MODE_REIFY, false, &nt1);
    kg_buf_init(&nt2);
    opt.format = KG_RDF_NTRIPLES;
    opt.tool_version = "test";
    assert_int_equal(kg_rdf_write(&f.g, &opt, &nt2, &d), 0);
    assert_int_equal(nt1.len, nt2.len);
    assert_memory_equal(nt1.data, nt2.data, nt1.len);
    kg_buf_release(&nt1);
    kg_buf_release(&nt2);
    /* not with evidence graphs, nor for a graph of two articles */
    opt.format = KG_RDF_NQUADS;
    opt.provenance = KG_PROV_MODE_GRAPHS;
    assert_int_equal(kg_rdf_write(&f.g, &opt, &out, &d), -1);
    assert_non_null(strstr(d.first, "cannot be combined"));
    release(&f);
    build_rich(&f);
    opt.provenance = KG_PROV_MODE_REIFY;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_rdf_write(&f.g, &opt, &out, &d), -1);
    assert_non_null(strstr(d.first, "needs a graph of one article, not 2"));
    release(&f);
    kg_buf_release(&out);
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}

/* A set is the union of its graphs, in the order statements first came;
 * a copying set outlives them. */
static void sets_are_unions_in_order(void **state)
{
    (void)state;
    kg_rdf_options opt;
    kg_rdf_options_init(&opt);
    opt.format = KG_RDF_NTRIPLES;
    opt.tool_version = "test";
    kg_diag d;
    kg_diag_init(&d, NULL);
    fixture fa, fb;
    one_article(&fa, "a1", "Jane Doe works for Acme.", 0.9);
    one_article(&fb, "b2", "Acme employs Jane Doe.", 0.5);
    kg_buf na, nb;
    kg_buf_init(&na);
    kg_buf_init(&nb);
    assert_int_equal(kg_rdf_write(&fa.g, &opt, &na, &d), 0);
    assert_int_equal(kg_rdf_write(&fb.g, &opt, &nb, &d), 0);

    kg_rdf_set *all = kg_rdf_set_new(&fa.o, BASE, true, &d);
    assert_non_null(all);
    kg_rdf_set *sa = kg_rdf_set_new(&fa.o, BASE, false, &d);
    kg_rdf_set *sb = kg_rdf_set_new(&fb.o, BASE, false, &d);
    assert_int_equal(kg_rdf_set_add_graph(sa, &fa.g, &opt), 0);
    assert_int_equal(kg_rdf_set_add_graph(sb, &fb.g, &opt), 0);
    assert_int_equal(kg_rdf_set_count(sa), count_lines(na.data));
    assert_int_equal(kg_rdf_set_merge(all, sa), 0);
    assert_int_equal(kg_rdf_set_merge(all, sb), 0);
    kg_rdf_set_free(sa);
    kg_rdf_set_free(sb);
    release(&fa);
    release(&fb);

    kg_buf out;
    kg_buf_init(&out);
    assert_int_equal(kg_rdf_set_write(all, KG_RDF_NTRIPLES, &out), 0);
    /* a's lines, then b's lines a did not have */
    kg_buf want;
    kg_buf_init(&want);
    assert_int_equal(kg_buf_append(&want, na.data, na.len), 0);
    size_t shared = 0;
    for (char *l = nb.data; *l;) {
        char *end = strchr(l, '\n') + 1;
        char line[4096];
        snprintf(line, sizeof line, "%.*s", (int)(end - l), l);
        if (strstr(na.data, line))
            shared++;
        else
            assert_int_equal(kg_buf_append(&want, l, (size_t)(end - l)), 0);
        l = end;
    }
    /* the fact, Jane's and Acme's descriptions, the agent and the ontology */
    assert_true(shared >= 8);
    assert_int_equal(kg_rdf_set_count(all), count_lines(want.data));
    assert_int_equal(out.len, want.len);
    assert_memory_equal(out.data, want.data, out.len);
    /* the same statements as N-Quads and Turtle parse back */
    kg_buf_clear(&out);
    assert_int_equal(kg_rdf_set_write(all, KG_RDF_TURTLE, &out), 0);
    parsed p;
    parse(KG_RDF_TURTLE, &out, &p);
    assert_int_equal(p.n, kg_rdf_set_count(all));
    parsed_free(&p);
    kg_rdf_set_free(all);
    kg_buf_release(&out);
    kg_buf_release(&want);
    kg_buf_release(&na);
    kg_buf_release(&nb);
}

static void names_of_formats(void **state)
{
    (void)state;
    assert_int_equal(kg_rdf_format_parse("ttl"), KG_RDF_TURTLE);
    assert_int_equal(kg_rdf_format_parse("Turtle"), KG_RDF_TURTLE);
    assert_int_equal(kg_rdf_format_parse("nt"), KG_RDF_NTRIPLES);
    assert_int_equal(kg_rdf_format_parse("n-quads"), KG_RDF_NQUADS);
    assert_int_equal(kg_rdf_format_parse("trig"), KG_RDF_TRIG);
    assert_int_equal(kg_rdf_format_parse("dot"), -1);
    assert_int_equal(kg_rdf_format_parse(NULL), -1);
    assert_int_equal(kg_rdf_format_from_path("out/a.nq"), KG_RDF_NQUADS);
    assert_int_equal(kg_rdf_format_from_path("a.TTL"), KG_RDF_TURTLE);
    assert_int_equal(kg_rdf_format_from_path("a.trig"), KG_RDF_TRIG);
    assert_int_equal(kg_rdf_format_from_path("x.d/a"), -1);
    assert_int_equal(kg_rdf_format_from_path("a.svg"), -1);
    assert_string_equal(kg_rdf_format_ext(KG_RDF_NTRIPLES), "nt");
    assert_int_equal(kg_rdf_provenance_parse("graphs"), KG_PROV_MODE_GRAPHS);
    assert_int_equal(kg_rdf_provenance_parse("reify"), KG_PROV_MODE_REIFY);
    assert_int_equal(kg_rdf_provenance_parse("none"), KG_PROV_MODE_NONE);
    assert_int_equal(kg_rdf_provenance_parse("all"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ntriples_golden),
        cmocka_unit_test(turtle_uses_prefixes),
        cmocka_unit_test(every_format_parses_and_is_deterministic),
        cmocka_unit_test(formats_hold_the_same_statements),
        cmocka_unit_test(negated_and_attributed_are_not_asserted),
        cmocka_unit_test(hostile_text_round_trips),
        cmocka_unit_test(foreign_iris_are_made_valid),
        cmocka_unit_test(confidence_has_three_decimals),
        cmocka_unit_test(errors_are_reported),
        cmocka_unit_test(output_is_appended),
        cmocka_unit_test(schema_describes_the_ontology),
        cmocka_unit_test(schema_with_graph_has_no_duplicates),
        cmocka_unit_test(graph_without_ontology),
        cmocka_unit_test(names_of_formats),
        cmocka_unit_test(own_ntriples_writer_matches_raptor),
        cmocka_unit_test(article_graphs_hold_everything_of_their_article),
        cmocka_unit_test(sets_are_unions_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
