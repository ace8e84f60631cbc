/*
 * cmd_oie.c - kgraph oie: Open IE over one sentence a line, in CaRB's
 * format (src/extract/oie.h writes the tuples).
 *
 * Each line is one sentence, and its tokens are the whitespace-separated
 * words of the line: CaRB's sentences come tokenized, and its scorer
 * compares words split on whitespace, so arguments must be runs of the
 * line's own words.  The tagger sees PTB quotes (`` '') and brackets
 * (-LRB-) in the form it was trained on (" and parentheses).  A line that
 * looks like raw text (punctuation or "n't" attached to words) goes
 * through the tokenizer instead; kg_oie_write widens arguments to whole
 * words of the line.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "article/article.h"
#include "article/token.h"
#include "base/buf.h"
#include "base/io.h"
#include "cli/cli.h"
#include "cli/nlp_cli.h"
#include "extract/clause.h"
#include "extract/oie.h"
#include "nlp/nlp.h"

static void usage(FILE *out)
{
    fputs("Usage: kgraph oie [OPTION]... [FILE|-]\n"
          "Open information extraction: read one sentence a line (words separated\n"
          "by spaces, as in CaRB's sentences; standard input when FILE is '-' or\n"
          "missing), parse it, read clauses off the parse, and write one\n"
          "extraction a line in CaRB's format:\n"
          "  sentence TAB confidence TAB relation TAB arg1 TAB arg2 [TAB ...]\n"
          "A line that looks untokenized (\"Seoul,\" \"didn't\" \"ended.\") is split by\n"
          "the tokenizer first.  Arguments are runs of the line's own\n"
          "whitespace-separated words either way; blank lines give nothing.\n"
          "Score the output with 'kgraph eval-oie --gold GOLD.tsv'.\n"
          "\n"
          "  -o, --output=FILE    write here instead of standard output\n"
          "  -m, --models=PREFIX  models PREFIX.tagger.bin and PREFIX.parser.bin\n"
          "                       (default: the shipped models/en-ewt.*)\n"
          "      --clauses        write the clauses themselves instead (rule,\n"
          "                       confidence, relation, arguments with roles,\n"
          "                       flags), after each sentence; not CaRB's format\n"
          "      --trace          start each line with the rule that made the\n"
          "                       clause and a tab (not CaRB's format)\n"
          "  -h, --help           show this help\n",
          out);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static uint32_t cp_count(const char *s, size_t n)
{
    uint32_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

/* The form the tagger was trained on, for PTB escapes. */
static const char *ptb_norm(const char *s, size_t n)
{
    static const struct {
        const char *ptb, *norm;
    } map[] = {{"``", "\""},    {"''", "\""},    {"-LRB-", "("},
               {"-RRB-", ")"},  {"-LSB-", "["},  {"-RSB-", "]"},
               {"-LCB-", "{"},  {"-RCB-", "}"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strlen(map[i].ptb) == n && memcmp(map[i].ptb, s, n) == 0)
            return map[i].norm;
    return NULL;
}

/* Does a line look untokenized?  CaRB's lines keep punctuation and
 * clitics apart ("Seoul ," "did n't"); raw text attaches them. */
static int raw_line(const char *s, size_t len)
{
    size_t i = 0;
    const char *last = NULL;
    size_t lastn = 0;
    while (i < len) {
        while (i < len && is_space(s[i]))
            i++;
        if (i >= len)
            break;
        size_t w = i;
        while (i < len && !is_space(s[i]))
            i++;
        size_t n = i - w;
        last = s + w;
        lastn = n;
        if (n > 1 && strchr(",;:!?", s[i - 1]))
            return 1;
        if (n > 1 && (s[w] == '(' || s[w] == '"'))
            return 1;
        if (n > 3 && memcmp(s + i - 3, "n't", 3) == 0)
            return 1;
    }
    return last && lastn > 1 && strchr(".!?", last[lastn - 1]);
}

typedef struct toks {
    kg_token *v;
    size_t n, cap;
} toks;

static kg_token *tok_push(toks *t)
{
    if (t->n == t->cap) {
        size_t nc = t->cap ? 2 * t->cap : 256;
        kg_token *v = kg_realloc(t->v, nc * sizeof *v);
        if (!v)
            return NULL;
        t->v = v;
        t->cap = nc;
    }
    kg_token *k = &t->v[t->n++];
    memset(k, 0, sizeof *k);
    k->head = -1;
    return k;
}

/* The tokenizer's tokens of one raw line, moved to the article's text
 * (offset pos, code points from cpos). */
static int tokenize_line(kg_article *a, size_t pos, size_t e, uint32_t cpos,
                         toks *out, kg_diag *d)
{
    kg_article t;
    kg_article_init(&t);
    int rc = -1;
    if (kg_article_parse_plain(&t, "line", a->text + pos, e - pos, d) < 0 ||
        kg_tokenize(&t, d) < 0)
        goto done;
    for (uint32_t i = 0; i < t.ntokens; i++) {
        const kg_token *src = &t.tokens[i];
        kg_token *k = tok_push(out);
        if (!k) {
            kg_diag_oom(d, "reading sentences");
            goto done;
        }
        k->start = (uint32_t)pos + src->start;
        k->end = (uint32_t)pos + src->end;
        k->cstart = cpos + src->cstart;
        k->cend = cpos + src->cend;
        k->flags = src->flags;
        if (src->norm) {
            k->norm = kg_arena_strndup(&a->arena, src->norm, src->norm_len);
            if (!k->norm) {
                kg_diag_oom(d, "reading sentences");
                goto done;
            }
            k->norm_len = src->norm_len;
        }
    }
    rc = 0;
done:
    kg_article_release(&t);
    return rc;
}

/* One sentence a line: its tokens are the line's whitespace words, or,
 * for a line that looks untokenized, the tokenizer's (one sentence all
 * the same; kg_oie_write prints arguments as whole words of the line). */
static int build(kg_article *a, kg_diag *d)
{
    const char *s = a->text;
    size_t len = a->len, nl = 1;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\n')
            nl++;
    toks tk = {NULL, 0, 0};
    a->sentences = kg_arena_calloc(&a->arena, nl, sizeof *a->sentences);
    a->paragraphs = kg_arena_calloc(&a->arena, nl, sizeof *a->paragraphs);
    if (!a->sentences || !a->paragraphs) {
        kg_diag_oom(d, "reading sentences");
        return -1;
    }
    a->nsentences = a->nparagraphs = 0;
    size_t pos = 0;
    uint32_t cpos = 0;
    while (pos < len) {
        size_t e = pos;
        while (e < len && s[e] != '\n')
            e++;
        kg_sentence *sn = &a->sentences[a->nsentences];
        size_t first = tk.n;
        if (raw_line(s + pos, e - pos)) {
            if (tokenize_line(a, pos, e, cpos, &tk, d) < 0)
                goto fail;
        } else {
            size_t i = pos;
            while (i < e) {
                while (i < e && is_space(s[i]))
                    i++;
                if (i >= e)
                    break;
                size_t w = i;
                while (i < e && !is_space(s[i]))
                    i++;
                kg_token *t = tok_push(&tk);
                if (!t) {
                    kg_diag_oom(d, "reading sentences");
                    goto fail;
                }
                t->start = (uint32_t)w;
                t->end = (uint32_t)i;
                t->cstart = cpos + cp_count(s + pos, w - pos);
                t->cend = t->cstart + cp_count(s + w, i - w);
                t->flags = KG_TOK_SPACE_AFTER;
                const char *nm = ptb_norm(s + w, i - w);
                if (nm) {
                    t->norm = nm;
                    t->norm_len = (uint32_t)strlen(nm);
                }
            }
        }
        if (tk.n > first) {
            sn->first = (uint32_t)first;
            sn->count = (uint32_t)(tk.n - first);
            tk.v[first].flags |= KG_TOK_PARA_START;
            sn->start = tk.v[first].start;
            sn->end = tk.v[tk.n - 1].end;
            sn->cstart = tk.v[first].cstart;
            sn->cend = tk.v[tk.n - 1].cend;
            sn->paragraph = a->nparagraphs;
            sn->kind = KG_SENT_BODY;
            a->paragraphs[a->nparagraphs].start = sn->start;
            a->paragraphs[a->nparagraphs].end = sn->end;
            a->nparagraphs++;
            a->nsentences++;
        }
        cpos += cp_count(s + pos, e - pos) + (e < len ? 1 : 0);
        pos = e + 1;
    }
    a->tokens = kg_arena_calloc(&a->arena, tk.n ? tk.n : 1, sizeof *a->tokens);
    if (!a->tokens) {
        kg_diag_oom(d, "reading sentences");
        goto fail;
    }
    if (tk.n)
        memcpy(a->tokens, tk.v, tk.n * sizeof *tk.v);
    a->ntokens = (uint32_t)tk.n;
    free(tk.v);
    return 0;
fail:
    free(tk.v);
    return -1;
}

/* Beyond kg_oie_write's options: dump the clauses instead. */
#define OIE_CLAUSES (1u << 16)

static int write_sentence(kg_buf *out, kg_article *a, uint32_t s,
                          kg_clause_list *l, kg_buf *line, unsigned opts,
                          kg_diag *d)
{
    const kg_sentence *sn = &a->sentences[s];
    /* sentences are independent: the list restarts (its storage is
     * reused), so clause indexes are per sentence */
    l->n = 0;
    size_t from = 0;
    if (kg_clause_extract(a, s, l, d) < 0)
        return -1;
    /* the sentence as given, tabs turned into spaces */
    kg_buf_clear(line);
    if (kg_buf_append(line, a->text + sn->start, sn->end - sn->start) < 0)
        goto oom;
    for (size_t i = 0; i < line->len; i++)
        if (line->data[i] == '\t' || line->data[i] == '\r')
            line->data[i] = ' ';
    if (opts & OIE_CLAUSES) {
        if (kg_buf_printf(out, "%s\n", line->data) < 0 ||
            kg_clause_print(out, a, l, from, l->n) < 0 ||
            kg_buf_putc(out, '\n') < 0)
            goto oom;
    } else if (kg_oie_write(out, a, l, from, l->n, line->data, line->len,
                            opts) < 0)
        goto oom;
    return 0;
oom:
    kg_diag_oom(d, "writing extractions");
    return -1;
}

int kg_cmd_oie(int argc, char **argv)
{
    enum { OPT_TRACE = 256, OPT_CLAUSES };
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"trace", no_argument, NULL, OPT_TRACE},
        {"clauses", no_argument, NULL, OPT_CLAUSES},
        {"models", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *output = "-", *models = NULL;
    unsigned oie_opts = 0;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:m:h", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case 'm':
            models = optarg;
            break;
        case OPT_TRACE:
            oie_opts |= KG_OIE_TRACE;
            break;
        case OPT_CLAUSES:
            oie_opts |= OIE_CLAUSES;
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        default:
            return kg_cli_option_error(argv[0], c, argv);
        }
    }
    if (argc - optind > 1)
        return kg_cli_usage_error(argv[0], "more than one input FILE");
    const char *path = optind < argc ? argv[optind] : "-";

    kg_diag d;
    kg_diag_init(&d, stderr);
    kg_buf in, out, line;
    kg_buf_init(&in);
    kg_buf_init(&out);
    kg_buf_init(&line);
    kg_article a;
    kg_article_init(&a);
    kg_nlp *m = NULL;
    int rc = KG_EXIT_INPUT;
    if (kg_io_read_file(path, &in, &d) < 0)
        goto done;
    int blank = 1;
    for (size_t i = 0; i < in.len && blank; i++)
        if (!is_space(in.data[i]) && in.data[i] != '\n')
            blank = 0;
    if (!blank) {
        /* the reader's checks: UTF-8, no NUL bytes */
        if (kg_article_parse_plain(&a, path, in.data, in.len, &d) < 0)
            goto done;
        if (build(&a, &d) < 0)
            goto done;
        m = kg_cli_load_nlp(models, &d);
        if (!m || kg_nlp_annotate(m, &a, &d) < 0)
            goto done;
        kg_clause_list l;
        kg_clause_list_init(&l);
        for (uint32_t s = 0; s < a.nsentences; s++)
            if (write_sentence(&out, &a, s, &l, &line, oie_opts, &d) < 0)
                goto done;
        kg_clause_list_release(&l);
    }
    if (kg_io_write_atomic(output, out.data ? out.data : "", out.len, &d) < 0)
        goto done;
    rc = KG_EXIT_OK;
done:
    if (rc != KG_EXIT_OK)
        kg_diag_print(&d, stderr);
    kg_nlp_free(m);
    kg_article_release(&a);
    kg_buf_release(&in);
    kg_buf_release(&out);
    kg_buf_release(&line);
    return rc;
}
