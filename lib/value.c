/*
 * value.c - parsing and formatting of scalar values: numbers, money, booleans,
 * dates, date-times, durations, email addresses and URLs.
 *
 * Every parser trims surrounding blanks (values come from CSV cells and
 * command lines), accepts only what it can read without guessing, and says
 * in its message what was wrong, without the field name (the caller adds it).
 * Calendar arithmetic is done on plain (year, month, day) numbers rather than
 * through mktime(), so "+1m" cannot be shifted by a DST change; the C library
 * is used only to convert between local time ($TZ) and UTC.
 */
#include "value.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

/* ---- small helpers ---------------------------------------------------- */

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* s without leading and trailing blanks, as a pointer into s and a length. */
static const char *trim(const char *s, size_t *n)
{
    size_t len = strlen(s);

    while (len > 0 && is_blank(*s))
        s++, len--;
    while (len > 0 && is_blank(s[len - 1]))
        len--;
    *n = len;
    return s;
}

/* A trimmed copy of s that the caller frees. */
static char *trimmed_copy(const char *s)
{
    size_t n;
    const char *t = trim(s, &n);

    return crm_xstrndup(t, n);
}

/* Read exactly `width` digits at s as a number; -1 when they are not digits. */
static int read_digits(const char *s, int width)
{
    int v = 0;

    for (int i = 0; i < width; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Write v as `width` zero-padded digits; v must fit. */
static void put_digits(char *p, int v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* Accumulate one more decimal digit into *acc, failing past `limit`. */
static int add_digit(uint64_t *acc, char c, uint64_t limit)
{
    uint64_t d = (uint64_t)(c - '0');

    if (*acc > (limit - d) / 10)
        return 0;
    *acc = *acc * 10 + d;
    return 1;
}

/* ---- integers and decimals -------------------------------------------- */

int crm_value_parse_int(const char *s, int64_t *out, struct crm_err *err)
{
    size_t n, i = 0;
    const char *t = trim(s, &n);
    int neg = 0;
    uint64_t acc = 0, limit;

    if (n > 0 && (t[0] == '+' || t[0] == '-'))
        neg = t[i++] == '-';
    if (i == n)
        return crm_err_set(err, CRM_DATAERR, "invalid number '%s': not a whole number", s);
    limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; i < n; i++) {
        if (!is_digit(t[i]))
            return crm_err_set(err, CRM_DATAERR, "invalid number '%s': not a whole number", s);
        if (!add_digit(&acc, t[i], limit))
            return crm_err_set(err, CRM_DATAERR, "invalid number '%s': too large", s);
    }
    *out = neg ? (int64_t)(0 - acc) : (int64_t)acc;
    return CRM_OK;
}

static int bad_decimal(struct crm_err *err, const char *s, const char *why)
{
    return crm_err_set(err, CRM_DATAERR, "invalid number '%s': %s", s, why);
}

/* What is wrong with a number that is not [+-]digits[.digits]: the messages
 * name the usual mistakes (decimal comma, digit grouping, exponent). */
static int explain_bad_decimal(struct crm_err *err, const char *s, const char *t, size_t n)
{
    if (memchr(t, ',', n))
        return bad_decimal(err, s, "use '.' as the decimal point, without digit grouping");
    if (memchr(t, ' ', n) || memchr(t, '\'', n) || memchr(t, '_', n))
        return bad_decimal(err, s, "digits must not be grouped");
    if (memchr(t, 'e', n) || memchr(t, 'E', n))
        return bad_decimal(err, s, "exponents are not allowed");
    return bad_decimal(err, s, "not a decimal number");
}

int crm_value_parse_decimal(const char *s, int scale, int64_t *out, struct crm_err *err)
{
    size_t n, i = 0;
    const char *t = trim(s, &n);
    int neg = 0, frac = 0, digits = 0, point = 0;
    uint64_t acc = 0, limit;

    if (scale < 0 || scale > 18)
        return crm_err_set(err, CRM_SOFTWARE, "decimal scale %d out of range", scale);
    if (n > 0 && (t[0] == '+' || t[0] == '-'))
        neg = t[i++] == '-';
    limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; i < n; i++) {
        if (t[i] == '.' && !point) {
            point = 1;
            continue;
        }
        if (!is_digit(t[i]))
            return explain_bad_decimal(err, s, t, n);
        digits++;
        if (point && ++frac > scale) {
            if (t[i] != '0') /* trailing zeros past the scale lose nothing */
                return crm_err_set(err, CRM_DATAERR,
                                   "invalid number '%s': more than %d decimal place%s", s, scale,
                                   scale == 1 ? "" : "s");
            continue;
        }
        if (!add_digit(&acc, t[i], limit))
            return bad_decimal(err, s, "too large");
    }
    if (digits == 0)
        return explain_bad_decimal(err, s, t, n);
    for (; frac < scale; frac++)
        if (!add_digit(&acc, '0', limit))
            return bad_decimal(err, s, "too large");
    *out = neg ? (int64_t)(0 - acc) : (int64_t)acc;
    return CRM_OK;
}

void crm_value_format_decimal(struct crm_buf *out, int64_t v, int scale)
{
    /* The magnitude as unsigned, so INT64_MIN has one too. */
    uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    char digits[32];
    int nd = 0;

    if (scale < 0)
        scale = 0;
    do {
        digits[nd++] = (char)('0' + mag % 10);
        mag /= 10;
    } while (mag > 0 && nd < (int)sizeof digits);
    while (nd <= scale && nd < (int)sizeof digits)
        digits[nd++] = '0'; /* at least one digit before the point */
    if (v < 0)
        crm_buf_putc(out, '-');
    for (int i = nd - 1; i >= 0; i--) {
        crm_buf_putc(out, digits[i]);
        if (i == scale && scale > 0)
            crm_buf_putc(out, '.');
    }
}

/* ISO 4217 codes whose minor unit is not 2 (0, 3 or 4 decimal places), and
 * the codes with 2.  Funds codes (BOV, CHE, ...) are included as they appear
 * on invoices; precious metals and testing codes (XAU, XTS) are not money. */
static const char scale0[] = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
static const char scale3[] = "BHD IQD JOD KWD LYD OMR TND";
static const char scale4[] = "CLF UYW";
static const char scale2[] =
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP "
    "BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR "
    "FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW "
    "KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN "
    "NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD "
    "SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU "
    "UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL";

static int in_code_list(const char *list, const char *code)
{
    for (const char *p = list; *p; p += p[3] ? 4 : 3)
        if (strncmp(p, code, 3) == 0)
            return 1;
    return 0;
}

int crm_currency_scale(const char *code)
{
    char up[4];

    if (!code || strlen(code) != 3)
        return -1;
    for (int i = 0; i < 3; i++) {
        if (!is_alpha(code[i]))
            return -1;
        up[i] = (char)(code[i] & ~0x20); /* ASCII upper case */
    }
    up[3] = '\0';
    if (in_code_list(scale2, up))
        return 2;
    if (in_code_list(scale0, up))
        return 0;
    if (in_code_list(scale3, up))
        return 3;
    if (in_code_list(scale4, up))
        return 4;
    return -1;
}

/* ---- booleans --------------------------------------------------------- */

int crm_value_parse_bool(const char *s, int *out, struct crm_err *err)
{
    static const char *const yes[] = {"true", "yes", "1", "on", "t", "y"};
    static const char *const no[] = {"false", "no", "0", "off", "f", "n"};
    size_t n;
    const char *t = trim(s, &n);

    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strlen(yes[i]) == n && strncasecmp(t, yes[i], n) == 0) {
            *out = 1;
            return CRM_OK;
        }
        if (strlen(no[i]) == n && strncasecmp(t, no[i], n) == 0) {
            *out = 0;
            return CRM_OK;
        }
    }
    return crm_err_set(err, CRM_DATAERR, "invalid boolean '%s': use true or false", s);
}

/* ---- the calendar ----------------------------------------------------- */

struct ymd {
    int64_t y;
    int m, d;
};

static int is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil), and back: exact for any year, no time zone involved. */
static int64_t days_from_civil(struct ymd c)
{
    int64_t y = c.m <= 2 ? c.y - 1 : c.y;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (c.m + (c.m > 2 ? -3 : 9)) + 2) / 5 + c.d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

static struct ymd civil_from_days(int64_t z)
{
    struct ymd c;

    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    c.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    c.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    c.y = yoe + era * 400 + (c.m <= 2);
    return c;
}

/* Move a date by whole months, keeping the day unless the month is shorter
 * (Jan 31 + 1 month = Feb 28 or 29). */
static struct ymd add_months(struct ymd c, int64_t months)
{
    int64_t m0 = c.y * 12 + (c.m - 1) + months;
    int64_t y = m0 >= 0 ? m0 / 12 : (m0 - 11) / 12;

    c.y = y;
    c.m = (int)(m0 - y * 12) + 1;
    if (c.d > days_in_month(c.y, c.m))
        c.d = days_in_month(c.y, c.m);
    return c;
}

/* Years we read and write: four digits. */
static int year_ok(int64_t y)
{
    return y >= 1 && y <= 9999;
}

static void format_date(struct ymd c, char out[11])
{
    put_digits(out, (int)c.y, 4);
    out[4] = '-';
    put_digits(out + 5, c.m, 2);
    out[7] = '-';
    put_digits(out + 8, c.d, 2);
    out[10] = '\0';
}

/* The local date ($TZ) at epoch time t. */
static int local_date(int64_t t, struct ymd *c)
{
    time_t tt = (time_t)t;
    struct tm tm;

    tzset(); /* localtime_r need not read a changed $TZ */
    if (!localtime_r(&tt, &tm))
        return 0;
    c->y = (int64_t)tm.tm_year + 1900;
    c->m = tm.tm_mon + 1;
    c->d = tm.tm_mday;
    return 1;
}

/* The epoch time of local wall-clock time (DST decided by the C library). */
static int local_epoch(struct ymd c, int h, int mi, int s, int64_t *t)
{
    struct tm tm = {0};

    if (c.y < INT32_MIN + 1900 || c.y > INT32_MAX)
        return 0;
    tm.tm_year = (int)(c.y - 1900);
    tm.tm_mon = c.m - 1;
    tm.tm_mday = c.d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    tm.tm_isdst = -1;
    time_t r = mktime(&tm);
    if (r == (time_t)-1 && !(tm.tm_year == 69 && tm.tm_mon == 11 && tm.tm_mday == 31))
        return 0;
    *t = (int64_t)r;
    return 1;
}

/* ---- reading dates and times ------------------------------------------ */

/* Why a date or time did not parse, for the message. */
enum why { W_FORM = 1, W_MONTH, W_DAY, W_TIME, W_ZONE, W_RANGE };

static const char *why_text(enum why w)
{
    switch (w) {
    case W_MONTH:
        return "no such month";
    case W_DAY:
        return "no such day";
    case W_TIME:
        return "no such time of day";
    case W_ZONE:
        return "bad time zone offset";
    case W_RANGE:
        return "out of range";
    default:
        return NULL;
    }
}

/* "YYYY-MM-DD" at s; returns the length read (10) or 0 with *why set. */
static size_t read_ymd(const char *s, struct ymd *c, enum why *why)
{
    int y = read_digits(s, 4), m, d;

    *why = W_FORM;
    if (y < 0 || s[4] != '-' || (m = read_digits(s + 5, 2)) < 0 || s[7] != '-' ||
        (d = read_digits(s + 8, 2)) < 0 || is_digit(s[10]))
        return 0;
    if (y < 1)
        return *why = W_RANGE, 0;
    if (m < 1 || m > 12)
        return *why = W_MONTH, 0;
    if (d < 1 || d > days_in_month(y, m))
        return *why = W_DAY, 0;
    c->y = y, c->m = m, c->d = d;
    return 10;
}

/* "HH:MM[:SS[.fraction]]" at s: returns the length read, or 0. */
static size_t read_hms(const char *s, int *h, int *mi, int *sec, enum why *why)
{
    size_t i = 5;

    *why = W_FORM;
    *h = read_digits(s, 2);
    *mi = *h < 0 || s[2] != ':' ? -1 : read_digits(s + 3, 2);
    if (*mi < 0)
        return 0;
    *sec = 0;
    if (s[5] == ':') {
        if ((*sec = read_digits(s + 6, 2)) < 0)
            return 0;
        i = 8;
        if (s[i] == '.' || s[i] == ',') { /* fractions are dropped */
            if (!is_digit(s[++i]))
                return 0;
            while (is_digit(s[i]))
                i++;
        }
    }
    if (is_digit(s[i]))
        return 0;
    if (*h > 23 || *mi > 59 || *sec > 59)
        return *why = W_TIME, 0;
    return i;
}

/* A zone designator at s: "Z", "+02:00", "+0200", "+02" (with one optional
 * blank before it).  Sets *offset in seconds east of UTC and returns the
 * length read; returns 0 when there is none and -1 when it is malformed. */
static int read_zone(const char *s, int *offset, int *has_zone)
{
    int i = s[0] == ' ' ? 1 : 0, h, m = 0, sign;

    *has_zone = 0;
    if (s[i] == 'Z' || s[i] == 'z') {
        *has_zone = 1, *offset = 0;
        return i + 1;
    }
    if (s[i] != '+' && s[i] != '-')
        return s[i] ? -1 : 0;
    sign = s[i] == '-' ? -1 : 1;
    if ((h = read_digits(s + i + 1, 2)) < 0)
        return -1;
    i += 3;
    if (s[i] == ':')
        i++;
    if (is_digit(s[i])) {
        if ((m = read_digits(s + i, 2)) < 0)
            return -1;
        i += 2;
    } else if (s[i - 1] == ':') {
        return -1;
    }
    if (h > 23 || m > 59)
        return -1;
    *has_zone = 1;
    *offset = sign * (h * 3600 + m * 60);
    return i;
}

/* An absolute ISO 8601 date-time or date (see value.h) to epoch seconds. */
static int read_iso_datetime(const char *s, int64_t *t, enum why *why)
{
    struct ymd c;
    int h, mi, sec, off, has_zone;
    size_t i = read_ymd(s, &c, why);

    if (i == 0)
        return 0;
    if (s[i] == '\0') /* a bare date: local midnight */
        return local_epoch(c, 0, 0, 0, t) ? 1 : (*why = W_RANGE, 0);
    if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
        return *why = W_FORM, 0;
    size_t k = read_hms(s + i + 1, &h, &mi, &sec, why);
    if (k == 0)
        return 0;
    i += 1 + k;
    int z = read_zone(s + i, &off, &has_zone);
    if (z < 0 || s[i + (size_t)z] != '\0')
        return *why = (z < 0 && (s[i] == '+' || s[i] == '-') ? W_ZONE : W_FORM), 0;
    if (!has_zone)
        return local_epoch(c, h, mi, sec, t) ? 1 : (*why = W_RANGE, 0);
    *t = days_from_civil(c) * 86400 + h * 3600 + mi * 60 + sec - off;
    return 1;
}

/* A relative form "+3d", "-2w", "+1m", "+1y", and for date-times also
 * "+2h", "+30min", "+45s".  Returns 1 with the count and unit, else 0. */
static int read_offset(const char *s, int64_t *count, char *unit)
{
    uint64_t acc = 0;
    size_t i = 1;

    if (s[0] != '+' && s[0] != '-')
        return 0;
    if (!is_digit(s[i]))
        return 0;
    while (is_digit(s[i]))
        if (!add_digit(&acc, s[i++], 1000000))
            return 0;
    const char *u = s + i;
    if (strcasecmp(u, "min") == 0)
        *unit = 'M';
    else if (strlen(u) == 1 && strchr("dwmyhs", u[0] | 0x20))
        *unit = (char)(u[0] | 0x20);
    else
        return 0;
    *count = s[0] == '-' ? -(int64_t)acc : (int64_t)acc;
    return 1;
}

/* The local date `now` moved by count units of d/w/m/y. */
static struct ymd shift_date(struct ymd c, int64_t count, char unit)
{
    switch (unit) {
    case 'w':
        count *= 7;
        /* fall through */
    case 'd':
        return civil_from_days(days_from_civil(c) + count);
    case 'm':
        return add_months(c, count);
    default: /* 'y' */
        return add_months(c, count * 12);
    }
}

/* today/tomorrow/yesterday as a day offset, or 0 with *ok = 0. */
static int day_word(const char *s, int *ok)
{
    *ok = 1;
    if (strcasecmp(s, "today") == 0 || strcasecmp(s, "now") == 0)
        return 0;
    if (strcasecmp(s, "tomorrow") == 0)
        return 1;
    if (strcasecmp(s, "yesterday") == 0)
        return -1;
    *ok = 0;
    return 0;
}

static int date_error(struct crm_err *err, const char *s, enum why why)
{
    const char *w = why_text(why);

    if (w)
        return crm_err_set(err, CRM_DATAERR, "invalid date '%s': %s", s, w);
    return crm_err_set(err, CRM_DATAERR,
                       "invalid date '%s': use YYYY-MM-DD, today, tomorrow, yesterday "
                       "or an offset such as +3d, -2w, +1m, +1y",
                       s);
}

/* The date a relative or absolute date text means; 0 with *why when none. */
static int date_of(const char *t, int64_t now, struct ymd *c, enum why *why)
{
    int64_t count, at;
    char unit;
    int ok, days = day_word(t, &ok);

    *why = W_FORM;
    if (ok || (read_offset(t, &count, &unit) && unit != 'h' && unit != 'M' && unit != 's')) {
        if (!local_date(now, c))
            return *why = W_RANGE, 0;
        *c = ok ? civil_from_days(days_from_civil(*c) + days) : shift_date(*c, count, unit);
        return 1;
    }
    if (strlen(t) == 10)
        return read_ymd(t, c, why) != 0;
    /* A date-time given for a date: its local date. */
    if (!read_iso_datetime(t, &at, why))
        return 0;
    return local_date(at, c) ? 1 : (*why = W_RANGE, 0);
}

int crm_value_parse_date(const char *s, int64_t now, char out[11], struct crm_err *err)
{
    char *t = trimmed_copy(s);
    struct ymd c;
    enum why why;
    int ok = date_of(t, now, &c, &why);

    free(t);
    if (ok && !year_ok(c.y))
        ok = 0, why = W_RANGE;
    if (!ok)
        return date_error(err, s, why);
    format_date(c, out);
    return CRM_OK;
}

static int datetime_error(struct crm_err *err, const char *s, enum why why)
{
    const char *w = why_text(why);

    if (w)
        return crm_err_set(err, CRM_DATAERR, "invalid date-time '%s': %s", s, w);
    return crm_err_set(err, CRM_DATAERR,
                       "invalid date-time '%s': use YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], now, "
                       "today or an offset such as +2h, +30min, +3d",
                       s);
}

/* Epoch time of a relative date-time: seconds and minutes and hours are
 * added to now; days, weeks, months and years move the local calendar date
 * and keep the local wall-clock time (so +1d across a DST change is still
 * "this time tomorrow"). */
static int relative_datetime(int64_t now, int64_t count, char unit, int64_t *t)
{
    static const int64_t secs[] = {['s'] = 1, ['M'] = 60, ['h'] = 3600};
    time_t tt = (time_t)now;
    struct tm tm;
    struct ymd c;

    if (unit == 's' || unit == 'M' || unit == 'h') {
        *t = now + count * secs[(unsigned char)unit];
        return 1;
    }
    tzset();
    if (!localtime_r(&tt, &tm))
        return 0;
    c.y = (int64_t)tm.tm_year + 1900, c.m = tm.tm_mon + 1, c.d = tm.tm_mday;
    c = shift_date(c, count, unit);
    return local_epoch(c, tm.tm_hour, tm.tm_min, tm.tm_sec, t);
}

static int datetime_of(const char *t, int64_t now, int64_t *at, enum why *why)
{
    int64_t count;
    char unit;
    int ok, days;
    struct ymd c;

    *why = W_FORM;
    if (strcasecmp(t, "now") == 0) {
        *at = now;
        return 1;
    }
    days = day_word(t, &ok);
    if (ok) { /* local midnight of that day */
        if (!local_date(now, &c))
            return *why = W_RANGE, 0;
        c = civil_from_days(days_from_civil(c) + days);
        return local_epoch(c, 0, 0, 0, at) ? 1 : (*why = W_RANGE, 0);
    }
    if (read_offset(t, &count, &unit))
        return relative_datetime(now, count, unit, at) ? 1 : (*why = W_RANGE, 0);
    return read_iso_datetime(t, at, why);
}

/* Earliest and latest times of four-digit years. */
#define EPOCH_MIN (-62135596800LL) /* 0001-01-01T00:00:00Z */
#define EPOCH_MAX 253402300799LL   /* 9999-12-31T23:59:59Z */

int crm_value_parse_datetime(const char *s, int64_t now, char out[21], struct crm_err *err)
{
    char *t = trimmed_copy(s);
    int64_t at;
    enum why why;
    int ok = datetime_of(t, now, &at, &why);

    free(t);
    if (ok && (at < EPOCH_MIN || at > EPOCH_MAX))
        ok = 0, why = W_RANGE;
    if (!ok)
        return datetime_error(err, s, why);
    crm_value_epoch_datetime(at, out);
    return CRM_OK;
}

int crm_value_datetime_epoch(const char *stored, int64_t *out, struct crm_err *err)
{
    struct ymd c;
    enum why why;
    int h, mi, sec;

    if (strlen(stored) != 20 || stored[10] != 'T' || stored[19] != 'Z' ||
        read_ymd(stored, &c, &why) == 0 || read_hms(stored + 11, &h, &mi, &sec, &why) != 8)
        return crm_err_set(err, CRM_DATAERR,
                           "invalid stored date-time '%s': expected YYYY-MM-DDTHH:MM:SSZ",
                           stored);
    *out = days_from_civil(c) * 86400 + h * 3600 + mi * 60 + sec;
    return CRM_OK;
}

void crm_value_epoch_datetime(int64_t t, char out[21])
{
    /* Clamped to four-digit years, the only ones the stored form can hold. */
    if (t < EPOCH_MIN)
        t = EPOCH_MIN;
    if (t > EPOCH_MAX)
        t = EPOCH_MAX;
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t rest = t - days * 86400;

    format_date(civil_from_days(days), out);
    out[10] = 'T';
    put_digits(out + 11, (int)(rest / 3600), 2);
    out[13] = ':';
    put_digits(out + 14, (int)(rest / 60 % 60), 2);
    out[16] = ':';
    put_digits(out + 17, (int)(rest % 60), 2);
    out[19] = 'Z';
    out[20] = '\0';
}

int crm_value_now(int64_t *now, struct crm_err *err)
{
    const char *env = getenv("CRM_NOW");
    enum why why;

    if (!env || !*env) {
        *now = (int64_t)time(NULL);
        return CRM_OK;
    }
    char *t = trimmed_copy(env);
    int ok = read_iso_datetime(t, now, &why);
    free(t);
    if (!ok)
        return crm_err_set(err, CRM_USAGE,
                           "invalid CRM_NOW '%s': use an ISO 8601 date-time such as "
                           "2026-01-15T10:00:00Z",
                           env);
    return CRM_OK;
}

int crm_value_parse_duration(const char *s, int64_t *seconds, struct crm_err *err)
{
    static const struct {
        const char *unit;
        int64_t secs;
    } units[] = {{"s", 1}, {"m", 60}, {"min", 60}, {"h", 3600}, {"d", 86400}, {"w", 604800}};
    size_t n, i = 0;
    const char *t = trim(s, &n);
    uint64_t acc = 0;

    while (i < n && is_digit(t[i]))
        if (!add_digit(&acc, t[i++], (uint64_t)INT64_MAX))
            return crm_err_set(err, CRM_DATAERR, "invalid duration '%s': too long", s);
    if (i == 0)
        return crm_err_set(err, CRM_DATAERR,
                           "invalid duration '%s': use a number and a unit: 30s, 15min, 2h, "
                           "3d, 2w",
                           s);
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
        if (strlen(units[k].unit) != n - i || strncasecmp(t + i, units[k].unit, n - i) != 0)
            continue;
        if (acc > (uint64_t)INT64_MAX / (uint64_t)units[k].secs)
            return crm_err_set(err, CRM_DATAERR, "invalid duration '%s': too long", s);
        *seconds = (int64_t)acc * units[k].secs;
        return CRM_OK;
    }
    return crm_err_set(err, CRM_DATAERR,
                       "invalid duration '%s': the unit must be s, m or min, h, d or w", s);
}

/* ---- email addresses -------------------------------------------------- */

/* RFC 5322 atext, plus any non-ASCII byte (RFC 6531 allows UTF-8; the whole
 * address is checked to be valid UTF-8 separately). */
static int is_atext(unsigned char c)
{
    return is_alpha((char)c) || is_digit((char)c) || c >= 0x80 || strchr("!#$%&'*+-/=?^_`{|}~", c);
}

/* Checks a dot-atom local part; returns the problem or NULL. */
static const char *check_dot_atom(const char *s, size_t n)
{
    if (s[0] == '.' || s[n - 1] == '.')
        return "the local part must not start or end with a dot";
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.' && s[i + 1] == '.')
            return "two dots in a row";
        if (s[i] != '.' && (!s[i] || !is_atext((unsigned char)s[i])))
            return "invalid character in the local part";
    }
    return NULL;
}

/* Length of the quoted-string at s (s[0] == '"'), or 0 if it does not close
 * or holds a character a quoted-string may not. */
static size_t quoted_len(const char *s)
{
    size_t i = 1;

    for (;;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"')
            return i + 1;
        if (c == '\\') {
            unsigned char q = (unsigned char)s[i + 1];
            if (q < 0x20 || q == 0x7F)
                return 0;
            i += 2;
        } else if (c < 0x20 || c == 0x7F) {
            return 0; /* includes the end of the string */
        } else {
            i++;
        }
    }
}

static const char *check_label(const char *s, size_t n)
{
    if (n == 0)
        return "empty label in the domain";
    if (n > 63)
        return "a domain label is longer than 63 characters";
    if (s[0] == '-' || s[n - 1] == '-')
        return "a domain label must not start or end with '-'";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!is_alpha((char)c) && !is_digit((char)c) && c != '-' && c < 0x80)
            return "invalid character in the domain";
    }
    return NULL;
}

/* Checks a domain name: dot-separated labels, at least two, the last not
 * all digits. */
static const char *check_domain(const char *s, size_t n)
{
    const char *why;
    size_t start = 0, labels = 0, all_digits = 0;

    if (n == 0)
        return "missing domain";
    if (n > 253)
        return "the domain is longer than 253 characters";
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.')
            continue;
        if ((why = check_label(s + start, i - start)))
            return why;
        all_digits = strspn(s + start, "0123456789") >= i - start;
        labels++;
        start = i + 1;
    }
    if (labels < 2)
        return "the domain needs a dot, as in example.com";
    if (all_digits)
        return "the top-level domain must not be a number";
    return NULL;
}

/* "Ann <ann@x.com>": the address between the last '<' and a final '>'. */
static void strip_display_name(const char **s, size_t *n)
{
    if (*n == 0 || (*s)[*n - 1] != '>')
        return;
    for (size_t i = *n - 1; i-- > 0;) {
        if ((*s)[i] == '<') {
            *s += i + 1;
            *n -= i + 2;
            return;
        }
    }
}

/* Where the local part of addr ends (the '@' that follows it); the problem
 * goes to *why when there is none. */
static size_t local_part_len(const char *a, size_t n, const char **why)
{
    const char *at;

    if (a[0] == '"') {
        size_t q = quoted_len(a);
        if (q == 0)
            return *why = "unterminated or invalid quoted local part", 0;
        if (q >= n || a[q] != '@')
            return *why = "missing '@' after the quoted local part", 0;
        return q;
    }
    at = memchr(a, '@', n);
    if (!at)
        return *why = "missing '@'", 0;
    if (at == a)
        return *why = "missing local part before '@'", 0;
    return (size_t)(at - a);
}

static const char *check_address(const char *a, size_t n, size_t *local_len)
{
    const char *why = NULL;
    size_t l = local_part_len(a, n, &why), bad;

    if (why)
        return why;
    if (!crm_utf8_valid(a, n, &bad))
        return "not valid UTF-8";
    if (n > 254)
        return "longer than 254 characters";
    if (l > 64)
        return "the local part is longer than 64 characters";
    if (a[0] != '"' && (why = check_dot_atom(a, l)))
        return why;
    const char *dom = a + l + 1;
    size_t dn = n - l - 1;
    if (memchr(dom, '@', dn))
        return "more than one '@'";
    *local_len = l;
    return check_domain(dom, dn);
}

int crm_value_parse_email(const char *s, struct crm_buf *norm, struct crm_buf *key,
                          struct crm_err *err)
{
    size_t n, l = 0;
    const char *a = trim(s, &n), *why;

    strip_display_name(&a, &n);
    if (n == 0)
        return crm_err_set(err, CRM_DATAERR, "invalid email address '%s': empty", s);
    char *addr = crm_xstrndup(a, n);
    if ((why = check_address(addr, n, &l))) {
        free(addr);
        return crm_err_set(err, CRM_DATAERR, "invalid email address '%s': %s", s, why);
    }
    crm_buf_add(norm, addr, l + 1);
    crm_utf8_fold(norm, addr + l + 1, n - l - 1);
    crm_utf8_fold(key, addr, n);
    free(addr);
    return CRM_OK;
}

/* ---- URLs ------------------------------------------------------------- */

static int bad_url(struct crm_err *err, const char *s, const char *why)
{
    return crm_err_set(err, CRM_DATAERR, "invalid URL '%s': %s", s, why);
}

/* Checks the authority "[user@]host[:port]" of a URL. */
static const char *check_authority(const char *s, size_t n)
{
    const char *at = NULL, *colon;

    for (size_t i = 0; i < n; i++)
        if (s[i] == '@')
            at = s + i;
    if (at) {
        n -= (size_t)(at + 1 - s);
        s = at + 1;
    }
    if (n == 0)
        return "missing host";
    if (s[0] == '[') { /* an IPv6 literal */
        const char *close = memchr(s, ']', n);
        if (!close)
            return "unterminated IPv6 address";
        if (close + 1 == s + n)
            return NULL;
        if (close[1] != ':')
            return "invalid host";
        colon = close + 1;
    } else {
        colon = memchr(s, ':', n);
    }
    size_t hn = colon ? (size_t)(colon - s) : n;
    if (s[0] != '[') {
        if (hn == 0)
            return "missing host";
        if (!(hn == 9 && strncasecmp(s, "localhost", 9) == 0)) {
            const char *why = check_domain(s, hn);
            /* An IPv4 address has an all-digit last label. */
            if (why && strspn(s, "0123456789.") != hn)
                return strcmp(why, "missing domain") == 0 ? "missing host" : why;
        }
    }
    if (colon) {
        size_t pn = n - (size_t)(colon + 1 - s);
        uint64_t port = 0;
        if (pn == 0 || pn > 5 || strspn(colon + 1, "0123456789") < pn)
            return "invalid port";
        for (size_t i = 0; i < pn; i++)
            port = port * 10 + (uint64_t)(colon[1 + i] - '0');
        if (port == 0 || port > 65535)
            return "invalid port";
    }
    return NULL;
}

/* Length of the scheme at s ("https" in "https://..."), or 0. */
static size_t scheme_len(const char *s)
{
    size_t i = 0;

    if (!is_alpha(s[0]))
        return 0;
    while (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
        i++;
    return s[i] == ':' ? i : 0;
}

static int check_mailto(const char *s, const char *rest, struct crm_err *err)
{
    struct crm_buf norm = CRM_BUF_INIT, key = CRM_BUF_INIT;
    size_t n = strcspn(rest, "?");
    char *addr = crm_xstrndup(rest, n);
    struct crm_err e;
    int rc = crm_value_parse_email(addr, &norm, &key, &e);

    free(addr);
    crm_buf_free(&norm);
    crm_buf_free(&key);
    if (rc != CRM_OK)
        return bad_url(err, s, strchr(e.msg, ':') ? strchr(e.msg, ':') + 2 : e.msg);
    return CRM_OK;
}

static int is_scheme(const char *u, size_t sl, const char *name)
{
    return sl == strlen(name) && strncasecmp(u, name, sl) == 0;
}

/* Checks u (trimmed, NUL-terminated); *bare is set for a URL without scheme. */
static int check_url(const char *s, const char *u, int *bare, struct crm_err *err)
{
    size_t sl = scheme_len(u), bad;
    const char *auth = u, *why;

    *bare = 0;
    if (!*u)
        return bad_url(err, s, "empty");
    if (!crm_utf8_valid(u, strlen(u), &bad))
        return bad_url(err, s, "not valid UTF-8");
    if (strpbrk(u, " \t\r\n\"<>\\^`{|}"))
        return bad_url(err, s, "blanks and the characters \" < > \\ ^ ` { | } must be escaped");
    if (is_scheme(u, sl, "mailto"))
        return check_mailto(s, u + sl + 1, err);
    if (is_scheme(u, sl, "http") || is_scheme(u, sl, "https") || is_scheme(u, sl, "ftp")) {
        if (strncmp(u + sl, "://", 3) != 0)
            return bad_url(err, s, "missing '//' after the scheme");
        auth = u + sl + 3;
    } else if (sl > 0 && (strstr(u, "://") || !is_digit(u[sl + 1]))) {
        /* "javascript:..." and the like; "host:8080" is a bare host. */
        return bad_url(err, s, "the scheme must be http, https, ftp or mailto");
    } else {
        *bare = 1;
    }
    if ((why = check_authority(auth, strcspn(auth, "/?#"))))
        return bad_url(err, s, why);
    return CRM_OK;
}

int crm_value_parse_url(const char *s, struct crm_buf *norm, struct crm_err *err)
{
    size_t n;
    const char *t = trim(s, &n);
    char *u = crm_xstrndup(t, n);
    int bare, rc = check_url(s, u, &bare, err);

    if (rc == CRM_OK) {
        if (bare)
            crm_buf_puts(norm, "https://");
        crm_buf_add(norm, u, n);
    }
    free(u);
    return rc;
}
