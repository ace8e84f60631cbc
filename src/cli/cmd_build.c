/*
 * cmd_build.c - `kgraph build`: a knowledge graph of a whole corpus.
 *
 * Articles are extracted on worker threads, each into its own graph (its
 * own arena); the calling thread takes the results in input order and
 * either writes each article's N-Quads at once (--stream) or merges its
 * statements into one set written at the end.  Whatever -j is, the same
 * statements are seen in the same order: the bytes are the same.
 *
 * Identity across articles is decided when IRIs are minted, from one
 * article alone (kg_graph.scoped; see corpus/resolver.h), so the merged
 * graph is the union of the articles' graphs and the streamed output of
 * any split of the corpus, loaded into one store, is the same graph.
 *
 * Signals: SIGINT, SIGTERM and SIGHUP set a flag; the run stops between
 * articles, removes the temporary files it made and dies of the same
 * signal.  Nothing is written to -o before every article is done.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "article/token.h"
#include "base/io.h"
#include "cli/cli.h"
#include "cli/nlp_cli.h"
#include "corpus/corpus.h"
#include "corpus/resolver.h"
#include "extract/pipeline.h"
#include "graph/graph.h"
#include "write/rdf.h"

static void usage(FILE *out)
{
    fputs(
        "Usage: kgraph build [OPTIONS] INPUT...\n"
        "\n"
        "Build one knowledge graph from a corpus of news articles.  An INPUT is\n"
        "an article file, a directory (its *.txt and *.md files, recursively,\n"
        "in path order), a *.jsonl file or '-' (JSON Lines on standard input:\n"
        "one {\"id\",\"title\",\"text\",\"url\",\"published\",\"modified\",\"version\"}\n"
        "record a line).  The same entity in several articles is one node: by\n"
        "ontology id, else by normalised name (a concept never merges with a\n"
        "name); a one-word person name such as \"Kim\" merges only within its\n"
        "article.\n"
        "\n"
        "Options:\n"
        "  -o, --output FILE    the merged graph, in the format of its extension\n"
        "                       (.ttl .nt .nq .trig) unless -f says otherwise;\n"
        "                       written when every article is done, under a\n"
        "                       temporary name renamed into place; - : standard\n"
        "                       output (the default)\n"
        "  -f, --format FMT     ttl (default), nt, nq or trig; with nq and trig\n"
        "                       each article's statements are in the named graph\n"
        "                       of the article\n"
        "      --stream         write each article's N-Quads (its own named\n"
        "                       graph) to standard output as soon as it is done,\n"
        "                       in input order, with bounded memory; the\n"
        "                       concatenation is one valid N-Quads file\n"
        "  -j, --jobs N         worker threads (default: the number of cores);\n"
        "                       the output is the same for every N\n"
        "  -p, --provenance MODE\n"
        "                       reify (an rdf:Statement per sentence, the\n"
        "                       default) or none\n"
        "      --merge-log FILE list every entity an article shares with an\n"
        "                       earlier one, its forms in both and why they are\n"
        "                       one (tab-separated), and one-word names kept apart\n"
        "      --fail-fast      stop at the first bad article (nothing is written\n"
        "                       to -o); by default a bad article is reported and\n"
        "                       skipped, and the exit status is 1\n"
        "      --stats          print the time each stage took (CPU seconds\n"
        "                       summed over the threads); tags every sentence\n"
        "                       twice to time the tagger on its own\n"
        "  -O, --ontology FILE  ontology (default: schema/news.yaml)\n"
        "      --models PATH    tagger and parser models (as for extract)\n"
        "      --base IRI       base for the IRIs kgraph mints\n"
        "      --strict         keep only relations the ontology defines\n"
        "  -q, --quiet          no progress line, warnings or summary\n"
        "  -h, --help           show this help and exit\n"
        "\n"
        "On a terminal, a progress line is redrawn on standard error; at the\n"
        "end a summary gives articles, sentences, entities, triples, errors,\n"
        "time and MB/s.\n"
        "\n"
        "Exit status: 0 success, 1 some input was bad (each is reported with its\n"
        "name; the others are in the output), 2 usage.  Interrupted (SIGINT,\n"
        "SIGTERM, SIGHUP): no output file, temporary files removed.\n"
        "\n"
        "Examples:\n"
        "  kgraph build -o news.nq ../shared/data/news/\n"
        "  kgraph build --stream - < articles.jsonl | kgraph load --store s.db -f nquads -\n"
        "  ls corpus/*.txt | parallel -X kgraph build -q --stream > all.nq\n",
        out);
}

/* --- signals --------------------------------------------------------------- */

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocked write returns EINTR */
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        /* a signal ignored by whoever started us (nohup, a background
         * job of a script) stays ignored */
        struct sigaction old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

/* Die of the signal that stopped the run (the shell then sees 128+N). */
static void die_of_signal(void)
{
    int sig = got_signal;
    fputs("\nkgraph build: interrupted\n", stderr);
    signal(sig, SIG_DFL);
    raise(sig);
    /* cppcheck-suppress unreachableCode ; raise() returns when the signal
     * is blocked (a caller's mask): the status still says which one */
    _exit(128 + sig);
}

/* --- timing ------------------------------------------------------------------ */

enum {
    ST_READ,    /* read the file or record, find sentences and tokens */
    ST_TAG,     /* --stats only: the tagger on its own */
    ST_PARSE,   /* tagger, lemmatizer and parser; minus ST_TAG */
    ST_EXTRACT, /* mentions, coreference, clauses, relations, finalize */
    ST_WRITE,   /* describe as statements; N-Quads (stream) */
    ST_MERGE,   /* calling thread: merge, resolve, stream out */
    NSTAGES
};
static const char *const stage_names[NSTAGES] = {
    "read+tokenize", "tag", "parse", "extract+resolve", "write", "merge"};

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- one article ------------------------------------------------------------ */

typedef struct build {
    /* settings */
    kg_pipeline p;
    const char *base;
    kg_rdf_options ro;   /* per-article statements */
    bool stream, fail_fast, quiet, stats, progress;
    /* merged output */
    kg_rdf_set *all;
    kg_resolver *res;
    kg_buf log;          /* merge log lines of one article */
    FILE *logf;          /* the merge log, or NULL */
    kg_diag d;           /* the calling thread's errors */
    /* counts, in input order */
    size_t articles, failed, sentences, tokens, statements;
    uint64_t bytes;
    double stage[NSTAGES];
    uint64_t total_bytes;
    size_t total_articles;
    double start, last_draw;
    bool write_failed;
} build;

typedef struct result {
    kg_graph g;
    bool have_graph;
    kg_rdf_set *set;     /* merged mode: the article's statements */
    kg_buf nq;           /* stream mode: its N-Quads */
    size_t statements;
    bool failed;
    char *error;         /* formatted, as kg_diag_print would; NULL when
                            even that ran out of memory */
    char *warnings;      /* what the article's diagnostics printed */
    size_t sentences, tokens;
    double stage[NSTAGES];
} result;

static void result_free(result *r)
{
    if (!r)
        return;
    kg_rdf_set_free(r->set);
    if (r->have_graph)
        kg_graph_release(&r->g);
    kg_buf_release(&r->nq);
    free(r->error);
    free(r->warnings);
    free(r);
}

static char *diag_text(const kg_diag *d)
{
    kg_buf b;
    kg_buf_init(&b);
    int err = kg_buf_printf(&b, "%s\n", d->first);
    if (d->nerrors > 1)
        err |= kg_buf_printf(&b, "kgraph: %u more error%s not shown\n",
                             d->nerrors - 1, d->nerrors - 1 == 1 ? "" : "s");
    if (err) {
        kg_buf_release(&b);
        return NULL;
    }
    return kg_buf_detach(&b, NULL);
}

static void *work(void *ctx, const kg_corpus_task *t, int worker)
{
    (void)worker;
    build *b = ctx;
    result *r = kg_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    kg_buf_init(&r->nq);
    /* warnings are kept with the article and printed in input order */
    char *wtext = NULL;
    size_t wlen = 0;
    FILE *wout = b->quiet ? NULL : open_memstream(&wtext, &wlen);
    kg_diag d;
    kg_diag_init(&d, wout);
    kg_article a;
    kg_article_init(&a);
    double t0 = cpu_now(), t1;
    int ok = kg_corpus_read(t, &a, &d) == 0 && kg_tokenize(&a, &d) == 0;
    t1 = cpu_now();
    r->stage[ST_READ] = t1 - t0;
    t0 = t1;
    if (ok && b->p.nlp) {
        double tag = 0;
        if (b->stats) {
            ok = kg_nlp_tag(b->p.nlp, &a, &d) == 0;
            t1 = cpu_now();
            tag = t1 - t0;
            t0 = t1;
        }
        ok = ok && kg_nlp_annotate(b->p.nlp, &a, &d) == 0;
        t1 = cpu_now();
        r->stage[ST_TAG] = tag;
        r->stage[ST_PARSE] = t1 - t0 > tag ? t1 - t0 - tag : 0;
        t0 = t1;
    }
    if (ok) {
        r->sentences = a.nsentences;
        r->tokens = a.ntokens;
        ok = kg_graph_init(&r->g, b->p.ont, b->base, &d) == 0;
        r->have_graph = true; /* released even after a failed init */
        if (ok) {
            r->g.scoped = true;
            ok = kg_pipeline_relate(&b->p, &a, &r->g, &d) >= 0 &&
                 kg_graph_finalize(&r->g, &d) == 0;
        }
    }
    kg_article_release(&a);
    t1 = cpu_now();
    r->stage[ST_EXTRACT] = t1 - t0;
    t0 = t1;
    if (ok) {
        r->set = kg_rdf_set_new(b->p.ont, b->base, false, &d);
        ok = r->set && kg_rdf_set_add_graph(r->set, &r->g, &b->ro) == 0;
        if (ok)
            r->statements = kg_rdf_set_count(r->set);
        if (ok && b->stream) {
            ok = kg_rdf_set_write(r->set, KG_RDF_NQUADS, &r->nq) == 0;
            kg_rdf_set_free(r->set);
            r->set = NULL;
        }
    }
    r->stage[ST_WRITE] = cpu_now() - t0;
    if (!ok) {
        if (!d.nerrors)
            kg_diag_oom(&d, "building the graph");
        r->failed = true;
        r->error = diag_text(&d);
    }
    if (wout) {
        fclose(wout);
        if (wlen)
            r->warnings = wtext;
        else
            free(wtext);
    }
    return r;
}

static void discard(void *ctx, void *res)
{
    (void)ctx;
    result_free(res);
}

static void draw_progress(build *b, bool final)
{
    double el = wall_now() - b->start;
    double mb = (double)b->bytes / 1e6;
    double rate = el > 0 ? mb / el : 0;
    fprintf(stderr, "\r\033[Kkgraph build: %zu", b->articles + b->failed);
    if (b->total_articles && b->total_bytes && b->total_articles >= b->articles + b->failed)
        fprintf(stderr, "/%zu", b->total_articles);
    fprintf(stderr, " articles, %.2f MB, %.2f MB/s", mb, rate);
    if (!final && b->total_bytes > b->bytes && rate > 0) {
        double eta = ((double)(b->total_bytes - b->bytes) / 1e6) / rate;
        fprintf(stderr, ", ETA %d:%02d", (int)eta / 60, (int)eta % 60);
    }
    fflush(stderr);
    b->last_draw = wall_now();
}

static void tick(void *ctx)
{
    build *b = ctx;
    if (b->progress && wall_now() - b->last_draw >= 0.25)
        draw_progress(b, false);
}

/* Progress, warnings and errors share stderr: the line is cleared first. */
static void clear_progress(build *b)
{
    if (b->progress)
        fputs("\r\033[K", stderr);
}

/* The whole of an article's N-Quads, or an error: a signal arriving in
 * the middle does not cut it (the run stops after it). */
static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int done(void *ctx, const kg_corpus_task *t, void *res)
{
    build *b = ctx;
    result *r = res;
    double t0 = cpu_now();
    b->bytes += t->bytes;
    if (r && r->warnings) {
        clear_progress(b);
        fputs(r->warnings, stderr);
    }
    char *error = NULL;
    kg_diag d;
    kg_diag_init(&d, NULL);
    if (!r) {
        kg_diag_oom(&d, "building the graph");
    } else if (r->failed) {
        error = r->error;
        r->error = NULL;
        if (!error)
            kg_diag_oom(&d, "reporting an error");
    } else {
        /* fails on a duplicate id: the article is refused */
        kg_resolver_add(b->res, &r->g, t->name, b->logf ? &b->log : NULL, &d);
    }
    if (!error && d.nerrors)
        error = diag_text(&d);
    if (!r || error || d.nerrors) {
        clear_progress(b);
        fputs(error ? error : "kgraph: error: out of memory\n", stderr);
        free(error);
        result_free(r);
        b->failed++;
        b->stage[ST_MERGE] += cpu_now() - t0;
        return b->fail_fast ? -1 : 0;
    }
    for (int i = 0; i < NSTAGES; i++)
        b->stage[i] += r->stage[i];
    b->articles++;
    b->sentences += r->sentences;
    b->tokens += r->tokens;
    int rc = 0;
    if (b->logf && b->log.len) {
        if (fwrite(b->log.data, 1, b->log.len, b->logf) != b->log.len)
            b->write_failed = true;
    }
    kg_buf_clear(&b->log);
    if (b->stream) {
        b->statements += r->statements;
        if (write_all(STDOUT_FILENO, r->nq.data, r->nq.len) < 0) {
            b->write_failed = true;
            rc = -1;
        }
    } else if (kg_rdf_set_merge(b->all, r->set) < 0) {
        rc = -1; /* b->d has the error */
    }
    result_free(r);
    b->stage[ST_MERGE] += cpu_now() - t0;
    return rc;
}

/* --- the merge log ------------------------------------------------------------ */

typedef struct logfile {
    const char *path;
    char *tmp; /* temporary name renamed to path at the end, or NULL */
    FILE *f;
} logfile;

static int log_open(logfile *l, const char *path, kg_diag *d)
{
    memset(l, 0, sizeof *l);
    l->path = path;
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        l->f = fopen(path, "w"); /* a device or a pipe: in place */
    } else {
        size_t n = strlen(path) + 16;
        l->tmp = kg_malloc(n);
        if (!l->tmp) {
            kg_diag_oom(d, "opening the merge log");
            return -1;
        }
        snprintf(l->tmp, n, "%s.tmp.XXXXXX", path);
        int fd = mkstemp(l->tmp);
        l->f = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (fd >= 0 && !l->f)
            close(fd);
        if (!l->f) {
            free(l->tmp);
            l->tmp = NULL;
        }
    }
    if (!l->f) {
        kg_diag_error(d, path, 0, 0, "cannot write the merge log: %s",
                      strerror(errno));
        return -1;
    }
    return 0;
}

/* Remove the temporary file (a failed or interrupted run). */
static void log_discard(logfile *l)
{
    if (l->f)
        fclose(l->f);
    if (l->tmp)
        unlink(l->tmp);
    free(l->tmp);
    memset(l, 0, sizeof *l);
}

static int log_commit(logfile *l, kg_diag *d)
{
    int rc = 0;
    if (fflush(l->f) != 0 || (l->tmp && fsync(fileno(l->f)) != 0))
        rc = -1;
    if (fclose(l->f) != 0)
        rc = -1;
    l->f = NULL;
    if (rc == 0 && l->tmp) {
        /* mkstemp made it 0600; a log is as readable as any output */
        mode_t um = umask(0);
        umask(um);
        chmod(l->tmp, 0666 & ~um);
        if (rename(l->tmp, l->path) != 0)
            rc = -1;
    }
    if (rc < 0) {
        kg_diag_error(d, l->path, 0, 0, "cannot write the merge log: %s",
                      strerror(errno));
        if (l->tmp)
            unlink(l->tmp);
    }
    free(l->tmp);
    l->tmp = NULL;
    return rc;
}

/* --- the command ---------------------------------------------------------------- */

static void print_stats(const build *b, int threads, double wall)
{
    double total = 0;
    for (int i = 0; i < NSTAGES; i++)
        total += b->stage[i];
    fprintf(stderr,
            "kgraph build: stages, CPU seconds (summed over %d worker "
            "thread%s; merge: the calling thread):\n",
            threads, threads == 1 ? "" : "s");
    for (int i = 0; i < NSTAGES; i++)
        fprintf(stderr, "  stage %-16s %8.3f s %5.1f%%\n", stage_names[i],
                b->stage[i], total > 0 ? 100 * b->stage[i] / total : 0.0);
    fprintf(stderr,
            "  total %.3f s CPU, %.3f s wall, %zu tokens, %.0f tokens/s, "
            "%.3f MB/s\n",
            total, wall, b->tokens, wall > 0 ? (double)b->tokens / wall : 0.0,
            wall > 0 ? (double)b->bytes / 1e6 / wall : 0.0);
}

int kg_cmd_build(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"stream", no_argument, NULL, 'S'},
        {"jobs", required_argument, NULL, 'j'},
        {"provenance", required_argument, NULL, 'p'},
        {"merge-log", required_argument, NULL, 'L'},
        {"fail-fast", no_argument, NULL, 'F'},
        {"stats", no_argument, NULL, 'T'},
        {"ontology", required_argument, NULL, 'O'},
        {"models", required_argument, NULL, 'M'},
        {"base", required_argument, NULL, 'B'},
        {"strict", no_argument, NULL, 'X'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = "-", *ontology = NULL, *models = NULL;
    const char *merge_log = NULL, *base = NULL;
    int format = -1, provenance = KG_PROV_MODE_REIFY;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    bool stream = false, fail_fast = false, stats = false, quiet = false;
    bool strict = false, output_given = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:f:j:p:O:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            output_given = true;
            break;
        case 'f':
            format = kg_rdf_format_parse(optarg);
            if (format < 0)
                return kg_cli_usage_error("build",
                                          "unknown format '%s' (expected ttl, "
                                          "nt, nq or trig)",
                                          optarg);
            break;
        case 'S':
            stream = true;
            break;
        case 'j': {
            char *end;
            errno = 0;
            jobs = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || jobs < 1 || jobs > 1024)
                return kg_cli_usage_error("build",
                                          "-j needs a number of threads from "
                                          "1 to 1024, not '%s'",
                                          optarg);
            break;
        }
        case 'p':
            provenance = kg_rdf_provenance_parse(optarg);
            if (provenance == KG_PROV_MODE_DEFAULT)
                provenance = KG_PROV_MODE_REIFY;
            if (provenance != KG_PROV_MODE_REIFY &&
                provenance != KG_PROV_MODE_NONE)
                return kg_cli_usage_error(
                    "build",
                    "unknown provenance mode '%s' (expected reify or none; "
                    "named graphs hold articles)",
                    optarg);
            break;
        case 'L':
            merge_log = optarg;
            break;
        case 'F':
            fail_fast = true;
            break;
        case 'T':
            stats = true;
            break;
        case 'O':
            ontology = optarg;
            break;
        case 'M':
            models = optarg;
            break;
        case 'B':
            base = optarg;
            break;
        case 'X':
            strict = true;
            break;
        case 'q':
            quiet = true;
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        default: /* ':' or '?' */
            return kg_cli_option_error("build", c, argv);
        }
    }
    if (optind >= argc)
        return kg_cli_usage_error("build", "no input given");
    if (jobs < 1)
        jobs = 1;
    if (stream) {
        if (output_given && strcmp(output, "-") != 0)
            return kg_cli_usage_error("build",
                                      "--stream writes to standard output; "
                                      "leave out -o");
        if (format >= 0 && format != KG_RDF_NQUADS)
            return kg_cli_usage_error("build", "--stream writes N-Quads");
        format = KG_RDF_NQUADS;
    } else if (format < 0) {
        format = strcmp(output, "-") == 0 ? KG_RDF_TURTLE
                                          : kg_rdf_format_from_path(output);
        if (format < 0)
            return kg_cli_usage_error(
                "build",
                "cannot tell the format of '%s' from its extension (.ttl "
                ".nt .nq .trig); use -f",
                output);
    }
    if (!stream && strcmp(output, "-") != 0 && kg_io_is_dir(output))
        return kg_cli_usage_error("build",
                                  "'%s' is a directory; -o takes a file",
                                  output);

    char ontpath[PATH_MAX];
    ontology = kg_cli_ontology("build", ontology, ontpath, sizeof ontpath);
    if (!ontology)
        return KG_EXIT_INPUT;

    build b;
    memset(&b, 0, sizeof b);
    b.start = wall_now();
    b.stream = stream;
    b.fail_fast = fail_fast;
    b.quiet = quiet;
    b.stats = stats;
    b.base = base;
    b.progress = !quiet && isatty(STDERR_FILENO);
    kg_buf_init(&b.log);
    kg_diag_init(&b.d, quiet ? NULL : stderr);
    kg_rdf_options_init(&b.ro);
    b.ro.format = format;
    b.ro.provenance = provenance;
    b.ro.article_graphs = true;
    catch_signals();

    kg_nlp *nlp = kg_cli_load_nlp(models, &b.d);
    if (!nlp) {
        kg_diag_print(&b.d, stderr);
        return KG_EXIT_INPUT;
    }
    if (kg_pipeline_init(&b.p, ontology, nlp, &b.d) < 0) {
        kg_diag_print(&b.d, stderr);
        kg_nlp_free(nlp);
        return KG_EXIT_INPUT;
    }
    b.p.relate.strict = strict;

    int rc = KG_EXIT_OK;
    logfile lf = {0};
    kg_corpus corpus;
    kg_corpus_init(&corpus);
    kg_buf out;
    kg_buf_init(&out);
    kg_io_staged staged = {0};
    bool have_staged = false;
    for (int i = optind; i < argc; i++) {
        kg_diag d;
        kg_diag_init(&d, quiet ? NULL : stderr);
        if (kg_corpus_add(&corpus, argv[i], &d) < 0) {
            /* a missing input is a bad input like any other */
            kg_diag_print(&d, stderr);
            b.failed++;
            if (fail_fast)
                goto fail;
        }
    }
    b.total_bytes = corpus.bytes;
    b.total_articles = corpus.stdin_used ? 0 : corpus.narticles;
    for (size_t i = 0; i < corpus.ninputs; i++)
        if (corpus.inputs[i].jsonl)
            b.total_articles = 0; /* records are counted as they come */
    b.res = kg_resolver_new(&b.d);
    if (!b.res)
        goto fail;
    if (!stream && !(b.all = kg_rdf_set_new(b.p.ont, base, true, &b.d)))
        goto fail;
    if (merge_log) {
        if (log_open(&lf, merge_log, &b.d) < 0)
            goto fail;
        b.logf = lf.f;
        if (fputs(KG_RESOLVER_LOG_HEADER, lf.f) < 0)
            b.write_failed = true;
    }

    if (jobs > 1 && nlp) {
        /* The tagger fills a static table on first use (src/nlp/tagger.c,
         * pad()); one sentence tagged here, before the workers start,
         * keeps them from racing to fill it. */
        kg_article warm;
        kg_article_init(&warm);
        kg_diag wd;
        kg_diag_init(&wd, NULL);
        if (kg_article_parse(&warm, "warm-up", "Warm up.\n", 9, &wd) == 0 &&
            kg_tokenize(&warm, &wd) == 0)
            kg_nlp_annotate(nlp, &warm, &wd);
        kg_article_release(&warm);
    }
    kg_corpus_pool pool = {
        .threads = (int)jobs,
        .window = 0,
        .discard = discard,
        .tick = tick,
        .interrupt = &got_signal,
    };
    int prc = kg_corpus_run(&corpus, &pool, work, done, &b, &b.d);
    if (prc == 2) {
        log_discard(&lf);
        die_of_signal();
    }
    if (b.progress)
        fputs("\r\033[K", stderr);
    if (prc < 0 || (prc == 1 && b.d.nerrors))
        goto fail;
    if (b.write_failed) {
        kg_diag_error(&b.d, stream ? "-" : merge_log, 0, 0, "cannot write: %s",
                      strerror(errno));
        goto fail;
    }
    if (prc == 1) { /* --fail-fast: nothing more is written */
        log_discard(&lf);
        rc = KG_EXIT_INPUT;
        goto done;
    }

    double t0 = cpu_now();
    if (!stream) {
        b.statements = kg_rdf_set_count(b.all);
        if (kg_rdf_set_write(b.all, format, &out) < 0)
            goto fail;
        kg_rdf_set_free(b.all);
        b.all = NULL;
        if (kg_io_stage(&staged, output, out.data ? out.data : "", out.len,
                        &b.d) < 0)
            goto fail;
        have_staged = true;
    }
    if (got_signal) {
        if (have_staged)
            kg_io_discard(&staged);
        log_discard(&lf);
        die_of_signal();
    }
    if (lf.f && log_commit(&lf, &b.d) < 0)
        goto fail;
    if (have_staged) {
        have_staged = false;
        if (kg_io_commit(&staged, &b.d) < 0)
            goto fail;
    }
    double output_cpu = cpu_now() - t0;
    double wall = wall_now() - b.start;
    if (b.failed)
        rc = KG_EXIT_INPUT;
    if (!quiet)
        fprintf(stderr,
                "kgraph build: %zu article%s, %zu sentences, %zu entities, "
                "%zu triples, %zu error%s in %.2f s (%.2f MB/s)\n",
                b.articles, b.articles == 1 ? "" : "s", b.sentences,
                kg_resolver_entities(b.res), b.statements, b.failed,
                b.failed == 1 ? "" : "s", wall,
                wall > 0 ? (double)b.bytes / 1e6 / wall : 0.0);
    else if (b.failed)
        fprintf(stderr, "kgraph build: %zu of %zu inputs failed\n", b.failed,
                b.failed + b.articles);
    if (stats) {
        print_stats(&b, (int)jobs, wall);
        fprintf(stderr, "  output (calling thread) %.3f s\n", output_cpu);
    }
    goto done;
fail:
    kg_diag_print(&b.d, stderr);
    if (have_staged)
        kg_io_discard(&staged);
    log_discard(&lf);
    rc = KG_EXIT_INPUT;
done:
    kg_buf_release(&out);
    kg_buf_release(&b.log);
    kg_rdf_set_free(b.all);
    kg_resolver_free(b.res);
    kg_corpus_release(&corpus);
    kg_pipeline_release(&b.p);
    kg_nlp_free(nlp);
    return rc;
}
