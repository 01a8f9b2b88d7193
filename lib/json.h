/*
 * json.h - writing JSON text into a buffer (RFC 8259), for history values
 * and custom fields, without building a json_t per record.
 */
#ifndef CRM_JSON_H
#define CRM_JSON_H

#include <stddef.h>

#include "buf.h"

/* Append s as a JSON string literal (quotes included). */
void crm_json_put_string(struct crm_buf *b, const char *s, size_t n);

#endif
