/*
 * test_dot.c - the DOT writer and the in-process SVG renderer.
 *
 * With KG_DOT_FIXTURES=DIR set, main() first writes the fixture pictures
 * (tiny, korea, hostile, empty; .dot and .svg) into DIR for
 * tests/dot/run.sh, which checks them with the dot command and python.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cgraph.h>
#include <cmocka.h>

#include "support/graph_fixture.h"
#include "write/dot.h"

typedef int (*fixture_fn)(kg_graph *, kg_diag *);

/* A finalized fixture graph with its ontology. */
typedef struct world {
    kg_ontology *o;
    kg_graph g;
    kg_diag d;
} world;

static void world_open(world *w, fixture_fn f)
{
    kg_diag_init(&w->d, NULL);
    w->o = kg_fixture_ontology();
    assert_non_null(w->o);
    assert_int_equal(kg_graph_init(&w->g, w->o, NULL, &w->d), 0);
    int rc = f ? f(&w->g, &w->d) : kg_graph_finalize(&w->g, &w->d);
    if (rc != 0)
        fail_msg("fixture: %s", w->d.first);
}

static void world_close(world *w)
{
    kg_graph_release(&w->g);
    kg_fixture_ontology_free(w->o);
}

/* Render; the result is NUL-terminated and must be freed. */
static char *render_opt(world *w, const kg_dot_options *opt)
{
    kg_buf b;
    kg_buf_init(&b);
    if (kg_dot_write(&w->g, opt, &b, &w->d) != 0)
        fail_msg("kg_dot_write: %s", w->d.first);
    assert_int_equal(w->d.nerrors, 0);
    assert_true(b.len > 0);
    char *s = kg_buf_detach(&b, NULL);
    assert_non_null(s);
    return s;
}

static char *render(world *w, int format, const char *layout)
{
    kg_dot_options opt;
    kg_dot_options_init(&opt);
    opt.format = format;
    opt.layout = layout;
    return render_opt(w, &opt);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

#define assert_contains(hay, needle)                                           \
    do {                                                                       \
        if (!strstr((hay), (needle)))                                          \
            fail_msg("missing: %s", (needle));                                 \
    } while (0)
#define assert_lacks(hay, needle)                                              \
    do {                                                                       \
        if (strstr((hay), (needle)))                                           \
            fail_msg("unexpected: %s", (needle));                              \
    } while (0)

/* --- a small XML well-formedness checker ----------------------------------- */

static int xml_char_ok(unsigned long c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Length of a valid UTF-8 sequence at s with an XML-legal code point, or 0. */
static size_t utf8_ok(const unsigned char *s)
{
    unsigned long c;
    size_t n;
    if (s[0] < 0x80)
        return xml_char_ok(s[0]) ? 1 : 0;
    if ((s[0] & 0xE0) == 0xC0)
        c = s[0] & 0x1F, n = 2;
    else if ((s[0] & 0xF0) == 0xE0)
        c = s[0] & 0x0F, n = 3;
    else if ((s[0] & 0xF8) == 0xF0)
        c = s[0] & 0x07, n = 4;
    else
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    static const unsigned long min[] = {0, 0, 0x80, 0x800, 0x10000};
    return c >= min[n] && xml_char_ok(c) ? n : 0;
}

/* Length of a valid reference at s ("&amp;", "&#10;"), or 0. */
static size_t xml_ref(const char *s)
{
    static const char *const named[] = {"&amp;", "&lt;", "&gt;", "&quot;",
                                        "&apos;"};
    for (size_t i = 0; i < 5; i++)
        if (!strncmp(s, named[i], strlen(named[i])))
            return strlen(named[i]);
    if (s[1] != '#')
        return 0;
    int hex = s[2] == 'x';
    const char *p = s + 2 + hex;
    char *end;
    unsigned long c = strtoul(p, &end, hex ? 16 : 10);
    if (end == p || *end != ';' || !xml_char_ok(c))
        return 0;
    return (size_t)(end + 1 - s);
}

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-' || c == ':' ||
           c == '.';
}

/* 0 if doc is well-formed XML (the subset Graphviz writes), else the
 * byte offset + 1 of the first problem. */
static size_t xml_check(const char *doc)
{
    const char *stack[256];
    size_t lens[256];
    int depth = 0, roots = 0;
    const char *p = doc;
    while (*p) {
        size_t n = utf8_ok((const unsigned char *)p);
        if (!n)
            return (size_t)(p - doc) + 1;
        if (*p == '&') {
            if (!(n = xml_ref(p)))
                return (size_t)(p - doc) + 1;
            p += n;
        } else if (*p == '>') {
            return (size_t)(p - doc) + 1;
        } else if (!strncmp(p, "<?", 2)) {
            const char *e = strstr(p, "?>");
            if (!e)
                return (size_t)(p - doc) + 1;
            p = e + 2;
        } else if (!strncmp(p, "<!--", 4)) {
            const char *e = strstr(p + 4, "--");
            if (!e || e[2] != '>')
                return (size_t)(p - doc) + 1;
            p = e + 3;
        } else if (!strncmp(p, "<!DOCTYPE", 9)) {
            const char *e = strchr(p, '>');
            if (!e || depth)
                return (size_t)(p - doc) + 1;
            p = e + 1;
        } else if (!strncmp(p, "</", 2)) {
            const char *name = p + 2, *e = name;
            while (is_name_char(*e))
                e++;
            if (*e != '>' || depth == 0 || lens[depth - 1] != (size_t)(e - name) ||
                strncmp(stack[depth - 1], name, lens[depth - 1]))
                return (size_t)(p - doc) + 1;
            depth--;
            p = e + 1;
        } else if (*p == '<') {
            const char *name = p + 1, *e = name;
            while (is_name_char(*e))
                e++;
            if (e == name || depth == 256 || (depth == 0 && roots++))
                return (size_t)(p - doc) + 1;
            stack[depth] = name;
            lens[depth] = (size_t)(e - name);
            /* attributes: name="value" with a valid value */
            for (;;) {
                while (*e == ' ' || *e == '\n' || *e == '\t' || *e == '\r')
                    e++;
                if (*e == '>' || !strncmp(e, "/>", 2))
                    break;
                const char *an = e;
                while (is_name_char(*e))
                    e++;
                if (e == an || *e != '=' || (e[1] != '"' && e[1] != '\''))
                    return (size_t)(e - doc) + 1;
                char q = e[1];
                e += 2;
                while (*e != q) {
                    size_t k = utf8_ok((const unsigned char *)e);
                    if (!*e || *e == '<' || !k)
                        return (size_t)(e - doc) + 1;
                    if (*e == '&' && !(k = xml_ref(e)))
                        return (size_t)(e - doc) + 1;
                    e += k;
                }
                e++;
            }
            if (*e == '>')
                depth++;
            p = e + (*e == '>' ? 1 : 2);
        } else {
            p += n;
        }
    }
    return depth == 0 && roots == 1 ? 0 : (size_t)(p - doc) + 1;
}

static void assert_well_formed(const char *svg)
{
    size_t bad = xml_check(svg);
    if (bad)
        fail_msg("SVG not well-formed at byte %zu: %.60s", bad - 1,
                 svg + bad - 1);
}

static void test_xml_checker_rejects(void **state)
{
    (void)state;
    assert_int_equal(xml_check("<a x=\"1\"><b/>t &amp; &#10;</a>"), 0);
    assert_true(xml_check("<a>&#0;</a>") != 0);
    assert_true(xml_check("<a>&foo;</a>") != 0);
    assert_true(xml_check("<a>x < y</a>") != 0);
    assert_true(xml_check("<a x=\"<\"></a>") != 0);
    assert_true(xml_check("<a><b></a>") != 0);
    assert_true(xml_check("<a><!-- x -- y --></a>") != 0);
    assert_true(xml_check("<a>\x01</a>") != 0);
    assert_true(xml_check("<a>\xff</a>") != 0);
    assert_true(xml_check("<a/><b/>") != 0);
}

/* --- DOT re-read ------------------------------------------------------------ */

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void dump_attrs(kg_buf *b, Agraph_t *g, int kind, void *obj)
{
    for (Agsym_t *sym = agnxtattr(g, kind, NULL); sym;
         sym = agnxtattr(g, kind, sym))
        assert_int_equal(kg_buf_printf(b, " %s=[%s]", sym->name,
                                       agxget(obj, sym)), 0);
}

/* Every object of g with all its attribute values, one line each,
 * sorted: equal for graphs with the same content in any order. */
static char *canon(Agraph_t *g)
{
    size_t n = 1 + (size_t)agnnodes(g) + (size_t)agnedges(g), k = 0;
    char **lines = calloc(n, sizeof *lines);
    assert_non_null(lines);
    kg_buf b;
    kg_buf_init(&b);
    dump_attrs(&b, g, AGRAPH, g);
    lines[k++] = kg_buf_detach(&b, NULL);
    for (Agnode_t *v = agfstnode(g); v; v = agnxtnode(g, v)) {
        assert_int_equal(kg_buf_printf(&b, "node %s", agnameof(v)), 0);
        dump_attrs(&b, g, AGNODE, v);
        lines[k++] = kg_buf_detach(&b, NULL);
        for (Agedge_t *e = agfstout(g, v); e; e = agnxtout(g, e)) {
            assert_int_equal(kg_buf_printf(&b, "edge %s -> %s",
                                           agnameof(agtail(e)),
                                           agnameof(aghead(e))), 0);
            dump_attrs(&b, g, AGEDGE, e);
            lines[k++] = kg_buf_detach(&b, NULL);
        }
    }
    assert_int_equal(k, n);
    qsort(lines, n, sizeof *lines, cmp_line);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(kg_buf_printf(&b, "%s\n", lines[i]), 0);
        free(lines[i]);
    }
    free(lines);
    return kg_buf_detach(&b, NULL);
}

/* Parse DOT with cgraph: the counts must match, and writing the graph
 * again and reading that must give the same values (the lexer kept every
 * value as written).  Returns the graph for further checks. */
static Agraph_t *dot_reread(const char *dot, int nodes, int edges)
{
    Agraph_t *ag = agmemread(dot);
    assert_non_null(ag);
    assert_int_equal(agnnodes(ag), nodes);
    assert_int_equal(agnedges(ag), edges);
    char *again = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&again, &len);
    assert_non_null(f);
    assert_int_not_equal(agwrite(ag, f), EOF);
    fclose(f);
    Agraph_t *ag2 = agmemread(again);
    assert_non_null(ag2);
    char *c1 = canon(ag), *c2 = canon(ag2);
    assert_string_equal(c1, c2);
    free(c1);
    free(c2);
    free(again);
    agclose(ag2);
    return ag;
}

static void assert_dot_rereads(const char *dot, int nodes, int edges)
{
    agclose(dot_reread(dot, nodes, edges));
}

/* The value of attribute name of node node_name after a re-read. */
static void assert_node_attr(Agraph_t *ag, const char *node_name,
                             const char *name, const char *want)
{
    Agnode_t *v = agnode(ag, (char *)node_name, 0);
    if (!v)
        fail_msg("no node %s", node_name);
    assert_string_equal(agget(v, (char *)name), want);
}

/* --- tests ------------------------------------------------------------------ */

static void test_tiny_dot(void **state)
{
    (void)state;
    world w;
    world_open(&w, kg_fixture_tiny);
    char *dot = render(&w, KG_DOT_DOT, NULL);
    assert_true(!strncmp(dot, "digraph kgraph {\n", 17));
    assert_contains(dot, "\t\tlayout=dot,\n");
    assert_contains(dot, "\t\trankdir=TB,\n");
    assert_contains(dot, "\t\tfontname=\"DejaVu Sans\",\n");
    assert_contains(dot,
        "\tkim_eui_keum\t[URL=\"http://example.org/news/entity/kim_eui_keum\",\n"
        "\t\tcolor=\"#c98a2b\",\n"
        "\t\tfillcolor=\"#fde9c9\",\n"
        "\t\tid=kim_eui_keum,\n"
        "\t\tlabel=\"Kim Eui-keum\",\n"
        "\t\tshape=ellipse,\n"
        "\t\ttooltip=Person];\n");
    assert_contains(dot, "\t\ttooltip=\"Person\\nalso: Moon\"];\n");
    assert_contains(dot, "\tkim_eui_keum -> moon_jae_in\t[URL=\"http://"
                         "example.org/news/stmt/");
    assert_contains(dot, "\t\tlabel=\"spokesperson of\",\n");
    assert_contains(dot, "\t\ttooltip=\"Kim Eui-keum \xe2\x80\x94 spokesperson"
                         " of \xe2\x86\x92 Moon Jae-in\\n\xe2\x80\xa2 Kim "
                         "Eui-keum, Moon's spokesman, spoke.\\nconfidence "
                         "0.90\"];\n");
    /* Seoul has no relation: counted, not drawn. */
    assert_lacks(dot, "seoul");
    assert_contains(dot, "Test \xc2\xb7 4 entities, 2 relations; 1 more "
                         "entity without relations not shown");
    assert_contains(dot, "<b>Tiny</b>");
    assert_contains(dot, ">Person (4)</font>");
    assert_dot_rereads(dot, 4, 2);
    free(dot);
    world_close(&w);
}

static void test_tiny_svg(void **state)
{
    (void)state;
    world w;
    world_open(&w, kg_fixture_tiny);
    char *svg = render(&w, KG_DOT_SVG, NULL);
    assert_well_formed(svg);
    assert_contains(svg, "<svg ");
    assert_contains(svg, ">Kim Eui&#45;keum</text>");
    assert_contains(svg, ">spokesperson of</text>");
    assert_contains(svg, "<g id=\"moon_jae_in\" class=\"node\">");
    assert_contains(svg, "xlink:href=\"http://example.org/news/entity/"
                         "moon_jae_in\" xlink:title=\"Person&#10;also: Moon\"");
    assert_contains(svg, "font-family=\"DejaVu Sans\"");
    assert_int_equal(count(svg, "class=\"node\""), 4);
    assert_int_equal(count(svg, "class=\"edge\""), 2);
    free(svg);
    world_close(&w);
}

static void test_korea(void **state)
{
    (void)state;
    world w;
    world_open(&w, kg_fixture_korea);
    size_t drawn = 0;
    for (size_t i = 0; i < w.g.nnodes; i++) {
        bool linked = false;
        for (size_t j = 0; j < w.g.nedges; j++)
            linked |= w.g.edges[j].subj == i || w.g.edges[j].obj == i;
        drawn += linked;
    }
    assert_int_equal(w.g.nnodes - drawn, 2); /* Korean War, This Week */
    char *dot = render(&w, KG_DOT_DOT, NULL);
    assert_dot_rereads(dot, (int)drawn, (int)w.g.nedges);
    /* Reported by one source, denied by another: dashed, both named. */
    assert_contains(dot, "label=\"violates\\n(according to Chosun Ilbo;\\n"
                         "denied by Kim Eui-keum)\",");
    assert_contains(dot, "label=\"visits\\n(according to The Straits "
                         "Times)\",");
    assert_int_equal(count(dot, "style=dashed"), 7);
    /* Four sentences for "leader of" (three in the tooltip), two for
     * "president of". */
    assert_contains(dot, "\tkim_jong_un -> north_korea\t[URL=");
    assert_contains(dot, "penwidth=2.8");
    assert_contains(dot, "penwidth=1.6");
    /* Inverse relation folded into spokesperson_of, two sentences. */
    assert_int_equal(count(dot, "label=\"spokesperson of\""), 1);
    assert_contains(dot, "(+1 more sentence)");
    assert_contains(dot, "29 entities, 45 relations; 2 more entities "
                         "without relations not shown");
    assert_contains(dot, ">Country (5)</font>");
    assert_contains(dot, ">Other (1)</font>");
    assert_contains(dot, "dashed grey arrows");
    free(dot);

    char *svg = render(&w, KG_DOT_SVG, NULL);
    assert_well_formed(svg);
    assert_contains(svg, ">Moon Jae&#45;in</text>");
    assert_contains(svg, "stroke-dasharray");
    assert_int_equal(count(svg, "class=\"node\""), drawn);
    assert_int_equal(count(svg, "class=\"edge\""), w.g.nedges);
    free(svg);
    world_close(&w);
}

static void test_deterministic(void **state)
{
    (void)state;
    for (int f = KG_DOT_DOT; f <= KG_DOT_SVG; f++) {
        world w1, w2;
        world_open(&w1, kg_fixture_korea);
        world_open(&w2, kg_fixture_korea);
        char *a = render(&w1, f, NULL);
        char *b = render(&w2, f, NULL);
        char *c = render(&w1, f, NULL);
        assert_string_equal(a, b);
        assert_string_equal(a, c);
        free(a);
        free(b);
        free(c);
        world_close(&w1);
        world_close(&w2);
    }
}

static void test_hostile(void **state)
{
    (void)state;
    world w;
    world_open(&w, kg_fixture_hostile);
    char *dot = render(&w, KG_DOT_DOT, NULL);
    /* The values read back are the ones written. */
    Agraph_t *ag = dot_reread(dot, (int)w.g.nnodes, (int)w.g.nedges);
    assert_node_attr(ag, "ends_with", "label", "ends with \\\\ ");
    assert_node_attr(ag, "ends_with", "tooltip",
                     "Organization\\nalso: \\\\\\\\N\\\\\\\\G\\\\\\\\E");
    assert_node_attr(ag, "say_hi_tag_x", "label",
                     "Say \"hi\" \\\\ <tag> &amp;\\n'x'");
    assert_node_attr(ag, "smile", "label",
                     "\xf0\x9f\x98\x80 Smile \xf0\x9f\x87\xb0\xf0\x9f\x87\xb7");
    agclose(ag);
    /* Backslashes doubled in labels; a trailing one gets a space so the
     * closing quote is not escaped. */
    assert_contains(dot, "label=\"ends with \\\\ \"");
    assert_contains(dot, "label=\"Say \\\"hi\\\" \\\\ <tag> &amp;\\n'x'\"");
    /* Control characters and line breaks became spaces; bad UTF-8 U+FFFD. */
    assert_contains(dot, "label=\"line one line two\\n{ [ ] } ; = \\\"\"");
    assert_contains(dot, "label=\"ctl x y\"");
    assert_contains(dot, "label=\"bad \xef\xbf\xbd\xef\xbf\xbd utf8 "
                         "\xef\xbf\xbd\"");
    /* Denied without a speaker: just "not". */
    assert_contains(dot, "label=\"not ends in \\\\ \"");
    for (const char *p = dot; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t')
            fail_msg("control character 0x%02x in DOT", *p);
    free(dot);

    char *svg = render(&w, KG_DOT_SVG, NULL);
    assert_well_formed(svg);
    assert_contains(svg, ">Say &quot;hi&quot; \\ &lt;tag&gt; &amp;</text>");
    assert_contains(svg, ">ends with \\ </text>");
    assert_contains(svg, ">&lt;table&gt;&lt;tr&gt;&lt;td&gt;&amp;amp;&lt;/td&gt;"
                         "&lt;/tr&gt;&lt;/table&gt;</text>");
    assert_contains(svg, "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd8\xb9\xd8\xb1"
                         "\xd8\xa8\xd9\x8a</text>");
    assert_contains(svg, ">\xf0\x9f\x98\x80 Smile");
    /* Tooltip text survives Graphviz's escape processing literally. */
    assert_contains(svg, "He said &quot;a\\b&quot; &lt;b&gt;&amp;amp;&lt;/b&gt;"
                         " &amp;#0; &amp; &amp;foo; ]]&gt; &#45;&#45; \\N \\G"
                         " \\ second line third end\\&#10;");
    assert_contains(svg, "xlink:title=\"Organization&#10;also: \\N\\G\\E\"");
    assert_contains(svg, ">Hostile &quot;title&quot; &lt;b&gt;&amp;amp;&lt;"
                         "/b&gt; \\ \xf0\x9f\x98\x80 2nd</text>");
    free(svg);
    world_close(&w);
}

static void test_empty(void **state)
{
    (void)state;
    for (int legend = 0; legend <= 1; legend++) {
        world w;
        world_open(&w, NULL);
        kg_dot_options opt;
        kg_dot_options_init(&opt);
        opt.legend = legend;
        char *dot = render_opt(&w, &opt);
        assert_dot_rereads(dot, 0, 0);
        if (legend)
            assert_contains(dot, "<b>Knowledge graph</b>");
        else
            assert_lacks(dot, "label=");
        free(dot);
        opt.format = KG_DOT_SVG;
        char *svg = render_opt(&w, &opt);
        assert_well_formed(svg);
        assert_int_equal(count(svg, "class=\"node\""), 0);
        free(svg);
        world_close(&w);
    }
}

static void test_options(void **state)
{
    (void)state;
    world w;
    world_open(&w, kg_fixture_tiny);
    kg_dot_options opt;
    kg_dot_options_init(&opt);
    opt.isolated = true;
    opt.title = "My <map>";
    opt.fontname = "DejaVu Serif";
    char *dot = render_opt(&w, &opt);
    assert_contains(dot, "\tseoul\t[");
    assert_contains(dot, "5 entities, 2 relations</font>");
    assert_contains(dot, "<b>My &lt;map&gt;</b>");
    assert_contains(dot, ">Tiny <font color=\"#737373\">(Test)</font>");
    assert_contains(dot, "fontname=\"DejaVu Serif\"");
    assert_dot_rereads(dot, 5, 2);
    free(dot);
    opt.legend = false;
    dot = render_opt(&w, &opt);
    assert_lacks(dot, "<table");
    free(dot);
    world_close(&w);
}

static void test_layouts(void **state)
{
    (void)state;
    static const char *const layouts[] = {"dot",  "neato", "fdp",
                                          "sfdp", "circo", "twopi"};
    world w;
    world_open(&w, kg_fixture_korea);
    for (size_t i = 0; i < 6; i++) {
        assert_true(kg_dot_layout_known(layouts[i]));
        char *dot = render(&w, KG_DOT_DOT, layouts[i]);
        char want[64];
        snprintf(want, sizeof want, "\t\tlayout=%s,\n", layouts[i]);
        assert_contains(dot, want);
        free(dot);
        char *svg = render(&w, KG_DOT_SVG, layouts[i]);
        assert_well_formed(svg);
        assert_int_equal(count(svg, "class=\"edge\""), w.g.nedges);
        free(svg);
    }
    world_close(&w);
}

static void test_errors(void **state)
{
    (void)state;
    world w;
    world_open(&w, kg_fixture_tiny);
    kg_dot_options opt;
    kg_dot_options_init(&opt);
    opt.layout = "osage";
    kg_buf b;
    kg_buf_init(&b);
    assert_false(kg_dot_layout_known("osage"));
    assert_false(kg_dot_layout_known(NULL));
    assert_int_equal(kg_dot_write(&w.g, &opt, &b, &w.d), -1);
    assert_string_equal(w.d.first, "kgraph: error: unknown layout 'osage' "
                                   "(expected dot, neato, fdp, sfdp, circo "
                                   "or twopi)");
    assert_int_equal(b.len, 0);
    kg_diag_reset(&w.d);
    opt.layout = NULL;
    w.g.finalized = false;
    assert_int_equal(kg_dot_write(&w.g, &opt, &b, &w.d), -1);
    assert_string_equal(w.d.first, "kgraph: error: the graph must be "
                                   "finalized before it is drawn");
    assert_int_equal(b.len, 0);
    kg_buf_release(&b);
    world_close(&w);
}

/* Untyped entities take the style of a class named Thing when the
 * ontology has one; class labels are capitalised for people. */
static void test_class_fallbacks(void **state)
{
    (void)state;
    world w;
    world_open(&w, kg_fixture_korea);
    char *dot = render(&w, KG_DOT_DOT, NULL);
    assert_contains(dot, "\tsanctions\t[URL=\"http://example.org/news/entity/"
                         "sanctions\",\n\t\tid=sanctions,\n\t\tlabel=sanctions,"
                         "\n\t\tstyle=\"filled,rounded\",\n\t\ttooltip=Other];");
    free(dot);
    kg_class *event = &w.o->classes[kg_fixture_class(w.o, "Event")];
    event->name = "Thing";
    kg_class *person = &w.o->classes[kg_fixture_class(w.o, "Person")];
    person->label = "person";
    dot = render(&w, KG_DOT_DOT, NULL);
    assert_contains(dot, "\tsanctions\t[URL=\"http://example.org/news/entity/"
                         "sanctions\",\n\t\tcolor=\"#b84a3a\",\n\t\tfillcolor="
                         "\"#f9d9d2\",\n\t\tid=sanctions,\n\t\tlabel=sanctions,"
                         "\n\t\tshape=octagon,\n\t\ttooltip=Event];");
    assert_contains(dot, ">Event (2)</font>");
    assert_lacks(dot, ">Other (");
    assert_contains(dot, ">Person (8)</font>");
    assert_contains(dot, "tooltip=\"Person\\nalso: Moon, President Moon Jae-in\"");
    free(dot);
    world_close(&w);
}

/* A style Graphviz does not know is its warning, not an error; hostile
 * style strings still give valid DOT. */
static void test_bad_style(void **state)
{
    (void)state;
    world w;
    world_open(&w, kg_fixture_tiny);
    char *msgs = NULL;
    size_t len = 0;
    w.d.warn_out = open_memstream(&msgs, &len);
    assert_non_null(w.d.warn_out);
    kg_class *person = &w.o->classes[kg_fixture_class(w.o, "Person")];
    person->fillcolor = "notacolor";
    person->shape = "blob\"\x01\\";
    char *dot = render(&w, KG_DOT_DOT, NULL);
    assert_contains(dot, "\t\tshape=\"blob\\\" \\ \",\n");
    assert_dot_rereads(dot, 4, 2);
    free(dot);
    char *svg = render(&w, KG_DOT_SVG, NULL);
    assert_well_formed(svg);
    free(svg);
    fclose(w.d.warn_out);
    assert_true(w.d.nwarnings > 0);
    assert_contains(msgs, "kgraph: warning: graphviz: notacolor is not a "
                          "known color.\n");
    assert_contains(msgs, "kgraph: warning: graphviz: using box for unknown "
                          "shape blob\" \\\n");
    free(msgs);
    world_close(&w);
}

/* Two IRIs with the same last segment get distinct, stable ids. */
static void test_id_collision(void **state)
{
    (void)state;
    world w;
    kg_diag_init(&w.d, NULL);
    w.o = kg_fixture_ontology();
    assert_non_null(w.o);
    w.o->entities = kg_arena_calloc(&w.o->arena, 1, sizeof *w.o->entities);
    assert_non_null(w.o->entities);
    w.o->nentities = 1;
    kg_entity *e = &w.o->entities[0];
    e->id = "moon_jae_in";
    e->iri = "http://other.org/ns#moon_jae_in";
    e->label = "Moon (other)";
    e->cls = kg_fixture_class(w.o, "Person");
    e->stands_for = -1;
    assert_int_equal(kg_graph_init(&w.g, w.o, NULL, &w.d), 0);
    int a = kg_graph_entity_node(&w.g, 0, &w.d);
    int b = kg_graph_name_node(&w.g, "Moon Jae-in", 11, e->cls, &w.d);
    kg_prov p;
    memset(&p, 0, sizeof p);
    p.attributed_to = -1;
    p.text = "Moon met Moon.";
    assert_true(kg_graph_add_triple(&w.g, a, -1, "met", b, &p, 14, &w.d) >= 0);
    assert_int_equal(kg_graph_finalize(&w.g, &w.d), 0);
    char *dot = render(&w, KG_DOT_DOT, NULL);
    assert_contains(dot, "\tmoon_jae_in\t[URL=\"http://example.org/news/"
                         "entity/moon_jae_in\",");
    const char *other = strstr(dot, "\tmoon_jae_in_");
    assert_non_null(other);
    assert_contains(other, "[URL=\"http://other.org/ns#moon_jae_in\",");
    assert_dot_rereads(dot, 2, 1);
    char *again = render(&w, KG_DOT_DOT, NULL);
    assert_string_equal(dot, again);
    free(again);
    free(dot);
    world_close(&w);
}

/* Appends to out without touching what is there. */
static void test_appends(void **state)
{
    (void)state;
    world w;
    world_open(&w, kg_fixture_tiny);
    kg_buf b;
    kg_buf_init(&b);
    assert_int_equal(kg_buf_puts(&b, "// head\n"), 0);
    assert_int_equal(kg_dot_write(&w.g, NULL, &b, &w.d), 0);
    assert_true(!strncmp(b.data, "// head\ndigraph kgraph {", 24));
    kg_buf_release(&b);
    world_close(&w);
}

/* --- fixtures for tests/dot/run.sh ------------------------------------------ */

static int write_file(const char *dir, const char *name, const char *data)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = strlen(data);
    int rc = fwrite(data, 1, n, f) == n ? 0 : -1;
    return fclose(f) == 0 ? rc : -1;
}

static int write_fixtures(const char *dir)
{
    static const struct {
        const char *name;
        fixture_fn fn;
    } fx[] = {{"tiny", kg_fixture_tiny},
              {"korea", kg_fixture_korea},
              {"hostile", kg_fixture_hostile},
              {"empty", NULL}};
    for (size_t i = 0; i < 4; i++) {
        for (int f = KG_DOT_DOT; f <= KG_DOT_SVG; f++) {
            kg_diag d;
            kg_diag_init(&d, stderr);
            kg_ontology *o = kg_fixture_ontology();
            kg_graph g;
            kg_buf b;
            kg_buf_init(&b);
            kg_dot_options opt;
            kg_dot_options_init(&opt);
            opt.format = f;
            int rc = o ? kg_graph_init(&g, o, NULL, &d) : -1;
            if (rc == 0) {
                rc = fx[i].fn ? fx[i].fn(&g, &d) : kg_graph_finalize(&g, &d);
                if (rc == 0)
                    rc = kg_dot_write(&g, &opt, &b, &d);
                kg_graph_release(&g);
            }
            char name[64];
            snprintf(name, sizeof name, "%s.%s", fx[i].name,
                     f == KG_DOT_DOT ? "dot" : "svg");
            if (rc == 0)
                rc = write_file(dir, name, b.len ? b.data : "");
            if (rc != 0) {
                kg_diag_print(&d, stderr);
                fprintf(stderr, "test_dot: cannot write %s/%s\n", dir, name);
            }
            kg_buf_release(&b);
            kg_fixture_ontology_free(o);
            if (rc != 0)
                return -1;
        }
    }
    return 0;
}

int main(void)
{
    const char *dir = getenv("KG_DOT_FIXTURES");
    if (dir && *dir && write_fixtures(dir) != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xml_checker_rejects),
        cmocka_unit_test(test_tiny_dot),
        cmocka_unit_test(test_tiny_svg),
        cmocka_unit_test(test_korea),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_layouts),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_class_fallbacks),
        cmocka_unit_test(test_bad_style),
        cmocka_unit_test(test_id_collision),
        cmocka_unit_test(test_appends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
