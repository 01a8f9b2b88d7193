#include "buf.h"
#include "ics.h"
#include "t.h"

#include <string.h>

static void test_fold(void)
{
    struct crm_buf b = CRM_BUF_INIT;
    char v[200];
    memset(v, 'a', sizeof v);
    v[75 - 8] = '\0'; /* "SUMMARY:" + 67 = 75 octets */
    crm_ics_raw(&b, "SUMMARY", v);
    T_INT(b.len, 77, "75 octets: one line");
    T_OK(memcmp(crm_buf_str(&b) + 75, "\r\n", 2) == 0, "ends with CRLF");
    crm_buf_reset(&b);
    v[75 - 8] = 'a';
    v[76 - 8] = '\0';
    crm_ics_raw(&b, "SUMMARY", v);
    T_OK(strcmp(crm_buf_str(&b) + 75, "\r\n a\r\n") == 0, "76 octets: folded after 75");
    crm_buf_reset(&b);
    /* "SUMMARY:" + 66 ASCII + a 2-byte letter would split at octet 75 */
    memset(v, 'a', 66);
    strcpy(v + 66, "жж");
    crm_ics_raw(&b, "SUMMARY", v);
    T_OK(strncmp(crm_buf_str(&b) + 74, "\r\n ж", 5) == 0, "never inside a UTF-8 character");
    crm_buf_reset(&b);
    memset(v, 'b', 200);
    v[199] = '\0';
    crm_ics_raw(&b, "X", v);
    const char *s = crm_buf_str(&b);
    size_t longest = 0, cur = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '\r' && s[i + 1] == '\n') {
            longest = cur > longest ? cur : longest;
            cur = 0;
            i++;
        } else {
            cur++;
        }
    }
    T_INT(longest, 75, "continuation lines at most 75 octets with their space");
    crm_buf_free(&b);
}

static void test_text(void)
{
    struct crm_buf b = CRM_BUF_INIT;
    crm_ics_text(&b, "DESCRIPTION", "a,b;c\\d\r\ne");
    T_STR(crm_buf_str(&b), "DESCRIPTION:a\\,b\\;c\\\\d\\ne\r\n", "TEXT escaped");
    crm_buf_reset(&b);
    crm_ics_time(&b, "DUE", "2026-01-15T10:00:00Z");
    T_STR(crm_buf_str(&b), "DUE:20260115T100000Z\r\n", "UTC date-time");
    crm_buf_free(&b);
}

int main(void)
{
    test_fold();
    test_text();
    return t_done();
}
