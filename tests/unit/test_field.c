/* Field types: user text -> stored value -> display text, and SQL names. */
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "model.h"
#include "t.h"

static struct crm_ctx ctx;

static const struct crm_field *field(const char *entity, const char *name)
{
    const struct crm_entity *e = crm_model_entity(entity);
    for (size_t i = 0; i < e->nfields; i++)
        if (strcmp(e->fields[i].name, name) == 0)
            return &e->fields[i];
    return NULL;
}

/* Parse then format: the display text of what would be stored. */
static const char *roundtrip(const struct crm_field *f, const char *text, const char *country,
                             int *status)
{
    static struct crm_buf out;
    struct crm_sval v = {0};
    struct crm_err err;
    crm_buf_reset(&out);
    *status = crm_field_parse(f, text, country, &ctx, &v, &err);
    if (*status == CRM_OK && !crm_field_format(f, v.kind == CRM_SV_NULL, v.i, crm_buf_str(&v.s), &out))
        crm_buf_puts(&out, "(null)");
    if (*status)
        crm_buf_puts(&out, err.msg);
    crm_sval_free(&v);
    return crm_buf_str(&out);
}

static const char *key_of(const struct crm_field *f, const char *text, const char *country)
{
    static struct crm_buf out;
    struct crm_sval v = {0};
    struct crm_err err;
    crm_buf_reset(&out);
    if (crm_field_parse(f, text, country, &ctx, &v, &err) == CRM_OK)
        crm_buf_puts(&out, crm_buf_str(&v.key));
    crm_sval_free(&v);
    return crm_buf_str(&out);
}

static void test_types(void)
{
    int st;
    const struct crm_field *score = field("contact", "score"), *dnc = field("contact", "do_not_call");
    const struct crm_field *tags = field("contact", "tags"), *lead = field("contact", "lead_status");
    const struct crm_field *email = field("contact", "email"), *phone = field("contact", "phone");
    const struct crm_field *bday = field("contact", "birthday"), *city = field("contact", "city");

    T_STR(roundtrip(score, " 42 ", NULL, &st), "42", "integers are trimmed");
    roundtrip(score, "4.5", NULL, &st);
    T_INT(st, CRM_DATAERR, "a decimal is no integer");
    T_STR(roundtrip(score, "", NULL, &st), "(null)", "an empty value is null");
    T_STR(roundtrip(dnc, "YES", NULL, &st), "true", "booleans read yes/no in any case");
    T_STR(roundtrip(tags, "vip; gold,vip", NULL, &st), "gold;vip", "tags are a sorted set");
    T_STR(roundtrip(lead, "Qualified", NULL, &st), "qualified", "enum values are matched ignoring case");
    roundtrip(lead, "hot", NULL, &st);
    T_INT(st, CRM_DATAERR, "an enum value outside the list is refused");
    T_STR(roundtrip(email, "Ann.Lee@Example.COM", NULL, &st), "Ann.Lee@example.com",
          "an email keeps its local part and lowercases its domain");
    T_STR(key_of(email, "Ann.Lee@Example.COM", NULL), "ann.lee@example.com",
          "its key is the whole address folded");
    T_STR(key_of(phone, "(044) 123 45 67", "UA"), "+380441234567", "a national number takes the record's country");
    T_STR(key_of(phone, "+380 44 123-45-67", NULL), "+380441234567", "an international one needs none");
    T_STR(roundtrip(phone, "(044) 123 45 67", "Ukraine", &st), "(044) 123 45 67",
          "the number is shown as written");
    roundtrip(phone, "call me", NULL, &st);
    T_INT(st, CRM_DATAERR, "letters make a phone number invalid");
    roundtrip(bday, "2026-02-30", NULL, &st);
    T_INT(st, CRM_DATAERR, "there is no 30 February");
    T_OK(strstr(roundtrip(bday, "2026-02-30", NULL, &st), "birthday: ") != NULL,
         "the message names the field");
    T_STR(roundtrip(bday, "+1m", NULL, &st), "2026-02-15", "relative dates count from CRM_NOW");
    T_STR(roundtrip(city, "  Kyiv ", NULL, &st), "  Kyiv ", "text keeps its blanks");
}

static void test_money(void)
{
    struct crm_field m = {"amount", CRM_T_MONEY, 0, NULL, NULL, NULL, NULL, 0, NULL, "money"};
    struct crm_field d = {"rate", CRM_T_DECIMAL, 0, NULL, NULL, NULL, NULL, 3, NULL, "decimal"};
    int st;
    T_STR(roundtrip(&m, "0.1", NULL, &st), "0.10", "money is exact: 0.1 stays 0.10");
    T_STR(roundtrip(&m, "-1234567890123.45", NULL, &st), "-1234567890123.45", "large amounts stay exact");
    roundtrip(&m, "1.005", NULL, &st);
    T_INT(st, CRM_DATAERR, "a third decimal place is refused, never rounded silently");
    T_STR(roundtrip(&d, "2.5", NULL, &st), "2.500", "decimals keep their scale");
}

static void test_sql(void)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_ent e;
    crm_ent_init_builtin(&e, &crm_entity_contact);
    crm_ent_add_custom(&e, "segment", CRM_T_TEXT, NULL);
    crm_field_sql_value(crm_ent_field(&e, "account"), NULL, &q);
    T_STR(crm_buf_str(&q.text), "\"account_id\"", "a ref field reads its _id column");
    crm_sql_reset(&q);
    crm_field_sql_key(crm_ent_field(&e, "email"), "c", &q);
    T_STR(crm_buf_str(&q.text), "\"c\".\"email_key\"", "an email compares by its key column");
    crm_sql_reset(&q);
    crm_field_sql_value(crm_ent_field(&e, "segment"), NULL, &q);
    T_STR(crm_buf_str(&q.text), "json_extract(custom, ?)", "a custom field is read from the JSON column");
    T_STR(q.binds[0].s, "$.\"segment\"", "with its path bound, not pasted");
    crm_sql_free(&q);
    crm_ent_free(&e);
    enum crm_type ty;
    T_INT(crm_type_parse("money", &ty), CRM_OK, "type names parse");
    T_INT(crm_type_parse("ref", &ty), CRM_USAGE, "ref is no type for custom fields");
}

int main(void)
{
    struct crm_err err;
    setenv("CRM_NOW", "2026-01-15T10:00:00Z", 1);
    setenv("TZ", "UTC", 1);
    setenv("CRM_USER", "tester", 1);
    if (crm_ctx_from_env(&ctx, &err))
        return 1;
    T_STR(ctx.user, "tester", "the acting user comes from CRM_USER");
    T_STR(ctx.currency, "EUR", "the currency defaults to EUR");
    test_types();
    test_money();
    test_sql();
    return t_done();
}
