/*
 * custbase.c - export (vCard options), query, who, dossier, erase of
 * crm-contact (custbase.h).
 */
#include "custbase.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "history.h"
#include "phone.h"
#include "sha256.h"
#include "value.h"

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

/* The ids of the open records of one relation that refer to id: those whose
 * "status" or "stage" (when the entity has one) is not a closed word. */
static int open_child_ids(struct crm_tool *t, const struct crm_relation_child *c, int64_t id,
                          int64_t **ids, size_t *n)
{
    static const char *const closed[] = {"won",  "lost",     "closed",   "resolved", "done",
                                         "cancelled", "canceled", "completed", "rejected", NULL};
    const struct crm_ent *ce = crm_tool_related(t, c->entity->name);
    const struct crm_field *cf = ce ? crm_ent_field(ce, c->field) : NULL;
    const struct crm_field *sf = ce ? crm_ent_field(ce, "status") : NULL;
    if (ce && !sf)
        sf = crm_ent_field(ce, "stage");
    *ids = NULL;
    *n = 0;
    if (!cf)
        return CRM_OK;
    if (!sf)
        return crm_rec_child_ids(t, c, id, ids, n);
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_addf(&q, "SELECT id FROM \"%s\" WHERE ", ce->def->table);
    crm_field_sql_value(cf, NULL, &q);
    crm_sql_add(&q, " = ");
    crm_sql_bind_int(&q, id);
    crm_sql_add(&q, " AND coalesce(lower(");
    crm_field_sql_value(sf, NULL, &q);
    crm_sql_add(&q, "), '') NOT IN (");
    for (size_t i = 0; closed[i]; i++) {
        if (i)
            crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, closed[i]);
    }
    crm_sql_add(&q, ") ORDER BY id");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        *ids = crm_xrealloc(*ids, (*n + 1) * sizeof **ids);
        (*ids)[(*n)++] = crm_stmt_int(st, 0);
    }
    crm_stmt_done(st);
    return rc < 0 ? -rc : CRM_OK;
}

/* The open records of every entity that refer to record id
 * (crm_model_children), as a JSON object {"deal": [ids], ...}; empty when
 * there are none. */
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
        if ((rc = open_child_ids(t, &ch[k], id, &ids, &n)) || !n) {
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
    if (t->fmt == CRM_OUT_VCARD)
        return crm_err_set(&t->err, CRM_USAGE, "-f vcard is for records (list, show, export)");
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

/* ---- dossier: everything about one person -------------------------------- */

static json_t *json_text(const char *s)
{
    if (!s)
        return json_null();
    if (s[0] == '{' || s[0] == '[') {
        json_t *j = json_loads(s, 0, NULL);
        if (j)
            return j;
    }
    return json_string(s);
}

static int history_json(struct crm_tool *t, const char *entity, int64_t id, json_t **out)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT seq, at, user, action, field, old, new FROM history WHERE entity = ");
    crm_sql_bind_text(&q, entity);
    crm_sql_add(&q, " AND record_id = ");
    crm_sql_bind_int(&q, id);
    crm_sql_add(&q, " ORDER BY seq");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    *out = json_array();
    if (rc)
        return rc;
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        json_t *h = json_object();
        json_object_set_new(h, "seq", json_integer(crm_stmt_int(st, 0)));
        json_object_set_new(h, "at", json_text(crm_stmt_text(st, 1)));
        json_object_set_new(h, "user", json_text(crm_stmt_text(st, 2)));
        json_object_set_new(h, "action", json_text(crm_stmt_text(st, 3)));
        json_object_set_new(h, "field", json_text(crm_stmt_text(st, 4)));
        json_object_set_new(h, "old", json_text(crm_stmt_text(st, 5)));
        json_object_set_new(h, "new", json_text(crm_stmt_text(st, 6)));
        json_array_append_new(*out, h);
    }
    crm_stmt_done(st);
    return rc < 0 ? -rc : CRM_OK;
}

/* A record of any entity as a JSON object of display values, or NULL. */
static int record_json(struct crm_tool *t, const struct crm_ent *e, int64_t id, json_t **out)
{
    struct crm_rec r;
    crm_rec_init(&r, e->nfields);
    int got = crm_rec_load_in(t, e, id, &r);
    *out = NULL;
    if (got > 0) {
        struct crm_buf b = CRM_BUF_INIT;
        crm_rec_json(e, &r, &b);
        *out = json_loads(crm_buf_str(&b), 0, NULL);
        crm_buf_free(&b);
    }
    crm_rec_free(&r);
    return got < 0 ? -got : CRM_OK;
}

static const char *rel_name(const struct crm_relation_child *c, const struct crm_entity *def,
                            char *buf, size_t n)
{
    /* "deal" when the ref field is named after us, else "deal.owner_contact" */
    if (strcmp(c->field, def->name) == 0)
        snprintf(buf, n, "%s", c->entity->name);
    else
        snprintf(buf, n, "%s.%s", c->entity->name, c->field);
    return buf;
}

static int merges_json(struct crm_tool *t, int64_t id, json_t **out)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT dup_id, at, user, dup_record, undone_at FROM crm_merge WHERE entity = ");
    crm_sql_bind_text(&q, t->def->name);
    crm_sql_add(&q, " AND keep_id = ");
    crm_sql_bind_int(&q, id);
    crm_sql_add(&q, " ORDER BY id");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    *out = json_array();
    if (rc)
        return rc;
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        json_t *m = json_object();
        json_object_set_new(m, "duplicate", json_integer(crm_stmt_int(st, 0)));
        json_object_set_new(m, "at", json_text(crm_stmt_text(st, 1)));
        json_object_set_new(m, "user", json_text(crm_stmt_text(st, 2)));
        json_object_set_new(m, "record", json_text(crm_stmt_text(st, 3)));
        json_object_set_new(m, "undone_at", json_text(crm_stmt_text(st, 4)));
        json_array_append_new(*out, m);
    }
    crm_stmt_done(st);
    return rc < 0 ? -rc : CRM_OK;
}

static int dossier_one(struct crm_tool *t, int64_t id, json_t **out)
{
    json_t *d = json_object(), *rec, *hist, *j;
    int rc = record_json(t, &t->ent, id, &rec);
    *out = d;
    if (rc)
        return rc;
    if (!rec)
        return crm_err_set(&t->err, CRM_NOTFOUND, "no %s with id %" PRId64, t->def->name, id);
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    json_object_set_new(d, "entity", json_string(t->def->name));
    json_object_set_new(d, "id", json_integer(id));
    json_object_set_new(d, "generated_at", json_string(now));
    json_object_set_new(d, "record", rec);
    /* The records it refers to (its account...). */
    json_t *refs = json_object();
    for (size_t i = 0; i < t->ent.nfields && rc == CRM_OK; i++) {
        const struct crm_field *f = &t->ent.fields[i];
        json_t *v = json_object_get(rec, f->name);
        if (f->type != CRM_T_REF || !json_is_string(v))
            continue;
        const struct crm_ent *re = crm_tool_related(t, f->ref);
        if (re && (rc = record_json(t, re, strtoll(json_string_value(v), NULL, 10), &j)) == CRM_OK &&
            j)
            json_object_set_new(refs, f->name, j);
    }
    json_object_set_new(d, "refers_to", refs);
    if (rc == CRM_OK && (rc = history_json(t, t->def->name, id, &hist)) == CRM_OK)
        json_object_set_new(d, "history", hist);
    else if (rc == CRM_OK || hist)
        json_decref(hist);
    /* Every record of every entity that refers to it, with its history. */
    json_t *related = json_object();
    struct crm_relation_child ch[64];
    size_t nch = crm_model_children(t->def, ch, 64);
    for (size_t k = 0; k < nch && k < 64 && rc == CRM_OK; k++) {
        const struct crm_ent *ce = crm_tool_related(t, ch[k].entity->name);
        int64_t *ids;
        size_t n;
        char name[128];
        if (!ce || (rc = crm_rec_child_ids(t, &ch[k], id, &ids, &n)))
            continue;
        json_t *list = json_array();
        for (size_t i = 0; i < n && rc == CRM_OK; i++) {
            json_t *cr, *ch_hist;
            if ((rc = record_json(t, ce, ids[i], &cr)) || !cr)
                continue;
            if ((rc = history_json(t, ch[k].entity->name, ids[i], &ch_hist)) == CRM_OK)
                json_object_set_new(cr, "history", ch_hist);
            else
                json_decref(ch_hist);
            json_array_append_new(list, cr);
        }
        free(ids);
        json_object_set_new(related, rel_name(&ch[k], t->def, name, sizeof name), list);
    }
    json_object_set_new(d, "related", related);
    if (rc == CRM_OK && (rc = merges_json(t, id, &j)) == CRM_OK)
        json_object_set_new(d, "merged_duplicates", j);
    return rc;
}

int crm_verb_dossier(struct crm_tool *t)
{
    int64_t *ids;
    size_t n;
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE, "whose dossier? give a %s id", t->def->name);
    int rc = crm_entity_collect_ids(t, 0, t->npos, &ids, &n);
    json_t *all = json_array();
    for (size_t i = 0; i < n && rc == CRM_OK; i++) {
        json_t *d;
        rc = dossier_one(t, ids[i], &d);
        json_array_append_new(all, d);
    }
    if (rc == CRM_OK) {
        json_t *top = n == 1 ? json_array_get(all, 0) : all;
        char *s = json_dumps(top, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (s) {
            fputs(s, stdout);
            fputc('\n', stdout);
            free(s);
        }
    }
    json_decref(all);
    free(ids);
    return rc;
}

/* ---- erase: the right to be forgotten ------------------------------------- */

static int exec1(struct crm_tool *t, struct crm_sql *q, int64_t *changes)
{
    int rc = crm_db_exec(t->db, q, &t->err);
    crm_sql_free(q);
    if (rc == CRM_OK && changes)
        *changes += crm_db_changes(t->db);
    return rc;
}

static int purge_history(struct crm_tool *t, const char *entity, int64_t id, int64_t *rows)
{
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "DELETE FROM history WHERE entity = ");
    crm_sql_bind_text(&q, entity);
    crm_sql_add(&q, " AND record_id = ");
    crm_sql_bind_int(&q, id);
    return exec1(t, &q, rows);
}

static int add_tombstone(struct crm_tool *t, const char *kind, const char *key, int64_t *n)
{
    char hex[65];
    char now[21];
    crm_sha256_hex(key, strlen(key), hex);
    crm_value_epoch_datetime(t->ctx.now, now);
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "INSERT OR IGNORE INTO crm_tombstone (kind, hash, entity, at) VALUES (");
    crm_sql_bind_text(&q, kind);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, hex);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, t->def->name);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, ")");
    return exec1(t, &q, n);
}

struct erased {
    int64_t history, deleted, unlinked, tombstones, merges;
    json_t *by_entity; /* {"activity": n deleted, ...} */
};

static int erase_one(struct crm_tool *t, int64_t id, struct erased *e)
{
    struct crm_rec r;
    crm_rec_init(&r, t->ent.nfields);
    int got = crm_rec_load(t, id, &r), rc = CRM_OK;
    if (got <= 0) {
        crm_rec_free(&r);
        return got < 0 ? -got
                       : crm_err_set(&t->err, CRM_NOTFOUND, "no %s with id %" PRId64,
                                     t->def->name, id);
    }
    crm_rec_free(&r);
    /* Tombstones: the hashed keys of every email and phone field. */
    struct crm_sql kq = CRM_SQL_INIT;
    struct crm_stmt *kst;
    const struct crm_field *kf[64];
    size_t nk = 0;
    crm_sql_add(&kq, "SELECT ");
    for (size_t i = 0; i < t->ent.nfields && nk < 64; i++) {
        const struct crm_field *f = &t->ent.fields[i];
        if (f->type != CRM_T_EMAIL && f->type != CRM_T_PHONE)
            continue;
        if (nk)
            crm_sql_add(&kq, ", ");
        crm_field_sql_key(f, NULL, &kq);
        kf[nk++] = f;
    }
    crm_sql_addf(&kq, " FROM \"%s\" WHERE id = ", t->def->table);
    crm_sql_bind_int(&kq, id);
    if (nk && (rc = crm_db_query(t->db, &kq, &kst, &t->err)) == CRM_OK) {
        char **keys = crm_xcalloc(nk, sizeof *keys);
        if ((got = crm_stmt_step(kst, &t->err)) > 0)
            for (size_t i = 0; i < nk; i++)
                keys[i] = crm_stmt_text(kst, (int)i) ? crm_xstrdup(crm_stmt_text(kst, (int)i)) : NULL;
        crm_stmt_done(kst);
        rc = got < 0 ? -got : CRM_OK;
        for (size_t i = 0; i < nk; i++) {
            if (rc == CRM_OK && keys[i] && *keys[i])
                rc = add_tombstone(t, kf[i]->type == CRM_T_EMAIL ? "email" : "phone", keys[i],
                                   &e->tombstones);
            free(keys[i]);
        }
        free(keys);
    }
    crm_sql_free(&kq);
    /* The records that refer to it: unlinked (nullify) or erased with it. */
    struct crm_relation_child ch[64];
    size_t nch = crm_model_children(t->def, ch, 64);
    for (size_t k = 0; k < nch && k < 64 && rc == CRM_OK; k++) {
        const struct crm_ent *ce = crm_tool_related(t, ch[k].entity->name);
        int64_t *ids;
        size_t n;
        if (!ce || (rc = crm_rec_child_ids(t, &ch[k], id, &ids, &n)))
            continue;
        for (size_t i = 0; i < n && rc == CRM_OK; i++) {
            if (ch[k].entity == t->def && ids[i] == id)
                continue;
            if (ch[k].nullify) {
                rc = crm_rec_set_ref(t, &ch[k], ids[i], 0, 0);
                e->unlinked++;
            } else if ((rc = crm_rec_delete_in(t, ce, ids[i])) == CRM_OK &&
                       (rc = purge_history(t, ch[k].entity->name, ids[i], &e->history)) == CRM_OK) {
                e->deleted++;
                json_t *c = json_object_get(e->by_entity, ch[k].entity->name);
                json_object_set_new(e->by_entity, ch[k].entity->name,
                                    json_integer((c ? json_integer_value(c) : 0) + 1));
            }
        }
        free(ids);
    }
    /* Duplicates merged into it: their records and history are the person's too. */
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    int64_t *dups = NULL;
    size_t ndups = 0;
    if (rc == CRM_OK) {
        crm_sql_add(&q, "SELECT dup_id FROM crm_merge WHERE entity = ");
        crm_sql_bind_text(&q, t->def->name);
        crm_sql_add(&q, " AND keep_id = ");
        crm_sql_bind_int(&q, id);
        rc = crm_db_query(t->db, &q, &st, &t->err);
        crm_sql_free(&q);
        while (rc == CRM_OK && (got = crm_stmt_step(st, &t->err)) > 0) {
            dups = crm_xrealloc(dups, (ndups + 1) * sizeof *dups);
            dups[ndups++] = crm_stmt_int(st, 0);
        }
        if (rc == CRM_OK) {
            crm_stmt_done(st);
            if (got < 0)
                rc = -got;
        }
    }
    for (size_t i = 0; i < ndups && rc == CRM_OK; i++)
        rc = purge_history(t, t->def->name, dups[i], &e->history);
    free(dups);
    if (rc == CRM_OK) {
        crm_sql_add(&q, "DELETE FROM crm_merge WHERE entity = ");
        crm_sql_bind_text(&q, t->def->name);
        crm_sql_add(&q, " AND (keep_id = ");
        crm_sql_bind_int(&q, id);
        crm_sql_add(&q, " OR dup_id = ");
        crm_sql_bind_int(&q, id);
        crm_sql_add(&q, ")");
        rc = exec1(t, &q, &e->merges);
    }
    if (rc == CRM_OK)
        rc = purge_history(t, t->def->name, id, &e->history);
    if (rc == CRM_OK) {
        crm_sql_addf(&q, "DELETE FROM \"%s\" WHERE id = ", t->def->table);
        crm_sql_bind_int(&q, id);
        rc = exec1(t, &q, NULL);
    }
    /* The history keeps that an erasure happened, and nothing of the person. */
    if (rc == CRM_OK)
        rc = crm_history_add(t->db, &t->ctx, t->def->name, id, "erase", NULL, NULL, NULL, &t->err);
    return rc;
}

int crm_verb_erase(struct crm_tool *t)
{
    int64_t *ids;
    size_t n;
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE, "whom? give %s ids", t->def->name);
    if (t->fmt == CRM_OUT_VCARD)
        return crm_err_set(&t->err, CRM_USAGE, "-f vcard is for records (list, show, export)");
    int rc = crm_entity_collect_ids(t, 0, t->npos, &ids, &n);
    struct erased e = {0, 0, 0, 0, 0, json_object()};
    /* Freed pages are overwritten, so the data does not linger in the file. */
    if (rc == CRM_OK)
        rc = crm_db_exec_script(t->db, "PRAGMA secure_delete = ON", &t->err);
    for (size_t i = 0; i < n && rc == CRM_OK; i++) {
        rc = erase_one(t, ids[i], &e);
        if (rc)
            crm_err_prefix(&t->err, "%s %" PRId64 ": ", t->def->name, ids[i]);
    }
    /* The full-text index drops the erased words for good. */
    if (rc == CRM_OK && t->def->fts_table) {
        struct crm_buf s = CRM_BUF_INIT;
        crm_buf_printf(&s, "INSERT INTO \"%s\"(\"%s\") VALUES ('optimize')", t->def->fts_table,
                       t->def->fts_table);
        rc = crm_db_exec_script(t->db, crm_buf_str(&s), &t->err);
        crm_buf_free(&s);
    }
    if (rc == CRM_OK) {
        static const struct crm_col cols[] = {{"removed", CRM_COL_TEXT}, {"count", CRM_COL_NUMBER}};
        struct crm_out *o = crm_tool_out(t, cols, 2);
        char buf[64], num[24];
        const char *k;
        json_t *v;
        struct {
            const char *what;
            int64_t n;
        } lines[] = {{NULL, (int64_t)n},
                     {"history rows (every old value)", e.history},
                     {"links from other records (set to null)", e.unlinked},
                     {"merge records", e.merges},
                     {"tombstones kept (hashed email and phone)", e.tombstones}};
        snprintf(buf, sizeof buf, "%s records", t->def->name);
        lines[0].what = buf;
        for (size_t i = 0; i < sizeof lines / sizeof lines[0] && rc == CRM_OK; i++) {
            snprintf(num, sizeof num, "%" PRId64, lines[i].n);
            const char *vals[2] = {lines[i].what, num};
            rc = crm_out_row(o, vals, &t->err);
        }
        json_object_foreach(e.by_entity, k, v)
        {
            char what[128];
            snprintf(what, sizeof what, "%s records that referred to it", k);
            snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
            const char *vals[2] = {what, num};
            if (rc == CRM_OK)
                rc = crm_out_row(o, vals, &t->err);
        }
        if (rc == CRM_OK)
            rc = crm_out_end(o, &t->err);
        else
            crm_out_free(o);
    }
    json_decref(e.by_entity);
    free(ids);
    return rc;
}

int crm_tombstone_find(struct crm_tool *t, const struct crm_rec *r, const char **kind)
{
    for (size_t i = 0; i < t->ent.nfields; i++) {
        const struct crm_field *f = &t->ent.fields[i];
        if ((f->type != CRM_T_EMAIL && f->type != CRM_T_PHONE) || !r->set[i] ||
            r->v[i].kind == CRM_SV_NULL || !r->v[i].key.len)
            continue;
        char hex[65];
        crm_sha256_hex(r->v[i].key.s, r->v[i].key.len, hex);
        struct crm_sql q = CRM_SQL_INIT;
        int64_t one;
        int found;
        crm_sql_add(&q, "SELECT 1 FROM crm_tombstone WHERE kind = ");
        crm_sql_bind_text(&q, f->type == CRM_T_EMAIL ? "email" : "phone");
        crm_sql_add(&q, " AND hash = ");
        crm_sql_bind_text(&q, hex);
        crm_sql_add(&q, " AND entity = ");
        crm_sql_bind_text(&q, t->def->name);
        int rc = crm_db_scalar_int(t->db, &q, &one, &found, &t->err);
        crm_sql_free(&q);
        if (rc)
            return -rc;
        if (found) {
            *kind = f->name;
            return 1;
        }
    }
    return 0;
}
