/* cmd_train_parser.c - placeholder until the command lands. */
#include <stdio.h>

#include "cli/cli.h"

int kg_cmd_train_parser(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kgraph train-parser: not built yet\n");
    return KG_EXIT_USAGE;
}
