#include "buf.h"
#include "err.h"
#include "recur.h"
#include "t.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t at(const char *s)
{
    int64_t v = 0;
    struct crm_err err = {0};
    crm_value_datetime_epoch(s, &v, &err);
    return v;
}

static const char *fmt(int64_t v)
{
    static char out[21];
    crm_value_epoch_datetime(v, out);
    return out;
}

static const char *canon(const char *rule)
{
    static struct crm_buf b = CRM_BUF_INIT;
    struct crm_rrule r;
    static struct crm_err err;
    crm_buf_reset(&b);
    if (crm_rrule_parse(rule, &r, &err))
        return err.msg;
    crm_rrule_format(&r, &b);
    return crm_buf_str(&b);
}

static const char *next_of(const char *rule, const char *from, int occ)
{
    struct crm_rrule r;
    static struct crm_err err;
    int64_t n;
    if (crm_rrule_parse(rule, &r, &err))
        return err.msg;
    if (!crm_rrule_next(&r, at(from), occ, &n))
        return "end";
    return fmt(n);
}

static void test_parse(void)
{
    T_STR(canon("daily"), "FREQ=DAILY", "daily");
    T_STR(canon("Weekly"), "FREQ=WEEKLY", "weekly, any case");
    T_STR(canon("monthly"), "FREQ=MONTHLY", "monthly");
    T_STR(canon("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR,MO"), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR",
          "RRULE prefix, days in week order");
    T_STR(canon("FREQ=DAILY;COUNT=5"), "FREQ=DAILY;COUNT=5", "count");
    T_STR(canon("FREQ=DAILY;UNTIL=20260131"), "FREQ=DAILY;UNTIL=20260131T235959Z",
          "until date: the end of that day");
    T_STR(canon("FREQ=DAILY;UNTIL=20260131T120000Z"), "FREQ=DAILY;UNTIL=20260131T120000Z",
          "until date-time");
    T_STR(canon("FREQ=MONTHLY;BYMONTHDAY=1"),
          "'BYMONTHDAY' is outside the supported subset (FREQ, INTERVAL, BYDAY, COUNT, UNTIL)",
          "BYMONTHDAY outside the subset");
    T_STR(canon("FREQ=HOURLY"),
          "FREQ=HOURLY is outside the supported subset (DAILY, WEEKLY, MONTHLY, YEARLY)",
          "HOURLY outside the subset");
    T_STR(canon("FREQ=WEEKLY;BYDAY=1MO"),
          "BYDAY value '1MO' is outside the supported subset (MO, TU, WE, TH, FR, SA, SU)",
          "ordinal BYDAY outside the subset");
    T_STR(canon("FREQ=MONTHLY;BYDAY=MO"),
          "BYDAY with FREQ=MONTHLY is outside the supported subset (DAILY, WEEKLY)",
          "BYDAY with MONTHLY");
    T_STR(canon("INTERVAL=2"), "FREQ is required (rule 'INTERVAL=2')", "FREQ required");
    T_STR(canon("FREQ=DAILY;INTERVAL=0"), "INTERVAL must be 1..999, not '0'", "interval 0");
    T_STR(canon("FREQ=DAILY;COUNT=2;UNTIL=20260101"),
          "COUNT and UNTIL cannot both be given (RFC 5545)", "count and until");
    T_STR(canon("FREQ=DAILY;UNTIL=2026-01-01"),
          "UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ, not '2026-01-01'", "bad until");
    T_STR(canon("sometimes"), "expected NAME=VALUE in 'sometimes' (rule 'sometimes')", "nonsense");
}

static void test_next(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    T_STR(next_of("daily", "2026-01-15T09:00:00Z", 1), "2026-01-16T09:00:00Z", "daily");
    T_STR(next_of("FREQ=DAILY;INTERVAL=3", "2026-01-30T09:00:00Z", 1), "2026-02-02T09:00:00Z",
          "every 3 days across a month");
    T_STR(next_of("weekly", "2026-01-15T09:00:00Z", 1), "2026-01-22T09:00:00Z", "weekly");
    T_STR(next_of("monthly", "2026-01-31T09:00:00Z", 1), "2026-02-28T09:00:00Z",
          "monthly from the 31st: the last day of February");
    T_STR(next_of("FREQ=YEARLY", "2024-02-29T09:00:00Z", 1), "2025-02-28T09:00:00Z",
          "yearly from a leap day");
    /* 2026-01-16 is a Friday. */
    T_STR(next_of("FREQ=WEEKLY;BYDAY=MO,FR", "2026-01-16T09:00:00Z", 1), "2026-01-19T09:00:00Z",
          "Friday -> Monday");
    T_STR(next_of("FREQ=WEEKLY;BYDAY=MO,FR", "2026-01-19T09:00:00Z", 1), "2026-01-23T09:00:00Z",
          "Monday -> Friday");
    T_STR(next_of("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "2026-01-19T09:00:00Z", 1),
          "2026-02-02T09:00:00Z", "every other Monday");
    T_STR(next_of("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "2026-01-16T09:00:00Z", 1),
          "2026-01-19T09:00:00Z", "working days skip the weekend");
    T_STR(next_of("FREQ=DAILY;COUNT=3", "2026-01-16T09:00:00Z", 2), "2026-01-17T09:00:00Z",
          "count: the third occurrence");
    T_STR(next_of("FREQ=DAILY;COUNT=3", "2026-01-17T09:00:00Z", 3), "end", "count reached");
    T_STR(next_of("FREQ=DAILY;UNTIL=20260117", "2026-01-17T09:00:00Z", 1), "end", "past until");
    /* Wall-clock time kept across DST (Europe/Kyiv: 2026-03-29 03:00 -> 04:00). */
    setenv("TZ", "Europe/Kyiv", 1);
    tzset();
    T_STR(next_of("daily", "2026-03-28T07:00:00Z", 1), "2026-03-29T06:00:00Z",
          "09:00 local stays 09:00 after the DST change");
    setenv("TZ", "UTC", 1);
    tzset();
}

int main(void)
{
    test_parse();
    test_next();
    return t_done();
}
