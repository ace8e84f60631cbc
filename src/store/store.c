/*
 * store.c - Redland (librdf) model on SQLite storage; SPARQL via rasqal.
 *
 * Ownership (librdf, rasqal):
 *   - librdf_world owns every librdf object made from it and is freed
 *     last; the model is freed before its storage, both before the world.
 *   - librdf_new_*() results are ours: free each with its librdf_free_*().
 *     librdf_new_statement_from_nodes() takes over the three nodes it is
 *     given (also on failure), so they are never freed separately.
 *   - librdf_model_context_*() and librdf_new_node_from_typed_*literal()
 *     copy what they are given (context node, datatype URI): we free ours.
 *   - librdf_query_results_get_binding_value() returns a new node (free
 *     it); get_binding_name(), librdf_stream_get_object() and every
 *     *_as_string / *_as_counted_string / get_uri() result are borrowed
 *     views that die with their owner.
 *   - The rasqal_world inside the librdf_world belongs to librdf.  For
 *     syntax checks we make our own rasqal_world (freed after the
 *     librdf_world) and rasqal_query objects on it (rasqal_free_query).
 *   - librdf_log_message / raptor_log_message (and the raptor_locator)
 *     passed to our loggers are borrowed for the call: the text is copied.
 *   - libsqlite3 is opened with dlopen() only to add the two indexes
 *     Redland's sqlite storage lacks (and to check a file is a store); our
 *     own connection is closed and the library dlclose()d before Redland
 *     writes anything.
 */
#include "base/alloc.h"
#include "store/store.h"

#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <redland.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define QUERY_LANGUAGE "sparql11-query"

typedef struct store_log {
    char first[KG_DIAG_MSG_MAX / 2]; /* first error, lower-cased */
    int line;                        /* its line, or 0 */
    unsigned nerrors;
} store_log;

struct kg_store {
    librdf_world *world;
    librdf_storage *storage;
    librdf_model *model;
    char *path;
    store_log log;
    rasqal_world *rasqal; /* for syntax checks only */
};

static void log_reset(store_log *l)
{
    l->first[0] = '\0';
    l->line = 0;
    l->nerrors = 0;
}

static int on_log(void *user, librdf_log_message *m)
{
    store_log *l = user;
    if (librdf_log_message_level(m) < LIBRDF_LOG_ERROR)
        return 1; /* warnings (e.g. "variable bound but unused") dropped */
    if (l->nerrors++ == 0) {
        const char *text = librdf_log_message_message(m);
        snprintf(l->first, sizeof l->first, "%s", text ? text : "failed");
        if (isupper((unsigned char)l->first[0]) &&
            islower((unsigned char)l->first[1]))
            l->first[0] = (char)tolower((unsigned char)l->first[0]);
        raptor_locator *loc = librdf_log_message_locator(m);
        l->line = loc && loc->line > 0 ? loc->line : 0;
    }
    return 1; /* handled: librdf prints nothing */
}

/* --- SQLite, for what Redland cannot do ----------------------------------- */

typedef struct sqlite3 sqlite3;
typedef struct sqlite_api {
    void *lib;
    int (*open_v2)(const char *, sqlite3 **, int, const char *);
    int (*exec)(sqlite3 *, const char *, void *, void *, char **);
    int (*close)(sqlite3 *);
    const char *(*errmsg)(sqlite3 *);
    void (*free)(void *);
} sqlite_api;

#define SQLITE_OPEN_READONLY 0x1
#define SQLITE_OPEN_READWRITE 0x2

static int sqlite_load(sqlite_api *api, kg_diag *d, const char *path)
{
    memset(api, 0, sizeof *api);
    api->lib = dlopen("libsqlite3.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!api->lib) {
        kg_diag_error(d, path, 0, 0, "cannot load libsqlite3.so.0: %s",
                      dlerror());
        return -1;
    }
    /* POSIX: function pointers are read through an object pointer */
    *(void **)&api->open_v2 = dlsym(api->lib, "sqlite3_open_v2");
    *(void **)&api->exec = dlsym(api->lib, "sqlite3_exec");
    *(void **)&api->close = dlsym(api->lib, "sqlite3_close");
    *(void **)&api->errmsg = dlsym(api->lib, "sqlite3_errmsg");
    *(void **)&api->free = dlsym(api->lib, "sqlite3_free");
    if (!api->open_v2 || !api->exec || !api->close || !api->errmsg ||
        !api->free) {
        kg_diag_error(d, path, 0, 0, "libsqlite3.so.0 lacks sqlite3_exec");
        dlclose(api->lib);
        return -1;
    }
    return 0;
}

/* Run sql on the file with our own connection.  Errors name the file as
 * not being a store, since the SQL only touches Redland's tables. */
static int sqlite_run(const char *path, int writable, const char *sql,
                      kg_diag *d)
{
    sqlite_api api;
    if (sqlite_load(&api, d, path) < 0)
        return -1;
    sqlite3 *db = NULL;
    int rc = api.open_v2(path, &db,
                         writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY,
                         NULL);
    char *err = NULL;
    if (rc == 0)
        rc = api.exec(db, sql, NULL, NULL, &err);
    if (rc != 0)
        kg_diag_error(d, path, 0, 0, "not a kgraph store: %s",
                      err ? err : db ? api.errmsg(db) : "cannot open");
    if (err)
        api.free(err);
    if (db)
        api.close(db);
    dlclose(api.lib);
    return rc == 0 ? 0 : -1;
}

/* --- open and close ------------------------------------------------------- */

void kg_store_free(kg_store *s)
{
    if (!s)
        return;
    if (s->model)
        librdf_free_model(s->model);
    if (s->storage)
        librdf_free_storage(s->storage);
    if (s->world)
        librdf_free_world(s->world);
    if (s->rasqal)
        rasqal_free_world(s->rasqal);
    free(s->path);
    free(s);
}

#define INDEX_SQL \
    "CREATE INDEX IF NOT EXISTS kgraph_literals " \
    "ON literals (text, language, datatype);" \
    "CREATE INDEX IF NOT EXISTS kgraph_blanks ON blanks (blank);"

/* Make a new, empty store at path without a window in which another
 * process's store could be overwritten: Redland builds it under a
 * temporary name (new='yes' deletes whatever has that name), and link()
 * puts it in place only if path is still free. */
static int create_store(librdf_world *w, store_log *log, const char *path,
                        kg_diag *d)
{
    size_t n = strlen(path) + 32;
    char *tmp = kg_malloc(n);
    if (!tmp) {
        kg_diag_oom(d, "creating the store");
        return -1;
    }
    snprintf(tmp, n, "%s.new-%ld", path, (long)getpid());
    librdf_storage *st =
        librdf_new_storage(w, "sqlite", tmp, "new='yes',contexts='yes'");
    /* the storage opens (and makes its tables) when a model takes it */
    librdf_model *m = st ? librdf_new_model(w, st, NULL) : NULL;
    int rc = m && !log->nerrors ? 0 : -1;
    if (m)
        librdf_free_model(m);
    if (st)
        librdf_free_storage(st);
    if (rc < 0)
        kg_diag_error(d, path, 0, 0, "cannot create store: %s",
                      log->nerrors ? log->first
                                   : "no sqlite storage in Redland (install "
                                     "librdf-storage-sqlite)");
    else if (sqlite_run(tmp, 1, INDEX_SQL, d) < 0)
        rc = -1;
    else if (link(tmp, path) != 0 && errno != EEXIST) {
        kg_diag_error(d, path, 0, 0, "cannot create store: %s",
                      strerror(errno));
        rc = -1;
    }
    unlink(tmp);
    free(tmp);
    return rc;
}

kg_store *kg_store_open(const char *path, kg_store_mode mode, kg_diag *d)
{
    struct stat st;
    int exists = stat(path, &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        kg_diag_error(d, path, 0, 0, "not a kgraph store: not a regular file");
        return NULL;
    }
    if (!exists && (errno != ENOENT || mode == KG_STORE_READ)) {
        if (errno == ENOENT)
            kg_diag_error(d, path, 0, 0,
                          "no such store (make one with 'kgraph load "
                          "--store %s FILE...')",
                          path);
        else
            kg_diag_error(d, path, 0, 0, "cannot open store: %s",
                          strerror(errno));
        return NULL;
    }
    /* look before Redland opens (and so might write to) the file */
    if (exists && sqlite_run(path, 0,
                             "SELECT 1 FROM triples, uris, literals, blanks "
                             "LIMIT 0",
                             d) < 0)
        return NULL;

    kg_store *s = kg_calloc(1, sizeof *s);
    if (!s || !(s->path = kg_strdup(path))) {
        free(s);
        kg_diag_oom(d, "opening the store");
        return NULL;
    }
    log_reset(&s->log);
    s->world = librdf_new_world();
    if (!s->world) {
        kg_diag_oom(d, "opening the store");
        kg_store_free(s);
        return NULL;
    }
    librdf_world_set_logger(s->world, &s->log, on_log);
    librdf_world_open(s->world);
    if (!exists && create_store(s->world, &s->log, path, d) < 0) {
        kg_store_free(s);
        return NULL;
    }
    /* never new='yes' here: it deletes an existing store */
    s->storage = librdf_new_storage(s->world, "sqlite", path,
                                    "new='no',contexts='yes'");
    if (s->storage)
        s->model = librdf_new_model(s->world, s->storage, NULL);
    if (!s->storage || !s->model || s->log.nerrors) {
        kg_diag_error(d, path, 0, 0, "cannot open store: %s",
                      s->log.nerrors ? s->log.first
                                     : "no sqlite storage in Redland "
                                       "(install librdf-storage-sqlite)");
        kg_store_free(s);
        return NULL;
    }
    /* stores made by other Redland tools lack the indexes too */
    if (mode == KG_STORE_WRITE && exists && sqlite_run(path, 1, INDEX_SQL, d) < 0) {
        kg_store_free(s);
        return NULL;
    }
    return s;
}

long kg_store_size(kg_store *s)
{
    return librdf_model_size(s->model);
}

/* --- loading -------------------------------------------------------------- */

static librdf_node *make_node(librdf_world *w, const kg_term *t)
{
    switch (t->kind) {
    case KG_TERM_IRI:
        return librdf_new_node_from_uri_string(w,
                                               (const unsigned char *)t->value);
    case KG_TERM_BLANK:
        return librdf_new_node_from_blank_identifier(
            w, (const unsigned char *)t->value);
    case KG_TERM_LITERAL: {
        librdf_uri *dt = NULL;
        if (t->datatype &&
            !(dt = librdf_new_uri(w, (const unsigned char *)t->datatype)))
            return NULL;
        librdf_node *n = librdf_new_node_from_typed_counted_literal(
            w, (const unsigned char *)t->value, t->len, t->lang,
            t->lang ? strlen(t->lang) : 0, dt);
        if (dt)
            librdf_free_uri(dt);
        return n;
    }
    }
    return NULL;
}

static int add_triple(kg_store *s, librdf_node *ctx, const kg_triple *t)
{
    librdf_node *sn = make_node(s->world, &t->s);
    librdf_node *pn = make_node(s->world, &t->p);
    librdf_node *on = make_node(s->world, &t->o);
    if (!sn || !pn || !on) {
        if (sn)
            librdf_free_node(sn);
        if (pn)
            librdf_free_node(pn);
        if (on)
            librdf_free_node(on);
        return -1;
    }
    librdf_statement *st = librdf_new_statement_from_nodes(s->world, sn, pn, on);
    if (!st)
        return -1;
    int rc = librdf_model_context_add_statement(s->model, ctx, st);
    librdf_free_statement(st);
    return rc ? -1 : 0;
}

static int check_nul(const kg_graphset *gs, kg_diag *d)
{
    for (size_t g = 0; g < gs->ngraphs; g++)
        for (size_t i = 0; i < gs->graphs[g].ntriples; i++) {
            const kg_term *o = &gs->graphs[g].triples[i].o;
            if (o->kind == KG_TERM_LITERAL && memchr(o->value, '\0', o->len)) {
                kg_diag_error(d, gs->source, 0, 0,
                              "a literal of graph <%s> holds a NUL character, "
                              "which the store cannot keep",
                              gs->graphs[g].iri);
                return -1;
            }
        }
    return 0;
}

static void store_error(kg_store *s, kg_diag *d, const char *what)
{
    kg_diag_error(d, s->path, 0, 0, "%s: %s", what,
                  s->log.nerrors ? s->log.first : "the storage refused");
}

int kg_store_load(kg_store *s, const kg_graphset *gs, kg_diag *d)
{
    if (check_nul(gs, d) < 0)
        return -1;
    log_reset(&s->log);
    if (librdf_model_transaction_start(s->model) != 0) {
        store_error(s, d, "cannot start a transaction");
        return -1;
    }
    int rc = 0;
    for (size_t g = 0; g < gs->ngraphs && rc == 0; g++) {
        const kg_rdf_graph *gr = &gs->graphs[g];
        /* as kg_push_graphset: a quads file without default-graph triples
         * speaks only about its named graphs */
        if (g == 0 && gr->ntriples == 0 && gs->ngraphs > 1)
            continue;
        librdf_node *ctx = librdf_new_node_from_uri_string(
            s->world, (const unsigned char *)gr->iri);
        if (!ctx) {
            rc = -1;
            break;
        }
        if (librdf_model_context_remove_statements(s->model, ctx) != 0)
            rc = -1;
        for (size_t i = 0; i < gr->ntriples && rc == 0; i++)
            rc = add_triple(s, ctx, &gr->triples[i]);
        librdf_free_node(ctx);
    }
    if (rc == 0 && s->log.nerrors == 0 &&
        librdf_model_transaction_commit(s->model) == 0)
        return 0;
    store_error(s, d, "cannot load the graph");
    librdf_model_transaction_rollback(s->model);
    return -1;
}

int kg_store_drop_graph(kg_store *s, const char *graph_iri, kg_diag *d)
{
    log_reset(&s->log);
    librdf_node *ctx = librdf_new_node_from_uri_string(
        s->world, (const unsigned char *)graph_iri);
    if (!ctx) {
        kg_diag_oom(d, "naming a graph");
        return -1;
    }
    int rc = -1;
    if (librdf_model_transaction_start(s->model) == 0) {
        if (librdf_model_context_remove_statements(s->model, ctx) == 0 &&
            s->log.nerrors == 0 &&
            librdf_model_transaction_commit(s->model) == 0)
            rc = 0;
        else
            librdf_model_transaction_rollback(s->model);
    }
    librdf_free_node(ctx);
    if (rc < 0)
        store_error(s, d, "cannot drop the graph");
    return rc;
}

/* --- queries -------------------------------------------------------------- */

static void on_rasqal_log(void *user, raptor_log_message *m)
{
    store_log *l = user;
    if (m->level < RAPTOR_LOG_LEVEL_ERROR)
        return;
    if (l->nerrors++ == 0) {
        snprintf(l->first, sizeof l->first, "%s", m->text ? m->text : "failed");
        if (isupper((unsigned char)l->first[0]) &&
            islower((unsigned char)l->first[1]))
            l->first[0] = (char)tolower((unsigned char)l->first[0]);
        l->line = m->locator && m->locator->line > 0 ? m->locator->line : 0;
    }
}

/* Parse query text with rasqal; 0 when it parses.  Errors land in s->log.
 * A rasqal_world of our own: librdf's sends syntax errors to stderr.
 * vars (may be NULL) gets the names a SELECT binds: librdf gives none for
 * an empty result, and the header should not depend on the rows. */
static int check_syntax(kg_store *s, const char *text, kg_results *vars)
{
    if (!s->rasqal) {
        s->rasqal = rasqal_new_world();
        if (!s->rasqal)
            return -1;
        if (rasqal_world_open(s->rasqal) != 0)
            return -1;
        /* after open: it also hands the handler to rasqal's raptor_world,
         * which reports undeclared prefixes */
        rasqal_world_set_log_handler(s->rasqal, &s->log, on_rasqal_log);
    }
    rasqal_query *q = rasqal_new_query(s->rasqal, QUERY_LANGUAGE, NULL);
    if (!q)
        return -1;
    int rc = rasqal_query_prepare(q, (const unsigned char *)text, NULL);
    if (rc == 0 && !s->log.nerrors && vars) {
        raptor_sequence *seq = rasqal_query_get_bound_variable_sequence(q);
        int n = seq ? raptor_sequence_size(seq) : 0;
        for (int i = 0; i < n && rc == 0; i++) {
            rasqal_variable *v = raptor_sequence_get_at(seq, i);
            if (v && v->name)
                rc = kg_results_add_var(vars, (const char *)v->name);
        }
    }
    rasqal_free_query(q);
    return rc != 0 || s->log.nerrors ? -1 : 0;
}

static int is_token_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80 || strchr("_:?$-.%", c);
}

long kg_store_locate_error(kg_store *s, const char *query, size_t len,
                           int line, const char *message)
{
    if (line <= 0)
        return -1;
    size_t ls = 0;
    for (int l = 1; l < line; l++) {
        const char *nl = memchr(query + ls, '\n', len - ls);
        if (!nl)
            return -1;
        ls = (size_t)(nl - query) + 1;
    }
    size_t le = ls;
    while (le < len && query[le] != '\n')
        le++;
    if (strstr(message, "unexpected $end")) {
        /* the parser ran out of input: point just past the last token */
        size_t e = len;
        while (e > 0 && isspace((unsigned char)query[e - 1]))
            e--;
        return (long)e;
    }
    if (le - ls > 4096)
        return -1;
    char *buf = kg_malloc(le + 2);
    if (!buf)
        return -1;
    store_log saved = s->log;
    long found = -1;
    for (size_t k = ls + 1; k <= le + 1 && k <= len && found < 0; k++) {
        if (k < len && ((unsigned char)query[k] & 0xC0) == 0x80)
            continue; /* inside a UTF-8 sequence */
        memcpy(buf, query, k);
        buf[k] = '\0';
        log_reset(&s->log);
        if (check_syntax(s, buf, NULL) == 0)
            continue;
        if (s->log.line == line && strcmp(s->log.first, message) == 0)
            found = (long)k;
    }
    free(buf);
    s->log = saved;
    if (found <= 0)
        return found;
    /* the prefix that first fails the same way ends with the bad token:
     * walk back to its start */
    size_t end = (size_t)found, st = end - 1;
    unsigned char c = (unsigned char)query[st];
    if (c == '>' || c == '"' || c == '\'') {
        /* a whole <IRI> or string; a lone quote is its own token */
        unsigned char open = c == '>' ? '<' : c;
        size_t o = st;
        while (o > ls && (unsigned char)query[o - 1] != open)
            o--;
        if (o > ls)
            st = o - 1;
    } else if (is_token_char(c)) {
        while (st > ls && is_token_char((unsigned char)query[st - 1]))
            st--;
    }
    return (long)st;
}

static void report_syntax(kg_store *s, const char *q, size_t len,
                          const char *name, kg_diag *d)
{
    char msg[sizeof s->log.first];
    snprintf(msg, sizeof msg, "%s",
             s->log.nerrors ? s->log.first : "the query does not parse");
    int line = s->log.line;
    long off = -1;
    if (strncmp(msg, "syntax error", 12) == 0 ||
        strncmp(msg, "SPARQL syntax error", 19) == 0)
        off = kg_store_locate_error(s, q, len, line, msg);
    else if (line > 0)
        off = kg_text_guess_offset(q, len, line, msg);
    if (off < 0 && line <= 0) {
        /* e.g. 'the namespace prefix in "y:p" was not declared.' */
        const char *a = strchr(msg, '"'), *b = a ? strchr(a + 1, '"') : NULL;
        if (a && b && b > a + 1) {
            char tok[256];
            snprintf(tok, sizeof tok, "%.*s", (int)(b - a - 1), a + 1);
            const char *at = strstr(q, tok);
            if (at)
                off = at - q;
        }
    }
    size_t n = strlen(msg);
    if (n && msg[n - 1] == '.')
        msg[n - 1] = '\0';
    if (off >= 0)
        kg_diag_error_at(d, name, q, len, (size_t)off, "%s", msg);
    else
        kg_diag_error(d, name, line, 0, "%s", msg);
}

static int term_from_node(librdf_node *n, kg_term *t)
{
    memset(t, 0, sizeof *t);
    size_t len = 0;
    switch (librdf_node_get_type(n)) {
    case LIBRDF_NODE_TYPE_RESOURCE:
        t->kind = KG_TERM_IRI;
        t->value = (const char *)librdf_uri_as_counted_string(
            librdf_node_get_uri(n), &len);
        break;
    case LIBRDF_NODE_TYPE_BLANK:
        t->kind = KG_TERM_BLANK;
        t->value =
            (const char *)librdf_node_get_counted_blank_identifier(n, &len);
        break;
    case LIBRDF_NODE_TYPE_LITERAL: {
        t->kind = KG_TERM_LITERAL;
        t->value = (const char *)librdf_node_get_literal_value_as_counted_string(
            n, &len);
        t->lang = librdf_node_get_literal_value_language(n);
        librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
        if (dt)
            t->datatype = (const char *)librdf_uri_as_string(dt);
        break;
    }
    default:
        return -1;
    }
    t->len = len;
    if (t->lang && !*t->lang)
        t->lang = NULL;
    return t->value ? 0 : -1;
}

static int collect_bindings(librdf_query_results *res, kg_results *out)
{
    int nv = librdf_query_results_get_bindings_count(res);
    for (int i = 0; i < nv; i++) {
        const char *name = librdf_query_results_get_binding_name(res, i);
        if (!name || kg_results_add_var(out, name) < 0)
            return -1;
    }
    while (!librdf_query_results_finished(res)) {
        kg_term *row = kg_results_add_row(out);
        if (!row)
            return -1;
        for (int i = 0; i < nv; i++) {
            librdf_node *n = librdf_query_results_get_binding_value(res, i);
            if (!n)
                continue;
            kg_term t;
            int rc = term_from_node(n, &t);
            if (rc == 0)
                rc = kg_results_set(out, &row[i], &t);
            librdf_free_node(n);
            if (rc < 0)
                return -1;
        }
        librdf_query_results_next(res);
    }
    return 0;
}

static int collect_graph(librdf_query_results *res, kg_results *out)
{
    librdf_stream *st = librdf_query_results_as_stream(res);
    if (!st)
        return 0; /* an empty graph */
    int rc = 0;
    for (; rc == 0 && !librdf_stream_end(st); librdf_stream_next(st)) {
        librdf_statement *x = librdf_stream_get_object(st);
        kg_triple t;
        if (!x || term_from_node(librdf_statement_get_subject(x), &t.s) < 0 ||
            term_from_node(librdf_statement_get_predicate(x), &t.p) < 0 ||
            term_from_node(librdf_statement_get_object(x), &t.o) < 0 ||
            kg_results_add_triple(out, &t) < 0)
            rc = -1;
    }
    librdf_free_stream(st);
    return rc;
}

int kg_store_query(kg_store *s, const char *query, size_t len,
                   const char *name, kg_results *out, kg_diag *d)
{
    if (memchr(query, '\0', len)) {
        kg_diag_error(d, name, 0, 0, "the query holds a NUL byte");
        return -1;
    }
    char *text = kg_malloc(len + 1);
    if (!text) {
        kg_diag_oom(d, "reading the query");
        return -1;
    }
    memcpy(text, query, len);
    text[len] = '\0';
    log_reset(&s->log);
    kg_results vars;
    kg_results_init(&vars, KG_RESULTS_BINDINGS);
    if (check_syntax(s, text, &vars) < 0) {
        kg_results_release(&vars);
        if (s->log.nerrors)
            report_syntax(s, text, len, name, d);
        else
            kg_diag_oom(d, "parsing the query");
        free(text);
        return -1;
    }
    log_reset(&s->log);
    librdf_query *q = librdf_new_query(s->world, QUERY_LANGUAGE, NULL,
                                       (const unsigned char *)text, NULL);
    librdf_query_results *res = q ? librdf_query_execute(q, s->model) : NULL;
    int rc = -1;
    if (res && librdf_query_results_is_bindings(res)) {
        out->kind = KG_RESULTS_BINDINGS;
        rc = collect_bindings(res, out);
        /* with no rows librdf names only the first variable */
        if (rc == 0 && out->nrows == 0 && vars.nvars > 0) {
            out->nvars = 0;
            for (size_t i = 0; rc == 0 && i < vars.nvars; i++)
                rc = kg_results_add_var(out, vars.vars[i]);
        }
    } else if (res && librdf_query_results_is_boolean(res)) {
        out->kind = KG_RESULTS_BOOLEAN;
        int b = librdf_query_results_get_boolean(res);
        out->boolean = b > 0;
        rc = b < 0 ? -1 : 0;
    } else if (res && librdf_query_results_is_graph(res)) {
        out->kind = KG_RESULTS_GRAPH;
        rc = collect_graph(res, out);
    }
    if (rc == 0 && s->log.nerrors)
        rc = -1;
    if (rc < 0)
        kg_diag_error(d, name, 0, 0, "query failed: %s",
                      s->log.nerrors ? s->log.first : "out of memory");
    if (res)
        librdf_free_query_results(res);
    if (q)
        librdf_free_query(q);
    kg_results_release(&vars);
    free(text);
    return rc;
}
