/*
 * sha256.h - SHA-256 (FIPS 180-4), for recording which exact input files
 * (ontologies, models) produced a result.
 */
#ifndef KG_SHA256_H
#define KG_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct kg_sha256_ctx {
    uint32_t h[8];
    uint64_t nbytes;          /* message length so far */
    unsigned char block[64];  /* pending partial block */
    size_t nblock;
} kg_sha256_ctx;

void kg_sha256_init(kg_sha256_ctx *c);
void kg_sha256_update(kg_sha256_ctx *c, const void *data, size_t len);
void kg_sha256_final(kg_sha256_ctx *c, unsigned char out[32]);

/* One call: the digest of data[0..len). */
void kg_sha256(const void *data, size_t len, unsigned char out[32]);

/* Lower-case hex of a digest, NUL-terminated (65 bytes). */
void kg_sha256_hex(const unsigned char digest[32], char out[65]);

#endif
