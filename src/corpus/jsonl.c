/*
 * jsonl.c - a JSON (RFC 8259) reader for one flat record a line.
 *
 * Only what a record needs: an object whose values kgraph reads are
 * strings, numbers or null; any other value (objects, arrays, booleans)
 * is parsed and skipped, nested up to a depth limit.  Strings must be
 * valid UTF-8 without raw control characters; \u escapes are decoded,
 * surrogate pairs joined, a lone surrogate or \u0000 refused (an article
 * may not hold NUL).
 */
#include "corpus/jsonl.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "base/hash.h"

#define MAX_DEPTH 64

typedef struct reader {
    const char *s;
    size_t len, pos;
    const char *name;
    unsigned long line;
    kg_diag *d;
    bool failed;
} reader;

static void fail(reader *r, size_t at, const char *fmt, const char *arg)
{
    if (r->failed)
        return;
    r->failed = true;
    int col = 1;
    for (size_t i = 0; i < at && i < r->len; i++)
        if (((unsigned char)r->s[i] & 0xC0) != 0x80)
            col++;
    kg_diag_error(r->d, r->name, (int)r->line, col, fmt, arg);
}

static void ws(reader *r)
{
    while (r->pos < r->len && (r->s[r->pos] == ' ' || r->s[r->pos] == '\t' ||
                               r->s[r->pos] == '\r' || r->s[r->pos] == '\n'))
        r->pos++;
}

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if (c >= 'a' && c <= 'f')
            v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v |= c - 'A' + 10;
        else
            return -1;
    }
    return v;
}

/* A string at r->pos (the opening quote); its decoded bytes in out (when
 * out is not NULL). */
static bool string(reader *r, kg_buf *out)
{
    size_t start = r->pos++;
    while (r->pos < r->len) {
        unsigned char c = (unsigned char)r->s[r->pos];
        if (c == '"') {
            r->pos++;
            return true;
        }
        if (c < 0x20) {
            fail(r, r->pos, "control character in a string%s", "");
            return false;
        }
        if (c == '\\') {
            if (r->pos + 1 >= r->len)
                break;
            char e = r->s[r->pos + 1];
            const char *simple = strchr("\"\\/bfnrt", e);
            if (e && simple) {
                static const char to[] = "\"\\/\b\f\n\r\t";
                if (out && kg_buf_putc(out, to[simple - "\"\\/bfnrt"]) < 0)
                    goto oom;
                r->pos += 2;
                continue;
            }
            if (e != 'u') {
                char esc[2] = {e >= 0x20 && e < 0x7f ? e : '?', '\0'};
                fail(r, r->pos, "invalid escape '\\%s' in a string", esc);
                return false;
            }
            int cp = r->pos + 6 <= r->len ? hex4(r->s + r->pos + 2) : -1;
            size_t esc = r->pos;
            r->pos += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                int lo = r->pos + 6 <= r->len && r->s[r->pos] == '\\' &&
                                 r->s[r->pos + 1] == 'u'
                             ? hex4(r->s + r->pos + 2)
                             : -1;
                if (lo < 0xDC00 || lo > 0xDFFF) {
                    fail(r, esc, "unpaired surrogate in '\\u' escape%s", "");
                    return false;
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                r->pos += 6;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                fail(r, esc, "unpaired surrogate in '\\u' escape%s", "");
                return false;
            }
            if (cp < 0) {
                fail(r, esc, "'\\u' needs four hex digits%s", "");
                return false;
            }
            if (cp == 0) {
                fail(r, esc, "'\\u0000' (NUL) is not allowed in a string%s",
                     "");
                return false;
            }
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t n = utf8proc_encode_char(cp, enc);
            if (out && kg_buf_append(out, enc, (size_t)n) < 0)
                goto oom;
            continue;
        }
        /* a run of plain bytes: checked as UTF-8, copied at once */
        size_t run = r->pos;
        while (run < r->len) {
            unsigned char b = (unsigned char)r->s[run];
            if (b == '"' || b == '\\' || b < 0x20)
                break;
            if (b < 0x80) {
                run++;
                continue;
            }
            utf8proc_int32_t u;
            utf8proc_ssize_t k = utf8proc_iterate(
                (const utf8proc_uint8_t *)r->s + run,
                (utf8proc_ssize_t)(r->len - run), &u);
            if (k <= 0) {
                char msg[8];
                snprintf(msg, sizeof msg, "0x%02x", b);
                fail(r, run, "invalid UTF-8 byte %s", msg);
                return false;
            }
            run += (size_t)k;
        }
        if (out && kg_buf_append(out, r->s + r->pos, run - r->pos) < 0)
            goto oom;
        r->pos = run;
    }
    fail(r, start, "unterminated string%s", "");
    return false;
oom:
    if (!r->failed)
        kg_diag_oom(r->d, "reading a JSON record");
    r->failed = true;
    return false;
}

static bool number(reader *r)
{
    size_t p = r->pos;
    if (p < r->len && r->s[p] == '-')
        p++;
    size_t digits = p;
    if (p < r->len && r->s[p] == '0')
        p++;
    else
        while (p < r->len && r->s[p] >= '0' && r->s[p] <= '9')
            p++;
    bool ok = p > digits;
    if (ok && p < r->len && r->s[p] == '.') {
        size_t f = ++p;
        while (p < r->len && r->s[p] >= '0' && r->s[p] <= '9')
            p++;
        ok = p > f;
    }
    if (ok && p < r->len && (r->s[p] == 'e' || r->s[p] == 'E')) {
        p++;
        if (p < r->len && (r->s[p] == '+' || r->s[p] == '-'))
            p++;
        size_t e = p;
        while (p < r->len && r->s[p] >= '0' && r->s[p] <= '9')
            p++;
        ok = p > e;
    }
    if (!ok) {
        fail(r, r->pos, "invalid number%s", "");
        return false;
    }
    r->pos = p;
    return true;
}

static bool word(reader *r, const char *w)
{
    size_t n = strlen(w);
    if (r->len - r->pos >= n && memcmp(r->s + r->pos, w, n) == 0) {
        r->pos += n;
        return true;
    }
    return false;
}

/* value and composite call each other, at most MAX_DEPTH deep. */
static bool value(reader *r, int depth);

/* NOLINTNEXTLINE(misc-no-recursion): bounded by MAX_DEPTH */
static bool composite(reader *r, int depth, char close)
{
    if (depth > MAX_DEPTH) {
        fail(r, r->pos, "values nested too deeply%s", "");
        return false;
    }
    r->pos++;
    ws(r);
    if (r->pos < r->len && r->s[r->pos] == close) {
        r->pos++;
        return true;
    }
    for (;;) {
        ws(r);
        if (close == '}') {
            if (r->pos >= r->len || r->s[r->pos] != '"') {
                fail(r, r->pos, "expected a key in quotes%s", "");
                return false;
            }
            if (!string(r, NULL))
                return false;
            ws(r);
            if (r->pos >= r->len || r->s[r->pos] != ':') {
                fail(r, r->pos, "expected ':'%s", "");
                return false;
            }
            r->pos++;
        }
        if (!value(r, depth + 1))
            return false;
        ws(r);
        if (r->pos < r->len && r->s[r->pos] == ',') {
            r->pos++;
            continue;
        }
        if (r->pos < r->len && r->s[r->pos] == close) {
            r->pos++;
            return true;
        }
        fail(r, r->pos, close == '}' ? "expected ',' or '}'%s"
                                     : "expected ',' or ']'%s", "");
        return false;
    }
}

/* NOLINTNEXTLINE(misc-no-recursion): bounded by MAX_DEPTH */
static bool value(reader *r, int depth)
{
    ws(r);
    if (r->pos >= r->len) {
        fail(r, r->pos, "expected a value%s", "");
        return false;
    }
    char c = r->s[r->pos];
    if (c == '"')
        return string(r, NULL);
    if (c == '{')
        return composite(r, depth, '}');
    if (c == '[')
        return composite(r, depth, ']');
    if (c == '-' || (c >= '0' && c <= '9'))
        return number(r);
    if (word(r, "true") || word(r, "false") || word(r, "null"))
        return true;
    fail(r, r->pos, "expected a value%s", "");
    return false;
}

/* The fields kgraph reads, in the order of kg_jsonl_record. */
static const char *const fields[] = {"id",       "title",    "text",
                                     "url",      "published", "modified",
                                     "version",  "source"};
#define NFIELDS (sizeof fields / sizeof fields[0])

static const char **field_slot(kg_jsonl_record *rec, size_t i)
{
    const char **slots[NFIELDS] = {&rec->id,        &rec->title,
                                   &rec->text,      &rec->url,
                                   &rec->published, &rec->modified,
                                   &rec->version,   &rec->source};
    return slots[i];
}

int kg_jsonl_parse(const char *line, size_t len, kg_arena *arena,
                   kg_jsonl_record *rec, const char *name,
                   unsigned long lineno, kg_diag *d)
{
    memset(rec, 0, sizeof *rec);
    if (len && line[len - 1] == '\r')
        len--;
    reader r = {line, len, 0, name, lineno, d, false};
    ws(&r);
    if (r.pos == len)
        return 0;
    if (line[r.pos] != '{') {
        fail(&r, r.pos, "expected a JSON object ('{')%s", "");
        return -1;
    }
    bool seen[NFIELDS] = {false};
    kg_buf b;
    kg_buf_init(&b);
    r.pos++;
    ws(&r);
    bool empty = r.pos < len && line[r.pos] == '}';
    if (empty)
        r.pos++;
    while (!empty && !r.failed) {
        ws(&r);
        if (r.pos >= len || line[r.pos] != '"') {
            fail(&r, r.pos, "expected a key in quotes%s", "");
            break;
        }
        size_t keyat = r.pos;
        kg_buf_clear(&b);
        if (!string(&r, &b))
            break;
        int f = -1;
        for (size_t i = 0; i < NFIELDS; i++)
            if (b.len == strlen(fields[i]) && memcmp(b.data, fields[i], b.len) == 0)
                f = (int)i;
        ws(&r);
        if (r.pos >= len || line[r.pos] != ':') {
            fail(&r, r.pos, "expected ':'%s", "");
            break;
        }
        r.pos++;
        ws(&r);
        if (f >= 0 && seen[f]) {
            fail(&r, keyat, "duplicate key \"%s\"", fields[f]);
            break;
        }
        if (f >= 0)
            seen[f] = true;
        size_t at = r.pos;
        char c = at < len ? line[at] : '\0';
        if (f < 0) {
            if (!value(&r, 1))
                break;
        } else if (c == '"') {
            kg_buf_clear(&b);
            if (!string(&r, &b))
                break;
            char *v = kg_arena_strndup(arena, b.data ? b.data : "", b.len);
            if (!v) {
                kg_diag_oom(d, "reading a JSON record");
                r.failed = true;
                break;
            }
            *field_slot(rec, (size_t)f) = v;
            if (f == 2)
                rec->text_len = b.len;
        } else if (word(&r, "null")) {
            /* as if absent */
        } else if ((c == '-' || (c >= '0' && c <= '9')) &&
                   (strcmp(fields[f], "id") == 0 ||
                    strcmp(fields[f], "version") == 0)) {
            if (!number(&r))
                break;
            char *v = kg_arena_strndup(arena, line + at, r.pos - at);
            if (!v) {
                kg_diag_oom(d, "reading a JSON record");
                r.failed = true;
                break;
            }
            *field_slot(rec, (size_t)f) = v;
        } else {
            fail(&r, at,
                 strcmp(fields[f], "id") == 0 ||
                         strcmp(fields[f], "version") == 0
                     ? "\"%s\" must be a string or a number"
                     : "\"%s\" must be a string",
                 fields[f]);
            break;
        }
        ws(&r);
        if (r.pos < len && line[r.pos] == ',') {
            r.pos++;
            continue;
        }
        if (r.pos < len && line[r.pos] == '}') {
            r.pos++;
            break;
        }
        fail(&r, r.pos, "expected ',' or '}'%s", "");
    }
    kg_buf_release(&b);
    if (r.failed)
        return -1;
    ws(&r);
    if (r.pos < len) {
        fail(&r, r.pos, "text after the record%s", "");
        return -1;
    }
    if (!rec->text) {
        fail(&r, 0, "the record has no \"text\"%s", "");
        return -1;
    }
    return 1;
}

int kg_jsonl_article(const kg_jsonl_record *r, kg_article *a,
                     const char *name, kg_diag *d)
{
    kg_buf b;
    kg_buf_init(&b);
    int err = 0;
    if (r->title && *r->title) {
        /* the headline is one line, whatever the record held */
        for (const char *p = r->title; *p; p++)
            err |= kg_buf_putc(&b, *p == '\n' || *p == '\r' ? ' ' : *p);
        err |= kg_buf_puts(&b, "\n\n");
    }
    err |= kg_buf_append(&b, r->text, r->text_len);
    if (err) {
        kg_buf_release(&b);
        kg_diag_oom(d, "reading a JSON record");
        return -1;
    }
    int rc = kg_article_parse(a, name, b.data ? b.data : "", b.len, d);
    kg_buf_release(&b);
    if (rc < 0)
        return -1;
    kg_article_meta *m = &a->meta;
    char idbuf[32];
    const char *id = r->id;
    if (!id || !*id) {
        snprintf(idbuf, sizeof idbuf, "text-%016llx",
                 (unsigned long long)kg_hash64(r->text, r->text_len,
                                               0x6a736f6e6c000001ull));
        id = idbuf;
    }
    const char *const from[] = {id, r->title, r->url, r->published,
                                r->modified, r->version, r->source};
    const char **to[] = {&m->id, &m->title, &m->url, &m->published,
                         &m->modified, &m->version, &m->source};
    for (size_t i = 0; i < sizeof from / sizeof from[0]; i++) {
        if (!from[i] || !*from[i])
            continue;
        if (!(*to[i] = kg_arena_strdup(&a->arena, from[i]))) {
            kg_diag_oom(d, "reading a JSON record");
            return -1;
        }
    }
    if (m->title && !(m->title = kg_article_clean_title(&a->arena, m->title))) {
        kg_diag_oom(d, "reading a JSON record");
        return -1;
    }
    return 0;
}
