/*
 * ontology_stub.c - stand-ins for two src/ontology/ontology.c functions the
 * graph and the DOT writer call, until the real loader is merged.  Weak, so
 * the real definitions win as soon as they exist.  REMOVE after merging
 * wt-ontology.
 */
#include <string.h>

#include "ontology/ontology.h"

__attribute__((weak)) bool kg_ontology_is_a(const kg_ontology *o, int cls,
                                            int ancestor)
{
    for (int c = cls, guard = 0; c >= 0 && guard < 64; guard++) {
        if (c == ancestor)
            return true;
        c = o->classes[c].parent;
    }
    return false;
}

__attribute__((weak)) const char *kg_ontology_class_style(const kg_ontology *o,
                                                          int cls,
                                                          const char *key)
{
    for (int c = cls, guard = 0; c >= 0 && guard < 64; guard++) {
        const kg_class *k = &o->classes[c];
        const char *v = !strcmp(key, "shape")       ? k->shape
                        : !strcmp(key, "color")     ? k->color
                        : !strcmp(key, "fillcolor") ? k->fillcolor
                        : !strcmp(key, "fontcolor") ? k->fontcolor
                                                    : NULL;
        if (v)
            return v;
        c = k->parent;
    }
    return NULL;
}
