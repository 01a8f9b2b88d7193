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

/* At most this many working intervals a day are kept (calendar hours takes 16). */
#define MAX_IV 16

/* One local day: [start, end) and its working intervals as instants. */
struct bday {
    int64_t start, end, total;
    int n;
    int64_t s[MAX_IV], e[MAX_IV];
};

/* Consecutive local days, with cum[k] = business seconds before day k. */
struct crm_bizcal_cache {
    struct bday *d;
    int64_t *cum;
    size_t n, cap;
};

static void cache_reset(struct crm_bizcal *c)
{
    if (!c->cache)
        c->cache = crm_xcalloc(1, sizeof *c->cache);
    c->cache->n = 0;
}

void crm_bizcal_add_interval(struct crm_bizcal *c, int weekday, int start_min, int end_min)
{
    cache_reset(c);
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
    cache_reset(c);
    c->hol = crm_xrealloc(c->hol, (c->nhol + 1) * sizeof *c->hol);
    snprintf(c->hol[c->nhol], sizeof c->hol[c->nhol], "%.10s", date);
    c->nhol++;
    qsort(c->hol, c->nhol, sizeof *c->hol, hol_cmp);
}

void crm_bizcal_free(struct crm_bizcal *c)
{
    free(c->iv);
    free(c->hol);
    if (c->cache) {
        free(c->cache->d);
        free(c->cache->cum);
        free(c->cache);
    }
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

static int64_t add_slow(const struct crm_bizcal *c, int64_t t, int64_t secs)
{
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

static int64_t diff_slow(const struct crm_bizcal *c, int64_t a, int64_t b)
{
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

/* ---- the day cache ------------------------------------------------------ */

static void compute_day(const struct crm_bizcal *c, int64_t t, struct bday *b)
{
    struct day d, next;
    day_of(t, &d);
    next = d;
    day_step(&next, 1);
    b->start = day_at(&d, 0);
    b->end = day_at(&next, 0);
    b->n = 0;
    b->total = 0;
    if (day_is_holiday(c, &d))
        return;
    size_t first, n;
    day_intervals(c, day_weekday(&d), &first, &n);
    for (size_t i = first; i < first + n && b->n < MAX_IV; i++) {
        b->s[b->n] = day_at(&d, c->iv[i].start_min);
        b->e[b->n] = day_at(&d, c->iv[i].end_min);
        if (b->e[b->n] > b->s[b->n]) {
            b->total += b->e[b->n] - b->s[b->n];
            b->n++;
        }
    }
}

static void cache_room(struct crm_bizcal_cache *k)
{
    if (k->n < k->cap)
        return;
    k->cap = k->cap ? k->cap * 2 : 64;
    k->d = crm_xrealloc(k->d, k->cap * sizeof *k->d);
    k->cum = crm_xrealloc(k->cum, k->cap * sizeof *k->cum);
}

/* Make the cache cover the day of t; -1 when that is too far away. */
static int cache_cover(const struct crm_bizcal *c, int64_t t)
{
    struct crm_bizcal_cache *k = c->cache;
    if (k->n == 0) {
        cache_room(k);
        compute_day(c, t, &k->d[0]);
        k->cum[0] = 0;
        k->n = 1;
    }
    int added = 0;
    while (t < k->d[0].start) {
        if (++added > MAX_DAYS)
            return -1;
        cache_room(k);
        memmove(k->d + 1, k->d, k->n * sizeof *k->d);
        compute_day(c, k->d[1].start - 1, &k->d[0]);
        k->n++;
        k->cum[0] = 0;
        for (size_t i = 1; i < k->n; i++)
            k->cum[i] = k->cum[i - 1] + k->d[i - 1].total;
    }
    while (t >= k->d[k->n - 1].end) {
        if (++added > MAX_DAYS)
            return -1;
        cache_room(k);
        compute_day(c, k->d[k->n - 1].end, &k->d[k->n]);
        k->cum[k->n] = k->cum[k->n - 1] + k->d[k->n - 1].total;
        k->n++;
    }
    return 0;
}

/* The cached day that holds t (covered). */
static size_t cache_find(const struct crm_bizcal_cache *k, int64_t t)
{
    size_t lo = 0, hi = k->n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (k->d[mid].start <= t)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Business seconds from the cache's first day to t. */
static int64_t prefix(const struct crm_bizcal_cache *k, int64_t t)
{
    size_t i = cache_find(k, t);
    const struct bday *b = &k->d[i];
    int64_t sum = k->cum[i];
    for (int j = 0; j < b->n && b->s[j] < t; j++)
        sum += (b->e[j] < t ? b->e[j] : t) - b->s[j];
    return sum;
}

int64_t crm_bizcal_diff(const struct crm_bizcal *c, int64_t a, int64_t b)
{
    if (b < a)
        return -crm_bizcal_diff(c, b, a);
    if (c->niv == 0)
        return b - a;
    if (!c->cache || cache_cover(c, a) || cache_cover(c, b))
        return diff_slow(c, a, b);
    return prefix(c->cache, b) - prefix(c->cache, a);
}

int64_t crm_bizcal_add(const struct crm_bizcal *c, int64_t t, int64_t secs)
{
    if (c->niv == 0)
        return t + secs;
    if (!c->cache || cache_cover(c, t))
        return add_slow(c, t, secs);
    struct crm_bizcal_cache *k = c->cache;
    size_t i = cache_find(k, t);
    for (int days = 0; days < MAX_DAYS; days++, i++) {
        if (i == k->n && cache_cover(c, k->d[k->n - 1].end))
            return add_slow(c, t, secs);
        const struct bday *b = &k->d[i];
        if (b->start >= t && secs > b->total) {
            secs -= b->total; /* a whole day at once */
            continue;
        }
        for (int j = 0; j < b->n; j++) {
            if (b->e[j] <= t)
                continue;
            int64_t s = b->s[j] < t ? t : b->s[j];
            if (secs <= b->e[j] - s)
                return s + secs;
            secs -= b->e[j] - s;
        }
    }
    return INT64_MAX;
}
