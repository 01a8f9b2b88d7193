/*
 * ics.c - iCalendar content lines (ics.h).
 */
#include "ics.h"

#include <stdio.h>
#include <string.h>


/* Fold one logical line (without CRLF) into out: at most 75 octets a line,
 * continuation lines start with a space; never inside a UTF-8 sequence. */
static void fold(struct crm_buf *out, const char *line, size_t n)
{
    size_t i = 0, width = 75;
    while (n - i > width) {
        size_t cut = i + width;
        while (cut > i && ((unsigned char)line[cut] & 0xC0) == 0x80)
            cut--;
        crm_buf_add(out, line + i, cut - i);
        crm_buf_puts(out, "\r\n ");
        i = cut;
        width = 74; /* the leading space counts */
    }
    crm_buf_add(out, line + i, n - i);
    crm_buf_puts(out, "\r\n");
}

void crm_ics_raw(struct crm_buf *out, const char *name, const char *value)
{
    struct crm_buf l = CRM_BUF_INIT;
    crm_buf_printf(&l, "%s:%s", name, value);
    fold(out, crm_buf_str(&l), l.len);
    crm_buf_free(&l);
}

void crm_ics_text(struct crm_buf *out, const char *name, const char *value)
{
    struct crm_buf l = CRM_BUF_INIT;
    crm_buf_printf(&l, "%s:", name);
    for (const char *p = value; *p; p++) {
        switch (*p) {
        case '\\': crm_buf_puts(&l, "\\\\"); break;
        case ';': crm_buf_puts(&l, "\\;"); break;
        case ',': crm_buf_puts(&l, "\\,"); break;
        case '\n': crm_buf_puts(&l, "\\n"); break;
        case '\r': break;
        default:
            if ((unsigned char)*p < 0x20 && *p != '\t')
                crm_buf_putc(&l, ' ');
            else
                crm_buf_putc(&l, *p);
        }
    }
    fold(out, crm_buf_str(&l), l.len);
    crm_buf_free(&l);
}

void crm_ics_time(struct crm_buf *out, const char *name, const char *stored)
{
    /* "2026-01-15T10:00:00Z" -> "20260115T100000Z" */
    char v[17];
    size_t k = 0;
    for (const char *p = stored; *p && k < 16; p++)
        if (*p != '-' && *p != ':')
            v[k++] = *p;
    v[k] = '\0';
    crm_ics_raw(out, name, v);
}
