#include "history.h"

#include <stdlib.h>
#include <string.h>

#include "value.h"

int crm_history_add(struct crm_db *db, const struct crm_ctx *ctx, const char *entity, int64_t id,
                    const char *action, const char *field, const char *old, const char *new_,
                    struct crm_err *err)
{
    struct crm_sql q = CRM_SQL_INIT;
    char now[21];
    crm_value_epoch_datetime(ctx->now, now);
    crm_sql_add(&q, "INSERT INTO history (at, user, entity, record_id, action, field, old, new) "
                    "VALUES (");
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, ctx->user);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, entity);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, id);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, action);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, field);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, old);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, new_);
    crm_sql_add(&q, ")");
    int rc = crm_db_exec(db, &q, err);
    crm_sql_free(&q);
    return rc;
}

int crm_history_last_deleted(struct crm_db *db, const char *entity, int64_t id, char **json,
                             struct crm_err *err)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    *json = NULL;
    crm_sql_add(&q, "SELECT action, old FROM history WHERE entity = ");
    crm_sql_bind_text(&q, entity);
    crm_sql_add(&q, " AND record_id = ");
    crm_sql_bind_int(&q, id);
    crm_sql_add(&q, " AND action IN ('insert', 'delete') ORDER BY seq DESC LIMIT 1");
    int rc = crm_db_query(db, &q, &st, err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    rc = crm_stmt_step(st, err);
    if (rc > 0 && strcmp(crm_stmt_text(st, 0), "delete") == 0 && crm_stmt_text(st, 1))
        *json = crm_xstrdup(crm_stmt_text(st, 1));
    crm_stmt_done(st);
    return rc < 0 ? -rc : CRM_OK;
}

static const struct crm_col history_cols[] = {
    {"seq", CRM_COL_NUMBER},  {"at", CRM_COL_TEXT},    {"user", CRM_COL_TEXT},
    {"entity", CRM_COL_TEXT}, {"id", CRM_COL_NUMBER},  {"action", CRM_COL_TEXT},
    {"field", CRM_COL_TEXT},  {"old", CRM_COL_TEXT},   {"new", CRM_COL_TEXT},
};
#define NHCOLS (sizeof history_cols / sizeof history_cols[0])

static int since_cond(struct crm_tool *t, const char *since, struct crm_sql *q)
{
    char *end;
    long long seq = strtoll(since, &end, 10);
    if (*since && !*end && seq >= 0) {
        crm_sql_add(q, " AND seq > ");
        crm_sql_bind_int(q, seq);
        return CRM_OK;
    }
    char at[21];
    if (crm_value_parse_datetime(since, t->ctx.now, at, &t->err))
        return crm_err_prefix(&t->err, "--since: "), CRM_USAGE;
    crm_sql_add(q, " AND at >= ");
    crm_sql_bind_text(q, at);
    return CRM_OK;
}

int crm_history_print(struct crm_tool *t, const char *entity, const int64_t *ids, size_t n,
                      const char *since)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    int rc = CRM_OK;
    crm_sql_add(&q, "SELECT seq, at, user, entity, record_id, action, field, old, new FROM history "
                    "WHERE 1");
    if (entity) {
        crm_sql_add(&q, " AND entity = ");
        crm_sql_bind_text(&q, entity);
    }
    if (n) {
        crm_sql_add(&q, " AND record_id IN (");
        for (size_t i = 0; i < n; i++) {
            if (i)
                crm_sql_add(&q, ", ");
            crm_sql_bind_int(&q, ids[i]);
        }
        crm_sql_add(&q, ")");
    }
    if (since)
        rc = since_cond(t, since, &q);
    crm_sql_add(&q, " ORDER BY seq");
    const char *lim = crm_args_get(&t->args, "limit");
    if (lim) {
        crm_sql_add(&q, " LIMIT ");
        crm_sql_bind_int(&q, strtoll(lim, NULL, 10));
    }
    if (rc == CRM_OK)
        rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    struct crm_out *o = crm_tool_out(t, history_cols, NHCOLS);
    const char *vals[NHCOLS];
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        for (size_t i = 0; i < NHCOLS; i++)
            vals[i] = crm_stmt_text(st, (int)i);
        if ((rc = crm_out_row(o, vals, &t->err))) {
            rc = -rc;
            break;
        }
    }
    crm_stmt_done(st);
    if (rc < 0) {
        crm_out_free(o);
        return -rc;
    }
    return crm_out_end(o, &t->err);
}
