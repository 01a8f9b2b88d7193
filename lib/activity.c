/*
 * activity.c - crm-activity's own verbs: log and timeline.
 */
#include "activity.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "link.h"
#include "value.h"

static const char *const link_kinds[] = {"deal", "ticket", "campaign", NULL};

/* --related ENTITY:ID or --deal ID and the like: the first given. */
static int related_opt(struct crm_tool *t, const char **entity, int64_t *id, int *given)
{
    *given = 0;
    const char *rel = crm_args_get(&t->args, "related");
    if (rel) {
        const char *colon = strchr(rel, ':');
        if (!colon)
            return crm_err_set(&t->err, CRM_USAGE, "--related: expected ENTITY:ID, got '%s'", rel);
        char *name = crm_xstrndup(rel, (size_t)(colon - rel));
        int rc = crm_link_resolve(t, name, colon + 1, entity, id);
        free(name);
        *given = rc == CRM_OK;
        return rc;
    }
    for (size_t i = 0; link_kinds[i]; i++) {
        const char *v = crm_args_get(&t->args, link_kinds[i]);
        if (!v)
            continue;
        int rc = crm_link_resolve(t, link_kinds[i], v, entity, id);
        *given = rc == CRM_OK;
        return rc;
    }
    return CRM_OK;
}

int crm_link_from_opts(struct crm_tool *t, struct crm_rec *r)
{
    static const char *const refs[] = {"contact", "account", NULL};
    int rc;
    for (size_t i = 0; refs[i]; i++) {
        const char *v = crm_args_get(&t->args, refs[i]);
        if (v && (rc = crm_rec_set(t, r, crm_ent_field(&t->ent, refs[i]), v, NULL)))
            return rc;
    }
    const char *entity;
    int64_t id;
    int given;
    if ((rc = related_opt(t, &entity, &id, &given)) || !given)
        return rc;
    size_t ei = crm_rec_index(t, "related_entity"), ii = crm_rec_index(t, "related_id");
    crm_sval_free(&r->v[ei]);
    r->v[ei].kind = CRM_SV_TEXT;
    crm_buf_puts(&r->v[ei].s, entity);
    r->set[ei] = 1;
    crm_sval_free(&r->v[ii]);
    r->v[ii].kind = CRM_SV_INT;
    r->v[ii].i = id;
    r->set[ii] = 1;
    return CRM_OK;
}

int crm_link_filter(struct crm_tool *t, const char *alias, struct crm_sql *q, int *given)
{
    struct crm_field cf = {.name = "contact", .type = CRM_T_REF, .ref = "contact"};
    struct crm_field af = {.name = "account", .type = CRM_T_REF, .ref = "account"};
    const char *c = crm_args_get(&t->args, "contact"), *a = crm_args_get(&t->args, "account");
    int64_t id;
    int rc;
    *given = 0;
    if (c) {
        if ((rc = crm_ref_resolve(t, &cf, c, &id)))
            return rc;
        crm_sql_addf(q, "%s.contact_id = ", alias);
        crm_sql_bind_int(q, id);
        *given = 1;
    }
    if (a) {
        if ((rc = crm_ref_resolve(t, &af, a, &id)))
            return rc;
        if (*given)
            crm_sql_add(q, " AND ");
        crm_sql_addf(q, "(%s.account_id = ", alias);
        crm_sql_bind_int(q, id);
        crm_sql_addf(q, " OR %s.contact_id IN (SELECT c.id FROM contact c WHERE c.account_id = ", alias);
        crm_sql_bind_int(q, id);
        crm_sql_add(q, "))");
        *given = 1;
    }
    const char *entity;
    int g;
    if ((rc = related_opt(t, &entity, &id, &g)))
        return rc;
    if (g) {
        if (*given)
            crm_sql_add(q, " AND ");
        crm_sql_addf(q, "%s.related_entity = ", alias);
        crm_sql_bind_text(q, entity);
        crm_sql_addf(q, " AND %s.related_id = ", alias);
        crm_sql_bind_int(q, id);
        *given = 1;
    }
    return CRM_OK;
}

static int is_field_assignment(struct crm_tool *t, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg)
        return 0;
    size_t n = (size_t)(eq - arg);
    if (n > 1 && (arg[n - 1] == '+' || arg[n - 1] == '-'))
        n--;
    for (size_t i = 0; i < t->ent.nfields; i++)
        if (strlen(t->ent.fields[i].name) == n && strncmp(t->ent.fields[i].name, arg, n) == 0)
            return 1;
    return 0;
}

static int set_text(struct crm_tool *t, struct crm_rec *r, const char *field, const char *v)
{
    return crm_rec_set(t, r, crm_ent_field(&t->ent, field), v, NULL);
}

static int verb_log(struct crm_tool *t)
{
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE,
                           "log what? give a kind (call, email, meeting, letter, note, order, visit)");
    struct crm_rec r;
    struct crm_buf text = CRM_BUF_INIT;
    int64_t id;
    int rc;
    crm_rec_init(&r, t->ent.nfields);
    rc = set_text(t, &r, "kind", t->pos[0]);
    for (size_t i = 1; i < t->npos && rc == CRM_OK; i++) {
        if (is_field_assignment(t, t->pos[i])) {
            rc = crm_rec_assign(t, &r, NULL, t->pos[i]);
        } else {
            if (text.len)
                crm_buf_putc(&text, ' ');
            crm_buf_puts(&text, t->pos[i]);
        }
    }
    static const char *const direct[] = {"outcome", "direction", "place", "subject", NULL};
    for (size_t i = 0; direct[i] && rc == CRM_OK; i++) {
        const char *v = crm_args_get(&t->args, direct[i]);
        if (v)
            rc = set_text(t, &r, direct[i], v);
    }
    const char *at = crm_args_get(&t->args, "at");
    if (at && rc == CRM_OK)
        rc = set_text(t, &r, "occurred_at", at);
    const char *dur = crm_args_get(&t->args, "duration");
    if (dur && rc == CRM_OK) {
        int64_t secs;
        char num[32];
        if (strspn(dur, "0123456789") == strlen(dur) && *dur) {
            rc = set_text(t, &r, "duration", dur);
        } else if ((rc = crm_value_parse_duration(dur, &secs, &t->err)) == CRM_OK) {
            snprintf(num, sizeof num, "%" PRId64, (secs + 59) / 60);
            rc = set_text(t, &r, "duration", num);
        } else {
            crm_err_prefix(&t->err, "--duration: ");
        }
    }
    if (rc == CRM_OK)
        rc = crm_link_from_opts(t, &r);
    if (rc == CRM_OK && text.len) {
        size_t si = crm_rec_index(t, "subject");
        rc = set_text(t, &r, r.set[si] ? "body" : "subject", crm_buf_str(&text));
    }
    if (rc == CRM_OK)
        rc = crm_rec_insert(t, &r, &id);
    crm_rec_free(&r);
    crm_buf_free(&text);
    if (rc == CRM_OK)
        rc = crm_entity_show_ids(t, &id, 1);
    return rc;
}

static int verb_timeline(struct crm_tool *t)
{
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE,
                           "timeline takes no arguments (use --contact, --account, --deal, ...)");
    struct crm_sql cond = CRM_SQL_INIT;
    int given;
    int rc = crm_link_filter(t, "activity", &cond, &given);
    if (rc == CRM_OK)
        rc = crm_entity_print_sorted(t, &cond, 0, "occurred_at DESC, id DESC");
    crm_sql_free(&cond);
    return rc;
}

static const char *const log_opts[] = {"contact", "account", "deal",   "ticket",   "campaign",
                                       "related", "outcome", "duration", "direction", "place",
                                       "subject", "at",      "safe-csv", NULL};
static const char *const mail_opts[] = {"skip-bad", "dry-run", NULL};
static const char *const timeline_opts[] = {"contact", "account", "deal", "ticket", "campaign",
                                            "related", "safe-csv", NULL};

const struct crm_opt crm_activity_opts[] = {
    {"contact", 0, CRM_OPT_ARG, "ID|EMAIL", NULL, "the contact (id or email)"},
    {"account", 0, CRM_OPT_ARG, "ID|NAME", NULL, "the account (id or name)"},
    {"deal", 0, CRM_OPT_ARG, "ID", NULL, "the related deal"},
    {"ticket", 0, CRM_OPT_ARG, "ID", NULL, "the related ticket"},
    {"campaign", 0, CRM_OPT_ARG, "ID", NULL, "the related campaign"},
    {"related", 0, CRM_OPT_ARG, "ENTITY:ID", NULL, "any related record (deal:42)"},
    {"outcome", 0, CRM_OPT_ARG, "TEXT", "reached|voicemail|no-answer|busy", "log: outcome of a call"},
    {"duration", 0, CRM_OPT_ARG, "DUR", NULL, "log: time spent (5m, 1h, or minutes)"},
    {"direction", 0, CRM_OPT_ARG, "DIR", "in|out", "log: in (from the customer) or out"},
    {"place", 0, CRM_OPT_ARG, "TEXT", NULL, "log: where (meeting, visit)"},
    {"subject", 0, CRM_OPT_ARG, "TEXT", NULL, "log: subject (the text then becomes the body)"},
    {"at", 0, CRM_OPT_ARG, "WHEN", NULL, "log: when it happened (default: now)"},
    {"skip-bad", 0, CRM_OPT_FLAG, NULL, NULL, "import-mail: report malformed messages and go on"},
    {NULL, 0, 0, NULL, NULL, NULL},
};

const struct crm_verb crm_activity_verbs[] = {
    {"log", "KIND [FIELD=VALUE...] [TEXT...]", "record an interaction quickly; prints it", log_opts,
     verb_log, CRM_DB_WRITE, 0},
    {"timeline", "", "everything that happened, newest first", timeline_opts, verb_timeline,
     CRM_DB_READ, 0},
    {"import-mail", "[MBOX|MAILDIR|-]", "one email activity per message and matched contact",
     mail_opts, crm_activity_import_mail, CRM_DB_WRITE, 0},
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};
