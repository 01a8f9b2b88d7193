/*
 * mail.h - reading RFC 5322 messages for crm-activity import-mail: the
 * header (unfolded), RFC 2047 encoded words decoded to UTF-8 with iconv,
 * addresses, the date in UTC, and a plain-text body.  Also the containers:
 * an mbox (From_ lines, ">From " unescaped as mboxrd does) and a Maildir
 * (cur/ and new/).
 *
 * Pure functions over memory: no database, no printing.
 */
#ifndef CRM_MAIL_H
#define CRM_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

struct crm_mail {
    char *from, *to, *cc;   /* decoded header values, or NULL (for people) */
    char *from_raw, *to_raw, *cc_raw; /* as written, for crm_mail_addresses: a decoded
                                         display name may hold quotes or commas */
    char *subject;          /* decoded, UTF-8, or NULL */
    char *message_id;       /* without the angle brackets; or derived from a hash of the message */
    int64_t date;           /* epoch seconds; has_date 0 when there was no Date: */
    int has_date;
    char *body;             /* text/plain in UTF-8 (first text part), possibly NULL */
};

/*
 * Parse one message (data need not be NUL-terminated).  CRM_DATAERR with
 * the reason in err when it is malformed: no header, a header line that is
 * neither "Name: value" nor a continuation, no From:, a Date: that does not
 * parse.  m is filled either way and must be freed with crm_mail_free.
 */
int crm_mail_parse(const char *data, size_t n, struct crm_mail *m, struct crm_err *err);
void crm_mail_free(struct crm_mail *m);

/* Decode the RFC 2047 encoded words of a header value into UTF-8 (out is
 * appended to).  Words with an unknown charset or bad encoding stay as
 * they are.  Bytes that are not UTF-8 outside encoded words are read as
 * windows-1252 (Latin 1). */
void crm_mail_decode_header(const char *in, size_t n, struct crm_buf *out);

/* RFC 5322 date ("Thu, 15 Jan 2026 10:00:00 +0200", obsolete zones, comments)
 * -> epoch seconds; -1 when it does not parse. */
int crm_mail_parse_date(const char *s, int64_t *out);

/* The addr-specs of an address list ("Ann <ann@x.com>, \"Doe, J\" <j@y>",
 * groups), each appended to *addrs (caller frees each and the array). */
void crm_mail_addresses(const char *list, char ***addrs, size_t *n);

/* Split an mbox into messages: calls fn for each (with the ">From "
 * unescaping done in a copy); returns the first non-zero fn result. */
int crm_mbox_each(const char *data, size_t n,
                  int (*fn)(const char *msg, size_t len, size_t number, void *arg), void *arg);

#endif
