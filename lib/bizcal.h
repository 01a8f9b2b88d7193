/*
 * bizcal.h - business time: arithmetic on a calendar of working hours per
 * weekday and holidays, in the local time zone ($TZ), for the SLA clock of
 * tickets.  Pure: no database (sla.c loads the calendar), no clock.
 *
 * A business second is a second inside a working interval of a day that
 * is not a holiday.  crm_bizcal_add moves an instant forward by business
 * seconds; crm_bizcal_diff counts the business seconds between two
 * instants.  Both work day by day in local time, so daylight-saving
 * changes shift the intervals as the wall clock does.  A calendar with no
 * working interval at all counts every second (24x7).
 *
 * Ownership: the caller owns the arrays of struct crm_bizcal;
 * crm_bizcal_free releases those made by crm_bizcal_add_interval and
 * crm_bizcal_add_holiday.
 */
#ifndef CRM_BIZCAL_H
#define CRM_BIZCAL_H

#include <stddef.h>
#include <stdint.h>

struct crm_bizcal_iv {
    int weekday;   /* ISO: 1 = Monday .. 7 = Sunday */
    int start_min; /* minutes from local midnight, 0..1440 */
    int end_min;   /* > start_min, <= 1440 */
};

struct crm_bizcal_cache;

struct crm_bizcal {
    struct crm_bizcal_iv *iv; /* sorted by weekday, start_min */
    size_t niv;
    char (*hol)[11]; /* holidays "YYYY-MM-DD", sorted */
    size_t nhol;
    /* The local days met so far, with their working intervals as instants
     * and running totals, so that time-zone conversions happen once a day
     * and a difference is two lookups (owned; made by add_interval). */
    struct crm_bizcal_cache *cache;
};

#define CRM_BIZCAL_INIT {NULL, 0, NULL, 0, NULL}

/* Build a calendar (keeps both arrays sorted). */
void crm_bizcal_add_interval(struct crm_bizcal *c, int weekday, int start_min, int end_min);
void crm_bizcal_add_holiday(struct crm_bizcal *c, const char *date);
void crm_bizcal_free(struct crm_bizcal *c);

/* 1 when the local date "YYYY-MM-DD" is a holiday. */
int crm_bizcal_is_holiday(const struct crm_bizcal *c, const char *date);

/* The instant `secs` business seconds (>= 0) after t.  Starting outside
 * working hours, the count starts at the next working interval.  When the
 * calendar has working intervals but none within ten years (every day a
 * holiday), returns INT64_MAX. */
int64_t crm_bizcal_add(const struct crm_bizcal *c, int64_t t, int64_t secs);

/* Business seconds from a to b; negative when b is before a. */
int64_t crm_bizcal_diff(const struct crm_bizcal *c, int64_t a, int64_t b);

#endif
