#include "buf.h"
#include "err.h"
#include "t.h"
#include "value.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

/* 2026-01-15T10:00:00Z, the fixed clock of the tests. */
#define NOW 1768471200

static void set_tz(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

static void test_int(void)
{
    struct crm_err err = {0};
    int64_t v = 0;

    T_INT(crm_value_parse_int("42", &v, &err), CRM_OK, "42 parses");
    T_INT(v, 42, "42 is 42");
    T_INT(crm_value_parse_int("-7", &v, &err), CRM_OK, "-7 parses");
    T_INT(v, -7, "-7 is -7");
    T_INT(crm_value_parse_int("+3", &v, &err), CRM_OK, "+3 parses");
    T_INT(v, 3, "+3 is 3");
    T_INT(crm_value_parse_int(" 12 ", &v, &err), CRM_OK, "blanks around are trimmed");
    T_INT(crm_value_parse_int("9223372036854775807", &v, &err), CRM_OK, "INT64_MAX parses");
    T_INT(v, INT64_MAX, "INT64_MAX");
    T_INT(crm_value_parse_int("-9223372036854775808", &v, &err), CRM_OK, "INT64_MIN parses");
    T_INT(v, INT64_MIN, "INT64_MIN");
    T_INT(crm_value_parse_int("9223372036854775808", &v, &err), CRM_DATAERR, "overflow");
    T_STR(err.msg, "invalid number '9223372036854775808': too large", "overflow message");
    T_INT(crm_value_parse_int("4.0", &v, &err), CRM_DATAERR, "4.0 is not whole");
    T_STR(err.msg, "invalid number '4.0': not a whole number", "4.0 message");
    T_INT(crm_value_parse_int("", &v, &err), CRM_DATAERR, "empty");
    T_INT(crm_value_parse_int("-", &v, &err), CRM_DATAERR, "a lone sign");
    T_INT(crm_value_parse_int("1e3", &v, &err), CRM_DATAERR, "1e3");
    T_INT(crm_value_parse_int("0x10", &v, &err), CRM_DATAERR, "hex");
}

static void dec_is(const char *s, int scale, int64_t want)
{
    struct crm_err err = {0};
    int64_t v = 0;
    int rc = crm_value_parse_decimal(s, scale, &v, &err);

    T_OK(rc == CRM_OK && v == want, "decimal '%s' scale %d -> %lld (rc %d, got %lld, %s)", s,
         scale, (long long)want, rc, (long long)v, err.msg);
}

static void dec_bad(const char *s, int scale, const char *msg)
{
    struct crm_err err = {0};
    int64_t v = 0;

    T_INT(crm_value_parse_decimal(s, scale, &v, &err), CRM_DATAERR, "decimal '%s' is invalid", s);
    T_STR(err.msg, msg, "message for '%s'", s);
}

static void fmt_is(int64_t v, int scale, const char *want)
{
    struct crm_buf b = CRM_BUF_INIT;

    crm_value_format_decimal(&b, v, scale);
    T_STR(crm_buf_str(&b), want, "format %lld scale %d", (long long)v, scale);
    crm_buf_free(&b);
}

static void test_decimal(void)
{
    dec_is("12.5", 2, 1250);
    dec_is("12.50", 2, 1250);
    dec_is("12.500", 2, 1250);
    dec_is("-0.01", 2, -1);
    dec_is("+7", 2, 700);
    dec_is("7", 0, 7);
    dec_is(".5", 2, 50);
    dec_is("5.", 2, 500);
    dec_is("0", 3, 0);
    dec_is("1.234", 3, 1234);
    dec_is(" 99.99 ", 2, 9999);
    dec_is("92233720368547758.07", 2, INT64_MAX);
    dec_is("-92233720368547758.08", 2, INT64_MIN);
    dec_bad("92233720368547758.08", 2, "invalid number '92233720368547758.08': too large");
    dec_bad("100000000000000000000", 0, "invalid number '100000000000000000000': too large");
    dec_bad("12.345", 2, "invalid number '12.345': more than 2 decimal places");
    dec_bad("1.5", 0, "invalid number '1.5': more than 0 decimal places");
    dec_bad("1e3", 2, "invalid number '1e3': exponents are not allowed");
    dec_bad("1 234,50", 2,
            "invalid number '1 234,50': use '.' as the decimal point, without digit grouping");
    dec_bad("12,5", 2,
            "invalid number '12,5': use '.' as the decimal point, without digit grouping");
    dec_bad("1 234", 2, "invalid number '1 234': digits must not be grouped");
    dec_bad("", 2, "invalid number '': not a decimal number");
    dec_bad(".", 2, "invalid number '.': not a decimal number");
    dec_bad("-", 2, "invalid number '-': not a decimal number");
    dec_bad("1.2.3", 2, "invalid number '1.2.3': not a decimal number");
    dec_bad("12%", 2, "invalid number '12%': not a decimal number");
    dec_bad("abc", 2, "invalid number 'abc': not a decimal number");
    fmt_is(1250, 2, "12.50");
    fmt_is(-1, 2, "-0.01");
    fmt_is(7, 0, "7");
    fmt_is(0, 2, "0.00");
    fmt_is(-150, 2, "-1.50");
    fmt_is(5, 3, "0.005");
    fmt_is(INT64_MAX, 2, "92233720368547758.07");
    fmt_is(INT64_MIN, 2, "-92233720368547758.08");
    fmt_is(INT64_MIN, 0, "-9223372036854775808");
}

static void test_currency(void)
{
    T_INT(crm_currency_scale("EUR"), 2, "EUR");
    T_INT(crm_currency_scale("USD"), 2, "USD");
    T_INT(crm_currency_scale("GBP"), 2, "GBP");
    T_INT(crm_currency_scale("UAH"), 2, "UAH");
    T_INT(crm_currency_scale("PLN"), 2, "PLN");
    T_INT(crm_currency_scale("CHF"), 2, "CHF");
    T_INT(crm_currency_scale("JPY"), 0, "JPY");
    T_INT(crm_currency_scale("KRW"), 0, "KRW");
    T_INT(crm_currency_scale("ISK"), 0, "ISK");
    T_INT(crm_currency_scale("KWD"), 3, "KWD");
    T_INT(crm_currency_scale("BHD"), 3, "BHD");
    T_INT(crm_currency_scale("OMR"), 3, "OMR");
    T_INT(crm_currency_scale("JOD"), 3, "JOD");
    T_INT(crm_currency_scale("TND"), 3, "TND");
    T_INT(crm_currency_scale("CLF"), 4, "CLF");
    T_INT(crm_currency_scale("ZWL"), 2, "the last code of the list");
    T_INT(crm_currency_scale("eur"), 2, "lower case");
    T_INT(crm_currency_scale("XXX"), -1, "XXX is not money");
    T_INT(crm_currency_scale("EU"), -1, "too short");
    T_INT(crm_currency_scale("EURO"), -1, "too long");
    T_INT(crm_currency_scale("E R"), -1, "not letters");
    T_INT(crm_currency_scale(NULL), -1, "NULL");
}

static void test_bool(void)
{
    const char *yes[] = {"true", "TRUE", "Yes", "y", "1", "on", "t", " true "};
    const char *no[] = {"false", "No", "N", "0", "OFF", "f"};
    struct crm_err err = {0};
    int b;

    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        T_OK(crm_value_parse_bool(yes[i], &b, &err) == CRM_OK && b == 1, "'%s' is true", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        T_OK(crm_value_parse_bool(no[i], &b, &err) == CRM_OK && b == 0, "'%s' is false", no[i]);
    T_INT(crm_value_parse_bool("maybe", &b, &err), CRM_DATAERR, "maybe is not a boolean");
    T_STR(err.msg, "invalid boolean 'maybe': use true or false", "boolean message");
    T_INT(crm_value_parse_bool("", &b, &err), CRM_DATAERR, "empty is not a boolean");
    T_INT(crm_value_parse_bool("truee", &b, &err), CRM_DATAERR, "truee is not a boolean");
}

static void date_is(const char *s, int64_t now, const char *want)
{
    struct crm_err err = {0};
    char out[11] = "";
    int rc = crm_value_parse_date(s, now, out, &err);

    T_OK(rc == CRM_OK, "date '%s' parses", s);
    if (rc)
        printf("#   %s\n", err.msg);
    T_STR(out, want, "date '%s' result", s);
}

static void date_bad(const char *s, const char *msg)
{
    struct crm_err err = {0};
    char out[11];

    T_INT(crm_value_parse_date(s, NOW, out, &err), CRM_DATAERR, "date '%s' is invalid", s);
    if (msg)
        T_STR(err.msg, msg, "message for date '%s'", s);
}

static int64_t utc(int y, int m, int d, int h, int mi)
{
    struct tm tm = {0};

    tm.tm_year = y - 1900, tm.tm_mon = m - 1, tm.tm_mday = d, tm.tm_hour = h, tm.tm_min = mi;
    return (int64_t)timegm(&tm);
}

static void test_date(void)
{
    set_tz("UTC");
    date_is("2026-11-22", NOW, "2026-11-22");
    date_is(" 2026-11-22 ", NOW, "2026-11-22");
    date_is("2024-02-29", NOW, "2024-02-29");
    date_is("2000-02-29", NOW, "2000-02-29");
    date_is("today", NOW, "2026-01-15");
    date_is("TODAY", NOW, "2026-01-15");
    date_is("tomorrow", NOW, "2026-01-16");
    date_is("yesterday", NOW, "2026-01-14");
    date_is("+3d", NOW, "2026-01-18");
    date_is("-10d", NOW, "2026-01-05");
    date_is("-2w", NOW, "2026-01-01");
    date_is("+1m", NOW, "2026-02-15");
    date_is("+1y", NOW, "2027-01-15");
    date_is("+20d", NOW, "2026-02-04");
    date_is("+1m", utc(2026, 1, 31, 12, 0), "2026-02-28");
    date_is("+1m", utc(2024, 1, 31, 12, 0), "2024-02-29");
    date_is("-1m", utc(2026, 3, 31, 12, 0), "2026-02-28");
    date_is("+1y", utc(2024, 2, 29, 12, 0), "2025-02-28");
    date_is("+13m", utc(2026, 12, 31, 12, 0), "2028-01-31");
    date_is("-1m", utc(2026, 1, 10, 12, 0), "2025-12-10");
    date_is("-400d", NOW, "2024-12-11");
    date_is("2026-11-22T09:30:00Z", NOW, "2026-11-22");
    set_tz("Europe/Kyiv");
    date_is("today", utc(2026, 1, 15, 23, 0), "2026-01-16");
    date_is("2026-11-22T23:30:00Z", NOW, "2026-11-23");
    date_is("2026-11-22T23:30", NOW, "2026-11-22");
    set_tz("America/New_York");
    date_is("today", utc(2026, 1, 15, 3, 0), "2026-01-14");
    set_tz("UTC");
    date_bad("2026-02-30", "invalid date '2026-02-30': no such day");
    date_bad("2026-02-29", "invalid date '2026-02-29': no such day");
    date_bad("1900-02-29", "invalid date '1900-02-29': no such day");
    date_bad("2026-04-31", "invalid date '2026-04-31': no such day");
    date_bad("2026-13-01", "invalid date '2026-13-01': no such month");
    date_bad("2026-00-10", "invalid date '2026-00-10': no such month");
    date_bad("2026-01-00", "invalid date '2026-01-00': no such day");
    date_bad("0000-01-01", "invalid date '0000-01-01': out of range");
    date_bad("22.11.2026", "invalid date '22.11.2026': use YYYY-MM-DD, today, tomorrow, yesterday "
                           "or an offset such as +3d, -2w, +1m, +1y");
    date_bad("2026-1-5", NULL);
    date_bad("20261122", NULL);
    date_bad("2026-11-22x", NULL);
    date_bad("", NULL);
    date_bad("+3", NULL);
    date_bad("+d", NULL);
    date_bad("+3x", NULL);
    date_bad("+2h", NULL);
    date_bad("+99999999d", NULL);
}

static void dt_is(const char *s, int64_t now, const char *want)
{
    struct crm_err err = {0};
    char out[21] = "";
    int rc = crm_value_parse_datetime(s, now, out, &err);

    T_OK(rc == CRM_OK, "date-time '%s' parses", s);
    if (rc)
        printf("#   %s\n", err.msg);
    T_STR(out, want, "date-time '%s' result", s);
}

static void dt_bad(const char *s, const char *msg)
{
    struct crm_err err = {0};
    char out[21];

    T_INT(crm_value_parse_datetime(s, NOW, out, &err), CRM_DATAERR, "date-time '%s' is invalid",
          s);
    if (msg)
        T_STR(err.msg, msg, "message for date-time '%s'", s);
}

static void test_datetime(void)
{
    set_tz("UTC");
    dt_is("2026-11-22T09:30:00Z", NOW, "2026-11-22T09:30:00Z");
    dt_is("2026-11-22t09:30:00z", NOW, "2026-11-22T09:30:00Z");
    dt_is("2026-11-22T09:30Z", NOW, "2026-11-22T09:30:00Z");
    dt_is("2026-11-22T09:30:15.123456Z", NOW, "2026-11-22T09:30:15Z");
    dt_is("2026-11-22T09:30:00+02:00", NOW, "2026-11-22T07:30:00Z");
    dt_is("2026-11-22T09:30:00+0200", NOW, "2026-11-22T07:30:00Z");
    dt_is("2026-11-22T09:30:00+02", NOW, "2026-11-22T07:30:00Z");
    dt_is("2026-11-22T01:30:00+05:30", NOW, "2026-11-21T20:00:00Z");
    dt_is("2026-12-31T22:30:00-05:00", NOW, "2027-01-01T03:30:00Z");
    dt_is("2026-11-22 09:30:00", NOW, "2026-11-22T09:30:00Z");
    dt_is("2026-11-22 09:30 +01:00", NOW, "2026-11-22T08:30:00Z");
    dt_is("2026-11-22", NOW, "2026-11-22T00:00:00Z");
    dt_is("now", NOW, "2026-01-15T10:00:00Z");
    dt_is("today", NOW, "2026-01-15T00:00:00Z");
    dt_is("tomorrow", NOW, "2026-01-16T00:00:00Z");
    dt_is("yesterday", NOW, "2026-01-14T00:00:00Z");
    dt_is("+3d", NOW, "2026-01-18T10:00:00Z");
    dt_is("-2w", NOW, "2026-01-01T10:00:00Z");
    dt_is("+1m", NOW, "2026-02-15T10:00:00Z");
    dt_is("+1y", NOW, "2027-01-15T10:00:00Z");
    dt_is("+2h", NOW, "2026-01-15T12:00:00Z");
    dt_is("-30min", NOW, "2026-01-15T09:30:00Z");
    dt_is("+45s", NOW, "2026-01-15T10:00:45Z");
    set_tz("Europe/Kyiv");
    dt_is("2026-01-15 12:00", NOW, "2026-01-15T10:00:00Z");
    dt_is("2026-07-15T12:00", NOW, "2026-07-15T09:00:00Z");
    dt_is("2026-07-15", NOW, "2026-07-14T21:00:00Z");
    dt_is("today", NOW, "2026-01-14T22:00:00Z");
    dt_is("2026-07-15T12:00Z", NOW, "2026-07-15T12:00:00Z");
    /* Kyiv moves to summer time on 2026-03-29: +1d keeps the wall clock. */
    dt_is("+1d", utc(2026, 3, 28, 10, 0), "2026-03-29T09:00:00Z");
    dt_is("+24h", utc(2026, 3, 28, 10, 0), "2026-03-29T10:00:00Z");
    set_tz("UTC");
    dt_bad("2026-11-22T25:00Z", "invalid date-time '2026-11-22T25:00Z': no such time of day");
    dt_bad("2026-11-22T09:60Z", "invalid date-time '2026-11-22T09:60Z': no such time of day");
    dt_bad("2026-02-30T09:00Z", "invalid date-time '2026-02-30T09:00Z': no such day");
    dt_bad("2026-11-22T09:30+25:00", "invalid date-time '2026-11-22T09:30+25:00': bad time zone offset");
    dt_bad("2026-11-22T09:30:00 UTC", NULL);
    dt_bad("2026-11-22T9:30", NULL);
    dt_bad("2026-11-22T09:30:00.Z", NULL);
    dt_bad("2026-11-22T09:30+02:", NULL);
    dt_bad("2026-11-22T", NULL);
    dt_bad("next week", "invalid date-time 'next week': use YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], now, "
                        "today or an offset such as +2h, +30min, +3d");
    dt_bad("", NULL);
}

static void test_epoch(void)
{
    struct crm_err err = {0};
    char out[21];
    int64_t t = 0;

    T_INT(crm_value_datetime_epoch("2026-01-15T10:00:00Z", &t, &err), CRM_OK, "stored form parses");
    T_INT(t, NOW, "to epoch");
    T_INT(crm_value_datetime_epoch("1970-01-01T00:00:00Z", &t, &err), CRM_OK, "the epoch");
    T_INT(t, 0, "the epoch is 0");
    T_INT(crm_value_datetime_epoch("1969-12-31T23:59:59Z", &t, &err), CRM_OK, "before the epoch");
    T_INT(t, -1, "one second before is -1");
    T_INT(crm_value_datetime_epoch("2026-01-15T10:00:00", &t, &err), CRM_DATAERR, "no Z");
    T_INT(crm_value_datetime_epoch("2026-01-15 10:00:00Z", &t, &err), CRM_DATAERR, "space");
    T_INT(crm_value_datetime_epoch("2026-02-30T10:00:00Z", &t, &err), CRM_DATAERR, "no such day");
    crm_value_epoch_datetime(NOW, out);
    T_STR(out, "2026-01-15T10:00:00Z", "from epoch");
    crm_value_epoch_datetime(-1, out);
    T_STR(out, "1969-12-31T23:59:59Z", "negative epoch");
    crm_value_epoch_datetime(951782400, out);
    T_STR(out, "2000-02-29T00:00:00Z", "leap day");
    crm_value_epoch_datetime(INT64_MAX, out);
    T_STR(out, "9999-12-31T23:59:59Z", "clamped to year 9999");
    crm_value_epoch_datetime(INT64_MIN, out);
    T_STR(out, "0001-01-01T00:00:00Z", "clamped to year 1");
    int same = 1;
    for (int64_t x = -100000000; x < 4000000000; x += 12345679) {
        crm_value_epoch_datetime(x, out);
        if (crm_value_datetime_epoch(out, &t, &err) != CRM_OK || t != x)
            same = 0;
        struct tm tm;
        time_t tt = (time_t)x;
        char want[32];
        strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&tt, &tm));
        if (strcmp(out, want) != 0)
            same = 0;
    }
    T_OK(same, "epoch <-> stored round-trips and agrees with gmtime_r");
}

static void test_now(void)
{
    struct crm_err err = {0};
    int64_t now = 0;

    set_tz("UTC");
    setenv("CRM_NOW", "2026-01-15T10:00:00Z", 1);
    T_INT(crm_value_now(&now, &err), CRM_OK, "CRM_NOW parses");
    T_INT(now, NOW, "CRM_NOW is used");
    setenv("CRM_NOW", "2026-01-15", 1);
    T_INT(crm_value_now(&now, &err), CRM_OK, "a date in CRM_NOW");
    T_INT(now, NOW - 36000, "is its midnight");
    setenv("CRM_NOW", "soon", 1);
    T_INT(crm_value_now(&now, &err), CRM_USAGE, "a bad CRM_NOW is a usage error");
    T_OK(strstr(err.msg, "CRM_NOW 'soon'") != NULL, "the message names CRM_NOW: %s", err.msg);
    unsetenv("CRM_NOW");
    T_INT(crm_value_now(&now, &err), CRM_OK, "without CRM_NOW");
    T_OK(now > NOW - 86400 * 365, "the clock is used");
}

static void test_duration(void)
{
    struct crm_err err = {0};
    int64_t s = 0;

    T_OK(crm_value_parse_duration("30s", &s, &err) == CRM_OK && s == 30, "30s");
    T_OK(crm_value_parse_duration("15m", &s, &err) == CRM_OK && s == 900, "15m");
    T_OK(crm_value_parse_duration("15min", &s, &err) == CRM_OK && s == 900, "15min");
    T_OK(crm_value_parse_duration("2h", &s, &err) == CRM_OK && s == 7200, "2h");
    T_OK(crm_value_parse_duration("3d", &s, &err) == CRM_OK && s == 259200, "3d");
    T_OK(crm_value_parse_duration("2w", &s, &err) == CRM_OK && s == 1209600, "2w");
    T_OK(crm_value_parse_duration(" 2H ", &s, &err) == CRM_OK && s == 7200, "blanks, upper case");
    T_INT(crm_value_parse_duration("90", &s, &err), CRM_DATAERR, "no unit");
    T_STR(err.msg, "invalid duration '90': the unit must be s, m or min, h, d or w", "message");
    T_INT(crm_value_parse_duration("h", &s, &err), CRM_DATAERR, "no number");
    T_INT(crm_value_parse_duration("-2h", &s, &err), CRM_DATAERR, "negative");
    T_INT(crm_value_parse_duration("2y", &s, &err), CRM_DATAERR, "years");
    T_INT(crm_value_parse_duration("99999999999999999w", &s, &err), CRM_DATAERR, "overflow");
    T_INT(crm_value_parse_duration("", &s, &err), CRM_DATAERR, "empty");
}

static void email_is(const char *s, const char *norm, const char *key)
{
    struct crm_buf n = CRM_BUF_INIT, k = CRM_BUF_INIT;
    struct crm_err err = {0};
    int rc = crm_value_parse_email(s, &n, &k, &err);

    T_OK(rc == CRM_OK, "email '%s' is valid", s);
    if (rc)
        printf("#   %s\n", err.msg);
    T_STR(crm_buf_str(&n), norm, "email '%s' norm", s);
    T_STR(crm_buf_str(&k), key, "email '%s' key", s);
    crm_buf_free(&n);
    crm_buf_free(&k);
}

static void email_bad(const char *s, const char *msg)
{
    struct crm_buf n = CRM_BUF_INIT, k = CRM_BUF_INIT;
    struct crm_err err = {0};

    T_INT(crm_value_parse_email(s, &n, &k, &err), CRM_DATAERR, "email '%s' is invalid", s);
    if (msg)
        T_STR(err.msg, msg, "message for email '%s'", s);
    crm_buf_free(&n);
    crm_buf_free(&k);
}

static void test_email(void)
{
    char longlocal[80], longaddr[300];

    email_is("ann@example.com", "ann@example.com", "ann@example.com");
    email_is("Ann.Lee@Example.COM", "Ann.Lee@example.com", "ann.lee@example.com");
    email_is("  ann@x.com  ", "ann@x.com", "ann@x.com");
    email_is("Ann <ann@x.com>", "ann@x.com", "ann@x.com");
    email_is("\"Lee, Ann\" <Ann@X.com>", "Ann@x.com", "ann@x.com");
    email_is("first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk",
             "first.last+tag@sub.example.co.uk");
    email_is("o'brien@example.ie", "o'brien@example.ie", "o'brien@example.ie");
    email_is("!#$%&'*+-/=?^_`{|}~@example.com", "!#$%&'*+-/=?^_`{|}~@example.com",
             "!#$%&'*+-/=?^_`{|}~@example.com");
    email_is("\"john doe\"@example.com", "\"john doe\"@example.com", "\"john doe\"@example.com");
    email_is("\"a@b\"@example.com", "\"a@b\"@example.com", "\"a@b\"@example.com");
    email_is("\"a\\\"b\"@example.com", "\"a\\\"b\"@example.com", "\"a\\\"b\"@example.com");
    email_is("Іван@Приклад.УКР", "Іван@приклад.укр", "іван@приклад.укр");
    email_is("user@xn--80ak6aa92e.com", "user@xn--80ak6aa92e.com", "user@xn--80ak6aa92e.com");
    email_is("a@b-c.d-e.com", "a@b-c.d-e.com", "a@b-c.d-e.com");

    email_bad("ann@", "invalid email address 'ann@': missing domain");
    email_bad("ann", "invalid email address 'ann': missing '@'");
    email_bad("@x.com", "invalid email address '@x.com': missing local part before '@'");
    email_bad("ann@x", "invalid email address 'ann@x': the domain needs a dot, as in example.com");
    email_bad("ann@@x.com", "invalid email address 'ann@@x.com': more than one '@'");
    email_bad("a@b@x.com", "invalid email address 'a@b@x.com': more than one '@'");
    email_bad("ann..lee@x.com", "invalid email address 'ann..lee@x.com': two dots in a row");
    email_bad(".ann@x.com", NULL);
    email_bad("ann.@x.com", NULL);
    email_bad("ann lee@x.com", NULL);
    email_bad("ann@x..com", "invalid email address 'ann@x..com': empty label in the domain");
    email_bad("ann@.x.com", NULL);
    email_bad("ann@x.com.", NULL);
    email_bad("ann@-x.com", NULL);
    email_bad("ann@x-.com", NULL);
    email_bad("ann@x_y.com", "invalid email address 'ann@x_y.com': invalid character in the domain");
    email_bad("ann@1.2.3.4", NULL);
    email_bad("ann@[1.2.3.4]", NULL);
    email_bad("\"ann@x.com", NULL);
    email_bad("\"ann\"x@x.com", NULL);
    email_bad("ann@x.com>", NULL);
    email_bad("Ann <ann@x.com", NULL);
    email_bad("", "invalid email address '': empty");
    email_bad("Ann <>", NULL);
    email_bad("ann\xC0\xAF@x.com", "invalid email address 'ann\xC0\xAF@x.com': not valid UTF-8");
    memset(longlocal, 'a', 65);
    strcpy(longlocal + 65, "@x.com");
    email_bad(longlocal, NULL);
    longlocal[1] = '@';
    longlocal[2] = '\0';
    memset(longaddr, 'b', 260);
    memcpy(longaddr, "a@", 2);
    for (int i = 60; i < 260; i += 60)
        longaddr[i] = '.';
    strcpy(longaddr + 260, ".com");
    email_bad(longaddr, NULL);
}

static void url_is(const char *s, const char *want)
{
    struct crm_buf n = CRM_BUF_INIT;
    struct crm_err err = {0};
    int rc = crm_value_parse_url(s, &n, &err);

    T_OK(rc == CRM_OK, "URL '%s' is valid", s);
    if (rc)
        printf("#   %s\n", err.msg);
    T_STR(crm_buf_str(&n), want, "URL '%s' result", s);
    crm_buf_free(&n);
}

static void url_bad(const char *s, const char *msg)
{
    struct crm_buf n = CRM_BUF_INIT;
    struct crm_err err = {0};

    T_INT(crm_value_parse_url(s, &n, &err), CRM_DATAERR, "URL '%s' is invalid", s);
    if (msg)
        T_STR(err.msg, msg, "message for URL '%s'", s);
    crm_buf_free(&n);
}

static void test_url(void)
{
    url_is("https://example.com", "https://example.com");
    url_is("http://example.com/a/b?x=1#top", "http://example.com/a/b?x=1#top");
    url_is("HTTPS://Example.com/", "HTTPS://Example.com/");
    url_is("https://user:pw@example.com:8443/x", "https://user:pw@example.com:8443/x");
    url_is("http://localhost:8080/", "http://localhost:8080/");
    url_is("http://192.168.1.10/admin", "http://192.168.1.10/admin");
    url_is("http://[::1]:8080/", "http://[::1]:8080/");
    url_is("ftp://files.example.com/pub", "ftp://files.example.com/pub");
    url_is("mailto:ann@example.com", "mailto:ann@example.com");
    url_is("mailto:ann@example.com?subject=Hi", "mailto:ann@example.com?subject=Hi");
    url_is("example.com", "https://example.com");
    url_is(" www.example.com/about ", "https://www.example.com/about");
    url_is("example.com:8080/x", "https://example.com:8080/x");
    url_is("https://приклад.укр/шлях", "https://приклад.укр/шлях");
    url_bad("", "invalid URL '': empty");
    url_bad("javascript:alert(1)",
            "invalid URL 'javascript:alert(1)': the scheme must be http, https, ftp or mailto");
    url_bad("gopher://example.com", NULL);
    url_bad("http:/example.com", "invalid URL 'http:/example.com': missing '//' after the scheme");
    url_bad("https://", "invalid URL 'https://': missing host");
    url_bad("https:///path", NULL);
    url_bad("https://exa mple.com", NULL);
    url_bad("https://example.com:99999/", "invalid URL 'https://example.com:99999/': invalid port");
    url_bad("https://example.com:/", NULL);
    url_bad("https://example.com:0/", NULL);
    url_bad("https://-bad-.com", NULL);
    url_bad("https://[::1/", NULL);
    url_is("localhost:8080", "https://localhost:8080");
    url_bad("intranet", "invalid URL 'intranet': the domain needs a dot, as in example.com");
    url_bad("mailto:ann@", "invalid URL 'mailto:ann@': missing domain");
}

int main(void)
{
    test_int();
    test_decimal();
    test_currency();
    test_bool();
    test_date();
    test_datetime();
    test_epoch();
    test_now();
    test_duration();
    test_email();
    test_url();
    return t_done();
}
