/*
 * fuzz_pipeline.c - the whole extraction on short texts: article reader,
 * tokenizer, tagger, lemmatizer, parser, mentions, coreference, clauses,
 * relations and the graph, then the writers.
 *
 * The NLP models (models/en-ewt.*.bin) and a small ontology
 * (tests/fuzz/pipeline.yaml) are loaded once.  Each input is an article;
 * it is extracted twice, with the models (clause rules) and without them
 * (trigger-window rules).  Each graph is finalized and written: Turtle
 * with reified provenance, and TriG with a named graph per piece of
 * evidence; the first also as DOT text.  What the writer wrote must read
 * back (kg_graphread, as `kgraph diff` reads it): whatever the text, the
 * output is RDF that kgraph itself accepts.
 */
#include <string.h>

#include "base/buf.h"
#include "diff/graphread.h"
#include "extract/pipeline.h"
#include "fuzz.h"
#include "graph/graph.h"
#include "write/dot.h"
#include "write/rdf.h"

static kg_nlp *nlp;
static kg_pipeline with_nlp, without_nlp;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char tp[4096], pp[4096], op[4096];
    kg_diag d;
    kg_diag_init(&d, stderr);
    nlp = kg_nlp_load_files(fuzz_path("models/en-ewt.tagger.bin", tp, sizeof tp),
                            fuzz_path("models/en-ewt.parser.bin", pp, sizeof pp),
                            &d);
    if (!nlp ||
        kg_pipeline_init(&with_nlp, fuzz_path("tests/fuzz/pipeline.yaml", op,
                                              sizeof op),
                         nlp, &d) < 0) {
        kg_diag_print(&d, stderr);
        exit(1);
    }
    without_nlp = with_nlp; /* shares the ontology and gazetteer */
    without_nlp.nlp = NULL;
    return 0;
}

/* Write g in format with provenance prov and read it back. */
static void write_read(const kg_graph *g, int format, int prov)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_rdf_options opt;
    kg_rdf_options_init(&opt);
    opt.format = format;
    opt.provenance = prov;
    kg_buf out;
    kg_buf_init(&out);
    FUZZ_CHECK(kg_rdf_write(g, &opt, &out, &d) == 0);

    kg_graph back;
    FUZZ_CHECK(kg_graph_init(&back, g->ont, g->base, &d) == 0);
    int rc = kg_graphread("out", out.data ? out.data : "", out.len, format,
                          &back, NULL, &d);
    if (rc != 0)
        fprintf(stderr, "%s\n--- what was written:\n%s\n", d.first,
                out.data ? out.data : "");
    FUZZ_CHECK(rc == 0);
    FUZZ_CHECK(back.nedges == g->nedges);
    kg_graph_release(&back);
    kg_buf_release(&out);
}

static void extract(const kg_pipeline *p, const uint8_t *data, size_t size,
                    int format, int prov, bool dot)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_article a;
    kg_article_init(&a);
    if (kg_article_parse(&a, "fuzz.txt", (const char *)data, size, &d) < 0) {
        kg_article_release(&a);
        return;
    }
    kg_graph g;
    FUZZ_CHECK(kg_graph_init(&g, p->ont, NULL, &d) == 0);
    FUZZ_CHECK(kg_pipeline_extract_article(p, &a, &g, &d) == 0);
    kg_article_release(&a); /* the graph keeps its own copies */
    FUZZ_CHECK(kg_graph_finalize(&g, &d) == 0);
    write_read(&g, format, prov);
    if (dot) {
        kg_dot_options opt;
        kg_dot_options_init(&opt);
        kg_buf out;
        kg_buf_init(&out);
        FUZZ_CHECK(kg_dot_write(&g, &opt, &out, &d) == 0);
        kg_buf_release(&out);
    }
    kg_graph_release(&g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    extract(&with_nlp, data, size, KG_RDF_TURTLE, KG_PROV_MODE_REIFY, true);
    extract(&without_nlp, data, size, KG_RDF_TRIG, KG_PROV_MODE_GRAPHS, false);
    return 0;
}
