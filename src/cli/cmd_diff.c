/*
 * cmd_diff.c - `kgraph diff OLD NEW`: what the new version of an article
 * claims that the old did not, and what it dropped.
 *
 * Each side is an article (extracted here with the ontology) or a graph
 * file kgraph wrote (.ttl .nt .nq .trig).  An article's graph is written
 * as Turtle and read back with the same reader as a file, so both sides
 * always go through one path and a graph file diffs equal to the article
 * it came from.  (Turtle, not N-Triples: raptor 2.0.15's N-Triples term
 * parser leaks a reference to each typed literal's datatype; see
 * tests/lsan.supp.)  Exit status like diff(1): 0 same, 1 different,
 * 2 trouble.
 */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/io.h"
#include "cli/cli.h"
#include "cli/nlp_cli.h"
#include "diff/diff.h"
#include "diff/graphread.h"
#include "extract/pipeline.h"
#include "graph/graph.h"
#include "write/dot.h"
#include "write/rdf.h"

enum { EXIT_SAME = 0, EXIT_DIFFER = 1, EXIT_TROUBLE = 2 };
enum fmt { F_TEXT, F_PATCH, F_TTL, F_TRIG, F_DOT, F_SVG };

static void usage(FILE *out)
{
    fputs(
        "Usage: kgraph diff [OPTIONS] OLD NEW\n"
        "\n"
        "Compare two versions of an article as facts, not bytes: what the new\n"
        "version claims that the old did not, what it dropped, and what it now\n"
        "says differently (denied, attributed to someone else, \"might\").\n"
        "OLD and NEW are articles (extracted with the ontology) or graph files\n"
        "that kgraph wrote (.ttl .nt .nq .trig).\n"
        "\n"
        "Options:\n"
        "  -f, --format FMT     text (default): a unified diff for people;\n"
        "                       patch: RDF Patch (A/D lines) turning the old\n"
        "                         graph without provenance into the new one;\n"
        "                       ttl: the changes as reified statements (Turtle);\n"
        "                       trig: added and removed triples as two named\n"
        "                         graphs;\n"
        "                       dot, svg: one picture, unchanged grey, added\n"
        "                         green, removed red and dashed, changed orange\n"
        "      --stat           counts only: facts per relation, entities per\n"
        "                       class\n"
        "      --with-provenance  -f patch: cover every statement of the graphs,\n"
        "                       evidence included (compare files written the\n"
        "                       same way; articles are read as Turtle with\n"
        "                       reified evidence)\n"
        "  -v, --verbose        text: every supporting sentence, with its\n"
        "                       position, rule and stance; entity IRIs\n"
        "      --color WHEN     auto (default: on a terminal, unless NO_COLOR\n"
        "                       is set), always or never\n"
        "  -o, --output FILE    write there (atomically) instead of standard\n"
        "                       output\n"
        "  -O, --ontology FILE  ontology for articles and for reading graphs\n"
        "                       (default: schema/news.yaml from kgraph's data)\n"
        "      --models PATH    tagger and parser models (as for extract)\n"
        "      --base IRI       base for minted IRIs (as for extract)\n"
        "      --layout ENGINE  Graphviz layout for dot/svg (default dot)\n"
        "  -q, --quiet          no warnings\n"
        "  -h, --help           show this help and exit\n"
        "\n"
        "Exit status: 0 the graphs hold the same facts, 1 they differ,\n"
        "2 trouble (a missing or unreadable input, a usage error).\n",
        out);
}

static int parse_format(const char *s)
{
    static const char *const names[] = {"text", "patch", "ttl",
                                        "trig", "dot",   "svg"};
    for (int i = 0; i < 6; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    if (strcmp(s, "turtle") == 0)
        return F_TTL;
    if (strcmp(s, "rdfpatch") == 0)
        return F_PATCH;
    return -1;
}

typedef struct side {
    const char *path;
    kg_graph g;
    kg_ntset plain;
    bool have_graph;
} side;

/* An article: extract it, write the graph as Turtle with its provenance,
 * read that back. */
static int load_article(side *s, kg_pipeline *p, const char *base,
                        kg_diag *d)
{
    kg_graph x;
    if (kg_graph_init(&x, p->ont, base, d) < 0)
        return -1;
    kg_buf nt;
    kg_buf_init(&nt);
    int rc = -1;
    if (kg_pipeline_extract(p, s->path, &x, d) >= 0 &&
        kg_graph_finalize(&x, d) == 0) {
        kg_rdf_options o;
        kg_rdf_options_init(&o);
        o.format = KG_RDF_TURTLE;
        o.provenance = KG_PROV_MODE_REIFY;
        if (kg_rdf_write(&x, &o, &nt, d) == 0)
            rc = kg_graphread(s->path, nt.data ? nt.data : "", nt.len,
                              KG_RDF_TURTLE, &s->g, &s->plain, d);
    }
    kg_buf_release(&nt);
    kg_graph_release(&x);
    return rc;
}

static bool is_graph_file(const char *path)
{
    return strcmp(path, "-") != 0 && kg_rdf_format_from_path(path) >= 0;
}

static const char *article_id(const kg_graph_article *a)
{
    return a->meta.id ? a->meta.id : a->iri;
}

/* An article of x that y lacks, or NULL. */
static const kg_graph_article *only_in(const kg_graph *x, const kg_graph *y)
{
    for (size_t i = 0; i < x->narticles; i++) {
        bool found = false;
        for (size_t k = 0; k < y->narticles && !found; k++)
            found = strcmp(x->articles[i].iri, y->articles[k].iri) == 0;
        if (!found)
            return &x->articles[i];
    }
    return NULL;
}

static void warn_articles(const kg_graph *a, const kg_graph *b, kg_diag *d)
{
    if (a->narticles == 1 && b->narticles == 1) {
        kg_diag_warning(d, NULL, 0, 0,
                        "comparing different articles ('%s' and '%s')",
                        article_id(&a->articles[0]), article_id(&b->articles[0]));
        return;
    }
    const kg_graph_article *x = only_in(a, b), *y = only_in(b, a);
    const kg_graph_article *e = x ? x : y;
    char ex[512] = "";
    if (e)
        snprintf(ex, sizeof ex, "; e.g. '%s' only in the %s", article_id(e),
                 x ? "old" : "new");
    kg_diag_warning(d, NULL, 0, 0,
                    "comparing different sets of articles (%zu and %zu)%s",
                    a->narticles, b->narticles, ex);
}

static bool same_articles(const kg_graph *a, const kg_graph *b)
{
    if (a->narticles != b->narticles)
        return false;
    for (size_t i = 0; i < a->narticles; i++) {
        bool found = false;
        for (size_t k = 0; k < b->narticles && !found; k++)
            found = strcmp(a->articles[i].iri, b->articles[k].iri) == 0;
        if (!found)
            return false;
    }
    return true;
}

static int render_picture(const kg_diff *df, const side *sa, const side *sb,
                          bool svg, const char *layout, const char *base,
                          kg_buf *out, kg_diag *d)
{
    kg_graph u;
    if (kg_graph_init(&u, df->b->ont, base, d) < 0)
        return -1;
    unsigned char *ns = NULL, *es = NULL;
    const char **nn = NULL, **en = NULL;
    int rc = kg_diff_union(df, &u, &ns, &es, &nn, &en, d);
    if (rc == 0) {
        kg_buf sub;
        kg_buf_init(&sub);
        const kg_graph *ga = df->a, *gb = df->b;
        const char *va = ga->narticles == 1 ? ga->articles[0].meta.version : NULL;
        const char *vb = gb->narticles == 1 ? gb->articles[0].meta.version : NULL;
        int e = kg_buf_printf(&sub, "old: %s%s%s%s \xe2\x86\x92 new: %s%s%s%s",
                              sa->path, va ? " (version " : "", va ? va : "",
                              va ? ")" : "", sb->path,
                              vb ? " (version " : "", vb ? vb : "",
                              vb ? ")" : "");
        kg_dot_options o;
        kg_dot_options_init(&o);
        o.format = svg ? KG_DOT_SVG : KG_DOT_DOT;
        o.layout = layout;
        o.node_status = ns;
        o.edge_status = es;
        o.node_note = nn;
        o.edge_note = en;
        o.subtitle = e == 0 ? sub.data : NULL;
        const char *title = gb->narticles == 1 ? gb->articles[0].meta.title
                                               : NULL;
        if (!title && ga->narticles == 1)
            title = ga->articles[0].meta.title;
        kg_buf t;
        kg_buf_init(&t);
        if (kg_buf_printf(&t, "What changed: %s", title ? title : "the graph") == 0)
            o.title = t.data;
        rc = kg_dot_write(&u, &o, out, d);
        kg_buf_release(&t);
        kg_buf_release(&sub);
    }
    kg_graph_release(&u);
    return rc;
}

int kg_cmd_diff(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"ontology", required_argument, NULL, 'O'},
        {"stat", no_argument, NULL, 'S'},
        {"with-provenance", no_argument, NULL, 'P'},
        {"verbose", no_argument, NULL, 'v'},
        {"color", required_argument, NULL, 'C'},
        {"colour", required_argument, NULL, 'C'},
        {"models", required_argument, NULL, 'M'},
        {"base", required_argument, NULL, 'B'},
        {"layout", required_argument, NULL, 'L'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = "-", *ontology = NULL, *models = NULL, *base = NULL,
               *layout = NULL;
    int format = F_TEXT, color = -1; /* -1 auto */
    bool stat = false, verbose = false, quiet = false, with_prov = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:o:O:vqh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            format = parse_format(optarg);
            if (format < 0)
                return kg_cli_usage_error("diff",
                                          "unknown format '%s' (expected text, "
                                          "patch, ttl, trig, dot or svg)",
                                          optarg);
            break;
        case 'o':
            output = optarg;
            break;
        case 'O':
            ontology = optarg;
            break;
        case 'S':
            stat = true;
            break;
        case 'P':
            with_prov = true;
            break;
        case 'v':
            verbose = true;
            break;
        case 'C':
            if (strcmp(optarg, "always") == 0)
                color = 1;
            else if (strcmp(optarg, "never") == 0)
                color = 0;
            else if (strcmp(optarg, "auto") == 0)
                color = -1;
            else
                return kg_cli_usage_error("diff",
                                          "unknown --color '%s' (expected "
                                          "auto, always or never)",
                                          optarg);
            break;
        case 'M':
            models = optarg;
            break;
        case 'B':
            base = optarg;
            break;
        case 'L':
            if (!kg_dot_layout_known(optarg))
                return kg_cli_usage_error("diff",
                                          "unknown layout '%s' (expected dot, "
                                          "neato, fdp, sfdp, circo or twopi)",
                                          optarg);
            layout = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        default: /* ':' or '?' */
            return kg_cli_option_error("diff", c, argv);
        }
    }
    if (argc - optind != 2)
        return kg_cli_usage_error("diff", "expected two inputs, OLD and NEW "
                                          "(got %d)",
                                  argc - optind);
    if (with_prov && format != F_PATCH)
        return kg_cli_usage_error("diff", "--with-provenance is for -f patch");
    if (stat && format != F_TEXT)
        return kg_cli_usage_error("diff", "--stat prints counts as text; it "
                                          "does not combine with -f");
    if (color < 0) {
        const char *nc = getenv("NO_COLOR");
        const char *term = getenv("TERM");
        color = strcmp(output, "-") == 0 && isatty(STDOUT_FILENO) &&
                !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
    }

    side sides[2];
    memset(sides, 0, sizeof sides);
    sides[0].path = argv[optind];
    sides[1].path = argv[optind + 1];
    bool need_nlp = !is_graph_file(sides[0].path) ||
                    !is_graph_file(sides[1].path);
    char ontpath[PATH_MAX];
    ontology = kg_cli_ontology("diff", ontology, ontpath, sizeof ontpath);
    if (!ontology)
        return EXIT_TROUBLE;

    kg_diag d;
    kg_diag_init(&d, quiet ? NULL : stderr);
    int rc = EXIT_TROUBLE;
    kg_nlp *nlp = NULL;
    kg_pipeline p = {0}; /* set only when a side is an article */
    bool have_pipeline = false;
    kg_ontology *ont = NULL;
    kg_diff df;
    bool have_diff = false;
    kg_buf out;
    kg_buf_init(&out);
    for (int i = 0; i < 2; i++) {
        kg_ntset_init(&sides[i].plain);
        sides[i].plain.with_provenance = with_prov;
    }

    if (need_nlp) {
        nlp = kg_cli_load_nlp(models, &d);
        if (!nlp || kg_pipeline_init(&p, ontology, nlp, &d) < 0)
            goto done;
        have_pipeline = true;
    } else if (!(ont = kg_ontology_load(ontology, &d))) {
        goto done;
    }
    const kg_ontology *o = have_pipeline ? p.ont : ont;
    for (int i = 0; i < 2; i++) {
        side *s = &sides[i];
        if (kg_graph_init(&s->g, o, base, &d) < 0)
            goto done;
        s->have_graph = true;
        int r = is_graph_file(s->path)
                    ? kg_graphread_file(s->path, -1, &s->g, &s->plain, &d)
                    : load_article(s, &p, base, &d);
        if (r < 0)
            goto done;
    }
    if (sides[0].g.narticles && sides[1].g.narticles &&
        !same_articles(&sides[0].g, &sides[1].g))
        warn_articles(&sides[0].g, &sides[1].g, &d);
    if (kg_diff_compute(&df, &sides[0].g, &sides[1].g, &d) < 0)
        goto done;
    have_diff = true;
    kg_diff_text_options to = {sides[0].path, sides[1].path, verbose,
                               color > 0};
    int w;
    if (stat)
        w = kg_diff_write_stat(&df, &to, &out, &d);
    else if (format == F_TEXT)
        w = kg_diff_write_text(&df, &to, &out, &d);
    else if (format == F_PATCH)
        w = kg_diff_write_patch(&df, &sides[0].plain, &sides[1].plain, &out,
                                &d);
    else if (format == F_TTL || format == F_TRIG)
        w = kg_diff_write_changeset(
            &df, format == F_TTL ? KG_RDF_TURTLE : KG_RDF_TRIG, &out, &d);
    else
        w = render_picture(&df, &sides[0], &sides[1], format == F_SVG, layout,
                           base, &out, &d);
    if (w < 0)
        goto done;
    if ((out.len || strcmp(output, "-") != 0) &&
        kg_io_write_atomic(output, out.data ? out.data : "", out.len, &d) < 0)
        goto done;
    rc = kg_diff_differ(&df) ? EXIT_DIFFER : EXIT_SAME;
done:
    if (rc == EXIT_TROUBLE)
        kg_diag_print(&d, stderr);
    if (have_diff)
        kg_diff_release(&df);
    for (int i = 0; i < 2; i++) {
        if (sides[i].have_graph)
            kg_graph_release(&sides[i].g);
        kg_ntset_release(&sides[i].plain);
    }
    kg_buf_release(&out);
    if (have_pipeline)
        kg_pipeline_release(&p);
    kg_nlp_free(nlp);
    if (ont)
        kg_ontology_free(ont);
    return rc;
}
