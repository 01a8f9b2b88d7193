/*
 * mail.c - RFC 5322 messages, RFC 2047 encoded words, mbox (mail.h).
 */
#include "mail.h"

#include <ctype.h>
#include <iconv.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "utf8.h"

void crm_mail_free(struct crm_mail *m)
{
    free(m->from);
    free(m->to);
    free(m->cc);
    free(m->from_raw);
    free(m->to_raw);
    free(m->cc_raw);
    free(m->subject);
    free(m->message_id);
    free(m->body);
    memset(m, 0, sizeof *m);
}

/* ---- charsets --------------------------------------------------------- */

/* Convert n bytes in `charset` to UTF-8, appended to out; -1 on failure
 * (out unchanged). */
static int to_utf8(const char *charset, const char *in, size_t n, struct crm_buf *out)
{
    if (strcasecmp(charset, "utf-8") == 0 || strcasecmp(charset, "utf8") == 0 ||
        strcasecmp(charset, "us-ascii") == 0) {
        if (!crm_utf8_valid(in, n, NULL))
            return -1;
        crm_buf_add(out, in, n);
        return 0;
    }
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return -1;
    size_t start = out->len, cap = n * 4 + 16;
    crm_buf_grow(out, cap);
    char *ip = (char *)in, *op = out->s + out->len;
    size_t il = n, ol = cap;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    iconv_close(cd);
    if (r == (size_t)-1 || il) {
        out->len = start;
        out->s[start] = '\0';
        return -1;
    }
    out->len = start + (cap - ol);
    out->s[out->len] = '\0';
    return 0;
}

/* Raw header or body bytes: UTF-8 when valid, else windows-1252, else Latin 1. */
static void raw_to_utf8(const char *in, size_t n, struct crm_buf *out)
{
    if (crm_utf8_valid(in, n, NULL)) {
        crm_buf_add(out, in, n);
        return;
    }
    if (to_utf8("WINDOWS-1252", in, n, out) == 0)
        return;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c < 0x80) {
            crm_buf_putc(out, (char)c);
        } else {
            crm_buf_putc(out, (char)(0xC0 | (c >> 6)));
            crm_buf_putc(out, (char)(0x80 | (c & 0x3F)));
        }
    }
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

static int b64val(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/* Base64 (blanks and line ends skipped); -1 on a bad character. */
static int b64_decode(const char *in, size_t n, struct crm_buf *out)
{
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)in[i];
        if (c == '=')
            break;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        int v = b64val(c);
        if (v < 0)
            return -1;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            crm_buf_putc(out, (char)((acc >> bits) & 0xFF));
        }
    }
    return 0;
}

/* Quoted-printable; `header` for the Q encoding of RFC 2047 (_ is a space). */
static void qp_decode(const char *in, size_t n, int header, struct crm_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        char c = in[i];
        if (c == '_' && header) {
            crm_buf_putc(out, ' ');
        } else if (c == '=' && i + 2 < n && hexval(in[i + 1]) >= 0 && hexval(in[i + 2]) >= 0) {
            crm_buf_putc(out, (char)(hexval(in[i + 1]) * 16 + hexval(in[i + 2])));
            i += 2;
        } else if (c == '=' && !header && i + 1 < n && (in[i + 1] == '\n' || in[i + 1] == '\r')) {
            i++; /* soft line break */
            if (in[i] == '\r' && i + 1 < n && in[i + 1] == '\n')
                i++;
        } else {
            crm_buf_putc(out, c);
        }
    }
}

/* One encoded word at s ("=?cs?E?text?="): decoded into out; returns its
 * length, or 0 when s is no (valid) encoded word. */
static size_t encoded_word(const char *s, size_t n, struct crm_buf *out)
{
    if (n < 8 || s[0] != '=' || s[1] != '?')
        return 0;
    size_t i = 2;
    while (i < n && s[i] != '?' && s[i] != ' ')
        i++;
    if (i >= n || s[i] != '?' || i == 2 || i - 2 > 40)
        return 0;
    char cs[48];
    memcpy(cs, s + 2, i - 2);
    cs[i - 2] = '\0';
    char *star = strchr(cs, '*'); /* RFC 2231 language */
    if (star)
        *star = '\0';
    if (i + 2 >= n || s[i + 2] != '?')
        return 0;
    char enc = (char)toupper((unsigned char)s[i + 1]);
    if (enc != 'B' && enc != 'Q')
        return 0;
    size_t ts = i + 3, te = ts;
    while (te + 1 < n && !(s[te] == '?' && s[te + 1] == '=')) {
        if (s[te] == ' ' || s[te] == '\t' || s[te] == '\n')
            return 0;
        te++;
    }
    if (te + 1 >= n)
        return 0;
    struct crm_buf raw = CRM_BUF_INIT;
    int bad = 0;
    if (enc == 'B')
        bad = b64_decode(s + ts, te - ts, &raw) != 0;
    else
        qp_decode(s + ts, te - ts, 1, &raw);
    if (!bad)
        bad = to_utf8(cs, crm_buf_str(&raw), raw.len, out) != 0;
    crm_buf_free(&raw);
    return bad ? 0 : te + 2;
}

static int all_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

void crm_mail_decode_header(const char *in, size_t n, struct crm_buf *out)
{
    size_t i = 0, plain = 0;
    int prev_word = 0;
    struct crm_buf word = CRM_BUF_INIT;
    while (i < n) {
        size_t len = in[i] == '=' ? encoded_word(in + i, n - i, &word) : 0;
        if (!len) {
            i++;
            continue;
        }
        /* blanks between two encoded words are dropped (RFC 2047 section 6.2) */
        if (!(prev_word && all_blank(in + plain, i - plain)))
            raw_to_utf8(in + plain, i - plain, out);
        crm_buf_add(out, crm_buf_str(&word), word.len);
        crm_buf_reset(&word);
        i += len;
        plain = i;
        prev_word = 1;
    }
    raw_to_utf8(in + plain, n - plain, out);
    crm_buf_free(&word);
}

/* ---- dates ------------------------------------------------------------ */

static const char *skip_cfws(const char *p)
{
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (*p != '(')
            return p;
        int depth = 0;
        do {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == '(')
                depth++;
            else if (*p == ')')
                depth--;
            p++;
        } while (*p && depth > 0);
    }
}

static int read_int(const char **pp, int min_digits, int max_digits, int *out)
{
    const char *p = *pp;
    int v = 0, d = 0;
    while (isdigit((unsigned char)*p) && d < max_digits) {
        v = v * 10 + (*p - '0');
        p++;
        d++;
    }
    if (d < min_digits)
        return -1;
    *out = v;
    *pp = p;
    return 0;
}

int crm_mail_parse_date(const char *s, int64_t *out)
{
    static const char *const mons[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
    const char *p = skip_cfws(s);
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (isalpha((unsigned char)*p)) { /* day of week */
        while (isalpha((unsigned char)*p))
            p++;
        p = skip_cfws(p);
        if (*p == ',')
            p++;
        p = skip_cfws(p);
    }
    int day, year, h, mi, sec = 0;
    if (read_int(&p, 1, 2, &day))
        return -1;
    p = skip_cfws(p);
    int mon = -1;
    for (int i = 0; i < 12; i++)
        if (strncasecmp(p, mons[i], 3) == 0)
            mon = i;
    if (mon < 0)
        return -1;
    p += 3;
    while (isalpha((unsigned char)*p))
        p++;
    p = skip_cfws(p);
    const char *ys = p;
    if (read_int(&p, 2, 4, &year))
        return -1;
    if (p - ys == 2)
        year += year < 50 ? 2000 : 1900;
    else if (p - ys == 3)
        year += 1900;
    p = skip_cfws(p);
    if (read_int(&p, 1, 2, &h))
        return -1;
    p = skip_cfws(p);
    if (*p++ != ':')
        return -1;
    p = skip_cfws(p);
    if (read_int(&p, 2, 2, &mi))
        return -1;
    p = skip_cfws(p);
    if (*p == ':') {
        p = skip_cfws(p + 1);
        if (read_int(&p, 2, 2, &sec))
            return -1;
    }
    p = skip_cfws(p);
    int off = 0; /* minutes east of UTC */
    if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, z;
        p++;
        const char *zs = p;
        if (read_int(&p, 4, 4, &z) || p - zs != 4)
            return -1;
        if (z % 100 > 59)
            return -1;
        off = sign * ((z / 100) * 60 + z % 100);
    } else if (isalpha((unsigned char)*p)) {
        static const struct {
            const char *name;
            int off;
        } zones[] = {{"UT", 0},        {"UTC", 0},       {"GMT", 0},       {"Z", 0},
                     {"EST", -5 * 60}, {"EDT", -4 * 60}, {"CST", -6 * 60}, {"CDT", -5 * 60},
                     {"MST", -7 * 60}, {"MDT", -6 * 60}, {"PST", -8 * 60}, {"PDT", -7 * 60}};
        size_t zl = 0;
        while (isalpha((unsigned char)p[zl]))
            zl++;
        off = 0; /* unknown (military) zones are -0000: UTC (RFC 5322 4.3) */
        for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
            if (strlen(zones[i].name) == zl && strncasecmp(p, zones[i].name, zl) == 0)
                off = zones[i].off;
        p += zl;
    } else if (*p) {
        return -1;
    }
    p = skip_cfws(p);
    if (*p)
        return -1;
    if (day < 1 || day > 31 || h > 23 || mi > 59 || sec > 60 || year < 1900 || year > 9999)
        return -1;
    tm.tm_year = year - 1900;
    tm.tm_mon = mon;
    tm.tm_mday = day;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec == 60 ? 59 : sec;
    *out = (int64_t)timegm(&tm) - (int64_t)off * 60;
    return 0;
}

/* ---- addresses -------------------------------------------------------- */

static void push_addr(const char *s, size_t n, char ***addrs, size_t *count)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (!n || !memchr(s, '@', n))
        return;
    *addrs = crm_xrealloc(*addrs, (*count + 1) * sizeof **addrs);
    (*addrs)[(*count)++] = crm_xstrndup(s, n);
}

void crm_mail_addresses(const char *list, char ***addrs, size_t *n)
{
    /* Split at top-level commas (and the ':' and ';' of groups); take the
     * <angle-addr> of each, else the bare addr-spec, ignoring comments and
     * quoted display names. */
    const char *p = list;
    struct crm_buf bare = CRM_BUF_INIT;
    const char *angle = NULL;
    size_t angle_len = 0;
    while (1) {
        char c = *p;
        if (c == '"') {
            for (p++; *p && *p != '"'; p++)
                if (*p == '\\' && p[1])
                    p++;
            if (*p)
                p++;
            continue;
        }
        if (c == '(') {
            p = skip_cfws(p);
            continue;
        }
        if (c == '<') {
            const char *e = strchr(p, '>');
            angle = p + 1;
            angle_len = e ? (size_t)(e - angle) : strlen(angle);
            p = e ? e + 1 : angle + angle_len;
            continue;
        }
        if (c == ',' || c == ';' || c == ':' || c == '\0') {
            if (c == ':') { /* a group's display name */
                crm_buf_reset(&bare);
                angle = NULL;
                p++;
                continue;
            }
            if (angle)
                push_addr(angle, angle_len, addrs, n);
            else
                push_addr(crm_buf_str(&bare), bare.len, addrs, n);
            crm_buf_reset(&bare);
            angle = NULL;
            if (!c)
                break;
            p++;
            continue;
        }
        crm_buf_putc(&bare, c);
        p++;
    }
    crm_buf_free(&bare);
}

/* ---- messages --------------------------------------------------------- */

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static int is_ftext(unsigned char c)
{
    return c > 32 && c < 127 && c != ':';
}

/* The value of a header parameter (charset=, boundary=) in a Content-Type. */
static char *param(const char *ct, const char *name)
{
    size_t nl = strlen(name);
    for (const char *p = ct; (p = strchr(p, ';')); ) {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncasecmp(p, name, nl) == 0 && p[nl] == '=') {
            p += nl + 1;
            if (*p == '"') {
                const char *e = strchr(p + 1, '"');
                return e ? crm_xstrndup(p + 1, (size_t)(e - p - 1)) : NULL;
            }
            size_t l = strcspn(p, "; \t\r\n");
            return crm_xstrndup(p, l);
        }
    }
    return NULL;
}

struct header {
    char *name;
    char *value; /* unfolded, raw */
};

/* Parse the header block of data[0..n): headers into *hs, *body_at to the
 * start of the body.  -1 with the reason on a malformed line. */
static int parse_headers(const char *data, size_t n, struct header **hs, size_t *nh,
                         size_t *body_at, struct crm_err *err)
{
    size_t i = 0;
    *hs = NULL;
    *nh = 0;
    size_t line_no = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && data[e] != '\n')
            e++;
        size_t le = e;
        if (le > i && data[le - 1] == '\r')
            le--;
        line_no++;
        if (le == i) { /* the empty line */
            *body_at = e < n ? e + 1 : n;
            return 0;
        }
        if (data[i] == ' ' || data[i] == '\t') {
            if (!*nh)
                return crm_err_set(err, CRM_DATAERR, "header line %zu: a continuation line first",
                                   line_no), -1;
            struct header *h = &(*hs)[*nh - 1];
            size_t ol = strlen(h->value);
            h->value = crm_xrealloc(h->value, ol + (le - i) + 1);
            memcpy(h->value + ol, data + i, le - i); /* unfold: drop the CRLF only */
            h->value[ol + (le - i)] = '\0';
        } else {
            size_t k = i;
            while (k < le && is_ftext((unsigned char)data[k]))
                k++;
            if (k == i || k >= le || data[k] != ':') {
                size_t show = le - i > 40 ? 40 : le - i;
                return crm_err_set(err, CRM_DATAERR,
                                   "header line %zu is not 'Name: value': '%.*s'", line_no,
                                   (int)show, data + i), -1;
            }
            *hs = crm_xrealloc(*hs, (*nh + 1) * sizeof **hs);
            struct header *h = &(*hs)[(*nh)++];
            h->name = crm_xstrndup(data + i, k - i);
            size_t v = k + 1;
            while (v < le && (data[v] == ' ' || data[v] == '\t'))
                v++;
            h->value = crm_xstrndup(data + v, le - v);
        }
        i = e + 1;
    }
    *body_at = n;
    return 0;
}

static void free_headers(struct header *hs, size_t nh)
{
    for (size_t i = 0; i < nh; i++) {
        free(hs[i].name);
        free(hs[i].value);
    }
    free(hs);
}

static const char *get(const struct header *hs, size_t nh, const char *name)
{
    for (size_t i = 0; i < nh; i++)
        if (strcasecmp(hs[i].name, name) == 0)
            return hs[i].value;
    return NULL;
}

static char *decoded(const struct header *hs, size_t nh, const char *name)
{
    const char *v = get(hs, nh, name);
    if (!v)
        return NULL;
    struct crm_buf b = CRM_BUF_INIT;
    crm_mail_decode_header(v, strlen(v), &b);
    return crm_buf_detach(&b);
}

#define BODY_MAX (64 * 1024)

/* The first text/plain part of an entity, decoded to UTF-8 into out. */
static void text_body(const char *data, size_t n, int depth, struct crm_buf *out)
{
    struct header *hs;
    size_t nh, at;
    struct crm_err err = {0};
    if (depth > 5 || parse_headers(data, n, &hs, &nh, &at, &err) != 0) {
        if (depth > 5)
            return;
        free_headers(hs, nh);
        return;
    }
    const char *ct = get(hs, nh, "Content-Type");
    const char *cte = get(hs, nh, "Content-Transfer-Encoding");
    if (ct && strncasecmp(ct, "multipart/", 10) == 0) {
        char *b = param(ct, "boundary");
        if (b) {
            size_t bl = strlen(b);
            const char *p = data + at, *end = data + n, *part = NULL;
            while (p < end && !out->len) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                const char *le = nl ? nl : end;
                if (le - p >= (ptrdiff_t)(bl + 2) && p[0] == '-' && p[1] == '-' &&
                    memcmp(p + 2, b, bl) == 0) {
                    if (part)
                        text_body(part, (size_t)(p - part), depth + 1, out);
                    part = nl ? nl + 1 : end;
                    if (le - p >= (ptrdiff_t)(bl + 4) && p[bl + 2] == '-' && p[bl + 3] == '-')
                        break;
                }
                p = nl ? nl + 1 : end;
            }
            free(b);
        }
    } else if (!ct || strncasecmp(ct, "text/plain", 10) == 0) {
        struct crm_buf raw = CRM_BUF_INIT;
        const char *body = data + at;
        size_t bl = n - at;
        if (cte && strncasecmp(cte, "base64", 6) == 0)
            b64_decode(body, bl, &raw);
        else if (cte && strncasecmp(cte, "quoted-printable", 16) == 0)
            qp_decode(body, bl, 0, &raw);
        else
            crm_buf_add(&raw, body, bl);
        char *cs = ct ? param(ct, "charset") : NULL;
        if (!cs || to_utf8(cs, crm_buf_str(&raw), raw.len, out) != 0)
            raw_to_utf8(crm_buf_str(&raw), raw.len, out);
        free(cs);
        crm_buf_free(&raw);
        /* CRLF -> LF, cut to BODY_MAX on a character boundary */
        size_t w = 0;
        for (size_t r = 0; r < out->len; r++)
            if (!(out->s[r] == '\r' && r + 1 < out->len && out->s[r + 1] == '\n'))
                out->s[w++] = out->s[r];
        out->len = w;
        if (out->len > BODY_MAX) {
            size_t cut = BODY_MAX;
            while (cut && ((unsigned char)out->s[cut] & 0xC0) == 0x80)
                cut--;
            out->len = cut;
        }
        while (out->len && (out->s[out->len - 1] == '\n' || out->s[out->len - 1] == ' '))
            out->len--;
        out->s[out->len] = '\0';
    }
    free_headers(hs, nh);
}

int crm_mail_parse(const char *data, size_t n, struct crm_mail *m, struct crm_err *err)
{
    struct header *hs;
    size_t nh, at;
    memset(m, 0, sizeof *m);
    if (parse_headers(data, n, &hs, &nh, &at, err) != 0) {
        free_headers(hs, nh);
        return CRM_DATAERR;
    }
    int rc = CRM_OK;
    if (!nh) {
        rc = crm_err_set(err, CRM_DATAERR, "no header");
        goto out;
    }
    m->from = decoded(hs, nh, "From");
    m->to = decoded(hs, nh, "To");
    m->cc = decoded(hs, nh, "Cc");
    static const char *const names[] = {"From", "To", "Cc"};
    char **raw[] = {&m->from_raw, &m->to_raw, &m->cc_raw};
    for (size_t i = 0; i < 3; i++) {
        const char *v = get(hs, nh, names[i]);
        *raw[i] = v ? crm_xstrdup(v) : NULL;
    }
    m->subject = decoded(hs, nh, "Subject");
    if (!m->from) {
        rc = crm_err_set(err, CRM_DATAERR, "no From: header");
        goto out;
    }
    const char *d = get(hs, nh, "Date");
    if (d) {
        if (crm_mail_parse_date(d, &m->date) != 0) {
            rc = crm_err_set(err, CRM_DATAERR, "Date: '%.60s' is not an RFC 5322 date", d);
            goto out;
        }
        m->has_date = 1;
    }
    const char *id = get(hs, nh, "Message-ID");
    if (id) {
        const char *lt = strchr(id, '<'), *gt = lt ? strchr(lt, '>') : NULL;
        if (lt && gt && gt > lt + 1)
            m->message_id = crm_xstrndup(lt + 1, (size_t)(gt - lt - 1));
        else if (*id)
            m->message_id = crm_xstrdup(id);
    }
    if (!m->message_id) { /* the same message always gets the same id */
        char h[64];
        snprintf(h, sizeof h, "%016" PRIx64 "@crm.no-message-id", fnv1a(data, n));
        m->message_id = crm_xstrdup(h);
    }
    struct crm_buf body = CRM_BUF_INIT;
    text_body(data, n, 0, &body);
    m->body = body.len ? crm_buf_detach(&body) : NULL;
    crm_buf_free(&body);
out:
    free_headers(hs, nh);
    return rc;
}

/* ---- mbox ------------------------------------------------------------- */

int crm_mbox_each(const char *data, size_t n,
                  int (*fn)(const char *msg, size_t len, size_t number, void *arg), void *arg)
{
    size_t i = 0, number = 0;
    struct crm_buf msg = CRM_BUF_INIT;
    int rc = 0;
    while (i < n && rc == 0) {
        /* at a From_ line: skip it */
        size_t e = i;
        while (e < n && data[e] != '\n')
            e++;
        i = e < n ? e + 1 : n;
        crm_buf_reset(&msg);
        int at_line_start = 1;
        while (i < n) {
            size_t le = i;
            while (le < n && data[le] != '\n')
                le++;
            size_t next = le < n ? le + 1 : n;
            if (at_line_start && le - i >= 5 && memcmp(data + i, "From ", 5) == 0)
                break;
            /* mboxrd: ">From ", ">>From " lose one '>' */
            size_t k = i;
            while (k < le && data[k] == '>')
                k++;
            if (k > i && le - k >= 5 && memcmp(data + k, "From ", 5) == 0)
                crm_buf_add(&msg, data + i + 1, next - i - 1);
            else
                crm_buf_add(&msg, data + i, next - i);
            i = next;
        }
        /* the blank line before the next From_ belongs to the mbox */
        if (i < n && msg.len && msg.s[msg.len - 1] == '\n') {
            msg.len--;
            if (msg.len && msg.s[msg.len - 1] == '\r')
                msg.len--;
        }
        number++;
        rc = fn(crm_buf_str(&msg), msg.len, number, arg);
    }
    crm_buf_free(&msg);
    return rc;
}
