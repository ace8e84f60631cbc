#!/usr/bin/env python3
"""make-graphs.py - the hand-made graph pairs under tests/diff/cases/graph-*.

Small graphs in the vocabulary kgraph writes (src/write/rdf.c), so that
the comparison itself is tested apart from extraction: provenance-only
changes, normalised relations, stance changes (modality, speaker,
negation, a quote moved to the narrator) and entity changes, in every
syntax the reader takes.  The files are committed; this script says how
they were made.  Run from anywhere: tests/diff/make-graphs.py
"""
import os

ROOT = os.path.dirname(os.path.abspath(__file__))
B = 'https://kgraph.example.org/'
KG = B + 'ontology/'
RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
XSD = 'http://www.w3.org/2001/XMLSchema#'
PROV = 'http://www.w3.org/ns/prov#'
NIF = 'http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#'
SCHEMA = 'https://schema.org/'
RDFS = 'http://www.w3.org/2000/01/rdf-schema#'
SKOS = 'http://www.w3.org/2004/02/skos/core#'
SEM = 'http://semanticweb.cs.vu.nl/2009/11/sem/'
ART = B + 'article/story'


def E(x):
    return B + 'entity/' + x


BASE_ENTITIES = {
    'alice_smith': ('Person', 'Alice Smith', ['Smith']),
    'bob_jones': ('Person', 'Bob Jones', []),
    'carol_white': ('Person', 'Carol White', []),
    'acme_corp': ('Organization', 'Acme Corp', ['Acme']),
    'paris': ('City', 'Paris', []),
    'france': ('Country', 'France', []),
}

# (subject, relation, object, evidence); evidence: list of dicts with
# sentence text, begin, end, sentence index, and the stance.
S1 = 'Alice Smith might criticize Acme over the merger.'
S2 = 'Acme rejected France, Bob Jones said.'
S3 = 'Alice Smith met Bob Jones in Paris.'
S4 = 'Paris is the capital of France.'
S5 = 'Bob Jones did not criticize France.'
S6 = 'Carol White visited Paris, according to Alice Smith.'
BASE_FACTS = [
    ('alice_smith', 'criticizes', 'acme_corp', [dict(text=S1, b=0, e=49, s=1, modality='might')]),
    ('acme_corp', 'rejects', 'france', [dict(text=S2, b=50, e=86, s=2, speaker='bob_jones')]),
    ('alice_smith', 'meets', 'bob_jones', [dict(text=S3, b=87, e=122, s=3)]),
    ('paris', 'capital_of', 'france', [dict(text=S4, b=123, e=154, s=4)]),
    ('bob_jones', 'criticizes', 'france', [dict(text=S5, b=155, e=190, s=5, negated=True)]),
    ('carol_white', 'visits', 'paris', [dict(text=S6, b=191, e=242, s=6, speaker='alice_smith')]),
]


def lit(s, dt=None):
    s = s.replace('\\', '\\\\').replace('"', '\\"')
    return '"%s"' % s + ('^^<%s>' % dt if dt else '')


def iri(s):
    return '<%s>' % s


def triples(entities, facts, version, mode, swap=()):
    """(s, p, o, g) in N-Triples terms; mode 'reify' or 'graphs'."""
    out = []
    out.append((iri(ART), iri(RDF + 'type'), iri(SCHEMA + 'NewsArticle'), None))
    out.append((iri(ART), iri(RDF + 'type'), iri(PROV + 'Entity'), None))
    out.append((iri(ART), iri(SCHEMA + 'identifier'), lit('story'), None))
    out.append((iri(ART), iri(SCHEMA + 'headline'), lit('A story in versions'), None))
    out.append((iri(ART), iri(SCHEMA + 'version'), lit(str(version)), None))
    for e, (cls, label, alts) in sorted(entities.items()):
        out.append((iri(E(e)), iri(RDF + 'type'), iri(SCHEMA + cls), None))
        out.append((iri(E(e)), iri(RDFS + 'label'), lit(label), None))
        for a in alts:
            out.append((iri(E(e)), iri(SKOS + 'altLabel'), lit(a), None))
    for n, (s, r, o, ev) in enumerate(facts):
        rel = KG + r
        if (s, r, o) in swap:  # written the other way round
            s, o = o, s
            rel = KG + {'capital_of': 'has_capital'}.get(r, r)
        asserted = any(not x.get('negated') and not x.get('speaker') for x in ev)
        if asserted:
            out.append((iri(E(s)), iri(rel), iri(E(o)), None))
        for k, x in enumerate(ev):
            st = iri('%sstmt/%04d-%d' % (B, n, k + 1))
            if mode == 'reify':
                out.append((st, iri(RDF + 'type'), iri(RDF + 'Statement'), None))
                out.append((st, iri(RDF + 'subject'), iri(E(s)), None))
                out.append((st, iri(RDF + 'predicate'), iri(rel), None))
                out.append((st, iri(RDF + 'object'), iri(E(o)), None))
            else:
                out.append((iri(E(s)), iri(rel), iri(E(o)), st))
                out.append((st, iri(RDF + 'type'), iri(PROV + 'Entity'), None))
            out.append((st, iri(PROV + 'wasDerivedFrom'), iri(ART), None))
            out.append((st, iri(NIF + 'beginIndex'), lit(str(x['b']), XSD + 'nonNegativeInteger'), None))
            out.append((st, iri(NIF + 'endIndex'), lit(str(x['e']), XSD + 'nonNegativeInteger'), None))
            out.append((st, iri(NIF + 'anchorOf'), lit(x['text']), None))
            out.append((st, iri(KG + 'sentence'), lit(str(x['s']), XSD + 'integer'), None))
            out.append((st, iri(KG + 'rule'), lit(x.get('rule', 'hand')), None))
            out.append((st, iri(KG + 'confidence'), lit(x.get('conf', '0.800'), XSD + 'decimal'), None))
            if x.get('negated'):
                out.append((st, iri(KG + 'negated'), lit('true', XSD + 'boolean'), None))
            if x.get('speaker'):
                out.append((st, iri(KG + 'attributed'), lit('true', XSD + 'boolean'), None))
                out.append((st, iri(SEM + 'accordingTo'), iri(E(x['speaker'])), None))
            if x.get('modality'):
                out.append((st, iri(KG + 'modality'), lit(x['modality']), None))
    return out


def write(path, ts, syntax):
    with open(path, 'w', encoding='utf-8') as f:
        if syntax in ('nt', 'nq'):
            for s, p, o, g in ts:
                if g and syntax == 'nq':
                    f.write('%s %s %s %s .\n' % (s, p, o, g))
                elif not g:
                    f.write('%s %s %s .\n' % (s, p, o))
            return
        if syntax == 'ttl':
            f.write('# A hand-made graph in the vocabulary kgraph writes.\n')
            for s, p, o, g in ts:
                assert not g
                f.write('%s %s %s .\n' % (s, p, o))
            return
        # trig: default graph, then one block per named graph
        for s, p, o, g in ts:
            if not g:
                f.write('%s %s %s .\n' % (s, p, o))
        for s, p, o, g in ts:
            if g:
                f.write('%s { %s %s %s . }\n' % (g, s, p, o))


def case(name, old, new):
    d = os.path.join(ROOT, 'cases', name)
    os.makedirs(d, exist_ok=True)
    for fn, (ts, syn) in (('old', old), ('new', new)):
        write(os.path.join(d, '%s.%s' % (fn, syn)), ts, syn)


def copy_facts(facts):
    return [(s, r, o, [dict(x) for x in ev]) for s, r, o, ev in facts]


old = triples(BASE_ENTITIES, BASE_FACTS, 1, 'reify')

# 1. Only the provenance moves: sentences reworded, reordered, offsets,
#    rules and confidences changed.  Same facts: exit 0.
f = copy_facts(BASE_FACTS)
for i, (s, r, o, ev) in enumerate(f):
    for x in ev:
        x['b'] += 500 - 40 * i
        x['e'] += 510 - 40 * i
        x['s'] = 10 - i
        x['rule'] = 'reworded'
        x['conf'] = '0.550'
        x['text'] = 'Reworded: ' + x['text']
case('graph-provenance', (old, 'ttl'), (triples(BASE_ENTITIES, f, 2, 'reify'), 'nt'))

# 2. Symmetric and inverse relations written the other way round, as
#    named graphs: exit 0.
case('graph-normalised', (old, 'ttl'),
     (triples(BASE_ENTITIES, BASE_FACTS, 2, 'graphs',
              swap={('alice_smith', 'meets', 'bob_jones'),
                    ('paris', 'capital_of', 'france')}), 'trig'))

# 3. Stances: "might criticize" becomes "criticizes"; the rejection is now
#    attributed to Carol White instead of Bob Jones; the denial becomes an
#    affirmation; Carol's visit moves from Alice's quote to the narrator.
f = copy_facts(BASE_FACTS)
del f[0][3][0]['modality']
f[0][3][0]['text'] = 'Alice Smith criticized Acme over the merger.'
f[1][3][0]['speaker'] = 'carol_white'
f[1][3][0]['text'] = 'Acme rejected France, Carol White said.'
del f[4][3][0]['negated']
f[4][3][0]['text'] = 'Bob Jones criticized France.'
del f[5][3][0]['speaker']
f[5][3][0]['text'] = 'Carol White visited Paris.'
case('graph-stance', (old, 'ttl'), (triples(BASE_ENTITIES, f, 2, 'reify'), 'ttl'))

# 4. Entities: Alice's other names change, Acme becomes a government
#    organisation, Carol's label is corrected, Paris (and what was said
#    about it) goes, Lyon comes with a new fact; as N-Quads.
ents = dict(BASE_ENTITIES)
ents['alice_smith'] = ('Person', 'Alice Smith', ['Ms Smith'])
ents['acme_corp'] = ('GovernmentOrganization', 'Acme Corp', ['Acme'])
ents['carol_white'] = ('Person', 'Carol A. White', [])
del ents['paris']
ents['lyon'] = ('City', 'Lyon', [])
f = [x for x in copy_facts(BASE_FACTS) if 'paris' not in (x[0], x[2])]
f.append(('bob_jones', 'visits', 'lyon', [dict(text='Bob Jones visited Lyon.', b=243, e=266, s=7)]))
case('graph-entities', (old, 'ttl'), (triples(ents, f, 2, 'graphs'), 'nq'))
