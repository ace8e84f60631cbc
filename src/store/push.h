/*
 * push.h - send graphs to a SPARQL server (Graph Store HTTP Protocol).
 *
 * Each graph is sent with PUT ENDPOINT?graph=IRI, which replaces the
 * server's graph of that name, so pushing an article again never doubles
 * it.  The body is N-Triples sent as text/turtle (N-Triples is Turtle),
 * which every Graph Store server accepts.
 *
 * Credentials come from the environment (KGRAPH_USER and
 * KGRAPH_PASSWORD) or else from ~/.netrc; never from the command line,
 * and they are never printed.  HTTP digest and basic authentication are
 * offered, TLS certificates are verified.
 */
#ifndef KG_STORE_PUSH_H
#define KG_STORE_PUSH_H

#include <stddef.h>

#include "base/diag.h"
#include "store/graphset.h"

typedef struct kg_push_options {
    long connect_timeout; /* seconds; 0 = 10 */
    long timeout;         /* seconds for one request; 0 = none */
} kg_push_options;

typedef struct kg_push kg_push;

/* Check the endpoint (http:// or https://) and credentials, set up the
 * client.  NULL on error. */
kg_push *kg_push_new(const char *endpoint, const kg_push_options *o,
                     kg_diag *d);
void kg_push_free(kg_push *p);

/* PUT body (content_type) as graph_iri.  *status gets the HTTP status (0
 * when no answer came).  0 on 2xx, else -1 with a message that names the
 * failure (connection refused, timeout, TLS, 401, 4xx/5xx with the
 * server's text). */
int kg_push_put(kg_push *p, const char *graph_iri, const char *body,
                size_t len, const char *content_type, long *status,
                kg_diag *d);

/* PUT every graph of gs.  *ntriples (may be NULL) counts what was sent.
 * Stops at the first failure. */
int kg_push_graphset(kg_push *p, const kg_graphset *gs, size_t *ntriples,
                     kg_diag *d);

#endif
