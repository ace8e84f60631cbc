/*
 * corpus.h - the articles of a kgraph build run, and the worker pool that
 * processes them.
 *
 * Inputs are enumerated up front (files and directories) or read as they
 * are needed (JSON Lines streams), and become TASKS numbered in input
 * order.  kg_corpus_run hands the tasks to worker threads and passes each
 * result back to the calling thread in input order, through a window of
 * at most `window` tasks taken but not yet done: a fast worker waits
 * rather than run ahead, so memory stays bounded however large the corpus
 * is, and whatever the number of threads the caller sees the same
 * results in the same order.
 *
 *     kg_corpus c;
 *     kg_corpus_init(&c);
 *     kg_corpus_add(&c, "news/", &d);      // every *.txt, *.md below
 *     kg_corpus_add(&c, "-", &d);          // JSON Lines on stdin
 *     kg_corpus_run(&c, &opts, work, done, &ctx, &d);
 *     kg_corpus_release(&c);
 */
#ifndef KG_CORPUS_H
#define KG_CORPUS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "article/article.h"
#include "base/buf.h"
#include "base/diag.h"

typedef struct kg_corpus_input {
    char *path;     /* a file, or "-" */
    bool jsonl;     /* JSON Lines: "-" or a *.jsonl file */
} kg_corpus_input;

typedef struct kg_corpus {
    kg_corpus_input *inputs;
    size_t ninputs, capinputs;
    size_t narticles;  /* article files; JSON Lines records not counted */
    uint64_t bytes;    /* size of every input known up front (files, and
                          standard input when it is a regular file) */
    bool stdin_used;
    /* reading state */
    size_t next_input;
    size_t next_task;
    FILE *stream;      /* the JSON Lines input being read, or NULL */
    kg_buf line;
    unsigned long lineno;
    bool abandoned;    /* kg_corpus_run left a worker blocked on a read */
} kg_corpus;

void kg_corpus_init(kg_corpus *c);
void kg_corpus_release(kg_corpus *c);

/* Add a command-line input: "-" (JSON Lines on standard input, once), a
 * *.jsonl file (JSON Lines), a directory (its *.txt and *.md files, all
 * the way down, in byte order of their paths; names starting with '.' and
 * symbolic links to directories are skipped) or any other file (an
 * article).  0, or -1 (d says why: missing input, unreadable directory,
 * "-" twice). */
int kg_corpus_add(kg_corpus *c, const char *arg, kg_diag *d);

/* One article to process. */
typedef struct kg_corpus_task {
    size_t index;        /* 0-based, in input order */
    char *name;          /* the file, or "SOURCE:LINE" for a record */
    bool record;         /* a JSON Lines record (in data) */
    char *data;          /* the record's line */
    size_t len;
    unsigned long line;  /* its line number */
    const char *source;  /* "stdin" or the *.jsonl file */
    char *error;         /* reading the stream failed here: the message */
    uint64_t bytes;      /* size of the article's input (for rates) */
} kg_corpus_task;

/* The next task, in input order: 1, 0 at the end, -1 when memory ran out.
 * A JSON Lines stream that cannot be read (or opened) yields one task
 * whose error says why, and ends.  Blank lines are skipped.  Not
 * thread-safe: kg_corpus_run calls it under its lock. */
int kg_corpus_next(kg_corpus *c, kg_corpus_task *t);
void kg_corpus_task_release(kg_corpus_task *t);

/* The task's article: the file read, or the record parsed
 * (kg_jsonl_parse, kg_jsonl_article).  0 or -1 (d says why). */
int kg_corpus_read(const kg_corpus_task *t, kg_article *a, kg_diag *d);

/* Called on a worker thread for each task; worker is 0..threads-1.
 * Returns the task's result (may be NULL). */
typedef void *(*kg_corpus_work_fn)(void *ctx, const kg_corpus_task *t,
                                   int worker);
/* Called on the calling thread with each task and its result, in input
 * order; it owns the result.  A negative return stops the run. */
typedef int (*kg_corpus_done_fn)(void *ctx, const kg_corpus_task *t,
                                 void *result);
/* Frees a result that done() will never see (the run stopped). */
typedef void (*kg_corpus_discard_fn)(void *ctx, void *result);
/* Called on the calling thread about ten times a second (progress). */
typedef void (*kg_corpus_tick_fn)(void *ctx);

typedef struct kg_corpus_pool {
    int threads;          /* workers; <= 1: everything on the caller */
    size_t window;        /* tasks in flight; 0: 4 per thread */
    kg_corpus_discard_fn discard;
    kg_corpus_tick_fn tick;   /* may be NULL */
    /* checked between tasks and while waiting: non-zero stops the run
     * (a signal handler sets it); may be NULL */
    volatile sig_atomic_t *interrupt;
    /* for tests, may be NULL: called by a worker between reading a task
     * and handing it in, where a slow worker lets another reach the end
     * of the input first */
    void (*after_read)(void *ctx, const kg_corpus_task *t);
} kg_corpus_pool;

/* Run every task.  Returns 0 when all were done, 1 when done() stopped
 * the run, 2 when *interrupt was set, -1 when the workers could not be
 * started or memory ran out (d says why).  Results done() will not see
 * are discarded.  When the run stops early (1 or 2) the workers get two
 * seconds to finish the article they hold; one still busy after that
 * (blocked reading a terminal, say) is left running with the pool, the
 * corpus is marked abandoned (kg_corpus_release then frees nothing) and
 * the caller should end the process. */
int kg_corpus_run(kg_corpus *c, const kg_corpus_pool *pool,
                  kg_corpus_work_fn work, kg_corpus_done_fn done, void *ctx,
                  kg_diag *d);

#endif
