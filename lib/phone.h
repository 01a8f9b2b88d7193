/*
 * phone.h - telephone numbers to E.164, and country names to ISO 3166 codes.
 *
 * A number is normalised with the record's own country when it has one, else
 * with $CRM_COUNTRY: "(044) 123 45 67", "380441234567" and "+380 44 123-45-67"
 * are one number in Ukraine ("+380441234567").  A number whose country cannot
 * be known is kept unnormalised but findable: its key is its digits alone,
 * without '+'.  Letters (other than a leading "tel:" URI scheme and an
 * extension marker "ext"/"x" followed by digits, which is dropped from the key)
 * or fewer than 5 digits make the number invalid.
 */
#ifndef CRM_PHONE_H
#define CRM_PHONE_H

#include "buf.h"
#include "err.h"

/*
 * Normalise `text` for the country `iso2` ("UA", "us"; an ISO3 code or a
 * name as crm_country_iso2() reads is accepted too; NULL, "" or an unknown
 * country when unknown).  On success appends the key to `key`
 * ("+380441234567", or the bare digits when the country cannot be known) and
 * returns CRM_OK.  On an invalid number returns CRM_DATAERR with a message
 * such as "invalid phone number '12ab': letters are not allowed".
 */
int crm_phone_normalize(const char *text, const char *iso2, struct crm_buf *key, struct crm_err *err);

/* The ISO 3166-1 alpha-2 code (upper case, static string) for a country given
 * as a code ("ua", "UKR") or an English or native name ("Ukraine", "Україна",
 * "Germany", "Deutschland", "USA"); NULL when unknown. */
const char *crm_country_iso2(const char *name);

/* The calling code of an ISO2 country ("380" for "UA"), or NULL. */
const char *crm_country_calling_code(const char *iso2);

#endif
