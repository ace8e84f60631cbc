/* cmd_check_ontology.c - placeholder until the command lands. */
#include <stdio.h>

#include "cli/cli.h"

int kg_cmd_check_ontology(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kgraph check-ontology: not built yet\n");
    return KG_EXIT_USAGE;
}
