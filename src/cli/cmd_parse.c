/* cmd_parse.c - kgraph parse: tokenize, tag, lemmatize and parse text,
 * writing CoNLL-U. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/io.h"
#include "cli/cli.h"
#include "cli/nlp_cli.h"
#include "nlp/conllu.h"
#include "nlp/nlp.h"

static void usage(FILE *out)
{
    fputs("Usage: kgraph parse [OPTION]... FILE...\n"
          "Annotate each FILE and write CoNLL-U (10 columns, with '# sent_id' and\n"
          "'# text'): UPOS, XPOS, lemma, head and relation for every word.\n"
          "FILE is plain text (paragraphs separated by blank lines; '-' = stdin)\n"
          "or, with --conllu, a CoNLL-U file whose words are kept as they are.\n"
          "\n"
          "  -o, --output=FILE    write here instead of standard output\n"
          "  -m, --models=PREFIX  models PREFIX.tagger.bin and PREFIX.parser.bin\n"
          "                       (default: the shipped models/en-ewt.*)\n"
          "  -c, --conllu         input is CoNLL-U (gold tokenization)\n"
          "      --tag-only       only tag (no lemmas, no parse); for benchmarks\n"
          "      --stats          print words, time (wall and CPU), words/s,\n"
          "                       model load time and peak memory on standard\n"
          "                       error\n"
          "  -h, --help           show this help\n",
          out);
}

typedef struct stats {
    size_t words, sentences;
    double secs;
    double cpu; /* the thread's CPU time: on a busy machine, wall time
                   also counts the time other processes had the core */
} stats;

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int annotate(const kg_nlp *m, kg_article *a, int tag_only, stats *st,
                    kg_diag *d)
{
    double t0 = kg_cli_seconds(), c0 = cpu_seconds();
    int rc = tag_only ? kg_nlp_tag(m, a, d) : kg_nlp_annotate(m, a, d);
    st->secs += kg_cli_seconds() - t0;
    st->cpu += cpu_seconds() - c0;
    st->words += a->ntokens;
    st->sentences += a->nsentences;
    return rc;
}

static int do_conllu(const kg_nlp *m, const char *path, int tag_only, kg_buf *out,
                     stats *st, kg_diag *d)
{
    kg_conllu c;
    kg_conllu_init(&c);
    int rc = -1;
    if (kg_conllu_read(&c, path, d) < 0)
        goto out;
    /* one article per document keeps "# newdoc" boundaries */
    size_t s = 0;
    while (s < c.nsents) {
        size_t e = s + 1;
        while (e < c.nsents && !c.sents[e].newdoc)
            e++;
        kg_article a;
        memset(&a, 0, sizeof a);
        kg_arena_init(&a.arena);
        char id[64];
        snprintf(id, sizeof id, "doc%zu", s + 1);
        int ok = kg_conllu_to_article(&c, s, e - s, &a, d) == 0 &&
                 annotate(m, &a, tag_only, st, d) == 0;
        if (ok && kg_conllu_write_article(out, &a, id) < 0) {
            kg_diag_oom(d, "writing CoNLL-U");
            ok = 0;
        }
        kg_arena_release(&a.arena);
        if (!ok)
            goto out;
        s = e;
    }
    rc = 0;
out:
    kg_conllu_release(&c);
    return rc;
}

#include "article/token.h"


static int do_text(const kg_nlp *m, const char *path, int tag_only, kg_buf *out,
                   stats *st, kg_diag *d)
{
    kg_buf in;
    kg_buf_init(&in);
    if (kg_io_read_file(path, &in, d) < 0)
        return -1;
    kg_article a;
    kg_article_init(&a);
    char stem[256];
    kg_io_stem(path, stem, sizeof stem);
    if (strcmp(path, "-") == 0)
        snprintf(stem, sizeof stem, "stdin");
    int rc = -1;
    if (kg_article_parse_plain(&a, path, in.data ? in.data : "", in.len, d) < 0 ||
        kg_tokenize(&a, d) < 0 || annotate(m, &a, tag_only, st, d) < 0)
        goto out;
    if (kg_conllu_write_article(out, &a, stem) < 0) {
        kg_diag_oom(d, "writing CoNLL-U");
        goto out;
    }
    rc = 0;
out:
    kg_article_release(&a);
    kg_buf_release(&in);
    return rc;
}

int kg_cmd_parse(int argc, char **argv)
{
    enum { OPT_TAG_ONLY = 256, OPT_STATS };
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"models", required_argument, NULL, 'm'},
        {"conllu", no_argument, NULL, 'c'},
        {"tag-only", no_argument, NULL, OPT_TAG_ONLY},
        {"stats", no_argument, NULL, OPT_STATS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *output = "-", *models = NULL;
    int conllu = 0, tag_only = 0, show_stats = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:m:ch", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case 'm':
            models = optarg;
            break;
        case 'c':
            conllu = 1;
            break;
        case OPT_TAG_ONLY:
            tag_only = 1;
            break;
        case OPT_STATS:
            show_stats = 1;
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        default:
            return kg_cli_option_error(argv[0], c, argv);
        }
    }
    if (optind >= argc)
        return kg_cli_usage_error(argv[0], "no input FILE");
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_buf out;
    kg_buf_init(&out);
    stats st = {0, 0, 0, 0};
    int rc = KG_EXIT_INPUT;
    kg_nlp *m = kg_cli_load_nlp(models, &d);
    if (!m)
        goto done;
    for (int i = optind; i < argc; i++) {
        int r;
        if (conllu)
            r = do_conllu(m, argv[i], tag_only, &out, &st, &d);
        else
            r = do_text(m, argv[i], tag_only, &out, &st, &d);
        if (r < 0)
            goto done;
    }
    if (kg_io_write_atomic(output, out.data ? out.data : "", out.len, &d) < 0)
        goto done;
    if (show_stats)
        fprintf(stderr,
                "words %zu\nsentences %zu\nseconds %.3f\nwords/s %.0f\n"
                "cpu seconds %.3f\nwords/s cpu %.0f\n"
                "model load seconds %.3f\npeak RSS kB %ld\n",
                st.words, st.sentences, st.secs,
                st.secs > 0 ? (double)st.words / st.secs : 0.0, st.cpu,
                st.cpu > 0 ? (double)st.words / st.cpu : 0.0, m->load_seconds,
                kg_cli_peak_rss_kb());
    rc = KG_EXIT_OK;
done:
    if (rc != KG_EXIT_OK)
        kg_diag_print(&d, stderr);
    kg_nlp_free(m);
    kg_buf_release(&out);
    return rc;
}
