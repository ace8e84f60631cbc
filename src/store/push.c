/*
 * push.c - Graph Store HTTP Protocol client on libcurl.
 *
 * Ownership (libcurl): curl_global_init() is paired with one
 * curl_global_cleanup() in kg_push_free(); the easy handle, the header
 * list (curl_slist_free_all) and every curl_easy_escape() result
 * (curl_free) are ours.  libcurl does not copy CURLOPT_POSTFIELDS or
 * CURLOPT_ERRORBUFFER: the body and the error buffer must outlive the
 * transfer, which they do since curl_easy_perform() is synchronous.
 * String options (URL, user name, password) are copied by libcurl.
 */
#include "base/alloc.h"
#include "store/push.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"

#define BODY_KEEP 65536 /* bytes of a server's answer kept for messages */
#define BODY_SHOW 400   /* bytes of it shown */

struct kg_push {
    CURL *curl;
    char *endpoint;
    const char *user; /* from the environment, or NULL: ~/.netrc */
    kg_push_options opt;
    kg_buf answer;
    char errbuf[CURL_ERROR_SIZE];
};

static size_t on_body(char *data, size_t size, size_t n, void *user)
{
    kg_buf *b = user;
    size_t len = size * n;
    if (b->len < BODY_KEEP) {
        size_t keep = len < BODY_KEEP - b->len ? len : BODY_KEEP - b->len;
        if (kg_buf_append(b, data, keep) < 0)
            return 0;
    }
    return len;
}

static int has_userinfo(const char *url)
{
    const char *p = strstr(url, "://");
    if (!p)
        return 0;
    p += 3;
    size_t host = strcspn(p, "/?#");
    return memchr(p, '@', host) != NULL;
}

void kg_push_free(kg_push *p)
{
    if (!p)
        return;
    if (p->curl)
        curl_easy_cleanup(p->curl);
    curl_global_cleanup();
    kg_buf_release(&p->answer);
    free(p->endpoint);
    free(p);
}

kg_push *kg_push_new(const char *endpoint, const kg_push_options *o,
                     kg_diag *d)
{
    if (strncasecmp(endpoint, "http://", 7) != 0 &&
        strncasecmp(endpoint, "https://", 8) != 0) {
        kg_diag_error(d, NULL, 0, 0,
                      "endpoint '%s' is not an http:// or https:// URL",
                      endpoint);
        return NULL;
    }
    if (has_userinfo(endpoint)) {
        kg_diag_error(d, NULL, 0, 0,
                      "the endpoint URL holds a user name: give credentials "
                      "in KGRAPH_USER and KGRAPH_PASSWORD or in ~/.netrc");
        return NULL;
    }
    const char *user = getenv("KGRAPH_USER");
    const char *password = getenv("KGRAPH_PASSWORD");
    if (user && !*user)
        user = NULL;
    if (password && !*password)
        password = NULL;
    if (!user != !password) {
        kg_diag_error(d, NULL, 0, 0, "%s is set but %s is not",
                      user ? "KGRAPH_USER" : "KGRAPH_PASSWORD",
                      user ? "KGRAPH_PASSWORD" : "KGRAPH_USER");
        return NULL;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
        kg_diag_error(d, NULL, 0, 0, "cannot start libcurl");
        return NULL;
    }
    kg_push *p = kg_calloc(1, sizeof *p);
    if (!p || !(p->endpoint = kg_strdup(endpoint)) ||
        !(p->curl = curl_easy_init())) {
        if (p) {
            free(p->endpoint);
            free(p);
        }
        curl_global_cleanup();
        kg_diag_oom(d, "starting the HTTP client");
        return NULL;
    }
    kg_buf_init(&p->answer);
    p->user = user;
    if (o)
        p->opt = *o;
    CURL *c = p->curl;
    long connect = p->opt.connect_timeout > 0 ? p->opt.connect_timeout : 10;
    CURLcode rc = CURLE_OK;
#define SET(opt, val) \
    if (rc == CURLE_OK) \
    rc = curl_easy_setopt(c, opt, val)
    SET(CURLOPT_ERRORBUFFER, p->errbuf);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    SET(CURLOPT_CONNECTTIMEOUT, connect);
    SET(CURLOPT_TIMEOUT, p->opt.timeout > 0 ? p->opt.timeout : 0L);
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_USERAGENT, "kgraph/" KG_VERSION);
    SET(CURLOPT_WRITEFUNCTION, on_body);
    SET(CURLOPT_WRITEDATA, &p->answer);
    SET(CURLOPT_HTTPAUTH, (long)(CURLAUTH_DIGEST | CURLAUTH_BASIC));
    if (user) {
        SET(CURLOPT_USERNAME, user);
        SET(CURLOPT_PASSWORD, password);
    } else {
        SET(CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
    }
#undef SET
    if (rc != CURLE_OK) {
        kg_diag_error(d, NULL, 0, 0, "cannot set up the HTTP client: %s",
                      curl_easy_strerror(rc));
        kg_push_free(p);
        return NULL;
    }
    return p;
}

/* The server's answer as one line of text: HTML tags dropped (a '<' that
 * does not open a plain tag name, like "<http://x>", is kept), a few
 * entities decoded, white space collapsed, cut at BODY_SHOW bytes on a
 * character boundary. */
static void answer_text(const kg_buf *in, char *out, size_t cap)
{
    size_t o = 0;
    int space = 0;
    const char *s = in->data ? in->data : "";
    for (size_t i = 0; i < in->len && o + 8 < cap && o < BODY_SHOW; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '<') {
            size_t j = i + 1;
            if (j < in->len && (s[j] == '/' || s[j] == '!' || s[j] == '?'))
                j++;
            size_t k = j;
            while (k < in->len && isalnum((unsigned char)s[k]))
                k++;
            int tag = k > j || s[j - 1] == '!' || s[j - 1] == '?';
            if (tag && k < in->len && (s[k] == '>' || isspace((unsigned char)s[k]) ||
                                        s[k] == '/')) {
                const char *end = memchr(s + k, '>', in->len - k);
                if (end) {
                    i = (size_t)(end - s);
                    space = 1;
                    continue;
                }
            }
        }
        if (c == '&') {
            static const struct {
                const char *name;
                char ch;
            } ent[] = {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'},
                       {"&quot;", '"'}, {"&#39;", '\''}};
            size_t e;
            for (e = 0; e < sizeof ent / sizeof ent[0]; e++) {
                size_t n = strlen(ent[e].name);
                if (i + n <= in->len && memcmp(s + i, ent[e].name, n) == 0) {
                    c = (unsigned char)ent[e].ch;
                    i += n - 1;
                    break;
                }
            }
        }
        if (isspace(c) || c < 0x20) {
            space = 1;
            continue;
        }
        if (space && o > 0)
            out[o++] = ' ';
        space = 0;
        out[o++] = (char)c;
    }
    /* do not end inside a UTF-8 sequence */
    while (o > 0 && ((unsigned char)out[o - 1] & 0x80)) {
        size_t st = o - 1;
        while (st > 0 && ((unsigned char)out[st] & 0xC0) == 0x80)
            st--;
        unsigned char lead = (unsigned char)out[st];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (o - st >= need)
            break;
        o = st;
    }
    out[o] = '\0';
}

static void transfer_error(kg_push *p, CURLcode rc, const char *graph,
                           kg_diag *d)
{
    const char *why = p->errbuf[0] ? p->errbuf : curl_easy_strerror(rc);
    long oserr = 0;
    curl_easy_getinfo(p->curl, CURLINFO_OS_ERRNO, &oserr);
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
        kg_diag_error(d, p->endpoint, 0, 0, "cannot connect: %s (%s)",
                      oserr == ECONNREFUSED ? "connection refused"
                      : oserr ? strerror((int)oserr)
                              : "no answer",
                      why);
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        kg_diag_error(d, p->endpoint, 0, 0, "cannot resolve the host: %s",
                      why);
        break;
    case CURLE_OPERATION_TIMEDOUT: {
        char limit[64] = "none";
        if (p->opt.timeout > 0)
            snprintf(limit, sizeof limit, "%ld s", p->opt.timeout);
        kg_diag_error(d, p->endpoint, 0, 0,
                      "timed out sending graph <%s> (connect timeout %ld s, "
                      "request timeout %s): %s",
                      graph,
                      p->opt.connect_timeout > 0 ? p->opt.connect_timeout : 10,
                      limit, why);
        break;
    }
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
        kg_diag_error(d, p->endpoint, 0, 0,
                      "TLS certificate verification failed: %s", why);
        break;
    case CURLE_SSL_CONNECT_ERROR:
        kg_diag_error(d, p->endpoint, 0, 0, "TLS handshake failed: %s", why);
        break;
    default:
        kg_diag_error(d, p->endpoint, 0, 0, "sending graph <%s> failed: %s",
                      graph, why);
    }
}

static void http_error(kg_push *p, long status, const char *graph,
                       kg_diag *d)
{
    char text[BODY_SHOW + 16];
    answer_text(&p->answer, text, sizeof text);
    if (status == 401) {
        if (p->user)
            kg_diag_error(d, p->endpoint, 0, 0,
                          "the server refused the credentials of user '%s' "
                          "(HTTP 401)",
                          p->user);
        else
            kg_diag_error(d, p->endpoint, 0, 0,
                          "the server wants a login (HTTP 401): set "
                          "KGRAPH_USER and KGRAPH_PASSWORD, or give the host "
                          "a login in ~/.netrc");
    } else if (status == 404) {
        kg_diag_error(d, p->endpoint, 0, 0,
                      "no Graph Store service at this URL (HTTP 404)%s%s",
                      text[0] ? ": " : "", text);
    } else {
        kg_diag_error(d, p->endpoint, 0, 0,
                      "the server rejected graph <%s> (HTTP %ld)%s%s", graph,
                      status, text[0] ? ": " : "", text);
    }
}

int kg_push_put(kg_push *p, const char *graph_iri, const char *body,
                size_t len, const char *content_type, long *status,
                kg_diag *d)
{
    *status = 0;
    char *esc = curl_easy_escape(p->curl, graph_iri, 0);
    kg_buf url;
    kg_buf_init(&url);
    char ctype[128];
    snprintf(ctype, sizeof ctype, "Content-Type: %s", content_type);
    struct curl_slist *hdr = curl_slist_append(NULL, ctype);
    if (!esc || !hdr ||
        kg_buf_printf(&url, "%s%cgraph=%s", p->endpoint,
                      strchr(p->endpoint, '?') ? '&' : '?', esc) < 0) {
        curl_free(esc);
        curl_slist_free_all(hdr);
        kg_buf_release(&url);
        kg_diag_oom(d, "building a request");
        return -1;
    }
    curl_free(esc);
    kg_buf_clear(&p->answer);
    p->errbuf[0] = '\0';
    CURL *c = p->curl;
    CURLcode rc = curl_easy_setopt(c, CURLOPT_URL, url.data);
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(c, CURLOPT_POSTFIELDS, body ? body : "");
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
    if (rc == CURLE_OK)
        rc = curl_easy_perform(c);
    int ret = 0;
    if (rc != CURLE_OK) {
        transfer_error(p, rc, graph_iri, d);
        ret = -1;
    } else {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
        if (*status < 200 || *status > 299) {
            http_error(p, *status, graph_iri, d);
            ret = -1;
        }
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(hdr);
    kg_buf_release(&url);
    return ret;
}

int kg_push_graphset(kg_push *p, const kg_graphset *gs, size_t *ntriples,
                     kg_diag *d)
{
    kg_buf body;
    kg_buf_init(&body);
    int rc = 0;
    for (size_t g = 0; g < gs->ngraphs && rc == 0; g++) {
        const kg_rdf_graph *gr = &gs->graphs[g];
        /* an empty article graph of a quads file is not sent: the file
         * speaks only about its named graphs */
        if (g == 0 && gr->ntriples == 0 && gs->ngraphs > 1)
            continue;
        kg_buf_clear(&body);
        if (kg_rdf_graph_write_nt(&body, gr) < 0) {
            kg_diag_oom(d, "writing a graph");
            rc = -1;
            break;
        }
        long status;
        rc = kg_push_put(p, gr->iri, body.data, body.len,
                         "text/turtle; charset=utf-8", &status, d);
        if (rc == 0 && ntriples)
            *ntriples += gr->ntriples;
    }
    kg_buf_release(&body);
    return rc;
}
