/* test_article.c - the article reader: checks, front matter, title,
 * dateline, rights line, paragraphs and offsets into the original bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article/article.h"
#include "article/token.h"

/* ---- helpers ------------------------------------------------------------ */

static int parse_n(kg_article *a, kg_diag *d, const char *name,
                   const char *text, size_t len)
{
    kg_diag_init(d, NULL);
    kg_article_init(a);
    return kg_article_parse(a, name, text, len, d);
}

static int parse(kg_article *a, kg_diag *d, const char *text)
{
    return parse_n(a, d, "t.txt", text, strlen(text));
}

/* The bytes of a span of the original text. */
static char *span_text(const kg_article *a, uint32_t start, uint32_t end)
{
    static char buf[4096];
    assert_true(end >= start && end - start < sizeof buf);
    memcpy(buf, a->text + start, end - start);
    buf[end - start] = '\0';
    return buf;
}

static char *para(const kg_article *a, uint32_t i)
{
    assert_true(i < a->nparagraphs);
    return span_text(a, a->paragraphs[i].start, a->paragraphs[i].end);
}

/* The first error for text given as bytes (may hold NULs). */
static const char *error_of(const char *name, const char *text, size_t len)
{
    static kg_diag d;
    kg_article a;
    int rc = parse_n(&a, &d, name, text, len);
    assert_int_equal(rc, -1);
    assert_int_equal(d.nerrors, 1);
    /* a failed parse leaves nothing behind */
    assert_null(a.text);
    assert_int_equal(a.nparagraphs, 0);
    kg_article_release(&a);
    return d.first;
}

#define ERROR_OF(name, lit) error_of(name, lit, sizeof(lit) - 1)

/* ---- front matter --------------------------------------------------------- */

static void front_matter_sets_metadata(void **state)
{
    (void)state;
    kg_article a;
    kg_diag d;
    const char *text = "---\n"
                       "title: Seoul Opens an Office\n"
                       "url: \"https://example.com/a?b=1\"\n"
                       "published: 2018-08-20T05:00:00Z\n"
                       "modified: 2018-08-21\n"
                       "source: Bloomberg\n"
                       "version: 2\n"
                       "id: korea-office\n"
                       "---\n"
                       "\n"
                       "(Reuters) - First paragraph.\n"
                       "\n"
                       "Second paragraph.\n";
    assert_int_equal(parse(&a, &d, text), 0);
    assert_int_equal(d.nwarnings, 0);
    assert_string_equal(a.meta.title, "Seoul Opens an Office");
    assert_string_equal(a.meta.url, "https://example.com/a?b=1");
    assert_string_equal(a.meta.published, "2018-08-20T05:00:00Z");
    assert_string_equal(a.meta.modified, "2018-08-21");
    assert_string_equal(a.meta.source, "Bloomberg"); /* not "Reuters" */
    assert_string_equal(a.meta.version, "2");
    assert_string_equal(a.meta.id, "korea-office");
    /* the title's span points at its bytes inside the front matter */
    assert_string_equal(span_text(&a, a.title.start, a.title.end),
                        "Seoul Opens an Office");
    assert_int_equal(a.title.start, 11);
    /* no line of the body was taken as the title */
    assert_int_equal(a.nparagraphs, 2);
    assert_string_equal(para(&a, 0), "First paragraph.");
    assert_string_equal(para(&a, 1), "Second paragraph.");
    kg_article_release(&a);
}

static void front_matter_quoted_title_keeps_its_span(void **state)
{
    (void)state;
    kg_article a;
    kg_diag d;
    const char *text = "---\ntitle: \"Britain's next Prime Minister\"\n---\nBody.\n";
    assert_int_equal(parse(&a, &d, text), 0);
    assert_string_equal(span_text(&a, a.title.start, a.title.end),
                        "Britain's next Prime Minister");
    kg_article_release(&a);

    /* an escape makes the value differ from the bytes: no span, but the
     * title is still the front matter's and the body keeps its first line */
    text = "---\ntitle: \"A \\\"B\\\"\"\n---\nFirst line.\n";
    assert_int_equal(parse(&a, &d, text), 0);
    assert_string_equal(a.meta.title, "A \"B\"");
    assert_int_equal(a.title.end - a.title.start, 0);
    assert_int_equal(a.nparagraphs, 1);
    assert_string_equal(para(&a, 0), "First line.");
    kg_article_release(&a);
}

static void front_matter_unknown_key_is_a_warning(void **state)
{
    (void)state;
    char out[256] = "";
    FILE *f = fmemopen(out, sizeof out, "w");
    assert_non_null(f);
    kg_diag d;
    kg_diag_init(&d, f);
    kg_article a;
    kg_article_init(&a);
    const char *text = "---\ntitle: T\nauthor: Jane\n---\nBody.\n";
    assert_int_equal(kg_article_parse(&a, "t.txt", text, strlen(text), &d), 0);
    fclose(f);
    assert_int_equal(d.nwarnings, 1);
    assert_int_equal(d.nerrors, 0);
    assert_string_equal(out, "t.txt:3:1: warning: unknown front matter key "
                             "'author' ignored\n");
    assert_string_equal(a.meta.title, "T");
    kg_article_release(&a);
}

static void empty_front_matter_leaves_title_to_the_text(void **state)
{
    (void)state;
    kg_article a;
    kg_diag d;
    assert_int_equal(parse(&a, &d, "---\n---\n\nHeadline\n\nBody.\n"), 0);
    assert_string_equal(a.meta.title, "Headline");
    assert_int_equal(a.nparagraphs, 1);
    kg_article_release(&a);
}

/* ---- title, paragraphs, id ------------------------------------------------ */

/* regression: control characters (ESC sequences, BEL, C1 NEL) went into
 * schema:headline and the graph titles as they were */
static void title_control_characters_become_spaces(void **state)
{
    (void)state;
    kg_article a;
    kg_diag d;
    const char *text = "Bell\x07 test \x1b[1mBold\xc2\x85 and\x7f\x7fmore\t\x01\n\nBody.\n";
    assert_int_equal(parse(&a, &d, text), 0);
    assert_string_equal(a.meta.title, "Bell test [1mBold and more");
    kg_article_release(&a);
    const char *fm = "---\ntitle: \"A\\u0007B\\tC\"\n---\n\nBody.\n";
    assert_int_equal(parse(&a, &d, fm), 0);
    assert_string_equal(a.meta.title, "A B C");
    kg_article_release(&a);
    kg_arena ar;
    kg_arena_init(&ar);
    assert_string_equal(kg_article_clean_title(&ar, "  \x1b\x1b  "), "");
    assert_string_equal(kg_article_clean_title(&ar, "caf\xc3\xa9 \xc2\xa0x"), "caf\xc3\xa9 \xc2\xa0x");
    kg_arena_release(&ar);
}

static void first_nonempty_line_is_the_title(void **state)
{
    (void)state;
    kg_article a;
    kg_diag d;
    const char *text = "\n  \n  North Korea Liaison Office  \nLine two of p1\n"
                       "line three.\n\n\n\nSecond\tparagraph.  \n";
    assert_int_equal(parse(&a, &d, text), 0);
    assert_string_equal(a.meta.title, "North Korea Liaison Office");
    assert_string_equal(span_text(&a, a.title.start, a.title.end),
                        "North Korea Liaison Office");
    assert_int_equal(a.nparagraphs, 2);
    assert_string_equal(para(&a, 0), "Line two of p1\nline three.");
    assert_string_equal(para(&a, 1), "Second\tparagraph.");
    assert_int_equal(a.body.start, a.title.start);
    assert_int_equal(a.body.end, a.paragraphs[1].end);
    assert_string_equal(a.meta.id, "t");
    kg_article_release(&a);
}

static void id_is_the_file_stem(void **state)
{
    (void)state;
    kg_article a;
    kg_diag d;
    const char *text = "T\n\nBody.\n";
    assert_int_equal(parse_n(&a, &d, "dir/sub/my-article.v2.txt", text,
                             strlen(text)), 0);
    assert_string_equal(a.meta.id, "my-article.v2");
    assert_string_equal(a.path, "dir/sub/my-article.v2.txt");
    kg_article_release(&a);
    assert_int_equal(parse_n(&a, &d, "-", text, strlen(text)), 0);
    assert_string_equal(a.meta.id, "stdin");
    kg_article_release(&a);
}

static void text_is_a_copy_of_the_input(void **state)
{
    (void)state;
    kg_article a;
    kg_diag d;
    char text[] = "Title\n\nBody.";
    assert_int_equal(parse(&a, &d, text), 0);
    text[0] = 'X';
    assert_int_equal(a.len, 12);
    assert_memory_equal(a.text, "Title\n\nBody.", 13); /* NUL-terminated */
    kg_article_release(&a);
}

/* ---- dateline and rights ---------------------------------------------------- */

static void bloomberg_dateline_is_not_content(void **state)
{
    (void)state;
    kg_article a;
    kg_diag d;
    const char *text = "Title\n\n(Bloomberg) -- South Korea\xE2\x80\x99s plan.\n";
    assert_int_equal(parse(&a, &d, text), 0);
    assert_string_equal(a.meta.source, "Bloomberg");
    assert_string_equal(para(&a, 0), "South Korea\xE2\x80\x99s plan.");
    assert_int_equal(a.paragraphs[0].start, 22);
    kg_article_release(&a);
}

static void datelines_with_place_and_date(void **state)
{
    (void)state;
    static const struct {
        const char *text, *source, *para;
    } cases[] = {
        {"T\n\nWASHINGTON (Reuters) - The U.S. said.\n", "Reuters",
         "The U.S. said."},
        {"T\n\nSEOUL, Aug 20 (Reuters) - Talks began.\n", "Reuters",
         "Talks began."},
        {"T\n\nNEW YORK, Jan. 5 (AP) \xE2\x80\x94 Stocks fell.\n", "AP",
         "Stocks fell."},
        {"T\n\nLONDON (Agence France-Presse) \xE2\x80\x93 Rain.\n",
         "Agence France-Presse", "Rain."},
        /* not datelines: a lowercase place, no dash, a later paragraph */
        {"T\n\nSouth Korea (ROK) - a state.\n", NULL,
         "South Korea (ROK) - a state."},
        {"T\n\n(Updates with comment.)\n", NULL, "(Updates with comment.)"},
        {"T\n\nFirst.\n\n(Bloomberg) -- Second.\n", NULL, "First."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kg_article a;
        kg_diag d;
        assert_int_equal(parse(&a, &d, cases[i].text), 0);
        if (cases[i].source)
            assert_string_equal(a.meta.source, cases[i].source);
        else
            assert_null(a.meta.source);
        assert_string_equal(para(&a, 0), cases[i].para);
        kg_article_release(&a);
    }
}

static void trailing_copyright_line_is_rights(void **state)
{
    (void)state;
    static const struct {
        const char *text, *rights, *last;
        uint32_t nparas;
    } cases[] = {
        {"T\n\nBody.\n\n\xC2\xA9" "2018 Bloomberg L.P.\n",
         "\xC2\xA9" "2018 Bloomberg L.P.", "Body.", 1},
        {"T\n\nBody.\n\n(c) 2018 Reuters\n", "(c) 2018 Reuters", "Body.", 1},
        {"T\n\nBody.\n\nCopyright 2018 The Associated Press. All rights "
         "reserved.\n\n",
         "Copyright 2018 The Associated Press. All rights reserved.", "Body.",
         1},
        /* the last line of the last paragraph */
        {"T\n\nOne.\n\nTwo.\n\xC2\xA9 2019 AFP  \n", "\xC2\xA9 2019 AFP",
         "Two.", 2},
        /* not at the end: content */
        {"T\n\n\xC2\xA9 2018 X\n\nBody.\n", NULL, "Body.", 2},
        /* "(c)" without a year is a list item */
        {"T\n\n(c) the third option\n", NULL, "(c) the third option", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kg_article a;
        kg_diag d;
        assert_int_equal(parse(&a, &d, cases[i].text), 0);
        if (cases[i].rights)
            assert_string_equal(a.meta.rights, cases[i].rights);
        else
            assert_null(a.meta.rights);
        assert_int_equal(a.nparagraphs, cases[i].nparas);
        assert_string_equal(para(&a, a.nparagraphs - 1), cases[i].last);
        assert_int_equal(a.body.end, a.paragraphs[a.nparagraphs - 1].end);
        kg_article_release(&a);
    }
}

/* ---- BOM, line ends, NBSP, offsets ------------------------------------------ */

static void bom_is_skipped_but_offsets_are_original(void **state)
{
    (void)state;
    kg_article a;
    kg_diag d;
    const char text[] = "\xEF\xBB\xBFTitle\n\nBody text.\n";
    assert_int_equal(parse(&a, &d, text), 0);
    assert_string_equal(a.meta.title, "Title");
    assert_int_equal(a.title.start, 3);
    assert_int_equal(a.paragraphs[0].start, 10);
    assert_int_equal(kg_tokenize(&a, &d), 0);
    /* the BOM is one code point of the original text */
    assert_int_equal(a.tokens[0].start, 3);
    assert_int_equal(a.tokens[0].cstart, 1);
    assert_int_equal(a.tokens[1].start, 10);
    assert_int_equal(a.tokens[1].cstart, 8);
    kg_article_release(&a);

    /* a BOM before front matter */
    assert_int_equal(parse(&a, &d, "\xEF\xBB\xBF---\ntitle: T\n---\nBody.\n"), 0);
    assert_string_equal(a.meta.title, "T");
    kg_article_release(&a);
}

static void crlf_and_lone_cr_end_lines(void **state)
{
    (void)state;
    kg_article a;
    kg_diag d;
    assert_int_equal(parse(&a, &d, "Title\r\n\r\nOne\r\ntwo.\r\n\r\nThree.\r\n"), 0);
    assert_string_equal(a.meta.title, "Title");
    assert_int_equal(a.nparagraphs, 2);
    assert_string_equal(para(&a, 0), "One\r\ntwo.");
    assert_string_equal(para(&a, 1), "Three.");
    kg_article_release(&a);

    assert_int_equal(parse(&a, &d, "Title\r\rOne.\r \rTwo.\r"), 0);
    assert_string_equal(a.meta.title, "Title");
    assert_int_equal(a.nparagraphs, 2);
    assert_string_equal(para(&a, 0), "One.");
    assert_string_equal(para(&a, 1), "Two.");
    kg_article_release(&a);

    assert_int_equal(parse(&a, &d, "---\r\ntitle: T\r\n---\r\nBody.\r\n"), 0);
    assert_string_equal(a.meta.title, "T");
    assert_string_equal(para(&a, 0), "Body.");
    kg_article_release(&a);
}

static void nbsp_is_white_space(void **state)
{
    (void)state;
    kg_article a;
    kg_diag d;
    /* a line of NBSPs is blank; NBSP at the ends is trimmed */
    const char *text = "Title\xC2\xA0\n\xC2\xA0\xC2\xA0\n"
                       "One\xC2\xA0two.\xC2\xA0\n\xC2\xA0 \t\nThree.\n";
    assert_int_equal(parse(&a, &d, text), 0);
    assert_string_equal(a.meta.title, "Title");
    assert_int_equal(a.nparagraphs, 2);
    assert_string_equal(para(&a, 0), "One\xC2\xA0two.");
    assert_int_equal(kg_tokenize(&a, &d), 0);
    /* Title | One two . | Three . */
    assert_int_equal(a.ntokens, 6);
    assert_int_equal(a.tokens[1].end - a.tokens[1].start, 3);
    assert_int_equal(a.tokens[2].start, a.tokens[1].end + 2);
    assert_true(a.tokens[1].flags & KG_TOK_SPACE_AFTER);
    kg_article_release(&a);
}

static void token_offsets_point_at_original_text(void **state)
{
    (void)state;
    kg_article a;
    kg_diag d;
    /* multi-byte letters, a curly quote and an em dash before the tokens */
    const char *text = "Caf\xC3\xA9 \xE2\x80\x9CNa\xC3\xAFve\xE2\x80\x9D\n\n"
                       "Kim\xE2\x80\x99s \xE2\x80\x94 \xF0\x9F\x98\x80 end.";
    assert_int_equal(parse(&a, &d, text), 0);
    assert_int_equal(kg_tokenize(&a, &d), 0);
    static const struct {
        const char *bytes;
        uint32_t cstart, cend;
        const char *norm;
    } want[] = {
        {"Caf\xC3\xA9", 0, 4, NULL},
        {"\xE2\x80\x9C", 5, 6, "\""},
        {"Na\xC3\xAFve", 6, 11, NULL},
        {"\xE2\x80\x9D", 11, 12, "\""},
        {"Kim", 14, 17, NULL},
        {"\xE2\x80\x99s", 17, 19, "'s"},
        {"\xE2\x80\x94", 20, 21, "--"},
        {"\xF0\x9F\x98\x80", 22, 23, NULL},
        {"end", 24, 27, NULL},
        {".", 27, 28, NULL},
    };
    assert_int_equal(a.ntokens, sizeof want / sizeof want[0]);
    for (uint32_t i = 0; i < a.ntokens; i++) {
        const kg_token *t = &a.tokens[i];
        assert_string_equal(span_text(&a, t->start, t->end), want[i].bytes);
        assert_int_equal(t->cstart, want[i].cstart);
        assert_int_equal(t->cend, want[i].cend);
        if (want[i].norm) {
            assert_non_null(t->norm);
            assert_string_equal(t->norm, want[i].norm);
            assert_int_equal(t->norm_len, strlen(want[i].norm));
        } else {
            assert_null(t->norm);
        }
        assert_int_equal(t->head, -1);
        assert_int_equal(t->upos, 0);
        assert_null(t->lemma);
    }
    /* sentences: the title, then the body */
    assert_int_equal(a.nsentences, 2);
    assert_int_equal(a.sentences[0].kind, KG_SENT_TITLE);
    assert_int_equal(a.sentences[0].paragraph, KG_PARAGRAPH_NONE);
    assert_int_equal(a.sentences[1].cstart, 14);
    assert_int_equal(a.sentences[1].cend, 28);
    assert_string_equal(span_text(&a, a.sentences[1].start, a.sentences[1].end),
                        "Kim\xE2\x80\x99s \xE2\x80\x94 \xF0\x9F\x98\x80 end.");
    assert_true(a.tokens[0].flags & KG_TOK_PARA_START);
    assert_true(a.tokens[4].flags & KG_TOK_PARA_START);
    assert_false(a.tokens[5].flags & KG_TOK_PARA_START);
    assert_false(a.tokens[4].flags & KG_TOK_SPACE_AFTER);
    assert_true(a.tokens[5].flags & KG_TOK_SPACE_AFTER);
    assert_false(a.tokens[9].flags & KG_TOK_SPACE_AFTER); /* end of text */
    kg_article_release(&a);
}

/* ---- plain text ------------------------------------------------------------- */

static void plain_text_has_no_article_structure(void **state)
{
    (void)state;
    kg_article a;
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_article_init(&a);
    const char *text = "---\ntitle: x\n---\n\n(Bloomberg) -- Text.\n\n"
                       "\xC2\xA9 2018 Bloomberg\n";
    assert_int_equal(kg_article_parse_plain(&a, "p.txt", text, strlen(text), &d),
                     0);
    assert_true(a.plain);
    assert_null(a.meta.title);
    assert_null(a.meta.source);
    assert_null(a.meta.rights);
    assert_int_equal(a.title.end - a.title.start, 0);
    assert_int_equal(a.nparagraphs, 3);
    assert_string_equal(para(&a, 0), "---\ntitle: x\n---");
    assert_string_equal(para(&a, 1), "(Bloomberg) -- Text.");
    kg_article_release(&a);

    /* the same checks as articles */
    kg_article_init(&a);
    assert_int_equal(kg_article_parse_plain(&a, "p.txt", " \n", 2, &d), -1);
    assert_string_equal(d.first, "p.txt: error: empty article");
    kg_article_release(&a);
}

/* ---- bad input ------------------------------------------------------------- */

static void bad_input_errors(void **state)
{
    (void)state;
    assert_string_equal(ERROR_OF("b.txt", "Title\n\nSome text\xff here.\n"),
                        "b.txt:3:10: error: invalid UTF-8 byte 0xff");
    /* a stray continuation byte; columns count code points */
    assert_string_equal(ERROR_OF("b.txt", "\xC3\xA9t\xC3\xA9 \x80"),
                        "b.txt:1:5: error: invalid UTF-8 byte 0x80");
    /* C0 and C1 can only start overlong sequences */
    assert_string_equal(ERROR_OF("b.txt", "T\n\nab\xc0\xaf\n"),
                        "b.txt:3:3: error: invalid UTF-8 byte 0xc0");
    assert_string_equal(ERROR_OF("b.txt", "T\n\nab\xe0\x80\xaf\n"),
                        "b.txt:3:3: error: overlong UTF-8 encoding of U+002F");
    assert_string_equal(ERROR_OF("b.txt", "T\n\xf0\x80\x80\xaf\n"),
                        "b.txt:2:1: error: overlong UTF-8 encoding of U+002F");
    assert_string_equal(ERROR_OF("b.txt", "T\n\nab\xed\xa0\x80\n"),
                        "b.txt:3:3: error: surrogate U+D800 is not allowed in "
                        "UTF-8");
    assert_string_equal(ERROR_OF("b.txt", "T\n\nab\xe2\x80"),
                        "b.txt:3:3: error: truncated UTF-8 sequence starting "
                        "with byte 0xe2");
    assert_string_equal(ERROR_OF("b.txt", "T\n\nab\xe2\x80x\n"),
                        "b.txt:3:3: error: truncated UTF-8 sequence starting "
                        "with byte 0xe2");
    assert_string_equal(ERROR_OF("b.txt", "T\n\nab\xf4\x90\x80\x80\n"),
                        "b.txt:3:3: error: code point U+110000 is beyond "
                        "U+10FFFF");
    assert_string_equal(ERROR_OF("b.txt", "T\n\nab\xf5\x80\x80\x80\n"),
                        "b.txt:3:3: error: invalid UTF-8 byte 0xf5");
    assert_string_equal(ERROR_OF("b.txt", "Title\n\na\x00" "b\n"),
                        "b.txt:3:2: error: NUL byte in text");
    /* CR LF is one line end; a BOM takes no column */
    assert_string_equal(ERROR_OF("b.txt", "T\r\n\r\nab\x00"),
                        "b.txt:3:3: error: NUL byte in text");
    assert_string_equal(ERROR_OF("b.txt", "\xEF\xBB\xBFT\xff"),
                        "b.txt:1:2: error: invalid UTF-8 byte 0xff");
    /* past the fast ASCII path */
    assert_string_equal(ERROR_OF("b.txt", "0123456789abcdefghij\xff"),
                        "b.txt:1:21: error: invalid UTF-8 byte 0xff");
    assert_string_equal(ERROR_OF("e.txt", ""), "e.txt: error: empty article");
    assert_string_equal(ERROR_OF("e.txt", " \n\t\r\n\xC2\xA0\n"),
                        "e.txt: error: empty article");
    assert_string_equal(ERROR_OF("e.txt", "\xEF\xBB\xBF\n"),
                        "e.txt: error: empty article");
    assert_string_equal(ERROR_OF("e.txt", "---\ntitle: T\n---\n\n"),
                        "e.txt: error: empty article");
    assert_string_equal(ERROR_OF("f.txt", "---\ntitle: x\n\nBody\n"),
                        "f.txt:1:1: error: front matter has no closing '---' "
                        "line");
    assert_string_equal(ERROR_OF("f.txt", "---\ntitle: [x\nurl: y\n---\nBody\n"),
                        "f.txt:3:4: error: invalid front matter: did not find "
                        "expected ',' or ']'");
    assert_string_equal(ERROR_OF("f.txt", "---\ntitle: x\n  url: y\n---\nBody\n"),
                        "f.txt:3:6: error: invalid front matter: mapping values "
                        "are not allowed in this context");
    assert_string_equal(ERROR_OF("f.txt", "---\n- a\n- b\n---\nBody\n"),
                        "f.txt:2:1: error: front matter is not a mapping of "
                        "keys to values");
    assert_string_equal(ERROR_OF("f.txt", "---\ntitle:\n  - a\n---\nBody\n"),
                        "f.txt:3:3: error: front matter key 'title' needs a "
                        "single text value");
    assert_string_equal(ERROR_OF("f.txt", "---\n[a]: b\n---\nBody\n"),
                        "f.txt:2:1: error: front matter keys must be plain "
                        "words");
}

static void reading_files(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_article a;
    kg_article_init(&a);
    assert_int_equal(kg_article_read(&a, "tests", &d), -1);
    assert_string_equal(d.first, "tests: error: is a directory, not a file");
    assert_null(a.text);

    kg_diag_init(&d, NULL);
    assert_int_equal(kg_article_read(&a, "tests/article/bad-utf8.txt", &d), -1);
    assert_string_equal(d.first,
                        "tests/article/bad-utf8.txt:3:7: error: invalid UTF-8 "
                        "byte 0xff");

    kg_diag_init(&d, NULL);
    assert_int_equal(kg_article_read(&a, "examples/korea-liaison-office.txt", &d),
                     0);
    assert_string_equal(a.meta.id, "korea-liaison-office");
    assert_string_equal(a.meta.title,
                        "North Korea Liaison Office Shows U.S.-South Korea "
                        "Fissures");
    assert_string_equal(a.meta.source, "Bloomberg");
    assert_string_equal(a.meta.rights, "\xC2\xA9" "2018 Bloomberg L.P.");
    assert_int_equal(a.nparagraphs, 15);
    assert_memory_equal(para(&a, 0), "South Korea\xE2\x80\x99s plan", 17);
    assert_string_equal(para(&a, 4), "\xE2\x80\x98No Gains\xE2\x80\x99");
    assert_memory_equal(para(&a, 14), "\xE2\x80\x9CWe cannot depend", 19);
    kg_article_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(front_matter_sets_metadata),
        cmocka_unit_test(front_matter_quoted_title_keeps_its_span),
        cmocka_unit_test(front_matter_unknown_key_is_a_warning),
        cmocka_unit_test(empty_front_matter_leaves_title_to_the_text),
        cmocka_unit_test(first_nonempty_line_is_the_title),
        cmocka_unit_test(title_control_characters_become_spaces),
        cmocka_unit_test(id_is_the_file_stem),
        cmocka_unit_test(text_is_a_copy_of_the_input),
        cmocka_unit_test(bloomberg_dateline_is_not_content),
        cmocka_unit_test(datelines_with_place_and_date),
        cmocka_unit_test(trailing_copyright_line_is_rights),
        cmocka_unit_test(bom_is_skipped_but_offsets_are_original),
        cmocka_unit_test(crlf_and_lone_cr_end_lines),
        cmocka_unit_test(nbsp_is_white_space),
        cmocka_unit_test(token_offsets_point_at_original_text),
        cmocka_unit_test(plain_text_has_no_article_structure),
        cmocka_unit_test(bad_input_errors),
        cmocka_unit_test(reading_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
