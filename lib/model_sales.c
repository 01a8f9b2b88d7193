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

static const struct crm_field deal_fields[] = {
    ID_FIELD,
    {"name", CRM_T_TEXT, CRM_F_REQUIRED | CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0,
     NULL, "what is being sold, for people"},
    {"account", CRM_T_REF, CRM_F_LIST, "account_id", NULL, "account", NULL, 0, NULL,
     "the customer (account id or name)"},
    {"account_name", CRM_T_TEXT, CRM_F_DERIVED | CRM_F_READONLY, NULL, NULL, NULL, NULL, 0,
     "(SELECT a.name FROM account a WHERE a.id = deal.account_id)",
     "name of the account (output only)"},
    {"contact", CRM_T_REF, CRM_F_NULLIFY, "contact_id", NULL, "contact", NULL, 0, NULL,
     "the customer's person (contact id or email)"},
    {"owner", CRM_T_TEXT, CRM_F_LIST, NULL, NULL, NULL, "$user", 0, NULL,
     "responsible user (default: $CRM_USER)"},
    {"pipeline", CRM_T_TEXT, 0, NULL, NULL, NULL, "default", 0, NULL,
     "the sales pipeline (crm-deal pipeline list)"},
    {"stage", CRM_T_TEXT, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL,
     "stage in the pipeline (default: its first); change it with move, win, lose"},
    {"status", CRM_T_TEXT, CRM_F_DERIVED | CRM_F_READONLY, NULL, NULL, NULL, NULL, 0,
     "(SELECT s.kind FROM pipeline_stage s JOIN pipeline p ON p.id = s.pipeline_id "
     "WHERE p.name = deal.pipeline AND s.name = deal.stage)",
     "open, won or lost: the kind of the stage (output only)"},
    {"amount", CRM_T_MONEY, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL,
     "value of the deal before tax; the sum of the line items when it has any"},
    {"currency", CRM_T_TEXT, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL,
     "ISO 4217 currency of the amounts (default $CRM_CURRENCY)"},
    {"probability", CRM_T_INT, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL,
     "chance of winning in percent, 0 to 100 (default: the stage's)"},
    {"expected_close", CRM_T_DATE, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL,
     "when the deal is expected to close"},
    {"source", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL, "where the deal came from"},
    {"campaign", CRM_T_INT, 0, "campaign_id", NULL, NULL, NULL, 0, NULL,
     "id of the marketing campaign it came from (attribution)"},
    {"closed_at", CRM_T_DATE, 0, NULL, NULL, NULL, NULL, 0, NULL,
     "the day it was won or lost (set by the stage change)"},
    {"lost_reason", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL,
     "why it was lost: one of the managed list (crm-deal reason list)"},
    {"competitor", CRM_T_REF, CRM_F_NULLIFY, "competitor_id", NULL, "account", NULL, 0, NULL,
     "the competitor it was lost to (an account of type competitor)"},
    {"region", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL,
     "sales region (default: the account's)"},
    {"tags", CRM_T_TAGS, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL, "tags"},
    {"notes", CRM_T_TEXT, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL, "free text"},
    STAMPS,
};

const struct crm_entity crm_entity_deal = {
    .name = "deal",
    .table = "deal",
    .natural_key = NULL,
    .label = "deal.name",
    .fields = deal_fields,
    .nfields = N(deal_fields),
    .fts_table = "deal_fts",
    .check = crm_deal_check,
    .written = crm_deal_written,
    .open_sql = "EXISTS (SELECT 1 FROM pipeline_stage s JOIN pipeline p ON p.id = s.pipeline_id "
                "WHERE p.name = deal.pipeline AND s.name = deal.stage AND s.kind = 'open')",
};

/* Line items are written by `crm-deal item ...` (item.c); the entity makes
 * them known to delete (a deal or product with items) and to the history. */
static const struct crm_field deal_item_fields[] = {
    ID_FIELD,
    {"deal", CRM_T_REF, CRM_F_REQUIRED | CRM_F_LIST, "deal_id", NULL, "deal", NULL, 0, NULL,
     "the deal"},
    {"position", CRM_T_INT, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "order in the deal"},
    {"product", CRM_T_REF, CRM_F_LIST, "product_id", NULL, "product", NULL, 0, NULL,
     "the product (id or sku)"},
    {"description", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL, "text of the line"},
    {"qty", CRM_T_DECIMAL, CRM_F_LIST, NULL, NULL, NULL, NULL, 3, NULL, "quantity"},
    {"unit_price", CRM_T_INT, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL,
     "price of one unit, in the minor unit of the currency"},
    {"currency", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL, "the deal's currency"},
    {"discount", CRM_T_DECIMAL, 0, NULL, NULL, NULL, NULL, 2, NULL, "discount in percent"},
    {"tax_rate", CRM_T_DECIMAL, 0, NULL, NULL, NULL, NULL, 2, NULL, "tax rate in percent"},
    {"net", CRM_T_INT, 0, NULL, NULL, NULL, NULL, 0, NULL, "after the discount, minor units"},
    {"tax", CRM_T_INT, 0, NULL, NULL, NULL, NULL, 0, NULL, "tax, minor units"},
    {"total", CRM_T_INT, 0, NULL, NULL, NULL, NULL, 0, NULL, "net + tax, minor units"},
    {"price_list", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL,
     "the price list the price came from (empty: given)"},
    STAMPS,
};

const struct crm_entity crm_entity_deal_item = {
    .name = "deal_item",
    .table = "deal_item",
    .natural_key = NULL,
    .label = "deal_item.description",
    .fields = deal_item_fields,
    .nfields = N(deal_item_fields),
};
