/*
 * cmd_check_ontology.c - `kgraph check-ontology [OPTIONS] FILE...`:
 * validate ontology files and summarise them.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ontology/ontology.h"

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: kgraph check-ontology [OPTIONS] FILE...\n"
            "\n"
            "Load each YAML ontology FILE with its imports, check it, and print\n"
            "a one-line summary:\n"
            "  FILE: ok: N classes, N relations (N triggers), N entities, N files\n"
            "(then \", N warnings\" if there were any).\n"
            "Errors go to standard error as FILE:LINE:COL: error: ...; only the\n"
            "first error of a file is shown, then a count of the others.\n"
            "Warnings (such as an alias claimed by two entities) are printed\n"
            "to standard error and do not make the file invalid.\n"
            "\n"
            "A FILE that does not exist and has no '/' is looked up among the\n"
            "shipped ontologies: 'news' finds schema/news.yaml.\n"
            "\n"
            "Options:\n"
            "  -v, --verbose  also list files (with SHA-256), prefixes, the class\n"
            "                 tree, relations with domain, range and triggers,\n"
            "                 and entities\n"
            "  -h, --help     show this help and exit\n"
            "\n"
            "The format is described in schema/README.md.\n"
            "Exit status: 0 all files valid, 1 a file is invalid, 2 usage error.\n");
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static int check(const char *arg, bool verbose)
{
    char buf[4096];
    const char *path = kg_cli_ontology_path(arg, buf, sizeof buf);
    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_ontology *o = kg_ontology_load(path, &d);
    if (!o) {
        fflush(stdout);
        kg_diag_print(&d, stderr);
        return KG_EXIT_INPUT;
    }
    size_t ntriggers = 0;
    for (size_t i = 0; i < o->nrelations; i++)
        ntriggers += o->relations[i].ntriggers;
    printf("%s: ok: %zu %s, %zu %s (%zu %s), %zu %s, %zu %s", path,
           o->nclasses, plural(o->nclasses, "class", "classes"),
           o->nrelations, plural(o->nrelations, "relation", "relations"),
           ntriggers, plural(ntriggers, "trigger", "triggers"), o->nentities,
           plural(o->nentities, "entity", "entities"), o->nfiles,
           plural(o->nfiles, "file", "files"));
    if (d.nwarnings)
        printf(", %u %s", d.nwarnings, plural(d.nwarnings, "warning",
                                               "warnings"));
    putchar('\n');
    if (verbose)
        kg_ontology_summary(o, stdout);
    kg_ontology_free(o);
    return KG_EXIT_OK;
}

int kg_cmd_check_ontology(int argc, char **argv)
{
    static const struct option opts[] = {
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bool verbose = false;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        switch (c) {
        case 'v':
            verbose = true;
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        default:
            if (optopt)
                return kg_cli_usage_error("check-ontology",
                                          "unknown option '-%c'", optopt);
            return kg_cli_usage_error("check-ontology", "unknown option '%s'",
                                      argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return kg_cli_usage_error("check-ontology", "missing FILE");
    int rc = KG_EXIT_OK;
    for (int i = optind; i < argc; i++) {
        fflush(stdout);
        if (check(argv[i], verbose) != KG_EXIT_OK)
            rc = KG_EXIT_INPUT;
    }
    return rc;
}
