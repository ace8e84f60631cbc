/* test_clause.c - clause rules (src/extract/clause.c) through the shipped
 * models: one test per rule, each on sentences of its own.
 *
 * The tagger and parser are statistical; every sentence here was checked
 * to be parsed the way the rule expects by the shipped models
 * (`kgraph parse`), and a test that fails after a model update may mean
 * the parse changed rather than the rule: look at `kgraph oie --clauses`
 * (one tokenized sentence a line) first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article/article.h"
#include "article/token.h"
#include "extract/clause.h"
#include "extract/oie.h"
#include "nlp/nlp.h"
#include "nlp/tags.h"

static kg_nlp *nlp;

static int setup(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, stderr);
    nlp = kg_nlp_load("models/en-ewt", &d);
    if (!nlp)
        kg_diag_print(&d, stderr);
    return nlp ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    kg_nlp_free(nlp);
    return 0;
}

/* One parsed text and its clauses. */
typedef struct doc {
    kg_article a;
    kg_clause_list l;
    char buf[1024];
} doc;

/* The text tokenized, tagged and parsed by the shipped models; with a
 * tree ("HEAD:DEPREL" word by word, heads 1-based, 0 = root, the text
 * one sentence) the parser's heads and relations are replaced by it, so
 * that a rule is tested on the misparse it is written for whatever the
 * shipped parser makes of the sentence.  Then the clauses. */
static doc *parse_with(const char *text, const char *tree)
{
    doc *x = calloc(1, sizeof *x);
    assert_non_null(x);
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_article_init(&x->a);
    assert_int_equal(kg_article_parse_plain(&x->a, "t", text, strlen(text), &d), 0);
    assert_int_equal(kg_tokenize(&x->a, &d), 0);
    assert_int_equal(kg_nlp_annotate(nlp, &x->a, &d), 0);
    for (uint32_t i = 0; tree && i < x->a.ntokens; i++) {
        char *end;
        long h = strtol(tree, &end, 10);
        assert_true(end > tree && *end == ':');
        tree = end + 1;
        size_t len = strcspn(tree, " ");
        int r = kg_deprel_lookup(tree, len);
        assert_true(r > 0);
        x->a.tokens[i].head = (int16_t)h;
        x->a.tokens[i].deprel = (uint8_t)r;
        tree += len;
        while (*tree == ' ')
            tree++;
    }
    assert_true(!tree || *tree == '\0');
    kg_clause_list_init(&x->l);
    assert_int_equal(kg_clause_extract_all(&x->a, &x->l, &d), 0);
    return x;
}

static doc *parse(const char *text)
{
    return parse_with(text, NULL);
}

static doc *parse_tree(const char *text, const char *tree)
{
    return parse_with(text, tree);
}

static void done(doc *x)
{
    kg_clause_list_release(&x->l);
    kg_article_release(&x->a);
    free(x);
}

/* Print the clauses when a test fails, to tell a rule from a parse. */
static void dump(doc *x)
{
    kg_buf b;
    kg_buf_init(&b);
    if (kg_clause_print(&b, &x->a, &x->l, 0, x->l.n) == 0 && b.data)
        fprintf(stderr, "%s", b.data);
    kg_buf_release(&b);
}

static const char *text(doc *x, uint32_t first, uint32_t end)
{
    size_t n = 0;
    for (uint32_t i = first; i < end; i++) {
        uint32_t len;
        const char *s = kg_token_form(&x->a, &x->a.tokens[i], &len);
        if (n + len + 2 >= sizeof x->buf)
            break;
        if (i > first)
            x->buf[n++] = ' ';
        memcpy(x->buf + n, s, len);
        n += len;
    }
    x->buf[n] = '\0';
    return x->buf;
}

static const char *arg_text(doc *x, const kg_arg *g)
{
    return g ? text(x, g->first, g->end) : "(none)";
}

static const char *rel_text(doc *x, const kg_clause *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nrel; i++) {
        uint32_t len;
        const char *s = kg_token_form(&x->a, &x->a.tokens[c->rel[i]], &len);
        if (n + len + 2 >= sizeof x->buf)
            break;
        if (i)
            x->buf[n++] = ' ';
        memcpy(x->buf + n, s, len);
        n += len;
    }
    x->buf[n] = '\0';
    return x->buf;
}

/* The clause with this predicate lemma (and rule, when given), at most
 * `skip` such clauses skipped. */
static const kg_clause *find_nth(doc *x, const char *lemma, const char *rule,
                                 int skip)
{
    for (size_t i = 0; i < x->l.n; i++) {
        const kg_clause *c = &x->l.v[i];
        if (strcmp(c->lemma, lemma) == 0 && (!rule || strcmp(c->rule, rule) == 0) &&
            skip-- == 0)
            return c;
    }
    dump(x);
    fail_msg("no clause '%s' (%s)", lemma, rule ? rule : "any rule");
    return NULL;
}

static const kg_clause *find(doc *x, const char *lemma, const char *rule)
{
    return find_nth(x, lemma, rule, 0);
}

static int index_of(doc *x, const kg_clause *c)
{
    return (int)(c - x->l.v);
}

/* Speech clause `speech` with subject `who` (NULL: not checked), and the
 * clause `content` attributed to it: the assertions every attribution
 * test makes.  Returns the speech clause. */
static const kg_clause *said_by(doc *x, const char *content, const char *speech,
                                const char *who)
{
    const kg_clause *s = find(x, speech, NULL);
    const kg_clause *c = find(x, content, NULL);
    assert_true(s->flags & KG_CLAUSE_SPEECH);
    if (who)
        assert_string_equal(arg_text(x, kg_clause_subject(s)), who);
    assert_true(c->flags & KG_CLAUSE_ATTRIBUTED);
    assert_int_equal(c->speech, index_of(x, s));
    return s;
}

/* verb: nsubj + verb + obj, with time and place qualifiers.  (The place
 * comes after the time: in "hired 200 workers in Ohio last year" the
 * parser trained with the word lexicon reads "workers in Ohio", which is
 * a fair reading of the words; this test is about the clause.) */
static void verb_with_object_time_and_place(void **state)
{
    (void)state;
    doc *x = parse("The company hired 200 workers last year in Ohio.");
    const kg_clause *c = find(x, "hire", "verb");
    assert_string_equal(rel_text(x, c), "hired");
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "The company");
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)), "200 workers");
    const kg_arg *p = kg_clause_arg(c, KG_ARG_PLACE);
    assert_string_equal(arg_text(x, p), "in Ohio");
    assert_string_equal(p->prep, "in");
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_TIME)), "last year");
    assert_string_equal(c->tense, "past");
    assert_int_equal(c->flags & (KG_CLAUSE_NEGATED | KG_CLAUSE_PASSIVE), 0);
    assert_true(c->confidence > 0.5 && c->confidence <= 1.0);
    done(x);
}

/* verb + obl: the preposition goes with the relation; will = future */
static void oblique_preposition_and_future(void **state)
{
    (void)state;
    doc *x = parse("The two Koreas will build on their talks.");
    const kg_clause *c = find(x, "build", NULL);
    assert_string_equal(c->prep, "on");
    assert_string_equal(rel_text(x, c), "will build");
    assert_string_equal(c->modality, "will");
    assert_string_equal(c->tense, "future");
    const kg_arg *o = kg_clause_arg(c, KG_ARG_OBL);
    assert_string_equal(arg_text(x, o), "on their talks");
    assert_string_equal(o->prep, "on");
    done(x);
}

/* compound:prt joins the relation */
static void particle(void **state)
{
    (void)state;
    doc *x = parse("They set up a liaison office.");
    const kg_clause *c = find(x, "set", "verb");
    assert_string_equal(c->particle, "up");
    assert_string_equal(rel_text(x, c), "set up");
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)), "a liaison office");
    done(x);
}

/* nsubj:pass + obl:agent: the agent is the subject, the patient the object */
static void passive_with_agent(void **state)
{
    (void)state;
    doc *x = parse("The plan was supported by President Moon.");
    const kg_clause *c = find(x, "support", "passive");
    assert_true(c->flags & KG_CLAUSE_PASSIVE);
    const kg_arg *s = kg_clause_subject(c);
    assert_int_equal(s->dep, KG_DEP_OBL_AGENT);
    assert_string_equal(arg_text(x, s), "by President Moon");
    assert_ptr_equal(&c->args[0], s); /* subject first */
    const kg_arg *o = kg_clause_arg(c, KG_ARG_OBJ);
    assert_int_equal(o->dep, KG_DEP_NSUBJ_PASS);
    assert_string_equal(arg_text(x, o), "The plan");
    assert_string_equal(rel_text(x, c), "was supported");
    done(x);
}

/* a passive without agent keeps its patient and has no subject */
static void passive_without_agent(void **state)
{
    (void)state;
    doc *x = parse("The meeting was cancelled.");
    const kg_clause *c = find(x, "cancel", "passive");
    assert_null(kg_clause_subject(c));
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)), "The meeting");
    done(x);
}

/* copula with the predicate's preposition: "is among" */
static void copula_with_preposition(void **state)
{
    (void)state;
    doc *x = parse("The office is among several initiatives.");
    const kg_clause *c = find(x, "be", "copula");
    assert_true(c->flags & KG_CLAUSE_COPULA);
    assert_string_equal(rel_text(x, c), "is among");
    assert_string_equal(c->prep, "among");
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "The office");
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)), "several initiatives");
    done(x);
}

/* apposition: the name is the subject */
static void apposition(void **state)
{
    (void)state;
    doc *x = parse("John Bolton, the national security adviser, arrived in Seoul.");
    const kg_clause *c = find(x, "be", "appos");
    assert_true(c->flags & KG_CLAUSE_NOMINAL);
    assert_true(c->flags & KG_CLAUSE_IMPLICIT);
    assert_int_equal(c->nrel, 0);
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "John Bolton");
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)),
                        "the national security adviser");
    assert_string_equal(x->a.tokens[c->pred].lemma, "adviser");
    /* and the apposition is not part of the verb's subject */
    const kg_clause *v = find(x, "arrive", NULL);
    assert_string_equal(arg_text(x, kg_clause_subject(v)), "John Bolton");
    done(x);
}

/* What a verb of intention has in view is not asserted: "planned to
 * leave", "planned on leaving"; what an implicative verb has, is
 * ("managed to leave"). */
static void intended_clauses_are_not_asserted(void **state)
{
    (void)state;
    static const struct {
        const char *text, *tree;
        int intended;
    } cases[] = {
        {"Johnson planned to leave the Union.", "2:nsubj 0:root 4:mark 2:xcomp 6:det 4:obj 2:punct", 1},
        {"Johnson planned on leaving the Union.", "2:nsubj 0:root 4:mark 2:advcl 6:det 4:obj 2:punct", 1},
        {"Johnson wanted to leave the Union.", "2:nsubj 0:root 4:mark 2:xcomp 6:det 4:obj 2:punct", 1},
        {"Johnson managed to leave the Union.", "2:nsubj 0:root 4:mark 2:xcomp 6:det 4:obj 2:punct", 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        doc *x = parse_tree(cases[k].text, cases[k].tree);
        const kg_clause *c = find(x, "leave", NULL);
        assert_string_equal(arg_text(x, kg_clause_subject(c)), "Johnson");
        assert_int_equal((c->flags & KG_CLAUSE_INTENDED) != 0, cases[k].intended);
        /* the verb of intention itself is asserted */
        assert_false(x->l.v[c->parent].flags & KG_CLAUSE_INTENDED);
        done(x);
    }
}

/* What is said under an intended clause is not asserted either, except
 * what describes an entity (a relative clause, reduced or not) and a
 * conjunct with a subject of its own. */
static void intended_reaches_the_clauses_under_it(void **state)
{
    (void)state;
    static const struct {
        const char *text, *tree, *lemma;
        int intended;
    } cases[] = {
        {"Kim wanted to accept a deal for abandoning weapons.",
         "2:nsubj 0:root 4:mark 2:xcomp 6:det 4:obj 8:mark 6:acl 8:obj 2:punct", "abandon", 1},
        {"Kim wanted to leave and join the Union.",
         "2:nsubj 0:root 4:mark 2:xcomp 6:cc 4:conj 8:det 6:obj 2:punct", "join", 1},
        {"Kim wanted to watch the debates sponsored by Moon.",
         "2:nsubj 0:root 4:mark 2:xcomp 6:det 4:obj 6:acl 9:case 7:obl 2:punct", "sponsor", 0},
        {"Kim wanted to join the Union, which was founded in 1957.",
         "2:nsubj 0:root 4:mark 2:xcomp 6:det 4:obj 10:punct 10:nsubj:pass 10:aux:pass "
         "6:acl:relcl 12:case 10:obl 2:punct", "found", 0},
        {"Kim wanted to leave but Moon stayed.",
         "2:nsubj 0:root 4:mark 2:xcomp 7:cc 7:nsubj 4:conj 2:punct", "stay", 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        doc *x = parse_tree(cases[k].text, cases[k].tree);
        const kg_clause *c = find(x, cases[k].lemma, NULL);
        assert_int_equal((c->flags & KG_CLAUSE_INTENDED) != 0, cases[k].intended);
        /* the infinitive under "wanted" is intended in every case */
        const kg_clause *g = &x->l.v[c->parent];
        while (g->parent >= 0 && !(g->flags & KG_CLAUSE_INTENDED))
            g = &x->l.v[g->parent];
        assert_true(g->flags & KG_CLAUSE_INTENDED);
        done(x);
    }
}

/* "expected Kim to meet with Pompeo" misread with the infinitive as a
 * clause of purpose (advcl): after the object of a verb of asking or
 * wanting it is the object's action (xcomp), so Kim meets Pompeo; after
 * another verb's object it stays a purpose of the subject's. */
static void object_control_infinitive_read_as_purpose(void **state)
{
    (void)state;
    static const struct {
        const char *text, *subject;
    } cases[] = {
        {"The administration expected Kim to meet with Pompeo.", "Kim"},
        {"The administration used Kim to meet with Pompeo.", "The administration"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        doc *x = parse_tree(cases[k].text, "2:det 3:nsubj 0:root 3:obj 6:mark 3:advcl 8:case 6:obl 3:punct");
        const kg_clause *c = find(x, "meet", NULL);
        assert_string_equal(arg_text(x, kg_clause_subject(c)), cases[k].subject);
        assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBL)), "with Pompeo");
        done(x);
    }
}

/* acl:relcl: the antecedent takes the relative pronoun's place */
static void relative_clause(void **state)
{
    (void)state;
    /* the rule on the right tree (the shipped parser makes "Song" the
     * root and hangs "spoke" from "teaches": a sentence-initial subject
     * with a relative clause is where a greedy parser goes wrong) */
    doc *x = parse_tree("Mr. Song, who teaches national defense studies at "
                        "Hanyang University, spoke on Monday.",
                        "2:nmod:desc 13:nsubj 5:punct 5:nsubj 2:acl:relcl 7:amod "
                        "8:compound 5:obj 11:case 11:compound 8:nmod 5:punct 0:root "
                        "15:case 13:obl 13:punct");
    const kg_clause *c = find(x, "teach", "relcl");
    const kg_arg *s = kg_clause_subject(c);
    assert_string_equal(arg_text(x, s), "Mr. Song");
    assert_int_equal(s->dep, KG_DEP_NSUBJ);
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)),
                        "national defense studies at Hanyang University");
    const kg_clause *v = find(x, "speak", "verb");
    assert_string_equal(arg_text(x, kg_clause_subject(v)), "Mr. Song");
    assert_int_equal(c->parent, index_of(x, v));
    assert_string_equal(arg_text(x, kg_clause_arg(v, KG_ARG_TIME)), "on Monday");
    done(x);
    /* and as the shipped models read a sentence they parse right */
    x = parse("Mr. Song, who teaches national defense studies at Hanyang University, "
              "spoke to reporters.");
    c = find(x, "teach", "relcl");
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "Mr. Song");
    v = find(x, "speak", "verb");
    assert_string_equal(arg_text(x, kg_clause_subject(v)), "Mr. Song");
    assert_int_equal(c->parent, index_of(x, v));
    done(x);
}

/* negation inside a relative clause */
static void negated_relative_clause(void **state)
{
    (void)state;
    doc *x = parse("The minister, who did not get an audience, left early.");
    const kg_clause *c = find(x, "get", "relcl");
    assert_true(c->flags & KG_CLAUSE_NEGATED);
    assert_string_equal(rel_text(x, c), "did not get");
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "The minister");
    assert_false(find(x, "leave", NULL)->flags & KG_CLAUSE_NEGATED);
    done(x);
}

/* acl with a past participle: a passive whose patient is the noun */
static void reduced_relative(void **state)
{
    (void)state;
    doc *x = parse("He praised the initiatives supported by President Moon.");
    const kg_clause *c = find(x, "support", "acl");
    assert_true(c->flags & KG_CLAUSE_PASSIVE);
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)), "the initiatives");
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "by President Moon");
    done(x);
}

/* compound title before a name */
static void title_noun(void **state)
{
    (void)state;
    doc *x = parse("President Moon Jae-in arrived in Singapore.");
    const kg_clause *c = find(x, "president", "title-noun");
    assert_true(c->flags & KG_CLAUSE_NOMINAL);
    assert_string_equal(rel_text(x, c), "President");
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "Moon Jae-in");
    done(x);
}

/* a title's adjectives: "South" hung from the verb (the shipped
 * parser's reading: an amod of a verb) belongs to the words after it */
static void title_noun_with_adjectives(void **state)
{
    (void)state;
    static const char text[] = "South Korean President Moon Jae-in met Kim Jong Un.";
    static const char *const trees[] = {
        "3:amod 3:amod 4:nmod:desc 6:nsubj 4:flat 0:root 6:obj 7:flat 7:flat 6:punct",
        "6:amod 3:amod 4:nmod:desc 6:nsubj 4:flat 0:root 6:obj 7:flat 7:flat 6:punct",
        NULL,
    };
    for (int k = 0; k < 3; k++) {
        doc *x = trees[k] ? parse_tree(text, trees[k]) : parse(text);
        const kg_clause *c = find(x, "president", "title-noun");
        assert_string_equal(arg_text(x, kg_clause_subject(c)), "Moon Jae-in");
        assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)), "South Korean");
        const kg_clause *v = find(x, "meet", NULL);
        assert_string_equal(arg_text(x, kg_clause_subject(v)),
                            "South Korean President Moon Jae-in");
        done(x);
    }
}

/* a common noun describing a name, with its own qualifier */
static void title_noun_with_qualifier(void **state)
{
    (void)state;
    doc *x = parse("Moon spokesman Kim Eui-keum spoke to reporters.");
    const kg_clause *c = find(x, "spokesman", "title-noun");
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "Kim Eui-keum");
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)), "Moon");
    done(x);
}

/* The neural parser's misreadings of titles and of a predicate, mended
 * before the clauses are read (each tree is its reading of the sentence) */
static void mended_titles_and_predicates(void **state)
{
    (void)state;
    /* the title as the head, the name an apposition of "State" */
    doc *x = parse_tree("Secretary of State Michael Pompeo has pushed for Kim.",
                        "7:nsubj 3:case 1:nmod 3:appos 4:flat 7:aux 0:root 9:case 7:obl 7:punct");
    const kg_clause *c = find(x, "secretary", "title-noun");
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "Michael Pompeo");
    assert_string_equal(arg_text(x, kg_clause_subject(find(x, "push", NULL))),
                        "Secretary of State Michael Pompeo");
    done(x);
    /* the name a second nmod of the title, and an apposition after it */
    x = parse_tree("Secretary of State Michael Pompeo, Trump's adviser, has pushed for Kim.",
                   "12:nsubj 3:case 1:nmod 1:nmod 4:flat 9:punct 9:nmod:poss 7:case 1:appos "
                   "1:punct 12:aux 0:root 14:case 12:obl 12:punct");
    c = find(x, "secretary", "title-noun");
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "Michael Pompeo");
    assert_string_equal(arg_text(x, kg_clause_subject(find(x, "push", NULL))),
                        "Secretary of State Michael Pompeo");
    done(x);
    /* "of" and "State" hung on the name */
    x = parse_tree("Secretary of State Rex Tillerson met Kim.",
                   "4:nmod:desc 4:case 4:compound 6:nsubj 4:flat 0:root 6:obj 6:punct");
    c = find(x, "secretary", "title-noun");
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "Rex Tillerson");
    done(x);
    /* the title on the first of two compounded name words */
    x = parse_tree("President Moon Jae-in arrived.", "2:nmod:desc 3:compound 4:nsubj 0:root 4:punct");
    c = find(x, "president", "title-noun");
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "Moon Jae-in");
    done(x);
    /* a predicate read as an apposition of the subject */
    x = parse_tree("The minister, who did not get an audience, left early.",
                   "2:det 0:root 7:punct 7:nsubj 7:aux 7:advmod 2:acl:relcl 9:det 7:obj 2:punct "
                   "2:appos 11:advmod 2:punct");
    c = find(x, "leave", NULL);
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "The minister");
    assert_false(c->flags & KG_CLAUSE_NEGATED);
    done(x);
}

/* "X of Y" titles (the shipped parser makes the title and the name two
 * sibling subjects; a UD parse with nmod:desc gives the same clause) */
static void title_of_x(void **state)
{
    (void)state;
    /* the title hung from the verb, as the shipped parser does (a
     * misparse: nmod:desc modifies a name); then as the shipped models
     * read the sentence with "On Monday," before it (first in its
     * sentence the right-to-left tagger reads "Secretary of" as a common
     * noun and the parser makes it the root; after "Meanwhile," the
     * parser averaged over five runs makes "Secretary" the subject of
     * the full stop) */
    for (int k = 0; k < 2; k++) {
        doc *x = k == 0 ? parse_tree("Secretary of State Michael Pompeo has pushed for Kim "
                                     "to accept a time frame.",
                                     "7:nmod:desc 3:case 1:nmod 7:nsubj 4:flat 7:aux 0:root "
                                     "9:case 7:obl 11:mark 7:advcl 14:det 14:compound 11:obj "
                                     "7:punct")
                        : parse("On Monday, Secretary of State Michael Pompeo has pushed "
                                "for Kim to accept a time frame.");
        const kg_clause *c = find(x, "secretary", "title-noun");
        assert_string_equal(arg_text(x, kg_clause_subject(c)), "Michael Pompeo");
        const kg_arg *q = kg_clause_arg(c, KG_ARG_OBJ);
        assert_string_equal(arg_text(x, q), "State");
        assert_string_equal(q->prep, "of");
        const kg_clause *v = find(x, "push", NULL);
        assert_string_equal(arg_text(x, kg_clause_subject(v)),
                            "Secretary of State Michael Pompeo");
        done(x);
    }
}

/* a possessor with a title noun */
static void possessive_title(void **state)
{
    (void)state;
    doc *x = parse("Trump's adviser visited Seoul.");
    const kg_clause *c = find(x, "have", "poss-title");
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "Trump");
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)), "adviser");
    done(x);
}

/* coordinated subjects: one clause per conjunct */
static void conjoined_subjects(void **state)
{
    (void)state;
    doc *x = parse("Kim and Moon met Trump.");
    const kg_clause *a = find_nth(x, "meet", NULL, 0);
    const kg_clause *b = find_nth(x, "meet", NULL, 1);
    assert_true(a->flags & KG_CLAUSE_DISTRIBUTED);
    assert_true(b->flags & KG_CLAUSE_DISTRIBUTED);
    assert_string_equal(arg_text(x, kg_clause_subject(a)), "Kim");
    assert_string_equal(arg_text(x, kg_clause_subject(b)), "Moon");
    assert_string_equal(text(x, kg_clause_subject(b)->cfirst,
                             kg_clause_subject(b)->cend), "Kim and Moon");
    assert_string_equal(arg_text(x, kg_clause_arg(b, KG_ARG_OBJ)), "Trump");
    done(x);
}

/* An apposition set off by brackets inside the words before the head is
 * part of the phrase ("the ... Area (AfCFTA) agreement"); after the head
 * it is not ("Bolton, the adviser,"). */
static void apposition_before_the_head_stays_in_the_phrase(void **state)
{
    (void)state;
    doc *x = parse_tree("Leaders signed the Free Trade Area (AfCFTA) agreement.",
                        "2:nsubj 0:root 10:det 6:amod 6:compound 10:compound 8:punct 6:appos "
                        "8:punct 2:obj 2:punct");
    const kg_clause *c = find(x, "sign", NULL);
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)),
                        "the Free Trade Area ( AfCFTA ) agreement");
    done(x);
}

/* "Ex-Prime Minister Donald Tusk wrote" read as one flat name headed by
 * its first word:
 * the title ends the description, the name after it heads the phrase. */
static void title_inside_a_flat_name_starts_the_name(void **state)
{
    (void)state;
    doc *x = parse_tree("Ex-Prime Minister Donald Tusk wrote a letter.",
                        "5:nsubj 1:flat 1:flat 3:flat 0:root 7:det 5:obj 5:punct");
    const kg_clause *c = find(x, "write", NULL);
    const kg_arg *s = kg_clause_subject(c);
    assert_string_equal(arg_text(x, s), "Ex-Prime Minister Donald Tusk");
    assert_string_equal(text(x, s->head, s->head + 1), "Donald");
    done(x);
}

/* "Speaker Boehner issued" misread with the title as the verb's bare
 * oblique beside the name: the title is the name's. */
static void title_before_a_name_is_the_names(void **state)
{
    (void)state;
    doc *x = parse_tree("At a news conference, Speaker Boehner issued a statement.",
                        "4:case 4:det 4:compound 8:obl 4:punct 8:obl:unmarked 8:nsubj "
                        "0:root 10:det 8:obj 8:punct");
    const kg_clause *c = find(x, "issue", NULL);
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "Speaker Boehner");
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)), "a statement");
    for (size_t i = 0; i < c->nargs; i++)
        assert_string_not_equal(arg_text(x, &c->args[i]), "Speaker");
    done(x);
}

/* "Presidents A of X and B of Y signed" misread with B conjoined to X
 * and "of Y" on X: the two "N of X" phrases are parallel, B is
 * conjoined to A, and signs too (the African Union demo article). */
static void parallel_of_phrases_conjoin_the_names(void **state)
{
    (void)state;
    doc *x = parse_tree("Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin "
                        "signed the agreement.",
                        "2:compound 11:nsubj 2:flat 5:case 2:nmod 7:cc 5:conj 7:flat "
                        "10:case 5:nmod 0:root 13:det 11:obj 11:punct");
    const kg_clause *a = find_nth(x, "sign", NULL, 0);
    const kg_clause *b = find_nth(x, "sign", NULL, 1);
    assert_string_equal(arg_text(x, kg_clause_subject(a)), "Presidents Muhammadu Buhari of Nigeria");
    assert_string_equal(arg_text(x, kg_clause_subject(b)), "Patrice Talon of Benin");
    assert_string_equal(arg_text(x, kg_clause_arg(b, KG_ARG_OBJ)), "the agreement");
    done(x);
}

/* coordinated verbs share the subject, and the object that follows them */
static void conjoined_verbs(void **state)
{
    (void)state;
    doc *x = parse("Traders buy and sell large amounts of stocks.");
    const kg_clause *c = find(x, "sell", "conj");
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "Traders");
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)),
                        "large amounts of stocks");
    assert_int_equal(c->parent, index_of(x, find(x, "buy", NULL)));
    done(x);
}

/* coordinated objects */
static void conjoined_objects(void **state)
{
    (void)state;
    doc *x = parse("The division took Cisterna and Rome.");
    const kg_clause *a = find_nth(x, "take", NULL, 0);
    const kg_clause *b = find_nth(x, "take", NULL, 1);
    assert_string_equal(arg_text(x, kg_clause_arg(a, KG_ARG_OBJ)), "Cisterna");
    assert_string_equal(arg_text(x, kg_clause_arg(b, KG_ARG_OBJ)), "Rome");
    assert_string_equal(arg_text(x, kg_clause_subject(b)), "The division");
    done(x);
}

/* say + ccomp: a speech clause; the content is attributed to it.  The
 * second time with the clause hung from the addressee (a misparse: a
 * noun's clause is acl in UD, never ccomp), which the verb takes back;
 * the third time as the addressee's adjectival clause (acl) and the
 * addressee as the object (a misparse: such a clause completes a content
 * noun, "the fact that ...", never the person told). */
static void reported_speech(void **state)
{
    (void)state;
    static const char *const trees[] = {
        "2:nsubj 0:root 2:iobj 8:mark 6:det 8:nsubj 8:aux 2:ccomp 2:punct",
        "2:nsubj 0:root 2:iobj 8:mark 6:det 8:nsubj 8:aux 3:ccomp 2:punct",
        "2:nsubj 0:root 2:obj 8:mark 6:det 8:nsubj 8:aux 3:acl 2:punct",
    };
    for (int k = 0; k < 3; k++) {
        doc *x = parse_tree("Bolton told reporters that the sanctions would stay.", trees[k]);
        const kg_clause *s = find(x, "tell", NULL);
        assert_true(s->flags & KG_CLAUSE_SPEECH);
        assert_string_equal(arg_text(x, kg_clause_subject(s)), "Bolton");
        assert_string_equal(arg_text(x, kg_clause_arg(s, KG_ARG_IOBJ)), "reporters");
        const kg_arg *comp = kg_clause_arg(s, KG_ARG_COMP);
        assert_string_equal(arg_text(x, comp), "the sanctions would stay");
        const kg_clause *c = find(x, "stay", NULL);
        assert_int_equal(comp->clause, index_of(x, c));
        assert_true(c->flags & KG_CLAUSE_ATTRIBUTED);
        assert_int_equal(c->speech, index_of(x, s));
        assert_string_equal(c->modality, "would");
        assert_false(s->flags & KG_CLAUSE_ATTRIBUTED);
        done(x);
    }
    /* and as the shipped models read it */
    doc *x = parse("Bolton told reporters that the sanctions would stay.");
    const kg_clause *s = find(x, "tell", NULL);
    assert_string_equal(arg_text(x, kg_clause_arg(s, KG_ARG_IOBJ)), "reporters");
    assert_string_equal(arg_text(x, kg_clause_arg(s, KG_ARG_COMP)), "the sanctions would stay");
    done(x);
}

/* A speech verb's content hung from a time word of its own phrase:
 * "Sunday" as a second subject with the clause as its ccomp (a noun has
 * no ccomp in UD), and "Sunday" or "Week" as the antecedent of a
 * relative clause with "that" for its object (EWT has no such relative
 * clause under a speech verb without content).  Each time the clause is
 * what Bolton said.  A relative clause under a verb that is no speech
 * verb stays one. */
static void speech_content_under_a_time_word(void **state)
{
    (void)state;
    static const struct {
        const char *text, *tree;
    } said[] = {
        {"Bolton said Sunday that Pompeo would return.",
         "2:nsubj 0:root 2:nsubj 7:mark 7:nsubj 7:aux 3:ccomp 2:punct"},
        {"Bolton said during an appearance Sunday that Pompeo would return.",
         "2:nsubj 0:root 5:case 5:det 2:obl 5:appos 10:obj 10:nsubj 10:aux 6:acl:relcl "
         "2:punct"},
        {"Bolton said during the show This Week that Pompeo would return.",
         "2:nsubj 0:root 7:case 7:det 7:compound 7:det 2:obl 11:obj 11:nsubj 11:aux "
         "7:acl:relcl 2:punct"},
    };
    for (size_t k = 0; k < sizeof said / sizeof said[0]; k++) {
        doc *x = parse_tree(said[k].text, said[k].tree);
        said_by(x, "return", "say", "Bolton");
        const kg_clause *c = find(x, "return", NULL);
        assert_string_equal(arg_text(x, kg_clause_subject(c)), "Pompeo");
        assert_string_equal(c->modality, "would");
        done(x);
    }
    doc *x = parse_tree("Bolton visited an exhibition Sunday that Kim had opened.",
                        "2:nsubj 0:root 4:det 2:obj 4:appos 9:obj 9:nsubj 9:aux 5:acl:relcl "
                        "2:punct");
    assert_false(find(x, "open", NULL)->flags & KG_CLAUSE_ATTRIBUTED);
    done(x);
}

/* 'that Pompeo would "soon" return' with the clause's words hung from
 * the full stop (a misparse the scare quotes bring: a punctuation mark
 * heads nothing in UD): the verb among them heads the clause again, the
 * complement of "said". */
static void words_hung_from_a_full_stop(void **state)
{
    (void)state;
    doc *x = parse_tree("Bolton said that Pompeo would \"soon\" return to Korea.",
                        "2:nsubj 0:root 12:mark 12:nsubj 12:aux 7:punct 12:advmod 7:punct "
                        "12:case 11:case 9:obl 2:punct");
    said_by(x, "return", "say", "Bolton");
    const kg_clause *c = find(x, "return", NULL);
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "Pompeo");
    assert_string_equal(c->modality, "would");
    done(x);
}

/* "Trump's adviser, John Bolton, said ..." with the title read as the
 * verb's complement and the name as its subject (a misparse: an unquoted
 * noun before its verb is no complement): the title is the subject, the
 * name its apposition, and the clause after "said" is the content. */
static void title_before_the_speaker_is_no_content(void **state)
{
    (void)state;
    doc *x = parse_tree("Trump's adviser, John Bolton, said that Pompeo would return.",
                        "3:nmod:poss 1:case 8:ccomp 3:punct 8:nsubj 5:flat 5:punct 0:root "
                        "12:mark 12:nsubj 12:aux 8:ccomp 8:punct");
    const kg_clause *s = said_by(x, "return", "say", NULL);
    assert_string_equal(arg_text(x, kg_clause_subject(s)), "Trump 's adviser");
    done(x);
}

/* "C, Z reported": a speech tag after its content, whichever relation
 * the parser gives it (UD: parataxis; the shipped parser makes "said"
 * a second root-labelled dependent of "collapse", "reported" a ccomp of
 * "failed", and in the example article an acl of "violate") */
static void trailing_speech_tag_attributes_its_content(void **state)
{
    (void)state;
    static const struct {
        const char *text, *content, *speech, *who;
    } cases[] = {
        {"The deal could collapse, officials said on Tuesday.", "collapse", "say", "officials"},
        /* (not "The talks failed, ...": the five-run tagger reads "failed"
         * there as a participle, "the talks failed by ...", and the
         * sentence has no content clause to attribute) */
        {"The talks broke down, Reuters reported, citing two officials.", "break", "report",
         "Reuters"},
        {"The inter-Korean office might violate United Nations and U.S. sanctions, South "
         "Korea's Chosun newspaper reported Monday, citing an unidentified American official.",
         "violate", "report", "South Korea 's Chosun newspaper"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        doc *x = parse(cases[i].text);
        const kg_clause *s = said_by(x, cases[i].content, cases[i].speech, cases[i].who);
        const kg_clause *c = find(x, cases[i].content, NULL);
        assert_false(c->flags & KG_CLAUSE_EMBEDDED);
        assert_false(s->flags & (KG_CLAUSE_EMBEDDED | KG_CLAUSE_ATTRIBUTED));
        /* the tag is not the content's own complement */
        assert_null(kg_clause_arg(c, KG_ARG_COMP));
        done(x);
    }
    /* the speaker hung beside the verb ("list") and the verb left without
     * a subject: the retrained parser's reading of the example article's
     * "..., the Straits Times of Singapore reported Saturday" */
    doc *x = parse_tree("Xi is considering a trip, the Straits Times reported Saturday.",
                        "3:nsubj 3:aux 0:root 5:det 3:obj 9:punct 9:det 9:compound 3:list "
                        "3:acl 10:obl:unmarked 3:punct");
    said_by(x, "consider", "report", "the Straits Times");
    done(x);
    /* ... and as a relative clause of the content verb, without a
     * relative pronoun (the averaged parser's reading, now that no arc
     * inside a sentence is labelled root); with one it stays a relative
     * clause */
    x = parse_tree("Xi is considering a trip, the Straits Times reported Saturday.",
                   "3:nsubj 3:aux 0:root 5:det 3:obj 9:punct 9:det 9:compound 10:nsubj "
                   "3:acl:relcl 10:obj 3:punct");
    said_by(x, "consider", "report", "the Straits Times");
    done(x);
    x = parse_tree("Xi is considering a trip, which the Straits Times reported.",
                   "3:nsubj 3:aux 0:root 5:det 3:obj 10:punct 10:obj 9:det 9:compound "
                   "10:nsubj 3:acl:relcl 3:punct");
    assert_false(find(x, "consider", NULL)->flags & KG_CLAUSE_ATTRIBUTED);
    done(x);
    /* a comma-less complement stays the verb's content */
    x = parse("Officials expect that Reuters reported it.");
    const kg_clause *r = find(x, "report", NULL);
    assert_false(r->flags & KG_CLAUSE_ATTRIBUTED);
    assert_true(kg_clause_arg(find(x, "expect", NULL), KG_ARG_COMP) != NULL);
    done(x);
}

/* '"...," said Song Jae-ik, who ...': the inverted speaker parsed as the
 * complement of "said" (the example article): it is the subject, the
 * quotation is what is said, and the relative clause is the writer's. */
static void inverted_speaker_parsed_as_complement(void **state)
{
    (void)state;
    doc *x = parse("\xe2\x80\x9cMoon needs to slow down his push for improving inter-Korean "
                   "relations, because the relationship between South Korea and the U.S. "
                   "will be on the line,\xe2\x80\x9d said Song Jae-ik, who teaches national "
                   "defense studies at Hanyang University in Seoul.");
    said_by(x, "need", "say", "Song Jae-ik");
    const kg_clause *t = find(x, "teach", NULL);
    assert_false(t->flags & KG_CLAUSE_ATTRIBUTED);
    done(x);
}

/* ccomp-subject: "announced Benin was to join" parsed with "Benin" as
 * the object of "announced" (the African Union demo article: the graph
 * said "Albert Muchanga states Benin"); "told reporters" keeps its
 * addressee. */
static void speech_object_before_a_subjectless_complement(void **state)
{
    (void)state;
    /* the complement as ccomp, then as xcomp (with a tense of its own, a
     * clausal complement all the same), then as the shipped models read
     * it */
    static const char *const trees[] = {
        "2:compound 6:nmod:desc 5:cc 5:compound 6:nmod:desc 8:nsubj 6:flat 0:root "
        "8:obj 12:cop 12:mark 8:ccomp 8:punct",
        "2:compound 6:nmod:desc 5:cc 5:compound 6:nmod:desc 8:nsubj 6:flat 0:root "
        "8:obj 12:cop 12:mark 8:xcomp 8:punct",
        NULL,
    };
    for (int k = 0; k < 3; k++) {
        static const char text[] =
            "AU trade and industry commissioner Albert Muchanga announced Benin was to join.";
        doc *x = trees[k] ? parse_tree(text, trees[k]) : parse(text);
        const kg_clause *a = find(x, "announce", NULL);
        const kg_clause *j = find(x, "join", NULL);
        assert_string_equal(arg_text(x, kg_clause_subject(j)), "Benin");
        assert_null(kg_clause_arg(a, KG_ARG_OBJ));
        assert_null(kg_clause_arg(a, KG_ARG_IOBJ));
        assert_true(j->flags & KG_CLAUSE_ATTRIBUTED);
        done(x);
    }
    /* ("the talks broke down": see trailing_speech_tag_attributes_its_content) */
    doc *x = parse("Officials told reporters the talks broke down.");
    const kg_clause *t = find(x, "tell", NULL);
    assert_string_equal(arg_text(x, kg_clause_arg(t, KG_ARG_IOBJ)), "reporters");
    assert_string_equal(arg_text(x, kg_clause_subject(find(x, "break", NULL))), "the talks");
    done(x);
}

/* Regression (the example article): the parser hung "with state-run
 * media lambasting ..." from the comma after "approach", and the object
 * ran to the end of the sentence; a punctuation mark heads nothing. */
static void words_hung_from_punctuation_leave_the_argument(void **state)
{
    (void)state;
    doc *x = parse("North Korea has rejected the approach, with state-run media "
                   "lambasting the U.S.'s \"pressure diplomacy\" and saying it's "
                   "relying on \"outdated gangster-like logic.\"");
    const kg_clause *c = find(x, "reject", NULL);
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "North Korea");
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)), "the approach");
    const kg_clause *l = find(x, "lambast", NULL);
    assert_string_equal(arg_text(x, kg_clause_subject(l)), "state-run media");
    done(x);
}

/* a quotation before "X told reporters" in the same sentence */
static void quote_attributed_in_sentence(void **state)
{
    (void)state;
    doc *x = parse("\"It's wrong to view the office as a violation of "
                   "sanctions,\" Kim Eui-keum told reporters.");
    const kg_clause *s = said_by(x, "view", "tell", "Kim Eui-keum");
    const kg_clause *b = find(x, "be", "copula");
    assert_true(b->flags & KG_CLAUSE_ATTRIBUTED);
    assert_int_equal(b->speech, index_of(x, s));
    done(x);
}

/* a quotation followed by "X said." in the next sentence */
static void quote_attributed_across_sentences(void **state)
{
    (void)state;
    doc *x = parse("\"The sanctions will stay in place.\" Bolton said.");
    assert_int_equal(x->a.nsentences, 2);
    const kg_clause *s = find(x, "say", NULL);
    assert_true(s->flags & KG_CLAUSE_SPEECH);
    const kg_clause *c = find(x, "stay", NULL);
    assert_int_equal(c->sentence, 0);
    assert_true(c->flags & KG_CLAUSE_ATTRIBUTED);
    assert_int_equal(c->speech, index_of(x, s));
    done(x);
}

/* the content clause of a noun is embedded, not asserted */
static void noun_content_clause(void **state)
{
    (void)state;
    doc *x = parse("Bolton rejected the suggestion that the sanctions should "
                   "be lifted.");
    const kg_clause *c = find(x, "lift", NULL);
    assert_true(c->flags & KG_CLAUSE_EMBEDDED);
    assert_true(c->flags & KG_CLAUSE_PASSIVE);
    assert_string_equal(c->modality, "should");
    assert_int_equal(c->parent, index_of(x, find(x, "reject", NULL)));
    assert_false(find(x, "reject", NULL)->flags & KG_CLAUSE_EMBEDDED);
    done(x);
}

/* negation and modality */
static void negation_and_modality(void **state)
{
    (void)state;
    doc *x = parse("The company did not build the factory. The plan might fail.");
    const kg_clause *c = find(x, "build", NULL);
    assert_true(c->flags & KG_CLAUSE_NEGATED);
    assert_string_equal(rel_text(x, c), "did not build");
    assert_string_equal(c->tense, "past");
    const kg_clause *m = find(x, "fail", NULL);
    assert_string_equal(m->modality, "might");
    assert_false(m->flags & KG_CLAUSE_NEGATED);
    done(x);
}

/* xcomp: the controller is the governor's subject */
static void xcomp_subject_control(void **state)
{
    (void)state;
    doc *x = parse("Kim agreed to accept a time frame.");
    const kg_clause *g = find(x, "agree", NULL);
    const kg_clause *c = find(x, "accept", "xcomp");
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "Kim");
    assert_string_equal(arg_text(x, kg_clause_arg(c, KG_ARG_OBJ)), "a time frame");
    assert_int_equal(c->parent, index_of(x, g));
    const kg_arg *comp = kg_clause_arg(g, KG_ARG_COMP);
    assert_int_equal(comp->clause, index_of(x, c));
    assert_int_equal(comp->dep, KG_DEP_XCOMP);
    done(x);
}

/* "pushed for Kim to accept": Kim is the one to accept */
static void for_subject_infinitive(void **state)
{
    (void)state;
    doc *x = parse("Pompeo has pushed for Kim to accept a time frame.");
    const kg_clause *c = find(x, "accept", NULL);
    assert_string_equal(arg_text(x, kg_clause_subject(c)), "Kim");
    /* Kim is asked to accept; he has not */
    assert_true(c->flags & KG_CLAUSE_INTENDED);
    const kg_clause *g = find(x, "push", NULL);
    assert_false(g->flags & KG_CLAUSE_INTENDED);
    assert_string_equal(rel_text(x, g), "has pushed");
    assert_string_equal(g->tense, "present");
    done(x);
}

/* if-clauses: the condition and what it conditions */
static void conditional(void **state)
{
    (void)state;
    doc *x = parse("If Kim agrees, Trump will visit Pyongyang.");
    const kg_clause *c = find(x, "agree", NULL);
    const kg_clause *v = find(x, "visit", NULL);
    assert_true(c->flags & KG_CLAUSE_CONDITIONAL);
    assert_true(v->flags & KG_CLAUSE_CONDITIONAL);
    assert_int_equal(c->parent, index_of(x, v));
    assert_string_equal(x->a.tokens[c->mark].lemma, "if");
    done(x);
}

/* a malformed tree (a cycle, which the parser never makes) neither hangs
 * nor crashes the extractor */
static void malformed_tree(void **state)
{
    (void)state;
    doc *x = parse("Kim met Moon in Seoul.");
    kg_token *t = x->a.tokens;
    t[0].head = 2; /* Kim <- met */
    t[1].head = 3; /* met <- Moon <- met: a cycle */
    t[2].head = 2;
    t[3].head = 5;
    t[4].head = 2;
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_clause_list_init(&x->l);
    assert_int_equal(kg_clause_extract(&x->a, 0, &x->l, &d), 0);
    for (size_t i = 0; i < x->l.n; i++)
        for (size_t k = 0; k < x->l.v[i].nargs; k++)
            assert_true(x->l.v[i].args[k].end <= x->a.ntokens);
    done(x);
}

/* the Open IE writer: CaRB's tab format, passive kept, "is" for nominal
 * clauses */
static void oie_lines(void **state)
{
    (void)state;
    /* (arguments are whole whitespace words: "Moon." would stay whole) */
    doc *x = parse("The plan was supported by President Moon .");
    kg_buf b;
    kg_buf_init(&b);
    const char *s = "The plan was supported by President Moon .";
    assert_int_equal(kg_oie_write(&b, &x->a, &x->l, 0, x->l.n, s, strlen(s), 0), 0);
    assert_non_null(b.data);
    assert_non_null(strstr(b.data, "\twas supported by\tThe plan\tPresident Moon\n"));
    assert_non_null(strstr(b.data, "\tis\tMoon\tPresident\n"));
    assert_int_equal(strncmp(b.data, s, strlen(s)), 0);
    kg_buf_release(&b);
    done(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(verb_with_object_time_and_place),
        cmocka_unit_test(oblique_preposition_and_future),
        cmocka_unit_test(particle),
        cmocka_unit_test(passive_with_agent),
        cmocka_unit_test(passive_without_agent),
        cmocka_unit_test(copula_with_preposition),
        cmocka_unit_test(apposition),
        cmocka_unit_test(intended_clauses_are_not_asserted),
        cmocka_unit_test(intended_reaches_the_clauses_under_it),
        cmocka_unit_test(object_control_infinitive_read_as_purpose),
        cmocka_unit_test(relative_clause),
        cmocka_unit_test(negated_relative_clause),
        cmocka_unit_test(reduced_relative),
        cmocka_unit_test(title_noun),
        cmocka_unit_test(title_noun_with_qualifier),
        cmocka_unit_test(title_noun_with_adjectives),
        cmocka_unit_test(title_of_x),
        cmocka_unit_test(mended_titles_and_predicates),
        cmocka_unit_test(possessive_title),
        cmocka_unit_test(conjoined_subjects),
        cmocka_unit_test(parallel_of_phrases_conjoin_the_names),
        cmocka_unit_test(title_before_a_name_is_the_names),
        cmocka_unit_test(title_inside_a_flat_name_starts_the_name),
        cmocka_unit_test(apposition_before_the_head_stays_in_the_phrase),
        cmocka_unit_test(conjoined_verbs),
        cmocka_unit_test(conjoined_objects),
        cmocka_unit_test(reported_speech),
        cmocka_unit_test(speech_content_under_a_time_word),
        cmocka_unit_test(title_before_the_speaker_is_no_content),
        cmocka_unit_test(words_hung_from_a_full_stop),
        cmocka_unit_test(trailing_speech_tag_attributes_its_content),
        cmocka_unit_test(words_hung_from_punctuation_leave_the_argument),
        cmocka_unit_test(speech_object_before_a_subjectless_complement),
        cmocka_unit_test(inverted_speaker_parsed_as_complement),
        cmocka_unit_test(quote_attributed_in_sentence),
        cmocka_unit_test(quote_attributed_across_sentences),
        cmocka_unit_test(noun_content_clause),
        cmocka_unit_test(negation_and_modality),
        cmocka_unit_test(xcomp_subject_control),
        cmocka_unit_test(for_subject_infinitive),
        cmocka_unit_test(conditional),
        cmocka_unit_test(malformed_tree),
        cmocka_unit_test(oie_lines),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
