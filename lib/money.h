/*
 * money.h - exact arithmetic on amounts in minor units (int64), for line
 * items, discounts, taxes and totals.  No binary floating point anywhere.
 *
 * Rounding rule (documented in crm-deal(1)): every line is rounded on its
 * own, half away from zero, to the minor unit of its currency:
 *
 *   net   = round(qty * price * (100 - discount%) / 100)
 *   tax   = round(net * tax_rate% / 100)
 *   total = net + tax
 *
 * The totals of a deal or a quote are the exact sums of the rounded lines
 * (no second rounding): sum(net), sum(tax), sum(net) + sum(tax).
 *
 * Quantities have 3 decimal places (1.5 hours = 1500), percentages 2
 * (10 % = 1000, 7.25 % = 725), prices the currency's minor unit.
 */
#ifndef CRM_MONEY_H
#define CRM_MONEY_H

#include <stdint.h>

#include "buf.h"
#include "err.h"

#define CRM_QTY_SCALE 3
#define CRM_PCT_SCALE 2

struct crm_money_line {
    int64_t gross;    /* qty * price, rounded */
    int64_t discount; /* gross - net */
    int64_t net;      /* after the discount */
    int64_t tax;
    int64_t total;    /* net + tax */
};

/* round(a * b / den), half away from zero; CRM_DATAERR when the result does
 * not fit in int64 or den is 0. */
int crm_money_muldiv(int64_t a, int64_t b, int64_t den, int64_t *out, struct crm_err *err);

/* One line: qty (scale 3), unit price (minor units), discount and tax rate
 * (percent, scale 2).  CRM_DATAERR on overflow. */
int crm_money_line(int64_t qty, int64_t price, int64_t discount, int64_t tax_rate,
                   struct crm_money_line *out, struct crm_err *err);

/* A percentage "10", "10%", "7.25 %" -> 1000, 1000, 725; CRM_DATAERR when
 * malformed or outside [min, max] (scaled). */
int crm_money_parse_percent(const char *s, int64_t min, int64_t max, int64_t *out,
                            struct crm_err *err);

/* Parse an amount in the minor unit of `currency` (EUR 2 places, JPY 0,
 * KWD 3); CRM_DATAERR for an unknown currency or too many places. */
int crm_money_parse(const char *s, const char *currency, int64_t *out, struct crm_err *err);

/* Format minor units of `currency` ("1234.50"); unknown currency: 2 places. */
void crm_money_format(struct crm_buf *out, int64_t v, const char *currency);

/* Add with overflow check. */
int crm_money_add(int64_t *sum, int64_t v, struct crm_err *err);

#endif
