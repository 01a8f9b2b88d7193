/*
 * model_marketing.c - the field table of campaigns (crm-campaign).  Their
 * tables are created by lib/migrate/006-marketing.sql; members, mailings and
 * the suppression list are in lib/campaign.c and lib/suppress.c.
 */
#include "model.h"
#include "service.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const campaign_kinds[] = {"email", "call", "mail", "event", "web", "ads",
                                             "other", NULL};
static const char *const campaign_statuses[] = {"planned", "active", "done", "cancelled", NULL};

static const struct crm_field campaign_fields[] = {
    {"id", CRM_T_ID, CRM_F_READONLY | CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "record id"},
    {"name", CRM_T_TEXT, CRM_F_REQUIRED | CRM_F_UNIQUE | CRM_F_SEARCH | CRM_F_LIST, NULL, NULL,
     NULL, NULL, 0, NULL, "campaign name, unique: the natural key"},
    {"kind", CRM_T_ENUM, CRM_F_LIST, NULL, campaign_kinds, NULL, "email", 0, NULL,
     "email, call, mail, event, web, ads or other"},
    {"status", CRM_T_ENUM, CRM_F_LIST, NULL, campaign_statuses, NULL, "planned", 0, NULL,
     "planned, active, done or cancelled"},
    {"start_date", CRM_T_DATE, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "first day"},
    {"end_date", CRM_T_DATE, 0, NULL, NULL, NULL, NULL, 0, NULL, "last day (not before start_date)"},
    {"budget", CRM_T_MONEY, 0, NULL, NULL, NULL, NULL, 0, NULL, "planned spending"},
    {"actual_cost", CRM_T_MONEY, 0, NULL, NULL, NULL, NULL, 0, NULL, "what it cost"},
    {"expected_revenue", CRM_T_MONEY, 0, NULL, NULL, NULL, NULL, 0, NULL,
     "revenue it is expected to bring"},
    {"segment", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL, "the target segment (its name)"},
    {"product", CRM_T_REF, CRM_F_NULLIFY, "product_id", NULL, "product", NULL, 0, NULL,
     "the product promoted (product id or sku)"},
    {"region", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL, "the region aimed at"},
    {"owner", CRM_T_TEXT, 0, NULL, NULL, NULL, "$user", 0, NULL,
     "responsible user (default: $CRM_USER)"},
    {"description", CRM_T_TEXT, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL, "free text"},
    {"members", CRM_T_INT, CRM_F_DERIVED | CRM_F_READONLY | CRM_F_LIST, NULL, NULL, NULL, NULL, 0,
     "(SELECT count(*) FROM campaign_member m WHERE m.campaign_id = campaign.id)",
     "number of members (output only)"},
    {"created_at", CRM_T_DATETIME, CRM_F_READONLY, NULL, NULL, NULL, NULL, 0, NULL,
     "when the record was created (UTC)"},
    {"updated_at", CRM_T_DATETIME, CRM_F_READONLY, NULL, NULL, NULL, NULL, 0, NULL,
     "when the record was last changed (UTC)"},
};

const struct crm_entity crm_entity_campaign = {
    .name = "campaign",
    .table = "campaign",
    .natural_key = "name",
    .label = "campaign.name",
    .fields = campaign_fields,
    .nfields = N(campaign_fields),
    .fts_table = "campaign_fts",
    .validate = crm_contract_check,
};
