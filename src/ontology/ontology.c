/*
 * ontology.c - load a YAML ontology, resolve its imports and names, and
 * validate it.  schema/README.md describes the format to users.
 *
 * libyaml ownership: each file is parsed whole by yaml_parser_load() into
 * a yaml_document_t that the loader owns and deletes with
 * yaml_document_delete() before kg_ontology_load() returns.  Nothing
 * points into a document afterwards: every string kept is copied into the
 * ontology's arena.  libyaml marks are 0-based (line, column in
 * characters); messages add 1.
 *
 * Loading runs in passes, so that a definition may refer to anything
 * defined anywhere (before, after, or in an imported file):
 *   1. read each file, imports depth-first; check the top-level keys;
 *      collect prefixes and the names of classes, relations and entities
 *      (imported definitions come before the importer's own);
 *   2. read each definition's body (IRIs, labels, styles, triggers);
 *   3. resolve references (is_a, mixins, domain, range, inverse, class,
 *      stands_for);
 *   4. whole-ontology checks and derived data: is_a cycles, domain/range
 *      inherited through is_a, inverses, IRI collisions, aliases, the
 *      trigger index.
 * Errors go to the kg_diag (first kept, rest counted); a pass whose input
 * is broken is skipped rather than allowed to cascade.
 */
#include "base/alloc.h"
#include "ontology/ontology.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "base/buf.h"
#include "base/io.h"
#include "base/sha256.h"
#include "ontology/onto_internal.h"

/* --- keys ---------------------------------------------------------------- */

enum {
    TOP_ID, TOP_NAME, TOP_DESCRIPTION, TOP_PREFIXES, TOP_DEFAULT_PREFIX,
    TOP_BASE, TOP_IMPORTS, TOP_CLASSES, TOP_RELATIONS, TOP_ENTITIES, NTOP
};
static const char *const top_keys[NTOP] = {
    "id", "name", "description", "prefixes", "default_prefix",
    "base", "imports", "classes", "relations", "entities",
};

enum {
    C_IS_A, C_MIXINS, C_CLASS_URI, C_LABEL, C_DESCRIPTION, C_SHAPE, C_COLOR,
    C_FILLCOLOR, C_FONTCOLOR, NCLASS_KEYS
};
static const char *const class_keys[NCLASS_KEYS] = {
    "is_a", "mixins", "class_uri", "label", "description", "shape", "color",
    "fillcolor", "fontcolor",
};

enum {
    R_SLOT_URI, R_LABEL, R_DESCRIPTION, R_DOMAIN, R_RANGE, R_INVERSE,
    R_SYMMETRIC, R_IS_A, R_ANNOTATIONS, R_TRIGGERS, NREL_KEYS
};
static const char *const rel_keys[NREL_KEYS] = {
    "slot_uri", "label", "description", "domain", "range", "inverse",
    "symmetric", "is_a", "annotations", "triggers",
};

enum { T_VERBS, T_NOUNS, NTRIG_KEYS };
static const char *const trig_keys[NTRIG_KEYS] = {"verbs", "nouns"};

enum { V_VERB, V_PARTICLE, V_PREP, NVERB_KEYS };
static const char *const verb_keys[NVERB_KEYS] = {"verb", "particle", "prep"};

enum {
    E_CLASS, E_LABEL, E_ALIASES, E_SAME_AS, E_STANDS_FOR, E_DESCRIPTION,
    NENT_KEYS
};
static const char *const ent_keys[NENT_KEYS] = {
    "class", "label", "aliases", "same_as", "stands_for", "description",
};

#define MAXF 12

/* Graphviz node shapes (its documented polygon-based and record-less
 * shapes); anything else would make dot warn at render time. */
static const char *const dot_shapes[] = {
    "box", "polygon", "ellipse", "oval", "circle", "point", "egg",
    "triangle", "plaintext", "plain", "diamond", "trapezium",
    "parallelogram", "house", "pentagon", "hexagon", "septagon", "octagon",
    "doublecircle", "doubleoctagon", "tripleoctagon", "invtriangle",
    "invtrapezium", "invhouse", "Mdiamond", "Msquare", "Mcircle", "rect",
    "rectangle", "square", "star", "none", "underline", "cylinder", "note",
    "tab", "folder", "box3d", "component", "promoter", "cds", "terminator",
    "utr", "primersite", "restrictionsite", "fivepoverhang",
    "threepoverhang", "noverhang", "assembly", "signature", "insulator",
    "ribosite", "rnastab", "proteasesite", "proteinstab", "rpromoter",
    "rarrow", "larrow", "lpromoter",
};
#define NSHAPES (sizeof dot_shapes / sizeof dot_shapes[0])

/* --- loader state -------------------------------------------------------- */

typedef struct yfile {
    const char *path;        /* as displayed: joined, not normalised */
    unsigned char sha256[32];
    yaml_document_t doc;
    bool has_doc;
    bool has_id;             /* dev/ino known (not stdin) */
    dev_t dev;
    ino_t ino;
    bool loading;            /* on the import stack */
    int importer;            /* file that imported this one, -1 for main */
    yaml_node_t *top[NTOP];
    yaml_node_t *topkey[NTOP];
    const char *schema_iri;  /* namespace for class/relation names */
    const char *entity_iri;  /* namespace for entity ids */
    bool no_ns_reported;
} yfile;

typedef struct def {
    int file;
    yaml_node_t *key, *val;
    const char *name;
    yaml_node_t *fv[MAXF], *fk[MAXF]; /* body fields by key enum */
    yaml_node_t *iri_at;              /* where the IRI was written */
    yaml_node_t **mixin_at;           /* classes: node of each mixin */
    int inverse;                      /* relations: declared inverse */
    bool body_ok;
} def;

typedef struct defs {
    def *v;
    size_t n, cap;
} defs;

typedef struct prefix_def {
    int file;
    yaml_node_t *key;
    const char *name, *iri;
} prefix_def;

typedef struct name_claim {
    int entity;
    int file;
    yaml_node_t *at;
} name_claim;

typedef struct loader {
    kg_ontology *o;
    kg_diag *d;
    bool oom;
    yfile **files;
    size_t nfiles, capfiles;
    defs cls, rel, ent;
    prefix_def *pre;
    size_t npre, cappre;
    name_claim *claims;
    size_t nclaims, capclaims;
    kg_strmap claim_by_name; /* label or alias -> index into claims */
    const char *mem;         /* the main file's text when loaded from memory */
    size_t memlen;
} loader;

static bool grow(void **p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t nc = *cap ? *cap * 2 : 16;
    if (nc > SIZE_MAX / size)
        return false;
    void *q = kg_realloc(*p, nc * size);
    if (!q)
        return false;
    *p = q;
    *cap = nc;
    return true;
}

/* --- messages ------------------------------------------------------------ */

static int mline(const yaml_node_t *n)
{
    return n ? (int)n->start_mark.line + 1 : 0;
}

static int mcol(const yaml_node_t *n)
{
    return n ? (int)n->start_mark.column + 1 : 0;
}

static void errf(loader *l, int f, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void errf(loader *l, int f, const yaml_node_t *n, const char *fmt, ...)
{
    char msg[KG_DIAG_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    kg_diag_error(l->d, l->files[f]->path, mline(n), mcol(n), "%s", msg);
}

static void warnf(loader *l, int f, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void warnf(loader *l, int f, const yaml_node_t *n, const char *fmt, ...)
{
    char msg[KG_DIAG_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    kg_diag_warning(l->d, l->files[f]->path, mline(n), mcol(n), "%s", msg);
}

/* "file:line:col" of a node, for "(first defined at ...)". */
static const char *where(loader *l, int f, const yaml_node_t *n, char *buf,
                         size_t cap)
{
    snprintf(buf, cap, "%s:%d:%d", l->files[f]->path, mline(n), mcol(n));
    return buf;
}

/* " (did you mean 'x'?)" or "" */
static const char *suggest(const char *s, const char *const *cands, size_t n,
                           char *buf, size_t cap)
{
    const char *c = kg_onto_closest(s, cands, n);
    if (!c)
        return "";
    snprintf(buf, cap, " (did you mean '%s'?)", c);
    return buf;
}

/* --- YAML node helpers --------------------------------------------------- */

static yaml_node_t *node(loader *l, int f, int index)
{
    return yaml_document_get_node(&l->files[f]->doc, index);
}

static const char *stext(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

/* A YAML null: a plain scalar that is empty, "~" or "null". */
static bool is_null(const yaml_node_t *n)
{
    if (!n)
        return true;
    if (n->type != YAML_SCALAR_NODE ||
        n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *s = stext(n);
    return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
           strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

static const char *adup(loader *l, const char *s, size_t len)
{
    char *p = kg_arena_strndup(&l->o->arena, s, len);
    if (!p) {
        l->oom = true;
        return "";
    }
    return p;
}

static void *aalloc(loader *l, size_t n, size_t size)
{
    void *p = kg_arena_calloc(&l->o->arena, n ? n : 1, size);
    if (!p)
        l->oom = true;
    return p;
}

/* A non-empty string value; what is the subject as it should read in a
 * message ("'label'", "an alias").  NULL after reporting an error. */
static const char *get_str(loader *l, int f, const yaml_node_t *n,
                           const char *what)
{
    if (n->type != YAML_SCALAR_NODE) {
        errf(l, f, n, "%s must be a string", what);
        return NULL;
    }
    size_t len = n->data.scalar.length;
    if (is_null(n) || len == 0) {
        errf(l, f, n, "%s must not be empty", what);
        return NULL;
    }
    if (memchr(stext(n), '\0', len)) {
        errf(l, f, n, "%s contains a nul byte", what);
        return NULL;
    }
    return adup(l, stext(n), len);
}

/* Check a value that must be a mapping (null counts as an empty one). */
static bool want_map(loader *l, int f, const yaml_node_t *n, const char *what)
{
    if (is_null(n))
        return false;
    if (n->type != YAML_MAPPING_NODE) {
        errf(l, f, n, "%s must be a mapping", what);
        return false;
    }
    return true;
}

static bool want_seq(loader *l, int f, const yaml_node_t *n, const char *what)
{
    if (is_null(n))
        return false;
    if (n->type != YAML_SEQUENCE_NODE) {
        errf(l, f, n, "%s must be a sequence", what);
        return false;
    }
    return true;
}

static size_t seq_len(const yaml_node_t *n)
{
    return n && n->type == YAML_SEQUENCE_NODE
               ? (size_t)(n->data.sequence.items.top -
                          n->data.sequence.items.start)
               : 0;
}

static size_t map_len(const yaml_node_t *n)
{
    return n && n->type == YAML_MAPPING_NODE
               ? (size_t)(n->data.mapping.pairs.top -
                          n->data.mapping.pairs.start)
               : 0;
}

/* A mapping key: a non-empty string without NUL bytes. */
static bool key_ok(loader *l, int f, const yaml_node_t *k)
{
    if (k->type != YAML_SCALAR_NODE || is_null(k) ||
        k->data.scalar.length == 0 ||
        memchr(stext(k), '\0', k->data.scalar.length)) {
        errf(l, f, k, "keys must be non-empty strings");
        return false;
    }
    return true;
}

/* Sort the pairs of a mapping into vals/keys by their position in
 * names[]; report unknown keys (with the closest known one) and
 * duplicates.  ctx is appended to "unknown key 'x'" (" in class 'A'"). */
static void read_fields(loader *l, int f, yaml_node_t *map,
                        const char *const *names, size_t nnames,
                        yaml_node_t **vals, yaml_node_t **keys,
                        const char *ctx)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(l, f, p->key), *v = node(l, f, p->value);
        if (!key_ok(l, f, k))
            continue;
        const char *ks = stext(k);
        size_t i = 0;
        while (i < nnames && strcmp(names[i], ks) != 0)
            i++;
        if (i == nnames) {
            char sb[128];
            errf(l, f, k, "unknown key '%s'%s%s", ks, ctx,
                 suggest(ks, names, nnames, sb, sizeof sb));
            continue;
        }
        if (vals[i]) {
            char wb[512];
            errf(l, f, k, "duplicate key '%s' (first at %s)", ks,
                 where(l, f, keys[i], wb, sizeof wb));
            continue;
        }
        vals[i] = v;
        keys[i] = k;
    }
}

/* Names of classes, relations, entities and prefixes: letters, digits,
 * '_', '-', '.', starting with a letter or '_' - safe to append to an IRI
 * namespace and to print in DOT without quoting surprises. */
static bool name_ok(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
        return false;
    for (const char *p = s + 1; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
              *p == '.'))
            return false;
    return true;
}

/* --- pass 1: files ------------------------------------------------------- */

/* Byte offset of a libyaml mark (0-based line, column in characters,
 * a leading BOM not counted); text->len if out of range. */
static size_t byte_at(const kg_buf *text, size_t line, size_t col)
{
    const char *s = text->data ? text->data : "";
    size_t n = text->len, i = 0;
    if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    for (; line > 0 && i < n; i++)
        if (s[i] == '\n')
            line--;
    while (col > 0 && i < n && s[i] != '\n') {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        col--;
    }
    return i;
}

/* libyaml's complaints about the bytes of a file, said as the article
 * reader says them (src/article/article.c), at the first byte of the
 * offending character. */
static void reader_error(loader *l, int f, const yaml_parser_t *p,
                         const kg_buf *text)
{
    const unsigned char *s = (const unsigned char *)text->data;
    const size_t len = s ? text->len : 0; /* no bytes without a buffer */
    size_t off = p->problem_offset;
    const char *problem = p->problem ? p->problem : "";
    int value = p->problem_value;
    char msg[128];
    if (strcmp(problem, "invalid trailing UTF-8 octet") == 0) {
        /* libyaml points at the byte that should have continued the
         * sequence; its lead byte is at most three before */
        for (size_t k = 1; k <= 3 && k <= off && off < len; k++)
            if (s[off - k] >= 0xC0) {
                off -= k;
                break;
            }
        snprintf(msg, sizeof msg,
                 "truncated UTF-8 sequence starting with byte 0x%02x",
                 off < len ? s[off] : 0u);
    } else if (strcmp(problem, "incomplete UTF-8 octet sequence") == 0) {
        snprintf(msg, sizeof msg,
                 "truncated UTF-8 sequence starting with byte 0x%02x",
                 off < len ? s[off] : 0u);
    } else if (strcmp(problem, "invalid leading UTF-8 octet") == 0) {
        snprintf(msg, sizeof msg, "invalid UTF-8 byte 0x%02x",
                 (unsigned)value & 0xffu);
    } else if (strcmp(problem, "invalid length of a UTF-8 sequence") == 0) {
        snprintf(msg, sizeof msg, "overlong UTF-8 encoding");
    } else if (strcmp(problem, "invalid Unicode character") == 0 &&
               value >= 0xD800 && value <= 0xDFFF) {
        snprintf(msg, sizeof msg, "surrogate U+%04X is not allowed in UTF-8",
                 (unsigned)value);
    } else if (strcmp(problem, "invalid Unicode character") == 0) {
        snprintf(msg, sizeof msg, "code point U+%X is beyond U+10FFFF",
                 (unsigned)value);
    } else if (strcmp(problem, "control characters are not allowed") == 0) {
        snprintf(msg, sizeof msg, "control character U+%04X is not allowed",
                 (unsigned)value);
    } else if (value != -1) {
        snprintf(msg, sizeof msg, "%s (byte 0x%02x)", problem,
                 (unsigned)value & 0xffu);
    } else {
        snprintf(msg, sizeof msg, "%s", problem);
    }
    int line, col;
    kg_diag_linecol(text->data, len, off, &line, &col);
    kg_diag_error(l->d, l->files[f]->path, line, col, "%s", msg);
}

static void syntax_error(loader *l, int f, const yaml_parser_t *p,
                         const kg_buf *text)
{
    if (p->error == YAML_MEMORY_ERROR) {
        l->oom = true;
        return;
    }
    int line, col;
    if (p->error == YAML_READER_ERROR) {
        reader_error(l, f, p, text);
        return;
    }
    line = (int)p->problem_mark.line + 1;
    col = (int)p->problem_mark.column + 1;
    const char *problem = p->problem ? p->problem : "invalid yaml";
    size_t at = byte_at(text, p->problem_mark.line, p->problem_mark.column);
    /* kg_buf: data is NULL only while len is 0 */
    /* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
    if (at < text->len && text->data[at] == '\t' &&
        strcmp(problem, "found character that cannot start any token") == 0) {
        kg_diag_error(l->d, l->files[f]->path, line, col,
                      "a tab cannot indent yaml (use spaces)");
        return;
    }
    if (p->context)
        kg_diag_error(l->d, l->files[f]->path, line, col,
                      "%s (%s that starts at %d:%d)", problem, p->context,
                      (int)p->context_mark.line + 1,
                      (int)p->context_mark.column + 1);
    else
        kg_diag_error(l->d, l->files[f]->path, line, col, "%s", problem);
}

/* libyaml's scanner spends time in proportion to the flow nesting depth
 * on every token, so "[[[[...]]]]" 100,000 deep takes minutes.  No
 * ontology nests more than a few levels: the events are read once first
 * and a file nested deeper than this is refused before it is loaded.
 * Syntax errors are left to the load, which reports them. */
#define MAX_NESTING 64

static int check_depth(loader *l, int f, const kg_buf *text)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        l->oom = true;
        return -1;
    }
    yaml_parser_set_input_string(
        &p, (const unsigned char *)(text->data ? text->data : ""), text->len);
    int depth = 0, rc = 0;
    for (bool more = true; more;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            if (p.error == YAML_MEMORY_ERROR) {
                l->oom = true;
                rc = -1;
            }
            break;
        }
        switch (ev.type) {
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (++depth > MAX_NESTING) {
                kg_diag_error(l->d, l->files[f]->path,
                              (int)ev.start_mark.line + 1,
                              (int)ev.start_mark.column + 1,
                              "yaml nested more than %d levels deep",
                              MAX_NESTING);
                rc = -1;
                more = false;
            }
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        case YAML_STREAM_END_EVENT:
            more = false;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    return rc;
}

static void register_prefixes(loader *l, int f)
{
    yaml_node_t *m = l->files[f]->top[TOP_PREFIXES];
    if (!m || !want_map(l, f, m, "'prefixes'"))
        return;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
         p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(l, f, p->key), *v = node(l, f, p->value);
        if (!key_ok(l, f, k))
            continue;
        const char *name = stext(k);
        if (!name_ok(name)) {
            errf(l, f, k,
                 "invalid prefix name '%s' (use letters, digits, '_', '-' "
                 "and '.', starting with a letter or '_')",
                 name);
            continue;
        }
        char what[256];
        snprintf(what, sizeof what, "prefix '%s'", name);
        const char *iri = get_str(l, f, v, what);
        if (!iri)
            continue;
        /* A malformed prefix is still registered: CURIEs using it then
         * do not add "unknown prefix" errors to the one reported here. */
        if (!kg_onto_is_abs_iri(iri))
            errf(l, f, v, "malformed iri '%s' for prefix '%s'", iri, name);
        size_t i = 0;
        while (i < l->npre && strcmp(l->pre[i].name, name) != 0)
            i++;
        if (i < l->npre) {
            char wb[512];
            if (l->pre[i].file == f)
                errf(l, f, k, "duplicate key '%s' (first at %s)", name,
                     where(l, f, l->pre[i].key, wb, sizeof wb));
            else if (strcmp(l->pre[i].iri, iri) != 0)
                errf(l, f, k,
                     "prefix '%s' is already bound to '%s' (at %s)", name,
                     l->pre[i].iri,
                     where(l, l->pre[i].file, l->pre[i].key, wb, sizeof wb));
            continue;
        }
        if (!grow((void **)&l->pre, &l->cappre, l->npre, sizeof *l->pre)) {
            l->oom = true;
            return;
        }
        l->pre[l->npre++] =
            (prefix_def){.file = f, .key = k, .name = adup(l, name,
                                                           strlen(name)),
                         .iri = iri};
    }
}

static const char *const kind_names[] = {"class", "relation", "entity"};

static void register_defs(loader *l, int f, int top, int kind, defs *ds,
                          kg_strmap *map)
{
    yaml_node_t *m = l->files[f]->top[top];
    char what[64];
    snprintf(what, sizeof what, "'%s'", top_keys[top]);
    if (!m || !want_map(l, f, m, what))
        return;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
         p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(l, f, p->key), *v = node(l, f, p->value);
        if (!key_ok(l, f, k))
            continue;
        const char *name = stext(k);
        if (!name_ok(name)) {
            errf(l, f, k,
                 "invalid %s name '%s' (use letters, digits, '_', '-' and "
                 "'.', starting with a letter or '_')",
                 kind == 2 ? "entity" : kind_names[kind], name);
            continue;
        }
        int prev = kg_strmap_get(map, name, strlen(name));
        if (prev >= 0) {
            char wb[512];
            const def *pd = &ds->v[prev];
            errf(l, f, k, "duplicate %s '%s' (first defined at %s)",
                 kind_names[kind], name,
                 where(l, pd->file, pd->key, wb, sizeof wb));
            continue;
        }
        if (!grow((void **)&ds->v, &ds->cap, ds->n, sizeof *ds->v)) {
            l->oom = true;
            return;
        }
        def *d = &ds->v[ds->n];
        memset(d, 0, sizeof *d);
        d->file = f;
        d->key = k;
        d->val = v;
        d->name = adup(l, name, strlen(name));
        d->inverse = -1;
        if (kg_strmap_put(map, d->name, strlen(d->name), (int)ds->n) < 0) {
            l->oom = true;
            return;
        }
        ds->n++;
    }
}

/* dir of from + rel; ".yaml" appended when rel has no extension. */
static char *import_path(const char *from, const char *rel)
{
    const char *slash = strrchr(from, '/');
    size_t dlen = rel[0] == '/' || !slash ? 0 : (size_t)(slash - from) + 1;
    const char *ext = *kg_io_ext(rel) ? "" : ".yaml";
    size_t n = dlen + strlen(rel) + strlen(ext) + 1;
    char *p = kg_malloc(n);
    if (p)
        snprintf(p, n, "%.*s%s%s", (int)dlen, from, rel, ext);
    return p;
}

static void cycle_error(loader *l, int importer, const yaml_node_t *at,
                        int target)
{
    kg_buf b;
    kg_buf_init(&b);
    /* the import stack from target down to importer, then back */
    int chain[256];
    size_t n = 0;
    for (int f = importer; f >= 0 && n < 256; f = l->files[f]->importer) {
        chain[n++] = f;
        if (f == target)
            break;
    }
    int bad = 0;
    while (n > 0)
        bad |= kg_buf_printf(&b, "'%s' -> ", l->files[chain[--n]]->path);
    bad |= kg_buf_printf(&b, "'%s'", l->files[target]->path);
    if (bad)
        l->oom = true;
    else
        errf(l, importer, at, "import cycle: %s", b.data);
    kg_buf_release(&b);
}

static int load_file(loader *l, const char *path, int importer,
                     yaml_node_t *imp);

/* load_file and load_imports recurse once per level of nested imports. */
#define MAX_IMPORT_DEPTH 64

/* NOLINTNEXTLINE(misc-no-recursion): at most MAX_IMPORT_DEPTH levels */
static void load_imports(loader *l, int f)
{
    yaml_node_t *seq = l->files[f]->top[TOP_IMPORTS];
    if (!seq || !want_seq(l, f, seq, "'imports'"))
        return;
    for (yaml_node_item_t *it = seq->data.sequence.items.start;
         it < seq->data.sequence.items.top; it++) {
        yaml_node_t *n = node(l, f, *it);
        const char *rel = get_str(l, f, n, "an import");
        if (!rel)
            continue;
        char *path = import_path(l->files[f]->path, rel);
        if (!path) {
            l->oom = true;
            return;
        }
        load_file(l, path, f, n);
        free(path);
    }
}

/* NOLINTNEXTLINE(misc-no-recursion): at most MAX_IMPORT_DEPTH levels */
static int load_file(loader *l, const char *path, int importer,
                     yaml_node_t *imp)
{
    struct stat st;
    bool has_id = false;
    kg_buf text;
    kg_buf_init(&text);
    int depth = 0;
    for (int i = importer; i >= 0; i = l->files[i]->importer)
        depth++;
    if (depth > MAX_IMPORT_DEPTH) {
        errf(l, importer, imp, "imports nested more than %d deep",
             MAX_IMPORT_DEPTH);
        return -1;
    }
    if (importer >= 0) {
        if (stat(path, &st) != 0) {
            errf(l, importer, imp, "cannot open imported file '%s': %s", path,
                 strerror(errno));
            return -1;
        }
        if (S_ISDIR(st.st_mode)) {
            errf(l, importer, imp, "imported file '%s' is a directory", path);
            return -1;
        }
        has_id = true;
        for (size_t i = 0; i < l->nfiles; i++) {
            yfile *y = l->files[i];
            if (y->has_id && y->dev == st.st_dev && y->ino == st.st_ino) {
                if (y->loading) {
                    cycle_error(l, importer, imp, (int)i);
                    return -1;
                }
                return 0; /* imported twice (a diamond): load once */
            }
        }
        kg_diag tmp;
        kg_diag_init(&tmp, NULL);
        if (kg_io_read_file(path, &text, &tmp) < 0) {
            if (kg_diag_is_oom(&tmp))
                l->oom = true;
            else
                errf(l, importer, imp, "cannot read imported file '%s'",
                     path);
            kg_buf_release(&text);
            return -1;
        }
    } else if (l->mem) {
        if (kg_buf_append(&text, l->mem, l->memlen) < 0) {
            l->oom = true;
            return -1;
        }
    } else {
        if (kg_io_read_file(path, &text, l->d) < 0) {
            kg_buf_release(&text);
            return -1;
        }
        has_id = strcmp(path, "-") != 0 && stat(path, &st) == 0;
    }

    yfile *y = kg_calloc(1, sizeof *y);
    if (!y || !grow((void **)&l->files, &l->capfiles, l->nfiles,
                    sizeof *l->files)) {
        free(y);
        kg_buf_release(&text);
        l->oom = true;
        return -1;
    }
    int f = (int)l->nfiles;
    l->files[l->nfiles++] = y;
    y->path = adup(l, path, strlen(path));
    if (l->oom) {
        kg_buf_release(&text);
        return -1;
    }
    y->importer = importer;
    y->has_id = has_id;
    if (has_id) {
        y->dev = st.st_dev;
        y->ino = st.st_ino;
    }
    kg_sha256(text.data ? text.data : "", text.len, y->sha256);

    if (check_depth(l, f, &text) < 0) {
        kg_buf_release(&text);
        return -1;
    }
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        kg_buf_release(&text);
        l->oom = true;
        return -1;
    }
    yaml_parser_set_input_string(
        &p, (const unsigned char *)(text.data ? text.data : ""), text.len);
    if (!yaml_parser_load(&p, &y->doc)) {
        syntax_error(l, f, &p, &text);
        yaml_parser_delete(&p);
        kg_buf_release(&text);
        return -1;
    }
    y->has_doc = true;
    yaml_node_t *root = yaml_document_get_root_node(&y->doc);
    bool reported = false;
    if (root) {
        yaml_document_t extra;
        if (!yaml_parser_load(&p, &extra)) {
            syntax_error(l, f, &p, &text);
            reported = true;
        } else {
            yaml_node_t *r2 = yaml_document_get_root_node(&extra);
            if (r2) {
                kg_diag_error(l->d, y->path, (int)extra.start_mark.line + 1,
                              (int)extra.start_mark.column + 1,
                              "a second yaml document (an ontology file "
                              "holds one)");
                reported = true;
            }
            yaml_document_delete(&extra);
        }
    }
    yaml_parser_delete(&p);
    kg_buf_release(&text);
    if (reported)
        return -1;
    if (!root || is_null(root)) {
        kg_diag_error(l->d, y->path, 0, 0, "empty ontology file");
        return -1;
    }
    if (root->type != YAML_MAPPING_NODE) {
        errf(l, f, root, "the top level must be a mapping");
        return -1;
    }
    read_fields(l, f, root, top_keys, NTOP, y->top, y->topkey, "");
    y->loading = true;
    load_imports(l, f);
    y->loading = false;
    register_prefixes(l, f);
    register_defs(l, f, TOP_CLASSES, 0, &l->cls, &l->o->class_by_name);
    register_defs(l, f, TOP_RELATIONS, 1, &l->rel, &l->o->relation_by_name);
    register_defs(l, f, TOP_ENTITIES, 2, &l->ent, &l->o->entity_by_id);
    return 0;
}

/* --- pass 2: file headers and definition bodies -------------------------- */

static const char **prefix_names(loader *l)
{
    const char **v = kg_malloc((l->npre ? l->npre : 1) * sizeof *v);
    if (!v)
        return NULL;
    for (size_t i = 0; i < l->npre; i++)
        v[i] = l->pre[i].name;
    return v;
}

/* Expand an IRI-valued node; reports errors.  what: "'class_uri'". */
static const char *expand_node(loader *l, int f, yaml_node_t *n,
                               const char *what)
{
    const char *s = get_str(l, f, n, what);
    if (!s)
        return NULL;
    const char *out = NULL;
    switch (kg_onto_expand(l->o, s, &out)) {
    case KG_ONTO_IRI_OK:
        return out;
    case KG_ONTO_IRI_OOM:
        l->oom = true;
        return NULL;
    case KG_ONTO_IRI_UNKNOWN_PREFIX: {
        const char *colon = strchr(s, ':');
        char *pname = kg_arena_strndup(&l->o->arena, s, (size_t)(colon - s));
        const char **names = prefix_names(l);
        char sb[128];
        errf(l, f, n, "unknown prefix '%s' in '%s'%s", pname ? pname : "", s,
             names && pname ? suggest(pname, names, l->npre, sb, sizeof sb)
                            : "");
        free(names);
        return NULL;
    }
    default:
        errf(l, f, n,
             "malformed iri '%s' (expected an absolute iri or a "
             "prefix:name curie)",
             s);
        return NULL;
    }
}

static void read_header(loader *l, int f)
{
    yfile *y = l->files[f];
    kg_ontology *o = l->o;
    const char *id = NULL, *name = NULL, *base = NULL, *dp = NULL;
    if (y->top[TOP_ID])
        id = expand_node(l, f, y->top[TOP_ID], "'id'");
    if (y->top[TOP_NAME])
        name = get_str(l, f, y->top[TOP_NAME], "'name'");
    if (y->top[TOP_DESCRIPTION])
        get_str(l, f, y->top[TOP_DESCRIPTION], "'description'");
    if (y->top[TOP_BASE])
        base = expand_node(l, f, y->top[TOP_BASE], "'base'");
    if (y->top[TOP_DEFAULT_PREFIX]) {
        yaml_node_t *n = y->top[TOP_DEFAULT_PREFIX];
        dp = get_str(l, f, n, "'default_prefix'");
        if (!dp)
            y->no_ns_reported = true;
        if (dp) {
            int p = kg_onto_prefix(o, dp, strlen(dp));
            if (p >= 0) {
                y->schema_iri = o->prefixes[p].iri;
            } else if (strchr(dp, ':') && kg_onto_is_abs_iri(dp)) {
                y->schema_iri = dp; /* LinkML also allows the IRI itself */
            } else {
                const char **names = prefix_names(l);
                char sb[128];
                errf(l, f, n, "unknown prefix '%s'%s", dp,
                     names ? suggest(dp, names, l->npre, sb, sizeof sb) : "");
                free(names);
                y->no_ns_reported = true; /* no cascade per definition */
            }
        }
    }
    if (!y->schema_iri)
        y->schema_iri = base;
    y->entity_iri = y->schema_iri;
    if (f == 0) {
        o->id = id;
        o->name = name;
        o->default_prefix = dp;
        o->base = base ? base : y->schema_iri;
    }
}

/* The IRI for a definition without its own: the file's namespace + name. */
static const char *default_iri(loader *l, def *d, const char *kind)
{
    yfile *y = l->files[d->file];
    if (!y->schema_iri) {
        if (!y->no_ns_reported)
            errf(l, d->file, d->key,
                 "no 'default_prefix' or 'base' to make the iri of %s '%s'",
                 kind, d->name);
        y->no_ns_reported = true;
        return NULL;
    }
    const char *s = kg_arena_printf(&l->o->arena, "%s%s", y->schema_iri,
                                    d->name);
    if (!s)
        l->oom = true;
    return s;
}

static bool read_body(loader *l, def *d, const char *kind,
                      const char *const *keys, size_t nkeys)
{
    if (is_null(d->val))
        return true;
    if (d->val->type != YAML_MAPPING_NODE) {
        errf(l, d->file, d->val, "%s '%s' must be a mapping", kind, d->name);
        return false;
    }
    char ctx[256];
    snprintf(ctx, sizeof ctx, " in %s '%s'", kind, d->name);
    read_fields(l, d->file, d->val, keys, nkeys, d->fv, d->fk, ctx);
    return true;
}

static kg_source_pos def_pos(loader *l, const def *d)
{
    return (kg_source_pos){.file = l->files[d->file]->path,
                           .line = mline(d->key),
                           .col = mcol(d->key)};
}

/* "GovernmentOrganization" -> "government organization"; runs of
 * capitals stay as they are ("UN body" from "UNBody"). */
static const char *split_camel(loader *l, const char *s)
{
    kg_buf b;
    kg_buf_init(&b);
    int bad = 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool up = c >= 'A' && c <= 'Z';
        bool prev_low = i > 0 && ((s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
                                  (s[i - 1] >= '0' && s[i - 1] <= '9'));
        bool prev_up = i > 0 && s[i - 1] >= 'A' && s[i - 1] <= 'Z';
        bool next_low = i + 1 < n && s[i + 1] >= 'a' && s[i + 1] <= 'z';
        if (c == '_' || c == '-') {
            bad |= kg_buf_putc(&b, ' ');
            continue;
        }
        if (up && i > 0 && (prev_low || (prev_up && next_low)))
            bad |= kg_buf_putc(&b, ' ');
        /* lower-case a capital that starts a word of lower-case letters */
        bool in_acronym = (prev_up && !next_low) ||
                          (up && i + 1 < n && s[i + 1] >= 'A' &&
                           s[i + 1] <= 'Z');
        bad |= kg_buf_putc(&b, up && !in_acronym ? (char)(c + 32) : c);
    }
    if (bad)
        l->oom = true;
    const char *r = bad ? s : adup(l, b.data ? b.data : "", b.len);
    kg_buf_release(&b);
    return r;
}

static const char *underscores_to_spaces(loader *l, const char *s)
{
    char *p = kg_arena_strdup(&l->o->arena, s);
    if (!p) {
        l->oom = true;
        return s;
    }
    for (char *q = p; *q; q++)
        if (*q == '_')
            *q = ' ';
    return p;
}

static bool color_ok(const char *s)
{
    size_t n = strlen(s);
    if (s[0] == '#') {
        if (n != 7 && n != 9)
            return false;
        for (size_t i = 1; i < n; i++)
            if (!strchr("0123456789abcdefABCDEF", s[i]))
                return false;
        return true;
    }
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return false;
    for (size_t i = 1; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9')))
            return false;
    return true;
}

static const char *read_color(loader *l, def *d, int key)
{
    yaml_node_t *n = d->fv[key];
    if (!n)
        return NULL;
    char what[32];
    snprintf(what, sizeof what, "'%s'", class_keys[key]);
    const char *s = get_str(l, d->file, n, what);
    if (s && !color_ok(s)) {
        errf(l, d->file, n,
             "malformed color '%s' (use #rrggbb, #rrggbbaa or a color name)",
             s);
        return NULL;
    }
    return s;
}

static void read_class(loader *l, size_t i)
{
    def *d = &l->cls.v[i];
    kg_class *c = &l->o->classes[i];
    c->name = d->name;
    c->parent = -1;
    c->pos = def_pos(l, d);
    d->body_ok = read_body(l, d, "class", class_keys, NCLASS_KEYS);
    int f = d->file;
    if (d->fv[C_CLASS_URI]) {
        d->iri_at = d->fv[C_CLASS_URI];
        c->iri = expand_node(l, f, d->fv[C_CLASS_URI], "'class_uri'");
    } else {
        d->iri_at = d->key;
        c->iri = default_iri(l, d, "class");
    }
    if (d->fv[C_LABEL])
        c->label = get_str(l, f, d->fv[C_LABEL], "'label'");
    if (!c->label)
        c->label = split_camel(l, c->name);
    if (d->fv[C_DESCRIPTION])
        c->description = get_str(l, f, d->fv[C_DESCRIPTION], "'description'");
    if (d->fv[C_SHAPE]) {
        const char *s = get_str(l, f, d->fv[C_SHAPE], "'shape'");
        size_t k = 0;
        while (s && k < NSHAPES && strcmp(dot_shapes[k], s) != 0)
            k++;
        if (s && k == NSHAPES) {
            char sb[128];
            errf(l, f, d->fv[C_SHAPE], "unknown dot shape '%s'%s", s,
                 suggest(s, dot_shapes, NSHAPES, sb, sizeof sb));
        } else {
            c->shape = s;
        }
    }
    c->color = read_color(l, d, C_COLOR);
    c->fillcolor = read_color(l, d, C_FILLCOLOR);
    c->fontcolor = read_color(l, d, C_FONTCOLOR);
    if (d->fv[C_MIXINS] && want_seq(l, f, d->fv[C_MIXINS], "'mixins'")) {
        size_t n = seq_len(d->fv[C_MIXINS]);
        c->mixins = aalloc(l, n, sizeof *c->mixins);
        d->mixin_at = kg_calloc(n ? n : 1, sizeof *d->mixin_at);
        if (!d->mixin_at)
            l->oom = true;
    }
}

static bool same_opt(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* ASCII-lowercase, whitespace runs to one space, trimmed. */
static char *norm_phrase(loader *l, const char *s)
{
    size_t n = strlen(s);
    char *p = kg_arena_alloc(&l->o->arena, n + 1);
    if (!p) {
        l->oom = true;
        return NULL;
    }
    size_t w = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = w > 0;
            continue;
        }
        if (space)
            p[w++] = ' ';
        space = false;
        p[w++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    p[w] = '\0';
    return p;
}

/* Letters (any script), digits, '-', '\'' and '.'. */
static bool word_ok(const char *s, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '\'' || c == '.' || (c >= 'A' && c <= 'Z')))
            return false;
    }
    return true;
}

/* Split a normalised phrase into at most max words (pointers into a
 * fresh arena copy).  Returns the word count, or max+1 if there are more;
 * 0 if a word has characters a lemma cannot have. */
static size_t split_words(loader *l, const char *s, const char **w,
                          size_t max)
{
    char *p = kg_arena_strdup(&l->o->arena, s);
    if (!p) {
        l->oom = true;
        return 0;
    }
    size_t n = 0;
    for (char *tok = p; *tok;) {
        char *sp = strchr(tok, ' ');
        size_t len = sp ? (size_t)(sp - tok) : strlen(tok);
        if (!word_ok(tok, len))
            return 0;
        if (n == max)
            return max + 1;
        w[n++] = tok;
        if (!sp)
            break;
        *sp = '\0';
        tok = sp + 1;
    }
    return n;
}

static const char *trigger_text(loader *l, const kg_trigger *t)
{
    const char *s = kg_arena_printf(
        &l->o->arena, "%s%s%s%s%s", t->lemma, t->particle ? " " : "",
        t->particle ? t->particle : "", t->prep ? " " : "",
        t->prep ? t->prep : "");
    return s ? s : t->lemma;
}

/* A word of the mapping form: one word, normalised. */
static const char *read_word(loader *l, int f, yaml_node_t *n,
                             const char *what)
{
    const char *s = get_str(l, f, n, what);
    if (!s)
        return NULL;
    char *w = norm_phrase(l, s);
    if (!w)
        return NULL;
    const char *one[1];
    if (split_words(l, w, one, 1) != 1) {
        errf(l, f, n, "%s must be a single word, not '%s'", what, s);
        return NULL;
    }
    return w;
}

static bool read_verb(loader *l, int f, yaml_node_t *n, const char *rname,
                      kg_trigger *t)
{
    t->kind = KG_TRIGGER_VERB;
    if (n->type == YAML_MAPPING_NODE) {
        yaml_node_t *v[NVERB_KEYS] = {0}, *k[NVERB_KEYS] = {0};
        char ctx[256];
        snprintf(ctx, sizeof ctx, " in a verb trigger of relation '%s'",
                 rname);
        unsigned before = l->d->nerrors;
        read_fields(l, f, n, verb_keys, NVERB_KEYS, v, k, ctx);
        if (l->d->nerrors != before)
            return false;
        if (!v[V_VERB]) {
            errf(l, f, n, "verb trigger has no 'verb'");
            return false;
        }
        t->lemma = read_word(l, f, v[V_VERB], "'verb'");
        if (v[V_PARTICLE])
            t->particle = read_word(l, f, v[V_PARTICLE], "'particle'");
        if (v[V_PREP])
            t->prep = read_word(l, f, v[V_PREP], "'prep'");
        return t->lemma && (!v[V_PARTICLE] || t->particle) &&
               (!v[V_PREP] || t->prep);
    }
    const char *s = get_str(l, f, n, "a verb trigger");
    if (!s)
        return false;
    const char *norm = norm_phrase(l, s);
    const char *w[3];
    size_t nw = norm ? split_words(l, norm, w, 3) : 0;
    if (nw == 0 || nw > 3) {
        errf(l, f, n,
             "malformed verb trigger '%s' (expected 'lemma', 'lemma "
             "particle-or-preposition' or 'lemma particle preposition')",
             s);
        return false;
    }
    t->lemma = w[0];
    if (nw >= 2)
        t->particle = w[1];
    if (nw == 3)
        t->prep = w[2];
    t->either = nw == 2;
    return true;
}

static bool read_noun(loader *l, int f, yaml_node_t *n, kg_trigger *t)
{
    t->kind = KG_TRIGGER_NOUN;
    const char *s = get_str(l, f, n, "a noun trigger");
    if (!s)
        return false;
    const char *norm = norm_phrase(l, s);
    const char *w[8];
    size_t nw = norm ? split_words(l, norm, w, 8) : 0;
    if (nw == 0 || nw > 8) {
        errf(l, f, n, "malformed noun trigger '%s'", s);
        return false;
    }
    t->lemma = norm;
    return true;
}

static void read_triggers(loader *l, def *d, kg_relation *r, int ri)
{
    int f = d->file;
    yaml_node_t *m = d->fv[R_TRIGGERS];
    if (!m || !want_map(l, f, m, "'triggers'"))
        return;
    yaml_node_t *v[NTRIG_KEYS] = {0}, *k[NTRIG_KEYS] = {0};
    char ctx[256];
    snprintf(ctx, sizeof ctx, " in the triggers of relation '%s'", d->name);
    read_fields(l, f, m, trig_keys, NTRIG_KEYS, v, k, ctx);
    bool verbs = v[T_VERBS] && want_seq(l, f, v[T_VERBS], "'verbs'");
    bool nouns = v[T_NOUNS] && want_seq(l, f, v[T_NOUNS], "'nouns'");
    size_t cap = (verbs ? seq_len(v[T_VERBS]) : 0) +
                 (nouns ? seq_len(v[T_NOUNS]) : 0);
    if (cap == 0)
        return;
    r->triggers = aalloc(l, cap, sizeof *r->triggers);
    if (!r->triggers)
        return;
    for (int kind = 0; kind < 2; kind++) {
        yaml_node_t *seq = kind == 0 ? (verbs ? v[T_VERBS] : NULL)
                                     : (nouns ? v[T_NOUNS] : NULL);
        if (!seq)
            continue;
        for (yaml_node_item_t *it = seq->data.sequence.items.start;
             it < seq->data.sequence.items.top; it++) {
            yaml_node_t *n = node(l, f, *it);
            kg_trigger t = {0};
            bool ok = kind == 0 ? read_verb(l, f, n, d->name, &t)
                                : read_noun(l, f, n, &t);
            if (!ok)
                continue;
            t.relation = ri;
            size_t j = 0;
            while (j < r->ntriggers &&
                   !(r->triggers[j].kind == t.kind &&
                     strcmp(r->triggers[j].lemma, t.lemma) == 0 &&
                     same_opt(r->triggers[j].particle, t.particle) &&
                     same_opt(r->triggers[j].prep, t.prep)))
                j++;
            if (j < r->ntriggers) {
                errf(l, f, n, "duplicate %s trigger '%s' in relation '%s'",
                     kind == 0 ? "verb" : "noun", trigger_text(l, &t),
                     d->name);
                continue;
            }
            r->triggers[r->ntriggers++] = t;
        }
    }
}

static void read_annotations(loader *l, def *d, kg_relation *r)
{
    int f = d->file;
    yaml_node_t *m = d->fv[R_ANNOTATIONS];
    if (!m || !want_map(l, f, m, "'annotations'"))
        return;
    r->annotations = aalloc(l, map_len(m), sizeof *r->annotations);
    if (!r->annotations)
        return;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
         p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(l, f, p->key), *v = node(l, f, p->value);
        if (!key_ok(l, f, k))
            continue;
        const char *key = stext(k);
        size_t j = 0;
        while (j < r->nannotations && strcmp(r->annotations[j].key, key) != 0)
            j++;
        if (j < r->nannotations) {
            errf(l, f, k, "duplicate key '%s' in 'annotations'", key);
            continue;
        }
        char what[256];
        snprintf(what, sizeof what, "annotation '%s'", key);
        const char *val = get_str(l, f, v, what);
        if (!val)
            continue;
        r->annotations[r->nannotations++] =
            (kg_annotation){.key = adup(l, key, strlen(key)), .value = val};
    }
}

static bool read_bool(loader *l, int f, yaml_node_t *n, const char *what,
                      bool *out)
{
    if (n->type == YAML_SCALAR_NODE &&
        n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
        const char *s = stext(n);
        if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE")) {
            *out = true;
            return true;
        }
        if (!strcmp(s, "false") || !strcmp(s, "False") ||
            !strcmp(s, "FALSE")) {
            *out = false;
            return true;
        }
    }
    errf(l, f, n, "%s must be true or false", what);
    return false;
}

static void read_relation(loader *l, size_t i)
{
    def *d = &l->rel.v[i];
    kg_relation *r = &l->o->relations[i];
    r->name = d->name;
    r->domain = r->range = r->inverse = r->parent = -1;
    r->pos = def_pos(l, d);
    d->body_ok = read_body(l, d, "relation", rel_keys, NREL_KEYS);
    int f = d->file;
    if (d->fv[R_SLOT_URI]) {
        d->iri_at = d->fv[R_SLOT_URI];
        r->iri = expand_node(l, f, d->fv[R_SLOT_URI], "'slot_uri'");
    } else {
        d->iri_at = d->key;
        r->iri = default_iri(l, d, "relation");
    }
    if (d->fv[R_LABEL])
        r->label = get_str(l, f, d->fv[R_LABEL], "'label'");
    if (!r->label)
        r->label = underscores_to_spaces(l, r->name);
    if (d->fv[R_DESCRIPTION])
        r->description = get_str(l, f, d->fv[R_DESCRIPTION], "'description'");
    if (d->fv[R_SYMMETRIC])
        read_bool(l, f, d->fv[R_SYMMETRIC], "'symmetric'", &r->symmetric);
    read_annotations(l, d, r);
    read_triggers(l, d, r, (int)i);
}

/* A list of strings into an arena array. */
static const char **read_strings(loader *l, int f, yaml_node_t *seq,
                                 const char *key, const char *item,
                                 size_t *count, bool iris)
{
    *count = 0;
    if (!seq || !want_seq(l, f, seq, key))
        return NULL;
    const char **v = aalloc(l, seq_len(seq), sizeof *v);
    if (!v)
        return NULL;
    for (yaml_node_item_t *it = seq->data.sequence.items.start;
         it < seq->data.sequence.items.top; it++) {
        yaml_node_t *n = node(l, f, *it);
        const char *s = iris ? expand_node(l, f, n, item)
                             : get_str(l, f, n, item);
        if (s)
            v[(*count)++] = s;
    }
    return v;
}

static void read_entity(loader *l, size_t i)
{
    def *d = &l->ent.v[i];
    kg_entity *e = &l->o->entities[i];
    e->id = d->name;
    e->cls = -1;
    e->stands_for = -1;
    e->pos = def_pos(l, d);
    d->body_ok = read_body(l, d, "entity", ent_keys, NENT_KEYS);
    int f = d->file;
    d->iri_at = d->key;
    yfile *y = l->files[f];
    if (y->entity_iri) {
        e->iri = kg_arena_printf(&l->o->arena, "%s%s", y->entity_iri, e->id);
        if (!e->iri)
            l->oom = true;
    } else {
        e->iri = default_iri(l, d, "entity");
    }
    if (d->body_ok && !d->fv[E_CLASS])
        errf(l, f, d->key, "entity '%s' has no 'class'", d->name);
    if (d->fv[E_LABEL])
        e->label = get_str(l, f, d->fv[E_LABEL], "'label'");
    if (!e->label)
        e->label = underscores_to_spaces(l, e->id);
    if (d->fv[E_DESCRIPTION])
        e->description = get_str(l, f, d->fv[E_DESCRIPTION], "'description'");
    e->aliases = read_strings(l, f, d->fv[E_ALIASES], "'aliases'",
                              "an alias", &e->naliases, false);
    e->same_as = read_strings(l, f, d->fv[E_SAME_AS], "'same_as'",
                              "'same_as'", &e->nsame_as, true);
}

/* --- pass 3: references -------------------------------------------------- */

static int resolve(loader *l, int f, yaml_node_t *n, const char *what,
                   int kind)
{
    const char *s = get_str(l, f, n, what);
    if (!s)
        return -1;
    kg_ontology *o = l->o;
    const kg_strmap *m = kind == 0   ? &o->class_by_name
                         : kind == 1 ? &o->relation_by_name
                                     : &o->entity_by_id;
    int i = kg_strmap_get(m, s, strlen(s));
    if (i >= 0)
        return i;
    const defs *ds = kind == 0 ? &l->cls : kind == 1 ? &l->rel : &l->ent;
    const char **names = kg_malloc((ds->n ? ds->n : 1) * sizeof *names);
    char sb[256];
    if (names)
        for (size_t j = 0; j < ds->n; j++)
            names[j] = ds->v[j].name;
    errf(l, f, n, "undefined %s '%s'%s", kind_names[kind], s,
         names ? suggest(s, names, ds->n, sb, sizeof sb) : "");
    free(names);
    return -1;
}

static void resolve_refs(loader *l)
{
    kg_ontology *o = l->o;
    for (size_t i = 0; i < l->cls.n; i++) {
        def *d = &l->cls.v[i];
        kg_class *c = &o->classes[i];
        if (d->fv[C_IS_A])
            c->parent = resolve(l, d->file, d->fv[C_IS_A], "'is_a'", 0);
        if (!c->mixins || !d->mixin_at)
            continue;
        yaml_node_t *seq = d->fv[C_MIXINS];
        for (yaml_node_item_t *it = seq->data.sequence.items.start;
             it < seq->data.sequence.items.top; it++) {
            yaml_node_t *n = node(l, d->file, *it);
            int m = resolve(l, d->file, n, "a mixin", 0);
            if (m < 0)
                continue;
            d->mixin_at[c->nmixins] = n;
            c->mixins[c->nmixins++] = m;
        }
    }
    for (size_t i = 0; i < l->rel.n; i++) {
        def *d = &l->rel.v[i];
        kg_relation *r = &o->relations[i];
        if (d->fv[R_DOMAIN])
            r->domain = resolve(l, d->file, d->fv[R_DOMAIN], "'domain'", 0);
        if (d->fv[R_RANGE])
            r->range = resolve(l, d->file, d->fv[R_RANGE], "'range'", 0);
        if (d->fv[R_IS_A])
            r->parent = resolve(l, d->file, d->fv[R_IS_A], "'is_a'", 1);
        if (d->fv[R_INVERSE])
            d->inverse = resolve(l, d->file, d->fv[R_INVERSE], "'inverse'", 1);
    }
    for (size_t i = 0; i < l->ent.n; i++) {
        def *d = &l->ent.v[i];
        kg_entity *e = &o->entities[i];
        if (d->fv[E_CLASS])
            e->cls = resolve(l, d->file, d->fv[E_CLASS], "'class'", 0);
        if (d->fv[E_STANDS_FOR]) {
            e->stands_for =
                resolve(l, d->file, d->fv[E_STANDS_FOR], "'stands_for'", 2);
            if (e->stands_for == (int)i) {
                errf(l, d->file, d->fv[E_STANDS_FOR],
                     "entity '%s' cannot stand for itself", e->id);
                e->stands_for = -1;
            }
        }
    }
}

/* --- pass 4: whole-ontology checks --------------------------------------- */

/* Edges of the is_a graph: a class's parent then its mixins; a relation's
 * parent. */
static size_t edges(loader *l, int kind, int v, int *to, yaml_node_t **at,
                    size_t max)
{
    size_t n = 0;
    if (kind == 0) {
        const kg_class *c = &l->o->classes[v];
        const def *d = &l->cls.v[v];
        if (c->parent >= 0 && n < max) {
            to[n] = c->parent;
            at[n++] = d->fv[C_IS_A];
        }
        for (size_t i = 0; i < c->nmixins && n < max; i++) {
            to[n] = c->mixins[i];
            at[n++] = d->mixin_at[i];
        }
    } else {
        const kg_relation *r = &l->o->relations[v];
        if (r->parent >= 0 && n < max) {
            to[n] = r->parent;
            at[n++] = l->rel.v[v].fv[R_IS_A];
        }
    }
    return n;
}

/* The walks up the is_a hierarchy (this search, kg_ontology_is_a, the
 * class tree of check-ontology -v) recurse once per level: a longer chain
 * of ancestors is an error rather than a stack overflow. */
#define MAX_DEPTH 1000

typedef struct dfs {
    loader *l;
    int kind;
    const defs *ds;
    unsigned char *color; /* 0 new, 1 on the stack, 2 done */
    int *stack;
    size_t sp;
    int *height; /* of a done node: the longest chain up from it */
    bool too_deep;
} dfs;

static void too_deep(dfs *s, int v, yaml_node_t *at)
{
    if (!s->too_deep)
        errf(s->l, s->ds->v[v].file, at,
             "%s '%s' has more than %d levels of ancestors",
             kind_names[s->kind], s->ds->v[v].name, MAX_DEPTH);
    s->too_deep = true;
}

/* Recursion: at most MAX_DEPTH levels (see above).
 * NOLINTNEXTLINE(misc-no-recursion) */
static void dfs_visit(dfs *s, int v)
{
    s->color[v] = 1;
    s->stack[s->sp++] = v;
    int height = 1;
    size_t nmax = 1 + (s->kind == 0 ? s->l->o->classes[v].nmixins : 0);
    int *to = kg_malloc(nmax * sizeof *to);
    yaml_node_t **at = kg_malloc(nmax * sizeof *at);
    if (!to || !at) {
        s->l->oom = true;
        nmax = 0;
    }
    size_t n = nmax ? edges(s->l, s->kind, v, to, at, nmax) : 0;
    for (size_t e = 0; e < n; e++) {
        int w = to[e];
        if (s->color[w] == 1) {
            kg_buf b;
            kg_buf_init(&b);
            size_t k = s->sp;
            while (k > 0 && s->stack[k - 1] != w)
                k--;
            /* v -> w -> ... -> v */
            int bad = kg_buf_printf(&b, "'%s'", s->ds->v[v].name);
            for (size_t j = k - 1; j < s->sp; j++)
                bad |= kg_buf_printf(&b, " -> '%s'",
                                     s->ds->v[s->stack[j]].name);
            if (bad)
                s->l->oom = true;
            else
                errf(s->l, s->ds->v[v].file, at[e],
                     "%s '%s' is its own ancestor (%s)", kind_names[s->kind],
                     s->ds->v[v].name, b.data);
            kg_buf_release(&b);
            continue;
        }
        if (s->color[w] == 0 && s->sp >= MAX_DEPTH) {
            too_deep(s, v, at[e]);
            continue;
        }
        if (s->color[w] == 0)
            dfs_visit(s, w);
        if (s->height[w] >= height)
            height = s->height[w] + 1;
        if (height > MAX_DEPTH)
            too_deep(s, v, at[e]);
    }
    free(to);
    free(at);
    s->height[v] = height;
    s->color[v] = 2;
    s->sp--;
}

static void find_cycles(loader *l, int kind)
{
    const defs *ds = kind == 0 ? &l->cls : &l->rel;
    if (!ds->n)
        return;
    dfs s = {.l = l, .kind = kind, .ds = ds};
    s.color = kg_calloc(ds->n, 1);
    s.stack = kg_malloc(ds->n * sizeof *s.stack);
    s.height = kg_calloc(ds->n, sizeof *s.height);
    if (s.color && s.stack && s.height) {
        for (size_t i = 0; i < ds->n; i++)
            if (!s.color[i])
                dfs_visit(&s, (int)i);
    } else {
        l->oom = true;
    }
    free(s.color);
    free(s.stack);
    free(s.height);
}

/* Each class's ancestor set, parents before children (memoised), so that
 * a hierarchy where a class reaches an ancestor by many paths (is_a and
 * mixins naming the same parents) costs the size of the sets, not the
 * number of paths.  find_cycles has run: no cycles, depth <= MAX_DEPTH. */
#define MAX_ANCESTOR_ENTRIES (1u << 25)

typedef struct anc_state {
    loader *l;
    unsigned char *done;
    int *mark; /* mark[c] == stamp: c already in the set being built */
    int *tmp;
    size_t total;
    bool too_big;
} anc_state;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* A class's parents: its is_a parent (if any) then its mixins. */
static size_t nparents(const kg_class *c)
{
    return (size_t)(c->parent >= 0) + c->nmixins;
}

static int parent_at(const kg_class *c, size_t e)
{
    return c->parent >= 0 ? (e == 0 ? c->parent : c->mixins[e - 1])
                          : c->mixins[e];
}

/* Recursion: at most MAX_DEPTH levels (find_cycles checked it).
 * NOLINTNEXTLINE(misc-no-recursion) */
static void anc_visit(anc_state *s, int v)
{
    kg_class *c = &s->l->o->classes[v];
    s->done[v] = 1;
    size_t nto = nparents(c);
    for (size_t e = 0; e < nto; e++) {
        int w = parent_at(c, e);
        if (!s->done[w])
            anc_visit(s, w);
    }
    if (s->l->oom || s->too_big)
        return;
    /* union of {w} and ancestors(w) over the parents w; tmp holds at most
     * nclasses entries because mark keeps them unique */
    size_t n = 0;
    int stamp = v + 1;
    for (size_t e = 0; e < nto; e++) {
        int w = parent_at(c, e);
        const kg_class *p = &s->l->o->classes[w];
        if (s->mark[w] != stamp) {
            s->mark[w] = stamp;
            s->tmp[n++] = w;
        }
        for (size_t i = 0; i < p->nancestors; i++)
            if (s->mark[p->ancestors[i]] != stamp) {
                s->mark[p->ancestors[i]] = stamp;
                s->tmp[n++] = p->ancestors[i];
            }
    }
    s->total += n;
    if (s->total > MAX_ANCESTOR_ENTRIES) {
        s->too_big = true;
        return;
    }
    qsort(s->tmp, n, sizeof *s->tmp, cmp_int);
    c->ancestors = aalloc(s->l, n, sizeof *c->ancestors);
    if (!c->ancestors)
        return;
    memcpy(c->ancestors, s->tmp, n * sizeof *s->tmp);
    c->nancestors = n;
}

static void collect_ancestors(loader *l)
{
    size_t n = l->o->nclasses;
    anc_state s = {l, kg_calloc(n ? n : 1, 1),
                   kg_calloc(n ? n : 1, sizeof(int)),
                   kg_malloc((n ? n : 1) * sizeof(int)), 0, false};
    if (!s.done || !s.mark || !s.tmp)
        l->oom = true;
    for (size_t v = 0; v < n && !l->oom && !s.too_big; v++)
        if (!s.done[v])
            anc_visit(&s, (int)v);
    if (s.too_big)
        errf(l, 0, NULL,
             "the class hierarchy is too large (more than %u ancestor "
             "links in all)",
             MAX_ANCESTOR_ENTRIES);
    free(s.done);
    free(s.mark);
    free(s.tmp);
}

/* domain and range come down from the is_a parent when not given. */
static void inherit_domain_range(loader *l)
{
    kg_ontology *o = l->o;
    for (size_t i = 0; i < o->nrelations; i++) {
        kg_relation *r = &o->relations[i];
        for (int p = r->parent; p >= 0 && (r->domain < 0 || r->range < 0);
             p = o->relations[p].parent) {
            if (r->domain < 0 && l->rel.v[p].fv[R_DOMAIN])
                r->domain = o->relations[p].domain;
            if (r->range < 0 && l->rel.v[p].fv[R_RANGE])
                r->range = o->relations[p].range;
        }
    }
}

static const char *cname(const kg_ontology *o, int c)
{
    return c >= 0 ? o->classes[c].name : "";
}

static void check_inverses(loader *l)
{
    kg_ontology *o = l->o;
    size_t n = o->nrelations;
    for (size_t i = 0; i < n; i++) {
        def *d = &l->rel.v[i];
        int j = d->inverse;
        if (j < 0)
            continue;
        kg_relation *r = &o->relations[i], *q = &o->relations[j];
        yaml_node_t *at = d->fv[R_INVERSE];
        if (j == (int)i) {
            errf(l, d->file, at,
                 "relation '%s' cannot be its own inverse (use 'symmetric: "
                 "true')",
                 r->name);
        } else if (r->symmetric) {
            errf(l, d->file, at, "symmetric relation '%s' cannot have an "
                 "'inverse'", r->name);
        } else if (q->symmetric) {
            errf(l, d->file, at,
                 "inverse '%s' is symmetric and cannot be the inverse of '%s'",
                 q->name, r->name);
        } else if (l->rel.v[j].inverse >= 0 &&
                   l->rel.v[j].inverse != (int)i) {
            errf(l, d->file, at,
                 "inverse '%s' is not mutual: its inverse is '%s', not '%s'",
                 q->name, o->relations[l->rel.v[j].inverse].name, r->name);
        } else if (q->inverse >= 0 && q->inverse != (int)i) {
            errf(l, d->file, at,
                 "inverse '%s' is not mutual: it is already the inverse of "
                 "'%s'",
                 q->name, o->relations[q->inverse].name);
        } else {
            r->inverse = j;
            q->inverse = (int)i;
        }
    }
    /* An inverse pair shares its classes crosswise; a symmetric relation
     * has one class on both sides.  Fill the missing side, reject a
     * contradiction. */
    for (size_t i = 0; i < n; i++) {
        kg_relation *r = &o->relations[i];
        def *d = &l->rel.v[i];
        if (r->inverse > (int)i) {
            kg_relation *q = &o->relations[r->inverse];
            /* blame the side that declared the pair */
            const def *decl = d->inverse >= 0 ? d : &l->rel.v[r->inverse];
            yaml_node_t *at = decl->fv[R_INVERSE];
            int f = decl->file;
            if (r->domain >= 0 && q->range >= 0 && r->domain != q->range)
                errf(l, f, at,
                     "domain of '%s' ('%s') differs from the range of its "
                     "inverse '%s' ('%s')",
                     r->name, cname(o, r->domain), q->name,
                     cname(o, q->range));
            else if (r->range >= 0 && q->domain >= 0 && r->range != q->domain)
                errf(l, f, at,
                     "range of '%s' ('%s') differs from the domain of its "
                     "inverse '%s' ('%s')",
                     r->name, cname(o, r->range), q->name,
                     cname(o, q->domain));
            if (r->domain < 0)
                r->domain = q->range;
            if (q->range < 0)
                q->range = r->domain;
            if (r->range < 0)
                r->range = q->domain;
            if (q->domain < 0)
                q->domain = r->range;
        }
        if (r->symmetric) {
            if (r->domain >= 0 && r->range >= 0 && r->domain != r->range)
                errf(l, d->file, d->fv[R_RANGE] ? d->fv[R_RANGE] : d->key,
                     "symmetric relation '%s' has domain '%s' but range '%s'",
                     r->name, cname(o, r->domain), cname(o, r->range));
            else if (r->domain < 0)
                r->domain = r->range;
            else if (r->range < 0)
                r->range = r->domain;
        }
    }
}

static void check_iris(loader *l)
{
    kg_ontology *o = l->o;
    kg_strmap seen;
    kg_strmap_init(&seen);
    const size_t counts[3] = {o->nclasses, o->nrelations, o->nentities};
    const defs *all[3] = {&l->cls, &l->rel, &l->ent};
    for (int kind = 0; kind < 3; kind++)
        for (size_t i = 0; i < counts[kind]; i++) {
            const char *iri = kind == 0   ? o->classes[i].iri
                              : kind == 1 ? o->relations[i].iri
                                          : o->entities[i].iri;
            if (!iri)
                continue;
            int prev = kg_strmap_get(&seen, iri, strlen(iri));
            const def *d = &all[kind]->v[i];
            if (prev >= 0) {
                int pk = prev & 3;
                const def *pd = &all[pk]->v[prev >> 2];
                char wb[512];
                errf(l, d->file, d->iri_at,
                     "iri '%s' of %s '%s' is already used by %s '%s' (at %s)",
                     iri, kind_names[kind], d->name, kind_names[pk], pd->name,
                     where(l, pd->file, pd->iri_at, wb, sizeof wb));
                continue;
            }
            if (kg_strmap_put(&seen, iri, strlen(iri),
                              (int)(i << 2) | kind) < 0)
                l->oom = true;
        }
    kg_strmap_release(&seen);
}

static void claim(loader *l, int e, const char *name, int f, yaml_node_t *at,
                  const char *what)
{
    kg_ontology *o = l->o;
    int prev = kg_strmap_get(&l->claim_by_name, name, strlen(name));
    if (prev >= 0) {
        const name_claim *c = &l->claims[prev];
        char wb[512];
        if (c->entity == e)
            warnf(l, f, at, "%s '%s' repeats a name of entity '%s'", what,
                  name, o->entities[e].id);
        else
            warnf(l, f, at, "%s '%s' is also claimed by entity '%s' (at %s)",
                  what, name, o->entities[c->entity].id,
                  where(l, c->file, c->at, wb, sizeof wb));
        return;
    }
    if (!grow((void **)&l->claims, &l->capclaims, l->nclaims,
              sizeof *l->claims) ||
        kg_strmap_put(&l->claim_by_name, name, strlen(name),
                      (int)l->nclaims) < 0 ||
        kg_strmap_put(&o->entity_by_name, name, strlen(name), e) < 0) {
        l->oom = true;
        return;
    }
    l->claims[l->nclaims++] = (name_claim){.entity = e, .file = f, .at = at};
}

static void index_names(loader *l)
{
    kg_ontology *o = l->o;
    for (size_t i = 0; i < o->nentities; i++) {
        kg_entity *e = &o->entities[i];
        def *d = &l->ent.v[i];
        claim(l, (int)i, e->label, d->file,
              d->fv[E_LABEL] ? d->fv[E_LABEL] : d->key, "label");
        if (!e->naliases)
            continue;
        yaml_node_t *seq = d->fv[E_ALIASES];
        size_t k = 0;
        for (yaml_node_item_t *it = seq->data.sequence.items.start;
             it < seq->data.sequence.items.top && k < e->naliases; it++) {
            yaml_node_t *n = node(l, d->file, *it);
            if (n->type != YAML_SCALAR_NODE ||
                strcmp(stext(n), e->aliases[k]) != 0)
                continue;
            claim(l, (int)i, e->aliases[k++], d->file, n, "alias");
        }
    }
}

/* A trigger with its place in ontology order, for a total sort order. */
typedef struct trigger_ref {
    kg_trigger *t;
    size_t order;
} trigger_ref;

static int cmp_trigger(const void *a, const void *b)
{
    const trigger_ref *x = a, *y = b;
    if (x->t->kind != y->t->kind)
        return x->t->kind - y->t->kind;
    int c = strcmp(x->t->lemma, y->t->lemma);
    if (c)
        return c;
    return (x->order > y->order) - (x->order < y->order);
}

static void index_triggers(loader *l)
{
    kg_ontology *o = l->o;
    size_t n = 0;
    for (size_t i = 0; i < o->nrelations; i++)
        n += o->relations[i].ntriggers;
    o->trigger_list = aalloc(l, n, sizeof *o->trigger_list);
    trigger_ref *refs = kg_malloc((n ? n : 1) * sizeof *refs);
    if (!o->trigger_list || !refs) {
        free(refs);
        l->oom = true;
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < o->nrelations; i++)
        for (size_t j = 0; j < o->relations[i].ntriggers; j++, k++)
            refs[k] = (trigger_ref){&o->relations[i].triggers[j], k};
    qsort(refs, n, sizeof *refs, cmp_trigger);
    for (k = 0; k < n; k++)
        o->trigger_list[k] = refs[k].t;
    o->ntrigger_list = n;
    free(refs);
    for (size_t i = 0; i < o->ntrigger_list; i++) {
        const kg_trigger *t = o->trigger_list[i];
        if (i > 0 && o->trigger_list[i - 1]->kind == t->kind &&
            strcmp(o->trigger_list[i - 1]->lemma, t->lemma) == 0)
            continue;
        kg_strmap *m = t->kind == KG_TRIGGER_VERB ? &o->verb_triggers
                                                  : &o->noun_triggers;
        if (kg_strmap_put(m, t->lemma, strlen(t->lemma), (int)i) < 0)
            l->oom = true;
    }
}

/* --- driver -------------------------------------------------------------- */

static void loader_release(loader *l)
{
    for (size_t i = 0; i < l->nfiles; i++) {
        if (l->files[i]->has_doc)
            yaml_document_delete(&l->files[i]->doc);
        free(l->files[i]);
    }
    free(l->files);
    for (size_t i = 0; i < l->cls.n; i++)
        free(l->cls.v[i].mixin_at);
    free(l->cls.v);
    free(l->rel.v);
    free(l->ent.v);
    free(l->pre);
    free(l->claims);
    kg_strmap_release(&l->claim_by_name);
}

static void finish_files(loader *l)
{
    kg_ontology *o = l->o;
    o->files = aalloc(l, l->nfiles, sizeof *o->files);
    if (o->files) {
        for (size_t i = 0; i < l->nfiles; i++) {
            o->files[i].path = l->files[i]->path;
            memcpy(o->files[i].sha256, l->files[i]->sha256, 32);
        }
        o->nfiles = l->nfiles;
    }
    o->prefixes = aalloc(l, l->npre, sizeof *o->prefixes);
    if (o->prefixes) {
        for (size_t i = 0; i < l->npre; i++)
            o->prefixes[i] = (kg_prefix){l->pre[i].name, l->pre[i].iri};
        o->nprefixes = l->npre;
    }
}

/* path names the main file; mem, when not NULL, is its text (memlen
 * bytes), so nothing is read for it. */
static kg_ontology *load(const char *path, const char *mem, size_t memlen,
                         kg_diag *d)
{
    kg_ontology *o = kg_calloc(1, sizeof *o);
    if (!o) {
        kg_diag_oom(d, "loading an ontology");
        return NULL;
    }
    kg_arena_init(&o->arena);
    kg_strmap_init(&o->class_by_name);
    kg_strmap_init(&o->relation_by_name);
    kg_strmap_init(&o->entity_by_id);
    kg_strmap_init(&o->entity_by_name);
    kg_strmap_init(&o->verb_triggers);
    kg_strmap_init(&o->noun_triggers);
    loader l = {.o = o, .d = d, .mem = mem, .memlen = memlen};
    kg_strmap_init(&l.claim_by_name);
    unsigned errors0 = d->nerrors;
    /* Errors found after memory ran out may be its consequences (a name
     * that could not be stored is "undefined"): then only the shortage is
     * reported. */
    kg_diag before = *d;
    if (!path) {
        kg_diag_error(d, NULL, 0, 0, "no ontology file given");
        kg_ontology_free(o);
        return NULL;
    }

    /* pass 1 */
    load_file(&l, path, -1, NULL);
    if (l.nfiles == 0 || l.oom)
        goto done;
    finish_files(&l);

    /* pass 2 */
    for (size_t i = 0; i < l.nfiles; i++)
        read_header(&l, (int)i);
    o->classes = aalloc(&l, l.cls.n, sizeof *o->classes);
    o->relations = aalloc(&l, l.rel.n, sizeof *o->relations);
    o->entities = aalloc(&l, l.ent.n, sizeof *o->entities);
    if (l.oom)
        goto done;
    o->nclasses = l.cls.n;
    o->nrelations = l.rel.n;
    o->nentities = l.ent.n;
    for (size_t i = 0; i < l.cls.n; i++)
        read_class(&l, i);
    for (size_t i = 0; i < l.rel.n; i++)
        read_relation(&l, i);
    for (size_t i = 0; i < l.ent.n; i++)
        read_entity(&l, i);
    if (l.oom)
        goto done;

    /* pass 3 */
    resolve_refs(&l);
    /* pass 4: cycles first; the rest walks is_a chains */
    find_cycles(&l, 0);
    find_cycles(&l, 1);
    if (d->nerrors != errors0 || l.oom)
        goto done;
    collect_ancestors(&l);
    inherit_domain_range(&l);
    check_inverses(&l);
    check_iris(&l);
    index_names(&l);
    index_triggers(&l);

done:
    if (l.oom) {
        unsigned nwarnings = d->nwarnings;
        *d = before;
        d->nwarnings = nwarnings;
        kg_diag_oom(d, "loading an ontology");
    }
    loader_release(&l);
    if (d->nerrors != errors0) {
        kg_ontology_free(o);
        return NULL;
    }
    return o;
}

kg_ontology *kg_ontology_load(const char *path, kg_diag *d)
{
    return load(path, NULL, 0, d);
}

kg_ontology *kg_ontology_parse(const char *name, const char *data, size_t len,
                               kg_diag *d)
{
    return load(name, data ? data : "", len, d);
}
