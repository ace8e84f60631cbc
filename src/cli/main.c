/*
 * main.c - `kgraph COMMAND [OPTIONS] ...`: dispatch to the commands.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <limits.h>

#include "base/io.h"
#include "cli/cli.h"

static const kg_command commands[] = {
    {"extract", "build a knowledge graph from news articles", kg_cmd_extract},
    {"build", "build one graph of a whole corpus, on several threads",
     kg_cmd_build},
    {"check-ontology", "validate an ontology file and summarise it",
     kg_cmd_check_ontology},
    {"schema", "write an ontology as RDFS/OWL", kg_cmd_schema},
    {"parse", "tokenize, tag and parse text; write CoNLL-U", kg_cmd_parse},
    {"train-tagger", "train the POS tagger and lemmatizer from CoNLL-U",
     kg_cmd_train_tagger},
    {"train-parser", "train the dependency parser from CoNLL-U",
     kg_cmd_train_parser},
    {"eval-ud", "score tags, lemmas and trees against gold CoNLL-U",
     kg_cmd_eval_ud},
    {"oie", "Open IE: one sentence a line in, CaRB tuples out", kg_cmd_oie},
    {"eval-oie", "score Open IE tuples against CaRB gold", kg_cmd_eval_oie},
    {"load", "load graphs into the embedded store (SQLite)", kg_cmd_load},
    {"query", "run a SPARQL query over the embedded store", kg_cmd_query},
    {"push", "send graphs to a SPARQL server (Graph Store Protocol)",
     kg_cmd_push},
    {"diff", "compare two versions of an article as facts", kg_cmd_diff},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_help(FILE *out)
{
    fprintf(out,
            "Usage: kgraph COMMAND [OPTIONS] [ARGS...]\n"
            "\n"
            "Build knowledge graphs (Turtle, N-Triples, DOT, SVG) from news "
            "articles\nand a YAML ontology.\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-16s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "Options:\n"
            "  -h, --help       show this help and exit\n"
            "  -V, --version    show the version and exit\n"
            "\n"
            "Run 'kgraph COMMAND --help' for a command's options.\n"
            "Exit status: 0 success, 1 bad input, 2 usage error.\n"
            "\n"
            "Environment:\n"
            "  KGRAPH_DATA      a directory searched first for schema/ and models/\n"
            "  KGRAPH_ISA       c, avx2 or avx512: the most the parser's kernels may\n"
            "                   use (default: the best this CPU has; same output)\n");
}

int kg_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "kgraph%s%s: error: ", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'kgraph%s%s --help' for more information.\n",
            cmd ? " " : "", cmd ? cmd : "");
    return KG_EXIT_USAGE;
}

int kg_cli_option_error(const char *cmd, int c, char **argv)
{
    if (c == ':')
        return kg_cli_usage_error(cmd, "option '%s' needs a value",
                                  argv[optind - 1]);
    return kg_cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
}

static int exists(const char *path)
{
    return access(path, R_OK) == 0;
}

int kg_cli_find_data(const char *rel, char *out, size_t cap)
{
    const char *env = getenv("KGRAPH_DATA");
    if (env && *env) {
        snprintf(out, cap, "%s/%s", env, rel);
        if (exists(out))
            return 0;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            /* a build tree: ./kgraph or build/<mode>/kgraph */
            static const char *const up[] = {"", "/../..", "/.."};
            for (size_t i = 0; i < sizeof up / sizeof up[0]; i++) {
                snprintf(out, cap, "%s%s/%s", exe, up[i], rel);
                if (exists(out))
                    return 0;
            }
            snprintf(out, cap, "%s/../share/kgraph/%s", exe, rel);
            if (exists(out))
                return 0;
        }
    }
    snprintf(out, cap, "%s/%s", KG_DATADIR, rel);
    return exists(out) ? 0 : -1;
}

const char *kg_cli_ontology_path(const char *arg, char *buf, size_t cap)
{
    if (access(arg, F_OK) == 0 || strchr(arg, '/') || strcmp(arg, "-") == 0)
        return arg;
    char rel[512];
    snprintf(rel, sizeof rel, "schema/%s", arg);
    if (kg_cli_find_data(rel, buf, cap) == 0)
        return buf;
    snprintf(rel, sizeof rel, "schema/%s.yaml", arg);
    if (kg_cli_find_data(rel, buf, cap) == 0)
        return buf;
    return arg;
}

const char *kg_cli_ontology(const char *cmd, const char *arg, char *buf,
                            size_t cap)
{
    if (arg)
        return kg_cli_ontology_path(arg, buf, cap);
    if (kg_cli_find_data("schema/news.yaml", buf, cap) == 0)
        return buf;
    fprintf(stderr,
            "kgraph %s: error: cannot find the default ontology '%s'; use "
            "--ontology FILE\n",
            cmd, buf);
    return NULL;
}

/* Commands print to stdout through stdio without checking each call; a
 * write that failed (a full disk) is caught here, once for all of them.
 * A command that failed has said why already. */
static int finish(int rc)
{
    int err = fflush(stdout) != 0 ? errno : 0;
    if (rc != KG_EXIT_OK || (!err && !ferror(stdout)))
        return rc;
    fprintf(stderr, "kgraph: error: cannot write standard output: %s\n",
            strerror(err ? err : EIO));
    return KG_EXIT_INPUT;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return KG_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
        strcmp(cmd, "help") == 0) {
        if (strcmp(cmd, "help") == 0 && argc > 2) {
            for (size_t i = 0; i < NCOMMANDS; i++)
                if (strcmp(argv[2], commands[i].name) == 0) {
                    char *hargv[] = {argv[2], (char *)"--help", NULL};
                    return finish(commands[i].run(2, hargv));
                }
            return kg_cli_usage_error(NULL, "unknown command '%s'", argv[2]);
        }
        print_help(stdout);
        return finish(KG_EXIT_OK);
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("kgraph %s\n", KG_VERSION);
        return finish(KG_EXIT_OK);
    }
    if (cmd[0] == '-')
        return kg_cli_usage_error(NULL, "unknown option '%s'", cmd);
    kg_io_catch_signals();
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return finish(commands[i].run(argc - 1, argv + 1));
    return kg_cli_usage_error(NULL, "unknown command '%s'", cmd);
}
