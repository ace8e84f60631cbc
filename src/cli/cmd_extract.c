/*
 * cmd_extract.c - `kgraph extract`: the main job.
 *
 * All articles are read and extracted before anything is written, and each
 * output is rendered completely in memory and then written atomically: a
 * bad article anywhere means exit 1 and no output at all.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/io.h"
#include "cli/cli.h"
#include "cli/nlp_cli.h"
#include "extract/pipeline.h"
#include "graph/graph.h"
#include "write/dot.h"
#include "write/rdf.h"

enum fmt { FMT_TTL, FMT_NT, FMT_NQ, FMT_TRIG, FMT_DOT, FMT_SVG, NFMT };
static const char *const fmt_names[NFMT] = {"ttl", "nt",  "nq",
                                            "trig", "dot", "svg"};

/* What the user asked for besides formats; passed to the writers. */
typedef struct render_opts {
    int provenance; /* enum kg_rdf_provenance */
    const char *layout;
    bool isolated;
} render_opts;

static void usage(FILE *out)
{
    fputs(
        "Usage: kgraph extract [OPTIONS] ARTICLE...\n"
        "\n"
        "Build a knowledge graph from news articles (UTF-8 text, optional YAML\n"
        "front matter; \"-\" reads standard input).\n"
        "\n"
        "Options:\n"
        "  -O, --ontology FILE  ontology to use: a file, or the name of a shipped\n"
        "                       one ('korea' finds schema/korea.yaml); default:\n"
        "                       schema/news.yaml from kgraph's data directory\n"
        "  -o, --output PATH    where to write:\n"
        "                         a directory: <article>.ttl, .dot and .svg for\n"
        "                         each article (or the formats given by -f);\n"
        "                         a PATH ending in / is created if missing;\n"
        "                         a file: one graph of all the articles, in the\n"
        "                         format of its extension (.ttl .nt .nq .trig\n"
        "                         .dot .gv .svg)\n"
        "                         unless -f says otherwise;\n"
        "                         - : standard output (the default)\n"
        "  -f, --format FMT     ttl (Turtle), nt (N-Triples), nq (N-Quads), trig,\n"
        "                       dot or svg; repeat or separate with commas for\n"
        "                       several (directory output only).\n"
        "                       Default: ttl to standard output\n"
        "  -p, --provenance MODE\n"
        "                       how each triple's evidence is recorded:\n"
        "                         reify   an rdf:Statement per sentence (the\n"
        "                                 default for ttl and nt)\n"
        "                         graphs  a named graph per sentence (the\n"
        "                                 default for nq and trig)\n"
        "                         none    facts, entities and articles only\n"
        "      --layout ENGINE  Graphviz layout for dot/svg: dot (default),\n"
        "                       neato, fdp, sfdp, circo or twopi\n"
        "      --all-entities   also draw entities that have no relation\n"
        "      --base IRI       base for the IRIs kgraph mints for entities,\n"
        "                       statements and articles (default: the\n"
        "                       ontology's base, else " KG_GRAPH_DEFAULT_BASE ")\n"
        "      --models PATH    tagger and parser models: a directory holding\n"
        "                       en-ewt.tagger.bin and en-ewt.parser.bin, or a\n"
        "                       prefix PATH.tagger.bin/.parser.bin (default:\n"
        "                       the shipped models in kgraph's data directory)\n"
        "      --strict         keep only relations the ontology defines (by\n"
        "                       default other verbs become open relations,\n"
        "                       labelled with the verb and its preposition)\n"
        "      --explain        print to standard error every candidate triple\n"
        "                       that was made, dropped or rewritten, with the\n"
        "                       rule that decided (file:line:col: [rule] ...)\n"
        "  -q, --quiet          do not print warnings\n"
        "  -h, --help           show this help and exit\n"
        "\n"
        "Exit status: 0 success, 1 bad input (nothing is written), 2 usage.\n",
        out);
}

static int parse_formats(const char *arg, bool *want)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", arg);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        int found = -1;
        for (int i = 0; i < NFMT; i++)
            if (strcmp(tok, fmt_names[i]) == 0)
                found = i;
        if (found < 0) {
            switch (kg_rdf_format_parse(tok)) { /* long names: "turtle" */
            case KG_RDF_TURTLE: found = FMT_TTL; break;
            case KG_RDF_NTRIPLES: found = FMT_NT; break;
            case KG_RDF_NQUADS: found = FMT_NQ; break;
            case KG_RDF_TRIG: found = FMT_TRIG; break;
            default: break;
            }
        }
        if (found < 0)
            return kg_cli_usage_error("extract",
                                      "unknown format '%s' (expected ttl, "
                                      "nt, nq, trig, dot or svg)",
                                      tok);
        want[found] = true;
    }
    return 0;
}

static int format_from_ext(const char *path)
{
    const char *ext = kg_io_ext(path);
    switch (kg_rdf_format_from_path(path)) {
    case KG_RDF_TURTLE: return FMT_TTL;
    case KG_RDF_NTRIPLES: return FMT_NT;
    case KG_RDF_NQUADS: return FMT_NQ;
    case KG_RDF_TRIG: return FMT_TRIG;
    default: break;
    }
    if (strcmp(ext, ".dot") == 0 || strcmp(ext, ".gv") == 0)
        return FMT_DOT;
    if (strcmp(ext, ".svg") == 0)
        return FMT_SVG;
    return -1;
}

static int render(kg_graph *g, int fmt, const render_opts *ro, kg_buf *out,
                  kg_diag *d)
{
    static const int rdf_of[NFMT] = {KG_RDF_TURTLE, KG_RDF_NTRIPLES,
                                     KG_RDF_NQUADS, KG_RDF_TRIG, -1, -1};
    if (kg_graph_finalize(g, d) < 0)
        return -1;
    if (rdf_of[fmt] >= 0) {
        kg_rdf_options o;
        kg_rdf_options_init(&o);
        o.format = rdf_of[fmt];
        o.provenance = ro->provenance;
        return kg_rdf_write(g, &o, out, d);
    }
    kg_dot_options o;
    kg_dot_options_init(&o);
    o.format = fmt == FMT_DOT ? KG_DOT_DOT : KG_DOT_SVG;
    o.layout = ro->layout;
    o.isolated = ro->isolated;
    return kg_dot_write(g, &o, out, d);
}

/* One pending output: rendered first, written only when all are ready. */
typedef struct pending {
    char *path;
    kg_buf data;
} pending;

typedef struct outputs {
    pending *v;
    size_t n, cap;
} outputs;

static pending *outputs_add(outputs *o, const char *path)
{
    if (o->n == o->cap) {
        size_t ncap = o->cap ? o->cap * 2 : 8;
        pending *nv = kg_realloc(o->v, ncap * sizeof *nv);
        if (!nv)
            return NULL;
        o->v = nv;
        o->cap = ncap;
    }
    pending *p = &o->v[o->n];
    p->path = kg_strdup(path);
    if (!p->path)
        return NULL;
    kg_buf_init(&p->data);
    o->n++;
    return p;
}

static void outputs_release(outputs *o)
{
    for (size_t i = 0; i < o->n; i++) {
        free(o->v[i].path);
        kg_buf_release(&o->v[i].data);
    }
    free(o->v);
}

static bool looks_like_dir(const char *path)
{
    size_t n = strlen(path);
    return kg_io_is_dir(path) || (n > 0 && path[n - 1] == '/');
}

int kg_cmd_extract(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"ontology", required_argument, NULL, 'O'},
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"base", required_argument, NULL, 'B'},
        {"provenance", required_argument, NULL, 'p'},
        {"layout", required_argument, NULL, 'L'},
        {"all-entities", no_argument, NULL, 'A'},
        {"models", required_argument, NULL, 'M'},
        {"strict", no_argument, NULL, 'S'},
        {"explain", no_argument, NULL, 'E'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *ontology = NULL, *output = "-", *base = NULL, *models = NULL;
    bool want[NFMT] = {false}, any_format = false, quiet = false;
    bool strict = false, explain = false;
    render_opts ro = {KG_PROV_MODE_DEFAULT, NULL, false};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":O:o:f:p:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'O':
            ontology = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'f':
            if (parse_formats(optarg, want) != 0)
                return KG_EXIT_USAGE;
            any_format = true;
            break;
        case 'B':
            base = optarg;
            break;
        case 'p':
            ro.provenance = kg_rdf_provenance_parse(optarg);
            if (ro.provenance < 0)
                return kg_cli_usage_error("extract",
                                          "unknown provenance mode '%s' "
                                          "(expected reify, graphs or none)",
                                          optarg);
            break;
        case 'L':
            if (!kg_dot_layout_known(optarg))
                return kg_cli_usage_error("extract",
                                          "unknown layout '%s' (expected dot, "
                                          "neato, fdp, sfdp, circo or twopi)",
                                          optarg);
            ro.layout = optarg;
            break;
        case 'A':
            ro.isolated = true;
            break;
        case 'M':
            models = optarg;
            break;
        case 'S':
            strict = true;
            break;
        case 'E':
            explain = true;
            break;
        case 'q':
            quiet = true;
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        default: /* ':' or '?' */
            return kg_cli_option_error("extract", c, argv);
        }
    }
    if (optind >= argc)
        return kg_cli_usage_error("extract", "no article given");

    bool to_dir = strcmp(output, "-") != 0 && looks_like_dir(output);
    int single = -1; /* the one format of a file or stdout output */
    if (!to_dir) {
        int n = 0;
        for (int i = 0; i < NFMT; i++)
            if (want[i]) {
                single = i;
                n++;
            }
        if (n > 1)
            return kg_cli_usage_error(
                "extract", "several formats need a directory for -o");
        if (n == 0) {
            single = strcmp(output, "-") == 0 ? FMT_TTL : format_from_ext(output);
            if (single < 0)
                return kg_cli_usage_error(
                    "extract",
                    "cannot tell the format of '%s' from its extension "
                    "(.ttl .nt .nq .trig .dot .gv .svg); use -f",
                    output);
        }
    } else if (!any_format) {
        want[FMT_TTL] = want[FMT_DOT] = want[FMT_SVG] = true;
    }
    if (ro.provenance == KG_PROV_MODE_GRAPHS &&
        (want[FMT_TTL] || want[FMT_NT] || single == FMT_TTL || single == FMT_NT))
        return kg_cli_usage_error("extract",
                                  "'--provenance graphs' needs named graphs: "
                                  "use -f nq or -f trig");

    char ontpath[PATH_MAX];
    ontology = kg_cli_ontology("extract", ontology, ontpath, sizeof ontpath);
    if (!ontology)
        return KG_EXIT_INPUT;

    kg_diag d;
    kg_diag_init(&d, quiet ? NULL : stderr);
    kg_nlp *nlp = kg_cli_load_nlp(models, &d);
    if (!nlp) {
        kg_diag_print(&d, stderr);
        return KG_EXIT_INPUT;
    }
    kg_pipeline p;
    if (kg_pipeline_init(&p, ontology, nlp, &d) < 0) {
        kg_diag_print(&d, stderr);
        kg_nlp_free(nlp);
        return KG_EXIT_INPUT;
    }
    p.relate.strict = strict;
    p.relate.explain = explain ? stderr : NULL;

    outputs outs = {0};
    int rc = KG_EXIT_OK;
    kg_graph merged;
    bool have_merged = false;
    if (!to_dir) {
        if (kg_graph_init(&merged, p.ont, base, &d) < 0)
            goto fail;
        have_merged = true;
    }
    for (int i = optind; i < argc; i++) {
        if (to_dir) {
            kg_graph g;
            if (kg_graph_init(&g, p.ont, base, &d) < 0)
                goto fail;
            int ok = kg_pipeline_extract(&p, argv[i], &g, &d) >= 0;
            char stem[256];
            kg_io_stem(strcmp(argv[i], "-") == 0 ? "stdin" : argv[i], stem,
                       sizeof stem);
            for (int f = 0; ok && f < NFMT; f++) {
                if (!want[f])
                    continue;
                char path[PATH_MAX];
                size_t ol = strlen(output);
                snprintf(path, sizeof path, "%s%s%s.%s", output,
                         ol && output[ol - 1] == '/' ? "" : "/", stem,
                         fmt_names[f]);
                pending *pd = outputs_add(&outs, path);
                if (!pd) {
                    kg_diag_oom(&d, "preparing outputs");
                    ok = 0;
                } else if (render(&g, f, &ro, &pd->data, &d) < 0) {
                    ok = 0;
                }
            }
            kg_graph_release(&g);
            if (!ok)
                goto fail;
        } else if (kg_pipeline_extract(&p, argv[i], &merged, &d) < 0) {
            goto fail;
        }
    }
    if (!to_dir) {
        pending *pd = outputs_add(&outs, output);
        if (!pd) {
            kg_diag_oom(&d, "preparing outputs");
            goto fail;
        }
        if (render(&merged, single, &ro, &pd->data, &d) < 0)
            goto fail;
    }
    /* Two articles with the same stem would overwrite each other. */
    for (size_t i = 0; i < outs.n; i++)
        for (size_t j = i + 1; j < outs.n; j++)
            if (strcmp(outs.v[i].path, outs.v[j].path) == 0 &&
                strcmp(outs.v[i].path, "-") != 0) {
                kg_diag_error(&d, NULL, 0, 0,
                              "two articles would both be written to '%s'",
                              outs.v[i].path);
                goto fail;
            }
    /* Created only now, so a bad article leaves no empty directory. */
    if (to_dir && !kg_io_is_dir(output) && mkdir(output, 0777) < 0) {
        kg_diag_error(&d, output, 0, 0, "cannot create directory: %s",
                      strerror(errno));
        goto fail;
    }
    /* every file in full beside its target first; then all renamed, so a
     * failure writing any one leaves none of them */
    {
        kg_io_staged *st = kg_calloc(outs.n ? outs.n : 1, sizeof *st);
        if (!st) {
            kg_diag_oom(&d, "writing outputs");
            goto fail;
        }
        size_t n = 0;
        for (; n < outs.n; n++)
            if (kg_io_stage(&st[n], outs.v[n].path, outs.v[n].data.data,
                            outs.v[n].data.len, &d) < 0)
                break;
        int ok = n == outs.n;
        if (ok) {
            ok = kg_io_commit_all(st, n, &d) == 0;
        } else {
            for (size_t i = 0; i < n; i++)
                kg_io_discard(&st[i]);
        }
        free(st);
        if (!ok)
            goto fail;
    }
    goto done;
fail:
    kg_diag_print(&d, stderr);
    rc = KG_EXIT_INPUT;
done:
    if (have_merged)
        kg_graph_release(&merged);
    outputs_release(&outs);
    kg_pipeline_release(&p);
    kg_nlp_free(nlp);
    return rc;
}
