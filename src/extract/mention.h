/*
 * mention.h - entity mentions: ontology gazetteer matches, proper-name
 * phrases, definite noun phrases and pronouns, typed by simple cues.
 *
 * The gazetteer is built once from the ontology (every entity's label and
 * aliases, tokenized by the same tokenizer as articles) and is read-only
 * afterwards.  Mentions of one article live in the article's arena.
 *
 * kg_mention_find works on tokenized text; when the tokens also carry
 * tags and trees (kg_nlp_annotate) it uses them: PROPN marks name parts,
 * the tree gives each mention its syntactic head, strips title phrases
 * ("Secretary of State"), glues a known name to the proper noun it
 * modifies ("Washington Post") and finds definite noun phrases ("the
 * facility") and pronouns.  Without tags it falls back to capitalisation
 * (names and pronouns only).  What the mentions refer to is decided
 * afterwards by kg_coref_resolve (coref.h).
 */
#ifndef KG_MENTION_H
#define KG_MENTION_H

#include <stddef.h>
#include <stdint.h>

#include "article/article.h"
#include "base/diag.h"
#include "base/hash.h"
#include "ontology/ontology.h"

typedef struct kg_gazetteer {
    kg_arena arena;
    const kg_ontology *ont;
    kg_strmap exact;   /* token forms joined by '\x1f' -> entity */
    kg_strmap folded;  /* the same, case-folded, for "The North Korean ..." */
    kg_strmap first;   /* first token of an alias (exact) -> bit set of the
                          aliases' lengths in tokens (mention.c): most
                          tokens start no alias and are skipped with one
                          lookup, the others try only those lengths */
    size_t max_tokens; /* longest alias in tokens */
    kg_strmap cues;    /* word of the cue lists (mention.c) -> bit set of
                          the lists that hold it */
    /* class indexes of the typing cues, -1 where the ontology lacks them */
    int cls_person, cls_org, cls_gov, cls_media, cls_edu, cls_company,
        cls_party, cls_place, cls_thing;
} kg_gazetteer;

enum kg_mention_source {
    KG_MENTION_GAZETTEER = 1, /* an ontology label or alias */
    KG_MENTION_CHUNK = 2,     /* a proper-name chunk not in the ontology */
    KG_MENTION_PARSE = 3,     /* a noun phrase read off the parse */
};

enum kg_mention_kind {
    KG_MENTION_NAME = 1,    /* "Moon Jae-in", "Kim", "Hanyang University" */
    KG_MENTION_NOMINAL = 2, /* "the North Korean leader", "the facility" */
    KG_MENTION_PRONOUN = 3, /* "he", "his", "it", "they" */
};

enum kg_gender {
    KG_GENDER_UNKNOWN = 0,
    KG_GENDER_MALE = 1,   /* "he", "Mr.", "spokesman", "King" */
    KG_GENDER_FEMALE = 2, /* "she", "Mrs.", "spokeswoman", "Queen" */
};

enum {
    KG_MENTION_PLURAL = 1u << 0,     /* they/them/their; "the South Koreans" */
    KG_MENTION_POSSESSIVE = 1u << 1, /* his/its/their; a name before 's */
    KG_MENTION_REFLEXIVE = 1u << 2,  /* himself, itself, themselves */
};

typedef struct kg_mention {
    uint32_t sentence;   /* index into article->sentences */
    uint32_t first, end; /* article token indexes, [first, end); titles
                            are outside: "President [Donald Trump]" */
    uint32_t head;       /* the head token: with a tree, the rightmost
                            token of the span whose head lies outside it
                            ("Kim" in "Kim Eui-keum", "leader" in "the
                            North Korean leader"); without one, end - 1 */
    int kind;            /* enum kg_mention_kind */
    int entity;          /* ontology entity: the gazetteer's match, and
                            after kg_coref_resolve the entity of whatever
                            the mention was resolved to; else -1 */
    int cls;             /* class, or -1 when nothing says; after
                            kg_coref_resolve the class of the node */
    int source;          /* enum kg_mention_source */
    int antecedent;      /* coreference: the mention this one refers back
                            to (pronouns, name parts, nominals), or -1 */
    int node;            /* graph node, filled by kg_coref_resolve();
                            -1 when unresolved (a pronoun with no
                            antecedent never becomes a node) */
    /* --- added for coreference and the relation layer --- */
    int title;           /* token of the title that typed a name
                            ("President", "spokesman", "Secretary" in
                            "Secretary of State Michael Pompeo"), or -1 */
    int gender;          /* enum kg_gender: from the title or pronoun */
    unsigned flags;      /* KG_MENTION_PLURAL | _POSSESSIVE | _REFLEXIVE */
    int stands_for;      /* metonymy: the entity the mention's entity
                            stands for (o->entities[entity].stands_for:
                            "Seoul" -> South Korea), or -1 */
    int stands_for_node; /* filled by kg_coref_resolve: the graph node of
                            stands_for when the mention is used as an
                            agent or argument rather than as a location
                            (subject, object, possessor, passive agent,
                            conjunct of one, or after a non-locative
                            preposition: "differences between Seoul and
                            Washington"), else -1.  "reporters in Seoul"
                            and "a trip to Pyongyang" keep -1.  The
                            relation layer uses this node instead of
                            `node` when the slot wants an Agent; it may
                            still call kg_graph_entity_node(stands_for)
                            itself where it knows better. */
} kg_mention;

kg_gazetteer *kg_gazetteer_new(const kg_ontology *o, kg_diag *d);
void kg_gazetteer_free(kg_gazetteer *gz);

/* Find the mentions of a tokenized (and, when models are loaded, tagged
 * and parsed) article.  The array lives in the article's arena, ordered
 * by position; mentions never overlap.  Every mention starts unresolved
 * (node, antecedent and stands_for_node -1). */
int kg_mention_find(const kg_gazetteer *gz, kg_article *a, kg_mention **out,
                    size_t *n, kg_diag *d);

/* The mention covering token t (the one whose head is t, else the
 * narrowest span containing it), or -1.  m must be sorted by position. */
long kg_mention_at(const kg_mention *m, size_t n, uint32_t t);

#endif
