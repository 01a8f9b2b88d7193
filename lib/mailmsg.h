/*
 * mailmsg.h - a minimal reader of Internet messages (RFC 5322, with the MIME
 * parts of RFC 2045-2047 that support mail needs): the header fields,
 * unfolded; encoded-words in them decoded to UTF-8; the mailboxes of an
 * address field; and the text of the message, from its first text/plain
 * part, transfer-decoded and converted to UTF-8.
 *
 * It reads one message from a buffer and is meant for every importer of
 * mail (crm-ticket new-from-mail, an mbox import): a leading mbox "From "
 * line is skipped, CRLF and LF line ends are both accepted.  Pure: no
 * database, no printing; errors in struct crm_err (CRM_DATAERR for a
 * malformed message, with the line).
 *
 * Ownership: struct crm_msg owns everything it points to; crm_msg_free
 * releases it.  Strings returned by crm_msg_get point into it.
 */
#ifndef CRM_MAILMSG_H
#define CRM_MAILMSG_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "err.h"

struct crm_msg_field {
    char *name;  /* as written ("Subject") */
    char *value; /* unfolded, raw (encoded-words not decoded), blanks trimmed */
};

struct crm_msg {
    struct crm_msg_field *fields;
    size_t nfields;
    char *text;   /* the text (UTF-8, LF line ends) of the first text/plain part */
    int has_text; /* 0 when the message has no text/plain part (text is "") */
};

/* Parse one message of n bytes.  CRM_DATAERR for an empty message, a
 * header line that is no field ("line 3: not a header field"), or a
 * message without header fields. */
int crm_msg_parse(const char *data, size_t n, struct crm_msg *m, struct crm_err *err);

/* Read one message (at most max bytes) from f and parse it; CRM_IOERR on a
 * read error, CRM_DATAERR when larger than max. */
int crm_msg_read(FILE *f, size_t max, struct crm_msg *m, struct crm_err *err);

void crm_msg_free(struct crm_msg *m);

/* The raw value of the first field of that name (any case), or NULL. */
const char *crm_msg_get(const struct crm_msg *m, const char *name);

/* Append to out the value with its RFC 2047 encoded-words
 * (=?utf-8?q?...?=, =?koi8-r?b?...?=) decoded to UTF-8; blanks between
 * adjacent encoded-words dropped.  A word in an unknown charset is kept as
 * written. */
void crm_msg_decode_words(const char *value, struct crm_buf *out);

/* The first mailbox of an address field ("Ann Lee" <ann@x.org>,
 * ann@x.org (Ann Lee), =?utf-8?...?= <ann@x.org>): its address into addr
 * and its display name, decoded, into name (empty when none).
 * CRM_DATAERR when there is no address. */
int crm_msg_mailbox(const char *value, struct crm_buf *name, struct crm_buf *addr,
                     struct crm_err *err);

#endif
