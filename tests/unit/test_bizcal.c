/* Business-time arithmetic: working hours, weekends, holidays, lunch
 * breaks, pending periods and a daylight-saving change, with fixed instants. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bizcal.h"
#include "t.h"
#include "value.h"

static int64_t at(const char *s)
{
    int64_t t = 0;
    struct crm_err err;
    char out[21];
    /* Read in $TZ like the tools do, then as stored UTC. */
    if (crm_value_parse_datetime(s, 0, out, &err) || crm_value_datetime_epoch(out, &t, &err))
        printf("# bad time %s\n", s);
    return t;
}

static const char *show(int64_t t)
{
    static char buf[21];
    crm_value_epoch_datetime(t, buf);
    return buf;
}

static void office(struct crm_bizcal *c)
{
    for (int d = 1; d <= 5; d++)
        crm_bizcal_add_interval(c, d, 9 * 60, 17 * 60);
}

#define H 3600

static void test_add(void)
{
    struct crm_bizcal c = CRM_BIZCAL_INIT;
    office(&c);
    /* 2026-01-15 is a Thursday. */
    T_STR(show(crm_bizcal_add(&c, at("2026-01-15T10:00:00Z"), 4 * H)), "2026-01-15T14:00:00Z",
          "within one working day");
    T_STR(show(crm_bizcal_add(&c, at("2026-01-15T09:00:00Z"), 8 * H)), "2026-01-15T17:00:00Z",
          "a whole day ends at the day's end, not the next morning");
    T_STR(show(crm_bizcal_add(&c, at("2026-01-15T16:00:00Z"), 2 * H)), "2026-01-16T10:00:00Z",
          "over the evening into the next day");
    T_STR(show(crm_bizcal_add(&c, at("2026-01-16T16:00:00Z"), 2 * H)), "2026-01-19T10:00:00Z",
          "from Friday over the weekend to Monday");
    T_STR(show(crm_bizcal_add(&c, at("2026-01-17T12:00:00Z"), 1 * H)), "2026-01-19T10:00:00Z",
          "starting on Saturday counts from Monday morning");
    T_STR(show(crm_bizcal_add(&c, at("2026-01-15T07:00:00Z"), 1 * H)), "2026-01-15T10:00:00Z",
          "starting before hours counts from the opening");
    T_STR(show(crm_bizcal_add(&c, at("2026-01-15T10:00:00Z"), 24 * H)), "2026-01-20T10:00:00Z",
          "24 business hours are three working days");
    crm_bizcal_add_holiday(&c, "2026-01-19");
    T_STR(show(crm_bizcal_add(&c, at("2026-01-16T16:00:00Z"), 2 * H)), "2026-01-20T10:00:00Z",
          "a Monday holiday is skipped too");
    T_OK(crm_bizcal_is_holiday(&c, "2026-01-19") && !crm_bizcal_is_holiday(&c, "2026-01-20"),
         "holidays are looked up by date");
    crm_bizcal_add_holiday(&c, "2026-01-16");
    T_STR(show(crm_bizcal_add(&c, at("2026-01-15T16:00:00Z"), 2 * H)), "2026-01-20T10:00:00Z",
          "Friday and Monday holidays: Thursday evening to Tuesday");
    crm_bizcal_free(&c);
}

static void test_diff(void)
{
    struct crm_bizcal c = CRM_BIZCAL_INIT;
    office(&c);
    T_INT(crm_bizcal_diff(&c, at("2026-01-15T10:00:00Z"), at("2026-01-15T12:30:00Z")), 9000,
          "two and a half hours on a working day");
    T_INT(crm_bizcal_diff(&c, at("2026-01-15T10:00:00Z"), at("2026-01-19T10:00:00Z")), 16 * H,
          "Thursday to Monday: 7 + 8 + 1 hours");
    T_INT(crm_bizcal_diff(&c, at("2026-01-19T10:00:00Z"), at("2026-01-15T10:00:00Z")), -16 * H,
          "backwards is negative");
    T_INT(crm_bizcal_diff(&c, at("2026-01-17T08:00:00Z"), at("2026-01-18T20:00:00Z")), 0,
          "a weekend has no business time");
    T_INT(crm_bizcal_diff(&c, at("2026-01-15T18:00:00Z"), at("2026-01-16T08:00:00Z")), 0,
          "nor a night");
    crm_bizcal_add_holiday(&c, "2026-01-16");
    T_INT(crm_bizcal_diff(&c, at("2026-01-15T10:00:00Z"), at("2026-01-19T10:00:00Z")), 8 * H,
          "a holiday has none either");
    T_INT(crm_bizcal_diff(&c, at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z")), 168 * H,
          "January 2026: 22 working days less the holiday, 8 hours each");
    T_INT(crm_bizcal_diff(&c, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")), 2080 * H,
          "the year 2026: 261 working days less one holiday");
    T_INT(crm_bizcal_diff(&c, at("2025-12-31T16:00:00Z"), at("2026-01-01T10:00:00Z")), 2 * H,
          "across the new year, computed backwards from the cache");
    T_STR(show(crm_bizcal_add(&c, at("2026-01-01T00:00:00Z"), 2080 * H)), "2026-12-31T17:00:00Z",
          "a year of business time ends on the last working day");
    /* add and diff are inverse over working time. */
    int64_t s = at("2026-01-15T11:11:00Z");
    int ok = 1;
    for (int64_t k = 0; k < 300 * H; k += 1234)
        if (crm_bizcal_diff(&c, s, crm_bizcal_add(&c, s, k)) != k)
            ok = 0;
    T_OK(ok, "diff(t, add(t, k)) == k for many k");
    crm_bizcal_free(&c);
}

static void test_breaks_and_24x7(void)
{
    struct crm_bizcal c = CRM_BIZCAL_INIT;
    crm_bizcal_add_interval(&c, 4, 13 * 60, 17 * 60);
    crm_bizcal_add_interval(&c, 4, 9 * 60, 12 * 60);
    T_STR(show(crm_bizcal_add(&c, at("2026-01-15T11:00:00Z"), 2 * H)), "2026-01-15T14:00:00Z",
          "the lunch break does not count");
    T_INT(crm_bizcal_diff(&c, at("2026-01-15T00:00:00Z"), at("2026-01-16T00:00:00Z")), 7 * H,
          "a Thursday with a break has 7 hours");
    T_STR(show(crm_bizcal_add(&c, at("2026-01-15T17:00:00Z"), 1 * H)), "2026-01-22T10:00:00Z",
          "one working day a week: next Thursday");
    crm_bizcal_free(&c);
    struct crm_bizcal all = CRM_BIZCAL_INIT;
    T_STR(show(crm_bizcal_add(&all, at("2026-01-17T12:00:00Z"), 5 * H)), "2026-01-17T17:00:00Z",
          "no working hours at all: every second counts (24x7)");
    crm_bizcal_add_interval(&all, 1, 0, 1440);
    T_STR(show(crm_bizcal_add(&all, at("2026-01-18T23:00:00Z"), 25 * H)), "2026-01-26T01:00:00Z",
          "a whole Monday (00:00-24:00) counts 24 hours");
    crm_bizcal_free(&all);
}

/* The SLA of a ticket: due = created + policy in business time, shifted
 * by the business time spent pending. */
static void test_pending(void)
{
    struct crm_bizcal c = CRM_BIZCAL_INIT;
    office(&c);
    int64_t created = at("2026-01-15T10:00:00Z"), policy = 8 * H;
    T_STR(show(crm_bizcal_add(&c, created, policy)), "2026-01-16T10:00:00Z", "due without pending");
    /* Pending from Thursday 15:00 to Monday 11:00: 2 + 8 + 2 = 12 hours. */
    int64_t pend = crm_bizcal_diff(&c, at("2026-01-15T15:00:00Z"), at("2026-01-19T11:00:00Z"));
    T_INT(pend, 12 * H, "business time spent pending");
    T_STR(show(crm_bizcal_add(&c, created, policy + pend)), "2026-01-19T14:00:00Z",
          "due moves by the pending time only");
    /* Pending over a weekend only stops nothing. */
    pend = crm_bizcal_diff(&c, at("2026-01-16T17:30:00Z"), at("2026-01-19T08:00:00Z"));
    T_INT(pend, 0, "pending outside working hours moves nothing");
    crm_bizcal_free(&c);
}

static void test_dst(void)
{
    if (access("/usr/share/zoneinfo/Europe/Kyiv", R_OK) != 0) {
        T_OK(1, "# SKIP no tzdata for Europe/Kyiv");
        return;
    }
    setenv("TZ", "Europe/Kyiv", 1);
    tzset();
    struct crm_bizcal c = CRM_BIZCAL_INIT;
    office(&c);
    /* Summer time starts Sunday 2026-03-29: Friday 16:00 local is 14:00Z
     * (UTC+2), Monday 10:00 local is 07:00Z (UTC+3). */
    T_STR(show(crm_bizcal_add(&c, at("2026-03-27T14:00:00Z"), 2 * H)), "2026-03-30T07:00:00Z",
          "working hours follow the wall clock across a DST change");
    T_INT(crm_bizcal_diff(&c, at("2026-03-27T14:00:00Z"), at("2026-03-30T07:00:00Z")), 2 * H,
          "and so does the difference");
    crm_bizcal_free(&c);
    setenv("TZ", "UTC", 1);
    tzset();
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    test_add();
    test_diff();
    test_breaks_and_24x7();
    test_pending();
    test_dst();
    return t_done();
}
