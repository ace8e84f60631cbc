/* cmd_eval_ud.c - placeholder until the command lands. */
#include <stdio.h>

#include "cli/cli.h"

int kg_cmd_eval_ud(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kgraph eval-ud: not built yet\n");
    return KG_EXIT_USAGE;
}
