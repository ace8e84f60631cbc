#include "base/diag.h"

#include <stdarg.h>
#include <string.h>

void kg_diag_init(kg_diag *d, FILE *warn_out)
{
    d->first[0] = '\0';
    d->nerrors = 0;
    d->nwarnings = 0;
    d->warn_out = warn_out;
}

void kg_diag_reset(kg_diag *d)
{
    kg_diag_init(d, d->warn_out);
}

static void format_prefix(char *out, size_t cap, const char *file, int line,
                          int col, const char *kind)
{
    if (!file)
        snprintf(out, cap, "kgraph: %s: ", kind);
    else if (line <= 0)
        snprintf(out, cap, "%s: %s: ", file, kind);
    else if (col <= 0)
        snprintf(out, cap, "%s:%d: %s: ", file, line, kind);
    else
        snprintf(out, cap, "%s:%d:%d: %s: ", file, line, col, kind);
}

static void vformat(char *out, size_t cap, const char *file, int line, int col,
                    const char *kind, const char *fmt, va_list ap)
{
    format_prefix(out, cap, file, line, col, kind);
    size_t n = strlen(out);
    if (n < cap)
        vsnprintf(out + n, cap - n, fmt, ap);
}

static void verror(kg_diag *d, const char *file, int line, int col,
                   const char *fmt, va_list ap)
{
    if (d->nerrors++ == 0)
        vformat(d->first, sizeof d->first, file, line, col, "error", fmt, ap);
}

static void vwarning(kg_diag *d, const char *file, int line, int col,
                     const char *fmt, va_list ap)
{
    d->nwarnings++;
    if (d->warn_out) {
        char buf[KG_DIAG_MSG_MAX];
        vformat(buf, sizeof buf, file, line, col, "warning", fmt, ap);
        fprintf(d->warn_out, "%s\n", buf);
    }
}

void kg_diag_add(kg_diag *d, const kg_diag *from)
{
    if (from->nerrors && !d->nerrors)
        memcpy(d->first, from->first, sizeof d->first);
    d->nerrors += from->nerrors;
    d->nwarnings += from->nwarnings;
}

void kg_diag_error(kg_diag *d, const char *file, int line, int col,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(d, file, line, col, fmt, ap);
    va_end(ap);
}

void kg_diag_warning(kg_diag *d, const char *file, int line, int col,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarning(d, file, line, col, fmt, ap);
    va_end(ap);
}

void kg_diag_error_at(kg_diag *d, const char *file, const char *text,
                      size_t len, size_t offset, const char *fmt, ...)
{
    int line = 0, col = 0;
    if (d->nerrors == 0)
        kg_diag_linecol(text, len, offset, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    verror(d, file, line, col, fmt, ap);
    va_end(ap);
}

void kg_diag_warning_at(kg_diag *d, const char *file, const char *text,
                        size_t len, size_t offset, const char *fmt, ...)
{
    int line = 0, col = 0;
    kg_diag_linecol(text, len, offset, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    vwarning(d, file, line, col, fmt, ap);
    va_end(ap);
}

#define OOM_PREFIX "kgraph: error: out of memory while "

void kg_diag_oom(kg_diag *d, const char *what)
{
    kg_diag_error(d, NULL, 0, 0, "out of memory while %s", what);
}

int kg_diag_is_oom(const kg_diag *d)
{
    return d->nerrors > 0 &&
           strncmp(d->first, OOM_PREFIX, sizeof OOM_PREFIX - 1) == 0;
}

void kg_diag_linecol(const char *text, size_t len, size_t offset, int *line,
                     int *col)
{
    int l = 1, c = 1;
    if (offset > len)
        offset = len;
    for (size_t i = 0; i < offset; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if (ch == '\r') {
            if (i + 1 < len && text[i + 1] == '\n')
                continue; /* the LF that follows ends the line */
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++; /* count lead bytes only: columns are code points */
        }
    }
    *line = l;
    *col = c;
}

unsigned kg_diag_print(const kg_diag *d, FILE *out)
{
    if (d->nerrors == 0)
        return 0;
    fprintf(out, "%s\n", d->first);
    if (d->nerrors > 1)
        fprintf(out, "kgraph: %u more error%s not shown\n", d->nerrors - 1,
                d->nerrors - 1 == 1 ? "" : "s");
    return d->nerrors;
}
