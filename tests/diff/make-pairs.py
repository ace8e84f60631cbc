#!/usr/bin/env python3
"""make-pairs.py - build the article version pairs under tests/diff/cases/.

Each pair is an old and a new version of a real article, edited the way
newsrooms revise stories (see README.md in this directory for the list).
Run from the repository root with the shared data beside it:
    tests/diff/make-pairs.py [../shared]
The pairs are committed; this script documents exactly how they were made.
"""
import os
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '../../../shared')
NEWS = os.path.join(SHARED, 'data/news/wikinews_vanatteveldt')
KOREA = os.path.join(ROOT, '../../examples/korea-liaison-office.txt')
MAHAN = '2019-01-23_Germany_bans_Mahan_Air_of_Iran_citing_security.txt'
GDANSK = '2019-01-14_Arrest_made_as_mayor_of_Gdansk_Poland_stabbed_on_stage.txt'


def read(path):
    """The text with exactly one newline at the end, as join() leaves it."""
    with open(path, encoding='utf-8') as f:
        return f.read().rstrip('\n') + '\n'


def paragraphs(text):
    return text.rstrip('\n').split('\n\n')


def join(paras):
    return '\n\n'.join(paras) + '\n'


def front(version, **meta):
    lines = ['---']
    for k, v in meta.items():
        lines.append('%s: "%s"' % (k, v) if ' ' in v or ':' in v else '%s: %s' % (k, v))
    lines.append('version: %d' % version)
    lines.append('---')
    return '\n'.join(lines) + '\n'


def replace(text, old, new):
    assert old in text, old
    return text.replace(old, new, 1)


def swap(text, i, j):
    p = paragraphs(text)
    p[i], p[j] = p[j], p[i]
    return join(p)


def drop(text, i):
    p = paragraphs(text)
    del p[i]
    return join(p)


def insert_after(text, i, para):
    p = paragraphs(text)
    p.insert(i + 1, para)
    return join(p)


def write_case(name, meta, old, new, ontology=None):
    d = os.path.join(ROOT, 'cases', name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'old.txt'), 'w', encoding='utf-8') as f:
        f.write(front(1, **meta) + old)
    with open(os.path.join(d, 'new.txt'), 'w', encoding='utf-8') as f:
        f.write(front(2, **meta) + new)
    if ontology:
        with open(os.path.join(d, 'ontology'), 'w') as f:
            f.write(ontology + '\n')


korea = read(KOREA)
kmeta = {'id': 'korea-liaison-office'}
K = 'schema/korea.yaml'
write_case('korea-add', kmeta, korea, insert_after(
    korea, 12, 'U.S. Vice President Mike Pence visited Seoul on Tuesday. '
    'Japanese Prime Minister Shinzo Abe criticized the liaison office in a statement.'), K)
write_case('korea-remove', kmeta, korea, drop(korea, 7), K)
write_case('korea-reorder', kmeta, korea, swap(korea, 13, 14), K)
write_case('korea-reword', kmeta, korea, replace(replace(
    korea, 'strike a difficult balance', 'strike a delicate balance'),
    'his landmark April agreement', 'his historic April agreement'), K)
write_case('korea-speaker', kmeta, korea, replace(
    korea, 'Bolton said the Trump administration expected',
    'Moon said the Trump administration expected'), K)
# Both versions without the scare quotes around "soon": with them, the
# parser (trained with the word lexicon) makes "Sunday" the subject of
# "return" in the "might" version and the fact is lost; the case tests
# the modality change, not the parser.
unquoted = replace(korea, 'that Pompeo would “soon” return', 'that Pompeo would soon return')
write_case('korea-modality', kmeta, unquoted, replace(
    unquoted, 'that Pompeo would soon return', 'that Pompeo might soon return'), K)
write_case('korea-rename', kmeta, korea, replace(replace(
    korea, 'that Pompeo would', 'that the secretary of state would'),
    'meet with Pompeo,', 'meet with the secretary of state,'), K)

mahan = read(os.path.join(NEWS, MAHAN))
mmeta = {'id': 'mahan-air-ban', 'source': 'Wikinews',
         'url': 'https://en.wikinews.org/wiki/Germany_bans_Mahan_Air_of_Iran,_citing_%27security%27'}
write_case('mahan-speaker', mmeta, mahan, replace(
    mahan, "German Chancellor Angela Merkel's spokesperson, Steffen Seibert, said it is possible",
    'German Foreign Minister Heiko Maas said it is possible'))
write_case('mahan-remove', mmeta, mahan, drop(mahan, 7))
write_case('mahan-reorder', mmeta, mahan, swap(mahan, 5, 6))

gdansk = read(os.path.join(NEWS, GDANSK))
gmeta = {'id': 'gdansk-mayor-stabbed', 'source': 'Wikinews',
         'url': 'https://en.wikinews.org/wiki/Arrest_made_as_mayor_of_Gda%C5%84sk,_Poland_stabbed_on_stage'}
write_case('gdansk-reword', gmeta, gdansk, replace(replace(
    gdansk, "The fundraiser was intending this year to obtain money for children's hospitals "
    "to buy equipment. It raises money annually to assist the nation's medical services.",
    "This year the fundraiser intended to raise money so that children's hospitals could "
    "buy equipment. It collects money every year to help the nation's medical services."),
    'Vigils nationwide this evening were attended by thousands.',
    'Thousands attended vigils across the country this evening.'))
write_case('gdansk-add', gmeta, gdansk, insert_after(
    gdansk, 12, 'European Commission President Jean-Claude Juncker condemned the attack '
    'on Monday. Polish Prime Minister Mateusz Morawiecki visited Gdańsk in the evening.'))
