/*
 * recur.c - the recurrence rules of tasks (recur.h).
 */
#include "recur.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char *const days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
static const char *const freqs[] = {"", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"};

static int parse_num(const char *s, size_t n, int max, int *out)
{
    int v = 0;
    if (n == 0 || n > 4)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v < 1 || v > max)
        return -1;
    *out = v;
    return 0;
}

static int parse_until(const char *s, size_t n, int64_t *out)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    char buf[17];
    if (n != 8 && n != 16)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (!((buf[i] >= '0' && buf[i] <= '9') || (i == 8 && buf[i] == 'T') || (i == 15 && buf[i] == 'Z')))
            return -1;
    if (n == 16 && (buf[8] != 'T' || buf[15] != 'Z'))
        return -1;
    tm.tm_year = atoi((char[]){buf[0], buf[1], buf[2], buf[3], 0}) - 1900;
    tm.tm_mon = atoi((char[]){buf[4], buf[5], 0}) - 1;
    tm.tm_mday = atoi((char[]){buf[6], buf[7], 0});
    if (n == 16) {
        tm.tm_hour = atoi((char[]){buf[9], buf[10], 0});
        tm.tm_min = atoi((char[]){buf[11], buf[12], 0});
        tm.tm_sec = atoi((char[]){buf[13], buf[14], 0});
    } else {
        tm.tm_hour = 23;
        tm.tm_min = 59;
        tm.tm_sec = 59;
    }
    if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
        tm.tm_min > 59 || tm.tm_sec > 60)
        return -1;
    *out = (int64_t)timegm(&tm);
    return 0;
}

int crm_rrule_parse(const char *text, struct crm_rrule *r, struct crm_err *err)
{
    memset(r, 0, sizeof *r);
    r->interval = 1;
    if (!text || !*text)
        return crm_err_set(err, CRM_DATAERR, "empty rule");
    static const char *const simple[] = {"", "daily", "weekly", "monthly", "yearly"};
    for (int i = 1; i <= 4; i++)
        if (strcasecmp(text, simple[i]) == 0) {
            r->freq = (enum crm_freq)i;
            return CRM_OK;
        }
    const char *p = text;
    if (strncasecmp(p, "RRULE:", 6) == 0)
        p += 6;
    while (*p) {
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (!eq)
            return crm_err_set(err, CRM_DATAERR, "expected NAME=VALUE in '%.*s' (rule '%s')",
                               (int)len, p, text);
        size_t nl = (size_t)(eq - p), vl = len - nl - 1;
        const char *v = eq + 1;
        if (nl == 4 && strncasecmp(p, "FREQ", 4) == 0) {
            r->freq = 0;
            for (int i = 1; i <= 4; i++)
                if (vl == strlen(freqs[i]) && strncasecmp(v, freqs[i], vl) == 0)
                    r->freq = (enum crm_freq)i;
            if (!r->freq)
                return crm_err_set(err, CRM_DATAERR,
                                   "FREQ=%.*s is outside the supported subset (DAILY, WEEKLY, "
                                   "MONTHLY, YEARLY)", (int)vl, v);
        } else if (nl == 8 && strncasecmp(p, "INTERVAL", 8) == 0) {
            if (parse_num(v, vl, 999, &r->interval))
                return crm_err_set(err, CRM_DATAERR, "INTERVAL must be 1..999, not '%.*s'", (int)vl, v);
        } else if (nl == 5 && strncasecmp(p, "COUNT", 5) == 0) {
            if (parse_num(v, vl, 9999, &r->count))
                return crm_err_set(err, CRM_DATAERR, "COUNT must be 1..9999, not '%.*s'", (int)vl, v);
        } else if (nl == 5 && strncasecmp(p, "UNTIL", 5) == 0) {
            if (parse_until(v, vl, &r->until))
                return crm_err_set(err, CRM_DATAERR,
                                   "UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ, not '%.*s'", (int)vl, v);
        } else if (nl == 5 && strncasecmp(p, "BYDAY", 5) == 0) {
            size_t k = 0;
            while (k < vl) {
                size_t e = k;
                while (e < vl && v[e] != ',')
                    e++;
                int found = -1;
                for (int d = 0; d < 7; d++)
                    if (e - k == 2 && strncasecmp(v + k, days[d], 2) == 0)
                        found = d;
                if (found < 0)
                    return crm_err_set(err, CRM_DATAERR,
                                       "BYDAY value '%.*s' is outside the supported subset "
                                       "(MO, TU, WE, TH, FR, SA, SU)", (int)(e - k), v + k);
                r->byday |= 1u << found;
                k = e + 1;
            }
            if (!r->byday)
                return crm_err_set(err, CRM_DATAERR, "BYDAY needs at least one day");
        } else {
            return crm_err_set(err, CRM_DATAERR,
                               "'%.*s' is outside the supported subset (FREQ, INTERVAL, BYDAY, "
                               "COUNT, UNTIL)", (int)nl, p);
        }
        p += len;
        if (*p == ';')
            p++;
    }
    if (!r->freq)
        return crm_err_set(err, CRM_DATAERR, "FREQ is required (rule '%s')", text);
    if (r->byday && r->freq != CRM_FREQ_DAILY && r->freq != CRM_FREQ_WEEKLY)
        return crm_err_set(err, CRM_DATAERR,
                           "BYDAY with FREQ=%s is outside the supported subset (DAILY, WEEKLY)",
                           freqs[r->freq]);
    if (r->count && r->until)
        return crm_err_set(err, CRM_DATAERR, "COUNT and UNTIL cannot both be given (RFC 5545)");
    return CRM_OK;
}

void crm_rrule_format(const struct crm_rrule *r, struct crm_buf *out)
{
    crm_buf_printf(out, "FREQ=%s", freqs[r->freq]);
    if (r->interval > 1)
        crm_buf_printf(out, ";INTERVAL=%d", r->interval);
    if (r->byday) {
        crm_buf_puts(out, ";BYDAY=");
        int first = 1;
        for (int d = 0; d < 7; d++)
            if (r->byday & (1u << d)) {
                crm_buf_printf(out, "%s%s", first ? "" : ",", days[d]);
                first = 0;
            }
    }
    if (r->count)
        crm_buf_printf(out, ";COUNT=%d", r->count);
    if (r->until) {
        time_t u = (time_t)r->until;
        struct tm tm;
        gmtime_r(&u, &tm);
        crm_buf_printf(out, ";UNTIL=%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    }
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 1 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m];
}

/* Local wall clock + n days. */
static int64_t add_days(const struct tm *base, int n)
{
    struct tm tm = *base;
    tm.tm_mday += n;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

static int weekday_mon0(const struct tm *tm)
{
    return (tm->tm_wday + 6) % 7;
}

int crm_rrule_next(const struct crm_rrule *r, int64_t from, int occurrence, int64_t *next)
{
    if (r->count && occurrence >= r->count)
        return 0;
    time_t f = (time_t)from;
    struct tm base;
    localtime_r(&f, &base);
    int64_t n;
    if (r->byday) {
        /* The next day in BYDAY; for WEEKLY, in a week (from Monday) that is
         * a multiple of INTERVAL weeks after the current one. */
        int wd0 = weekday_mon0(&base);
        n = 0;
        for (int k = 1; k <= 7 * 999 + 7; k++) {
            int wd = (wd0 + k) % 7;
            if (!(r->byday & (1u << wd)))
                continue;
            if (r->freq == CRM_FREQ_WEEKLY) {
                int week = (wd0 + k) / 7;
                if (week % r->interval)
                    continue;
            } else if (r->interval > 1 && k % r->interval) {
                continue;
            }
            n = add_days(&base, k);
            break;
        }
    } else if (r->freq == CRM_FREQ_DAILY || r->freq == CRM_FREQ_WEEKLY) {
        n = add_days(&base, r->interval * (r->freq == CRM_FREQ_WEEKLY ? 7 : 1));
    } else {
        struct tm tm = base;
        int months = r->freq == CRM_FREQ_MONTHLY ? r->interval : 12 * r->interval;
        int m = tm.tm_mon + months;
        tm.tm_year += m / 12;
        tm.tm_mon = m % 12;
        int dim = days_in_month(tm.tm_year + 1900, tm.tm_mon);
        if (tm.tm_mday > dim)
            tm.tm_mday = dim;
        tm.tm_isdst = -1;
        n = (int64_t)mktime(&tm);
    }
    if (r->until && n > r->until)
        return 0;
    *next = n;
    return 1;
}
