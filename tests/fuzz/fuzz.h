/*
 * fuzz.h - shared bits of the libFuzzer targets (make fuzz): the entry point's
 * prototype (the build uses -Wmissing-prototypes) and a NUL-terminated copy
 * of the fuzzer's bytes.
 */
#ifndef CRM_FUZZ_H
#define CRM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of data (the caller frees it). */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#endif
