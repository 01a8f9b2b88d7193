/*
 * field.c - field types: parse user text into stored values, format stored
 * values for display, and name their SQL expressions.
 */
#include "field.h"

#include <ctype.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "out.h"
#include "phone.h"
#include "utf8.h"
#include "value.h"

static const char *const type_names[] = {
    [CRM_T_ID] = "id",         [CRM_T_TEXT] = "text",   [CRM_T_INT] = "integer",
    [CRM_T_DECIMAL] = "decimal", [CRM_T_MONEY] = "money", [CRM_T_BOOL] = "bool",
    [CRM_T_DATE] = "date",     [CRM_T_DATETIME] = "datetime", [CRM_T_ENUM] = "enum",
    [CRM_T_TAGS] = "tags",     [CRM_T_EMAIL] = "email", [CRM_T_PHONE] = "phone",
    [CRM_T_URL] = "url",       [CRM_T_REF] = "ref",
};

const char *crm_type_name(enum crm_type t)
{
    return (size_t)t < sizeof type_names / sizeof type_names[0] ? type_names[t] : "?";
}

int crm_type_parse(const char *name, enum crm_type *t)
{
    for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++) {
        if (type_names[i] && strcmp(type_names[i], name) == 0 && i != CRM_T_ID &&
            i != CRM_T_REF) {
            *t = (enum crm_type)i;
            return CRM_OK;
        }
    }
    if (strcmp(name, "int") == 0) {
        *t = CRM_T_INT;
        return CRM_OK;
    }
    return CRM_USAGE;
}

int crm_ctx_from_env(struct crm_ctx *ctx, struct crm_err *err)
{
    memset(ctx, 0, sizeof *ctx);
    int rc = crm_value_now(&ctx->now, err);
    if (rc)
        return rc;
    const char *u = getenv("CRM_USER");
    if (!u || !*u)
        u = getenv("LOGNAME");
    if (!u || !*u)
        u = getenv("USER");
    if (!u || !*u) {
        struct passwd *pw = getpwuid(getuid());
        u = pw ? pw->pw_name : "unknown";
    }
    ctx->user = u;
    const char *c = getenv("CRM_COUNTRY");
    ctx->country = c && *c ? c : NULL;
    c = getenv("CRM_CURRENCY");
    ctx->currency = c && *c ? c : "EUR";
    return CRM_OK;
}

void crm_sval_free(struct crm_sval *v)
{
    crm_buf_free(&v->s);
    crm_buf_free(&v->key);
    v->kind = CRM_SV_NULL;
}

const char *crm_field_column(const struct crm_field *f)
{
    return f->column ? f->column : f->name;
}

int crm_field_has_key(const struct crm_field *f)
{
    return f->type == CRM_T_EMAIL || f->type == CRM_T_PHONE;
}

static int money_scale(const struct crm_field *f)
{
    return f->scale > 0 ? f->scale : 2;
}

static void set_text(struct crm_sval *out, const char *s, size_t n)
{
    out->kind = CRM_SV_TEXT;
    crm_buf_reset(&out->s);
    crm_buf_add(&out->s, s, n);
}

static void set_int(struct crm_sval *out, int64_t i)
{
    out->kind = CRM_SV_INT;
    out->i = i;
}

/* Trim ASCII blanks; returns the start and sets *n. */
static const char *trim(const char *s, size_t *n)
{
    size_t len = strlen(s);
    while (len && isspace((unsigned char)*s))
        s++, len--;
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    *n = len;
    return s;
}

static int parse_enum(const struct crm_field *f, const char *v, struct crm_sval *out,
                      struct crm_err *err)
{
    for (size_t i = 0; f->values && f->values[i]; i++) {
        if (strcasecmp(f->values[i], v) == 0) {
            set_text(out, f->values[i], strlen(f->values[i]));
            return CRM_OK;
        }
    }
    struct crm_buf allowed = CRM_BUF_INIT;
    for (size_t i = 0; f->values && f->values[i]; i++)
        crm_buf_printf(&allowed, "%s%s", i ? ", " : "", f->values[i]);
    crm_err_set(err, CRM_DATAERR, "invalid value '%s' (allowed: %s)", v, crm_buf_str(&allowed));
    crm_buf_free(&allowed);
    return CRM_DATAERR;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Tags are a set: split on ';' or ',', trim, drop empties and repeats, sort. */
static int parse_tags(const char *v, struct crm_sval *out, struct crm_err *err)
{
    char *copy = crm_xstrdup(v);
    char **tags = NULL;
    size_t n = 0, cap = 0;

    for (char *save = NULL, *t = strtok_r(copy, ";,", &save); t; t = strtok_r(NULL, ";,", &save)) {
        size_t len;
        const char *s = trim(t, &len);
        if (!len)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            tags = crm_xrealloc(tags, cap * sizeof *tags);
        }
        tags[n++] = crm_xstrndup(s, len);
    }
    qsort(tags, n, sizeof *tags, cmp_str);
    out->kind = n ? CRM_SV_TEXT : CRM_SV_NULL;
    crm_buf_reset(&out->s);
    for (size_t i = 0; i < n; i++) {
        if (i && strcmp(tags[i], tags[i - 1]) == 0)
            continue;
        crm_buf_printf(&out->s, "%s%s;", i ? "" : ";", tags[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(tags[i]);
    free(tags);
    free(copy);
    (void)err;
    return CRM_OK;
}

static int parse_typed(const struct crm_field *f, const char *v, size_t vlen, const char *country,
                       const struct crm_ctx *ctx, struct crm_sval *out, struct crm_err *err)
{
    int64_t i;
    int b, rc;
    char d[21];

    switch (f->type) {
    case CRM_T_ID:
    case CRM_T_INT:
        if ((rc = crm_value_parse_int(v, &i, err)))
            return rc;
        if (f->type == CRM_T_ID && i <= 0)
            return crm_err_set(err, CRM_DATAERR, "invalid record id '%s'", v);
        set_int(out, i);
        return CRM_OK;
    case CRM_T_DECIMAL:
        if ((rc = crm_value_parse_decimal(v, f->scale, &i, err)))
            return rc;
        set_int(out, i);
        return CRM_OK;
    case CRM_T_MONEY:
        if ((rc = crm_value_parse_decimal(v, money_scale(f), &i, err)))
            return rc;
        set_int(out, i);
        return CRM_OK;
    case CRM_T_BOOL:
        if ((rc = crm_value_parse_bool(v, &b, err)))
            return rc;
        set_int(out, b);
        return CRM_OK;
    case CRM_T_DATE:
        if ((rc = crm_value_parse_date(v, ctx->now, d, err)))
            return rc;
        set_text(out, d, strlen(d));
        return CRM_OK;
    case CRM_T_DATETIME:
        if ((rc = crm_value_parse_datetime(v, ctx->now, d, err)))
            return rc;
        set_text(out, d, strlen(d));
        return CRM_OK;
    case CRM_T_ENUM:
        return parse_enum(f, v, out, err);
    case CRM_T_TAGS:
        return parse_tags(v, out, err);
    case CRM_T_EMAIL:
        out->kind = CRM_SV_TEXT;
        crm_buf_reset(&out->s);
        crm_buf_reset(&out->key);
        return crm_value_parse_email(v, &out->s, &out->key, err);
    case CRM_T_PHONE:
        crm_buf_reset(&out->key);
        if ((rc = crm_phone_normalize(v, country ? country : ctx->country, &out->key, err)))
            return rc;
        set_text(out, v, vlen);
        return CRM_OK;
    case CRM_T_URL:
        out->kind = CRM_SV_TEXT;
        crm_buf_reset(&out->s);
        return crm_value_parse_url(v, &out->s, err);
    case CRM_T_REF:
    case CRM_T_TEXT:
        set_text(out, v, vlen);
        return CRM_OK;
    }
    return crm_err_set(err, CRM_SOFTWARE, "unknown field type %d", (int)f->type);
}

int crm_field_parse(const struct crm_field *f, const char *text, const char *country,
                    const struct crm_ctx *ctx, struct crm_sval *out, struct crm_err *err)
{
    size_t len;
    const char *v = f->type == CRM_T_TEXT ? text : trim(text, &len);

    out->kind = CRM_SV_NULL;
    if (f->type == CRM_T_TEXT)
        len = strlen(text);
    if (len == 0)
        return CRM_OK;
    char *copy = crm_xstrndup(v, len);
    const char *cc = country ? crm_country_iso2(country) : NULL;
    int rc = parse_typed(f, copy, len, cc, ctx, out, err);
    if (rc)
        crm_err_prefix(err, "%s: ", f->name);
    free(copy);
    return rc;
}

int crm_field_format(const struct crm_field *f, int is_null, int64_t i, const char *s,
                     struct crm_buf *out)
{
    if (is_null)
        return 0;
    switch (f->type) {
    case CRM_T_ID:
    case CRM_T_INT:
        crm_buf_printf(out, "%" PRId64, i);
        return 1;
    case CRM_T_DECIMAL:
        crm_value_format_decimal(out, i, f->scale);
        return 1;
    case CRM_T_MONEY:
        crm_value_format_decimal(out, i, money_scale(f));
        return 1;
    case CRM_T_BOOL:
        crm_buf_puts(out, i ? "true" : "false");
        return 1;
    case CRM_T_TAGS: {
        size_t n = strlen(s);
        if (n >= 2 && s[0] == ';' && s[n - 1] == ';')
            crm_buf_add(out, s + 1, n - 2);
        else
            crm_buf_puts(out, s);
        return 1;
    }
    case CRM_T_REF:
        crm_buf_printf(out, "%" PRId64, i);
        return 1;
    default:
        crm_buf_puts(out, s ? s : "");
        return 1;
    }
}

int crm_field_is_int(const struct crm_field *f)
{
    switch (f->type) {
    case CRM_T_ID:
    case CRM_T_INT:
    case CRM_T_DECIMAL:
    case CRM_T_MONEY:
    case CRM_T_BOOL:
    case CRM_T_REF:
        return 1;
    default:
        return 0;
    }
}

int crm_field_colkind(const struct crm_field *f)
{
    if (f->flags & CRM_F_JSON)
        return CRM_COL_JSON;
    switch (f->type) {
    case CRM_T_ID:
    case CRM_T_INT:
    case CRM_T_DECIMAL:
    case CRM_T_MONEY:
    case CRM_T_REF:
        return CRM_COL_NUMBER;
    case CRM_T_BOOL:
        return CRM_COL_BOOL;
    case CRM_T_TAGS:
        return CRM_COL_TAGS;
    default:
        return CRM_COL_TEXT;
    }
}

static void qualify(const char *alias, struct crm_sql *q)
{
    if (alias) {
        crm_sql_ident(q, alias);
        crm_sql_add(q, ".");
    }
}

static void custom_path(const struct crm_field *f, const char *suffix, struct crm_sql *q)
{
    struct crm_buf path = CRM_BUF_INIT;
    crm_buf_printf(&path, "$.\"%s%s\"", f->name, suffix);
    crm_sql_bind_text(q, crm_buf_str(&path));
    crm_buf_free(&path);
}

void crm_field_sql_value(const struct crm_field *f, const char *alias, struct crm_sql *q)
{
    if (f->flags & CRM_F_DERIVED) {
        crm_sql_add(q, f->derive);
        return;
    }
    if (f->flags & CRM_F_CUSTOM) {
        crm_sql_add(q, "json_extract(");
        qualify(alias, q);
        crm_sql_add(q, "custom, ");
        custom_path(f, "", q);
        crm_sql_add(q, ")");
        return;
    }
    qualify(alias, q);
    crm_sql_ident(q, crm_field_column(f));
}

void crm_field_sql_key(const struct crm_field *f, const char *alias, struct crm_sql *q)
{
    if (!crm_field_has_key(f)) {
        crm_field_sql_value(f, alias, q);
        return;
    }
    if (f->flags & CRM_F_CUSTOM) {
        crm_sql_add(q, "json_extract(");
        qualify(alias, q);
        crm_sql_add(q, "custom, ");
        custom_path(f, "@key", q);
        crm_sql_add(q, ")");
        return;
    }
    qualify(alias, q);
    crm_sql_addf(q, "\"%s_key\"", crm_field_column(f));
}

void crm_field_bind_value(struct crm_sql *q, const struct crm_sval *v)
{
    if (v->kind == CRM_SV_INT)
        crm_sql_bind_int(q, v->i);
    else if (v->kind == CRM_SV_TEXT)
        crm_sql_bind_text(q, crm_buf_str(&v->s));
    else
        crm_sql_bind_null(q);
}

void crm_field_bind_key(const struct crm_field *f, struct crm_sql *q, const struct crm_sval *v)
{
    if (crm_field_has_key(f) && v->kind != CRM_SV_NULL)
        crm_sql_bind_text(q, crm_buf_str(&v->key));
    else
        crm_field_bind_value(q, v);
}
