/*
 * article.c - reading an article: checks, front matter, title, dateline,
 * rights line and paragraphs.
 *
 * libyaml: the parser and the document are created and deleted inside
 * parse_front_matter(); every value kept is copied into the article's
 * arena first, so nothing of libyaml outlives that function.
 */
#include "article/article.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <yaml.h>

#include "article/chars.h"
#include "base/buf.h"
#include "base/io.h"

void kg_article_init(kg_article *a)
{
    memset(a, 0, sizeof *a);
    kg_arena_init(&a->arena);
}

void kg_article_release(kg_article *a)
{
    kg_arena_release(&a->arena);
    kg_article_init(a);
}

/* State shared by the steps of one parse. */
typedef struct reader {
    kg_article *a;
    kg_diag *d;
    const char *name;
    size_t bom;       /* 3 when the text starts with a byte-order mark */
    size_t cap;       /* capacity of a->paragraphs */
} reader;

/* An error at a byte offset of the text.  Columns count code points; a
 * byte-order mark is invisible in editors, so it does not count. */
static void error_at(reader *r, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void error_at(reader *r, size_t off, const char *fmt, ...)
{
    char msg[KG_DIAG_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line, col;
    kg_diag_linecol(r->a->text, r->a->len, off, &line, &col);
    if (line == 1 && r->bom && off >= r->bom)
        col--;
    kg_diag_error(r->d, r->name, line, col, "%s", msg);
}

/* ---- checks ------------------------------------------------------------ */

/* Valid UTF-8 without NUL bytes.  Eight ASCII bytes at a time while the
 * text is plain ASCII, which news mostly is. */
static int check_text(reader *r)
{
    const unsigned char *s = (const unsigned char *)r->a->text;
    size_t len = r->a->len, i = 0;
    const uint64_t hi = 0x8080808080808080ull, lo = 0x0101010101010101ull;
    while (i < len) {
        if (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & hi) && !((w - lo) & ~w & hi)) {
                i += 8;
                continue;
            }
        }
        unsigned c = s[i];
        if (c == 0) {
            error_at(r, i, "NUL byte in text");
            return -1;
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        int need;
        uint32_t cp, min;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            /* continuation byte out of place, C0/C1 (always overlong),
             * F5..FF (beyond U+10FFFF) */
            error_at(r, i, "invalid UTF-8 byte 0x%02x", c);
            return -1;
        }
        for (int k = 1; k <= need; k++) {
            if (i + (size_t)k >= len || (s[i + k] & 0xC0) != 0x80) {
                error_at(r, i, "truncated UTF-8 sequence starting with byte 0x%02x",
                         c);
                return -1;
            }
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if (cp < min) {
            error_at(r, i, "overlong UTF-8 encoding of U+%04X", (unsigned)cp);
            return -1;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            error_at(r, i, "surrogate U+%04X is not allowed in UTF-8",
                     (unsigned)cp);
            return -1;
        }
        if (cp > 0x10FFFF) {
            error_at(r, i, "code point U+%X is beyond U+10FFFF", (unsigned)cp);
            return -1;
        }
        i += (size_t)need + 1;
    }
    return 0;
}

/* ---- lines ------------------------------------------------------------- */

/* End of the line starting at pos (the first CR or LF, or len). */
static size_t line_end(const char *s, size_t len, size_t pos)
{
    while (pos < len && s[pos] != '\n' && s[pos] != '\r')
        pos++;
    return pos;
}

/* Start of the next line after a line ending at end. */
static size_t line_next(const char *s, size_t len, size_t end)
{
    if (end >= len)
        return len;
    if (s[end] == '\r' && end + 1 < len && s[end + 1] == '\n')
        return end + 2;
    return end + 1;
}

static size_t skip_space(const char *s, size_t pos, size_t end)
{
    while (pos < end) {
        int n = kc_space_at(s, pos);
        if (!n)
            break;
        pos += (size_t)n;
    }
    return pos;
}

/* Trim white space from the right of s[start, end). */
static size_t trim_right(const char *s, size_t start, size_t end)
{
    while (end > start) {
        size_t p = end - 1;
        while (p > start && ((unsigned char)s[p] & 0xC0) == 0x80)
            p--;
        if (!kc_space_at(s, p))
            break;
        end = p;
    }
    return end;
}

static int starts_with(const char *s, size_t pos, size_t end, const char *lit)
{
    size_t n = strlen(lit);
    return end - pos >= n && memcmp(s + pos, lit, n) == 0;
}

static int starts_with_ci(const char *s, size_t pos, size_t end,
                          const char *lit)
{
    size_t n = strlen(lit);
    return end - pos >= n && strncasecmp(s + pos, lit, n) == 0;
}

/* A line holding only "---" (trailing blanks allowed). */
static int is_marker_line(const char *s, size_t start, size_t end)
{
    return end - start >= 3 && memcmp(s + start, "---", 3) == 0 &&
           trim_right(s, start + 3, end) == start + 3;
}

/* ---- front matter ------------------------------------------------------ */

static const struct {
    const char *key;
    size_t field; /* offset in kg_article_meta */
} fm_fields[] = {
    {"title", offsetof(kg_article_meta, title)},
    {"url", offsetof(kg_article_meta, url)},
    {"published", offsetof(kg_article_meta, published)},
    {"modified", offsetof(kg_article_meta, modified)},
    {"source", offsetof(kg_article_meta, source)},
    {"version", offsetof(kg_article_meta, version)},
    {"id", offsetof(kg_article_meta, id)},
};

/* Byte offset of the index-th code point of s[start, end): libyaml marks
 * count characters. */
static size_t cp_to_byte(const char *s, size_t start, size_t end, size_t index)
{
    size_t i = start;
    while (i < end && index > 0) {
        i++;
        while (i < end && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        index--;
    }
    return i;
}

/* When a front-matter title appears verbatim in the file (a plain or quoted
 * scalar without escapes on one line), its bytes become the title span so
 * the headline can be tokenized like any other text. */
static void title_span_from_node(reader *r, size_t fm, size_t fm_end,
                                 const yaml_node_t *n)
{
    const char *s = r->a->text;
    size_t b = cp_to_byte(s, fm, fm_end, n->start_mark.index);
    size_t e = cp_to_byte(s, fm, fm_end, n->end_mark.index);
    if (n->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
        n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
        if (e - b < 2)
            return;
        b++;
        e--;
    }
    size_t vlen = n->data.scalar.length;
    if (e - b == vlen && memcmp(s + b, n->data.scalar.value, vlen) == 0) {
        r->a->title.start = (uint32_t)b;
        r->a->title.end = (uint32_t)e;
    }
}

/* libyaml's scanner spends time in proportion to the flow nesting depth
 * on every token ("[[[[...]]]]" 100,000 deep takes a minute), and front
 * matter holds only keys and text: deeper nesting is refused from the
 * events, before the document is loaded.  Syntax errors are left to the
 * load. */
#define FM_MAX_DEPTH 16

static int check_depth(reader *r, const char *s, size_t len, int line0)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        kg_diag_oom(r->d, "reading front matter");
        return -1;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)s, len);
    int depth = 0, rc = 0;
    for (int more = 1; more;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            if (p.error == YAML_MEMORY_ERROR) {
                kg_diag_oom(r->d, "reading front matter");
                rc = -1;
            }
            break;
        }
        if (ev.type == YAML_SEQUENCE_START_EVENT ||
            ev.type == YAML_MAPPING_START_EVENT) {
            if (++depth > FM_MAX_DEPTH) {
                kg_diag_error(r->d, r->name, line0 + (int)ev.start_mark.line,
                              (int)ev.start_mark.column + 1,
                              "front matter nested more than %d levels deep",
                              FM_MAX_DEPTH);
                rc = -1;
                more = 0;
            }
        } else if (ev.type == YAML_SEQUENCE_END_EVENT ||
                   ev.type == YAML_MAPPING_END_EVENT) {
            depth--;
        } else if (ev.type == YAML_STREAM_END_EVENT) {
            more = 0;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    return rc;
}

static int parse_front_matter(reader *r, size_t fm, size_t fm_end, int line0)
{
    kg_article *a = r->a;
    yaml_parser_t parser;
    yaml_document_t doc;
    if (check_depth(r, a->text + fm, fm_end - fm, line0) < 0)
        return -1;
    if (!yaml_parser_initialize(&parser)) {
        kg_diag_oom(r->d, "reading front matter");
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)a->text + fm,
                                 fm_end - fm);
    if (!yaml_parser_load(&parser, &doc)) {
        const char *what = parser.problem ? parser.problem : "syntax error";
        kg_diag_error(r->d, r->name, line0 + (int)parser.problem_mark.line,
                      (int)parser.problem_mark.column + 1,
                      "invalid front matter: %s", what);
        yaml_parser_delete(&parser);
        return -1;
    }
    int rc = 0;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root && root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0)
        root = NULL; /* "---\n---": empty front matter */
    if (root && root->type != YAML_MAPPING_NODE) {
        kg_diag_error(r->d, r->name, line0 + (int)root->start_mark.line,
                      (int)root->start_mark.column + 1,
                      "front matter is not a mapping of keys to values");
        rc = -1;
    }
    unsigned seen = 0;
    for (yaml_node_pair_t *p = root && rc == 0 ? root->data.mapping.pairs.start
                                               : NULL;
         p && p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(&doc, p->key);
        yaml_node_t *v = yaml_document_get_node(&doc, p->value);
        if (!k || !v)
            continue;
        int kl = line0 + (int)k->start_mark.line;
        int kc = (int)k->start_mark.column + 1;
        if (k->type != YAML_SCALAR_NODE) {
            kg_diag_error(r->d, r->name, kl, kc,
                          "front matter keys must be plain words");
            rc = -1;
            break;
        }
        const char *key = (const char *)k->data.scalar.value;
        size_t i = 0, nf = sizeof fm_fields / sizeof fm_fields[0];
        while (i < nf && strcmp(fm_fields[i].key, key) != 0)
            i++;
        if (i == nf) {
            kg_diag_warning(r->d, r->name, kl, kc,
                            "unknown front matter key '%s' ignored", key);
            continue;
        }
        if (v->type != YAML_SCALAR_NODE) {
            kg_diag_error(r->d, r->name, line0 + (int)v->start_mark.line,
                          (int)v->start_mark.column + 1,
                          "front matter key '%s' needs a single text value",
                          key);
            rc = -1;
            break;
        }
        if (seen & (1u << i))
            kg_diag_warning(r->d, r->name, kl, kc,
                            "front matter key '%s' given twice; the last "
                            "value is used", key);
        seen |= 1u << i;
        const char **field = (const char **)((char *)&a->meta + fm_fields[i].field);
        *field = NULL;
        if (v->data.scalar.length == 0)
            continue;
        char *val = kg_arena_strndup(&a->arena, (const char *)v->data.scalar.value,
                                     v->data.scalar.length);
        if (!val) {
            kg_diag_oom(r->d, "reading front matter");
            rc = -1;
            break;
        }
        *field = val;
        if (strcmp(key, "title") == 0) {
            a->title.start = a->title.end = 0;
            title_span_from_node(r, fm, fm_end, v);
        }
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return rc;
}

/* ---- dateline and rights line ------------------------------------------ */

static int is_dash_at(const char *s, size_t pos, size_t end, size_t *len)
{
    if (starts_with(s, pos, end, "--")) {
        *len = 2;
        return 1;
    }
    if (starts_with(s, pos, end, "\xE2\x80\x94") || /* em dash */
        starts_with(s, pos, end, "\xE2\x80\x93")) { /* en dash */
        *len = 3;
        return 1;
    }
    if (pos < end && s[pos] == '-') {
        *len = 1;
        return 1;
    }
    return 0;
}

/* "(Bloomberg) --", "WASHINGTON (Reuters) -", "SEOUL, Aug 20 (Reuters) -":
 * an optional place in capitals (and a date after a comma), the source in
 * parentheses, a dash.  Returns where the content starts after it, or 0. */
static size_t match_dateline(const char *s, size_t start, size_t end,
                             size_t *src, size_t *src_end)
{
    size_t i = start, comma = 0;
    int letters = 0, lower_in_place = 0;
    while (i < end && s[i] != '(') {
        if (i - start > 80)
            return 0;
        int n, cls = kc_class_at(s, i, &n);
        char c = s[i];
        if (c == ',' && !comma)
            comma = i;
        else if (cls == KC_LOWER && !comma)
            lower_in_place = 1;
        else if (cls == KC_UPPER || cls == KC_LOWER || cls == KC_LETTER)
            letters += !comma;
        else if (!(cls == KC_SPACE || cls == KC_DIGIT || cls == KC_MARK ||
                   c == '.' || c == ',' || c == '-' || c == '\'' || c == '/'))
            return 0;
        i += (size_t)n;
    }
    if (i >= end)
        return 0;
    if (i > start && (lower_in_place || letters < 2 || !kc_space_at(s, i - 1)))
        return 0;
    size_t p = i + 1, ps = p;
    if (p >= end || kc_class_at(s, p, &(int){0}) != KC_UPPER)
        return 0;
    while (p < end && s[p] != ')') {
        int n, cls = kc_class_at(s, p, &n);
        char c = s[p];
        if (!(kc_is_word(cls) || cls == KC_SPACE || c == '.' || c == '&' ||
              c == '\'' || c == '-' || c == '/'))
            return 0;
        p += (size_t)n;
        if (p - ps > 30)
            return 0;
    }
    if (p >= end)
        return 0;
    size_t pe = p++;
    size_t q = skip_space(s, p, end), dl;
    if (q == p || !is_dash_at(s, q, end, &dl))
        return 0;
    q += dl;
    size_t after = skip_space(s, q, end);
    if (after == q && q < end)
        return 0;
    *src = ps;
    *src_end = pe;
    return after;
}

/* "©2018 Bloomberg L.P.", "(c) 2018 ...", "Copyright 2018 ...". */
static int is_rights_line(const char *s, size_t start, size_t end)
{
    if (end - start > 300)
        return 0;
    if (starts_with(s, start, end, "\xC2\xA9"))
        return 1;
    if (starts_with_ci(s, start, end, "(c)")) {
        size_t p = skip_space(s, start + 3, end);
        return p < end && s[p] >= '0' && s[p] <= '9';
    }
    if (starts_with_ci(s, start, end, "copyright")) {
        size_t p = start + 9;
        return p < end && (kc_space_at(s, p) || (s[p] >= '0' && s[p] <= '9') ||
                           starts_with(s, p, end, "\xC2\xA9"));
    }
    return 0;
}

/* ---- paragraphs -------------------------------------------------------- */

static int add_paragraph(reader *r, size_t start, size_t end)
{
    kg_article *a = r->a;
    if (a->nparagraphs == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        kg_span *p = kg_arena_calloc(&a->arena, cap, sizeof *p);
        if (!p) {
            kg_diag_oom(r->d, "reading paragraphs");
            return -1;
        }
        if (a->nparagraphs)
            memcpy(p, a->paragraphs, a->nparagraphs * sizeof *p);
        a->paragraphs = p;
        r->cap = cap;
    }
    a->paragraphs[a->nparagraphs].start = (uint32_t)start;
    a->paragraphs[a->nparagraphs].end = (uint32_t)end;
    a->nparagraphs++;
    return 0;
}

static void drop_paragraph(kg_article *a, uint32_t i)
{
    memmove(a->paragraphs + i, a->paragraphs + i + 1,
            (a->nparagraphs - i - 1) * sizeof *a->paragraphs);
    a->nparagraphs--;
}

/* Paragraphs of s[pos, len) split on blank lines; the first non-blank
 * line becomes the title when want_title is set. */
static int split_paragraphs(reader *r, size_t pos, int want_title)
{
    kg_article *a = r->a;
    const char *s = a->text;
    size_t len = a->len, ps = 0, pe = 0;
    int in_para = 0;
    while (pos < len) {
        size_t le = line_end(s, len, pos);
        size_t ts = skip_space(s, pos, le);
        size_t te = ts < le ? trim_right(s, ts, le) : ts;
        if (ts == le) {
            if (in_para && add_paragraph(r, ps, pe) < 0)
                return -1;
            in_para = 0;
        } else if (want_title) {
            a->title.start = (uint32_t)ts;
            a->title.end = (uint32_t)te;
            want_title = 0;
        } else {
            if (!in_para)
                ps = ts;
            in_para = 1;
            pe = te;
        }
        pos = line_next(s, len, le);
    }
    if (in_para && add_paragraph(r, ps, pe) < 0)
        return -1;
    return 0;
}

/* The trailing copyright line becomes meta.rights, not content. */
static int take_rights(reader *r)
{
    kg_article *a = r->a;
    if (!a->nparagraphs)
        return 0;
    const char *s = a->text;
    kg_span *p = &a->paragraphs[a->nparagraphs - 1];
    size_t ls = p->end;
    while (ls > p->start && s[ls - 1] != '\n' && s[ls - 1] != '\r')
        ls--;
    ls = skip_space(s, ls, p->end);
    if (!is_rights_line(s, ls, p->end))
        return 0;
    a->meta.rights = kg_arena_strndup(&a->arena, s + ls, p->end - ls);
    if (!a->meta.rights) {
        kg_diag_oom(r->d, "reading the rights line");
        return -1;
    }
    if (ls == p->start)
        drop_paragraph(a, a->nparagraphs - 1);
    else
        p->end = (uint32_t)trim_right(s, p->start, ls);
    return 0;
}

static int take_dateline(reader *r)
{
    kg_article *a = r->a;
    if (!a->nparagraphs)
        return 0;
    kg_span *p = &a->paragraphs[0];
    size_t src, src_end;
    size_t after = match_dateline(a->text, p->start, p->end, &src, &src_end);
    if (!after)
        return 0;
    if (!a->meta.source) {
        src_end = trim_right(a->text, src, src_end);
        a->meta.source = kg_arena_strndup(&a->arena, a->text + src,
                                          src_end - src);
        if (!a->meta.source) {
            kg_diag_oom(r->d, "reading the dateline");
            return -1;
        }
    }
    if (after >= p->end)
        drop_paragraph(a, 0);
    else
        p->start = (uint32_t)after;
    return 0;
}

/* ---- parse ------------------------------------------------------------- */

static int parse(kg_article *a, const char *name, const char *data,
                 size_t len, kg_diag *d, int plain)
{
    kg_article_release(a);
    reader r = {.a = a, .d = d, .name = name};
    a->plain = plain;
    a->path = kg_arena_strdup(&a->arena, name);
    a->text = kg_arena_strndup(&a->arena, data, len);
    a->len = len;
    if (!a->path || !a->text) {
        kg_diag_oom(d, "reading an article");
        goto fail;
    }
    if (len >= UINT32_MAX) {
        kg_diag_error(d, name, 0, 0, "article is too large (4 GiB at most)");
        goto fail;
    }
    const char *s = a->text;
    if (starts_with(s, 0, len, "\xEF\xBB\xBF"))
        r.bom = 3;
    if (check_text(&r) < 0)
        goto fail;
    size_t pos = r.bom;
    if (!plain) {
        size_t le = line_end(s, len, pos);
        if (is_marker_line(s, pos, le)) {
            size_t fm = line_next(s, len, le), q = fm, fm_end = 0;
            int closed = 0;
            while (q < len && !closed) {
                size_t e = line_end(s, len, q);
                if (is_marker_line(s, q, e)) {
                    fm_end = q;
                    closed = 1;
                }
                q = line_next(s, len, e);
            }
            if (!closed) {
                error_at(&r, pos, "front matter has no closing '---' line");
                goto fail;
            }
            /* the opening marker is line 1: front matter starts on line 2 */
            if (parse_front_matter(&r, fm, fm_end, 2) < 0)
                goto fail;
            pos = q;
        }
    }
    size_t first = skip_space(s, pos, len);
    if (first >= len) {
        kg_diag_error(d, name, 0, 0, "empty article");
        goto fail;
    }
    int want_title = !plain && !a->meta.title;
    if (split_paragraphs(&r, pos, want_title) < 0)
        goto fail;
    if (!plain && (take_rights(&r) < 0 || take_dateline(&r) < 0))
        goto fail;

    if (!a->meta.title && a->title.end > a->title.start) {
        a->meta.title = kg_arena_strndup(&a->arena, s + a->title.start,
                                         a->title.end - a->title.start);
        if (!a->meta.title) {
            kg_diag_oom(d, "reading the title");
            goto fail;
        }
    }
    if (a->meta.title && !(a->meta.title = kg_article_clean_title(&a->arena, a->meta.title))) {
        kg_diag_oom(d, "reading the title");
        goto fail;
    }
    if (!a->meta.id) {
        char *stem = kg_arena_alloc(&a->arena, strlen(name) + 8);
        if (!stem) {
            kg_diag_oom(d, "reading an article");
            goto fail;
        }
        if (strcmp(name, "-") == 0)
            memcpy(stem, "stdin", sizeof "stdin");
        else
            kg_io_stem(name, stem, strlen(name) + 8);
        a->meta.id = stem;
    }
    a->body.start = (uint32_t)first;
    a->body.end = a->nparagraphs ? a->paragraphs[a->nparagraphs - 1].end
                                 : (uint32_t)first;
    if (a->title.end > a->body.end && a->title.start >= first)
        a->body.end = a->title.end;
    return 0;
fail:
    kg_article_release(a);
    return -1;
}

char *kg_article_clean_title(kg_arena *arena, const char *s)
{
    size_t n = strlen(s), k = 0;
    char *out = kg_arena_alloc(arena, n + 1);
    if (!out)
        return NULL;
    int gap = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t w = 0;
        if (c <= 0x20 || c == 0x7F)
            w = 1;
        else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                 (unsigned char)s[i + 1] <= 0x9F)
            w = 2; /* U+0080..U+009F */
        if (w) {
            gap = k > 0;
            i += w - 1;
            continue;
        }
        if (gap)
            out[k++] = ' ';
        gap = 0;
        out[k++] = (char)c;
    }
    out[k] = '\0';
    return out;
}

int kg_article_parse(kg_article *a, const char *name, const char *data,
                     size_t len, kg_diag *d)
{
    return parse(a, name, data, len, d, 0);
}

int kg_article_parse_plain(kg_article *a, const char *name, const char *data,
                           size_t len, kg_diag *d)
{
    return parse(a, name, data, len, d, 1);
}

int kg_article_read(kg_article *a, const char *path, kg_diag *d)
{
    kg_buf b;
    kg_buf_init(&b);
    if (kg_io_read_file(path, &b, d) < 0) {
        kg_buf_release(&b);
        kg_article_release(a);
        return -1;
    }
    int rc = parse(a, path, b.data ? b.data : "", b.len, d, 0);
    kg_buf_release(&b);
    return rc;
}
