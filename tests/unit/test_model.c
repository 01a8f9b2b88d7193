/* The field tables of lib/model.c and the schema of lib/schema.sql agree,
 * and the database layer creates, reopens and refuses as it should. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "field.h"
#include "model.h"
#include "t.h"

static int has_column(struct crm_db *db, const char *table, const char *col)
{
    struct crm_sql q = CRM_SQL_INIT;
    int64_t n;
    int found;
    struct crm_err err;
    crm_sql_add(&q, "SELECT count(*) FROM pragma_table_info(");
    crm_sql_bind_text(&q, table);
    crm_sql_add(&q, ") WHERE name = ");
    crm_sql_bind_text(&q, col);
    int rc = crm_db_scalar_int(db, &q, &n, &found, &err);
    crm_sql_free(&q);
    return rc == CRM_OK && n == 1;
}

static void test_model_matches_schema(struct crm_db *db)
{
    for (size_t i = 0; crm_entities[i]; i++) {
        const struct crm_entity *e = crm_entities[i];
        int all = 1;
        for (size_t j = 0; j < e->nfields; j++) {
            const struct crm_field *f = &e->fields[j];
            if (f->flags & CRM_F_DERIVED)
                continue;
            if (!has_column(db, e->table, crm_field_column(f))) {
                printf("# %s.%s has no column %s\n", e->name, f->name, crm_field_column(f));
                all = 0;
            }
            if (crm_field_has_key(f)) {
                char key[128];
                snprintf(key, sizeof key, "%s_key", crm_field_column(f));
                if (!has_column(db, e->table, key)) {
                    printf("# %s.%s has no key column %s\n", e->name, f->name, key);
                    all = 0;
                }
            }
        }
        T_OK(all, "every stored field of %s has its column in the schema", e->name);
        T_OK(has_column(db, e->table, "custom"), "%s has the custom JSON column", e->name);
        T_OK(e->natural_key == NULL || crm_model_entity(e->name) == e, "%s is found by name",
             e->name);
    }
}

int main(void)
{
    char dir[] = "/tmp/crm-unit-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char path[256];
    snprintf(path, sizeof path, "%s/t.db", dir);
    struct crm_db *db = NULL;
    struct crm_err err;

    T_INT(crm_db_open(&db, path, CRM_DB_READ, &err), CRM_NOINPUT, "opening a missing database is 66");
    T_OK(strstr(err.msg, "crm init") != NULL, "and the message says how to create one");
    T_INT(crm_db_create(&db, path, &err), CRM_OK, "create makes a new database");
    struct stat sb;
    T_OK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600, "the database file is mode 0600");
    test_model_matches_schema(db);
    crm_db_close(db);
    db = NULL;
    T_INT(crm_db_create(&db, path, &err), CRM_CANTCREAT, "create refuses to overwrite");
    T_INT(crm_db_open(&db, path, CRM_DB_WRITE, &err), CRM_OK, "the database reopens");
    T_INT(crm_db_exec_script(db, "PRAGMA user_version = 99", &err), CRM_OK, "set a future version");
    crm_db_close(db);
    db = NULL;
    T_INT(crm_db_open(&db, path, CRM_DB_READ, &err), CRM_DATAERR, "a newer schema is refused");
    T_OK(strstr(err.msg, "newer") != NULL, "with a message that says so: %s", err.msg);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    return t_done();
}
