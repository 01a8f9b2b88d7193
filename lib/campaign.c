/*
 * campaign.c - the verbs of crm-campaign beyond the generic ones: members,
 * respond and mailing-list (rules in marketing.h and crm-campaign(1)).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "input.h"
#include "marketing.h"
#include "money.h"
#include "service.h"
#include "sha256.h"
#include "value.h"

static const char *const member_statuses[] = {"targeted",  "sent",      "opened",
                                              "clicked",   "responded", "converted",
                                              "bounced",   "unsubscribed", "failed", NULL};

static int is_member_status(const char *s)
{
    for (size_t i = 0; member_statuses[i]; i++)
        if (strcmp(member_statuses[i], s) == 0)
            return 1;
    return 0;
}

static int campaign_id(struct crm_tool *t, const char *name, int64_t *id)
{
    struct crm_field ref = {"campaign", CRM_T_REF, 0, NULL, NULL, "campaign", NULL, 0, NULL, NULL};
    int rc = crm_ref_resolve(t, &ref, name, id);
    if (rc == CRM_DATAERR)
        return crm_err_set(&t->err, CRM_NOTFOUND, "no campaign '%s' (see crm-campaign list)", name);
    return rc;
}

/* Print the rows of q, every column as text. */
static int print_rows(struct crm_tool *t, const struct crm_sql *q, const struct crm_col *cols,
                      size_t n)
{
    struct crm_stmt *st;
    int rc = crm_db_query(t->db, q, &st, &t->err);
    if (rc)
        return rc;
    struct crm_out *o = crm_tool_out(t, cols, n);
    const char **vals = crm_xcalloc(n, sizeof *vals);
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        for (size_t i = 0; i < n; i++)
            vals[i] = crm_stmt_text(st, (int)i);
        if ((rc = crm_out_row(o, vals, &t->err)))
            break;
    }
    free(vals);
    if (rc < 0)
        rc = -rc;
    if (rc == CRM_OK)
        rc = crm_out_end(o, &t->err);
    else
        crm_out_free(o);
    return rc;
}

/* Set a member's status (when it changes) and log it; *changed 1 if it did. */
static int member_set(struct crm_tool *t, int64_t cid, int64_t contact, const char *status,
                      const char *at, const char *source, int *changed)
{
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "UPDATE campaign_member SET status = ");
    crm_sql_bind_text(&q, status);
    crm_sql_add(&q, ", updated_at = ");
    crm_sql_bind_text(&q, at);
    crm_sql_add(&q, " WHERE campaign_id = ");
    crm_sql_bind_int(&q, cid);
    crm_sql_add(&q, " AND contact_id = ");
    crm_sql_bind_int(&q, contact);
    crm_sql_add(&q, " AND status <> ");
    crm_sql_bind_text(&q, status);
    int rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    *changed = rc == CRM_OK && crm_db_changes(t->db) > 0;
    if (rc || !*changed)
        return rc;
    crm_sql_add(&q, "INSERT INTO campaign_member_log (campaign_id, contact_id, status, at, source) "
                    "VALUES (");
    crm_sql_bind_int(&q, cid);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, contact);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, status);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, at);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, source);
    crm_sql_add(&q, ")");
    rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    return rc;
}

static int exists(struct crm_tool *t, struct crm_sql *q, int *found)
{
    int64_t one;
    int rc = crm_db_scalar_int(t->db, q, &one, found, &t->err);
    crm_sql_free(q);
    return rc;
}

/* ---- members ------------------------------------------------------------------ */

static const struct crm_col member_cols[] = {
    {"id", CRM_COL_NUMBER},      {"first_name", CRM_COL_TEXT}, {"last_name", CRM_COL_TEXT},
    {"email", CRM_COL_TEXT},     {"status", CRM_COL_TEXT},     {"updated_at", CRM_COL_TEXT},
};

static const struct crm_col log_cols[] = {
    {"id", CRM_COL_NUMBER}, {"email", CRM_COL_TEXT}, {"status", CRM_COL_TEXT},
    {"at", CRM_COL_TEXT},   {"source", CRM_COL_TEXT},
};

static int members_add(struct crm_tool *t, int64_t cid, const char *now)
{
    int64_t *ids;
    size_t n;
    const char *seg = crm_args_get(&t->args, "segment");
    if ((t->npos < 3) == !seg)
        return crm_err_set(&t->err, CRM_USAGE,
                           "members add NAME ID...|- or members add NAME --segment S: which "
                           "contacts?");
    int rc;
    if (seg) {
        const struct crm_ent *ent = crm_tool_related(t, "contact");
        if (!ent)
            return crm_err_set(&t->err, CRM_SOFTWARE, "cannot load the fields of contacts");
        rc = crm_segment_ids(t, seg, ent, &ids, &n);
    } else {
        rc = crm_entity_collect_ids(t, 2, t->npos, &ids, &n);
    }
    if (rc)
        return rc;
    size_t added = 0, missing = 0;
    for (size_t i = 0; i < n && rc == CRM_OK; i++) {
        struct crm_sql q = CRM_SQL_INIT;
        int found;
        crm_sql_add(&q, "SELECT 1 FROM contact WHERE id = ");
        crm_sql_bind_int(&q, ids[i]);
        if ((rc = exists(t, &q, &found)))
            break;
        if (!found) {
            if (!missing)
                crm_err_set(&t->err, CRM_DATAERR,
                            "contact %" PRId64 " (item %zu of the list) does not exist: nothing added",
                            ids[i], i + 1);
            missing++;
            continue;
        }
        crm_sql_add(&q, "INSERT OR IGNORE INTO campaign_member (campaign_id, contact_id, status, "
                        "added_at, updated_at) VALUES (");
        crm_sql_bind_int(&q, cid);
        crm_sql_add(&q, ", ");
        crm_sql_bind_int(&q, ids[i]);
        crm_sql_add(&q, ", 'targeted', ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, ")");
        rc = crm_db_exec(t->db, &q, &t->err);
        crm_sql_free(&q);
        if (rc || crm_db_changes(t->db) == 0)
            continue;
        added++;
        crm_sql_add(&q, "INSERT INTO campaign_member_log (campaign_id, contact_id, status, at, "
                        "source) VALUES (");
        crm_sql_bind_int(&q, cid);
        crm_sql_add(&q, ", ");
        crm_sql_bind_int(&q, ids[i]);
        crm_sql_add(&q, ", 'targeted', ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, ", 'members add')");
        rc = crm_db_exec(t->db, &q, &t->err);
        crm_sql_free(&q);
    }
    free(ids);
    if (rc == CRM_OK && missing)
        return CRM_DATAERR;
    if (rc == CRM_OK)
        crm_tool_note(t, "%zu added, %zu already members", added, n - added);
    return rc;
}

static int members_remove(struct crm_tool *t, int64_t cid)
{
    int64_t *ids;
    size_t n;
    if (t->npos < 3)
        return crm_err_set(&t->err, CRM_USAGE, "members remove NAME ID...|-: which contacts?");
    int rc = crm_entity_collect_ids(t, 2, t->npos, &ids, &n);
    size_t removed = 0;
    for (size_t i = 0; rc == CRM_OK && i < n; i++) {
        struct crm_sql q = CRM_SQL_INIT;
        crm_sql_add(&q, "DELETE FROM campaign_member WHERE campaign_id = ");
        crm_sql_bind_int(&q, cid);
        crm_sql_add(&q, " AND contact_id = ");
        crm_sql_bind_int(&q, ids[i]);
        rc = crm_db_exec(t->db, &q, &t->err);
        crm_sql_free(&q);
        removed += rc == CRM_OK && crm_db_changes(t->db) > 0;
    }
    if (rc == CRM_OK)
        crm_tool_note(t, "%zu removed", removed);
    free(ids);
    return rc;
}

static int verb_members(struct crm_tool *t)
{
    const char *sub = t->npos ? t->pos[0] : "";
    if (t->npos < 2 || (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "remove") &&
                        strcmp(sub, "log")))
        return crm_err_set(&t->err, CRM_USAGE,
                           "usage: %s members add|remove NAME ID...|- | list NAME [--status S] | "
                           "log NAME",
                           t->prog);
    int64_t cid;
    int rc = campaign_id(t, t->pos[1], &cid);
    if (rc)
        return rc;
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    if (strcmp(sub, "add") == 0)
        return members_add(t, cid, now);
    if (strcmp(sub, "remove") == 0)
        return members_remove(t, cid);
    if (t->npos != 2)
        return crm_err_set(&t->err, CRM_USAGE, "members %s takes one campaign", sub);
    struct crm_sql q = CRM_SQL_INIT;
    if (strcmp(sub, "log") == 0) {
        crm_sql_add(&q, "SELECT l.contact_id, c.email, l.status, l.at, l.source FROM "
                        "campaign_member_log l JOIN contact c ON c.id = l.contact_id WHERE "
                        "l.campaign_id = ");
        crm_sql_bind_int(&q, cid);
        crm_sql_add(&q, " ORDER BY l.id");
        rc = print_rows(t, &q, log_cols, sizeof log_cols / sizeof *log_cols);
        crm_sql_free(&q);
        return rc;
    }
    const char *status = crm_args_get(&t->args, "status");
    if (status && !is_member_status(status))
        return crm_err_set(&t->err, CRM_USAGE,
                           "--status: '%s' is no member status (targeted, sent, opened, clicked, "
                           "responded, converted, bounced, unsubscribed, failed)",
                           status);
    crm_sql_add(&q, "SELECT c.id, c.first_name, c.last_name, c.email, m.status, m.updated_at FROM "
                    "campaign_member m JOIN contact c ON c.id = m.contact_id WHERE m.campaign_id = ");
    crm_sql_bind_int(&q, cid);
    if (status) {
        crm_sql_add(&q, " AND m.status = ");
        crm_sql_bind_text(&q, status);
    }
    crm_sql_add(&q, " ORDER BY c.id");
    rc = print_rows(t, &q, member_cols, sizeof member_cols / sizeof *member_cols);
    crm_sql_free(&q);
    return rc;
}

/* ---- respond ------------------------------------------------------------------ */

static const char *rec_get(const struct crm_record_in *r, const char *key)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->keys[i], key) == 0)
            return r->vals[i];
    return NULL;
}

/* One response: email, status, time (optional). */
static int respond_one(struct crm_tool *t, int64_t cid, const struct crm_record_in *r,
                       const char *campaign, size_t *changed)
{
    const char *email = rec_get(r, "email"), *status = rec_get(r, "status"),
               *time = rec_get(r, "time");
    if (!email || !*email)
        return crm_err_set(&t->err, CRM_DATAERR, "stdin:%zu: no email", r->line);
    if (!status || !is_member_status(status))
        return crm_err_set(&t->err, CRM_DATAERR,
                           "stdin:%zu: '%s' is no member status (targeted, sent, opened, clicked, "
                           "responded, converted, bounced, unsubscribed, failed)",
                           r->line, status ? status : "");
    char at[21];
    struct crm_err e = {0};
    if (time && *time) {
        if (crm_value_parse_datetime(time, t->ctx.now, at, &e)) {
            int rc = crm_err_set(&t->err, CRM_DATAERR, "stdin:%zu: time: %s", r->line, e.msg);
            return rc;
        }
    } else {
        crm_value_epoch_datetime(t->ctx.now, at);
    }
    struct crm_buf norm = CRM_BUF_INIT, key = CRM_BUF_INIT;
    int rc = CRM_OK;
    if (crm_value_parse_email(email, &norm, &key, &e)) {
        rc = crm_err_set(&t->err, CRM_DATAERR, "stdin:%zu: '%s' is no valid email address",
                         r->line, email);
    } else {
        struct crm_sql q = CRM_SQL_INIT;
        int64_t contact;
        int found;
        crm_sql_add(&q, "SELECT m.contact_id FROM campaign_member m JOIN contact c ON c.id = "
                        "m.contact_id WHERE m.campaign_id = ");
        crm_sql_bind_int(&q, cid);
        crm_sql_add(&q, " AND c.email_key = ");
        crm_sql_bind_text(&q, crm_buf_str(&key));
        rc = crm_db_scalar_int(t->db, &q, &contact, &found, &t->err);
        crm_sql_free(&q);
        if (rc == CRM_OK && !found)
            rc = crm_err_set(&t->err, CRM_DATAERR, "stdin:%zu: %s is not a member of campaign %s",
                             r->line, email, campaign);
        int ch = 0;
        if (rc == CRM_OK)
            rc = member_set(t, cid, contact, status, at, "respond", &ch);
        *changed += (size_t)ch;
        /* Nobody who unsubscribed or bounced is mailed again, by any list. */
        if (rc == CRM_OK && (strcmp(status, "unsubscribed") == 0 || strcmp(status, "bounced") == 0)) {
            struct crm_buf src = CRM_BUF_INIT;
            crm_buf_printf(&src, "campaign %s", campaign);
            rc = crm_suppress_put(t, crm_buf_str(&key), status, crm_buf_str(&src), at);
            crm_buf_free(&src);
        }
    }
    crm_buf_free(&norm);
    crm_buf_free(&key);
    return rc;
}

static int verb_respond(struct crm_tool *t)
{
    if (t->npos != 2 || strcmp(t->pos[1], "-") != 0)
        return crm_err_set(&t->err, CRM_USAGE, "usage: %s respond NAME - (CSV: email,status,time)",
                           t->prog);
    int64_t cid;
    int rc = campaign_id(t, t->pos[0], &cid);
    if (rc)
        return rc;
    struct crm_input *in = NULL;
    struct crm_record_in rec;
    size_t n = 0, changed = 0;
    rc = crm_input_open(&in, stdin, "-", CRM_IN_AUTO, 0, &t->err);
    while (rc == CRM_OK) {
        int got = crm_input_next(in, &rec, &t->err);
        if (got <= 0) {
            rc = -got;
            break;
        }
        n++;
        rc = respond_one(t, cid, &rec, t->pos[0], &changed);
    }
    if (in)
        crm_input_close(in);
    if (rc == CRM_OK)
        crm_tool_note(t, "%zu responses, %zu status changes", n, changed);
    return rc;
}

/* ---- mailing-list -------------------------------------------------------------- */

enum reason { R_NO_EMAIL, R_INVALID, R_DUPLICATE, R_OPT_OUT, R_SUPPRESSED, R_BOUNCED, R_ERASED,
              R_FREQ, R_N };
static const char *const reason_names[R_N] = {"no_email", "invalid",    "duplicate",
                                              "email_opt_out", "suppressed", "bounced",
                                              "erased",   "frequency_cap"};

/* A set of strings (the keys seen), open addressing. */
struct strset {
    char **v;
    size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* 1 when s was there already, else adds it. */
static int strset_add(struct strset *set, const char *s)
{
    if (set->n * 2 >= set->cap) {
        struct strset big = {crm_xcalloc(set->cap ? set->cap * 2 : 1024, sizeof(char *)),
                             set->cap ? set->cap * 2 : 1024, 0};
        for (size_t i = 0; i < set->cap; i++)
            if (set->v[i])
                strset_add(&big, set->v[i]), free(set->v[i]);
        free(set->v);
        *set = big;
    }
    size_t i = hash_str(s) & (set->cap - 1);
    while (set->v[i]) {
        if (strcmp(set->v[i], s) == 0)
            return 1;
        i = (i + 1) & (set->cap - 1);
    }
    set->v[i] = crm_xstrdup(s);
    set->n++;
    return 0;
}

static void strset_free(struct strset *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->v[i]);
    free(set->v);
}

/* "2/30d" -> 2 and 30 days in seconds. */
static int parse_max_per(struct crm_tool *t, const char *s, int64_t *max, int64_t *secs)
{
    char *end;
    long long n = strtoll(s, &end, 10);
    struct crm_err e = {0};
    if (end == s || *end != '/' || n < 1 || crm_value_parse_duration(end + 1, secs, &e))
        return crm_err_set(&t->err, CRM_USAGE,
                           "--max-per: '%s' is not N/PERIOD (e.g. 2/30d: at most 2 mailings in "
                           "30 days)",
                           s);
    *max = n;
    return CRM_OK;
}

struct ml {
    struct crm_tool *t;
    int64_t cid, max, per;
    char since[21], now[21];
    size_t counts[R_N], sent, marked;
    struct strset seen;
    FILE *excluded;
};

static int classify(struct ml *m, int64_t contact, const char *email, int opt_out, int bounced,
                    struct crm_buf *key, int *reason)
{
    struct crm_tool *t = m->t;
    struct crm_buf norm = CRM_BUF_INIT;
    struct crm_err e = {0};
    int rc = CRM_OK;
    *reason = -1;
    crm_buf_reset(key);
    if (!email || !*email) {
        *reason = R_NO_EMAIL;
    } else if (crm_value_parse_email(email, &norm, key, &e)) {
        *reason = R_INVALID;
    } else if (strset_add(&m->seen, crm_buf_str(key))) {
        *reason = R_DUPLICATE;
    } else if (opt_out) {
        *reason = R_OPT_OUT;
    } else {
        const char *why = NULL;
        if (bounced) {
            *reason = R_BOUNCED;
        } else if ((rc = -crm_suppress_check(t, crm_buf_str(key), &why)) == CRM_OK && why) {
            *reason = strcmp(why, "erased") == 0 ? R_ERASED : R_SUPPRESSED;
        } else if (rc == CRM_OK && m->max) {
            struct crm_sql q = CRM_SQL_INIT;
            int64_t cnt;
            int found;
            crm_sql_add(&q, "SELECT count(*) FROM campaign_mailing WHERE email_key = ");
            crm_sql_bind_text(&q, crm_buf_str(key));
            crm_sql_add(&q, " AND campaign_id <> ");
            crm_sql_bind_int(&q, m->cid);
            crm_sql_add(&q, " AND sent_at > ");
            crm_sql_bind_text(&q, m->since);
            rc = crm_db_scalar_int(t->db, &q, &cnt, &found, &t->err);
            crm_sql_free(&q);
            if (rc == CRM_OK && cnt >= m->max)
                *reason = R_FREQ;
        }
    }
    (void)contact;
    crm_buf_free(&norm);
    return rc;
}

static int mark_sent(struct ml *m, int64_t contact, const char *key)
{
    struct crm_tool *t = m->t;
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "INSERT OR IGNORE INTO campaign_mailing (campaign_id, contact_id, email_key, "
                    "sent_at) VALUES (");
    crm_sql_bind_int(&q, m->cid);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, contact);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, key);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, m->now);
    crm_sql_add(&q, ")");
    int rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    if (rc || crm_db_changes(t->db) == 0)
        return rc;
    m->marked++;
    /* Only a member not yet further along becomes "sent". */
    crm_sql_add(&q, "SELECT 1 FROM campaign_member WHERE status = 'targeted' AND campaign_id = ");
    crm_sql_bind_int(&q, m->cid);
    crm_sql_add(&q, " AND contact_id = ");
    crm_sql_bind_int(&q, contact);
    int found, ch;
    if ((rc = exists(t, &q, &found)) == CRM_OK && found)
        rc = member_set(t, m->cid, contact, "sent", m->now, "mailing-list --mark-sent", &ch);
    return rc;
}

static const char *const ml_default_fields[] = {"email", "first_name", "last_name"};
static const char *const ml_allowed[] = {"id", "email", "first_name", "last_name", "title",
                                         "department", "account_name", "phone", "mobile", NULL};

static int verb_mailing_list(struct crm_tool *t)
{
    if (t->npos != 1)
        return crm_err_set(&t->err, CRM_USAGE, "usage: %s mailing-list NAME", t->prog);
    struct ml m = {.t = t};
    int rc = campaign_id(t, t->pos[0], &m.cid);
    if (rc)
        return rc;
    const char *mp = crm_args_get(&t->args, "max-per");
    if (mp && (rc = parse_max_per(t, mp, &m.max, &m.per)))
        return rc;
    crm_value_epoch_datetime(t->ctx.now, m.now);
    crm_value_epoch_datetime(t->ctx.now - m.per, m.since);
    /* The columns to print. */
    const char *fl = crm_args_get(&t->args, "fields");
    char *fcopy = crm_xstrdup(fl ? fl : "email,first_name,last_name");
    const char *fields[16];
    size_t nf = 0;
    for (char *save = NULL, *f = strtok_r(fcopy, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
        int ok = 0;
        for (size_t i = 0; ml_allowed[i]; i++)
            ok |= strcmp(ml_allowed[i], f) == 0;
        if (!ok || nf == 16) {
            rc = crm_err_set(&t->err, CRM_USAGE,
                             "--fields: '%s' is not one of id, email, first_name, last_name, "
                             "title, department, account_name, phone, mobile",
                             f);
            free(fcopy);
            return rc;
        }
        fields[nf++] = f;
    }
    (void)ml_default_fields;
    const char *exfile = crm_args_get(&t->args, "excluded");
    if (exfile && !(m.excluded = fopen(exfile, "w"))) {
        free(fcopy);
        return crm_err_set(&t->err, CRM_CANTCREAT, "--excluded: cannot create %s", exfile);
    }
    if (m.excluded)
        fputs("email,contact,reason\n", m.excluded);
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "SELECT contact.id, contact.email, contact.email_opt_out, EXISTS (SELECT 1 "
                    "FROM campaign_member b WHERE b.contact_id = contact.id AND b.status = "
                    "'bounced')");
    for (size_t i = 0; i < nf; i++) {
        if (strcmp(fields[i], "account_name") == 0)
            crm_sql_add(&q, ", (SELECT a.name FROM account a WHERE a.id = contact.account_id)");
        else
            crm_sql_addf(&q, ", contact.%s", fields[i]);
    }
    /* The members, or the records of a segment of contacts. */
    const char *seg = crm_args_get(&t->args, "segment");
    crm_sql_add(&q, " FROM contact WHERE ");
    if (seg) {
        const struct crm_ent *cent = crm_tool_related(t, "contact");
        rc = cent ? crm_segment_cond(t, seg, cent, &q)
                  : crm_err_set(&t->err, CRM_SOFTWARE, "cannot load the fields of contacts");
    } else {
        crm_sql_add(&q, "contact.id IN (SELECT contact_id FROM campaign_member WHERE campaign_id = ");
        crm_sql_bind_int(&q, m.cid);
        crm_sql_add(&q, ")");
    }
    crm_sql_add(&q, " ORDER BY contact.id");
    struct crm_col cols[16];
    for (size_t i = 0; i < nf; i++)
        cols[i] = (struct crm_col){fields[i], strcmp(fields[i], "id") ? CRM_COL_TEXT : CRM_COL_NUMBER};
    /* Collect the recipients first: the checks run queries of their own. */
    struct crm_stmt *st;
    struct crm_buf key = CRM_BUF_INIT;
    char **rows = NULL, **keys = NULL;
    int64_t *ids = NULL;
    size_t nrows = 0, cap = 0;
    struct {
        int64_t id;
        char *email;
        int opt_out, bounced;
        char **vals;
    } *cand = NULL;
    size_t ncand = 0, ccap = 0;
    if (rc == CRM_OK)
        rc = crm_db_query(t->db, &q, &st, &t->err);
    while (rc == CRM_OK) {
        int got = crm_stmt_step(st, &t->err);
        if (got <= 0) {
            rc = -got;
            break;
        }
        if (ncand == ccap) {
            ccap = ccap ? ccap * 2 : 64;
            cand = crm_xrealloc(cand, ccap * sizeof *cand);
        }
        const char *em = crm_stmt_text(st, 1);
        cand[ncand].id = crm_stmt_int(st, 0);
        cand[ncand].email = em ? crm_xstrdup(em) : NULL;
        cand[ncand].opt_out = (int)crm_stmt_int(st, 2);
        cand[ncand].bounced = (int)crm_stmt_int(st, 3);
        cand[ncand].vals = crm_xcalloc(nf ? nf : 1, sizeof(char *));
        for (size_t i = 0; i < nf; i++) {
            const char *v = crm_stmt_text(st, (int)(4 + i));
            cand[ncand].vals[i] = v ? crm_xstrdup(v) : NULL;
        }
        ncand++;
    }
    crm_sql_free(&q);
    (void)rows;
    (void)keys;
    (void)ids;
    (void)nrows;
    (void)cap;
    struct crm_out *o = NULL;
    if (rc == CRM_OK)
        o = crm_tool_out(t, cols, nf);
    int mark = crm_args_get(&t->args, "mark-sent") != NULL;
    for (size_t k = 0; k < ncand && rc == CRM_OK; k++) {
        int reason;
        rc = classify(&m, cand[k].id, cand[k].email, cand[k].opt_out, cand[k].bounced, &key,
                      &reason);
        if (rc)
            break;
        if (reason >= 0) {
            m.counts[reason]++;
            if (m.excluded) {
                fputc('"', m.excluded);
                for (const char *p = cand[k].email ? cand[k].email : ""; *p; p++) {
                    if (*p == '"')
                        fputc('"', m.excluded);
                    fputc(*p, m.excluded);
                }
                fprintf(m.excluded, "\",%" PRId64 ",%s\n", cand[k].id, reason_names[reason]);
            }
            continue;
        }
        m.sent++;
        if ((rc = crm_out_row(o, (const char *const *)cand[k].vals, &t->err)))
            break;
        if (mark)
            rc = mark_sent(&m, cand[k].id, crm_buf_str(&key));
    }
    if (o) {
        if (rc == CRM_OK)
            rc = crm_out_end(o, &t->err);
        else
            crm_out_free(o);
    }
    for (size_t k = 0; k < ncand; k++) {
        for (size_t i = 0; i < nf; i++)
            free(cand[k].vals[i]);
        free(cand[k].vals);
        free(cand[k].email);
    }
    free(cand);
    if (m.excluded && fclose(m.excluded) != 0 && rc == CRM_OK)
        rc = crm_err_set(&t->err, CRM_IOERR, "--excluded: cannot write %s", exfile);
    if (rc == CRM_OK && crm_args_get(&t->args, "report")) {
        size_t total = m.sent;
        for (int i = 0; i < R_N; i++)
            total += m.counts[i];
        crm_tool_note(t, "members %zu", total);
        for (int i = 0; i < R_N; i++)
            crm_tool_note(t, "excluded %s %zu", reason_names[i], m.counts[i]);
        crm_tool_note(t, "recipients %zu", m.sent);
        if (mark)
            crm_tool_note(t, "marked sent %zu", m.marked);
    }
    crm_buf_free(&key);
    strset_free(&m.seen);
    free(fcopy);
    return rc;
}

/* ---- costs -------------------------------------------------------------------- */

static const struct crm_col cost_cols[] = {
    {"id", CRM_COL_NUMBER}, {"amount", CRM_COL_NUMBER}, {"note", CRM_COL_TEXT},
    {"at", CRM_COL_TEXT},   {"user", CRM_COL_TEXT},
};

/* cost add NAME AMOUNT [--note TEXT]: book a cost and add it to actual_cost
 * (changed with history); cost list NAME. */
static int verb_cost(struct crm_tool *t)
{
    const char *sub = t->npos ? t->pos[0] : "";
    int add = strcmp(sub, "add") == 0 && t->npos == 3, list = strcmp(sub, "list") == 0 && t->npos == 2;
    if (!add && !list)
        return crm_err_set(&t->err, CRM_USAGE, "usage: %s cost add NAME AMOUNT [--note TEXT] | list NAME",
                           t->prog);
    int64_t cid;
    int rc = campaign_id(t, t->pos[1], &cid);
    if (rc)
        return rc;
    struct crm_sql q = CRM_SQL_INIT;
    if (list) {
        /* Amounts in the currency's minor unit, shown as decimals. */
        crm_sql_add(&q, "SELECT id, printf('%d.%02d', amount / 100, abs(amount) % 100), note, at, "
                        "user FROM campaign_cost WHERE campaign_id = ");
        crm_sql_bind_int(&q, cid);
        crm_sql_add(&q, " ORDER BY id");
        rc = print_rows(t, &q, cost_cols, sizeof cost_cols / sizeof *cost_cols);
        crm_sql_free(&q);
        return rc;
    }
    int64_t amount, old = 0;
    struct crm_err e = {0};
    if (crm_money_parse(t->pos[2], t->ctx.currency, &amount, &e) || amount <= 0)
        return crm_err_set(&t->err, CRM_DATAERR, "%s is not a positive amount (such as 1200.00)",
                           t->pos[2]);
    struct crm_buf cur = CRM_BUF_INIT, next = CRM_BUF_INIT;
    int null = 1;
    rc = crm_svc_get_text(t, "campaign", "actual_cost", cid, &cur, &null);
    if (rc < 0)
        rc = -rc;
    else
        rc = CRM_OK;
    if (rc == CRM_OK && !null)
        old = strtoll(crm_buf_str(&cur), NULL, 10);
    if (rc == CRM_OK && (rc = crm_money_add(&old, amount, &t->err)) == CRM_OK) {
        crm_money_format(&next, old, t->ctx.currency);
        const char *names[] = {"actual_cost"};
        const char *vals[] = {crm_buf_str(&next)};
        rc = crm_svc_change(t, cid, names, vals, 1);
    }
    if (rc == CRM_OK) {
        char now[21];
        crm_value_epoch_datetime(t->ctx.now, now);
        const char *note = crm_args_get(&t->args, "note");
        crm_sql_add(&q, "INSERT INTO campaign_cost (campaign_id, amount, note, at, user) VALUES (");
        crm_sql_bind_int(&q, cid);
        crm_sql_add(&q, ", ");
        crm_sql_bind_int(&q, amount);
        crm_sql_add(&q, ", ");
        if (note)
            crm_sql_bind_text(&q, note);
        else
            crm_sql_bind_null(&q);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, t->ctx.user);
        crm_sql_add(&q, ")");
        rc = crm_db_exec(t->db, &q, &t->err);
        crm_sql_free(&q);
    }
    crm_buf_free(&cur);
    crm_buf_free(&next);
    if (rc == CRM_OK)
        rc = crm_entity_show_ids(t, &cid, 1);
    return rc;
}

/* ---- tables ------------------------------------------------------------------- */

static const char *const members_opts[] = {"status", "segment", NULL};
static const char *const cost_opts[] = {"note", NULL};
static const char *const ml_opts[] = {"max-per", "report", "excluded", "mark-sent", "segment", NULL};

const struct crm_opt crm_campaign_opts[] = {
    {"status", 0, CRM_OPT_ARG, "STATUS", NULL, "members list: only members with this status"},
    {"max-per", 0, CRM_OPT_ARG, "N/PERIOD", NULL,
     "mailing-list: frequency cap, at most N mailings of other campaigns in PERIOD (2/30d)"},
    {"note", 0, CRM_OPT_ARG, "TEXT", NULL, "cost add: what the cost was for"},
    {"report", 0, CRM_OPT_FLAG, NULL, NULL, "mailing-list: counts by exclusion reason on stderr"},
    {"excluded", 0, CRM_OPT_ARG, "FILE", "file",
     "mailing-list: write every excluded address with its reason (CSV)"},
    {"mark-sent", 0, CRM_OPT_FLAG, NULL, NULL,
     "mailing-list: record the mailing (frequency cap, member status sent); idempotent"},
    {NULL, 0, 0, NULL, NULL, NULL},
};

const struct crm_verb crm_campaign_verbs[] = {
    {"members", "add|remove NAME ID...|- | add NAME --segment S | list|log NAME",
     "the campaign's members (contacts) and their status changes", members_opts, verb_members,
     CRM_DB_WRITE, 0},
    {"cost", "add NAME AMOUNT | list NAME", "book costs (their sum is actual_cost)", cost_opts,
     verb_cost, CRM_DB_WRITE, 0},
    {"respond", "NAME -", "record responses from a CSV of email,status,time on stdin", NULL,
     verb_respond, CRM_DB_WRITE, 0},
    {"mailing-list", "NAME", "the recipients: members minus every exclusion (crm-campaign(1))",
     ml_opts, verb_mailing_list, CRM_DB_WRITE, 0},
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};
