/*
 * cli.h - shared pieces of the kgraph command line.
 *
 * Exit codes: 0 ok, 1 bad input, 2 usage (diff: 0 same, 1 different,
 * 2 trouble).  Each command lives in its own cmd_*.c and is listed in the
 * table in main.c.
 */
#ifndef KG_CLI_H
#define KG_CLI_H

#include <stddef.h>
#include <stdio.h>

enum { KG_EXIT_OK = 0, KG_EXIT_INPUT = 1, KG_EXIT_USAGE = 2 };

typedef struct kg_command {
    const char *name;
    const char *summary;              /* one line for `kgraph --help` */
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
} kg_command;

int kg_cmd_extract(int argc, char **argv);
int kg_cmd_build(int argc, char **argv);
int kg_cmd_check_ontology(int argc, char **argv);
int kg_cmd_schema(int argc, char **argv);
int kg_cmd_parse(int argc, char **argv);
int kg_cmd_train_tagger(int argc, char **argv);
int kg_cmd_train_parser(int argc, char **argv);
int kg_cmd_eval_ud(int argc, char **argv);
int kg_cmd_oie(int argc, char **argv);
int kg_cmd_eval_oie(int argc, char **argv);
int kg_cmd_load(int argc, char **argv);
int kg_cmd_query(int argc, char **argv);
int kg_cmd_push(int argc, char **argv);
int kg_cmd_diff(int argc, char **argv);

/* "kgraph CMD: error: ..." then "Try 'kgraph CMD --help'."; returns 2. */
int kg_cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The usage error for what getopt_long returned as c: ':' (an option
 * without its value) or anything else (an unknown option), naming the
 * option as written (argv[optind - 1]); returns 2. */
int kg_cli_option_error(const char *cmd, int c, char **argv);

/* Find a data file shipped with kgraph (e.g. "schema/news.yaml",
 * "models/en-ewt.tagger.bin"): first $KGRAPH_DATA/rel, then beside the
 * executable (a build tree), then ../share/kgraph/rel relative to the
 * executable, then the compiled-in data directory.  Writes the first that
 * exists to out; returns 0, or -1 (out then holds the compiled-in path,
 * for the error message). */
int kg_cli_find_data(const char *rel, char *out, size_t cap);

/* An ontology named on the command line: a path as it is, or a shipped
 * ontology's name ("news", "korea.yaml") found with kg_cli_find_data()
 * under schema/.  Returns arg itself or buf. */
const char *kg_cli_ontology_path(const char *arg, char *buf, size_t cap);

/* The ontology a command uses: arg resolved as kg_cli_ontology_path()
 * does, or, when arg is NULL, the default schema/news.yaml.  NULL (after
 * "kgraph CMD: error: cannot find the default ontology ..." on stderr)
 * when the default is not installed. */
const char *kg_cli_ontology(const char *cmd, const char *arg, char *buf,
                            size_t cap);

#endif
