#!/usr/bin/python3
"""crosscheck.py KGRAPH STORE FIXTURES - compare the store with rdflib.

The store must already hold article1.ttl, article2.nq, article3.ttl,
hostile.nt and formats.ttl.  The same files are read into an rdflib ConjunctiveGraph with
the graph names kgraph gives them, each query runs on both, and the
answers are compared as bags of rows.  Blank node labels are not compared
(each side makes its own); language tags are compared case-insensitively
(RDF 1.1), since raptor lowers them.

Prints one "ok NAME" or "FAIL NAME" line a query; exits 1 on any FAIL.
Debian's python3-rdflib: run with /usr/bin/python3.
"""
import json
import os
import subprocess
import sys

import rdflib
from rdflib import BNode, Literal, URIRef

KG = "http://example.org/kgraph/"
PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX rel: <http://example.org/kgraph/rel/>
PREFIX kg: <http://example.org/kgraph/>
"""

QUERIES = {
    # counts: per graph, and distinct triples over the union
    "count-per-graph":
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "count-distinct-union":
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
        "WHERE { ?s ?p ?o } }",
    "count-articles":
        "SELECT (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle }",
    # a relation lookup (DISTINCT: the store's default graph is the union
    # of its graphs as a bag, rdflib's a set; docs/store.md says so)
    "who-met-whom":
        "SELECT DISTINCT ?a ?b WHERE { ?a rel:met ?b }",
    "who-met-whom-per-graph":
        "SELECT ?g ?a ?b WHERE { GRAPH ?g { ?a rel:met ?b } }",
    "met-with-labels":
        "SELECT DISTINCT ?an ?bn WHERE { ?a rel:met ?b . ?a rdfs:label ?an . "
        "?b rdfs:label ?bn }",
    # provenance (the queries of docs/store.md are run from their files
    # below); unscoped, the shared statement IRI pairs every sentence with
    # every article, in both stores
    "provenance-unscoped":
        "SELECT DISTINCT ?article ?sentence WHERE { ?st a rdf:Statement ; "
        "rdf:subject kg:moon_jae_in ; rdf:predicate rel:met ; "
        "rdf:object kg:kim_jong_un ; prov:wasDerivedFrom ?article ; "
        "nif:anchorOf ?sentence }",
    # FILTER last (rasqal 0.9.33 can cross-multiply a FILTER in between)
    "filter-last":
        "SELECT DISTINCT ?s WHERE { ?s rdfs:label ?l . "
        "FILTER(CONTAINS(?l, \"Kim\")) }",
    # hostile text survives the store
    "hostile-labels":
        "SELECT ?s ?l WHERE { GRAPH <http://example.org/kgraph/article/hostile> "
        "{ ?s rdfs:label ?l } }",
    "hostile-exact-match":
        "SELECT ?s WHERE { ?s rdfs:label \"He said \\\"no\\\" and 'yes'\" }",
    "optional-and-lang":
        "SELECT ?s ?name ?n WHERE { ?s <http://example.org/f/name> ?name . "
        "OPTIONAL { ?s <http://example.org/f/n> ?n } }",
    "ask":
        "ASK { kg:donald_trump rel:visited kg:hanoi }",
}


def load_rdflib(fixtures):
    cg = rdflib.ConjunctiveGraph()
    ctx = cg.get_context

    def into(graph_iri, triples):
        g = ctx(URIRef(graph_iri))
        for t in triples:
            g.add(t)

    for name, iri in (("article1.ttl", KG + "article/korea-liaison-office"),
                      ("article3.ttl", KG + "article/pyongyang-summit"),
                      ("hostile.nt", KG + "article/hostile"),
                      ("formats.ttl", "http://example.org/f/doc")):
        g = rdflib.Graph()
        # N-Triples is Turtle, and rdflib 6.1's N-Triples parser decodes
        # "\\t" as a backslash and a tab: read .nt as Turtle
        g.parse(os.path.join(fixtures, name), format="turtle")
        into(iri, g)
    ds = rdflib.Dataset()
    ds.parse(os.path.join(fixtures, "article2.nq"), format="nquads")
    for s, p, o, gname in ds.quads((None, None, None, None)):
        # the default graph comes back as None, the dataset's default id
        # or the file's IRI, depending on the rdflib version
        if gname is None or not str(gname).startswith(KG):
            gname = URIRef(KG + "article/summit-2019")
        ctx(gname).add((s, p, o))
    return cg


def norm_rdflib(v):
    if v is None:
        return None
    if isinstance(v, BNode):
        return ("bnode",)
    if isinstance(v, URIRef):
        return ("uri", str(v))
    if isinstance(v, Literal):
        dt = str(v.datatype) if v.datatype else None
        lang = v.language.lower() if v.language else None
        return ("literal", str(v), lang, dt)
    raise ValueError(repr(v))


def norm_json(b):
    if b is None:
        return None
    if b["type"] == "bnode":
        return ("bnode",)
    if b["type"] == "uri":
        return ("uri", b["value"])
    lang = b.get("xml:lang")
    return ("literal", b["value"], lang.lower() if lang else None,
            b.get("datatype"))


def run_store(kgraph, store, query):
    out = subprocess.run([kgraph, "query", "--store", store, "--results",
                          "json", query], capture_output=True, check=True)
    return json.loads(out.stdout.decode("utf-8"))


def main():
    kgraph, store, fixtures = sys.argv[1:4]
    cg = load_rdflib(fixtures)
    failed = 0
    queries = {n: PREFIXES + b for n, b in QUERIES.items()}
    for f in ("provenance.rq", "provenance-graphs.rq"):
        with open(os.path.join(fixtures, f), encoding="utf-8") as fh:
            queries[f] = fh.read()
    for name, q in queries.items():
        try:
            mine = run_store(kgraph, store, q)
            theirs = cg.query(q)
            if "boolean" in mine:
                same = mine["boolean"] == theirs.askAnswer
                detail = (mine["boolean"], theirs.askAnswer)
            else:
                vs = mine["head"]["vars"]
                a = sorted((tuple(norm_json(r.get(v)) for v in vs)
                            for r in mine["results"]["bindings"]), key=repr)
                b = sorted((tuple(norm_rdflib(row[v]) for v in vs)
                            for row in theirs), key=repr)
                same = a == b and len(a) > 0
                detail = (a, b)
        except Exception as e:  # a crash is a failure, with its reason
            same, detail = False, repr(e)
        print(("ok " if same else "FAIL ") + name)
        if not same:
            failed += 1
            print("  store:  %r\n  rdflib: %r" % detail if isinstance(
                detail, tuple) else "  " + detail)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
