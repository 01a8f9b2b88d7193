#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

void crm_buf_grow(struct crm_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;

    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    b->s = crm_xrealloc(b->s, cap);
    b->cap = cap;
    b->s[b->len] = '\0';
}

void crm_buf_add(struct crm_buf *b, const void *data, size_t n)
{
    crm_buf_grow(b, n);
    if (n)
        memcpy(b->s + b->len, data, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void crm_buf_puts(struct crm_buf *b, const char *s)
{
    crm_buf_add(b, s, strlen(s));
}

void crm_buf_putc(struct crm_buf *b, char c)
{
    crm_buf_grow(b, 1);
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}

void crm_buf_vprintf(struct crm_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    int n;

    va_copy(cp, ap);
    n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return;
    crm_buf_grow(b, (size_t)n);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void crm_buf_printf(struct crm_buf *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    crm_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void crm_buf_reset(struct crm_buf *b)
{
    crm_buf_truncate(b, 0);
}

void crm_buf_truncate(struct crm_buf *b, size_t len)
{
    if (len >= b->len)
        return;
    b->len = len;
    b->s[len] = '\0';
}

const char *crm_buf_str(const struct crm_buf *b)
{
    return b->s ? b->s : "";
}

char *crm_buf_detach(struct crm_buf *b)
{
    char *s = b->s ? b->s : crm_xstrdup("");

    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void crm_buf_free(struct crm_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}
