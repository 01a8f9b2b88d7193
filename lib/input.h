/*
 * input.h - streaming readers of records: CSV (RFC 4180, via libcsv), JSON
 * (an array of objects) and JSON Lines (one object a line), and of id lists.
 *
 * One record is held at a time, so memory stays flat from a hundred rows to
 * ten million.  The format is detected from the first non-blank byte ('[' or
 * '{' means JSON / JSON Lines, anything else CSV) unless given.  A UTF-8 BOM
 * is skipped; CRLF line ends are accepted; invalid UTF-8 is an error that
 * names the line.
 *
 * Values are text: a JSON number is kept as its source text (never through a
 * double, so money stays exact), true/false become "true"/"false", null and
 * an empty unquoted CSV field become NULL (an empty quoted CSV field "" is the
 * empty string), an array of strings or numbers becomes its elements joined
 * with ';' (tags).  A nested object, or an array holding anything else, is
 * CRM_DATAERR naming the key.
 *
 * TSV has no quoting: an empty TSV field is NULL, and \t \n \r \\ are decoded
 * (any other backslash is kept as it is).  Blank lines are skipped in CSV and
 * TSV.  A JSON object with the same key twice is CRM_DATAERR.  The JSON
 * scanner bounds a record's size (crm_input_set_max_record) and nesting depth.
 *
 * Ownership: the reader owns every string it returns; they stay valid until
 * the next call to crm_input_next() or crm_input_close().
 */
#ifndef CRM_INPUT_H
#define CRM_INPUT_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

enum crm_infmt { CRM_IN_AUTO, CRM_IN_CSV, CRM_IN_TSV, CRM_IN_JSON, CRM_IN_JSONL, CRM_IN_VCARD };

struct crm_input;

struct crm_record_in {
    size_t n;          /* number of key/value pairs */
    char **keys;       /* column names (CSV: the header) */
    char **vals;       /* values; NULL for null */
    size_t line;       /* line where the record starts (1-based) */
};

/* Parse "csv", "tsv", "json", "jsonl", "vcard" (and "auto"); CRM_USAGE if unknown.
 * vCard input (detected from BEGIN:VCARD) gives records of contact field
 * names, one a card (vcard.h). */
int crm_input_format_parse(const char *name, enum crm_infmt *fmt, struct crm_err *err);

/*
 * Open a reader on f (not closed by the reader).  `name` is used in messages
 * ("contacts.csv", or "-" shown as "stdin").  For CSV the header line is read
 * here: a missing header, an empty column name or a repeated one is
 * CRM_DATAERR.  `delim` is the CSV delimiter (0: ';' when the header line
 * has more semicolons than commas, else ',').
 */
int crm_input_open(struct crm_input **in, FILE *f, const char *name, enum crm_infmt fmt,
                   char delim, struct crm_err *err);

/*
 * The largest record (one CSV/TSV record or one JSON element) the reader
 * accepts, in bytes; 0 restores the default of 64 MiB.  A larger record is
 * CRM_DATAERR ("in.json:3: record larger than 64 MiB") rather than a slow
 * walk into out-of-memory on hostile input.
 */
void crm_input_set_max_record(struct crm_input *in, size_t bytes);

/* The format actually read (after detection). */
enum crm_infmt crm_input_format(const struct crm_input *in);

/*
 * Read the next record.  Returns 1 and fills rec, 0 at the end, or a negative
 * status (-CRM_DATAERR, -CRM_IOERR) with err set to "NAME:LINE: reason"
 * (e.g. "in.csv:12: unterminated quoted field", "in.csv:7: 5 fields, the
 * header has 4", "in.json:3: expected an object").
 */
int crm_input_next(struct crm_input *in, struct crm_record_in *rec, struct crm_err *err);

void crm_input_close(struct crm_input *in);

/*
 * Read a list of record ids from f, calling fn(id, line, ctx) for each one;
 * stops and returns fn's status when it is non-zero.  The list may be plain
 * ids one a line (blank lines skipped), or CSV / JSON / JSON Lines with an
 * "id" column or key (any `list` output).  A line that is not a positive
 * integer is CRM_DATAERR ("stdin:4: 'abc' is not a record id").
 */
int crm_input_read_ids(FILE *f, const char *name, int (*fn)(long long id, size_t line, void *ctx),
                       void *ctx, struct crm_err *err);

#endif
