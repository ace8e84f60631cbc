/*
 * buf.h - growable byte buffer, always NUL-terminated when non-empty.
 * Functions return 0, or -1 when memory runs out (the buffer is then left
 * as it was).
 */
#ifndef KG_BUF_H
#define KG_BUF_H

#include <stddef.h>

typedef struct kg_buf {
    char *data;
    size_t len;
    size_t cap;
} kg_buf;

void kg_buf_init(kg_buf *b);
void kg_buf_release(kg_buf *b);
void kg_buf_clear(kg_buf *b);
int kg_buf_reserve(kg_buf *b, size_t extra);
int kg_buf_append(kg_buf *b, const void *data, size_t len);
int kg_buf_puts(kg_buf *b, const char *s);
int kg_buf_putc(kg_buf *b, char c);
int kg_buf_printf(kg_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hand the storage to the caller (free() it); the buffer becomes empty. */
char *kg_buf_detach(kg_buf *b, size_t *len);

#endif
