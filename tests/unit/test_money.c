/* Exact line arithmetic: rounding per line, half away from zero. */
#include "money.h"
#include "t.h"

static int64_t line_net(int64_t qty, int64_t price, int64_t disc, int64_t tax, int64_t *taxout)
{
    struct crm_money_line l;
    struct crm_err err;
    if (crm_money_line(qty, price, disc, tax, &l, &err))
        return -999999;
    *taxout = l.tax;
    return l.net;
}

int main(void)
{
    struct crm_err err;
    int64_t v, tax;

    T_INT(crm_money_muldiv(5, 1, 2, &v, &err), CRM_OK, "muldiv");
    T_INT(v, 3, "2.5 rounds up to 3 (half away from zero)");
    T_INT(crm_money_muldiv(-5, 1, 2, &v, &err), CRM_OK, "muldiv negative");
    T_INT(v, -3, "-2.5 rounds to -3");
    crm_money_muldiv(7, 1, 3, &v, &err);
    T_INT(v, 2, "7/3 rounds down to 2");
    crm_money_muldiv(5, -1, -2, &v, &err);
    T_INT(v, 3, "negative denominator");
    T_INT(crm_money_muldiv(INT64_MAX, 4, 1, &v, &err), CRM_DATAERR, "overflow is an error");

    /* 3 x 19.99 at 10 % off, 20 % tax: 59.97 -> net 53.973 -> 53.97, tax 10.794 -> 10.79 */
    T_INT(line_net(3000, 1999, 1000, 2000, &tax), 5397, "net of 3 x 19.99 - 10 %%");
    T_INT(tax, 1079, "tax 20 %% of 53.97");
    /* 1 x 0.05 at 50 %: 0.025 -> 0.03 (half away from zero) */
    T_INT(line_net(1000, 5, 5000, 0, &tax), 3, "0.025 rounds to 0.03");
    /* 1 x 0.10 at 7.5 % tax: 0.0075 -> 0.01 */
    line_net(1000, 10, 0, 750, &tax);
    T_INT(tax, 1, "tax 0.0075 rounds to 0.01");
    /* fractional quantity: 1.5 h x 80.00 = 120.00 */
    T_INT(line_net(1500, 8000, 0, 0, &tax), 12000, "1.5 x 80.00");
    /* 0.333 x 1.00 = 0.333 -> 0.33 */
    T_INT(line_net(333, 100, 0, 0, &tax), 33, "0.333 x 1.00 rounds down");
    /* 100 % discount gives 0 */
    T_INT(line_net(2000, 999, 10000, 2000, &tax), 0, "100 %% discount");
    T_INT(tax, 0, "no tax on nothing");
    /* Negative prices (credit lines) round symmetrically. */
    T_INT(line_net(1000, -5, 5000, 0, &tax), -3, "-0.025 rounds to -0.03");

    /* Per line, not per total: three lines of 0.005 tax each give 0.03 (each
     * 0.005 -> 0.01), where rounding the total 0.015 would give 0.02. */
    int64_t sum = 0;
    for (int i = 0; i < 3; i++) {
        line_net(1000, 10, 0, 500, &tax); /* 5 % of 0.10 = 0.005 -> 0.01 */
        crm_money_add(&sum, tax, &err);
    }
    T_INT(sum, 3, "taxes are rounded per line and then summed");

    struct crm_money_line l;
    T_INT(crm_money_line(INT64_MAX / 2, INT64_MAX / 2, 0, 0, &l, &err), CRM_DATAERR,
          "a line too large for int64 is an error");
    T_INT(crm_money_line(1000, INT64_MAX, 0, 10000, &l, &err), CRM_DATAERR,
          "net + tax overflowing is an error");
    T_INT(crm_money_add(&sum, INT64_MAX, &err), CRM_DATAERR, "sum overflow");

    T_INT(crm_money_parse_percent("10%", 0, 10000, &v, &err), CRM_OK, "10%%");
    T_INT(v, 1000, "10%% is 1000");
    T_INT(crm_money_parse_percent("7.25 %", 0, 10000, &v, &err), CRM_OK, "7.25 %%");
    T_INT(v, 725, "7.25 %% is 725");
    T_INT(crm_money_parse_percent("12", 0, 10000, &v, &err), CRM_OK, "bare 12");
    T_INT(crm_money_parse_percent("101%", 0, 10000, &v, &err), CRM_DATAERR, "over 100 %%");
    T_INT(crm_money_parse_percent("-1", 0, 10000, &v, &err), CRM_DATAERR, "negative");
    T_INT(crm_money_parse_percent("1.234", 0, 10000, &v, &err), CRM_DATAERR, "3 places");
    T_INT(crm_money_parse_percent("abc", 0, 10000, &v, &err), CRM_DATAERR, "not a number");

    T_INT(crm_money_parse("19.99", "EUR", &v, &err), CRM_OK, "EUR amount");
    T_INT(v, 1999, "in cents");
    T_INT(crm_money_parse("1500", "JPY", &v, &err), CRM_OK, "JPY amount");
    T_INT(v, 1500, "in yen");
    T_INT(crm_money_parse("1.5", "JPY", &v, &err), CRM_DATAERR, "yen have no minor unit");
    T_INT(crm_money_parse("1.234", "KWD", &v, &err), CRM_OK, "KWD has 3 places");
    T_INT(v, 1234, "in fils");
    T_INT(crm_money_parse("1", "XXQ", &v, &err), CRM_DATAERR, "unknown currency");
    struct crm_buf b = CRM_BUF_INIT;
    crm_money_format(&b, 1234, "KWD");
    T_STR(crm_buf_str(&b), "1.234", "format KWD");
    crm_buf_reset(&b);
    crm_money_format(&b, -5, "EUR");
    T_STR(crm_buf_str(&b), "-0.05", "format negative cents");
    crm_buf_reset(&b);
    crm_money_format(&b, 250000, "JPY");
    T_STR(crm_buf_str(&b), "250000", "format yen");
    crm_buf_free(&b);
    return t_done();
}
