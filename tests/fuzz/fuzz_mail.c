/*
 * fuzz_mail.c - RFC 5322 messages: lib/mail.h (crm-activity mail import:
 * parse, header decoding, dates, address lists, mbox splitting) and
 * lib/mailmsg.h (ticket mail intake).  Byte 0 picks the entry point.
 */
#include "buf.h"
#include "err.h"
#include "fuzz.h"
#include "mail.h"
#include "mailmsg.h"

static int one(const char *msg, size_t len, size_t number, void *arg)
{
    (void)number;
    (void)arg;
    struct crm_mail m;
    struct crm_err err;
    crm_err_clear(&err);
    (void)crm_mail_parse(msg, len, &m, &err);
    crm_mail_free(&m);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned mode = data[0];
    const char *d = (const char *)data + 1;
    size_t n = size - 1;
    char *s = fuzz_str(data + 1, n);
    struct crm_err err;
    crm_err_clear(&err);
    struct crm_buf a = CRM_BUF_INIT, b = CRM_BUF_INIT;
    switch (mode % 6) {
    case 0: {
        struct crm_mail m;
        if (crm_mail_parse(d, n, &m, &err) == 0 && m.from_raw) {
            char **addrs = NULL;
            size_t na = 0;
            crm_mail_addresses(m.from_raw, &addrs, &na);
            for (size_t i = 0; i < na; i++)
                free(addrs[i]);
            free(addrs);
        }
        crm_mail_free(&m);
        break;
    }
    case 1:
        crm_mail_decode_header(d, n, &a);
        crm_msg_decode_words(s, &b);
        break;
    case 2: {
        int64_t t;
        (void)crm_mail_parse_date(s, &t);
        break;
    }
    case 3: {
        char **addrs = NULL;
        size_t na = 0;
        crm_mail_addresses(s, &addrs, &na);
        for (size_t i = 0; i < na; i++)
            free(addrs[i]);
        free(addrs);
        (void)crm_msg_mailbox(s, &a, &b, &err);
        break;
    }
    case 4:
        (void)crm_mbox_each(d, n, one, NULL);
        break;
    default: {
        struct crm_msg m;
        if (crm_msg_parse(d, n, &m, &err) == 0) {
            (void)crm_msg_get(&m, "Subject");
            const char *from = crm_msg_get(&m, "From");
            if (from)
                (void)crm_msg_mailbox(from, &a, &b, &err);
        }
        crm_msg_free(&m);
        break;
    }
    }
    crm_buf_free(&a);
    crm_buf_free(&b);
    free(s);
    return 0;
}
