#include "buf.h"
#include "err.h"
#include "phone.h"
#include "t.h"

static void key_is(const char *text, const char *iso2, const char *want)
{
    struct crm_buf key = CRM_BUF_INIT;
    struct crm_err err = {0};
    int rc = crm_phone_normalize(text, iso2, &key, &err);

    T_OK(rc == CRM_OK, "'%s' in %s is valid", text, iso2 ? iso2 : "(none)");
    if (rc != CRM_OK)
        printf("#   %s\n", err.msg);
    T_STR(crm_buf_str(&key), want, "'%s' in %s key", text, iso2 ? iso2 : "(none)");
    crm_buf_free(&key);
}

static void bad_is(const char *text, const char *iso2, const char *want_msg)
{
    struct crm_buf key = CRM_BUF_INIT;
    struct crm_err err = {0};
    int rc = crm_phone_normalize(text, iso2, &key, &err);

    T_INT(rc, CRM_DATAERR, "'%s' in %s is invalid", text, iso2 ? iso2 : "(none)");
    T_STR(err.msg, want_msg, "message for '%s'", text);
    crm_buf_free(&key);
}

static void test_ukraine(void)
{
    key_is("(044) 123 45 67", "UA", "+380441234567");
    key_is("380441234567", "UA", "+380441234567");
    key_is("+380 44 123-45-67", "UA", "+380441234567");
    key_is("+380 44 123-45-67", NULL, "+380441234567");
    key_is("00380441234567", "UA", "+380441234567");
    key_is("441234567", "UA", "+380441234567");
    key_is("  067.123.45.67  ", "UA", "+380671234567");
    key_is("067/123/45/67", "ua", "+380671234567");
    key_is("(044) 123 45 67", "Україна", "+380441234567");
    key_is("+380 (0)44 123 45 67", NULL, "+380441234567");
    key_is("1234567", "UA", "1234567");
}

static void test_nanp(void)
{
    key_is("+1 (212) 555-1234", NULL, "+12125551234");
    key_is("212-555-1234", "US", "+12125551234");
    key_is("2125551234", "US", "+12125551234");
    key_is("1-212-555-1234", "US", "+12125551234");
    key_is("011 44 20 7946 0958", "US", "+442079460958");
    key_is("tel:+1-201-555-0123", NULL, "+12015550123");
    key_is("tel:+1-201-555-0123;ext=42", NULL, "+12015550123");
    key_is("TEL:+1-201-555-0123", "US", "+12015550123");
    key_is("212-555-1234 ext 12", "US", "+12125551234");
    key_is("212-555-1234 ext. 12", "US", "+12125551234");
    key_is("212-555-1234x12", "US", "+12125551234");
    key_is("212-555-1234 #12", "US", "+12125551234");
    key_is("(416) 555-0199", "CA", "+14165550199");
    key_is("212-555-1234", "USA", "+12125551234");
}

static void test_europe(void)
{
    key_is("030 1234567", "DE", "+49301234567");
    key_is("+49 (0)30 1234567", NULL, "+49301234567");
    key_is("4930123456", "DE", "+4930123456");
    key_is("020 7946 0958", "GB", "+442079460958");
    key_is("+44 (0)20 7946 0958", "GB", "+442079460958");
    key_is("07700 900123", "GB", "+447700900123");
    key_is("01 23 45 67 89", "FR", "+33123456789");
    key_is("06 12 34 56 78", "France", "+33612345678");
    key_is("06 1 234 5678", "HU", "+3612345678");
    key_is("06 55 12 34", "IT", "+3906551234");
    key_is("391 234 5678", "IT", "+393912345678");
    key_is("39 06 1234 5678", "IT", "+390612345678");
    key_is("912 345 678", "ES", "+34912345678");
    key_is("600 123 456", "PL", "+48600123456");
    key_is("+48 600 123 456", "PL", "+48600123456");
}

static void test_russia(void)
{
    key_is("8 (495) 123-45-67", "RU", "+74951234567");
    key_is("+7 495 123 45 67", "RU", "+74951234567");
    key_is("74951234567", "RU", "+74951234567");
    key_is("495 123 45 67", "RU", "+74951234567");
    key_is("812 345 67 89", "RU", "+78123456789");
    key_is("8 10 380 44 123 45 67", "RU", "+380441234567");
    key_is("8 (727) 123-45-67", "KZ", "+77271234567");
    key_is("8 017 123 45 67", "BY", "+375171234567");
}

static void test_unknown_country(void)
{
    key_is("(044) 123 45 67", NULL, "0441234567");
    key_is("044 123 45 67", "", "0441234567");
    key_is("212 555 1234", "XX", "2125551234");
    key_is("0044 20 7946 0958", NULL, "+442079460958");
    key_is("12345", NULL, "12345");
    key_is("０４４ １２３ ４５ ６７", NULL, "0441234567");
}

static void test_invalid(void)
{
    bad_is("12ab", "UA", "invalid phone number '12ab': letters are not allowed");
    bad_is("044 CALL-NOW", "UA", "invalid phone number '044 CALL-NOW': letters are not allowed");
    bad_is("+380 шість", NULL, "invalid phone number '+380 шість': letters are not allowed");
    bad_is("1234", "UA", "invalid phone number '1234': too few digits");
    bad_is("", "UA", "invalid phone number '': too few digits");
    bad_is("+12-34", NULL, "invalid phone number '+12-34': too few digits");
    bad_is("ext 12345", "US", "invalid phone number 'ext 12345': letters are not allowed");
    bad_is("+1234567890123456", NULL, "invalid phone number '+1234567890123456': too many digits");
    bad_is("12+345678", NULL, "invalid phone number '12+345678': '+' is allowed only at the start");
    bad_is("+0123456789", NULL, "invalid phone number '+0123456789': no such country calling code");
    bad_is("044*1234567", "UA", "invalid phone number '044*1234567': unexpected character '*'");
    bad_is("212-555-1234 x", "US", "invalid phone number '212-555-1234 x': letters are not allowed");
}

static void test_countries(void)
{
    T_STR(crm_country_iso2("UA"), "UA", "ISO2");
    T_STR(crm_country_iso2("ua"), "UA", "ISO2 in lower case");
    T_STR(crm_country_iso2("UKR"), "UA", "ISO3");
    T_STR(crm_country_iso2("Ukraine"), "UA", "English name");
    T_STR(crm_country_iso2("україна"), "UA", "Ukrainian name, any case");
    T_STR(crm_country_iso2("УКРАИНА"), "UA", "Russian name of Ukraine in upper case");
    T_STR(crm_country_iso2("Germany"), "DE", "Germany");
    T_STR(crm_country_iso2("deutschland"), "DE", "Deutschland");
    T_STR(crm_country_iso2("United States"), "US", "United States");
    T_STR(crm_country_iso2("usa"), "US", "USA");
    T_STR(crm_country_iso2("U.S.A."), "US", "U.S.A.");
    T_STR(crm_country_iso2("US"), "US", "US");
    T_STR(crm_country_iso2("United Kingdom"), "GB", "United Kingdom");
    T_STR(crm_country_iso2("UK"), "GB", "UK");
    T_STR(crm_country_iso2("great  britain"), "GB", "Great Britain with extra blanks");
    T_STR(crm_country_iso2("Россия"), "RU", "Россия");
    T_STR(crm_country_iso2("Polska"), "PL", "Polska");
    T_STR(crm_country_iso2("France"), "FR", "France");
    T_STR(crm_country_iso2("ESPAÑA"), "ES", "España in upper case");
    T_STR(crm_country_iso2("Italia"), "IT", "Italia");
    T_STR(crm_country_iso2("Kazakhstan"), "KZ", "Kazakhstan");
    T_STR(crm_country_iso2("Belarus"), "BY", "Belarus");
    T_STR(crm_country_iso2("中国"), "CN", "中国");
    T_STR(crm_country_iso2("日本"), "JP", "日本");
    T_STR(crm_country_iso2(" Japan "), "JP", "surrounding blanks are ignored");
    T_STR(crm_country_iso2("Ελλάδα"), "GR", "Ελλάδα");
    T_STR(crm_country_iso2("Atlantis"), NULL, "unknown name");
    T_STR(crm_country_iso2(""), NULL, "empty name");
    T_STR(crm_country_iso2(NULL), NULL, "NULL name");
    T_STR(crm_country_calling_code("UA"), "380", "calling code of UA");
    T_STR(crm_country_calling_code("us"), "1", "calling code of us");
    T_STR(crm_country_calling_code("RU"), "7", "calling code of RU");
    T_STR(crm_country_calling_code("XX"), NULL, "no calling code for XX");
}

int main(void)
{
    test_ukraine();
    test_nanp();
    test_europe();
    test_russia();
    test_unknown_country();
    test_invalid();
    test_countries();
    return t_done();
}
