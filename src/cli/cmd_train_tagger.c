/* cmd_train_tagger.c - placeholder until the command lands. */
#include <stdio.h>

#include "cli/cli.h"

int kg_cmd_train_tagger(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kgraph train-tagger: not built yet\n");
    return KG_EXIT_USAGE;
}
