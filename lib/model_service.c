/*
 * model_service.c - the field tables of customer service: knowledge-base
 * articles (crm-kb), service contracts (crm-contract) and tickets
 * (crm-ticket).  Their tables are created by lib/migrate/004-service.sql.
 */
#include "model.h"
#include "service.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define ID_FIELD {"id", CRM_T_ID, CRM_F_READONLY | CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "record id"}
#define STAMPS                                                                                   \
    {"created_at", CRM_T_DATETIME, CRM_F_READONLY, NULL, NULL, NULL, NULL, 0, NULL,              \
     "when the record was created (UTC)"},                                                       \
    {"updated_at", CRM_T_DATETIME, CRM_F_READONLY, NULL, NULL, NULL, NULL, 0, NULL,              \
     "when the record was last changed (UTC)"}

/* ---- crm-kb ------------------------------------------------------------ */

static const char *const kb_statuses[] = {"draft", "published", "archived", NULL};

static const struct crm_field kb_fields[] = {
    ID_FIELD,
    {"title", CRM_T_TEXT, CRM_F_REQUIRED | CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0,
     NULL, "the article's title"},
    {"problem", CRM_T_TEXT, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL,
     "the problem as customers describe it"},
    {"solution", CRM_T_TEXT, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL, "how to solve it"},
    {"product", CRM_T_TEXT, CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL,
     "the product it is about"},
    {"tags", CRM_T_TAGS, CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "tags"},
    {"status", CRM_T_ENUM, CRM_F_LIST, NULL, kb_statuses, NULL, "draft", 0, NULL,
     "draft, published (offered by suggest) or archived"},
    {"author", CRM_T_TEXT, 0, NULL, NULL, NULL, "$user", 0, NULL, "who wrote it (default: $CRM_USER)"},
    {"views", CRM_T_INT, 0, NULL, NULL, NULL, "0", 0, NULL, "how often it was read"},
    {"helpful", CRM_T_INT, 0, NULL, NULL, NULL, "0", 0, NULL, "votes: it helped (vote ID up)"},
    {"not_helpful", CRM_T_INT, 0, NULL, NULL, NULL, "0", 0, NULL,
     "votes: it did not help (vote ID down)"},
    {"uses", CRM_T_INT, CRM_F_READONLY | CRM_F_LIST, NULL, NULL, NULL, "0", 0, NULL,
     "tickets resolved with it (crm-ticket resolve --kb)"},
    STAMPS,
};

const struct crm_entity crm_entity_kb = {
    .name = "kb",
    .table = "kb_article",
    .natural_key = NULL,
    .label = "kb_article.title",
    .fields = kb_fields,
    .nfields = N(kb_fields),
    .fts_table = "kb_article_fts",
};

/* ---- crm-contract ------------------------------------------------------ */

static const char *const contract_kinds[] = {"service", "warranty", "support", "maintenance", NULL};
static const char *const contract_levels[] = {"basic", "standard", "premium", NULL};
static const char *const billing_periods[] = {"once", "monthly", "quarterly", "yearly", NULL};
static const char *const renewals[] = {"manual", "auto", NULL};
static const char *const contract_statuses[] = {"draft", "active", "expired", "terminated", NULL};

static const struct crm_field contract_fields[] = {
    ID_FIELD,
    {"number", CRM_T_TEXT, CRM_F_UNIQUE | CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0,
     NULL, "contract number, unique: the natural key (default: the next C-000001)"},
    {"account", CRM_T_REF, CRM_F_LIST, "account_id", NULL, "account", NULL, 0, NULL,
     "the customer (account id or name)"},
    {"account_name", CRM_T_TEXT, CRM_F_DERIVED | CRM_F_READONLY | CRM_F_LIST, NULL, NULL, NULL,
     NULL, 0, "(SELECT a.name FROM account a WHERE a.id = contract.account_id)",
     "name of the account (output only)"},
    {"kind", CRM_T_ENUM, CRM_F_LIST, NULL, contract_kinds, NULL, "service", 0, NULL,
     "service, warranty, support or maintenance"},
    {"level", CRM_T_ENUM, CRM_F_LIST, NULL, contract_levels, NULL, "standard", 0, NULL,
     "service level: picks the SLA policy of its tickets"},
    {"products", CRM_T_TAGS, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL,
     "products covered (none: every product)"},
    {"start_date", CRM_T_DATE, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "first day covered"},
    {"end_date", CRM_T_DATE, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL,
     "last day covered (none: open-ended)"},
    {"value", CRM_T_MONEY, 0, NULL, NULL, NULL, NULL, 0, NULL, "value per billing period"},
    {"billing_period", CRM_T_ENUM, 0, NULL, billing_periods, NULL, NULL, 0, NULL,
     "once, monthly, quarterly or yearly"},
    {"renewal", CRM_T_ENUM, 0, NULL, renewals, NULL, "manual", 0, NULL, "manual or auto"},
    {"notice_days", CRM_T_INT, 0, NULL, NULL, NULL, NULL, 0, NULL,
     "days before end_date by which notice must be given"},
    {"notice_by", CRM_T_DATE, CRM_F_DERIVED | CRM_F_READONLY, NULL, NULL, NULL, NULL, 0,
     "(CASE WHEN contract.end_date IS NOT NULL THEN date(contract.end_date, '-' || "
     "coalesce(contract.notice_days, 0) || ' days') END)",
     "last day to give notice: end_date less notice_days (output only)"},
    {"status", CRM_T_ENUM, CRM_F_LIST, NULL, contract_statuses, NULL, "active", 0, NULL,
     "draft, active, expired or terminated"},
    {"owner", CRM_T_TEXT, 0, NULL, NULL, NULL, "$user", 0, NULL,
     "responsible user (default: $CRM_USER)"},
    {"previous", CRM_T_REF, CRM_F_NULLIFY, "previous_id", NULL, "contract", NULL, 0, NULL,
     "the contract this one renews (set by renew)"},
    {"notes", CRM_T_TEXT, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL, "free text"},
    STAMPS,
    {"tickets", CRM_T_TEXT, CRM_F_DERIVED | CRM_F_READONLY | CRM_F_JSON, NULL, NULL, NULL, NULL, 0,
     "(SELECT json_group_array(json_object('id', k.id, 'number', k.number, 'subject', k.subject, "
     "'status', k.status, 'priority', k.priority)) FROM (SELECT * FROM ticket k0 WHERE "
     "k0.contract_id = contract.id ORDER BY k0.id) k)",
     "the contract's tickets as a JSON array (output only; shown by show)"},
};

const struct crm_entity crm_entity_contract = {
    .name = "contract",
    .table = "contract",
    .natural_key = "number",
    .label = "contract.number",
    .fields = contract_fields,
    .nfields = N(contract_fields),
    .fts_table = "contract_fts",
    .validate = crm_contract_check,
};

/* ---- crm-ticket -------------------------------------------------------- */

static const char *const ticket_kinds[] = {"question", "problem", "complaint", "request", "order",
                                           NULL};
static const char *const ticket_channels[] = {"phone", "email", "web", "visit", "chat", NULL};
const char *const crm_ticket_priorities[] = {"low", "normal", "high", "urgent", NULL};
const char *const crm_ticket_statuses[] = {"new",      "open",   "pending", "resolved",
                                           "closed",   "reopened", NULL};

static const struct crm_field ticket_fields[] = {
    ID_FIELD,
    {"number", CRM_T_TEXT, CRM_F_UNIQUE | CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0,
     NULL, "ticket number (T-000123), unique: the natural key; given by crm"},
    {"subject", CRM_T_TEXT, CRM_F_REQUIRED | CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0,
     NULL, "one line"},
    {"description", CRM_T_TEXT, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL,
     "the request as the customer put it"},
    {"contact", CRM_T_REF, CRM_F_NULLIFY, "contact_id", NULL, "contact", NULL, 0, NULL,
     "who asked (contact id or email)"},
    {"account", CRM_T_REF, CRM_F_NULLIFY, "account_id", NULL, "account", NULL, 0, NULL,
     "the customer (account id or name; default: the contact's)"},
    {"kind", CRM_T_ENUM, 0, NULL, ticket_kinds, NULL, "question", 0, NULL,
     "question, problem, complaint, request or order"},
    {"channel", CRM_T_ENUM, 0, NULL, ticket_channels, NULL, NULL, 0, NULL,
     "phone, email, web, visit or chat"},
    {"priority", CRM_T_ENUM, CRM_F_LIST, NULL, crm_ticket_priorities, NULL, "normal", 0, NULL,
     "low, normal, high or urgent"},
    {"status", CRM_T_ENUM, CRM_F_READONLY | CRM_F_LIST, NULL, crm_ticket_statuses, NULL, "new", 0,
     NULL, "new, open, pending, resolved, closed or reopened: changed by the flow verbs"},
    {"assignee", CRM_T_TEXT, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL,
     "the user working on it (a user name; change with assign)"},
    {"department", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL,
     "the team it is routed to (change with assign)"},
    {"product", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL, "the product concerned"},
    {"contract", CRM_T_REF, CRM_F_NULLIFY, "contract_id", NULL, "contract", NULL, 0, NULL,
     "the contract it is served under (default: the entitlement check's)"},
    {"sla_level", CRM_T_TEXT, CRM_F_READONLY, NULL, NULL, NULL, NULL, 0, NULL,
     "the contract level whose SLA policy applies (none: the default policy)"},
    {"due_response", CRM_T_DATETIME, CRM_F_READONLY, NULL, NULL, NULL, NULL, 0, NULL,
     "first public reply due by (business time, pending excluded)"},
    {"due_resolution", CRM_T_DATETIME, CRM_F_READONLY | CRM_F_LIST, NULL, NULL, NULL, NULL, 0,
     NULL, "resolution due by (business time, pending excluded)"},
    {"first_response_at", CRM_T_DATETIME, CRM_F_READONLY, NULL, NULL, NULL, NULL, 0, NULL,
     "when the first public reply was given"},
    {"resolved_at", CRM_T_DATETIME, CRM_F_READONLY, NULL, NULL, NULL, NULL, 0, NULL,
     "when it was resolved"},
    {"closed_at", CRM_T_DATETIME, CRM_F_READONLY, NULL, NULL, NULL, NULL, 0, NULL,
     "when it was closed"},
    {"pending_since", CRM_T_DATETIME, CRM_F_READONLY, NULL, NULL, NULL, NULL, 0, NULL,
     "when it went pending (the SLA clock is stopped)"},
    {"stopped_s", CRM_T_INT, CRM_F_READONLY, NULL, NULL, NULL, "0", 0, NULL,
     "business seconds the SLA clock stood still (pending, or resolved before a reopen)"},
    {"solution", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL, "how it was resolved"},
    {"kb", CRM_T_REF, CRM_F_NULLIFY | CRM_F_READONLY, "kb_id", NULL, "kb", NULL, 0, NULL,
     "the knowledge-base article it was resolved with"},
    {"satisfaction", CRM_T_INT, 0, NULL, NULL, NULL, NULL, 0, NULL,
     "the customer's rating, 1 to 5"},
    {"tags", CRM_T_TAGS, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL, "tags"},
    STAMPS,
    {"comments", CRM_T_TEXT, CRM_F_DERIVED | CRM_F_READONLY | CRM_F_JSON, NULL, NULL, NULL, NULL, 0,
     "(SELECT json_group_array(json_object('at', c.at, 'author', c.author, 'visibility', "
     "c.visibility, 'body', c.body)) FROM (SELECT * FROM ticket_comment c0 WHERE c0.ticket_id = "
     "ticket.id ORDER BY c0.id) c)",
     "the comments as a JSON array (output only; shown by show)"},
    {"assignments", CRM_T_TEXT, CRM_F_DERIVED | CRM_F_READONLY | CRM_F_JSON, NULL, NULL, NULL,
     NULL, 0,
     "(SELECT json_group_array(json_object('at', a.at, 'by', a.by_user, 'from', a.from_assignee, "
     "'to', a.to_assignee, 'from_department', a.from_department, 'to_department', "
     "a.to_department, 'reason', a.reason)) FROM (SELECT * FROM ticket_assignment a0 WHERE "
     "a0.ticket_id = ticket.id ORDER BY a0.id) a)",
     "every (re)assignment with its reason, as a JSON array (output only; shown by show)"},
};

const struct crm_entity crm_entity_ticket = {
    .name = "ticket",
    .table = "ticket",
    .natural_key = "number",
    .label = "ticket.number",
    .fields = ticket_fields,
    .nfields = N(ticket_fields),
    .fts_table = "ticket_fts",
    .validate = crm_ticket_check,
    .prepare = crm_ticket_prepare,
};
