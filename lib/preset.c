/*
 * preset.c - vendor export layouts (preset.h).  The header names are those
 * the vendors write: Google Contacts (both the current and the older
 * "Given Name" export), Outlook's "Comma Separated Values", Salesforce
 * (Data Loader API names and report labels) and HubSpot exports.
 */
#include "preset.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum xf {
    X_NONE,
    X_GFIRST,  /* Google: "a ::: b" holds several values; the first */
    X_GPHONE,  /* Google: phone or mobile by the "Phone N - Label/Type" column */
    X_GLABELS, /* Google: "* myContacts ::: VIP" -> tags */
    X_PARTIAL, /* a date without a year ("--04-15") is dropped */
    X_USDATE,  /* Outlook: M/D/YYYY; 0/0/00 is none */
    X_BOOL,    /* true/false/1/0/yes/no */
    X_TYPE,    /* account type words -> customer, prospect, partner, ... */
};

struct entry {
    const char *src;
    const char *field;
    enum xf xf;
};

struct crm_preset {
    const char *name;
    const char *entity;
    const struct entry *e;
};

static const struct entry google_contact[] = {
    {"First Name", "first_name", X_NONE},
    {"Given Name", "first_name", X_NONE},
    {"Last Name", "last_name", X_NONE},
    {"Family Name", "last_name", X_NONE},
    {"E-mail 1 - Value", "email", X_GFIRST},
    {"E-mail 2 - Value", "email", X_GFIRST},
    {"Phone 1 - Value", NULL, X_GPHONE},
    {"Phone 2 - Value", NULL, X_GPHONE},
    {"Phone 3 - Value", NULL, X_GPHONE},
    {"Organization Name", "account", X_NONE},
    {"Organization 1 - Name", "account", X_NONE},
    {"Organization Title", "title", X_NONE},
    {"Organization 1 - Title", "title", X_NONE},
    {"Organization Department", "department", X_NONE},
    {"Organization 1 - Department", "department", X_NONE},
    {"Address 1 - Street", "street", X_NONE},
    {"Address 1 - City", "city", X_NONE},
    {"Address 1 - Region", "region", X_NONE},
    {"Address 1 - Postal Code", "postcode", X_NONE},
    {"Address 1 - Country", "country", X_NONE},
    {"Birthday", "birthday", X_PARTIAL},
    {"Notes", "notes", X_NONE},
    {"Labels", "tags", X_GLABELS},
    {"Group Membership", "tags", X_GLABELS},
    {NULL, NULL, X_NONE},
};

static const struct entry outlook_contact[] = {
    {"First Name", "first_name", X_NONE},
    {"Last Name", "last_name", X_NONE},
    {"E-mail Address", "email", X_NONE},
    {"E-mail 2 Address", "email", X_NONE},
    {"E-mail 3 Address", "email", X_NONE},
    {"Business Phone", "phone", X_NONE},
    {"Primary Phone", "phone", X_NONE},
    {"Company Main Phone", "phone", X_NONE},
    {"Home Phone", "phone", X_NONE},
    {"Mobile Phone", "mobile", X_NONE},
    {"Company", "account", X_NONE},
    {"Department", "department", X_NONE},
    {"Job Title", "title", X_NONE},
    {"Business Street", "street", X_NONE},
    {"Business City", "city", X_NONE},
    {"Business State", "region", X_NONE},
    {"Business Postal Code", "postcode", X_NONE},
    {"Business Country/Region", "country", X_NONE},
    {"Home Street", "street", X_NONE},
    {"Home City", "city", X_NONE},
    {"Home State", "region", X_NONE},
    {"Home Postal Code", "postcode", X_NONE},
    {"Home Country/Region", "country", X_NONE},
    {"Birthday", "birthday", X_USDATE},
    {"Categories", "tags", X_NONE},
    {"Notes", "notes", X_NONE},
    {NULL, NULL, X_NONE},
};

static const struct entry salesforce_contact[] = {
    {"FirstName", "first_name", X_NONE},
    {"First Name", "first_name", X_NONE},
    {"LastName", "last_name", X_NONE},
    {"Last Name", "last_name", X_NONE},
    {"Email", "email", X_NONE},
    {"Phone", "phone", X_NONE},
    {"MobilePhone", "mobile", X_NONE},
    {"Mobile", "mobile", X_NONE},
    {"Title", "title", X_NONE},
    {"Department", "department", X_NONE},
    {"Account.Name", "account", X_NONE},
    {"Account Name", "account", X_NONE},
    {"MailingStreet", "street", X_NONE},
    {"Mailing Street", "street", X_NONE},
    {"MailingCity", "city", X_NONE},
    {"Mailing City", "city", X_NONE},
    {"MailingState", "region", X_NONE},
    {"Mailing State/Province", "region", X_NONE},
    {"MailingPostalCode", "postcode", X_NONE},
    {"Mailing Zip/Postal Code", "postcode", X_NONE},
    {"MailingCountry", "country", X_NONE},
    {"Mailing Country", "country", X_NONE},
    {"LeadSource", "source", X_NONE},
    {"Lead Source", "source", X_NONE},
    {"Birthdate", "birthday", X_NONE},
    {"Description", "notes", X_NONE},
    {"HasOptedOutOfEmail", "email_opt_out", X_BOOL},
    {"Email Opt Out", "email_opt_out", X_BOOL},
    {"DoNotCall", "do_not_call", X_BOOL},
    {"Do Not Call", "do_not_call", X_BOOL},
    {NULL, NULL, X_NONE},
};

static const struct entry salesforce_account[] = {
    {"Name", "name", X_NONE},
    {"Account Name", "name", X_NONE},
    {"Type", "type", X_TYPE},
    {"Account Type", "type", X_TYPE},
    {"Industry", "industry", X_NONE},
    {"Website", "website", X_NONE},
    {"Phone", "phone", X_NONE},
    {"BillingStreet", "street", X_NONE},
    {"Billing Street", "street", X_NONE},
    {"BillingCity", "city", X_NONE},
    {"Billing City", "city", X_NONE},
    {"BillingState", "region", X_NONE},
    {"Billing State/Province", "region", X_NONE},
    {"BillingPostalCode", "postcode", X_NONE},
    {"Billing Zip/Postal Code", "postcode", X_NONE},
    {"BillingCountry", "country", X_NONE},
    {"Billing Country", "country", X_NONE},
    {"Description", "notes", X_NONE},
    {NULL, NULL, X_NONE},
};

static const struct entry hubspot_contact[] = {
    {"First Name", "first_name", X_NONE},
    {"Last Name", "last_name", X_NONE},
    {"Email", "email", X_NONE},
    {"Phone Number", "phone", X_NONE},
    {"Mobile Phone Number", "mobile", X_NONE},
    {"Job Title", "title", X_NONE},
    {"Company Name", "account", X_NONE},
    {"Associated Company", "account", X_NONE},
    {"Street Address", "street", X_NONE},
    {"City", "city", X_NONE},
    {"State/Region", "region", X_NONE},
    {"Postal Code", "postcode", X_NONE},
    {"Country/Region", "country", X_NONE},
    {"Original Source", "source", X_NONE},
    {"Date of birth", "birthday", X_NONE},
    {NULL, NULL, X_NONE},
};

static const struct entry hubspot_account[] = {
    {"Company name", "name", X_NONE},
    {"Name", "name", X_NONE},
    {"Type", "type", X_TYPE},
    {"Industry", "industry", X_NONE},
    {"Website URL", "website", X_NONE},
    {"Company Domain Name", "website", X_NONE},
    {"Phone Number", "phone", X_NONE},
    {"Street Address", "street", X_NONE},
    {"City", "city", X_NONE},
    {"State/Region", "region", X_NONE},
    {"Postal Code", "postcode", X_NONE},
    {"Country/Region", "country", X_NONE},
    {"Description", "notes", X_NONE},
    {NULL, NULL, X_NONE},
};

static const struct crm_preset presets[] = {
    {"google", "contact", google_contact},
    {"outlook", "contact", outlook_contact},
    {"salesforce", "contact", salesforce_contact},
    {"salesforce", "account", salesforce_account},
    {"hubspot", "contact", hubspot_contact},
    {"hubspot", "account", hubspot_account},
};

int crm_preset_find(const char *name, const char *entity, const struct crm_preset **p,
                    struct crm_err *err)
{
    int known = 0;
    for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++) {
        if (strcmp(presets[i].name, name) != 0)
            continue;
        known = 1;
        if (strcmp(presets[i].entity, entity) == 0) {
            *p = &presets[i];
            return CRM_OK;
        }
    }
    if (known)
        return crm_err_set(err, CRM_USAGE, "--preset %s has no %s export", name, entity);
    return crm_err_set(err, CRM_USAGE,
                       "--preset: unknown preset '%s' (google, outlook, salesforce, hubspot)", name);
}

static int col_of(const struct crm_record_in *in, const char *name)
{
    for (size_t i = 0; i < in->n; i++)
        if (strcasecmp(in->keys[i], name) == 0)
            return (int)i;
    return -1;
}

static int has_key(const struct crm_preset_row *r, const char *field)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->keys[i], field) == 0)
            return 1;
    return 0;
}

static void put(struct crm_preset_row *r, const char *field, const char *val)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->keys = crm_xrealloc(r->keys, r->cap * sizeof *r->keys);
        r->vals = crm_xrealloc(r->vals, r->cap * sizeof *r->vals);
    }
    r->keys[r->n] = crm_xstrdup(field);
    r->vals[r->n] = crm_xstrdup(val);
    r->n++;
}

static void first_of(const char *v, struct crm_buf *out)
{
    const char *sep = strstr(v, " ::: ");
    crm_buf_add(out, v, sep ? (size_t)(sep - v) : strlen(v));
}

static void google_labels(const char *v, struct crm_buf *out)
{
    while (*v) {
        const char *sep = strstr(v, " ::: ");
        size_t n = sep ? (size_t)(sep - v) : strlen(v);
        const char *s = v;
        if (n >= 2 && s[0] == '*' && s[1] == ' ') /* "* myContacts": a system group */
            s += 2, n -= 2;
        if (n) {
            if (out->len)
                crm_buf_putc(out, ';');
            crm_buf_add(out, s, n);
        }
        v += sep ? (size_t)(sep - v) + 5 : strlen(v);
    }
}

static int us_date(const char *v, struct crm_buf *out)
{
    int m, d, y;
    char extra;
    if (sscanf(v, "%d/%d/%d%c", &m, &d, &y, &extra) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    if (y < 100)
        y += y < 50 ? 2000 : 1900;
    crm_buf_printf(out, "%04d-%02d-%02d", y, m, d);
    return 1;
}

static const char *type_word(const char *v)
{
    static const char *const words[][2] = {
        {"customer", "customer"}, {"reseller", "reseller"},     {"partner", "partner"},
        {"prospect", "prospect"}, {"vendor", "supplier"},       {"supplier", "supplier"},
        {"competitor", "competitor"}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasestr(v, words[i][0]))
            return words[i][1];
    return "other";
}

void crm_preset_apply(const struct crm_preset *p, const struct crm_record_in *in,
                      struct crm_preset_row *out)
{
    struct crm_buf v = CRM_BUF_INIT;
    out->line = in->line;
    for (const struct entry *e = p->e; e->src; e++) {
        int c = col_of(in, e->src);
        if (c < 0 || !in->vals[c])
            continue;
        const char *raw = in->vals[c];
        while (*raw == ' ')
            raw++;
        if (!*raw)
            continue;
        const char *field = e->field;
        crm_buf_reset(&v);
        switch (e->xf) {
        case X_NONE:
            crm_buf_puts(&v, raw);
            break;
        case X_GFIRST:
            first_of(raw, &v);
            break;
        case X_GPHONE: {
            char label[64];
            const char *dash = strstr(e->src, " - Value");
            int lc = -1;
            if (dash) {
                snprintf(label, sizeof label, "%.*s - Label", (int)(dash - e->src), e->src);
                if ((lc = col_of(in, label)) < 0) {
                    snprintf(label, sizeof label, "%.*s - Type", (int)(dash - e->src), e->src);
                    lc = col_of(in, label);
                }
            }
            int mobile = lc >= 0 && in->vals[lc] && strcasestr(in->vals[lc], "mobile");
            field = mobile ? "mobile" : "phone";
            first_of(raw, &v);
            break;
        }
        case X_GLABELS:
            google_labels(raw, &v);
            break;
        case X_PARTIAL:
            if (raw[0] == '-' && raw[1] == '-')
                continue;
            crm_buf_puts(&v, raw);
            break;
        case X_USDATE:
            if (!us_date(raw, &v) || strncmp(crm_buf_str(&v), "2000-00", 7) == 0)
                continue;
            break;
        case X_BOOL:
            crm_buf_puts(&v, strcasecmp(raw, "true") == 0 || strcmp(raw, "1") == 0 ||
                                     strcasecmp(raw, "yes") == 0
                                 ? "true"
                                 : "false");
            break;
        case X_TYPE:
            crm_buf_puts(&v, type_word(raw));
            break;
        }
        if (!v.len || has_key(out, field))
            continue;
        put(out, field, crm_buf_str(&v));
    }
    crm_buf_free(&v);
}

void crm_preset_row_free(struct crm_preset_row *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->keys[i]);
        free(r->vals[i]);
    }
    free(r->keys);
    free(r->vals);
    memset(r, 0, sizeof *r);
}

size_t crm_preset_unused(const struct crm_preset *p, const struct crm_record_in *in,
                         struct crm_buf *out)
{
    size_t n = 0;
    for (size_t i = 0; i < in->n; i++) {
        int used = 0;
        for (const struct entry *e = p->e; e->src && !used; e++) {
            used = strcasecmp(e->src, in->keys[i]) == 0;
            if (!used && e->xf == X_GPHONE) {
                size_t k = strlen(e->src) - strlen("Value");
                used = strncasecmp(e->src, in->keys[i], k) == 0 &&
                       (strcasecmp(in->keys[i] + k, "Label") == 0 ||
                        strcasecmp(in->keys[i] + k, "Type") == 0);
            }
        }
        if (used)
            continue;
        if (n++)
            crm_buf_puts(out, ", ");
        crm_buf_puts(out, in->keys[i]);
    }
    return n;
}
