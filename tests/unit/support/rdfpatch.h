/*
 * rdfpatch.h - apply an RDF Patch with librdf (Redland), for the tests of
 * `kgraph diff -f patch`.
 *
 * Redland is a second, independent RDF implementation: the check does
 * not trust kgraph's own reader.  Both graphs are read without their
 * provenance (statements in named graphs, and every statement about a
 * subject typed rdf:Statement or used as a graph name), which is what the
 * patch describes; the patch is then applied strictly (a "D" of a triple
 * the graph lacks, or an "A" of one it has, is an error) and the result
 * compared with the new graph as sets of triples.
 */
#ifndef KG_TEST_RDFPATCH_H
#define KG_TEST_RDFPATCH_H

#include <stdbool.h>
#include <stddef.h>

/* Graph files are parsed by extension: .ttl, .nt, .nq, .trig.  Returns 0
 * when old + patch = new; -1 with a reason in err (errcap bytes).  With
 * keep_provenance the graphs are taken whole (for patches made with
 * --with-provenance; triple syntaxes only, as librdf drops graph names). */
int kg_test_patch_check(const char *old_path, const char *patch_path,
                        const char *new_path, bool keep_provenance, char *err,
                        size_t errcap);

#endif
