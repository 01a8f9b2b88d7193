/*
 * test_where.c - the filter language: the exact SQL and bound values of each
 * construct, every error message with its column, and the compiled SQL run
 * against a real in-memory database built from lib/schema.sql.
 */
#include "where.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "err.h"
#include "model.h"
#include "sql.h"
#include "t.h"
#include "utf8.h"

extern const char crm_schema_sql[];

static struct crm_ctx ctx = {1768471200, "tester", "UA", "EUR"}; /* 2026-01-15T10:00:00Z */
static struct crm_ent contact, account;

static const struct crm_ent *related(const char *entity, void *arg)
{
    (void)arg;
    return strcmp(entity, "account") == 0 ? &account : NULL;
}

static struct crm_where_env env = {&contact, &ctx, related, NULL};

/* "SQL | bind, bind" of a builder: what the tests compare. */
static void render(const struct crm_sql *q, struct crm_buf *out)
{
    crm_buf_puts(out, crm_buf_str(&q->text));
    crm_buf_puts(out, " |");
    for (size_t i = 0; i < q->nbinds; i++) {
        const struct crm_bind *b = &q->binds[i];
        crm_buf_puts(out, i ? ", " : " ");
        if (b->kind == CRM_BIND_INT)
            crm_buf_printf(out, "%" PRId64, b->i);
        else if (b->kind == CRM_BIND_TEXT)
            crm_buf_printf(out, "'%s'", b->s);
        else
            crm_buf_puts(out, "NULL");
    }
}

/* Compile expr; the rendered SQL, or "ERROR: message". Caller frees. */
static char *where(const char *expr)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_err err;
    struct crm_buf out = CRM_BUF_INIT;

    crm_err_clear(&err);
    int rc = crm_where_compile(expr, &env, &q, &err);
    if (rc) {
        crm_buf_printf(&out, "ERROR: %s", err.msg);
        if (rc != CRM_USAGE)
            crm_buf_printf(&out, " (status %d)", rc);
        if (q.text.len || q.nbinds)
            crm_buf_puts(&out, " (and output was written)");
    } else {
        render(&q, &out);
    }
    crm_sql_free(&q);
    return crm_buf_detach(&out);
}

static char *sort(const char *spec)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_err err;
    struct crm_buf out = CRM_BUF_INIT;

    if (crm_where_compile_sort(spec, &env, &q, &err))
        crm_buf_printf(&out, "ERROR: %s", err.msg);
    else
        render(&q, &out);
    crm_sql_free(&q);
    return crm_buf_detach(&out);
}

#define W(expr, want)                                                                            \
    do {                                                                                         \
        char *got_ = where(expr);                                                                \
        T_STR(got_, want, "where %s", expr);                                                     \
        free(got_);                                                                              \
    } while (0)

/* For messages that end in a long field list: compare the start only. */
#define W_PREFIX(expr, want)                                                                     \
    do {                                                                                         \
        char *got_ = where(expr);                                                                \
        int ok_ = strncmp(got_, want, strlen(want)) == 0;                                        \
        T_OK(ok_, "where %s starts with %s", expr, want);                                        \
        if (!ok_)                                                                                \
            printf("#   got '%s'\n", got_);                                                  \
        free(got_);                                                                              \
    } while (0)

static void test_comparisons(void)
{
    W("city = 'Kyiv'", "(\"city\" = ?) | 'Kyiv'");
    W("city=Kyiv", "(\"city\" = ?) | 'Kyiv'");
    W("city = \"Kyiv\"", "(\"city\" = ?) | 'Kyiv'");
    W("CITY = 'Kyiv'", "(\"city\" = ?) | 'Kyiv'");
    W("city != 'Kyiv'", "(\"city\" IS NOT ?) | 'Kyiv'");
    W("city <> 'Kyiv'", "(\"city\" IS NOT ?) | 'Kyiv'");
    W("city = ''", "(\"city\" IS NULL) |");
    W("city != ''", "(\"city\" IS NOT NULL) |");
    W("score >= 50", "(\"score\" >= ?) | 50");
    W("score < -5", "(\"score\" < ?) | -5");
    W("score<=5", "(\"score\" <= ?) | 5");
    W("score > 5", "(\"score\" > ?) | 5");
    W("last_name < 'M'", "(\"last_name\" < ?) | 'M'");
    W("do_not_call = true", "(\"do_not_call\" = ?) | 1");
    W("id = 7", "(\"id\" = ?) | 7");
    W("birthday < +30d", "(\"birthday\" < ?) | '2026-02-14'");
    W("birthday >= 2026-11-22", "(\"birthday\" >= ?) | '2026-11-22'");
    W("lead_status = QUALIFIED", "(\"lead_status\" = ?) | 'qualified'");
    W("tags = 'b;a'", "(\"tags\" = ?) | ';a;b;'");
    W("email is null", "(\"email\" IS NULL) |");
    W("email IS NOT NULL", "(\"email\" IS NOT NULL) |");
    W("account is null", "(\"account_id\" IS NULL) |");
    W("account_name ~ acme",
      "(instr(crm_fold((SELECT a.name FROM account a WHERE a.id = contact.account_id)), ?) > 0)"
      " | 'acme'");
}

static void test_keys(void)
{
    W("email = 'ANN@X.COM'", "(\"email_key\" = ?) | 'ann@x.com'");
    W("email = ANN@X.COM", "(\"email_key\" = ?) | 'ann@x.com'");
    W("email != 'ANN@X.COM'", "(\"email_key\" IS NOT ?) | 'ann@x.com'");
    W("phone = '(044) 123 45 67'", "(\"phone_key\" = ?) | '+380441234567'");
    W("mobile in ('(044) 123 45 67', '+380 44 765 43 21')",
      "(\"mobile_key\" IN (?, ?)) | '+380441234567', '+380447654321'");
    W("email ~ ANN", "(instr(crm_fold(\"email\"), ?) > 0) | 'ann'");
}

static void test_contains(void)
{
    W("last_name ~ 'ШЕВЧ'", "(instr(crm_fold(\"last_name\"), ?) > 0) | 'шевч'");
    W("last_name ~ Шевч", "(instr(crm_fold(\"last_name\"), ?) > 0) | 'шевч'");
    W("city !~ 'KY'", "(coalesce(instr(crm_fold(\"city\"), ?), 0) = 0) | 'ky'");
    W("tags ~ VI", "(instr(crm_fold(\"tags\"), ?) > 0) | 'vi'");
    W("lead_status ~ qual", "(instr(crm_fold(\"lead_status\"), ?) > 0) | 'qual'");
    /* The needle is a substring, not a value of the type: no email check. */
    W("email ~ '@x.'", "(instr(crm_fold(\"email\"), ?) > 0) | '@x.'");
}

static void test_lists(void)
{
    W("lead_status in ('new', 'QUALIFIED')", "(\"lead_status\" IN (?, ?)) | 'new', 'qualified'");
    W("lead_status IN (new)", "(\"lead_status\" IN (?)) | 'new'");
    W("city not in ('Kyiv', 'Lviv')", "(coalesce(\"city\" NOT IN (?, ?), 1)) | 'Kyiv', 'Lviv'");
    W("city in ('', 'Kyiv')", "(\"city\" IS NULL OR \"city\" IN (?)) | 'Kyiv'");
    W("city not in ('', 'Kyiv')", "(\"city\" IS NOT NULL AND \"city\" NOT IN (?)) | 'Kyiv'");
    W("city in ('')", "(\"city\" IS NULL) |");
    W("email in ('A@X.COM', 'b@x.com')", "(\"email_key\" IN (?, ?)) | 'a@x.com', 'b@x.com'");
}

static void test_tags(void)
{
    W("tags has 'vip'", "(instr(\"tags\", ?) > 0) | ';vip;'");
    W("tags has ' vip '", "(instr(\"tags\", ?) > 0) | ';vip;'");
    W("tags has vip", "(instr(\"tags\", ?) > 0) | ';vip;'");
    W("tags has 'a;b'", "ERROR: --where: 'has' takes one tag, without ';' or ',' at column 10");
    W("tags has ''", "ERROR: --where: 'has' takes one tag, without ';' or ',' at column 10");
    W("city has 'x'", "ERROR: --where: 'has' needs a tags field; city is text at column 6");
}

static void test_boolean(void)
{
    W("not city = 'Kyiv'", "NOT coalesce((\"city\" = ?), 0) | 'Kyiv'");
    W("not not city = 'Kyiv'", "NOT coalesce(NOT coalesce((\"city\" = ?), 0), 0) | 'Kyiv'");
    W("city = 'a' or score > 5 and score < 10",
      "((\"city\" = ?) OR ((\"score\" > ?) AND (\"score\" < ?))) | 'a', 5, 10");
    W("(city = 'a' or score > 5) and score < 10",
      "(((\"city\" = ?) OR (\"score\" > ?)) AND (\"score\" < ?)) | 'a', 5, 10");
    W("city = 'a' AND score > 5 Or not email is null",
      "(((\"city\" = ?) AND (\"score\" > ?)) OR NOT coalesce((\"email\" IS NULL), 0)) | 'a', 5");
    W("not (city = 'a' or city = 'b')",
      "NOT coalesce(((\"city\" = ?) OR (\"city\" = ?)), 0) | 'a', 'b'");
    W("((city = 'a'))", "(\"city\" = ?) | 'a'");
    W("city = 'Kyiv' and (score >= 50 or tags has 'vip') and not email is null",
      "((\"city\" = ?) AND ((\"score\" >= ?) OR (instr(\"tags\", ?) > 0)) "
      "AND NOT coalesce((\"email\" IS "
      "NULL), 0)) | 'Kyiv', 50, ';vip;'");
}

static void test_relations(void)
{
    W("account = 12", "(\"account_id\" = ?) | 12");
    W("account = 'Acme'",
      "(\"account_id\" IN (SELECT \"id\" FROM \"account\" WHERE \"name\" = ?)) | 'Acme'");
    W("account != 12", "(NOT coalesce(\"account_id\" = ?, 0)) | 12");
    W("account in (1, 'Acme')",
      "(\"account_id\" = ? OR \"account_id\" IN (SELECT \"id\" FROM \"account\" WHERE \"name\" = "
      "?)) | 1, 'Acme'");
    W("account not in (1, 2)",
      "(NOT coalesce(\"account_id\" = ? OR \"account_id\" = ?, 0)) | 1, 2");
    W("account = ''", "(\"account_id\" IS NULL) |");
    W("account.industry = 'retail'",
      "(\"account_id\" IN (SELECT \"id\" FROM \"account\" WHERE (\"industry\" = ?))) | 'retail'");
    W("account.industry is null",
      "(\"account_id\" IN (SELECT \"id\" FROM \"account\" WHERE (\"industry\" IS NULL))) |");
    W("account.name ~ 'ACME'",
      "(\"account_id\" IN (SELECT \"id\" FROM \"account\" WHERE (instr(crm_fold(\"name\"), ?) > "
      "0))) | 'acme'");
    W("account.parent = 'Holding'",
      "(\"account_id\" IN (SELECT \"id\" FROM \"account\" WHERE (\"parent_id\" IN (SELECT \"id\" "
      "FROM \"account\" WHERE \"name\" = ?)))) | 'Holding'");
    /* The related view comes from env->related, with its custom fields. */
    W("account.segment = 'smb'",
      "(\"account_id\" IN (SELECT \"id\" FROM \"account\" WHERE (json_extract(custom, ?) = ?))) | "
      "'$.\"segment\"', 'smb'");
    W("account.industry = 'a' or account = 3",
      "((\"account_id\" IN (SELECT \"id\" FROM \"account\" WHERE (\"industry\" = ?))) OR "
      "(\"account_id\" = ?)) | 'a', 3");
    W("account.x.y = 1",
      "ERROR: --where: 'account.x.y' goes more than one step through relations at column 1");
    W("city.x = 1",
      "ERROR: --where: 'city' is not a relation, so 'city.x' has no fields at column 1");
    W_PREFIX("account.foo = 1",
             "ERROR: --where: unknown field 'account.foo' at column 1 (fields: id, name, type, "
             "industry, parent, parent_name, website,");
}

static void test_custom(void)
{
    W("nick = 'Bo'", "(json_extract(custom, ?) = ?) | '$.\"nick\"', 'Bo'");
    W("nick ~ 'BO'", "(instr(crm_fold(json_extract(custom, ?)), ?) > 0) | '$.\"nick\"', 'bo'");
    W("nick is null", "(json_extract(custom, ?) IS NULL) | '$.\"nick\"'");
    W("level > 3", "(json_extract(custom, ?) > ?) | '$.\"level\"', 3");
    W("work_email = 'A@B.CO'", "(json_extract(custom, ?) = ?) | '$.\"work_email@key\"', 'a@b.co'");
    W("nick in ('', 'x')",
      "(json_extract(custom, ?) IS NULL OR json_extract(custom, ?) IN (?)) | '$.\"nick\"', "
      "'$.\"nick\"', 'x'");
}

static void test_injection(void)
{
    W("city = 'x'' or 1=1 --'", "(\"city\" = ?) | 'x' or 1=1 --'");
    W("city = \"x\"\" or \"\"1\"\"=\"\"1\"", "(\"city\" = ?) | 'x\" or \"1\"=\"1'");
    W("city = 'Robert''); DROP TABLE contact;--'",
      "(\"city\" = ?) | 'Robert'); DROP TABLE contact;--'");
    W("city ~ '%_'", "(instr(crm_fold(\"city\"), ?) > 0) | '%_'");
    W("city = '?'", "(\"city\" = ?) | '?'");
    W_PREFIX("city; drop table x", "ERROR: --where: unknown field 'city;' at column 1 (fields: ");
    W_PREFIX("\"city\" = 1", "ERROR: --where: unexpected '\"city\"' at column 1");
    W("city\" = 1", "ERROR: --where: unterminated string at column 5");
    W_PREFIX("id = 1; DELETE FROM contact",
             "ERROR: --where: id: "); /* "1;" is not an integer */
    W("city = x or 1=1", "ERROR: --where: unknown field '1' at column 13 (fields: id, first_name, "
                         "last_name, email, phone, mobile, title, department, account, "
                         "account_name, owner, lead_status, source, street, city, region, "
                         "postcode, country, birthday, score, do_not_call, email_opt_out, tags, "
                         "notes, uid, vcard, created_at, updated_at, nick, level, work_email)");
}

static void test_errors(void)
{
    W_PREFIX("cty = 'x'",
      "ERROR: --where: unknown field 'cty' at column 1 (fields: id, first_name, ");
    W_PREFIX("city = 'x' and cty = 1", "ERROR: --where: unknown field 'cty' at column 16 (");
    W_PREFIX("city = 'Київ' and cty = 1", "ERROR: --where: unknown field 'cty' at column 19 (");
    W("city = ", "ERROR: --where: expected a value after '=' at column 8");
    W("city = and score = 1", "ERROR: --where: expected a value after '=' at column 8");
    W("score >= )", "ERROR: --where: expected a value after '>=' at column 10");
    W("(city = 'x'))", "ERROR: --where: unexpected ')' at column 13");
    W(")", "ERROR: --where: unexpected ')' at column 1");
    W("city = 'abc", "ERROR: --where: unterminated string at column 8");
    W("city = 'it''s", "ERROR: --where: unterminated string at column 8");
    W("email is nul", "ERROR: --where: expected 'null' after 'is' at column 10");
    W("email is not 5", "ERROR: --where: expected 'null' after 'is not' at column 14");
    W("", "ERROR: --where: empty expression");
    W("   ", "ERROR: --where: empty expression");
    W("city", "ERROR: --where: expected an operator (= != < <= > >= ~ !~ in is has) after 'city' "
              "at column 5");
    W("city like 'x'", "ERROR: --where: expected an operator (= != < <= > >= ~ !~ in is has) "
                       "after 'city' at column 6");
    W("city ! 'x'", "ERROR: --where: unexpected '!' at column 6 (expected '!=' or '!~')");
    W("city in 'x'", "ERROR: --where: expected '(' after 'in' at column 9");
    W("city not in 'x'", "ERROR: --where: expected '(' after 'not in' at column 13");
    W("city in ()", "ERROR: --where: expected a value after '(' at column 10");
    W("city in ('a',)", "ERROR: --where: expected a value after ',' at column 14");
    W("city in ('a' 'b')", "ERROR: --where: expected ',' or ')' at column 14");
    W("city in ('a'", "ERROR: --where: expected ',' or ')' at column 13");
    W("city = 'x' and", "ERROR: --where: expected a field name at column 15");
    W("and city = 'x'", "ERROR: --where: expected a field name at column 1");
    W("not", "ERROR: --where: expected a field name at column 4");
    W("(city = 'x'", "ERROR: --where: expected ')' at column 12");
    W("city = Kyiv Lviv", "ERROR: --where: unexpected 'Lviv' at column 13 (quote a value that "
                          "contains spaces; join conditions with 'and' or 'or')");
    W("city = null",
      "ERROR: --where: use 'is null' or 'is not null' to test for a missing value at "
                     "column 8 (or quote 'null' to mean the word)");
    W("city in ('a', NULL)", "ERROR: --where: use 'is null' or 'is not null' to test for a missing "
                             "value at column 15 (or quote 'null' to mean the word)");
    W("city = 'null'", "(\"city\" = ?) | 'null'");
    W("score ~ 5", "ERROR: --where: '~' searches text; score is integer at column 7");
    W("birthday !~ 5", "ERROR: --where: '!~' searches text; birthday is date at column 10");
    W("tags < 'a'",
      "ERROR: --where: '<' compares numbers, dates and text; tags is tags at column 6");
    W("account > 3",
      "ERROR: --where: '>' compares numbers, dates and text; account is ref at column 9");
    W("score < ''", "ERROR: --where: score: an empty value cannot be ordered at column 9");
    W_PREFIX("score = abc", "ERROR: --where: score: ");
    W_PREFIX("email = 'ann@'", "ERROR: --where: email: ");
    W_PREFIX("lead_status = won",
      "ERROR: --where: lead_status: invalid value 'won' (allowed: new,");
    W_PREFIX("id = 0", "ERROR: --where: id: ");
    W_PREFIX("account = 'x' or account = ", "ERROR: --where: expected a value after '='");
    W("city = '\xff'", "ERROR: --where: invalid UTF-8 at column 9");
}

static void test_limits(void)
{
    struct crm_buf b = CRM_BUF_INIT;
    char *got;

    for (int i = 0; i < 200; i++)
        crm_buf_putc(&b, '(');
    crm_buf_puts(&b, "city = 'x'");
    for (int i = 0; i < 200; i++)
        crm_buf_putc(&b, ')');
    got = where(crm_buf_str(&b));
    T_STR(got, "ERROR: --where: expression nested too deeply (more than 100 levels) at column 101",
          "200 nested parentheses are an error, not a stack overflow");
    free(got);

    crm_buf_reset(&b);
    for (int i = 0; i < 100000; i++)
        crm_buf_puts(&b, "not ");
    crm_buf_puts(&b, "city = 'x'");
    got = where(crm_buf_str(&b));
    T_STR(got, "ERROR: --where: expression too long (400010 bytes; at most 65536)",
          "an overlong expression is refused before parsing");
    free(got);

    crm_buf_reset(&b);
    for (int i = 0; i < 150; i++)
        crm_buf_puts(&b, "not ");
    crm_buf_puts(&b, "city = 'x'");
    got = where(crm_buf_str(&b));
    T_STR(got, "ERROR: --where: expression nested too deeply (more than 100 levels) at column 401",
          "a long chain of 'not' is limited too");
    free(got);

    crm_buf_reset(&b);
    for (int i = 0; i < 50; i++)
        crm_buf_puts(&b, "(not ");
    crm_buf_puts(&b, "city = 'x'");
    for (int i = 0; i < 50; i++)
        crm_buf_putc(&b, ')');
    got = where(crm_buf_str(&b));
    T_OK(strncmp(got, "NOT coalesce(NOT coalesce(", 26) == 0, "nesting up to the limit compiles");
    free(got);

    crm_buf_reset(&b);
    crm_buf_puts(&b, "score in (1");
    for (int i = 0; i < 12000; i++)
        crm_buf_puts(&b, ",1");
    crm_buf_puts(&b, ")");
    got = where(crm_buf_str(&b));
    T_STR(got, "ERROR: --where: too many values (12001; at most 10000)",
          "more values than SQLite can bind is an error");
    free(got);
    crm_buf_free(&b);
}

static void test_output_untouched(void)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_err err;

    crm_sql_add(&q, "SELECT id FROM contact WHERE ");
    T_INT(crm_where_compile("city = 'x' and cty = 2", &env, &q, &err), CRM_USAGE,
          "an error returns CRM_USAGE");
    T_STR(crm_buf_str(&q.text), "SELECT id FROM contact WHERE ", "an error leaves out as it was");
    T_INT(q.nbinds, 0, "an error binds nothing");
    T_INT(crm_where_compile("score > 1", &env, &q, &err), CRM_OK, "compiles after the error");
    T_STR(crm_buf_str(&q.text), "SELECT id FROM contact WHERE (\"score\" > ?)", "appended to out");
    crm_sql_free(&q);

    struct crm_where_env no_related = {&contact, &ctx, NULL, NULL};
    crm_sql_add(&q, "");
    T_INT(crm_where_compile("account.industry = 'x'", &no_related, &q, &err), CRM_OK,
          "a relation without a related() callback uses the built-in fields");
    crm_sql_free(&q);
    T_INT(crm_where_compile("account.segment = 'x'", &no_related, &q, &err), CRM_USAGE,
          "... which do not include the custom ones");
    crm_sql_free(&q);
}

static void test_sort(void)
{
    char *got;
#define S(spec, want)                                                                            \
    do {                                                                                         \
        got = sort(spec);                                                                        \
        T_STR(got, want, "sort %s", spec);                                                       \
        free(got);                                                                               \
    } while (0)
    S("-score,last_name", "\"score\" DESC, \"last_name\" COLLATE crm_nocase |");
    S("last_name, first_name",
      "\"last_name\" COLLATE crm_nocase, \"first_name\" COLLATE crm_nocase |");
    S("+birthday", "\"birthday\" |");
    S(" - score , + id ", "\"score\" DESC, \"id\" |");
    S("-email,lead_status,tags,phone",
      "\"email\" COLLATE crm_nocase DESC, \"lead_status\" COLLATE crm_nocase, \"tags\" COLLATE "
      "crm_nocase, \"phone\" COLLATE crm_nocase |");
    S("account,-id,created_at", "\"account_id\", \"id\" DESC, \"created_at\" |");
    S("-nick", "json_extract(custom, ?) COLLATE crm_nocase DESC | '$.\"nick\"'");
    S("account_name",
      "(SELECT a.name FROM account a WHERE a.id = contact.account_id) COLLATE crm_nocase |");
    got = sort("x");
    T_OK(strncmp(got, "ERROR: --sort: unknown field 'x' (fields: id, first_name,", 56) == 0,
         "sort: unknown field");
    free(got);
    S("score,,id", "ERROR: --sort: empty field name in 'score,,id'");
    S("", "ERROR: --sort: empty field name in ''");
    S("score,", "ERROR: --sort: empty field name in 'score,'");
    S("-", "ERROR: --sort: empty field name in '-'");
#undef S
}

/* ---- against SQLite ---------------------------------------------------- */

static void sql_fold(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    if (!s) {
        sqlite3_result_null(c);
        return;
    }
    struct crm_buf b = CRM_BUF_INIT;
    crm_utf8_fold(&b, s, (size_t)sqlite3_value_bytes(argv[0]));
    sqlite3_result_text(c, crm_buf_str(&b), (int)b.len, SQLITE_TRANSIENT);
    crm_buf_free(&b);
}

static int sql_nocase(void *arg, int na, const void *a, int nb, const void *b)
{
    struct crm_buf fa = CRM_BUF_INIT, fb = CRM_BUF_INIT;
    (void)arg;
    crm_utf8_fold(&fa, a, (size_t)na);
    crm_utf8_fold(&fb, b, (size_t)nb);
    size_t n = fa.len < fb.len ? fa.len : fb.len;
    int r = memcmp(crm_buf_str(&fa), crm_buf_str(&fb), n);
    if (r == 0)
        r = fa.len < fb.len ? -1 : fa.len > fb.len;
    crm_buf_free(&fa);
    crm_buf_free(&fb);
    return r;
}

static const char fixture[] =
    "INSERT INTO account (id, name, industry, custom, created_at, updated_at) VALUES"
    " (1, 'Acme', 'retail', '{\"segment\":\"smb\"}', 'x', 'x'),"
    " (2, 'Globex', 'tech', NULL, 'x', 'x');"
    "INSERT INTO contact (id, first_name, last_name, email, email_key, phone, phone_key, city,"
    " score, tags, account_id, birthday, custom, created_at, updated_at) VALUES"
    " (1, 'Ann', 'Lee', 'Ann@X.com', 'ann@x.com', '044 123 45 67', '+380441234567', 'Kyiv', 60,"
    "  ';vip;', 1, '2026-02-01', NULL, 'x', 'x'),"
    " (2, 'Тарас', 'Шевченко', NULL, NULL, NULL, NULL, 'Київ', 40, ';a;vip2;', 2, '1814-03-09',"
    "  '{\"nick\":\"Tar\",\"level\":5}', 'x', 'x'),"
    " (3, 'Bob', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'x', 'x'),"
    " (4, 'ärger', 'Ärger', NULL, NULL, NULL, NULL, 'x'' or 1=1 --', 10, NULL, NULL, NULL, NULL,"
    "  'x', 'x');";

static sqlite3 *open_db(void)
{
    sqlite3 *db;
    char *msg = NULL;

    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        return NULL;
    sqlite3_create_function(db, "crm_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_fold,
                            NULL, NULL);
    sqlite3_create_collation(db, "crm_nocase", SQLITE_UTF8, NULL, sql_nocase);
    if (sqlite3_exec(db, crm_schema_sql, NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_exec(db, fixture, NULL, NULL, &msg) != SQLITE_OK) {
        printf("# %s\n", msg);
        sqlite3_free(msg);
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

/* Run SELECT id FROM contact WHERE <where> ORDER BY <sort>; the ids, "1,2". */
static char *query(sqlite3 *db, const char *expr, const char *order)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_err err;
    struct crm_buf out = CRM_BUF_INIT;
    sqlite3_stmt *st = NULL;

    crm_sql_add(&q, "SELECT id FROM contact WHERE ");
    if (crm_where_compile(expr, &env, &q, &err) ||
        (crm_sql_add(&q, " ORDER BY "), crm_where_compile_sort(order, &env, &q, &err))) {
        crm_buf_printf(&out, "ERROR: %s", err.msg);
        goto done;
    }
    if (sqlite3_prepare_v2(db, crm_buf_str(&q.text), -1, &st, NULL) != SQLITE_OK) {
        crm_buf_printf(&out, "SQLITE: %s in %s", sqlite3_errmsg(db), crm_buf_str(&q.text));
        goto done;
    }
    for (size_t i = 0; i < q.nbinds; i++) {
        const struct crm_bind *b = &q.binds[i];
        int k = (int)i + 1;
        if (b->kind == CRM_BIND_INT)
            sqlite3_bind_int64(st, k, b->i);
        else if (b->kind == CRM_BIND_TEXT)
            sqlite3_bind_text(st, k, b->s, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, k);
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        crm_buf_printf(&out, "%s%lld", out.len ? "," : "", (long long)sqlite3_column_int64(st, 0));
    if (rc != SQLITE_DONE)
        crm_buf_printf(&out, "SQLITE: %s", sqlite3_errmsg(db));
done:
    sqlite3_finalize(st);
    crm_sql_free(&q);
    if (!out.len)
        crm_buf_puts(&out, "(none)");
    return crm_buf_detach(&out);
}

static void test_sqlite(void)
{
    sqlite3 *db = open_db();
    char *got;

    if (!T_OK(db != NULL, "schema.sql and the fixture load into SQLite"))
        return;
#define Q(expr, order, want)                                                                     \
    do {                                                                                         \
        got = query(db, expr, order);                                                            \
        T_STR(got, want, "sqlite: %s (sort %s)", expr, order);                                   \
        free(got);                                                                               \
    } while (0)
    Q("city = 'Kyiv'", "id", "1");
    Q("city != 'Kyiv'", "id", "2,3,4");
    Q("city = ''", "id", "3");
    Q("last_name ~ 'ШЕВЧ'", "id", "2");
    Q("first_name ~ 'ТАР' or last_name ~ 'ärg'", "id", "2,4");
    Q("last_name ~ 'ÄRG'", "id", "4");
    Q("last_name !~ 'шевч'", "id", "1,3,4");
    Q("city ~ 'КИЇВ' or score >= 50", "id", "1,2");
    Q("tags has 'vip'", "id", "1");
    Q("tags has 'vip2' or tags has 'a'", "id", "2");
    Q("tags is null", "id", "3,4");
    Q("email = 'ANN@X.COM'", "id", "1");
    Q("email != 'ann@x.com'", "id", "2,3,4");
    Q("phone = '(044) 123 45 67'", "id", "1");
    Q("birthday < +30d", "id", "1,2");
    Q("birthday > today", "id", "1");
    Q("account = 'Acme'", "id", "1");
    Q("account = 2", "id", "2");
    Q("account != 1", "id", "2,3,4");
    Q("account in ('Acme', 'Globex')", "id", "1,2");
    Q("account not in ('Globex')", "id", "1,3,4");
    Q("account = 'Nobody'", "id", "(none)");
    Q("account.industry = 'tech'", "id", "2");
    Q("account.industry != 'tech'", "id", "1");
    Q("account.segment = 'smb'", "id", "1");
    Q("account.name ~ 'GLOB'", "id", "2");
    Q("nick = 'Tar'", "id", "2");
    Q("level >= 5", "id", "2");
    Q("nick is null", "id", "1,3,4");
    Q("city not in ('Kyiv')", "id", "2,3,4");
    Q("city in ('', 'Київ')", "id", "2,3");
    Q("city not in ('', 'Київ')", "id", "1,4");
    Q("lead_status is null and not score < 50", "id", "1,3");
    Q("not tags has 'vip'", "id", "2,3,4");
    Q("not city = 'Kyiv'", "id", "2,3,4");
    Q("not (city = 'Kyiv' or score > 30)", "id", "3,4");
    Q("not not city = 'Kyiv'", "id", "1");
    Q("city = 'x'' or 1=1 --'", "id", "4");
    Q("city = 'x or 1=1'", "id", "(none)");
    Q("score > 0", "-score", "1,2,4");
    Q("id > 0", "last_name,id", "3,1,4,2");
    Q("id > 0", "-last_name,id", "2,4,1,3");
#undef Q
    sqlite3_close(db);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    crm_ent_init_builtin(&contact, &crm_entity_contact);
    crm_ent_add_custom(&contact, "nick", CRM_T_TEXT, NULL);
    crm_ent_add_custom(&contact, "level", CRM_T_INT, NULL);
    crm_ent_add_custom(&contact, "work_email", CRM_T_EMAIL, NULL);
    crm_ent_init_builtin(&account, &crm_entity_account);
    crm_ent_add_custom(&account, "segment", CRM_T_TEXT, NULL);

    test_comparisons();
    test_keys();
    test_contains();
    test_lists();
    test_tags();
    test_boolean();
    test_relations();
    test_custom();
    test_injection();
    test_errors();
    test_limits();
    test_output_untouched();
    test_sort();
    test_sqlite();

    crm_ent_free(&contact);
    crm_ent_free(&account);
    return t_done();
}
