/*
 * fuzz_article.c - the article reader, the tokenizer and the sentence
 * splitter on arbitrary bytes.
 *
 * Each input is read twice: as an article (front matter, title, dateline,
 * rights line, paragraphs; default tokenizer) and as plain text (hyphens
 * split as EWT does).  Besides the sanitizers, the checks below hold the
 * tokenizer to what article.h and token.h promise: tokens are non-empty,
 * ordered, non-overlapping byte spans whose code-point spans count the
 * characters before them; sentences cut the tokens into consecutive,
 * non-empty runs of at most KG_SENTENCE_MAX_TOKENS; a failed read leaves
 * the article empty and says why, naming the input.
 */
#include <string.h>

#include "article/article.h"
#include "article/token.h"
#include "fuzz.h"

static const char NAME[] = "fuzz.txt";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void check_failed_read(const kg_article *a, const kg_diag *d)
{
    FUZZ_CHECK(a->text == NULL);
    FUZZ_CHECK(d->nerrors >= 1);
    FUZZ_CHECK(strncmp(d->first, NAME, sizeof NAME - 1) == 0);
    FUZZ_CHECK(strstr(d->first, ": error: ") != NULL);
}

static void check_spans(const kg_article *a)
{
    FUZZ_CHECK(a->text != NULL);
    FUZZ_CHECK(a->title.start <= a->title.end && a->title.end <= a->len);
    for (uint32_t i = 0; i < a->nparagraphs; i++) {
        const kg_span *p = &a->paragraphs[i];
        FUZZ_CHECK(p->start < p->end && p->end <= a->len);
        if (i > 0)
            FUZZ_CHECK(a->paragraphs[i - 1].end <= p->start);
    }
}

static void check_tokens(const kg_article *a)
{
    /* code points before each byte offset, counted independently */
    uint32_t cp = 0, at = 0;
    for (uint32_t i = 0; i < a->ntokens; i++) {
        const kg_token *t = &a->tokens[i];
        FUZZ_CHECK(t->start < t->end && t->end <= a->len);
        if (i > 0)
            FUZZ_CHECK(a->tokens[i - 1].end <= t->start);
        for (; at < t->start; at++)
            cp += ((unsigned char)a->text[at] & 0xC0) != 0x80;
        FUZZ_CHECK(t->cstart == cp);
        uint32_t n = 0;
        for (uint32_t b = t->start; b < t->end; b++)
            n += ((unsigned char)a->text[b] & 0xC0) != 0x80;
        FUZZ_CHECK(t->cend == t->cstart + n);
        if (t->norm) {
            FUZZ_CHECK(t->norm_len > 0);
            FUZZ_CHECK(strlen(t->norm) == t->norm_len);
        }
        uint32_t len;
        const char *form = kg_token_form(a, t, &len);
        FUZZ_CHECK(len > 0 && memchr(form, '\0', len) == NULL);
    }
    uint32_t next = 0;
    for (uint32_t i = 0; i < a->nsentences; i++) {
        const kg_sentence *s = &a->sentences[i];
        FUZZ_CHECK(s->first == next);
        FUZZ_CHECK(s->count >= 1 && s->count <= KG_SENTENCE_MAX_TOKENS);
        FUZZ_CHECK(s->first + s->count <= a->ntokens);
        const kg_token *f = &a->tokens[s->first];
        const kg_token *l = &a->tokens[s->first + s->count - 1];
        FUZZ_CHECK(s->start == f->start && s->end == l->end);
        FUZZ_CHECK(s->cstart == f->cstart && s->cend == l->cend);
        FUZZ_CHECK(s->kind == KG_SENT_BODY || s->kind == KG_SENT_TITLE ||
                   s->kind == KG_SENT_HEADING);
        if (s->kind == KG_SENT_TITLE)
            FUZZ_CHECK(s->paragraph == KG_PARAGRAPH_NONE);
        else
            FUZZ_CHECK(s->paragraph < a->nparagraphs);
        next = s->first + s->count;
    }
    FUZZ_CHECK(next == a->ntokens);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_article a;
    kg_article_init(&a);

    if (kg_article_parse(&a, NAME, text, size, &d) == 0) {
        check_spans(&a);
        if (kg_tokenize(&a, &d) == 0)
            check_tokens(&a);
    } else {
        check_failed_read(&a, &d);
    }

    kg_diag_reset(&d);
    if (kg_article_parse_plain(&a, NAME, text, size, &d) == 0) {
        check_spans(&a);
        FUZZ_CHECK(a.title.start == a.title.end);
        if (kg_tokenize_opts(&a, KG_TOKENIZE_SPLIT_HYPHENS, &d) == 0)
            check_tokens(&a);
    } else {
        check_failed_read(&a, &d);
    }
    kg_article_release(&a);
    return 0;
}
