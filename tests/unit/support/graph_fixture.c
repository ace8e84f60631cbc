#include "graph_fixture.h"

#include <stdlib.h>
#include <string.h>

/* --- ontology ---------------------------------------------------------------- */

typedef struct class_def {
    const char *name, *label, *parent, *shape, *color, *fillcolor, *fontcolor;
} class_def;

static const class_def CLASSES[] = {
    {"Agent", NULL, NULL, NULL, NULL, NULL, NULL},
    {"Person", NULL, "Agent", "ellipse", "#c98a2b", "#fde9c9", NULL},
    {"Organization", NULL, "Agent", "box", "#4a78a8", "#dbe8f6", NULL},
    {"GovernmentOrganization", "Government organization", "Organization",
     NULL, "#6a5aa8", "#e2dcf5", NULL},
    {"NewsOrganization", "News organization", "Organization", NULL,
     "#b0577a", "#f8dde7", NULL},
    {"EducationalOrganization", "Educational organization", "Organization",
     NULL, NULL, NULL, NULL},
    {"Place", NULL, NULL, "hexagon", "#5c9446", "#e4f2da", NULL},
    {"Country", NULL, "Place", NULL, "#3f7a33", "#c4e3b3", NULL},
    {"City", NULL, "Place", NULL, NULL, NULL, NULL},
    {"Facility", NULL, "Place", "component", "#8a7a3c", "#f3ecd0", NULL},
    {"Event", NULL, NULL, "octagon", "#b84a3a", "#f9d9d2", NULL},
    {"CreativeWork", "Creative work", NULL, "note", "#777777", "#f4f4f4",
     NULL},
};

typedef struct relation_def {
    const char *name, *label, *inverse;
    bool symmetric;
} relation_def;

static const relation_def RELATIONS[] = {
    {"president_of", "president of", NULL, false},
    {"spokesperson_of", "spokesperson of", NULL, false},
    {"adviser_to", "adviser to", NULL, false},
    {"leader_of", "leader of", NULL, false},
    {"secretary_of_state_of", "secretary of state of", NULL, false},
    {"works_for", "works for", NULL, false},
    {"located_in", "located in", NULL, false},
    {"capital_of", "capital of", NULL, false},
    {"part_of", "part of", NULL, false},
    {"meets_with", "meets with", NULL, true},
    {"visits", "visits", NULL, false},
    {"criticizes", "criticizes", NULL, false},
    {"supports", "supports", NULL, false},
    {"violates", "violates", NULL, false},
    {"sponsors", "sponsors", NULL, false},
    {"reports_on", "reports on", NULL, false},
    {"has_spokesperson", "has spokesperson", "spokesperson_of", false},
    {"imposes", "imposes", NULL, false},
    {"affirms", "affirms", NULL, false},
    {"appears_on", "appears on", NULL, false},
    {"participates_in", "participates in", NULL, false},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define BASE "http://example.org/news/"

int kg_fixture_class(const kg_ontology *o, const char *name)
{
    for (size_t i = 0; i < o->nclasses; i++)
        if (!strcmp(o->classes[i].name, name))
            return (int)i;
    return -1;
}

int kg_fixture_relation(const kg_ontology *o, const char *name)
{
    for (size_t i = 0; i < o->nrelations; i++)
        if (!strcmp(o->relations[i].name, name))
            return (int)i;
    return -1;
}

kg_ontology *kg_fixture_ontology(void)
{
    kg_ontology *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    kg_arena_init(&o->arena);
    kg_strmap_init(&o->class_by_name);
    kg_strmap_init(&o->relation_by_name);
    kg_strmap_init(&o->entity_by_id);
    kg_strmap_init(&o->verb_triggers);
    kg_strmap_init(&o->noun_triggers);
    o->id = BASE "ontology";
    o->name = "fixture";
    o->base = BASE;
    o->nclasses = N(CLASSES);
    o->classes = kg_arena_calloc(&o->arena, o->nclasses, sizeof *o->classes);
    o->nrelations = N(RELATIONS);
    o->relations =
        kg_arena_calloc(&o->arena, o->nrelations, sizeof *o->relations);
    if (!o->classes || !o->relations) {
        kg_fixture_ontology_free(o);
        return NULL;
    }
    for (size_t i = 0; i < N(CLASSES); i++) {
        kg_class *c = &o->classes[i];
        const class_def *cd = &CLASSES[i];
        c->name = cd->name;
        c->label = cd->label ? cd->label : cd->name;
        c->iri = kg_arena_printf(&o->arena, "%sclass/%s", BASE, cd->name);
        c->parent = cd->parent ? kg_fixture_class(o, cd->parent) : -1;
        c->shape = cd->shape;
        c->color = cd->color;
        c->fillcolor = cd->fillcolor;
        c->fontcolor = cd->fontcolor;
    }
    for (size_t i = 0; i < N(RELATIONS); i++) {
        kg_relation *r = &o->relations[i];
        r->name = RELATIONS[i].name;
        r->label = RELATIONS[i].label;
        r->iri = kg_arena_printf(&o->arena, "%srel/%s", BASE, r->name);
        r->domain = r->range = -1;
        r->parent = -1;
        r->symmetric = RELATIONS[i].symmetric;
        r->inverse = -1;
    }
    for (size_t i = 0; i < N(RELATIONS); i++)
        if (RELATIONS[i].inverse) {
            int j = kg_fixture_relation(o, RELATIONS[i].inverse);
            o->relations[i].inverse = j;
            o->relations[j].inverse = (int)i;
        }
    return o;
}

void kg_fixture_ontology_free(kg_ontology *o)
{
    if (!o)
        return;
    kg_strmap_release(&o->class_by_name);
    kg_strmap_release(&o->relation_by_name);
    kg_strmap_release(&o->entity_by_id);
    kg_strmap_release(&o->verb_triggers);
    kg_strmap_release(&o->noun_triggers);
    kg_arena_release(&o->arena);
    free(o);
}

/* --- graphs ------------------------------------------------------------------ */

typedef struct entity_def {
    const char *key;   /* used by the triple table */
    const char *label;
    const char *cls;   /* NULL: untyped (Thing) */
    const char *alt[3];
} entity_def;

typedef struct triple_def {
    const char *subj, *rel, *open, *obj; /* rel NULL: open relation */
    int sentence;
    uint32_t flags;
    const char *speaker;
    double confidence;
} triple_def;

typedef struct fixture {
    const char *title, *source, *published, *id;
    const entity_def *ents;
    size_t nents;
    const triple_def *triples;
    size_t ntriples;
    const char *const *sentences;
} fixture;

static int node_of(const fixture *f, const int *nodes, const char *key)
{
    for (size_t i = 0; i < f->nents; i++)
        if (!strcmp(f->ents[i].key, key))
            return nodes[i];
    return -1;
}

static int build(kg_graph *g, const fixture *f, kg_diag *d)
{
    const kg_ontology *o = g->ont;
    kg_article a; /* only path and meta are read by the graph */
    memset(&a, 0, sizeof a);
    a.path = "fixture.txt";
    a.meta.id = f->id;
    a.meta.title = f->title;
    a.meta.source = f->source;
    a.meta.published = f->published;
    int rc = -1;
    int *nodes = calloc(f->nents ? f->nents : 1, sizeof *nodes);
    if (!nodes || kg_graph_add_article(g, &a, d) < 0)
        goto done;
    for (size_t i = 0; i < f->nents; i++) {
        const entity_def *e = &f->ents[i];
        int cls = e->cls ? kg_fixture_class(o, e->cls) : -1;
        nodes[i] = kg_graph_name_node(g, e->label, strlen(e->label), cls, d);
        if (nodes[i] < 0)
            goto done;
        for (size_t k = 0; k < 3 && e->alt[k]; k++)
            if (kg_graph_add_alt(g, nodes[i], e->alt[k], strlen(e->alt[k]),
                                 d) < 0)
                goto done;
    }
    for (size_t i = 0; i < f->ntriples; i++) {
        const triple_def *t = &f->triples[i];
        kg_prov p;
        memset(&p, 0, sizeof p);
        p.article = 0;
        p.sentence = (uint32_t)t->sentence;
        p.text = f->sentences[t->sentence];
        p.cstart = (uint32_t)t->sentence * 100;
        p.cend = p.cstart + (uint32_t)strlen(p.text);
        p.rule = "fixture";
        p.confidence = t->confidence;
        p.flags = t->flags;
        p.attributed_to = t->speaker ? node_of(f, nodes, t->speaker) : -1;
        int rel = t->rel ? kg_fixture_relation(o, t->rel) : -1;
        int s = node_of(f, nodes, t->subj), ob = node_of(f, nodes, t->obj);
        if (s < 0 || ob < 0 || (t->rel && rel < 0)) {
            kg_diag_error(d, NULL, 0, 0, "fixture: bad triple %zu", i);
            goto done;
        }
        if (kg_graph_add_triple(g, s, rel, t->open, ob, &p, strlen(p.text),
                                d) < 0) {
            kg_diag_error(d, NULL, 0, 0, "fixture: triple %zu refused", i);
            goto done;
        }
    }
    rc = kg_graph_finalize(g, d);
done:
    free(nodes);
    return rc;
}

/* Sentences of ../shared/articles/korea-liaison-office.txt (Bloomberg). */
static const char *const KOREA_SENT[] = {
    /* 0 */ "South Korea\u2019s plan to set up a liaison office at an "
            "industrial park it sponsors in North Korea is underscoring "
            "differences between Seoul and Washington over the pace of "
            "rapprochement with Kim Jong Un\u2019s regime.",
    /* 1 */ "The inter-Korean office slated to open this month at the "
            "Gaeseong complex might violate United Nations and U.S. "
            "sanctions, South Korea\u2019s Chosun newspaper reported Monday, "
            "citing an unidentified American official.",
    /* 2 */ "A State Department spokesperson later told Bloomberg News that "
            "improvements in ties between the two Koreas must occur \u201cin "
            "lockstep\u201d with progress on eliminating Kim\u2019s nuclear "
            "arsenal, without saying if the office would violate sanctions.",
    /* 3 */ "The liaison office is among several initiatives supported by "
            "South Korean President Moon Jae-in -- including reunions this "
            "week between families separated by the 1950-53 Korean War -- as "
            "he attempts to build on his landmark April agreement with Kim.",
    /* 4 */ "Moon spokesman Kim Eui-keum on Monday rejected the suggestion "
            "that establishing the liaison office would violate sanctions.",
    /* 5 */ "He said the facility was among the provisions affirmed by "
            "President Donald Trump and the North Korean leader at their own "
            "summit in June in Singapore.",
    /* 6 */ "\u201cIt\u2019s wrong to view the issue of the inter-Korean "
            "liaison office as a violation of sanctions,\u201d Kim Eui-keum "
            "told reporters in Seoul.",
    /* 7 */ "The issue has emerged as the region prepares for a new "
            "diplomatic flurry aimed at resolving the dispute over North "
            "Korea\u2019s nuclear weapons, with Chinese President Xi Jinping "
            "considering a trip to Pyongyang next month, the Straits Times of "
            "Singapore reported Saturday, without citing anyone.",
    /* 8 */ "Meanwhile, Moon planned his own visit to the North Korean "
            "capital -- the first by a South Korean leader in 11 years.",
    /* 9 */ "Moon must strike a difficult balance with Kim, amid U.S. "
            "pressure to maintain sanctions against the regime.",
    /* 10 */ "At same time, a commentary published Monday by the state-run "
             "Korean Central News Agency criticized what it said was a lack "
             "of consistency by South Korea and arguing that peace could only "
             "be achieved \u201cwithout the help of outside forces.\u201d",
    /* 11 */ "\u201cMoon needs to slow down his push for improving "
             "inter-Korean relations, because the relationship between South "
             "Korea and the U.S. will be on the line,\u201d said Song Jae-ik, "
             "who teaches national defense studies at Hanyang University in "
             "Seoul.",
    /* 12 */ "U.S. Secretary of State Michael Pompeo, Trump\u2019s point man "
             "for North Korea, has pushed for Kim to accept a clear time frame "
             "for abandoning his nuclear weapons.",
    /* 13 */ "North Korea has rejected the approach, with state-run media "
             "lambasting the U.S.\u2019s \u201cpressure diplomacy\u201d and "
             "saying it\u2019s relying on \u201coutdated gangster-like "
             "logic.\u201d",
    /* 14 */ "Trump\u2019s national security adviser, John Bolton, said during "
             "an appearance Sunday on ABC News\u2019s \u201cThis Week\u201d "
             "that Pompeo would \u201csoon\u201d return to North Korea.",
    /* 15 */ "Bolton said the Trump administration expected Kim Jong Un to "
             "meet with Pompeo, who didn\u2019t get an audience with the North "
             "Korean leader during his previous visit last month.",
    /* 16 */ "\u201cThis is to fulfill the commitment that Kim Jong Un made in "
             "Singapore, that he had previously made to the South Koreans, and "
             "to move on with the process of denuclearization,\u201d Bolton "
             "said.",
    /* 17 */ "In another possible sign of differing expectations, Bolton said "
             "that the White House expected North Korea to denuclearize within "
             "\u201cone year.\u201d",
    /* 18 */ "The day before Trump\u2019s meeting with Kim Jong Un, Moon told "
             "senior advisers that the process might take \u201cone year or "
             "two years, or even longer.\u201d",
    /* 19 */ "North Korea Liaison Office Shows U.S.-South Korea Fissures",
};

static const entity_def KOREA_ENTS[] = {
    {"moon", "Moon Jae-in", "Person", {"Moon", "President Moon Jae-in", NULL}},
    {"kimeuikeum", "Kim Eui-keum", "Person", {NULL}},
    {"kimjongun", "Kim Jong Un", "Person", {"Kim", "North Korean leader", NULL}},
    {"trump", "Donald Trump", "Person", {"Trump", "President Donald Trump", NULL}},
    {"bolton", "John Bolton", "Person", {"Bolton", NULL}},
    {"pompeo", "Michael Pompeo", "Person", {"Pompeo", NULL}},
    {"xi", "Xi Jinping", "Person", {"Chinese President Xi Jinping", NULL}},
    {"song", "Song Jae-ik", "Person", {NULL}},
    {"sk", "South Korea", "Country", {"South Korean", NULL}},
    {"nk", "North Korea", "Country", {"North Korean", NULL}},
    {"us", "United States", "Country", {"U.S.", NULL}},
    {"china", "China", "Country", {"Chinese", NULL}},
    {"singapore", "Singapore", "Country", {NULL}},
    {"seoul", "Seoul", "City", {NULL}},
    {"pyongyang", "Pyongyang", "City", {"North Korean capital", NULL}},
    {"washington", "Washington", "City", {NULL}},
    {"un", "United Nations", "GovernmentOrganization", {NULL}},
    {"statedept", "State Department", "GovernmentOrganization", {NULL}},
    {"whitehouse", "White House", "GovernmentOrganization",
     {"Trump administration", NULL}},
    {"bloomberg", "Bloomberg News", "NewsOrganization", {"Bloomberg", NULL}},
    {"chosun", "Chosun Ilbo", "NewsOrganization", {"Chosun", NULL}},
    {"kcna", "Korean Central News Agency", "NewsOrganization", {NULL}},
    {"straits", "The Straits Times", "NewsOrganization",
     {"Straits Times", NULL}},
    {"abc", "ABC News", "NewsOrganization", {NULL}},
    {"hanyang", "Hanyang University", "EducationalOrganization", {NULL}},
    {"office", "inter-Korean liaison office", "Facility",
     {"liaison office", "the facility", NULL}},
    {"gaeseong", "Gaeseong industrial complex", "Facility",
     {"Gaeseong complex", NULL}},
    {"summit", "Singapore summit", "Event", {NULL}},
    {"war", "Korean War", "Event", {NULL}},
    {"thisweek", "This Week", "CreativeWork", {NULL}},
    {"sanctions", "sanctions", NULL, {NULL}},
};

#define NEG KG_PROV_NEGATED
#define ATT KG_PROV_ATTRIBUTED

static const triple_def KOREA_TRIPLES[] = {
    {"moon", "president_of", NULL, "sk", 3, 0, NULL, 0.95},
    {"moon", "president_of", NULL, "sk", 8, 0, NULL, 0.6},
    {"kimeuikeum", "spokesperson_of", NULL, "moon", 4, 0, NULL, 0.9},
    {"moon", "has_spokesperson", NULL, "kimeuikeum", 6, 0, NULL, 0.7},
    {"bolton", "adviser_to", NULL, "trump", 14, 0, NULL, 0.9},
    {"trump", "president_of", NULL, "us", 5, 0, NULL, 0.8},
    {"kimjongun", "leader_of", NULL, "nk", 0, 0, NULL, 0.8},
    {"kimjongun", "leader_of", NULL, "nk", 5, 0, NULL, 0.7},
    {"kimjongun", "leader_of", NULL, "nk", 15, 0, NULL, 0.7},
    {"kimjongun", "leader_of", NULL, "nk", 16, 0, NULL, 0.6},
    {"pompeo", "secretary_of_state_of", NULL, "us", 12, 0, NULL, 0.9},
    {"pompeo", NULL, "point man for", "nk", 12, 0, NULL, 0.6},
    {"pompeo", "works_for", NULL, "trump", 12, 0, NULL, 0.7},
    {"xi", "president_of", NULL, "china", 7, 0, NULL, 0.9},
    {"xi", "visits", NULL, "pyongyang", 7, ATT, "straits", 0.6},
    {"song", "works_for", NULL, "hanyang", 11, 0, NULL, 0.8},
    {"hanyang", "located_in", NULL, "seoul", 11, 0, NULL, 0.8},
    {"seoul", "capital_of", NULL, "sk", 0, 0, NULL, 0.5},
    {"pyongyang", "capital_of", NULL, "nk", 8, 0, NULL, 0.6},
    {"washington", "capital_of", NULL, "us", 0, 0, NULL, 0.5},
    {"statedept", "part_of", NULL, "us", 2, 0, NULL, 0.6},
    {"whitehouse", "part_of", NULL, "us", 17, 0, NULL, 0.6},
    {"kcna", "located_in", NULL, "nk", 10, 0, NULL, 0.6},
    {"chosun", "located_in", NULL, "sk", 1, 0, NULL, 0.7},
    {"straits", "located_in", NULL, "singapore", 7, 0, NULL, 0.8},
    {"office", "located_in", NULL, "gaeseong", 1, 0, NULL, 0.8},
    {"gaeseong", "located_in", NULL, "nk", 0, 0, NULL, 0.8},
    {"sk", "sponsors", NULL, "gaeseong", 0, 0, NULL, 0.7},
    {"sk", NULL, "plans to set up", "office", 0, 0, NULL, 0.8},
    {"office", "violates", NULL, "sanctions", 1, ATT, "chosun", 0.5},
    {"office", "violates", NULL, "sanctions", 4, NEG | ATT, "kimeuikeum", 0.6},
    {"office", "violates", NULL, "sanctions", 6, NEG | ATT, "kimeuikeum", 0.6},
    {"moon", "supports", NULL, "office", 3, 0, NULL, 0.8},
    {"moon", "meets_with", NULL, "kimjongun", 3, 0, NULL, 0.6},
    {"trump", "meets_with", NULL, "kimjongun", 5, 0, NULL, 0.8},
    {"kimjongun", "meets_with", NULL, "trump", 18, 0, NULL, 0.8},
    {"trump", "participates_in", NULL, "summit", 5, 0, NULL, 0.7},
    {"kimjongun", "participates_in", NULL, "summit", 5, 0, NULL, 0.7},
    {"summit", "located_in", NULL, "singapore", 5, 0, NULL, 0.8},
    {"moon", "visits", NULL, "pyongyang", 8, 0, NULL, 0.7},
    {"bolton", "appears_on", NULL, "abc", 14, 0, NULL, 0.6},
    {"pompeo", "visits", NULL, "nk", 14, ATT, "bolton", 0.6},
    {"kimjongun", "meets_with", NULL, "pompeo", 15, ATT, "bolton", 0.5},
    {"kcna", "criticizes", NULL, "sk", 10, 0, NULL, 0.8},
    {"nk", "criticizes", NULL, "us", 13, 0, NULL, 0.7},
    {"statedept", NULL, "told", "bloomberg", 2, 0, NULL, 0.6},
    {"chosun", "reports_on", NULL, "office", 1, 0, NULL, 0.7},
    {"trump", "affirms", NULL, "office", 5, ATT, "kimeuikeum", 0.5},
    {"kimjongun", "affirms", NULL, "office", 5, ATT, "kimeuikeum", 0.5},
    {"un", "imposes", NULL, "sanctions", 1, 0, NULL, 0.6},
    {"us", "imposes", NULL, "sanctions", 9, 0, NULL, 0.6},
    {"song", "criticizes", NULL, "moon", 11, 0, NULL, 0.5},
    {"whitehouse", NULL, "expects to denuclearize within one year", "nk", 17,
     ATT, "bolton", 0.5},
};

int kg_fixture_korea(kg_graph *g, kg_diag *d)
{
    fixture f = {
        "North Korea Liaison Office Shows U.S.-South Korea Fissures",
        "Bloomberg", "2018-08-20", "korea-liaison-office",
        KOREA_ENTS, N(KOREA_ENTS), KOREA_TRIPLES, N(KOREA_TRIPLES),
        KOREA_SENT};
    return build(g, &f, d);
}

static const char *const TINY_SENT[] = {
    "Kim Eui-keum, Moon's spokesman, spoke.",
    "John Bolton is Trump's adviser.",
};

static const entity_def TINY_ENTS[] = {
    {"moon", "Moon Jae-in", "Person", {"Moon", NULL}},
    {"kim", "Kim Eui-keum", "Person", {NULL}},
    {"bolton", "John Bolton", "Person", {NULL}},
    {"trump", "Donald Trump", "Person", {NULL}},
    {"seoul", "Seoul", "City", {NULL}},
};

static const triple_def TINY_TRIPLES[] = {
    {"kim", "spokesperson_of", NULL, "moon", 0, 0, NULL, 0.9},
    {"bolton", "adviser_to", NULL, "trump", 1, 0, NULL, 0.8},
};

int kg_fixture_tiny(kg_graph *g, kg_diag *d)
{
    fixture f = {"Tiny", "Test", NULL, "tiny", TINY_ENTS, N(TINY_ENTS),
                 TINY_TRIPLES, N(TINY_TRIPLES), TINY_SENT};
    return build(g, &f, d);
}

static const char *const HOSTILE_SENT[] = {
    "He said \"a\\b\" <b>&amp;</b> &#0; & &foo; ]]> -- \\N \\G \\\n"
    "second line\r\n\tthird \x01\x1b\x7f \xc2\x85 end\\",
    "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 "
    "\xf0\x9f\x98\x80 \xe2\x80\xae reversed \xe2\x80\xac \xff\xfe bad",
};

static const entity_def HOSTILE_ENTS[] = {
    {"quote", "Say \"hi\" \\ <tag> & 'x'", "Person", {"a\\", "b\"", NULL}},
    {"backslash", "ends with \\", "Organization", {"\\N\\G\\E", NULL}},
    {"html", "<table><tr><td>&amp;</td></tr></table>", "City", {NULL}},
    {"newline", "line one\nline two\r\n{ [ ] } ; = \"", "Country", {NULL}},
    {"emoji", "\xf0\x9f\x98\x80 Smile \xf0\x9f\x87\xb0\xf0\x9f\x87\xb7", NULL,
     {NULL}},
    {"rtl", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a",
     "Event", {NULL}},
    {"ctrl", "ctl\x01\x1b\x7f \xc2\x85 x\xe2\x80\xa8y", "Facility", {NULL}},
    {"bad", "bad \xff\xfe utf8 \xc3", "Place", {NULL}},
    {"long", "A very long entity label that goes on and on without any "
             "particular end in sight, far longer than any real name",
     "Organization", {NULL}},
    {"dash", "-- comment -- <!-- -->", "Person", {NULL}},
};

static const triple_def HOSTILE_TRIPLES[] = {
    {"quote", NULL, "says \"no\" \\ <&>", "backslash", 0, 0, NULL, 0.9},
    {"backslash", NULL, "ends in \\", "html", 0, NEG, NULL, 0.5},
    {"html", "located_in", NULL, "newline", 1, ATT, "quote", 0.6},
    {"newline", NULL, "line\nbreak", "emoji", 1, ATT, "backslash", 0.4},
    {"emoji", NULL, "\xf0\x9f\x98\x80 \xd7\xa9\xd7\x9c", "rtl", 1, 0, NULL, 1.0},
    {"rtl", NULL, "ctl\x01 \x7f", "ctrl", 0, 0, NULL, 0.7},
    {"ctrl", NULL, "bad\xff", "bad", 1, 0, NULL, 0.7},
    {"bad", "part_of", NULL, "long", 0, 0, NULL, 0.8},
    {"long", NULL, "-- <!-- --> x", "dash", 0, ATT, "html", 0.8},
};

int kg_fixture_hostile(kg_graph *g, kg_diag *d)
{
    fixture f = {"Hostile \"title\" <b>&amp;</b> \\ \xf0\x9f\x98\x80\n2nd",
                 "Src & <Co> \\", "2020-01-01", "hostile", HOSTILE_ENTS,
                 N(HOSTILE_ENTS), HOSTILE_TRIPLES, N(HOSTILE_TRIPLES),
                 HOSTILE_SENT};
    return build(g, &f, d);
}
