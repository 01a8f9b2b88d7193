/*
 * suppress.c - the suppression list (crm suppress): addresses and whole
 * @domains that are never mailed, whatever list they are on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "input.h"
#include "marketing.h"
#include "sha256.h"
#include "utf8.h"
#include "value.h"

/* The stored form of an entry: a case-folded address or "@domain". */
static int entry_key(struct crm_tool *t, const char *s, struct crm_buf *key, const char *where)
{
    struct crm_err e = {0};
    struct crm_buf norm = CRM_BUF_INIT;
    crm_buf_reset(key);
    while (*s == ' ' || *s == '\t')
        s++;
    int rc = CRM_OK;
    if (*s == '@') {
        /* A domain: check it as the domain of an address. */
        struct crm_buf probe = CRM_BUF_INIT, pk = CRM_BUF_INIT;
        crm_buf_printf(&probe, "x%s", s);
        if (!s[1] || strchr(s + 1, '@') || crm_value_parse_email(crm_buf_str(&probe), &norm, &pk, &e))
            rc = crm_err_set(&t->err, CRM_DATAERR, "%s'%s' is no valid @domain", where, s);
        else
            crm_buf_puts(key, strchr(crm_buf_str(&pk), '@'));
        crm_buf_free(&probe);
        crm_buf_free(&pk);
    } else if (crm_value_parse_email(s, &norm, key, &e)) {
        rc = crm_err_set(&t->err, CRM_DATAERR, "%s'%s' is no valid email address or @domain", where,
                         s);
    }
    crm_buf_free(&norm);
    return rc;
}

int crm_suppress_check(struct crm_tool *t, const char *key, const char **reason)
{
    *reason = NULL;
    const char *at = strrchr(key, '@');
    struct crm_sql q = CRM_SQL_INIT;
    int64_t one;
    int found;
    crm_sql_add(&q, "SELECT 1 FROM suppression WHERE value IN (");
    crm_sql_bind_text(&q, key);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, at ? at : key);
    crm_sql_add(&q, ")");
    int rc = crm_db_scalar_int(t->db, &q, &one, &found, &t->err);
    crm_sql_free(&q);
    if (rc)
        return -rc;
    if (found) {
        *reason = "suppressed";
        return 0;
    }
    char hex[65];
    crm_sha256_hex(key, strlen(key), hex);
    crm_sql_add(&q, "SELECT 1 FROM crm_tombstone WHERE kind = 'email' AND hash = ");
    crm_sql_bind_text(&q, hex);
    rc = crm_db_scalar_int(t->db, &q, &one, &found, &t->err);
    crm_sql_free(&q);
    if (rc)
        return -rc;
    if (found)
        *reason = "erased";
    return 0;
}

static int add_entry_at(struct crm_tool *t, const char *key, const char *reason,
                        const char *source, const char *now, int *added)
{
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "INSERT OR IGNORE INTO suppression (value, reason, source, added) VALUES (");
    crm_sql_bind_text(&q, key);
    crm_sql_add(&q, ", ");
    if (reason && *reason)
        crm_sql_bind_text(&q, reason);
    else
        crm_sql_bind_null(&q);
    crm_sql_add(&q, ", ");
    if (source && *source)
        crm_sql_bind_text(&q, source);
    else
        crm_sql_bind_null(&q);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, ")");
    int rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    *added = rc == CRM_OK && crm_db_changes(t->db) > 0;
    return rc;
}

static int add_entry(struct crm_tool *t, const char *key, const char *reason, const char *source,
                     int *added)
{
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    return add_entry_at(t, key, reason, source, now, added);
}

int crm_suppress_put(struct crm_tool *t, const char *key, const char *reason, const char *source,
                     const char *at)
{
    int added;
    return add_entry_at(t, key, reason, source, at, &added);
}

static const struct crm_col sup_cols[] = {
    {"value", CRM_COL_TEXT}, {"reason", CRM_COL_TEXT}, {"source", CRM_COL_TEXT},
    {"added", CRM_COL_TEXT}};

static int sup_list(struct crm_tool *t)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT value, reason, source, added FROM suppression ORDER BY value");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    struct crm_out *o = crm_tool_out(t, sup_cols, 4);
    const char *vals[4];
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        for (int i = 0; i < 4; i++)
            vals[i] = crm_stmt_text(st, i);
        if ((rc = crm_out_row(o, vals, &t->err)))
            break;
    }
    if (rc < 0)
        rc = -rc;
    if (rc == CRM_OK)
        return crm_out_end(o, &t->err);
    crm_out_free(o);
    return rc;
}

/* import: CSV/JSON records with a value (or email) column, reason, source. */
static int sup_import(struct crm_tool *t)
{
    struct crm_input *in = NULL;
    struct crm_record_in rec;
    struct crm_buf key = CRM_BUF_INIT, where = CRM_BUF_INIT;
    size_t n = 0, added = 0;
    int rc = crm_input_open(&in, stdin, "-", CRM_IN_AUTO, 0, &t->err);
    while (rc == CRM_OK) {
        int got = crm_input_next(in, &rec, &t->err);
        if (got <= 0) {
            rc = -got;
            break;
        }
        const char *value = NULL, *reason = crm_args_get(&t->args, "reason"),
                   *source = crm_args_get(&t->args, "source");
        for (size_t i = 0; i < rec.n; i++) {
            if (strcmp(rec.keys[i], "value") == 0 || strcmp(rec.keys[i], "email") == 0)
                value = rec.vals[i];
            else if (strcmp(rec.keys[i], "reason") == 0 && rec.vals[i])
                reason = rec.vals[i];
            else if (strcmp(rec.keys[i], "source") == 0 && rec.vals[i])
                source = rec.vals[i];
        }
        crm_buf_reset(&where);
        crm_buf_printf(&where, "stdin:%zu: ", rec.line);
        if (!value || !*value) {
            rc = crm_err_set(&t->err, CRM_DATAERR, "%sno value (an address or @domain)",
                             crm_buf_str(&where));
            break;
        }
        int a;
        if ((rc = entry_key(t, value, &key, crm_buf_str(&where))) ||
            (rc = add_entry(t, crm_buf_str(&key), reason, source, &a)))
            break;
        n++;
        added += (size_t)a;
    }
    if (in)
        crm_input_close(in);
    crm_buf_free(&key);
    crm_buf_free(&where);
    if (rc == CRM_OK)
        crm_tool_note(t, "%zu entries read, %zu new", n, added);
    return rc;
}

/* filter: every line of stdin whose address may be mailed goes to stdout.
 * A line is an address, or CSV whose first field is one; lines that are no
 * address at all (a header) pass through unchanged. */
static int sup_filter(struct crm_tool *t)
{
    char *line = NULL;
    size_t cap = 0, dropped = 0;
    ssize_t len;
    struct crm_buf key = CRM_BUF_INIT, norm = CRM_BUF_INIT, first = CRM_BUF_INIT;
    int rc = CRM_OK;
    while (rc == CRM_OK && (len = getline(&line, &cap, stdin)) > 0) {
        crm_buf_reset(&first);
        const char *p = line;
        if (*p == '"') {
            p++;
            while (*p && *p != '"')
                crm_buf_putc(&first, *p++);
        } else {
            while (*p && *p != ',' && *p != '\n' && *p != '\r')
                crm_buf_putc(&first, *p++);
        }
        struct crm_err e = {0};
        crm_buf_reset(&key);
        crm_buf_reset(&norm);
        const char *why = NULL;
        if (crm_value_parse_email(crm_buf_str(&first), &norm, &key, &e) == CRM_OK) {
            rc = -crm_suppress_check(t, crm_buf_str(&key), &why);
            if (rc)
                break;
        }
        if (why) {
            dropped++;
            continue;
        }
        if (fwrite(line, 1, (size_t)len, stdout) != (size_t)len)
            rc = crm_err_set(&t->err, CRM_IOERR, "cannot write the output");
    }
    free(line);
    crm_buf_free(&key);
    crm_buf_free(&norm);
    crm_buf_free(&first);
    if (rc == CRM_OK)
        crm_tool_note(t, "%zu lines dropped", dropped);
    return rc;
}

int crm_suppress_verb(struct crm_tool *t)
{
    const char *sub = t->npos ? t->pos[0] : "";
    struct crm_buf key = CRM_BUF_INIT;
    int rc;
    if (strcmp(sub, "add") == 0 && t->npos == 2) {
        int added;
        rc = entry_key(t, t->pos[1], &key, "");
        if (rc == CRM_OK)
            rc = add_entry(t, crm_buf_str(&key), crm_args_get(&t->args, "reason"),
                           crm_args_get(&t->args, "source"), &added);
        if (rc == CRM_OK && !added)
            crm_tool_note(t, "%s is suppressed already", crm_buf_str(&key));
        crm_buf_free(&key);
        return rc;
    }
    if (strcmp(sub, "remove") == 0 && t->npos == 2) {
        rc = entry_key(t, t->pos[1], &key, "");
        if (rc == CRM_OK) {
            struct crm_sql q = CRM_SQL_INIT;
            crm_sql_add(&q, "DELETE FROM suppression WHERE value = ");
            crm_sql_bind_text(&q, crm_buf_str(&key));
            rc = crm_db_exec(t->db, &q, &t->err);
            crm_sql_free(&q);
            if (rc == CRM_OK && crm_db_changes(t->db) == 0)
                rc = crm_err_set(&t->err, CRM_NOTFOUND, "%s is not on the suppression list",
                                 crm_buf_str(&key));
        }
        crm_buf_free(&key);
        return rc;
    }
    if (strcmp(sub, "list") == 0 && t->npos == 1)
        return sup_list(t);
    if (strcmp(sub, "import") == 0 && t->npos == 2 && strcmp(t->pos[1], "-") == 0)
        return sup_import(t);
    if (strcmp(sub, "filter") == 0 && t->npos == 1)
        return sup_filter(t);
    return crm_err_set(&t->err, CRM_USAGE,
                       "usage: crm suppress add|remove ADDRESS|@DOMAIN | list | import - | filter");
}

const char *const crm_suppress_opts[] = {"reason", "source", NULL};
