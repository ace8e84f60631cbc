/*
 * cmd_push.c - `kgraph push --endpoint URL GRAPH...`: send article graphs
 * to a SPARQL server with the Graph Store HTTP Protocol.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/diag.h"
#include "cli/cli.h"
#include "cli/nlp_cli.h"
#include "store/graphset.h"
#include "store/input.h"
#include "write/rdf.h"
#include "store/push.h"

static void usage(FILE *out)
{
    fprintf(out,
        "Usage: kgraph push --endpoint URL [OPTIONS] GRAPH-OR-ARTICLE...\n"
        "\n"
        "Send each input's graph to a SPARQL 1.1 Graph Store HTTP Protocol\n"
        "service with PUT URL?graph=IRI, which replaces that graph on the\n"
        "server: pushing an article again never doubles it.  The graph IRI\n"
        "is the subject typed schema:NewsArticle in the input, or else the\n"
        "file's file:// IRI; named graphs of N-Quads and TriG files are each\n"
        "sent under their own name.  Inputs are RDF graph files and news\n"
        "articles (.txt), which are extracted first, exactly as 'kgraph\n"
        "extract ARTICLE -f nt' would.  Stops at the first failure.\n"
        "\n"
        "Options:\n"
        "  -E, --endpoint URL       Graph Store service, e.g. for Virtuoso\n"
        "                           http://HOST:8890/sparql-graph-crud-auth\n"
        "  -g, --graph IRI          name the graph (one input only)\n"
        "  -f, --format FMT         turtle, ntriples, nquads, trig or article\n"
        "                           (default: by extension; .txt: article)\n"
        "  -O, --ontology FILE      ontology for articles (default:\n"
        "                           schema/news.yaml from kgraph's data)\n"
        "      --models PATH        tagger and parser models for articles\n"
        "                           (default: the shipped models)\n"
        "      --base IRI           base of the IRIs minted for articles\n"
        "  -p, --provenance MODE    for articles: reify (default), graphs or\n"
        "                           none\n"
        "      --timeout S          give up on one request after S seconds\n"
        "                           (default 600; 0: never)\n"
        "      --connect-timeout S  give up connecting after S seconds\n"
        "                           (default 10)\n"
        "  -q, --quiet              print nothing on success, no warnings\n"
        "  -h, --help               show this help and exit\n"
        "\n"
        "Credentials: KGRAPH_USER and KGRAPH_PASSWORD from the environment,\n"
        "or else the host's entry in ~/.netrc; never on the command line,\n"
        "and never printed.  HTTP digest and basic authentication; TLS\n"
        "certificates are always verified.\n"
        "\n"
        "Exit status: 0 success, 1 bad input or a failed request, 2 usage "
        "error.\n"
        "\n"
        "Example:\n"
        "  KGRAPH_USER=dba KGRAPH_PASSWORD=... kgraph push \\\n"
        "    --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth "
        "graphs/*.ttl\n");
}

static int seconds(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0 || v > 86400 * 7)
        return -1;
    *out = v;
    return 0;
}

int kg_cmd_push(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"endpoint", required_argument, NULL, 'E'},
        {"graph", required_argument, NULL, 'g'},
        {"format", required_argument, NULL, 'f'},
        {"timeout", required_argument, NULL, 'T'},
        {"connect-timeout", required_argument, NULL, 'C'},
        {"quiet", no_argument, NULL, 'q'},
        {"ontology", required_argument, NULL, 'O'},
        {"models", required_argument, NULL, 'M'},
        {"base", required_argument, NULL, 'B'},
        {"provenance", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *ontology = NULL, *base = NULL, *models = NULL;
    int provenance = KG_PROV_MODE_REIFY;
    const char *endpoint = NULL, *graph = NULL;
    kg_rdf_syntax syntax = KG_SYNTAX_UNKNOWN;
    kg_push_options opt = {10, 600};
    int quiet = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":E:g:f:O:p:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'E': endpoint = optarg; break;
        case 'g': graph = optarg; break;
        case 'q': quiet = 1; break;
        case 'f':
            syntax = kg_rdf_syntax_from_name(optarg);
            if (syntax == KG_SYNTAX_UNKNOWN)
                return kg_cli_usage_error(
                    "push", "unknown format '%s' (turtle, ntriples, nquads, "
                            "trig, article)", optarg);
            break;
        case 'T':
        case 'C':
            if (seconds(optarg, c == 'T' ? &opt.timeout
                                         : &opt.connect_timeout) < 0)
                return kg_cli_usage_error(
                    "push", "--%s wants whole seconds, not '%s'",
                    c == 'T' ? "timeout" : "connect-timeout", optarg);
            break;
        case 'O': ontology = optarg; break;
        case 'M': models = optarg; break;
        case 'B': base = optarg; break;
        case 'p':
            provenance = kg_rdf_provenance_parse(optarg);
            if (provenance < 0 || provenance == KG_PROV_MODE_DEFAULT)
                return kg_cli_usage_error(
                    "push", "unknown provenance mode '%s' (reify, graphs or "
                            "none)", optarg);
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        default:
            return kg_cli_option_error("push", c, argv);
        }
    }
    int ninputs = argc - optind;
    if (!endpoint)
        return kg_cli_usage_error("push", "--endpoint URL is required");
    if (ninputs == 0)
        return kg_cli_usage_error("push", "no input files");
    if (graph && ninputs != 1)
        return kg_cli_usage_error("push", "--graph needs exactly one input");
    if (opt.connect_timeout == 0)
        opt.connect_timeout = 10;

    /* the ontology is needed only for articles: a missing default is an
     * error only when one comes */
    char ontpath[PATH_MAX];
    if (ontology)
        ontology = kg_cli_ontology_path(ontology, ontpath, sizeof ontpath);
    else if (kg_cli_find_data("schema/news.yaml", ontpath, sizeof ontpath) == 0)
        ontology = ontpath;
    kg_diag d;
    kg_diag_init(&d, quiet ? NULL : stderr);
    /* the tagger and parser are loaded only when an article comes */
    kg_nlp *nlp = NULL;
    for (int i = optind; i < argc && !nlp; i++)
        if (syntax == KG_SYNTAX_ARTICLE ||
            (syntax == KG_SYNTAX_UNKNOWN &&
             kg_rdf_syntax_from_path(argv[i]) == KG_SYNTAX_ARTICLE)) {
            if (!(nlp = kg_cli_load_nlp(models, &d))) {
                kg_diag_print(&d, stderr);
                return KG_EXIT_INPUT;
            }
        }
    kg_push *p = kg_push_new(endpoint, &opt, &d);
    if (!p) {
        kg_diag_print(&d, stderr);
        kg_nlp_free(nlp);
        return KG_EXIT_INPUT;
    }
    kg_input in;
    kg_input_init(&in, ontology, nlp, base, provenance);
    size_t ntriples = 0;
    int n = 0;
    double t0 = kg_cli_seconds();
    for (int i = optind; i < argc && !d.nerrors; i++) {
        kg_graphset gs;
        kg_graphset_init(&gs);
        if (kg_input_read(&in, argv[i], syntax, graph, &gs, &d) == 0 &&
            kg_push_graphset(p, &gs, &ntriples, &d) == 0)
            n++;
        kg_graphset_release(&gs);
    }
    double dt = kg_cli_seconds() - t0;
    kg_input_release(&in);
    kg_nlp_free(nlp);
    kg_push_free(p);
    if (d.nerrors) {
        kg_diag_print(&d, stderr);
        return KG_EXIT_INPUT;
    }
    if (!quiet)
        fprintf(stderr,
                "kgraph push: %d inputs, %zu triples in %.2f s (%.0f "
                "triples/s)\n",
                n, ntriples, dt, dt > 0 ? (double)ntriples / dt : 0.0);
    return KG_EXIT_OK;
}
