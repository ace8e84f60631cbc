/*
 * graph.h - the in-memory knowledge graph of one run.
 *
 * Entities (nodes) have deterministic IRIs: an ontology entity keeps its
 * own IRI; anything else gets a slug of its canonical label under the base
 * IRI.  A triple (edge) is (subject, relation, object); adding the same
 * triple again keeps one edge and appends the new provenance, so every
 * sentence that supports a fact is remembered.  Relations declared
 * symmetric or with an inverse are stored in one canonical direction.
 *
 * The graph owns copies of everything it keeps (labels, sentence texts)
 * in its own arena, so articles can be released after they are added.
 * kg_graph_finalize() sorts nodes, edges, labels and provenance into a
 * canonical order; writers require it and output is then deterministic.
 */
#ifndef KG_GRAPH_H
#define KG_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "article/article.h"
#include "base/arena.h"
#include "base/diag.h"
#include "base/hash.h"
#include "ontology/ontology.h"

/* An article that contributed to the graph (copied metadata). */
typedef struct kg_graph_article {
    const char *iri;       /* base + "article/" + id */
    const char *path;
    kg_article_meta meta;  /* strings copied into the graph's arena */
} kg_graph_article;

typedef struct kg_node {
    const char *iri;
    const char *label;     /* canonical label */
    int cls;               /* ontology class, or -1 (typed as Thing) */
    int entity;            /* ontology entity, or -1 */
    const char **alt;      /* other surface forms seen (sorted, unique) */
    size_t nalt, capalt;
    uint32_t mentions;     /* how many mentions resolved to this node */
} kg_node;

/* Annotations carried by one piece of evidence for a triple. */
enum {
    KG_PROV_NEGATED = 1u << 0,      /* "did not violate": never a plain fact */
    KG_PROV_ATTRIBUTED = 1u << 1,   /* inner clause of reported speech */
    KG_PROV_HYPOTHETICAL = 1u << 2, /* content of a noun or of a belief
                                       ("the suggestion that X violates Y"),
                                       a question or a condition */
};
/* Evidence with any of these flags does not assert its triple as fact. */
#define KG_PROV_UNASSERTED \
    (KG_PROV_NEGATED | KG_PROV_ATTRIBUTED | KG_PROV_HYPOTHETICAL)

typedef struct kg_prov {
    uint32_t article;      /* index into graph->articles */
    uint32_t sentence;     /* sentence index within the article */
    uint32_t cstart, cend; /* code-point span of the evidence: the
                              sentence, or a window of a very long one
                              (kg_graph_evidence) */
    const char *text;      /* the evidence text (graph arena) */
    const char *rule;      /* which extraction rule fired */
    double confidence;     /* in [0, 1] */
    uint32_t flags;        /* KG_PROV_* */
    int attributed_to;     /* node index of the speaker, or -1 */
    const char *modality;  /* "might", "must", ... or NULL */
    const char *tense;     /* "past", "present", "future" or NULL */
    const char *time;      /* "Monday", "in June" or NULL */
    const char *place;     /* node label of a place qualifier or NULL */
} kg_prov;

typedef struct kg_edge {
    uint32_t subj, obj;    /* node indexes */
    int rel;               /* ontology relation, or -1 for an open relation */
    const char *rel_iri;   /* ontology slot IRI, or base + "rel/" + slug */
    const char *rel_label; /* human label ("adviser to") */
    kg_prov *prov;
    size_t nprov, capprov;
    double confidence;     /* max over prov */
    const char *iri;       /* statement IRI (base + "stmt/" + hash) */
} kg_edge;

typedef struct kg_graph {
    kg_arena arena;
    const kg_ontology *ont;
    const char *base;      /* base IRI for generated IRIs (ends in / or #) */
    kg_graph_article *articles;
    size_t narticles, caparticles;
    kg_node *nodes;
    size_t nnodes, capnodes;
    kg_edge *edges;
    size_t nedges, capedges;
    kg_strmap node_by_iri;
    kg_strmap edge_by_key;
    kg_strmap text_ids;    /* sentence texts are stored once */
    const char **texts;
    size_t ntexts, captexts;
    bool finalized;
    /* Identity across articles (kgraph build sets it; extract does not).
     * IRIs already depend only on what one article says, so independent
     * processes agree on them; scoped adds two rules for merging graphs
     * of different articles: a concept (class Topic, "the sanctions") is
     * minted as concept/<slug>, apart from a name with the same letters,
     * and kg_graph_scope_names() moves one-word Person names. */
    bool scoped;
    int cls_person, cls_topic; /* for scoped; -1 when the ontology lacks them */
} kg_graph;

/* base may be NULL: then the ontology's base, else KG_GRAPH_DEFAULT_BASE. */
#define KG_GRAPH_DEFAULT_BASE "http://example.org/kgraph/"

int kg_graph_init(kg_graph *g, const kg_ontology *o, const char *base,
                  kg_diag *d);
void kg_graph_release(kg_graph *g);

/* Record an article; returns its index or -1. */
int kg_graph_add_article(kg_graph *g, const kg_article *a, kg_diag *d);

/* The node for an ontology entity (created on first use); -1 on OOM. */
int kg_graph_entity_node(kg_graph *g, int entity, kg_diag *d);
/* The node for a name outside the ontology, with a class (or -1). An
 * existing node with the same IRI is returned (and typed if it had no
 * class).  -1 on OOM or an empty label.  Labels and surface forms are
 * stored in NFC (kg_graph_add_alt too): the same name typed with
 * combining marks is the same label. */
int kg_graph_name_node(kg_graph *g, const char *label, size_t len, int cls,
                       kg_diag *d);
/* With g->scoped: every node from index first on that is a one-word name
 * outside the ontology typed Person ("Kim", which only its own article
 * can resolve to a full name) is re-minted under the latest article, as
 * entity/<article>/<name>, so that it never meets another article's
 * "Kim".  Call it once coreference is done and before any triple is
 * added (edge IRIs are made of node IRIs).  0 or -1 (OOM). */
int kg_graph_scope_names(kg_graph *g, size_t first, kg_diag *d);
/* Remember a surface form for a node (ignored if equal to its label). */
int kg_graph_add_alt(kg_graph *g, int node, const char *form, size_t len,
                     kg_diag *d);

/* A label from a span of an article's text: each run of white space,
 * control characters and zero-width spaces (all of which separate words)
 * becomes one space, none at the ends.  At most cap - 1 bytes (whole
 * characters) and a NUL go to out; returns the length. */
size_t kg_graph_text_label(const char *s, size_t len, char *out, size_t cap);

/* Evidence longer than this many bytes is a window of its sentence. */
#define KG_EVIDENCE_MAX 2000

/* Set p's cstart, cend and text to sentence s of a and return the text's
 * length in bytes; a sentence longer than KG_EVIDENCE_MAX bytes (a list
 * or a run-on text without punctuation) gives instead the whole tokens
 * around token focus that fit: every fact repeats its evidence, and whole
 * sentences would make the output grow with the square of their length. */
size_t kg_graph_evidence(const kg_article *a, uint32_t s, uint32_t focus,
                         kg_prov *p);

/* Add (subj, rel, obj) with one piece of provenance (copied; p->text is
 * text_len bytes, not necessarily NUL-terminated, and stored once per
 * distinct sentence).  rel is an
 * ontology relation, or -1 with open_label giving the relation phrase.
 * Symmetric relations are stored with the smaller IRI as subject; a
 * relation whose inverse was declared earlier in the ontology is stored
 * as that inverse.  Self-loops are refused (returns -1 without error).
 * Returns the edge index, or -1. */
int kg_graph_add_triple(kg_graph *g, int subj, int rel, const char *open_label,
                        int obj, const kg_prov *p, size_t text_len,
                        kg_diag *d);

/* Sort into canonical order (nodes by IRI, edges by subject, relation,
 * object IRI; provenance by article, sentence, offset).  Invalidates node
 * and edge indexes held outside the graph. */
int kg_graph_finalize(kg_graph *g, kg_diag *d);

/* The IRI of the i-th piece of evidence of an edge: the edge's IRI, '-',
 * and a hash of the article, sentence, span and rule, so it is stable
 * across runs and distinct across articles.  Writes at most cap bytes;
 * returns the length it needed. */
size_t kg_graph_prov_iri(const kg_graph *g, const kg_edge *e, size_t i,
                         char *out, size_t cap);

/* Lower-case ASCII slug for IRIs: letters and digits kept (accents
 * stripped), runs of anything else become one '_'.  Writes at most cap-1
 * bytes; returns the length. */
size_t kg_graph_slug(const char *s, size_t len, char *out, size_t cap);

/* The label an ontology class or relation shows to people. */
const char *kg_graph_class_label(const kg_graph *g, int cls);

#endif
