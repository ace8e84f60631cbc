#include "base/alloc.h"
#include "nlp/conllu.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/io.h"
#include "nlp/tags.h"

void kg_conllu_init(kg_conllu *c)
{
    memset(c, 0, sizeof *c);
    kg_arena_init(&c->arena);
}

void kg_conllu_release(kg_conllu *c)
{
    kg_arena_release(&c->arena);
    free(c->words);
    free(c->sents);
    free(c->mwts);
    memset(c, 0, sizeof *c);
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 256;
    while (n < need)
        n *= 2;
    void *q = kg_realloc(*p, n * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

typedef struct field {
    const char *s;
    size_t len;
} field;

/* Parse a non-negative decimal integer filling the whole field. */
static int parse_uint(field f, long *out)
{
    if (f.len == 0 || f.len > 9)
        return -1;
    long v = 0;
    for (size_t i = 0; i < f.len; i++) {
        if (f.s[i] < '0' || f.s[i] > '9')
            return -1;
        v = v * 10 + (f.s[i] - '0');
    }
    *out = v;
    return 0;
}

static int is(field f, const char *s)
{
    return f.len == strlen(s) && memcmp(f.s, s, f.len) == 0;
}

static int misc_space_after(field f)
{
    /* MISC is "|"-separated; SpaceAfter=No switches the space off. */
    size_t i = 0;
    while (i < f.len) {
        size_t j = i;
        while (j < f.len && f.s[j] != '|')
            j++;
        if (j - i == 13 && memcmp(f.s + i, "SpaceAfter=No", 13) == 0)
            return 0;
        i = j + 1;
    }
    return 1;
}

typedef struct pstate {
    kg_conllu *c;
    const char *name;
    kg_diag *d;
    int in_sent;
    kg_csent cur;
    int pend_newdoc, pend_newpar;
    const char *pend_id, *pend_text;
    uint32_t pend_line;
    long next_id;    /* expected next word ID */
    long mwt_end;    /* last ID covered by the open multiword token */
} pstate;

static int finish_sentence(pstate *p, int line)
{
    kg_conllu *c = p->c;
    kg_csent *s = &p->cur;
    if (p->mwt_end >= p->next_id) {
        kg_diag_error(p->d, p->name, line, 0,
                      "multiword token range goes past the sentence end");
        return -1;
    }
    for (uint32_t i = 0; i < s->count; i++) {
        kg_cword *w = &c->words[s->first + i];
        if (w->head > (int32_t)s->count) {
            kg_diag_error(p->d, p->name, line, 0,
                          "head %d of word %u is outside the sentence (%u words)",
                          w->head, i + 1, s->count);
            return -1;
        }
    }
    if (grow((void **)&c->sents, &c->capsents, c->nsents + 1, sizeof *s) < 0) {
        kg_diag_oom(p->d, "reading CoNLL-U");
        return -1;
    }
    c->sents[c->nsents++] = *s;
    p->in_sent = 0;
    return 0;
}

static const char *dupf(pstate *p, field f)
{
    return kg_arena_strndup(&p->c->arena, f.s, f.len);
}

static int comment_line(pstate *p, const char *s, size_t len)
{
    /* "# key = value" */
    const char *e = s + len;
    const char *q = s + 1;
    while (q < e && *q == ' ')
        q++;
    const char *k = q;
    while (q < e && *q != ' ' && *q != '=')
        q++;
    size_t klen = (size_t)(q - k);
    while (q < e && *q == ' ')
        q++;
    const char *val = NULL;
    size_t vlen = 0;
    if (q < e && *q == '=') {
        q++;
        if (q < e && *q == ' ')
            q++;
        val = q;
        vlen = (size_t)(e - q);
    }
    if (klen == 6 && memcmp(k, "newdoc", 6) == 0) {
        p->pend_newdoc = 1;
        p->pend_newpar = 1;
    } else if (klen == 6 && memcmp(k, "newpar", 6) == 0) {
        p->pend_newpar = 1;
    } else if (val && klen == 7 && memcmp(k, "sent_id", 7) == 0) {
        p->pend_id = kg_arena_strndup(&p->c->arena, val, vlen);
        if (!p->pend_id)
            return -1;
    } else if (val && klen == 4 && memcmp(k, "text", 4) == 0) {
        p->pend_text = kg_arena_strndup(&p->c->arena, val, vlen);
        if (!p->pend_text)
            return -1;
    }
    return 0;
}

static int word_line(pstate *p, const char *s, size_t len, int line)
{
    kg_conllu *c = p->c;
    field f[10];
    size_t nf = 0, i = 0;
    while (nf < 10) {
        size_t j = i;
        while (j < len && s[j] != '\t')
            j++;
        f[nf].s = s + i;
        f[nf].len = j - i;
        nf++;
        if (j >= len)
            break;
        i = j + 1;
    }
    if (nf != 10 || memchr(f[9].s, '\t', f[9].len)) {
        size_t tabs = 0;
        for (size_t k = 0; k < len; k++)
            tabs += s[k] == '\t';
        kg_diag_error(p->d, p->name, line, 0,
                      "expected 10 tab-separated columns, found %zu", tabs + 1);
        return -1;
    }
    for (size_t k = 0; k < 10; k++)
        if (f[k].len == 0) {
            kg_diag_error(p->d, p->name, line, 0, "column %zu is empty", k + 1);
            return -1;
        }
    if (!p->in_sent) {
        memset(&p->cur, 0, sizeof p->cur);
        p->cur.first = (uint32_t)c->nwords;
        p->cur.mwt_first = (uint32_t)c->nmwts;
        p->cur.sent_id = p->pend_id;
        p->cur.text = p->pend_text;
        p->cur.newdoc = (uint8_t)p->pend_newdoc;
        p->cur.newpar = (uint8_t)p->pend_newpar;
        p->cur.line = p->pend_line ? p->pend_line : (uint32_t)line;
        p->pend_id = p->pend_text = NULL;
        p->pend_newdoc = p->pend_newpar = 0;
        p->in_sent = 1;
        p->next_id = 1;
        p->mwt_end = 0;
    }
    /* ID: n, a-b (multiword token) or a.b (empty node, skipped) */
    const char *dash = memchr(f[0].s, '-', f[0].len);
    const char *dot = memchr(f[0].s, '.', f[0].len);
    long id, id2;
    if (dot) {
        field a = {f[0].s, (size_t)(dot - f[0].s)};
        field b = {dot + 1, f[0].len - a.len - 1};
        if (parse_uint(a, &id) < 0 || parse_uint(b, &id2) < 0 || id2 == 0) {
            kg_diag_error(p->d, p->name, line, 0, "bad ID '%.*s'",
                          (int)f[0].len, f[0].s);
            return -1;
        }
        return 0;
    }
    if (dash) {
        field a = {f[0].s, (size_t)(dash - f[0].s)};
        field b = {dash + 1, f[0].len - a.len - 1};
        if (parse_uint(a, &id) < 0 || parse_uint(b, &id2) < 0 || id2 <= id) {
            kg_diag_error(p->d, p->name, line, 0, "bad ID range '%.*s'",
                          (int)f[0].len, f[0].s);
            return -1;
        }
        if (id != p->next_id) {
            kg_diag_error(p->d, p->name, line, 0,
                          "ID range '%.*s' should start at %ld", (int)f[0].len,
                          f[0].s, p->next_id);
            return -1;
        }
        if (grow((void **)&c->mwts, &c->capmwts, c->nmwts + 1, sizeof *c->mwts) < 0)
            goto oom;
        kg_cmwt *m = &c->mwts[c->nmwts++];
        m->first = (uint32_t)(p->cur.first + (uint32_t)id - 1);
        m->last = (uint32_t)(p->cur.first + (uint32_t)id2 - 1);
        m->form = dupf(p, f[1]);
        m->space_after = (uint8_t)misc_space_after(f[9]);
        if (!m->form)
            goto oom;
        p->cur.nmwt++;
        p->mwt_end = id2;
        return 0;
    }
    if (parse_uint(f[0], &id) < 0) {
        kg_diag_error(p->d, p->name, line, 0, "bad ID '%.*s'", (int)f[0].len,
                      f[0].s);
        return -1;
    }
    if (id != p->next_id) {
        kg_diag_error(p->d, p->name, line, 0, "word ID %ld should be %ld", id,
                      p->next_id);
        return -1;
    }
    if (id > INT16_MAX) {
        kg_diag_error(p->d, p->name, line, 0,
                      "sentence has more than %d words", INT16_MAX);
        return -1;
    }
    kg_cword w;
    memset(&w, 0, sizeof w);
    w.form = dupf(p, f[1]);
    w.lemma = dupf(p, f[2]);
    if (!w.form || !w.lemma)
        goto oom;
    int u = kg_upos_lookup(f[3].s, f[3].len);
    if (u < 0) {
        kg_diag_error(p->d, p->name, line, 0, "unknown UPOS tag '%.*s'",
                      (int)f[3].len, f[3].s);
        return -1;
    }
    int x = kg_xpos_lookup(f[4].s, f[4].len);
    if (x < 0) {
        kg_diag_error(p->d, p->name, line, 0, "unknown XPOS tag '%.*s'",
                      (int)f[4].len, f[4].s);
        return -1;
    }
    long h = -1;
    if (!is(f[6], "_") && parse_uint(f[6], &h) < 0) {
        kg_diag_error(p->d, p->name, line, 0, "bad HEAD '%.*s'", (int)f[6].len,
                      f[6].s);
        return -1;
    }
    if (h == id) {
        kg_diag_error(p->d, p->name, line, 0, "word %ld is its own head", id);
        return -1;
    }
    int r = kg_deprel_lookup(f[7].s, f[7].len);
    if (r < 0) {
        /* an unknown subtype falls back to its universal relation */
        const char *colon = memchr(f[7].s, ':', f[7].len);
        if (colon)
            r = kg_deprel_lookup(f[7].s, (size_t)(colon - f[7].s));
    }
    if (r < 0) {
        kg_diag_error(p->d, p->name, line, 0, "unknown relation '%.*s'",
                      (int)f[7].len, f[7].s);
        return -1;
    }
    w.upos = (uint8_t)u;
    w.xpos = (uint16_t)x;
    w.head = (int16_t)(h > INT16_MAX ? INT16_MAX : h);
    w.deprel = (uint8_t)r;
    w.space_after = (uint8_t)misc_space_after(f[9]);
    if (grow((void **)&c->words, &c->capwords, c->nwords + 1, sizeof w) < 0)
        goto oom;
    c->words[c->nwords++] = w;
    p->cur.count++;
    p->next_id++;
    return 0;
oom:
    kg_diag_oom(p->d, "reading CoNLL-U");
    return -1;
}

int kg_conllu_parse(kg_conllu *c, const char *name, const char *data,
                    size_t len, kg_diag *d)
{
    pstate p;
    memset(&p, 0, sizeof p);
    p.c = c;
    p.name = name;
    p.d = d;
    size_t i = 0;
    int line = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        line++;
        const char *s = data + i;
        const char *nl = memchr(s, '\n', len - i);
        size_t l = nl ? (size_t)(nl - s) : len - i;
        i += l + 1;
        if (l > 0 && s[l - 1] == '\r')
            l--;
        if (l == 0) {
            if (p.in_sent && finish_sentence(&p, line) < 0)
                return -1;
            p.pend_line = 0;
            continue;
        }
        if (s[0] == '#') {
            if (p.in_sent) {
                kg_diag_error(d, name, line, 0,
                              "comment inside a sentence (missing blank line?)");
                return -1;
            }
            if (!p.pend_line)
                p.pend_line = (uint32_t)line;
            if (comment_line(&p, s, l) < 0) {
                kg_diag_oom(d, "reading CoNLL-U");
                return -1;
            }
            continue;
        }
        if (memchr(s, '\0', l)) {
            kg_diag_error(d, name, line, 0, "NUL byte in line");
            return -1;
        }
        if (word_line(&p, s, l, line) < 0)
            return -1;
    }
    if (p.in_sent && finish_sentence(&p, line + 1) < 0)
        return -1;
    return 0;
}

int kg_conllu_read(kg_conllu *c, const char *path, kg_diag *d)
{
    kg_buf b;
    kg_buf_init(&b);
    if (kg_io_read_file(path, &b, d) < 0)
        return -1;
    int rc = kg_conllu_parse(c, path, b.data ? b.data : "", b.len, d);
    kg_buf_release(&b);
    return rc;
}

int kg_conllu_to_article(const kg_conllu *c, size_t first, size_t n,
                         kg_article *a, kg_diag *d)
{
    if (first > c->nsents)
        first = c->nsents;
    if (n > c->nsents - first)
        n = c->nsents - first;
    size_t nw = 0, bytes = 1;
    for (size_t s = first; s < first + n; s++) {
        nw += c->sents[s].count;
        for (uint32_t i = 0; i < c->sents[s].count; i++)
            bytes += strlen(c->words[c->sents[s].first + i].form) + 1;
    }
    a->text = kg_arena_alloc(&a->arena, bytes);
    a->tokens = kg_arena_calloc(&a->arena, nw ? nw : 1, sizeof(kg_token));
    a->sentences = kg_arena_calloc(&a->arena, n ? n : 1, sizeof(kg_sentence));
    a->paragraphs = kg_arena_calloc(&a->arena, n ? n : 1, sizeof(kg_span));
    if (!a->text || !a->tokens || !a->sentences || !a->paragraphs) {
        kg_diag_oom(d, "building an article from CoNLL-U");
        return -1;
    }
    size_t pos = 0;
    uint32_t t = 0;
    a->nparagraphs = 0;
    for (size_t s = first; s < first + n; s++) {
        const kg_csent *cs = &c->sents[s];
        kg_sentence *as = &a->sentences[s - first];
        if (cs->newpar || a->nparagraphs == 0) {
            a->paragraphs[a->nparagraphs].start = (uint32_t)pos;
            a->nparagraphs++;
        }
        as->first = t;
        as->count = cs->count;
        as->start = as->cstart = (uint32_t)pos;
        as->paragraph = a->nparagraphs - 1;
        for (uint32_t i = 0; i < cs->count; i++) {
            const char *f = c->words[cs->first + i].form;
            size_t fl = strlen(f);
            kg_token *tk = &a->tokens[t++];
            tk->start = tk->cstart = (uint32_t)pos;
            memcpy(a->text + pos, f, fl);
            pos += fl;
            tk->end = tk->cend = (uint32_t)pos;
            tk->flags = KG_TOK_SPACE_AFTER;
            if (i == 0 && (cs->newpar || s == first))
                tk->flags |= KG_TOK_PARA_START;
            tk->head = -1;
            a->text[pos++] = ' ';
        }
        as->end = as->cend = (uint32_t)(pos ? pos - 1 : 0);
        a->paragraphs[a->nparagraphs - 1].end = as->end;
    }
    a->text[pos] = '\0';
    a->len = pos;
    a->ntokens = t;
    a->nsentences = (uint32_t)n;
    return 0;
}

static int put_field(kg_buf *out, const char *s, size_t len)
{
    /* tabs and newlines would break the format */
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (ch == '\t' || ch == '\n' || ch == '\r')
            ch = ' ';
        if (kg_buf_putc(out, ch) < 0)
            return -1;
    }
    return len ? 0 : kg_buf_putc(out, '_');
}

int kg_conllu_write_article(kg_buf *out, const kg_article *a,
                            const char *doc_id)
{
    if (kg_buf_printf(out, "# newdoc id = %s\n", doc_id) < 0)
        return -1;
    uint32_t last_par = UINT32_MAX;
    for (uint32_t s = 0; s < a->nsentences; s++) {
        const kg_sentence *sn = &a->sentences[s];
        if (sn->count == 0)
            continue;
        if (sn->paragraph != last_par) {
            if (kg_buf_puts(out, "# newpar\n") < 0)
                return -1;
            last_par = sn->paragraph;
        }
        if (kg_buf_printf(out, "# sent_id = %s-%u\n# text = ", doc_id, s + 1) < 0)
            return -1;
        /* the sentence's text with line breaks and runs of spaces folded */
        int space = 0;
        for (uint32_t i = sn->start; i < sn->end && i < a->len; i++) {
            char ch = a->text[i];
            if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') {
                space = 1;
                continue;
            }
            if (space && kg_buf_putc(out, ' ') < 0)
                return -1;
            space = 0;
            if (kg_buf_putc(out, ch) < 0)
                return -1;
        }
        if (kg_buf_putc(out, '\n') < 0)
            return -1;
        for (uint32_t i = 0; i < sn->count; i++) {
            const kg_token *t = &a->tokens[sn->first + i];
            const char *form = a->text + t->start;
            size_t flen = t->end - t->start;
            if (flen == 0 && t->norm) {
                form = t->norm;
                flen = t->norm_len;
            }
            if (kg_buf_printf(out, "%u\t", i + 1) < 0 ||
                put_field(out, form, flen) < 0 || kg_buf_putc(out, '\t') < 0 ||
                put_field(out, t->lemma ? t->lemma : "_",
                          t->lemma ? strlen(t->lemma) : 1) < 0)
                return -1;
            const char *up = t->upos < KG_UPOS_COUNT ? kg_upos_names[t->upos] : "_";
            const char *xp = t->xpos < KG_XPOS_COUNT ? kg_xpos_names[t->xpos] : "_";
            const char *dr = t->deprel < KG_DEP_COUNT ? kg_deprel_names[t->deprel] : "_";
            int sp = (t->flags & KG_TOK_SPACE_AFTER) || i + 1 == sn->count;
            int rc;
            if (t->head >= 0)
                rc = kg_buf_printf(out, "\t%s\t%s\t_\t%d\t%s\t_\t%s\n", up, xp,
                                   t->head, dr, sp ? "_" : "SpaceAfter=No");
            else
                rc = kg_buf_printf(out, "\t%s\t%s\t_\t_\t_\t_\t%s\n", up, xp,
                                   sp ? "_" : "SpaceAfter=No");
            if (rc < 0)
                return -1;
        }
        if (kg_buf_putc(out, '\n') < 0)
            return -1;
    }
    return 0;
}
