/*
 * buf.h - a growable byte string.
 *
 * Invariant: when cap > 0, s[len] == '\0' (always NUL-terminated) and len
 * excludes the terminator; a zeroed struct (CRM_BUF_INIT) is a valid empty
 * buffer whose crm_buf_str() is "".  The buffer owns s; crm_buf_free()
 * releases it, crm_buf_detach() hands it to the caller (who frees it).
 */
#ifndef CRM_BUF_H
#define CRM_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct crm_buf {
    char *s;
    size_t len;
    size_t cap;
};

#define CRM_BUF_INIT {NULL, 0, 0}

void crm_buf_grow(struct crm_buf *b, size_t extra);
void crm_buf_add(struct crm_buf *b, const void *data, size_t n);
void crm_buf_puts(struct crm_buf *b, const char *s);
void crm_buf_putc(struct crm_buf *b, char c);
void crm_buf_printf(struct crm_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void crm_buf_vprintf(struct crm_buf *b, const char *fmt, va_list ap);
void crm_buf_reset(struct crm_buf *b);       /* len = 0, keeps the memory */
void crm_buf_truncate(struct crm_buf *b, size_t len);
const char *crm_buf_str(const struct crm_buf *b); /* never NULL */
char *crm_buf_detach(struct crm_buf *b);     /* caller frees; b becomes empty */
void crm_buf_free(struct crm_buf *b);

#endif
