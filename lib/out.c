/*
 * out.c - the printers (table, csv, tsv, json, jsonl).  See out.h.
 *
 * Decisions worth knowing:
 *   - CSV writes NULL as an empty field and the empty string as "" (as
 *     PostgreSQL's COPY does), so NULL and "" survive export | import: the
 *     reader in input.c reads an empty unquoted field as NULL and "" as "".
 *     Fields with leading or trailing blanks are not quoted: RFC 4180 keeps
 *     blanks, and so does our reader.
 *   - safe_csv prefixes ' to a value starting with = + - @ TAB or CR (OWASP
 *     "CSV injection"), except a valid number in a NUMBER column: -3 is data,
 *     not a formula, and must stay a number.
 *   - JSON: a NUMBER value that is not a valid JSON number is written as a
 *     string, and invalid UTF-8 as U+FFFD, so the output is always valid JSON.
 *   - table: control characters (newline, tab, escape...) become a space, so
 *     a value can neither break the layout nor drive the terminal.
 */
#include "out.h"
#include "vcard.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

#define TABLE_MAX_WIDTH 40

struct cell {
    char *s;  /* sanitised, cut text */
    size_t w; /* its display width */
};

struct crm_out {
    FILE *f;
    enum crm_outfmt fmt;
    struct crm_col *cols;
    size_t ncols;
    struct crm_out_opts opts;
    int begun;          /* header or '[' written */
    size_t nrows;       /* rows written or buffered */
    int werr;           /* errno of the first failed write, 0 if none */
    int line_flush;     /* jsonl: flush each line (a terminal or a pipe has a live reader) */
    char **jkeys;       /* json/jsonl: each column's "name": written once, not escaped per row */
    struct cell *cells; /* table: nrows * ncols, row by row */
    size_t capcells;
};

/* --- UTF-8 and display width -------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (n bytes left) and its code point
 * in *cp; 0 if invalid. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t v, min;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, v = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, v = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, v = c & 0x07, min = 0x10000;
    else
        return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = v << 6 | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

struct range {
    uint32_t lo, hi;
};

/* East Asian Wide and Fullwidth (Unicode 15, merged where adjacent). */
static const struct range wide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F320},
    {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
    {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
    {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E},
    {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4},
    {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
    {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
    {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945},
    {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

/* Combining marks and other zero-width characters (the common blocks). */
static const struct range zero[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x0900, 0x0902}, {0x093C, 0x093C}, {0x0941, 0x0948},
    {0x094D, 0x094D}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1160, 0x11FF},
    {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064},
    {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0000, 0xE0FFF},
};

static int in_ranges(uint32_t cp, const struct range *r, size_t n)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < r[mid].lo)
            hi = mid;
        else if (cp > r[mid].hi)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

static size_t cp_width(uint32_t cp)
{
    if (in_ranges(cp, zero, sizeof zero / sizeof zero[0])) return 0;
    return in_ranges(cp, wide, sizeof wide / sizeof wide[0]) ? 2 : 1;
}

/* Width and length of the character at s; an invalid byte counts as one
 * column (the terminal shows a replacement). */
static size_t char_at(const char *s, size_t n, size_t *w)
{
    uint32_t cp;
    size_t k = utf8_decode((const unsigned char *)s, n, &cp);

    if (k == 0) {
        *w = 1;
        return 1;
    }
    *w = cp_width(cp);
    return k;
}

static size_t text_width(const char *s, size_t n)
{
    size_t w = 0, cw;

    for (size_t i = 0; i < n; w += cw)
        i += char_at(s + i, n - i, &cw);
    return w;
}

/* --- writing -------------------------------------------------------------- */

static void put(struct crm_out *o, const char *s, size_t n)
{
    if (n && fwrite_unlocked(s, 1, n, o->f) != n && !o->werr) o->werr = errno ? errno : EIO;
}

static void puts_(struct crm_out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void putc_(struct crm_out *o, char c)
{
    if (putc_unlocked(c, o->f) == EOF && !o->werr) o->werr = errno ? errno : EIO;
}

/* CRM_IOERR if any write failed so far. */
static int check_writes(struct crm_out *o, struct crm_err *err)
{
    if (!o->werr && !ferror(o->f)) return CRM_OK;
    int e = o->werr ? o->werr : errno ? errno : EIO;
    return crm_err_set(err, CRM_IOERR, "write error: %s", strerror(e));
}

void crm_out_json_string(FILE *f, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0; /* start of the bytes that need no escaping */
    uint32_t cp;

    putc_unlocked('"', f);
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        size_t k = c < 0x80 ? 1 : utf8_decode(u + i, n - i, &cp);
        if (k > 0 && c >= 0x20 && c != '"' && c != '\\') {
            i += k;
            continue;
        }
        fwrite_unlocked(s + run, 1, i - run, f);
        switch (c) {
        case '"':
            fputs_unlocked("\\\"", f);
            break;
        case '\\':
            fputs_unlocked("\\\\", f);
            break;
        case '\n':
            fputs_unlocked("\\n", f);
            break;
        case '\r':
            fputs_unlocked("\\r", f);
            break;
        case '\t':
            fputs_unlocked("\\t", f);
            break;
        case '\b':
            fputs_unlocked("\\b", f);
            break;
        case '\f':
            fputs_unlocked("\\f", f);
            break;
        default:
            if (k == 0) /* invalid UTF-8: keep the output valid JSON */
                fputs_unlocked("\\ufffd", f);
            else
                fprintf(f, "\\u%04x", c);
        }
        i++;
        run = i;
    }
    fwrite_unlocked(s + run, 1, n - run, f);
    putc_unlocked('"', f);
}

/* RFC 8259 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int json_number_ok(const char *s)
{
    size_t i = 0;

    if (s[i] == '-') i++;
    if (s[i] == '0')
        i++;
    else if (s[i] >= '1' && s[i] <= '9')
        while (s[i] >= '0' && s[i] <= '9')
            i++;
    else
        return 0;
    if (s[i] == '.') {
        size_t d = ++i;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d) return 0;
    }
    if (s[i] == 'e' || s[i] == 'E') {
        i++;
        if (s[i] == '+' || s[i] == '-') i++;
        size_t d = i;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d) return 0;
    }
    return s[i] == '\0';
}

static void json_str(struct crm_out *o, const char *s)
{
    crm_out_json_string(o->f, s, strlen(s));
}

static void json_tags(struct crm_out *o, const char *s)
{
    int first = 1;

    putc_(o, '[');
    while (*s) {
        size_t n = strcspn(s, ";");
        if (n > 0) { /* "a;;b" and a trailing ';' hold no empty tag */
            if (!first) putc_(o, ',');
            crm_out_json_string(o->f, s, n);
            first = 0;
        }
        s += n;
        if (*s == ';') s++;
    }
    putc_(o, ']');
}

static void json_value(struct crm_out *o, enum crm_colkind kind, const char *v)
{
    if (!v || (!*v && kind != CRM_COL_TEXT && kind != CRM_COL_TAGS)) {
        puts_(o, "null");
        return;
    }
    switch (kind) {
    case CRM_COL_NUMBER:
        if (json_number_ok(v))
            puts_(o, v);
        else
            json_str(o, v);
        break;
    case CRM_COL_BOOL:
        if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
            puts_(o, "true");
        else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
            puts_(o, "false");
        else
            json_str(o, v);
        break;
    case CRM_COL_TAGS:
        json_tags(o, v);
        break;
    case CRM_COL_JSON:
        puts_(o, v);
        break;
    case CRM_COL_TEXT:
    default:
        json_str(o, v);
    }
}

/* The escaped "name": of each column, made once per printer. */
static void json_make_keys(struct crm_out *o)
{
    o->jkeys = crm_xcalloc(o->ncols ? o->ncols : 1, sizeof *o->jkeys);
    for (size_t i = 0; i < o->ncols; i++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        if (!m) {
            o->jkeys[i] = NULL; /* written the slow way */
            continue;
        }
        crm_out_json_string(m, o->cols[i].name, strlen(o->cols[i].name));
        putc(':', m);
        fclose(m);
        o->jkeys[i] = buf;
    }
}

static void json_object(struct crm_out *o, const char *const *vals)
{
    if (!o->jkeys)
        json_make_keys(o);
    putc_(o, '{');
    for (size_t i = 0; i < o->ncols; i++) {
        if (i) putc_(o, ',');
        if (o->jkeys[i]) {
            puts_(o, o->jkeys[i]);
        } else {
            json_str(o, o->cols[i].name);
            putc_(o, ':');
        }
        json_value(o, o->cols[i].kind, vals[i]);
    }
    putc_(o, '}');
}

/* OWASP: a cell starting with one of these is run as a formula. */
static int needs_formula_guard(const struct crm_out *o, enum crm_colkind kind, const char *v)
{
    if (!o->opts.safe_csv || !v || !*v || !strchr("=+-@\t\r", *v)) return 0;
    return !(kind == CRM_COL_NUMBER && json_number_ok(v));
}

static void csv_field(struct crm_out *o, const char *v, int guard)
{
    if (!v) return; /* NULL: an empty field */
    if (!guard && *v && !strpbrk(v, ",\"\r\n")) {
        puts_(o, v);
        return;
    }
    int quote = !*v || strpbrk(v, ",\"\r\n") != NULL;
    if (quote) putc_(o, '"');
    if (guard) putc_(o, '\'');
    for (const char *p = v; *p; p++) {
        if (*p == '"') putc_(o, '"');
        putc_(o, *p);
    }
    if (quote) putc_(o, '"');
}

static void tsv_field(struct crm_out *o, const char *v, int guard)
{
    if (!v) return;
    if (guard) putc_(o, '\'');
    for (const char *p = v; *p; p++) {
        const char *esc = *p == '\t'   ? "\\t"
                          : *p == '\n' ? "\\n"
                          : *p == '\r' ? "\\r"
                          : *p == '\\' ? "\\\\"
                                       : NULL;
        if (esc)
            put(o, esc, 2);
        else
            putc_(o, *p);
    }
}

/* One CSV or TSV line; the header when vals is NULL. */
static void delimited_line(struct crm_out *o, const char *const *vals)
{
    for (size_t i = 0; i < o->ncols; i++) {
        const char *v = vals ? vals[i] : o->cols[i].name;
        int guard = vals && needs_formula_guard(o, o->cols[i].kind, v);
        if (i) putc_(o, o->fmt == CRM_OUT_TSV ? '\t' : ',');
        if (o->fmt == CRM_OUT_TSV)
            tsv_field(o, v, guard);
        else
            csv_field(o, v, guard);
    }
    putc_(o, '\n');
}

/* --- table ---------------------------------------------------------------- */

/* A value as a table shows it: control characters as spaces, cut with "…"
 * past TABLE_MAX_WIDTH columns. */
static struct cell table_cell(const char *v)
{
    struct crm_buf b = CRM_BUF_INIT;
    struct cell c = {NULL, 0};
    size_t n = v ? strlen(v) : 0, cw;
    size_t room = text_width(v ? v : "", n) > TABLE_MAX_WIDTH ? TABLE_MAX_WIDTH - 1 : SIZE_MAX;

    for (size_t i = 0, k; i < n; i += k) {
        k = char_at(v + i, n - i, &cw);
        if (c.w + cw > room) {
            crm_buf_puts(&b, "\xE2\x80\xA6"); /* … */
            c.w++;
            break;
        }
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7F)
            crm_buf_putc(&b, ' ');
        else
            crm_buf_add(&b, v + i, k);
        c.w += cw;
    }
    c.s = crm_buf_detach(&b);
    return c;
}

static void table_store(struct crm_out *o, const char *const *vals)
{
    size_t need = (o->nrows + 1) * o->ncols;

    if (need > o->capcells) {
        o->capcells = need * 2;
        o->cells = crm_xrealloc(o->cells, o->capcells * sizeof *o->cells);
    }
    for (size_t i = 0; i < o->ncols; i++)
        o->cells[o->nrows * o->ncols + i] = table_cell(vals[i]);
}

static void table_line(struct crm_out *o, const struct cell *row, const size_t *widths,
                       struct crm_buf *line)
{
    crm_buf_reset(line);
    for (size_t i = 0; i < o->ncols; i++) {
        size_t pad = widths[i] - row[i].w;
        int right = o->cols[i].kind == CRM_COL_NUMBER;
        if (i) crm_buf_puts(line, "  ");
        for (size_t k = 0; right && k < pad; k++)
            crm_buf_putc(line, ' ');
        crm_buf_puts(line, row[i].s);
        for (size_t k = 0; !right && k < pad; k++)
            crm_buf_putc(line, ' ');
    }
    while (line->len && line->s[line->len - 1] == ' ')
        line->len--; /* no trailing blanks */
    crm_buf_putc(line, '\n');
}

static void free_cells(struct cell *cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(cells[i].s);
}

static void table_print(struct crm_out *o)
{
    size_t *widths = crm_xcalloc(o->ncols, sizeof *widths);
    struct cell *head = crm_xcalloc(o->ncols, sizeof *head);
    struct crm_buf line = CRM_BUF_INIT;

    for (size_t i = 0; i < o->ncols; i++) {
        head[i] = table_cell(o->cols[i].name);
        if (!o->opts.no_header) widths[i] = head[i].w;
    }
    for (size_t r = 0; r < o->nrows; r++)
        for (size_t i = 0; i < o->ncols; i++)
            if (o->cells[r * o->ncols + i].w > widths[i]) widths[i] = o->cells[r * o->ncols + i].w;
    if (!o->opts.no_header) {
        table_line(o, head, widths, &line);
        if (o->opts.color) {
            line.len--; /* bold up to, not across, the newline */
            crm_buf_puts(&line, "\033[0m\n");
            puts_(o, "\033[1m");
        }
        put(o, line.s, line.len);
    }
    for (size_t r = 0; r < o->nrows && !o->werr; r++) {
        table_line(o, o->cells + r * o->ncols, widths, &line);
        put(o, line.s, line.len);
    }
    crm_buf_free(&line);
    free_cells(head, o->ncols);
    free(head);
    free(widths);
}

/* --- the interface --------------------------------------------------------- */

static int vcard_allowed;

void crm_out_allow_vcard(void)
{
    vcard_allowed = 1;
}

int crm_out_format_parse(const char *name, enum crm_outfmt *fmt, struct crm_err *err)
{
    static const char *const names[] = {"table", "csv", "tsv", "json", "jsonl", "vcard"};

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if ((enum crm_outfmt)i == CRM_OUT_VCARD && !vcard_allowed) continue;
        if (name && strcmp(name, names[i]) == 0) {
            *fmt = (enum crm_outfmt)i;
            return CRM_OK;
        }
    }
    return crm_err_set(err, CRM_USAGE, "unknown format '%s' (use table, csv, tsv, json%s)",
                       name ? name : "", vcard_allowed ? ", jsonl or vcard" : " or jsonl");
}

enum crm_outfmt crm_out_default_format(FILE *f)
{
    return isatty(fileno(f)) ? CRM_OUT_TABLE : CRM_OUT_CSV;
}

struct crm_out *crm_out_new(FILE *f, enum crm_outfmt fmt, const struct crm_col *cols, size_t ncols,
                            const struct crm_out_opts *opts)
{
    struct crm_out *o = crm_xcalloc(1, sizeof *o);

    o->f = f;
    o->fmt = fmt;
    o->ncols = ncols;
    o->cols = crm_xcalloc(ncols, sizeof *o->cols);
    for (size_t i = 0; i < ncols; i++) {
        o->cols[i].name = crm_xstrdup(cols[i].name);
        o->cols[i].kind = cols[i].kind;
    }
    if (opts) o->opts = *opts;
    struct stat sb;
    o->line_flush = !(fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode));
    return o;
}

/* The header (csv/tsv) or '[' (json), once, before the first row. */
static void begin(struct crm_out *o)
{
    if (o->begun) return;
    o->begun = 1;
    if ((o->fmt == CRM_OUT_CSV || o->fmt == CRM_OUT_TSV) && !o->opts.no_header)
        delimited_line(o, NULL);
    else if (o->fmt == CRM_OUT_JSON)
        putc_(o, '[');
}

int crm_out_row(struct crm_out *o, const char *const *vals, struct crm_err *err)
{
    errno = 0;
    begin(o);
    switch (o->fmt) {
    case CRM_OUT_TABLE:
        table_store(o, vals);
        break;
    case CRM_OUT_CSV:
    case CRM_OUT_TSV:
        delimited_line(o, vals);
        break;
    case CRM_OUT_JSON:
        puts_(o, o->nrows ? ",\n" : "\n");
        json_object(o, vals);
        break;
    case CRM_OUT_JSONL:
        json_object(o, vals);
        putc_(o, '\n');
        if (o->line_flush && fflush(o->f) != 0 && !o->werr) /* a reader sees each line at once */
            o->werr = errno ? errno : EIO;
        break;
    case CRM_OUT_VCARD: {
        const char **names = crm_xcalloc(o->ncols + 1, sizeof *names);
        struct crm_buf card = CRM_BUF_INIT;
        for (size_t i = 0; i < o->ncols; i++)
            names[i] = o->cols[i].name;
        crm_vcard_write(&card, names, vals, o->ncols, o->opts.vcard_version == 30 ? 30 : 40);
        put(o, card.s, card.len);
        crm_buf_free(&card);
        free(names);
        break;
    }
    }
    o->nrows++;
    return check_writes(o, err);
}

int crm_out_end(struct crm_out *o, struct crm_err *err)
{
    errno = 0;
    begin(o);
    if (o->fmt == CRM_OUT_TABLE)
        table_print(o);
    else if (o->fmt == CRM_OUT_JSON)
        puts_(o, o->nrows ? "\n]\n" : "]\n");
    if (fflush(o->f) != 0 && !o->werr) o->werr = errno ? errno : EIO;
    int rc = check_writes(o, err);
    crm_out_free(o);
    return rc;
}

void crm_out_free(struct crm_out *o)
{
    if (!o) return;
    if (o->fmt == CRM_OUT_TABLE) free_cells(o->cells, o->nrows * o->ncols);
    free(o->cells);
    for (size_t i = 0; i < o->ncols; i++) {
        free((char *)o->cols[i].name);
        if (o->jkeys)
            free(o->jkeys[i]);
    }
    free(o->jkeys);
    free(o->cols);
    free(o);
}
