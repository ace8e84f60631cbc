/*
 * io.h - whole-file reads and atomic writes.
 *
 * Outputs are written to a temporary file in the target's directory and
 * renamed over the target only when complete, so a failed run never leaves
 * a half-written graph.  "-" means standard input / standard output.
 */
#ifndef KG_IO_H
#define KG_IO_H

#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"

/* Read a whole file (or stdin for "-") into b.  Errors: missing file,
 * a directory, unreadable.  Returns 0 or -1. */
int kg_io_read_file(const char *path, kg_buf *b, kg_diag *d);

/* Write data to path atomically (temp + fsync + rename), or to stdout for
 * "-".  A path that names a device or a pipe (/dev/null, a FIFO) is
 * written in place, never replaced.  Returns 0 or -1. */
int kg_io_write_atomic(const char *path, const void *data, size_t len,
                       kg_diag *d);

/* Several outputs that must appear together or not at all: stage each
 * (written in full to a temp file beside its target; standard output,
 * devices and pipes are kept for commit time), then commit them all, or
 * discard them all when one failed. */
typedef struct kg_io_staged {
    const char *path;
    char *tmp;        /* temp file, or NULL: written in place at commit */
    const void *data; /* kept for in-place targets */
    size_t len;
    struct kg_io_staged *next; /* the registry of live temp files */
} kg_io_staged;

int kg_io_stage(kg_io_staged *s, const char *path, const void *data,
                size_t len, kg_diag *d);
int kg_io_commit(kg_io_staged *s, kg_diag *d);
void kg_io_discard(kg_io_staged *s);

/* Commit n staged outputs as one: SIGINT, SIGTERM and SIGHUP wait until
 * all are renamed; after a failure the rest are discarded (those already
 * renamed stay).  Returns 0 or -1. */
int kg_io_commit_all(kg_io_staged *s, size_t n, kg_diag *d);

/* Make SIGINT, SIGTERM and SIGHUP remove the temp files of staged outputs
 * before the process dies of the signal (exit status 128 + n), so an
 * interrupted run leaves every target as it was.  Signals ignored at start
 * (nohup) stay ignored.  Called once from main(). */
void kg_io_catch_signals(void);

/* 1 if path names an existing directory, 0 otherwise. */
int kg_io_is_dir(const char *path);

/* Base name of path without directory and without its last extension,
 * into out (cap bytes).  "a/b/c.txt" -> "c". */
void kg_io_stem(const char *path, char *out, size_t cap);

/* Extension of path including the dot, or "" ("a/b.ttl" -> ".ttl"). */
const char *kg_io_ext(const char *path);

#endif
