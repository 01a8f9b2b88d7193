/*
 * vcard.h - vCard (RFC 2426 3.0, RFC 6350 4.0, and the 2.1 that phones and
 * Outlook still write) to contact fields and back.
 *
 * Reading: input.c cuts the file into logical lines (unfolding continuation
 * lines and the soft line breaks of QUOTED-PRINTABLE) and feeds them here;
 * a finished card becomes one record of contact field names, so vCards go
 * through the generic import like any CSV.
 *
 *   N, FN         last_name, first_name (FN split when there is no N)
 *   EMAIL         email (the preferred or first one)
 *   TEL           mobile (TYPE=cell), phone (the preferred or first other)
 *   ORG           account (created when missing), department
 *   TITLE, NOTE   title, notes
 *   ADR           street, city, region, postcode, country (first one)
 *   BDAY          birthday (YYYY-MM-DD)
 *   CATEGORIES    tags
 *   UID           uid (a re-import upserts by it)
 *   anything else (and the second EMAIL, TEL or ADR) is kept unchanged in
 *   the field "vcard", one property a line, and written back on export.
 *
 * 2.1 values may be QUOTED-PRINTABLE or BASE64 and in any CHARSET iconv
 * knows; 3.0 and 4.0 are UTF-8.  Text escapes (\, \; \\ \n) are decoded.
 *
 * Writing: one card per record from the display values of the columns
 * named above (plus account_name, id and created_at), lines folded at 75
 * octets, CRLF, values escaped; version 40 or 30.
 */
#ifndef CRM_VCARD_H
#define CRM_VCARD_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

struct crm_vcard;

struct crm_vcard *crm_vcard_new(void);
void crm_vcard_free(struct crm_vcard *c);

/* 1 when the logical line so far ends in a QUOTED-PRINTABLE soft line break
 * ('=' at the end of a QP value): the next physical line continues it (the
 * '=' is removed from line). */
int crm_vcard_qp_continues(struct crm_buf *line);

/*
 * Feed one logical line (no line end).  Returns 0 while a card is being
 * read (or for blank lines between cards), 1 when END:VCARD finished one
 * (its fields are then in crm_vcard_record), or a negative status with a
 * reason in err (no location: the caller adds file and line).
 */
int crm_vcard_feed(struct crm_vcard *c, const char *line, size_t len, struct crm_err *err);

/* 1 while inside a card (BEGIN seen, END not yet). */
int crm_vcard_open(const struct crm_vcard *c);

/* The finished card as field names and values (owned by c, valid until the
 * next crm_vcard_feed). */
size_t crm_vcard_record(struct crm_vcard *c, char ***keys, char ***vals);

/* Append one card for a record: names[i] = vals[i] (display values, NULL
 * for null).  version: 40 or 30. */
void crm_vcard_write(struct crm_buf *out, const char *const *names, const char *const *vals,
                     size_t n, int version);

/* The UID written for a contact that has none: a name-based UUID URN from
 * its id and created_at, whose last group is the id; crm_vcard_uid_id gives
 * that id back (0 when uid is not of this form), so re-importing an export
 * finds the record even when it had no email. */
void crm_vcard_uid(const char *id, const char *created_at, struct crm_buf *out);
int64_t crm_vcard_uid_id(const char *uid);

#endif
