/*
 * sales.h - products, price lists, deals, pipelines, line items and quotes:
 * the verbs of crm-product and crm-deal and the hooks of their entities.
 */
#ifndef CRM_SALES_H
#define CRM_SALES_H

#include <stdint.h>

#include "entity.h"
#include "tool.h"

/* crm-product */
extern const struct crm_verb crm_product_verbs[];
extern const struct crm_opt crm_product_opts[];
int crm_product_check(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old);
/* `crm-product pricelist NAME` (pricelist.c). */
int crm_product_pricelist_doc(struct crm_tool *t, const char *list);

/* crm-deal */
extern const struct crm_verb crm_deal_verbs[];
extern const struct crm_opt crm_deal_opts[];
int crm_deal_check(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old);
int crm_deal_written(struct crm_tool *t, int64_t id, const struct crm_rec *old,
                     const struct crm_rec *r);

/* `crm-deal item ...` (item.c); while it writes a deal's amount, the deal's
 * check lets the amount of a deal with items change. */
int crm_deal_item_verb(struct crm_tool *t);
extern int crm_deal_items_writing;
/* `crm-deal quote ...` (quote.c). */
int crm_deal_quote_verb(struct crm_tool *t);

/* A printed column of a sales listing: text, or a number of `scale` places,
 * or money in the currency named by column `currency_col`. */
struct crm_scol {
    const char *name;
    enum { CRM_SC_TEXT, CRM_SC_INT, CRM_SC_DEC, CRM_SC_MONEY } kind;
    int scale;        /* CRM_SC_DEC */
    int currency_col; /* CRM_SC_MONEY: the query column with the currency code */
};

/* Run q and print its rows; the query's columns are cols, in order. */
int crm_sales_print(struct crm_tool *t, const struct crm_sql *q, const struct crm_scol *cols,
                    size_t n);

/* Resolve a product (id or sku), a price list (id or name), an account. */
int crm_sales_product(struct crm_tool *t, const char *text, int64_t *id);
int crm_sales_price_list(struct crm_tool *t, const char *name, int64_t *id, char currency[4]);

/* Field index helpers for hooks. */
size_t crm_sales_fi(const struct crm_tool *t, const char *name);
/* The value of field `name` of the record being written: r's when set, else old's. */
const struct crm_sval *crm_sales_val(const struct crm_tool *t, const struct crm_rec *r,
                                     const struct crm_rec *old, const char *name);

#endif
