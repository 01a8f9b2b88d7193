/*
 * view.c - the one-page customer view (view.h).  The page is built once as
 * a JSON document (jansson) and then written as JSON, text or HTML.
 */
#include "view.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "utf8.h"
#include "value.h"

/* ---- building the document ------------------------------------------- */

/* The JSON value of a printed column: numbers as numbers, the rest as text. */
static json_t *jvalue(enum crm_colkind kind, const char *s)
{
    if (!s)
        return json_null();
    if (kind == CRM_COL_NUMBER) {
        char *end;
        long long i = strtoll(s, &end, 10);
        if (*s && !*end)
            return json_integer(i);
        double d = strtod(s, &end);
        if (*s && !*end)
            return json_real(d);
    } else if (kind == CRM_COL_BOOL) {
        return json_boolean(strcmp(s, "true") == 0 || strcmp(s, "1") == 0);
    } else if (kind == CRM_COL_TAGS) {
        json_t *a = json_array();
        const char *p = s;
        while (*p) {
            size_t l = strcspn(p, ";");
            if (l)
                json_array_append_new(a, json_stringn(p, l));
            p += l;
            if (*p)
                p++;
        }
        return a;
    }
    return json_string(s);
}

/* Rows of a query as an array of objects; columns named by the query. */
static int rows(struct crm_tool *t, const struct crm_sql *q, const enum crm_colkind *kinds,
                json_t **out)
{
    struct crm_stmt *st;
    int rc = crm_db_query(t->db, q, &st, &t->err), step;
    if (rc)
        return rc;
    json_t *a = json_array();
    while ((step = crm_stmt_step(st, &t->err)) > 0) {
        json_t *o = json_object();
        for (int i = 0; i < crm_stmt_ncols(st); i++)
            json_object_set_new(o, crm_stmt_colname(st, i), jvalue(kinds[i], crm_stmt_text(st, i)));
        json_array_append_new(a, o);
    }
    crm_stmt_done(st);
    if (step < 0) {
        json_decref(a);
        return -step;
    }
    *out = a;
    return CRM_OK;
}

/* The record with every field (display values), like show. */
static int record(struct crm_tool *t, int64_t id, json_t **out)
{
    struct crm_sql q = CRM_SQL_INIT;
    const struct crm_field **fs = crm_xcalloc(t->ent.nfields, sizeof *fs);
    size_t n = 0;
    crm_sql_add(&q, "SELECT ");
    for (size_t i = 0; i < t->ent.nfields; i++) {
        const struct crm_field *f = &t->ent.fields[i];
        if (f->flags & CRM_F_JSON)
            continue;
        if (n)
            crm_sql_add(&q, ", ");
        crm_field_sql_value(f, NULL, &q);
        fs[n++] = f;
    }
    crm_sql_addf(&q, " FROM \"%s\" WHERE id = ", t->def->table);
    crm_sql_bind_int(&q, id);
    struct crm_stmt *st;
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    if (rc == CRM_OK) {
        int step = crm_stmt_step(st, &t->err);
        if (step > 0) {
            json_t *o = json_object();
            struct crm_buf b = CRM_BUF_INIT;
            for (size_t i = 0; i < n; i++) {
                int null = crm_stmt_is_null(st, (int)i);
                int64_t iv = !null && crm_field_is_int(fs[i]) ? crm_stmt_int(st, (int)i) : 0;
                crm_buf_reset(&b);
                const char *v = crm_field_format(fs[i], null, iv, null ? NULL : crm_stmt_text(st, (int)i), &b)
                                    ? crm_buf_str(&b)
                                    : NULL;
                json_object_set_new(o, fs[i]->name, jvalue(crm_field_colkind(fs[i]), v));
            }
            crm_buf_free(&b);
            *out = o;
        } else if (step == 0) {
            rc = crm_err_set(&t->err, CRM_NOTFOUND, "no %s with id %" PRId64, t->def->name, id);
        } else {
            rc = -step;
        }
        crm_stmt_done(st);
    }
    crm_sql_free(&q);
    free(fs);
    return rc;
}

/* "X belongs to this customer" over an activity or task alias. */
static void scope(struct crm_tool *t, int64_t id, const char *alias, struct crm_sql *q)
{
    if (strcmp(t->def->name, "account") == 0) {
        crm_sql_addf(q, "(%s.account_id = ", alias);
        crm_sql_bind_int(q, id);
        crm_sql_addf(q, " OR %s.contact_id IN (SELECT c.id FROM contact c WHERE c.account_id = ", alias);
        crm_sql_bind_int(q, id);
        crm_sql_add(q, "))");
    } else {
        crm_sql_addf(q, "%s.contact_id = ", alias);
        crm_sql_bind_int(q, id);
    }
}

#define CONTACT_NAME(alias)                                                                      \
    "(SELECT trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) FROM contact c " \
    "WHERE c.id = " alias ".contact_id)"

static const enum crm_colkind K_T[] = {CRM_COL_TEXT, CRM_COL_TEXT, CRM_COL_TEXT, CRM_COL_TEXT,
                                       CRM_COL_TEXT, CRM_COL_TEXT, CRM_COL_TEXT, CRM_COL_TEXT};
static const enum crm_colkind K_NT[] = {CRM_COL_NUMBER, CRM_COL_TEXT, CRM_COL_TEXT, CRM_COL_TEXT,
                                        CRM_COL_TEXT,   CRM_COL_TEXT, CRM_COL_TEXT, CRM_COL_TEXT};

static int section(struct crm_tool *t, json_t *doc, const char *key, struct crm_sql *q,
                   const enum crm_colkind *kinds)
{
    json_t *a;
    int rc = rows(t, q, kinds, &a);
    crm_sql_free(q);
    if (rc == CRM_OK)
        json_object_set_new(doc, key, a);
    return rc;
}

static int64_t limit_of(struct crm_tool *t, int *rc)
{
    const char *l = crm_args_get(&t->args, "limit");
    *rc = CRM_OK;
    if (!l)
        return 10;
    char *end;
    long long n = strtoll(l, &end, 10);
    if (*end || end == l || n < 0)
        *rc = crm_err_set(&t->err, CRM_USAGE, "--limit: expected a whole number, got '%s'", l);
    return n;
}

/* The records of entities that refer to this one (but contacts of an
 * account, activities and tasks, which have their own sections). */
static int related(struct crm_tool *t, int64_t id, json_t *doc)
{
    struct crm_relation_child ch[32];
    size_t n = crm_model_children(t->def, ch, 32);
    json_t *rel = json_object();
    int rc = CRM_OK;
    for (size_t i = 0; i < n && i < 32 && rc == CRM_OK; i++) {
        const char *en = ch[i].entity->name;
        if (strcmp(en, "activity") == 0 || strcmp(en, "task") == 0 ||
            (strcmp(en, "contact") == 0 && strcmp(t->def->name, "account") == 0))
            continue;
        const struct crm_ent *ce = crm_tool_related(t, en);
        const struct crm_field *rf = ce ? crm_ent_field(ce, ch[i].field) : NULL;
        if (!rf)
            continue;
        struct crm_sql q = CRM_SQL_INIT;
        enum crm_colkind kinds[64];
        size_t nk = 0;
        crm_sql_add(&q, "SELECT ");
        for (size_t k = 0; k < ce->nfields && nk < 64; k++) {
            const struct crm_field *f = &ce->fields[k];
            if (!(f->flags & CRM_F_LIST) || (f->flags & CRM_F_JSON))
                continue;
            if (nk)
                crm_sql_add(&q, ", ");
            crm_field_sql_value(f, NULL, &q);
            crm_sql_add(&q, " AS ");
            crm_sql_ident(&q, f->name);
            kinds[nk++] = crm_field_colkind(f);
        }
        crm_sql_addf(&q, " FROM \"%s\" WHERE \"%s\" = ", ce->def->table, crm_field_column(rf));
        crm_sql_bind_int(&q, id);
        crm_sql_add(&q, " ORDER BY id DESC LIMIT 20");
        json_t *a;
        rc = rows(t, &q, kinds, &a);
        crm_sql_free(&q);
        if (rc == CRM_OK) {
            char key[128];
            if (strcmp(ch[i].field, t->def->name) == 0)
                snprintf(key, sizeof key, "%s", en);
            else
                snprintf(key, sizeof key, "%s (%s)", en, ch[i].field);
            json_object_set_new(rel, key, a);
        }
    }
    if (rc == CRM_OK)
        json_object_set_new(doc, "related", rel);
    else
        json_decref(rel);
    return rc;
}

static int scalar_text(struct crm_tool *t, struct crm_sql *q, json_t *o, const char *const *names,
                       const enum crm_colkind *kinds)
{
    struct crm_stmt *st;
    int rc = crm_db_query(t->db, q, &st, &t->err), step;
    crm_sql_free(q);
    if (rc)
        return rc;
    step = crm_stmt_step(st, &t->err);
    for (size_t i = 0; names[i]; i++)
        json_object_set_new(o, names[i], step > 0 ? jvalue(kinds[i], crm_stmt_text(st, (int)i)) : json_null());
    crm_stmt_done(st);
    return step < 0 ? -step : CRM_OK;
}

static int totals(struct crm_tool *t, int64_t id, json_t *doc)
{
    json_t *o = json_object();
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    struct crm_sql q = CRM_SQL_INIT;
    int rc;
    /* counts and revenue (orders recorded as activities; deals add theirs once they exist) */
    crm_sql_add(&q, "SELECT (SELECT count(*) FROM activity a WHERE ");
    scope(t, id, "a", &q);
    crm_sql_add(&q, "), (SELECT sum(a.amount) FROM activity a WHERE a.kind = 'order' AND ");
    scope(t, id, "a", &q);
    crm_sql_add(&q, "), (SELECT count(*) FROM task k WHERE k.status = 'open' AND ");
    scope(t, id, "k", &q);
    crm_sql_add(&q, "), (SELECT count(*) FROM task k WHERE k.status = 'open' AND k.due < ");
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, " AND ");
    scope(t, id, "k", &q);
    crm_sql_add(&q, ")");
    struct crm_stmt *st;
    if ((rc = crm_db_query(t->db, &q, &st, &t->err)) == CRM_OK) {
        int step = crm_stmt_step(st, &t->err);
        if (step > 0) {
            struct crm_buf b = CRM_BUF_INIT;
            int scale = crm_currency_scale(t->ctx.currency);
            crm_value_format_decimal(&b, crm_stmt_int(st, 1), scale < 0 ? 2 : scale);
            json_object_set_new(o, "lifetime_revenue", json_string(crm_buf_str(&b)));
            json_object_set_new(o, "currency", json_string(t->ctx.currency));
            json_object_set_new(o, "activities", json_integer(crm_stmt_int(st, 0)));
            json_object_set_new(o, "open_tasks", json_integer(crm_stmt_int(st, 2)));
            json_object_set_new(o, "overdue_tasks", json_integer(crm_stmt_int(st, 3)));
            crm_buf_free(&b);
        } else if (step < 0) {
            rc = -step;
        }
        crm_stmt_done(st);
    }
    crm_sql_free(&q);
    /* last contact: the latest call, email, meeting, letter or visit until now */
    if (rc == CRM_OK) {
        json_t *lc = json_object();
        crm_sql_add(&q, "SELECT a.occurred_at, a.kind, a.subject, a.owner FROM activity a WHERE "
                        "a.kind IN ('call', 'email', 'meeting', 'letter', 'visit') AND a.occurred_at <= ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, " AND ");
        scope(t, id, "a", &q);
        crm_sql_add(&q, " ORDER BY a.occurred_at DESC, a.id DESC LIMIT 1");
        static const char *const names[] = {"at", "kind", "subject", "owner", NULL};
        rc = scalar_text(t, &q, lc, names, K_T);
        json_object_set_new(o, "last_contact", json_is_null(json_object_get(lc, "at")) ? json_null() : json_incref(lc));
        json_decref(lc);
    }
    /* next planned step: the open task due first, or the next meeting */
    if (rc == CRM_OK) {
        json_t *ns = json_object();
        crm_sql_add(&q, "SELECT * FROM (SELECT k.due AS at, 'task' AS type, k.title, k.assignee FROM task k "
                        "WHERE k.status = 'open' AND k.due IS NOT NULL AND ");
        scope(t, id, "k", &q);
        crm_sql_add(&q, " UNION ALL SELECT a.occurred_at, 'meeting', a.subject, a.owner FROM activity a "
                        "WHERE a.kind = 'meeting' AND a.occurred_at > ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, " AND ");
        scope(t, id, "a", &q);
        crm_sql_add(&q, ") ORDER BY 1 LIMIT 1");
        static const char *const names[] = {"at", "type", "title", "user", NULL};
        rc = scalar_text(t, &q, ns, names, K_T);
        json_object_set_new(o, "next_step", json_is_null(json_object_get(ns, "at")) ? json_null() : json_incref(ns));
        json_decref(ns);
    }
    if (rc == CRM_OK)
        json_object_set_new(doc, "totals", o);
    else
        json_decref(o);
    return rc;
}

static int build(struct crm_tool *t, int64_t id, json_t **out)
{
    json_t *doc = json_object(), *rec = NULL;
    int rc = record(t, id, &rec);
    if (rc) {
        json_decref(doc);
        return rc;
    }
    int64_t lim = limit_of(t, &rc);
    json_object_set_new(doc, "entity", json_string(t->def->name));
    json_object_set_new(doc, "id", json_integer(id));
    json_object_set_new(doc, "record", rec);
    struct crm_sql q = CRM_SQL_INIT;
    if (rc == CRM_OK)
        rc = totals(t, id, doc);
    if (rc == CRM_OK && strcmp(t->def->name, "account") == 0) {
        crm_sql_add(&q, "SELECT c.id, trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) "
                        "AS name, c.title, c.email, c.phone FROM contact c WHERE c.account_id = ");
        crm_sql_bind_int(&q, id);
        crm_sql_add(&q, " ORDER BY c.id");
        rc = section(t, doc, "contacts", &q, K_NT);
    }
    if (rc == CRM_OK) {
        static const enum crm_colkind k[] = {CRM_COL_NUMBER, CRM_COL_TEXT, CRM_COL_TEXT, CRM_COL_TEXT,
                                             CRM_COL_TEXT,   CRM_COL_TEXT, CRM_COL_TEXT, CRM_COL_NUMBER};
        crm_sql_add(&q, "SELECT a.id, a.occurred_at, a.kind, a.subject, " CONTACT_NAME("a")
                        " AS contact, a.owner, a.direction, a.duration FROM activity a WHERE ");
        scope(t, id, "a", &q);
        crm_sql_add(&q, " ORDER BY a.occurred_at DESC, a.id DESC LIMIT ");
        crm_sql_bind_int(&q, lim);
        rc = section(t, doc, "recent_activities", &q, k);
    }
    if (rc == CRM_OK) {
        crm_sql_add(&q, "SELECT k.id, k.due, k.title, k.assignee, k.priority, " CONTACT_NAME("k")
                        " AS contact FROM task k WHERE k.status = 'open' AND ");
        scope(t, id, "k", &q);
        crm_sql_add(&q, " ORDER BY k.due IS NULL, k.due, k.id");
        rc = section(t, doc, "open_tasks", &q, K_NT);
    }
    if (rc == CRM_OK)
        rc = related(t, id, doc);
    crm_sql_free(&q);
    if (rc) {
        json_decref(doc);
        return rc;
    }
    *out = doc;
    return CRM_OK;
}

/* ---- writing ----------------------------------------------------------- */

static const char *title_of(json_t *doc, struct crm_buf *b)
{
    json_t *r = json_object_get(doc, "record");
    const char *name = json_string_value(json_object_get(r, "name"));
    if (!name) {
        const char *f = json_string_value(json_object_get(r, "first_name"));
        const char *l = json_string_value(json_object_get(r, "last_name"));
        crm_buf_printf(b, "%s%s%s", f ? f : "", f && l ? " " : "", l ? l : "");
        if (!b->len)
            crm_buf_puts(b, json_string_value(json_object_get(r, "email")) ? json_string_value(json_object_get(r, "email")) : "");
    } else {
        crm_buf_puts(b, name);
    }
    crm_buf_printf(b, " (%s %" PRId64 ")", json_string_value(json_object_get(doc, "entity")),
                   (int64_t)json_integer_value(json_object_get(doc, "id")));
    return crm_buf_str(b);
}

/* The display text of a JSON value (NULL for null). */
static const char *show(json_t *v, struct crm_buf *b)
{
    crm_buf_reset(b);
    if (!v || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v))
        crm_buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_real(v))
        crm_buf_printf(b, "%.2f", json_real_value(v));
    else if (json_is_boolean(v))
        crm_buf_puts(b, json_is_true(v) ? "true" : "false");
    else if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) crm_buf_printf(b, "%s%s", i ? ";" : "", json_string_value(e) ? json_string_value(e) : "");
    }
    return crm_buf_str(b);
}

static void pad(FILE *f, const char *s, size_t width)
{
    size_t w = crm_utf8_width(s, strlen(s));
    fputs(s, f);
    for (; w < width; w++)
        fputc(' ', f);
}

static void text_table(FILE *f, const char *title, json_t *a)
{
    size_t n = json_array_size(a);
    fprintf(f, "\n%s (%zu)\n", title, n);
    if (!n)
        return;
    json_t *first = json_array_get(a, 0);
    size_t nc = json_object_size(first), c;
    size_t *w = crm_xcalloc(nc, sizeof *w);
    struct crm_buf b = CRM_BUF_INIT;
    const char *k;
    json_t *v, *row;
    size_t i;
    c = 0;
    json_object_foreach(first, k, v) {
        if (c < nc)
            w[c] = crm_utf8_width(k, strlen(k));
        c++;
    }
    json_array_foreach(a, i, row) {
        c = 0;
        json_object_foreach(row, k, v) {
            const char *s = show(v, &b);
            size_t sw = s ? crm_utf8_width(s, strlen(s)) : 0;
            if (sw > 40)
                sw = 40;
            if (c < nc && sw > w[c])
                w[c] = sw;
            c++;
        }
    }
    fputs("  ", f);
    c = 0;
    json_object_foreach(first, k, v) {
        if (c + 1 < nc)
            pad(f, k, w[c] + 2);
        else
            fputs(k, f);
        c++;
    }
    fputc('\n', f);
    json_array_foreach(a, i, row) {
        fputs("  ", f);
        c = 0;
        json_object_foreach(row, k, v) {
            const char *s = show(v, &b);
            struct crm_buf cut = CRM_BUF_INIT;
            if (s) {
                size_t len = strlen(s), keep = crm_utf8_prefix_for_width(s, len, 40);
                for (size_t x = 0; x < keep; x++)
                    crm_buf_putc(&cut, s[x] == '\n' || s[x] == '\t' ? ' ' : s[x]);
            }
            if (c + 1 < nc)
                pad(f, crm_buf_str(&cut), w[c] + 2);
            else
                fputs(crm_buf_str(&cut), f);
            crm_buf_free(&cut);
            c++;
        }
        fputc('\n', f);
    }
    crm_buf_free(&b);
    free(w);
}

static void write_text(FILE *f, json_t *doc)
{
    struct crm_buf b = CRM_BUF_INIT, v = CRM_BUF_INIT;
    fprintf(f, "%s\n", title_of(doc, &b));
    const char *k;
    json_t *x;
    json_object_foreach(json_object_get(doc, "record"), k, x) {
        const char *s = show(x, &v);
        if (s && *s && strcmp(k, "id") != 0)
            fprintf(f, "  %-16s %s\n", k, s);
    }
    json_t *tot = json_object_get(doc, "totals");
    fprintf(f, "\nTotals\n  %-16s %s %s\n  %-16s %" JSON_INTEGER_FORMAT "\n  %-16s %" JSON_INTEGER_FORMAT
               " (%" JSON_INTEGER_FORMAT " overdue)\n",
            "lifetime revenue", json_string_value(json_object_get(tot, "lifetime_revenue")),
            json_string_value(json_object_get(tot, "currency")), "activities",
            json_integer_value(json_object_get(tot, "activities")), "open tasks",
            json_integer_value(json_object_get(tot, "open_tasks")),
            json_integer_value(json_object_get(tot, "overdue_tasks")));
    json_t *lc = json_object_get(tot, "last_contact"), *ns = json_object_get(tot, "next_step");
    if (json_is_object(lc))
        fprintf(f, "  %-16s %s %s: %s\n", "last contact", json_string_value(json_object_get(lc, "at")),
                json_string_value(json_object_get(lc, "kind")),
                json_string_value(json_object_get(lc, "subject")) ? json_string_value(json_object_get(lc, "subject")) : "");
    else
        fprintf(f, "  %-16s never\n", "last contact");
    if (json_is_object(ns))
        fprintf(f, "  %-16s %s %s: %s (%s)\n", "next step", json_string_value(json_object_get(ns, "at")),
                json_string_value(json_object_get(ns, "type")),
                json_string_value(json_object_get(ns, "title")) ? json_string_value(json_object_get(ns, "title")) : "",
                json_string_value(json_object_get(ns, "user")) ? json_string_value(json_object_get(ns, "user")) : "-");
    else
        fprintf(f, "  %-16s none planned\n", "next step");
    if (json_object_get(doc, "contacts"))
        text_table(f, "Contacts", json_object_get(doc, "contacts"));
    text_table(f, "Recent activities", json_object_get(doc, "recent_activities"));
    text_table(f, "Open tasks", json_object_get(doc, "open_tasks"));
    json_object_foreach(json_object_get(doc, "related"), k, x) if (json_array_size(x)) text_table(f, k, x);
    crm_buf_free(&b);
    crm_buf_free(&v);
}

static void html_esc(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

static void html_table(FILE *f, const char *id, const char *title, json_t *a)
{
    struct crm_buf b = CRM_BUF_INIT;
    fprintf(f, "<section id=\"%s\"><h2>", id);
    html_esc(f, title);
    fprintf(f, " <small>(%zu)</small></h2>\n", json_array_size(a));
    if (json_array_size(a)) {
        fputs("<table><thead><tr>", f);
        const char *k;
        json_t *v, *row;
        size_t i;
        json_object_foreach(json_array_get(a, 0), k, v) {
            fputs("<th>", f);
            html_esc(f, k);
            fputs("</th>", f);
        }
        fputs("</tr></thead><tbody>\n", f);
        json_array_foreach(a, i, row) {
            fputs("<tr>", f);
            json_object_foreach(row, k, v) {
                fputs(json_is_number(v) ? "<td class=\"n\">" : "<td>", f);
                html_esc(f, show(v, &b));
                fputs("</td>", f);
            }
            fputs("</tr>\n", f);
        }
        fputs("</tbody></table>\n", f);
    }
    fputs("</section>\n", f);
    crm_buf_free(&b);
}

static void write_html(FILE *f, json_t *doc)
{
    struct crm_buf b = CRM_BUF_INIT, v = CRM_BUF_INIT;
    const char *title = title_of(doc, &b);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
    html_esc(f, title);
    fputs("</title>\n<style>\nbody{font-family:sans-serif;margin:2em;max-width:70em}"
          "table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;"
          "padding:.3em .6em;text-align:left;vertical-align:top}td.n{text-align:right}"
          "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:bold}"
          "dd{margin:0}small{color:#666}\n</style>\n</head>\n<body>\n<h1>", f);
    html_esc(f, title);
    fputs("</h1>\n<section id=\"record\"><dl>\n", f);
    const char *k;
    json_t *x;
    json_object_foreach(json_object_get(doc, "record"), k, x) {
        const char *s = show(x, &v);
        if (!s || !*s || strcmp(k, "id") == 0)
            continue;
        fputs("<dt>", f);
        html_esc(f, k);
        fputs("</dt><dd>", f);
        html_esc(f, s);
        fputs("</dd>\n", f);
    }
    fputs("</dl></section>\n<section id=\"totals\"><h2>Totals</h2><dl>\n", f);
    json_t *tot = json_object_get(doc, "totals");
    fputs("<dt>lifetime revenue</dt><dd id=\"revenue\">", f);
    html_esc(f, json_string_value(json_object_get(tot, "lifetime_revenue")));
    fputc(' ', f);
    html_esc(f, json_string_value(json_object_get(tot, "currency")));
    fprintf(f, "</dd>\n<dt>activities</dt><dd>%" JSON_INTEGER_FORMAT "</dd>\n<dt>open tasks</dt><dd>%"
               JSON_INTEGER_FORMAT " (%" JSON_INTEGER_FORMAT " overdue)</dd>\n",
            json_integer_value(json_object_get(tot, "activities")),
            json_integer_value(json_object_get(tot, "open_tasks")),
            json_integer_value(json_object_get(tot, "overdue_tasks")));
    json_t *lc = json_object_get(tot, "last_contact"), *ns = json_object_get(tot, "next_step");
    fputs("<dt>last contact</dt><dd id=\"last-contact\">", f);
    if (json_is_object(lc)) {
        html_esc(f, json_string_value(json_object_get(lc, "at")));
        fputc(' ', f);
        html_esc(f, json_string_value(json_object_get(lc, "kind")));
        fputs(": ", f);
        html_esc(f, json_string_value(json_object_get(lc, "subject")));
    } else {
        fputs("never", f);
    }
    fputs("</dd>\n<dt>next step</dt><dd id=\"next-step\">", f);
    if (json_is_object(ns)) {
        html_esc(f, json_string_value(json_object_get(ns, "at")));
        fputc(' ', f);
        html_esc(f, json_string_value(json_object_get(ns, "type")));
        fputs(": ", f);
        html_esc(f, json_string_value(json_object_get(ns, "title")));
    } else {
        fputs("none planned", f);
    }
    fputs("</dd>\n</dl></section>\n", f);
    if (json_object_get(doc, "contacts"))
        html_table(f, "contacts", "Contacts", json_object_get(doc, "contacts"));
    html_table(f, "activities", "Recent activities", json_object_get(doc, "recent_activities"));
    html_table(f, "tasks", "Open tasks", json_object_get(doc, "open_tasks"));
    json_object_foreach(json_object_get(doc, "related"), k, x) if (json_array_size(x))
        html_table(f, "related", k, x);
    fputs("</body>\n</html>\n", f);
    crm_buf_free(&b);
    crm_buf_free(&v);
}

int crm_view_run(struct crm_tool *t)
{
    if (t->npos != 1)
        return crm_err_set(&t->err, CRM_USAGE, "view takes one %s: an id or %s",
                           t->def->name, t->def->natural_key ? t->def->natural_key : "id");
    const char *f = crm_args_get(&t->args, "format");
    enum { TEXT, JSON, HTML } how = TEXT;
    if (t->docfmt && strcmp(t->docfmt, "html") == 0)
        how = HTML;
    else if (f && (t->fmt == CRM_OUT_JSON || t->fmt == CRM_OUT_JSONL))
        how = JSON;
    else if (f && !t->docfmt && t->fmt != CRM_OUT_TABLE)
        return crm_err_set(&t->err, CRM_USAGE, "view writes text, json or html, not '%s'", f);
    struct crm_field ref = {.name = t->def->name, .type = CRM_T_REF, .ref = t->def->name};
    int64_t id;
    int rc = crm_ref_resolve(t, &ref, t->pos[0], &id);
    if (rc == CRM_DATAERR) { /* an id or a name that is not there */
        t->err.status = CRM_NOTFOUND;
        rc = CRM_NOTFOUND;
    }
    json_t *doc = NULL;
    if (rc == CRM_OK)
        rc = build(t, id, &doc);
    if (rc)
        return rc;
    if (how == JSON)
        json_dumpf(doc, stdout, JSON_INDENT(t->fmt == CRM_OUT_JSONL ? 0 : 2) | JSON_PRESERVE_ORDER |
                                    JSON_REAL_PRECISION(15) | (t->fmt == CRM_OUT_JSONL ? JSON_COMPACT : 0));
    if (how == JSON)
        fputc('\n', stdout);
    else if (how == HTML)
        write_html(stdout, doc);
    else
        write_text(stdout, doc);
    json_decref(doc);
    return CRM_OK;
}

const char *const crm_view_opts[] = {"format=text", "format=html", NULL};

