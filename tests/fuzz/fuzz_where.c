/*
 * fuzz_where.c - the --where and --sort compilers (lib/where.h) over the
 * contact and deal entities with custom fields.  Byte 0 picks the entity
 * and whether the rest is a filter or a sort spec.  Checks that the SQL text
 * never holds a quote or a question mark written by the user: every value
 * must be bound.
 */
#include "err.h"
#include "fuzz.h"
#include "model.h"
#include "sql.h"
#include "where.h"

static struct crm_ctx ctx = {1768471200, "tester", "UA", "EUR"};
static struct crm_ent contact, account, deal;
static int ready;

static const struct crm_ent *related(const char *entity, void *arg)
{
    (void)arg;
    if (strcmp(entity, "account") == 0)
        return &account;
    if (strcmp(entity, "contact") == 0)
        return &contact;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready) {
        static const char *const lv[] = {"low", "high", NULL};
        crm_ent_init_builtin(&contact, &crm_entity_contact);
        crm_ent_add_custom(&contact, "nick", CRM_T_TEXT, NULL);
        crm_ent_add_custom(&contact, "level", CRM_T_INT, NULL);
        crm_ent_add_custom(&contact, "work_email", CRM_T_EMAIL, NULL);
        crm_ent_add_custom(&contact, "prio", CRM_T_ENUM, lv);
        crm_ent_init_builtin(&account, &crm_entity_account);
        crm_ent_init_builtin(&deal, &crm_entity_deal);
        ready = 1;
    }
    if (size < 1)
        return 0;
    unsigned mode = data[0];
    char *expr = fuzz_str(data + 1, size - 1);
    struct crm_where_env env = {(mode & 1) ? &deal : &contact, &ctx, related, NULL};
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_err err;
    crm_err_clear(&err);
    int rc = (mode & 2) ? crm_where_compile_sort(expr, &env, &q, &err)
                        : crm_where_compile(expr, &env, &q, &err);
    if (rc == 0) {
        /* Parameters are '?' placeholders; user text never reaches the SQL. */
        const char *sql = crm_buf_str(&q.text);
        size_t marks = 0;
        for (const char *p = sql; *p; p++)
            if (*p == '?')
                marks++;
        if (marks != q.nbinds)
            abort();
    }
    crm_sql_free(&q);
    free(expr);
    return 0;
}
