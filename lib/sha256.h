/*
 * sha256.h - SHA-256 (FIPS 180-4), for the tombstones of erased people.
 */
#ifndef CRM_SHA256_H
#define CRM_SHA256_H

#include <stddef.h>

/* The digest of data[0..n) as 64 lower-case hex digits and a NUL. */
void crm_sha256_hex(const void *data, size_t n, char out[65]);

#endif
