#include "nlp/tags.h"

#include <pthread.h>
#include <string.h>

const char *const kg_upos_names[KG_UPOS_COUNT] = {
    "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

const char *const kg_xpos_names[KG_XPOS_COUNT] = {
    "_", "$", "''", ",", "-LRB-", "-RRB-", ".", ":", "ADD", "AFX", "CC", "CD", "DT", "EX", "FW", "GW", "HYPH", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NFP", "NN", "NNP", "NNPS", "NNS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", "XX", "``"};

const char *const kg_deprel_names[KG_DEP_COUNT] = {
    "_",
    "acl",
    "advcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "case",
    "cc",
    "ccomp",
    "clf",
    "compound",
    "conj",
    "cop",
    "csubj",
    "dep",
    "det",
    "discourse",
    "dislocated",
    "expl",
    "fixed",
    "flat",
    "goeswith",
    "iobj",
    "list",
    "mark",
    "nmod",
    "nsubj",
    "nummod",
    "obj",
    "obl",
    "orphan",
    "parataxis",
    "punct",
    "reparandum",
    "root",
    "vocative",
    "xcomp",
    "acl:relcl",
    "advcl:relcl",
    "aux:pass",
    "cc:preconj",
    "compound:prt",
    "csubj:outer",
    "csubj:pass",
    "det:predet",
    "flat:foreign",
    "nmod:desc",
    "nmod:npmod",
    "nmod:poss",
    "nmod:tmod",
    "nmod:unmarked",
    "nsubj:outer",
    "nsubj:pass",
    "obl:agent",
    "obl:npmod",
    "obl:tmod",
    "obl:unmarked",
};

static int lookup(const char *const *names, int n, const char *s, size_t len)
{
    for (int i = 0; i < n; i++)
        if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
            return i;
    return -1;
}

int kg_upos_lookup(const char *name, size_t len)
{
    return lookup(kg_upos_names, KG_UPOS_COUNT, name, len);
}

int kg_xpos_lookup(const char *name, size_t len)
{
    return lookup(kg_xpos_names, KG_XPOS_COUNT, name, len);
}

int kg_deprel_lookup(const char *name, size_t len)
{
    return lookup(kg_deprel_names, KG_DEP_COUNT, name, len);
}

static int base_of(int deprel)
{
    const char *name = kg_deprel_names[deprel];
    const char *colon = strchr(name, ':');
    if (!colon)
        return deprel;
    int base = kg_deprel_lookup(name, (size_t)(colon - name));
    return base < 0 ? deprel : base;
}

/* The extractor asks for a base relation for most tokens it looks at:
 * the answers are worked out once per process. */
static pthread_once_t bases_once = PTHREAD_ONCE_INIT;
static int bases[KG_DEP_COUNT];

static void find_bases(void)
{
    for (int i = 1; i < KG_DEP_COUNT; i++)
        bases[i] = base_of(i);
}

int kg_deprel_base(int deprel)
{
    if (deprel <= 0 || deprel >= KG_DEP_COUNT)
        return 0;
    pthread_once(&bases_once, find_bases);
    return bases[deprel];
}
