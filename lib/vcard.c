/*
 * vcard.c - vCard 2.1, 3.0 and 4.0 to contact fields and back (vcard.h).
 */
#include "vcard.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

enum {
    F_FIRST, F_LAST, F_EMAIL, F_PHONE, F_MOBILE, F_TITLE, F_DEPT, F_ACCOUNT, F_STREET, F_CITY,
    F_REGION, F_POSTCODE, F_COUNTRY, F_BIRTHDAY, F_NOTES, F_TAGS, F_UID, F_VCARD, NF
};

static const char *const field_names[NF] = {
    "first_name", "last_name", "email",    "phone",   "mobile",   "title",
    "department", "account",   "street",   "city",    "region",   "postcode",
    "country",    "birthday",  "notes",    "tags",    "uid",      "vcard"};

/* The properties mapped to fields whose second occurrence goes to "vcard". */
enum { S_EMAIL, S_PHONE, S_MOBILE, S_ADR, NS };

struct crm_vcard {
    int open;
    struct crm_buf f[NF];
    unsigned char has[NF];
    struct crm_buf raw[NS]; /* the source line of each mapped single property */
    int pref[NS];
    int has_n;
    struct crm_buf fn;
    char *keys[NF], *vals[NF];
    size_t nout;
};

struct crm_vcard *crm_vcard_new(void)
{
    return crm_xcalloc(1, sizeof(struct crm_vcard));
}

static void clear_out(struct crm_vcard *c)
{
    for (size_t i = 0; i < c->nout; i++)
        free(c->vals[i]);
    c->nout = 0;
}

static void reset(struct crm_vcard *c)
{
    for (int i = 0; i < NF; i++) {
        crm_buf_reset(&c->f[i]);
        c->has[i] = 0;
    }
    for (int i = 0; i < NS; i++) {
        crm_buf_reset(&c->raw[i]);
        c->pref[i] = 0;
    }
    crm_buf_reset(&c->fn);
    c->has_n = 0;
}

void crm_vcard_free(struct crm_vcard *c)
{
    if (!c)
        return;
    clear_out(c);
    for (int i = 0; i < NF; i++)
        crm_buf_free(&c->f[i]);
    for (int i = 0; i < NS; i++)
        crm_buf_free(&c->raw[i]);
    crm_buf_free(&c->fn);
    free(c);
}

int crm_vcard_open(const struct crm_vcard *c)
{
    return c->open;
}

/* ---- parsing one line ------------------------------------------------- */

struct prop {
    char name[64];
    char types[256];   /* ",work,voice," lower case */
    char encoding[64]; /* upper case */
    char charset[64];
    int pref;
    const char *value;
    size_t vlen;
};

static void lower_into(char *dst, size_t cap, const char *s, size_t n)
{
    size_t len = strlen(dst);
    for (size_t i = 0; i < n && len + 1 < cap; i++)
        dst[len++] = (char)tolower((unsigned char)s[i]);
    dst[len] = '\0';
}

static void add_types(struct prop *p, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ',')
            j++;
        size_t a = i, b = j;
        while (a < b && (s[a] == '"' || s[a] == ' '))
            a++;
        while (b > a && (s[b - 1] == '"' || s[b - 1] == ' '))
            b--;
        if (b > a) {
            if (!p->types[0])
                strcpy(p->types, ",");
            lower_into(p->types, sizeof p->types, s + a, b - a);
            lower_into(p->types, sizeof p->types, ",", 1);
            if (b - a == 4 && strncasecmp(s + a, "pref", 4) == 0)
                p->pref = 1;
        }
        i = j + 1;
    }
}

static void copy_upper(char *dst, size_t cap, const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++)
        if (s[i] != '"')
            dst[k++] = (char)toupper((unsigned char)s[i]);
    dst[k] = '\0';
}

static int parse_param(struct prop *p, const char *s, size_t n)
{
    const char *eq = memchr(s, '=', n);
    if (!eq) {
        char up[64];
        copy_upper(up, sizeof up, s, n);
        if (strcmp(up, "QUOTED-PRINTABLE") == 0 || strcmp(up, "BASE64") == 0 ||
            strcmp(up, "8BIT") == 0 || strcmp(up, "7BIT") == 0)
            snprintf(p->encoding, sizeof p->encoding, "%s", up);
        else
            add_types(p, s, n);
        return 0;
    }
    char key[32];
    copy_upper(key, sizeof key, s, (size_t)(eq - s));
    const char *v = eq + 1;
    size_t vn = n - (size_t)(v - s);
    if (strcmp(key, "TYPE") == 0)
        add_types(p, v, vn);
    else if (strcmp(key, "ENCODING") == 0)
        copy_upper(p->encoding, sizeof p->encoding, v, vn);
    else if (strcmp(key, "CHARSET") == 0)
        copy_upper(p->charset, sizeof p->charset, v, vn);
    else if (strcmp(key, "PREF") == 0)
        p->pref = 1;
    return 0;
}

static int parse_line(const char *line, size_t len, struct prop *p, struct crm_err *err)
{
    memset(p, 0, sizeof *p);
    size_t i = 0;
    int quoted = 0;
    while (i < len && (quoted || line[i] != ':')) {
        if (line[i] == '"')
            quoted = !quoted;
        i++;
    }
    if (i == len)
        return crm_err_set(err, CRM_DATAERR, "expected NAME:VALUE, got '%.40s'", line);
    /* name (after any group "item1.") up to the first ';' */
    size_t ne = 0;
    while (ne < i && line[ne] != ';')
        ne++;
    size_t ns = ne;
    while (ns > 0 && line[ns - 1] != '.')
        ns--;
    if (ne == ns)
        return crm_err_set(err, CRM_DATAERR, "a property without a name");
    copy_upper(p->name, sizeof p->name, line + ns, ne - ns);
    size_t k = ne;
    while (k < i) {
        size_t start = ++k;
        quoted = 0;
        while (k < i && (quoted || line[k] != ';')) {
            if (line[k] == '"')
                quoted = !quoted;
            k++;
        }
        if (k > start)
            parse_param(p, line + start, k - start);
    }
    p->value = line + i + 1;
    p->vlen = len - i - 1;
    return CRM_OK;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = toupper(c);
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static int qp_decode(const char *s, size_t n, struct crm_buf *out, struct crm_err *err)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '=') {
            crm_buf_putc(out, s[i]);
            continue;
        }
        if (i + 1 < n && (s[i + 1] == '\r' || s[i + 1] == '\n')) { /* soft break */
            i++;
            if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
                i++;
            continue;
        }
        int h = i + 2 < n ? hexval((unsigned char)s[i + 1]) : -1;
        int l = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
        if (h < 0 || l < 0)
            return crm_err_set(err, CRM_DATAERR, "bad QUOTED-PRINTABLE escape '%.3s'", s + i);
        crm_buf_putc(out, (char)(h * 16 + l));
        i += 2;
    }
    return CRM_OK;
}

static int to_utf8(const char *charset, struct crm_buf *b, struct crm_err *err)
{
    if (!charset[0] || strcmp(charset, "UTF-8") == 0 || strcmp(charset, "UTF8") == 0 ||
        strcmp(charset, "US-ASCII") == 0)
        return CRM_OK;
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return crm_err_set(err, CRM_DATAERR, "unknown CHARSET=%s", charset);
    struct crm_buf out = CRM_BUF_INIT;
    crm_buf_grow(&out, b->len * 4 + 4);
    char *in = b->s, *o = out.s;
    size_t inleft = b->len, outleft = out.cap - 1;
    int rc = CRM_OK;
    if (inleft && iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1)
        rc = crm_err_set(err, CRM_DATAERR, "invalid %s text at byte %zu", charset,
                         (size_t)(in - b->s) + 1);
    iconv_close(cd);
    if (rc == CRM_OK) {
        out.len = (size_t)(o - out.s);
        out.s[out.len] = '\0';
        crm_buf_reset(b);
        crm_buf_add(b, out.s, out.len);
    }
    crm_buf_free(&out);
    return rc;
}

/* The raw value of p, decoded (QP, charset) and checked to be UTF-8. */
static int decoded(const struct prop *p, struct crm_buf *out, struct crm_err *err)
{
    crm_buf_reset(out);
    int rc = CRM_OK;
    if (strcmp(p->encoding, "QUOTED-PRINTABLE") == 0)
        rc = qp_decode(p->value, p->vlen, out, err);
    else
        crm_buf_add(out, p->value, p->vlen);
    if (rc == CRM_OK)
        rc = to_utf8(p->charset, out, err);
    size_t bad;
    if (rc == CRM_OK && !crm_utf8_valid(crm_buf_str(out), out->len, &bad))
        rc = crm_err_set(err, CRM_DATAERR,
                         "%s: invalid UTF-8 at byte %zu of the value (a 2.1 card may name its "
                         "CHARSET)",
                         p->name, bad + 1);
    return rc;
}

/* Component k of a structured value (sep ';' or ','), unescaped. */
static int component(const char *s, size_t n, char sep, size_t k, struct crm_buf *out)
{
    crm_buf_reset(out);
    size_t idx = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < n) {
            char e = s[++i];
            if (idx == k)
                crm_buf_putc(out, e == 'n' || e == 'N' ? '\n' : e);
            continue;
        }
        if (c == sep) {
            if (++idx > k)
                break;
            continue;
        }
        if (idx == k)
            crm_buf_putc(out, c);
    }
    return idx >= k;
}

static void unescape(const char *s, size_t n, struct crm_buf *out)
{
    component(s, n, '\0', 0, out);
}

static void set_field(struct crm_vcard *c, int f, const char *s)
{
    crm_buf_reset(&c->f[f]);
    crm_buf_puts(&c->f[f], s);
    c->has[f] = 1;
}

static void trim(struct crm_buf *b)
{
    if (!b->len)
        return;
    size_t a = 0;
    while (a < b->len && (b->s[a] == ' ' || b->s[a] == '\t'))
        a++;
    size_t e = b->len;
    while (e > a && (b->s[e - 1] == ' ' || b->s[e - 1] == '\t'))
        e--;
    memmove(b->s, b->s + a, e - a);
    crm_buf_truncate(b, e - a);
}

static void keep_extra(struct crm_vcard *c, const char *line, size_t len)
{
    if (c->f[F_VCARD].len)
        crm_buf_putc(&c->f[F_VCARD], '\n');
    crm_buf_add(&c->f[F_VCARD], line, len);
    c->has[F_VCARD] = 1;
}

static int has_type(const struct prop *p, const char *t)
{
    char needle[40];
    snprintf(needle, sizeof needle, ",%s,", t);
    return strstr(p->types, needle) != NULL;
}

/* A property kept once: the first, or a later preferred one; the other goes to "vcard". */
static int take_single(struct crm_vcard *c, int slot, int field, const struct prop *p,
                       const char *line, size_t len)
{
    if (!c->has[field] || (p->pref && !c->pref[slot])) {
        if (c->has[field])
            keep_extra(c, c->raw[slot].s, c->raw[slot].len);
        crm_buf_reset(&c->raw[slot]);
        crm_buf_add(&c->raw[slot], line, len);
        c->pref[slot] = p->pref;
        return 1;
    }
    keep_extra(c, line, len);
    return 0;
}

static int parse_bday(const char *s, char out[11])
{
    char d[9];
    size_t k = 0;
    if (s[0] == '-' && s[1] == '-')
        return 0; /* no year */
    for (size_t i = 0; s[i] && s[i] != 'T' && k < 9; i++) {
        if (isdigit((unsigned char)s[i]))
            d[k++] = s[i];
        else if (s[i] != '-')
            return 0;
    }
    if (k != 8)
        return 0;
    snprintf(out, 11, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
    return 1;
}

static void join_to(struct crm_vcard *c, int f, const char *sep, const char *s)
{
    if (!*s)
        return;
    if (c->has[f] && c->f[f].len)
        crm_buf_puts(&c->f[f], sep);
    crm_buf_puts(&c->f[f], s);
    c->has[f] = 1;
}

static int property(struct crm_vcard *c, const struct prop *p, const char *line, size_t len,
                    struct crm_err *err)
{
    struct crm_buf v = CRM_BUF_INIT, x = CRM_BUF_INIT;
    const char *n = p->name;
    int rc = CRM_OK;
    if (strcmp(n, "VERSION") == 0 || strcmp(n, "PRODID") == 0 || strcmp(n, "REV") == 0)
        goto out;
    if (strcmp(p->encoding, "BASE64") == 0 || strcmp(p->encoding, "B") == 0) {
        keep_extra(c, line, len); /* photos and sounds: kept as they came */
        goto out;
    }
    if ((rc = decoded(p, &v, err)))
        goto out;
    const char *s = crm_buf_str(&v);
    size_t sn = v.len;
    if (strcmp(n, "FN") == 0) {
        unescape(s, sn, &x);
        crm_buf_reset(&c->fn);
        crm_buf_add(&c->fn, x.s, x.len);
    } else if (strcmp(n, "N") == 0) {
        component(s, sn, ';', 0, &x);
        trim(&x);
        if (x.len)
            set_field(c, F_LAST, crm_buf_str(&x));
        component(s, sn, ';', 1, &x);
        trim(&x);
        struct crm_buf mid = CRM_BUF_INIT;
        component(s, sn, ';', 2, &mid);
        trim(&mid);
        if (mid.len)
            crm_buf_printf(&x, "%s%s", x.len ? " " : "", crm_buf_str(&mid));
        crm_buf_free(&mid);
        if (x.len)
            set_field(c, F_FIRST, crm_buf_str(&x));
        c->has_n = c->has[F_LAST] || c->has[F_FIRST];
    } else if (strcmp(n, "EMAIL") == 0) {
        unescape(s, sn, &x);
        trim(&x);
        if (x.len && take_single(c, S_EMAIL, F_EMAIL, p, line, len))
            set_field(c, F_EMAIL, crm_buf_str(&x));
    } else if (strcmp(n, "TEL") == 0) {
        unescape(s, sn, &x);
        trim(&x);
        const char *t = crm_buf_str(&x);
        if (strncasecmp(t, "tel:", 4) == 0)
            t += 4;
        struct crm_buf num = CRM_BUF_INIT;
        for (const char *q = t; *q; q++) {
            if (strncasecmp(q, ";ext=", 5) == 0) {
                crm_buf_puts(&num, " ext ");
                q += 4;
            } else {
                crm_buf_putc(&num, *q);
            }
        }
        int mobile = has_type(p, "cell") || has_type(p, "mobile") || has_type(p, "iphone");
        int other = has_type(p, "fax") || has_type(p, "pager") || has_type(p, "textphone");
        if (!num.len) {
        } else if (other) {
            keep_extra(c, line, len);
        } else if (mobile) {
            if (take_single(c, S_MOBILE, F_MOBILE, p, line, len))
                set_field(c, F_MOBILE, crm_buf_str(&num));
        } else if (take_single(c, S_PHONE, F_PHONE, p, line, len)) {
            set_field(c, F_PHONE, crm_buf_str(&num));
        }
        crm_buf_free(&num);
    } else if (strcmp(n, "ORG") == 0) {
        component(s, sn, ';', 0, &x);
        trim(&x);
        if (x.len)
            set_field(c, F_ACCOUNT, crm_buf_str(&x));
        component(s, sn, ';', 1, &x);
        trim(&x);
        if (x.len)
            set_field(c, F_DEPT, crm_buf_str(&x));
    } else if (strcmp(n, "TITLE") == 0) {
        unescape(s, sn, &x);
        trim(&x);
        if (x.len)
            set_field(c, F_TITLE, crm_buf_str(&x));
    } else if (strcmp(n, "ADR") == 0) {
        if (take_single(c, S_ADR, F_STREET, p, line, len)) {
            static const int map[] = {-1, -1, F_STREET, F_CITY, F_REGION, F_POSTCODE, F_COUNTRY};
            for (int f = F_STREET; f <= F_COUNTRY; f++) {
                c->has[f] = 1;
                crm_buf_reset(&c->f[f]);
            }
            struct crm_buf ext = CRM_BUF_INIT, box = CRM_BUF_INIT;
            component(s, sn, ';', 0, &box);
            component(s, sn, ';', 1, &ext);
            for (size_t k = 2; k < 7; k++) {
                component(s, sn, ';', k, &x);
                trim(&x);
                crm_buf_add(&c->f[map[k]], x.s, x.len);
            }
            trim(&ext);
            trim(&box);
            if (ext.len)
                crm_buf_printf(&c->f[F_STREET], "%s%s", c->f[F_STREET].len ? ", " : "", ext.s);
            if (box.len)
                crm_buf_printf(&c->f[F_STREET], "%s%s", c->f[F_STREET].len ? ", " : "", box.s);
            crm_buf_free(&ext);
            crm_buf_free(&box);
        }
    } else if (strcmp(n, "BDAY") == 0) {
        char d[11];
        unescape(s, sn, &x);
        trim(&x);
        if (parse_bday(crm_buf_str(&x), d))
            set_field(c, F_BIRTHDAY, d);
        else
            keep_extra(c, line, len);
    } else if (strcmp(n, "NOTE") == 0) {
        unescape(s, sn, &x);
        join_to(c, F_NOTES, "\n", crm_buf_str(&x));
    } else if (strcmp(n, "CATEGORIES") == 0) {
        for (size_t k = 0; component(s, sn, ',', k, &x); k++) {
            trim(&x);
            for (size_t i = 0; i < x.len; i++)
                if (x.s[i] == ';')
                    x.s[i] = ' ';
            join_to(c, F_TAGS, ";", crm_buf_str(&x));
        }
    } else if (strcmp(n, "UID") == 0) {
        unescape(s, sn, &x);
        trim(&x);
        if (x.len)
            set_field(c, F_UID, crm_buf_str(&x));
    } else {
        keep_extra(c, line, len);
    }
out:
    crm_buf_free(&v);
    crm_buf_free(&x);
    return rc;
}

int crm_vcard_qp_continues(struct crm_buf *line)
{
    if (!line->len || line->s[line->len - 1] != '=')
        return 0;
    const char *colon = memchr(line->s, ':', line->len);
    if (!colon)
        return 0;
    size_t head = (size_t)(colon - line->s);
    for (size_t i = 0; i + 16 <= head; i++)
        if (strncasecmp(line->s + i, "QUOTED-PRINTABLE", 16) == 0) {
            crm_buf_truncate(line, line->len - 1);
            return 1;
        }
    return 0;
}

static void finish(struct crm_vcard *c)
{
    /* No N: split FN into first and last name. */
    if (!c->has_n && c->fn.len) {
        char *fn = crm_xstrdup(crm_buf_str(&c->fn));
        char *sp = strrchr(fn, ' ');
        if (sp) {
            *sp = '\0';
            set_field(c, F_FIRST, fn);
            set_field(c, F_LAST, sp + 1);
        } else {
            set_field(c, F_LAST, fn);
        }
        free(fn);
    }
    clear_out(c);
    for (int i = 0; i < NF; i++) {
        if (!c->has[i])
            continue;
        c->keys[c->nout] = (char *)field_names[i];
        c->vals[c->nout] = crm_xstrdup(crm_buf_str(&c->f[i]));
        c->nout++;
    }
}

int crm_vcard_feed(struct crm_vcard *c, const char *line, size_t len, struct crm_err *err)
{
    while (len && (line[len - 1] == '\r' || line[len - 1] == '\n'))
        len--;
    size_t sp = 0;
    while (sp < len && (line[sp] == ' ' || line[sp] == '\t'))
        sp++;
    if (sp == len)
        return 0;
    if (len - sp == 11 && strncasecmp(line + sp, "BEGIN:VCARD", 11) == 0) {
        if (c->open)
            return -crm_err_set(err, CRM_DATAERR, "BEGIN:VCARD inside a card (END:VCARD missing?)");
        reset(c);
        clear_out(c);
        c->open = 1;
        return 0;
    }
    if (!c->open)
        return -crm_err_set(err, CRM_DATAERR, "expected BEGIN:VCARD, got '%.40s'", line);
    if (len - sp == 9 && strncasecmp(line + sp, "END:VCARD", 9) == 0) {
        c->open = 0;
        finish(c);
        return 1;
    }
    struct prop p;
    int rc = parse_line(line, len, &p, err);
    if (rc == CRM_OK)
        rc = property(c, &p, line, len, err);
    return rc ? -rc : 0;
}

size_t crm_vcard_record(struct crm_vcard *c, char ***keys, char ***vals)
{
    *keys = c->keys;
    *vals = c->vals;
    return c->nout;
}

/* ---- writing ---------------------------------------------------------- */

static void escape_to(struct crm_buf *b, const char *s, int comma)
{
    for (; s && *s; s++) {
        if (*s == '\\' || *s == ';' || (*s == ',' && comma))
            crm_buf_putc(b, '\\');
        if (*s == '\n') {
            crm_buf_puts(b, "\\n");
            continue;
        }
        if (*s == '\r')
            continue;
        crm_buf_putc(b, *s);
    }
}

/* Append a logical line folded at 75 octets, never inside a UTF-8 sequence. */
static void folded(struct crm_buf *out, const char *s, size_t n)
{
    size_t limit = 75;
    while (n > limit) {
        size_t cut = limit;
        while (cut > 1 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
        crm_buf_add(out, s, cut);
        crm_buf_puts(out, "\r\n ");
        s += cut;
        n -= cut;
        limit = 74; /* the leading space counts */
    }
    crm_buf_add(out, s, n);
    crm_buf_puts(out, "\r\n");
}

static void line(struct crm_buf *out, struct crm_buf *tmp)
{
    folded(out, tmp->s, tmp->len);
    crm_buf_reset(tmp);
}

static const char *get(const char *const *names, const char *const *vals, size_t n,
                       const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return vals[i] && *vals[i] ? vals[i] : NULL;
    return NULL;
}

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; s && *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

void crm_vcard_uid(const char *id, const char *created_at, struct crm_buf *out)
{
    uint64_t a = fnv(fnv(14695981039346656037ULL, "crm-contact:"), id);
    a = fnv(fnv(a, "@"), created_at);
    unsigned long long n = strtoull(id ? id : "0", NULL, 10) & 0xFFFFFFFFFFFFULL;
    crm_buf_printf(out, "urn:uuid:%08x-%04x-5%03x-%04x-%012llx", (unsigned)(a >> 32),
                   (unsigned)(a >> 16) & 0xFFFF, (unsigned)a & 0xFFF,
                   (unsigned)((a >> 2) & 0x3FFF) | 0x8000, n);
}

int64_t crm_vcard_uid_id(const char *uid)
{
    size_t n = uid ? strlen(uid) : 0;
    if (n != 45 || strncmp(uid, "urn:uuid:", 9) != 0)
        return 0;
    char *end;
    unsigned long long v = strtoull(uid + 33, &end, 16);
    return *end ? 0 : (int64_t)v;
}

void crm_vcard_write(struct crm_buf *out, const char *const *names, const char *const *vals,
                     size_t n, int version)
{
#define G(name) get(names, vals, n, name)
    struct crm_buf l = CRM_BUF_INIT;
    int v3 = version == 30;
    const char *first = G("first_name"), *last = G("last_name"), *email = G("email");
    crm_buf_puts(out, "BEGIN:VCARD\r\n");
    crm_buf_puts(out, v3 ? "VERSION:3.0\r\n" : "VERSION:4.0\r\n");
    if (G("uid")) {
        crm_buf_puts(&l, "UID:");
        escape_to(&l, G("uid"), 1);
        line(out, &l);
    } else if (G("id")) {
        crm_buf_puts(&l, "UID:");
        crm_vcard_uid(G("id"), G("created_at"), &l);
        line(out, &l);
    }
    crm_buf_puts(&l, "FN:");
    if (first || last) {
        escape_to(&l, first, 1);
        if (first && last)
            crm_buf_putc(&l, ' ');
        escape_to(&l, last, 1);
    } else {
        escape_to(&l, email ? email : G("account_name"), 1);
    }
    line(out, &l);
    crm_buf_puts(&l, "N:");
    escape_to(&l, last, 1);
    crm_buf_putc(&l, ';');
    escape_to(&l, first, 1);
    crm_buf_puts(&l, ";;;");
    line(out, &l);
    if (email) {
        crm_buf_puts(&l, v3 ? "EMAIL;TYPE=INTERNET:" : "EMAIL:");
        escape_to(&l, email, 1);
        line(out, &l);
    }
    if (G("phone")) {
        crm_buf_puts(&l, v3 ? "TEL;TYPE=WORK,VOICE:" : "TEL;TYPE=work,voice:");
        escape_to(&l, G("phone"), 1);
        line(out, &l);
    }
    if (G("mobile")) {
        crm_buf_puts(&l, v3 ? "TEL;TYPE=CELL:" : "TEL;TYPE=cell:");
        escape_to(&l, G("mobile"), 1);
        line(out, &l);
    }
    const char *org = G("account_name");
    if (org || G("department")) {
        crm_buf_puts(&l, "ORG:");
        escape_to(&l, org, 1);
        if (G("department")) {
            crm_buf_putc(&l, ';');
            escape_to(&l, G("department"), 1);
        }
        line(out, &l);
    }
    if (G("title")) {
        crm_buf_puts(&l, "TITLE:");
        escape_to(&l, G("title"), 1);
        line(out, &l);
    }
    static const char *const adr[] = {"street", "city", "region", "postcode", "country"};
    int any = 0;
    for (size_t i = 0; i < 5; i++)
        any |= G(adr[i]) != NULL;
    if (any) {
        crm_buf_puts(&l, v3 ? "ADR;TYPE=WORK:;" : "ADR;TYPE=work:;");
        for (size_t i = 0; i < 5; i++) {
            crm_buf_putc(&l, ';');
            escape_to(&l, G(adr[i]), 1);
        }
        line(out, &l);
    }
    const char *bd = G("birthday");
    if (bd && strlen(bd) == 10) {
        if (v3)
            crm_buf_printf(&l, "BDAY:%s", bd);
        else
            crm_buf_printf(&l, "BDAY:%.4s%.2s%.2s", bd, bd + 5, bd + 8);
        line(out, &l);
    }
    if (G("notes")) {
        crm_buf_puts(&l, "NOTE:");
        escape_to(&l, G("notes"), 1);
        line(out, &l);
    }
    if (G("tags")) {
        crm_buf_puts(&l, "CATEGORIES:");
        const char *t = G("tags");
        while (*t) {
            size_t k = strcspn(t, ";");
            char *tag = crm_xstrndup(t, k);
            if (l.len > 11)
                crm_buf_putc(&l, ',');
            escape_to(&l, tag, 1);
            free(tag);
            t += k;
            if (*t)
                t++;
        }
        line(out, &l);
    }
    const char *extra = G("vcard");
    while (extra && *extra) {
        size_t k = strcspn(extra, "\n");
        folded(out, extra, k);
        extra += k;
        if (*extra)
            extra++;
    }
    crm_buf_puts(out, "END:VCARD\r\n");
    crm_buf_free(&l);
#undef G
}
