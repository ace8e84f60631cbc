/*
 * tags.h - fixed label tables: UD universal POS tags, Penn Treebank tags as
 * used in UD English EWT, and UD dependency relations with the subtypes
 * that occur in EWT (plus a few from earlier releases).
 *
 * The indices are part of kgraph's interface: tokens store them
 * (kg_token.upos / xpos / deprel), the relation-extraction stage codes
 * against the constants below, and the model files map their own label
 * tables onto these by name.  Append new labels at the end of a table;
 * never reorder.  Index 0 of each table is "_" (unknown / not set).
 */
#ifndef KG_TAGS_H
#define KG_TAGS_H

#include <stddef.h>
#include <stdint.h>

enum kg_upos {
    KG_UPOS_NONE = 0,
    KG_UPOS_ADJ = 1,
    KG_UPOS_ADP = 2,
    KG_UPOS_ADV = 3,
    KG_UPOS_AUX = 4,
    KG_UPOS_CCONJ = 5,
    KG_UPOS_DET = 6,
    KG_UPOS_INTJ = 7,
    KG_UPOS_NOUN = 8,
    KG_UPOS_NUM = 9,
    KG_UPOS_PART = 10,
    KG_UPOS_PRON = 11,
    KG_UPOS_PROPN = 12,
    KG_UPOS_PUNCT = 13,
    KG_UPOS_SCONJ = 14,
    KG_UPOS_SYM = 15,
    KG_UPOS_VERB = 16,
    KG_UPOS_X = 17,
    KG_UPOS_COUNT = 18
};

enum kg_xpos {
    KG_XPOS_NONE = 0,
    KG_XPOS_DOLLAR = 1, /* $ */
    KG_XPOS_CLOSE_QUOTE = 2, /* '' */
    KG_XPOS_COMMA = 3, /* , */
    KG_XPOS_LRB = 4, /* -LRB- */
    KG_XPOS_RRB = 5, /* -RRB- */
    KG_XPOS_PERIOD = 6, /* . */
    KG_XPOS_COLON = 7, /* : */
    KG_XPOS_ADD = 8, /* ADD */
    KG_XPOS_AFX = 9, /* AFX */
    KG_XPOS_CC = 10, /* CC */
    KG_XPOS_CD = 11, /* CD */
    KG_XPOS_DT = 12, /* DT */
    KG_XPOS_EX = 13, /* EX */
    KG_XPOS_FW = 14, /* FW */
    KG_XPOS_GW = 15, /* GW */
    KG_XPOS_HYPH = 16, /* HYPH */
    KG_XPOS_IN = 17, /* IN */
    KG_XPOS_JJ = 18, /* JJ */
    KG_XPOS_JJR = 19, /* JJR */
    KG_XPOS_JJS = 20, /* JJS */
    KG_XPOS_LS = 21, /* LS */
    KG_XPOS_MD = 22, /* MD */
    KG_XPOS_NFP = 23, /* NFP */
    KG_XPOS_NN = 24, /* NN */
    KG_XPOS_NNP = 25, /* NNP */
    KG_XPOS_NNPS = 26, /* NNPS */
    KG_XPOS_NNS = 27, /* NNS */
    KG_XPOS_PDT = 28, /* PDT */
    KG_XPOS_POS = 29, /* POS */
    KG_XPOS_PRP = 30, /* PRP */
    KG_XPOS_PRPS = 31, /* PRP$ */
    KG_XPOS_RB = 32, /* RB */
    KG_XPOS_RBR = 33, /* RBR */
    KG_XPOS_RBS = 34, /* RBS */
    KG_XPOS_RP = 35, /* RP */
    KG_XPOS_SYM = 36, /* SYM */
    KG_XPOS_TO = 37, /* TO */
    KG_XPOS_UH = 38, /* UH */
    KG_XPOS_VB = 39, /* VB */
    KG_XPOS_VBD = 40, /* VBD */
    KG_XPOS_VBG = 41, /* VBG */
    KG_XPOS_VBN = 42, /* VBN */
    KG_XPOS_VBP = 43, /* VBP */
    KG_XPOS_VBZ = 44, /* VBZ */
    KG_XPOS_WDT = 45, /* WDT */
    KG_XPOS_WP = 46, /* WP */
    KG_XPOS_WPS = 47, /* WP$ */
    KG_XPOS_WRB = 48, /* WRB */
    KG_XPOS_XX = 49, /* XX */
    KG_XPOS_OPEN_QUOTE = 50, /* `` */
    KG_XPOS_COUNT = 51
};

enum kg_deprel {
    KG_DEP_NONE = 0,
    KG_DEP_ACL = 1,
    KG_DEP_ADVCL = 2,
    KG_DEP_ADVMOD = 3,
    KG_DEP_AMOD = 4,
    KG_DEP_APPOS = 5,
    KG_DEP_AUX = 6,
    KG_DEP_CASE = 7,
    KG_DEP_CC = 8,
    KG_DEP_CCOMP = 9,
    KG_DEP_CLF = 10,
    KG_DEP_COMPOUND = 11,
    KG_DEP_CONJ = 12,
    KG_DEP_COP = 13,
    KG_DEP_CSUBJ = 14,
    KG_DEP_DEP = 15,
    KG_DEP_DET = 16,
    KG_DEP_DISCOURSE = 17,
    KG_DEP_DISLOCATED = 18,
    KG_DEP_EXPL = 19,
    KG_DEP_FIXED = 20,
    KG_DEP_FLAT = 21,
    KG_DEP_GOESWITH = 22,
    KG_DEP_IOBJ = 23,
    KG_DEP_LIST = 24,
    KG_DEP_MARK = 25,
    KG_DEP_NMOD = 26,
    KG_DEP_NSUBJ = 27,
    KG_DEP_NUMMOD = 28,
    KG_DEP_OBJ = 29,
    KG_DEP_OBL = 30,
    KG_DEP_ORPHAN = 31,
    KG_DEP_PARATAXIS = 32,
    KG_DEP_PUNCT = 33,
    KG_DEP_REPARANDUM = 34,
    KG_DEP_ROOT = 35,
    KG_DEP_VOCATIVE = 36,
    KG_DEP_XCOMP = 37,
    KG_DEP_ACL_RELCL = 38,
    KG_DEP_ADVCL_RELCL = 39,
    KG_DEP_AUX_PASS = 40,
    KG_DEP_CC_PRECONJ = 41,
    KG_DEP_COMPOUND_PRT = 42,
    KG_DEP_CSUBJ_OUTER = 43,
    KG_DEP_CSUBJ_PASS = 44,
    KG_DEP_DET_PREDET = 45,
    KG_DEP_FLAT_FOREIGN = 46,
    KG_DEP_NMOD_DESC = 47,
    KG_DEP_NMOD_NPMOD = 48,
    KG_DEP_NMOD_POSS = 49,
    KG_DEP_NMOD_TMOD = 50,
    KG_DEP_NMOD_UNMARKED = 51,
    KG_DEP_NSUBJ_OUTER = 52,
    KG_DEP_NSUBJ_PASS = 53,
    KG_DEP_OBL_AGENT = 54,
    KG_DEP_OBL_NPMOD = 55,
    KG_DEP_OBL_TMOD = 56,
    KG_DEP_OBL_UNMARKED = 57,
    KG_DEP_COUNT = 58
};

extern const char *const kg_upos_names[KG_UPOS_COUNT];
extern const char *const kg_xpos_names[KG_XPOS_COUNT];
extern const char *const kg_deprel_names[KG_DEP_COUNT];

/* Index of a name (exact, case-sensitive), or -1 when unknown.  "_" gives 0. */
int kg_upos_lookup(const char *name, size_t len);
int kg_xpos_lookup(const char *name, size_t len);
int kg_deprel_lookup(const char *name, size_t len);

/* The universal relation of a relation ("nsubj:pass" -> "nsubj"); LAS in the
 * CoNLL 2018 sense compares these. */
int kg_deprel_base(int deprel);

#endif
