/*
 * corpus.c - inputs, tasks and the worker pool of kgraph build.
 *
 * The pool: workers take tasks under one lock (reading a JSON Lines
 * stream happens there too, so records are numbered in order), process
 * them without it, and put each result in the ring slot of its index.
 * The calling thread waits for the slot of the next index, hands it to
 * done() and frees the slot; a worker may only take task i while
 * i < consumed + window.  Workers block the termination signals, so a
 * Ctrl-C reaches the calling thread, whose waits time out every 100 ms to
 * look at the interrupt flag and to call tick().
 */
#include "corpus/corpus.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "corpus/jsonl.h"

void kg_corpus_init(kg_corpus *c)
{
    memset(c, 0, sizeof *c);
    kg_buf_init(&c->line);
}

void kg_corpus_release(kg_corpus *c)
{
    if (c->abandoned)
        return; /* a worker may still be reading: the process is ending */
    for (size_t i = 0; i < c->ninputs; i++)
        free(c->inputs[i].path);
    free(c->inputs);
    if (c->stream && c->stream != stdin)
        fclose(c->stream);
    kg_buf_release(&c->line);
    memset(c, 0, sizeof *c);
}

static int push(kg_corpus *c, const char *path, bool jsonl, kg_diag *d)
{
    if (c->ninputs == c->capinputs) {
        size_t ncap = c->capinputs ? c->capinputs * 2 : 16;
        kg_corpus_input *n = kg_realloc(c->inputs, ncap * sizeof *n);
        if (!n)
            goto oom;
        c->inputs = n;
        c->capinputs = ncap;
    }
    char *p = kg_strdup(path);
    if (!p)
        goto oom;
    c->inputs[c->ninputs].path = p;
    c->inputs[c->ninputs].jsonl = jsonl;
    c->ninputs++;
    if (!jsonl)
        c->narticles++;
    return 0;
oom:
    kg_diag_oom(d, "listing the inputs");
    return -1;
}

static bool has_ext(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    return n > e && strcmp(name + n - e, ext) == 0;
}

typedef struct pathlist {
    char **v;
    size_t n, cap;
} pathlist;

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect the articles below dir into l (unsorted).  Recursive: as deep
 * as the directory tree, which lstat keeps free of symlink loops.
 * NOLINTNEXTLINE(misc-no-recursion) */
static int walk(const char *dir, pathlist *l, uint64_t *bytes, kg_diag *d)
{
    DIR *dh = opendir(dir);
    if (!dh) {
        kg_diag_error(d, dir, 0, 0, "cannot read directory: %s",
                      strerror(errno));
        return -1;
    }
    int rc = 0;
    size_t dl = strlen(dir);
    bool slash = dl > 0 && dir[dl - 1] == '/';
    /* cppcheck-suppress readdirCalled ; readdir_r is deprecated: readdir
     * is safe on a stream no other thread reads */
    for (struct dirent *e; rc == 0 && (e = readdir(dh)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        size_t need = dl + strlen(e->d_name) + 2;
        char *path = kg_malloc(need);
        if (!path) {
            kg_diag_oom(d, "listing the inputs");
            rc = -1;
            break;
        }
        snprintf(path, need, "%s%s%s", dir, slash ? "" : "/", e->d_name);
        struct stat st;
        bool keep = false;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            rc = walk(path, l, bytes, d);
        } else if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
                   (has_ext(e->d_name, ".txt") || has_ext(e->d_name, ".md"))) {
            keep = true;
            *bytes += (uint64_t)st.st_size;
        }
        if (keep && l->n == l->cap) {
            size_t ncap = l->cap ? l->cap * 2 : 64;
            char **n = kg_realloc(l->v, ncap * sizeof *n);
            if (!n) {
                kg_diag_oom(d, "listing the inputs");
                rc = -1;
                keep = false;
            } else {
                l->v = n;
                l->cap = ncap;
            }
        }
        if (keep)
            l->v[l->n++] = path;
        else
            free(path);
    }
    closedir(dh);
    return rc;
}

int kg_corpus_add(kg_corpus *c, const char *arg, kg_diag *d)
{
    struct stat st;
    if (strcmp(arg, "-") == 0) {
        if (c->stdin_used) {
            kg_diag_error(d, NULL, 0, 0,
                          "'-' (standard input) is given more than once");
            return -1;
        }
        c->stdin_used = true;
        if (fstat(0, &st) == 0 && S_ISREG(st.st_mode))
            c->bytes += (uint64_t)st.st_size;
        return push(c, arg, true, d);
    }
    if (stat(arg, &st) < 0) {
        kg_diag_error(d, arg, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        c->bytes += (uint64_t)st.st_size;
        return push(c, arg, has_ext(arg, ".jsonl"), d);
    }
    pathlist l = {0};
    uint64_t bytes = 0;
    int rc = walk(arg, &l, &bytes, d);
    if (rc == 0 && l.n > 1)
        qsort(l.v, l.n, sizeof *l.v, cmp_path);
    for (size_t i = 0; rc == 0 && i < l.n; i++)
        rc = push(c, l.v[i], false, d);
    if (rc == 0) {
        c->bytes += bytes;
        if (l.n == 0)
            kg_diag_warning(d, arg, 0, 0, "no *.txt or *.md files in the "
                                          "directory");
    }
    for (size_t i = 0; i < l.n; i++)
        free(l.v[i]);
    free(l.v);
    return rc;
}

/* --- tasks ----------------------------------------------------------------- */

void kg_corpus_task_release(kg_corpus_task *t)
{
    free(t->name);
    free(t->data);
    free(t->error);
    memset(t, 0, sizeof *t);
}

static char *printf_dup(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *printf_dup(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? kg_malloc((size_t)n + 1) : NULL;
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

/* The next line of c->stream into c->line (without its newline): 1, 0 at
 * the end, -1 on a read error (errno), -2 when memory ran out. */
static int read_line(kg_corpus *c)
{
    kg_buf_clear(&c->line);
    char chunk[4096];
    size_t n = 0;
    bool any = false;
    int ch;
    while ((ch = getc_unlocked(c->stream)) != EOF) {
        any = true;
        if (ch == '\n')
            break;
        chunk[n++] = (char)ch;
        if (n == sizeof chunk) {
            if (kg_buf_append(&c->line, chunk, n) < 0)
                return -2;
            n = 0;
        }
    }
    if (n && kg_buf_append(&c->line, chunk, n) < 0)
        return -2;
    if (ch == EOF && ferror(c->stream))
        return -1;
    return any ? 1 : 0;
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

static void end_stream(kg_corpus *c)
{
    if (c->stream && c->stream != stdin)
        fclose(c->stream);
    c->stream = NULL;
    c->next_input++;
}

/* The stream opened here is kept in c->stream until end_stream closes it;
 * gcc 12's analyzer loses a FILE stored into a struct and calls it a leak
 * (the same limit as its malloc-leak check, off in tools/lint.sh). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-file-leak"
#endif
int kg_corpus_next(kg_corpus *c, kg_corpus_task *t)
{
    memset(t, 0, sizeof *t);
    for (;;) {
        if (c->next_input >= c->ninputs)
            return 0;
        const kg_corpus_input *in = &c->inputs[c->next_input];
        const char *source = strcmp(in->path, "-") == 0 ? "stdin" : in->path;
        if (!in->jsonl) {
            t->name = kg_strdup(in->path);
            if (!t->name)
                return -1;
            struct stat st;
            if (stat(in->path, &st) == 0)
                t->bytes = (uint64_t)st.st_size;
            t->index = c->next_task++;
            c->next_input++;
            return 1;
        }
        if (!c->stream) {
            c->stream = strcmp(in->path, "-") == 0 ? stdin
                                                   : fopen(in->path, "r");
            c->lineno = 0;
            if (!c->stream) {
                t->error = printf_dup("%s: error: cannot open: %s", source,
                                      strerror(errno));
                t->name = kg_strdup(source);
                c->next_input++;
                if (!t->error || !t->name) {
                    kg_corpus_task_release(t);
                    return -1;
                }
                t->index = c->next_task++;
                return 1;
            }
        }
        int rc = read_line(c);
        if (rc == -2)
            return -1;
        if (rc == -1) {
            t->error = printf_dup("%s:%lu: error: cannot read: %s", source,
                                  c->lineno + 1, strerror(errno));
            t->name = kg_strdup(source);
            end_stream(c);
            if (!t->error || !t->name) {
                kg_corpus_task_release(t);
                return -1;
            }
            t->index = c->next_task++;
            return 1;
        }
        if (rc == 0) {
            end_stream(c);
            continue;
        }
        c->lineno++;
        if (blank(c->line.data, c->line.len))
            continue;
        t->record = true;
        t->source = source;
        t->line = c->lineno;
        t->len = c->line.len;
        t->bytes = c->line.len + 1;
        t->name = printf_dup("%s:%lu", source, c->lineno);
        t->data = kg_malloc(c->line.len + 1);
        if (!t->name || !t->data) {
            kg_corpus_task_release(t);
            return -1;
        }
        memcpy(t->data, c->line.data, c->line.len);
        t->data[c->line.len] = '\0';
        t->index = c->next_task++;
        return 1;
    }
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

int kg_corpus_read(const kg_corpus_task *t, kg_article *a, kg_diag *d)
{
    if (t->error) {
        kg_diag_error(d, NULL, 0, 0, "%s", t->error);
        return -1;
    }
    if (!t->record)
        return kg_article_read(a, t->name, d);
    kg_arena arena;
    kg_arena_init(&arena);
    kg_jsonl_record r;
    int rc = kg_jsonl_parse(t->data, t->len, &arena, &r, t->source,
                            t->line, d);
    if (rc > 0)
        rc = kg_jsonl_article(&r, a, t->name, d);
    kg_arena_release(&arena);
    return rc < 0 ? -1 : 0;
}

/* --- the pool ---------------------------------------------------------------- */

typedef struct slot {
    kg_corpus_task task;
    void *result;
    bool ready;
} slot;

typedef struct pool {
    kg_corpus *c;
    const kg_corpus_pool *opt;
    kg_corpus_work_fn work;
    void *ctx;
    pthread_mutex_t mu;   /* everything below but the input */
    pthread_mutex_t read_mu; /* the input: reading may block (a pipe), and
                             the calling thread must not wait for it */
    pthread_cond_t ready; /* a slot was filled, or the input ended */
    pthread_cond_t space; /* the window moved, or the run stops */
    slot *ring;
    size_t window;
    size_t reserved;      /* tasks taken or being read */
    size_t consumed;      /* tasks done() has seen */
    bool eof, stop, oom;
} pool;

typedef struct worker_arg {
    pool *p;
    int id;
} worker_arg;

static void *worker(void *arg)
{
    worker_arg *wa = arg;
    pool *p = wa->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && !p->eof && p->reserved >= p->consumed + p->window)
            pthread_cond_wait(&p->space, &p->mu);
        if (p->stop || p->eof)
            break;
        /* a place in the window, then the next task: its index is below
         * reserved, so its slot is free */
        p->reserved++;
        pthread_mutex_unlock(&p->mu);
        kg_corpus_task t;
        pthread_mutex_lock(&p->read_mu);
        int rc = kg_corpus_next(p->c, &t);
        pthread_mutex_unlock(&p->read_mu);
        if (rc > 0 && p->opt->after_read)
            p->opt->after_read(p->ctx, &t);
        pthread_mutex_lock(&p->mu);
        if (rc <= 0) {
            p->reserved--;
            p->eof = true;
            p->oom |= rc < 0;
            pthread_cond_broadcast(&p->ready);
            pthread_cond_broadcast(&p->space);
            break;
        }
        pthread_mutex_unlock(&p->mu);
        void *r = p->work(p->ctx, &t, wa->id);
        pthread_mutex_lock(&p->mu);
        slot *s = &p->ring[t.index % p->window];
        s->task = t;
        s->result = r;
        s->ready = true;
        pthread_cond_broadcast(&p->ready);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool interrupted(const kg_corpus_pool *o)
{
    return o->interrupt && *o->interrupt;
}

/* Everything on the calling thread, one task at a time. */
static int run_inline(kg_corpus *c, const kg_corpus_pool *o,
                      kg_corpus_work_fn work, kg_corpus_done_fn done,
                      void *ctx, kg_diag *d)
{
    double last = now();
    for (;;) {
        if (interrupted(o))
            return 2;
        kg_corpus_task t;
        int rc = kg_corpus_next(c, &t);
        if (rc < 0) {
            kg_diag_oom(d, "reading the inputs");
            return -1;
        }
        if (rc == 0)
            return 0;
        void *r = work(ctx, &t, 0);
        rc = done(ctx, &t, r);
        kg_corpus_task_release(&t);
        if (rc < 0)
            return 1;
        if (o->tick && now() - last >= 0.1) {
            o->tick(ctx);
            last = now();
        }
    }
}

int kg_corpus_run(kg_corpus *c, const kg_corpus_pool *o,
                  kg_corpus_work_fn work, kg_corpus_done_fn done, void *ctx,
                  kg_diag *d)
{
    int nthreads = o->threads;
    if (nthreads <= 1)
        return run_inline(c, o, work, done, ctx, d);
    pool *p = kg_calloc(1, sizeof *p);
    size_t window = o->window ? o->window : 4 * (size_t)nthreads;
    if (window < (size_t)nthreads)
        window = (size_t)nthreads;
    slot *ring = kg_calloc(window, sizeof *ring);
    pthread_t *tid = kg_calloc((size_t)nthreads, sizeof *tid);
    worker_arg *args = kg_calloc((size_t)nthreads, sizeof *args);
    if (!p || !ring || !tid || !args) {
        free(p);
        free(ring);
        free(tid);
        free(args);
        kg_diag_oom(d, "starting the workers");
        return -1;
    }
    p->c = c;
    p->opt = o;
    p->work = work;
    p->ctx = ctx;
    p->ring = ring;
    p->window = window;
    pthread_mutex_init(&p->mu, NULL);
    pthread_mutex_init(&p->read_mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&p->ready, &ca);
    pthread_cond_init(&p->space, &ca);
    pthread_condattr_destroy(&ca);

    /* the termination signals go to the calling thread, not to workers */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigaddset(&block, SIGQUIT);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    int started = 0, err = 0;
    for (; started < nthreads; started++) {
        args[started].p = p;
        args[started].id = started;
        err = pthread_create(&tid[started], NULL, worker, &args[started]);
        if (err != 0)
            break;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);

    int rc = 0;
    if (started == 0) {
        kg_diag_error(d, NULL, 0, 0, "cannot start worker threads: %s",
                      strerror(err));
        rc = -1;
    }
    double last = now();
    pthread_mutex_lock(&p->mu);
    while (rc == 0) {
        slot *s = &p->ring[p->consumed % p->window];
        /* Done when the input has ended and every reserved task has
         * been seen.  Not when every task handed in has: a worker that
         * read the last task hands it in after releasing the input, and
         * another may find the input's end first (that lost the last
         * article, or its error, now and then on a busy machine) */
        while (!s->ready && !(p->eof && p->consumed == p->reserved) &&
               !interrupted(o)) {
            struct timespec until;
            clock_gettime(CLOCK_MONOTONIC, &until);
            until.tv_nsec += 100 * 1000 * 1000;
            if (until.tv_nsec >= 1000 * 1000 * 1000) {
                until.tv_sec++;
                until.tv_nsec -= 1000 * 1000 * 1000;
            }
            pthread_cond_timedwait(&p->ready, &p->mu, &until);
            if (o->tick && now() - last >= 0.1) {
                pthread_mutex_unlock(&p->mu);
                o->tick(ctx);
                last = now();
                pthread_mutex_lock(&p->mu);
            }
        }
        if (interrupted(o)) {
            rc = 2;
            break;
        }
        if (!s->ready)
            break; /* every task taken has been done */
        kg_corpus_task t = s->task;
        void *r = s->result;
        s->ready = false;
        pthread_mutex_unlock(&p->mu);
        int drc = done(ctx, &t, r);
        kg_corpus_task_release(&t);
        if (o->tick && now() - last >= 0.1) {
            o->tick(ctx);
            last = now();
        }
        pthread_mutex_lock(&p->mu);
        p->consumed++;
        pthread_cond_broadcast(&p->space);
        if (drc < 0)
            rc = 1;
    }
    if (p->oom && rc == 0) {
        kg_diag_oom(d, "reading the inputs");
        rc = -1;
    }
    p->stop = true;
    pthread_cond_broadcast(&p->space);
    pthread_mutex_unlock(&p->mu);
    if (rc == 1 || rc == 2) {
        /* Stopped early: workers finish the article they hold, but one
         * may be blocked reading a terminal or a pipe.  Wait two seconds
         * at most; then the pool is left running, and the corpus with
         * it (kg_corpus_release will not free what a worker may use). */
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 2;
        int joined = 0;
        while (joined < started &&
               pthread_timedjoin_np(tid[joined], NULL, &until) == 0)
            joined++;
        if (joined < started) {
            c->abandoned = true;
            return rc;
        }
        started = 0;
    }
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    /* results the run stopped before */
    for (size_t i = 0; i < p->window; i++)
        if (p->ring[i].ready) {
            if (o->discard)
                o->discard(ctx, p->ring[i].result);
            kg_corpus_task_release(&p->ring[i].task);
        }
    pthread_cond_destroy(&p->ready);
    pthread_cond_destroy(&p->space);
    pthread_mutex_destroy(&p->mu);
    pthread_mutex_destroy(&p->read_mu);
    free(ring);
    free(tid);
    free(args);
    free(p);
    return rc;
}
