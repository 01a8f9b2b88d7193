/*
 * db.c - SQLite behind the narrow interface of db.h.
 */
#include "db.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <libgen.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"
#include "utf8.h"

extern const char crm_schema_sql[];

struct crm_stmt {
    sqlite3_stmt *st;
    struct crm_db *db;
    char *sql;
    struct crm_stmt *next;
    int cached;
};

struct crm_db {
    sqlite3 *h;
    char *path;
    struct crm_stmt *cache;
    int in_tx;
};

/* Map an SQLite result code to a status and a message for people. */
static int db_fail(struct crm_db *db, sqlite3 *h, int rc, struct crm_err *err, const char *what)
{
    const char *msg = h ? sqlite3_errmsg(h) : sqlite3_errstr(rc);
    const char *path = db ? db->path : "";
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return crm_err_set(err, CRM_TEMPFAIL,
                           "%s: the database stayed locked by another process; try again", path);
    case SQLITE_CONSTRAINT:
        return crm_err_set(err, CRM_DATAERR, "%s", msg);
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        return crm_err_set(err, CRM_IOERR, "%s: cannot write the database (%s): check its permissions",
                           path, msg);
    case SQLITE_FULL:
    case SQLITE_IOERR:
        return crm_err_set(err, CRM_IOERR, "%s: %s", path, msg);
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return crm_err_set(err, CRM_DATAERR, "%s: %s", path, msg);
    default:
        return crm_err_set(err, CRM_SOFTWARE, "%s: %s (%s)", what, msg, path);
    }
}

/* crm_fold(x): case folding for every script (SQLite's lower() is ASCII only). */
static void sql_fold(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(c);
        return;
    }
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    int n = sqlite3_value_bytes(argv[0]);
    struct crm_buf b = CRM_BUF_INIT;
    crm_utf8_fold(&b, s ? s : "", (size_t)n);
    sqlite3_result_text(c, crm_buf_str(&b), (int)b.len, SQLITE_TRANSIENT);
    crm_buf_free(&b);
}

/* Collation crm_nocase: compare code point by code point after folding. */
static int coll_nocase(void *arg, int na, const void *a, int nb, const void *b)
{
    const char *p = a, *q = b;
    size_t i = 0, j = 0;
    (void)arg;
    while (i < (size_t)na && j < (size_t)nb) {
        uint32_t x, y;
        size_t lx = crm_utf8_decode(p + i, (size_t)na - i, &x);
        size_t ly = crm_utf8_decode(q + j, (size_t)nb - j, &y);
        if (!lx)
            x = (unsigned char)p[i], lx = 1;
        if (!ly)
            y = (unsigned char)q[j], ly = 1;
        x = crm_utf8_fold_cp(x);
        y = crm_utf8_fold_cp(y);
        if (x != y)
            return x < y ? -1 : 1;
        i += lx;
        j += ly;
    }
    return (i < (size_t)na) - (j < (size_t)nb);
}

static int busy_timeout_ms(void)
{
    const char *s = getenv("CRM_BUSY_TIMEOUT");
    if (!s || !*s)
        return 5000;
    char *end;
    long v = strtol(s, &end, 10);
    return (*end || v < 0 || v > 86400000) ? 5000 : (int)v;
}

static int setup_connection(struct crm_db *db, struct crm_err *err)
{
    int rc;
    sqlite3_busy_timeout(db->h, busy_timeout_ms());
    rc = sqlite3_create_function(db->h, "crm_fold", 1,
                                 SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                 sql_fold, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_collation(db->h, "crm_nocase", SQLITE_UTF8, NULL, coll_nocase);
    if (rc != SQLITE_OK)
        return db_fail(db, db->h, rc, err, "register functions");
    return crm_db_exec_script(db, "PRAGMA foreign_keys = ON;", err);
}

void crm_db_default_path(const char *opt, struct crm_buf *path)
{
    const char *e;
    crm_buf_reset(path);
    if (opt && *opt) {
        crm_buf_puts(path, opt);
    } else if ((e = getenv("CRM_DB")) && *e) {
        crm_buf_puts(path, e);
    } else if ((e = getenv("XDG_DATA_HOME")) && *e) {
        crm_buf_printf(path, "%s/crm/crm.db", e);
    } else {
        e = getenv("HOME");
        crm_buf_printf(path, "%s/.local/share/crm/crm.db", e && *e ? e : ".");
    }
}

static struct crm_db *db_new(const char *path)
{
    struct crm_db *db = crm_xcalloc(1, sizeof *db);
    db->path = crm_xstrdup(path);
    return db;
}

static int schema_version(struct crm_db *db, int *v, struct crm_err *err)
{
    struct crm_sql q = CRM_SQL_INIT;
    int64_t x = 0;
    int found;
    crm_sql_add(&q, "PRAGMA user_version");
    int rc = crm_db_scalar_int(db, &q, &x, &found, err);
    crm_sql_free(&q);
    *v = (int)x;
    return rc;
}

/* crm_migrations[i] takes version i+1 to i+2 (the files of lib/migrate); version 1
 * is schema.sql itself.  The schema version is 1 + their number. */
extern const char *const crm_migrations[];

static int latest_version(void)
{
    int n = 0;
    while (crm_migrations[n])
        n++;
    return 1 + n;
}

static int migrate(struct crm_db *db, int from, struct crm_err *err)
{
    int rc = crm_db_begin(db, CRM_DB_WRITE, err);
    if (rc)
        return rc;
    int v;
    if ((rc = schema_version(db, &v, err)))
        goto fail;
    for (; v < latest_version(); v++) {
        if ((rc = crm_db_exec_script(db, crm_migrations[v - 1], err)))
            goto fail;
    }
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d;", latest_version());
    if ((rc = crm_db_exec_script(db, pragma, err)))
        goto fail;
    return crm_db_commit(db, err);
fail:
    crm_db_rollback(db);
    return crm_err_prefix(err, "migrating the database from version %d: ", from);
}

static int check_version(struct crm_db *db, struct crm_err *err)
{
    int v, rc = schema_version(db, &v, err);
    if (rc)
        return rc;
    if (v == 0)
        return crm_err_set(err, CRM_DATAERR,
                           "%s is not a crm database (no schema version); create one with: crm init",
                           db->path);
    if (v > latest_version())
        return crm_err_set(err, CRM_DATAERR,
                           "%s has schema version %d, newer than this crm understands (%d): "
                           "upgrade crm",
                           db->path, v, latest_version());
    if (v < latest_version())
        return migrate(db, v, err);
    return CRM_OK;
}

int crm_db_open(struct crm_db **out, const char *path, enum crm_db_mode mode, struct crm_err *err)
{
    struct stat sb;
    *out = NULL;
    if (stat(path, &sb) != 0)
        return crm_err_set(err, CRM_NOINPUT, "no database at %s; create one with: crm init", path);
    struct crm_db *db = db_new(path);
    int flags = SQLITE_OPEN_READWRITE;
    if (mode == CRM_DB_READ && access(path, W_OK) != 0)
        flags = SQLITE_OPEN_READONLY;
    int rc = sqlite3_open_v2(path, &db->h, flags, NULL);
    if (rc != SQLITE_OK) {
        rc = db_fail(db, db->h, rc, err, "open");
        crm_db_close(db);
        return rc;
    }
    if ((rc = setup_connection(db, err)) || (rc = check_version(db, err))) {
        crm_db_close(db);
        return rc;
    }
    *out = db;
    return CRM_OK;
}

int crm_db_create(struct crm_db **out, const char *path, struct crm_err *err)
{
    *out = NULL;
    struct crm_buf dir = CRM_BUF_INIT;
    crm_buf_puts(&dir, path);
    char *d = dirname(dir.s);
    if (strcmp(d, ".") != 0 && access(d, F_OK) != 0) {
        /* Make the XDG data directory on first use, like other XDG tools. */
        struct crm_buf p = CRM_BUF_INIT;
        crm_buf_puts(&p, d);
        for (char *s = p.s + 1; *s; s++) {
            if (*s != '/')
                continue;
            *s = '\0';
            mkdir(p.s, 0700);
            *s = '/';
        }
        mkdir(p.s, 0700);
        crm_buf_free(&p);
    }
    crm_buf_free(&dir);
    int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return crm_err_set(err, CRM_CANTCREAT,
                               "%s already exists; crm init never overwrites a database", path);
        return crm_err_set(err, CRM_CANTCREAT, "cannot create %s: %s", path, strerror(errno));
    }
    close(fd);
    struct crm_db *db = db_new(path);
    int rc = sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        rc = db_fail(db, db->h, rc, err, "create");
        goto fail;
    }
    if ((rc = setup_connection(db, err)))
        goto fail;
    if ((rc = crm_db_exec_script(db, "PRAGMA journal_mode = WAL;", err)))
        goto fail;
    if ((rc = crm_db_begin(db, CRM_DB_WRITE, err)))
        goto fail;
    if ((rc = crm_db_exec_script(db, crm_schema_sql, err)) ||
        (rc = crm_db_exec_script(db, "PRAGMA user_version = 1;", err))) {
        crm_db_rollback(db);
        goto fail;
    }
    if ((rc = crm_db_commit(db, err)))
        goto fail;
    /* A new database is made like an old one brought up to date, so the
     * migrations are exercised by every test. */
    if (latest_version() > 1 && (rc = migrate(db, 1, err)))
        goto fail;
    *out = db;
    return CRM_OK;
fail:
    crm_db_close(db);
    unlink(path);
    return rc == CRM_CANTCREAT ? rc : crm_err_prefix(err, "cannot create %s: ", path);
}

void crm_db_close(struct crm_db *db)
{
    if (!db)
        return;
    for (struct crm_stmt *s = db->cache, *next; s; s = next) {
        next = s->next;
        sqlite3_finalize(s->st);
        free(s->sql);
        free(s);
    }
    sqlite3_close(db->h);
    free(db->path);
    free(db);
}

const char *crm_db_path(const struct crm_db *db)
{
    return db->path;
}

int crm_db_exec_script(struct crm_db *db, const char *sql, struct crm_err *err)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
    sqlite3_free(msg);
    return rc == SQLITE_OK ? CRM_OK : db_fail(db, db->h, rc, err, "exec");
}

int crm_db_begin(struct crm_db *db, enum crm_db_mode mode, struct crm_err *err)
{
    int rc = crm_db_exec_script(db, mode == CRM_DB_WRITE ? "BEGIN IMMEDIATE" : "BEGIN", err);
    if (rc == CRM_OK)
        db->in_tx = 1;
    return rc;
}

int crm_db_commit(struct crm_db *db, struct crm_err *err)
{
    int rc = crm_db_exec_script(db, "COMMIT", err);
    if (rc == CRM_OK)
        db->in_tx = 0;
    return rc;
}

void crm_db_rollback(struct crm_db *db)
{
    if (!db || !db->in_tx)
        return;
    for (struct crm_stmt *s = db->cache; s; s = s->next)
        sqlite3_reset(s->st);
    sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
    db->in_tx = 0;
}

static int savepoint_cmd(struct crm_db *db, const char *fmt, const char *name, struct crm_err *err)
{
    char sql[128];
    snprintf(sql, sizeof sql, fmt, name, name);
    return crm_db_exec_script(db, sql, err);
}

int crm_db_savepoint(struct crm_db *db, const char *name, struct crm_err *err)
{
    return savepoint_cmd(db, "SAVEPOINT %s", name, err);
}

int crm_db_release(struct crm_db *db, const char *name, struct crm_err *err)
{
    return savepoint_cmd(db, "RELEASE %s", name, err);
}

int crm_db_rollback_to(struct crm_db *db, const char *name, struct crm_err *err)
{
    for (struct crm_stmt *s = db->cache; s; s = s->next)
        sqlite3_reset(s->st);
    return savepoint_cmd(db, "ROLLBACK TO %s; RELEASE %s", name, err);
}

static int bind_all(struct crm_db *db, sqlite3_stmt *st, const struct crm_sql *q,
                    struct crm_err *err)
{
    for (size_t i = 0; i < q->nbinds; i++) {
        const struct crm_bind *b = &q->binds[i];
        int rc, idx = (int)i + 1;
        if (b->kind == CRM_BIND_INT)
            rc = sqlite3_bind_int64(st, idx, b->i);
        else if (b->kind == CRM_BIND_TEXT)
            rc = sqlite3_bind_text(st, idx, b->s, -1, SQLITE_TRANSIENT);
        else
            rc = sqlite3_bind_null(st, idx);
        if (rc != SQLITE_OK)
            return db_fail(db, db->h, rc, err, "bind");
    }
    return CRM_OK;
}

int crm_db_query(struct crm_db *db, const struct crm_sql *q, struct crm_stmt **out,
                 struct crm_err *err)
{
    const char *sql = crm_buf_str(&q->text);
    struct crm_stmt *s;

    for (s = db->cache; s; s = s->next)
        if (strcmp(s->sql, sql) == 0)
            break;
    if (!s) {
        sqlite3_stmt *st;
        int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
        if (rc != SQLITE_OK)
            return db_fail(db, db->h, rc, err, "prepare");
        s = crm_xcalloc(1, sizeof *s);
        s->st = st;
        s->db = db;
        s->sql = crm_xstrdup(sql);
        s->cached = 1;
        s->next = db->cache;
        db->cache = s;
    }
    sqlite3_reset(s->st);
    sqlite3_clear_bindings(s->st);
    *out = s;
    return bind_all(db, s->st, q, err);
}

int crm_db_exec(struct crm_db *db, const struct crm_sql *q, struct crm_err *err)
{
    struct crm_stmt *st;
    int rc = crm_db_query(db, q, &st, err);
    if (rc)
        return rc;
    while ((rc = crm_stmt_step(st, err)) > 0)
        ;
    crm_stmt_done(st);
    return rc < 0 ? -rc : CRM_OK;
}

int crm_stmt_step(struct crm_stmt *st, struct crm_err *err)
{
    int rc = sqlite3_step(st->st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    int status = db_fail(st->db, st->db->h, rc, err, "step");
    sqlite3_reset(st->st);
    return -status;
}

int crm_stmt_ncols(struct crm_stmt *st)
{
    return sqlite3_column_count(st->st);
}

const char *crm_stmt_colname(struct crm_stmt *st, int i)
{
    return sqlite3_column_name(st->st, i);
}

int crm_stmt_is_null(struct crm_stmt *st, int i)
{
    return sqlite3_column_type(st->st, i) == SQLITE_NULL;
}

int64_t crm_stmt_int(struct crm_stmt *st, int i)
{
    return sqlite3_column_int64(st->st, i);
}

const char *crm_stmt_text(struct crm_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st->st, i);
}

void crm_stmt_done(struct crm_stmt *st)
{
    sqlite3_reset(st->st);
}

int64_t crm_db_last_id(struct crm_db *db)
{
    return sqlite3_last_insert_rowid(db->h);
}

int crm_db_changes(struct crm_db *db)
{
    return sqlite3_changes(db->h);
}

int crm_db_scalar_int(struct crm_db *db, const struct crm_sql *q, int64_t *out, int *found,
                      struct crm_err *err)
{
    struct crm_stmt *st;
    int rc = crm_db_query(db, q, &st, err);
    *found = 0;
    *out = 0;
    if (rc)
        return rc;
    rc = crm_stmt_step(st, err);
    if (rc < 0)
        return -rc;
    if (rc > 0 && !crm_stmt_is_null(st, 0)) {
        *out = crm_stmt_int(st, 0);
        *found = 1;
    }
    crm_stmt_done(st);
    return CRM_OK;
}

void crm_db_bulk_mode(struct crm_db *db)
{
    /* A 64 MiB page cache: unique-index inserts at 1M rows are ~2x faster. */
    sqlite3_exec(db->h, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
}

static int check_rows(struct crm_db *db, const char *sql, void (*report)(const char *, void *),
                      void *arg, int *problems, struct crm_err *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, db->h, rc, err, "check");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct crm_buf line = CRM_BUF_INIT;
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            const char *t = (const char *)sqlite3_column_text(st, i);
            crm_buf_printf(&line, "%s%s", i ? " " : "", t ? t : "NULL");
        }
        if (strcmp(crm_buf_str(&line), "ok") != 0) {
            report(crm_buf_str(&line), arg);
            (*problems)++;
        }
        crm_buf_free(&line);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? CRM_OK : db_fail(db, db->h, rc, err, "check");
}

int crm_db_check(struct crm_db *db, void (*report)(const char *line, void *arg), void *arg,
                 struct crm_err *err)
{
    int problems = 0, rc;
    if ((rc = check_rows(db, "PRAGMA integrity_check", report, arg, &problems, err)))
        return -rc;
    if ((rc = check_rows(db,
                         "SELECT 'foreign key: ' || \"table\" || ' row ' || rowid || ' refers to a "
                         "missing ' || parent FROM pragma_foreign_key_check",
                         report, arg, &problems, err)))
        return -rc;
    for (size_t i = 0; crm_entities[i]; i++) {
        const char *fts = crm_entities[i]->fts_table;
        if (!fts)
            continue;
        char sql[256];
        snprintf(sql, sizeof sql, "INSERT INTO %s(%s, rank) VALUES ('integrity-check', 1)", fts,
                 fts);
        rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            char line[512];
            snprintf(line, sizeof line, "full-text index %s is not in step with its table: %s",
                     fts, sqlite3_errmsg(db->h));
            report(line, arg);
            problems++;
        }
    }
    /* Invariants the schema cannot state: keys in step with their values. */
    const char *inv[] = {
        "SELECT 'contact ' || id || ': email without email_key' FROM contact WHERE email IS NOT "
        "NULL AND email_key IS NULL",
        "SELECT 'contact ' || id || ': tags not in ;a;b; form' FROM contact WHERE tags IS NOT "
        "NULL AND (substr(tags, 1, 1) <> ';' OR substr(tags, -1, 1) <> ';')",
        "SELECT 'account ' || id || ': tags not in ;a;b; form' FROM account WHERE tags IS NOT "
        "NULL AND (substr(tags, 1, 1) <> ';' OR substr(tags, -1, 1) <> ';')",
        NULL,
    };
    for (size_t i = 0; inv[i]; i++)
        if ((rc = check_rows(db, inv[i], report, arg, &problems, err)))
            return -rc;
    return problems;
}

int crm_db_backup(struct crm_db *db, const char *dest, struct crm_err *err)
{
    struct crm_buf tmp = CRM_BUF_INIT;
    crm_buf_printf(&tmp, "%s.tmp-XXXXXX", dest);
    int fd = mkstemp(tmp.s);
    if (fd < 0) {
        crm_err_set(err, CRM_CANTCREAT, "cannot create %s: %s", dest, strerror(errno));
        crm_buf_free(&tmp);
        return CRM_CANTCREAT;
    }
    close(fd);
    sqlite3 *out = NULL;
    int rc = sqlite3_open_v2(tmp.s, &out, SQLITE_OPEN_READWRITE, NULL);
    sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(out, "main", db->h, "main") : NULL;
    if (b) {
        /* Copy in steps so writers are not blocked for the whole copy; a
         * step restarts when a writer changes the source meanwhile. */
        do {
            rc = sqlite3_backup_step(b, 256);
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sqlite3_sleep(20);
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        sqlite3_backup_finish(b);
        if (rc == SQLITE_DONE)
            rc = sqlite3_exec(out, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    }
    int status = CRM_OK;
    if (rc != SQLITE_OK && rc != SQLITE_DONE)
        status = crm_err_set(err, CRM_IOERR, "backup to %s failed: %s", dest,
                             out ? sqlite3_errmsg(out) : sqlite3_errstr(rc));
    sqlite3_close(out);
    if (status == CRM_OK && link(tmp.s, dest) != 0)
        status = crm_err_set(err, CRM_CANTCREAT, "cannot create %s: %s", dest,
                             errno == EEXIST ? "it already exists" : strerror(errno));
    unlink(tmp.s);
    crm_buf_free(&tmp);
    return status;
}

int crm_db_prepare_user(struct crm_db *db, const char *sql, struct crm_stmt **out,
                        const char **tail, struct crm_err *err)
{
    sqlite3_stmt *st = NULL;
    *out = NULL;
    int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, tail);
    if (rc != SQLITE_OK)
        return crm_err_set(err, CRM_USAGE, "sql: %s", sqlite3_errmsg(db->h));
    if (!st)
        return CRM_OK;
    struct crm_stmt *s = crm_xcalloc(1, sizeof *s);
    s->st = st;
    s->db = db;
    *out = s;
    return CRM_OK;
}

void crm_stmt_free(struct crm_stmt *st)
{
    if (!st || st->cached)
        return;
    sqlite3_finalize(st->st);
    free(st);
}

int crm_stmt_readonly(struct crm_stmt *st)
{
    return sqlite3_stmt_readonly(st->st);
}

int crm_db_schema_version(void)
{
    return latest_version();
}

int crm_stmt_is_number(struct crm_stmt *st, int i)
{
    int ty = sqlite3_column_type(st->st, i);
    return ty == SQLITE_INTEGER || ty == SQLITE_FLOAT;
}
