/*
 * bizcal.c - business time over working hours and holidays (bizcal.h).
 */
#include "bizcal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"

/* Days searched before a calendar counts as having no working time. */
#define MAX_DAYS (366 * 10)

static int iv_cmp(const void *a, const void *b)
{
    const struct crm_bizcal_iv *x = a, *y = b;
    if (x->weekday != y->weekday)
        return x->weekday - y->weekday;
    return x->start_min - y->start_min;
}

void crm_bizcal_add_interval(struct crm_bizcal *c, int weekday, int start_min, int end_min)
{
    c->iv = crm_xrealloc(c->iv, (c->niv + 1) * sizeof *c->iv);
    c->iv[c->niv].weekday = weekday;
    c->iv[c->niv].start_min = start_min;
    c->iv[c->niv].end_min = end_min;
    c->niv++;
    qsort(c->iv, c->niv, sizeof *c->iv, iv_cmp);
}

static int hol_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

void crm_bizcal_add_holiday(struct crm_bizcal *c, const char *date)
{
    c->hol = crm_xrealloc(c->hol, (c->nhol + 1) * sizeof *c->hol);
    snprintf(c->hol[c->nhol], sizeof c->hol[c->nhol], "%.10s", date);
    c->nhol++;
    qsort(c->hol, c->nhol, sizeof *c->hol, hol_cmp);
}

void crm_bizcal_free(struct crm_bizcal *c)
{
    free(c->iv);
    free(c->hol);
    memset(c, 0, sizeof *c);
}

int crm_bizcal_is_holiday(const struct crm_bizcal *c, const char *date)
{
    char key[11];
    snprintf(key, sizeof key, "%.10s", date);
    return c->nhol && bsearch(key, c->hol, c->nhol, sizeof *c->hol, hol_cmp) != NULL;
}

/* One local day: its date, ISO weekday, and the instant of a given minute. */
struct day {
    struct tm tm; /* local noon of the day */
};

static void day_of(int64_t t, struct day *d)
{
    time_t tt = (time_t)t;
    localtime_r(&tt, &d->tm);
    d->tm.tm_hour = 12;
    d->tm.tm_min = d->tm.tm_sec = 0;
    d->tm.tm_isdst = -1;
    time_t noon = mktime(&d->tm); /* normalise */
    localtime_r(&noon, &d->tm);
}

static void day_step(struct day *d, int delta)
{
    d->tm.tm_mday += delta;
    d->tm.tm_hour = 12;
    d->tm.tm_isdst = -1;
    time_t noon = mktime(&d->tm);
    localtime_r(&noon, &d->tm);
}

static int64_t day_at(const struct day *d, int minute)
{
    struct tm tm = d->tm;
    tm.tm_hour = minute / 60;
    tm.tm_min = minute % 60;
    tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

static int day_weekday(const struct day *d)
{
    return d->tm.tm_wday == 0 ? 7 : d->tm.tm_wday;
}

static int day_is_holiday(const struct crm_bizcal *c, const struct day *d)
{
    char date[11];
    if (!c->nhol)
        return 0;
    strftime(date, sizeof date, "%Y-%m-%d", &d->tm);
    return crm_bizcal_is_holiday(c, date);
}

/* The working intervals of the day's weekday: [*first, *first + *n). */
static void day_intervals(const struct crm_bizcal *c, int weekday, size_t *first, size_t *n)
{
    size_t i = 0;
    while (i < c->niv && c->iv[i].weekday < weekday)
        i++;
    *first = i;
    while (i < c->niv && c->iv[i].weekday == weekday)
        i++;
    *n = i - *first;
}

int64_t crm_bizcal_add(const struct crm_bizcal *c, int64_t t, int64_t secs)
{
    if (c->niv == 0)
        return t + secs;
    struct day d;
    day_of(t, &d);
    for (int k = 0; k < MAX_DAYS; k++, day_step(&d, 1)) {
        if (day_is_holiday(c, &d))
            continue;
        size_t first, n;
        day_intervals(c, day_weekday(&d), &first, &n);
        for (size_t i = first; i < first + n; i++) {
            int64_t s = day_at(&d, c->iv[i].start_min), e = day_at(&d, c->iv[i].end_min);
            if (e <= t)
                continue;
            if (s < t)
                s = t;
            if (secs <= e - s)
                return s + secs;
            secs -= e - s;
        }
    }
    return INT64_MAX;
}

int64_t crm_bizcal_diff(const struct crm_bizcal *c, int64_t a, int64_t b)
{
    if (b < a)
        return -crm_bizcal_diff(c, b, a);
    if (c->niv == 0)
        return b - a;
    int64_t sum = 0;
    struct day d;
    day_of(a, &d);
    for (;; day_step(&d, 1)) {
        if (day_at(&d, 0) >= b)
            break;
        if (day_is_holiday(c, &d))
            continue;
        size_t first, n;
        day_intervals(c, day_weekday(&d), &first, &n);
        for (size_t i = first; i < first + n; i++) {
            int64_t s = day_at(&d, c->iv[i].start_min), e = day_at(&d, c->iv[i].end_min);
            if (s < a)
                s = a;
            if (e > b)
                e = b;
            if (e > s)
                sum += e - s;
        }
    }
    return sum;
}
