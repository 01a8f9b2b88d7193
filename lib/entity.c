/*
 * entity.c - records of any entity: read, write, history, and the generic
 * verbs, all driven by the field table.
 */
#include "entity.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"
#include "dupes.h"
#include "history.h"
#include "input.h"
#include "marketing.h"
#include "json.h"
#include "value.h"
#include "where.h"

/* ---- records ---------------------------------------------------------- */

void crm_rec_init(struct crm_rec *r, size_t nfields)
{
    r->n = nfields;
    r->v = crm_xcalloc(nfields, sizeof *r->v);
    r->set = crm_xcalloc(nfields, 1);
}

void crm_rec_free(struct crm_rec *r)
{
    for (size_t i = 0; i < r->n; i++)
        crm_sval_free(&r->v[i]);
    free(r->v);
    free(r->set);
    memset(r, 0, sizeof *r);
}

static size_t field_index(const struct crm_ent *e, const struct crm_field *f)
{
    return (size_t)(f - e->fields);
}

static int is_stored(const struct crm_field *f)
{
    return !(f->flags & CRM_F_DERIVED);
}

static const char *country_of(struct crm_tool *t, const struct crm_rec *r, const struct crm_rec *old)
{
    const struct crm_field *cf = crm_ent_field(&t->ent, "country");
    if (!cf)
        return NULL;
    size_t i = field_index(&t->ent, cf);
    if (r && r->set[i])
        return r->v[i].kind == CRM_SV_TEXT ? crm_buf_str(&r->v[i].s) : NULL;
    if (old && old->v[i].kind == CRM_SV_TEXT)
        return crm_buf_str(&old->v[i].s);
    return NULL;
}

static void sval_copy(struct crm_sval *dst, const struct crm_sval *src)
{
    dst->kind = src->kind;
    dst->i = src->i;
    crm_buf_reset(&dst->s);
    crm_buf_reset(&dst->key);
    if (src->s.len)
        crm_buf_add(&dst->s, src->s.s, src->s.len);
    if (src->key.len)
        crm_buf_add(&dst->key, src->key.s, src->key.len);
}

/* tags+=x / tags-=x: edit the set the record has. */
static int edit_tags(struct crm_tool *t, struct crm_rec *r, const struct crm_field *f,
                     const struct crm_rec *old, const char *text, int add)
{
    size_t i = field_index(&t->ent, f);
    const struct crm_sval *cur = r->set[i] ? &r->v[i] : (old ? &old->v[i] : NULL);
    struct crm_buf all = CRM_BUF_INIT;
    struct crm_sval drop = {0};
    if (cur && cur->kind == CRM_SV_TEXT)
        crm_buf_puts(&all, crm_buf_str(&cur->s));
    if (add) {
        crm_buf_printf(&all, ";%s", text);
    } else {
        int rc = crm_field_parse(f, text, NULL, &t->ctx, &drop, &t->err);
        if (rc) {
            crm_buf_free(&all);
            return rc;
        }
        /* Remove each dropped tag (";a;" form) from the current set. */
        const char *d = crm_buf_str(&drop.s);
        while (*d == ';' && d[1]) {
            const char *end = strchr(d + 1, ';');
            size_t len = (size_t)(end - d) + 1;
            char *needle = crm_xstrndup(d, len), *hit;
            while (all.s && (hit = strstr(all.s, needle))) {
                memmove(hit + 1, hit + len, strlen(hit + len) + 1);
                all.len -= len - 1;
            }
            free(needle);
            d = end;
        }
    }
    crm_sval_free(&drop);
    int rc = crm_field_parse(f, crm_buf_str(&all), NULL, &t->ctx, &r->v[i], &t->err);
    r->set[i] = 1;
    crm_buf_free(&all);
    return rc;
}

int crm_rec_set(struct crm_tool *t, struct crm_rec *r, const struct crm_field *f, const char *text,
                const struct crm_rec *old)
{
    size_t i = field_index(&t->ent, f);
    int rc;
    crm_sval_free(&r->v[i]);
    r->set[i] = 1;
    if (f->type == CRM_T_REF) {
        int64_t id;
        size_t len = strlen(text);
        while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
            len--;
        if (len == 0)
            return CRM_OK;
        if ((rc = crm_ref_resolve(t, f, text, &id)))
            return rc;
        r->v[i].kind = CRM_SV_INT;
        r->v[i].i = id;
        return CRM_OK;
    }
    return crm_field_parse(f, text, country_of(t, r, old), &t->ctx, &r->v[i], &t->err);
}

static const struct crm_field *settable_field(struct crm_tool *t, const char *name, size_t len)
{
    for (size_t i = 0; i < t->ent.nfields; i++) {
        const struct crm_field *f = &t->ent.fields[i];
        if (strlen(f->name) == len && strncmp(f->name, name, len) == 0)
            return f;
    }
    return NULL;
}

static void field_names(const struct crm_ent *e, struct crm_buf *b, int settable_only)
{
    for (size_t i = 0; i < e->nfields; i++) {
        if (settable_only && (e->fields[i].flags & CRM_F_READONLY))
            continue;
        crm_buf_printf(b, "%s%s", b->len ? ", " : "", e->fields[i].name);
    }
}

int crm_rec_assign(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old,
                   const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg)
        return crm_err_set(&t->err, CRM_USAGE, "expected FIELD=VALUE, got '%s'", arg);
    int op = 0; /* +1 for +=, -1 for -= */
    size_t nlen = (size_t)(eq - arg);
    if (nlen > 1 && (arg[nlen - 1] == '+' || arg[nlen - 1] == '-')) {
        op = arg[nlen - 1] == '+' ? 1 : -1;
        nlen--;
    }
    const struct crm_field *f = settable_field(t, arg, nlen);
    if (!f) {
        struct crm_buf names = CRM_BUF_INIT;
        field_names(&t->ent, &names, 1);
        crm_err_set(&t->err, CRM_USAGE, "unknown field '%.*s' (fields: %s)", (int)nlen, arg,
                    crm_buf_str(&names));
        crm_buf_free(&names);
        return CRM_USAGE;
    }
    if (f->flags & CRM_F_READONLY)
        return crm_err_set(&t->err, CRM_USAGE, "%s is set by crm and cannot be changed", f->name);
    if (op && f->type != CRM_T_TAGS)
        return crm_err_set(&t->err, CRM_USAGE, "%s is not a tags field: use %s=VALUE", f->name,
                           f->name);
    if (op)
        return edit_tags(t, r, f, old, eq + 1, op > 0);
    return crm_rec_set(t, r, f, eq + 1, old);
}

/* Phones are parsed after the others so that the record's own country,
 * given in the same command, decides how a national number reads. */
static int assign_all(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old,
                      char **args, size_t n)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            const char *eq = strchr(args[i], '=');
            size_t nlen = eq ? (size_t)(eq - args[i]) : 0;
            const struct crm_field *f = eq ? settable_field(t, args[i], nlen) : NULL;
            int phone = f && f->type == CRM_T_PHONE;
            if (phone != pass)
                continue;
            int rc = crm_rec_assign(t, r, old, args[i]);
            if (rc)
                return rc;
        }
    }
    return CRM_OK;
}

/* ---- references ------------------------------------------------------- */

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

int crm_ref_resolve(struct crm_tool *t, const struct crm_field *f, const char *text, int64_t *id)
{
    const struct crm_ent *re = crm_tool_related(t, f->ref);
    if (!re)
        return crm_err_set(&t->err, CRM_SOFTWARE, "%s: unknown entity %s", f->name, f->ref);
    struct crm_sql q = CRM_SQL_INIT;
    int found = 0, rc;
    const char *p = text[0] == '#' ? text + 1 : text;
    if (all_digits(p)) {
        crm_sql_addf(&q, "SELECT id FROM \"%s\" WHERE id = ", re->def->table);
        crm_sql_bind_int(&q, strtoll(p, NULL, 10));
        rc = crm_db_scalar_int(t->db, &q, id, &found, &t->err);
        crm_sql_free(&q);
        if (rc)
            return rc;
        if (found)
            return CRM_OK;
        if (p != text)
            return crm_err_set(&t->err, CRM_DATAERR, "%s: no %s with id %s", f->name,
                               re->def->name, p);
    }
    const struct crm_field *nk = re->def->natural_key ? crm_ent_field(re, re->def->natural_key) : NULL;
    if (!nk)
        return crm_err_set(&t->err, CRM_DATAERR, "%s: no %s with id '%s'", f->name, re->def->name,
                           text);
    struct crm_sval v = {0};
    if ((rc = crm_field_parse(nk, text, NULL, &t->ctx, &v, &t->err))) {
        crm_sval_free(&v);
        crm_sql_free(&q);
        return crm_err_prefix(&t->err, "%s: ", f->name);
    }
    crm_sql_addf(&q, "SELECT id FROM \"%s\" WHERE ", re->def->table);
    crm_field_sql_key(nk, NULL, &q);
    crm_sql_add(&q, " = ");
    crm_field_bind_key(nk, &q, &v);
    crm_sql_add(&q, " LIMIT 1");
    rc = crm_db_scalar_int(t->db, &q, id, &found, &t->err);
    crm_sql_free(&q);
    crm_sval_free(&v);
    if (rc)
        return rc;
    if (!found)
        return crm_err_set(&t->err, CRM_DATAERR, "%s: no %s with %s or id '%s'", f->name,
                           re->def->name, nk->name, text);
    return CRM_OK;
}

int crm_ref_resolve_create(struct crm_tool *t, const struct crm_field *f, const char *text,
                           int64_t *id, int *created)
{
    *created = 0;
    int rc = crm_ref_resolve(t, f, text, id);
    if (rc != CRM_DATAERR)
        return rc;
    const struct crm_ent *re = crm_tool_related(t, f->ref);
    const struct crm_field *nk =
        re && re->def->natural_key ? crm_ent_field(re, re->def->natural_key) : NULL;
    if (!nk)
        return rc;
    /* The same tool acting on the related entity: its defaults, checks and history. */
    struct crm_tool t2 = *t;
    struct crm_rec r;
    t2.def = re->def;
    t2.ent = *re;
    crm_err_clear(&t2.err);
    crm_rec_init(&r, re->nfields);
    rc = crm_rec_set(&t2, &r, nk, text, NULL);
    if (rc == CRM_OK)
        rc = crm_rec_insert(&t2, &r, id);
    crm_rec_free(&r);
    t->related = t2.related;
    t->nrelated = t2.nrelated;
    t->err = t2.err;
    if (rc == CRM_OK)
        *created = 1;
    return rc;
}

/* ---- display ---------------------------------------------------------- */

/* The display text of field i of r; returns NULL for null. */
static const char *rec_display(const struct crm_ent *e, const struct crm_rec *r, size_t i,
                               struct crm_buf *tmp)
{
    const struct crm_sval *v = &r->v[i];
    crm_buf_reset(tmp);
    if (v->kind == CRM_SV_NULL)
        return NULL;
    crm_field_format(&e->fields[i], 0, v->i, crm_buf_str(&v->s), tmp);
    return crm_buf_str(tmp);
}

/* A whole record as a JSON object of display values (for the history). */
static void rec_json(const struct crm_ent *e, const struct crm_rec *r, struct crm_buf *out)
{
    struct crm_buf tmp = CRM_BUF_INIT;
    crm_buf_putc(out, '{');
    int first = 1;
    for (size_t i = 0; i < e->nfields; i++) {
        const char *d = rec_display(e, r, i, &tmp);
        if (!d || !is_stored(&e->fields[i]))
            continue;
        if (!first)
            crm_buf_putc(out, ',');
        first = 0;
        crm_json_put_string(out, e->fields[i].name, strlen(e->fields[i].name));
        crm_buf_putc(out, ':');
        crm_json_put_string(out, d, strlen(d));
    }
    crm_buf_putc(out, '}');
    crm_buf_free(&tmp);
}

/* The JSON object of the custom fields, as stored in the "custom" column. */
static char *custom_json(const struct crm_ent *e, const struct crm_rec *r)
{
    json_t *o = json_object();
    for (size_t i = 0; i < e->nfields; i++) {
        const struct crm_field *f = &e->fields[i];
        const struct crm_sval *v = &r->v[i];
        if (!(f->flags & CRM_F_CUSTOM) || v->kind == CRM_SV_NULL)
            continue;
        json_t *j = v->kind == CRM_SV_INT ? json_integer(v->i) : json_string(crm_buf_str(&v->s));
        json_object_set_new(o, f->name, j);
        if (crm_field_has_key(f)) {
            char k[300];
            snprintf(k, sizeof k, "%s@key", f->name);
            json_object_set_new(o, k, json_string(crm_buf_str(&v->key)));
        }
    }
    char *s = json_object_size(o) ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(o);
    return s;
}

static int has_custom(const struct crm_ent *e)
{
    for (size_t i = 0; i < e->nfields; i++)
        if (e->fields[i].flags & CRM_F_CUSTOM)
            return 1;
    return 0;
}

/* ---- reading ---------------------------------------------------------- */

static void select_stored(const struct crm_ent *e, struct crm_sql *q)
{
    crm_sql_add(q, "SELECT ");
    int first = 1;
    for (size_t i = 0; i < e->nfields; i++) {
        if (!is_stored(&e->fields[i]))
            continue;
        if (!first)
            crm_sql_add(q, ", ");
        first = 0;
        crm_field_sql_value(&e->fields[i], NULL, q);
        if (crm_field_has_key(&e->fields[i])) {
            crm_sql_add(q, ", ");
            crm_field_sql_key(&e->fields[i], NULL, q);
        }
    }
    crm_sql_addf(q, " FROM \"%s\"", e->def->table);
}

static void row_to_rec(const struct crm_ent *e, struct crm_stmt *st, struct crm_rec *r)
{
    int col = 0;
    for (size_t i = 0; i < e->nfields; i++) {
        const struct crm_field *f = &e->fields[i];
        if (!is_stored(f))
            continue;
        struct crm_sval *v = &r->v[i];
        crm_sval_free(v);
        if (crm_stmt_is_null(st, col)) {
            v->kind = CRM_SV_NULL;
        } else if (crm_field_is_int(f)) {
            v->kind = CRM_SV_INT;
            v->i = crm_stmt_int(st, col);
        } else {
            v->kind = CRM_SV_TEXT;
            crm_buf_puts(&v->s, crm_stmt_text(st, col));
        }
        col++;
        if (crm_field_has_key(f)) {
            const char *k = crm_stmt_text(st, col++);
            if (k)
                crm_buf_puts(&v->key, k);
        }
    }
}

static int load_in(struct crm_tool *t, const struct crm_ent *e, int64_t id, struct crm_rec *r)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    select_stored(e, &q);
    crm_sql_add(&q, " WHERE id = ");
    crm_sql_bind_int(&q, id);
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return -rc;
    rc = crm_stmt_step(st, &t->err);
    if (rc > 0)
        row_to_rec(e, st, r);
    crm_stmt_done(st);
    return rc;
}

int crm_rec_load(struct crm_tool *t, int64_t id, struct crm_rec *r)
{
    return load_in(t, &t->ent, id, r);
}

/* ---- writing ---------------------------------------------------------- */

static int check_unique(struct crm_tool *t, const struct crm_ent *e, const struct crm_rec *r,
                        int64_t self)
{
    for (size_t i = 0; i < e->nfields; i++) {
        const struct crm_field *f = &e->fields[i];
        if (!(f->flags & CRM_F_UNIQUE) || !r->set[i] || r->v[i].kind == CRM_SV_NULL)
            continue;
        struct crm_sql q = CRM_SQL_INIT;
        int64_t other;
        int found;
        crm_sql_addf(&q, "SELECT id FROM \"%s\" WHERE ", e->def->table);
        crm_field_sql_key(f, NULL, &q);
        crm_sql_add(&q, " = ");
        crm_field_bind_key(f, &q, &r->v[i]);
        crm_sql_add(&q, " AND id <> ");
        crm_sql_bind_int(&q, self);
        int rc = crm_db_scalar_int(t->db, &q, &other, &found, &t->err);
        crm_sql_free(&q);
        if (rc)
            return rc;
        if (found) {
            struct crm_buf d = CRM_BUF_INIT;
            const char *s = rec_display(e, r, i, &d);
            crm_err_set(&t->err, CRM_DATAERR, "%s: '%s' is already used by %s %" PRId64, f->name,
                        s ? s : "", e->def->name, other);
            crm_buf_free(&d);
            return CRM_DATAERR;
        }
    }
    return CRM_OK;
}

static int apply_defaults(struct crm_tool *t, struct crm_rec *r)
{
    for (size_t i = 0; i < t->ent.nfields; i++) {
        const struct crm_field *f = &t->ent.fields[i];
        if (r->set[i] || !f->def)
            continue;
        const char *d = strcmp(f->def, "$user") == 0 ? t->ctx.user : f->def;
        int rc = crm_rec_set(t, r, f, d, NULL);
        if (rc)
            return rc;
    }
    return CRM_OK;
}

static int check_required(struct crm_tool *t, const struct crm_ent *e, const struct crm_rec *r)
{
    for (size_t i = 0; i < e->nfields; i++)
        if ((e->fields[i].flags & CRM_F_REQUIRED) && r->v[i].kind == CRM_SV_NULL)
            return crm_err_set(&t->err, CRM_DATAERR, "%s: a value is required", e->fields[i].name);
    const char *const *any = e->def->required_any;
    if (!any)
        return CRM_OK;
    struct crm_buf names = CRM_BUF_INIT;
    for (size_t k = 0; any[k]; k++) {
        const struct crm_field *f = crm_ent_field(e, any[k]);
        if (f && r->v[field_index(e, f)].kind != CRM_SV_NULL) {
            crm_buf_free(&names);
            return CRM_OK;
        }
        crm_buf_printf(&names, "%s%s", k ? ", " : "", any[k]);
    }
    crm_err_set(&t->err, CRM_DATAERR, "a %s needs at least one of: %s", e->def->name,
                crm_buf_str(&names));
    crm_buf_free(&names);
    return CRM_DATAERR;
}

static void bind_stamp(struct crm_tool *t, struct crm_sql *q, const struct crm_rec *r,
                       const char *name)
{
    const struct crm_field *f = crm_ent_field(&t->ent, name);
    size_t i = f ? field_index(&t->ent, f) : 0;
    if (f && r->set[i] && r->v[i].kind == CRM_SV_TEXT) {
        crm_sql_bind_text(q, crm_buf_str(&r->v[i].s));
    } else {
        char now[21];
        crm_value_epoch_datetime(t->ctx.now, now);
        crm_sql_bind_text(q, now);
    }
}

/* Fill in what the insert set by itself: the id and the time stamps. */
static void set_written_stamps(struct crm_tool *t, struct crm_rec *r, int64_t id)
{
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    for (size_t i = 0; i < t->ent.nfields; i++) {
        const struct crm_field *f = &t->ent.fields[i];
        struct crm_sval *v = &r->v[i];
        if (f->type == CRM_T_ID) {
            v->kind = CRM_SV_INT;
            v->i = id;
        } else if ((strcmp(f->name, "created_at") == 0 || strcmp(f->name, "updated_at") == 0) &&
                   !(r->set[i] && v->kind == CRM_SV_TEXT)) {
            v->kind = CRM_SV_TEXT;
            crm_buf_reset(&v->s);
            crm_buf_puts(&v->s, now);
        }
    }
}

int crm_rec_insert(struct crm_tool *t, struct crm_rec *r, int64_t *id)
{
    const struct crm_ent *e = &t->ent;
    int rc;
    if ((rc = apply_defaults(t, r)) || (e->def->prepare && (rc = e->def->prepare(t, r))) ||
        (e->def->check && (rc = e->def->check(t, r, NULL))) || (rc = check_required(t, e, r)) ||
        (e->def->validate && (rc = e->def->validate(t, r, r))) || (rc = check_unique(t, e, r, 0)))
        return rc;
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_buf vals = CRM_BUF_INIT;
    crm_sql_addf(&q, "INSERT INTO \"%s\" (", e->def->table);
    /* Every stored column, always: one statement text, prepared once per run. */
    for (size_t i = 0; i < e->nfields; i++) {
        const struct crm_field *f = &e->fields[i];
        if (!is_stored(f) || (f->flags & CRM_F_CUSTOM) || strcmp(f->name, "created_at") == 0 ||
            strcmp(f->name, "updated_at") == 0)
            continue;
        crm_sql_ident(&q, crm_field_column(f));
        crm_sql_add(&q, ", ");
        if (crm_field_has_key(f))
            crm_sql_addf(&q, "\"%s_key\", ", crm_field_column(f));
    }
    crm_sql_add(&q, "custom, created_at, updated_at) VALUES (");
    int first = 1;
    for (size_t i = 0; i < e->nfields; i++) {
        const struct crm_field *f = &e->fields[i];
        if (!is_stored(f) || (f->flags & CRM_F_CUSTOM) || strcmp(f->name, "created_at") == 0 ||
            strcmp(f->name, "updated_at") == 0)
            continue;
        if (!first)
            crm_sql_add(&q, ", ");
        first = 0;
        if (f->type == CRM_T_ID && r->v[i].kind == CRM_SV_NULL)
            crm_sql_bind_null(&q);
        else
            crm_field_bind_value(&q, &r->v[i]);
        if (crm_field_has_key(f)) {
            crm_sql_add(&q, ", ");
            if (r->v[i].kind == CRM_SV_NULL)
                crm_sql_bind_null(&q);
            else
                crm_sql_bind_text(&q, crm_buf_str(&r->v[i].key));
        }
    }
    char *cj = has_custom(e) ? custom_json(e, r) : NULL;
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, cj);
    free(cj);
    crm_sql_add(&q, ", ");
    bind_stamp(t, &q, r, "created_at");
    crm_sql_add(&q, ", ");
    bind_stamp(t, &q, r, "updated_at");
    crm_sql_add(&q, ")");
    rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    crm_buf_free(&vals);
    if (rc)
        return rc;
    *id = crm_db_last_id(t->db);
    /* Keep what was written in the history, for restore: r holds exactly the
     * stored values once the id and the stamps are filled in. */
    set_written_stamps(t, r, *id);
    struct crm_buf j = CRM_BUF_INIT;
    rec_json(e, r, &j);
    rc = crm_history_add(t->db, &t->ctx, e->def->name, *id, "insert", NULL, NULL, crm_buf_str(&j),
                         &t->err);
    crm_buf_free(&j);
    if (rc == CRM_OK && e->def->written)
        rc = e->def->written(t, *id, NULL, r);
    return rc;
}

static int same_value(const struct crm_sval *a, const struct crm_sval *b)
{
    if (a->kind != b->kind)
        return 0;
    if (a->kind == CRM_SV_INT)
        return a->i == b->i;
    /* A phone's key changes with the record's country while its text stays. */
    if (a->kind == CRM_SV_TEXT)
        return strcmp(crm_buf_str(&a->s), crm_buf_str(&b->s)) == 0 &&
               strcmp(crm_buf_str(&a->key), crm_buf_str(&b->key)) == 0;
    return 1;
}

/* A phone is read in its record's country: when the country changes, the
 * stored phones are read again in the new one, and a phone given without a
 * country (an update, an upsert) is read in the stored one. */
static int rekey_phones(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old)
{
    const struct crm_field *cf = crm_ent_field(&t->ent, "country");
    if (!old || !cf)
        return CRM_OK;
    int country_set = r->set[field_index(&t->ent, cf)];
    for (size_t i = 0; i < t->ent.nfields; i++) {
        const struct crm_field *f = &t->ent.fields[i];
        const struct crm_sval *src = r->set[i] ? &r->v[i] : (country_set ? &old->v[i] : NULL);
        if (f->type != CRM_T_PHONE || !src || src->kind != CRM_SV_TEXT)
            continue;
        char *text = crm_xstrdup(crm_buf_str(&src->s));
        int rc = crm_rec_set(t, r, f, text, old);
        free(text);
        if (rc)
            return rc;
    }
    return CRM_OK;
}

static int update_in(struct crm_tool *t, const struct crm_ent *e, int64_t id,
                     const struct crm_rec *old, const struct crm_rec *r, int *changed)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_rec merged;
    int rc = CRM_OK, custom_changed = 0;
    *changed = 0;
    crm_rec_init(&merged, e->nfields);
    for (size_t i = 0; i < e->nfields; i++)
        sval_copy(&merged.v[i], r->set[i] ? &r->v[i] : &old->v[i]);
    if ((rc = check_required(t, e, &merged)) ||
        (e->def->validate && (rc = e->def->validate(t, &merged, r))) || (rc = check_unique(t, e, r, id)))
        goto out;
    crm_sql_addf(&q, "UPDATE \"%s\" SET ", e->def->table);
    struct crm_buf a = CRM_BUF_INIT, b = CRM_BUF_INIT;
    for (size_t i = 0; i < e->nfields && rc == CRM_OK; i++) {
        const struct crm_field *f = &e->fields[i];
        if (!r->set[i] || !is_stored(f) || same_value(&old->v[i], &r->v[i]))
            continue;
        (*changed)++;
        const char *ov = rec_display(e, old, i, &a), *nv = rec_display(e, r, i, &b);
        rc = crm_history_add(t->db, &t->ctx, e->def->name, id, "update", f->name, ov, nv, &t->err);
        if (f->flags & CRM_F_CUSTOM) {
            custom_changed = 1;
            continue;
        }
        crm_sql_ident(&q, crm_field_column(f));
        crm_sql_add(&q, " = ");
        crm_field_bind_value(&q, &r->v[i]);
        crm_sql_add(&q, ", ");
        if (crm_field_has_key(f)) {
            crm_sql_addf(&q, "\"%s_key\" = ", crm_field_column(f));
            if (r->v[i].kind == CRM_SV_NULL)
                crm_sql_bind_null(&q);
            else
                crm_sql_bind_text(&q, crm_buf_str(&r->v[i].key));
            crm_sql_add(&q, ", ");
        }
    }
    crm_buf_free(&a);
    crm_buf_free(&b);
    if (rc || !*changed)
        goto out;
    if (custom_changed) {
        char *cj = custom_json(e, &merged);
        crm_sql_add(&q, "custom = ");
        crm_sql_bind_text(&q, cj);
        crm_sql_add(&q, ", ");
        free(cj);
    }
    crm_sql_add(&q, "updated_at = ");
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, " WHERE id = ");
    crm_sql_bind_int(&q, id);
    rc = crm_db_exec(t->db, &q, &t->err);
out:
    crm_sql_free(&q);
    crm_rec_free(&merged);
    return rc;
}

int crm_rec_update(struct crm_tool *t, int64_t id, const struct crm_rec *old,
                   struct crm_rec *r, int *changed)
{
    int rc = rekey_phones(t, r, old);
    const struct crm_entity *d = t->ent.def;
    if (rc || (!d->check && !d->written))
        return rc ? rc : update_in(t, &t->ent, id, old, r, changed);
    /* The entity's hooks may fill fields: work on a copy of what was given. */
    struct crm_rec w;
    crm_rec_init(&w, r->n);
    for (size_t i = 0; i < r->n; i++)
        if (r->set[i]) {
            sval_copy(&w.v[i], &r->v[i]);
            w.set[i] = 1;
        }
    rc = d->check ? d->check(t, &w, old) : CRM_OK;
    *changed = 0;
    if (rc == CRM_OK)
        rc = update_in(t, &t->ent, id, old, &w, changed);
    if (rc == CRM_OK && *changed && d->written)
        rc = d->written(t, id, old, &w);
    crm_rec_free(&w);
    return rc;
}

/* What happens to the records that refer to one being deleted. */
static int handle_children(struct crm_tool *t, const struct crm_entity *def, int64_t id);

static int delete_in(struct crm_tool *t, const struct crm_ent *e, int64_t id)
{
    struct crm_rec old;
    crm_rec_init(&old, e->nfields);
    int rc = load_in(t, e, id, &old);
    if (rc <= 0) {
        crm_rec_free(&old);
        return rc < 0 ? -rc
                      : crm_err_set(&t->err, CRM_NOTFOUND, "no %s with id %" PRId64, e->def->name, id);
    }
    if ((rc = handle_children(t, e->def, id)) == CRM_OK) {
        struct crm_buf j = CRM_BUF_INIT;
        rec_json(e, &old, &j);
        rc = crm_history_add(t->db, &t->ctx, e->def->name, id, "delete", NULL, crm_buf_str(&j),
                             NULL, &t->err);
        crm_buf_free(&j);
    }
    if (rc == CRM_OK) {
        struct crm_sql q = CRM_SQL_INIT;
        crm_sql_addf(&q, "DELETE FROM \"%s\" WHERE id = ", e->def->table);
        crm_sql_bind_int(&q, id);
        rc = crm_db_exec(t->db, &q, &t->err);
        crm_sql_free(&q);
    }
    crm_rec_free(&old);
    return rc;
}

int crm_rec_delete(struct crm_tool *t, int64_t id)
{
    return delete_in(t, &t->ent, id);
}

static int child_ids(struct crm_tool *t, const struct crm_ent *ce, const struct crm_field *cf,
                     int64_t id, int64_t **ids, size_t *n)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    *ids = NULL;
    *n = 0;
    crm_sql_addf(&q, "SELECT id FROM \"%s\" WHERE ", ce->def->table);
    crm_field_sql_value(cf, NULL, &q);
    crm_sql_add(&q, " = ");
    crm_sql_bind_int(&q, id);
    crm_sql_add(&q, " ORDER BY id");
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

static int set_ref(struct crm_tool *t, const struct crm_ent *ce, const struct crm_field *cf,
                   int64_t child, int has_target, int64_t target)
{
    struct crm_rec old, r;
    int changed, rc;
    crm_rec_init(&old, ce->nfields);
    crm_rec_init(&r, ce->nfields);
    rc = load_in(t, ce, child, &old);
    if (rc > 0) {
        size_t i = field_index(ce, cf);
        r.set[i] = 1;
        r.v[i].kind = has_target ? CRM_SV_INT : CRM_SV_NULL;
        r.v[i].i = target;
        rc = update_in(t, ce, child, &old, &r, &changed);
    } else {
        rc = rc < 0 ? -rc : CRM_OK;
    }
    crm_rec_free(&old);
    crm_rec_free(&r);
    return rc;
}

static int handle_children(struct crm_tool *t, const struct crm_entity *def, int64_t id)
{
    struct crm_relation_child children[64];
    size_t nchildren = crm_model_children(def, children, 64);
    for (size_t k = 0; k < nchildren && k < 64; k++) {
        const struct crm_relation_child *c = &children[k];
        const struct crm_ent *ce = crm_tool_related(t, c->entity->name);
        const struct crm_field *cf = ce ? crm_ent_field(ce, c->field) : NULL;
        if (!cf)
            continue;
        int64_t *ids, target = 0;
        size_t n;
        int rc = child_ids(t, ce, cf, id, &ids, &n), has_target = 0;
        if (rc == CRM_OK && n && !c->nullify && t->def == def) {
            const char *move = crm_args_get(&t->args, "move-to");
            if (move) {
                const struct crm_field *self = NULL;
                for (size_t i = 0; i < ce->nfields; i++)
                    if (&ce->fields[i] == cf)
                        self = cf;
                rc = crm_ref_resolve(t, self, move, &target);
                has_target = 1;
                if (rc == CRM_OK && target == id)
                    rc = crm_err_set(&t->err, CRM_USAGE, "--move-to names the %s being deleted",
                                     def->name);
            } else if (!crm_args_has(&t->args, "cascade")) {
                rc = crm_err_set(&t->err, CRM_DATAERR,
                                 "%s %" PRId64 " has %zu %s record%s; use --cascade to delete "
                                 "them too, or --move-to %s to move them",
                                 def->name, id, n, c->entity->name, n == 1 ? "" : "s",
                                 def->name == NULL ? "" : "ID");
            }
        } else if (rc == CRM_OK && n && !c->nullify) {
            rc = crm_err_set(&t->err, CRM_DATAERR, "%s %" PRId64 " has %zu %s records", def->name,
                             id, n, c->entity->name);
        }
        for (size_t i = 0; rc == CRM_OK && i < n; i++) {
            if (ce->def == def && ids[i] == id)
                continue; /* a record that is its own parent */
            if (c->nullify || has_target)
                rc = set_ref(t, ce, cf, ids[i], has_target, target);
            else
                rc = delete_in(t, ce, ids[i]);
        }
        free(ids);
        if (rc)
            return rc;
    }
    return CRM_OK;
}

/* ---- relations, for merge and dossier (one mechanism for every entity) -- */

int crm_rec_child_ids(struct crm_tool *t, const struct crm_relation_child *c, int64_t id,
                      int64_t **ids, size_t *n)
{
    const struct crm_ent *ce = crm_tool_related(t, c->entity->name);
    const struct crm_field *cf = ce ? crm_ent_field(ce, c->field) : NULL;
    *ids = NULL;
    *n = 0;
    if (!cf)
        return CRM_OK;
    return child_ids(t, ce, cf, id, ids, n);
}

int crm_rec_set_ref(struct crm_tool *t, const struct crm_relation_child *c, int64_t child,
                    int has_target, int64_t target)
{
    const struct crm_ent *ce = crm_tool_related(t, c->entity->name);
    const struct crm_field *cf = ce ? crm_ent_field(ce, c->field) : NULL;
    if (!cf)
        return CRM_OK;
    return set_ref(t, ce, cf, child, has_target, target);
}

int crm_rec_load_in(struct crm_tool *t, const struct crm_ent *e, int64_t id, struct crm_rec *r)
{
    return load_in(t, e, id, r);
}

int crm_rec_delete_in(struct crm_tool *t, const struct crm_ent *e, int64_t id)
{
    return delete_in(t, e, id);
}

void crm_rec_json(const struct crm_ent *e, const struct crm_rec *r, struct crm_buf *out)
{
    rec_json(e, r, out);
}

const char *crm_rec_display(const struct crm_ent *e, const struct crm_rec *r, size_t i,
                            struct crm_buf *tmp)
{
    return rec_display(e, r, i, tmp);
}

int crm_rec_find_by_keys(struct crm_tool *t, const struct crm_field *const *keys, size_t nkeys,
                         const struct crm_rec *r, int64_t *id)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_addf(&q, "SELECT id FROM \"%s\" WHERE ", t->def->table);
    for (size_t k = 0; k < nkeys; k++) {
        const struct crm_sval *v = &r->v[field_index(&t->ent, keys[k])];
        if (k)
            crm_sql_add(&q, " AND ");
        crm_field_sql_key(keys[k], NULL, &q);
        if (v->kind == CRM_SV_NULL) {
            crm_sql_add(&q, " IS NULL");
            continue;
        }
        crm_sql_add(&q, " = ");
        crm_field_bind_key(keys[k], &q, v);
    }
    crm_sql_add(&q, " LIMIT 2");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return -rc;
    int n = 0;
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        if (n++ == 0)
            *id = crm_stmt_int(st, 0);
    }
    crm_stmt_done(st);
    if (rc < 0)
        return rc;
    if (n > 1)
        return -crm_err_set(&t->err, CRM_DATAERR, "--key matches more than one %s",
                            t->def->name);
    return n;
}

/* ---- output ----------------------------------------------------------- */

static int parse_fields(struct crm_tool *t, int all, const struct crm_field ***out, size_t *n)
{
    const char *spec = crm_args_get(&t->args, "fields");
    *out = crm_xcalloc(t->ent.nfields + 1, sizeof **out);
    *n = 0;
    if (!spec || strcmp(spec, "all") == 0 || !*spec) {
        int everything = spec != NULL || all;
        for (size_t i = 0; i < t->ent.nfields; i++) {
            const struct crm_field *f = &t->ent.fields[i];
            if (everything ? (all == 2 ? is_stored(f) : 1) : (f->flags & (CRM_F_LIST | CRM_F_CUSTOM)) != 0)
                (*out)[(*n)++] = f;
        }
        return CRM_OK;
    }
    char *copy = crm_xstrdup(spec);
    int rc = CRM_OK;
    size_t cap = t->ent.nfields + 1;
    for (char *save = NULL, *s = strtok_r(copy, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
        const struct crm_field *f = crm_ent_field(&t->ent, s);
        if (!f) {
            struct crm_buf names = CRM_BUF_INIT;
            field_names(&t->ent, &names, 0);
            rc = crm_err_set(&t->err, CRM_USAGE, "--fields: unknown field '%s' (fields: %s)", s,
                             crm_buf_str(&names));
            crm_buf_free(&names);
            break;
        }
        if (*n + 1 >= cap) {
            cap *= 2;
            *out = crm_xrealloc(*out, cap * sizeof **out);
        }
        (*out)[(*n)++] = f;
    }
    free(copy);
    return rc;
}

static const struct crm_ent *related_cb(const char *entity, void *arg)
{
    return crm_tool_related(arg, entity);
}

/* WHERE (--where ...) AND (extra), or nothing. */
static int add_filters(struct crm_tool *t, struct crm_sql *q, const struct crm_sql *extra)
{
    const char *const *w;
    size_t nw = crm_args_all(&t->args, "where", &w);
    struct crm_where_env env = {&t->ent, &t->ctx, related_cb, t};
    int first = 1;
    for (size_t i = 0; i < nw; i++) {
        crm_sql_add(q, first ? " WHERE (" : " AND (");
        first = 0;
        int rc = crm_where_compile(w[i], &env, q, &t->err);
        if (rc)
            return rc;
        crm_sql_add(q, ")");
    }
    if (extra && extra->text.len) {
        crm_sql_add(q, first ? " WHERE (" : " AND (");
        first = 0;
        crm_sql_append(q, extra);
        crm_sql_add(q, ")");
    }
    /* --segment NAME: the saved filter, joined with the others by "and". */
    const char *seg = crm_args_get(&t->args, "segment");
    if (seg) {
        crm_sql_add(q, first ? " WHERE (" : " AND (");
        int rc = crm_segment_cond(t, seg, &t->ent, q);
        if (rc)
            return rc;
        crm_sql_add(q, ")");
    }
    return CRM_OK;
}

int crm_entity_filters(struct crm_tool *t, struct crm_sql *q, const struct crm_sql *extra)
{
    return add_filters(t, q, extra);
}

static int add_order_limit(struct crm_tool *t, struct crm_sql *q, const char *deflt)
{
    const char *sort = crm_args_get(&t->args, "sort");
    struct crm_where_env env = {&t->ent, &t->ctx, related_cb, t};
    crm_sql_add(q, " ORDER BY ");
    if (sort) {
        int rc = crm_where_compile_sort(sort, &env, q, &t->err);
        if (rc)
            return rc;
        crm_sql_add(q, ", ");
    }
    crm_sql_add(q, deflt);
    const char *lim = crm_args_get(&t->args, "limit");
    if (lim) {
        char *end;
        long long n = strtoll(lim, &end, 10);
        if (*end || n < 0 || end == lim)
            return crm_err_set(&t->err, CRM_USAGE, "--limit: expected a whole number, got '%s'",
                               lim);
        crm_sql_add(q, " LIMIT ");
        crm_sql_bind_int(q, n);
    }
    return CRM_OK;
}

/* The display values of the current row, one per field: text as SQLite
 * holds it where the stored form is the display form (no copy), else
 * formatted into bufs.  Valid until the next step. */
static void row_display(struct crm_stmt *st, const struct crm_field *const *fields, size_t n,
                        struct crm_buf *bufs, const char **vals)
{
    for (size_t i = 0; i < n; i++) {
        const struct crm_field *f = fields[i];
        if (crm_stmt_is_null(st, (int)i)) {
            vals[i] = NULL;
            continue;
        }
        crm_buf_reset(&bufs[i]);
        if (crm_field_is_int(f)) {
            crm_field_format(f, 0, crm_stmt_int(st, (int)i), NULL, &bufs[i]);
            vals[i] = crm_buf_str(&bufs[i]);
        } else if (f->type == CRM_T_TAGS) {
            crm_field_format(f, 0, 0, crm_stmt_text(st, (int)i), &bufs[i]);
            vals[i] = crm_buf_str(&bufs[i]);
        } else {
            vals[i] = crm_stmt_text(st, (int)i);
        }
    }
}

/* Print the rows of a query whose columns are `fields`, in the tool's format. */
static int print_rows(struct crm_tool *t, struct crm_stmt *st, const struct crm_field *const *fields,
                      size_t n, size_t *count)
{
    struct crm_col *cols = crm_xcalloc(n, sizeof *cols);
    for (size_t i = 0; i < n; i++) {
        cols[i].name = fields[i]->name;
        cols[i].kind = crm_field_colkind(fields[i]);
    }
    struct crm_out *o = crm_tool_out(t, cols, n);
    struct crm_buf *bufs = crm_xcalloc(n, sizeof *bufs);
    const char **vals = crm_xcalloc(n, sizeof *vals);
    int rc;
    *count = 0;
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        row_display(st, fields, n, bufs, vals);
        if ((rc = crm_out_row(o, vals, &t->err))) {
            rc = -rc;
            break;
        }
        (*count)++;
    }
    crm_stmt_done(st);
    if (rc < 0)
        crm_out_free(o);
    else
        rc = -crm_out_end(o, &t->err);
    for (size_t i = 0; i < n; i++)
        crm_buf_free(&bufs[i]);
    free(bufs);
    free(vals);
    free(cols);
    return -rc;
}

static void select_fields(struct crm_tool *t, const struct crm_field *const *fields, size_t n,
                          struct crm_sql *q)
{
    crm_sql_add(q, "SELECT ");
    for (size_t i = 0; i < n; i++) {
        if (i)
            crm_sql_add(q, ", ");
        crm_field_sql_value(fields[i], NULL, q);
    }
    crm_sql_addf(q, " FROM \"%s\"", t->def->table);
}

int crm_entity_print(struct crm_tool *t, const struct crm_sql *extra_cond, int all_fields)
{
    return crm_entity_print_sorted(t, extra_cond, all_fields, "id");
}

int crm_entity_print_sorted(struct crm_tool *t, const struct crm_sql *extra_cond, int all_fields,
                            const char *order)
{
    const struct crm_field **fields;
    size_t n, count;
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    int rc = parse_fields(t, all_fields, &fields, &n);
    if (rc == CRM_OK) {
        select_fields(t, fields, n, &q);
        if ((rc = add_filters(t, &q, extra_cond)) == CRM_OK &&
            (rc = add_order_limit(t, &q, order)) == CRM_OK &&
            (rc = crm_db_query(t->db, &q, &st, &t->err)) == CRM_OK)
            rc = print_rows(t, st, fields, n, &count);
    }
    crm_sql_free(&q);
    free(fields);
    return rc;
}

int crm_entity_show_ids(struct crm_tool *t, const int64_t *ids, size_t n)
{
    const struct crm_field **fields;
    size_t nf;
    int rc = parse_fields(t, 1, &fields, &nf), missing = 0;
    if (rc)
        return rc;
    struct crm_col *cols = crm_xcalloc(nf, sizeof *cols);
    for (size_t i = 0; i < nf; i++) {
        cols[i].name = fields[i]->name;
        cols[i].kind = crm_field_colkind(fields[i]);
    }
    struct crm_out *o = crm_tool_out(t, cols, nf);
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_buf *bufs = crm_xcalloc(nf, sizeof *bufs);
    const char **vals = crm_xcalloc(nf, sizeof *vals);
    for (size_t k = 0; k < n && rc == CRM_OK; k++) {
        struct crm_stmt *st;
        crm_sql_reset(&q);
        select_fields(t, fields, nf, &q);
        crm_sql_add(&q, " WHERE id = ");
        crm_sql_bind_int(&q, ids[k]);
        if ((rc = crm_db_query(t->db, &q, &st, &t->err)))
            break;
        int got = crm_stmt_step(st, &t->err);
        if (got < 0) {
            rc = -got;
            break;
        }
        if (got == 0) {
            fprintf(stderr, "%s: show: no %s with id %" PRId64 "\n", t->prog, t->def->name, ids[k]);
            missing = 1;
            continue;
        }
        row_display(st, fields, nf, bufs, vals);
        rc = crm_out_row(o, vals, &t->err);
        crm_stmt_done(st);
    }
    if (rc == CRM_OK)
        rc = crm_out_end(o, &t->err);
    else
        crm_out_free(o);
    for (size_t i = 0; i < nf; i++)
        crm_buf_free(&bufs[i]);
    free(bufs);
    free(vals);
    free(cols);
    free(fields);
    crm_sql_free(&q);
    if (rc == CRM_OK && missing)
        return CRM_NOTFOUND; /* message already printed per id */
    return rc;
}

/* ---- ids from arguments or stdin -------------------------------------- */

struct idlist {
    int64_t *ids;
    size_t n, cap;
};

static int push_id(long long id, size_t line, void *arg)
{
    struct idlist *l = arg;
    (void)line;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->ids = crm_xrealloc(l->ids, l->cap * sizeof *l->ids);
    }
    l->ids[l->n++] = id;
    return 0;
}

int crm_entity_collect_ids(struct crm_tool *t, size_t from, size_t to, int64_t **ids, size_t *n)
{
    struct idlist l = {0};
    int rc = CRM_OK;
    for (size_t i = from; i < to && rc == CRM_OK; i++) {
        const char *a = t->pos[i];
        if (strcmp(a, "-") == 0) {
            rc = crm_input_read_ids(stdin, "stdin", push_id, &l, &t->err);
            continue;
        }
        const char *p = a[0] == '#' ? a + 1 : a;
        if (!all_digits(p) || strlen(p) > 18) {
            rc = crm_err_set(&t->err, CRM_USAGE, "'%s' is not a record id", a);
            break;
        }
        push_id(strtoll(p, NULL, 10), 0, &l);
    }
    if (rc) {
        free(l.ids);
        l.ids = NULL;
        l.n = 0;
    }
    *ids = l.ids;
    *n = l.n;
    return rc;
}

/* How many leading positional args are ids ("-" included). */
static size_t count_id_args(struct crm_tool *t)
{
    size_t i = 0;
    while (i < t->npos && !strchr(t->pos[i], '='))
        i++;
    return i;
}

/* ---- verbs ------------------------------------------------------------ */

static int verb_add(struct crm_tool *t)
{
    struct crm_rec r;
    int64_t id;
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE, "nothing to add: give FIELD=VALUE arguments");
    crm_rec_init(&r, t->ent.nfields);
    int rc = assign_all(t, &r, NULL, t->pos, t->npos);
    if (rc == CRM_OK)
        rc = crm_rec_insert(t, &r, &id);
    crm_rec_free(&r);
    if (rc == CRM_OK)
        rc = crm_dupes_warn_new(t, id, NULL);
    if (rc == CRM_OK)
        rc = crm_entity_show_ids(t, &id, 1);
    return rc;
}

static int verb_show(struct crm_tool *t)
{
    int64_t *ids;
    size_t n;
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE, "which %s? give ids, or - to read them from stdin",
                           t->def->name);
    int rc = crm_entity_collect_ids(t, 0, t->npos, &ids, &n);
    if (rc == CRM_OK)
        rc = crm_entity_show_ids(t, ids, n);
    free(ids);
    return rc;
}

static int verb_list(struct crm_tool *t)
{
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "list takes no arguments (use --where)");
    return crm_entity_print(t, NULL, 0);
}

static int verb_export(struct crm_tool *t)
{
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "export takes no arguments (use --where)");
    return crm_entity_print(t, NULL, 2);
}

static int verb_count(struct crm_tool *t)
{
    struct crm_sql q = CRM_SQL_INIT;
    int64_t n = 0;
    int found;
    crm_sql_addf(&q, "SELECT count(*) FROM \"%s\"", t->def->table);
    int rc = add_filters(t, &q, NULL);
    if (rc == CRM_OK)
        rc = crm_db_scalar_int(t->db, &q, &n, &found, &t->err);
    crm_sql_free(&q);
    if (rc == CRM_OK)
        printf("%" PRId64 "\n", n);
    return rc;
}

static int verb_update(struct crm_tool *t)
{
    size_t nid = count_id_args(t);
    int64_t *ids;
    size_t n;
    if (nid == 0 || nid == t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "usage: update ID... FIELD=VALUE...");
    int rc = crm_entity_collect_ids(t, 0, nid, &ids, &n), missing = 0;
    for (size_t k = 0; k < n && rc == CRM_OK; k++) {
        struct crm_rec old, r;
        int changed;
        crm_rec_init(&old, t->ent.nfields);
        crm_rec_init(&r, t->ent.nfields);
        int got = crm_rec_load(t, ids[k], &old);
        if (got < 0)
            rc = -got;
        else if (got == 0)
            rc = crm_err_set(&t->err, CRM_NOTFOUND, "no %s with id %" PRId64, t->def->name, ids[k]);
        else if ((rc = assign_all(t, &r, &old, t->pos + nid, t->npos - nid)) == CRM_OK)
            rc = crm_rec_update(t, ids[k], &old, &r, &changed);
        if (rc)
            crm_err_prefix(&t->err, "%s %" PRId64 ": ", t->def->name, ids[k]);
        crm_rec_free(&old);
        crm_rec_free(&r);
    }
    if (rc == CRM_OK && !missing)
        rc = crm_entity_show_ids(t, ids, n);
    free(ids);
    return rc;
}

static int verb_delete(struct crm_tool *t)
{
    int64_t *ids;
    size_t n;
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE, "which %s? give ids, or - to read them from stdin",
                           t->def->name);
    if (crm_args_has(&t->args, "cascade") && crm_args_has(&t->args, "move-to"))
        return crm_err_set(&t->err, CRM_USAGE, "--cascade and --move-to exclude each other");
    int rc = crm_entity_collect_ids(t, 0, t->npos, &ids, &n);
    for (size_t k = 0; k < n && rc == CRM_OK; k++)
        rc = crm_rec_delete(t, ids[k]);
    if (rc == CRM_OK)
        crm_tool_note(t, "deleted %zu %s record%s", n, t->def->name, n == 1 ? "" : "s");
    free(ids);
    return rc;
}

static int verb_restore(struct crm_tool *t)
{
    int64_t *ids;
    size_t n;
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE, "which %s? give the ids of deleted records",
                           t->def->name);
    int rc = crm_entity_collect_ids(t, 0, t->npos, &ids, &n);
    for (size_t k = 0; k < n && rc == CRM_OK; k++) {
        char *json = NULL;
        rc = crm_history_last_deleted(t->db, t->def->name, ids[k], &json, &t->err);
        if (rc == CRM_OK && !json)
            rc = crm_err_set(&t->err, CRM_NOTFOUND,
                             "%s %" PRId64 " was never deleted (or is back already)",
                             t->def->name, ids[k]);
        if (rc == CRM_OK)
            rc = crm_entity_insert_json(t, json, "restore");
        free(json);
    }
    if (rc == CRM_OK)
        rc = crm_entity_show_ids(t, ids, n);
    free(ids);
    return rc;
}

/* Insert a record from the JSON object of display values kept in the history. */
int crm_entity_insert_json(struct crm_tool *t, const char *json, const char *action)
{
    json_error_t je;
    json_t *o = json_loads(json, 0, &je);
    if (!o || !json_is_object(o)) {
        json_decref(o);
        return crm_err_set(&t->err, CRM_SOFTWARE, "history holds a malformed record");
    }
    struct crm_rec r;
    crm_rec_init(&r, t->ent.nfields);
    int rc = CRM_OK;
    /* Two passes: phones after the country. */
    for (int pass = 0; pass < 2 && rc == CRM_OK; pass++) {
        const char *k;
        json_t *v;
        json_object_foreach(o, k, v)
        {
            const struct crm_field *f = crm_ent_field(&t->ent, k);
            if (!f || !json_is_string(v) || (f->type == CRM_T_PHONE) != pass)
                continue;
            if ((rc = crm_rec_set(t, &r, f, json_string_value(v), NULL)))
                break;
        }
    }
    json_decref(o);
    int64_t id;
    if (rc == CRM_OK)
        rc = crm_rec_insert(t, &r, &id);
    crm_rec_free(&r);
    (void)action;
    return rc;
}

static int verb_history(struct crm_tool *t)
{
    int64_t *ids;
    size_t n;
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE, "whose history? give a record id");
    int rc = crm_entity_collect_ids(t, 0, t->npos, &ids, &n);
    int64_t missing = 0;
    int nmissing = 0;
    /* An id that never had a record (no history at all) is "not found". */
    for (size_t i = 0; rc == CRM_OK && i < n; i++) {
        struct crm_sql q = CRM_SQL_INIT;
        int64_t one;
        int found;
        crm_sql_add(&q, "SELECT 1 FROM history WHERE entity = ");
        crm_sql_bind_text(&q, t->def->name);
        crm_sql_add(&q, " AND record_id = ");
        crm_sql_bind_int(&q, ids[i]);
        crm_sql_add(&q, " LIMIT 1");
        rc = crm_db_scalar_int(t->db, &q, &one, &found, &t->err);
        crm_sql_free(&q);
        if (rc == CRM_OK && !found && nmissing++ == 0)
            missing = ids[i];
    }
    if (rc == CRM_OK)
        rc = crm_history_print(t, t->def->name, ids, n, NULL);
    free(ids);
    if (rc == CRM_OK && nmissing)
        rc = crm_err_set(&t->err, CRM_NOTFOUND, "no %s with id %" PRId64 "%s", t->def->name,
                         missing, nmissing > 1 ? " (and others)" : "");
    return rc;
}

/* Full-text terms: each word quoted for FTS5 and made a prefix ("шевч"*). */
static int fts_query(struct crm_tool *t, struct crm_buf *out)
{
    for (size_t i = 0; i < t->npos; i++) {
        char *copy = crm_xstrdup(t->pos[i]);
        for (char *save = NULL, *w = strtok_r(copy, " \t\n", &save); w;
             w = strtok_r(NULL, " \t\n", &save)) {
            if (out->len)
                crm_buf_putc(out, ' ');
            crm_buf_putc(out, '"');
            for (const char *c = w; *c; c++) {
                if (*c == '"')
                    crm_buf_putc(out, '"');
                crm_buf_putc(out, *c);
            }
            crm_buf_puts(out, "\"*");
        }
        free(copy);
    }
    if (!out->len)
        return crm_err_set(&t->err, CRM_USAGE, "search what? give words to look for");
    return CRM_OK;
}

int crm_entity_print_match(struct crm_tool *t, const char *match, const struct crm_sql *extra_cond)
{
    if (!t->def->fts_table)
        return crm_err_set(&t->err, CRM_USAGE, "%s records have no full-text index", t->def->name);
    const struct crm_field **fields = NULL;
    size_t n, count;
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    int rc = parse_fields(t, 0, &fields, &n);
    if (rc == CRM_OK) {
        select_fields(t, fields, n, &q);
        /* Ranked by bm25 through the FTS5 rank column of a subquery. */
        crm_sql_addf(&q, " JOIN (SELECT rowid AS crm_rid, rank AS crm_rank FROM \"%s\" WHERE \"%s\" MATCH ",
                     t->def->fts_table, t->def->fts_table);
        crm_sql_bind_text(&q, match);
        crm_sql_addf(&q, ") AS crm_m ON crm_m.crm_rid = \"%s\".id", t->def->table);
        if ((rc = add_filters(t, &q, extra_cond)) == CRM_OK &&
            (rc = add_order_limit(t, &q, "crm_m.crm_rank, id")) == CRM_OK &&
            (rc = crm_db_query(t->db, &q, &st, &t->err)) == CRM_OK)
            rc = print_rows(t, st, fields, n, &count);
    }
    crm_sql_free(&q);
    free(fields);
    return rc;
}

static int verb_search(struct crm_tool *t)
{
    if (!t->def->fts_table)
        return crm_err_set(&t->err, CRM_USAGE, "%s records have no full-text index", t->def->name);
    struct crm_buf terms = CRM_BUF_INIT;
    int rc = fts_query(t, &terms);
    if (rc == CRM_OK)
        rc = crm_entity_print_match(t, crm_buf_str(&terms), NULL);
    crm_buf_free(&terms);
    return rc;
}

int crm_tool_load_custom(struct crm_tool *t, struct crm_ent *e)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT name, type, vals FROM custom_field WHERE entity = ");
    crm_sql_bind_text(&q, e->def->name);
    crm_sql_add(&q, " ORDER BY created_at, name");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        enum crm_type type;
        if (crm_type_parse(crm_stmt_text(st, 1), &type))
            continue;
        const char *vals = crm_stmt_text(st, 2);
        char **v = NULL;
        size_t nv = 0;
        if (vals) {
            char *copy = crm_xstrdup(vals);
            for (char *save = NULL, *s = strtok_r(copy, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
                v = crm_xrealloc(v, (nv + 2) * sizeof *v);
                v[nv++] = crm_xstrdup(s);
                v[nv] = NULL;
            }
            free(copy);
        }
        crm_ent_add_custom(e, crm_stmt_text(st, 0), type, (const char *const *)v);
        for (size_t i = 0; i < nv; i++)
            free(v[i]);
        free(v);
    }
    crm_stmt_done(st);
    return rc < 0 ? -rc : CRM_OK;
}

static const char *const import_opts[] = {"key",         "map",    "ignore-unknown", "rejects",
                                          "dry-run",     "input-format", "delimiter",
                                          "encoding",    "preset", NULL};
static const char *const delete_opts[] = {"cascade", "move-to", NULL};
static const char *const output_opts[] = {"safe-csv", NULL};
static const char *const select_opts[] = {"safe-csv", "segment", NULL};
static const char *const count_opts[] = {"segment", NULL};
static const char *const assign_opts[] = {"to", "by", "safe-csv", NULL};

const struct crm_opt crm_entity_opts[] = {
    {"key", 0, CRM_OPT_ARG, "FIELD[,FIELD]", "fields", "import: update the record whose FIELDs match, insert otherwise"},
    {"map", 0, CRM_OPT_ARG, "SRC=field,...", NULL, "import: rename input columns"},
    {"ignore-unknown", 0, CRM_OPT_FLAG, NULL, NULL, "import: skip input columns that are no field"},
    {"rejects", 0, CRM_OPT_ARG, "FILE", "file", "import: write invalid rows (with an error column) to FILE and import the rest"},
    {"dry-run", 0, CRM_OPT_FLAG, NULL, NULL, "import: validate and report, write nothing"},
    {"input-format", 0, CRM_OPT_ARG, "FMT", "csv|tsv|json|jsonl", "import: input format (default: detected)"},
    {"delimiter", 0, CRM_OPT_ARG, "C", NULL, "import: CSV field delimiter (default ',', or ';' when the header has more of them)"},
    {"encoding", 0, CRM_OPT_ARG, "ENC", "cp1251|koi8-r|latin1|utf-16|utf-8", "import: the input's encoding (default UTF-8; UTF-16 with a BOM is detected)"},
    {"preset", 0, CRM_OPT_ARG, "VENDOR", "google|outlook|salesforce|hubspot", "import: the columns of that system's export"},
    {"cascade", 0, CRM_OPT_FLAG, NULL, NULL, "delete: delete the records that refer to it too"},
    {"move-to", 0, CRM_OPT_ARG, "ID", NULL, "delete: move the records that refer to it to this one"},
    {"safe-csv", 0, CRM_OPT_FLAG, NULL, NULL, "neutralise spreadsheet formulas in CSV/TSV output"},
    {"to", 0, CRM_OPT_ARG, "USER,...", NULL, "assign: the owners (users) to give the records to"},
    {"by", 0, CRM_OPT_ARG, "RULE", "round-robin|load|region", "assign: round-robin (default), load or region"},
    {"segment", 0, CRM_OPT_ARG, "NAME", NULL, "list/count/export: only the records of a saved segment (crm segment)"},
    {NULL, 0, 0, NULL, NULL, NULL},
};

const struct crm_verb crm_entity_verbs[] = {
    {"add", "FIELD=VALUE...", "create a record; prints it", output_opts, verb_add, CRM_DB_WRITE, 0},
    {"show", "ID...|-", "print records by id", output_opts, verb_show, CRM_DB_READ, 0},
    {"list", "", "print the records that match --where", select_opts, verb_list, CRM_DB_READ, 0},
    {"update", "ID...|- FIELD=VALUE...", "change fields (tags+=x, tags-=x)", output_opts, verb_update, CRM_DB_WRITE, 0},
    {"delete", "ID...|-", "remove records (restore brings them back)", delete_opts, verb_delete, CRM_DB_WRITE, 0},
    {"restore", "ID...", "bring back deleted records", output_opts, verb_restore, CRM_DB_WRITE, 0},
    {"import", "[FILE|-]", "create or update records from CSV, JSON or JSON Lines", import_opts, crm_entity_import, CRM_DB_WRITE, 0},
    {"export", "", "every field of every matching record", select_opts, verb_export, CRM_DB_READ, 0},
    {"count", "", "how many records match --where", count_opts, verb_count, CRM_DB_READ, 0},
    {"search", "TEXT...", "full-text search, best matches first", output_opts, verb_search, CRM_DB_READ, 0},
    {"history", "ID...", "every change made to records", NULL, verb_history, CRM_DB_READ, 0},
    /* Only for entities with an owner field (tool.c leaves it out elsewhere). */
    {"assign", "ID...|- --to USER,...", "give records to owners (--by round-robin|load|region)",
     assign_opts, crm_entity_assign, CRM_DB_WRITE, 0},
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};
