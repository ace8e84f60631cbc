/*
 * cmd_oie.c - kgraph oie: Open IE over one sentence a line, in CaRB's
 * format (src/extract/oie.h writes the tuples).
 *
 * Each line is one sentence, and its words are the whitespace-separated
 * words of the line: CaRB's sentences come tokenized, and its scorer
 * compares words split on whitespace, so arguments must be runs of the
 * line's own words.  The tagger sees PTB quotes (`` '') and brackets
 * (-LRB-) in the form it was trained on (" and parentheses).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article/article.h"
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
          "Arguments are runs of the line's own words; blank lines give nothing.\n"
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

/* Tokens = the whitespace words of each line, one sentence a line. */
static int build(kg_article *a, kg_diag *d)
{
    const char *s = a->text;
    size_t len = a->len, nw = 0, nl = 0;
    for (size_t i = 0; i < len; i++) {
        if (!is_space(s[i]) && s[i] != '\n' &&
            (i == 0 || is_space(s[i - 1]) || s[i - 1] == '\n'))
            nw++;
        if (s[i] == '\n')
            nl++;
    }
    nl++;
    a->tokens = kg_arena_calloc(&a->arena, nw ? nw : 1, sizeof *a->tokens);
    a->sentences = kg_arena_calloc(&a->arena, nl, sizeof *a->sentences);
    a->paragraphs = kg_arena_calloc(&a->arena, nl, sizeof *a->paragraphs);
    if (!a->tokens || !a->sentences || !a->paragraphs) {
        kg_diag_oom(d, "reading sentences");
        return -1;
    }
    a->ntokens = a->nsentences = a->nparagraphs = 0;
    size_t pos = 0;
    uint32_t cpos = 0;
    while (pos < len) {
        size_t e = pos;
        while (e < len && s[e] != '\n')
            e++;
        kg_sentence *sn = &a->sentences[a->nsentences];
        sn->first = a->ntokens;
        sn->count = 0;
        size_t i = pos;
        while (i < e) {
            while (i < e && is_space(s[i]))
                i++;
            if (i >= e)
                break;
            size_t w = i;
            while (i < e && !is_space(s[i]))
                i++;
            kg_token *t = &a->tokens[a->ntokens++];
            t->start = (uint32_t)w;
            t->end = (uint32_t)i;
            t->cstart = cpos + cp_count(s + pos, w - pos);
            t->cend = t->cstart + cp_count(s + w, i - w);
            t->flags = KG_TOK_SPACE_AFTER;
            if (sn->count == 0)
                t->flags |= KG_TOK_PARA_START;
            t->head = -1;
            const char *nm = ptb_norm(s + w, i - w);
            if (nm) {
                t->norm = nm;
                t->norm_len = (uint32_t)strlen(nm);
            }
            sn->count++;
        }
        if (sn->count > 0) {
            const kg_token *f = &a->tokens[sn->first];
            const kg_token *l = &a->tokens[sn->first + sn->count - 1];
            sn->start = f->start;
            sn->end = l->end;
            sn->cstart = f->cstart;
            sn->cend = l->cend;
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
    return 0;
}

/* Beyond kg_oie_write's options: dump the clauses instead. */
#define OIE_CLAUSES (1u << 16)

static int write_sentence(kg_buf *out, kg_article *a, uint32_t s,
                          kg_clause_list *l, kg_buf *line, unsigned opts,
                          kg_diag *d)
{
    const kg_sentence *sn = &a->sentences[s];
    size_t from = l->n;
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
    while ((c = getopt_long(argc, argv, "o:m:h", opts, NULL)) != -1) {
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
            return kg_cli_usage_error(argv[0], "unknown option");
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
