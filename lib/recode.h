/*
 * recode.h - input in other encodings: the files spreadsheets and old
 * systems write.  A stream is wrapped so that the readers of input.h see
 * UTF-8: with an encoding given (cp1251, koi8-r, latin1, utf-16, or any
 * name iconv knows), or when the input starts with a UTF-16 byte order
 * mark (LE or BE, detected by itself).  The conversion streams; nothing is
 * held but one buffer.  A byte that is invalid in the encoding stops the
 * reading, and crm_recode_error() gives "NAME:LINE:COLUMN: invalid cp1251
 * byte 0x98" (line and column of the converted text, in characters).
 */
#ifndef CRM_RECODE_H
#define CRM_RECODE_H

#include <stdio.h>

#include "err.h"

struct crm_recode;

/* Wrap f (not closed by the wrapper).  enc may be NULL (detect UTF-16 by its
 * BOM, else pass bytes through).  CRM_USAGE for an encoding iconv does not
 * know.  *out is the stream to read; crm_recode_close() closes it. */
int crm_recode_open(FILE *f, const char *name, const char *enc, FILE **out,
                    struct crm_recode **rc, struct crm_err *err);

/* 1 and err set when reading stopped at an invalid byte. */
int crm_recode_error(const struct crm_recode *rc, struct crm_err *err);

/* The encoding converted from, or NULL when bytes pass through. */
const char *crm_recode_encoding(const struct crm_recode *rc);

void crm_recode_close(FILE *out, struct crm_recode *rc);

#endif
