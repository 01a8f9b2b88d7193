/*
 * bare_export.c - the reference for `crm-contact export` in `make bench`.
 *
 *     bare_export DB csv|jsonl > out
 *
 * A bare C loop over one prepared SELECT of the columns crm-contact export
 * prints, writing RFC 4180 CSV (quotes doubled; fields with , " CR LF quoted;
 * header first; LF line ends) or JSON Lines (strings escaped, numbers bare,
 * NULL as null).  Tags are stored ';a;b;' and written 'a;b', booleans as
 * true/false, so the output is crm's byte for byte (run.sh checks).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sql[] =
    "SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.mobile, c.title, "
    "c.department, a.name, c.owner, c.lead_status, c.source, c.street, c.city, c.region, "
    "c.postcode, c.country, c.birthday, c.score, c.do_not_call, c.email_opt_out, c.tags, "
    "c.notes, c.created_at, c.updated_at "
    "FROM contact c LEFT JOIN account a ON a.id = c.account_id ORDER BY c.id";
static const char *const names[] = {
    "id", "first_name", "last_name", "email", "phone", "mobile", "title", "department",
    "account", "owner", "lead_status", "source", "street", "city", "region", "postcode",
    "country", "birthday", "score", "do_not_call", "email_opt_out", "tags", "notes",
    "created_at", "updated_at",
};
#define NCOL 25
#define TAGS 21
#define BOOL1 19
#define BOOL2 20

static char out[1 << 16];
static size_t olen;

static void flush_out(void)
{
    if (olen && fwrite(out, 1, olen, stdout) != olen) {
        perror("bare_export: stdout");
        exit(74);
    }
    olen = 0;
}

static inline void put(const char *s, size_t n)
{
    if (olen + n > sizeof out) {
        flush_out();
        if (n > sizeof out) {
            fwrite(s, 1, n, stdout);
            return;
        }
    }
    memcpy(out + olen, s, n);
    olen += n;
}

static inline void putch(char c)
{
    if (olen == sizeof out)
        flush_out();
    out[olen++] = c;
}

static void csv_field(const char *s, size_t n)
{
    if (!memchr(s, '"', n) && !memchr(s, ',', n) && !memchr(s, '\n', n) && !memchr(s, '\r', n)) {
        put(s, n);
        return;
    }
    putch('"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            putch('"');
        putch(s[i]);
    }
    putch('"');
}

static void json_string(const char *s, size_t n)
{
    putch('"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(s + run, i - run);
        run = i + 1;
        char esc[8];
        switch (c) {
        case '"': put("\\\"", 2); break;
        case '\\': put("\\\\", 2); break;
        case '\n': put("\\n", 2); break;
        case '\r': put("\\r", 2); break;
        case '\t': put("\\t", 2); break;
        default: snprintf(esc, sizeof esc, "\\u%04x", c); put(esc, 6);
        }
    }
    put(s + run, n - run);
    putch('"');
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[2], "csv") && strcmp(argv[2], "jsonl"))) {
        fprintf(stderr, "usage: bare_export DB csv|jsonl\n");
        return 64;
    }
    int json = !strcmp(argv[2], "jsonl");
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "bare_export: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    if (!json) {
        for (int i = 0; i < NCOL; i++) {
            if (i)
                putch(',');
            put(names[i], strlen(names[i]));
        }
        putch('\n');
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (json)
            putch('{');
        for (int i = 0; i < NCOL; i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            size_t n = (size_t)sqlite3_column_bytes(st, i);
            if (i)
                putch(',');
            if ((i == BOOL1 || i == BOOL2) && v) { /* 0/1 -> false/true, as crm */
                int t = v[0] != '0';
                v = t ? "true" : "false";
                n = t ? 4 : 5;
                if (json) {
                    putch('"');
                    put(names[i], strlen(names[i]));
                    put("\":", 2);
                    put(v, n);
                    continue;
                }
            }
            if (i == TAGS && v && n >= 2) { /* ';a;b;' -> 'a;b' */
                v++;
                n -= 2;
            }
            if (json) {
                putch('"');
                put(names[i], strlen(names[i]));
                put("\":", 2);
                if (!v)
                    put("null", 4);
                else if (i == TAGS) { /* a;b -> ["a","b"] */
                    putch('[');
                    for (size_t k = 0, start = 0; k <= n; k++)
                        if (k == n || v[k] == ';') {
                            if (start)
                                putch(',');
                            json_string(v + start, k - start);
                            start = k + 1;
                        }
                    putch(']');
                }
                else if (sqlite3_column_type(st, i) == SQLITE_INTEGER)
                    put(v, n);
                else
                    json_string(v, n);
            } else if (v) {
                csv_field(v, n);
            }
        }
        if (json)
            putch('}');
        putch('\n');
    }
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "bare_export: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    flush_out();
    sqlite3_finalize(st);
    sqlite3_close(db);
    if (fflush(stdout) || ferror(stdout)) {
        perror("bare_export: stdout");
        return 74;
    }
    return 0;
}
