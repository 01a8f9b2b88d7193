/*
 * err.h - error values and the one place they become exit codes.
 *
 * The library never prints and never exits: a function that can fail returns
 * an int status (CRM_OK or one of the codes below) and fills a struct crm_err
 * with a message for people.  cmd/ prints the message and exits with the
 * status; the status values *are* the exit codes of CLI.md section 7, so the
 * mapping lives here and nowhere else.
 *
 * Ownership: struct crm_err is a plain value owned by the caller; it holds no
 * pointers and needs no freeing.
 */
#ifndef CRM_ERR_H
#define CRM_ERR_H

#include <stddef.h>

enum crm_status {
    CRM_OK = 0,
    CRM_NOTFOUND = 1,   /* a named record does not exist; check found a problem */
    CRM_USAGE = 64,     /* bad option, argument or --where */
    CRM_DATAERR = 65,   /* bad input data */
    CRM_NOINPUT = 66,   /* no such input file, or no database */
    CRM_SOFTWARE = 70,  /* internal error: a bug */
    CRM_CANTCREAT = 73, /* cannot create the database or an output file */
    CRM_IOERR = 74,     /* read or write failed */
    CRM_TEMPFAIL = 75,  /* database stayed locked past the busy timeout */
};

struct crm_err {
    int status;
    char msg[2048];
};

/* Set status and message; returns status so callers can `return crm_err_set(...)`. */
int crm_err_set(struct crm_err *e, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Put context ("file.csv:12: ") in front of the message already in e; returns e->status. */
int crm_err_prefix(struct crm_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void crm_err_clear(struct crm_err *e);

/* The exit code for a status (identity for known codes, 70 for anything else). */
int crm_exit_code(int status);

/*
 * Out of memory is the one failure the library does not return: like git's
 * xmalloc, these print "out of memory" and exit 70, because no caller could do
 * anything better and checking every small allocation would hide the logic.
 */
void *crm_xmalloc(size_t n);
void *crm_xcalloc(size_t n, size_t size);
void *crm_xrealloc(void *p, size_t n);
char *crm_xstrdup(const char *s);
char *crm_xstrndup(const char *s, size_t n);

#endif
