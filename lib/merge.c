/*
 * merge.c - merge duplicates into the record kept, and undo it.
 *
 * A merge fills the kept record's empty fields from the duplicate (or takes
 * the newest or oldest values with --prefer), unites the tags, moves every
 * record that refers to the duplicate (any ref field of any entity, found by
 * crm_model_children: deals, activities, tickets... present and future) to
 * the kept one and deletes the duplicate.  The table crm_merge keeps what
 * unmerge needs: the duplicate as it was, the kept record's changed fields
 * before and after, and the ids of the records moved.
 */
#include "dupes.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "history.h"
#include "input.h"
#include "value.h"

enum prefer { PREFER_KEEP, PREFER_NEWEST, PREFER_OLDEST };

static void sval_set(struct crm_sval *dst, const struct crm_sval *src)
{
    crm_sval_free(dst);
    dst->kind = src->kind;
    dst->i = src->i;
    if (src->s.len)
        crm_buf_add(&dst->s, src->s.s, src->s.len);
    if (src->key.len)
        crm_buf_add(&dst->key, src->key.s, src->key.len);
}

static int same_sval(const struct crm_sval *a, const struct crm_sval *b)
{
    if (a->kind != b->kind)
        return 0;
    if (a->kind == CRM_SV_INT)
        return a->i == b->i;
    if (a->kind == CRM_SV_TEXT)
        return strcmp(crm_buf_str(&a->s), crm_buf_str(&b->s)) == 0;
    return 1;
}

static const char *stamp(const struct crm_tool *t, const struct crm_rec *r, const char *name)
{
    const struct crm_field *f = crm_ent_field(&t->ent, name);
    if (!f)
        return "";
    const struct crm_sval *v = &r->v[f - t->ent.fields];
    return v->kind == CRM_SV_TEXT ? crm_buf_str(&v->s) : "";
}

static json_t *jstr_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static char *dump(json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    return s;
}

/* The values the kept record takes from the duplicate. */
/* The kept record's own stamps, as they were before this run merged into it
 * (a merge changes updated_at; --prefer compares with the record as it was). */
struct stamps {
    int64_t id;
    char created[32], updated[32];
};

static int merged_values(struct crm_tool *t, const struct crm_rec *keep, const struct crm_rec *dup,
                         const struct stamps *keep0, enum prefer prefer, struct crm_rec *r)
{
    const struct crm_ent *e = &t->ent;
    int dup_wins = (prefer == PREFER_NEWEST &&
                    strcmp(stamp(t, dup, "updated_at"), keep0->updated) > 0) ||
                   (prefer == PREFER_OLDEST &&
                    strcmp(stamp(t, dup, "created_at"), keep0->created) < 0);
    struct crm_buf a = CRM_BUF_INIT, b = CRM_BUF_INIT, u = CRM_BUF_INIT;
    int rc = CRM_OK;
    for (size_t i = 0; i < e->nfields && rc == CRM_OK; i++) {
        const struct crm_field *f = &e->fields[i];
        if ((f->flags & (CRM_F_READONLY | CRM_F_DERIVED)) || f->type == CRM_T_ID ||
            dup->v[i].kind == CRM_SV_NULL)
            continue;
        if (f->type == CRM_T_TAGS) {
            const char *x = crm_rec_display(e, keep, i, &a), *y = crm_rec_display(e, dup, i, &b);
            crm_buf_reset(&u);
            crm_buf_printf(&u, "%s;%s", x ? x : "", y ? y : "");
            rc = crm_rec_set(t, r, f, crm_buf_str(&u), keep);
            if (rc == CRM_OK && same_sval(&r->v[i], &keep->v[i]))
                r->set[i] = 0;
            continue;
        }
        if (keep->v[i].kind == CRM_SV_NULL || (dup_wins && !same_sval(&keep->v[i], &dup->v[i]))) {
            sval_set(&r->v[i], &dup->v[i]);
            r->set[i] = 1;
        }
    }
    crm_buf_free(&a);
    crm_buf_free(&b);
    crm_buf_free(&u);
    return rc;
}

/* Move every record referring to dup over to keep; the moves in *moved. */
static int move_children(struct crm_tool *t, int64_t keep, int64_t dup, json_t *moved, size_t *count)
{
    struct crm_relation_child ch[64];
    size_t nch = crm_model_children(t->def, ch, 64);
    int rc = CRM_OK;
    for (size_t k = 0; k < nch && k < 64 && rc == CRM_OK; k++) {
        int64_t *ids;
        size_t n;
        if ((rc = crm_rec_child_ids(t, &ch[k], dup, &ids, &n)))
            break;
        json_t *list = json_array();
        for (size_t i = 0; i < n && rc == CRM_OK; i++) {
            if (ch[k].entity == t->def && ids[i] == dup)
                continue; /* the duplicate's own reference goes with it */
            int self = ch[k].entity == t->def && ids[i] == keep;
            rc = crm_rec_set_ref(t, &ch[k], ids[i], !self, keep);
            json_array_append_new(list, json_integer(ids[i]));
            (*count)++;
        }
        free(ids);
        if (json_array_size(list)) {
            json_t *m = json_object();
            json_object_set_new(m, "entity", json_string(ch[k].entity->name));
            json_object_set_new(m, "field", json_string(ch[k].field));
            json_object_set_new(m, "ids", list);
            json_array_append_new(moved, m);
        } else {
            json_decref(list);
        }
    }
    return rc;
}

static int record_merge(struct crm_tool *t, int64_t keep, int64_t dup, const char *dup_json,
                        const char *before, const char *after, const char *moved)
{
    struct crm_sql q = CRM_SQL_INIT;
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    crm_sql_add(&q, "INSERT INTO crm_merge (entity, keep_id, dup_id, at, user, dup_record, "
                    "keep_before, keep_after, moved) VALUES (");
    crm_sql_bind_text(&q, t->def->name);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, keep);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, dup);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, t->ctx.user);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, dup_json);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, before);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, after);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, moved);
    crm_sql_add(&q, ")");
    int rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    char j[64];
    snprintf(j, sizeof j, "{\"dup\":%" PRId64 "}", dup);
    if (rc == CRM_OK)
        rc = crm_history_add(t->db, &t->ctx, t->def->name, keep, "merge", NULL, NULL, j, &t->err);
    snprintf(j, sizeof j, "{\"into\":%" PRId64 "}", keep);
    if (rc == CRM_OK)
        rc = crm_history_add(t->db, &t->ctx, t->def->name, dup, "merge", NULL, NULL, j, &t->err);
    return rc;
}

static int merge_one(struct crm_tool *t, int64_t keep, int64_t dup, enum prefer prefer,
                     struct stamps **seen, size_t *nseen, size_t *fields, size_t *moved_n)
{
    const struct crm_ent *e = &t->ent;
    struct crm_rec k, d, r;
    int rc, got;
    if (keep == dup)
        return crm_err_set(&t->err, CRM_USAGE, "cannot merge %s %" PRId64 " into itself",
                           t->def->name, keep);
    crm_rec_init(&k, e->nfields);
    crm_rec_init(&d, e->nfields);
    crm_rec_init(&r, e->nfields);
    json_t *before = json_object(), *after = json_object(), *moved = json_array();
    char *bj = NULL, *aj = NULL, *mj = NULL;
    struct crm_buf dj = CRM_BUF_INIT, x = CRM_BUF_INIT;
    if ((got = crm_rec_load(t, keep, &k)) <= 0 || (got = crm_rec_load(t, dup, &d)) <= 0) {
        rc = got < 0 ? -got
                     : crm_err_set(&t->err, CRM_NOTFOUND, "no %s with id %" PRId64, t->def->name,
                                   k.v[0].kind == CRM_SV_NULL ? keep : dup);
        goto out;
    }
    size_t si;
    for (si = 0; si < *nseen && (*seen)[si].id != keep; si++)
        ;
    if (si == *nseen) {
        *seen = crm_xrealloc(*seen, (*nseen + 1) * sizeof **seen);
        (*seen)[si].id = keep;
        snprintf((*seen)[si].created, sizeof (*seen)[si].created, "%s", stamp(t, &k, "created_at"));
        snprintf((*seen)[si].updated, sizeof (*seen)[si].updated, "%s", stamp(t, &k, "updated_at"));
        (*nseen)++;
    }
    if ((rc = merged_values(t, &k, &d, &(*seen)[si], prefer, &r)))
        goto out;
    for (size_t i = 0; i < e->nfields; i++) {
        if (!r.set[i] || same_sval(&r.v[i], &k.v[i])) {
            r.set[i] = 0;
            continue;
        }
        const char *b = crm_rec_display(e, &k, i, &x);
        json_object_set_new(before, e->fields[i].name, jstr_or_null(b));
        b = crm_rec_display(e, &r, i, &x);
        json_object_set_new(after, e->fields[i].name, jstr_or_null(b));
        (*fields)++;
    }
    crm_rec_json(e, &d, &dj);
    if ((rc = move_children(t, keep, dup, moved, moved_n)))
        goto out;
    if ((rc = crm_rec_delete(t, dup)))
        goto out;
    int changed;
    if ((rc = crm_rec_update(t, keep, &k, &r, &changed)))
        goto out;
    bj = dump(before);
    aj = dump(after);
    mj = dump(moved);
    before = after = moved = NULL;
    rc = record_merge(t, keep, dup, crm_buf_str(&dj), bj, aj, mj);
out:
    json_decref(before);
    json_decref(after);
    json_decref(moved);
    free(bj);
    free(aj);
    free(mj);
    crm_buf_free(&dj);
    crm_buf_free(&x);
    crm_rec_free(&k);
    crm_rec_free(&d);
    crm_rec_free(&r);
    return rc;
}

/* ---- pairs from a pipe ------------------------------------------------ */

struct plan {
    int64_t *keep, *dup;
    size_t n;
};

static void plan_add(struct plan *p, int64_t keep, int64_t dup)
{
    p->keep = crm_xrealloc(p->keep, (p->n + 1) * sizeof *p->keep);
    p->dup = crm_xrealloc(p->dup, (p->n + 1) * sizeof *p->dup);
    p->keep[p->n] = keep;
    p->dup[p->n++] = dup;
}

static int parse_id(const char *s, int64_t *id)
{
    char *end;
    if (!s || !*s)
        return 0;
    long long v = strtoll(s, &end, 10);
    if (*end || v <= 0)
        return 0;
    *id = v;
    return 1;
}

/* Pairs (keep,dup columns of `dupes`) or clusters (cluster,id columns). */
static int read_plan(struct crm_tool *t, struct plan *p)
{
    struct crm_input *in;
    struct crm_record_in rec;
    int rc = crm_input_open(&in, stdin, "stdin", CRM_IN_AUTO, 0, &t->err);
    if (rc)
        return rc;
    while ((rc = crm_input_next(in, &rec, &t->err)) > 0) {
        const char *keep = NULL, *dup = NULL, *cl = NULL, *id = NULL;
        for (size_t i = 0; i < rec.n; i++) {
            if (strcmp(rec.keys[i], "keep") == 0)
                keep = rec.vals[i];
            else if (strcmp(rec.keys[i], "dup") == 0)
                dup = rec.vals[i];
            else if (strcmp(rec.keys[i], "cluster") == 0)
                cl = rec.vals[i];
            else if (strcmp(rec.keys[i], "id") == 0)
                id = rec.vals[i];
        }
        int64_t a, b;
        if (parse_id(keep, &a) && parse_id(dup, &b)) {
            plan_add(p, a, b);
        } else if (parse_id(cl, &a) && parse_id(id, &b)) {
            if (a != b)
                plan_add(p, a, b);
        } else {
            rc = -crm_err_set(&t->err, CRM_DATAERR,
                              "stdin:%zu: expected the columns keep,dup (or cluster,id) of "
                              "dupes output",
                              rec.line);
            break;
        }
    }
    crm_input_close(in);
    return rc < 0 ? -rc : CRM_OK;
}

/* Where a record went: follow earlier merges of this run. */
static int64_t final_of(const struct plan *done, int64_t id)
{
    for (int hops = 0; hops < 1000; hops++) {
        size_t i;
        for (i = 0; i < done->n; i++)
            if (done->dup[i] == id)
                break;
        if (i == done->n)
            return id;
        id = done->keep[i];
    }
    return id;
}

int crm_verb_merge(struct crm_tool *t)
{
    const char *pv = crm_args_get(&t->args, "prefer");
    enum prefer prefer = PREFER_KEEP;
    if (pv && strcmp(pv, "newest") == 0)
        prefer = PREFER_NEWEST;
    else if (pv && strcmp(pv, "oldest") == 0)
        prefer = PREFER_OLDEST;
    else if (pv && strcmp(pv, "keep") != 0)
        return crm_err_set(&t->err, CRM_USAGE, "--prefer: expected keep, newest or oldest, got '%s'",
                           pv);
    struct plan plan = {0}, done = {0};
    int rc = CRM_OK;
    if (t->npos == 1 && strcmp(t->pos[0], "-") == 0) {
        rc = read_plan(t, &plan);
    } else if (t->npos >= 2) {
        int64_t keep = 0, dup;
        if (!parse_id(t->pos[0], &keep))
            rc = crm_err_set(&t->err, CRM_USAGE, "'%s' is not a record id", t->pos[0]);
        for (size_t i = 1; rc == CRM_OK && i < t->npos; i++) {
            if (!parse_id(t->pos[i], &dup))
                rc = crm_err_set(&t->err, CRM_USAGE, "'%s' is not a record id", t->pos[i]);
            else if (dup == keep)
                rc = crm_err_set(&t->err, CRM_USAGE, "cannot merge %s %" PRId64 " into itself",
                                 t->def->name, keep);
            else
                plan_add(&plan, keep, dup);
        }
    } else {
        rc = crm_err_set(&t->err, CRM_USAGE,
                         "usage: merge KEEP DUP... (or merge - with dupes output on stdin)");
    }
    size_t fields = 0, moved = 0, merged = 0;
    int64_t *kept = NULL;
    size_t nkept = 0, nseen = 0;
    struct stamps *seen = NULL;
    for (size_t i = 0; rc == CRM_OK && i < plan.n; i++) {
        int64_t keep = final_of(&done, plan.keep[i]), dup = final_of(&done, plan.dup[i]);
        if (keep == dup)
            continue; /* merged already by an earlier pair */
        if (dup < keep && plan.keep[i] != keep) {
            int64_t x = keep; /* keep the oldest of a chain */
            keep = dup;
            dup = x;
        }
        rc = merge_one(t, keep, dup, prefer, &seen, &nseen, &fields, &moved);
        if (rc) {
            crm_err_prefix(&t->err, "%s %" PRId64 " into %" PRId64 ": ", t->def->name, dup, keep);
            break;
        }
        plan_add(&done, keep, dup);
        merged++;
        size_t k;
        for (k = 0; k < nkept && kept[k] != keep; k++)
            ;
        if (k == nkept) {
            kept = crm_xrealloc(kept, (nkept + 1) * sizeof *kept);
            kept[nkept++] = keep;
        }
    }
    if (rc == CRM_OK) {
        for (size_t k = 0; k < nkept; k++)
            kept[k] = final_of(&done, kept[k]);
        size_t w = 0;
        for (size_t k = 0; k < nkept; k++) {
            size_t j;
            for (j = 0; j < w && kept[j] != kept[k]; j++)
                ;
            if (j == w)
                kept[w++] = kept[k];
        }
        nkept = w;
        crm_tool_note(t, "merged %zu %s record%s: %zu field%s filled, %zu related record%s moved "
                         "(unmerge DUP undoes it)",
                      merged, t->def->name, merged == 1 ? "" : "s", fields, fields == 1 ? "" : "s",
                      moved, moved == 1 ? "" : "s");
        if (nkept)
            rc = crm_entity_show_ids(t, kept, nkept);
    }
    free(kept);
    free(seen);
    free(plan.keep);
    free(plan.dup);
    free(done.keep);
    free(done.dup);
    return rc;
}

/* ---- unmerge ---------------------------------------------------------- */

static int revert_keep(struct crm_tool *t, int64_t keep, json_t *before, json_t *after)
{
    const struct crm_ent *e = &t->ent;
    struct crm_rec k, r;
    struct crm_buf x = CRM_BUF_INIT;
    crm_rec_init(&k, e->nfields);
    crm_rec_init(&r, e->nfields);
    int got = crm_rec_load(t, keep, &k), rc = CRM_OK, changed;
    if (got <= 0) {
        rc = got < 0 ? -got
                     : crm_err_set(&t->err, CRM_NOTFOUND,
                                   "the kept %s %" PRId64 " is gone; restore it first",
                                   t->def->name, keep);
        goto out;
    }
    /* Phones after the country, as everywhere. */
    for (int pass = 0; pass < 2 && rc == CRM_OK; pass++) {
        const char *name;
        json_t *v;
        json_object_foreach(before, name, v)
        {
            const struct crm_field *f = crm_ent_field(e, name);
            if (!f || (f->type == CRM_T_PHONE) != pass)
                continue;
            const char *now = crm_rec_display(e, &k, (size_t)(f - e->fields), &x);
            json_t *a = json_object_get(after, name);
            const char *was = json_is_string(a) ? json_string_value(a) : NULL;
            if (!((now == NULL && was == NULL) || (now && was && strcmp(now, was) == 0)))
                continue; /* changed since the merge: leave it */
            if ((rc = crm_rec_set(t, &r, f, json_is_string(v) ? json_string_value(v) : "", &k)))
                break;
        }
    }
    if (rc == CRM_OK)
        rc = crm_rec_update(t, keep, &k, &r, &changed);
out:
    crm_buf_free(&x);
    crm_rec_free(&k);
    crm_rec_free(&r);
    return rc;
}

static int move_back(struct crm_tool *t, int64_t keep, int64_t dup, json_t *moved)
{
    struct crm_relation_child ch[64];
    size_t nch = crm_model_children(t->def, ch, 64);
    size_t i;
    json_t *m;
    int rc = CRM_OK;
    json_array_foreach(moved, i, m)
    {
        const char *ent = json_string_value(json_object_get(m, "entity"));
        const char *field = json_string_value(json_object_get(m, "field"));
        const struct crm_relation_child *c = NULL;
        for (size_t k = 0; k < nch && k < 64; k++)
            if (ent && field && strcmp(ch[k].entity->name, ent) == 0 &&
                strcmp(ch[k].field, field) == 0)
                c = &ch[k];
        if (!c)
            continue;
        int64_t *now;
        size_t n, j;
        json_t *idv;
        if ((rc = crm_rec_child_ids(t, c, keep, &now, &n)))
            return rc;
        json_array_foreach(json_object_get(m, "ids"), j, idv)
        {
            int64_t id = json_integer_value(idv);
            int still = 0;
            for (size_t k = 0; k < n; k++)
                still |= now[k] == id;
            if (c->entity == t->def && id == keep)
                still = 1; /* its reference was nulled: point it back */
            if (still && (rc = crm_rec_set_ref(t, c, id, 1, dup)))
                break;
        }
        free(now);
        if (rc)
            return rc;
    }
    return rc;
}

static int unmerge_one(struct crm_tool *t, int64_t dup)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT id, keep_id, dup_record, keep_before, keep_after, moved FROM crm_merge "
                    "WHERE entity = ");
    crm_sql_bind_text(&q, t->def->name);
    crm_sql_add(&q, " AND dup_id = ");
    crm_sql_bind_int(&q, dup);
    crm_sql_add(&q, " AND undone_at IS NULL ORDER BY id DESC LIMIT 1");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    rc = crm_stmt_step(st, &t->err);
    if (rc <= 0) {
        crm_stmt_done(st);
        return rc < 0 ? -rc
                      : crm_err_set(&t->err, CRM_NOTFOUND,
                                    "%s %" PRId64 " was not merged (or is unmerged already)",
                                    t->def->name, dup);
    }
    int64_t mid = crm_stmt_int(st, 0), keep = crm_stmt_int(st, 1);
    char *rec = crm_xstrdup(crm_stmt_text(st, 2));
    json_t *before = json_loads(crm_stmt_text(st, 3), 0, NULL);
    json_t *after = json_loads(crm_stmt_text(st, 4), 0, NULL);
    json_t *moved = json_loads(crm_stmt_text(st, 5), 0, NULL);
    crm_stmt_done(st);
    rc = CRM_OK;
    if (!before || !after || !moved)
        rc = crm_err_set(&t->err, CRM_SOFTWARE, "crm_merge %" PRId64 " is malformed", mid);
    if (rc == CRM_OK)
        rc = revert_keep(t, keep, before, after);
    if (rc == CRM_OK)
        rc = crm_entity_insert_json(t, rec, "unmerge");
    if (rc == CRM_OK)
        rc = move_back(t, keep, dup, moved);
    if (rc == CRM_OK) {
        char now[21];
        crm_value_epoch_datetime(t->ctx.now, now);
        crm_sql_add(&q, "UPDATE crm_merge SET undone_at = ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, " WHERE id = ");
        crm_sql_bind_int(&q, mid);
        rc = crm_db_exec(t->db, &q, &t->err);
        crm_sql_free(&q);
    }
    char j[64];
    snprintf(j, sizeof j, "{\"from\":%" PRId64 "}", keep);
    if (rc == CRM_OK)
        rc = crm_history_add(t->db, &t->ctx, t->def->name, dup, "unmerge", NULL, NULL, j, &t->err);
    snprintf(j, sizeof j, "{\"dup\":%" PRId64 "}", dup);
    if (rc == CRM_OK)
        rc = crm_history_add(t->db, &t->ctx, t->def->name, keep, "unmerge", NULL, NULL, j, &t->err);
    free(rec);
    json_decref(before);
    json_decref(after);
    json_decref(moved);
    return rc;
}

int crm_verb_unmerge(struct crm_tool *t)
{
    int64_t *ids;
    size_t n;
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE, "which %s? give the ids of merged duplicates",
                           t->def->name);
    int rc = crm_entity_collect_ids(t, 0, t->npos, &ids, &n);
    /* The latest merges first, so chains come apart in order. */
    for (size_t k = n; rc == CRM_OK && k-- > 0;) {
        rc = unmerge_one(t, ids[k]);
        if (rc)
            crm_err_prefix(&t->err, "%s %" PRId64 ": ", t->def->name, ids[k]);
    }
    if (rc == CRM_OK)
        rc = crm_entity_show_ids(t, ids, n);
    free(ids);
    return rc;
}
