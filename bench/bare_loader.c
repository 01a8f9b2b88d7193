/*
 * bare_loader.c - the reference for `crm-contact import` in `make bench`.
 *
 *     bare_loader SCHEMA.sql DB FILE.csv
 *
 * As plain as a bulk load into SQLite gets: libcsv, one prepared INSERT, one
 * transaction, a 64 MiB page cache, no validation.  The database gets the
 * whole crm schema (so the same indexes, the unique email key and the FTS5
 * triggers); the key columns are filled the cheapest way that still feeds
 * those indexes (email lower-cased in ASCII, phones reduced to digits).
 * Columns are matched by header name; unknown ones are skipped.
 * With BARE_NO_FTS=1 in the environment the FTS5 insert trigger is dropped
 * first (an informative extra figure, not the reference).
 */
#include <csv.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const cols[] = {
    "first_name", "last_name", "email",  "phone",    "mobile", "title", "department",
    "lead_status", "source",   "street", "city",     "region", "postcode", "country",
    "birthday",    "score",    "tags",   "notes",    NULL,
};
#define NCOLS 18
/* Bound after the input columns: email_key, phone_key, mobile_key. */
enum { K_EMAIL = NCOLS + 1, K_PHONE, K_MOBILE };

struct load {
    sqlite3 *db;
    sqlite3_stmt *ins;
    int map[64];   /* input column -> cols[] index, or -1 */
    size_t col;    /* current input column */
    long rows;
    int header;
    char key[3][256];
};

static void die(struct load *l, const char *what)
{
    fprintf(stderr, "bare_loader: %s: %s\n", what, l->db ? sqlite3_errmsg(l->db) : "?");
    exit(1);
}

static void on_field(void *s, size_t len, void *data)
{
    struct load *l = data;
    size_t c = l->col++;
    if (l->header) {
        if (c < 64) {
            l->map[c] = -1;
            for (int k = 0; cols[k]; k++)
                if (strlen(cols[k]) == len && !memcmp(cols[k], s, len))
                    l->map[c] = k;
        }
        return;
    }
    int k = c < 64 ? l->map[c] : -1;
    if (k < 0 || !s)
        return;
    const char *v = s;
    if (!strcmp(cols[k], "tags")) { /* stored as ';a;b;' */
        char *t = malloc(len + 3);
        t[0] = ';';
        memcpy(t + 1, v, len);
        t[len + 1] = ';';
        t[len + 2] = '\0';
        sqlite3_bind_text(l->ins, k + 1, t, (int)len + 2, free);
        return;
    }
    sqlite3_bind_text(l->ins, k + 1, v, (int)len, SQLITE_TRANSIENT);
    int key = !strcmp(cols[k], "email") ? 0 : !strcmp(cols[k], "phone") ? 1
            : !strcmp(cols[k], "mobile") ? 2 : -1;
    if (key < 0)
        return;
    char *out = l->key[key];
    size_t n = 0;
    for (size_t i = 0; i < len && n < 255; i++) {
        char ch = v[i];
        if (key == 0)
            out[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
        else if (ch >= '0' && ch <= '9')
            out[n++] = ch;
    }
    sqlite3_bind_text(l->ins, K_EMAIL + key, out, (int)n, SQLITE_TRANSIENT);
}

static void on_row(int c, void *data)
{
    struct load *l = data;
    (void)c;
    l->col = 0;
    if (l->header) {
        l->header = 0;
        return;
    }
    if (sqlite3_step(l->ins) != SQLITE_DONE)
        die(l, "insert");
    sqlite3_reset(l->ins);
    sqlite3_clear_bindings(l->ins);
    l->rows++;
}

static int keep_blanks(unsigned char c)
{
    (void)c;
    return 0;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(66);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    if (!s || fread(s, 1, (size_t)n, f) != (size_t)n) {
        perror(path);
        exit(74);
    }
    s[n] = '\0';
    fclose(f);
    return s;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: bare_loader SCHEMA.sql DB FILE.csv\n");
        return 64;
    }
    struct load l = {0};
    l.header = 1;
    char *schema = slurp(argv[1]);
    if (sqlite3_open(argv[2], &l.db) != SQLITE_OK)
        die(&l, argv[2]);
    if (sqlite3_exec(l.db, "PRAGMA cache_size = -65536;", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(l.db, schema, NULL, NULL, NULL) != SQLITE_OK)
        die(&l, "schema");
    free(schema);
    /* BARE_NO_FTS=1: without the full-text trigger, to show what FTS5 costs. */
    const char *nofts = getenv("BARE_NO_FTS");
    if (nofts && *nofts == '1' &&
        sqlite3_exec(l.db, "DROP TRIGGER contact_fts_ai;", NULL, NULL, NULL) != SQLITE_OK)
        die(&l, "drop trigger");

    const char *sql =
        "INSERT INTO contact (first_name, last_name, email, phone, mobile, title, department, "
        "lead_status, source, street, city, region, postcode, country, birthday, score, tags, "
        "notes, email_key, phone_key, mobile_key, owner, created_at, updated_at) VALUES "
        "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "?19, ?20, ?21, 'bench', '2026-01-15T10:00:00Z', '2026-01-15T10:00:00Z')";
    if (sqlite3_prepare_v2(l.db, sql, -1, &l.ins, NULL) != SQLITE_OK)
        die(&l, "prepare");
    if (sqlite3_exec(l.db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        die(&l, "begin");

    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
        return 70;
    csv_set_space_func(&p, keep_blanks);
    FILE *in = fopen(argv[3], "rb");
    if (!in) {
        perror(argv[3]);
        return 66;
    }
    static char buf[1 << 20];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_row, &l) != n) {
            fprintf(stderr, "bare_loader: %s: %s\n", argv[3], csv_strerror(csv_error(&p)));
            return 65;
        }
    if (csv_fini(&p, on_field, on_row, &l) != 0) {
        fprintf(stderr, "bare_loader: %s: %s\n", argv[3], csv_strerror(csv_error(&p)));
        return 65;
    }
    fclose(in);
    csv_free(&p);
    sqlite3_finalize(l.ins);
    if (sqlite3_exec(l.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        die(&l, "commit");
    sqlite3_close(l.db);
    fprintf(stderr, "bare_loader: %ld rows\n", l.rows);
    return 0;
}
