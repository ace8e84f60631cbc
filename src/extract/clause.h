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
#include "base/diag.h"

enum kg_arg_role {
    KG_ARG_SUBJ = 1,  /* nsubj, or the agent of a passive (obl:agent) */
    KG_ARG_OBJ = 2,   /* obj, or the passive subject turned object */
    KG_ARG_IOBJ = 3,  /* iobj; the addressee of "told reporters" */
    KG_ARG_OBL = 4,   /* obl / nmod with its preposition in `prep` */
    KG_ARG_COMP = 5,  /* xcomp / ccomp content ("to accept a time frame") */
    KG_ARG_TIME = 6,  /* temporal obl/nmod:tmod ("on Monday", "in June") */
    KG_ARG_PLACE = 7, /* locative obl ("in Singapore") */
};

typedef struct kg_arg {
    int role;             /* enum kg_arg_role */
    uint32_t head;        /* head token of the argument */
    uint32_t first, end;  /* the argument phrase, [first, end): the head's
                             subtree minus punctuation at the edges and
                             minus relative clauses/appositions that are
                             clauses of their own */
    const char *prep;     /* "on" for obl "on Monday"; NULL for core args */
    int clause;           /* for KG_ARG_COMP: index of the embedded clause
                             in the same list, or -1 */
} kg_arg;

enum {
    KG_CLAUSE_NEGATED = 1u << 0,    /* not, never, n't, without */
    KG_CLAUSE_PASSIVE = 1u << 1,    /* was passive; args already active */
    KG_CLAUSE_COPULA = 1u << 2,     /* "X is Y" / "X is among Y" */
    KG_CLAUSE_NOMINAL = 1u << 3,    /* from a noun: apposition, title
                                       noun, possessive, compound title */
    KG_CLAUSE_SPEECH = 1u << 4,     /* a speech/attribution predicate
                                       (say, tell, report...) */
    KG_CLAUSE_ATTRIBUTED = 1u << 5, /* content of reported speech or of a
                                       quote: `speech` names who says it */
    KG_CLAUSE_QUESTION = 1u << 6,
    KG_CLAUSE_CONDITIONAL = 1u << 7, /* under "if" / "unless" */
};

typedef struct kg_clause {
    uint32_t sentence;     /* index into article->sentences */
    uint32_t pred;         /* predicate head token (the verb; the title
                              noun of a nominal clause; the predicate
                              nominal/adjective of a copula) */
    const uint32_t *rel;   /* the relation phrase's tokens in text order
                              (auxiliaries, negation, verb, particle,
                              preposition of the first oblique): what
                              Open IE prints as the relation */
    size_t nrel;
    const char *lemma;     /* predicate lemma ("reject"; "be" for copulas;
                              "spokesman" for a title noun) */
    const char *particle;  /* compound:prt ("up" in "set up") or NULL */
    const char *prep;      /* preposition folded into the relation ("on"
                              in "build on") or NULL */
    kg_arg *args;          /* subject first when there is one */
    size_t nargs;
    uint32_t flags;        /* KG_CLAUSE_* */
    const char *modality;  /* "might", "must", "would", "could", "may",
                              "can", "should", "will", "need to"... or NULL */
    const char *tense;     /* "past", "present", "future" or NULL */
    int speech;            /* for ATTRIBUTED: index of the speech clause
                              whose content this is, or -1 */
    int parent;            /* governing clause (xcomp/ccomp/conj), or -1 */
    const char *rule;      /* the rule that built it: "verb", "passive",
                              "copula", "appos", "relcl", "acl", "xcomp",
                              "title-noun", "poss-title", "conj" ... */
    double confidence;     /* in [0, 1]: rule prior x parser margin */
} kg_clause;

typedef struct kg_clause_list {
    kg_clause *v;
    size_t n, cap;
} kg_clause_list;

void kg_clause_list_init(kg_clause_list *l);
void kg_clause_list_release(kg_clause_list *l); /* storage is in the arena:
                                                    only resets */

/* Append the clauses of one parsed sentence (tokens must carry upos,
 * lemma, head, deprel: kg_nlp_annotate).  Clause indexes used in speech,
 * parent and kg_arg.clause refer to positions in l.  0 or -1 (OOM). */
int kg_clause_extract(kg_article *a, uint32_t sentence, kg_clause_list *l,
                      kg_diag *d);

/* All sentences of an article. */
int kg_clause_extract_all(kg_article *a, kg_clause_list *l, kg_diag *d);

#endif
