/*
 * assign.c - the assign verb of every entity with an owner; see assign.h.
 */
#include "assign.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "utf8.h"

struct owner {
    char *name;
    char *region; /* folded, or NULL */
    int64_t load;
};

static int load_owners(struct crm_tool *t, const char *spec, struct owner **out, size_t *n)
{
    char *copy = crm_xstrdup(spec);
    int rc = CRM_OK;
    *out = NULL;
    *n = 0;
    for (char *save = NULL, *s = strtok_r(copy, ",", &save); s && rc == CRM_OK;
         s = strtok_r(NULL, ",", &save)) {
        while (*s == ' ')
            s++;
        size_t len = strlen(s);
        while (len && s[len - 1] == ' ')
            s[--len] = '\0';
        if (!*s)
            continue;
        for (size_t i = 0; i < *n; i++)
            if (strcmp((*out)[i].name, s) == 0)
                rc = crm_err_set(&t->err, CRM_USAGE, "--to: '%s' named twice", s);
        if (rc)
            break;
        struct crm_sql q = CRM_SQL_INIT;
        struct crm_stmt *st;
        crm_sql_add(&q, "SELECT active, region FROM crm_user WHERE name = ");
        crm_sql_bind_text(&q, s);
        if ((rc = crm_db_query(t->db, &q, &st, &t->err)) == CRM_OK) {
            int got = crm_stmt_step(st, &t->err);
            if (got < 0)
                rc = -got;
            else if (got == 0)
                rc = crm_err_set(&t->err, CRM_DATAERR,
                                 "--to: no user '%s' (crm user add name=%s)", s, s);
            else if (!crm_stmt_int(st, 0))
                rc = crm_err_set(&t->err, CRM_DATAERR, "--to: user '%s' is not active", s);
            else {
                *out = crm_xrealloc(*out, (*n + 1) * sizeof **out);
                struct owner *o = &(*out)[(*n)++];
                o->name = crm_xstrdup(s);
                o->region = NULL;
                o->load = 0;
                const char *reg = crm_stmt_text(st, 1);
                if (reg && *reg) {
                    struct crm_buf f = CRM_BUF_INIT;
                    crm_utf8_fold(&f, reg, strlen(reg));
                    o->region = crm_buf_detach(&f);
                }
            }
            crm_stmt_done(st);
        }
        crm_sql_free(&q);
    }
    free(copy);
    if (rc == CRM_OK && *n == 0)
        rc = crm_err_set(&t->err, CRM_USAGE, "--to: give the owners, e.g. --to alice,bob");
    return rc;
}

static int count_load(struct crm_tool *t, struct owner *o, const int64_t *ids, size_t nids)
{
    const struct crm_entity *d = t->def;
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_buf arr = CRM_BUF_INIT;
    crm_buf_putc(&arr, '[');
    for (size_t i = 0; i < nids; i++)
        crm_buf_printf(&arr, "%s%" PRId64, i ? "," : "", ids[i]);
    crm_buf_putc(&arr, ']');
    crm_sql_addf(&q, "SELECT count(*) FROM \"%s\" WHERE owner = ", d->table);
    crm_sql_bind_text(&q, o->name);
    /* The records being assigned do not count: they are being given anew. */
    crm_sql_add(&q, " AND id NOT IN (SELECT value FROM json_each(");
    crm_sql_bind_text(&q, crm_buf_str(&arr));
    crm_sql_add(&q, "))");
    if (d->open_sql) {
        crm_sql_add(&q, " AND (");
        crm_sql_add(&q, d->open_sql);
        crm_sql_add(&q, ")");
    }
    int found;
    int rc = crm_db_scalar_int(t->db, &q, &o->load, &found, &t->err);
    crm_sql_free(&q);
    crm_buf_free(&arr);
    return rc;
}

static int record_text(struct crm_tool *t, int64_t id, const char *expr, char **out)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    *out = NULL;
    crm_sql_add(&q, "SELECT ");
    crm_sql_add(&q, expr);
    crm_sql_addf(&q, " FROM \"%s\" WHERE id = ", t->def->table);
    crm_sql_bind_int(&q, id);
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    rc = crm_stmt_step(st, &t->err);
    if (rc > 0 && !crm_stmt_is_null(st, 0))
        *out = crm_xstrdup(crm_stmt_text(st, 0));
    crm_stmt_done(st);
    if (rc < 0)
        return -rc;
    if (rc == 0)
        return crm_err_set(&t->err, CRM_NOTFOUND, "no %s with id %" PRId64, t->def->name, id);
    return CRM_OK;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

int crm_entity_assign(struct crm_tool *t)
{
    const struct crm_field *of = crm_ent_field(&t->ent, "owner");
    const struct crm_field *rf = crm_ent_field(&t->ent, "region");
    const char *by = crm_args_get(&t->args, "by"), *to = crm_args_get(&t->args, "to");
    if (!of)
        return crm_err_set(&t->err, CRM_USAGE, "%s records have no owner", t->def->name);
    if (!by)
        by = "round-robin";
    int mode = strcmp(by, "round-robin") == 0 ? 0 : strcmp(by, "load") == 0 ? 1
               : strcmp(by, "region") == 0    ? 2 : -1;
    if (mode < 0)
        return crm_err_set(&t->err, CRM_USAGE, "--by: '%s' (use round-robin, load or region)", by);
    if (mode == 2 && !rf)
        return crm_err_set(&t->err, CRM_USAGE, "--by region: %s records have no region",
                           t->def->name);
    if (!to)
        return crm_err_set(&t->err, CRM_USAGE, "assign to whom? give --to alice,bob,...");
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE, "which %s records? give ids, or - to read them "
                           "from stdin", t->def->name);
    int64_t *ids;
    size_t n, nown = 0;
    struct owner *own = NULL;
    int rc = crm_entity_collect_ids(t, 0, t->npos, &ids, &n);
    if (rc == CRM_OK)
        rc = load_owners(t, to, &own, &nown);
    if (rc == CRM_OK) {
        /* A stable order whatever the input order; each id once. */
        qsort(ids, n, sizeof *ids, cmp_id);
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (k == 0 || ids[k - 1] != ids[i])
                ids[k++] = ids[i];
        n = k;
    }
    for (size_t i = 0; rc == CRM_OK && mode == 1 && i < nown; i++)
        rc = count_load(t, &own[i], ids, n);
    static const struct crm_col cols[] = {{"id", CRM_COL_NUMBER},   {"name", CRM_COL_TEXT},
                                          {"previous_owner", CRM_COL_TEXT},
                                          {"owner", CRM_COL_TEXT}, {"by", CRM_COL_TEXT}};
    struct crm_out *o = rc == CRM_OK ? crm_tool_out(t, cols, 5) : NULL;
    size_t rr = 0, *region_rr = crm_xcalloc(nown + 1, sizeof *region_rr);
    for (size_t k = 0; k < n && rc == CRM_OK; k++) {
        struct owner *pick = NULL;
        const char *rule = by;
        char *label = NULL, *region = NULL, *prev = NULL;
        if ((rc = record_text(t, ids[k], t->def->label, &label)) ||
            (rc = record_text(t, ids[k], "owner", &prev)))
            goto next;
        if (mode == 1) {
            pick = &own[0];
            for (size_t i = 1; i < nown; i++)
                if (own[i].load < pick->load)
                    pick = &own[i];
        } else if (mode == 2) {
            if ((rc = record_text(t, ids[k], crm_field_column(rf), &region)))
                goto next;
            if (region && *region) {
                struct crm_buf f = CRM_BUF_INIT;
                crm_utf8_fold(&f, region, strlen(region));
                /* Round robin among the owners of that region: the i-th record
                 * of a region goes to its (i mod m)-th owner. */
                size_t m = 0, idx;
                for (size_t i = 0; i < nown; i++)
                    m += own[i].region && strcmp(own[i].region, crm_buf_str(&f)) == 0;
                if (m) {
                    /* Count per region through the first owner's slot of it. */
                    size_t first = 0;
                    while (!(own[first].region && strcmp(own[first].region, crm_buf_str(&f)) == 0))
                        first++;
                    idx = region_rr[first]++ % m;
                    for (size_t i = 0; i < nown; i++)
                        if (own[i].region && strcmp(own[i].region, crm_buf_str(&f)) == 0 &&
                            idx-- == 0) {
                            pick = &own[i];
                            break;
                        }
                }
                crm_buf_free(&f);
            }
            if (!pick)
                rule = "region-fallback";
        }
        if (!pick)
            pick = &own[rr++ % nown];
        pick->load++;
        struct crm_rec old, r;
        int changed;
        crm_rec_init(&old, t->ent.nfields);
        crm_rec_init(&r, t->ent.nfields);
        int got = crm_rec_load(t, ids[k], &old);
        if (got < 0)
            rc = -got;
        else if ((rc = crm_rec_set(t, &r, of, pick->name, &old)) == CRM_OK)
            rc = crm_rec_update(t, ids[k], &old, &r, &changed);
        crm_rec_free(&old);
        crm_rec_free(&r);
        if (rc == CRM_OK) {
            char idtxt[24];
            snprintf(idtxt, sizeof idtxt, "%" PRId64, ids[k]);
            const char *vals[5] = {idtxt, label, prev, pick->name, rule};
            rc = crm_out_row(o, vals, &t->err);
        }
    next:
        if (rc)
            crm_err_prefix(&t->err, "%s %" PRId64 ": ", t->def->name, ids[k]);
        free(label);
        free(region);
        free(prev);
    }
    if (o) {
        if (rc == CRM_OK)
            rc = crm_out_end(o, &t->err);
        else
            crm_out_free(o);
    }
    for (size_t i = 0; i < nown; i++) {
        free(own[i].name);
        free(own[i].region);
    }
    free(own);
    free(region_rr);
    free(ids);
    return rc;
}
