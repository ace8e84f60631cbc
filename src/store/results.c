/*
 * results.c - SPARQL results as table, CSV, TSV and JSON.
 */
#include "base/alloc.h"
#include "store/results.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define XSD "http://www.w3.org/2001/XMLSchema#"

int kg_results_format_from_name(const char *name, kg_results_format *out)
{
    static const char *const names[] = {"table", "csv", "tsv", "json"};
    for (int i = 0; i < 4; i++)
        if (name && strcmp(name, names[i]) == 0) {
            *out = (kg_results_format)i;
            return 0;
        }
    return -1;
}

void kg_results_init(kg_results *r, kg_results_kind kind)
{
    memset(r, 0, sizeof *r);
    kg_arena_init(&r->arena);
    r->kind = kind;
}

void kg_results_release(kg_results *r)
{
    free(r->vars);
    free(r->cells);
    free(r->triples);
    kg_arena_release(&r->arena);
    memset(r, 0, sizeof *r);
}

int kg_results_add_var(kg_results *r, const char *name)
{
    const char **v = kg_realloc(r->vars, (r->nvars + 1) * sizeof *v);
    if (!v)
        return -1;
    r->vars = v;
    if (!(v[r->nvars] = kg_arena_strdup(&r->arena, name)))
        return -1;
    r->nvars++;
    return 0;
}

kg_term *kg_results_add_row(kg_results *r)
{
    if (r->nrows == r->caprows) {
        size_t cap = r->caprows ? r->caprows * 2 : 16;
        size_t width = r->nvars ? r->nvars : 1;
        kg_term *c = kg_realloc(r->cells, cap * width * sizeof *c);
        if (!c)
            return NULL;
        r->cells = c;
        r->caprows = cap;
    }
    kg_term *row = r->cells + r->nrows * (r->nvars ? r->nvars : 1);
    memset(row, 0, (r->nvars ? r->nvars : 1) * sizeof *row);
    r->nrows++;
    return row;
}

int kg_results_set(kg_results *r, kg_term *cell, const kg_term *t)
{
    kg_term c = *t;
    c.value = kg_arena_strndup(&r->arena, t->value, t->len);
    c.lang = t->lang ? kg_arena_strdup(&r->arena, t->lang) : NULL;
    c.datatype = t->datatype ? kg_arena_strdup(&r->arena, t->datatype) : NULL;
    if (!c.value || (t->lang && !c.lang) || (t->datatype && !c.datatype))
        return -1;
    *cell = c;
    return 0;
}

int kg_results_add_triple(kg_results *r, const kg_triple *t)
{
    if (r->ntriples == r->captriples) {
        size_t cap = r->captriples ? r->captriples * 2 : 16;
        kg_triple *nt = kg_realloc(r->triples, cap * sizeof *nt);
        if (!nt)
            return -1;
        r->triples = nt;
        r->captriples = cap;
    }
    kg_triple *dst = &r->triples[r->ntriples];
    if (kg_results_set(r, &dst->s, &t->s) < 0 ||
        kg_results_set(r, &dst->p, &t->p) < 0 ||
        kg_results_set(r, &dst->o, &t->o) < 0)
        return -1;
    r->ntriples++;
    return 0;
}

/* --- terms ---------------------------------------------------------------- */

static int all_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Does the lexical form read back as the same literal when written bare
 * in Turtle? (INTEGER, DECIMAL, DOUBLE, true/false.) */
static int bare_literal(const kg_term *t)
{
    if (!t->datatype || strncmp(t->datatype, XSD, strlen(XSD)) != 0)
        return 0;
    const char *dt = t->datatype + strlen(XSD);
    const char *s = t->value;
    size_t n = t->len;
    if (strcmp(dt, "boolean") == 0)
        return (n == 4 && memcmp(s, "true", 4) == 0) ||
               (n == 5 && memcmp(s, "false", 5) == 0);
    if (n && (s[0] == '+' || s[0] == '-')) {
        s++;
        n--;
    }
    if (strcmp(dt, "integer") == 0)
        return all_digits(s, n);
    const char *dot = memchr(s, '.', n);
    if (strcmp(dt, "decimal") == 0)
        return dot && all_digits(dot + 1, n - (size_t)(dot + 1 - s)) &&
               (dot == s || all_digits(s, (size_t)(dot - s)));
    if (strcmp(dt, "double") == 0) {
        const char *e = memchr(s, 'e', n);
        if (!e)
            e = memchr(s, 'E', n);
        if (!e)
            return 0;
        size_t mant = (size_t)(e - s);
        const char *x = e + 1;
        size_t xn = n - mant - 1;
        if (xn && (*x == '+' || *x == '-')) {
            x++;
            xn--;
        }
        if (!all_digits(x, xn))
            return 0;
        const char *d = memchr(s, '.', mant);
        if (!d)
            return all_digits(s, mant);
        size_t before = (size_t)(d - s), after = mant - before - 1;
        return (before || after) && (!before || all_digits(s, before)) &&
               (!after || all_digits(d + 1, after));
    }
    return 0;
}

int kg_results_write_term(kg_buf *b, const kg_term *t)
{
    if (t->kind == KG_TERM_LITERAL && bare_literal(t))
        return kg_buf_append(b, t->value, t->len);
    return kg_term_write_nt(b, t);
}

/* --- table ---------------------------------------------------------------- */

/* As kg_results_write_term, with XML Schema datatypes shortened to xsd:
 * for people to read. */
static int table_term(kg_buf *b, const kg_term *t)
{
    size_t n = strlen(XSD);
    if (t->kind != KG_TERM_LITERAL || !t->datatype || bare_literal(t) ||
        strncmp(t->datatype, XSD, n) != 0)
        return kg_results_write_term(b, t);
    kg_term plain = *t;
    plain.datatype = NULL;
    if (kg_term_write_nt(b, &plain) < 0)
        return -1;
    return kg_buf_printf(b, "^^xsd:%s", t->datatype + n);
}

/* Terminal columns taken by UTF-8 text (invalid bytes count one each). */
static size_t display_width(const char *s, size_t len)
{
    size_t w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)len;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0) {
            w++;
            p++;
            left--;
            continue;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        p += n;
        left -= n;
    }
    return w;
}

static int pad(kg_buf *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (kg_buf_putc(b, ' ') < 0)
            return -1;
    return 0;
}

static int write_table(const kg_results *r, kg_buf *out)
{
    size_t nv = r->nvars;
    kg_buf cell;
    kg_buf_init(&cell);
    /* render every cell once; offsets into one buffer */
    size_t ncells = r->nrows * nv;
    size_t *start = kg_calloc(ncells + 1, sizeof *start);
    size_t *width = kg_calloc(nv ? nv : 1, sizeof *width);
    int rc = (start && width) ? 0 : -1;
    for (size_t v = 0; v < nv && rc == 0; v++)
        width[v] = display_width(r->vars[v], strlen(r->vars[v])) + 1;
    for (size_t i = 0; i < ncells && rc == 0; i++) {
        start[i] = cell.len;
        if (r->cells[i].value)
            rc = table_term(&cell, &r->cells[i]);
        size_t w = display_width(cell.data ? cell.data + start[i] : "",
                                 cell.len - start[i]);
        if (w > width[i % nv])
            width[i % nv] = w;
    }
    if (rc == 0)
        start[ncells] = cell.len;
    for (size_t v = 0; v < nv && rc == 0; v++) {
        size_t w = display_width(r->vars[v], strlen(r->vars[v])) + 1;
        rc = kg_buf_printf(out, "%s?%s", v ? " | " : " ", r->vars[v]);
        if (rc == 0 && v + 1 < nv)
            rc = pad(out, width[v] - w);
    }
    if (rc == 0)
        rc = kg_buf_putc(out, '\n');
    for (size_t v = 0; v < nv && rc == 0; v++) {
        if (v)
            rc = kg_buf_putc(out, '+');
        for (size_t k = 0; k < width[v] + 2 && rc == 0; k++)
            rc = kg_buf_putc(out, '-');
    }
    if (rc == 0 && nv)
        rc = kg_buf_putc(out, '\n');
    for (size_t row = 0; row < r->nrows && rc == 0; row++) {
        for (size_t v = 0; v < nv && rc == 0; v++) {
            size_t i = row * nv + v;
            const char *s = cell.data ? cell.data + start[i] : "";
            size_t len = start[i + 1] - start[i];
            rc = kg_buf_puts(out, v ? " | " : " ");
            if (rc == 0)
                rc = kg_buf_append(out, s, len);
            if (rc == 0 && v + 1 < nv)
                rc = pad(out, width[v] - display_width(s, len));
        }
        while (rc == 0 && out->len && out->data[out->len - 1] == ' ')
            out->data[--out->len] = '\0'; /* empty last cells */
        if (rc == 0)
            rc = kg_buf_putc(out, '\n');
    }
    if (rc == 0)
        rc = kg_buf_printf(out, "(%zu row%s)\n", r->nrows,
                           r->nrows == 1 ? "" : "s");
    free(start);
    free(width);
    kg_buf_release(&cell);
    return rc;
}

/* --- CSV and TSV ---------------------------------------------------------- */

static int csv_field(kg_buf *b, const char *s, size_t len)
{
    int quote = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '"' || s[i] == ',' || s[i] == '\n' || s[i] == '\r')
            quote = 1;
    if (!quote)
        return kg_buf_append(b, s, len);
    if (kg_buf_putc(b, '"') < 0)
        return -1;
    for (size_t i = 0; i < len; i++)
        if ((s[i] == '"' && kg_buf_putc(b, '"') < 0) ||
            kg_buf_putc(b, s[i]) < 0)
            return -1;
    return kg_buf_putc(b, '"');
}

static int write_csv(const kg_results *r, kg_buf *out)
{
    int rc = 0;
    for (size_t v = 0; v < r->nvars && rc == 0; v++) {
        if (v)
            rc = kg_buf_putc(out, ',');
        if (rc == 0)
            rc = csv_field(out, r->vars[v], strlen(r->vars[v]));
    }
    if (rc == 0)
        rc = kg_buf_puts(out, "\r\n");
    for (size_t row = 0; row < r->nrows && rc == 0; row++) {
        for (size_t v = 0; v < r->nvars && rc == 0; v++) {
            const kg_term *t = &r->cells[row * r->nvars + v];
            if (v)
                rc = kg_buf_putc(out, ',');
            if (rc || !t->value)
                continue;
            if (t->kind == KG_TERM_BLANK) {
                rc = kg_buf_puts(out, "_:");
                if (rc == 0)
                    rc = csv_field(out, t->value, t->len);
            } else {
                rc = csv_field(out, t->value, t->len);
            }
        }
        if (rc == 0)
            rc = kg_buf_puts(out, "\r\n");
    }
    return rc;
}

static int write_tsv(const kg_results *r, kg_buf *out)
{
    int rc = 0;
    for (size_t v = 0; v < r->nvars && rc == 0; v++)
        rc = kg_buf_printf(out, "%s?%s", v ? "\t" : "", r->vars[v]);
    if (rc == 0)
        rc = kg_buf_putc(out, '\n');
    for (size_t row = 0; row < r->nrows && rc == 0; row++) {
        for (size_t v = 0; v < r->nvars && rc == 0; v++) {
            const kg_term *t = &r->cells[row * r->nvars + v];
            if (v)
                rc = kg_buf_putc(out, '\t');
            if (rc == 0 && t->value)
                rc = kg_results_write_term(out, t);
        }
        if (rc == 0)
            rc = kg_buf_putc(out, '\n');
    }
    return rc;
}

/* --- JSON ----------------------------------------------------------------- */

static int json_string(kg_buf *b, const char *s, size_t len)
{
    if (kg_buf_putc(b, '"') < 0)
        return -1;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        int rc;
        switch (ch) {
        case '"': rc = kg_buf_puts(b, "\\\""); break;
        case '\\': rc = kg_buf_puts(b, "\\\\"); break;
        case '\n': rc = kg_buf_puts(b, "\\n"); break;
        case '\r': rc = kg_buf_puts(b, "\\r"); break;
        case '\t': rc = kg_buf_puts(b, "\\t"); break;
        case '\b': rc = kg_buf_puts(b, "\\b"); break;
        case '\f': rc = kg_buf_puts(b, "\\f"); break;
        default:
            rc = ch < 0x20 ? kg_buf_printf(b, "\\u%04x", ch)
                           : kg_buf_putc(b, (char)ch);
        }
        if (rc < 0)
            return -1;
    }
    return kg_buf_putc(b, '"');
}

static int json_cstr(kg_buf *b, const char *s)
{
    return json_string(b, s, strlen(s));
}

static int json_term(kg_buf *b, const kg_term *t)
{
    static const char *const type[] = {"uri", "bnode", "literal"};
    if (kg_buf_printf(b, "{\"type\": \"%s\", \"value\": ", type[t->kind]) < 0 ||
        json_string(b, t->value, t->len) < 0)
        return -1;
    if (t->kind == KG_TERM_LITERAL && t->lang &&
        (kg_buf_puts(b, ", \"xml:lang\": ") < 0 || json_cstr(b, t->lang) < 0))
        return -1;
    if (t->kind == KG_TERM_LITERAL && t->datatype &&
        (kg_buf_puts(b, ", \"datatype\": ") < 0 ||
         json_cstr(b, t->datatype) < 0))
        return -1;
    return kg_buf_putc(b, '}');
}

static int write_json(const kg_results *r, kg_buf *out)
{
    int rc = kg_buf_puts(out, "{\n  \"head\": {\"vars\": [");
    for (size_t v = 0; v < r->nvars && rc == 0; v++) {
        if (v)
            rc = kg_buf_puts(out, ", ");
        if (rc == 0)
            rc = json_cstr(out, r->vars[v]);
    }
    if (rc == 0)
        rc = kg_buf_puts(out, "]},\n  \"results\": {\"bindings\": [");
    for (size_t row = 0; row < r->nrows && rc == 0; row++) {
        rc = kg_buf_puts(out, row ? ",\n    {" : "\n    {");
        int first = 1;
        for (size_t v = 0; v < r->nvars && rc == 0; v++) {
            const kg_term *t = &r->cells[row * r->nvars + v];
            if (!t->value)
                continue;
            if (!first)
                rc = kg_buf_puts(out, ", ");
            first = 0;
            if (rc == 0)
                rc = json_cstr(out, r->vars[v]);
            if (rc == 0)
                rc = kg_buf_puts(out, ": ");
            if (rc == 0)
                rc = json_term(out, t);
        }
        if (rc == 0)
            rc = kg_buf_putc(out, '}');
    }
    if (rc == 0)
        rc = kg_buf_puts(out, r->nrows ? "\n  ]}\n}\n" : "]}\n}\n");
    return rc;
}

/* --- dispatch ------------------------------------------------------------- */

int kg_results_write(const kg_results *r, kg_results_format fmt, kg_buf *out)
{
    switch (r->kind) {
    case KG_RESULTS_BOOLEAN:
        if (fmt == KG_RESULTS_JSON)
            return kg_buf_printf(out, "{\n  \"head\": {},\n  \"boolean\": %s\n}\n",
                                 r->boolean ? "true" : "false");
        return kg_buf_printf(out, "%s%s", r->boolean ? "true" : "false",
                             fmt == KG_RESULTS_CSV ? "\r\n" : "\n");
    case KG_RESULTS_GRAPH: {
        kg_rdf_graph g = {NULL, r->triples, r->ntriples, r->ntriples};
        return kg_rdf_graph_write_nt(out, &g);
    }
    case KG_RESULTS_BINDINGS:
        break;
    }
    switch (fmt) {
    case KG_RESULTS_TABLE: return write_table(r, out);
    case KG_RESULTS_CSV: return write_csv(r, out);
    case KG_RESULTS_TSV: return write_tsv(r, out);
    case KG_RESULTS_JSON: return write_json(r, out);
    }
    return -1;
}
