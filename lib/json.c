#include "json.h"

#include <stdio.h>

void crm_json_put_string(struct crm_buf *b, const char *s, size_t n)
{
    crm_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': crm_buf_puts(b, "\\\""); break;
        case '\\': crm_buf_puts(b, "\\\\"); break;
        case '\n': crm_buf_puts(b, "\\n"); break;
        case '\r': crm_buf_puts(b, "\\r"); break;
        case '\t': crm_buf_puts(b, "\\t"); break;
        case '\b': crm_buf_puts(b, "\\b"); break;
        case '\f': crm_buf_puts(b, "\\f"); break;
        default:
            if (c < 0x20)
                crm_buf_printf(b, "\\u%04x", c);
            else
                crm_buf_putc(b, (char)c);
        }
    }
    crm_buf_putc(b, '"');
}
