#include "base/alloc.h"
#include "base/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kg_buf_init(kg_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void kg_buf_release(kg_buf *b)
{
    free(b->data);
    kg_buf_init(b);
}

void kg_buf_clear(kg_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

int kg_buf_reserve(kg_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return -1;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = kg_realloc(b->data, cap);
    if (!p)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int kg_buf_append(kg_buf *b, const void *data, size_t len)
{
    if (kg_buf_reserve(b, len) < 0)
        return -1;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int kg_buf_puts(kg_buf *b, const char *s)
{
    return kg_buf_append(b, s, strlen(s));
}

int kg_buf_putc(kg_buf *b, char c)
{
    return kg_buf_append(b, &c, 1);
}

int kg_buf_printf(kg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || kg_buf_reserve(b, (size_t)n) < 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

char *kg_buf_detach(kg_buf *b, size_t *len)
{
    char *p = b->data;
    if (len)
        *len = b->len;
    kg_buf_init(b);
    return p;
}
