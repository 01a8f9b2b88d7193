#include "admin.h"

#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "value.h"

const struct crm_opt crm_admin_opts[] = {
    {"write", 0, CRM_OPT_FLAG, NULL, NULL, "sql: allow statements that change the database"},
    {"since", 0, CRM_OPT_ARG, "CURSOR|DATE", NULL, "history: changes after this sequence number or from this time"},
    {"values", 0, CRM_OPT_ARG, "A,B,C", NULL, "field add: the allowed values of an enum field"},
    {"safe-csv", 0, CRM_OPT_FLAG, NULL, NULL, "neutralise spreadsheet formulas in CSV/TSV output"},
    {"reason", 0, CRM_OPT_ARG, "TEXT", NULL, "suppress add/import: why the address is suppressed"},
    {"source", 0, CRM_OPT_ARG, "TEXT", NULL, "suppress add/import: where the entry came from"},
    {"entity", 0, CRM_OPT_ARG, "ENTITY", NULL, "segment add: the entity the filter is over"},
    {NULL, 0, 0, NULL, NULL, NULL},
};

int crm_admin_init(struct crm_tool *t)
{
    struct crm_buf path = CRM_BUF_INIT;
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "init takes no arguments (use --db PATH)");
    crm_db_default_path(crm_args_get(&t->args, "db"), &path);
    int rc = crm_db_create(&t->db, crm_buf_str(&path), &t->err);
    if (rc == CRM_OK)
        crm_tool_note(t, "created %s", crm_buf_str(&path));
    crm_buf_free(&path);
    return rc;
}

/* The printer column kinds of a result, from the types in its first row. */
static void sql_columns(struct crm_stmt *st, struct crm_col *cols, int n)
{
    for (int i = 0; i < n; i++) {
        cols[i].name = crm_stmt_colname(st, i);
        cols[i].kind = crm_stmt_is_number(st, i) ? CRM_COL_NUMBER : CRM_COL_TEXT;
    }
}

static int sql_print(struct crm_tool *t, struct crm_stmt *st)
{
    int rc = crm_stmt_step(st, &t->err);
    int n = crm_stmt_ncols(st);
    if (rc < 0)
        return -rc;
    if (n == 0) {
        while (rc > 0)
            rc = crm_stmt_step(st, &t->err);
        return rc < 0 ? -rc : CRM_OK;
    }
    struct crm_col *cols = crm_xcalloc((size_t)n, sizeof *cols);
    const char **vals = crm_xcalloc((size_t)n, sizeof *vals);
    if (rc > 0)
        sql_columns(st, cols, n);
    else
        for (int i = 0; i < n; i++)
            cols[i].name = crm_stmt_colname(st, i);
    struct crm_out *o = crm_tool_out(t, cols, (size_t)n);
    while (rc > 0) {
        for (int i = 0; i < n; i++)
            vals[i] = crm_stmt_text(st, i);
        if ((rc = crm_out_row(o, vals, &t->err))) {
            rc = -rc;
            break;
        }
        rc = crm_stmt_step(st, &t->err);
    }
    if (rc < 0)
        crm_out_free(o);
    else
        rc = -crm_out_end(o, &t->err);
    free(cols);
    free(vals);
    return -rc;
}

int crm_admin_sql(struct crm_tool *t)
{
    if (t->npos != 1)
        return crm_err_set(&t->err, CRM_USAGE, "usage: crm sql 'SELECT ...' [--write]");
    int write = crm_args_has(&t->args, "write");
    const char *sql = t->pos[0], *tail = NULL;
    int rc = CRM_OK;
    while (rc == CRM_OK && sql && *sql) {
        struct crm_stmt *st = NULL;
        rc = crm_db_prepare_user(t->db, sql, &st, &tail, &t->err);
        if (rc || !st)
            break;
        if (!write && !crm_stmt_readonly(st))
            rc = crm_err_set(&t->err, CRM_USAGE,
                             "this statement changes the database; add --write to allow it");
        else
            rc = sql_print(t, st);
        crm_stmt_free(st);
        sql = tail;
    }
    return rc;
}

static void report_problem(const char *line, void *arg)
{
    int *n = arg;
    (*n)++;
    printf("%s\n", line);
}

int crm_admin_check(struct crm_tool *t)
{
    int n = 0;
    int problems = crm_db_check(t->db, report_problem, &n, &t->err);
    if (problems < 0)
        return -problems;
    if (problems)
        return crm_err_set(&t->err, CRM_NOTFOUND, "%d problem%s found in %s", problems,
                           problems == 1 ? "" : "s", crm_db_path(t->db));
    crm_tool_note(t, "check: %s is consistent", crm_db_path(t->db));
    return CRM_OK;
}

int crm_admin_backup(struct crm_tool *t)
{
    if (t->npos != 1)
        return crm_err_set(&t->err, CRM_USAGE, "usage: crm backup FILE");
    return crm_db_backup(t->db, t->pos[0], &t->err);
}

int crm_admin_history(struct crm_tool *t)
{
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "history takes no arguments (use --since)");
    return crm_history_print(t, NULL, NULL, 0, crm_args_get(&t->args, "since"));
}

/* A custom field name: lower snake_case, not a built-in field's. */
static int valid_field_name(const char *s)
{
    if (!*s || strlen(s) > 64 || !(*s >= 'a' && *s <= 'z'))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

static const struct crm_col field_cols[] = {
    {"entity", CRM_COL_TEXT}, {"name", CRM_COL_TEXT}, {"type", CRM_COL_TEXT},
    {"values", CRM_COL_TEXT}, {"created_at", CRM_COL_TEXT},
};

static int field_list(struct crm_tool *t)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT entity, name, type, vals, created_at FROM custom_field");
    if (t->npos > 1) {
        crm_sql_add(&q, " WHERE entity = ");
        crm_sql_bind_text(&q, t->pos[1]);
    }
    crm_sql_add(&q, " ORDER BY entity, created_at, name");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    struct crm_out *o = crm_tool_out(t, field_cols, 5);
    const char *vals[5];
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        for (int i = 0; i < 5; i++)
            vals[i] = crm_stmt_text(st, i);
        if ((rc = crm_out_row(o, vals, &t->err))) {
            crm_stmt_done(st);
            crm_out_free(o);
            return rc;
        }
    }
    crm_stmt_done(st);
    if (rc < 0) {
        crm_out_free(o);
        return -rc;
    }
    return crm_out_end(o, &t->err);
}

static int field_add(struct crm_tool *t, const struct crm_entity *def)
{
    enum crm_type type;
    if (t->npos != 4)
        return crm_err_set(&t->err, CRM_USAGE, "usage: crm field add ENTITY NAME TYPE [--values A,B]");
    const char *name = t->pos[2];
    if (!valid_field_name(name))
        return crm_err_set(&t->err, CRM_USAGE,
                           "invalid field name '%s': use lower snake_case (a-z, 0-9, _)", name);
    for (size_t i = 0; i < def->nfields; i++)
        if (strcmp(def->fields[i].name, name) == 0)
            return crm_err_set(&t->err, CRM_USAGE, "%s already has a built-in field '%s'",
                               def->name, name);
    if (crm_type_parse(t->pos[3], &type))
        return crm_err_set(&t->err, CRM_USAGE,
                           "unknown type '%s' (types: text, integer, decimal, money, bool, date, "
                           "datetime, enum, tags, email, phone, url)",
                           t->pos[3]);
    const char *values = crm_args_get(&t->args, "values");
    if (type == CRM_T_ENUM && (!values || !*values))
        return crm_err_set(&t->err, CRM_USAGE, "an enum field needs --values A,B,C");
    struct crm_sql q = CRM_SQL_INIT;
    int64_t n;
    int found;
    crm_sql_add(&q, "SELECT 1 FROM custom_field WHERE entity = ");
    crm_sql_bind_text(&q, def->name);
    crm_sql_add(&q, " AND name = ");
    crm_sql_bind_text(&q, name);
    int rc = crm_db_scalar_int(t->db, &q, &n, &found, &t->err);
    crm_sql_reset(&q);
    if (rc == CRM_OK && found)
        rc = crm_err_set(&t->err, CRM_DATAERR, "%s already has a custom field '%s'", def->name, name);
    if (rc == CRM_OK) {
        char now[21];
        crm_value_epoch_datetime(t->ctx.now, now);
        crm_sql_add(&q, "INSERT INTO custom_field (entity, name, type, vals, created_at) VALUES (");
        crm_sql_bind_text(&q, def->name);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, name);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, crm_type_name(type));
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, type == CRM_T_ENUM ? values : NULL);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, ")");
        rc = crm_db_exec(t->db, &q, &t->err);
    }
    crm_sql_free(&q);
    return rc;
}

static int field_remove(struct crm_tool *t, const struct crm_entity *def)
{
    if (t->npos != 3)
        return crm_err_set(&t->err, CRM_USAGE, "usage: crm field remove ENTITY NAME");
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "DELETE FROM custom_field WHERE entity = ");
    crm_sql_bind_text(&q, def->name);
    crm_sql_add(&q, " AND name = ");
    crm_sql_bind_text(&q, t->pos[2]);
    int rc = crm_db_exec(t->db, &q, &t->err);
    if (rc == CRM_OK && crm_db_changes(t->db) == 0)
        rc = crm_err_set(&t->err, CRM_NOTFOUND, "%s has no custom field '%s'", def->name, t->pos[2]);
    if (rc == CRM_OK) {
        /* The values go with the field: remove the key from every record. */
        crm_sql_reset(&q);
        crm_sql_addf(&q, "UPDATE \"%s\" SET custom = nullif(json_remove(json_remove(custom, ", def->table);
        struct crm_buf p = CRM_BUF_INIT;
        crm_buf_printf(&p, "$.\"%s\"", t->pos[2]);
        crm_sql_bind_text(&q, crm_buf_str(&p));
        crm_sql_add(&q, "), ");
        crm_buf_reset(&p);
        crm_buf_printf(&p, "$.\"%s@key\"", t->pos[2]);
        crm_sql_bind_text(&q, crm_buf_str(&p));
        crm_sql_add(&q, "), '{}') WHERE custom IS NOT NULL");
        crm_buf_free(&p);
        rc = crm_db_exec(t->db, &q, &t->err);
    }
    crm_sql_free(&q);
    return rc;
}

int crm_admin_field(struct crm_tool *t)
{
    const char *sub = t->npos ? t->pos[0] : "list";
    if (strcmp(sub, "list") == 0)
        return field_list(t);
    if (t->npos < 2)
        return crm_err_set(&t->err, CRM_USAGE, "usage: crm field add|remove ENTITY NAME ...");
    const struct crm_entity *def = crm_model_entity(t->pos[1]);
    if (!def)
        return crm_err_set(&t->err, CRM_USAGE, "unknown entity '%s' (contact, account, user)",
                           t->pos[1]);
    if (strcmp(sub, "add") == 0)
        return field_add(t, def);
    if (strcmp(sub, "remove") == 0)
        return field_remove(t, def);
    return crm_err_set(&t->err, CRM_USAGE, "unknown field verb '%s' (add, list, remove)", sub);
}
