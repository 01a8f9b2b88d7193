/*
 * deal.c - crm-deal: the rules of deals (pipelines and stages as data, the
 * stage history, won and lost, lost reasons) and its own verbs.
 *
 * Every write of a deal goes through crm_deal_check (before) and
 * crm_deal_written (after), whichever verb makes it: add, update, import,
 * restore, move, win, lose, reopen.  So a stage change always sets the
 * stage's probability (unless one is given), sets or clears closed_at, and
 * is recorded in deal_stage.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "sales.h"
#include "value.h"
#include "where.h"

/* ---- values of the record being written ----------------------------------- */

static const char *text_of(const struct crm_sval *v)
{
    return v->kind == CRM_SV_TEXT ? crm_buf_str(&v->s) : NULL;
}

static void put_text(struct crm_tool *t, struct crm_rec *r, const char *field, const char *s)
{
    size_t i = crm_sales_fi(t, field);
    char *copy = s ? crm_xstrdup(s) : NULL; /* s may live in r->v[i] itself */
    crm_sval_free(&r->v[i]);
    r->set[i] = 1;
    r->v[i].kind = s ? CRM_SV_TEXT : CRM_SV_NULL;
    if (s)
        crm_buf_puts(&r->v[i].s, copy);
    free(copy);
}

static void put_int(struct crm_tool *t, struct crm_rec *r, const char *field, int64_t v)
{
    size_t i = crm_sales_fi(t, field);
    crm_sval_free(&r->v[i]);
    r->set[i] = 1;
    r->v[i].kind = CRM_SV_INT;
    r->v[i].i = v;
}

static int given(struct crm_tool *t, const struct crm_rec *r, const char *field)
{
    return r->set[crm_sales_fi(t, field)];
}

/* ---- pipelines and stages --------------------------------------------------- */

struct stage {
    char name[128];
    char kind[8];
    int64_t probability;
};

/* The pipeline's id and whether it requires an amount to win; 0 when unknown. */
static int pipeline_find(struct crm_tool *t, const char *name, int64_t *id, int *req, int *found)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    *found = 0;
    crm_sql_add(&q, "SELECT id, require_amount FROM pipeline WHERE name = ");
    crm_sql_bind_text(&q, name);
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    rc = crm_stmt_step(st, &t->err);
    if (rc > 0) {
        *found = 1;
        *id = crm_stmt_int(st, 0);
        *req = (int)crm_stmt_int(st, 1);
    }
    crm_stmt_done(st);
    return rc < 0 ? -rc : CRM_OK;
}

/* A stage of a pipeline by name, or (name NULL) the first of that kind
 * (kind NULL: the first stage). */
static int stage_find(struct crm_tool *t, int64_t pid, const char *name, const char *kind,
                      struct stage *s, int *found)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    *found = 0;
    crm_sql_add(&q, "SELECT name, kind, probability FROM pipeline_stage WHERE pipeline_id = ");
    crm_sql_bind_int(&q, pid);
    if (name) {
        crm_sql_add(&q, " AND name = ");
        crm_sql_bind_text(&q, name);
    }
    if (kind) {
        crm_sql_add(&q, " AND kind = ");
        crm_sql_bind_text(&q, kind);
    }
    crm_sql_add(&q, " ORDER BY position LIMIT 1");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    rc = crm_stmt_step(st, &t->err);
    if (rc > 0) {
        *found = 1;
        snprintf(s->name, sizeof s->name, "%s", crm_stmt_text(st, 0));
        snprintf(s->kind, sizeof s->kind, "%s", crm_stmt_text(st, 1));
        s->probability = crm_stmt_int(st, 2);
    }
    crm_stmt_done(st);
    return rc < 0 ? -rc : CRM_OK;
}

static void stage_names(struct crm_tool *t, int64_t pid, struct crm_buf *out)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT name FROM pipeline_stage WHERE pipeline_id = ");
    crm_sql_bind_int(&q, pid);
    crm_sql_add(&q, " ORDER BY position");
    struct crm_err e;
    if (crm_db_query(t->db, &q, &st, &e) == CRM_OK) {
        while (crm_stmt_step(st, &e) > 0)
            crm_buf_printf(out, "%s%s", out->len ? ", " : "", crm_stmt_text(st, 0));
        crm_stmt_done(st);
    }
    crm_sql_free(&q);
}

static int exists(struct crm_tool *t, struct crm_sql *q, int *yes)
{
    int64_t n = 0;
    int found;
    int rc = crm_db_scalar_int(t->db, q, &n, &found, &t->err);
    crm_sql_free(q);
    *yes = found && n;
    return rc;
}

/* 1 when the deal's stage (or pipeline) changes with this write. */
static int stage_changes(struct crm_tool *t, const struct crm_rec *r, const struct crm_rec *old)
{
    if (!old)
        return 1;
    const char *fields[] = {"stage", "pipeline"};
    for (int k = 0; k < 2; k++) {
        size_t i = crm_sales_fi(t, fields[k]);
        if (!r->set[i])
            continue;
        const char *a = text_of(&r->v[i]), *b = text_of(&old->v[i]);
        if (!a || !b || strcmp(a, b) != 0)
            return 1;
    }
    return 0;
}

/* ---- the rules ------------------------------------------------------------- */

static int check_currency(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old)
{
    const char *cur = text_of(crm_sales_val(t, r, old, "currency"));
    if (!cur) {
        if (old && !given(t, r, "currency"))
            return CRM_OK;
        cur = t->ctx.currency;
    }
    if (crm_currency_scale(cur) < 0)
        return crm_err_set(&t->err, CRM_DATAERR,
                           "currency: unknown currency '%s' (an ISO 4217 code such as EUR)", cur);
    char up[4];
    for (int i = 0; i < 3; i++)
        up[i] = (char)(cur[i] >= 'a' && cur[i] <= 'z' ? cur[i] - 32 : cur[i]);
    up[3] = '\0';
    if (!old || given(t, r, "currency"))
        put_text(t, r, "currency", up);
    return CRM_OK;
}

static int check_refs(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old)
{
    int rc, yes;
    const struct crm_sval *v = crm_sales_val(t, r, old, "competitor");
    if (given(t, r, "competitor") && v->kind == CRM_SV_INT) {
        struct crm_sql q = CRM_SQL_INIT;
        crm_sql_add(&q, "SELECT count(*) FROM account WHERE type = 'competitor' AND id = ");
        crm_sql_bind_int(&q, v->i);
        if ((rc = exists(t, &q, &yes)))
            return rc;
        if (!yes)
            return crm_err_set(&t->err, CRM_DATAERR,
                               "competitor: account %" PRId64 " is not of type competitor", v->i);
    }
    const char *reason = text_of(crm_sales_val(t, r, old, "lost_reason"));
    if (given(t, r, "lost_reason") && reason) {
        struct crm_sql q = CRM_SQL_INIT;
        crm_sql_add(&q, "SELECT count(*) FROM lost_reason WHERE name = ");
        crm_sql_bind_text(&q, reason);
        if ((rc = exists(t, &q, &yes)))
            return rc;
        if (!yes)
            return crm_err_set(&t->err, CRM_DATAERR,
                               "lost_reason: unknown reason '%s' (crm-deal reason list; "
                               "crm-deal reason add '%s')", reason, reason);
    }
    /* A new deal's region is its account's unless given. */
    v = crm_sales_val(t, r, old, "account");
    if (!old && !given(t, r, "region") && v->kind == CRM_SV_INT) {
        struct crm_sql q = CRM_SQL_INIT;
        struct crm_stmt *st;
        crm_sql_add(&q, "SELECT region FROM account WHERE id = ");
        crm_sql_bind_int(&q, v->i);
        rc = crm_db_query(t->db, &q, &st, &t->err);
        crm_sql_free(&q);
        if (rc)
            return rc;
        if ((rc = crm_stmt_step(st, &t->err)) > 0 && !crm_stmt_is_null(st, 0)) {
            char *reg = crm_xstrdup(crm_stmt_text(st, 0));
            put_text(t, r, "region", reg);
            free(reg);
        }
        crm_stmt_done(st);
        if (rc < 0)
            return -rc;
    }
    return CRM_OK;
}

static int has_items(struct crm_tool *t, int64_t id, int *yes);

int crm_deal_check(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old)
{
    int rc, found, req;
    int64_t pid;
    if ((rc = check_currency(t, r, old)) || (rc = check_refs(t, r, old)))
        return rc;
    const char *pipe = text_of(crm_sales_val(t, r, old, "pipeline"));
    if (!pipe)
        pipe = "default";
    if ((rc = pipeline_find(t, pipe, &pid, &req, &found)))
        return rc;
    if (!found)
        return crm_err_set(&t->err, CRM_DATAERR,
                           "pipeline: unknown pipeline '%s' (crm-deal pipeline list)", pipe);
    const struct crm_sval *amount = crm_sales_val(t, r, old, "amount");
    if (amount->kind == CRM_SV_INT && amount->i < 0)
        return crm_err_set(&t->err, CRM_DATAERR, "amount: must not be negative");
    if (old && !crm_deal_items_writing && (given(t, r, "amount") || given(t, r, "currency"))) {
        int items;
        const struct crm_sval *idv = crm_sales_val(t, NULL, old, "id");
        size_t ai = crm_sales_fi(t, "amount"), ci = crm_sales_fi(t, "currency");
        if ((rc = has_items(t, idv->i, &items)))
            return rc;
        if (items && r->set[ai] &&
            !(r->v[ai].kind == CRM_SV_INT && old->v[ai].kind == CRM_SV_INT &&
              r->v[ai].i == old->v[ai].i))
            return crm_err_set(&t->err, CRM_DATAERR,
                               "amount: the deal has line items; its amount is their sum "
                               "(crm-deal item ...)");
        if (items && r->set[ci] && text_of(&r->v[ci]) && text_of(&old->v[ci]) &&
            strcmp(text_of(&r->v[ci]), text_of(&old->v[ci])) != 0)
            return crm_err_set(&t->err, CRM_DATAERR,
                               "currency: the deal has line items priced in %s",
                               text_of(&old->v[ci]));
    }
    const struct crm_sval *pv = crm_sales_val(t, r, old, "probability");
    if (pv->kind == CRM_SV_INT && (pv->i < 0 || pv->i > 100))
        return crm_err_set(&t->err, CRM_DATAERR, "probability: must be between 0 and 100");
    if (!stage_changes(t, r, old))
        return CRM_OK;

    const char *sname = text_of(crm_sales_val(t, r, old, "stage"));
    /* A move to another pipeline without a stage starts at its first. */
    const char *oldpipe = old ? text_of(crm_sales_val(t, NULL, old, "pipeline")) : NULL;
    if (old && !given(t, r, "stage") && oldpipe && strcmp(oldpipe, pipe) != 0)
        sname = NULL;
    struct stage s;
    if ((rc = stage_find(t, pid, sname, NULL, &s, &found)))
        return rc;
    if (!found) {
        struct crm_buf names = CRM_BUF_INIT;
        stage_names(t, pid, &names);
        crm_err_set(&t->err, CRM_DATAERR, "stage: unknown stage '%s' in pipeline '%s' (stages: %s)",
                    sname ? sname : "", pipe, crm_buf_str(&names));
        crm_buf_free(&names);
        return CRM_DATAERR;
    }
    put_text(t, r, "stage", s.name);
    put_text(t, r, "pipeline", pipe);
    if (!given(t, r, "probability"))
        put_int(t, r, "probability", s.probability);
    int closed = strcmp(s.kind, "open") != 0;
    if (strcmp(s.kind, "won") == 0 && req && !(amount->kind == CRM_SV_INT && amount->i > 0))
        return crm_err_set(&t->err, CRM_DATAERR,
                           "stage: pipeline '%s' requires an amount to win a deal", pipe);
    if (closed && !given(t, r, "closed_at")) {
        char today[11];
        if ((rc = crm_value_parse_date("today", t->ctx.now, today, &t->err)))
            return rc;
        put_text(t, r, "closed_at", today);
    } else if (!closed) {
        put_text(t, r, "closed_at", NULL);
    }
    if (strcmp(s.kind, "lost") != 0 && !given(t, r, "lost_reason"))
        put_text(t, r, "lost_reason", NULL);
    return CRM_OK;
}

int crm_deal_written(struct crm_tool *t, int64_t id, const struct crm_rec *old,
                     const struct crm_rec *r)
{
    if (!stage_changes(t, r, old))
        return CRM_OK;
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    const struct crm_sval *amount = crm_sales_val(t, r, old, "amount");
    const struct crm_sval *prob = crm_sales_val(t, r, old, "probability");
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "INSERT INTO deal_stage (deal_id, pipeline, from_stage, to_stage, at, user, "
                    "amount, currency, probability) VALUES (");
    crm_sql_bind_int(&q, id);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, text_of(crm_sales_val(t, r, old, "pipeline")));
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, old ? text_of(crm_sales_val(t, NULL, old, "stage")) : NULL);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, text_of(crm_sales_val(t, r, old, "stage")));
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, t->ctx.user);
    crm_sql_add(&q, ", ");
    if (amount->kind == CRM_SV_INT)
        crm_sql_bind_int(&q, amount->i);
    else
        crm_sql_bind_null(&q);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, text_of(crm_sales_val(t, r, old, "currency")));
    crm_sql_add(&q, ", ");
    if (prob->kind == CRM_SV_INT)
        crm_sql_bind_int(&q, prob->i);
    else
        crm_sql_bind_null(&q);
    crm_sql_add(&q, ")");
    int rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    return rc;
}

static int has_items(struct crm_tool *t, int64_t id, int *yes)
{
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "SELECT count(*) FROM deal_item WHERE deal_id = ");
    crm_sql_bind_int(&q, id);
    return exists(t, &q, yes);
}

int crm_deal_items_writing;

/* ---- move, win, lose, reopen ------------------------------------------------ */

/* What a stage-changing verb sets on one deal, given its current record. */
typedef int (*change_fn)(struct crm_tool *t, int64_t id, const struct crm_rec *old,
                         struct crm_rec *r);

static int change_deals(struct crm_tool *t, size_t nids, change_fn fn)
{
    int64_t *ids;
    size_t n;
    int rc = crm_entity_collect_ids(t, 0, nids, &ids, &n);
    for (size_t k = 0; k < n && rc == CRM_OK; k++) {
        struct crm_rec old, r;
        int changed;
        crm_rec_init(&old, t->ent.nfields);
        crm_rec_init(&r, t->ent.nfields);
        int got = crm_rec_load(t, ids[k], &old);
        if (got < 0)
            rc = -got;
        else if (got == 0)
            rc = crm_err_set(&t->err, CRM_NOTFOUND, "no deal with id %" PRId64, ids[k]);
        else if ((rc = fn(t, ids[k], &old, &r)) == CRM_OK) {
            const char *p = crm_args_get(&t->args, "probability");
            if (p)
                rc = crm_rec_set(t, &r, crm_ent_field(&t->ent, "probability"), p, &old);
            if (rc == CRM_OK)
                rc = crm_rec_update(t, ids[k], &old, &r, &changed);
        }
        if (rc)
            crm_err_prefix(&t->err, "deal %" PRId64 ": ", ids[k]);
        crm_rec_free(&old);
        crm_rec_free(&r);
    }
    if (rc == CRM_OK)
        rc = crm_entity_show_ids(t, ids, n);
    free(ids);
    return rc;
}

static const char *move_stage;

static int set_move(struct crm_tool *t, int64_t id, const struct crm_rec *old, struct crm_rec *r)
{
    (void)id;
    (void)old;
    put_text(t, r, "stage", move_stage);
    return CRM_OK;
}

static int verb_move(struct crm_tool *t)
{
    if (t->npos < 2)
        return crm_err_set(&t->err, CRM_USAGE, "usage: %s move ID...|- STAGE", t->prog);
    move_stage = t->pos[t->npos - 1];
    return change_deals(t, t->npos - 1, set_move);
}

/* The first stage of a kind in the deal's pipeline. */
static int kind_stage(struct crm_tool *t, const struct crm_rec *old, const char *kind,
                      struct stage *s)
{
    const char *pipe = text_of(crm_sales_val(t, NULL, old, "pipeline"));
    int64_t pid;
    int req, found, rc;
    if ((rc = pipeline_find(t, pipe ? pipe : "default", &pid, &req, &found)))
        return rc;
    if (found && (rc = stage_find(t, pid, NULL, kind, s, &found)))
        return rc;
    if (!found)
        return crm_err_set(&t->err, CRM_DATAERR, "pipeline '%s' has no %s stage",
                           pipe ? pipe : "default", kind);
    return CRM_OK;
}

static int set_win(struct crm_tool *t, int64_t id, const struct crm_rec *old, struct crm_rec *r)
{
    struct stage s;
    int rc = kind_stage(t, old, "won", &s);
    (void)id;
    if (rc == CRM_OK)
        put_text(t, r, "stage", s.name);
    return rc;
}

static int verb_win(struct crm_tool *t)
{
    if (t->npos < 1)
        return crm_err_set(&t->err, CRM_USAGE, "usage: %s win ID...|-", t->prog);
    return change_deals(t, t->npos, set_win);
}

static int set_lose(struct crm_tool *t, int64_t id, const struct crm_rec *old, struct crm_rec *r)
{
    struct stage s;
    int rc = kind_stage(t, old, "lost", &s);
    (void)id;
    if (rc)
        return rc;
    put_text(t, r, "stage", s.name);
    put_text(t, r, "lost_reason", crm_args_get(&t->args, "reason"));
    const char *c = crm_args_get(&t->args, "competitor");
    if (c)
        rc = crm_rec_set(t, r, crm_ent_field(&t->ent, "competitor"), c, old);
    return rc;
}

static int verb_lose(struct crm_tool *t)
{
    if (t->npos < 1)
        return crm_err_set(&t->err, CRM_USAGE, "usage: %s lose ID...|- --reason R [--competitor C]",
                           t->prog);
    if (!crm_args_get(&t->args, "reason"))
        return crm_err_set(&t->err, CRM_USAGE,
                           "why was it lost? give --reason (crm-deal reason list)");
    return change_deals(t, t->npos, set_lose);
}

static int set_reopen(struct crm_tool *t, int64_t id, const struct crm_rec *old, struct crm_rec *r)
{
    const char *status = NULL, *stage = crm_args_get(&t->args, "stage");
    const char *cur = text_of(crm_sales_val(t, NULL, old, "stage"));
    const char *pipe = text_of(crm_sales_val(t, NULL, old, "pipeline"));
    int64_t pid;
    int req, found, rc;
    struct stage s;
    if ((rc = pipeline_find(t, pipe, &pid, &req, &found)))
        return rc;
    if (found && (rc = stage_find(t, pid, cur, NULL, &s, &found)))
        return rc;
    status = found ? s.kind : "open";
    if (strcmp(status, "open") == 0)
        return crm_err_set(&t->err, CRM_DATAERR, "is open (stage '%s'); only a won or lost deal "
                           "can be reopened", cur ? cur : "");
    char *back = NULL;
    if (!stage) {
        /* The open stage it was in before it closed, else the first. */
        struct crm_sql q = CRM_SQL_INIT;
        struct crm_stmt *st;
        crm_sql_add(&q, "SELECT h.from_stage FROM deal_stage h JOIN pipeline_stage s ON "
                        "s.name = h.from_stage AND s.pipeline_id = ");
        crm_sql_bind_int(&q, pid);
        crm_sql_add(&q, " WHERE h.deal_id = ");
        crm_sql_bind_int(&q, id);
        crm_sql_add(&q, " AND s.kind = 'open' ORDER BY h.id DESC LIMIT 1");
        rc = crm_db_query(t->db, &q, &st, &t->err);
        crm_sql_free(&q);
        if (rc)
            return rc;
        if ((rc = crm_stmt_step(st, &t->err)) > 0)
            back = crm_xstrdup(crm_stmt_text(st, 0));
        crm_stmt_done(st);
        if (rc < 0)
            return -rc;
        if (!back) {
            if ((rc = stage_find(t, pid, NULL, "open", &s, &found)))
                return rc;
            back = crm_xstrdup(found ? s.name : "");
        }
        stage = back;
    } else {
        if ((rc = stage_find(t, pid, stage, NULL, &s, &found)))
            return rc;
        if (found && strcmp(s.kind, "open") != 0)
            return crm_err_set(&t->err, CRM_DATAERR, "reopen to '%s': not an open stage", stage);
    }
    put_text(t, r, "stage", stage);
    free(back);
    return CRM_OK;
}

static int verb_reopen(struct crm_tool *t)
{
    if (t->npos < 1)
        return crm_err_set(&t->err, CRM_USAGE, "usage: %s reopen ID...|- [--stage STAGE]", t->prog);
    return change_deals(t, t->npos, set_reopen);
}

/* ---- stage history ----------------------------------------------------------- */

static const struct crm_scol stage_cols[] = {
    {"deal", CRM_SC_INT, 0, 0},          {"pipeline", CRM_SC_TEXT, 0, 0},
    {"from", CRM_SC_TEXT, 0, 0},         {"to", CRM_SC_TEXT, 0, 0},
    {"at", CRM_SC_TEXT, 0, 0},           {"user", CRM_SC_TEXT, 0, 0},
    {"amount", CRM_SC_DEC, 2, 0},        {"currency", CRM_SC_TEXT, 0, 0},
    {"probability", CRM_SC_INT, 0, 0},   {"days_in_from", CRM_SC_DEC, 1, 0},
};

static int verb_stages(struct crm_tool *t)
{
    int64_t *ids;
    size_t n;
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE, "whose stage history? give deal ids or -");
    int rc = crm_entity_collect_ids(t, 0, t->npos, &ids, &n);
    struct crm_sql q = CRM_SQL_INIT;
    /* days_in_from: time spent in the stage left, to a tenth of a day. */
    crm_sql_add(&q, "SELECT h.deal_id, h.pipeline, h.from_stage, h.to_stage, h.at, h.user, "
                    "h.amount, h.currency, h.probability, CAST(round((julianday(h.at) - "
                    "julianday(lag(h.at) OVER (PARTITION BY h.deal_id ORDER BY h.id))) * 10) "
                    "AS INTEGER) FROM deal_stage h WHERE h.deal_id IN (SELECT value FROM "
                    "json_each(");
    struct crm_buf arr = CRM_BUF_INIT;
    crm_buf_putc(&arr, '[');
    for (size_t i = 0; i < n; i++)
        crm_buf_printf(&arr, "%s%" PRId64, i ? "," : "", ids[i]);
    crm_buf_putc(&arr, ']');
    crm_sql_bind_text(&q, crm_buf_str(&arr));
    crm_sql_add(&q, ")) ORDER BY h.deal_id, h.id");
    if (rc == CRM_OK)
        rc = crm_sales_print(t, &q, stage_cols, sizeof stage_cols / sizeof *stage_cols);
    crm_buf_free(&arr);
    crm_sql_free(&q);
    free(ids);
    return rc;
}

/* ---- pipeline summary ------------------------------------------------------------ */

static const struct crm_ent *related_cb(const char *entity, void *arg)
{
    return crm_tool_related(arg, entity);
}

/* Per pipeline, stage and currency: the number of deals, their amount and
 * the amount weighted by probability (sum(amount * probability) / 100,
 * rounded half away from zero once per row). */
static int verb_summary(struct crm_tool *t)
{
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "summary takes no arguments (use --where)");
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    int rc = CRM_OK;
    crm_sql_add(&q, "SELECT d.pipeline, s.position, d.stage, s.kind, d.currency, count(*), "
                    "sum(d.amount), sum(d.amount * d.probability) FROM ");
    const char *const *w;
    size_t nw = crm_args_all(&t->args, "where", &w);
    if (nw) {
        struct crm_where_env env = {&t->ent, &t->ctx, related_cb, t};
        crm_sql_add(&q, "(SELECT * FROM deal WHERE ");
        for (size_t i = 0; i < nw && rc == CRM_OK; i++) {
            crm_sql_add(&q, i ? " AND (" : "(");
            rc = crm_where_compile(w[i], &env, &q, &t->err);
            crm_sql_add(&q, ")");
        }
        crm_sql_add(&q, ") d");
    } else {
        crm_sql_add(&q, "deal d");
    }
    crm_sql_add(&q, " LEFT JOIN pipeline p ON p.name = d.pipeline LEFT JOIN pipeline_stage s ON "
                    "s.pipeline_id = p.id AND s.name = d.stage GROUP BY d.pipeline, d.stage, "
                    "d.currency ORDER BY d.pipeline, s.position, d.currency");
    if (rc == CRM_OK)
        rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    static const struct crm_col cols[] = {
        {"pipeline", CRM_COL_TEXT}, {"position", CRM_COL_NUMBER}, {"stage", CRM_COL_TEXT},
        {"kind", CRM_COL_TEXT},     {"currency", CRM_COL_TEXT},   {"deals", CRM_COL_NUMBER},
        {"amount", CRM_COL_NUMBER}, {"weighted", CRM_COL_NUMBER},
    };
    struct crm_out *o = crm_tool_out(t, cols, 8);
    struct crm_buf b[8] = {CRM_BUF_INIT};
    const char *v[8];
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        for (int i = 0; i < 8; i++) {
            crm_buf_reset(&b[i]);
            v[i] = NULL;
            if (crm_stmt_is_null(st, i))
                continue;
            if (i == 6) {
                crm_value_format_decimal(&b[i], crm_stmt_int(st, i), 2);
            } else if (i == 7) {
                int64_t wv;
                if (crm_money_muldiv(crm_stmt_int(st, i), 1, 100, &wv, &t->err))
                    wv = 0;
                crm_value_format_decimal(&b[i], wv, 2);
            } else {
                crm_buf_puts(&b[i], crm_stmt_text(st, i));
            }
            v[i] = crm_buf_str(&b[i]);
        }
        if ((rc = crm_out_row(o, v, &t->err))) {
            rc = -rc;
            break;
        }
    }
    crm_stmt_done(st);
    if (rc == 0)
        rc = crm_out_end(o, &t->err);
    else {
        crm_out_free(o);
        rc = -rc;
    }
    for (int i = 0; i < 8; i++)
        crm_buf_free(&b[i]);
    return rc;
}

/* ---- pipelines ----------------------------------------------------------------- */

static int add_pipeline(struct crm_tool *t, const char *name, const char *spec)
{
    int64_t pid;
    int req, found, rc;
    if ((rc = pipeline_find(t, name, &pid, &req, &found)))
        return rc;
    if (found)
        return crm_err_set(&t->err, CRM_DATAERR, "pipeline '%s' exists already", name);
    if (!*name)
        return crm_err_set(&t->err, CRM_DATAERR, "a pipeline needs a name");
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "INSERT INTO pipeline (name, require_amount, created_at) VALUES (");
    crm_sql_bind_text(&q, name);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, crm_args_has(&t->args, "require-amount"));
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, ")");
    rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    pid = crm_db_last_id(t->db);
    /* name:probability[:won|lost], comma-separated, in order. */
    char *copy = crm_xstrdup(spec);
    int pos = 0, nopen = 0, nwon = 0, nlost = 0;
    for (char *save = NULL, *it = strtok_r(copy, ",", &save); it && rc == CRM_OK;
         it = strtok_r(NULL, ",", &save)) {
        char *c1 = strchr(it, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        const char *kind = "open";
        int64_t prob;
        if (!c1) {
            rc = crm_err_set(&t->err, CRM_DATAERR, "--stages: '%s' is not NAME:PROBABILITY[:won|lost]",
                             it);
            break;
        }
        *c1 = '\0';
        if (c2) {
            *c2 = '\0';
            kind = c2 + 1;
        }
        if (strcmp(kind, "open") != 0 && strcmp(kind, "won") != 0 && strcmp(kind, "lost") != 0) {
            rc = crm_err_set(&t->err, CRM_DATAERR, "--stages: %s: kind '%s' is not won or lost",
                             it, kind);
            break;
        }
        if (crm_value_parse_int(c1 + 1, &prob, &t->err) || prob < 0 || prob > 100) {
            rc = crm_err_set(&t->err, CRM_DATAERR,
                             "--stages: %s: probability '%s' is not 0 to 100", it, c1 + 1);
            break;
        }
        if (!*it) {
            rc = crm_err_set(&t->err, CRM_DATAERR, "--stages: a stage needs a name");
            break;
        }
        nopen += kind[0] == 'o';
        nwon += kind[0] == 'w';
        nlost += kind[0] == 'l';
        crm_sql_reset(&q);
        crm_sql_add(&q, "INSERT INTO pipeline_stage (pipeline_id, position, name, probability, kind) "
                        "VALUES (");
        crm_sql_bind_int(&q, pid);
        crm_sql_add(&q, ", ");
        crm_sql_bind_int(&q, ++pos);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, it);
        crm_sql_add(&q, ", ");
        crm_sql_bind_int(&q, prob);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, kind);
        crm_sql_add(&q, ") ON CONFLICT DO NOTHING");
        if ((rc = crm_db_exec(t->db, &q, &t->err)) == CRM_OK && crm_db_changes(t->db) == 0)
            rc = crm_err_set(&t->err, CRM_DATAERR, "--stages: stage '%s' given twice", it);
    }
    free(copy);
    crm_sql_free(&q);
    if (rc == CRM_OK && (!nopen || !nwon || !nlost))
        rc = crm_err_set(&t->err, CRM_DATAERR,
                         "--stages: a pipeline needs open stages, a won and a lost stage "
                         "(e.g. 'lead:10,offer:50,won:100:won,lost:0:lost')");
    return rc;
}

static const struct crm_scol pipeline_cols[] = {
    {"name", CRM_SC_TEXT, 0, 0}, {"stages", CRM_SC_INT, 0, 0},
    {"require_amount", CRM_SC_TEXT, 0, 0}, {"deals", CRM_SC_INT, 0, 0},
};
static const struct crm_scol stagedef_cols[] = {
    {"pipeline", CRM_SC_TEXT, 0, 0}, {"position", CRM_SC_INT, 0, 0},
    {"stage", CRM_SC_TEXT, 0, 0},    {"probability", CRM_SC_INT, 0, 0},
    {"kind", CRM_SC_TEXT, 0, 0},
};

static int verb_pipeline(struct crm_tool *t)
{
    const char *sub = t->npos ? t->pos[0] : "";
    struct crm_sql q = CRM_SQL_INIT;
    int rc;
    if (strcmp(sub, "add") == 0) {
        const char *stages = crm_args_get(&t->args, "stages");
        if (t->npos != 2 || !stages)
            return crm_err_set(&t->err, CRM_USAGE, "usage: %s pipeline add NAME --stages "
                               "'NAME:PROB,...,NAME:100:won,NAME:0:lost' [--require-amount]",
                               t->prog);
        return add_pipeline(t, t->pos[1], stages);
    }
    if (strcmp(sub, "list") == 0 && t->npos == 1) {
        crm_sql_add(&q, "SELECT p.name, (SELECT count(*) FROM pipeline_stage s WHERE s.pipeline_id "
                        "= p.id), CASE p.require_amount WHEN 1 THEN 'true' ELSE 'false' END, "
                        "(SELECT count(*) FROM deal d WHERE d.pipeline = p.name) FROM pipeline p "
                        "ORDER BY p.name");
        rc = crm_sales_print(t, &q, pipeline_cols, 4);
        crm_sql_free(&q);
        return rc;
    }
    if (strcmp(sub, "stages") == 0 && t->npos <= 2) {
        const char *name = t->npos == 2 ? t->pos[1] : "default";
        int64_t pid;
        int req, found;
        if ((rc = pipeline_find(t, name, &pid, &req, &found)))
            return rc;
        if (!found)
            return crm_err_set(&t->err, CRM_DATAERR, "unknown pipeline '%s'", name);
        crm_sql_add(&q, "SELECT p.name, s.position, s.name, s.probability, s.kind FROM "
                        "pipeline_stage s JOIN pipeline p ON p.id = s.pipeline_id WHERE p.id = ");
        crm_sql_bind_int(&q, pid);
        crm_sql_add(&q, " ORDER BY s.position");
        rc = crm_sales_print(t, &q, stagedef_cols, 5);
        crm_sql_free(&q);
        return rc;
    }
    return crm_err_set(&t->err, CRM_USAGE, "usage: %s pipeline add|list|stages ...", t->prog);
}

/* ---- lost reasons ------------------------------------------------------------- */

static const struct crm_scol reason_cols[] = {
    {"reason", CRM_SC_TEXT, 0, 0},
    {"deals", CRM_SC_INT, 0, 0},
};

static int verb_reason(struct crm_tool *t)
{
    const char *sub = t->npos ? t->pos[0] : "";
    struct crm_sql q = CRM_SQL_INIT;
    int rc;
    if (strcmp(sub, "add") == 0 && t->npos == 2) {
        if (!*t->pos[1])
            return crm_err_set(&t->err, CRM_DATAERR, "a reason needs a name");
        char now[21];
        crm_value_epoch_datetime(t->ctx.now, now);
        crm_sql_add(&q, "INSERT INTO lost_reason (name, created_at) VALUES (");
        crm_sql_bind_text(&q, t->pos[1]);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, ") ON CONFLICT DO NOTHING");
        rc = crm_db_exec(t->db, &q, &t->err);
        crm_sql_free(&q);
        if (rc == CRM_OK && crm_db_changes(t->db) == 0)
            rc = crm_err_set(&t->err, CRM_DATAERR, "reason '%s' exists already", t->pos[1]);
        return rc;
    }
    if (strcmp(sub, "list") == 0 && t->npos == 1) {
        crm_sql_add(&q, "SELECT r.name, (SELECT count(*) FROM deal d WHERE d.lost_reason = r.name) "
                        "FROM lost_reason r ORDER BY r.name");
        rc = crm_sales_print(t, &q, reason_cols, 2);
        crm_sql_free(&q);
        return rc;
    }
    if (strcmp(sub, "remove") == 0 && t->npos == 2) {
        crm_sql_add(&q, "DELETE FROM lost_reason WHERE name = ");
        crm_sql_bind_text(&q, t->pos[1]);
        rc = crm_db_exec(t->db, &q, &t->err);
        crm_sql_free(&q);
        if (rc == CRM_OK && crm_db_changes(t->db) == 0)
            rc = crm_err_set(&t->err, CRM_NOTFOUND, "no reason '%s'", t->pos[1]);
        return rc;
    }
    return crm_err_set(&t->err, CRM_USAGE, "usage: %s reason add NAME | list | remove NAME", t->prog);
}

/* ---- tables ------------------------------------------------------------------- */

static const char *const move_opts[] = {"probability", "safe-csv", NULL};
static const char *const lose_opts[] = {"reason", "competitor", "probability", "safe-csv", NULL};
static const char *const reopen_opts[] = {"stage", "probability", "safe-csv", NULL};
static const char *const summary_opts[] = {"safe-csv", NULL};
static const char *const item_opts[] = {"safe-csv", NULL};
static const char *const quote_opts[] = {"format", "template", "valid-until", "safe-csv", NULL};
static const char *const pipeline_opts[] = {"stages", "require-amount", NULL};

const struct crm_opt crm_deal_opts[] = {
    {"probability", 0, CRM_OPT_ARG, "N", NULL, "move/win/lose/reopen: probability instead of the stage's"},
    {"reason", 0, CRM_OPT_ARG, "REASON", NULL, "lose: why (one of crm-deal reason list)"},
    {"competitor", 0, CRM_OPT_ARG, "ACCOUNT", NULL, "lose: the competitor that won it"},
    {"stage", 0, CRM_OPT_ARG, "STAGE", NULL, "reopen: the open stage to go back to"},
    {"stages", 0, CRM_OPT_ARG, "SPEC", NULL, "pipeline add: NAME:PROB[:won|lost],... in order"},
    {"require-amount", 0, CRM_OPT_FLAG, NULL, NULL, "pipeline add: a deal is won only with an amount"},
    {"template", 0, CRM_OPT_ARG, "FILE", "file", "quote: a template of one's own (crm-template(5))"},
    {"valid-until", 0, CRM_OPT_ARG, "DATE", NULL, "quote: last day the offer stands (default +30d)"},
    {NULL, 0, 0, NULL, NULL, NULL},
};

const struct crm_verb crm_deal_verbs[] = {
    {"move", "ID...|- STAGE", "move deals to a stage (recorded in the stage history)", move_opts,
     verb_move, CRM_DB_WRITE, 0},
    {"win", "ID...|-", "move deals to the won stage", move_opts, verb_win, CRM_DB_WRITE, 0},
    {"lose", "ID...|- --reason R", "move deals to the lost stage", lose_opts, verb_lose,
     CRM_DB_WRITE, 0},
    {"reopen", "ID...|-", "reopen won or lost deals", reopen_opts, verb_reopen, CRM_DB_WRITE, 0},
    {"stages", "ID...|-", "the stage history of deals", NULL, verb_stages, CRM_DB_READ, 0},
    {"summary", "", "the pipeline: deals, amount and weighted amount per stage", summary_opts,
     verb_summary, CRM_DB_READ, 0},
    {"pipeline", "add|list|stages ...", "pipelines and their stages", pipeline_opts, verb_pipeline,
     CRM_DB_WRITE, 0},
    {"reason", "add|list|remove ...", "the managed list of lost reasons", NULL, verb_reason,
     CRM_DB_WRITE, 0},
    {"item", "add|list|update|remove|import ...",
     "line items: products, quantities, prices, discounts",
     item_opts, crm_deal_item_verb, CRM_DB_WRITE, 0},
    {"quote", "ID|list ID...|show NUMBER", "issue a quote (-f txt|md|html); issued quotes",
     quote_opts, crm_deal_quote_verb, CRM_DB_WRITE, 0},
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};
