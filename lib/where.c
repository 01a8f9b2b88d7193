/*
 * where.c - the filter language of --where, and --sort.
 *
 * The expression is cut into tokens first, then a recursive-descent parser
 * walks them and writes SQL as it goes:
 *
 *   expr       := and ('or' and)*
 *   and        := not ('and' not)*
 *   not        := 'not' not | primary
 *   primary    := '(' expr ')' | comparison
 *   comparison := FIELD op VALUE | FIELD ['not'] 'in' '(' VALUE (',' VALUE)* ')'
 *               | FIELD 'is' ['not'] 'null' | FIELD 'has' VALUE
 *   FIELD      := name | ref.name
 *
 * Every comparison and every and/or chain of two or more is parenthesised in
 * the output, so the SQL means what the expression meant whatever the caller
 * puts around it.  User text only ever reaches the SQL through
 * crm_sql_bind_*; the text holds model identifiers and the fixed keywords
 * written below (none of which contains '?', which crm_sql_append would take
 * for a placeholder).
 */
#include "where.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

/* Nesting of parentheses and 'not': deep enough for any real filter, shallow
 * enough that neither this parser's stack nor SQLite's expression depth limit
 * is ever in danger. */
#define MAX_DEPTH 100
/* Longest expression accepted (bytes) and most values bound (SQLite's own
 * limit on host parameters is 32766). */
#define MAX_EXPR_LEN 65536
#define MAX_BINDS 10000

enum tok_kind { TK_END, TK_WORD, TK_STRING, TK_LPAREN, TK_RPAREN, TK_COMMA, TK_OP };

struct tok {
    enum tok_kind kind;
    size_t off, len; /* where it is in the source */
    char *text;      /* the word, the operator, or the string with quotes undone */
};

struct parser {
    const char *src;
    struct tok *toks;
    size_t ntoks, cap, pos;
    const struct crm_where_env *env;
    int depth;
    struct crm_err *err;
};

/* ---- errors ------------------------------------------------------------ */

/* Column of a byte offset, counted in characters from 1. */
static size_t column(const struct parser *p, size_t off)
{
    size_t col = 1;
    for (size_t i = 0; i < off; i++)
        if (((unsigned char)p->src[i] & 0xC0) != 0x80)
            col++;
    return col;
}

/* The field names of an entity, for the message of an unknown field. */
static void field_list(const struct crm_ent *ent, struct crm_buf *out)
{
    for (size_t i = 0; i < ent->nfields; i++)
        crm_buf_printf(out, "%s%s", i ? ", " : "", ent->fields[i].name);
}

static int err_unknown_field(struct parser *p, const struct crm_ent *ent, const char *name,
                             size_t off)
{
    struct crm_buf names = CRM_BUF_INIT;
    field_list(ent, &names);
    crm_err_set(p->err, CRM_USAGE, "--where: unknown field '%s' at column %zu (fields: %s)", name,
                column(p, off), crm_buf_str(&names));
    crm_buf_free(&names);
    return CRM_USAGE;
}

static int err_unexpected(struct parser *p, const struct tok *t)
{
    if (t->kind == TK_END)
        return crm_err_set(p->err, CRM_USAGE, "--where: unexpected end of expression at column %zu",
                           column(p, t->off));
    return crm_err_set(p->err, CRM_USAGE, "--where: unexpected '%.*s' at column %zu", (int)t->len,
                       p->src + t->off, column(p, t->off));
}

/* ---- lexer ------------------------------------------------------------- */

static struct tok *push_tok(struct parser *p, enum tok_kind kind, size_t off, size_t len)
{
    if (p->ntoks == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 32;
        p->toks = crm_xrealloc(p->toks, p->cap * sizeof *p->toks);
    }
    struct tok *t = &p->toks[p->ntoks++];
    t->kind = kind;
    t->off = off;
    t->len = len;
    t->text = crm_xstrndup(p->src + off, len);
    return t;
}

static void free_toks(struct parser *p)
{
    for (size_t i = 0; i < p->ntoks; i++)
        free(p->toks[i].text);
    free(p->toks);
    p->toks = NULL;
    p->ntoks = p->cap = 0;
}

/* Characters that end a bare word: blanks, punctuation, quotes, operators.
 * Everything else (letters in any script, digits, - + . @ : / _ ...) makes up
 * words, so dates, relative dates and emails need no quotes. */
static int is_word_byte(unsigned char c)
{
    return c && !isspace(c) && !strchr("()',\"=!<>~", c);
}

/* A quoted string; a doubled quote inside stands for one. */
static int lex_string(struct parser *p, size_t *i)
{
    const char *s = p->src;
    char q = s[*i];
    size_t start = *i;
    struct crm_buf val = CRM_BUF_INIT;

    for (size_t j = start + 1;; j++) {
        if (!s[j]) {
            crm_buf_free(&val);
            return crm_err_set(p->err, CRM_USAGE, "--where: unterminated string at column %zu",
                               column(p, start));
        }
        if (s[j] == q && s[j + 1] == q) {
            crm_buf_putc(&val, q);
            j++;
            continue;
        }
        if (s[j] == q) {
            struct tok *t = push_tok(p, TK_STRING, start, j + 1 - start);
            free(t->text);
            t->text = crm_buf_detach(&val);
            if (!t->text)
                t->text = crm_xstrdup("");
            *i = j + 1;
            return CRM_OK;
        }
        crm_buf_putc(&val, s[j]);
    }
}

/* = != <> < <= > >= ~ !~ */
static int lex_op(struct parser *p, size_t *i)
{
    const char *s = p->src + *i;
    size_t n = 1;

    if ((s[0] == '!' || s[0] == '<' || s[0] == '>') && s[1] == '=')
        n = 2;
    else if ((s[0] == '!' && s[1] == '~') || (s[0] == '<' && s[1] == '>'))
        n = 2;
    else if (s[0] == '!')
        return crm_err_set(p->err, CRM_USAGE,
                           "--where: unexpected '!' at column %zu (expected '!=' or '!~')",
                           column(p, *i));
    push_tok(p, TK_OP, *i, n);
    *i += n;
    return CRM_OK;
}

static int lex(struct parser *p)
{
    const char *s = p->src;
    size_t i = 0;
    int rc;

    while (s[i]) {
        unsigned char c = (unsigned char)s[i];
        if (isspace(c)) {
            i++;
        } else if (c == '(' || c == ')' || c == ',') {
            push_tok(p, c == '(' ? TK_LPAREN : c == ')' ? TK_RPAREN : TK_COMMA, i, 1);
            i++;
        } else if (c == '\'' || c == '"') {
            if ((rc = lex_string(p, &i)))
                return rc;
        } else if (strchr("=!<>~", c)) {
            if ((rc = lex_op(p, &i)))
                return rc;
        } else {
            size_t start = i;
            while (is_word_byte((unsigned char)s[i]))
                i++;
            push_tok(p, TK_WORD, start, i - start);
        }
    }
    push_tok(p, TK_END, i, 0);
    return CRM_OK;
}

/* ---- token stream ------------------------------------------------------ */

static const struct tok *peek(const struct parser *p)
{
    return &p->toks[p->pos];
}

static const struct tok *next(struct parser *p)
{
    const struct tok *t = &p->toks[p->pos];
    if (t->kind != TK_END)
        p->pos++;
    return t;
}

static int is_kw(const struct tok *t, const char *kw)
{
    return t->kind == TK_WORD && strcasecmp(t->text, kw) == 0;
}

static int accept_kw(struct parser *p, const char *kw)
{
    if (!is_kw(peek(p), kw))
        return 0;
    p->pos++;
    return 1;
}

static int is_value_tok(const struct tok *t)
{
    return t->kind == TK_STRING ||
           (t->kind == TK_WORD && !is_kw(t, "and") && !is_kw(t, "or"));
}

/* ---- fields ------------------------------------------------------------ */

/* [A-Za-z_][A-Za-z0-9_]* for each dot-separated part. */
static int is_field_path(const char *s)
{
    int start = 1;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '.' && !start) {
            start = 1;
            continue;
        }
        if (!(isalpha(c) || c == '_' || (!start && isdigit(c))) || c >= 0x80)
            return 0;
        start = 0;
    }
    return !start;
}

/*
 * The run-time view of the entity a ref field points to: the caller's (with
 * its custom fields) when it has one, else the built-in fields, built into
 * *own (which the caller then frees with crm_ent_free).
 */
static const struct crm_ent *related_ent(const struct parser *p, const struct crm_field *f,
                                         struct crm_ent *own, int *owned)
{
    const struct crm_ent *rel = NULL;

    *owned = 0;
    if (p->env->related)
        rel = p->env->related(f->ref, p->env->arg);
    if (rel)
        return rel;
    const struct crm_entity *def = f->ref ? crm_model_entity(f->ref) : NULL;
    if (!def)
        return NULL;
    crm_ent_init_builtin(own, def);
    *owned = 1;
    return own;
}

static int is_text_like(const struct crm_field *f)
{
    switch (f->type) {
    case CRM_T_TEXT:
    case CRM_T_EMAIL:
    case CRM_T_PHONE:
    case CRM_T_URL:
    case CRM_T_ENUM:
    case CRM_T_TAGS:
        return 1;
    default:
        return 0;
    }
}

static int is_ordered(const struct crm_field *f)
{
    switch (f->type) {
    case CRM_T_ID:
    case CRM_T_TEXT:
    case CRM_T_INT:
    case CRM_T_DECIMAL:
    case CRM_T_MONEY:
    case CRM_T_DATE:
    case CRM_T_DATETIME:
        return 1;
    default:
        return 0;
    }
}

/* ---- values ------------------------------------------------------------ */

/* Parse a value as the field's type, so it compares like stored data. */
static int parse_value(struct parser *p, const struct crm_field *f, const struct tok *t,
                       struct crm_sval *sv)
{
    struct crm_err e;

    memset(sv, 0, sizeof *sv);
    crm_err_clear(&e);
    if (crm_field_parse(f, t->text, NULL, p->env->ctx, sv, &e) != CRM_OK) {
        crm_sval_free(sv);
        return crm_err_set(p->err, CRM_USAGE, "--where: %s", e.msg);
    }
    return CRM_OK;
}

static int all_digits(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 18)
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

/*
 * One ref value as a boolean SQL term without outer parentheses: the id
 * itself when it is all digits, else the records whose natural key matches.
 */
static int ref_term(struct parser *p, const struct crm_field *f, const struct tok *t,
                    struct crm_sql *q)
{
    struct crm_sval sv;
    int rc = parse_value(p, f, t, &sv);
    if (rc)
        return rc;
    crm_field_sql_value(f, NULL, q);
    if (sv.kind == CRM_SV_NULL) {
        crm_sql_add(q, " IS NULL");
    } else if (all_digits(crm_buf_str(&sv.s))) {
        crm_sql_add(q, " = ");
        crm_sql_bind_int(q, strtoll(crm_buf_str(&sv.s), NULL, 10));
    } else {
        struct crm_ent own;
        int owned;
        const struct crm_ent *rel = related_ent(p, f, &own, &owned);
        const struct crm_field *nk =
            rel && rel->def->natural_key ? crm_ent_field(rel, rel->def->natural_key) : NULL;
        struct crm_sval key;
        if (!nk)
            rc = crm_err_set(p->err, CRM_USAGE, "--where: %s: '%s' is not a record id", f->name,
                             crm_buf_str(&sv.s));
        else if (!(rc = parse_value(p, nk, t, &key))) {
            crm_sql_add(q, " IN (SELECT \"id\" FROM ");
            crm_sql_ident(q, rel->def->table);
            crm_sql_add(q, " WHERE ");
            crm_field_sql_key(nk, NULL, q);
            crm_sql_add(q, " = ");
            crm_field_bind_key(nk, q, &key);
            crm_sql_add(q, ")");
            crm_sval_free(&key);
        }
        if (owned)
            crm_ent_free(&own);
    }
    crm_sval_free(&sv);
    return rc;
}

/* ---- comparisons ------------------------------------------------------- */

enum op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_CONTAINS, OP_NCONTAINS, OP_IN, OP_NOTIN,
          OP_ISNULL, OP_NOTNULL, OP_HAS };

static const char *const op_sql[] = {[OP_LT] = " < ", [OP_LE] = " <= ", [OP_GT] = " > ",
                                     [OP_GE] = " >= "};

static int op_from_tok(const struct tok *t, enum op *op)
{
    static const struct {
        const char *s;
        enum op op;
    } ops[] = {{"=", OP_EQ},  {"!=", OP_NE}, {"<>", OP_NE},       {"<", OP_LT},
               {"<=", OP_LE}, {">", OP_GT},  {">=", OP_GE},       {"~", OP_CONTAINS},
               {"!~", OP_NCONTAINS}};

    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(t->text, ops[i].s) == 0) {
            *op = ops[i].op;
            return 1;
        }
    return 0;
}

/* Read the operator after a field name. */
static int parse_op(struct parser *p, const struct tok *name, enum op *op)
{
    const struct tok *t = next(p);

    if (t->kind == TK_OP && op_from_tok(t, op))
        return CRM_OK;
    if (is_kw(t, "in") || is_kw(t, "has")) {
        *op = is_kw(t, "in") ? OP_IN : OP_HAS;
        return CRM_OK;
    }
    if (is_kw(t, "not") && accept_kw(p, "in")) {
        *op = OP_NOTIN;
        return CRM_OK;
    }
    if (is_kw(t, "is")) {
        int negated = accept_kw(p, "not");
        if (!accept_kw(p, "null"))
            return crm_err_set(p->err, CRM_USAGE,
                               "--where: expected 'null' after '%s' at column %zu",
                               negated ? "is not" : "is", column(p, peek(p)->off));
        *op = negated ? OP_NOTNULL : OP_ISNULL;
        return CRM_OK;
    }
    return crm_err_set(p->err, CRM_USAGE,
                       "--where: expected an operator (= != < <= > >= ~ !~ in is has) "
                       "after '%s' at column %zu",
                       name->text, column(p, t->off));
}

/* The value token after an operator (`after` names the operator in the message). */
static int expect_value(struct parser *p, const char *after, const struct tok **out)
{
    const struct tok *t = peek(p);
    if (!is_value_tok(t))
        return crm_err_set(p->err, CRM_USAGE, "--where: expected a value after '%s' at column %zu",
                           after, column(p, t->off));
    if (is_kw(t, "null"))
        return crm_err_set(p->err, CRM_USAGE,
                           "--where: use 'is null' or 'is not null' to test for a missing value "
                           "at column %zu (or quote 'null' to mean the word)",
                           column(p, t->off));
    *out = next(p);
    return CRM_OK;
}

/* = and != on a plain field: by key for email and phone; != is true for NULL. */
static int emit_equal(struct parser *p, const struct crm_field *f, const struct tok *t, int negated,
                      struct crm_sql *q)
{
    struct crm_sval sv;
    int rc = parse_value(p, f, t, &sv);
    if (rc)
        return rc;
    crm_sql_add(q, "(");
    if (sv.kind == CRM_SV_NULL) {
        /* An empty value is NULL (CLI.md): `city = ''` asks for no city. */
        crm_field_sql_value(f, NULL, q);
        crm_sql_add(q, negated ? " IS NOT NULL" : " IS NULL");
    } else {
        crm_field_sql_key(f, NULL, q);
        crm_sql_add(q, negated ? " IS NOT " : " = ");
        crm_field_bind_key(f, q, &sv);
    }
    crm_sql_add(q, ")");
    crm_sval_free(&sv);
    return CRM_OK;
}

static int emit_order(struct parser *p, const struct crm_field *f, enum op op, const struct tok *t,
                      struct crm_sql *q)
{
    struct crm_sval sv;
    struct crm_field as_int = *f;
    /* A record id must be positive, but `id > 0` is a fair bound. */
    if (f->type == CRM_T_ID)
        as_int.type = CRM_T_INT;
    int rc = parse_value(p, &as_int, t, &sv);
    if (rc)
        return rc;
    if (sv.kind == CRM_SV_NULL) {
        rc = crm_err_set(p->err, CRM_USAGE,
                         "--where: %s: an empty value cannot be ordered at column %zu", f->name,
                         column(p, t->off));
    } else {
        crm_sql_add(q, "(");
        crm_field_sql_value(f, NULL, q);
        crm_sql_add(q, op_sql[op]);
        crm_field_bind_value(q, &sv);
        crm_sql_add(q, ")");
    }
    crm_sval_free(&sv);
    return rc;
}

/* Contains: a substring of the stored text, both sides case-folded; the
 * needle is not parsed as the field's type (it is only part of a value). */
static void emit_contains(const struct crm_field *f, const struct tok *t, int negated,
                          struct crm_sql *q)
{
    struct crm_buf needle = CRM_BUF_INIT;
    crm_utf8_fold(&needle, t->text, strlen(t->text));
    crm_sql_add(q, negated ? "(coalesce(instr(crm_fold(" : "(instr(crm_fold(");
    crm_field_sql_value(f, NULL, q);
    crm_sql_add(q, "), ");
    crm_sql_bind_text(q, crm_buf_str(&needle));
    crm_sql_add(q, negated ? "), 0) = 0)" : ") > 0)");
    crm_buf_free(&needle);
}

/* Tags are stored ";a;b;", so one tag is a match of ";tag;". */
static int emit_has(struct parser *p, const struct crm_field *f, const struct tok *t,
                    struct crm_sql *q)
{
    const char *s = t->text;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 0 || memchr(s, ';', n) || memchr(s, ',', n))
        return crm_err_set(p->err, CRM_USAGE,
                           "--where: 'has' takes one tag, without ';' or ',' at column %zu",
                           column(p, t->off));
    struct crm_buf tag = CRM_BUF_INIT;
    crm_buf_printf(&tag, ";%.*s;", (int)n, s);
    crm_sql_add(q, "(instr(");
    crm_field_sql_value(f, NULL, q);
    crm_sql_add(q, ", ");
    crm_sql_bind_text(q, crm_buf_str(&tag));
    crm_sql_add(q, ") > 0)");
    crm_buf_free(&tag);
    return CRM_OK;
}

/* Read "( v, v, ... )" after 'in'; *vals gets the value tokens (caller frees the array). */
static int parse_list(struct parser *p, const char *in, const struct tok ***vals, size_t *n)
{
    const struct tok *t = next(p);
    size_t cap = 0;

    *vals = NULL;
    *n = 0;
    if (t->kind != TK_LPAREN)
        return crm_err_set(p->err, CRM_USAGE, "--where: expected '(' after '%s' at column %zu", in,
                           column(p, t->off));
    const char *after = "(";
    for (;;) {
        const struct tok *v;
        int rc = expect_value(p, after, &v);
        if (rc)
            return rc;
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *vals = crm_xrealloc(*vals, cap * sizeof **vals);
        }
        (*vals)[(*n)++] = v;
        t = next(p);
        if (t->kind == TK_RPAREN)
            return CRM_OK;
        if (t->kind != TK_COMMA)
            return crm_err_set(p->err, CRM_USAGE, "--where: expected ',' or ')' at column %zu",
                               column(p, t->off));
        after = ",";
    }
}

/*
 * in / not in on a plain field.  Empty values stand for NULL and are tested
 * apart (NULL never equals anything in SQL); `not in` is true for NULL like
 * `!=`:
 *   in      (K IN (?, ?))          (K IS NULL OR K IN (?))
 *   not in  (coalesce(K NOT IN (?, ?), 1))   (K IS NOT NULL AND K NOT IN (?))
 */
static int emit_in(struct parser *p, const struct crm_field *f, const struct tok **vals, size_t n,
                   int negated, struct crm_sql *q)
{
    struct crm_sql list = CRM_SQL_INIT;
    size_t nvals = 0;
    int has_null = 0, rc = CRM_OK;

    for (size_t i = 0; i < n && !rc; i++) {
        struct crm_sval sv;
        if ((rc = parse_value(p, f, vals[i], &sv)))
            break;
        if (sv.kind == CRM_SV_NULL) {
            has_null = 1;
        } else {
            crm_sql_add(&list, nvals++ ? ", " : "");
            crm_field_bind_key(f, &list, &sv);
        }
        crm_sval_free(&sv);
    }
    if (!rc) {
        crm_sql_add(q, "(");
        if (has_null) {
            crm_field_sql_value(f, NULL, q);
            crm_sql_add(q, negated ? " IS NOT NULL" : " IS NULL");
            if (nvals)
                crm_sql_add(q, negated ? " AND " : " OR ");
        } else if (negated) {
            crm_sql_add(q, "coalesce(");
        }
        if (nvals) {
            crm_field_sql_key(f, NULL, q);
            crm_sql_add(q, negated ? " NOT IN (" : " IN (");
            crm_sql_append(q, &list);
            crm_sql_add(q, ")");
            if (negated && !has_null)
                crm_sql_add(q, ", 1)");
        }
        crm_sql_add(q, ")");
    }
    crm_sql_free(&list);
    return rc;
}

/*
 * = != in, not in on a ref field: an OR of ref terms; the negated forms are
 * true for NULL like != elsewhere.
 */
static int emit_ref(struct parser *p, const struct crm_field *f, const struct tok **vals, size_t n,
                    int negated, struct crm_sql *q)
{
    crm_sql_add(q, negated ? "(NOT coalesce(" : "(");
    for (size_t i = 0; i < n; i++) {
        if (i)
            crm_sql_add(q, " OR ");
        int rc = ref_term(p, f, vals[i], q);
        if (rc)
            return rc;
    }
    crm_sql_add(q, negated ? ", 0))" : ")");
    return CRM_OK;
}

static int err_op_type(struct parser *p, const struct crm_field *f, const struct tok *optok,
                       const char *what)
{
    return crm_err_set(p->err, CRM_USAGE, "--where: '%s' %s; %s is %s at column %zu",
                       optok->text, what, f->name, crm_type_name(f->type), column(p, optok->off));
}

static int emit_in_or_ref(struct parser *p, const struct crm_field *f, enum op op,
                          const struct tok *optok, struct crm_sql *q)
{
    const struct tok **vals = NULL, *one;
    size_t n = 0;
    int negated = op == OP_NE || op == OP_NOTIN, rc;

    if (op == OP_IN || op == OP_NOTIN) {
        rc = parse_list(p, op == OP_IN ? "in" : "not in", &vals, &n);
    } else {
        rc = expect_value(p, optok->text, &one);
        vals = &one;
        n = 1;
    }
    if (!rc) {
        if (f->type == CRM_T_REF)
            rc = emit_ref(p, f, vals, n, negated, q);
        else if (op == OP_IN || op == OP_NOTIN)
            rc = emit_in(p, f, vals, n, negated, q);
        else
            rc = emit_equal(p, f, vals[0], negated, q);
    }
    if (vals != &one)
        free(vals);
    return rc;
}

/* The operator and value(s) after field f, compiled to one parenthesised term. */
static int parse_condition(struct parser *p, const struct crm_field *f, const struct tok *name,
                           struct crm_sql *q)
{
    const struct tok *optok = peek(p), *v;
    enum op op = OP_EQ;
    int rc = parse_op(p, name, &op);
    if (rc)
        return rc;

    switch (op) {
    case OP_ISNULL:
    case OP_NOTNULL:
        crm_sql_add(q, "(");
        crm_field_sql_value(f, NULL, q);
        crm_sql_add(q, op == OP_ISNULL ? " IS NULL)" : " IS NOT NULL)");
        return CRM_OK;
    case OP_EQ:
    case OP_NE:
    case OP_IN:
    case OP_NOTIN:
        return emit_in_or_ref(p, f, op, optok, q);
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
        if (!is_ordered(f))
            return err_op_type(p, f, optok, "compares numbers, dates and text");
        if ((rc = expect_value(p, optok->text, &v)))
            return rc;
        return emit_order(p, f, op, v, q);
    case OP_CONTAINS:
    case OP_NCONTAINS:
        if (!is_text_like(f))
            return err_op_type(p, f, optok, "searches text");
        if ((rc = expect_value(p, optok->text, &v)))
            return rc;
        emit_contains(f, v, op == OP_NCONTAINS, q);
        return CRM_OK;
    case OP_HAS:
        if (f->type != CRM_T_TAGS)
            return err_op_type(p, f, optok, "needs a tags field");
        if ((rc = expect_value(p, "has", &v)))
            return rc;
        return emit_has(p, f, v, q);
    }
    return crm_err_set(p->err, CRM_SOFTWARE, "--where: unknown operator");
}

/* ref.field op value: the records whose related record matches. */
static int parse_related(struct parser *p, const struct crm_field *ref, const char *sub,
                         const struct tok *name, struct crm_sql *q)
{
    struct crm_ent own;
    int owned, rc;

    if (ref->type != CRM_T_REF)
        return crm_err_set(p->err, CRM_USAGE,
                           "--where: '%s' is not a relation, so '%s' has no fields at column %zu",
                           ref->name, name->text, column(p, name->off));
    const struct crm_ent *rel = related_ent(p, ref, &own, &owned);
    if (!rel)
        return crm_err_set(p->err, CRM_SOFTWARE, "--where: %s: unknown entity '%s'", ref->name,
                           ref->ref ? ref->ref : "");
    const struct crm_field *f = crm_ent_field(rel, sub);
    if (!f) {
        rc = err_unknown_field(p, rel, name->text, name->off);
    } else {
        crm_sql_add(q, "(");
        crm_field_sql_value(ref, NULL, q);
        crm_sql_add(q, " IN (SELECT \"id\" FROM ");
        crm_sql_ident(q, rel->def->table);
        crm_sql_add(q, " WHERE ");
        rc = parse_condition(p, f, name, q);
        crm_sql_add(q, "))");
    }
    if (owned)
        crm_ent_free(&own);
    return rc;
}

static int parse_comparison(struct parser *p, struct crm_sql *q)
{
    const struct tok *name = peek(p);

    if (name->kind == TK_END || is_kw(name, "and") || is_kw(name, "or"))
        return crm_err_set(p->err, CRM_USAGE, "--where: expected a field name at column %zu",
                           column(p, name->off));
    if (name->kind != TK_WORD)
        return err_unexpected(p, name);
    next(p);
    if (!is_field_path(name->text))
        return err_unknown_field(p, p->env->ent, name->text, name->off);
    /* Field names are lower case; accept CITY for city like the keywords. */
    for (char *c = name->text; *c; c++)
        *c = (char)tolower((unsigned char)*c);

    char *dot = strchr(name->text, '.');
    if (dot && strchr(dot + 1, '.'))
        return crm_err_set(p->err, CRM_USAGE,
                           "--where: '%s' goes more than one step through relations at column %zu",
                           name->text, column(p, name->off));
    size_t flen = dot ? (size_t)(dot - name->text) : strlen(name->text);
    char *fname = crm_xstrndup(name->text, flen);
    const struct crm_field *f = crm_ent_field(p->env->ent, fname);
    int rc;
    if (!f)
        rc = err_unknown_field(p, p->env->ent, fname, name->off);
    else if (dot)
        rc = parse_related(p, f, dot + 1, name, q);
    else
        rc = parse_condition(p, f, name, q);
    free(fname);
    return rc;
}

/* ---- boolean structure ------------------------------------------------- */

static int parse_or(struct parser *p, struct crm_sql *q);

static int enter(struct parser *p, const struct tok *t)
{
    if (++p->depth > MAX_DEPTH)
        return crm_err_set(p->err, CRM_USAGE,
                           "--where: expression nested too deeply (more than %d levels) "
                           "at column %zu",
                           MAX_DEPTH, column(p, t->off));
    return CRM_OK;
}

static int parse_primary(struct parser *p, struct crm_sql *q)
{
    const struct tok *t = peek(p);
    int rc;

    if (t->kind != TK_LPAREN)
        return parse_comparison(p, q);
    next(p);
    if ((rc = enter(p, t)) || (rc = parse_or(p, q)))
        return rc;
    p->depth--;
    t = next(p);
    if (t->kind != TK_RPAREN)
        return crm_err_set(p->err, CRM_USAGE, "--where: expected ')' at column %zu",
                           column(p, t->off));
    return CRM_OK;
}

static int parse_not(struct parser *p, struct crm_sql *q)
{
    const struct tok *t = peek(p);
    int rc;

    if (!accept_kw(p, "not"))
        return parse_primary(p, q);
    if ((rc = enter(p, t)))
        return rc;
    /* Two-valued logic: a comparison with NULL counts as false before it is
     * negated, so `not city = 'Kyiv'` includes contacts without a city, the
     * same as `city != 'Kyiv'` (SQL's NOT NULL would drop them). */
    crm_sql_add(q, "NOT coalesce(");
    rc = parse_not(p, q);
    crm_sql_add(q, ", 0)");
    p->depth--;
    return rc;
}

typedef int parse_fn(struct parser *p, struct crm_sql *q);

/* operand (kw operand)*: one operand as is, two or more as "(a SQL b ...)". */
static int parse_chain(struct parser *p, struct crm_sql *q, parse_fn *operand, const char *kw,
                       const char *sql)
{
    struct crm_sql first = CRM_SQL_INIT;
    int rc = operand(p, &first);

    if (!rc && is_kw(peek(p), kw)) {
        crm_sql_add(q, "(");
        crm_sql_append(q, &first);
        while (!rc && accept_kw(p, kw)) {
            crm_sql_add(q, sql);
            rc = operand(p, q);
        }
        crm_sql_add(q, ")");
    } else if (!rc) {
        crm_sql_append(q, &first);
    }
    crm_sql_free(&first);
    return rc;
}

static int parse_and(struct parser *p, struct crm_sql *q)
{
    return parse_chain(p, q, parse_not, "and", " AND ");
}

static int parse_or(struct parser *p, struct crm_sql *q)
{
    return parse_chain(p, q, parse_and, "or", " OR ");
}

/* After a whole expression only the end may follow.  A word right after a
 * value is most likely the rest of an unquoted value with spaces. */
static int expect_end(struct parser *p)
{
    const struct tok *t = peek(p);
    if (t->kind == TK_END)
        return CRM_OK;
    if (t->kind == TK_WORD && p->pos > 0 && is_value_tok(&p->toks[p->pos - 1]))
        return crm_err_set(p->err, CRM_USAGE,
                           "--where: unexpected '%s' at column %zu (quote a value that contains "
                           "spaces; join conditions with 'and' or 'or')",
                           t->text, column(p, t->off));
    return err_unexpected(p, t);
}

static int check_source(struct parser *p, const char *expr)
{
    size_t n = strlen(expr), bad;

    if (n > MAX_EXPR_LEN)
        return crm_err_set(p->err, CRM_USAGE,
                           "--where: expression too long (%zu bytes; at most %d)", n, MAX_EXPR_LEN);
    if (!crm_utf8_valid(expr, n, &bad))
        return crm_err_set(p->err, CRM_USAGE, "--where: invalid UTF-8 at column %zu",
                           column(p, bad));
    return CRM_OK;
}

int crm_where_compile(const char *expr, const struct crm_where_env *env, struct crm_sql *out,
                      struct crm_err *err)
{
    struct parser p = {0};
    struct crm_sql q = CRM_SQL_INIT;
    int rc;

    p.src = expr ? expr : "";
    p.env = env;
    p.err = err;
    if ((rc = check_source(&p, p.src)) || (rc = lex(&p)))
        goto done;
    if (peek(&p)->kind == TK_END) {
        rc = crm_err_set(err, CRM_USAGE, "--where: empty expression");
        goto done;
    }
    if ((rc = parse_or(&p, &q)) || (rc = expect_end(&p)))
        goto done;
    if (q.nbinds > MAX_BINDS) {
        rc = crm_err_set(err, CRM_USAGE, "--where: too many values (%zu; at most %d)", q.nbinds,
                         MAX_BINDS);
        goto done;
    }
    crm_sql_append(out, &q);
done:
    crm_sql_free(&q);
    free_toks(&p);
    return rc;
}

/* ---- --sort ------------------------------------------------------------ */

/* Text sorts the way people expect, ignoring case in every script. */
static int sorts_nocase(const struct crm_field *f)
{
    return f->type == CRM_T_TEXT || f->type == CRM_T_EMAIL || f->type == CRM_T_ENUM ||
           f->type == CRM_T_URL || f->type == CRM_T_PHONE || f->type == CRM_T_TAGS;
}

static int sort_item(const char *item, size_t n, const struct crm_where_env *env, struct crm_sql *q,
                     const char *spec, struct crm_err *err)
{
    int desc = 0;

    while (n && isspace((unsigned char)*item))
        item++, n--;
    while (n && isspace((unsigned char)item[n - 1]))
        n--;
    if (n && (*item == '-' || *item == '+')) {
        desc = *item == '-';
        item++, n--;
        while (n && isspace((unsigned char)*item))
            item++, n--;
    }
    if (n == 0)
        return crm_err_set(err, CRM_USAGE, "--sort: empty field name in '%s'", spec);
    char *name = crm_xstrndup(item, n);
    for (char *c = name; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    const struct crm_field *f = crm_ent_field(env->ent, name);
    if (!f) {
        struct crm_buf names = CRM_BUF_INIT;
        field_list(env->ent, &names);
        crm_err_set(err, CRM_USAGE, "--sort: unknown field '%.*s' (fields: %s)", (int)n, item,
                    crm_buf_str(&names));
        crm_buf_free(&names);
        free(name);
        return CRM_USAGE;
    }
    free(name);
    crm_field_sql_value(f, NULL, q);
    if (sorts_nocase(f))
        crm_sql_add(q, " COLLATE crm_nocase");
    if (desc)
        crm_sql_add(q, " DESC");
    return CRM_OK;
}

int crm_where_compile_sort(const char *spec, const struct crm_where_env *env, struct crm_sql *out,
                           struct crm_err *err)
{
    struct crm_sql q = CRM_SQL_INIT;
    const char *s = spec ? spec : "";
    int rc = CRM_OK;

    for (;;) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        if (q.text.len)
            crm_sql_add(&q, ", ");
        if ((rc = sort_item(s, n, env, &q, spec ? spec : "", err)))
            break;
        if (!comma)
            break;
        s = comma + 1;
    }
    if (!rc)
        crm_sql_append(out, &q);
    crm_sql_free(&q);
    return rc;
}
