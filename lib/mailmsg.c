/*
 * mail.c - a minimal RFC 5322 / MIME message reader (mail.h).
 */
#include "mailmsg.h"

#include <ctype.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

/* Nested multiparts followed at most this deep. */
#define MAX_DEPTH 8

/* ---- lines and header fields -------------------------------------------- */

/* The next line of [*p, end): its text without the line end. */
static int next_line(const char **p, const char *end, const char **line, size_t *len)
{
    if (*p >= end)
        return 0;
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    const char *e = nl ? nl : end;
    *line = *p;
    *len = (size_t)(e - *p);
    if (*len && (*line)[*len - 1] == '\r')
        (*len)--;
    *p = nl ? nl + 1 : end;
    return 1;
}

static int is_field_name(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 33 || (unsigned char)s[i] > 126 || s[i] == ':')
            return 0;
    return 1;
}

static char *trimmed(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return crm_xstrndup(s, n);
}

static void fields_free(struct crm_msg_field *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(f[i].name);
        free(f[i].value);
    }
    free(f);
}

/*
 * The header fields of [*p, end) up to the empty line (consumed); *p is
 * left at the body.  Continuation lines (starting with a blank) are
 * unfolded into the field before them.
 */
static int parse_fields(const char **p, const char *end, size_t line0, struct crm_msg_field **out,
                        size_t *nout, struct crm_err *err)
{
    const char *line;
    size_t len, lineno = line0;
    struct crm_msg_field *f = NULL;
    size_t n = 0;
    struct crm_buf value = CRM_BUF_INIT;
    while (next_line(p, end, &line, &len)) {
        lineno++;
        if (len == 0)
            break;
        if ((line[0] == ' ' || line[0] == '\t') && n) {
            crm_buf_add(&value, line, len);
            continue;
        }
        const char *colon = memchr(line, ':', len);
        if (!colon || !is_field_name(line, (size_t)(colon - line))) {
            fields_free(f, n);
            crm_buf_free(&value);
            return crm_err_set(err, CRM_DATAERR, "line %zu: not a header field: '%.*s'", lineno,
                               (int)(len > 60 ? 60 : len), line);
        }
        if (n) {
            f[n - 1].value = trimmed(crm_buf_str(&value), value.len);
            crm_buf_reset(&value);
        }
        f = crm_xrealloc(f, (n + 1) * sizeof *f);
        f[n].name = crm_xstrndup(line, (size_t)(colon - line));
        f[n].value = NULL;
        n++;
        crm_buf_add(&value, colon + 1, len - (size_t)(colon + 1 - line));
    }
    if (n)
        f[n - 1].value = trimmed(crm_buf_str(&value), value.len);
    crm_buf_free(&value);
    *out = f;
    *nout = n;
    return CRM_OK;
}

static const char *field_get(const struct crm_msg_field *f, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(f[i].name, name) == 0)
            return f[i].value;
    return NULL;
}

const char *crm_msg_get(const struct crm_msg *m, const char *name)
{
    return field_get(m->fields, m->nfields, name);
}

/* ---- charsets and transfer encodings ------------------------------------ */

/* Append n bytes in `charset` to out as UTF-8; -1 when the charset is
 * unknown or the bytes are not in it (out unchanged). */
static int to_utf8(const char *charset, const char *s, size_t n, struct crm_buf *out)
{
    if (!charset || !*charset || strcasecmp(charset, "utf-8") == 0 ||
        strcasecmp(charset, "utf8") == 0 || strcasecmp(charset, "us-ascii") == 0) {
        size_t bad;
        if (!crm_utf8_valid(s, n, &bad))
            return to_utf8("windows-1252", s, n, out); /* mislabelled 8-bit text */
        crm_buf_add(out, s, n);
        return 0;
    }
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return -1;
    size_t cap = n * 4 + 16, left = cap, inleft = n;
    char *buf = crm_xmalloc(cap), *o = buf;
    char *in = (char *)s;
    size_t r = iconv(cd, &in, &inleft, &o, &left);
    iconv_close(cd);
    if (r == (size_t)-1) {
        free(buf);
        return -1;
    }
    crm_buf_add(out, buf, cap - left);
    free(buf);
    return 0;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Quoted-printable (RFC 2045 6.7); in_header: '_' is a space (RFC 2047). */
static void qp_decode(const char *s, size_t n, int in_header, struct crm_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '=' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            crm_buf_putc(out, (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
            i += 2;
        } else if (s[i] == '=' && !in_header) {
            /* A soft line break: "=" at the end of a line. */
            size_t j = i + 1;
            while (j < n && (s[j] == ' ' || s[j] == '\t'))
                j++;
            if (j < n && s[j] == '\r')
                j++;
            if (j < n && s[j] == '\n')
                i = j;
            else if (j >= n)
                i = n;
            else
                crm_buf_putc(out, '=');
        } else if (s[i] == '_' && in_header) {
            crm_buf_putc(out, ' ');
        } else {
            crm_buf_putc(out, s[i]);
        }
    }
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

/* Base64, skipping line ends and other non-alphabet bytes; -1 when the
 * data is cut in the middle of a byte. */
static int b64_decode(const char *s, size_t n, struct crm_buf *out)
{
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '=')
            break;
        int v = b64val((unsigned char)s[i]);
        if (v < 0)
            continue;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            crm_buf_putc(out, (char)((acc >> bits) & 0xff));
        }
    }
    return bits >= 6 ? -1 : 0;
}

/* ---- encoded-words (RFC 2047) ------------------------------------------- */

/* Decode one encoded-word at s ("=?cs?e?text?="); returns its length, or 0
 * when s is not one (or its charset is unknown). */
static size_t encoded_word(const char *s, struct crm_buf *out)
{
    if (s[0] != '=' || s[1] != '?')
        return 0;
    const char *cs = s + 2, *q1 = strchr(cs, '?');
    if (!q1 || q1 == cs || !q1[1] || q1[2] != '?')
        return 0;
    char enc = (char)toupper((unsigned char)q1[1]);
    const char *text = q1 + 3, *endw = strstr(text, "?=");
    if (!endw || (enc != 'Q' && enc != 'B'))
        return 0;
    for (const char *c = text; c < endw; c++)
        if (*c == ' ' || *c == '\t')
            return 0;
    char *charset = crm_xstrndup(cs, (size_t)(q1 - cs));
    char *star = strchr(charset, '*'); /* RFC 2231 language: =?utf-8*en?... */
    if (star)
        *star = 0;
    struct crm_buf raw = CRM_BUF_INIT;
    int ok = 0;
    if (enc == 'Q') {
        qp_decode(text, (size_t)(endw - text), 1, &raw);
        ok = 1;
    } else {
        ok = b64_decode(text, (size_t)(endw - text), &raw) == 0;
    }
    if (ok)
        ok = to_utf8(charset, crm_buf_str(&raw), raw.len, out) == 0;
    free(charset);
    crm_buf_free(&raw);
    return ok ? (size_t)(endw + 2 - s) : 0;
}

void crm_msg_decode_words(const char *value, struct crm_buf *out)
{
    const char *p = value;
    while (*p) {
        size_t k = encoded_word(p, out);
        if (k) {
            p += k;
            /* Blanks between two encoded-words are not part of the text. */
            const char *q = p;
            while (*q == ' ' || *q == '\t')
                q++;
            if (q != p && q[0] == '=' && q[1] == '?') {
                struct crm_buf probe = CRM_BUF_INIT;
                if (encoded_word(q, &probe))
                    p = q;
                crm_buf_free(&probe);
            }
            continue;
        }
        /* Plain text: raw 8-bit bytes in a header are read as UTF-8 or,
         * failing that, Windows-1252. */
        const char *next = strstr(p + 1, "=?");
        size_t len = next ? (size_t)(next - p) : strlen(p);
        to_utf8(NULL, p, len, out);
        p += len;
    }
}

/* ---- addresses ----------------------------------------------------------- */

static void unquote(const char *s, size_t n, struct crm_buf *out)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        for (size_t i = 1; i + 1 < n; i++) {
            if (s[i] == '\\' && i + 2 < n)
                i++;
            crm_buf_putc(out, s[i]);
        }
        return;
    }
    crm_buf_add(out, s, n);
}

int crm_msg_mailbox(const char *value, struct crm_buf *name, struct crm_buf *addr,
                     struct crm_err *err)
{
    crm_buf_reset(name);
    crm_buf_reset(addr);
    if (!value)
        return crm_err_set(err, CRM_DATAERR, "no address");
    struct crm_buf raw = CRM_BUF_INIT;
    /* The first mailbox: up to a comma outside quotes and angle brackets. */
    const char *lt = NULL, *gt = NULL, *end = value;
    int quoted = 0;
    for (; *end; end++) {
        if (*end == '\\' && quoted && end[1]) {
            end++;
            continue;
        }
        if (*end == '"')
            quoted = !quoted;
        else if (!quoted && *end == '<' && !lt)
            lt = end;
        else if (!quoted && *end == '>' && lt && !gt)
            gt = end;
        else if (!quoted && *end == ',' && (!lt || gt))
            break;
    }
    if (lt && gt) {
        crm_buf_add(addr, lt + 1, (size_t)(gt - lt - 1));
        unquote(value, (size_t)(lt - value), &raw);
    } else {
        /* ann@x.org (Ann Lee) */
        const char *paren = memchr(value, '(', (size_t)(end - value));
        const char *stop = paren ? paren : end;
        crm_buf_add(addr, value, (size_t)(stop - value));
        if (paren) {
            const char *close = memchr(paren, ')', (size_t)(end - paren));
            if (close)
                crm_buf_add(&raw, paren + 1, (size_t)(close - paren - 1));
        }
    }
    char *a = trimmed(crm_buf_str(addr), addr->len);
    crm_buf_reset(addr);
    crm_buf_puts(addr, a);
    free(a);
    crm_msg_decode_words(crm_buf_str(&raw), name);
    crm_buf_free(&raw);
    if (!addr->len || !strchr(crm_buf_str(addr), '@'))
        return crm_err_set(err, CRM_DATAERR, "no address in '%.80s'", value);
    return CRM_OK;
}

/* ---- MIME structure ------------------------------------------------------- */

/* A parameter of a Content-Type value (boundary, charset), into out. */
static int ct_param(const char *ct, const char *param, struct crm_buf *out)
{
    size_t plen = strlen(param);
    crm_buf_reset(out);
    for (const char *p = strchr(ct, ';'); p; p = strchr(p + 1, ';')) {
        const char *k = p + 1;
        while (*k == ' ' || *k == '\t')
            k++;
        if (strncasecmp(k, param, plen) != 0)
            continue;
        const char *v = k + plen;
        while (*v == ' ')
            v++;
        if (*v != '=')
            continue;
        v++;
        while (*v == ' ')
            v++;
        if (*v == '"') {
            const char *q = strchr(v + 1, '"');
            crm_buf_add(out, v + 1, q ? (size_t)(q - v - 1) : strlen(v + 1));
        } else {
            size_t n = strcspn(v, "; \t");
            crm_buf_add(out, v, n);
        }
        return 1;
    }
    return 0;
}

static int ct_is(const char *ct, const char *type)
{
    size_t n = strlen(type);
    return strncasecmp(ct, type, n) == 0 && (ct[n] == 0 || ct[n] == ';' || ct[n] == ' ');
}

/* The text of an entity (header fields f, body [b, e)) into out: 1 when it
 * had a text/plain part, 0 when not, negative status on error. */
static int entity_text(const struct crm_msg_field *f, size_t nf, const char *b, const char *e,
                       int depth, struct crm_buf *out, struct crm_err *err)
{
    const char *ct = field_get(f, nf, "Content-Type");
    if (!ct || !*ct)
        ct = "text/plain";
    if (strncasecmp(ct, "multipart/", 10) == 0) {
        struct crm_buf boundary = CRM_BUF_INIT, delim = CRM_BUF_INIT;
        if (!ct_param(ct, "boundary", &boundary) || !boundary.len) {
            crm_buf_free(&boundary);
            return -crm_err_set(err, CRM_DATAERR, "a multipart message without a boundary");
        }
        if (depth >= MAX_DEPTH) {
            crm_buf_free(&boundary);
            return 0;
        }
        crm_buf_printf(&delim, "--%s", crm_buf_str(&boundary));
        const char *p = b, *line, *part = NULL;
        size_t len;
        int found = 0;
        while (!found && next_line(&p, e, &line, &len)) {
            int is_delim = len >= delim.len && memcmp(line, delim.s, delim.len) == 0;
            if (!is_delim)
                continue;
            if (part) {
                /* The part ends before the line end of the delimiter line. */
                const char *pe = line;
                if (pe > part && pe[-1] == '\n')
                    pe--;
                if (pe > part && pe[-1] == '\r')
                    pe--;
                const char *q = part;
                struct crm_msg_field *pf;
                size_t npf;
                int rc = parse_fields(&q, pe, 0, &pf, &npf, err);
                if (rc)
                    found = -rc;
                else {
                    found = entity_text(pf, npf, q, pe, depth + 1, out, err);
                    fields_free(pf, npf);
                }
            }
            if (len >= delim.len + 2 && line[delim.len] == '-' && line[delim.len + 1] == '-')
                break;
            part = p;
        }
        crm_buf_free(&boundary);
        crm_buf_free(&delim);
        return found;
    }
    if (!ct_is(ct, "text/plain"))
        return 0;
    const char *cte = field_get(f, nf, "Content-Transfer-Encoding");
    struct crm_buf raw = CRM_BUF_INIT, charset = CRM_BUF_INIT;
    if (cte && strcasecmp(cte, "quoted-printable") == 0) {
        qp_decode(b, (size_t)(e - b), 0, &raw);
    } else if (cte && strcasecmp(cte, "base64") == 0) {
        if (b64_decode(b, (size_t)(e - b), &raw)) {
            crm_buf_free(&raw);
            return -crm_err_set(err, CRM_DATAERR, "the text is not valid base64");
        }
    } else {
        crm_buf_add(&raw, b, (size_t)(e - b));
    }
    ct_param(ct, "charset", &charset);
    size_t before = out->len;
    if (to_utf8(charset.len ? crm_buf_str(&charset) : NULL, crm_buf_str(&raw), raw.len, out)) {
        crm_buf_truncate(out, before);
        to_utf8(NULL, crm_buf_str(&raw), raw.len, out); /* unknown charset: best effort */
    }
    crm_buf_free(&raw);
    crm_buf_free(&charset);
    return 1;
}

/* CRLF -> LF, and trailing blank lines dropped. */
static char *normalise_text(const char *s, size_t n)
{
    struct crm_buf b = CRM_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        if (!(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'))
            crm_buf_putc(&b, s[i]);
    size_t len = b.len;
    while (len && (b.s[len - 1] == '\n' || b.s[len - 1] == ' ' || b.s[len - 1] == '\r'))
        len--;
    crm_buf_truncate(&b, len);
    if (!b.s)
        return crm_xstrdup("");
    return crm_buf_detach(&b);
}

int crm_msg_parse(const char *data, size_t n, struct crm_msg *m, struct crm_err *err)
{
    memset(m, 0, sizeof *m);
    const char *p = data, *end = data + n, *line;
    size_t len, line0 = 0;
    while (p < end && (*p == '\n' || *p == '\r'))
        p++;
    if (p >= end)
        return crm_err_set(err, CRM_DATAERR, "an empty message");
    /* An mbox separator line ("From ann@x.org Mon Jan 12 ...") is no field. */
    if (end - p > 5 && memcmp(p, "From ", 5) == 0) {
        next_line(&p, end, &line, &len);
        line0 = 1;
    }
    int rc = parse_fields(&p, end, line0, &m->fields, &m->nfields, err);
    if (rc)
        return rc;
    if (!m->nfields)
        return crm_err_set(err, CRM_DATAERR, "no header fields: not a message");
    struct crm_buf text = CRM_BUF_INIT;
    int got = entity_text(m->fields, m->nfields, p, end, 0, &text, err);
    if (got < 0) {
        crm_buf_free(&text);
        crm_msg_free(m);
        return -got;
    }
    m->has_text = got;
    m->text = normalise_text(crm_buf_str(&text), text.len);
    crm_buf_free(&text);
    return CRM_OK;
}

int crm_msg_read(FILE *f, size_t max, struct crm_msg *m, struct crm_err *err)
{
    struct crm_buf b = CRM_BUF_INIT;
    char chunk[8192];
    size_t got;
    memset(m, 0, sizeof *m);
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        crm_buf_add(&b, chunk, got);
        if (b.len > max) {
            crm_buf_free(&b);
            return crm_err_set(err, CRM_DATAERR, "the message is larger than %zu bytes", max);
        }
    }
    if (ferror(f)) {
        crm_buf_free(&b);
        return crm_err_set(err, CRM_IOERR, "cannot read the message");
    }
    int rc = crm_msg_parse(crm_buf_str(&b), b.len, m, err);
    crm_buf_free(&b);
    return rc;
}

void crm_msg_free(struct crm_msg *m)
{
    fields_free(m->fields, m->nfields);
    free(m->text);
    memset(m, 0, sizeof *m);
}
