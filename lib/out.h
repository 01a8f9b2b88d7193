/*
 * out.h - the printers: one interface, several formats (like notmuch's
 * sprinter).  A command describes its columns once (name and kind), then
 * hands rows of display text; the printer decides quoting, JSON types and
 * alignment.
 *
 *   table  aligned columns for people, widths in display columns (CJK is 2
 *          wide); values longer than 40 columns are cut with "…" (only here).
 *          Rows are buffered to measure widths (tables are for people, not
 *          for ten million rows).  A NULL prints as empty.  Control
 *          characters (newline, tab, escape) show as a space.
 *   csv    RFC 4180: header first, fields with , " CR or LF quoted, quotes
 *          doubled, LF line ends, UTF-8 without BOM; NULL is an empty field
 *          and the empty string is "" (as PostgreSQL's COPY writes them), so
 *          input.c reads them back as NULL and "".  Leading and trailing
 *          blanks are kept and not quoted.
 *   tsv    tab-separated; \t \n \r and \\ escaped in values; NULL is empty.
 *   (csv and tsv with safe_csv: a value starting with = + - @ TAB or CR gets
 *          a ' in front, except a valid number in a NUMBER column.)
 *   json   one array of objects; NULL is null; numbers and booleans unquoted;
 *          tags an array of strings.  Written as it goes (no json_t per row).
 *          A NUMBER (BOOL) value that is not a JSON number (true/false/1/0)
 *          is written as a string, and "" in a NUMBER, BOOL or JSON column as
 *          null, so the output is always valid JSON.
 *   jsonl  one object a line, flushed after each line.
 *   vcard  one vCard a row from the columns named like contact fields
 *          (vcard.h); only where a tool allows it (crm_out_allow_vcard).
 *
 * Errors: every write is checked; crm_out_row and crm_out_end return
 * CRM_IOERR ("write error: No space left on device") when stdout fails.
 * Ownership: the printer copies nothing it does not need; it owns its
 * buffered table rows and frees them in crm_out_end/crm_out_free.
 */
#ifndef CRM_OUT_H
#define CRM_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

enum crm_outfmt { CRM_OUT_TABLE, CRM_OUT_CSV, CRM_OUT_TSV, CRM_OUT_JSON, CRM_OUT_JSONL, CRM_OUT_VCARD };

/* How a column is written in JSON (and aligned in a table: numbers right). */
enum crm_colkind {
    CRM_COL_TEXT,   /* JSON string */
    CRM_COL_NUMBER, /* JSON number: the text is written as is ("12.50", "-3") */
    CRM_COL_BOOL,   /* "1"/"true" -> true, "0"/"false" -> false */
    CRM_COL_TAGS,   /* "a;b;c" -> ["a","b","c"]; "" -> [] */
    CRM_COL_JSON,   /* the text is already JSON (nested objects, e.g. history values) */
};

struct crm_col {
    const char *name;
    enum crm_colkind kind;
};

struct crm_out;

/* "table", "csv", "tsv", "json", "jsonl" (and "vcard" when allowed); CRM_USAGE
 * naming the allowed ones. */
int crm_out_format_parse(const char *name, enum crm_outfmt *fmt, struct crm_err *err);

/* The default format: table when f is a terminal, else csv. */
enum crm_outfmt crm_out_default_format(FILE *f);

struct crm_out_opts {
    int no_header; /* csv/tsv/table without the header line */
    int color;     /* table: bold header (off when NO_COLOR or not a tty) */
    int safe_csv;  /* neutralise spreadsheet formulas (= + - @ tab CR) */
    int vcard_version; /* vcard: 40 (default, also for 0) or 30 */
};

/* Accept the format name "vcard" in crm_out_format_parse (crm-contact). */
void crm_out_allow_vcard(void);

/* Start a printer on f for ncols columns (cols copied). */
struct crm_out *crm_out_new(FILE *f, enum crm_outfmt fmt, const struct crm_col *cols, size_t ncols,
                            const struct crm_out_opts *opts);

/* The header (csv/tsv/table) or the opening bracket (json) is written lazily
 * by the first row or by crm_out_end, so an empty result still gets it. */
int crm_out_row(struct crm_out *o, const char *const *vals, struct crm_err *err);

/* Finish (table: print the buffered rows; json: "]") and flush f.  Checks
 * ferror(f).  Frees the printer. */
int crm_out_end(struct crm_out *o, struct crm_err *err);

/* Free without finishing (after an error). */
void crm_out_free(struct crm_out *o);

/* Write one JSON string literal (RFC 8259 escaping; control characters as
 * \u00XX; valid UTF-8 passed through) to f.  Used by other JSON writers. */
void crm_out_json_string(FILE *f, const char *s, size_t n);

#endif
