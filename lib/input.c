/*
 * input.c - streaming readers of CSV, TSV, JSON and JSON Lines records, and
 * of id lists.  See input.h for the contract.
 *
 * Everything reads through one small buffered reader (struct rd) so that the
 * format can be detected by peeking, line numbers are counted in one place
 * and no more than one record (bounded by max_record bytes) is ever held.
 *
 *   CSV   physical lines are fed to libcsv one at a time; feeding by line
 *         tells us the line a record starts on and lets invalid UTF-8 be
 *         reported with its byte offset in the line.
 *   TSV   split by hand: no quoting, \t \n \r \\ escapes.
 *   JSON  a byte scanner cuts one element (object) out of the array or the
 *         JSON Lines stream, bare numbers are wrapped in quotes so Jansson
 *         hands back their source text, then Jansson parses that element.
 */
#include "input.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "vcard.h"

#define RD_CHUNK 65536
#define MAX_RECORD_DEFAULT ((size_t)64 << 20)
#define MAX_DEPTH 64

/* --- the buffered reader ------------------------------------------------ */

struct rd {
    FILE *f;
    size_t pos, len; /* unread bytes are buf[pos..len) */
    int eof;
    int ioerr;   /* errno of a failed read, 0 if none */
    size_t line; /* 1-based line of the next unread byte */
    size_t col;  /* 0-based byte offset of the next unread byte in its line */
    unsigned char buf[RD_CHUNK];
};

/* Make at least n (<= RD_CHUNK) bytes available if the stream has them;
 * returns how many are available. */
static size_t rd_ensure(struct rd *r, size_t n)
{
    if (r->len - r->pos >= n) return r->len - r->pos;
    if (r->pos > 0) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->pos = 0;
    }
    while (r->len < n && !r->eof && !r->ioerr) {
        errno = 0;
        size_t got = fread(r->buf + r->len, 1, sizeof r->buf - r->len, r->f);
        r->len += got;
        if (got == 0) {
            if (ferror(r->f))
                r->ioerr = errno ? errno : EIO;
            else
                r->eof = 1;
        }
    }
    return r->len - r->pos;
}

static int rd_peek(struct rd *r)
{
    return rd_ensure(r, 1) ? r->buf[r->pos] : -1;
}

static void rd_advance(struct rd *r, unsigned char c)
{
    r->pos++;
    if (c == '\n') {
        r->line++;
        r->col = 0;
    } else {
        r->col++;
    }
}

static void rd_skip_bom(struct rd *r)
{
    if (rd_ensure(r, 3) >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0) r->pos += 3;
}

enum { RD_EOF = 0, RD_LINE = 1, RD_TOOBIG = -1, RD_IOERR = -2 };

/* Read one physical line, its '\n' included, into out (which is reset). */
static int rd_line(struct rd *r, struct crm_buf *out, size_t max)
{
    crm_buf_reset(out);
    for (;;) {
        size_t avail = rd_ensure(r, 1);
        if (avail == 0) return r->ioerr ? RD_IOERR : out->len > 0 ? RD_LINE : RD_EOF;
        unsigned char *p = r->buf + r->pos;
        unsigned char *nl = memchr(p, '\n', avail);
        size_t take = nl ? (size_t)(nl - p) + 1 : avail;
        if (out->len + take > max) return RD_TOOBIG;
        crm_buf_add(out, p, take);
        r->pos += take;
        if (nl) {
            r->line++;
            r->col = 0;
            return RD_LINE;
        }
        r->col += take;
    }
}

/* --- UTF-8 and small helpers -------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid
 * (overlong, surrogate, above U+10FFFF, truncated). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t cp, min;

    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, cp = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, cp = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, cp = c & 0x07, min = 0x10000;
    else
        return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

/* Offset of the first invalid UTF-8 byte (or NUL byte, which no C string can
 * carry) in s, or n when all of it is valid. */
static size_t utf8_bad_offset(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        if (u[i] == 0) return i;
        size_t k = utf8_seq(u + i, n - i);
        if (k == 0) return i;
        i += k;
    }
    return n;
}

static const char *shown_name(const char *name)
{
    return !name || strcmp(name, "-") == 0 ? "stdin" : name;
}

/* --- the reader object -------------------------------------------------- */

struct row {
    char **f;
    size_t n, cap;
    size_t line;
};

struct crm_input {
    char *name;
    enum crm_infmt fmt;
    size_t max_record;
    int failed;           /* sticky status once an error was returned */
    struct crm_err saved; /* and its message */

    char **header; /* CSV/TSV column names */
    size_t nheader;
    struct row cur;  /* values handed out last; freed by the next call */
    char **cur_keys; /* JSON: keys handed out last */

    /* CSV */
    struct csv_parser csv;
    int csv_inited, csv_finished;
    struct row building; /* fields of the row libcsv is parsing */
    struct row *ready;   /* complete rows not handed out yet */
    size_t nready, ready_head, ready_cap;
    int row_open;     /* a row has begun and not ended */
    size_t row_line;  /* where that row began */
    size_t row_bytes; /* its size so far, to bound memory */
    int too_big;
    struct crm_buf line;

    /* vCard */
    struct crm_vcard *vc;
    size_t vc_begin;
    struct crm_buf vc_more;

    /* JSON */
    int json_state; /* JS_* below */
    size_t elem_line, elem_col;
    struct crm_buf elem, wrapped;

    struct rd rd; /* last: it is large */
};

enum { JS_START, JS_FIRST, JS_NEXT, JS_DONE };

static int fail(struct crm_input *in, struct crm_err *err, int status, size_t line, const char *fmt,
                ...) __attribute__((format(printf, 5, 6)));

/* Set err to "NAME:LINE: message" (no LINE when 0) and remember it, so a
 * caller that calls crm_input_next again gets the same error.  Returns the
 * negative status, as crm_input_next does. */
static int fail(struct crm_input *in, struct crm_err *err, int status, size_t line, const char *fmt,
                ...)
{
    struct crm_err e;
    va_list ap;

    e.status = status;
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof e.msg, fmt, ap);
    va_end(ap);
    if (line)
        crm_err_prefix(&e, "%s:%zu: ", in->name, line);
    else
        crm_err_prefix(&e, "%s: ", in->name);
    in->failed = status;
    in->saved = e;
    if (err) *err = e;
    return -status;
}

static int fail_read(struct crm_input *in, struct crm_err *err)
{
    return fail(in, err, CRM_IOERR, 0, "read error: %s", strerror(in->rd.ioerr));
}

static int fail_too_big(struct crm_input *in, struct crm_err *err, size_t line)
{
    size_t m = in->max_record;

    if (m % ((size_t)1 << 20) == 0)
        return fail(in, err, CRM_DATAERR, line, "record larger than %zu MiB", m >> 20);
    return fail(in, err, CRM_DATAERR, line, "record larger than %zu bytes", m);
}

static void row_push(struct row *r, char *v)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->f = crm_xrealloc(r->f, r->cap * sizeof *r->f);
    }
    r->f[r->n++] = v;
}

static void row_clear(struct row *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->f[i]);
    r->n = 0;
}

static void row_free(struct row *r)
{
    row_clear(r);
    free(r->f);
    r->f = NULL;
    r->cap = 0;
}

static void free_keys(char **keys, size_t n)
{
    if (!keys) return;
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
}

/* Drop the record handed out last: its strings live until the next call. */
static void release_current(struct crm_input *in)
{
    free_keys(in->cur_keys, in->cur.n);
    in->cur_keys = NULL;
    row_clear(&in->cur);
}

int crm_input_format_parse(const char *name, enum crm_infmt *fmt, struct crm_err *err)
{
    static const struct {
        const char *name;
        enum crm_infmt fmt;
    } names[] = {{"auto", CRM_IN_AUTO}, {"csv", CRM_IN_CSV},     {"tsv", CRM_IN_TSV},
                 {"json", CRM_IN_JSON}, {"jsonl", CRM_IN_JSONL}, {"ndjson", CRM_IN_JSONL},
                 {"vcard", CRM_IN_VCARD}, {"vcf", CRM_IN_VCARD}};

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (name && strcmp(name, names[i].name) == 0) {
            *fmt = names[i].fmt;
            return CRM_OK;
        }
    }
    return crm_err_set(err, CRM_USAGE,
                       "unknown input format '%s' (use auto, csv, tsv, json, jsonl or vcard)",
                       name ? name : "");
}

enum crm_infmt crm_input_format(const struct crm_input *in)
{
    return in->fmt;
}

void crm_input_set_max_record(struct crm_input *in, size_t bytes)
{
    in->max_record = bytes ? bytes : MAX_RECORD_DEFAULT;
}

static int is_json_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The first non-blank byte, without consuming anything (a CSV field may
 * start with blanks).  Looks no further than one buffer. */
static int first_nonblank(struct rd *r)
{
    size_t avail = rd_ensure(r, RD_CHUNK);

    for (size_t i = 0; i < avail; i++)
        if (!is_json_ws(r->buf[r->pos + i])) return r->buf[r->pos + i];
    return -1;
}

static enum crm_infmt detect_format(struct rd *r)
{
    int c = first_nonblank(r);

    if (c == 'B' || c == 'b') {
        size_t avail = rd_ensure(r, RD_CHUNK), i = 0;
        while (i < avail && is_json_ws(r->buf[r->pos + i]))
            i++;
        if (avail - i >= 11 && strncasecmp((const char *)r->buf + r->pos + i, "BEGIN:VCARD", 11) == 0)
            return CRM_IN_VCARD;
    }

    return c == '[' ? CRM_IN_JSON : c == '{' ? CRM_IN_JSONL : CRM_IN_CSV;
}

/* --- CSV ----------------------------------------------------------------- */

static void csv_on_field(void *s, size_t len, void *data)
{
    struct crm_input *in = data;

    /* With CSV_EMPTY_IS_NULL libcsv passes NULL for an empty unquoted field
     * and a pointer for "" (quoted), which is how NULL and "" differ. */
    row_push(&in->building, s ? crm_xstrndup(s, len) : NULL);
}

static void csv_on_row(int term, void *data)
{
    struct crm_input *in = data;

    (void)term;
    if (in->nready == in->ready_cap) {
        in->ready_cap = in->ready_cap ? in->ready_cap * 2 : 4;
        in->ready = crm_xrealloc(in->ready, in->ready_cap * sizeof *in->ready);
    }
    in->building.line = in->row_line;
    in->ready[in->nready++] = in->building;
    memset(&in->building, 0, sizeof in->building);
    in->row_open = 0;
    in->row_bytes = 0;
}

static int no_space(unsigned char c)
{
    (void)c;
    return 0; /* RFC 4180: blanks are part of a field, never trimmed */
}

/* The delimiter of a CSV whose header line has more semicolons than commas
 * (the CSV of European spreadsheets) is ';'. */
static char sniff_delim(struct rd *r)
{
    size_t avail = rd_ensure(r, RD_CHUNK), commas = 0, semis = 0;
    int quoted = 0;
    for (size_t i = 0; i < avail; i++) {
        unsigned char c = r->buf[r->pos + i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ',')
            commas++;
        else if (!quoted && c == ';')
            semis++;
    }
    return semis > commas ? ';' : ',';
}

static int csv_setup(struct crm_input *in, char delim, struct crm_err *err)
{
    if (!delim)
        delim = sniff_delim(&in->rd);
    if (csv_init(&in->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
        return fail(in, err, CRM_SOFTWARE, 0, "cannot start the CSV parser");
    csv_set_delim(&in->csv, (unsigned char)(delim ? delim : ','));
    csv_set_space_func(&in->csv, no_space);
    csv_set_realloc_func(&in->csv, crm_xrealloc);
    csv_set_free_func(&in->csv, free);
    in->csv_inited = 1;
    return 0;
}

static int only_line_end(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\r' && s[i] != '\n') return 0;
    return 1;
}

static int csv_feed_line(struct crm_input *in, struct crm_err *err)
{
    size_t line = in->rd.line - 1; /* rd_line moved past the '\n' */
    const char *s = in->line.s;
    size_t n = in->line.len;

    if (n && s[n - 1] != '\n') line = in->rd.line; /* the last line, without '\n' */
    size_t bad = utf8_bad_offset(s, n);
    if (bad < n)
        return fail(in, err, CRM_DATAERR, line, "invalid UTF-8 at byte %zu of the line", bad + 1);
    if (!in->row_open && !only_line_end(s, n)) {
        in->row_open = 1;
        in->row_line = line;
    }
    in->row_bytes += in->row_open ? n : 0;
    if (in->row_bytes > in->max_record) return fail_too_big(in, err, in->row_line);
    if (csv_parse(&in->csv, s, n, csv_on_field, csv_on_row, in) != n)
        return fail(in, err, CRM_DATAERR, line, "%s",
                    csv_error(&in->csv) == CSV_EPARSE
                        ? "misplaced quote (a quoted field must end at a delimiter; quotes inside "
                          "it are doubled)"
                        : csv_strerror(csv_error(&in->csv)));
    return 0;
}

static int csv_finish(struct crm_input *in, struct crm_err *err)
{
    in->csv_finished = 1;
    if (csv_fini(&in->csv, csv_on_field, csv_on_row, in) != 0)
        return fail(in, err, CRM_DATAERR, in->row_line, "unterminated quoted field");
    return 0;
}

/* Parse until a complete row is queued or the input ends; 1, 0 or -status. */
static int csv_fill(struct crm_input *in, struct crm_err *err)
{
    while (in->ready_head == in->nready && !in->csv_finished) {
        int rc = rd_line(&in->rd, &in->line, in->max_record);
        if (rc == RD_IOERR) return fail_read(in, err);
        if (rc == RD_TOOBIG) return fail_too_big(in, err, in->rd.line);
        rc = rc == RD_EOF ? csv_finish(in, err) : csv_feed_line(in, err);
        if (rc < 0) return rc;
    }
    return in->ready_head < in->nready;
}

/* Move the next complete row into in->cur; 1, 0 at the end, or -status. */
static int csv_next_row(struct crm_input *in, struct crm_err *err)
{
    int rc = csv_fill(in, err);

    if (rc <= 0) return rc;
    row_free(&in->cur);
    in->cur = in->ready[in->ready_head++];
    if (in->ready_head == in->nready) in->ready_head = in->nready = 0;
    return 1;
}

/* --- TSV ----------------------------------------------------------------- */

static char *tsv_unescape(const char *s, size_t n)
{
    struct crm_buf b = CRM_BUF_INIT;

    if (n == 0) return NULL; /* no quoting in TSV: an empty field is NULL */
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < n) {
            char e = s[++i];
            c = e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == '\\' ? '\\' : 0;
            if (!c) { /* not an escape we write: keep it as it was */
                crm_buf_putc(&b, '\\');
                c = e;
            }
        }
        crm_buf_putc(&b, c);
    }
    return crm_buf_detach(&b);
}

static int tsv_next_row(struct crm_input *in, struct crm_err *err)
{
    for (;;) {
        int rc = rd_line(&in->rd, &in->line, in->max_record);
        if (rc == RD_IOERR) return fail_read(in, err);
        if (rc == RD_TOOBIG) return fail_too_big(in, err, in->rd.line);
        if (rc == RD_EOF) return 0;
        size_t n = in->line.len, line = in->rd.line;
        const char *s = in->line.s;
        if (s[n - 1] == '\n') n--, line--;
        if (n && s[n - 1] == '\r') n--;
        if (n == 0) continue; /* blank lines are skipped, as in CSV */
        size_t bad = utf8_bad_offset(s, n);
        if (bad < n)
            return fail(in, err, CRM_DATAERR, line, "invalid UTF-8 at byte %zu of the line",
                        bad + 1);
        row_free(&in->cur);
        in->cur.line = line;
        for (const char *p = s, *end = s + n;;) {
            const char *tab = memchr(p, '\t', (size_t)(end - p));
            const char *stop = tab ? tab : end;
            row_push(&in->cur, tsv_unescape(p, (size_t)(stop - p)));
            if (!tab) break;
            p = tab + 1;
        }
        return 1;
    }
}

/* --- header (CSV and TSV) ------------------------------------------------ */

/* qsort_r order of header column numbers: by name, then by number. */
static int header_cmp(const void *a, const void *b, void *arg)
{
    char **h = arg;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(h[i], h[j]);
    return c ? c : (i > j) - (i < j);
}

static int take_header(struct crm_input *in, struct crm_err *err)
{
    int rc = in->fmt == CRM_IN_TSV ? tsv_next_row(in, err) : csv_next_row(in, err);

    if (rc < 0) return rc;
    if (rc == 0) return fail(in, err, CRM_DATAERR, 0, "no header line (the input is empty)");
    in->header = in->cur.f;
    in->nheader = in->cur.n;
    size_t line = in->cur.line;
    memset(&in->cur, 0, sizeof in->cur);
    for (size_t i = 0; i < in->nheader; i++) {
        const char *k = in->header[i];
        if (!k || !*k)
            return fail(in, err, CRM_DATAERR, line, "column %zu of the header has no name", i + 1);
    }
    /* Repeated names, in O(n log n) (a 100 000-column header must not take
     * minutes): sort the column numbers by name, then by number; the first
     * repeat is the smallest second member of a run of equal names. */
    size_t *ord = crm_xmalloc((in->nheader ? in->nheader : 1) * sizeof *ord), rep = SIZE_MAX;
    for (size_t i = 0; i < in->nheader; i++)
        ord[i] = i;
    qsort_r(ord, in->nheader, sizeof *ord, header_cmp, in->header);
    for (size_t i = 1; i < in->nheader; i++)
        if (strcmp(in->header[ord[i - 1]], in->header[ord[i]]) == 0 &&
            (i < 2 || strcmp(in->header[ord[i - 2]], in->header[ord[i]]) != 0) && ord[i] < rep)
            rep = ord[i];
    free(ord);
    if (rep != SIZE_MAX)
        return fail(in, err, CRM_DATAERR, line, "column '%s' appears twice in the header",
                    in->header[rep]);
    return 0;
}

static int table_next(struct crm_input *in, struct crm_record_in *rec, struct crm_err *err)
{
    int rc = in->fmt == CRM_IN_TSV ? tsv_next_row(in, err) : csv_next_row(in, err);

    if (rc <= 0) return rc;
    if (in->cur.n != in->nheader)
        return fail(in, err, CRM_DATAERR, in->cur.line, "%zu field%s, the header has %zu",
                    in->cur.n, in->cur.n == 1 ? "" : "s", in->nheader);
    rec->n = in->nheader;
    rec->keys = in->header;
    rec->vals = in->cur.f;
    rec->line = in->cur.line;
    return 1;
}

/* --- JSON ---------------------------------------------------------------- */

static int is_token_char(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
           c == '+' || c == '.';
}

static void skip_json_ws(struct rd *r)
{
    int c;

    while ((c = rd_peek(r)) >= 0 && is_json_ws(c))
        rd_advance(r, (unsigned char)c);
}

static int show_char(int c)
{
    return c >= 0x20 && c < 0x7F ? c : '?';
}

/* The line of byte off of the current element. */
static size_t elem_line_at(const struct crm_input *in, size_t off, size_t *col)
{
    size_t line = in->elem_line, c = in->elem_col;

    for (size_t i = 0; i < off; i++) {
        if (in->elem.s[i] == '\n')
            line++, c = 0;
        else
            c++;
    }
    if (col) *col = c;
    return line;
}

/* Scanner state while cutting one JSON value out of the stream. */
struct jscan {
    int depth, in_str, esc;
};

/*
 * Scan p[0..n) of a value whose first `have` bytes were already taken.
 * Returns how many bytes belong to the value; sets *done when it ended
 * there, *deep when it nests too deep.
 */
static size_t jscan_chunk(struct jscan *s, const unsigned char *p, size_t n, size_t have, int *done,
                          int *deep)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (s->in_str) {
            if (s->esc)
                s->esc = 0;
            else if (c == '\\')
                s->esc = 1;
            else if (c == '"' && (s->in_str = 0, s->depth == 0))
                return *done = 1, i + 1;
        } else if (s->depth == 0 && have + i > 0 && !is_token_char(c)) {
            return *done = 1, i; /* the end of a bare top-level token */
        } else if (c == '"') {
            s->in_str = 1;
        } else if (c == '{' || c == '[') {
            if (++s->depth > MAX_DEPTH) return *deep = 1, i;
        } else if ((c == '}' || c == ']') && --s->depth <= 0) {
            return *done = 1, i + 1;
        }
    }
    return n;
}

/* Move n bytes of the reader's buffer to b, counting lines. */
static void rd_take(struct rd *r, struct crm_buf *b, size_t n)
{
    const unsigned char *p = r->buf + r->pos, *end = p + n, *nl;

    crm_buf_add(b, p, n);
    r->pos += n;
    while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        r->line++;
        r->col = 0;
        p = nl + 1;
    }
    r->col += (size_t)(end - p);
}

/*
 * Copy one JSON value, raw, from the reader into in->elem.  Tracks strings
 * (and their escapes) and bracket depth only: the grammar is Jansson's job;
 * this finds where the value ends without loading the whole document.
 */
static int json_copy_value(struct crm_input *in, struct crm_err *err)
{
    struct rd *r = &in->rd;
    struct crm_buf *b = &in->elem;
    struct jscan s = {0, 0, 0};
    int c = rd_peek(r), done = 0, deep = 0;

    crm_buf_reset(b);
    in->elem_line = r->line;
    in->elem_col = r->col;
    if (c != '{' && c != '[' && c != '"' && !is_token_char(c))
        return fail(in, err, CRM_DATAERR, r->line, "invalid JSON: unexpected '%c'", show_char(c));
    while (!done) {
        size_t avail = rd_ensure(r, 1);
        if (avail == 0) {
            if (r->ioerr) return fail_read(in, err);
            if (s.depth == 0 && !s.in_str) return 0; /* a bare token ends at EOF */
            return fail(in, err, CRM_DATAERR, in->elem_line,
                        "invalid JSON: the input ends inside %s",
                        s.in_str ? "a string" : "an object or array");
        }
        rd_take(r, b, jscan_chunk(&s, r->buf + r->pos, avail, b->len, &done, &deep));
        if (deep)
            return fail(in, err, CRM_DATAERR, r->line, "JSON nested deeper than %d levels",
                        MAX_DEPTH);
        if (b->len > in->max_record) return fail_too_big(in, err, in->elem_line);
    }
    return 0;
}

/* RFC 8259 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int json_number_ok(const char *s, size_t n)
{
    size_t i = 0;

    if (i < n && s[i] == '-') i++;
    if (i < n && s[i] == '0')
        i++;
    else if (i < n && s[i] >= '1' && s[i] <= '9')
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    else
        return 0;
    if (i < n && s[i] == '.') {
        size_t d = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d) return 0;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        size_t d = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d) return 0;
    }
    return i == n;
}

/* Copy in->elem to in->wrapped with every bare number put in quotes, so that
 * Jansson returns it as a string holding its exact source text. */
static int json_wrap_numbers(struct crm_input *in, struct crm_err *err)
{
    const char *s = in->elem.s;
    size_t n = in->elem.len, i = 0;
    struct crm_buf *w = &in->wrapped;

    crm_buf_reset(w);
    while (i < n) {
        char c = s[i];
        if (c == '"') { /* copy the string, escapes and all */
            size_t j = i + 1;
            while (j < n && s[j] != '"')
                j += s[j] == '\\' ? 2 : 1;
            j = j < n ? j + 1 : n;
            crm_buf_add(w, s + i, j - i);
            i = j;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t j = i;
            while (j < n && is_token_char((unsigned char)s[j]))
                j++;
            if (!json_number_ok(s + i, j - i))
                return fail(in, err, CRM_DATAERR, elem_line_at(in, i, NULL),
                            "invalid JSON: invalid number '%.*s'", (int)(j - i > 40 ? 40 : j - i),
                            s + i);
            crm_buf_putc(w, '"');
            crm_buf_add(w, s + i, j - i);
            crm_buf_putc(w, '"');
            i = j;
        } else {
            crm_buf_putc(w, c);
            i++;
        }
    }
    return 0;
}

/* A JSON value as record text: see input.h.  Returns 0, or -status. */
static int json_value_text(struct crm_input *in, const char *key, json_t *v, char **out,
                           struct crm_err *err)
{
    size_t line = in->elem_line;

    *out = NULL;
    switch (json_typeof(v)) {
    case JSON_STRING:
        *out = crm_xstrndup(json_string_value(v), json_string_length(v));
        return 0;
    case JSON_TRUE:
        *out = crm_xstrdup("true");
        return 0;
    case JSON_FALSE:
        *out = crm_xstrdup("false");
        return 0;
    case JSON_NULL:
        return 0;
    case JSON_OBJECT:
        return fail(in, err, CRM_DATAERR, line, "%s: a nested object is not a field value", key);
    case JSON_ARRAY:
        break;
    default: /* integers and reals cannot occur: numbers were wrapped */
        return fail(in, err, CRM_DATAERR, line, "%s: unexpected JSON value", key);
    }
    struct crm_buf b = CRM_BUF_INIT;
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e)
    {
        const char *t = json_string_value(e);
        if (!t) {
            crm_buf_free(&b);
            return fail(in, err, CRM_DATAERR, line,
                        "%s: an array may hold only strings and numbers (tags)", key);
        }
        if (strchr(t, ';')) {
            crm_buf_free(&b);
            return fail(in, err, CRM_DATAERR, line, "%s: tag '%s' contains ';'", key, t);
        }
        if (i) crm_buf_putc(&b, ';');
        crm_buf_puts(&b, t);
    }
    *out = crm_buf_detach(&b);
    return 0;
}

static int json_to_record(struct crm_input *in, json_t *obj, struct crm_err *err)
{
    size_t n = json_object_size(obj), i = 0;
    const char *key;
    json_t *v;

    in->cur_keys = crm_xcalloc(n, sizeof *in->cur_keys);
    in->cur.f = crm_xrealloc(in->cur.f, (n ? n : 1) * sizeof *in->cur.f);
    in->cur.cap = n ? n : 1;
    in->cur.line = in->elem_line;
    json_object_foreach(obj, key, v)
    {
        if (!*key) return fail(in, err, CRM_DATAERR, in->elem_line, "an empty key");
        in->cur_keys[i] = crm_xstrdup(key);
        in->cur.f[i] = NULL;
        in->cur.n = ++i;
        int rc = json_value_text(in, key, v, &in->cur.f[i - 1], err);
        if (rc < 0) return rc;
    }
    return 0;
}

/* Parse the copied element into in->cur / in->cur_keys; 1 or -status. */
static int json_parse_element(struct crm_input *in, struct crm_err *err)
{
    size_t bad = utf8_bad_offset(in->elem.s, in->elem.len), col;

    if (bad < in->elem.len) {
        size_t line = elem_line_at(in, bad, &col);
        return fail(in, err, CRM_DATAERR, line, "invalid UTF-8 at byte %zu of the line", col + 1);
    }
    int rc = json_wrap_numbers(in, err);
    if (rc < 0) return rc;
    json_error_t je;
    json_t *root =
        json_loadb(in->wrapped.s, in->wrapped.len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
    if (!root)
        return fail(in, err, CRM_DATAERR, in->elem_line + (je.line > 0 ? (size_t)je.line - 1 : 0),
                    "invalid JSON: %s", je.text);
    if (!json_is_object(root)) {
        json_decref(root);
        return fail(in, err, CRM_DATAERR, in->elem_line, "expected an object");
    }
    rc = json_to_record(in, root, err);
    json_decref(root);
    return rc < 0 ? rc : 1;
}

/* After the array's ']': only blanks may follow. */
static int json_expect_end(struct crm_input *in, struct crm_err *err)
{
    skip_json_ws(&in->rd);
    int c = rd_peek(&in->rd);
    if (c >= 0)
        return fail(in, err, CRM_DATAERR, in->rd.line, "trailing data after the JSON array");
    return in->rd.ioerr ? fail_read(in, err) : 0;
}

/* Position the reader at the next array element; 1, 0 at the end, -status. */
static int json_array_step(struct crm_input *in, struct crm_err *err)
{
    struct rd *r = &in->rd;
    int c;

    skip_json_ws(r);
    c = rd_peek(r);
    if (in->json_state == JS_START) {
        if (c != '[') return fail(in, err, CRM_DATAERR, r->line, "invalid JSON: expected '['");
        rd_advance(r, '[');
        skip_json_ws(r);
        c = rd_peek(r);
        in->json_state = JS_FIRST;
        if (c == ']') {
            rd_advance(r, ']');
            in->json_state = JS_DONE;
            return json_expect_end(in, err);
        }
    } else if (in->json_state == JS_NEXT) {
        if (c == ']') {
            rd_advance(r, ']');
            in->json_state = JS_DONE;
            return json_expect_end(in, err);
        }
        if (c != ',')
            return c < 0 && r->ioerr ? fail_read(in, err)
                   : c < 0           ? fail(in, err, CRM_DATAERR, r->line,
                                            "invalid JSON: the input ends before the array's ']'")
                                     : fail(in, err, CRM_DATAERR, r->line,
                                            "invalid JSON: expected ',' or ']', found '%c'", show_char(c));
        rd_advance(r, ',');
        skip_json_ws(r);
    }
    if (rd_peek(r) < 0)
        return r->ioerr ? fail_read(in, err)
                        : fail(in, err, CRM_DATAERR, r->line,
                               "invalid JSON: the input ends before the array's ']'");
    in->json_state = JS_NEXT;
    return 1;
}

static int json_next(struct crm_input *in, struct crm_record_in *rec, struct crm_err *err)
{
    int rc;

    if (in->json_state == JS_DONE) return 0;
    if (in->fmt == CRM_IN_JSON) {
        rc = json_array_step(in, err);
    } else {
        skip_json_ws(&in->rd);
        rc = rd_peek(&in->rd) >= 0 ? 1 : in->rd.ioerr ? fail_read(in, err) : 0;
    }
    if (rc <= 0) {
        if (rc == 0) in->json_state = JS_DONE;
        return rc;
    }
    rc = json_copy_value(in, err);
    if (rc < 0) return rc;
    rc = json_parse_element(in, err);
    if (rc <= 0) return rc;
    rec->n = in->cur.n;
    rec->keys = in->cur_keys;
    rec->vals = in->cur.f;
    rec->line = in->cur.line;
    return 1;
}

/* --- vCard --------------------------------------------------------------- */

static void strip_eol(struct crm_buf *b)
{
    while (b->len && (b->s[b->len - 1] == '\n' || b->s[b->len - 1] == '\r'))
        b->len--;
    if (b->s)
        b->s[b->len] = '\0';
}

/* One card: logical lines (folded lines and QUOTED-PRINTABLE soft breaks
 * joined) fed to vcard.c until END:VCARD. */
static int vcard_next(struct crm_input *in, struct crm_record_in *rec, struct crm_err *err)
{
    if (!in->vc) in->vc = crm_vcard_new();
    for (;;) {
        size_t at = in->rd.line;
        int r = rd_line(&in->rd, &in->line, in->max_record);
        if (r == RD_EOF) {
            if (crm_vcard_open(in->vc))
                return fail(in, err, CRM_DATAERR, in->vc_begin, "card not closed: END:VCARD missing");
            return 0;
        }
        if (r == RD_TOOBIG) return fail_too_big(in, err, at);
        if (r == RD_IOERR) return fail_read(in, err);
        strip_eol(&in->line);
        for (;;) {
            int c = rd_peek(&in->rd), qp = 0;
            if (c != ' ' && c != '\t' && !(qp = crm_vcard_qp_continues(&in->line))) break;
            r = rd_line(&in->rd, &in->vc_more, in->max_record);
            if (r == RD_TOOBIG) return fail_too_big(in, err, at);
            if (r == RD_IOERR) return fail_read(in, err);
            if (r == RD_EOF) break;
            strip_eol(&in->vc_more);
            size_t skip = qp ? 0 : 1;
            if (in->line.len + in->vc_more.len > in->max_record) return fail_too_big(in, err, at);
            crm_buf_add(&in->line, in->vc_more.s + skip, in->vc_more.len - skip);
        }
        int was_open = crm_vcard_open(in->vc);
        struct crm_err e = {0, ""};
        int rc = crm_vcard_feed(in->vc, crm_buf_str(&in->line), in->line.len, &e);
        if (rc < 0) return fail(in, err, -rc, at, "%s", e.msg);
        if (!was_open && crm_vcard_open(in->vc)) in->vc_begin = at;
        if (rc == 1) {
            rec->n = crm_vcard_record(in->vc, &rec->keys, &rec->vals);
            rec->line = in->vc_begin;
            return 1;
        }
    }
}

/* --- opening, reading, closing ------------------------------------------ */

static struct crm_input *input_new(FILE *f, const char *name)
{
    struct crm_input *in = crm_xcalloc(1, sizeof *in);

    in->name = crm_xstrdup(shown_name(name));
    in->max_record = MAX_RECORD_DEFAULT;
    in->rd.f = f;
    in->rd.line = 1;
    rd_skip_bom(&in->rd);
    return in;
}

/* Detect the format if needed and read the header; CRM_OK or a status. */
static int input_start(struct crm_input *in, enum crm_infmt fmt, char delim, struct crm_err *err)
{
    in->fmt = fmt == CRM_IN_AUTO ? detect_format(&in->rd) : fmt;
    if (in->rd.ioerr) return -fail_read(in, err);
    int rc = in->fmt == CRM_IN_CSV ? csv_setup(in, delim, err) : 0;
    if (rc == 0 && (in->fmt == CRM_IN_CSV || in->fmt == CRM_IN_TSV)) rc = take_header(in, err);
    return rc < 0 ? -rc : CRM_OK;
}

int crm_input_open(struct crm_input **inp, FILE *f, const char *name, enum crm_infmt fmt,
                   char delim, struct crm_err *err)
{
    struct crm_input *in = input_new(f, name);
    int rc = input_start(in, fmt, delim, err);

    if (rc != CRM_OK) {
        crm_input_close(in);
        in = NULL;
    }
    *inp = in;
    return rc;
}

int crm_input_next(struct crm_input *in, struct crm_record_in *rec, struct crm_err *err)
{
    if (in->failed) {
        if (err) *err = in->saved;
        return -in->failed;
    }
    release_current(in);
    memset(rec, 0, sizeof *rec);
    if (in->fmt == CRM_IN_JSON || in->fmt == CRM_IN_JSONL) return json_next(in, rec, err);
    if (in->fmt == CRM_IN_VCARD) return vcard_next(in, rec, err);
    return table_next(in, rec, err);
}

void crm_input_close(struct crm_input *in)
{
    if (!in) return;
    release_current(in);
    row_free(&in->cur);
    row_free(&in->building);
    for (size_t i = in->ready_head; i < in->nready; i++)
        row_free(&in->ready[i]);
    free(in->ready);
    free_keys(in->header, in->nheader);
    if (in->csv_inited) csv_free(&in->csv);
    crm_buf_free(&in->line);
    crm_buf_free(&in->vc_more);
    crm_vcard_free(in->vc);
    crm_buf_free(&in->elem);
    crm_buf_free(&in->wrapped);
    free(in->name);
    free(in);
}

/* --- id lists ------------------------------------------------------------ */

/* A positive decimal record id, whole text; 0 if s is not one. */
static long long parse_id(const char *s, size_t n)
{
    long long v = 0;

    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        if (v > (LLONG_MAX - (s[i] - '0')) / 10) return 0;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* 1 when the first non-blank line of the input is all digits (plain ids). */
static int first_line_is_id(struct rd *r)
{
    size_t avail = rd_ensure(r, RD_CHUNK), i = 0;
    const unsigned char *p = r->buf + r->pos;

    while (i < avail && is_blank(p[i]))
        i++;
    size_t start = i;
    while (i < avail && p[i] >= '0' && p[i] <= '9')
        i++;
    if (i == start) return 0;
    while (i < avail && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r'))
        i++;
    return i == avail || p[i] == '\n';
}

static int bad_id(struct crm_input *in, struct crm_err *err, size_t line, const char *s, size_t n)
{
    return -fail(in, err, CRM_DATAERR, line, "'%.*s' is not a record id", (int)(n > 60 ? 60 : n),
                 s);
}

static int ids_plain(struct crm_input *in, int (*fn)(long long, size_t, void *), void *ctx,
                     struct crm_err *err)
{
    for (;;) {
        size_t line = in->rd.line;
        int rc = rd_line(&in->rd, &in->line, 4096);
        if (rc == RD_EOF) return CRM_OK;
        if (rc == RD_IOERR) return -fail_read(in, err);
        if (rc == RD_TOOBIG)
            return -fail(in, err, CRM_DATAERR, line, "line too long for a record id");
        const char *s = in->line.s;
        size_t n = in->line.len;
        while (n && is_blank((unsigned char)s[n - 1]))
            n--;
        while (n && is_blank((unsigned char)*s))
            s++, n--;
        if (n == 0) continue;
        long long id = parse_id(s, n);
        if (id <= 0) return bad_id(in, err, line, s, n);
        rc = fn(id, line, ctx);
        if (rc) return rc;
    }
}

static int ids_records(struct crm_input *in, int (*fn)(long long, size_t, void *), void *ctx,
                       struct crm_err *err)
{
    struct crm_record_in rec;
    int rc;

    while ((rc = crm_input_next(in, &rec, err)) > 0) {
        size_t k = 0;
        while (k < rec.n && strcmp(rec.keys[k], "id") != 0)
            k++;
        if (k == rec.n)
            return -fail(in, err, CRM_DATAERR, rec.line, "no \"id\" %s",
                         in->fmt == CRM_IN_CSV ? "column" : "key");
        const char *v = rec.vals[k] ? rec.vals[k] : "";
        long long id = parse_id(v, strlen(v));
        if (id <= 0) return bad_id(in, err, rec.line, v, strlen(v));
        rc = fn(id, rec.line, ctx);
        if (rc) return rc;
    }
    return rc < 0 ? -rc : CRM_OK;
}

/* JSON has no header: any record may hold the id. */
static int header_has_id(const struct crm_input *in)
{
    if (!in->header) return 1;
    for (size_t i = 0; i < in->nheader; i++)
        if (strcmp(in->header[i], "id") == 0) return 1;
    return 0;
}

int crm_input_read_ids(FILE *f, const char *name, int (*fn)(long long id, size_t line, void *ctx),
                       void *ctx, struct crm_err *err)
{
    struct crm_input *in = input_new(f, name);
    int c = first_nonblank(&in->rd), rc;

    if (in->rd.ioerr)
        rc = -fail_read(in, err);
    else if (c < 0 && in->rd.eof)
        rc = CRM_OK; /* nothing but blanks: no ids */
    else if (c != '[' && c != '{' && first_line_is_id(&in->rd))
        rc = ids_plain(in, fn, ctx, err);
    else if ((rc = input_start(in, CRM_IN_AUTO, 0, err)) == CRM_OK && !header_has_id(in))
        rc = -fail(in, err, CRM_DATAERR, 1, "no \"id\" column in the header");
    else if (rc == CRM_OK)
        rc = ids_records(in, fn, ctx, err);
    crm_input_close(in);
    return rc;
}
