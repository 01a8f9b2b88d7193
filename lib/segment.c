/*
 * segment.c - segments: saved filters over one entity (crm segment), and
 * the --segment option every tool's list, count and export take.
 */
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "marketing.h"
#include "value.h"
#include "where.h"

static const struct crm_ent *related_cb(const char *entity, void *arg)
{
    return crm_tool_related(arg, entity);
}

/* The entity and expression of a segment; CRM_USAGE when there is none. */
static int segment_load(struct crm_tool *t, const char *name, struct crm_buf *entity,
                        struct crm_buf *expr)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT entity, expr FROM segment WHERE name = ");
    crm_sql_bind_text(&q, name);
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    int got = crm_stmt_step(st, &t->err);
    if (got < 0)
        return -got;
    if (got == 0)
        return crm_err_set(&t->err, CRM_USAGE, "no segment '%s' (see crm segment list)", name);
    crm_buf_puts(entity, crm_stmt_text(st, 0));
    crm_buf_puts(expr, crm_stmt_text(st, 1));
    crm_stmt_done(st);
    return CRM_OK;
}

int crm_segment_cond(struct crm_tool *t, const char *name, const struct crm_ent *ent,
                     struct crm_sql *cond)
{
    struct crm_buf entity = CRM_BUF_INIT, expr = CRM_BUF_INIT;
    int rc = segment_load(t, name, &entity, &expr);
    if (rc == CRM_OK && strcmp(crm_buf_str(&entity), ent->def->name) != 0)
        rc = crm_err_set(&t->err, CRM_USAGE, "segment '%s' is of %s records, not %s", name,
                         crm_buf_str(&entity), ent->def->name);
    if (rc == CRM_OK) {
        struct crm_where_env env = {ent, &t->ctx, related_cb, t};
        rc = crm_where_compile(crm_buf_str(&expr), &env, cond, &t->err);
    }
    crm_buf_free(&entity);
    crm_buf_free(&expr);
    return rc;
}

/* The number of records of a segment. */
static int segment_count(struct crm_tool *t, const char *name, const struct crm_ent *ent,
                         int64_t *n)
{
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_addf(&q, "SELECT count(*) FROM %s WHERE ", ent->def->table);
    int rc = crm_segment_cond(t, name, ent, &q);
    int found;
    if (rc == CRM_OK)
        rc = crm_db_scalar_int(t->db, &q, n, &found, &t->err);
    crm_sql_free(&q);
    return rc;
}

int crm_segment_ids(struct crm_tool *t, const char *name, const struct crm_ent *ent,
                    int64_t **ids, size_t *n)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    size_t cap = 0;
    *ids = NULL;
    *n = 0;
    crm_sql_addf(&q, "SELECT id FROM %s WHERE ", ent->def->table);
    int rc = crm_segment_cond(t, name, ent, &q);
    crm_sql_add(&q, " ORDER BY id");
    if (rc == CRM_OK)
        rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    while (rc == CRM_OK) {
        int got = crm_stmt_step(st, &t->err);
        if (got <= 0) {
            rc = -got;
            break;
        }
        if (*n == cap) {
            cap = cap ? cap * 2 : 256;
            *ids = crm_xrealloc(*ids, cap * sizeof **ids);
        }
        (*ids)[(*n)++] = crm_stmt_int(st, 0);
    }
    if (rc) {
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return rc;
}

static const struct crm_col seg_cols[] = {
    {"name", CRM_COL_TEXT},       {"entity", CRM_COL_TEXT},     {"expr", CRM_COL_TEXT},
    {"created_at", CRM_COL_TEXT}, {"updated_at", CRM_COL_TEXT},
};

static int seg_print(struct crm_tool *t, const char *name)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT name, entity, expr, created_at, updated_at FROM segment");
    if (name) {
        crm_sql_add(&q, " WHERE name = ");
        crm_sql_bind_text(&q, name);
    }
    crm_sql_add(&q, " ORDER BY name");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    struct crm_out *o = crm_tool_out(t, seg_cols, 5);
    const char *vals[5];
    size_t rows = 0;
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        for (int i = 0; i < 5; i++)
            vals[i] = crm_stmt_text(st, i);
        rows++;
        if ((rc = crm_out_row(o, vals, &t->err)))
            break;
    }
    if (rc < 0)
        rc = -rc;
    if (rc == CRM_OK)
        rc = crm_out_end(o, &t->err);
    else
        crm_out_free(o);
    if (rc == CRM_OK && name && !rows)
        rc = crm_err_set(&t->err, CRM_NOTFOUND, "no segment '%s'", name);
    return rc;
}

static int seg_add(struct crm_tool *t, const char *name)
{
    const char *entity = crm_args_get(&t->args, "entity");
    const char *const *w;
    size_t nw = crm_args_all(&t->args, "where", &w);
    if (!entity || !nw)
        return crm_err_set(&t->err, CRM_USAGE,
                           "usage: crm segment add NAME --entity ENTITY -w EXPR");
    const struct crm_entity *def = crm_model_entity(entity);
    if (!def)
        return crm_err_set(&t->err, CRM_USAGE, "--entity: no entity '%s'", entity);
    if (!*name)
        return crm_err_set(&t->err, CRM_DATAERR, "a segment needs a name");
    struct crm_buf expr = CRM_BUF_INIT;
    for (size_t i = 0; i < nw; i++)
        crm_buf_printf(&expr, nw > 1 ? "%s(%s)" : "%s%s", i ? " and " : "", w[i]);
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "INSERT INTO segment (name, entity, expr, created_at, updated_at) VALUES (");
    crm_sql_bind_text(&q, name);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, entity);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, crm_buf_str(&expr));
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, ") ON CONFLICT DO NOTHING");
    int rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    crm_buf_free(&expr);
    if (rc == CRM_OK && crm_db_changes(t->db) == 0)
        return crm_err_set(&t->err, CRM_DATAERR, "segment '%s' exists already", name);
    /* The filter must compile and run: a bad one is refused (rolled back). */
    int64_t n;
    const struct crm_ent *ent = rc == CRM_OK ? crm_tool_related(t, entity) : NULL;
    if (rc == CRM_OK && !ent)
        rc = crm_err_set(&t->err, CRM_SOFTWARE, "cannot load the fields of %s", entity);
    if (rc == CRM_OK && (rc = segment_count(t, name, ent, &n)) != CRM_OK) {
        char msg[sizeof t->err.msg];
        snprintf(msg, sizeof msg, "%s", t->err.msg);
        rc = crm_err_set(&t->err, CRM_DATAERR, "segment '%s': bad filter: %s", name, msg);
    }
    if (rc == CRM_OK)
        crm_tool_note(t, "segment %s: %lld %s records", name, (long long)n, entity);
    return rc;
}

int crm_segment_verb(struct crm_tool *t)
{
    const char *sub = t->npos ? t->pos[0] : "";
    if (strcmp(sub, "add") == 0 && t->npos == 2)
        return seg_add(t, t->pos[1]);
    if (strcmp(sub, "list") == 0 && t->npos == 1)
        return seg_print(t, NULL);
    if (strcmp(sub, "show") == 0 && t->npos == 2)
        return seg_print(t, t->pos[1]);
    if (strcmp(sub, "remove") == 0 && t->npos == 2) {
        struct crm_sql q = CRM_SQL_INIT;
        crm_sql_add(&q, "DELETE FROM segment WHERE name = ");
        crm_sql_bind_text(&q, t->pos[1]);
        int rc = crm_db_exec(t->db, &q, &t->err);
        crm_sql_free(&q);
        if (rc == CRM_OK && crm_db_changes(t->db) == 0)
            rc = crm_err_set(&t->err, CRM_NOTFOUND, "no segment '%s'", t->pos[1]);
        return rc;
    }
    if (strcmp(sub, "count") == 0 && t->npos == 2) {
        struct crm_buf entity = CRM_BUF_INIT, expr = CRM_BUF_INIT;
        int rc = segment_load(t, t->pos[1], &entity, &expr);
        if (rc == CRM_USAGE)
            rc = CRM_NOTFOUND;
        const struct crm_ent *ent = rc == CRM_OK ? crm_tool_related(t, crm_buf_str(&entity)) : NULL;
        int64_t n = 0;
        if (rc == CRM_OK && !ent)
            rc = crm_err_set(&t->err, CRM_DATAERR, "segment '%s': no entity '%s'", t->pos[1],
                             crm_buf_str(&entity));
        if (rc == CRM_OK)
            rc = segment_count(t, t->pos[1], ent, &n);
        if (rc == CRM_OK) {
            printf("%lld\n", (long long)n);
            if (fflush(stdout) != 0)
                rc = crm_err_set(&t->err, CRM_IOERR, "cannot write the output");
        }
        crm_buf_free(&entity);
        crm_buf_free(&expr);
        return rc;
    }
    return crm_err_set(&t->err, CRM_USAGE,
                       "usage: crm segment add NAME --entity ENTITY -w EXPR | list | show NAME | "
                       "remove NAME | count NAME");
}
