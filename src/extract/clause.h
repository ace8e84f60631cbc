/*
 * clause.h - clauses (n-ary propositions) read off a dependency tree.
 *
 * A clause is what a careful reader writes down from one predicate: who
 * (subject) did what (relation phrase) to whom/what (objects), with the
 * preposition kept in the relation for oblique arguments ("build on",
 * "return to"), passives turned active ("initiatives supported by Moon"
 * -> Moon supports initiatives), and negation, modality, tense, reported
 * speech and time/place qualifiers kept as annotations rather than
 * dropped.  Nominal patterns (appositions, title nouns, copulas) are
 * clauses too, with the title noun or "be" as predicate.
 *
 * Clauses are the common ground of Open IE output (`kgraph oie`, CaRB
 * format) and of the knowledge-graph relations (src/extract/relation.c),
 * which map their arguments onto entity mentions and their predicates
 * onto ontology relations.  Every rule that builds a clause carries its
 * dependency pattern as a comment in clause.c and names itself in
 * kg_clause.rule.
 *
 * Token indexes are article-global (index into article->tokens).  All
 * storage is in the article's arena.
 */
#ifndef KG_CLAUSE_H
#define KG_CLAUSE_H

#include <stddef.h>
#include <stdint.h>

#include "article/article.h"
#include "base/buf.h"
#include "base/diag.h"

enum kg_arg_role {
    KG_ARG_SUBJ = 1,  /* nsubj, or the agent of a passive (obl:agent);
                         also a subject filled in from the tree: a
                         relative clause's antecedent, a controller, a
                         conjoined verb's shared subject */
    KG_ARG_OBJ = 2,   /* obj, or the passive subject turned object; the
                         predicate nominal of a copula; a nominal xcomp
                         ("became president") */
    KG_ARG_IOBJ = 3,  /* iobj; the addressee of "told reporters" */
    KG_ARG_OBL = 4,   /* obl / nmod with its preposition in `prep` */
    KG_ARG_COMP = 5,  /* xcomp / ccomp content ("to accept a time frame");
                         the span leaves out the subordinator ("that",
                         "to") and keeps relative clauses */
    KG_ARG_TIME = 6,  /* temporal obl/nmod:tmod ("on Monday", "in June"),
                         a bare time noun ("reported Monday", "last
                         year"), the antecedent of "when" */
    KG_ARG_PLACE = 7, /* locative obl on a proper noun ("in Singapore"),
                         the antecedent of "where" */
};

typedef struct kg_arg {
    int role;             /* enum kg_arg_role */
    uint32_t head;        /* head token of the argument */
    uint32_t first, end;  /* the argument phrase, [first, end): the head's
                             subtree minus punctuation at the edges and
                             minus relative clauses/appositions that are
                             clauses of their own */
    const char *prep;     /* "on" for obl "on Monday"; NULL for core args.
                             The span of an oblique includes its
                             preposition (it is in the subtree). */
    int clause;           /* for KG_ARG_COMP: index of the embedded clause
                             in the same list, or -1 */
    /* Added for the Open IE writer and the relation stage: */
    int dep;              /* the tree relation the argument came from
                             (KG_DEP_NSUBJ_PASS for the patient of a
                             passive, KG_DEP_OBL_AGENT for its agent, ...);
                             for an antecedent standing in for a relative
                             pronoun, the pronoun's relation; for a
                             filled-in subject or patient, KG_DEP_NSUBJ or
                             KG_DEP_NSUBJ_PASS */
    uint32_t cfirst, cend; /* the whole coordination the argument belongs
                             to ("US 258 and NC 122"); equal to first/end
                             when the argument is not one conjunct of
                             several */
    uint32_t appos;       /* for a subject: the first word in apposition
                             to the head ("adviser, John Bolton,"), in the
                             tree as the clause reader mended it; else, or
                             without one, UINT32_MAX */
} kg_arg;

enum {
    KG_CLAUSE_NEGATED = 1u << 0,    /* not, never, n't, without */
    KG_CLAUSE_PASSIVE = 1u << 1,    /* was passive; args already active */
    KG_CLAUSE_COPULA = 1u << 2,     /* "X is Y" / "X is among Y" */
    KG_CLAUSE_NOMINAL = 1u << 3,    /* from a noun: apposition, title
                                       noun, possessive, compound title */
    KG_CLAUSE_SPEECH = 1u << 4,     /* a speech/attribution predicate:
                                       say, tell, report, claim... always;
                                       add, note, warn, suggest... when
                                       they have content (ccomp, or a
                                       quote as parataxis).  Speaker =
                                       SUBJ, addressee = IOBJ or OBL "to",
                                       content = COMP when in the tree */
    KG_CLAUSE_ATTRIBUTED = 1u << 5, /* content of reported speech or of a
                                       quote: `speech` names who says it.
                                       Every clause under the content is
                                       attributed (to the innermost
                                       speech clause), and so are the
                                       clauses of a quotation that opens
                                       the sentence and closes just before
                                       the speech verb */
    KG_CLAUSE_QUESTION = 1u << 6,
    KG_CLAUSE_CONDITIONAL = 1u << 7, /* under "if" / "unless": both the
                                        condition (the advcl) and the
                                        clause it conditions */
    /* Added: */
    KG_CLAUSE_EMBEDDED = 1u << 8,   /* content of a noun ("the suggestion
                                       that ...") or of a non-factive,
                                       non-speech verb ("think that ..."):
                                       reported or hypothetical, not
                                       asserted; `parent` is the clause
                                       that embeds it */
    KG_CLAUSE_DISTRIBUTED = 1u << 9, /* one of the clauses made by
                                       distributing a coordination of the
                                       subject or object over the
                                       predicate; args' cfirst/cend give
                                       the whole coordination */
    KG_CLAUSE_IMPLICIT = 1u << 10,  /* the relation is not in the text
                                       (apposition: "be", possessive:
                                       "have"): nrel is 0 */
    KG_CLAUSE_INTENDED = 1u << 11,  /* what a verb of intention or wish
                                       has in view ("plans to leave",
                                       "plans on leaving", "wants to
                                       join") or someone asks for
                                       ("pushed for Kim to accept"): not
                                       asserted */
    /* NEGATED also covers "no"/"neither" determiners and "nobody",
     * "nothing", "none" as subject or object, and "without" clauses. */
};

typedef struct kg_clause {
    uint32_t sentence;     /* index into article->sentences */
    uint32_t pred;         /* predicate head token (the verb; the title
                              noun of a title clause; the predicate
                              nominal/adjective of a copula; the
                              apposition of "appos"; the possessed noun
                              of "poss"; the nmod of "nmod") */
    const uint32_t *rel;   /* the relation phrase's tokens in text order
                              (auxiliaries, negation, pre-verbal adverbs,
                              verb, particle; for a copula "is" and the
                              predicate's own preposition, "is among";
                              for a title noun the title).  The
                              preposition of the first oblique is NOT in
                              it (it is in `prep` when the clause has no
                              object, and in the oblique's span): Open IE
                              decides whether to print it.  Empty for
                              KG_CLAUSE_IMPLICIT clauses */
    size_t nrel;
    const char *lemma;     /* predicate lemma ("reject"; "be" for copulas
                              and appositions; "have" for possessives;
                              the title in lower case for a title noun,
                              "spokesman", "president"; the preposition
                              for "nmod") */
    const char *particle;  /* compound:prt ("up" in "set up") or NULL */
    const char *prep;      /* preposition that belongs with the relation
                              ("on" in "build on": the first non-temporal
                              oblique's when there is no object; "among"
                              in "is among") or NULL */
    kg_arg *args;          /* subject first when there is one (the agent
                              of a passive counts as subject); title
                              clauses: SUBJ = the name, OBJ = the title's
                              qualifier ("South Korean", "Moon" of "Moon
                              spokesman", "State" of "Secretary of
                              State", prep "of") when there is one */
    size_t nargs;
    uint32_t flags;        /* KG_CLAUSE_* */
    const char *modality;  /* "might", "must", "would", "could", "may",
                              "can", "should", "will", "need to"... or NULL */
    const char *tense;     /* "past", "present", "future" or NULL */
    int speech;            /* for ATTRIBUTED: index of the speech clause
                              whose content this is, or -1 */
    int parent;            /* governing clause (xcomp/ccomp/conj/advcl;
                              for a relative or reduced relative clause
                              the clause of the noun's governor), or -1 */
    const char *rule;      /* the rule that built it (patterns in
                              clause.c): "verb", "passive", "copula",
                              "relcl", "acl" (reduced relative),
                              "xcomp", "advcl", "conj" (subject from a
                              conjoined verb), "appos", "title-noun",
                              "poss", "poss-title", "nmod" ("X in Y":
                              low confidence) */
    double confidence;     /* in [0, 1]: rule prior x a reliability factor
                              (falls with the sentence's length and the
                              subject's length); deterministic */
    /* Added: */
    uint32_t mark;         /* subordinator token of the clause ("that",
                              "if", "because", "to"), or UINT32_MAX */
} kg_clause;

/* A list belongs to one article: it grows in that article's arena. */
typedef struct kg_clause_list {
    kg_clause *v;
    size_t n, cap;
} kg_clause_list;

void kg_clause_list_init(kg_clause_list *l);
void kg_clause_list_release(kg_clause_list *l); /* storage is in the arena:
                                                    only resets */

/* Added: the subject argument of a clause (the agent for an active-
 * turned passive), or NULL; and the first argument of a role, or NULL. */
const kg_arg *kg_clause_subject(const kg_clause *c);
const kg_arg *kg_clause_arg(const kg_clause *c, int role);

/* Append the clauses of one parsed sentence (tokens must carry upos,
 * lemma, head, deprel: kg_nlp_annotate).  Clause indexes used in speech,
 * parent and kg_arg.clause refer to positions in l.  0 or -1 (OOM). */
int kg_clause_extract(kg_article *a, uint32_t sentence, kg_clause_list *l,
                      kg_diag *d);

/* Added: a readable dump of clauses [from, to) of l, one a line, for
 * `kgraph oie --clauses` and for tests:
 *     #3 verb 0.81 [has pushed] push +for | SUBJ "Pompeo" | OBL:for "for Kim"
 *        | COMP:xcomp #4 "to accept a time frame" | past NEGATED ...
 * 0, or -1 when memory runs out. */
int kg_clause_print(kg_buf *out, const kg_article *a, const kg_clause_list *l,
                    size_t from, size_t to);

/* All sentences of an article; in addition, a speech clause without
 * content ("Bolton said.") takes as content the quotation just before it
 * in the same sentence or the quoted sentences right before it, whose
 * clauses become ATTRIBUTED to it. */
int kg_clause_extract_all(kg_article *a, kg_clause_list *l, kg_diag *d);

#endif
