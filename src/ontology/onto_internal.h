/*
 * onto_internal.h - helpers shared by the ontology's loader, lookups and
 * printer; not part of the public API.
 */
#ifndef KG_ONTO_INTERNAL_H
#define KG_ONTO_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "ontology/ontology.h"

enum kg_onto_iri {
    KG_ONTO_IRI_OK = 0,
    KG_ONTO_IRI_MALFORMED,      /* neither an absolute IRI nor a CURIE */
    KG_ONTO_IRI_UNKNOWN_PREFIX, /* prefix:local with an undeclared prefix */
    KG_ONTO_IRI_OOM,
};

/* Expand s (CURIE or absolute IRI) with o's prefixes into *out (an arena
 * string of o).  Returns enum kg_onto_iri. */
int kg_onto_expand(kg_ontology *o, const char *s, const char **out);

/* An absolute IRI: scheme ":" then "//..." or a scheme that needs no
 * authority (urn, mailto, tag), without spaces or the characters IRIs
 * forbid (<>"{}|\^`). */
bool kg_onto_is_abs_iri(const char *s);

/* Index of the prefix called name[0..len) in o->prefixes, or -1. */
int kg_onto_prefix(const kg_ontology *o, const char *name, size_t len);

/* The candidate closest to s by edit distance (ASCII case ignored, then
 * case counted; ties go to the earlier candidate), or NULL when none is
 * close enough to be a plausible typo. */
const char *kg_onto_closest(const char *s, const char *const *cands,
                            size_t n);

/* Copy s with ASCII letters lower-cased into out (cap bytes); returns the
 * length, or (size_t)-1 if it does not fit. */
size_t kg_onto_fold(const char *s, size_t len, char *out, size_t cap);

#endif
