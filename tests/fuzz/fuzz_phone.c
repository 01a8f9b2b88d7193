/*
 * fuzz_phone.c - phone numbers (lib/phone.h) and country names.  Byte 0
 * picks the default country.
 */
#include "buf.h"
#include "err.h"
#include "fuzz.h"
#include "phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const iso[] = {NULL, "", "UA", "us", "DE", "GB", "FR", "ZZ", "UKR", "Україна"};
    if (size < 1)
        return 0;
    char *s = fuzz_str(data + 1, size - 1);
    struct crm_buf key = CRM_BUF_INIT;
    struct crm_err err;
    crm_err_clear(&err);
    (void)crm_phone_normalize(s, iso[data[0] % 10], &key, &err);
    const char *c = crm_country_iso2(s);
    if (c)
        (void)crm_country_calling_code(c);
    (void)crm_phone_normalize(s, s, &key, &err);
    crm_buf_free(&key);
    free(s);
    return 0;
}
