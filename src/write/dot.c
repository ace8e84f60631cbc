/*
 * dot.c - DOT and SVG pictures of a kg_graph through Graphviz's cgraph and
 * gvc libraries.
 *
 * Ownership rules of the Graphviz API, stated once:
 *  - agopen() returns a graph that owns every node, edge, attribute record
 *    and interned string created in it; agclose() frees them all.  Nodes
 *    and edges are never freed on their own here.
 *  - Attribute values (agattr defaults, agxset values, node names) are
 *    copied: cgraph interns them in the graph's reference-counted string
 *    pool (agstrdup), so the caller keeps its own char * and may reuse the
 *    buffer at once.  The API takes char * although it never writes
 *    through it; the casts below only drop const.
 *  - An HTML-like label is a pool string with the "html" mark: it must be
 *    made with agstrdup_html(g, s), handed to agxset (which takes its own
 *    reference), then released with agstrfree(g, s).  A plain char * with
 *    the same text would be drawn as text, angle brackets and all.
 *  - gvContext() loads the plugins (layout engines, renderers) and would
 *    be matched by gvFreeContext().  Here one context is made on first use
 *    and kept until the process exits (it stays reachable, so it is not a
 *    leak): Graphviz 2.43's pango plugin remembers a pointer to the last
 *    font name, which lives in the context's font table, and a second
 *    context would make it read freed memory.  gvLayout() attaches layout
 *    data to the graph, which gvFreeLayout() must free before agclose().
 *    gvRenderData() returns a malloc'd buffer that belongs to the caller
 *    and is freed with gvFreeRenderData().
 *  - agmemread() parses DOT text into a new graph (default disciplines)
 *    that the caller closes with agclose().  agwrite() writes through the
 *    graph's I/O discipline; ours appends to a kg_buf.
 *  - Graphviz reports problems through agerr(): by default it prints to
 *    stderr.  While kg_dot_write runs, a handler installed with agseterrf()
 *    collects them (errors into kg_diag, warnings as kg_diag warnings);
 *    the previous handler is put back afterwards.  That handler and the
 *    DOT lexer are global: this module is not thread-safe.
 *
 * Text safety.  Every string from the graph (labels, sentences, IRIs) is
 * first cleaned: invalid UTF-8 becomes U+FFFD, control characters and
 * line/paragraph separators become spaces, runs of white space collapse.
 * Then it is escaped for the kind of attribute it goes into:
 *  - escString attributes: '\' is doubled in labels (Graphviz reads "\N",
 *    "\G", "\n" as escapes) and quadrupled in tooltips (Graphviz 2.43
 *    expands a tooltip's escapes twice); '&' is written "&amp;" (Graphviz
 *    decodes HTML entities in labels, and its SVG writer passes anything
 *    that looks like an entity - "&#0;", "&foo;" - through unescaped, which
 *    would make the SVG ill-formed).  A value ending in a backslash gets a
 *    trailing space, because cgraph's writer would emit `\"` and the DOT
 *    would no longer parse.  Quotes are escaped by agwrite itself.
 *  - HTML-like labels: & < > " ' become entities, line breaks <br/>.
 *  - URLs: IRIs are percent-encoded outside the URI characters (and '&',
 *    quotes, angle brackets, backslash), as in the IRI-to-URI mapping.
 */
#include "base/alloc.h"
#include "write/dot.h"

#include <cgraph.h>
#include <gvc.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/hash.h"

void kg_dot_options_init(kg_dot_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->format = KG_DOT_DOT;
    opt->legend = true;
}

static const char *const LAYOUTS[] = {"dot",  "neato", "fdp",
                                      "sfdp", "circo", "twopi"};

bool kg_dot_layout_known(const char *name)
{
    for (size_t i = 0; i < sizeof LAYOUTS / sizeof LAYOUTS[0]; i++)
        if (name && !strcmp(name, LAYOUTS[i]))
            return true;
    return false;
}

/* --- text cleaning and escaping ------------------------------------------ */

/* Longest label line before wrapping, in code points. */
#define NODE_WRAP 18
#define EDGE_WRAP 22
/* Longest sentence shown in a tooltip, in code points. */
#define TOOLTIP_SENTENCE 220

static int put_cp(kg_buf *b, int32_t cp)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);
    return kg_buf_append(b, tmp, (size_t)n);
}

/* Append s cleaned: valid UTF-8, no control characters, white space
 * collapsed to single spaces, trimmed; at most max code points (0: no
 * limit), an ellipsis marking a cut.  Returns -1 on OOM. */
static int clean_text(kg_buf *b, const char *s, size_t max)
{
    if (!s)
        return 0;
    size_t len = strlen(s), i = 0, ncp = 0, start = b->len;
    bool space = false;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            k = 1;
            cp = 0xFFFD;
        }
        i += (size_t)k;
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 ||
            cp == 0x2029 || cp == 0x3000 || cp == 0xA0) {
            space = true;
            continue;
        }
        if (cp == 0xFFFE || cp == 0xFFFF)
            cp = 0xFFFD;
        if (cp == ' ') {
            space = true;
            continue;
        }
        if (max && ncp >= max) {
            if (put_cp(b, 0x2026) < 0)
                return -1;
            return 0;
        }
        if (space && b->len > start) {
            if (kg_buf_putc(b, ' ') < 0)
                return -1;
            ncp++;
        }
        space = false;
        if (put_cp(b, cp) < 0)
            return -1;
        ncp++;
    }
    return 0;
}

/* Break clean text into lines of about width code points at spaces, by
 * turning those spaces into '\n' in place.  A word longer than width
 * stays whole. */
static void wrap_text(char *s, size_t width)
{
    size_t col = 0;
    char *last_space = NULL;
    size_t col_at_space = 0;
    for (char *p = s; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue; /* continuation byte: same code point */
        if (*p == ' ') {
            last_space = p;
            col_at_space = col;
        }
        col++;
        if (col > width && last_space) {
            *last_space = '\n';
            col -= col_at_space + 1;
            last_space = NULL;
        }
    }
}

enum { ESC_LABEL, ESC_TOOLTIP, ESC_HTML };

/* Append clean text s escaped for a label, a tooltip or an HTML-like
 * label; a '\n' in s becomes a line break ("\n" or <br/>). */
static int escape(kg_buf *b, const char *s, int mode)
{
    static const char *const backslash[] = {"\\\\", "\\\\\\\\", "\\"};
    int rc = 0;
    bool html = mode == ESC_HTML;
    for (const char *p = s; *p && rc == 0; p++) {
        switch (*p) {
        case '\\':
            rc = kg_buf_puts(b, backslash[mode]);
            break;
        case '&':
            rc = kg_buf_puts(b, "&amp;");
            break;
        case '\n':
            rc = kg_buf_puts(b, html ? "<br/>" : "\\n");
            break;
        case '<':
            rc = html ? kg_buf_puts(b, "&lt;") : kg_buf_putc(b, *p);
            break;
        case '>':
            rc = html ? kg_buf_puts(b, "&gt;") : kg_buf_putc(b, *p);
            break;
        case '"':
            rc = html ? kg_buf_puts(b, "&quot;") : kg_buf_putc(b, *p);
            break;
        case '\'':
            rc = html ? kg_buf_puts(b, "&#39;") : kg_buf_putc(b, *p);
            break;
        default:
            rc = kg_buf_putc(b, *p);
        }
    }
    return rc;
}

/* Clean, optionally wrap, and escape s onto b. */
static int put_text(kg_buf *b, const char *s, size_t max, size_t wrap,
                    int mode)
{
    kg_buf t;
    kg_buf_init(&t);
    int rc = clean_text(&t, s, max);
    if (rc == 0 && t.len) {
        if (wrap)
            wrap_text(t.data, wrap);
        rc = escape(b, t.data, mode);
    }
    kg_buf_release(&t);
    return rc;
}

/* Percent-encode an IRI into a URI safe in every Graphviz output. */
static int put_url(kg_buf *b, const char *iri)
{
    static const char keep[] = "-._~:/?#[]@!$()*+,;=%";
    int rc = 0;
    for (const unsigned char *p = (const unsigned char *)iri; *p && !rc; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr(keep, *p))
            rc = kg_buf_putc(b, (char)*p);
        else
            rc = kg_buf_printf(b, "%%%02X", *p);
    }
    return rc;
}

/* A value about to be handed to cgraph: never empty-NULL, never ending in
 * a backslash (see the top of the file). */
static const char *value(kg_buf *b)
{
    if (b->len && b->data[b->len - 1] == '\\' && kg_buf_putc(b, ' ') < 0)
        return NULL;
    return b->len ? b->data : "";
}

/* --- Graphviz messages ------------------------------------------------------ */

static struct {
    kg_diag *d;
    char line[512];
    size_t len;
    int level; /* 0 none yet, 1 warning, 2 error */
    unsigned errors;
} gvmsg;

static void gvmsg_flush(void)
{
    while (gvmsg.len && (gvmsg.line[gvmsg.len - 1] == '\n' ||
                         gvmsg.line[gvmsg.len - 1] == ' '))
        gvmsg.len--;
    gvmsg.line[gvmsg.len] = '\0';
    if (gvmsg.len) {
        const char *m = gvmsg.line;
        if (!strncmp(m, "Error: ", 7))
            m += 7;
        else if (!strncmp(m, "Warning: ", 9))
            m += 9;
        if (gvmsg.level == 2) {
            kg_diag_error(gvmsg.d, NULL, 0, 0, "graphviz: %s", m);
            gvmsg.errors++;
        } else {
            kg_diag_warning(gvmsg.d, NULL, 0, 0, "graphviz: %s", m);
        }
    }
    gvmsg.len = 0;
    gvmsg.level = 0;
}

/* agerr() hands over "Error"/"Warning", ": ", then the message (possibly
 * in several pieces); a message ends with a newline. */
static int gvmsg_collect(char *s)
{
    if (gvmsg.len == 0 && !strcmp(s, "Error"))
        gvmsg.level = 2;
    else if (gvmsg.len == 0 && !strcmp(s, "Warning"))
        gvmsg.level = 1;
    for (; *s; s++) {
        if (gvmsg.len + 1 < sizeof gvmsg.line)
            gvmsg.line[gvmsg.len++] = *s;
        if (*s == '\n')
            gvmsg_flush();
    }
    return 0;
}

/* --- building the cgraph graph ---------------------------------------------- */

typedef struct dot_ctx {
    const kg_graph *g;
    const kg_dot_options *opt;
    const char *layout, *font;
    Agraph_t *ag;
    Agnode_t **agnodes;    /* per graph node, NULL if not drawn */
    size_t *degree;        /* per graph node: edges touching it */
    kg_strmap used_ids;
    kg_arena arena;        /* ids */
    kg_buf v;              /* the value being composed */
    size_t ndrawn, nisolated;
    bool any_weak;         /* some edge drawn dashed */
    int thing;             /* class of untyped entities (thing_class) */
} dot_ctx;

static void set(void *obj, const char *name, const char *val)
{
    agsafeset(obj, (char *)name, (char *)val, (char *)"");
}

/* Set a style value taken from the ontology (shape, colours): cleaned of
 * control characters and bad UTF-8, never ending in a backslash.  An
 * unknown colour or shape is Graphviz's to report (a warning). */
static int set_style(dot_ctx *c, void *obj, const char *name, const char *raw)
{
    if (clean_text(&c->v, raw, 80) < 0)
        return -1;
    const char *val = value(&c->v);
    if (!val)
        return -1;
    set(obj, name, val);
    kg_buf_clear(&c->v);
    return 0;
}


static bool is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* An XML-ID-safe, DOT-friendly name from the IRI's last segment, unique
 * in this picture.  prefix is put first when the segment does not start
 * with a letter, or always if always is set. */
static const char *make_id(dot_ctx *c, const char *iri, const char *prefix,
                           bool always)
{
    const char *tail = iri;
    for (const char *p = iri; *p; p++)
        if ((*p == '/' || *p == '#') && p[1] && p[1] != '/' && p[1] != '#')
            tail = p + 1;
    kg_buf b;
    kg_buf_init(&b);
    int rc = 0;
    if (always || !is_alpha(*tail))
        rc = kg_buf_puts(&b, prefix);
    for (const char *p = tail; *p && rc == 0 && b.len < 80; p++) {
        char ch = *p;
        bool ok = is_alpha(ch) || (ch >= '0' && ch <= '9') || ch == '_';
        rc = kg_buf_putc(&b, ok ? ch : '_');
    }
    /* Collisions (two IRIs with the same cleaned tail) get a hash suffix,
     * then a counter: both depend only on the IRIs. */
    const char *id = NULL;
    size_t base_len = b.len;
    for (unsigned k = 0; rc == 0 && !id; k++) {
        if (kg_strmap_get(&c->used_ids, b.data, b.len) < 0) {
            id = kg_arena_strndup(&c->arena, b.data, b.len);
            if (!id || kg_strmap_put(&c->used_ids, id, b.len, 1) < 0)
                id = NULL;
            break;
        }
        b.len = base_len;
        uint64_t h = kg_hash64(iri, strlen(iri), k);
        rc = kg_buf_printf(&b, "_%08llx", (unsigned long long)(h >> 32));
    }
    kg_buf_release(&b);
    return id;
}

/* The class an untyped entity is drawn as: the ontology's root class
 * "Thing" when it has one, else -1 (drawn with the defaults below). */
static int thing_class(const kg_graph *g)
{
    for (size_t i = 0; g->ont && i < g->ont->nclasses; i++)
        if (!strcmp(g->ont->classes[i].name, "Thing"))
            return (int)i;
    return -1;
}

/* The class style with a fallback for unstyled and untyped nodes. */
static const char *style_of(const kg_graph *g, int cls, const char *key,
                            const char *dflt)
{
    const char *v = NULL;
    if (cls >= 0 && g->ont)
        v = kg_ontology_class_style(g->ont, cls, key);
    return v && *v ? v : dflt;
}

/* A class label for people: "Other" for untyped entities, first letter
 * upper-cased ("media organization" -> "Media organization"). */
static int put_class_label(kg_buf *b, const kg_graph *g, int cls, int mode)
{
    const char *label = cls < 0 ? "Other" : kg_graph_class_label(g, cls);
    size_t mark = b->len;
    if (put_text(b, label, 60, 0, mode) < 0)
        return -1;
    if (b->len > mark && b->data[mark] >= 'a' && b->data[mark] <= 'z')
        b->data[mark] = (char)(b->data[mark] - 'a' + 'A');
    return 0;
}

#define DEFAULT_SHAPE "box"
#define DEFAULT_COLOR "#8c8c8c"
#define DEFAULT_FILL "#f2f2f2"
#define DEFAULT_FONTCOLOR "#1a1a1a"
#define EDGE_COLOR "#4d4d4d"
#define EDGE_FONTCOLOR "#333333"
#define WEAK_COLOR "#a6a6a6"
#define WEAK_FONTCOLOR "#808080"
/* Diff pictures: colours that stay apart for the colour-blind too
 * (ColorBrewer's diverging green/red pair, an orange for changes). */
#define DIFF_SAME "#b3b3b3"
#define DIFF_SAME_FONT "#8c8c8c"
#define DIFF_ADDED "#1a9850"
#define DIFF_REMOVED "#d73027"
#define DIFF_CHANGED "#e66101"

static const char *const diff_color[] = {DIFF_SAME, DIFF_ADDED, DIFF_REMOVED,
                                         DIFF_CHANGED};
static const char *const diff_word[] = {"unchanged", "added", "removed",
                                        "changed"};

/* The status of node / edge i in a diff picture, or -1 in a plain one. */
static int node_status(const dot_ctx *c, size_t i)
{
    return c->opt->node_status ? c->opt->node_status[i] & 3 : -1;
}

static int edge_status(const dot_ctx *c, size_t i)
{
    return c->opt->node_status && c->opt->edge_status
               ? c->opt->edge_status[i] & 3
               : -1;
}

/* "added · was: might" at the head of a tooltip. */
static int put_status_note(dot_ctx *c, int status, const char *const *notes,
                           size_t i)
{
    if (status < 0)
        return 0;
    int rc = kg_buf_puts(&c->v, diff_word[status]);
    const char *note = notes ? notes[i] : NULL;
    if (rc == 0 && note && *note) {
        rc = kg_buf_puts(&c->v, " \xc2\xb7 ");
        if (rc == 0)
            rc = put_text(&c->v, note, 200, 0, ESC_TOOLTIP);
    }
    return rc ? rc : kg_buf_puts(&c->v, "\\n");
}

static bool boxy(const char *shape)
{
    return !strcmp(shape, "box") || !strcmp(shape, "rect") ||
           !strcmp(shape, "rectangle") || !strcmp(shape, "square");
}

static void declare_attrs(dot_ctx *c)
{
    Agraph_t *ag = c->ag;
    const char *font = c->font;
    struct {
        int kind;
        const char *name, *dflt;
    } decl[] = {
        {AGRAPH, "layout", c->layout},
        {AGRAPH, "id", "kgraph"},
        {AGRAPH, "charset", "UTF-8"},
        {AGRAPH, "fontname", font},
        {AGRAPH, "bgcolor", "white"},
        {AGRAPH, "pad", "0.3"},
        {AGRAPH, "outputorder", "edgesfirst"},
        {AGNODE, "fontname", font},
        {AGNODE, "fontsize", "11"},
        {AGNODE, "shape", DEFAULT_SHAPE},
        {AGNODE, "style", "filled"},
        {AGNODE, "color", DEFAULT_COLOR},
        {AGNODE, "fillcolor", DEFAULT_FILL},
        {AGNODE, "fontcolor", DEFAULT_FONTCOLOR},
        {AGNODE, "penwidth", "1.2"},
        {AGNODE, "margin", "0.12,0.06"},
        {AGEDGE, "fontname", font},
        {AGEDGE, "fontsize", "9"},
        {AGEDGE, "color", EDGE_COLOR},
        {AGEDGE, "fontcolor", EDGE_FONTCOLOR},
        {AGEDGE, "arrowsize", "0.7"},
        {AGEDGE, "penwidth", "1"},
    };
    for (size_t i = 0; i < sizeof decl / sizeof decl[0]; i++)
        agattr(ag, decl[i].kind, (char *)decl[i].name, (char *)decl[i].dflt);
    /* Per-object attributes: declared with an empty default so that the
     * DOT does not repeat them in the `node [...]` line. */
    static const char *const node_attrs[] = {"id", "label", "tooltip", "URL"};
    static const char *const edge_attrs[] = {"id", "label", "tooltip",
                                             "labeltooltip", "URL", "style"};
    for (size_t i = 0; i < 4; i++)
        agattr(ag, AGNODE, (char *)node_attrs[i], (char *)"");
    for (size_t i = 0; i < 6; i++)
        agattr(ag, AGEDGE, (char *)edge_attrs[i], (char *)"");

    /* dot, top to bottom, reads best for news graphs of 20-80 entities:
     * edge labels never overlap, and people tend to sit above the places
     * and organisations they relate to.  Network simplex is capped at 10
     * iterations per node: more only matters past ~150 entities, where a
     * dense graph could otherwise take minutes. */
    if (!strcmp(c->layout, "dot")) {
        set(ag, "rankdir", "TB");
        set(ag, "nodesep", "0.3");
        set(ag, "ranksep", "0.45");
        set(ag, "newrank", "true");
        set(ag, "nslimit", "10");
        set(ag, "nslimit1", "10");
        set(ag, "splines", "true");
    } else {
        /* Force-directed engines: remove node overlaps, keep a margin
         * around nodes; curved edges routed around nodes cost time
         * quadratic in the graph, so big graphs get straight lines. */
        set(ag, "overlap", "prism");
        set(ag, "sep", "+14");
        set(ag, "esep", "+6");
        set(ag, "splines", c->g->nedges <= 150 ? "true" : "false");
    }
}

/* Set attribute name of obj to the composed value, then clear it. */
static int flush_attr(dot_ctx *c, void *obj, const char *name)
{
    const char *val = value(&c->v);
    if (!val)
        return -1;
    set(obj, name, val);
    kg_buf_clear(&c->v);
    return 0;
}

static int add_node(dot_ctx *c, size_t i)
{
    const kg_graph *g = c->g;
    const kg_node *n = &g->nodes[i];
    const char *id = make_id(c, n->iri, "n_", false);
    if (!id)
        return -1;
    Agnode_t *an = agnode(c->ag, (char *)id, 1);
    if (!an)
        return -1;
    c->agnodes[i] = an;
    set(an, "id", id);
    if (put_text(&c->v, n->label, 0, NODE_WRAP, ESC_LABEL) < 0 ||
        flush_attr(c, an, "label") < 0)
        return -1;

    int cls = n->cls >= 0 ? n->cls : c->thing;
    const char *shape = style_of(g, cls, "shape", DEFAULT_SHAPE);
    if (strcmp(shape, DEFAULT_SHAPE) && set_style(c, an, "shape", shape) < 0)
        return -1;
    if (boxy(shape))
        set(an, "style", "filled,rounded");
    const char *fill = style_of(g, cls, "fillcolor", DEFAULT_FILL);
    const char *color = style_of(g, cls, "color", DEFAULT_COLOR);
    const char *fontcolor = style_of(g, cls, "fontcolor", DEFAULT_FONTCOLOR);
    if (strcmp(fill, DEFAULT_FILL) && set_style(c, an, "fillcolor", fill) < 0)
        return -1;
    if (strcmp(color, DEFAULT_COLOR) && set_style(c, an, "color", color) < 0)
        return -1;
    if (strcmp(fontcolor, DEFAULT_FONTCOLOR) && set_style(c, an, "fontcolor", fontcolor) < 0)
        return -1;
    int st = node_status(c, i);
    if (st > KG_DOT_UNCHANGED) {
        /* The class keeps the fill; the outline tells the change. */
        set(an, "color", diff_color[st]);
        set(an, "penwidth", "2.6");
        if (st == KG_DOT_REMOVED)
            set(an, "style", boxy(shape) ? "filled,rounded,dashed"
                                         : "filled,dashed");
    }

    /* Tooltip: the class, then the other names the text used. */
    int rc = put_status_note(c, st, c->opt->node_note, i);
    if (rc == 0)
        rc = put_class_label(&c->v, g, cls, ESC_TOOLTIP);
    if (rc == 0 && n->nalt) {
        rc = kg_buf_puts(&c->v, "\\nalso: ");
        for (size_t k = 0; k < n->nalt && k < 8 && rc == 0; k++) {
            if (k)
                rc = kg_buf_puts(&c->v, ", ");
            if (rc == 0)
                rc = put_text(&c->v, n->alt[k], 60, 0, ESC_TOOLTIP);
        }
        if (rc == 0 && n->nalt > 8)
            rc = kg_buf_printf(&c->v, ", +%zu more", n->nalt - 8);
    }
    if (rc < 0 || flush_attr(c, an, "tooltip") < 0)
        return -1;
    if (put_url(&c->v, n->iri) < 0 || flush_attr(c, an, "URL") < 0)
        return -1;
    return 0;
}

/* Distinct speaker names (node labels) of the evidence with the given
 * polarity, appended to b as "A", "A and B", "A, B and 2 others".  Returns
 * how many speakers there were, or -1 on OOM. */
static int put_speakers(const kg_graph *g, kg_buf *b, const kg_edge *e,
                        bool negated)
{
    int seen[64];
    int nseen = 0, rc = 0;
    for (size_t j = 0; j < e->nprov && nseen < 64; j++) {
        const kg_prov *p = &e->prov[j];
        if (((p->flags & KG_PROV_NEGATED) != 0) != negated ||
            !(p->flags & KG_PROV_ATTRIBUTED) || p->attributed_to < 0 ||
            (size_t)p->attributed_to >= g->nnodes)
            continue;
        bool dup = false;
        for (int k = 0; k < nseen; k++)
            dup |= seen[k] == p->attributed_to;
        if (!dup)
            seen[nseen++] = p->attributed_to;
    }
    int show = nseen > 3 ? 2 : nseen;
    for (int k = 0; k < show && rc == 0; k++) {
        if (k)
            rc = kg_buf_puts(b, k == nseen - 1 ? " and " : ", ");
        if (rc == 0)
            rc = clean_text(b, g->nodes[seen[k]].label, 40);
    }
    if (rc == 0 && nseen > show)
        rc = kg_buf_printf(b, " and %d others", nseen - show);
    return rc < 0 ? -1 : nseen;
}

/* Number of distinct sentences supporting an edge (prov is sorted). */
static size_t n_sentences(const kg_edge *e)
{
    size_t n = 0;
    for (size_t j = 0; j < e->nprov; j++)
        if (j == 0 || e->prov[j].article != e->prov[j - 1].article ||
            e->prov[j].sentence != e->prov[j - 1].sentence)
            n++;
    return n;
}

/* The edge label: the relation, and for an edge with no plain evidence
 * (every sentence negated or reported) who said so.  *weak tells the
 * caller to draw it dashed and grey. */
static int edge_label(dot_ctx *c, const kg_edge *e, bool *weak)
{
    bool plain = false, pos = false, neg = false, hyp = false;
    for (size_t j = 0; j < e->nprov; j++) {
        uint32_t f = e->prov[j].flags;
        if (!(f & KG_PROV_UNASSERTED))
            plain = true;
        else if (f & KG_PROV_NEGATED)
            neg = true;
        else if (f & KG_PROV_ATTRIBUTED)
            pos = true;
        else
            hyp = true; /* only supposed: a suggestion, question, condition */
    }
    *weak = !plain && e->nprov > 0;
    kg_buf t, who_pos, who_neg;
    kg_buf_init(&t);
    kg_buf_init(&who_pos);
    kg_buf_init(&who_neg);
    int rc = 0, npos = 0, nneg = 0;
    if (*weak && neg && !pos)
        rc = kg_buf_puts(&t, "not ");
    if (rc == 0)
        rc = clean_text(&t, e->rel_label, 80);
    if (rc == 0 && t.len)
        wrap_text(t.data, EDGE_WRAP);
    if (rc == 0 && *weak) {
        npos = put_speakers(c->g, &who_pos, e, false);
        nneg = put_speakers(c->g, &who_neg, e, true);
        if (npos < 0 || nneg < 0)
            rc = -1;
    }
    const char *wp = who_pos.len ? who_pos.data : "";
    const char *wn = who_neg.len ? who_neg.data : "";
    if (rc == 0 && *weak) {
        /* "(according to X)", "(reported)", "(according to X;\ndenied by
         * Y)"; a denial without a speaker just reads "not ...". */
        if (pos && neg)
            rc = kg_buf_printf(&t, "\n(%s%s;\n%s%s)",
                               npos ? "according to " : "reported", wp,
                               nneg ? "denied by " : "also denied", wn);
        else if (pos)
            rc = kg_buf_printf(&t, "\n(%s%s)",
                               npos ? "according to " : "reported", wp);
        else if (nneg)
            rc = kg_buf_printf(&t, "\n(according to %s)", wn);
        else if (hyp && !neg)
            rc = kg_buf_puts(&t, "\n(supposed)");
    }
    if (rc == 0 && t.len)
        rc = escape(&c->v, t.data, ESC_LABEL);
    kg_buf_release(&t);
    kg_buf_release(&who_pos);
    kg_buf_release(&who_neg);
    return rc;
}

static int edge_tooltip(dot_ctx *c, const kg_edge *e)
{
    const kg_graph *g = c->g;
    unsigned max = c->opt->max_evidence ? c->opt->max_evidence : 3;
    int rc = put_text(&c->v, g->nodes[e->subj].label, 60, 0, ESC_TOOLTIP);
    if (rc == 0)
        rc = kg_buf_puts(&c->v, " \xe2\x80\x94 ");
    if (rc == 0)
        rc = put_text(&c->v, e->rel_label, 80, 0, ESC_TOOLTIP);
    if (rc == 0)
        rc = kg_buf_puts(&c->v, " \xe2\x86\x92 ");
    if (rc == 0)
        rc = put_text(&c->v, g->nodes[e->obj].label, 60, 0, ESC_TOOLTIP);
    size_t shown = 0, total = n_sentences(e);
    for (size_t j = 0; j < e->nprov && rc == 0; j++) {
        const kg_prov *p = &e->prov[j];
        if (j > 0 && p->article == e->prov[j - 1].article &&
            p->sentence == e->prov[j - 1].sentence)
            continue;
        if (shown == max || !p->text)
            continue;
        shown++;
        rc = kg_buf_puts(&c->v, "\\n\xe2\x80\xa2 ");
        if (rc == 0 && (p->flags & KG_PROV_NEGATED))
            rc = kg_buf_puts(&c->v, "[denied] ");
        else if (rc == 0 && (p->flags & KG_PROV_ATTRIBUTED))
            rc = kg_buf_puts(&c->v, "[reported] ");
        if (rc == 0)
            rc = put_text(&c->v, p->text, TOOLTIP_SENTENCE, 0, ESC_TOOLTIP);
    }
    if (rc == 0 && total > shown)
        rc = kg_buf_printf(&c->v, "\\n(+%zu more sentence%s)", total - shown,
                           total - shown > 1 ? "s" : "");
    if (rc == 0)
        rc = kg_buf_printf(&c->v, "\\nconfidence %.2f", e->confidence);
    return rc;
}

static int add_edge(dot_ctx *c, size_t i)
{
    const kg_edge *e = &c->g->edges[i];
    Agnode_t *t = c->agnodes[e->subj], *h = c->agnodes[e->obj];
    if (!t || !h)
        return 0;
    Agedge_t *ae = agedge(c->ag, t, h, NULL, 1);
    if (!ae)
        return -1;
    const char *id = make_id(c, e->iri, "s_", true);
    if (!id)
        return -1;
    set(ae, "id", id);
    bool weak;
    if (edge_label(c, e, &weak) < 0 || flush_attr(c, ae, "label") < 0)
        return -1;
    int st = edge_status(c, i);
    if (put_status_note(c, st, c->opt->edge_note, i) < 0 ||
        edge_tooltip(c, e) < 0)
        return -1;
    const char *tip = value(&c->v);
    if (!tip)
        return -1;
    set(ae, "tooltip", tip);
    set(ae, "labeltooltip", tip);
    kg_buf_clear(&c->v);
    if (put_url(&c->v, e->iri) < 0 || flush_attr(c, ae, "URL") < 0)
        return -1;
    if (st >= 0) {
        /* Diff picture: the colour tells the change; dashed is kept for
         * removed edges, so reported or denied ones are dotted. */
        set(ae, "color", diff_color[st]);
        set(ae, "fontcolor", st == KG_DOT_UNCHANGED ? DIFF_SAME_FONT
                                                    : diff_color[st]);
        if (st == KG_DOT_REMOVED)
            set(ae, "style", "dashed");
        else if (weak)
            set(ae, "style", "dotted");
        if (st != KG_DOT_UNCHANGED)
            set(ae, "penwidth", "2");
        c->any_weak |= weak;
        return 0;
    }
    if (weak) {
        c->any_weak = true;
        set(ae, "style", "dashed");
        set(ae, "color", WEAK_COLOR);
        set(ae, "fontcolor", WEAK_FONTCOLOR);
    }
    /* More sentences, thicker line: 1, 1.6, 2.2, 2.8, 3.4 (5 or more). */
    size_t n = n_sentences(e);
    if (n > 1) {
        char pw[16];
        snprintf(pw, sizeof pw, "%.1f", 1.0 + 0.6 * (double)((n < 5 ? n : 5) - 1));
        set(ae, "penwidth", pw);
    }
    return 0;
}

/* --- the header: title, source, legend ---------------------------------- */

/* The header is one HTML-like table used as the graph label: a column of
 * rows (title, source line, legend, key to the edge styles).  The legend
 * is a nested table so that its swatches sit right beside their names
 * whatever the width of the title. */

#define LEGEND_COLS 4
#define ROW "<tr><td align=\"left\" balign=\"left\">"
#define END_ROW "</td></tr>\n"

static int put_html(kg_buf *b, const char *s, size_t max, size_t wrap)
{
    return put_text(b, s, max, wrap, ESC_HTML);
}

static int header_title(dot_ctx *c, kg_buf *b)
{
    const kg_graph *g = c->g;
    int rc = kg_buf_puts(b, ROW "<font point-size=\"18\"><b>");
    const char *title = c->opt->title;
    if (!title && g->narticles == 1)
        title = g->articles[0].meta.title;
    if (rc == 0 && title)
        rc = put_html(b, title, 200, 64);
    else if (rc == 0 && g->narticles > 1)
        rc = kg_buf_printf(b, "%zu articles", g->narticles);
    else if (rc == 0)
        rc = kg_buf_puts(b, "Knowledge graph");
    if (rc == 0)
        rc = kg_buf_puts(b, "</b></font>" END_ROW);
    if (rc == 0 && c->opt->subtitle) {
        rc = kg_buf_puts(b, ROW "<font point-size=\"11\">");
        if (rc == 0)
            rc = put_html(b, c->opt->subtitle, 300, 100);
        if (rc == 0)
            rc = kg_buf_puts(b, "</font>" END_ROW);
    }
    /* Several articles, or a title of the caller's: list the headlines
     * (a few of them). */
    if (!c->opt->node_status &&
        (g->narticles > 1 || (c->opt->title && g->narticles == 1))) {
        size_t n = g->narticles < 5 ? g->narticles : 5;
        for (size_t i = 0; i < n && rc == 0; i++) {
            const kg_article_meta *m = &g->articles[i].meta;
            rc = kg_buf_puts(b, ROW "<font point-size=\"11\">");
            if (rc == 0)
                rc = put_html(b, m->title ? m->title : m->id, 120, 90);
            if (rc == 0 && m->source) {
                rc = kg_buf_puts(b, " <font color=\"#737373\">(");
                if (rc == 0)
                    rc = put_html(b, m->source, 60, 0);
                if (rc == 0)
                    rc = kg_buf_puts(b, ")</font>");
            }
            if (rc == 0)
                rc = kg_buf_puts(b, "</font>" END_ROW);
        }
        if (rc == 0 && g->narticles > n)
            rc = kg_buf_printf(b, ROW "<font point-size=\"11\">and %zu more"
                                      "</font>" END_ROW, g->narticles - n);
    }
    return rc;
}

static int header_source(dot_ctx *c, kg_buf *b, size_t nedges)
{
    const kg_graph *g = c->g;
    int rc = kg_buf_puts(b, ROW "<font point-size=\"10\" color=\"#595959\">");
    if (rc == 0 && g->narticles == 1) {
        const kg_article_meta *m = &g->articles[0].meta;
        if (m->source) {
            rc = put_html(b, m->source, 60, 0);
            if (rc == 0)
                rc = kg_buf_puts(b, " \xc2\xb7 ");
        }
        if (m->published && rc == 0) {
            rc = put_html(b, m->published, 40, 0);
            if (rc == 0)
                rc = kg_buf_puts(b, " \xc2\xb7 ");
        }
    }
    if (rc == 0)
        rc = kg_buf_printf(b, "%zu entit%s, %zu relation%s", c->ndrawn,
                           c->ndrawn == 1 ? "y" : "ies", nedges,
                           nedges == 1 ? "" : "s");
    if (rc == 0 && c->nisolated)
        rc = kg_buf_printf(b, "; %zu more entit%s without relations not "
                              "shown", c->nisolated,
                           c->nisolated == 1 ? "y" : "ies");
    if (rc == 0)
        rc = kg_buf_puts(b, "</font>" END_ROW);
    return rc;
}

/* One swatch and name per class present, in ontology order, untyped
 * entities ("Other") last. */
static int header_legend(dot_ctx *c, kg_buf *b, const size_t *count,
                         size_t ncls)
{
    const kg_graph *g = c->g;
    int rc = kg_buf_puts(b, ROW "<table border=\"0\" cellborder=\"0\" "
                            "cellspacing=\"3\" cellpadding=\"0\">\n");
    int col = 0;
    for (size_t k = 0; k <= ncls && rc == 0; k++) {
        int cls = k < ncls ? (int)k : -1;
        if (!count[k])
            continue;
        if (col == 0)
            rc = kg_buf_puts(b, "<tr>");
        if (rc == 0)
            rc = kg_buf_puts(b, "<td border=\"1\" fixedsize=\"true\" "
                                "width=\"18\" height=\"12\" bgcolor=\"");
        if (rc == 0)
            rc = put_html(b, style_of(g, cls, "fillcolor", DEFAULT_FILL), 40, 0);
        if (rc == 0)
            rc = kg_buf_puts(b, "\" color=\"");
        if (rc == 0)
            rc = put_html(b, style_of(g, cls, "color", DEFAULT_COLOR), 40, 0);
        if (rc == 0)
            rc = kg_buf_puts(b, "\"></td><td align=\"left\">"
                                "<font point-size=\"10\">");
        if (rc == 0)
            rc = put_class_label(b, g, cls, ESC_HTML);
        if (rc == 0)
            rc = kg_buf_printf(b, " (%zu)</font></td>", count[k]);
        if (rc == 0 && ++col == LEGEND_COLS) {
            rc = kg_buf_puts(b, "</tr>\n");
            col = 0;
        } else if (rc == 0) {
            rc = kg_buf_puts(b, "<td width=\"10\"></td>");
        }
    }
    if (rc == 0 && col)
        rc = kg_buf_puts(b, "</tr>\n");
    if (rc == 0)
        rc = kg_buf_puts(b, "</table>" END_ROW);
    return rc;
}

/* The key to a diff picture: one swatch per status with the number of
 * relations and entities in it. */
static int diff_legend(dot_ctx *c, kg_buf *b)
{
    const kg_graph *g = c->g;
    size_t ne[4] = {0}, nn[4] = {0};
    for (size_t i = 0; i < g->nedges; i++)
        if (c->agnodes[g->edges[i].subj] && c->agnodes[g->edges[i].obj])
            ne[edge_status(c, i) < 0 ? 0 : edge_status(c, i)]++;
    for (size_t i = 0; i < g->nnodes; i++)
        if (c->agnodes[i])
            nn[node_status(c, i)]++;
    int rc = kg_buf_puts(b, ROW "<table border=\"0\" cellborder=\"0\" "
                            "cellspacing=\"3\" cellpadding=\"0\"><tr>");
    static const int order[] = {KG_DOT_ADDED, KG_DOT_REMOVED, KG_DOT_CHANGED,
                                KG_DOT_UNCHANGED};
    static const char *const line[] = {
        "\xe2\x94\x81\xe2\x94\x81", "\xe2\x94\x81\xe2\x94\x81",
        "\xe2\x95\x8d\xe2\x95\x8d", "\xe2\x94\x81\xe2\x94\x81"};
    for (size_t k = 0; k < 4 && rc == 0; k++) {
        int st = order[k];
        rc = kg_buf_printf(b, "<td align=\"left\"><font point-size=\"10\" "
                              "color=\"%s\"><b>%s %s</b></font>"
                              "<font point-size=\"10\"> %zu relation%s, "
                              "%zu entit%s</font></td>%s",
                           diff_color[st], line[st], diff_word[st], ne[st],
                           ne[st] == 1 ? "" : "s", nn[st],
                           nn[st] == 1 ? "y" : "ies",
                           k < 3 ? "<td width=\"12\"></td>" : "");
    }
    if (rc == 0)
        rc = kg_buf_puts(b, "</tr></table>" END_ROW);
    if (rc == 0)
        rc = kg_buf_printf(b, ROW "<font point-size=\"9\" color=\"#737373\">"
                              "removed: dashed \xc2\xb7 %shover for the "
                              "sentences and what changed</font>" END_ROW,
                           c->any_weak ? "dotted: only reported or denied "
                                         "\xc2\xb7 " : "");
    return rc;
}

static int add_header(dot_ctx *c, size_t nedges)
{
    const kg_graph *g = c->g;
    size_t ncls = g->ont ? g->ont->nclasses : 0;
    size_t *count = kg_calloc(ncls + 1, sizeof *count);
    if (!count)
        return -1;
    bool any = false;
    for (size_t i = 0; i < g->nnodes; i++) {
        if (!c->agnodes[i])
            continue;
        int cls = g->nodes[i].cls >= 0 ? g->nodes[i].cls : c->thing;
        count[cls >= 0 && (size_t)cls < ncls ? (size_t)cls : ncls]++;
        any = true;
    }
    kg_buf b;
    kg_buf_init(&b);
    int rc = kg_buf_puts(&b, "<table border=\"0\" cellborder=\"0\" "
                             "cellspacing=\"1\" cellpadding=\"1\">\n");
    if (rc == 0)
        rc = header_title(c, &b);
    if (rc == 0)
        rc = header_source(c, &b, nedges);
    if (rc == 0 && any)
        rc = header_legend(c, &b, count, ncls);
    if (rc == 0 && c->opt->node_status)
        rc = diff_legend(c, &b);
    else if (rc == 0 && nedges)
        rc = kg_buf_printf(&b, ROW "<font point-size=\"9\" color=\"#737373\">"
                               "%sthicker arrows: more sentences \xc2\xb7 "
                               "hover for sources</font>" END_ROW,
                           c->any_weak ? "dashed grey arrows: only reported, "
                                         "supposed or denied \xc2\xb7 " : "");
    if (rc == 0)
        rc = kg_buf_puts(&b, "</table>");
    free(count);
    if (rc == 0) {
        char *h = agstrdup_html(c->ag, b.data);
        if (!h)
            rc = -1;
        else {
            set(c->ag, "label", h);
            agstrfree(c->ag, h);
            set(c->ag, "labelloc", "t");
            set(c->ag, "labeljust", "l");
        }
    }
    kg_buf_release(&b);
    return rc;
}

/* --- output ---------------------------------------------------------------- */

static GVC_t *shared_gvc; /* see the top of the file */

/* agwrite() writes through the graph's I/O discipline: ours appends to
 * the kg_buf passed as the channel. */
static int buf_putstr(void *chan, const char *s)
{
    return kg_buf_puts(chan, s) < 0 ? EOF : 0;
}

static int buf_flush(void *chan)
{
    (void)chan;
    return 0;
}

static Agiodisc_t buf_io = {NULL, buf_putstr, buf_flush};

static int build(dot_ctx *c, kg_diag *d)
{
    const kg_graph *g = c->g;
    size_t nn = g->nnodes ? g->nnodes : 1;
    c->agnodes = kg_calloc(nn, sizeof *c->agnodes);
    c->degree = kg_calloc(nn, sizeof *c->degree);
    if (!c->agnodes || !c->degree)
        goto oom;
    for (size_t i = 0; i < g->nedges; i++) {
        c->degree[g->edges[i].subj]++;
        c->degree[g->edges[i].obj]++;
    }
    c->thing = thing_class(g);
    declare_attrs(c);
    for (size_t i = 0; i < g->nnodes; i++) {
        if (!c->degree[i] && !c->opt->isolated && node_status(c, i) <= 0) {
            c->nisolated++;
            continue;
        }
        if (add_node(c, i) < 0)
            goto oom;
        c->ndrawn++;
    }
    for (size_t i = 0; i < g->nedges; i++)
        if (add_edge(c, i) < 0)
            goto oom;
    if (c->opt->legend && add_header(c, g->nedges) < 0)
        goto oom;
    return 0;
oom:
    kg_diag_oom(d, "building the picture");
    return -1;
}

int kg_dot_write(const kg_graph *g, const kg_dot_options *opt, kg_buf *out,
                 kg_diag *d)
{
    kg_dot_options dflt;
    if (!opt) {
        kg_dot_options_init(&dflt);
        opt = &dflt;
    }
    if (!g->finalized) {
        kg_diag_error(d, NULL, 0, 0, "the graph must be finalized before "
                                     "it is drawn");
        return -1;
    }
    const char *layout = opt->layout ? opt->layout : KG_DOT_DEFAULT_LAYOUT;
    if (!kg_dot_layout_known(layout)) {
        kg_diag_error(d, NULL, 0, 0, "unknown layout '%s' (expected dot, "
                                     "neato, fdp, sfdp, circo or twopi)",
                      layout);
        return -1;
    }
    if (opt->format != KG_DOT_DOT && opt->format != KG_DOT_SVG) {
        kg_diag_error(d, NULL, 0, 0, "unknown picture format %d", opt->format);
        return -1;
    }
    dot_ctx c;
    memset(&c, 0, sizeof c);
    c.g = g;
    c.opt = opt;
    c.layout = layout;
    c.font = opt->fontname ? opt->fontname : KG_DOT_DEFAULT_FONT;
    kg_strmap_init(&c.used_ids);
    kg_arena_init(&c.arena);
    kg_buf_init(&c.v);

    memset(&gvmsg, 0, sizeof gvmsg);
    gvmsg.d = d;
    agusererrf prev_errf = agseterrf(gvmsg_collect);
    agerrlevel_t prev_level = agseterr(AGWARN);
    agreseterrors();

    int rc = -1;
    kg_buf res;
    kg_buf_init(&res);
    Agiodisc_t io = buf_io;
    io.afread = AgIoDisc.afread;
    Agdisc_t disc = {&AgMemDisc, &AgIdDisc, &io};
    GVC_t *gvc = NULL;
    Agraph_t *ag = agopen((char *)"kgraph", Agdirected, &disc);
    c.ag = ag;
    if (!ag) {
        kg_diag_oom(d, "creating the picture");
        goto done;
    }
    if (build(&c, d) < 0)
        goto done;
    if (agwrite(ag, &res) == EOF) {
        kg_diag_oom(d, "writing DOT");
        goto done;
    }
    if (opt->format == KG_DOT_SVG) {
        /* Lay out the DOT text, not the graph built above: node and edge
         * order then match what `dot` sees when it reads the file, so the
         * SVG is exactly `dot -Tsvg` of the DOT output. */
        agclose(ag);
        ag = c.ag = agmemread(res.data);
        if (!ag) {
            if (!gvmsg.errors)
                kg_diag_error(d, NULL, 0, 0, "graphviz: cannot read back "
                                             "the DOT it wrote");
            goto done;
        }
        kg_buf_clear(&res);
        if (!shared_gvc)
            shared_gvc = gvContext();
        gvc = shared_gvc;
        if (!gvc) {
            kg_diag_error(d, NULL, 0, 0, "graphviz: cannot load its plugins");
            goto done;
        }
        if (gvLayout(gvc, ag, layout) != 0) {
            if (!gvmsg.errors)
                kg_diag_error(d, NULL, 0, 0, "graphviz: layout '%s' failed",
                              layout);
            goto done;
        }
        char *data = NULL;
        unsigned int len = 0;
        int r = gvRenderData(gvc, ag, "svg", &data, &len);
        if (r == 0 && data)
            r = kg_buf_append(&res, data, len);
        else if (!gvmsg.errors)
            kg_diag_error(d, NULL, 0, 0, "graphviz: cannot render SVG");
        if (data)
            gvFreeRenderData(data);
        gvFreeLayout(gvc, ag);
        if (r != 0)
            goto done;
    }
    if (gvmsg.len)
        gvmsg_flush();
    if (gvmsg.errors)
        goto done;
    if (kg_buf_append(out, res.data ? res.data : "", res.len) < 0) {
        kg_diag_oom(d, "writing the picture");
        goto done;
    }
    rc = 0;
done:
    if (gvmsg.len)
        gvmsg_flush();
    if (ag)
        agclose(ag);
    agseterrf(prev_errf);
    agseterr(prev_level);
    memset(&gvmsg, 0, sizeof gvmsg);
    kg_buf_release(&res);
    kg_buf_release(&c.v);
    kg_strmap_release(&c.used_ids);
    kg_arena_release(&c.arena);
    free(c.agnodes);
    free(c.degree);
    return rc;
}
