/*
 * input.c - an input for the store: a graph file, or an article extracted
 * into one.
 */
#include "store/input.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/io.h"
#include "graph/graph.h"
#include "write/rdf.h"

void kg_input_init(kg_input *in, const char *ontology, const kg_nlp *nlp,
                   const char *base, int provenance)
{
    memset(in, 0, sizeof *in);
    in->ontology = ontology;
    in->nlp = nlp;
    in->base = base;
    in->provenance = provenance;
}

void kg_input_release(kg_input *in)
{
    if (in->have_pipe)
        kg_pipeline_release(&in->pipe);
    in->have_pipe = false;
}

/* Extract the article at path and write its graph into out as N-Triples
 * (reified provenance) or N-Quads (graph provenance). */
static int extract(kg_input *in, const char *path, kg_rdf_syntax *syntax,
                   kg_buf *out, kg_diag *d)
{
    if (!in->ontology) {
        kg_diag_error(d, path, 0, 0,
                      "cannot find the default ontology to extract this "
                      "article with: give --ontology FILE");
        return -1;
    }
    if (!in->have_pipe) {
        if (kg_pipeline_init(&in->pipe, in->ontology, in->nlp, d) < 0)
            return -1;
        in->have_pipe = true;
    }
    kg_graph g;
    if (kg_graph_init(&g, in->pipe.ont, in->base, d) < 0)
        return -1;
    int rc = -1;
    kg_rdf_options o;
    kg_rdf_options_init(&o);
    o.provenance = in->provenance;
    o.format = in->provenance == KG_PROV_MODE_GRAPHS ? KG_RDF_NQUADS
                                                     : KG_RDF_NTRIPLES;
    if (kg_pipeline_extract(&in->pipe, path, &g, d) >= 0 &&
        kg_graph_finalize(&g, d) == 0 && kg_rdf_write(&g, &o, out, d) == 0)
        rc = 0;
    kg_graph_release(&g);
    *syntax = o.format == KG_RDF_NQUADS ? KG_SYNTAX_NQUADS : KG_SYNTAX_NTRIPLES;
    return rc;
}

int kg_input_read(kg_input *in, const char *path, kg_rdf_syntax syntax,
                  const char *graph_iri, kg_graphset *gs, kg_diag *d)
{
    if (syntax == KG_SYNTAX_UNKNOWN)
        syntax = kg_rdf_syntax_from_path(path);
    if (syntax != KG_SYNTAX_ARTICLE)
        return kg_graphset_read_file(gs, path, syntax, graph_iri, d);
    kg_buf text;
    kg_buf_init(&text);
    char *base = strcmp(path, "-") == 0 ? NULL : kg_graphset_file_iri(path);
    int rc = extract(in, path, &syntax, &text, d);
    if (rc == 0)
        rc = kg_graphset_parse(gs, text.data ? text.data : "", text.len,
                               syntax, path, base, graph_iri, d);
    free(base);
    kg_buf_release(&text);
    return rc;
}
