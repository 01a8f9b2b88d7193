/*
 * custbase.c - export (vCard options), query, who, dossier, erase of
 * crm-contact (custbase.h).
 */
#include "custbase.h"

#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "phone.h"

int crm_verb_contact_export(struct crm_tool *t)
{
    const char *v = crm_args_get(&t->args, "vcard-version");
    if (v) {
        if (strcmp(v, "4.0") == 0 || strcmp(v, "4") == 0)
            t->oopts.vcard_version = 40;
        else if (strcmp(v, "3.0") == 0 || strcmp(v, "3") == 0)
            t->oopts.vcard_version = 30;
        else
            return crm_err_set(&t->err, CRM_USAGE, "--vcard-version: expected 4.0 or 3.0, got '%s'",
                               v);
        if (t->fmt != CRM_OUT_VCARD)
            return crm_err_set(&t->err, CRM_USAGE, "--vcard-version goes with -f vcard");
    }
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "export takes no arguments (use --where)");
    /* A vCard names the account: the derived account_name comes too. */
    return crm_entity_print(t, NULL, t->fmt == CRM_OUT_VCARD ? 1 : 2);
}


/* ---- query: the mutt/aerc external address query ------------------------ */

/* FTS5 terms: each word quoted and made a prefix, all required. */
static int prefix_terms(struct crm_tool *t, struct crm_buf *out)
{
    for (size_t i = 0; i < t->npos; i++) {
        const char *s = t->pos[i];
        while (*s) {
            size_t n = strcspn(s, " \t\n");
            if (n) {
                if (out->len)
                    crm_buf_putc(out, ' ');
                crm_buf_putc(out, '"');
                for (size_t k = 0; k < n; k++) {
                    if (s[k] == '"')
                        crm_buf_putc(out, '"');
                    crm_buf_putc(out, s[k]);
                }
                crm_buf_puts(out, "\"*");
            }
            s += n;
            while (*s == ' ' || *s == '\t' || *s == '\n')
                s++;
        }
    }
    if (!out->len)
        return crm_err_set(&t->err, CRM_USAGE, "query what? give a part of a name or address");
    return CRM_OK;
}

int crm_verb_query(struct crm_tool *t)
{
    struct crm_buf terms = CRM_BUF_INIT, cterms = CRM_BUF_INIT, aterms = CRM_BUF_INIT;
    int rc = prefix_terms(t, &terms);
    if (rc) {
        crm_buf_free(&terms);
        return rc;
    }
    crm_buf_printf(&cterms, "{first_name last_name email} : (%s)", crm_buf_str(&terms));
    crm_buf_printf(&aterms, "name : (%s)", crm_buf_str(&terms));
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT c.email, trim(coalesce(c.first_name, '') || ' ' || "
                    "coalesce(c.last_name, '')), a.name FROM contact c "
                    "LEFT JOIN account a ON a.id = c.account_id WHERE c.email IS NOT NULL AND "
                    "(c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ");
    crm_sql_bind_text(&q, crm_buf_str(&cterms));
    crm_sql_add(&q, ") OR c.account_id IN (SELECT rowid FROM account_fts WHERE account_fts MATCH ");
    crm_sql_bind_text(&q, crm_buf_str(&aterms));
    crm_sql_add(&q, ")) ORDER BY c.last_name, c.first_name, c.email LIMIT ");
    const char *lim = crm_args_get(&t->args, "limit");
    crm_sql_bind_int(&q, lim ? strtoll(lim, NULL, 10) : 500);
    rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    struct crm_buf lines = CRM_BUF_INIT;
    size_t n = 0;
    while (rc == CRM_OK && (rc = crm_stmt_step(st, &t->err)) > 0) {
        for (int c = 0; c < 3; c++) {
            const char *v = crm_stmt_text(st, c);
            for (; v && *v; v++) /* a tab or newline would break the format */
                crm_buf_putc(&lines, *v == '\t' || *v == '\n' || *v == '\r' ? ' ' : *v);
            crm_buf_putc(&lines, c < 2 ? '\t' : '\n');
        }
        n++;
        rc = 0;
    }
    if (rc < 0)
        rc = -rc;
    if (rc == CRM_OK) {
        crm_stmt_done(st);
        /* The first line is for people; mutt and aerc skip it. */
        printf("crm: %zu match%s for", n, n == 1 ? "" : "es");
        for (size_t i = 0; i < t->npos; i++)
            printf(" %s", t->pos[i]);
        printf("\n");
        fwrite(lines.s ? lines.s : "", 1, lines.len, stdout);
        if (n == 0)
            rc = CRM_NOTFOUND;
    }
    crm_buf_free(&lines);
    crm_buf_free(&terms);
    crm_buf_free(&cterms);
    crm_buf_free(&aterms);
    return rc;
}

/* ---- who: caller identification ----------------------------------------- */

/* The records of every entity that refer to contact id (crm_model_children),
 * as a JSON object {"deal": [ids], ...}; NULL when there are none. */
static int related_json(struct crm_tool *t, const struct crm_entity *def, int64_t id,
                        struct crm_buf *out)
{
    struct crm_relation_child ch[64];
    size_t nch = crm_model_children(def, ch, 64);
    int rc = CRM_OK, any = 0;
    crm_buf_reset(out);
    for (size_t k = 0; k < nch && k < 64 && rc == CRM_OK; k++) {
        int64_t *ids;
        size_t n;
        if ((rc = crm_rec_child_ids(t, &ch[k], id, &ids, &n)) || !n) {
            free(ids);
            continue;
        }
        crm_buf_printf(out, "%s\"%s%s%s\":[", any ? "," : "{", ch[k].entity->name,
                       strcmp(ch[k].field, def->name) == 0 ? "" : ".",
                       strcmp(ch[k].field, def->name) == 0 ? "" : ch[k].field);
        for (size_t i = 0; i < n; i++)
            crm_buf_printf(out, "%s%lld", i ? "," : "", (long long)ids[i]);
        crm_buf_putc(out, ']');
        any = 1;
        free(ids);
    }
    if (any)
        crm_buf_putc(out, '}');
    return rc;
}

int crm_verb_who(struct crm_tool *t)
{
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE, "who calls? give a telephone number");
    struct crm_buf num = CRM_BUF_INIT, key = CRM_BUF_INIT;
    for (size_t i = 0; i < t->npos; i++)
        crm_buf_printf(&num, "%s%s", i ? " " : "", t->pos[i]);
    int rc = crm_phone_normalize(crm_buf_str(&num), t->ctx.country, &key, &t->err);
    if (rc) {
        crm_buf_free(&num);
        crm_buf_free(&key);
        return rc;
    }
    /* A number stored without a known country has its digits as the key. */
    const char *k1 = crm_buf_str(&key), *k2 = k1[0] == '+' ? k1 + 1 : k1;
    static const struct crm_col cols[] = {
        {"kind", CRM_COL_TEXT},  {"id", CRM_COL_NUMBER},  {"name", CRM_COL_TEXT},
        {"account", CRM_COL_TEXT}, {"account_id", CRM_COL_NUMBER}, {"email", CRM_COL_TEXT},
        {"phone", CRM_COL_TEXT}, {"related", CRM_COL_JSON}};
    struct crm_out *o = crm_tool_out(t, cols, 8);
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    size_t found = 0;
    struct crm_buf rel = CRM_BUF_INIT;
    for (int pass = 0; pass < 2 && rc == CRM_OK; pass++) {
        crm_sql_reset(&q);
        if (pass == 0) {
            crm_sql_add(&q, "SELECT c.id, trim(coalesce(c.first_name, '') || ' ' || "
                            "coalesce(c.last_name, '')), a.name, c.account_id, c.email, "
                            "coalesce(CASE WHEN c.phone_key IN (");
            crm_sql_bind_text(&q, k1);
            crm_sql_add(&q, ", ");
            crm_sql_bind_text(&q, k2);
            crm_sql_add(&q, ") THEN c.phone END, c.mobile) FROM contact c LEFT JOIN account a ON "
                            "a.id = c.account_id WHERE c.id IN (SELECT id FROM contact WHERE "
                            "phone_key IN (");
            crm_sql_bind_text(&q, k1);
            crm_sql_add(&q, ", ");
            crm_sql_bind_text(&q, k2);
            crm_sql_add(&q, ") UNION SELECT id FROM contact WHERE mobile_key IN (");
            crm_sql_bind_text(&q, k1);
            crm_sql_add(&q, ", ");
            crm_sql_bind_text(&q, k2);
            crm_sql_add(&q, ")) ORDER BY c.id LIMIT 50");
        } else {
            crm_sql_add(&q, "SELECT a.id, a.name, NULL, NULL, a.email, a.phone FROM account a "
                            "WHERE a.phone_key IN (");
            crm_sql_bind_text(&q, k1);
            crm_sql_add(&q, ", ");
            crm_sql_bind_text(&q, k2);
            crm_sql_add(&q, ") ORDER BY a.id LIMIT 50");
        }
        if ((rc = crm_db_query(t->db, &q, &st, &t->err)))
            break;
        /* Rows are copied first: related_json runs queries of its own. */
        struct row {
            char *v[6];
            int64_t id;
        } *rows = NULL;
        size_t nrows = 0;
        while ((rc = crm_stmt_step(st, &t->err)) > 0) {
            rows = crm_xrealloc(rows, (nrows + 1) * sizeof *rows);
            rows[nrows].id = crm_stmt_int(st, 0);
            for (int c = 0; c < 6; c++) {
                const char *v = crm_stmt_text(st, c);
                rows[nrows].v[c] = v ? crm_xstrdup(v) : NULL;
            }
            nrows++;
        }
        rc = rc < 0 ? -rc : CRM_OK;
        crm_stmt_done(st);
        const struct crm_entity *def = pass == 0 ? &crm_entity_contact : &crm_entity_account;
        for (size_t i = 0; i < nrows; i++) {
            if (rc == CRM_OK)
                rc = related_json(t, def, rows[i].id, &rel);
            const char *vals[8] = {def->name, rows[i].v[0], rows[i].v[1], rows[i].v[2],
                                   rows[i].v[3], rows[i].v[4], rows[i].v[5],
                                   rel.len ? rel.s : NULL};
            if (rc == CRM_OK)
                rc = crm_out_row(o, vals, &t->err);
            for (int c = 0; c < 6; c++)
                free(rows[i].v[c]);
            found++;
        }
        free(rows);
    }
    crm_sql_free(&q);
    if (rc == CRM_OK) {
        rc = crm_out_end(o, &t->err);
        if (rc == CRM_OK && !found)
            rc = crm_err_set(&t->err, CRM_NOTFOUND, "no contact or account with phone %s (%s)",
                             crm_buf_str(&num), k1);
    } else {
        crm_out_free(o);
    }
    crm_buf_free(&rel);
    crm_buf_free(&num);
    crm_buf_free(&key);
    return rc;
}
