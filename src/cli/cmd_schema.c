/*
 * cmd_schema.c - `kgraph schema [-f FORMAT] [-o FILE] ONTOLOGY`: the
 * ontology as RDFS/OWL, to load next to extracted graphs.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/io.h"
#include "cli/cli.h"
#include "ontology/ontology.h"
#include "write/rdf.h"

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: kgraph schema [OPTIONS] ONTOLOGY\n"
            "\n"
            "Write the YAML ONTOLOGY (with its imports) as RDFS/OWL: classes\n"
            "(owl:Class, rdfs:subClassOf for is_a and mixins), relations\n"
            "(owl:ObjectProperty with rdfs:domain, rdfs:range, owl:inverseOf,\n"
            "owl:SymmetricProperty, rdfs:subPropertyOf; annotations such as\n"
            "cameo as kg: literals, schema_org as skos:closeMatch), entities\n"
            "(typed, rdfs:label, skos:altLabel, owl:sameAs) and kgraph's own\n"
            "terms.  Loaded together with graphs from 'kgraph extract', it lets\n"
            "SPARQL select by superclass (rdf:type/rdfs:subClassOf*).\n"
            "\n"
            "An ONTOLOGY that does not exist and has no '/' is looked up among\n"
            "the shipped ontologies: 'news' finds schema/news.yaml.\n"
            "\n"
            "Options:\n"
            "  -f, --format FORMAT  ttl (Turtle), nt (N-Triples), nq (N-Quads)\n"
            "                       or trig; default: from the extension of\n"
            "                       --output, else ttl\n"
            "  -o, --output FILE    write FILE (replaced only when complete)\n"
            "                       instead of standard output\n"
            "  -h, --help           show this help and exit\n"
            "\n"
            "Exit status: 0 success, 1 invalid ontology or unwritable output,\n"
            "2 usage error.\n");
}

int kg_cmd_schema(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = "-";
    int format = -1;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            format = kg_rdf_format_parse(optarg);
            if (format < 0)
                return kg_cli_usage_error(
                    "schema", "unknown format '%s' (use ttl, nt, nq or trig)",
                    optarg);
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        default: /* ':' or '?' */
            return kg_cli_option_error("schema", c, argv);
        }
    }
    if (optind >= argc)
        return kg_cli_usage_error("schema", "no ontology given");
    if (optind + 1 < argc)
        return kg_cli_usage_error("schema", "one ontology only, not '%s'",
                                  argv[optind + 1]);
    if (format < 0 && strcmp(output, "-") != 0) {
        format = kg_rdf_format_from_path(output);
        if (format < 0 && *kg_io_ext(output))
            return kg_cli_usage_error(
                "schema", "cannot tell the format of '%s'; use --format",
                output);
    }
    if (format < 0)
        format = KG_RDF_TURTLE;

    char buf[4096];
    const char *path = kg_cli_ontology_path(argv[optind], buf, sizeof buf);
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_ontology *o = kg_ontology_load(path, &d);
    if (!o) {
        kg_diag_print(&d, stderr);
        return KG_EXIT_INPUT;
    }
    kg_buf out;
    kg_buf_init(&out);
    int rc = kg_rdf_write_schema(o, format, &out, &d);
    if (rc == 0)
        rc = kg_io_write_atomic(output, out.data ? out.data : "", out.len, &d);
    kg_buf_release(&out);
    kg_ontology_free(o);
    if (rc != 0) {
        kg_diag_print(&d, stderr);
        return KG_EXIT_INPUT;
    }
    return KG_EXIT_OK;
}
