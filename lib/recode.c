/*
 * recode.c - a FILE that reads another one converted to UTF-8 (recode.h).
 */
#include "recode.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CHUNK 65536

struct crm_recode {
    FILE *f;
    iconv_t cd;         /* (iconv_t)-1: pass through */
    char *enc;          /* as the user named it, for messages */
    char *name;
    char in[CHUNK];
    size_t inpos, inlen;
    int eof;
    size_t line, col;   /* of the next converted character */
    int failed;
    struct crm_err err;
};

static const struct {
    const char *alias, *iconv;
} aliases[] = {
    {"cp1251", "CP1251"},     {"windows-1251", "CP1251"}, {"koi8-r", "KOI8-R"},
    {"koi8r", "KOI8-R"},      {"koi8-u", "KOI8-U"},       {"latin1", "ISO-8859-1"},
    {"latin-1", "ISO-8859-1"}, {"iso-8859-1", "ISO-8859-1"}, {"cp1252", "CP1252"},
    {"windows-1252", "CP1252"}, {"utf-16", "UTF-16"},    {"utf16", "UTF-16"},
    {"utf-16le", "UTF-16LE"}, {"utf-16be", "UTF-16BE"},
};

static void track(struct crm_recode *r, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') {
            r->line++;
            r->col = 0;
        } else if ((c & 0xC0) != 0x80) {
            r->col++;
        }
    }
}

static int fill(struct crm_recode *r)
{
    if (r->inpos > 0) {
        memmove(r->in, r->in + r->inpos, r->inlen - r->inpos);
        r->inlen -= r->inpos;
        r->inpos = 0;
    }
    if (r->eof || r->inlen == CHUNK)
        return 0;
    size_t got = fread(r->in + r->inlen, 1, CHUNK - r->inlen, r->f);
    r->inlen += got;
    if (got == 0) {
        if (ferror(r->f))
            return -1;
        r->eof = 1;
    }
    return 0;
}

static void bad(struct crm_recode *r, const char *what)
{
    unsigned char b = r->inpos < r->inlen ? (unsigned char)r->in[r->inpos] : 0;
    crm_err_set(&r->err, CRM_DATAERR, "%s:%zu:%zu: %s %s byte 0x%02X (is --encoding %s right?)",
                r->name, r->line, r->col + 1, what, r->enc, b, r->enc);
    r->failed = 1;
}

static ssize_t rd(void *cookie, char *buf, size_t size)
{
    struct crm_recode *r = cookie;
    if (r->failed) {
        errno = EILSEQ;
        return -1;
    }
    if (r->inpos == r->inlen && fill(r) < 0)
        return -1;
    if (r->cd == (iconv_t)-1) {
        size_t n = r->inlen - r->inpos < size ? r->inlen - r->inpos : size;
        memcpy(buf, r->in + r->inpos, n);
        r->inpos += n;
        return (ssize_t)n;
    }
    size_t out = 0;
    while (out == 0) {
        if (r->inpos == r->inlen) {
            if (fill(r) < 0)
                return -1;
            if (r->inpos == r->inlen)
                return 0; /* the end */
        }
        char *ip = r->in + r->inpos, *op = buf + out;
        size_t il = r->inlen - r->inpos, ol = size - out;
        size_t rv = iconv(r->cd, &ip, &il, &op, &ol);
        size_t made = (size_t)(op - (buf + out));
        track(r, buf + out, made);
        out += made;
        r->inpos = (size_t)(ip - r->in);
        if (rv != (size_t)-1 || errno == E2BIG)
            continue;
        if (errno == EINVAL) { /* a sequence cut by the buffer */
            if (r->eof) {
                bad(r, "truncated");
                break;
            }
            if (out)
                break;
            if (fill(r) < 0)
                return -1;
            continue;
        }
        bad(r, "invalid");
        break;
    }
    if (r->failed && out == 0) {
        errno = EILSEQ;
        return -1;
    }
    return (ssize_t)out;
}

static int cl(void *cookie)
{
    (void)cookie;
    return 0;
}

int crm_recode_open(FILE *f, const char *name, const char *enc, FILE **out,
                    struct crm_recode **rcp, struct crm_err *err)
{
    struct crm_recode *r = crm_xcalloc(1, sizeof *r);
    r->f = f;
    r->cd = (iconv_t)-1;
    r->line = 1;
    r->name = crm_xstrdup(name);
    const char *ic = NULL;
    if (enc && strcasecmp(enc, "utf-8") != 0 && strcasecmp(enc, "utf8") != 0) {
        ic = enc;
        for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
            if (strcasecmp(enc, aliases[i].alias) == 0)
                ic = aliases[i].iconv;
    } else if (!enc) {
        fill(r);
        if (r->inlen >= 2 && ((unsigned char)r->in[0] == 0xFF && (unsigned char)r->in[1] == 0xFE)) {
            ic = "UTF-16";
            enc = "utf-16le";
        } else if (r->inlen >= 2 &&
                   ((unsigned char)r->in[0] == 0xFE && (unsigned char)r->in[1] == 0xFF)) {
            ic = "UTF-16";
            enc = "utf-16be";
        }
    }
    if (ic) {
        r->cd = iconv_open("UTF-8", ic);
        if (r->cd == (iconv_t)-1) {
            free(r->name);
            free(r);
            return crm_err_set(err, CRM_USAGE,
                               "--encoding: unknown encoding '%s' (cp1251, koi8-r, latin1, "
                               "utf-16, or a name of iconv --list)",
                               enc);
        }
        r->enc = crm_xstrdup(enc);
    }
    cookie_io_functions_t io = {rd, NULL, NULL, cl};
    *out = fopencookie(r, "r", io);
    if (!*out) {
        if (r->cd != (iconv_t)-1)
            iconv_close(r->cd);
        free(r->enc);
        free(r->name);
        free(r);
        return crm_err_set(err, CRM_SOFTWARE, "cannot wrap the input");
    }
    *rcp = r;
    return CRM_OK;
}

int crm_recode_error(const struct crm_recode *r, struct crm_err *err)
{
    if (!r || !r->failed)
        return 0;
    *err = r->err;
    return 1;
}

const char *crm_recode_encoding(const struct crm_recode *r)
{
    return r ? r->enc : NULL;
}

void crm_recode_close(FILE *out, struct crm_recode *r)
{
    if (out)
        fclose(out);
    if (!r)
        return;
    if (r->cd != (iconv_t)-1)
        iconv_close(r->cd);
    free(r->enc);
    free(r->name);
    free(r);
}
