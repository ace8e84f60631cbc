/* test_ontology.c - the ontology API: loading, lookups, is_a with mixins,
 * trigger matching, CURIE expansion, inherited styles, imports relative to
 * the importing file, SHA-256 of each file, and the shipped ontologies.
 * Runs from the repository root (tests/run-all.sh does). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/sha256.h"
#include "ontology/ontology.h"

static char tmpdir[64];

static void write_file(const char *rel, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static const char *tpath(const char *rel)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
    return path;
}

static const char main_yaml[] =
    "id: https://example.org/t\n"
    "name: t\n"
    "prefixes:\n"
    "  ex: https://example.org/t/\n"
    "  schema: https://schema.org/\n"
    "  wd: http://www.wikidata.org/entity/\n"
    "default_prefix: ex\n"
    "base: https://example.org/\n"
    "classes:\n"
    "  Thing: {shape: ellipse, fillcolor: \"#eeeeee\"}\n"
    "  Agent: {is_a: Thing}\n"
    "  Person: {is_a: Agent, class_uri: schema:Person, fillcolor: \"#fde0c5\"}\n"
    "  Place: {is_a: Thing, shape: hexagon}\n"
    "  GeopoliticalEntity: {is_a: Place, mixins: [Agent]}\n"
    "  City: {is_a: GeopoliticalEntity}\n"
    "  Country: {is_a: GeopoliticalEntity}\n"
    "relations:\n"
    "  states:\n"
    "    triggers: {verbs: [say, set]}\n"
    "  sets_up:\n"
    "    triggers: {verbs: [\"set up\"]}\n"
    "  sets_out:\n"
    "    triggers: {verbs: [{verb: set, particle: out}]}\n"
    "  builds:\n"
    "    triggers: {verbs: [build]}\n"
    "  builds_on:\n"
    "    triggers: {verbs: [{verb: build, prep: on}]}\n"
    "  returns_to:\n"
    "    triggers: {verbs: [\"return to\"]}\n"
    "  comes_up_with:\n"
    "    triggers: {verbs: [come up with]}\n"
    "  leads:\n"
    "    domain: Agent\n"
    "    range: Agent\n"
    "  leader_of:\n"
    "    is_a: leads\n"
    "    domain: Person\n"
    "    triggers: {nouns: [leader, Prime  Minister]}\n"
    "  spokesperson_of:\n"
    "    triggers: {nouns: [spokesman, spokeswoman]}\n"
    "  capital_of:\n"
    "    domain: City\n"
    "    range: Country\n"
    "    inverse: has_capital\n"
    "  has_capital: {}\n"
    "  meets: {symmetric: true, domain: Agent}\n"
    "entities:\n"
    "  south_korea:\n"
    "    class: Country\n"
    "    label: South Korea\n"
    "    aliases: [ROK]\n"
    "    same_as: [wd:Q884]\n"
    "  seoul:\n"
    "    class: City\n"
    "    label: Seoul\n"
    "    stands_for: south_korea\n";

static kg_ontology *load_ok(const char *path)
{
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_ontology *o = kg_ontology_load(path, &d);
    if (!o)
        fprintf(stderr, "%s\n", d.first);
    assert_non_null(o);
    assert_int_equal(d.nerrors, 0);
    return o;
}

static int setup(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/kg-test-ontology-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    write_file("main.yaml", main_yaml);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_lookups(void **state)
{
    (void)state;
    kg_ontology *o = load_ok(tpath("main.yaml"));
    int person = kg_ontology_class(o, "Person");
    assert_true(person >= 0);
    assert_string_equal(o->classes[person].name, "Person");
    assert_string_equal(o->classes[person].iri, "https://schema.org/Person");
    assert_string_equal(o->classes[person].label, "person");
    assert_int_equal(o->classes[person].pos.line, 12);
    assert_int_equal(o->classes[person].pos.col, 3);
    int gpe = kg_ontology_class(o, "GeopoliticalEntity");
    assert_string_equal(o->classes[gpe].iri,
                        "https://example.org/t/GeopoliticalEntity");
    assert_string_equal(o->classes[gpe].label, "geopolitical entity");
    assert_int_equal(kg_ontology_class(o, "person"), -1); /* case matters */
    assert_int_equal(kg_ontology_class(o, "Nothing"), -1);
    assert_int_equal(kg_ontology_class(o, NULL), -1);

    int cap = kg_ontology_relation(o, "capital_of");
    assert_true(cap >= 0);
    assert_string_equal(o->relations[cap].label, "capital of");
    assert_int_equal(kg_ontology_relation(o, "capital"), -1);

    int kr = kg_ontology_entity(o, "south_korea");
    int seoul = kg_ontology_entity(o, "seoul");
    assert_true(kr >= 0 && seoul >= 0);
    const kg_entity *e = &o->entities[kr];
    assert_string_equal(e->iri, "https://example.org/t/south_korea");
    assert_string_equal(e->label, "South Korea");
    assert_int_equal(e->cls, kg_ontology_class(o, "Country"));
    assert_int_equal(e->naliases, 1);
    assert_string_equal(e->aliases[0], "ROK");
    assert_int_equal(e->nsame_as, 1);
    assert_string_equal(e->same_as[0], "http://www.wikidata.org/entity/Q884");
    assert_int_equal(e->stands_for, -1);
    assert_int_equal(o->entities[seoul].stands_for, kr);
    assert_int_equal(kg_ontology_entity_by_name(o, "ROK", 3), kr);
    assert_int_equal(kg_ontology_entity_by_name(o, "Seoul", 5), seoul);
    assert_int_equal(kg_ontology_entity_by_name(o, "rok", 3), -1);

    assert_string_equal(o->id, "https://example.org/t");
    assert_string_equal(o->name, "t");
    assert_string_equal(o->base, "https://example.org/");
    assert_string_equal(o->default_prefix, "ex");
    kg_ontology_free(o);
}

static void test_is_a_with_mixins(void **state)
{
    (void)state;
    kg_ontology *o = load_ok(tpath("main.yaml"));
    int thing = kg_ontology_class(o, "Thing");
    int agent = kg_ontology_class(o, "Agent");
    int person = kg_ontology_class(o, "Person");
    int place = kg_ontology_class(o, "Place");
    int gpe = kg_ontology_class(o, "GeopoliticalEntity");
    int city = kg_ontology_class(o, "City");
    assert_true(kg_ontology_is_a(o, person, agent));
    assert_true(kg_ontology_is_a(o, person, thing));
    assert_true(kg_ontology_is_a(o, person, person));
    assert_true(kg_ontology_is_a(o, gpe, agent)); /* through the mixin */
    assert_true(kg_ontology_is_a(o, city, agent)); /* parent's mixin */
    assert_true(kg_ontology_is_a(o, city, place));
    assert_false(kg_ontology_is_a(o, agent, person));
    assert_false(kg_ontology_is_a(o, person, place));
    assert_false(kg_ontology_is_a(o, -1, thing));
    assert_false(kg_ontology_is_a(o, person, -1));
    assert_int_equal(o->classes[gpe].nmixins, 1);
    assert_int_equal(o->classes[gpe].mixins[0], agent);
    kg_ontology_free(o);
}

/* Relation names of the matches, comma-separated. */
static const char *verbs(const kg_ontology *o, const char *lemma,
                         const char *particle, const char *prep, size_t max)
{
    static char buf[256];
    const kg_trigger *out[8];
    size_t n = kg_ontology_verb_triggers(o, lemma, particle, prep, out, max);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(buf, ",");
        strcat(buf, o->relations[out[i]->relation].name);
    }
    return buf;
}

static void test_verb_triggers(void **state)
{
    (void)state;
    kg_ontology *o = load_ok(tpath("main.yaml"));
    assert_string_equal(verbs(o, "say", NULL, NULL, 8), "states");
    /* shorthand "set up": the word may come as a particle or a prep */
    assert_string_equal(verbs(o, "set", "up", NULL, 8), "sets_up,states");
    assert_string_equal(verbs(o, "set", NULL, "up", 8), "sets_up,states");
    assert_string_equal(verbs(o, "set", NULL, NULL, 8), "states");
    /* mapping form {verb: set, particle: out}: a particle only */
    assert_string_equal(verbs(o, "set", "out", NULL, 8), "sets_out,states");
    assert_string_equal(verbs(o, "set", NULL, "out", 8), "states");
    /* mapping form {verb: build, prep: on}: a preposition only */
    assert_string_equal(verbs(o, "build", NULL, "on", 8), "builds_on,builds");
    assert_string_equal(verbs(o, "build", "on", NULL, 8), "builds");
    assert_string_equal(verbs(o, "build", NULL, NULL, 8), "builds");
    /* case-insensitive lemma and words */
    assert_string_equal(verbs(o, "Return", NULL, "TO", 8), "returns_to");
    assert_string_equal(verbs(o, "return", NULL, NULL, 8), "");
    /* three words: particle and preposition both required */
    assert_string_equal(verbs(o, "come", "up", "with", 8), "comes_up_with");
    assert_string_equal(verbs(o, "come", "up", NULL, 8), "");
    /* max limits what is written, best first */
    assert_string_equal(verbs(o, "set", "up", NULL, 1), "sets_up");
    assert_string_equal(verbs(o, "unknown", NULL, NULL, 8), "");
    assert_string_equal(verbs(o, "leader", NULL, NULL, 8), ""); /* a noun */

    const kg_trigger *out[4];
    assert_int_equal(kg_ontology_verb_triggers(o, "set", "up", NULL, out, 4),
                     2);
    assert_int_equal(out[0]->kind, KG_TRIGGER_VERB);
    assert_string_equal(out[0]->lemma, "set");
    assert_string_equal(out[0]->particle, "up");
    assert_null(out[0]->prep);
    assert_true(out[0]->either);
    kg_ontology_free(o);
}

static void test_noun_triggers(void **state)
{
    (void)state;
    kg_ontology *o = load_ok(tpath("main.yaml"));
    const kg_trigger *out[4];
    assert_int_equal(kg_ontology_noun_triggers(o, "spokeswoman", out, 4), 1);
    assert_int_equal(out[0]->relation,
                     kg_ontology_relation(o, "spokesperson_of"));
    assert_int_equal(out[0]->kind, KG_TRIGGER_NOUN);
    /* stored folded, whitespace collapsed */
    assert_int_equal(kg_ontology_noun_triggers(o, "prime minister", out, 4),
                     1);
    assert_string_equal(out[0]->lemma, "prime minister");
    assert_int_equal(kg_ontology_noun_triggers(o, "Leader", out, 4), 1);
    assert_int_equal(kg_ontology_noun_triggers(o, "say", out, 4), 0);
    assert_int_equal(kg_ontology_noun_triggers(o, NULL, out, 4), 0);
    kg_ontology_free(o);
}

static void test_relations_resolved(void **state)
{
    (void)state;
    kg_ontology *o = load_ok(tpath("main.yaml"));
    const kg_relation *cap = &o->relations[kg_ontology_relation(o, "capital_of")];
    const kg_relation *has = &o->relations[kg_ontology_relation(o, "has_capital")];
    /* the undeclared side of an inverse pair is filled in, crosswise */
    assert_int_equal(has->inverse, kg_ontology_relation(o, "capital_of"));
    assert_int_equal(cap->inverse, kg_ontology_relation(o, "has_capital"));
    assert_int_equal(has->domain, kg_ontology_class(o, "Country"));
    assert_int_equal(has->range, kg_ontology_class(o, "City"));
    /* range inherited through is_a; own domain kept */
    const kg_relation *lo = &o->relations[kg_ontology_relation(o, "leader_of")];
    assert_int_equal(lo->parent, kg_ontology_relation(o, "leads"));
    assert_int_equal(lo->domain, kg_ontology_class(o, "Person"));
    assert_int_equal(lo->range, kg_ontology_class(o, "Agent"));
    /* symmetric: one class on both sides */
    const kg_relation *m = &o->relations[kg_ontology_relation(o, "meets")];
    assert_true(m->symmetric);
    assert_int_equal(m->range, kg_ontology_class(o, "Agent"));
    assert_int_equal(m->inverse, -1);
    kg_ontology_free(o);
}

static void test_expand(void **state)
{
    (void)state;
    kg_ontology *o = load_ok(tpath("main.yaml"));
    assert_string_equal(kg_ontology_expand(o, "schema:Person"),
                        "https://schema.org/Person");
    assert_string_equal(kg_ontology_expand(o, "ex:x_y"),
                        "https://example.org/t/x_y");
    assert_string_equal(kg_ontology_expand(o, "https://a.example/b#c"),
                        "https://a.example/b#c");
    assert_string_equal(kg_ontology_expand(o, "urn:isbn:0451450523"),
                        "urn:isbn:0451450523");
    assert_null(kg_ontology_expand(o, "foaf:Person")); /* unknown prefix */
    assert_null(kg_ontology_expand(o, "Person"));
    assert_null(kg_ontology_expand(o, "schema:Per son"));
    assert_null(kg_ontology_expand(o, NULL));
    kg_ontology_free(o);
}

static void test_styles_inherited(void **state)
{
    (void)state;
    kg_ontology *o = load_ok(tpath("main.yaml"));
    int person = kg_ontology_class(o, "Person");
    int city = kg_ontology_class(o, "City");
    int agent = kg_ontology_class(o, "Agent");
    assert_string_equal(kg_ontology_class_style(o, person, "fillcolor"),
                        "#fde0c5");
    assert_string_equal(kg_ontology_class_style(o, person, "shape"),
                        "ellipse"); /* Person -> Agent -> Thing */
    assert_string_equal(kg_ontology_class_style(o, agent, "fillcolor"),
                        "#eeeeee");
    /* is_a only: City's mixin Agent does not give it an ellipse */
    assert_string_equal(kg_ontology_class_style(o, city, "shape"), "hexagon");
    assert_null(kg_ontology_class_style(o, city, "fontcolor"));
    assert_null(kg_ontology_class_style(o, city, "penwidth"));
    assert_null(kg_ontology_class_style(o, -1, "shape"));
    assert_null(o->classes[person].shape); /* own value only */
    kg_ontology_free(o);
}

static void test_imports_relative(void **state)
{
    (void)state;
    char sub[128];
    snprintf(sub, sizeof sub, "%s/sub", tmpdir);
    mkdir(sub, 0700);
    static const char a[] =
        "imports: [b]\n" /* sub/b.yaml: relative to this file, .yaml added */
        "default_prefix: ex\n"
        "classes:\n  Person: {is_a: Agent}\n";
    static const char b[] =
        "prefixes: {ex: \"https://example.org/b/\"}\n"
        "default_prefix: ex\n"
        "classes:\n  Agent: {fillcolor: \"#123456\"}\n";
    static const char top[] =
        "imports: [sub/a.yaml]\n"
        "prefixes: {ent: \"https://example.org/e/\"}\n"
        "default_prefix: ent\n"
        "entities:\n  bob: {class: Person}\n";
    write_file("sub/a.yaml", a);
    write_file("sub/b.yaml", b);
    write_file("top.yaml", top);
    kg_ontology *o = load_ok(tpath("top.yaml"));
    assert_int_equal(o->nfiles, 3);
    char want[256];
    snprintf(want, sizeof want, "%s/top.yaml", tmpdir);
    assert_string_equal(o->files[0].path, want);
    snprintf(want, sizeof want, "%s/sub/a.yaml", tmpdir);
    assert_string_equal(o->files[1].path, want);
    snprintf(want, sizeof want, "%s/sub/b.yaml", tmpdir);
    assert_string_equal(o->files[2].path, want);
    /* definitions: imported first */
    assert_int_equal(o->nclasses, 2);
    assert_string_equal(o->classes[0].name, "Agent");
    assert_string_equal(o->classes[1].name, "Person");
    assert_string_equal(o->classes[0].pos.file, want);
    assert_string_equal(o->classes[1].iri, "https://example.org/b/Person");
    assert_string_equal(kg_ontology_class_style(o, 1, "fillcolor"), "#123456");
    int bob = kg_ontology_entity(o, "bob");
    assert_string_equal(o->entities[bob].iri, "https://example.org/e/bob");
    assert_string_equal(o->entities[bob].label, "bob");
    assert_string_equal(o->base, "https://example.org/e/");

    /* sha256 of each file as read */
    static const char *const texts[] = {top, a, b};
    for (size_t i = 0; i < 3; i++) {
        unsigned char d[32];
        kg_sha256(texts[i], strlen(texts[i]), d);
        assert_memory_equal(o->files[i].sha256, d, 32);
    }
    kg_ontology_free(o);
}

static void test_errors(void **state)
{
    (void)state;
    write_file("bad.yaml", "default_prefix: ex\n"
                           "prefixes: {ex: \"https://example.org/x/\"}\n"
                           "classes:\n"
                           "  Person: {is_a: Persn}\n"
                           "  City: {colour: red}\n");
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_null(kg_ontology_load(tpath("bad.yaml"), &d));
    assert_int_equal(d.nerrors, 2);
    char want[256];
    snprintf(want, sizeof want,
             "%s:5:10: error: unknown key 'colour' in class 'City' (did you "
             "mean 'color'?)",
             tpath("bad.yaml"));
    assert_string_equal(d.first, want);

    /* a missing file: the io layer's message */
    kg_diag_init(&d, NULL);
    assert_null(kg_ontology_load(tpath("none.yaml"), &d));
    assert_int_equal(d.nerrors, 1);
    assert_non_null(strstr(d.first, "cannot open file"));

    /* warnings do not fail the load; they are counted */
    write_file("warn.yaml", "default_prefix: ex\n"
                            "prefixes: {ex: \"https://example.org/x/\"}\n"
                            "classes: {Person: }\n"
                            "entities:\n"
                            "  a: {class: Person, aliases: [Kim]}\n"
                            "  b: {class: Person, aliases: [Kim]}\n");
    kg_diag_init(&d, NULL);
    kg_ontology *o = kg_ontology_load(tpath("warn.yaml"), &d);
    assert_non_null(o);
    assert_int_equal(d.nerrors, 0);
    assert_int_equal(d.nwarnings, 1);
    /* the first claimant keeps the name */
    assert_int_equal(kg_ontology_entity_by_name(o, "Kim", 3),
                     kg_ontology_entity(o, "a"));
    kg_ontology_free(o);
}

/* From memory: the same ontology as from the file, except the SHA-256 of
 * the text given; imports resolve against the name's directory; errors
 * carry the name. */
static void test_parse_memory(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_ontology *o = kg_ontology_parse(tpath("mem.yaml"), main_yaml,
                                       strlen(main_yaml), &d);
    assert_non_null(o);
    assert_int_equal(d.nerrors, 0);
    assert_int_equal(o->nfiles, 1);
    assert_string_equal(o->files[0].path, tpath("mem.yaml"));
    unsigned char sum[32];
    kg_sha256(main_yaml, strlen(main_yaml), sum);
    assert_memory_equal(o->files[0].sha256, sum, 32);
    assert_int_equal(o->nclasses, 7);
    assert_int_equal(o->entities[kg_ontology_entity(o, "seoul")].stands_for,
                     kg_ontology_entity(o, "south_korea"));
    kg_ontology_free(o);

    static const char imp[] = "imports: [main]\n"
                              "prefixes: {ent: \"https://example.org/e/\"}\n"
                              "default_prefix: ent\n"
                              "entities:\n  bob: {class: Person}\n";
    kg_diag_init(&d, NULL);
    o = kg_ontology_parse(tpath("mem.yaml"), imp, strlen(imp), &d);
    assert_non_null(o);
    assert_int_equal(o->nfiles, 2);
    assert_string_equal(o->files[1].path, tpath("main.yaml"));
    assert_true(kg_ontology_entity(o, "bob") >= 0);
    kg_ontology_free(o);

    /* not NUL-terminated, and no text at all */
    kg_diag_init(&d, NULL);
    assert_null(kg_ontology_parse("x.yaml", "classes: [", 10, &d));
    assert_int_equal(strncmp(d.first, "x.yaml:", 7), 0);
    kg_diag_init(&d, NULL);
    assert_null(kg_ontology_parse("x.yaml", NULL, 0, &d));
    assert_string_equal(d.first, "x.yaml: error: empty ontology file");
}

static void test_summary(void **state)
{
    (void)state;
    kg_ontology *o = load_ok(tpath("main.yaml"));
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    kg_ontology_summary(o, f);
    fclose(f);
    assert_non_null(strstr(buf, "\n      Person schema:Person \"person\" "
                                "fillcolor=#fde0c5\n"));
    assert_non_null(strstr(buf, "  capital_of ex:capital_of \"capital of\" "
                                "City -> Country inverse: has_capital\n"));
    assert_non_null(strstr(buf, "    verbs: set up\n"));
    free(buf);
    kg_ontology_free(o);
}

static void test_shipped_news(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_ontology *o = kg_ontology_load("schema/news.yaml", &d);
    assert_non_null(o);
    assert_int_equal(d.nwarnings, 0);
    assert_true(o->nclasses >= 30);
    assert_true(o->nrelations >= 35);
    static const struct {
        const char *cls, *iri;
    } uris[] = {
        {"Person", "https://schema.org/Person"},
        {"Organization", "https://schema.org/Organization"},
        {"GovernmentOrganization", "https://schema.org/GovernmentOrganization"},
        {"MediaOrganization", "https://schema.org/NewsMediaOrganization"},
        {"EducationalOrganization", "https://schema.org/EducationalOrganization"},
        {"Country", "https://schema.org/Country"},
        {"City", "https://schema.org/City"},
        {"Place", "https://schema.org/Place"},
        {"Event", "https://schema.org/Event"},
    };
    for (size_t i = 0; i < sizeof uris / sizeof uris[0]; i++) {
        int c = kg_ontology_class(o, uris[i].cls);
        assert_true(c >= 0);
        assert_string_equal(o->classes[c].iri, uris[i].iri);
    }
    int agent = kg_ontology_class(o, "Agent");
    assert_true(kg_ontology_is_a(o, kg_ontology_class(o, "Country"), agent));
    assert_true(kg_ontology_is_a(o, kg_ontology_class(o, "City"), agent));
    assert_true(kg_ontology_is_a(o, kg_ontology_class(o, "Summit"),
                                 kg_ontology_class(o, "Event")));
    static const struct {
        const char *lemma, *particle, *prep, *rel;
    } v[] = {
        {"say", NULL, NULL, "states"},
        {"criticise", NULL, NULL, "criticizes"},
        {"lambast", NULL, NULL, "criticizes"},
        {"reject", NULL, NULL, "rejects"},
        {"call", NULL, "for", "demands"},
        {"push", NULL, "for", "pushes_for"},
        {"build", NULL, "on", "builds_on"},
        {"return", NULL, "to", "returns_to"},
        {"go", "back", "to", "returns_to"},
        {"set", "up", NULL, "sets_up"},
        {"teach", NULL, "at", "teaches_at"},
        {"meet", NULL, "with", "meets"},
        {"violate", NULL, NULL, "violates"},
        {"affirm", NULL, NULL, "supports"},
        {"plan", NULL, NULL, "plans"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        const kg_trigger *out[4];
        size_t n = kg_ontology_verb_triggers(o, v[i].lemma, v[i].particle,
                                             v[i].prep, out, 4);
        assert_true(n >= 1);
        assert_string_equal(o->relations[out[0]->relation].name, v[i].rel);
    }
    static const struct {
        const char *noun, *rel;
    } nn[] = {
        {"spokesman", "spokesperson_of"}, {"spokeswoman", "spokesperson_of"},
        {"spokesperson", "spokesperson_of"}, {"adviser", "adviser_to"},
        {"advisor", "adviser_to"}, {"president", "president_of"},
        {"leader", "leader_of"}, {"capital", "capital_of"},
        {"professor", "teaches_at"},
    };
    for (size_t i = 0; i < sizeof nn / sizeof nn[0]; i++) {
        const kg_trigger *out[4];
        assert_true(kg_ontology_noun_triggers(o, nn[i].noun, out, 4) >= 1);
        assert_string_equal(o->relations[out[0]->relation].name, nn[i].rel);
    }
    const kg_relation *meets = &o->relations[kg_ontology_relation(o, "meets")];
    assert_true(meets->symmetric);
    const kg_relation *cap = &o->relations[kg_ontology_relation(o, "capital_of")];
    assert_int_equal(cap->inverse, kg_ontology_relation(o, "has_capital"));
    kg_ontology_free(o);
}

static void test_shipped_korea(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_ontology *o = kg_ontology_load("schema/korea.yaml", &d);
    assert_non_null(o);
    assert_int_equal(d.nwarnings, 0);
    /* korea.yaml imports news.yaml, which imports the world gazetteer */
    assert_int_equal(o->nfiles, 3);
    assert_string_equal(o->files[1].path, "schema/news.yaml");
    assert_string_equal(o->files[2].path, "schema/world.yaml");
    /* a bare family name is nobody's alias */
    assert_int_equal(kg_ontology_entity_by_name(o, "Kim", 3), -1);
    static const struct {
        const char *name, *id;
    } names[] = {
        {"Kim Jong Un", "kim_jong_un"},
        {"Kim Jong-un", "kim_jong_un"},
        {"the North Korean leader", "kim_jong_un"},
        {"Moon", "moon_jae_in"},
        {"Kim Eui-keum", "kim_eui_keum"},
        {"Trump", "donald_trump"},
        {"Mike Pompeo", "michael_pompeo"},
        {"the secretary of state", "michael_pompeo"},
        {"Bolton", "john_bolton"},
        {"DPRK", "north_korea"},
        {"the North", "north_korea"},
        {"ROK", "south_korea"},
        {"U.S.", "united_states"},
        {"America", "united_states"},
        {"U.N.", "united_nations"},
        {"KCNA", "korean_central_news_agency"},
        {"Chosun", "chosun_ilbo"},
        {"Kaesong", "gaeseong_industrial_complex"},
        {"the North Korean capital", "pyongyang"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int e = kg_ontology_entity_by_name(o, names[i].name,
                                           strlen(names[i].name));
        assert_true(e >= 0);
        assert_string_equal(o->entities[e].id, names[i].id);
    }
    static const struct {
        const char *city, *country;
    } metonymy[] = {
        {"seoul", "south_korea"},
        {"pyongyang", "north_korea"},
        {"washington", "united_states"},
    };
    for (size_t i = 0; i < 3; i++) {
        int c = kg_ontology_entity(o, metonymy[i].city);
        assert_int_equal(o->entities[c].cls, kg_ontology_class(o, "City"));
        assert_int_equal(o->entities[c].stands_for,
                         kg_ontology_entity(o, metonymy[i].country));
    }
    int office = kg_ontology_entity(o, "inter_korean_liaison_office");
    assert_int_equal(o->entities[office].cls, kg_ontology_class(o, "Facility"));
    int war = kg_ontology_entity(o, "korean_war");
    assert_true(kg_ontology_is_a(o, o->entities[war].cls,
                                 kg_ontology_class(o, "Event")));
    int kim = kg_ontology_entity(o, "kim_jong_un");
    assert_string_equal(o->entities[kim].iri,
                        "https://kgraph.example.org/entity/kim_jong_un");
    kg_ontology_free(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_is_a_with_mixins),
        cmocka_unit_test(test_verb_triggers),
        cmocka_unit_test(test_noun_triggers),
        cmocka_unit_test(test_relations_resolved),
        cmocka_unit_test(test_expand),
        cmocka_unit_test(test_styles_inherited),
        cmocka_unit_test(test_imports_relative),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_parse_memory),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_shipped_news),
        cmocka_unit_test(test_shipped_korea),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
