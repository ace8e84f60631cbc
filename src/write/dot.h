/*
 * dot.h - the graph as a picture: Graphviz DOT text, or SVG laid out and
 * rendered in-process by gvc (no `dot` child process).
 *
 * The picture is a relationship map for people: nodes are labelled with
 * the entity's label and styled by ontology class (shape, colours; the
 * class style is inherited through is_a), edges carry the relation label.
 * Tooltips hold the class and other names of an entity, and the sentences
 * supporting a relation; links point to the entity and statement IRIs;
 * element ids are derived from the IRIs, so an SVG is stable across runs.
 * An edge whose every piece of evidence is negated ("did not violate") or
 * attributed ("X said that ...") is dashed and grey, its label says "not"
 * and names the speaker.  Pen width grows with the number of supporting
 * sentences.  A header (title, source, class legend with counts) sits above
 * the map.  Entities without relations are left out of the picture by
 * default (they are counted in the header) - a map of what is related.
 *
 * The DOT text carries every attribute, including `layout`, so
 * `dot -Tsvg file.dot` draws the same picture as KG_DOT_SVG.  Output is
 * deterministic: the same graph gives the same bytes.
 *
 * Not thread-safe: Graphviz keeps global state (its error handler, the
 * DOT lexer).  The graph must be finalized (kg_graph_finalize).
 */
#ifndef KG_DOT_H
#define KG_DOT_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/diag.h"
#include "graph/graph.h"

enum kg_dot_format { KG_DOT_DOT, KG_DOT_SVG };

/* The layout engine used when kg_dot_options.layout is NULL. */
#define KG_DOT_DEFAULT_LAYOUT "dot"
#define KG_DOT_DEFAULT_FONT "DejaVu Sans"

typedef struct kg_dot_options {
    int format;            /* enum kg_dot_format */
    const char *title;     /* NULL: the articles' headlines */
    bool legend;           /* header with title, source and class legend */
    const char *layout;    /* Graphviz engine (dot, neato, fdp, sfdp,
                              circo, twopi); NULL: KG_DOT_DEFAULT_LAYOUT */
    bool isolated;         /* also draw entities without relations */
    unsigned max_evidence; /* sentences per edge tooltip; 0: 3 */
    const char *fontname;  /* NULL: KG_DOT_DEFAULT_FONT */
    /* A diff picture (kgraph diff) when node_status is set: one status
     * per node and per edge of the graph (enum kg_dot_status, the values
     * of kg_diff_status), drawn unchanged grey, added green, removed red
     * and dashed, changed orange, with a key to them in the header; nodes
     * that changed are drawn even without relations.  The notes (may be
     * NULL, and so may each entry) lead the tooltips ("was: might"). */
    const unsigned char *node_status;
    const unsigned char *edge_status;
    const char *const *node_note;
    const char *const *edge_note;
    const char *subtitle;  /* a line under the title, or NULL */
} kg_dot_options;

enum kg_dot_status {
    KG_DOT_UNCHANGED = 0,
    KG_DOT_ADDED = 1,
    KG_DOT_REMOVED = 2,
    KG_DOT_CHANGED = 3,
};

/* Defaults: DOT, legend on, default layout, isolated entities left out. */
void kg_dot_options_init(kg_dot_options *opt);

/* true if name is a layout engine kg_dot_write accepts. */
bool kg_dot_layout_known(const char *name);

/* Append the picture of g to out.  Returns 0, or -1 with d saying why (an
 * unknown layout, a Graphviz error, out of memory); out is then left as
 * it was. */
int kg_dot_write(const kg_graph *g, const kg_dot_options *opt, kg_buf *out,
                 kg_diag *d);

#endif
