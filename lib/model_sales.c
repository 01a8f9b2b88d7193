/*
 * model_sales.c - the field tables of sales: products, deals and their line
 * items.  Rules beyond the field tables (pipelines and stages, line totals)
 * are the entities' check/written hooks in product.c and deal.c.
 */
#include "model.h"

#include "sales.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define ID_FIELD {"id", CRM_T_ID, CRM_F_READONLY | CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "record id"}
#define STAMPS                                                                                   \
    {"created_at", CRM_T_DATETIME, CRM_F_READONLY, NULL, NULL, NULL, NULL, 0, NULL,              \
     "when the record was created (UTC)"},                                                       \
    {"updated_at", CRM_T_DATETIME, CRM_F_READONLY, NULL, NULL, NULL, NULL, 0, NULL,              \
     "when the record was last changed (UTC)"}

static const struct crm_field product_fields[] = {
    ID_FIELD,
    {"sku", CRM_T_TEXT, CRM_F_REQUIRED | CRM_F_UNIQUE | CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL,
     NULL, 0, NULL, "stock keeping unit, unique: the natural key"},
    {"name", CRM_T_TEXT, CRM_F_REQUIRED | CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL,
     "product or service name"},
    {"group", CRM_T_TEXT, CRM_F_SEARCH | CRM_F_LIST, "product_group", NULL, NULL, NULL, 0, NULL,
     "product group, a path in the group tree such as Hardware/Servers"},
    {"unit", CRM_T_TEXT, CRM_F_LIST, NULL, NULL, NULL, "pcs", 0, NULL, "unit of sale (pcs, h, kg, ...)"},
    {"cost", CRM_T_MONEY, 0, NULL, NULL, NULL, NULL, 0, NULL, "unit cost (2 decimal places)"},
    {"tax_rate", CRM_T_DECIMAL, CRM_F_LIST, NULL, NULL, NULL, "0", 2, NULL,
     "tax rate in percent (20 means 20 %), 0 to 100"},
    {"active", CRM_T_BOOL, CRM_F_LIST, NULL, NULL, NULL, "true", 0, NULL,
     "whether it can be sold (inactive products cannot be added to deals)"},
    {"description", CRM_T_TEXT, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL, "description"},
    {"tags", CRM_T_TAGS, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL, "tags"},
    STAMPS,
};

const struct crm_entity crm_entity_product = {
    .name = "product",
    .table = "product",
    .natural_key = "sku",
    .label = "product.sku",
    .fields = product_fields,
    .nfields = N(product_fields),
    .fts_table = "product_fts",
    .check = crm_product_check,
};
