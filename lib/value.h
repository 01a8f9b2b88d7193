/*
 * value.h - parsing and formatting of the scalar value types users type:
 * integers, exact decimals and money, booleans, dates, date-times, email
 * addresses and URLs.  Pure functions: no database, no globals except the
 * clock passed in.  Every parser ignores blanks around the value.
 *
 * Dates are stored as "YYYY-MM-DD"; date-times as "YYYY-MM-DDTHH:MM:SSZ" in
 * UTC.  Money and decimals are stored as int64 counts of the smallest unit
 * (cents for EUR: scale 2), never as binary floating point.
 */
#ifndef CRM_VALUE_H
#define CRM_VALUE_H

#include <stdint.h>
#include <time.h>

#include "buf.h"
#include "err.h"

/* Seconds since the epoch for "now": $CRM_NOW (ISO 8601) when set, else
 * time(NULL).  Returns CRM_USAGE with a message when CRM_NOW does not parse. */
int crm_value_now(int64_t *now, struct crm_err *err);

/* "42", "-7", "+3": whole int64; anything else (including "4.0", "", "1e3",
 * overflow) is CRM_DATAERR. */
int crm_value_parse_int(const char *s, int64_t *out, struct crm_err *err);

/* Exact decimal with at most `scale` digits after the point: "12.5" with
 * scale 2 gives 1250; "-0.01" gives -1; "1 234,50" is invalid; "12.345" with
 * scale 2 is CRM_DATAERR ("too many decimal places").  Accepts a leading
 * '+' or '-', and an optional exponent-free form only.  A trailing "%" is NOT
 * accepted here (callers strip it). */
int crm_value_parse_decimal(const char *s, int scale, int64_t *out, struct crm_err *err);

/* Format an int64 of `scale` decimal places: 1250,2 -> "12.50"; -1,2 -> "-0.01";
 * 7,0 -> "7". */
void crm_value_format_decimal(struct crm_buf *out, int64_t v, int scale);

/* Minor-unit exponent of an ISO 4217 currency code (EUR 2, JPY 0, KWD 3,
 * BHD 3, ...); -1 when the code is not a known currency. */
int crm_currency_scale(const char *code);

/* true/false, yes/no, 1/0, on/off, t/f, y/n (any case) -> 1/0. */
int crm_value_parse_bool(const char *s, int *out, struct crm_err *err);

/*
 * Dates.  Accepts ISO 8601 "2026-11-22" (extended form only), plus
 * "today" (or "now"), "tomorrow", "yesterday", and offsets from today:
 * "+3d", "-2w", "+1m" (months, clamped to the month's last day), "+1y",
 * "-10d".  Relative forms are computed in local time ($TZ) from `now`.  A
 * date-time given to a date field takes its local date.  Writes "YYYY-MM-DD"
 * into out (>= 11 bytes).
 */
int crm_value_parse_date(const char *s, int64_t now, char out[11], struct crm_err *err);

/*
 * Date-times.  Accepts "2026-11-22T09:30:00Z", "...T09:30Z", fractions of
 * a second (dropped), offsets "+02:00"/"+0200", a space instead of 'T', a
 * local time without zone (read in $TZ), a bare date (local midnight), "now",
 * "today"/"tomorrow"/"yesterday" (local midnight), and offsets from now:
 * "+3d", "-2w", "+1m", "+1y", "+2h", "+30min", "+45s" (days and longer keep
 * the local wall-clock time across DST changes; hours and less add seconds).
 * Writes "YYYY-MM-DDTHH:MM:SSZ" (UTC) into out (>= 21 bytes).
 */
int crm_value_parse_datetime(const char *s, int64_t now, char out[21], struct crm_err *err);

/* Seconds since the epoch of a stored UTC date-time ("...Z"); CRM_DATAERR if malformed. */
int crm_value_datetime_epoch(const char *stored, int64_t *out, struct crm_err *err);
/* Stored UTC form of an epoch time (clamped to years 0001..9999). */
void crm_value_epoch_datetime(int64_t t, char out[21]);

/* Durations for options such as --within (minutes are "15m" or "15min");
 * accepts "30s", "15m", "15min", "2h", "3d", "2w" -> seconds. */
int crm_value_parse_duration(const char *s, int64_t *seconds, struct crm_err *err);

/*
 * Email addresses (RFC 5322 addr-spec, dot-atom or quoted local part; the
 * domain must have a dot-separated label form, IDN in UTF-8 allowed; length
 * limits of RFC 5321).  Appends to `norm` the address with the domain
 * lowercased (local part kept as written) and to `key` the whole address
 * case-folded, for comparison and uniqueness.  Surrounding blanks are
 * trimmed.  "Ann <ann@x.com>" is accepted as ann@x.com.
 */
int crm_value_parse_email(const char *s, struct crm_buf *norm, struct crm_buf *key, struct crm_err *err);

/* URLs: http/https/ftp/mailto with a host, or a bare host "example.com"
 * (stored as given, with "https://" prepended to a bare host).  Other schemes
 * ("javascript:") are rejected; the host must be a dotted domain name,
 * localhost, an IPv4 or a bracketed IPv6 address. */
int crm_value_parse_url(const char *s, struct crm_buf *norm, struct crm_err *err);

#endif
