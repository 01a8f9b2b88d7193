/*
 * sql.h - a statement under construction: SQL text plus the values bound to it.
 *
 * Every value that came from a user reaches SQL only through crm_sql_bind_*,
 * which appends a "?" placeholder and records the value; the text itself is
 * built only from constants of the model (table and column names) and from
 * fixed keywords.  db.c binds the values in order when it runs the statement.
 *
 * Ownership: the struct owns its text and the copies of bound strings;
 * crm_sql_free() releases them.
 */
#ifndef CRM_SQL_H
#define CRM_SQL_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

enum crm_bind_kind { CRM_BIND_NULL, CRM_BIND_INT, CRM_BIND_TEXT };

struct crm_bind {
    enum crm_bind_kind kind;
    int64_t i;
    char *s;
};

struct crm_sql {
    struct crm_buf text;
    struct crm_bind *binds;
    size_t nbinds, cap;
};

#define CRM_SQL_INIT {CRM_BUF_INIT, NULL, 0, 0}

/* Append constant SQL text (keywords, model identifiers; never user text). */
void crm_sql_add(struct crm_sql *q, const char *text);
void crm_sql_addf(struct crm_sql *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append "?" and bind a value. */
void crm_sql_bind_text(struct crm_sql *q, const char *s);
void crm_sql_bind_textn(struct crm_sql *q, const char *s, size_t n);
void crm_sql_bind_int(struct crm_sql *q, int64_t i);
void crm_sql_bind_null(struct crm_sql *q);
/* Append another builder's text and binds (for composing fragments). */
void crm_sql_append(struct crm_sql *q, const struct crm_sql *frag);
void crm_sql_reset(struct crm_sql *q);
void crm_sql_free(struct crm_sql *q);
/* Append a double-quoted SQL identifier; for model names only. */
void crm_sql_ident(struct crm_sql *q, const char *name);

#endif
