/* cmd_extract.c - placeholder until the command lands. */
#include <stdio.h>

#include "cli/cli.h"

int kg_cmd_extract(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kgraph extract: not built yet\n");
    return KG_EXIT_USAGE;
}
