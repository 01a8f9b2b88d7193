/*
 * where.h - the filter language of --where, and --sort.
 *
 *   city = 'Kyiv' and (score >= 50 or tags has 'vip') and not email is null
 *   name ~ 'иван'                       contains, case-insensitive in every script
 *   stage in ('proposal', 'negotiation') and expected_close < +30d
 *   account.industry = 'retail'         one step through a ref field
 *
 * Operators: = != < <= > >= ~ !~ in (...) is null, is not null, has;
 * and, or, not, parentheses.  Keywords are case-insensitive.  Values are
 * numbers, quoted strings ('...' or "...", a doubled quote inside stands for
 * itself), and bare words such as dates (2026-11-22), relative dates (+30d,
 * today) and booleans (true).  Each value is parsed by the field's own type
 * (so an email is compared by its key, a money value in minor units, a
 * relative date resolved against ctx->now) and bound as a parameter; the SQL
 * text holds only model column names and fixed keywords.
 *
 * Semantics chosen for people rather than SQL: `!=` and `!~` are true for a
 * NULL field (a contact without a city is "not in Kyiv"), and so are `not in`
 * and `not` applied to a comparison with a NULL field (the logic is
 * two-valued: `not city = 'Kyiv'` means `city != 'Kyiv'`).  An empty value
 * ('') is NULL as everywhere in crm: `city = ''` is `city is null`; a bare
 * null is refused in favour of `is null`.  `=` on a ref field accepts the id
 * or the natural key of the record referred to.  `~` applies to text-like
 * fields only (text, email, phone, url, enum, tags) and takes its needle as
 * a plain substring; `has` takes one tag of a tags field.  A ref.field
 * condition holds for records whose related record satisfies it (records
 * with no related record never match it, even `account.industry is null`).
 *
 * Limits: 65536 bytes of expression, 100 levels of parentheses and `not`,
 * 10000 bound values.
 */
#ifndef CRM_WHERE_H
#define CRM_WHERE_H

#include "err.h"
#include "field.h"
#include "model.h"
#include "sql.h"

struct crm_where_env {
    const struct crm_ent *ent;   /* the entity being filtered */
    const struct crm_ctx *ctx;   /* clock and defaults for parsing values */
    /* The run-time view of a related entity (for account.industry); NULL if unknown. */
    const struct crm_ent *(*related)(const char *entity, void *arg);
    void *arg;
};

/*
 * Compile expr into a boolean SQL expression over env->ent's table (columns
 * unqualified), appended to out.  Errors are CRM_USAGE with a message that
 * shows where it failed:
 *   "--where: unknown field 'cty' at column 1 (fields: id, first_name, ...)"
 *   "--where: expected a value after '=' at column 8"
 * and CRM_USAGE too for a value the field's type rejects ("--where: score:
 * invalid integer 'abc'").  On error out is left as it was.  The result is
 * one parenthesised term (or NOT ...), safe to combine with AND.  Custom
 * fields bind their JSON path, so the SQL may use parameters even in --sort.
 */
int crm_where_compile(const char *expr, const struct crm_where_env *env, struct crm_sql *out,
                      struct crm_err *err);

/*
 * Compile a --sort spec ("-score,last_name") into "expr [DESC], ..." (without
 * the ORDER BY keywords), appended to out.  Text-like fields sort with the
 * case-insensitive collation crm_nocase.  Unknown field: CRM_USAGE.
 */
int crm_where_compile_sort(const char *spec, const struct crm_where_env *env, struct crm_sql *out,
                           struct crm_err *err);

#endif
