/*
 * model.c - the field tables of every entity.  Adding a field: add it here,
 * add its column to schema.sql (with a migration), and the tools, the man
 * page field list and the completions follow.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const account_types[] = {"customer", "prospect", "partner", "reseller",
                                             "supplier", "competitor", "other", NULL};
static const char *const lead_statuses[] = {"new", "contacted", "qualified", "customer", "lost",
                                            NULL};

#define ID_FIELD {"id", CRM_T_ID, CRM_F_READONLY | CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "record id"}
#define STAMPS                                                                                   \
    {"created_at", CRM_T_DATETIME, CRM_F_READONLY, NULL, NULL, NULL, NULL, 0, NULL,              \
     "when the record was created (UTC)"},                                                       \
    {"updated_at", CRM_T_DATETIME, CRM_F_READONLY, NULL, NULL, NULL, NULL, 0, NULL,              \
     "when the record was last changed (UTC)"}
#define ADDRESS                                                                                  \
    {"street", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL, "street address"},                \
    {"city", CRM_T_TEXT, CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "city"},    \
    {"region", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL, "region, state or province"},      \
    {"postcode", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL, "postal code"},                 \
    {"country", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL,                                  \
     "country (ISO 3166 code or name); also the country of national phone numbers"}

static const struct crm_field user_fields[] = {
    ID_FIELD,
    {"name", CRM_T_TEXT, CRM_F_REQUIRED | CRM_F_UNIQUE | CRM_F_LIST, NULL, NULL, NULL, NULL, 0,
     NULL, "login name ($CRM_USER), the natural key"},
    {"full_name", CRM_T_TEXT, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "name for people"},
    {"email", CRM_T_EMAIL, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "email address"},
    {"phone", CRM_T_PHONE, 0, NULL, NULL, NULL, NULL, 0, NULL, "telephone"},
    {"department", CRM_T_TEXT, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "department"},
    {"region", CRM_T_TEXT, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "sales region"},
    {"manager", CRM_T_REF, CRM_F_NULLIFY, "manager_id", NULL, "user", NULL, 0, NULL,
     "the user's manager (user id or name)"},
    {"active", CRM_T_BOOL, 0, NULL, NULL, NULL, "true", 0, NULL, "whether the user can own records"},
    {"tags", CRM_T_TAGS, 0, NULL, NULL, NULL, NULL, 0, NULL, "tags"},
    STAMPS,
};

static const struct crm_field account_fields[] = {
    ID_FIELD,
    {"name", CRM_T_TEXT, CRM_F_REQUIRED | CRM_F_UNIQUE | CRM_F_SEARCH | CRM_F_LIST, NULL, NULL,
     NULL, NULL, 0, NULL, "organisation name, unique: the natural key"},
    {"type", CRM_T_ENUM, CRM_F_LIST, NULL, account_types, NULL, "customer", 0, NULL,
     "relationship"},
    {"industry", CRM_T_TEXT, CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL,
     "industry"},
    {"parent", CRM_T_REF, CRM_F_NULLIFY, "parent_id", NULL, "account", NULL, 0, NULL,
     "parent organisation (account id or name)"},
    {"parent_name", CRM_T_TEXT, CRM_F_DERIVED | CRM_F_READONLY, NULL, NULL, NULL, NULL, 0,
     "(SELECT p.name FROM account p WHERE p.id = account.parent_id)",
     "name of the parent organisation (output only)"},
    {"website", CRM_T_URL, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL, "web site"},
    {"phone", CRM_T_PHONE, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "main telephone"},
    {"email", CRM_T_EMAIL, 0, NULL, NULL, NULL, NULL, 0, NULL, "main email address"},
    ADDRESS,
    {"owner", CRM_T_TEXT, CRM_F_LIST, NULL, NULL, NULL, "$user", 0, NULL,
     "responsible user (default: $CRM_USER)"},
    {"tags", CRM_T_TAGS, CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "tags"},
    {"notes", CRM_T_TEXT, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL, "free text"},
    STAMPS,
    {"contacts", CRM_T_TEXT, CRM_F_DERIVED | CRM_F_READONLY | CRM_F_JSON, NULL, NULL, NULL, NULL, 0,
     "(SELECT json_group_array(json_object('id', c.id, 'name', trim(coalesce(c.first_name, '') "
     "|| ' ' || coalesce(c.last_name, '')), 'email', c.email, 'phone', c.phone, 'title', "
     "c.title)) FROM (SELECT * FROM contact c0 WHERE c0.account_id = account.id ORDER BY c0.id) c)",
     "the account's contacts as a JSON array (output only; shown by show)"},
};

static const struct crm_field contact_fields[] = {
    ID_FIELD,
    {"first_name", CRM_T_TEXT, CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL,
     "given name"},
    {"last_name", CRM_T_TEXT, CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL,
     "family name"},
    {"email", CRM_T_EMAIL, CRM_F_UNIQUE | CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0,
     NULL, "email address, unique ignoring case: the natural key"},
    {"phone", CRM_T_PHONE, CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL,
     "telephone, as written; compared in E.164"},
    {"mobile", CRM_T_PHONE, 0, NULL, NULL, NULL, NULL, 0, NULL, "mobile telephone"},
    {"title", CRM_T_TEXT, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL, "job title"},
    {"department", CRM_T_TEXT, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL, "department"},
    {"account", CRM_T_REF, CRM_F_LIST, "account_id", NULL, "account", NULL, 0, NULL,
     "organisation (account id or name)"},
    {"account_name", CRM_T_TEXT, CRM_F_DERIVED | CRM_F_READONLY | CRM_F_LIST, NULL, NULL, NULL,
     NULL, 0, "(SELECT a.name FROM account a WHERE a.id = contact.account_id)",
     "name of the account (output only)"},
    {"owner", CRM_T_TEXT, 0, NULL, NULL, NULL, "$user", 0, NULL,
     "responsible user (default: $CRM_USER)"},
    {"lead_status", CRM_T_ENUM, CRM_F_LIST, NULL, lead_statuses, NULL, "new", 0, NULL,
     "stage of the lead"},
    {"source", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL,
     "where the contact came from (web, referral, fair, ...)"},
    ADDRESS,
    {"birthday", CRM_T_DATE, 0, NULL, NULL, NULL, NULL, 0, NULL, "date of birth"},
    {"score", CRM_T_INT, 0, NULL, NULL, NULL, NULL, 0, NULL, "lead score"},
    {"do_not_call", CRM_T_BOOL, 0, NULL, NULL, NULL, "false", 0, NULL,
     "never put on a call list"},
    {"email_opt_out", CRM_T_BOOL, 0, NULL, NULL, NULL, "false", 0, NULL,
     "never put on a mailing list"},
    {"tags", CRM_T_TAGS, CRM_F_SEARCH | CRM_F_LIST, NULL, NULL, NULL, NULL, 0, NULL, "tags"},
    {"notes", CRM_T_TEXT, CRM_F_SEARCH, NULL, NULL, NULL, NULL, 0, NULL, "free text"},
    {"uid", CRM_T_TEXT, CRM_F_UNIQUE, NULL, NULL, NULL, NULL, 0, NULL,
     "address book identifier (vCard UID), unique; a vCard re-import updates by it"},
    {"vcard", CRM_T_TEXT, 0, NULL, NULL, NULL, NULL, 0, NULL,
     "vCard properties with no field of their own, one a line, written back by export -f vcard"},
    STAMPS,
};

static const char *const contact_required_any[] = {"first_name", "last_name", "email", NULL};

const struct crm_entity crm_entity_user = {
    .name = "user",
    .table = "crm_user",
    .natural_key = "name",
    .label = "crm_user.name",
    .fields = user_fields,
    .nfields = N(user_fields),
};

const struct crm_entity crm_entity_account = {
    .name = "account",
    .table = "account",
    .natural_key = "name",
    .label = "account.name",
    .fields = account_fields,
    .nfields = N(account_fields),
    .fts_table = "account_fts",
};

const struct crm_entity crm_entity_contact = {
    .name = "contact",
    .table = "contact",
    .natural_key = "email",
    .label = "trim(coalesce(contact.first_name, '') || ' ' || coalesce(contact.last_name, ''))",
    .fields = contact_fields,
    .nfields = N(contact_fields),
    .fts_table = "contact_fts",
    .required_any = contact_required_any,
    .open_sql = "contact.lead_status IS NULL OR contact.lead_status NOT IN ('customer', 'lost')",
};

const struct crm_entity *const crm_entities[] = {
    &crm_entity_contact,
    &crm_entity_account,
    &crm_entity_user,
    &crm_entity_product,
    &crm_entity_deal,
    &crm_entity_deal_item,
    &crm_entity_activity,
    &crm_entity_task,
    &crm_entity_kb,
    &crm_entity_contract,
    &crm_entity_ticket,
    &crm_entity_campaign,
    NULL,
};

const struct crm_entity *crm_model_entity(const char *name)
{
    for (size_t i = 0; crm_entities[i]; i++)
        if (strcmp(crm_entities[i]->name, name) == 0)
            return crm_entities[i];
    return NULL;
}

size_t crm_model_children(const struct crm_entity *def, struct crm_relation_child *out,
                          size_t max)
{
    size_t n = 0;
    for (size_t i = 0; crm_entities[i]; i++) {
        const struct crm_entity *e = crm_entities[i];
        for (size_t j = 0; j < e->nfields; j++) {
            const struct crm_field *f = &e->fields[j];
            if (f->type != CRM_T_REF || strcmp(f->ref, def->name) != 0)
                continue;
            if (n < max) {
                out[n].entity = e;
                out[n].field = f->name;
                out[n].nullify = (f->flags & CRM_F_NULLIFY) != 0;
            }
            n++;
        }
    }
    return n;
}

const struct crm_field *crm_ent_field(const struct crm_ent *e, const char *name)
{
    for (size_t i = 0; i < e->nfields; i++)
        if (strcmp(e->fields[i].name, name) == 0)
            return &e->fields[i];
    return NULL;
}

void crm_ent_init_builtin(struct crm_ent *e, const struct crm_entity *def)
{
    e->def = def;
    e->nfields = def->nfields;
    e->fields = crm_xcalloc(def->nfields, sizeof *e->fields);
    memcpy(e->fields, def->fields, def->nfields * sizeof *e->fields);
}

void crm_ent_add_custom(struct crm_ent *e, const char *name, enum crm_type type,
                        const char *const *values)
{
    e->fields = crm_xrealloc(e->fields, (e->nfields + 1) * sizeof *e->fields);
    struct crm_field *f = &e->fields[e->nfields++];
    memset(f, 0, sizeof *f);
    f->name = crm_xstrdup(name);
    f->type = type;
    f->flags = CRM_F_CUSTOM;
    f->help = "custom field";
    if (values) {
        size_t n = 0;
        while (values[n])
            n++;
        char **v = crm_xcalloc(n + 1, sizeof *v);
        for (size_t i = 0; i < n; i++)
            v[i] = crm_xstrdup(values[i]);
        f->values = (const char *const *)v;
    }
}

void crm_ent_free(struct crm_ent *e)
{
    for (size_t i = 0; i < e->nfields; i++) {
        struct crm_field *f = &e->fields[i];
        if (!(f->flags & CRM_F_CUSTOM))
            continue;
        free((char *)f->name);
        if (f->values) {
            for (size_t j = 0; f->values[j]; j++)
                free((char *)f->values[j]);
            free((void *)f->values);
        }
    }
    free(e->fields);
    e->fields = NULL;
    e->nfields = 0;
}
