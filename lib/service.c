/*
 * service.c - helpers shared by the customer-service verbs (kb.c,
 * contract.c, ticket.c).
 */
#include "service.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "entity.h"

int crm_svc_change(struct crm_tool *t, int64_t id, const char *const *names,
                   const char *const *values, size_t n)
{
    struct crm_rec old, r;
    int changed = 0, rc = CRM_OK;
    crm_rec_init(&old, t->ent.nfields);
    crm_rec_init(&r, t->ent.nfields);
    int got = crm_rec_load(t, id, &old);
    if (got < 0)
        rc = -got;
    else if (got == 0)
        rc = crm_err_set(&t->err, CRM_NOTFOUND, "no %s with id %" PRId64, t->def->name, id);
    for (size_t i = 0; i < n && rc == CRM_OK; i++) {
        const struct crm_field *f = crm_ent_field(&t->ent, names[i]);
        if (!f) {
            rc = crm_err_set(&t->err, CRM_SOFTWARE, "no field %s", names[i]);
            break;
        }
        rc = crm_rec_set(t, &r, f, values[i] ? values[i] : "", &old);
    }
    if (rc == CRM_OK)
        rc = crm_rec_update(t, id, &old, &r, &changed);
    crm_rec_free(&old);
    crm_rec_free(&r);
    return rc;
}

static int number_used(struct crm_tool *t, const char *table, const char *number, int *used)
{
    struct crm_sql q = CRM_SQL_INIT;
    int64_t v;
    crm_sql_addf(&q, "SELECT 1 FROM \"%s\" WHERE number = ", table);
    crm_sql_bind_text(&q, number);
    int rc = crm_db_scalar_int(t->db, &q, &v, used, &t->err);
    crm_sql_free(&q);
    return rc;
}

int crm_svc_next_number(struct crm_tool *t, const char *series, const char *prefix,
                        const char *table, char *out, size_t outlen)
{
    struct crm_sql q = CRM_SQL_INIT;
    int64_t next = 1;
    int found, used = 1, rc;
    crm_sql_add(&q, "SELECT next FROM service_seq WHERE name = ");
    crm_sql_bind_text(&q, series);
    rc = crm_db_scalar_int(t->db, &q, &next, &found, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    if (!found)
        next = 1;
    /* Numbers given by hand or by an import may have taken the next ones. */
    while (rc == CRM_OK && used) {
        snprintf(out, outlen, "%s-%06" PRId64, prefix, next++);
        rc = number_used(t, table, out, &used);
    }
    if (rc)
        return rc;
    crm_sql_add(&q, "INSERT INTO service_seq (name, next) VALUES (");
    crm_sql_bind_text(&q, series);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, next);
    crm_sql_add(&q, ") ON CONFLICT (name) DO UPDATE SET next = excluded.next");
    rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    return rc;
}

int crm_svc_record_id(struct crm_tool *t, const char *arg, int64_t *id)
{
    struct crm_field self = {t->def->name, CRM_T_REF, 0, NULL, NULL, t->def->name, NULL, 0, NULL,
                             NULL};
    int rc = crm_ref_resolve(t, &self, arg, id);
    if (rc == CRM_DATAERR)
        return crm_err_set(&t->err, CRM_NOTFOUND, "no %s '%s'", t->def->name, arg);
    return rc;
}

int crm_svc_get_text(struct crm_tool *t, const char *table, const char *column, int64_t id,
                     struct crm_buf *out, int *isnull)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_addf(&q, "SELECT \"%s\" FROM \"%s\" WHERE id = ", column, table);
    crm_sql_bind_int(&q, id);
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return -rc;
    crm_buf_reset(out);
    *isnull = 1;
    rc = crm_stmt_step(st, &t->err);
    if (rc > 0 && !crm_stmt_is_null(st, 0)) {
        crm_buf_puts(out, crm_stmt_text(st, 0));
        *isnull = 0;
    }
    crm_stmt_done(st);
    return rc;
}

/*
 * The record functions of entity.h work on the tool's entity (t->ent,
 * t->def); for one insert into another entity the tool is pointed at that
 * entity's view for the time of the call, so that defaults, checks,
 * uniqueness and the history are exactly those of its own tool.
 */
int crm_svc_insert_other(struct crm_tool *t, const char *entity, const char *const *names,
                         const char *const *values, size_t n, int64_t *id)
{
    const struct crm_ent *oe = crm_tool_related(t, entity);
    if (!oe)
        return crm_err_set(&t->err, CRM_SOFTWARE, "no entity %s", entity);
    struct crm_ent saved = t->ent;
    const struct crm_entity *saved_def = t->def;
    t->ent = *oe;
    t->def = oe->def;
    struct crm_rec r;
    int rc = CRM_OK;
    crm_rec_init(&r, t->ent.nfields);
    for (size_t i = 0; i < n && rc == CRM_OK; i++) {
        const struct crm_field *f = crm_ent_field(&t->ent, names[i]);
        if (!f)
            rc = crm_err_set(&t->err, CRM_SOFTWARE, "%s has no field %s", entity, names[i]);
        else if (values[i] && *values[i])
            rc = crm_rec_set(t, &r, f, values[i], NULL);
    }
    if (rc == CRM_OK)
        rc = crm_rec_insert(t, &r, id);
    crm_rec_free(&r);
    t->ent = saved;
    t->def = saved_def;
    return rc;
}
