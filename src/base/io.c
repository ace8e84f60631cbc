#include "base/alloc.h"
#include "base/io.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int kg_io_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int read_fd(int fd, kg_buf *b)
{
    for (;;) {
        if (kg_buf_reserve(b, 65536) < 0)
            return -2;
        ssize_t n = read(fd, b->data + b->len, b->cap - b->len - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0)
            break;
        b->len += (size_t)n;
        b->data[b->len] = '\0';
    }
    return 0;
}

int kg_io_read_file(const char *path, kg_buf *b, kg_diag *d)
{
    kg_buf_clear(b);
    if (strcmp(path, "-") == 0) {
        int rc = read_fd(STDIN_FILENO, b);
        if (rc == -2) {
            kg_diag_oom(d, "reading standard input");
            return -1;
        }
        if (rc < 0) {
            kg_diag_error(d, "-", 0, 0, "cannot read standard input: %s",
                          strerror(errno));
            return -1;
        }
        return kg_buf_reserve(b, 0);
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        kg_diag_error(d, path, 0, 0, "cannot open file: %s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        kg_diag_error(d, path, 0, 0, "is a directory, not a file");
        return -1;
    }
    int rc = read_fd(fd, b);
    int err = errno;
    close(fd);
    if (rc == -2) {
        kg_diag_oom(d, "reading a file");
        return -1;
    }
    if (rc < 0) {
        kg_diag_error(d, path, 0, 0, "cannot read file: %s", strerror(err));
        return -1;
    }
    return kg_buf_reserve(b, 0);
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Write in place: standard output, a device or a pipe. */
static int write_in_place(const char *path, const void *data, size_t len,
                          kg_diag *d)
{
    if (strcmp(path, "-") == 0) {
        if (write_all(STDOUT_FILENO, data, len) < 0) {
            kg_diag_error(d, "-", 0, 0, "cannot write standard output: %s",
                          strerror(errno));
            return -1;
        }
        return 0;
    }
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write_all(fd, data, len) < 0) {
        int err = errno;
        if (fd >= 0)
            close(fd);
        kg_diag_error(d, path, 0, 0, "cannot write file: %s", strerror(err));
        return -1;
    }
    close(fd);
    return 0;
}

/* A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written in place:
 * renaming a temp file over it would replace the device. */
static int in_place(const char *path, kg_diag *d)
{
    if (strcmp(path, "-") == 0)
        return 1;
    struct stat st;
    if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
        return 0;
    if (S_ISDIR(st.st_mode)) {
        kg_diag_error(d, path, 0, 0, "is a directory, not a file");
        return -1;
    }
    return 1;
}

/* The temp files of staged outputs, for the signal handler.  The list is
 * changed only with the caught signals blocked, so the handler always sees
 * it whole; a kg_io_staged stays in place while it is listed. */
static kg_io_staged *volatile live;
static const int caught[] = {SIGINT, SIGTERM, SIGHUP};
#define NCAUGHT (sizeof caught / sizeof caught[0])

static void hold_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < NCAUGHT; i++)
        sigaddset(&set, caught[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void release_signals(const sigset_t *old)
{
    sigprocmask(SIG_SETMASK, old, NULL);
}

/* With the signals held. */
static void unlist(kg_io_staged *s)
{
    for (kg_io_staged *volatile *p = &live; *p; p = &(*p)->next)
        if (*p == s) {
            *p = s->next;
            break;
        }
    s->next = NULL;
}

static void on_signal(int sig)
{
    for (kg_io_staged *s = live; s; s = s->next)
        unlink(s->tmp);
    /* die of the signal itself once the handler returns */
    signal(sig, SIG_DFL);
    raise(sig);
}

void kg_io_catch_signals(void)
{
    for (size_t i = 0; i < NCAUGHT; i++) {
        struct sigaction sa, old;
        if (sigaction(caught[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigfillset(&sa.sa_mask);
        sigaction(caught[i], &sa, NULL);
    }
}

int kg_io_stage(kg_io_staged *s, const char *path, const void *data,
                size_t len, kg_diag *d)
{
    s->path = path;
    s->tmp = NULL;
    s->data = data;
    s->len = len;
    s->next = NULL;
    int ip = in_place(path, d);
    if (ip < 0)
        return -1;
    if (ip)
        return 0; /* written at commit time */
    size_t plen = strlen(path);
    char *tmp = kg_malloc(plen + 32);
    if (!tmp) {
        kg_diag_oom(d, "writing a file");
        return -1;
    }
    /* The temp file sits beside the target so rename() stays atomic. */
    snprintf(tmp, plen + 32, "%s.tmp-XXXXXX", path);
    sigset_t old;
    hold_signals(&old);
    int fd = mkstemp(tmp);
    int err = errno;
    if (fd >= 0) {
        s->tmp = tmp;
        s->next = live;
        live = s;
    }
    release_signals(&old);
    if (fd < 0) {
        kg_diag_error(d, path, 0, 0, "cannot create file: %s", strerror(err));
        free(tmp);
        return -1;
    }
    int ok = write_all(fd, data, len) == 0;
    err = errno;
    if (ok && fsync(fd) < 0 && errno != EINVAL && errno != EROFS) {
        ok = 0;
        err = errno;
    }
    if (close(fd) < 0 && ok) {
        ok = 0;
        err = errno;
    }
    /* mkstemp makes 0600; outputs are ordinary files. */
    mode_t mask = umask(0);
    umask(mask);
    if (ok)
        chmod(tmp, 0666 & ~mask);
    if (!ok) {
        kg_io_discard(s);
        kg_diag_error(d, path, 0, 0, "cannot write file: %s", strerror(err));
        return -1;
    }
    return 0;
}

int kg_io_commit(kg_io_staged *s, kg_diag *d)
{
    if (!s->tmp)
        return write_in_place(s->path, s->data, s->len, d);
    int rc = 0;
    sigset_t old;
    hold_signals(&old);
    if (rename(s->tmp, s->path) < 0) {
        kg_diag_error(d, s->path, 0, 0, "cannot write file: %s",
                      strerror(errno));
        unlink(s->tmp);
        rc = -1;
    }
    unlist(s);
    release_signals(&old);
    free(s->tmp);
    s->tmp = NULL;
    return rc;
}

void kg_io_discard(kg_io_staged *s)
{
    if (s->tmp) {
        sigset_t old;
        hold_signals(&old);
        unlink(s->tmp);
        unlist(s);
        release_signals(&old);
        free(s->tmp);
        s->tmp = NULL;
    }
}

int kg_io_commit_all(kg_io_staged *s, size_t n, kg_diag *d)
{
    /* In-place targets (standard output, a pipe) first, with signals
     * free: a full pipe must not make Ctrl-C wait.  Then the renames,
     * which a signal must not split. */
    int ok = 1;
    for (size_t i = 0; i < n && ok; i++)
        if (!s[i].tmp && kg_io_commit(&s[i], d) < 0)
            ok = 0;
    sigset_t old;
    hold_signals(&old);
    for (size_t i = 0; i < n; i++) {
        if (!s[i].tmp)
            continue;
        if (ok) {
            if (kg_io_commit(&s[i], d) < 0)
                ok = 0;
        } else {
            kg_io_discard(&s[i]);
        }
    }
    release_signals(&old);
    return ok ? 0 : -1;
}

int kg_io_write_atomic(const char *path, const void *data, size_t len,
                       kg_diag *d)
{
    kg_io_staged s;
    if (kg_io_stage(&s, path, data, len, d) < 0)
        return -1;
    return kg_io_commit(&s, d);
}

void kg_io_stem(const char *path, char *out, size_t cap)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (cap == 0)
        return;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, base, n);
    out[n] = '\0';
}

const char *kg_io_ext(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot : "";
}
