/*
 * recur.h - recurrence of tasks: "daily", "weekly", "monthly", "yearly" or
 * the RRULE subset of RFC 5545 (optionally prefixed "RRULE:"):
 *   FREQ=DAILY|WEEKLY|MONTHLY|YEARLY   required
 *   INTERVAL=n                          every n-th day/week/month/year (1..999)
 *   BYDAY=MO,TU,...                     DAILY and WEEKLY only: on these weekdays
 *   COUNT=n                             n occurrences in all
 *   UNTIL=YYYYMMDD[THHMMSSZ]            no occurrence after this
 * Anything else (BYMONTHDAY, BYSETPOS, "1MO", WKST, ...) is outside the
 * subset: CRM_DATAERR naming the part.  Days and longer keep the local
 * wall-clock time ($TZ) across DST changes; a month day missing from the
 * next month (31) takes the month's last day.
 */
#ifndef CRM_RECUR_H
#define CRM_RECUR_H

#include <stdint.h>

#include "buf.h"
#include "err.h"

enum crm_freq { CRM_FREQ_DAILY = 1, CRM_FREQ_WEEKLY, CRM_FREQ_MONTHLY, CRM_FREQ_YEARLY };

struct crm_rrule {
    enum crm_freq freq;
    int interval;      /* >= 1 */
    unsigned byday;    /* bit 0 = Monday .. bit 6 = Sunday; 0 = none */
    int count;         /* 0 = unlimited */
    int64_t until;     /* epoch seconds; 0 = none */
};

int crm_rrule_parse(const char *text, struct crm_rrule *r, struct crm_err *err);

/* The canonical RRULE text (without "RRULE:"), as stored and exported. */
void crm_rrule_format(const struct crm_rrule *r, struct crm_buf *out);

/* The occurrence after the one at `from` (epoch seconds), which was number
 * `occurrence` (1-based) of the series: 1 and *next, or 0 when the series
 * has ended (COUNT reached or past UNTIL). */
int crm_rrule_next(const struct crm_rrule *r, int64_t from, int occurrence, int64_t *next);

#endif
