#include "buf.h"
#include "err.h"
#include "sql.h"
#include "t.h"

#include <stdlib.h>

static void test_buf(void)
{
    struct crm_buf b = CRM_BUF_INIT;

    T_STR(crm_buf_str(&b), "", "an empty buffer reads as the empty string");
    for (int i = 0; i < 1000; i++)
        crm_buf_putc(&b, 'x');
    T_INT(b.len, 1000, "putc grows the buffer");
    T_INT(b.s[1000], 0, "the buffer stays NUL-terminated");
    crm_buf_reset(&b);
    crm_buf_printf(&b, "%d-%s", 42, "ab");
    T_STR(crm_buf_str(&b), "42-ab", "printf appends formatted text");
    char *s = crm_buf_detach(&b);
    T_STR(s, "42-ab", "detach hands over the string");
    T_INT(b.len, 0, "detach empties the buffer");
    free(s);
    crm_buf_free(&b);
}

static void test_err(void)
{
    struct crm_err e;

    T_INT(crm_err_set(&e, CRM_DATAERR, "email: invalid address '%s'", "ann@"), CRM_DATAERR,
          "crm_err_set returns the status");
    crm_err_prefix(&e, "%s:%d: ", "in.csv", 12);
    T_STR(e.msg, "in.csv:12: email: invalid address 'ann@'", "prefix puts the place first");
    T_INT(crm_exit_code(CRM_TEMPFAIL), 75, "locked maps to 75");
    T_INT(crm_exit_code(12345), 70, "an unknown status is an internal error");
}

static void test_sql(void)
{
    struct crm_sql q = CRM_SQL_INIT, frag = CRM_SQL_INIT;

    crm_sql_add(&frag, "city = ");
    crm_sql_bind_text(&frag, "Kyiv'; DROP TABLE contact; --");
    crm_sql_add(&q, "SELECT id FROM contact WHERE score > ");
    crm_sql_bind_int(&q, 50);
    crm_sql_add(&q, " AND ");
    crm_sql_append(&q, &frag);
    T_STR(crm_buf_str(&q.text), "SELECT id FROM contact WHERE score > ? AND city = ?",
          "user text becomes a placeholder, never SQL");
    T_INT(q.nbinds, 2, "two values are bound");
    T_STR(q.binds[1].s, "Kyiv'; DROP TABLE contact; --", "the value keeps its text");
    crm_sql_reset(&q);
    crm_sql_ident(&q, "we\"ird");
    T_STR(crm_buf_str(&q.text), "\"we\"\"ird\"", "identifiers are quoted");
    crm_sql_free(&q);
    crm_sql_free(&frag);
}

int main(void)
{
    test_buf();
    test_err();
    test_sql();
    return t_done();
}
