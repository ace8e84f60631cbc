/*
 * input.c - dispatch an input to extraction or to the graph parser.
 */
#include "store/input.h"

#include <string.h>
#include <strings.h>

#include "base/io.h"

int kg_input_can_extract(void)
{
    return 0;
}

int kg_input_read(const char *path, kg_rdf_syntax syntax,
                  const char *graph_iri, kg_graphset *gs, kg_diag *d)
{
    if (syntax == KG_RDF_UNKNOWN && strcasecmp(kg_io_ext(path), ".txt") == 0) {
        kg_diag_error(d, path, 0, 0,
                      "articles (.txt) cannot be loaded by this build: run "
                      "'kgraph extract' and load its graph file");
        return -1;
    }
    return kg_graphset_read_file(gs, path, syntax, graph_iri, d);
}
