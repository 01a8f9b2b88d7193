/*
 * task.c - crm-task's own verbs: list, done, agenda, due.
 */
#include "task.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "entity.h"
#include "ics.h"
#include "link.h"
#include "recur.h"
#include "value.h"
#include "where.h"

/* "me" is the acting user. */
static const char *who(struct crm_tool *t, const char *name)
{
    return name && strcmp(name, "me") == 0 ? t->ctx.user : name;
}

static int check_user_opt(struct crm_tool *t, const char *opt, const char *name)
{
    int exists, rc;
    if ((rc = crm_link_user_exists(t, name, &exists)))
        return rc;
    if (!exists)
        return crm_err_set(&t->err, CRM_DATAERR, "--%s: unknown user '%s'", opt, name);
    return CRM_OK;
}

static void now_text(struct crm_tool *t, char out[21])
{
    crm_value_epoch_datetime(t->ctx.now, out);
}

static int verb_list(struct crm_tool *t)
{
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "list takes no arguments (use --where)");
    struct crm_sql c = CRM_SQL_INIT;
    int rc = CRM_OK, n = 0;
    char now[21];
    now_text(t, now);
    if (crm_args_has(&t->args, "overdue")) {
        crm_sql_add(&c, "task.status = 'open' AND task.due < ");
        crm_sql_bind_text(&c, now);
        n++;
    }
    const char *by = who(t, crm_args_get(&t->args, "delegated-by"));
    if (by && (rc = check_user_opt(t, "delegated-by", by)) == CRM_OK) {
        crm_sql_add(&c, n++ ? " AND " : "");
        crm_sql_add(&c, "task.created_by = ");
        crm_sql_bind_text(&c, by);
        crm_sql_add(&c, " AND task.assignee IS NOT task.created_by");
    }
    const char *as = who(t, crm_args_get(&t->args, "assignee"));
    if (rc == CRM_OK && as && (rc = check_user_opt(t, "assignee", as)) == CRM_OK) {
        crm_sql_add(&c, n++ ? " AND " : "");
        crm_sql_add(&c, "task.assignee = ");
        crm_sql_bind_text(&c, as);
    }
    if (rc == CRM_OK && crm_args_has(&t->args, "open")) {
        crm_sql_add(&c, n++ ? " AND " : "");
        crm_sql_add(&c, "task.status = 'open'");
    }
    if (rc == CRM_OK) {
        int given;
        struct crm_sql l = CRM_SQL_INIT;
        rc = crm_link_filter(t, "task", &l, &given);
        if (rc == CRM_OK && given) {
            crm_sql_add(&c, n++ ? " AND (" : "(");
            crm_sql_append(&c, &l);
            crm_sql_add(&c, ")");
        }
        crm_sql_free(&l);
    }
    if (rc == CRM_OK)
        rc = crm_entity_print_sorted(t, &c, 0, "task.due IS NULL, task.due, task.id");
    crm_sql_free(&c);
    return rc;
}

static void copy_sval(struct crm_sval *dst, const struct crm_sval *src)
{
    crm_sval_free(dst);
    dst->kind = src->kind;
    dst->i = src->i;
    if (src->kind == CRM_SV_TEXT) {
        crm_buf_puts(&dst->s, crm_buf_str(&src->s));
        if (src->key.len)
            crm_buf_puts(&dst->key, crm_buf_str(&src->key));
    }
}

static void set_int(struct crm_tool *t, struct crm_rec *r, const char *field, int64_t v)
{
    size_t i = crm_rec_index(t, field);
    crm_sval_free(&r->v[i]);
    r->v[i].kind = CRM_SV_INT;
    r->v[i].i = v;
    r->set[i] = 1;
}

static void set_time(struct crm_tool *t, struct crm_rec *r, const char *field, int64_t v)
{
    char s[21];
    size_t i = crm_rec_index(t, field);
    crm_value_epoch_datetime(v, s);
    crm_sval_free(&r->v[i]);
    r->v[i].kind = CRM_SV_TEXT;
    crm_buf_puts(&r->v[i].s, s);
    r->set[i] = 1;
}

static int epoch_of(struct crm_tool *t, const struct crm_sval *v, int64_t *out)
{
    if (v->kind != CRM_SV_TEXT)
        return 0;
    return crm_value_datetime_epoch(crm_buf_str(&v->s), out, &t->err) == CRM_OK;
}

/* The next task of a recurring series, after `old` (the one just done). */
static int next_occurrence(struct crm_tool *t, int64_t id, const struct crm_rec *old, int64_t *next_id)
{
    const struct crm_sval *rv = &old->v[crm_rec_index(t, "recurrence")];
    *next_id = 0;
    if (rv->kind != CRM_SV_TEXT)
        return CRM_OK;
    struct crm_rrule rr;
    int rc = crm_rrule_parse(crm_buf_str(&rv->s), &rr, &t->err);
    if (rc)
        return crm_err_prefix(&t->err, "task %" PRId64 ": recurrence: ", id);
    int64_t due, next, remind;
    int has_due = epoch_of(t, &old->v[crm_rec_index(t, "due")], &due);
    int has_remind = epoch_of(t, &old->v[crm_rec_index(t, "remind_at")], &remind);
    const struct crm_sval *occ = &old->v[crm_rec_index(t, "occurrence")];
    int n = occ->kind == CRM_SV_INT ? (int)occ->i : 1;
    if (!crm_rrule_next(&rr, has_due ? due : t->ctx.now, n, &next))
        return CRM_OK;
    static const char *const copied[] = {"title", "priority", "assignee", "created_by", "contact",
                                         "account", "related_entity", "related_id", "recurrence",
                                         "estimate", "tags", "notes", NULL};
    struct crm_rec r;
    crm_rec_init(&r, t->ent.nfields);
    for (size_t k = 0; copied[k]; k++) {
        size_t i = crm_rec_index(t, copied[k]);
        copy_sval(&r.v[i], &old->v[i]);
        r.set[i] = 1;
    }
    for (size_t i = 0; i < t->ent.nfields; i++) /* custom fields too */
        if (t->ent.fields[i].flags & CRM_F_CUSTOM) {
            copy_sval(&r.v[i], &old->v[i]);
            r.set[i] = 1;
        }
    set_time(t, &r, "due", next);
    if (has_remind)
        set_time(t, &r, "remind_at", remind + (next - (has_due ? due : t->ctx.now)));
    set_int(t, &r, "occurrence", n + 1);
    const struct crm_sval *ser = &old->v[crm_rec_index(t, "series_id")];
    set_int(t, &r, "series_id", ser->kind == CRM_SV_INT ? ser->i : id);
    rc = crm_rec_insert(t, &r, next_id);
    crm_rec_free(&r);
    return rc;
}

static int verb_done(struct crm_tool *t)
{
    int64_t *ids;
    size_t n;
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE, "which task? give ids, or - to read them from stdin");
    int rc = crm_entity_collect_ids(t, 0, t->npos, &ids, &n);
    const char *spent = crm_args_get(&t->args, "spent");
    int64_t spent_min = -1;
    if (rc == CRM_OK && spent) {
        int64_t secs;
        if (*spent && strspn(spent, "0123456789") == strlen(spent))
            spent_min = strtoll(spent, NULL, 10);
        else if ((rc = crm_value_parse_duration(spent, &secs, &t->err)) == CRM_OK)
            spent_min = (secs + 59) / 60;
        else
            crm_err_prefix(&t->err, "--spent: ");
    }
    int64_t *all = NULL;
    size_t nall = 0;
    for (size_t k = 0; k < n && rc == CRM_OK; k++) {
        struct crm_rec old, r;
        int changed;
        crm_rec_init(&old, t->ent.nfields);
        crm_rec_init(&r, t->ent.nfields);
        int got = crm_rec_load(t, ids[k], &old);
        const struct crm_sval *st = got > 0 ? &old.v[crm_rec_index(t, "status")] : NULL;
        if (got < 0) {
            rc = -got;
        } else if (got == 0) {
            rc = crm_err_set(&t->err, CRM_NOTFOUND, "no task with id %" PRId64, ids[k]);
        } else if (strcmp(crm_buf_str(&st->s), "open") != 0) {
            rc = crm_err_set(&t->err, CRM_DATAERR, "task %" PRId64 " is %s, not open", ids[k],
                             crm_buf_str(&st->s));
        } else {
            crm_rec_set(t, &r, crm_ent_field(&t->ent, "status"), "done", NULL);
            set_time(t, &r, "completed_at", t->ctx.now);
            crm_rec_set(t, &r, crm_ent_field(&t->ent, "completed_by"), t->ctx.user, NULL);
            if (spent_min >= 0) {
                const struct crm_sval *sp = &old.v[crm_rec_index(t, "spent")];
                set_int(t, &r, "spent", (sp->kind == CRM_SV_INT ? sp->i : 0) + spent_min);
            }
            int64_t next;
            all = crm_xrealloc(all, (nall + 2) * sizeof *all);
            all[nall++] = ids[k];
            if ((rc = crm_rec_update(t, ids[k], &old, &r, &changed)) == CRM_OK &&
                (rc = next_occurrence(t, ids[k], &old, &next)) == CRM_OK && next) {
                all[nall++] = next;
                crm_tool_note(t, "task %" PRId64 " recurs: next is task %" PRId64, ids[k], next);
            }
        }
        crm_rec_free(&old);
        crm_rec_free(&r);
    }
    if (rc == CRM_OK)
        rc = crm_entity_show_ids(t, all, nall);
    free(all);
    free(ids);
    return rc;
}

/* ---- agenda ----------------------------------------------------------- */

static int parse_when(struct crm_tool *t, const char *opt, const char *deflt, char out[21])
{
    const char *v = crm_args_get(&t->args, opt);
    if (crm_value_parse_datetime(v ? v : deflt, t->ctx.now, out, &t->err))
        return crm_err_prefix(&t->err, "--%s: ", opt);
    return CRM_OK;
}

/* Who the agenda is for, as SQL conditions over a user name column and an
 * attendees column.  mode: 0 user, 1 department, 2 all. */
struct scope {
    int mode;
    const char *name;
};

static void scope_user(const struct scope *s, struct crm_sql *q, const char *col)
{
    if (s->mode == 0) {
        crm_sql_addf(q, "%s = ", col);
        crm_sql_bind_text(q, s->name);
    } else {
        crm_sql_addf(q, "%s IN (SELECT u.name FROM crm_user u WHERE u.department = ", col);
        crm_sql_bind_text(q, s->name);
        crm_sql_add(q, ")");
    }
}

static void scope_attendee(const struct scope *s, struct crm_sql *q, const char *col)
{
    if (s->mode == 0) {
        crm_sql_addf(q, "instr(%s, ", col);
        crm_sql_bind_text(q, s->name);
        crm_sql_add(q, ") > 0 AND instr(");
        crm_sql_addf(q, "%s, ';' || ", col);
        crm_sql_bind_text(q, s->name);
        crm_sql_add(q, " || ';') > 0");
    } else {
        crm_sql_addf(q, "EXISTS (SELECT 1 FROM crm_user u WHERE u.department = ");
        crm_sql_bind_text(q, s->name);
        crm_sql_addf(q, " AND instr(%s, ';' || u.name || ';') > 0)", col);
    }
}

static int get_scope(struct crm_tool *t, struct scope *sc)
{
    struct scope s = {0, t->ctx.user};
    const char *u = crm_args_get(&t->args, "user"), *d = crm_args_get(&t->args, "department");
    int all = crm_args_has(&t->args, "all");
    if ((u != NULL) + (d != NULL) + all > 1)
        return crm_err_set(&t->err, CRM_USAGE, "give one of --user, --department and --all");
    int rc;
    if (u) {
        s.name = who(t, u);
        if ((rc = check_user_opt(t, "user", s.name)))
            return rc;
    } else if (d) {
        int64_t one;
        int found;
        struct crm_sql q = CRM_SQL_INIT;
        crm_sql_add(&q, "SELECT 1 FROM crm_user WHERE department = ");
        crm_sql_bind_text(&q, d);
        rc = crm_db_scalar_int(t->db, &q, &one, &found, &t->err);
        crm_sql_free(&q);
        if (rc)
            return rc;
        if (!found)
            return crm_err_set(&t->err, CRM_DATAERR, "--department: no user is in department '%s'", d);
        s.mode = 1;
        s.name = d;
    } else if (all) {
        s.mode = 2;
    }
    *sc = s;
    return CRM_OK;
}

static const struct crm_col agenda_cols[] = {
    {"start", CRM_COL_TEXT},   {"end", CRM_COL_TEXT},     {"type", CRM_COL_TEXT},
    {"id", CRM_COL_NUMBER},    {"title", CRM_COL_TEXT},   {"user", CRM_COL_TEXT},
    {"status", CRM_COL_TEXT},  {"priority", CRM_COL_TEXT}, {"contact", CRM_COL_TEXT},
    {"account", CRM_COL_TEXT}, {"place", CRM_COL_TEXT},
};
#define NAGENDA (sizeof agenda_cols / sizeof agenda_cols[0])

static int verb_agenda(struct crm_tool *t)
{
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "agenda takes no arguments (use --user, --department or --all)");
    struct scope s;
    int rc;
    if ((rc = get_scope(t, &s)))
        return rc;
    char from[21], to[21];
    if ((rc = parse_when(t, "from", "today", from)) || (rc = parse_when(t, "to", "+7d", to)))
        return rc;
    if (strcmp(from, to) > 0)
        return crm_err_set(&t->err, CRM_USAGE, "--from %s is after --to %s", from, to);
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q,
                "SELECT * FROM (SELECT t.due AS at, NULL AS ends, 'task' AS type, t.id, t.title, "
                "t.assignee, t.status, t.priority, "
                "(SELECT trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) FROM contact c WHERE c.id = t.contact_id), "
                "(SELECT a.name FROM account a WHERE a.id = t.account_id), NULL "
                "FROM task t WHERE t.status = 'open' AND t.due >= ");
    crm_sql_bind_text(&q, from);
    crm_sql_add(&q, " AND t.due < ");
    crm_sql_bind_text(&q, to);
    if (s.mode != 2) {
        crm_sql_add(&q, " AND ");
        scope_user(&s, &q, "t.assignee");
    }
    crm_sql_add(&q,
                " UNION ALL SELECT m.occurred_at, m.ends_at, 'meeting', m.id, m.subject, m.owner, NULL, NULL, "
                "(SELECT trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) FROM contact c WHERE c.id = m.contact_id), "
                "(SELECT a.name FROM account a WHERE a.id = m.account_id), m.place "
                "FROM activity m WHERE m.kind = 'meeting' AND m.occurred_at >= ");
    crm_sql_bind_text(&q, from);
    crm_sql_add(&q, " AND m.occurred_at < ");
    crm_sql_bind_text(&q, to);
    if (s.mode != 2) {
        crm_sql_add(&q, " AND (");
        scope_user(&s, &q, "m.owner");
        crm_sql_add(&q, " OR ");
        scope_attendee(&s, &q, "m.attendees");
        crm_sql_add(&q, ")");
    }
    crm_sql_add(&q, ") ORDER BY 1, 3 DESC, 4");
    const char *lim = crm_args_get(&t->args, "limit");
    if (lim) {
        char *end;
        long long nl = strtoll(lim, &end, 10);
        if (*end || nl < 0 || end == lim) {
            crm_sql_free(&q);
            return crm_err_set(&t->err, CRM_USAGE, "--limit: expected a whole number, got '%s'", lim);
        }
        crm_sql_add(&q, " LIMIT ");
        crm_sql_bind_int(&q, nl);
    }
    struct crm_stmt *st;
    if ((rc = crm_db_query(t->db, &q, &st, &t->err))) {
        crm_sql_free(&q);
        return rc;
    }
    struct crm_out *o = crm_tool_out(t, agenda_cols, NAGENDA);
    const char *vals[NAGENDA];
    int step;
    while ((step = crm_stmt_step(st, &t->err)) > 0) {
        for (size_t i = 0; i < NAGENDA; i++)
            vals[i] = crm_stmt_text(st, (int)i);
        if ((rc = crm_out_row(o, vals, &t->err)))
            break;
    }
    crm_stmt_done(st);
    crm_sql_free(&q);
    if (step < 0)
        rc = -step;
    if (rc) {
        crm_out_free(o);
        return rc;
    }
    return crm_out_end(o, &t->err);
}

/* ---- due: reminders for cron ------------------------------------------ */

static int verb_due(struct crm_tool *t)
{
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "due takes no arguments");
    const char *w = crm_args_get(&t->args, "within");
    int64_t within = 0;
    if (w && crm_value_parse_duration(w, &within, &t->err))
        return crm_err_prefix(&t->err, "--within: ");
    char limit[21], now[21];
    crm_value_epoch_datetime(t->ctx.now + within, limit);
    now_text(t, now);
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "SELECT t.id, coalesce(t.remind_at, t.due) AS at, t.due, t.assignee, t.title, "
                    "t.priority FROM task t WHERE t.status = 'open' AND t.reminded_at IS NULL AND "
                    "coalesce(t.remind_at, t.due) <= ");
    crm_sql_bind_text(&q, limit);
    const char *u = who(t, crm_args_get(&t->args, "user"));
    int rc;
    if (u) {
        if ((rc = check_user_opt(t, "user", u))) {
            crm_sql_free(&q);
            return rc;
        }
        crm_sql_add(&q, " AND t.assignee = ");
        crm_sql_bind_text(&q, u);
    }
    crm_sql_add(&q, " ORDER BY 2, 1");
    struct crm_stmt *st;
    if ((rc = crm_db_query(t->db, &q, &st, &t->err))) {
        crm_sql_free(&q);
        return rc;
    }
    int64_t *ids = NULL;
    size_t n = 0;
    int step;
    int plain = !crm_args_has(&t->args, "format");
    static const struct crm_col cols[] = {{"id", CRM_COL_NUMBER}, {"remind_at", CRM_COL_TEXT},
                                          {"due", CRM_COL_TEXT},  {"assignee", CRM_COL_TEXT},
                                          {"title", CRM_COL_TEXT}, {"priority", CRM_COL_TEXT}};
    struct crm_out *o = plain ? NULL : crm_tool_out(t, cols, 6);
    while ((step = crm_stmt_step(st, &t->err)) > 0) {
        ids = crm_xrealloc(ids, (n + 1) * sizeof *ids);
        ids[n++] = crm_stmt_int(st, 0);
        const char *v[6];
        for (int i = 0; i < 6; i++)
            v[i] = crm_stmt_text(st, i);
        if (plain) {
            /* One line each, for mail(1): when, who, what. */
            printf("%s task %s for %s: %s%s%s%s\n", v[1], v[0], v[3] ? v[3] : "-", v[4],
                   v[2] ? " (due " : "", v[2] ? v[2] : "", v[2] ? ")" : "");
        } else if ((rc = crm_out_row(o, v, &t->err))) {
            break;
        }
    }
    crm_stmt_done(st);
    crm_sql_free(&q);
    if (step < 0)
        rc = -step;
    if (o && rc == CRM_OK)
        rc = crm_out_end(o, &t->err);
    else if (o)
        crm_out_free(o);
    /* Never the same reminder twice: a changed remind_at or due clears it. */
    for (size_t i = 0; i < n && rc == CRM_OK; i++) {
        struct crm_sql u2 = CRM_SQL_INIT;
        crm_sql_add(&u2, "UPDATE task SET reminded_at = ");
        crm_sql_bind_text(&u2, now);
        crm_sql_add(&u2, " WHERE id = ");
        crm_sql_bind_int(&u2, ids[i]);
        rc = crm_db_exec(t->db, &u2, &t->err);
        crm_sql_free(&u2);
    }
    free(ids);
    return rc;
}


/* ---- export -f ics ----------------------------------------------------- */

static const struct crm_ent *related_view(const char *entity, void *arg)
{
    return crm_tool_related(arg, entity);
}

static const char *col(struct crm_stmt *st, int i)
{
    const char *s = crm_stmt_text(st, i);
    return s && *s ? s : NULL;
}

static void ics_tags(struct crm_buf *out, const char *tags)
{
    /* ";a;b;" -> CATEGORIES:a,b (each escaped as TEXT) */
    if (!tags)
        return;
    struct crm_buf v = CRM_BUF_INIT;
    for (const char *p = tags; *p; p++) {
        if (*p == ';') {
            if (v.len && p[1])
                crm_buf_putc(&v, ',');
            continue;
        }
        if (*p == ',' || *p == '\\')
            crm_buf_putc(&v, '\\');
        crm_buf_putc(&v, *p);
    }
    if (v.len)
        crm_ics_raw(out, "CATEGORIES", crm_buf_str(&v));
    crm_buf_free(&v);
}

static void ics_stamps(struct crm_buf *out, struct crm_tool *t, const char *created,
                       const char *updated)
{
    char now[21];
    now_text(t, now);
    crm_ics_time(out, "DTSTAMP", now);
    if (created)
        crm_ics_time(out, "CREATED", created);
    if (updated)
        crm_ics_time(out, "LAST-MODIFIED", updated);
}

static void ics_uid(struct crm_buf *out, const char *kind, const char *id, const char *created)
{
    /* Stable: the same record gives the same UID in every export. */
    struct crm_buf u = CRM_BUF_INIT;
    crm_buf_printf(&u, "crm-%s-%s-", kind, id);
    for (const char *p = created ? created : ""; *p; p++)
        if (*p != '-' && *p != ':')
            crm_buf_putc(&u, *p);
    crm_buf_puts(&u, "@crm");
    crm_ics_text(out, "UID", crm_buf_str(&u));
    crm_buf_free(&u);
}

static int ics_tasks(struct crm_tool *t, const struct scope *s, struct crm_buf *out)
{
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "SELECT id, title, notes, due, remind_at, status, priority, completed_at, "
                    "recurrence, tags, created_at, updated_at, assignee, "
                    "(SELECT trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) "
                    "FROM contact c WHERE c.id = task.contact_id), "
                    "(SELECT a.name FROM account a WHERE a.id = task.account_id), occurrence FROM task WHERE 1");
    const char *const *w;
    size_t nw = crm_args_all(&t->args, "where", &w);
    struct crm_where_env env = {&t->ent, &t->ctx, related_view, t};
    int rc;
    for (size_t i = 0; i < nw; i++) {
        crm_sql_add(&q, " AND (");
        if ((rc = crm_where_compile(w[i], &env, &q, &t->err))) {
            crm_sql_free(&q);
            return rc;
        }
        crm_sql_add(&q, ")");
    }
    if (s->mode != 2) {
        crm_sql_add(&q, " AND ");
        scope_user(s, &q, "task.assignee");
    }
    crm_sql_add(&q, " ORDER BY id");
    struct crm_stmt *st;
    if ((rc = crm_db_query(t->db, &q, &st, &t->err))) {
        crm_sql_free(&q);
        return rc;
    }
    int step;
    while ((step = crm_stmt_step(st, &t->err)) > 0) {
        const char *id = col(st, 0), *status = col(st, 5), *prio = col(st, 6);
        crm_buf_puts(out, "BEGIN:VTODO\r\n");
        ics_uid(out, "task", id, col(st, 10));
        ics_stamps(out, t, col(st, 10), col(st, 11));
        crm_ics_text(out, "SUMMARY", col(st, 1) ? col(st, 1) : "");
        struct crm_buf d = CRM_BUF_INIT;
        if (col(st, 2))
            crm_buf_puts(&d, col(st, 2));
        if (col(st, 13))
            crm_buf_printf(&d, "%sContact: %s", d.len ? "\n" : "", col(st, 13));
        if (col(st, 14))
            crm_buf_printf(&d, "%sAccount: %s", d.len ? "\n" : "", col(st, 14));
        if (col(st, 12))
            crm_buf_printf(&d, "%sAssignee: %s", d.len ? "\n" : "", col(st, 12));
        if (d.len)
            crm_ics_text(out, "DESCRIPTION", crm_buf_str(&d));
        crm_buf_free(&d);
        if (col(st, 3))
            crm_ics_time(out, "DUE", col(st, 3));
        crm_ics_raw(out, "STATUS",
                    !status || strcmp(status, "open") == 0 ? "NEEDS-ACTION"
                    : strcmp(status, "done") == 0          ? "COMPLETED"
                                                           : "CANCELLED");
        if (col(st, 7))
            crm_ics_time(out, "COMPLETED", col(st, 7));
        if (prio)
            crm_ics_raw(out, "PRIORITY", strcmp(prio, "urgent") == 0 ? "1"
                                         : strcmp(prio, "high") == 0 ? "3"
                                         : strcmp(prio, "low") == 0  ? "9"
                                                                     : "5");
        struct crm_rrule rr;
        if (col(st, 8) && col(st, 3) && status && strcmp(status, "open") == 0 &&
            crm_rrule_parse(col(st, 8), &rr, &t->err) == CRM_OK) {
            /* Only the open occurrence carries the rule (done ones are history), with
             * the occurrences that are left. */
            struct crm_buf r = CRM_BUF_INIT;
            if (rr.count && !crm_stmt_is_null(st, 15))
                rr.count -= (int)crm_stmt_int(st, 15) - 1;
            if (rr.count >= 0) {
                crm_rrule_format(&rr, &r);
                crm_ics_raw(out, "RRULE", crm_buf_str(&r));
            }
            crm_buf_free(&r);
        }
        ics_tags(out, col(st, 9));
        if (col(st, 4)) {
            crm_buf_puts(out, "BEGIN:VALARM\r\nACTION:DISPLAY\r\n");
            crm_ics_text(out, "DESCRIPTION", col(st, 1) ? col(st, 1) : "Reminder");
            struct crm_buf tr = CRM_BUF_INIT;
            crm_ics_time(&tr, "TRIGGER;VALUE=DATE-TIME", col(st, 4));
            crm_buf_puts(out, crm_buf_str(&tr));
            crm_buf_free(&tr);
            crm_buf_puts(out, "END:VALARM\r\n");
        }
        crm_buf_puts(out, "END:VTODO\r\n");
    }
    crm_stmt_done(st);
    crm_sql_free(&q);
    return step < 0 ? -step : CRM_OK;
}

static int ics_meetings(struct crm_tool *t, const struct scope *s, struct crm_buf *out)
{
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "SELECT m.id, m.subject, m.body, m.occurred_at, m.ends_at, m.place, m.duration, "
                    "m.attendees, m.created_at, m.updated_at, m.owner FROM activity m "
                    "WHERE m.kind = 'meeting'");
    static const char *const bounds[] = {"from", "to", NULL};
    int rc;
    for (size_t i = 0; bounds[i]; i++) {
        const char *v = crm_args_get(&t->args, bounds[i]);
        char when[21];
        if (!v)
            continue;
        if (crm_value_parse_datetime(v, t->ctx.now, when, &t->err)) {
            crm_sql_free(&q);
            return crm_err_prefix(&t->err, "--%s: ", bounds[i]);
        }
        crm_sql_add(&q, i == 0 ? " AND m.occurred_at >= " : " AND m.occurred_at < ");
        crm_sql_bind_text(&q, when);
    }
    if (s->mode != 2) {
        crm_sql_add(&q, " AND (");
        scope_user(s, &q, "m.owner");
        crm_sql_add(&q, " OR ");
        scope_attendee(s, &q, "m.attendees");
        crm_sql_add(&q, ")");
    }
    crm_sql_add(&q, " ORDER BY m.id");
    struct crm_stmt *st;
    if ((rc = crm_db_query(t->db, &q, &st, &t->err))) {
        crm_sql_free(&q);
        return rc;
    }
    int step;
    while ((step = crm_stmt_step(st, &t->err)) > 0) {
        crm_buf_puts(out, "BEGIN:VEVENT\r\n");
        ics_uid(out, "meeting", col(st, 0), col(st, 8));
        ics_stamps(out, t, col(st, 8), col(st, 9));
        crm_ics_text(out, "SUMMARY", col(st, 1) ? col(st, 1) : "Meeting");
        if (col(st, 2))
            crm_ics_text(out, "DESCRIPTION", col(st, 2));
        crm_ics_time(out, "DTSTART", col(st, 3));
        if (col(st, 4)) {
            crm_ics_time(out, "DTEND", col(st, 4));
        } else if (col(st, 6)) {
            char dur[32];
            snprintf(dur, sizeof dur, "PT%sM", col(st, 6));
            crm_ics_raw(out, "DURATION", dur);
        }
        if (col(st, 5))
            crm_ics_text(out, "LOCATION", col(st, 5));
        if (col(st, 10))
            crm_ics_text(out, "X-CRM-OWNER", col(st, 10));
        if (col(st, 7)) {
            struct crm_buf a = CRM_BUF_INIT;
            for (const char *p = col(st, 7); *p; p++) {
                if (*p == ';') {
                    if (a.len && p[1])
                        crm_buf_puts(&a, ", ");
                } else {
                    crm_buf_putc(&a, *p);
                }
            }
            if (a.len)
                crm_ics_text(out, "X-CRM-ATTENDEES", crm_buf_str(&a));
            crm_buf_free(&a);
        }
        crm_buf_puts(out, "END:VEVENT\r\n");
    }
    crm_stmt_done(st);
    crm_sql_free(&q);
    return step < 0 ? -step : CRM_OK;
}

int crm_task_export_ics(struct crm_tool *t)
{
    struct scope s = {2, NULL};
    int rc;
    if ((crm_args_has(&t->args, "user") || crm_args_has(&t->args, "department") ||
         crm_args_has(&t->args, "all")) &&
        (rc = get_scope(t, &s)))
        return rc;
    struct crm_buf out = CRM_BUF_INIT;
    crm_buf_puts(&out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    crm_ics_text(&out, "PRODID", "-//crm//crm-task " CRM_VERSION "//EN");
    crm_buf_puts(&out, "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    if ((rc = ics_tasks(t, &s, &out)) == CRM_OK && (rc = ics_meetings(t, &s, &out)) == CRM_OK) {
        crm_buf_puts(&out, "END:VCALENDAR\r\n");
        if (fwrite(crm_buf_str(&out), 1, out.len, stdout) != out.len)
            rc = crm_err_set(&t->err, CRM_IOERR, "write error on stdout");
    }
    crm_buf_free(&out);
    return rc;
}

static int verb_export(struct crm_tool *t)
{
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "export takes no arguments (use --where)");
    if (t->docfmt)
        return crm_task_export_ics(t);
    return crm_entity_print(t, NULL, 2);
}

/* add: FIELD=VALUE arguments plus the options --assignee, --due and the
 * link options (--contact, --account, --deal, ..., --related). */
static int verb_add(struct crm_tool *t)
{
    struct crm_rec r;
    int64_t id;
    int rc = CRM_OK;
    crm_rec_init(&r, t->ent.nfields);
    for (size_t i = 0; i < t->npos && rc == CRM_OK; i++)
        rc = crm_rec_assign(t, &r, NULL, t->pos[i]);
    static const char *const direct[] = {"assignee", "due", "title", NULL};
    for (size_t i = 0; direct[i] && rc == CRM_OK; i++) {
        const char *v = crm_args_get(&t->args, direct[i]);
        if (v)
            rc = crm_rec_set(t, &r, crm_ent_field(&t->ent, direct[i]), who(t, v), NULL);
    }
    if (rc == CRM_OK)
        rc = crm_link_from_opts(t, &r);
    if (rc == CRM_OK)
        rc = crm_rec_insert(t, &r, &id);
    crm_rec_free(&r);
    if (rc == CRM_OK)
        rc = crm_entity_show_ids(t, &id, 1);
    return rc;
}

static const char *const list_opts[] = {"overdue", "delegated-by", "assignee", "open", "contact",
                                        "account", "deal", "ticket", "campaign", "related",
                                        "safe-csv", "segment", NULL};
static const char *const add_opts[] = {"assignee", "due", "title", "contact", "account", "deal",
                                       "ticket", "campaign", "related", "safe-csv", NULL};
static const char *const done_opts[] = {"spent", "safe-csv", NULL};
static const char *const agenda_opts[] = {"user", "department", "all", "from", "to", "safe-csv", NULL};
static const char *const due_opts[] = {"within", "user", NULL};
static const char *const export_opts[] = {"user", "department", "all", "from", "to", "safe-csv",
                                          "format=ics", "segment", NULL};

const struct crm_opt crm_task_opts[] = {
    {"overdue", 0, CRM_OPT_FLAG, NULL, NULL, "list: open tasks past their due time"},
    {"delegated-by", 0, CRM_OPT_ARG, "USER", NULL, "list: tasks USER (or me) gave to someone else"},
    {"assignee", 0, CRM_OPT_ARG, "USER", NULL, "add: who does it; list: tasks of USER (or me)"},
    {"due", 0, CRM_OPT_ARG, "WHEN", NULL, "add: when it is due"},
    {"title", 0, CRM_OPT_ARG, "TEXT", NULL, "add: what to do"},
    {"open", 0, CRM_OPT_FLAG, NULL, NULL, "list: open tasks only"},
    {"contact", 0, CRM_OPT_ARG, "ID|EMAIL", NULL, "add, list: the contact"},
    {"account", 0, CRM_OPT_ARG, "ID|NAME", NULL, "add, list: the account (list: or its contacts)"},
    {"deal", 0, CRM_OPT_ARG, "ID", NULL, "add, list: the related deal"},
    {"ticket", 0, CRM_OPT_ARG, "ID", NULL, "add, list: the related ticket"},
    {"campaign", 0, CRM_OPT_ARG, "ID", NULL, "add, list: the related campaign"},
    {"related", 0, CRM_OPT_ARG, "ENTITY:ID", NULL, "add, list: any related record (deal:42)"},
    {"spent", 0, CRM_OPT_ARG, "DUR", NULL, "done: time spent (30m, 2h, or minutes), added to spent"},
    {"user", 0, CRM_OPT_ARG, "USER", NULL, "agenda, due: of this user (or me); default: you"},
    {"department", 0, CRM_OPT_ARG, "DEPT", NULL, "agenda: of the users of a department"},
    {"all", 0, CRM_OPT_FLAG, NULL, NULL, "agenda: of everyone"},
    {"from", 0, CRM_OPT_ARG, "WHEN", NULL, "agenda: from (default today)"},
    {"to", 0, CRM_OPT_ARG, "WHEN", NULL, "agenda: until, excluded (default +7d)"},
    {"within", 0, CRM_OPT_ARG, "DUR", NULL, "due: reminders due within DUR from now (15m)"},
    {NULL, 0, 0, NULL, NULL, NULL},
};

const struct crm_verb crm_task_verbs[] = {
    {"add", "[FIELD=VALUE...]", "create a task (--assignee, --due, --contact, ...); prints it",
     add_opts, verb_add, CRM_DB_WRITE, 0},
    {"list", "", "tasks that match --where, --overdue, --delegated-by, ...", list_opts, verb_list,
     CRM_DB_READ, 0},
    {"done", "ID...|-", "record that tasks are done; a recurring task makes its next one", done_opts,
     verb_done, CRM_DB_WRITE, 0},
    {"agenda", "", "tasks and meetings of a person, a department or everyone, in time order",
     agenda_opts, verb_agenda, CRM_DB_READ, 0},
    {"due", "", "reminders to send now, one line each, each only once (for cron)", due_opts,
     verb_due, CRM_DB_WRITE, 0},
    {"export", "", "every field of every matching task; -f ics: tasks and meetings as iCalendar",
     export_opts, verb_export, CRM_DB_READ, 0},
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};
