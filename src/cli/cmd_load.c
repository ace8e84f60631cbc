/*
 * cmd_load.c - `kgraph load --store PATH GRAPH...`: graph files into the
 * embedded store, each article's graph replaced in one transaction.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/diag.h"
#include "cli/cli.h"
#include "cli/nlp_cli.h"
#include "store/graphset.h"
#include "store/input.h"
#include "write/rdf.h"
#include "store/store.h"

static void usage(FILE *out)
{
    fprintf(out,
        "Usage: kgraph load --store PATH [OPTIONS] GRAPH-OR-ARTICLE...\n"
        "\n"
        "Load RDF graph files and news articles into an embedded Redland\n"
        "store: one SQLite file, created when missing.  An article (.txt) is\n"
        "extracted first, exactly as 'kgraph extract ARTICLE -f nt' would.\n"
        "Each input becomes a named graph whose IRI is the subject typed\n"
        "schema:NewsArticle in it, or else the file's file:// IRI; named\n"
        "graphs of N-Quads and TriG files keep their names.  Loading a graph\n"
        "that is already in the store replaces it, in one transaction per\n"
        "input: a reload never duplicates triples, and an error or a crash\n"
        "half-way leaves the old graph as it was.  A bad input is reported\n"
        "and skipped; the others are still loaded.\n"
        "\n"
        "Options:\n"
        "  -s, --store PATH      the store file (required)\n"
        "  -f, --format FMT      turtle, ntriples, nquads, trig or article\n"
        "                        (default: by extension: .ttl .nt .nq .trig\n"
        "                        .txt; needed for -, standard input)\n"
        "  -g, --graph IRI       name the article graph (one input only)\n"
        "      --drop IRI        remove graph IRI from the store first (may\n"
        "                        be repeated; no input needed)\n"
        "  -O, --ontology FILE   ontology for articles (default:\n"
        "                        schema/news.yaml from kgraph's data)\n"
        "      --models PATH     tagger and parser models for articles (as\n"
        "                        for 'kgraph extract'; default: the shipped\n"
        "                        models)\n"
        "      --base IRI        base of the IRIs minted for articles\n"
        "  -p, --provenance MODE for articles: reify (default: an\n"
        "                        rdf:Statement per sentence), graphs (a named\n"
        "                        graph per sentence) or none\n"
        "  -q, --quiet           print nothing on success, no warnings\n"
        "  -v, --verbose         one line per input\n"
        "  -h, --help            show this help and exit\n"
        "\n"
        "A summary with the load rate goes to standard error.\n"
        "\n"
        "Exit status: 0 success, 1 a bad input or store, 2 usage error.\n"
        "\n"
        "Example:\n"
        "  kgraph load --store news.db articles/*.txt graphs/*.ttl\n"
        "  kgraph query --store news.db 'SELECT (COUNT(*) AS ?n) "
        "{ ?s ?p ?o }'\n");
}

int kg_cmd_load(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},
        {"graph", required_argument, NULL, 'g'},
        {"drop", required_argument, NULL, 'D'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"ontology", required_argument, NULL, 'O'},
        {"models", required_argument, NULL, 'M'},
        {"base", required_argument, NULL, 'B'},
        {"provenance", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *ontology = NULL, *base = NULL, *models = NULL;
    int provenance = KG_PROV_MODE_REIFY;
    const char *store_path = NULL, *graph = NULL;
    kg_rdf_syntax syntax = KG_SYNTAX_UNKNOWN;
    const char **drops = kg_calloc((size_t)argc + 1, sizeof *drops);
    size_t ndrops = 0;
    int quiet = 0, verbose = 0, c;
    if (!drops) {
        fprintf(stderr, "kgraph load: error: out of memory\n");
        return KG_EXIT_INPUT;
    }
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:f:g:O:p:qvh", longopts, NULL)) != -1) {
        switch (c) {
        case 's': store_path = optarg; break;
        case 'g': graph = optarg; break;
        case 'D': drops[ndrops++] = optarg; break;
        case 'q': quiet = 1; break;
        case 'v': verbose = 1; break;
        case 'f':
            syntax = kg_rdf_syntax_from_name(optarg);
            if (syntax == KG_SYNTAX_UNKNOWN) {
                free(drops);
                return kg_cli_usage_error(
                    "load", "unknown format '%s' (turtle, ntriples, nquads, "
                            "trig, article)", optarg);
            }
            break;
        case 'O': ontology = optarg; break;
        case 'M': models = optarg; break;
        case 'B': base = optarg; break;
        case 'p':
            provenance = kg_rdf_provenance_parse(optarg);
            if (provenance < 0 || provenance == KG_PROV_MODE_DEFAULT) {
                free(drops);
                return kg_cli_usage_error(
                    "load", "unknown provenance mode '%s' (reify, graphs or "
                            "none)", optarg);
            }
            break;
        case 'h':
            free(drops);
            usage(stdout);
            return KG_EXIT_OK;
        default:
            free(drops);
            return kg_cli_option_error("load", c, argv);
        }
    }
    int ninputs = argc - optind;
    const char *err = !store_path                    ? "--store PATH is required"
                      : ninputs == 0 && ndrops == 0 ? "no input files"
                      : graph && ninputs != 1 ? "--graph needs exactly one input"
                                               : NULL;
    if (err) {
        free(drops);
        return kg_cli_usage_error("load", "%s", err);
    }

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
                free(drops);
                return KG_EXIT_INPUT;
            }
        }
    kg_input in;
    kg_input_init(&in, ontology, nlp, base, provenance);
    kg_store *s = kg_store_open(store_path, KG_STORE_WRITE, &d);
    if (!s) {
        free(drops);
        kg_nlp_free(nlp);
        kg_diag_print(&d, stderr);
        return KG_EXIT_INPUT;
    }
    size_t ntriples = 0, nloaded = 0;
    int dropped = 1;
    for (size_t i = 0; i < ndrops && dropped; i++)
        dropped = kg_store_drop_graph(s, drops[i], &d) == 0;
    double t0 = kg_cli_seconds();
    /* a bad input is counted in d and skipped; the others still load */
    for (int i = optind; i < argc && dropped; i++) {
        kg_graphset gs;
        kg_graphset_init(&gs);
        if (kg_input_read(&in, argv[i], syntax, graph, &gs, &d) == 0 &&
            kg_store_load(s, &gs, &d) == 0) {
            size_t n = kg_graphset_size(&gs);
            ntriples += n;
            nloaded++;
            if (verbose)
                fprintf(stderr, "kgraph load: %s: %zu triples in <%s>%s\n",
                        argv[i], n, gs.graphs[0].iri,
                        gs.ngraphs > 1 ? " and named graphs" : "");
        }
        kg_graphset_release(&gs);
    }
    double dt = kg_cli_seconds() - t0;
    kg_input_release(&in);
    kg_nlp_free(nlp);
    long total = kg_store_size(s);
    kg_store_free(s);
    free(drops);
    if (d.nerrors)
        kg_diag_print(&d, stderr);
    if (!quiet && ninputs > 0)
        fprintf(stderr,
                "kgraph load: %zu of %d inputs, %zu triples in %.2f s "
                "(%.0f triples/s); the store holds %ld triples\n",
                nloaded, ninputs, ntriples, dt,
                dt > 0 ? (double)ntriples / dt : 0.0, total);
    return d.nerrors ? KG_EXIT_INPUT : KG_EXIT_OK;
}
