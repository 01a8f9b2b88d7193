/*
 * fuzz_input.c - the record readers of lib/input.h (CSV with each delimiter,
 * TSV, JSON, JSON Lines, vCard, format detection, BOM) and the id-list
 * reader, over a FILE from fmemopen.  Byte 0 picks the format, byte 1 the
 * delimiter and a small record limit; the rest is the file.
 */
#include <stdio.h>

#include "err.h"
#include "fuzz.h"
#include "input.h"

static int count_id(long long id, size_t line, void *ctx)
{
    (void)id;
    (void)line;
    (*(size_t *)ctx)++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum crm_infmt fmts[] = {CRM_IN_AUTO, CRM_IN_CSV,   CRM_IN_TSV,
                                          CRM_IN_JSON, CRM_IN_JSONL, CRM_IN_VCARD};
    static const char delims[] = {0, ',', ';', '\t', '|'};
    if (size < 2)
        return 0;
    unsigned mode = data[0], opt = data[1];
    data += 2;
    size -= 2;
    if (size == 0)
        return 0;
    struct crm_err err;
    crm_err_clear(&err);
    if (mode % 7 == 6) { /* the id-list reader */
        FILE *f = fmemopen((void *)data, size, "r");
        if (!f)
            return 0;
        size_t n = 0;
        (void)crm_input_read_ids(f, "fuzz", count_id, &n, &err);
        fclose(f);
        return 0;
    }
    FILE *f = fmemopen((void *)data, size, "r");
    if (!f)
        return 0;
    struct crm_input *in = NULL;
    if (crm_input_open(&in, f, "fuzz", fmts[mode % 7], delims[opt % 5], &err) == 0) {
        if (opt & 0x80)
            crm_input_set_max_record(in, 64 + (opt & 0x3f) * 16);
        struct crm_record_in rec;
        for (int i = 0; i < 10000; i++) {
            int rc = crm_input_next(in, &rec, &err);
            if (rc <= 0)
                break;
            for (size_t k = 0; k < rec.n; k++) /* touch every string */
                if (rec.keys[k][0] == '\x01' && rec.vals[k] && rec.vals[k][0] == '\x01')
                    break;
        }
        crm_input_close(in);
    }
    fclose(f);
    return 0;
}
