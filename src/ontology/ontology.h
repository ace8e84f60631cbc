/*
 * ontology.h - the YAML ontology (schema/README.md documents the format).
 *
 * Loaded once per run with kg_ontology_load(), then read-only and shared.
 * Every name is resolved to an index at load time; -1 means "none".  All
 * strings live in the ontology's own arena.  IRIs are stored expanded.
 */
#ifndef KG_ONTOLOGY_H
#define KG_ONTOLOGY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/hash.h"

typedef struct kg_prefix {
    const char *name; /* "schema" */
    const char *iri;  /* "https://schema.org/" */
} kg_prefix;

typedef struct kg_source_pos {
    const char *file; /* the YAML file the definition came from */
    int line, col;    /* 1-based */
} kg_source_pos;

typedef struct kg_class {
    const char *name;        /* "GovernmentOrganization" */
    const char *iri;         /* class_uri, expanded */
    const char *label;       /* human label; defaults to the name split */
    const char *description;
    int parent;              /* is_a, class index or -1 */
    int *mixins;             /* LinkML mixins: extra parents (e.g. a
                                GeopoliticalEntity is also an Agent) */
    size_t nmixins;
    /* Every ancestor through is_a and mixins, sorted, without the class
     * itself: kg_ontology_is_a is a binary search, not a walk that can go
     * exponential when parents are reachable by several paths. */
    int *ancestors;
    size_t nancestors;
    /* DOT style; NULL means "inherit from the parent / default". */
    const char *shape, *color, *fillcolor, *fontcolor;
    kg_source_pos pos;
} kg_class;

enum kg_trigger_kind {
    KG_TRIGGER_VERB = 1, /* verb lemma (+ particle / preposition) */
    KG_TRIGGER_NOUN = 2, /* title or relational noun: "spokesman" */
};

typedef struct kg_trigger {
    int kind;              /* enum kg_trigger_kind */
    const char *lemma;     /* "set", "spokesman" */
    const char *particle;  /* "up" for "set up", or NULL */
    const char *prep;      /* "on" for "build on", or NULL */
    bool either;           /* written "lemma word": particle holds the word,
                              which may match the caller's particle or
                              preposition */
    int relation;          /* owning relation index */
} kg_trigger;

typedef struct kg_annotation {
    const char *key, *value;
} kg_annotation;

typedef struct kg_relation {
    const char *name;        /* "spokesperson_of" */
    const char *iri;         /* slot_uri, expanded */
    const char *label;       /* "spokesperson of" */
    const char *description;
    int domain, range;       /* class indexes or -1 */
    int inverse;             /* relation index or -1 */
    bool symmetric;
    int parent;              /* is_a, relation index or -1 */
    kg_trigger *triggers;
    size_t ntriggers;
    kg_annotation *annotations; /* e.g. cameo: "111" */
    size_t nannotations;
    kg_source_pos pos;
} kg_relation;

typedef struct kg_entity {
    const char *id;          /* "moon_jae_in" */
    const char *iri;         /* expanded from default prefix + id */
    int cls;                 /* class index */
    const char *label;       /* "Moon Jae-in" */
    const char **aliases;    /* "Moon", "President Moon", ... */
    size_t naliases;
    const char **same_as;    /* expanded IRIs */
    size_t nsame_as;
    int stands_for;          /* metonymy: entity index this one can stand
                                for as an agent ("Seoul" -> South Korea),
                                or -1 (kgraph's own key) */
    const char *description;
    kg_source_pos pos;
} kg_entity;

typedef struct kg_ontology_file {
    const char *path;        /* as resolved */
    unsigned char sha256[32];
} kg_ontology_file;

typedef struct kg_ontology {
    kg_arena arena;
    const char *id;          /* the ontology's IRI (key "id"), or NULL */
    const char *name;
    /* Base IRI for IRIs the run generates (articles, new entities): the
     * main file's "base", else its default prefix's IRI; NULL if neither. */
    const char *base;
    const char *default_prefix; /* main file's prefix name, as written */
    kg_prefix *prefixes;
    size_t nprefixes;
    kg_class *classes;
    size_t nclasses;
    kg_relation *relations;
    size_t nrelations;
    kg_entity *entities;
    size_t nentities;
    kg_ontology_file *files; /* the main file first, then imports */
    size_t nfiles;
    /* lookup tables (keys live in the arena) */
    kg_strmap class_by_name, relation_by_name, entity_by_id;
    kg_strmap entity_by_name; /* label or alias -> entity (first claimant) */
    kg_strmap verb_triggers;  /* lemma -> first index into trigger_list */
    kg_strmap noun_triggers;
    kg_trigger **trigger_list; /* all triggers, grouped by lemma */
    size_t ntrigger_list;
} kg_ontology;

/* Load, resolve imports, validate.  On error returns NULL, d holds the
 * first error ("file:line:col: error: ...") and a count of the others;
 * warnings (an alias claimed by two entities, ...) go to d->warn_out. */
kg_ontology *kg_ontology_load(const char *path, kg_diag *d);
/* The same with the main file's text in memory (len bytes); name is used
 * in messages and imports are resolved relative to its directory. */
kg_ontology *kg_ontology_parse(const char *name, const char *data, size_t len,
                               kg_diag *d);
void kg_ontology_free(kg_ontology *o);

/* Index by name, or -1. */
int kg_ontology_class(const kg_ontology *o, const char *name);
int kg_ontology_relation(const kg_ontology *o, const char *name);
int kg_ontology_entity(const kg_ontology *o, const char *id);
/* Entity whose label or alias is exactly name (case-sensitive), or -1. */
int kg_ontology_entity_by_name(const kg_ontology *o, const char *name,
                               size_t len);

/* true if cls is ancestor or a descendant of it (is_a / mixins, transitively). */
bool kg_ontology_is_a(const kg_ontology *o, int cls, int ancestor);

/* Triggers for a verb lemma or a noun; lemmas compare ASCII
 * case-insensitively.  particle and prep are what the sentence has with
 * the verb (NULL = none).  A trigger without particle/prep matches the
 * lemma whatever the sentence has; one that names a particle and/or a
 * preposition matches only if the sentence has them (an `either` word
 * matches the sentence's particle or its preposition).  Writes up to max
 * matches into out, best first (particle and preposition matched, then
 * one of them, then bare lemma; ties in ontology order); returns how
 * many it wrote. */
size_t kg_ontology_verb_triggers(const kg_ontology *o, const char *lemma,
                                 const char *particle, const char *prep,
                                 const kg_trigger **out, size_t max);
size_t kg_ontology_noun_triggers(const kg_ontology *o, const char *lemma,
                                 const kg_trigger **out, size_t max);

/* Expand "prefix:local" with the ontology's prefixes; absolute IRIs are
 * returned as they are.  Returns an arena string of o, or NULL if the
 * prefix is unknown. */
const char *kg_ontology_expand(kg_ontology *o, const char *curie);

/* The class's style, walking up is_a until one is set; NULL if none. */
const char *kg_ontology_class_style(const kg_ontology *o, int cls,
                                    const char *key);

/* Print the details `check-ontology -v` shows after its summary line:
 * files with SHA-256, prefixes, the class tree, relations with
 * domain/range and triggers, entities. */
void kg_ontology_summary(const kg_ontology *o, FILE *out);

#endif
