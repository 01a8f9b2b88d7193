/*
 * db.h - the database layer: the only module that calls sqlite3_*.
 *
 * Narrow on purpose, so that a PostgreSQL backend can sit beside it: open,
 * transactions, run a struct crm_sql (prepared once per run and cached by
 * its text), step through rows, read columns.  Everything that speaks SQL
 * builds a struct crm_sql and hands it here.
 *
 * Rules kept here: a database is created only by crm_db_create (mode 0600,
 * refusing to overwrite); WAL; busy timeout from $CRM_BUSY_TIMEOUT (default
 * 5000 ms); foreign keys on; the schema version in PRAGMA user_version,
 * migrated forward inside a transaction, a newer file refused.
 *
 * Ownership: crm_db owns its cached statements; a struct crm_stmt returned
 * by crm_db_query belongs to the db and stays valid until the next
 * crm_db_query with the same SQL text or crm_db_close.  Column text returned
 * by crm_stmt_text is valid until the next step.
 */
#ifndef CRM_DB_H
#define CRM_DB_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"
#include "sql.h"


struct crm_db;
struct crm_stmt;

enum crm_db_mode { CRM_DB_READ, CRM_DB_WRITE };

/* The database path: the --db option when given, else $CRM_DB, else
 * $XDG_DATA_HOME/crm/crm.db, else ~/.local/share/crm/crm.db. */
void crm_db_default_path(const char *opt, struct crm_buf *path);

/* Open an existing database (CRM_NOINPUT "no database at PATH; create one
 * with: crm init" when it does not exist) and migrate it when older. */
int crm_db_open(struct crm_db **db, const char *path, enum crm_db_mode mode, struct crm_err *err);

/* Create a new database with the schema (mode 0600); CRM_CANTCREAT when the
 * file exists or cannot be created. */
int crm_db_create(struct crm_db **db, const char *path, struct crm_err *err);

void crm_db_close(struct crm_db *db);

const char *crm_db_path(const struct crm_db *db);

/* Transactions: BEGIN IMMEDIATE for writers, so writers queue on the busy
 * timeout instead of failing at commit. */
int crm_db_begin(struct crm_db *db, enum crm_db_mode mode, struct crm_err *err);
int crm_db_commit(struct crm_db *db, struct crm_err *err);
void crm_db_rollback(struct crm_db *db);

/* Savepoints inside the command's transaction (name: a constant identifier). */
int crm_db_savepoint(struct crm_db *db, const char *name, struct crm_err *err);
int crm_db_release(struct crm_db *db, const char *name, struct crm_err *err);
int crm_db_rollback_to(struct crm_db *db, const char *name, struct crm_err *err);

/* Prepare (or take from the cache) the statement for q's text, reset it and
 * bind q's values. */
int crm_db_query(struct crm_db *db, const struct crm_sql *q, struct crm_stmt **st,
                 struct crm_err *err);

/* Run a statement that returns no rows we need. */
int crm_db_exec(struct crm_db *db, const struct crm_sql *q, struct crm_err *err);
/* Run constant SQL with no parameters (several statements allowed). */
int crm_db_exec_script(struct crm_db *db, const char *sql, struct crm_err *err);

/* 1 for a row, 0 when done, a negative status on error. */
int crm_stmt_step(struct crm_stmt *st, struct crm_err *err);
int crm_stmt_ncols(struct crm_stmt *st);
const char *crm_stmt_colname(struct crm_stmt *st, int i);
int crm_stmt_is_null(struct crm_stmt *st, int i);
int64_t crm_stmt_int(struct crm_stmt *st, int i);
const char *crm_stmt_text(struct crm_stmt *st, int i); /* NULL for SQL NULL */
/* Reset now to release read locks early (optional). */
void crm_stmt_done(struct crm_stmt *st);

int64_t crm_db_last_id(struct crm_db *db);
int crm_db_changes(struct crm_db *db);

/* Query helpers: the first column of the first row as an integer (found = 0
 * when there is no row or it is NULL). */
int crm_db_scalar_int(struct crm_db *db, const struct crm_sql *q, int64_t *out, int *found,
                      struct crm_err *err);

/* Bulk-load tuning for imports: a bigger page cache for this connection. */
void crm_db_bulk_mode(struct crm_db *db);

/* `crm check`: integrity_check, foreign_key_check and FTS integrity; calls
 * report(line, arg) for each problem found; returns the number of problems. */
int crm_db_check(struct crm_db *db, void (*report)(const char *line, void *arg), void *arg,
                 struct crm_err *err);

/* Online backup to a new file (mode 0600), consistent while others write. */
int crm_db_backup(struct crm_db *db, const char *dest, struct crm_err *err);

/* For `crm sql`: run arbitrary SQL text from the user.  Read-only
 * connections refuse writes (SQLITE_OPEN_READONLY and PRAGMA query_only). */
int crm_db_prepare_user(struct crm_db *db, const char *sql, struct crm_stmt **st,
                        const char **tail, struct crm_err *err);
void crm_stmt_free(struct crm_stmt *st);
/* The schema version this build creates and migrates to. */
int crm_db_schema_version(void);

/* 1 when column i of the current row is an integer or a real. */
int crm_stmt_is_number(struct crm_stmt *st, int i);
/* 1 when the statement does not write. */
int crm_stmt_readonly(struct crm_stmt *st);

#endif
