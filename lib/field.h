/*
 * field.h - the field table: one declaration per field of an entity, from
 * which come validation, storage, the CSV header and JSON keys, the names
 * usable in --where, --sort and --fields, the man page's field list and the
 * completion words.
 *
 * A value crosses three forms:
 *   user text   what was typed or imported ("+380 44 123-45-67", "12.5", "+3d")
 *   stored      what is in the database (struct crm_sval): int64 for int,
 *               decimal, money and bool; text for the rest; NULL
 *   display     what is printed (crm_field_format): "12.50", "true", "a;b"
 * Types with a case- or format-insensitive identity (email, phone) also have a
 * key, stored in the shadow column <column>_key, used by =, in, unique
 * indexes and --key upserts.
 */
#ifndef CRM_FIELD_H
#define CRM_FIELD_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"
#include "sql.h"

enum crm_type {
    CRM_T_ID,       /* the record id (integer primary key) */
    CRM_T_TEXT,
    CRM_T_INT,
    CRM_T_DECIMAL,  /* exact, `scale` places, stored as a scaled int64 */
    CRM_T_MONEY,    /* exact, in the minor unit of the currency (scale 2 unless the currency says) */
    CRM_T_BOOL,
    CRM_T_DATE,
    CRM_T_DATETIME,
    CRM_T_ENUM,
    CRM_T_TAGS,     /* a set of strings, stored as ";a;b;" (sorted, unique) */
    CRM_T_EMAIL,
    CRM_T_PHONE,
    CRM_T_URL,
    CRM_T_REF,      /* another entity's record, by id or natural key */
};

enum crm_field_flag {
    CRM_F_REQUIRED = 1 << 0,
    CRM_F_UNIQUE = 1 << 1,   /* unique among records (on the key when the type has one) */
    CRM_F_READONLY = 1 << 2, /* set by crm, not by add/update (id, created_at, ...) */
    CRM_F_SEARCH = 1 << 3,   /* indexed for full-text search */
    CRM_F_CUSTOM = 1 << 4,   /* a custom field: stored in the JSON column "custom" */
    CRM_F_DERIVED = 1 << 5,  /* computed for output, not stored (account_name) */
    CRM_F_LIST = 1 << 6,     /* shown by `list` when --fields is not given */
    CRM_F_JSON = 1 << 7,     /* CRM_F_DERIVED whose SQL gives JSON (nested records) */
    CRM_F_NULLIFY = 1 << 8,  /* CRM_T_REF: deleting the record referred to sets this to null
                                (otherwise the delete is refused unless --cascade/--move-to) */
};

struct crm_field {
    const char *name;           /* user-visible snake_case name */
    enum crm_type type;
    unsigned flags;
    const char *column;         /* SQL column; NULL means `name` */
    const char *const *values;  /* CRM_T_ENUM: allowed values, NULL-terminated */
    const char *ref;            /* CRM_T_REF: the entity referred to ("account") */
    const char *def;            /* default, as user text; "$user" = the acting user */
    int scale;                  /* CRM_T_DECIMAL: digits after the point; CRM_T_MONEY: the
                                   minor unit (0 means the currency's, 2 for most) */
    const char *derive;         /* CRM_F_DERIVED: SQL expression over the row (model constant) */
    const char *help;           /* one line for --help and the man page */
};

/* The context that parsing needs: the clock, the acting user and defaults. */
struct crm_ctx {
    int64_t now;            /* seconds since the epoch ($CRM_NOW or the clock) */
    const char *user;       /* $CRM_USER, else the login name */
    const char *country;    /* $CRM_COUNTRY, may be NULL */
    const char *currency;   /* $CRM_CURRENCY, default "EUR" */
};

/* Fill ctx from the environment; CRM_USAGE when CRM_NOW does not parse. */
int crm_ctx_from_env(struct crm_ctx *ctx, struct crm_err *err);

/* A stored value; owns its buffers (crm_sval_free). */
enum crm_sval_kind { CRM_SV_NULL, CRM_SV_INT, CRM_SV_TEXT };

struct crm_sval {
    enum crm_sval_kind kind;
    int64_t i;
    struct crm_buf s;   /* the stored text (kind == CRM_SV_TEXT) */
    struct crm_buf key; /* the key text, when crm_field_has_key() */
};

void crm_sval_free(struct crm_sval *v);

/* The name of a type ("text", "money", ...) and its inverse (for `crm field add`). */
const char *crm_type_name(enum crm_type t);
int crm_type_parse(const char *name, enum crm_type *t);

/* The SQL column of a built-in field. */
const char *crm_field_column(const struct crm_field *f);

/* 1 when the type keeps a comparison key in <column>_key (email, phone). */
int crm_field_has_key(const struct crm_field *f);

/*
 * Parse user text into the stored form.  `country` is the record's own
 * country (for phones; NULL to use ctx->country).  An empty string is NULL
 * for every type (CLI.md: empty values are null).  Surrounding blanks are
 * kept for text and trimmed for the other types.  CRM_T_REF is not resolved
 * here (it needs the
 * database; see entity.c): the text is stored as given.  On error returns
 * CRM_DATAERR with "FIELD: reason 'value'" in err.
 */
int crm_field_parse(const struct crm_field *f, const char *text, const char *country,
                    const struct crm_ctx *ctx, struct crm_sval *out, struct crm_err *err);

/* The display text of a stored value (NULL -> not touched, returns 0).
 * int64-backed kinds take `i`, text kinds take `s`.  Returns 1 when a value
 * was written to out. */
int crm_field_format(const struct crm_field *f, int is_null, int64_t i, const char *s,
                     struct crm_buf *out);

/* 1 when the stored form is an int64 (id, int, decimal, money, bool, ref). */
int crm_field_is_int(const struct crm_field *f);

/* The printer column kind of a field (number, bool, tags, text). */
int crm_field_colkind(const struct crm_field *f);

/*
 * Append the SQL expression that reads the field from a row of its table
 * (qualified by `alias` when not NULL): the column, or for a custom field
 * json_extract(custom, ?) with the path bound (a custom email or phone keeps
 * its key under the name "NAME@key" in the same JSON object).  crm_field_sql_key does the
 * same for the comparison key (the _key column for email/phone, else the
 * value itself).
 */
void crm_field_sql_value(const struct crm_field *f, const char *alias, struct crm_sql *q);
void crm_field_sql_key(const struct crm_field *f, const char *alias, struct crm_sql *q);

/* Bind a stored value (its value or its key) to q. */
void crm_field_bind_value(struct crm_sql *q, const struct crm_sval *v);
void crm_field_bind_key(const struct crm_field *f, struct crm_sql *q, const struct crm_sval *v);

#endif
