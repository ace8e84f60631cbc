/*
 * mention.h - entity mentions: ontology gazetteer matches and proper-name
 * chunks, typed by simple cues.
 *
 * The gazetteer is built once from the ontology (every entity's label and
 * aliases, tokenized by the same tokenizer as articles) and is read-only
 * afterwards.  Mentions of one article live in the article's arena.
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
    size_t max_tokens; /* longest alias in tokens */
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

typedef struct kg_mention {
    uint32_t sentence;   /* index into article->sentences */
    uint32_t first, end; /* article token indexes, [first, end) */
    uint32_t head;       /* the head token (== end - 1 for v0 chunks) */
    int kind;            /* enum kg_mention_kind */
    int entity;          /* ontology entity, or -1 */
    int cls;             /* class, or -1 when nothing says */
    int source;          /* enum kg_mention_source */
    int antecedent;      /* coreference: the mention this one refers back
                            to (pronouns, name parts, nominals), or -1 */
    int node;            /* graph node, filled by kg_coref_resolve();
                            -1 when unresolved (a pronoun with no
                            antecedent never becomes a node) */
} kg_mention;

kg_gazetteer *kg_gazetteer_new(const kg_ontology *o, kg_diag *d);
void kg_gazetteer_free(kg_gazetteer *gz);

/* Find the mentions of a tokenized (and, when models are loaded, tagged)
 * article.  The array lives in the article's arena, ordered by position;
 * mentions never overlap. */
int kg_mention_find(const kg_gazetteer *gz, kg_article *a, kg_mention **out,
                    size_t *n, kg_diag *d);

/* The mention covering token t (the one whose head is t, else the
 * narrowest span containing it), or -1.  m must be sorted by position. */
long kg_mention_at(const kg_mention *m, size_t n, uint32_t t);

#endif
