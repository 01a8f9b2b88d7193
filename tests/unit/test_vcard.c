#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "vcard.h"

static struct crm_vcard *c;

/* Feed lines; the value of field `key` of the finished card, or NULL. */
static const char *field(const char *key)
{
    char **k, **v;
    size_t n = crm_vcard_record(c, &k, &v);
    for (size_t i = 0; i < n; i++)
        if (strcmp(k[i], key) == 0)
            return v[i];
    return NULL;
}

static int feed_all(const char *const *lines)
{
    struct crm_err err = {0, ""};
    int rc = 0;
    for (size_t i = 0; lines[i]; i++)
        if ((rc = crm_vcard_feed(c, lines[i], strlen(lines[i]), &err)) < 0) {
            printf("# %s\n", err.msg);
            return rc;
        }
    return rc;
}

static void test_read(void)
{
    static const char *const card[] = {"BEGIN:VCARD", "VERSION:3.0", "N:Lee;Ann;Marie;Dr.;",
                                       "EMAIL;TYPE=HOME:home@x.example",
                                       "EMAIL;TYPE=WORK;TYPE=PREF:work@x.example",
                                       "TEL;TYPE=CELL:+1 555 0100", "TEL:tel:+1-555-0101;ext=12",
                                       "ORG:Acme\\, Inc.;R&D", "NOTE:a\\nb\\;c\\\\d",
                                       "CATEGORIES:x,y\\,z", "BDAY:--0415", "X-FOO;A=\"b:c\":bar",
                                       "END:VCARD", NULL};
    T_INT(feed_all(card), 1, "a 3.0 card ends at END:VCARD");
    T_STR(field("first_name"), "Ann Marie", "given and additional names");
    T_STR(field("last_name"), "Lee", "family name");
    T_STR(field("email"), "work@x.example", "the preferred email wins");
    T_STR(field("mobile"), "+1 555 0100", "TYPE=CELL is the mobile");
    T_STR(field("phone"), "+1-555-0101 ext 12", "tel: URI and ;ext=");
    T_STR(field("account"), "Acme, Inc.", "ORG first component, comma unescaped");
    T_STR(field("department"), "R&D", "ORG second component");
    T_STR(field("notes"), "a\nb;c\\d", "escapes in text");
    T_STR(field("tags"), "x;y,z", "CATEGORIES split on unescaped commas");
    T_STR(field("vcard"), "EMAIL;TYPE=HOME:home@x.example\nBDAY:--0415\nX-FOO;A=\"b:c\":bar",
          "unknown and second properties kept, quoted ':' in a parameter");

    static const char *const qp[] = {
        "BEGIN:VCARD", "VERSION:2.1",
        "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen", "END:VCARD", NULL};
    T_INT(feed_all(qp), 1, "a 2.1 card");
    T_STR(field("last_name"), "Müller", "QUOTED-PRINTABLE in ISO-8859-1");
    T_STR(field("first_name"), "Jürgen", "every component converted");

    static const char *const fn_only[] = {"BEGIN:VCARD", "FN:Mary Ann Smith", "END:VCARD", NULL};
    T_INT(feed_all(fn_only), 1, "a card with FN only");
    T_STR(field("first_name"), "Mary Ann", "FN split: first names");
    T_STR(field("last_name"), "Smith", "FN split: the last word");

    struct crm_err err = {0, ""};
    T_INT(crm_vcard_feed(c, "FN:x", 4, &err), -CRM_DATAERR, "a property outside a card");
    T_OK(strstr(err.msg, "expected BEGIN:VCARD") != NULL, "says what was expected");
    struct crm_buf l = CRM_BUF_INIT;
    crm_buf_puts(&l, "NOTE;ENCODING=QUOTED-PRINTABLE:abc=");
    T_INT(crm_vcard_qp_continues(&l), 1, "a QP soft line break");
    T_STR(crm_buf_str(&l), "NOTE;ENCODING=QUOTED-PRINTABLE:abc", "the '=' is removed");
    crm_buf_reset(&l);
    crm_buf_puts(&l, "NOTE:abc=");
    T_INT(crm_vcard_qp_continues(&l), 0, "no QP, no soft break");
    crm_buf_free(&l);
}

static void test_write(void)
{
    const char *names[] = {"id", "first_name", "last_name", "email", "notes", "tags", "created_at"};
    char longnote[200];
    memset(longnote, 0, sizeof longnote);
    for (int i = 0; i < 40; i++)
        strcat(longnote, "ж,");
    const char *vals[] = {"7", "Ann", "Lee", "ann@x.example", longnote, "a;b,c",
                          "2026-01-15T10:00:00Z"};
    struct crm_buf out = CRM_BUF_INIT;
    crm_vcard_write(&out, names, vals, 7, 40);
    const char *s = crm_buf_str(&out);
    T_OK(strncmp(s, "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:", 39) == 0, "4.0 with a UID");
    int longest = 0, cur = 0, bad = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '\r') {
            if (cur > longest)
                longest = cur;
            cur = -1;
        } else {
            cur++;
        }
        if (p[0] == '\n' && p[1] == ' ' && ((unsigned char)p[2] & 0xC0) == 0x80)
            bad = 1;
    }
    T_OK(longest <= 75, "lines of at most 75 octets (longest %d)", longest);
    T_OK(!bad, "no line starts inside a UTF-8 sequence");
    T_OK(strstr(s, "CATEGORIES:a,b\\,c\r\n") != NULL, "tags escaped and joined by commas");
    T_OK(strstr(s, "N:Lee;Ann;;;\r\n") != NULL, "N");
    char uid[64];
    const char *u = strstr(s, "UID:") + 4;
    snprintf(uid, sizeof uid, "%.45s", u);
    T_INT(crm_vcard_uid_id(uid), 7, "the made-up UID gives the id back");
    T_INT(crm_vcard_uid_id("6D4E2F1A-3B5C-4D7E-8F90-A1B2C3D4E5F6"), 0, "another UID does not");
    crm_buf_free(&out);
}

int main(void)
{
    c = crm_vcard_new();
    test_read();
    test_write();
    crm_vcard_free(c);
    return t_done();
}
