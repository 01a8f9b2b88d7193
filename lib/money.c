/*
 * money.c - exact line arithmetic: see money.h for the rounding rule.
 */
#include "money.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "value.h"

typedef __int128 i128;

/* num / den rounded half away from zero; den > 0. */
static i128 div_round(i128 num, i128 den)
{
    i128 q = num / den, r = num % den;
    if (r < 0)
        r = -r;
    if (2 * r >= den)
        q += num < 0 ? -1 : 1;
    return q;
}

static int fit(i128 v, int64_t *out, struct crm_err *err)
{
    if (v > INT64_MAX || v < INT64_MIN)
        return crm_err_set(err, CRM_DATAERR, "amount too large");
    *out = (int64_t)v;
    return CRM_OK;
}

int crm_money_muldiv(int64_t a, int64_t b, int64_t den, int64_t *out, struct crm_err *err)
{
    if (den == 0)
        return crm_err_set(err, CRM_SOFTWARE, "division by zero");
    i128 n = (i128)a * b, d = den;
    if (d < 0) {
        n = -n;
        d = -d;
    }
    return fit(div_round(n, d), out, err);
}

int crm_money_line(int64_t qty, int64_t price, int64_t discount, int64_t tax_rate,
                   struct crm_money_line *out, struct crm_err *err)
{
    const i128 qs = 1000, ps = 10000; /* 10^CRM_QTY_SCALE, 100 % at CRM_PCT_SCALE */
    i128 prod = (i128)qty * price;  /* |qty|, |price| < 2^63: fits in 127 bits */
    int rc;
    if (prod > (i128)INT64_MAX * 1000 || prod < (i128)INT64_MIN * 1000)
        return crm_err_set(err, CRM_DATAERR, "amount too large");
    if ((rc = fit(div_round(prod, qs), &out->gross, err)) ||
        (rc = fit(div_round(prod * (ps - discount), qs * ps), &out->net, err)))
        return rc;
    if ((rc = fit(div_round((i128)out->net * tax_rate, ps), &out->tax, err)))
        return rc;
    if ((rc = fit((i128)out->gross - out->net, &out->discount, err)) ||
        (rc = fit((i128)out->net + out->tax, &out->total, err)))
        return rc;
    return CRM_OK;
}

int crm_money_parse_percent(const char *s, int64_t min, int64_t max, int64_t *out,
                            struct crm_err *err)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n && s[n - 1] == '%')
        n--;
    char *copy = crm_xstrndup(s, n);
    int rc = crm_value_parse_decimal(copy, CRM_PCT_SCALE, out, err);
    free(copy);
    if (rc)
        return rc;
    if (*out < min || *out > max) {
        struct crm_buf a = CRM_BUF_INIT, b = CRM_BUF_INIT;
        crm_value_format_decimal(&a, min, CRM_PCT_SCALE);
        crm_value_format_decimal(&b, max, CRM_PCT_SCALE);
        crm_err_set(err, CRM_DATAERR, "'%s' is outside %s..%s %%", s, crm_buf_str(&a),
                    crm_buf_str(&b));
        crm_buf_free(&a);
        crm_buf_free(&b);
        return CRM_DATAERR;
    }
    return CRM_OK;
}

int crm_money_parse(const char *s, const char *currency, int64_t *out, struct crm_err *err)
{
    int scale = crm_currency_scale(currency);
    if (scale < 0)
        return crm_err_set(err, CRM_DATAERR, "unknown currency '%s' (an ISO 4217 code such as EUR)",
                           currency ? currency : "");
    return crm_value_parse_decimal(s, scale, out, err);
}

void crm_money_format(struct crm_buf *out, int64_t v, const char *currency)
{
    int scale = crm_currency_scale(currency);
    crm_value_format_decimal(out, v, scale < 0 ? 2 : scale);
}

int crm_money_add(int64_t *sum, int64_t v, struct crm_err *err)
{
    return fit((i128)*sum + v, sum, err);
}
