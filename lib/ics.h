/*
 * ics.h - writing iCalendar (RFC 5545) content lines: text escaped (\\ \; \,
 * \n), lines folded at 75 octets without splitting a UTF-8 character,
 * CRLF line ends.
 */
#ifndef CRM_ICS_H
#define CRM_ICS_H

#include <stdint.h>

#include "buf.h"

/* Append "NAME:VALUE" with VALUE escaped as TEXT, folded, CRLF. */
void crm_ics_text(struct crm_buf *out, const char *name, const char *value);
/* Append "NAME:VALUE" as is (VALUE already in iCalendar syntax), folded, CRLF. */
void crm_ics_raw(struct crm_buf *out, const char *name, const char *value);
/* Append "NAME:YYYYMMDDTHHMMSSZ" for a stored UTC date-time ("...Z"). */
void crm_ics_time(struct crm_buf *out, const char *name, const char *stored);

#endif
