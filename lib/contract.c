/*
 * contract.c - the verbs of crm-contract beyond the generic ones: add (with
 * a number given by crm), expiring (for cron) and renew.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "entity.h"
#include "service.h"
#include "value.h"

static const struct crm_sval *rec_val(const struct crm_tool *t, const struct crm_rec *r,
                                      const char *name)
{
    const struct crm_field *f = crm_ent_field(&t->ent, name);
    return f ? &r->v[f - t->ent.fields] : NULL;
}

int crm_contract_check(struct crm_tool *t, const struct crm_rec *r, const struct crm_rec *given)
{
    (void)given;
    const struct crm_sval *s = rec_val(t, r, "start_date"), *e = rec_val(t, r, "end_date");
    if (s && e && s->kind == CRM_SV_TEXT && e->kind == CRM_SV_TEXT &&
        strcmp(crm_buf_str(&e->s), crm_buf_str(&s->s)) < 0)
        return crm_err_set(&t->err, CRM_DATAERR, "end_date: %s is before start_date %s",
                           crm_buf_str(&e->s), crm_buf_str(&s->s));
    const struct crm_sval *nd = rec_val(t, r, "notice_days");
    if (nd && nd->kind == CRM_SV_INT && nd->i < 0)
        return crm_err_set(&t->err, CRM_DATAERR, "notice_days: must not be negative");
    return CRM_OK;
}


int crm_svc_add_numbered(struct crm_tool *t, const char *series, const char *prefix, int64_t *id)
{
    struct crm_rec r;
    int rc = CRM_OK;
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE, "nothing to add: give FIELD=VALUE arguments");
    crm_rec_init(&r, t->ent.nfields);
    for (size_t i = 0; i < t->npos && rc == CRM_OK; i++)
        rc = crm_rec_assign(t, &r, NULL, t->pos[i]);
    const struct crm_field *nf = crm_ent_field(&t->ent, "number");
    size_t ni = (size_t)(nf - t->ent.fields);
    if (rc == CRM_OK && (!r.set[ni] || r.v[ni].kind == CRM_SV_NULL)) {
        char number[32];
        if ((rc = crm_svc_next_number(t, series, prefix, t->def->table, number, sizeof number)) ==
            CRM_OK)
            rc = crm_rec_set(t, &r, nf, number, NULL);
    }
    if (rc == CRM_OK)
        rc = crm_rec_insert(t, &r, id);
    crm_rec_free(&r);
    return rc;
}

static int verb_add(struct crm_tool *t)
{
    int64_t id;
    int rc = crm_svc_add_numbered(t, "contract", "C", &id);
    if (rc == CRM_OK)
        rc = crm_entity_show_ids(t, &id, 1);
    return rc;
}

static int date_add_term(const char *date, const char *term, char out[11], struct crm_err *err);

static int verb_expiring(struct crm_tool *t)
{
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "expiring takes no arguments (use --within)");
    const char *within = crm_args_get(&t->args, "within");
    char today[11], until[11], rel[32];
    if (crm_value_parse_date("today", t->ctx.now, today, &t->err))
        return CRM_SOFTWARE;
    size_t wl = within ? strlen(within) : 0;
    if (wl && within[wl - 1] == 'y') {
        if (date_add_term(today, within, until, &t->err))
            return crm_err_set(&t->err, CRM_USAGE,
                               "--within: expected a duration such as 30d or 1y, got '%s'", within);
    } else {
        int64_t secs = 30 * 86400;
        if (within && crm_value_parse_duration(within, &secs, &t->err))
            return crm_err_set(&t->err, CRM_USAGE,
                               "--within: expected a duration such as 30d or 1y, got '%s'", within);
        snprintf(rel, sizeof rel, "+%" PRId64 "d", secs / 86400);
        if (crm_value_parse_date(rel, t->ctx.now, until, &t->err))
            return CRM_SOFTWARE;
    }
    /* Active contracts that end within the window, or whose notice date
     * is today or past (they may end later, but must be decided on now). */
    struct crm_sql cond = CRM_SQL_INIT;
    crm_sql_add(&cond, "contract.status = 'active' AND contract.end_date IS NOT NULL AND "
                       "(contract.end_date <= ");
    crm_sql_bind_text(&cond, until);
    crm_sql_add(&cond, " OR date(contract.end_date, '-' || coalesce(contract.notice_days, 0) || "
                       "' days') <= ");
    crm_sql_bind_text(&cond, today);
    crm_sql_add(&cond, ")");
    crm_args_default(&t->args, "sort", "end_date");
    int rc = crm_entity_print(t, &cond, 0);
    crm_sql_free(&cond);
    return rc;
}

/* date + n years/months/weeks/days ("1y", "6m", "2w", "30d"); months clamp
 * to the month's last day. */
static int date_add_term(const char *date, const char *term, char out[11], struct crm_err *err)
{
    char *end;
    long n = strtol(term, &end, 10);
    if (end == term || n <= 0 || n > 100 || !strchr("ymwd", *end) || end[0] == 0 || end[1])
        return crm_err_set(err, CRM_USAGE, "--term: expected a term such as 1y, 6m, 2w or 30d, got '%s'",
                           term);
    struct tm tm = {0};
    if (sscanf(date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
        return crm_err_set(err, CRM_DATAERR, "bad date '%s'", date);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    if (*end == 'y' || *end == 'm') {
        int months = (int)(*end == 'y' ? n * 12 : n);
        int mday = tm.tm_mday;
        tm.tm_mon += months;
        tm.tm_mday = 1;
        time_t t1 = timegm(&tm);
        gmtime_r(&t1, &tm);
        static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int y = tm.tm_year + 1900;
        int last = mdays[tm.tm_mon] + (tm.tm_mon == 1 && ((y % 4 == 0 && y % 100) || y % 400 == 0));
        tm.tm_mday = mday > last ? last : mday;
    } else {
        tm.tm_mday += (int)(*end == 'w' ? n * 7 : n);
    }
    time_t t2 = timegm(&tm);
    gmtime_r(&t2, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
    return CRM_OK;
}

static int date_plus_days(const char *date, int days, char out[11])
{
    struct tm tm = {0};
    if (sscanf(date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_mday += days;
    time_t t1 = timegm(&tm);
    gmtime_r(&t1, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
    return 0;
}

static const char *const renew_copy[] = {"account",     "kind",   "level", "products",
                                         "value",       "billing_period", "renewal",
                                         "notice_days", "owner",  "notes", NULL};

static int verb_renew(struct crm_tool *t)
{
    if (t->npos != 1)
        return crm_err_set(&t->err, CRM_USAGE, "usage: renew ID [--term 1y]");
    int64_t old_id, id, other;
    int rc = crm_svc_record_id(t, t->pos[0], &old_id), found;
    if (rc)
        return rc;
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "SELECT id FROM contract WHERE previous_id = ");
    crm_sql_bind_int(&q, old_id);
    rc = crm_db_scalar_int(t->db, &q, &other, &found, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    if (found)
        return crm_err_set(&t->err, CRM_DATAERR,
                           "contract %" PRId64 " was renewed already by contract %" PRId64
                           "; renew that one",
                           old_id, other);
    struct crm_rec old, r;
    crm_rec_init(&old, t->ent.nfields);
    crm_rec_init(&r, t->ent.nfields);
    if ((rc = crm_rec_load(t, old_id, &old)) < 0) {
        rc = -rc;
        goto out;
    }
    rc = CRM_OK;
    struct crm_buf disp = CRM_BUF_INIT;
    for (size_t k = 0; renew_copy[k] && rc == CRM_OK; k++) {
        const struct crm_field *f = crm_ent_field(&t->ent, renew_copy[k]);
        size_t i = (size_t)(f - t->ent.fields);
        r.set[i] = 1;
        r.v[i].kind = old.v[i].kind;
        r.v[i].i = old.v[i].i;
        crm_buf_puts(&r.v[i].s, crm_buf_str(&old.v[i].s));
    }
    crm_buf_free(&disp);
    /* The new term starts the day after the old one ends (today when it
     * had no end) and runs --term (default: 1y). */
    const struct crm_sval *oe = rec_val(t, &old, "end_date");
    char start[11], next_end[11], today[11];
    crm_value_parse_date("today", t->ctx.now, today, &t->err);
    if (oe->kind == CRM_SV_TEXT)
        date_plus_days(crm_buf_str(&oe->s), 1, start);
    else
        memcpy(start, today, sizeof start);
    const char *term = crm_args_get(&t->args, "term");
    if ((rc = date_add_term(start, term ? term : "1y", next_end, &t->err)))
        goto out;
    date_plus_days(next_end, -1, next_end);
    char prev[32], number[32];
    snprintf(prev, sizeof prev, "%" PRId64, old_id);
    if ((rc = crm_rec_set(t, &r, crm_ent_field(&t->ent, "start_date"), start, NULL)) ||
        (rc = crm_rec_set(t, &r, crm_ent_field(&t->ent, "end_date"), next_end, NULL)) ||
        (rc = crm_rec_set(t, &r, crm_ent_field(&t->ent, "previous"), prev, NULL)) ||
        (rc = crm_rec_set(t, &r, crm_ent_field(&t->ent, "status"), "active", NULL)) ||
        (rc = crm_svc_next_number(t, "contract", "C", "contract", number, sizeof number)) ||
        (rc = crm_rec_set(t, &r, crm_ent_field(&t->ent, "number"), number, NULL)) ||
        (rc = crm_rec_insert(t, &r, &id)))
        goto out;
    /* The old one is over once its end has passed. */
    if (oe->kind == CRM_SV_TEXT && strcmp(crm_buf_str(&oe->s), today) < 0) {
        const char *names[] = {"status"}, *vals[] = {"expired"};
        rc = crm_svc_change(t, old_id, names, vals, 1);
    }
    if (rc == CRM_OK)
        rc = crm_entity_show_ids(t, &id, 1);
out:
    crm_rec_free(&old);
    crm_rec_free(&r);
    return rc;
}

static const char *const add_opts[] = {"safe-csv", NULL};
static const char *const expiring_opts[] = {"within", "safe-csv", NULL};
static const char *const renew_opts[] = {"term", "safe-csv", NULL};

const struct crm_opt crm_contract_opts[] = {
    {"within", 0, CRM_OPT_ARG, "DURATION", NULL,
     "expiring: contracts ending within DURATION (default 30d)"},
    {"term", 0, CRM_OPT_ARG, "TERM", "1y|6m|3m|1m", "renew: length of the new term (default 1y)"},
    {NULL, 0, 0, NULL, NULL, NULL},
};

const struct crm_verb crm_contract_verbs[] = {
    {"add", "FIELD=VALUE...", "create a contract (number: the next C-NNNNNN); prints it", add_opts,
     verb_add, CRM_DB_WRITE, 0},
    {"expiring", "", "active contracts ending within --within, or past their notice date",
     expiring_opts, verb_expiring, CRM_DB_READ, 0},
    {"renew", "ID", "a new version of the contract for the next --term, linked to the old",
     renew_opts, verb_renew, CRM_DB_WRITE, 0},
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};
