/*
 * template.c - a Mustache subset over jansson values; see template.h.
 */
#include "template.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

enum tok_kind { T_TEXT, T_VAR, T_RAW, T_SECTION, T_INVERTED, T_CLOSE };

struct tok {
    enum tok_kind kind;
    const char *s; /* text, or the name */
    size_t len;
    size_t line;
    size_t match; /* T_SECTION/T_INVERTED: index of the closing token */
};

struct toks {
    struct tok *v;
    size_t n, cap;
};

static void push(struct toks *t, enum tok_kind k, const char *s, size_t len, size_t line)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 32;
        t->v = crm_xrealloc(t->v, t->cap * sizeof *t->v);
    }
    t->v[t->n++] = (struct tok){k, s, len, line, 0};
}

static size_t count_lines(const char *from, const char *to)
{
    size_t n = 0;
    for (; from < to; from++)
        n += *from == '\n';
    return n;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static void trim(const char **s, size_t *len)
{
    while (*len && is_blank(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && is_blank((*s)[*len - 1]))
        (*len)--;
}

static int tokenize(const char *tpl, const char *name, struct toks *out, struct crm_err *err)
{
    const char *p = tpl;
    size_t line = 1;
    while (*p) {
        const char *open = strstr(p, "{{");
        if (!open) {
            push(out, T_TEXT, p, strlen(p), line);
            break;
        }
        const char *text_start = p;
        size_t text_len = (size_t)(open - p);
        size_t tag_line = line + count_lines(p, open);
        int triple = open[2] == '{';
        const char *body = open + (triple ? 3 : 2);
        const char *close = strstr(body, triple ? "}}}" : "}}");
        if (!close)
            return crm_err_set(err, CRM_DATAERR, "%s:%zu: unclosed tag '{{'", name, tag_line);
        const char *after = close + (triple ? 3 : 2);
        char sigil = triple ? '{' : *body;
        enum tok_kind k = T_VAR;
        int standalone_kind = 0, comment = 0;
        if (!triple && (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!' || sigil == '&'))
            body++;
        if (triple)
            k = T_RAW;
        else if (sigil == '&')
            k = T_RAW;
        else if (sigil == '#')
            k = T_SECTION;
        else if (sigil == '^')
            k = T_INVERTED;
        else if (sigil == '/')
            k = T_CLOSE;
        else if (sigil == '!')
            comment = 1;
        standalone_kind = comment || k == T_SECTION || k == T_INVERTED || k == T_CLOSE;
        const char *nm = body;
        size_t nlen = (size_t)(close - body);
        trim(&nm, &nlen);
        if (!comment && nlen == 0)
            return crm_err_set(err, CRM_DATAERR, "%s:%zu: empty tag", name, tag_line);
        /* A section/close/comment tag alone on its line takes the line. */
        if (standalone_kind) {
            const char *ls = open;
            while (ls > tpl && is_blank(ls[-1]))
                ls--;
            const char *le = after;
            while (is_blank(*le))
                le++;
            int at_start = ls == tpl || ls[-1] == '\n';
            int at_end = *le == '\n' || *le == '\0' || (*le == '\r' && le[1] == '\n');
            if (at_start && at_end) {
                text_len = (size_t)(ls - text_start);
                if (*le == '\r')
                    le++;
                if (*le == '\n')
                    le++;
                after = le;
            }
        }
        if (text_len)
            push(out, T_TEXT, text_start, text_len, line);
        if (!comment)
            push(out, k, nm, nlen, tag_line);
        line += count_lines(p, after);
        p = after;
    }
    /* Match sections with their closing tags. */
    size_t *stack = crm_xcalloc(out->n + 1, sizeof *stack), depth = 0;
    int rc = CRM_OK;
    for (size_t i = 0; i < out->n && rc == CRM_OK; i++) {
        struct tok *t = &out->v[i];
        if (t->kind == T_SECTION || t->kind == T_INVERTED) {
            stack[depth++] = i;
        } else if (t->kind == T_CLOSE) {
            if (!depth) {
                rc = crm_err_set(err, CRM_DATAERR, "%s:%zu: '{{/%.*s}}' closes no section", name,
                                 t->line, (int)t->len, t->s);
                break;
            }
            struct tok *o = &out->v[stack[depth - 1]];
            if (o->len != t->len || memcmp(o->s, t->s, t->len) != 0) {
                rc = crm_err_set(err, CRM_DATAERR,
                                 "%s:%zu: '{{/%.*s}}' does not close '{{#%.*s}}' of line %zu", name,
                                 t->line, (int)t->len, t->s, (int)o->len, o->s, o->line);
                break;
            }
            o->match = i;
            depth--;
        }
    }
    if (rc == CRM_OK && depth) {
        struct tok *o = &out->v[stack[depth - 1]];
        rc = crm_err_set(err, CRM_DATAERR, "%s:%zu: section '{{#%.*s}}' is never closed", name,
                         o->line, (int)o->len, o->s);
    }
    free(stack);
    return rc;
}

/* The context stack: innermost last. */
struct scope {
    json_t **v;
    size_t n, cap;
};

static json_t *lookup_in(json_t *ctx, const char *name, size_t len)
{
    json_t *cur = ctx;
    const char *p = name, *end = name + len;
    while (p < end && cur) {
        const char *dot = memchr(p, '.', (size_t)(end - p));
        size_t l = dot ? (size_t)(dot - p) : (size_t)(end - p);
        if (!json_is_object(cur))
            return NULL;
        cur = json_object_getn(cur, p, l);
        p += l + (dot ? 1 : 0);
    }
    return cur;
}

static json_t *lookup(struct scope *sc, const char *name, size_t len)
{
    if (len == 1 && name[0] == '.')
        return sc->n ? sc->v[sc->n - 1] : NULL;
    const char *dot = memchr(name, '.', len);
    size_t first = dot ? (size_t)(dot - name) : len;
    for (size_t i = sc->n; i-- > 0;) {
        json_t *c = sc->v[i];
        if (json_is_object(c) && json_object_getn(c, name, first))
            return lookup_in(c, name, len);
    }
    return NULL;
}

static int truthy(json_t *v)
{
    if (!v || json_is_null(v) || json_is_false(v))
        return 0;
    if (json_is_string(v))
        return json_string_length(v) > 0;
    if (json_is_integer(v))
        return json_integer_value(v) != 0;
    if (json_is_real(v))
        return json_real_value(v) != 0;
    if (json_is_array(v))
        return json_array_size(v) > 0;
    return 1;
}

void crm_html_escape(struct crm_buf *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': crm_buf_puts(out, "&amp;"); break;
        case '<': crm_buf_puts(out, "&lt;"); break;
        case '>': crm_buf_puts(out, "&gt;"); break;
        case '"': crm_buf_puts(out, "&quot;"); break;
        case '\'': crm_buf_puts(out, "&#39;"); break;
        default: crm_buf_putc(out, *s);
        }
    }
}

static void md_escape(struct crm_buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            crm_buf_puts(out, "\\|");
        else if (*s == '\n' || *s == '\r')
            crm_buf_putc(out, ' ');
        else
            crm_buf_putc(out, *s);
    }
}

static void put_value(struct crm_buf *out, json_t *v, int escape)
{
    char num[32];
    const char *s = NULL;
    if (!v || json_is_null(v))
        return;
    if (json_is_string(v))
        s = json_string_value(v);
    else if (json_is_integer(v)) {
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        s = num;
    } else if (json_is_true(v))
        s = "true";
    else if (json_is_false(v))
        s = "false";
    else if (json_is_real(v)) {
        snprintf(num, sizeof num, "%g", json_real_value(v));
        s = num;
    }
    if (!s)
        return;
    if (escape == CRM_TPL_HTML)
        crm_html_escape(out, s);
    else if (escape == CRM_TPL_MD)
        md_escape(out, s);
    else
        crm_buf_puts(out, s);
}

static void render(const struct toks *t, size_t from, size_t to, struct scope *sc, int mode,
                   struct crm_buf *out)
{
    for (size_t i = from; i < to; i++) {
        const struct tok *k = &t->v[i];
        switch (k->kind) {
        case T_TEXT:
            crm_buf_add(out, k->s, k->len);
            break;
        case T_VAR:
        case T_RAW:
            put_value(out, lookup(sc, k->s, k->len), k->kind == T_VAR ? mode : CRM_TPL_TEXT);
            break;
        case T_SECTION:
        case T_INVERTED: {
            json_t *v = lookup(sc, k->s, k->len);
            int on = truthy(v);
            if (k->kind == T_INVERTED) {
                if (!on)
                    render(t, i + 1, k->match, sc, mode, out);
            } else if (on) {
                if (sc->n + 1 >= sc->cap) {
                    sc->cap = sc->cap ? 2 * sc->cap : 8;
                    sc->v = crm_xrealloc(sc->v, sc->cap * sizeof *sc->v);
                }
                if (json_is_array(v)) {
                    size_t idx;
                    json_t *e;
                    json_array_foreach(v, idx, e)
                    {
                        sc->v[sc->n++] = e;
                        render(t, i + 1, k->match, sc, mode, out);
                        sc->n--;
                    }
                } else {
                    sc->v[sc->n++] = v;
                    render(t, i + 1, k->match, sc, mode, out);
                    sc->n--;
                }
            }
            i = k->match;
            break;
        }
        case T_CLOSE:
            break;
        }
    }
}

int crm_template_render(const char *tpl, const char *name, json_t *data, enum crm_tpl_mode mode,
                        struct crm_buf *out, struct crm_err *err)
{
    struct toks t = {0};
    int rc = tokenize(tpl, name, &t, err);
    if (rc == CRM_OK) {
        struct scope sc = {0};
        sc.cap = 8;
        sc.v = crm_xcalloc(sc.cap, sizeof *sc.v);
        sc.v[sc.n++] = data;
        render(&t, 0, t.n, &sc, (int)mode, out);
        free(sc.v);
    }
    free(t.v);
    return rc;
}
