#include "buf.h"
#include "err.h"
#include "mail.h"
#include "t.h"

#include <stdlib.h>
#include <string.h>

static const char *dec(const char *in)
{
    static struct crm_buf b = CRM_BUF_INIT;
    crm_buf_reset(&b);
    crm_mail_decode_header(in, strlen(in), &b);
    return crm_buf_str(&b);
}

static void test_decode(void)
{
    T_STR(dec("plain text"), "plain text", "no encoded words");
    T_STR(dec("=?UTF-8?B?0J/RgNC40LLRltGC?="), "Привіт", "B, UTF-8");
    T_STR(dec("=?utf-8?q?caf=C3=A9_au_lait?="), "café au lait", "Q, underscores are spaces");
    T_STR(dec("=?koi8-r?B?8NLJ18XU?="), "Привет", "B, KOI8-R");
    T_STR(dec("=?windows-1251?Q?=CF=F0=E8=E2=E5=F2?="), "Привет", "Q, windows-1251");
    T_STR(dec("=?utf-8?q?a?= =?utf-8?q?b?="), "ab", "blanks between encoded words dropped");
    T_STR(dec("=?utf-8?q?a?=  \t=?utf-8?q?b?="), "ab", "several blanks too");
    T_STR(dec("x =?utf-8?q?a?= y"), "x a y", "blanks next to text kept");
    T_STR(dec("=?utf-8*uk?q?a?="), "a", "RFC 2231 language dropped");
    T_STR(dec("=?x-unknown?q?a?="), "=?x-unknown?q?a?=", "unknown charset kept as is");
    T_STR(dec("=?utf-8?B?!!!?="), "=?utf-8?B?!!!?=", "bad base64 kept as is");
    T_STR(dec("=?utf-8?q?a b?="), "=?utf-8?q?a b?=", "a blank inside is no encoded word");
    T_STR(dec("caf\xe9"), "café", "8-bit header read as windows-1252");
}

static int64_t date(const char *s)
{
    int64_t v;
    return crm_mail_parse_date(s, &v) ? -1 : v;
}

static void test_date(void)
{
    /* 2026-01-15T08:00:00Z = 1768464000 */
    T_INT(date("Thu, 15 Jan 2026 10:00:00 +0200"), 1768464000, "with day and offset");
    T_INT(date("15 Jan 2026 08:00:00 GMT"), 1768464000, "GMT, no day");
    T_INT(date("Thu, 15 Jan 2026 03:00:00 -0500 (EST)"), 1768464000, "comment after");
    T_INT(date("Thu, 15 Jan 2026 03:00 EST"), 1768464000, "EST, no seconds");
    T_INT(date("Thu,15 Jan 26 08:00:00 +0000"), 1768464000, "two-digit year, no blank after the comma");
    T_INT(date("  15   jan   2026   08:00:00   UT "), 1768464000, "any case, extra blanks");
    T_INT(date("Thu, 15 Jan 2026 08:00:00 A"), 1768464000, "military zone: UTC");
    T_INT(date("yesterday"), -1, "not a date");
    T_INT(date("Thu, 32 Jan 2026 08:00:00 +0000"), -1, "day 32");
    T_INT(date("Thu, 15 Foo 2026 08:00:00 +0000"), -1, "bad month");
    T_INT(date("Thu, 15 Jan 2026 08:00:00 +02"), -1, "short offset");
    T_INT(date("Thu, 15 Jan 2026 08:00:00 +0200 junk"), -1, "junk after");
}

static void test_addresses(void)
{
    char **a = NULL;
    size_t n = 0;
    crm_mail_addresses("\"Doe, John\" <john@x.com>, ann@y.org (Ann, at Y), Team: bob@z.net, "
                       "<carol@w.io>; undisclosed-recipients:;",
                       &a, &n);
    T_INT(n, 4, "four addresses");
    if (n == 4) {
        T_STR(a[0], "john@x.com", "quoted display name with a comma");
        T_STR(a[1], "ann@y.org", "bare address with a comment");
        T_STR(a[2], "bob@z.net", "group member");
        T_STR(a[3], "carol@w.io", "angle address in a group");
    }
    for (size_t i = 0; i < n; i++)
        free(a[i]);
    free(a);
}

struct collect {
    size_t n;
    char msgs[4][200];
};

static int collect(const char *msg, size_t len, size_t number, void *arg)
{
    struct collect *c = arg;
    if (c->n < 4 && len < 200) {
        memcpy(c->msgs[c->n], msg, len);
        c->msgs[c->n][len] = '\0';
    }
    c->n++;
    T_INT(number, c->n, "messages numbered from 1");
    return 0;
}

static void test_mbox(void)
{
    const char *mbox = "From a@b Thu Jan 15 08:00:00 2026\nFrom: a@b\n\n>From here\n>>From there\n\n"
                       "From c@d Thu Jan 15 09:00:00 2026\nFrom: c@d\n\nbody\n";
    struct collect c = {0};
    crm_mbox_each(mbox, strlen(mbox), collect, &c);
    T_INT(c.n, 2, "two messages");
    T_STR(c.msgs[0], "From: a@b\n\nFrom here\n>From there\n", "From_ line dropped, >From unescaped");
    T_STR(c.msgs[1], "From: c@d\n\nbody\n", "last message");
}

static void test_parse(void)
{
    const char *msg = "From: Ann <ann@x.com>\r\nSubject: =?utf-8?q?Hello?=\r\n =?utf-8?q?_World?=\r\n"
                      "Date: Thu, 15 Jan 2026 10:00:00 +0200\r\n\r\nHi\r\n";
    struct crm_mail m;
    struct crm_err err = {0};
    T_INT(crm_mail_parse(msg, strlen(msg), &m, &err), CRM_OK, "parses");
    T_STR(m.subject, "Hello World", "folded subject unfolded and decoded");
    T_INT(m.date, 1768464000, "date");
    T_OK(m.message_id && strstr(m.message_id, "@crm.no-message-id"), "an id made when there is none");
    T_STR(m.body, "Hi", "body");
    char *id1 = m.message_id ? strdup(m.message_id) : NULL;
    crm_mail_free(&m);
    crm_mail_parse(msg, strlen(msg), &m, &err);
    T_STR(m.message_id, id1, "the same message gets the same id");
    free(id1);
    crm_mail_free(&m);
    const char *q = "From: =?utf-8?q?O=22Brien=2C_Pat?= <pat@x.com>\n\n";
    T_INT(crm_mail_parse(q, strlen(q), &m, &err), CRM_OK, "encoded quote and comma in a name");
    char **a = NULL;
    size_t n = 0;
    crm_mail_addresses(m.from_raw, &a, &n);
    T_INT(n, 1, "one address in the raw From");
    if (n)
        T_STR(a[0], "pat@x.com", "found despite the quote in the decoded name");
    for (size_t i = 0; i < n; i++)
        free(a[i]);
    free(a);
    T_STR(m.from, "O\"Brien, Pat <pat@x.com>", "decoded From for people");
    crm_mail_free(&m);
    const char *bad = "Subject: x\n\nbody\n";
    T_INT(crm_mail_parse(bad, strlen(bad), &m, &err), CRM_DATAERR, "no From");
    T_STR(err.msg, "no From: header", "says why");
    crm_mail_free(&m);
    const char *cont = " folded first\nFrom: a@b\n\n";
    T_INT(crm_mail_parse(cont, strlen(cont), &m, &err), CRM_DATAERR, "continuation first");
    crm_mail_free(&m);
}

int main(void)
{
    test_decode();
    test_date();
    test_addresses();
    test_mbox();
    test_parse();
    return t_done();
}
