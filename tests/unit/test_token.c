/* test_token.c - tokenizer and sentence splitter, on cases drawn from the
 * example article (examples/korea-liaison-office.txt) and the Wikinews
 * corpus. */
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

static char out[65536];

static void tokenize_plain(kg_article *a, const char *text, unsigned opts)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_article_init(a);
    assert_int_equal(kg_article_parse_plain(a, "t.txt", text, strlen(text), &d),
                     0);
    assert_int_equal(kg_tokenize_opts(a, opts, &d), 0);
    assert_int_equal(d.nerrors, 0);
}

/* The token forms (norm where set), separated by single spaces. */
static const char *forms(const kg_article *a, uint32_t first, uint32_t end)
{
    size_t o = 0;
    for (uint32_t i = first; i < end; i++) {
        uint32_t len;
        const char *f = kg_token_form(a, &a->tokens[i], &len);
        assert_true(o + len + 2 < sizeof out);
        if (i > first)
            out[o++] = ' ';
        memcpy(out + o, f, len);
        o += len;
    }
    out[o] = '\0';
    return out;
}

static const char *toks_opts(const char *text, unsigned opts)
{
    kg_article a;
    tokenize_plain(&a, text, opts);
    forms(&a, 0, a.ntokens);
    kg_article_release(&a);
    return out;
}

static const char *toks(const char *text)
{
    return toks_opts(text, 0);
}

/* The sentences' original text, separated by " | ". */
static const char *sentences_of(const kg_article *a)
{
    size_t o = 0;
    for (uint32_t i = 0; i < a->nsentences; i++) {
        const kg_sentence *s = &a->sentences[i];
        size_t len = s->end - s->start;
        assert_true(o + len + 4 < sizeof out);
        if (i) {
            memcpy(out + o, " | ", 3);
            o += 3;
        }
        memcpy(out + o, a->text + s->start, len);
        o += len;
    }
    out[o] = '\0';
    return out;
}

static const char *sents(const char *text)
{
    kg_article a;
    tokenize_plain(&a, text, 0);
    sentences_of(&a);
    kg_article_release(&a);
    return out;
}

typedef struct tcase {
    const char *in, *want;
} tcase;

static void check_tokens(const tcase *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        assert_string_equal(toks(c[i].in), c[i].want);
}

static void check_sentences(const tcase *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        assert_string_equal(sents(c[i].in), c[i].want);
}

#define N(arr) (sizeof(arr) / sizeof((arr)[0]))

/* ---- tokens --------------------------------------------------------------- */

static void clitics_are_split(void **state)
{
    (void)state;
    static const tcase c[] = {
        {"South Korea\xE2\x80\x99s plan", "South Korea 's plan"},
        {"Kim Jong Un\xE2\x80\x99s regime.", "Kim Jong Un 's regime ."},
        {"\xE2\x80\x9C" "can\xE2\x80\x99t go", "\" ca n't go"},
        {"who didn\xE2\x80\x99t get", "who did n't get"},
        {"won't, don't, ain't", "wo n't , do n't , ai n't"},
        {"I'm sure we're done; they've, she'll, he'd",
         "I 'm sure we 're done ; they 've , she 'll , he 'd"},
        {"IT'S DONE", "IT 'S DONE"},
        {"the U.S.\xE2\x80\x99s \xE2\x80\x9Cpressure diplomacy\xE2\x80\x9D",
         "the U.S. 's \" pressure diplomacy \""},
        {"ABC News\xE2\x80\x99s \xE2\x80\x9CThis Week\xE2\x80\x9D",
         "ABC News 's \" This Week \""},
        {"We cannot, gonna, wanna", "We can not , gon na , wan na"},
        /* not clitics */
        {"O\xE2\x80\x99" "Brien and rock'n'roll", "O'Brien and rock'n'roll"},
        {"the soldiers' families", "the soldiers ' families"},
        {"in the \xE2\x80\x99" "90s and '02", "in the '90s and '02"},
    };
    check_tokens(c, N(c));
}

static void quotes_and_brackets_are_tokens(void **state)
{
    (void)state;
    static const tcase c[] = {
        {"\xE2\x80\x98No Gains\xE2\x80\x99", "' No Gains '"},
        {"must occur \xE2\x80\x9Cin lockstep\xE2\x80\x9D with",
         "must occur \" in lockstep \" with"},
        {"\xE2\x80\x9CIt\xE2\x80\x99s wrong to view it,\xE2\x80\x9D Kim said.",
         "\" It 's wrong to view it , \" Kim said ."},
        {"economic gains.\xE2\x80\x9D", "economic gains . \""},
        {"the \"real threat of [another] part\"",
         "the \" real threat of [ another ] part \""},
        {"African Union (AU) member states", "African Union ( AU ) member states"},
        {"\xC2\xAB" "Bonjour\xC2\xBB", "\" Bonjour \""},
        {"``Hi,'' he said", "`` Hi , '' he said"},
    };
    check_tokens(c, N(c));
}

static void words_that_stay_whole(void **state)
{
    (void)state;
    static const tcase c[] = {
        {"United Nations and U.S. sanctions, U.N. forces",
         "United Nations and U.S. sanctions , U.N. forces"},
        {"The inter-Korean office", "The inter-Korean office"},
        {"President Moon Jae-in -- including", "President Moon Jae-in -- including"},
        {"the 1950-53 Korean War", "the 1950-53 Korean War"},
        {"state-run media and gangster-like logic",
         "state-run media and gangster-like logic"},
        {"South-North talks", "South-North talks"},
        {"aimed at 5 to 16-year-olds", "aimed at 5 to 16-year-olds"},
        {"AT&T and R&D", "AT&T and R&D"},
        {"Yahoo! and AOL", "Yahoo! and AOL"},
        {"at 3:00 p.m. on 9/11", "at 3:00 p.m. on 9/11"},
        {"e.g. this, i.e. that", "e.g. this , i.e. that"},
    };
    check_tokens(c, N(c));
}

static void abbreviations_keep_their_period(void **state)
{
    (void)state;
    static const tcase c[] = {
        {"Mr. Moon and Dr. Kim met Gen. Brooks",
         "Mr. Moon and Dr. Kim met Gen. Brooks"},
        {"on Jan. 5 and Sept. 9", "on Jan. 5 and Sept. 9"},
        {"J. R. R. Tolkien", "J. R. R. Tolkien"},
        {"Platform No. 5, and he said no.", "Platform No. 5 , and he said no ."},
        {"Apple Inc., Acme Corp. and Smith Jr.",
         "Apple Inc. , Acme Corp. and Smith Jr."},
        {"in St. Louis, Washington, D.C.", "in St. Louis , Washington , D.C."},
        {"Acme Inc.. The end", "Acme Inc. . The end"},
        {"North Korea Liaison Office Shows U.S.-South Korea Fissures",
         "North Korea Liaison Office Shows U.S. - South Korea Fissures"},
        /* ordinary words do not take the period */
        {"the region. He said", "the region . He said"},
    };
    check_tokens(c, N(c));
}

static void numbers_and_symbols(void **state)
{
    (void)state;
    static const tcase c[] = {
        {"He won with 92,153 votes", "He won with 92,153 votes"},
        {"$1,000.50 or 1.5%", "$ 1,000.50 or 1.5 %"},
        {"\xC2\xA3" "150 million (US$290 million)",
         "\xC2\xA3 150 million ( US $ 290 million )"},
        {"\xC2\xA9" "2018 Bloomberg L.P.", "\xC2\xA9 2018 Bloomberg L.P."},
        {"from 1950\xE2\x80\x93" "53", "from 1950-53"},
        {"temperatures of -5 degrees", "temperatures of - 5 degrees"},
    };
    check_tokens(c, N(c));
}

static void dashes_and_ellipses(void **state)
{
    (void)state;
    static const tcase c[] = {
        {"Moon Jae-in -- including reunions", "Moon Jae-in -- including reunions"},
        {"Boris Johnson \xE2\x80\x94 former Foreign Secretary",
         "Boris Johnson -- former Foreign Secretary"},
        {"Jeremy Hunt\xE2\x80\x93the rival", "Jeremy Hunt -- the rival"},
        {"Wait... what\xE2\x80\xA6 really", "Wait ... what ... really"},
        {"What?! No!!! Really?", "What ?! No !!! Really ?"},
        {"=== Section ===", "=== Section ==="},
    };
    check_tokens(c, N(c));
}

static void urls_emails_handles(void **state)
{
    (void)state;
    static const tcase c[] = {
        {"see https://en.wikinews.org/wiki/Boris_Johnson, today",
         "see https://en.wikinews.org/wiki/Boris_Johnson , today"},
        {"(http://www.uwlax.edu/katrina).", "( http://www.uwlax.edu/katrina ) ."},
        {"visit www.standfor.co.nz now", "visit www.standfor.co.nz now"},
        {"write to admissions@seattleu.edu.", "write to admissions@seattleu.edu ."},
        {"<franz371...@gmail.com>", "< franz371...@gmail.com >"},
        {"@Wikinews said #Brexit", "@Wikinews said #Brexit"},
        {"Znak.com reported", "Znak.com reported"},
        {"great :) thanks", "great :) thanks"},
    };
    check_tokens(c, N(c));
}

static void norms_only_where_the_form_differs(void **state)
{
    (void)state;
    kg_article a;
    tokenize_plain(&a, "\"It's\" \xE2\x80\x98it\xE2\x80\x99s\xE2\x80\x99 n\xE2\x80\x99t "
                       "don\xE2\x80\x99t \xE2\x80\xA6 O\xE2\x80\x99" "Brien",
                   0);
    assert_string_equal(forms(&a, 0, a.ntokens),
                        "\" It 's \" ' it 's ' n't do n't ... O'Brien");
    /* straight ASCII forms carry no norm */
    for (uint32_t i = 0; i < 4; i++)
        assert_null(a.tokens[i].norm);
    for (uint32_t i = 4; i < a.ntokens; i++) {
        if (i == 5 || i == 9) {
            assert_null(a.tokens[i].norm); /* "it", "do" */
            continue;
        }
        assert_non_null(a.tokens[i].norm);
    }
    kg_article_release(&a);
}

static void space_after_flags(void **state)
{
    (void)state;
    kg_article a;
    tokenize_plain(&a, "Kim\xE2\x80\x99s \xE2\x80\x9Cplan,\xE2\x80\x9D he said.\n\n"
                       "Next.",
                   0);
    /* Kim 's " plan , " he said . | Next . */
    static const int space[] = {0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0};
    static const int para[] = {1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
    assert_int_equal(a.ntokens, N(space));
    for (uint32_t i = 0; i < a.ntokens; i++) {
        assert_int_equal(!!(a.tokens[i].flags & KG_TOK_SPACE_AFTER), space[i]);
        assert_int_equal(!!(a.tokens[i].flags & KG_TOK_PARA_START), para[i]);
    }
    kg_article_release(&a);
}

static void hyphens_split_as_ewt_on_request(void **state)
{
    (void)state;
    assert_string_equal(toks_opts("a 15-year term for al-Qaeda", KG_TOKENIZE_SPLIT_HYPHENS),
                        "a 15 - year term for al - Qaeda");
    assert_string_equal(toks_opts("e-mail non-human re-read 853-3242 1969-1970",
                                  KG_TOKENIZE_SPLIT_HYPHENS),
                        "e-mail non-human re-read 853-3242 1969 - 1970");
    assert_string_equal(toks("a 15-year term for al-Qaeda"),
                        "a 15-year term for al-Qaeda");
}

/* ---- sentences ------------------------------------------------------------- */

static void abbreviations_inside_sentences(void **state)
{
    (void)state;
    static const tcase c[] = {
        {"U.S. Secretary of State Michael Pompeo has pushed for talks. North "
         "Korea has rejected the approach.",
         "U.S. Secretary of State Michael Pompeo has pushed for talks. | North "
         "Korea has rejected the approach."},
        {"Gen. Smith arrived. Dr. Jones left.", "Gen. Smith arrived. | Dr. Jones left."},
        {"The office opened Jan. 5 in Seoul. It closed.",
         "The office opened Jan. 5 in Seoul. | It closed."},
        {"He lives at No. 5 Main St. in Seoul.", "He lives at No. 5 Main St. in Seoul."},
        {"J. R. R. Tolkien wrote it. He died.", "J. R. R. Tolkien wrote it. | He died."},
        {"Shares of Apple Inc. fell. Acme Corp. Chief Executive Jo Lee spoke.",
         "Shares of Apple Inc. fell. | Acme Corp. Chief Executive Jo Lee spoke."},
        {"at 10 a.m. (CDT) at the hotel.", "at 10 a.m. (CDT) at the hotel."},
        {"the ESBL-E. coli strain spread.", "the ESBL-E. coli strain spread."},
    };
    check_sentences(c, N(c));
}

static void abbreviations_ending_sentences(void **state)
{
    (void)state;
    static const tcase c[] = {
        {"Sales rose in the U.S. The rest fell.",
         "Sales rose in the U.S. | The rest fell."},
        {"He works at Apple Inc. He said so.", "He works at Apple Inc. | He said so."},
        {"They met at 10 a.m. \"We agreed,\" he said.",
         "They met at 10 a.m. | \"We agreed,\" he said."},
        {"pens, paper, etc. But not ink.", "pens, paper, etc. | But not ink."},
    };
    check_sentences(c, N(c));
}

static void quotes_and_brackets_after_the_period(void **state)
{
    (void)state;
    static const tcase c[] = {
        {"Kim Eui-keum told reporters in Seoul. \xE2\x80\x9CThis is not to "
         "provide North Korea with any economic gains.\xE2\x80\x9D",
         "Kim Eui-keum told reporters in Seoul. | \xE2\x80\x9CThis is not to "
         "provide North Korea with any economic gains.\xE2\x80\x9D"},
        {"within \xE2\x80\x9Cone year.\xE2\x80\x9D The day before, Moon spoke.",
         "within \xE2\x80\x9Cone year.\xE2\x80\x9D | The day before, Moon spoke."},
        {"\"Why?\" he asked. \"Because.\"", "\"Why?\" he asked. | \"Because.\""},
        {"(See the map.) Then go.", "(See the map.) | Then go."},
        {"He said: \"Go.\" Then he left.", "He said: \"Go.\" | Then he left."},
    };
    check_sentences(c, N(c));
}

static void question_marks_exclamations_ellipses(void **state)
{
    (void)state;
    static const tcase c[] = {
        {"What?! No way! Really?", "What?! | No way! | Really?"},
        {"He paused... Then he left.", "He paused... | Then he left."},
        {"Wait... what happened?", "Wait... what happened?"},
        {"Yahoo! and AOL merged.", "Yahoo! and AOL merged."},
        {"He said. then she left.", "He said. | then she left."},
        {"It grew 5.5 percent. 2019 was worse.",
         "It grew 5.5 percent. | 2019 was worse."},
        {"Really?!But why", "Really?!But why"},
    };
    check_sentences(c, N(c));
}

static void paragraph_ends_end_sentences(void **state)
{
    (void)state;
    assert_string_equal(sents("First line without a period\n\nSecond one.\n"),
                        "First line without a period | Second one.");
    /* a single line break inside a paragraph is just white space */
    assert_string_equal(sents("One sentence\nwrapped. Two."),
                        "One sentence\nwrapped. | Two.");
}

static void titles_and_headings(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_article a;
    kg_article_init(&a);
    const char *text = "U.S. Talks. Korea Waits\n\n"
                       "Wednesday, July 24, 2019\xC2\xA0\n\n"
                       "Body text here. More text.\n\n"
                       "\xE2\x80\x98No Gains\xE2\x80\x99\n\n"
                       "\xE2\x80\x9C" "A quote that is a sentence,\xE2\x80\x9D he said\n\n"
                       "The questions are --\n";
    assert_int_equal(kg_article_parse(&a, "t.txt", text, strlen(text), &d), 0);
    assert_int_equal(kg_tokenize(&a, &d), 0);
    assert_string_equal(sentences_of(&a),
                        "U.S. Talks. Korea Waits | Wednesday, July 24, 2019 | "
                        "Body text here. | More text. | "
                        "\xE2\x80\x98No Gains\xE2\x80\x99 | "
                        "\xE2\x80\x9C" "A quote that is a sentence,\xE2\x80\x9D he said | "
                        "The questions are --");
    static const int kinds[] = {KG_SENT_TITLE,   KG_SENT_HEADING, KG_SENT_BODY,
                                KG_SENT_BODY,    KG_SENT_HEADING, KG_SENT_HEADING,
                                KG_SENT_BODY};
    static const uint32_t paras[] = {KG_PARAGRAPH_NONE, 0, 1, 1, 2, 3, 4};
    assert_int_equal(a.nsentences, N(kinds));
    for (uint32_t i = 0; i < a.nsentences; i++) {
        assert_int_equal(a.sentences[i].kind, kinds[i]);
        assert_int_equal(a.sentences[i].paragraph, paras[i]);
    }
    kg_article_release(&a);

    /* plain text has no headings */
    tokenize_plain(&a, "\xE2\x80\x98No Gains\xE2\x80\x99", 0);
    assert_int_equal(a.nsentences, 1);
    assert_int_equal(a.sentences[0].kind, KG_SENT_BODY);
    kg_article_release(&a);
}

static void long_sentences_are_cut(void **state)
{
    (void)state;
    size_t n = 25000;
    char *text = malloc(n * 2 + 1);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++) {
        text[2 * i] = 'a';
        text[2 * i + 1] = ' ';
    }
    text[2 * n] = '\0';
    kg_article a;
    tokenize_plain(&a, text, 0);
    free(text);
    assert_int_equal(a.ntokens, n);
    assert_int_equal(a.nsentences, 3);
    assert_int_equal(a.sentences[0].count, KG_SENTENCE_MAX_TOKENS);
    assert_int_equal(a.sentences[1].first, KG_SENTENCE_MAX_TOKENS);
    assert_int_equal(a.sentences[1].count, KG_SENTENCE_MAX_TOKENS);
    assert_int_equal(a.sentences[2].count, n - 2 * KG_SENTENCE_MAX_TOKENS);
    kg_article_release(&a);
}

static void the_example_article(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_article a;
    kg_article_init(&a);
    assert_int_equal(kg_article_read(&a, "examples/korea-liaison-office.txt", &d), 0);
    assert_int_equal(kg_tokenize(&a, &d), 0);
    /* the title, 2 headings and 24 body sentences */
    assert_int_equal(a.nsentences, 27);
    int nkind[3] = {0, 0, 0};
    for (uint32_t i = 0; i < a.nsentences; i++)
        nkind[a.sentences[i].kind]++;
    assert_int_equal(nkind[KG_SENT_TITLE], 1);
    assert_int_equal(nkind[KG_SENT_HEADING], 2);
    assert_int_equal(nkind[KG_SENT_BODY], 24);
    assert_int_equal(a.sentences[0].kind, KG_SENT_TITLE);
    assert_string_equal(forms(&a, a.sentences[0].first,
                              a.sentences[0].first + a.sentences[0].count),
                        "North Korea Liaison Office Shows U.S. - South Korea "
                        "Fissures");
    /* the dateline is not part of the first sentence */
    const kg_sentence *s = &a.sentences[1];
    assert_string_equal(forms(&a, s->first, s->first + s->count),
                        "South Korea 's plan to set up a liaison office at an "
                        "industrial park it sponsors in North Korea is "
                        "underscoring differences between Seoul and Washington "
                        "over the pace of rapprochement with Kim Jong Un 's "
                        "regime .");
    assert_int_equal(s->start, 75);
    assert_int_equal(s->cstart, 75);
    s = &a.sentences[8];
    assert_int_equal(s->kind, KG_SENT_HEADING);
    assert_string_equal(forms(&a, s->first, s->first + s->count), "' No Gains '");
    s = &a.sentences[18];
    assert_string_equal(forms(&a, s->first, s->first + s->count),
                        "U.S. Secretary of State Michael Pompeo , Trump 's point "
                        "man for North Korea , has pushed for Kim to accept a "
                        "clear time frame for abandoning his nuclear weapons .");
    s = &a.sentences[26];
    assert_string_equal(forms(&a, s->first, s->first + s->count),
                        "\" South-North talks have to be successfully carried "
                        "out , as well . \"");
    /* nothing after the last sentence: the rights line is not content */
    assert_int_equal(s->end, a.body.end);
    assert_true(a.ntokens > 700 && a.ntokens < 800);
    /* every token's code-point span matches its bytes */
    for (uint32_t i = 0, cp = 0, b = 0; i < a.ntokens; i++) {
        const kg_token *t = &a.tokens[i];
        for (; b < t->start; b++)
            cp += ((unsigned char)a.text[b] & 0xC0) != 0x80;
        assert_int_equal(t->cstart, cp);
        for (; b < t->end; b++)
            cp += ((unsigned char)a.text[b] & 0xC0) != 0x80;
        assert_int_equal(t->cend, cp);
    }
    kg_article_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clitics_are_split),
        cmocka_unit_test(quotes_and_brackets_are_tokens),
        cmocka_unit_test(words_that_stay_whole),
        cmocka_unit_test(abbreviations_keep_their_period),
        cmocka_unit_test(numbers_and_symbols),
        cmocka_unit_test(dashes_and_ellipses),
        cmocka_unit_test(urls_emails_handles),
        cmocka_unit_test(norms_only_where_the_form_differs),
        cmocka_unit_test(space_after_flags),
        cmocka_unit_test(hyphens_split_as_ewt_on_request),
        cmocka_unit_test(abbreviations_inside_sentences),
        cmocka_unit_test(abbreviations_ending_sentences),
        cmocka_unit_test(quotes_and_brackets_after_the_period),
        cmocka_unit_test(question_marks_exclamations_ellipses),
        cmocka_unit_test(paragraph_ends_end_sentences),
        cmocka_unit_test(titles_and_headings),
        cmocka_unit_test(long_sentences_are_cut),
        cmocka_unit_test(the_example_article),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
