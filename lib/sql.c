#include "sql.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

void crm_sql_add(struct crm_sql *q, const char *text)
{
    crm_buf_puts(&q->text, text);
}

void crm_sql_addf(struct crm_sql *q, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    crm_buf_vprintf(&q->text, fmt, ap);
    va_end(ap);
}

static struct crm_bind *push_bind(struct crm_sql *q)
{
    if (q->nbinds == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 8;
        q->binds = crm_xrealloc(q->binds, q->cap * sizeof *q->binds);
    }
    crm_buf_putc(&q->text, '?');
    struct crm_bind *b = &q->binds[q->nbinds++];
    memset(b, 0, sizeof *b);
    return b;
}

void crm_sql_bind_textn(struct crm_sql *q, const char *s, size_t n)
{
    struct crm_bind *b = push_bind(q);
    b->kind = CRM_BIND_TEXT;
    b->s = crm_xstrndup(s, n);
}

void crm_sql_bind_text(struct crm_sql *q, const char *s)
{
    if (!s) {
        crm_sql_bind_null(q);
        return;
    }
    crm_sql_bind_textn(q, s, strlen(s));
}

void crm_sql_bind_int(struct crm_sql *q, int64_t i)
{
    struct crm_bind *b = push_bind(q);
    b->kind = CRM_BIND_INT;
    b->i = i;
}

void crm_sql_bind_null(struct crm_sql *q)
{
    push_bind(q)->kind = CRM_BIND_NULL;
}

void crm_sql_append(struct crm_sql *q, const struct crm_sql *frag)
{
    const char *t = crm_buf_str(&frag->text);
    size_t bi = 0;

    /* Re-walk the fragment so each '?' keeps its value in order. */
    for (; *t; t++) {
        if (*t != '?') {
            crm_buf_putc(&q->text, *t);
            continue;
        }
        const struct crm_bind *b = &frag->binds[bi++];
        if (b->kind == CRM_BIND_INT)
            crm_sql_bind_int(q, b->i);
        else if (b->kind == CRM_BIND_TEXT)
            crm_sql_bind_text(q, b->s);
        else
            crm_sql_bind_null(q);
    }
}

void crm_sql_reset(struct crm_sql *q)
{
    for (size_t i = 0; i < q->nbinds; i++)
        free(q->binds[i].s);
    q->nbinds = 0;
    crm_buf_reset(&q->text);
}

void crm_sql_free(struct crm_sql *q)
{
    crm_sql_reset(q);
    free(q->binds);
    q->binds = NULL;
    q->cap = 0;
    crm_buf_free(&q->text);
}

void crm_sql_ident(struct crm_sql *q, const char *name)
{
    crm_buf_putc(&q->text, '"');
    for (; *name; name++) {
        if (*name == '"')
            crm_buf_putc(&q->text, '"');
        crm_buf_putc(&q->text, *name);
    }
    crm_buf_putc(&q->text, '"');
}
