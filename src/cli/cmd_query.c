/*
 * cmd_query.c - `kgraph query --store PATH 'SPARQL'`: query the embedded
 * store; results as a table, CSV, TSV or SPARQL JSON.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/io.h"
#include "cli/cli.h"
#include "store/results.h"
#include "store/store.h"

static void usage(FILE *out)
{
    fprintf(out,
        "Usage: kgraph query --store PATH [OPTIONS] 'SPARQL'\n"
        "       kgraph query --store PATH [OPTIONS] -e FILE\n"
        "\n"
        "Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the\n"
        "embedded store made by 'kgraph load'.  The default graph is the\n"
        "union of all graphs; GRAPH ?g { ... } names each article's graph.\n"
        "Put FILTERs after the triple patterns: rasqal 0.9.33 can return a\n"
        "cross product when a FILTER sits between them.\n"
        "\n"
        "Options:\n"
        "  -s, --store PATH      the store file (required; not created)\n"
        "  -e, --file FILE       read the query from FILE ('-': stdin)\n"
        "  -r, --results FMT     table (default), csv, tsv or json (SPARQL\n"
        "                        1.1 query results formats)\n"
        "  -o, --output FILE     write results to FILE (default: stdout)\n"
        "  -h, --help            show this help and exit\n"
        "\n"
        "ASK answers true or false; CONSTRUCT and DESCRIBE write N-Triples.\n"
        "A query that does not parse is reported as NAME:LINE:COL: error:\n"
        "with the parser's message (NAME is FILE, or 'query').\n"
        "\n"
        "Exit status: 0 success, 1 bad query or store, 2 usage error.\n"
        "\n"
        "Example:\n"
        "  kgraph query --store news.db --results csv \\\n"
        "    'SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g'\n");
}

int kg_cmd_query(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"file", required_argument, NULL, 'e'},
        {"results", required_argument, NULL, 'r'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *store_path = NULL, *file = NULL, *output = "-";
    kg_results_format fmt = KG_RESULTS_TABLE;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:e:r:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 's': store_path = optarg; break;
        case 'e': file = optarg; break;
        case 'o': output = optarg; break;
        case 'r':
            if (kg_results_format_from_name(optarg, &fmt) < 0)
                return kg_cli_usage_error(
                    "query", "unknown results format '%s' (table, csv, tsv, "
                             "json)", optarg);
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        default:
            return kg_cli_option_error("query", c, argv);
        }
    }
    int npos = argc - optind;
    if (!store_path)
        return kg_cli_usage_error("query", "--store PATH is required");
    if (file ? npos != 0 : npos != 1)
        return kg_cli_usage_error("query",
                                  "give one query: as an argument or -e FILE");

    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_buf text, out;
    kg_buf_init(&text);
    kg_buf_init(&out);
    kg_results res;
    kg_results_init(&res, KG_RESULTS_BINDINGS);
    int rc = KG_EXIT_INPUT;
    const char *name = file ? file : "query";
    if (file ? kg_io_read_file(file, &text, &d) == 0
             : kg_buf_puts(&text, argv[optind]) == 0) {
        kg_store *s = kg_store_open(store_path, KG_STORE_READ, &d);
        if (s &&
            kg_store_query(s, text.data ? text.data : "", text.len, name, &res,
                           &d) == 0) {
            if (kg_results_write(&res, fmt, &out) < 0)
                kg_diag_oom(&d, "formatting results");
            else if (kg_io_write_atomic(output, out.data ? out.data : "",
                                        out.len, &d) == 0)
                rc = KG_EXIT_OK;
        }
        kg_store_free(s);
    } else if (!d.nerrors) {
        kg_diag_oom(&d, "reading the query");
    }
    if (rc != KG_EXIT_OK)
        kg_diag_print(&d, stderr);
    kg_results_release(&res);
    kg_buf_release(&text);
    kg_buf_release(&out);
    return rc;
}
