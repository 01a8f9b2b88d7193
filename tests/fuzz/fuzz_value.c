/*
 * fuzz_value.c - the value parsers of lib/value.h: integers, decimals and
 * money at each scale, booleans, dates and relative dates, date-times,
 * durations, email and URL; and a round trip of what they accept.  Byte 0
 * picks the parser.
 */
#include "buf.h"
#include "err.h"
#include "fuzz.h"
#include "money.h"
#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned mode = data[0];
    char *s = fuzz_str(data + 1, size - 1);
    struct crm_err err;
    crm_err_clear(&err);
    int64_t now = 1768471200 + (int64_t)(mode >> 4) * 86400 * 37;
    int64_t v;
    int b;
    char d[11], dt[21];
    struct crm_buf n1 = CRM_BUF_INIT, n2 = CRM_BUF_INIT;
    switch (mode % 10) {
    case 0:
        (void)crm_value_parse_int(s, &v, &err);
        break;
    case 1: {
        int scale = (mode >> 4) % 5;
        if (crm_value_parse_decimal(s, scale, &v, &err) == 0) {
            /* what is printed must read back as the same value */
            crm_value_format_decimal(&n1, v, scale);
            int64_t w;
            if (crm_value_parse_decimal(crm_buf_str(&n1), scale, &w, &err) || w != v)
                abort();
        }
        break;
    }
    case 2:
        (void)crm_value_parse_bool(s, &b, &err);
        (void)crm_currency_scale(s);
        break;
    case 3:
        if (crm_value_parse_date(s, now, d, &err) == 0 && strlen(d) != 10)
            abort();
        break;
    case 4:
        if (crm_value_parse_datetime(s, now, dt, &err) == 0) {
            if (crm_value_datetime_epoch(dt, &v, &err))
                abort();
            char back[21];
            crm_value_epoch_datetime(v, back);
            if (strcmp(back, dt) != 0)
                abort();
        }
        break;
    case 5:
        (void)crm_value_datetime_epoch(s, &v, &err);
        break;
    case 6:
        (void)crm_value_parse_duration(s, &v, &err);
        break;
    case 7:
        (void)crm_value_parse_email(s, &n1, &n2, &err);
        break;
    case 8:
        (void)crm_value_parse_url(s, &n1, &err);
        break;
    default: {
        static const char *const cur[] = {"EUR", "USD", "JPY", "BHD", "UAH", "XYZ"};
        const char *c = cur[(mode >> 4) % 6];
        if (crm_money_parse(s, c, &v, &err) == 0) {
            crm_money_format(&n1, v, c);
            int64_t w;
            if (crm_money_parse(crm_buf_str(&n1), c, &w, &err) || w != v)
                abort();
        }
        int64_t pct;
        (void)crm_money_parse_percent(s, 0, 10000, &pct, &err);
        break;
    }
    }
    crm_buf_free(&n1);
    crm_buf_free(&n2);
    free(s);
    return 0;
}
