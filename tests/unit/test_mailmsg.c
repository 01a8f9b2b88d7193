/* The RFC 5322 / MIME reader: fields unfolded, encoded-words, mailboxes,
 * text/plain found in multiparts and transfer-decoded, malformed input. */
#include <stdlib.h>
#include <string.h>

#include "mailmsg.h"
#include "t.h"

static struct crm_msg m;
static struct crm_err err;

static int parse(const char *s)
{
    crm_msg_free(&m);
    return crm_msg_parse(s, strlen(s), &m, &err);
}

static const char *decoded(const char *v)
{
    static struct crm_buf b = CRM_BUF_INIT;
    crm_buf_reset(&b);
    crm_msg_decode_words(v, &b);
    return crm_buf_str(&b);
}

static void test_fields(void)
{
    T_INT(parse("From: Ann <ann@example.com>\r\nSubject: a long\r\n\tsubject line\r\n"
                "X-Empty:\r\n\r\nHello\r\nworld\r\n"),
          CRM_OK, "a CRLF message parses");
    T_STR(crm_msg_get(&m, "subject"), "a long\tsubject line", "folded fields are unfolded");
    T_STR(crm_msg_get(&m, "X-EMPTY"), "", "names in any case; empty values");
    T_STR(crm_msg_get(&m, "Cc"), NULL, "a missing field is NULL");
    T_STR(m.text, "Hello\nworld", "the body, LF line ends, trailing newline dropped");
    T_OK(m.has_text, "a message without Content-Type is text/plain");
    T_INT(parse("From ann@example.com Thu Jan 15 10:00:00 2026\nFrom: ann@example.com\n\nx\n"),
          CRM_OK, "an mbox From_ line is skipped");
    T_STR(crm_msg_get(&m, "from"), "ann@example.com", "and the fields follow");
    T_INT(parse("From: a@b.c\nthis is no field\n\nbody\n"), CRM_DATAERR, "a line that is no field");
    T_OK(strstr(err.msg, "line 2") != NULL, "is an error with its line: %s", err.msg);
    T_INT(parse(""), CRM_DATAERR, "an empty message is an error");
    T_INT(parse("\n\nbody only\n"), CRM_DATAERR, "a body without fields is an error");
    T_INT(parse("Subject: no body"), CRM_OK, "a message without a body parses");
    T_STR(m.text, "", "with an empty text");
}

static void test_words(void)
{
    T_STR(decoded("=?UTF-8?Q?Caf=C3=A9_au_lait?="), "Café au lait", "Q encoding, UTF-8");
    T_STR(decoded("=?utf-8?B?0J/RgNC40LLQtdGC?="), "Привет", "B encoding, UTF-8");
    T_STR(decoded("=?utf-8?q?a?= =?utf-8?q?b?="), "ab", "blanks between encoded-words dropped");
    T_STR(decoded("Re: =?utf-8?q?caf=C3=A9?= [T-000001]"), "Re: café [T-000001]",
          "plain text around a word kept");
    T_STR(decoded("=?koi8-r?b?8NLJ18XU?="), "Привет", "KOI8-R through iconv");
    T_STR(decoded("=?windows-1251?q?=CF=F0=E8=E2=E5=F2?="), "Привет", "Windows-1251");
    T_STR(decoded("=?iso-8859-1?q?M=FCller?="), "Müller", "Latin-1");
    T_STR(decoded("=?x-unknown?q?abc?="), "=?x-unknown?q?abc?=", "an unknown charset is kept as written");
    T_STR(decoded("=?utf-8?q?broken"), "=?utf-8?q?broken", "an unfinished word is text");
    T_STR(decoded("=?utf-8*en?q?hi?="), "hi", "a language tag (RFC 2231) is ignored");
}

static void test_mailbox(void)
{
    struct crm_buf name = CRM_BUF_INIT, addr = CRM_BUF_INIT;
    T_INT(crm_msg_mailbox("\"Lee, Ann\" <ann@example.com>", &name, &addr, &err), CRM_OK, "quoted name");
    T_STR(crm_buf_str(&name), "Lee, Ann", "the name unquoted");
    T_STR(crm_buf_str(&addr), "ann@example.com", "the address");
    crm_msg_mailbox("=?utf-8?b?0IbQstCw0L0g0J/QtdGC0YDQtdC90LrQvg==?= <ivan@example.ua>", &name,
                     &addr, &err);
    T_STR(crm_buf_str(&name), "Іван Петренко", "an encoded name");
    crm_msg_mailbox("bob@example.com (Bob Smith)", &name, &addr, &err);
    T_STR(crm_buf_str(&addr), "bob@example.com", "address with a comment");
    T_STR(crm_buf_str(&name), "Bob Smith", "the comment is the name");
    crm_msg_mailbox("carol@example.com, dave@example.com", &name, &addr, &err);
    T_STR(crm_buf_str(&addr), "carol@example.com", "the first of several");
    T_STR(crm_buf_str(&name), "", "no name");
    T_INT(crm_msg_mailbox("undisclosed-recipients:;", &name, &addr, &err), CRM_DATAERR,
          "no address is an error");
    crm_buf_free(&name);
    crm_buf_free(&addr);
}

static void test_mime(void)
{
    T_INT(parse("From: a@b.c\nMIME-Version: 1.0\n"
                "Content-Type: multipart/mixed; boundary=\"outer\"\n\n"
                "preamble\n--outer\n"
                "Content-Type: multipart/alternative; boundary=inner\n\n"
                "--inner\nContent-Type: text/html\n\n<p>html</p>\n"
                "--inner\nContent-Type: text/plain; charset=utf-8\n"
                "Content-Transfer-Encoding: quoted-printable\n\n"
                "Caf=C3=A9 is =\nopen\n--inner--\n"
                "--outer\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nAAAA\n"
                "--outer--\n"),
          CRM_OK, "a nested multipart parses");
    T_STR(m.text, "Café is open", "the text/plain part, quoted-printable with a soft break");
    T_INT(parse("From: a@b.c\nContent-Type: text/plain; charset=koi8-r\n"
                "Content-Transfer-Encoding: base64\n\n8NLJ18XU\n"),
          CRM_OK, "a base64 KOI8-R body");
    T_STR(m.text, "Привет", "is converted to UTF-8");
    T_INT(parse("From: a@b.c\nContent-Type: text/plain; charset=iso-8859-1\n\nM\xfcller\n"),
          CRM_OK, "an 8-bit Latin-1 body");
    T_STR(m.text, "Müller", "is converted to UTF-8");
    T_INT(parse("From: a@b.c\nContent-Type: text/plain\n\nM\xfcller\n"), CRM_OK,
          "8-bit text without a charset");
    T_STR(m.text, "Müller", "is read as Windows-1252 when it is not UTF-8");
    T_INT(parse("From: a@b.c\nContent-Type: text/html\n\n<p>x</p>\n"), CRM_OK, "HTML only");
    T_OK(!m.has_text && strcmp(m.text, "") == 0, "has no text");
    T_INT(parse("From: a@b.c\nContent-Type: multipart/mixed\n\nx\n"), CRM_DATAERR,
          "a multipart without a boundary is an error");
    T_INT(parse("From: a@b.c\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\nQ\n"),
          CRM_DATAERR, "cut base64 is an error");
}

int main(void)
{
    test_fields();
    test_words();
    test_mailbox();
    test_mime();
    crm_msg_free(&m);
    return t_done();
}
