#include "base/alloc.h"
#include "nlp/model.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/hash.h"

#define HEADER_SIZE 40u
#define SECTION_SIZE 32u
#define CHECKSUM_SEED 0x6b67726170686e6cull

static uint32_t rd32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t rd64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

#define HUGE_PAGE ((size_t)2 << 20)

void *kg_model_alloc(size_t size, void **mem)
{
    size_t align = size >= HUGE_PAGE ? HUGE_PAGE : 64;
    *mem = kg_malloc(size + align);
    if (!*mem)
        return NULL;
    uintptr_t a = ((uintptr_t)*mem + align - 1) & ~(uintptr_t)(align - 1);
    void *p = (unsigned char *)*mem + (a - (uintptr_t)*mem);
    if (align == HUGE_PAGE)
        madvise(p, size & ~(HUGE_PAGE - 1), MADV_HUGEPAGE); /* a hint only */
    return p;
}

static int alloc_data(kg_model_file *f, size_t size)
{
    f->data = kg_model_alloc(size, &f->mem);
    return f->data ? 0 : -1;
}

static void set_name(kg_model_file *f, const char *name)
{
    snprintf(f->namebuf, sizeof f->namebuf, "%s", name);
    f->name = f->namebuf;
}

/* Checks everything about the container; data/size are already set. */
static int validate(kg_model_file *f, uint32_t kind, kg_diag *d)
{
    const unsigned char *p = f->data;
    if (f->size == 0) {
        kg_diag_error(d, f->name, 0, 0, "model file is empty");
        return -1;
    }
    if (f->size < 8 || memcmp(p, KG_MODEL_MAGIC, 8) != 0) {
        kg_diag_error(d, f->name, 0, 0, "not a kgraph model file (bad magic)");
        return -1;
    }
    if (f->size < HEADER_SIZE) {
        kg_diag_error(d, f->name, 0, 0, "model file is truncated (%zu bytes)",
                      f->size);
        return -1;
    }
    uint32_t version = rd32(p + 8);
    if (version != KG_MODEL_VERSION) {
        kg_diag_error(d, f->name, 0, 0,
                      "model format version %u is not supported (this kgraph "
                      "reads version %u); retrain the model",
                      version, KG_MODEL_VERSION);
        return -1;
    }
    f->kind = rd32(p + 12);
    f->nsections = rd32(p + 16);
    uint64_t fsize = rd64(p + 24);
    if (fsize != f->size) {
        kg_diag_error(d, f->name, 0, 0,
                      "model file is truncated or padded (%zu bytes, header "
                      "says %llu)",
                      f->size, (unsigned long long)fsize);
        return -1;
    }
    if (kg_hash64(p + HEADER_SIZE, f->size - HEADER_SIZE, CHECKSUM_SEED) !=
        rd64(p + 32)) {
        kg_diag_error(d, f->name, 0, 0, "model file is corrupt (checksum mismatch)");
        return -1;
    }
    if (f->kind != kind) {
        kg_diag_error(d, f->name, 0, 0, "model is a %s model, expected a %s model",
                      f->kind == KG_MODEL_TAGGER   ? "tagger"
                      : f->kind == KG_MODEL_PARSER ? "parser"
                                                   : "unknown",
                      kind == KG_MODEL_TAGGER ? "tagger" : "parser");
        return -1;
    }
    if (f->nsections > (f->size - HEADER_SIZE) / SECTION_SIZE) {
        kg_diag_error(d, f->name, 0, 0, "model file is corrupt (section table)");
        return -1;
    }
    f->sections = (const kg_model_section *)(p + HEADER_SIZE);
    for (uint32_t i = 0; i < f->nsections; i++) {
        const kg_model_section *s = &f->sections[i];
        if (s->offset % 8 || s->offset > f->size || s->size > f->size - s->offset ||
            memchr(s->name, '\0', sizeof s->name) == NULL) {
            kg_diag_error(d, f->name, 0, 0, "model file is corrupt (section %u)", i);
            return -1;
        }
    }
    return 0;
}

int kg_model_open_mem(kg_model_file *f, const char *name, const void *data,
                      size_t size, uint32_t kind, kg_diag *d)
{
    memset(f, 0, sizeof *f);
    set_name(f, name);
    if (alloc_data(f, size) < 0) {
        kg_diag_oom(d, "loading a model");
        return -1;
    }
    memcpy(f->data, data, size);
    f->size = size;
    if (validate(f, kind, d) < 0) {
        kg_model_close(f);
        return -1;
    }
    return 0;
}

int kg_model_open(kg_model_file *f, const char *path, uint32_t kind, kg_diag *d)
{
    memset(f, 0, sizeof *f);
    set_name(f, path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        kg_diag_error(d, path, 0, 0, "cannot open model: %s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        kg_diag_error(d, path, 0, 0, "model is not a regular file");
        close(fd);
        return -1;
    }
    size_t size = (size_t)st.st_size;
    if (alloc_data(f, size) < 0) {
        close(fd);
        kg_diag_oom(d, "loading a model");
        return -1;
    }
    size_t got = 0;
    while (got < size) {
        ssize_t r = read(fd, f->data + got, size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            kg_diag_error(d, path, 0, 0, "cannot read model: %s",
                          r < 0 ? strerror(errno) : "unexpected end of file");
            close(fd);
            kg_model_close(f);
            return -1;
        }
        got += (size_t)r;
    }
    close(fd);
    f->size = size;
    if (validate(f, kind, d) < 0) {
        kg_model_close(f);
        return -1;
    }
    return 0;
}

void kg_model_close(kg_model_file *f)
{
    free(f->mem);
    f->mem = NULL;
    f->data = NULL;
    f->size = 0;
    f->sections = NULL;
    f->nsections = 0;
}

int kg_model_has_section(const kg_model_file *f, const char *name)
{
    for (uint32_t i = 0; i < f->nsections; i++)
        if (strcmp(f->sections[i].name, name) == 0)
            return 1;
    return 0;
}

const void *kg_model_section_get(const kg_model_file *f, const char *name,
                                 size_t elem, size_t min, size_t *count,
                                 kg_diag *d)
{
    for (uint32_t i = 0; i < f->nsections; i++) {
        const kg_model_section *s = &f->sections[i];
        if (strcmp(s->name, name) != 0)
            continue;
        if (s->size % elem || s->size / elem < min) {
            kg_diag_error(d, f->name, 0, 0,
                          "model file is corrupt (section '%s' has a bad size)",
                          name);
            return NULL;
        }
        if (count)
            *count = (size_t)(s->size / elem);
        return f->data + s->offset;
    }
    kg_diag_error(d, f->name, 0, 0, "model file lacks section '%s'", name);
    return NULL;
}

void kg_model_writer_init(kg_model_writer *w)
{
    memset(w, 0, sizeof *w);
    kg_buf_init(&w->body);
}

void kg_model_writer_release(kg_model_writer *w)
{
    kg_buf_release(&w->body);
    free(w->secs);
    memset(w, 0, sizeof *w);
}

int kg_model_writer_add(kg_model_writer *w, const char *name, const void *data,
                        size_t size)
{
    if (strlen(name) >= sizeof w->secs[0].name)
        return -1;
    if (w->nsecs == w->cap) {
        uint32_t n = w->cap ? w->cap * 2 : 16;
        kg_model_section *s = kg_realloc(w->secs, n * sizeof *s);
        if (!s)
            return -1;
        w->secs = s;
        w->cap = n;
    }
    kg_model_section *s = &w->secs[w->nsecs];
    memset(s, 0, sizeof *s);
    memcpy(s->name, name, strlen(name));
    s->offset = w->body.len; /* relative; fixed up in finish */
    s->size = size;
    if (kg_buf_append(&w->body, data, size) < 0)
        return -1;
    static const char zeros[8] = {0};
    if (w->body.len % 8 && kg_buf_append(&w->body, zeros, 8 - w->body.len % 8) < 0)
        return -1;
    w->nsecs++;
    return 0;
}

int kg_model_writer_finish(kg_model_writer *w, uint32_t kind, kg_buf *out)
{
    kg_buf_clear(out);
    size_t table = (size_t)w->nsecs * SECTION_SIZE;
    size_t base = HEADER_SIZE + table;
    size_t total = base + w->body.len;
    unsigned char hdr[HEADER_SIZE];
    memset(hdr, 0, sizeof hdr);
    memcpy(hdr, KG_MODEL_MAGIC, 8);
    uint32_t v32 = KG_MODEL_VERSION;
    memcpy(hdr + 8, &v32, 4);
    memcpy(hdr + 12, &kind, 4);
    memcpy(hdr + 16, &w->nsecs, 4);
    uint64_t v64 = total;
    memcpy(hdr + 24, &v64, 8);
    if (kg_buf_reserve(out, total) < 0 || kg_buf_append(out, hdr, sizeof hdr) < 0)
        return -1;
    for (uint32_t i = 0; i < w->nsecs; i++) {
        kg_model_section s = w->secs[i];
        s.offset += base;
        if (kg_buf_append(out, &s, sizeof s) < 0)
            return -1;
    }
    if (w->body.len && kg_buf_append(out, w->body.data, w->body.len) < 0)
        return -1;
    uint64_t sum = kg_hash64(out->data + HEADER_SIZE, out->len - HEADER_SIZE,
                             CHECKSUM_SEED);
    memcpy(out->data + 32, &sum, 8);
    return 0;
}
