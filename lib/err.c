#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int crm_err_set(struct crm_err *e, int status, const char *fmt, ...)
{
    va_list ap;

    if (!e)
        return status;
    e->status = status;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return status;
}

int crm_err_prefix(struct crm_err *e, const char *fmt, ...)
{
    char head[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    size_t hl = strlen(head), ml = strlen(e->msg);
    if (hl >= sizeof e->msg)
        hl = sizeof e->msg - 1;
    if (hl + ml >= sizeof e->msg)
        ml = sizeof e->msg - 1 - hl;
    memmove(e->msg + hl, e->msg, ml);
    memcpy(e->msg, head, hl);
    e->msg[hl + ml] = '\0';
    return e->status;
}

void crm_err_clear(struct crm_err *e)
{
    e->status = CRM_OK;
    e->msg[0] = '\0';
}

int crm_exit_code(int status)
{
    switch (status) {
    case CRM_OK:
    case CRM_NOTFOUND:
    case CRM_USAGE:
    case CRM_DATAERR:
    case CRM_NOINPUT:
    case CRM_SOFTWARE:
    case CRM_CANTCREAT:
    case CRM_IOERR:
    case CRM_TEMPFAIL:
        return status;
    default:
        return CRM_SOFTWARE;
    }
}

static void *oom(void)
{
    fputs("crm: out of memory\n", stderr);
    exit(CRM_SOFTWARE);
}

void *crm_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    return p ? p : oom();
}

void *crm_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    return p ? p : oom();
}

void *crm_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    return q ? q : oom();
}

char *crm_xstrdup(const char *s)
{
    return crm_xstrndup(s, strlen(s));
}

char *crm_xstrndup(const char *s, size_t n)
{
    char *p = crm_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
