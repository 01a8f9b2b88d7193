/*
 * sla.c - the SLA of tickets: the business calendar and the policies in the
 * database, the targets of a ticket, and the verbs sla (tickets by their
 * remaining time), escalate (for cron), calendar and policy.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "bizcal.h"
#include "entity.h"
#include "service.h"
#include "value.h"
#include "where.h"

int crm_sla_calendar(struct crm_tool *t, struct crm_bizcal *cal)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT weekday, start_min, end_min FROM work_hours");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    while ((rc = crm_stmt_step(st, &t->err)) > 0)
        crm_bizcal_add_interval(cal, (int)crm_stmt_int(st, 0), (int)crm_stmt_int(st, 1),
                                (int)crm_stmt_int(st, 2));
    if (rc < 0)
        return -rc;
    crm_sql_add(&q, "SELECT date FROM holiday");
    rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    while ((rc = crm_stmt_step(st, &t->err)) > 0)
        crm_bizcal_add_holiday(cal, crm_stmt_text(st, 0));
    return rc < 0 ? -rc : CRM_OK;
}

/* The policy for (level, priority): *found = 0 when there is none. */
static int policy_of(struct crm_tool *t, const char *level, const char *priority, int64_t *resp,
                     int64_t *resol, struct crm_buf *escalate_to, int *found)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT response_s, resolution_s, escalate_to FROM sla_policy WHERE priority = ");
    crm_sql_bind_text(&q, priority ? priority : "normal");
    crm_sql_add(&q, " AND level IN ('', ");
    crm_sql_bind_text(&q, level ? level : "");
    crm_sql_add(&q, ") ORDER BY level DESC LIMIT 1");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    *found = 0;
    if ((rc = crm_stmt_step(st, &t->err)) > 0) {
        *found = 1;
        *resp = crm_stmt_int(st, 0);
        *resol = crm_stmt_int(st, 1);
        if (escalate_to && !crm_stmt_is_null(st, 2))
            crm_buf_puts(escalate_to, crm_stmt_text(st, 2));
    }
    crm_stmt_done(st);
    return rc < 0 ? -rc : CRM_OK;
}

static void stamp(int64_t t, char out[21])
{
    if (t == INT64_MAX)
        out[0] = 0; /* never: a calendar without working time */
    else
        crm_value_epoch_datetime(t, out);
}

int crm_sla_due(struct crm_tool *t, const struct crm_bizcal *cal, const char *created_at,
                const char *level, const char *priority, int64_t stopped_s, char due_resp[21],
                char due_resol[21])
{
    int64_t resp, resol, c;
    int found;
    due_resp[0] = due_resol[0] = 0;
    int rc = policy_of(t, level, priority, &resp, &resol, NULL, &found);
    if (rc || !found)
        return rc;
    if (crm_value_datetime_epoch(created_at, &c, &t->err))
        return CRM_DATAERR;
    stamp(crm_bizcal_add(cal, c, resp + stopped_s), due_resp);
    stamp(crm_bizcal_add(cal, c, resol + stopped_s), due_resol);
    return CRM_OK;
}

/* ---- sla ---------------------------------------------------------------- */

struct sla_row {
    int64_t id;
    char *number, *subject, *priority, *status, *assignee, *level;
    const char *target;
    char due[21];
    int64_t remaining;
    int breached;
};

static void sla_row_free(struct sla_row *r)
{
    free(r->number);
    free(r->subject);
    free(r->priority);
    free(r->status);
    free(r->assignee);
    free(r->level);
}

static char *dup_col(struct crm_stmt *st, int i)
{
    const char *s = crm_stmt_text(st, i);
    return s ? crm_xstrdup(s) : NULL;
}

static int cmp_rows(const void *a, const void *b)
{
    const struct sla_row *x = a, *y = b;
    if (x->remaining != y->remaining)
        return x->remaining < y->remaining ? -1 : 1;
    if (x->breached != y->breached) /* breached outside hours first */
        return y->breached - x->breached;
    return x->id < y->id ? -1 : x->id > y->id;
}

static void format_remaining(int64_t s, struct crm_buf *out)
{
    crm_buf_reset(out);
    if (s < 0) {
        crm_buf_putc(out, '-');
        s = -s;
    }
    crm_buf_printf(out, "%" PRId64 "h%02" PRId64 "m", s / 3600, (s % 3600) / 60);
}

static const struct crm_ent *related(const char *entity, void *arg)
{
    return crm_tool_related(arg, entity);
}

struct sla_query {
    int breached, at_risk;   /* which to list; neither: every open ticket */
    int unclaimed;           /* escalate: leave out the breaches escalated before */
    int64_t now, risk_until; /* risk_until: now + the --at-risk time, in business time */
    int64_t risk_s;
};

/* The open tickets that may qualify, each with the target that runs now:
 * the response until the first public reply, then the resolution. */
static int sla_collect(struct crm_tool *t, const struct crm_bizcal *cal, const struct sla_query *sq,
                       int with_where, struct sla_row **rows, size_t *nrows)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    char now[21], until[21];
    crm_value_epoch_datetime(sq->now, now);
    stamp(sq->risk_until, until);
    crm_sql_add(&q, "SELECT id, number, subject, priority, status, assignee, sla_level, "
                    "first_response_at IS NULL, due_response, due_resolution, pending_since "
                    "FROM ticket WHERE status IN ('new', 'open', 'pending', 'reopened')");
    if (sq->breached || sq->at_risk) {
        /* Only those whose target is before the limit, by index; pending
         * ones (their clock stands still) are all looked at. */
        const char *limit = sq->at_risk && until[0] ? until : now;
        crm_sql_add(&q, " AND ((first_response_at IS NULL AND due_response <= ");
        crm_sql_bind_text(&q, limit);
        crm_sql_add(&q, ") OR (first_response_at IS NOT NULL AND resolved_at IS NULL AND "
                        "due_resolution <= ");
        crm_sql_bind_text(&q, limit);
        crm_sql_add(&q, ") OR status = 'pending')");
    }
    if (sq->unclaimed)
        crm_sql_add(&q, " AND NOT EXISTS (SELECT 1 FROM ticket_escalation e WHERE e.ticket_id = "
                        "ticket.id AND e.target = CASE WHEN first_response_at IS NULL THEN "
                        "'response' ELSE 'resolution' END AND e.due = CASE WHEN first_response_at "
                        "IS NULL THEN due_response ELSE due_resolution END)");
    const char *const *w;
    size_t nw = with_where ? crm_args_all(&t->args, "where", &w) : 0;
    struct crm_where_env env = {&t->ent, &t->ctx, related, t};
    int rc = CRM_OK;
    for (size_t i = 0; i < nw && rc == CRM_OK; i++) {
        crm_sql_add(&q, " AND (");
        rc = crm_where_compile(w[i], &env, &q, &t->err);
        crm_sql_add(&q, ")");
    }
    if (rc == CRM_OK)
        rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    size_t cap = 0;
    *rows = NULL;
    *nrows = 0;
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        int responding = (int)crm_stmt_int(st, 7);
        const char *due = crm_stmt_text(st, responding ? 8 : 9);
        const char *pend = crm_stmt_text(st, 10);
        int64_t due_t, from = sq->now;
        if (!due || crm_value_datetime_epoch(due, &due_t, &t->err))
            continue; /* no SLA (no policy, or imported without targets) */
        if (pend && crm_value_datetime_epoch(pend, &from, &t->err))
            from = sq->now;
        int breached = due_t < from;
        int64_t remaining = crm_bizcal_diff(cal, from, due_t);
        if (sq->breached || sq->at_risk) {
            int risky = !breached && remaining <= sq->risk_s;
            if (!((sq->breached && breached) || (sq->at_risk && risky)))
                continue;
        }
        if (*nrows == cap) {
            cap = cap ? cap * 2 : 64;
            *rows = crm_xrealloc(*rows, cap * sizeof **rows);
        }
        struct sla_row *r = &(*rows)[(*nrows)++];
        memset(r, 0, sizeof *r);
        r->id = crm_stmt_int(st, 0);
        r->number = dup_col(st, 1);
        r->subject = dup_col(st, 2);
        r->priority = dup_col(st, 3);
        r->status = dup_col(st, 4);
        r->assignee = dup_col(st, 5);
        r->level = dup_col(st, 6);
        r->target = responding ? "response" : "resolution";
        snprintf(r->due, sizeof r->due, "%s", due);
        r->remaining = remaining;
        r->breached = breached;
    }
    crm_stmt_done(st);
    if (rc < 0) {
        for (size_t i = 0; i < *nrows; i++)
            sla_row_free(&(*rows)[i]);
        free(*rows);
        *rows = NULL;
        *nrows = 0;
        return -rc;
    }
    if (*nrows)
        qsort(*rows, *nrows, sizeof **rows, cmp_rows);
    return CRM_OK;
}

static int sla_query_from_args(struct crm_tool *t, const struct crm_bizcal *cal,
                               struct sla_query *sq)
{
    memset(sq, 0, sizeof *sq);
    sq->now = t->ctx.now;
    sq->breached = crm_args_has(&t->args, "breached");
    const char *risk = crm_args_get(&t->args, "at-risk");
    if (risk) {
        if (crm_value_parse_duration(risk, &sq->risk_s, &t->err) || sq->risk_s < 0)
            return crm_err_set(&t->err, CRM_USAGE,
                               "--at-risk: expected a business time such as 2h or 30m, got '%s'",
                               risk);
        sq->at_risk = 1;
        sq->risk_until = crm_bizcal_add(cal, sq->now, sq->risk_s);
    }
    return CRM_OK;
}

static const struct crm_col sla_cols[] = {
    {"id", CRM_COL_NUMBER},      {"number", CRM_COL_TEXT},   {"subject", CRM_COL_TEXT},
    {"priority", CRM_COL_TEXT},  {"status", CRM_COL_TEXT},   {"assignee", CRM_COL_TEXT},
    {"target", CRM_COL_TEXT},    {"due", CRM_COL_TEXT},      {"remaining", CRM_COL_TEXT},
    {"remaining_s", CRM_COL_NUMBER}, {"state", CRM_COL_TEXT},
};
#define NSLA_COLS (sizeof sla_cols / sizeof sla_cols[0])

int crm_sla_verb_sla(struct crm_tool *t)
{
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "usage: sla [--breached] [--at-risk DURATION]");
    if (crm_args_has(&t->args, "sort") || crm_args_has(&t->args, "fields"))
        return crm_err_set(&t->err, CRM_USAGE,
                           "sla prints fixed columns by remaining time (no --sort or --fields)");
    struct crm_bizcal cal = CRM_BIZCAL_INIT;
    struct sla_query sq;
    struct sla_row *rows = NULL;
    size_t n = 0;
    int rc = crm_sla_calendar(t, &cal);
    if (rc == CRM_OK)
        rc = sla_query_from_args(t, &cal, &sq);
    if (rc == CRM_OK)
        rc = sla_collect(t, &cal, &sq, 1, &rows, &n);
    const char *lim = crm_args_get(&t->args, "limit");
    if (rc == CRM_OK && lim) {
        char *end;
        long long l = strtoll(lim, &end, 10);
        if (*end || end == lim || l < 0)
            rc = crm_err_set(&t->err, CRM_USAGE, "--limit: expected a whole number, got '%s'", lim);
        else if ((size_t)l < n) {
            for (size_t i = (size_t)l; i < n; i++)
                sla_row_free(&rows[i]);
            n = (size_t)l;
        }
    }
    if (rc == CRM_OK) {
        struct crm_out *o = crm_tool_out(t, sla_cols, NSLA_COLS);
        struct crm_buf idb = CRM_BUF_INIT, rem = CRM_BUF_INIT, rems = CRM_BUF_INIT;
        for (size_t i = 0; i < n && rc == CRM_OK; i++) {
            struct sla_row *r = &rows[i];
            crm_buf_reset(&idb);
            crm_buf_printf(&idb, "%" PRId64, r->id);
            format_remaining(r->remaining, &rem);
            crm_buf_reset(&rems);
            crm_buf_printf(&rems, "%" PRId64, r->remaining);
            const char *state = r->breached ? "breached"
                                : (sq.at_risk && r->remaining <= sq.risk_s) ? "at-risk"
                                : strcmp(r->status, "pending") == 0 ? "stopped"
                                                                    : "running";
            const char *vals[] = {crm_buf_str(&idb), r->number,  r->subject,       r->priority,
                                  r->status,         r->assignee, r->target,        r->due,
                                  crm_buf_str(&rem), crm_buf_str(&rems), state};
            rc = crm_out_row(o, vals, &t->err);
        }
        if (rc == CRM_OK)
            rc = crm_out_end(o, &t->err);
        else
            crm_out_free(o);
        crm_buf_free(&idb);
        crm_buf_free(&rem);
        crm_buf_free(&rems);
    }
    for (size_t i = 0; i < n; i++)
        sla_row_free(&rows[i]);
    free(rows);
    crm_bizcal_free(&cal);
    return rc;
}

/* ---- escalate ----------------------------------------------------------- */

static const char *raise_priority(const char *p)
{
    for (size_t i = 0; crm_ticket_priorities[i]; i++)
        if (p && strcmp(crm_ticket_priorities[i], p) == 0)
            return crm_ticket_priorities[i + 1];
    return NULL;
}

/* The assignee's manager (crm_user.manager), into out. */
static int manager_of(struct crm_tool *t, const char *user, struct crm_buf *out)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_buf_reset(out);
    if (!user)
        return CRM_OK;
    crm_sql_add(&q, "SELECT m.name FROM crm_user u JOIN crm_user m ON m.id = u.manager_id "
                    "WHERE m.active AND u.name = ");
    crm_sql_bind_text(&q, user);
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    if ((rc = crm_stmt_step(st, &t->err)) > 0)
        crm_buf_puts(out, crm_stmt_text(st, 0));
    crm_stmt_done(st);
    return rc < 0 ? -rc : CRM_OK;
}

/* Claim the escalation of (ticket, target, due): 1 when it is new, 0 when
 * an earlier run did it already. */
static int claim(struct crm_tool *t, const struct sla_row *r, const char *action,
                 const char *reason, int *fresh)
{
    struct crm_sql q = CRM_SQL_INIT;
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    crm_sql_add(&q, "INSERT INTO ticket_escalation (ticket_id, target, due, at, action, reason) "
                    "VALUES (");
    crm_sql_bind_int(&q, r->id);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, r->target);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, r->due);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, action);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, reason);
    crm_sql_add(&q, ") ON CONFLICT (ticket_id, target, due) DO NOTHING");
    int rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    *fresh = rc == CRM_OK && crm_db_changes(t->db) > 0;
    return rc;
}

static const struct crm_col esc_cols[] = {
    {"id", CRM_COL_NUMBER}, {"number", CRM_COL_TEXT}, {"target", CRM_COL_TEXT},
    {"due", CRM_COL_TEXT},  {"action", CRM_COL_TEXT}, {"reason", CRM_COL_TEXT},
};

/*
 * The rules, for each breached target not escalated before:
 *   1. a priority below urgent is raised one step;
 *   2. the policy of the (new) priority and level may name a user to
 *      escalate to (policy --escalate-to): the ticket is reassigned to them;
 *   3. else an urgent ticket goes to its assignee's manager, if any.
 * Targets are not moved, so a second run finds the same breaches claimed.
 */
static int escalate_one(struct crm_tool *t, const struct sla_row *r, struct crm_out *o, int *done)
{
    struct crm_buf reason = CRM_BUF_INIT, action = CRM_BUF_INIT, to = CRM_BUF_INIT,
                   late = CRM_BUF_INIT;
    const char *higher = raise_priority(r->priority);
    const char *prio = higher ? higher : r->priority;
    int64_t resp, resol;
    int found, fresh, rc;
    format_remaining(-r->remaining, &late);
    crm_buf_printf(&reason, "%s due %s breached (%s business time late)", r->target, r->due,
                   crm_buf_str(&late));
    rc = policy_of(t, r->level, prio, &resp, &resol, &to, &found);
    if (rc == CRM_OK && !to.len && !higher)
        rc = manager_of(t, r->assignee, &to);
    if (rc == CRM_OK && to.len && r->assignee && strcmp(crm_buf_str(&to), r->assignee) == 0)
        crm_buf_reset(&to);
    if (higher)
        crm_buf_printf(&action, "priority %s -> %s", r->priority, higher);
    if (to.len)
        crm_buf_printf(&action, "%sassignee %s -> %s", action.len ? "; " : "",
                       r->assignee ? r->assignee : "(none)", crm_buf_str(&to));
    if (!action.len)
        crm_buf_puts(&action, "none: urgent already, nobody to escalate to");
    if (rc == CRM_OK)
        rc = claim(t, r, crm_buf_str(&action), crm_buf_str(&reason), &fresh);
    if (rc == CRM_OK && fresh) {
        if (higher) {
            const char *names[] = {"priority"}, *vals[] = {higher};
            rc = crm_svc_change(t, r->id, names, vals, 1);
        }
        if (rc == CRM_OK && to.len) {
            struct crm_buf why = CRM_BUF_INIT;
            crm_buf_printf(&why, "escalated: %s", crm_buf_str(&reason));
            rc = crm_ticket_reassign(t, r->id, crm_buf_str(&to), NULL, crm_buf_str(&why));
            crm_buf_free(&why);
        }
        if (rc == CRM_OK) {
            struct crm_buf note = CRM_BUF_INIT;
            crm_buf_printf(&note, "escalated (%s): %s", crm_buf_str(&action), crm_buf_str(&reason));
            rc = crm_ticket_comment(t, r->id, "crm-ticket escalate", "internal", "escalate",
                                    crm_buf_str(&note));
            crm_buf_free(&note);
        }
        if (rc == CRM_OK) {
            char id[24];
            snprintf(id, sizeof id, "%" PRId64, r->id);
            const char *vals[] = {id, r->number, r->target, r->due, crm_buf_str(&action),
                                  crm_buf_str(&reason)};
            rc = crm_out_row(o, vals, &t->err);
            (*done)++;
        }
    }
    crm_buf_free(&reason);
    crm_buf_free(&action);
    crm_buf_free(&to);
    crm_buf_free(&late);
    return rc;
}

int crm_sla_verb_escalate(struct crm_tool *t)
{
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "escalate takes no arguments (use --where)");
    struct crm_bizcal cal = CRM_BIZCAL_INIT;
    struct sla_query sq;
    struct sla_row *rows = NULL;
    size_t n = 0;
    int done = 0;
    int rc = crm_sla_calendar(t, &cal);
    memset(&sq, 0, sizeof sq);
    sq.now = t->ctx.now;
    sq.breached = 1;
    sq.unclaimed = 1;
    if (rc == CRM_OK)
        rc = sla_collect(t, &cal, &sq, 1, &rows, &n);
    if (rc == CRM_OK) {
        struct crm_out *o = crm_tool_out(t, esc_cols, sizeof esc_cols / sizeof esc_cols[0]);
        for (size_t i = 0; i < n && rc == CRM_OK; i++)
            rc = escalate_one(t, &rows[i], o, &done);
        if (rc == CRM_OK)
            rc = crm_out_end(o, &t->err);
        else
            crm_out_free(o);
    }
    if (rc == CRM_OK)
        crm_tool_note(t, "%d ticket%s escalated", done, done == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++)
        sla_row_free(&rows[i]);
    free(rows);
    crm_bizcal_free(&cal);
    return rc;
}

/* ---- calendar ----------------------------------------------------------- */

static const char *const day_names[] = {"", "mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static int day_number(const char *s, size_t len)
{
    for (int d = 1; d <= 7; d++)
        if (len == 3 && strncmp(s, day_names[d], 3) == 0)
            return d;
    return 0;
}

/* "mon-fri", "sat", "mon,wed" -> a bit set of ISO weekdays. */
static int parse_days(const char *s, unsigned *set)
{
    *set = 0;
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        const char *dash = memchr(s, '-', len);
        int a = day_number(s, dash ? (size_t)(dash - s) : len);
        int b = dash ? day_number(dash + 1, len - (size_t)(dash - s) - 1) : a;
        if (!a || !b || b < a)
            return -1;
        for (int d = a; d <= b; d++)
            *set |= 1u << d;
        s += len + (comma ? 1 : 0);
    }
    return *set ? 0 : -1;
}

/* "09:00-17:00" -> minutes. */
static int parse_range(const char *s, int *from, int *to)
{
    int h1, m1, h2, m2;
    char tail;
    if (sscanf(s, "%d:%d-%d:%d%c", &h1, &m1, &h2, &m2, &tail) != 4 || h1 < 0 || h1 > 24 ||
        m1 < 0 || m1 > 59 || h2 < 0 || h2 > 24 || m2 < 0 || m2 > 59)
        return -1;
    *from = h1 * 60 + m1;
    *to = h2 * 60 + m2;
    return *to > *from && *to <= 1440 ? 0 : -1;
}

static int exec1(struct crm_tool *t, struct crm_sql *q)
{
    int rc = crm_db_exec(t->db, q, &t->err);
    crm_sql_free(q);
    return rc;
}

static int calendar_hours(struct crm_tool *t)
{
    unsigned days;
    if (t->npos < 3 || parse_days(t->pos[1], &days))
        return crm_err_set(&t->err, CRM_USAGE,
                           "usage: calendar hours DAYS HH:MM-HH:MM...|closed (DAYS: mon-fri, sat, "
                           "mon,wed)");
    int from[16], to[16];
    size_t n = 0;
    int closed = t->npos == 3 && strcmp(t->pos[2], "closed") == 0;
    for (size_t i = 2; !closed && i < t->npos; i++) {
        if (n == 16 || parse_range(t->pos[i], &from[n], &to[n]))
            return crm_err_set(&t->err, CRM_DATAERR,
                               "calendar hours: '%s' is not a range such as 09:00-17:00",
                               t->pos[i]);
        for (size_t k = 0; k < n; k++)
            if (from[n] < to[k] && from[k] < to[n])
                return crm_err_set(&t->err, CRM_DATAERR, "calendar hours: '%s' overlaps another range",
                                   t->pos[i]);
        n++;
    }
    int rc = CRM_OK;
    for (int d = 1; d <= 7 && rc == CRM_OK; d++) {
        if (!(days & (1u << d)))
            continue;
        struct crm_sql q = CRM_SQL_INIT;
        crm_sql_add(&q, "DELETE FROM work_hours WHERE weekday = ");
        crm_sql_bind_int(&q, d);
        rc = exec1(t, &q);
        for (size_t k = 0; k < n && rc == CRM_OK; k++) {
            crm_sql_add(&q, "INSERT INTO work_hours (weekday, start_min, end_min) VALUES (");
            crm_sql_bind_int(&q, d);
            crm_sql_add(&q, ", ");
            crm_sql_bind_int(&q, from[k]);
            crm_sql_add(&q, ", ");
            crm_sql_bind_int(&q, to[k]);
            crm_sql_add(&q, ")");
            rc = exec1(t, &q);
        }
    }
    return rc;
}

static int calendar_holiday(struct crm_tool *t, int add)
{
    char date[11];
    if (t->npos < 2 || t->npos > (add ? 3u : 2u))
        return crm_err_set(&t->err, CRM_USAGE, add ? "usage: calendar holiday DATE [NAME]"
                                                   : "usage: calendar workday DATE");
    if (crm_value_parse_date(t->pos[1], t->ctx.now, date, &t->err))
        return crm_err_prefix(&t->err, "calendar: ");
    struct crm_sql q = CRM_SQL_INIT;
    if (add) {
        crm_sql_add(&q, "INSERT INTO holiday (date, name) VALUES (");
        crm_sql_bind_text(&q, date);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, t->npos == 3 ? t->pos[2] : NULL);
        crm_sql_add(&q, ") ON CONFLICT (date) DO UPDATE SET name = excluded.name");
    } else {
        crm_sql_add(&q, "DELETE FROM holiday WHERE date = ");
        crm_sql_bind_text(&q, date);
    }
    return exec1(t, &q);
}

static const struct crm_col cal_cols[] = {
    {"kind", CRM_COL_TEXT}, {"day", CRM_COL_TEXT}, {"from", CRM_COL_TEXT},
    {"to", CRM_COL_TEXT},   {"name", CRM_COL_TEXT},
};

static int calendar_print(struct crm_tool *t)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT 'hours', weekday, start_min, end_min, NULL, '' FROM work_hours "
                    "UNION ALL SELECT 'holiday', 0, 0, 0, name, date FROM holiday "
                    "ORDER BY 1 DESC, 6, 2, 3");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    struct crm_out *o = crm_tool_out(t, cal_cols, 5);
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        char from[24] = "", to[24] = "";
        const char *kind = crm_stmt_text(st, 0), *day;
        if (strcmp(kind, "hours") == 0) {
            int d = (int)crm_stmt_int(st, 1), a = (int)crm_stmt_int(st, 2),
                b = (int)crm_stmt_int(st, 3);
            day = d >= 1 && d <= 7 ? day_names[d] : "?";
            snprintf(from, sizeof from, "%02d:%02d", a / 60, a % 60);
            snprintf(to, sizeof to, "%02d:%02d", b / 60, b % 60);
        } else {
            day = crm_stmt_text(st, 5);
        }
        const char *vals[] = {kind, day, from[0] ? from : NULL, to[0] ? to : NULL,
                              crm_stmt_text(st, 4)};
        if ((rc = crm_out_row(o, vals, &t->err))) {
            rc = -rc;
            break;
        }
    }
    crm_stmt_done(st);
    if (rc < 0) {
        crm_out_free(o);
        return -rc;
    }
    return crm_out_end(o, &t->err);
}

int crm_sla_verb_calendar(struct crm_tool *t)
{
    if (t->npos == 0)
        return calendar_print(t);
    int rc;
    if (strcmp(t->pos[0], "hours") == 0)
        rc = calendar_hours(t);
    else if (strcmp(t->pos[0], "holiday") == 0)
        rc = calendar_holiday(t, 1);
    else if (strcmp(t->pos[0], "workday") == 0)
        rc = calendar_holiday(t, 0);
    else
        return crm_err_set(&t->err, CRM_USAGE,
                           "calendar: unknown '%s' (hours, holiday or workday)", t->pos[0]);
    if (rc == CRM_OK)
        crm_tool_note(t, "calendar changed; it counts for tickets created or re-prioritised from now");
    return rc;
}

/* ---- policy ------------------------------------------------------------- */

static const struct crm_col pol_cols[] = {
    {"level", CRM_COL_TEXT},      {"priority", CRM_COL_TEXT},      {"response", CRM_COL_TEXT},
    {"resolution", CRM_COL_TEXT}, {"response_s", CRM_COL_NUMBER}, {"resolution_s", CRM_COL_NUMBER},
    {"escalate_to", CRM_COL_TEXT},
};

static int policy_print(struct crm_tool *t)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT level, priority, response_s, resolution_s, escalate_to FROM sla_policy "
                    "ORDER BY level, CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 "
                    "WHEN 'normal' THEN 2 ELSE 3 END");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    struct crm_out *o = crm_tool_out(t, pol_cols, 7);
    struct crm_buf a = CRM_BUF_INIT, b = CRM_BUF_INIT;
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        char as[24], bs[24];
        format_remaining(crm_stmt_int(st, 2), &a);
        format_remaining(crm_stmt_int(st, 3), &b);
        snprintf(as, sizeof as, "%" PRId64, crm_stmt_int(st, 2));
        snprintf(bs, sizeof bs, "%" PRId64, crm_stmt_int(st, 3));
        const char *level = crm_stmt_text(st, 0);
        const char *vals[] = {level && *level ? level : NULL, crm_stmt_text(st, 1), crm_buf_str(&a),
                              crm_buf_str(&b), as, bs, crm_stmt_text(st, 4)};
        if ((rc = crm_out_row(o, vals, &t->err))) {
            rc = -rc;
            break;
        }
    }
    crm_stmt_done(st);
    crm_buf_free(&a);
    crm_buf_free(&b);
    if (rc < 0) {
        crm_out_free(o);
        return -rc;
    }
    return crm_out_end(o, &t->err);
}

static int in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

int crm_sla_verb_policy(struct crm_tool *t)
{
    if (t->npos == 0)
        return policy_print(t);
    if (t->npos != 3)
        return crm_err_set(&t->err, CRM_USAGE,
                           "usage: policy [PRIORITY RESPONSE RESOLUTION] [--level L] "
                           "[--escalate-to USER]");
    if (!in_list(crm_ticket_priorities, t->pos[0]))
        return crm_err_set(&t->err, CRM_DATAERR,
                           "policy: priority '%s' is not one of low, normal, high, urgent",
                           t->pos[0]);
    int64_t resp, resol;
    if (crm_value_parse_duration(t->pos[1], &resp, &t->err) || resp <= 0 ||
        crm_value_parse_duration(t->pos[2], &resol, &t->err) || resol <= 0)
        return crm_err_set(&t->err, CRM_DATAERR,
                           "policy: response and resolution are business times such as 4h or 30m");
    if (resol < resp)
        return crm_err_set(&t->err, CRM_DATAERR, "policy: resolution %s is shorter than response %s",
                           t->pos[2], t->pos[1]);
    const char *level = crm_args_get(&t->args, "level");
    const struct crm_ent *ce = crm_tool_related(t, "contract");
    const struct crm_field *lf = ce ? crm_ent_field(ce, "level") : NULL;
    if (level && lf && !in_list(lf->values, level))
        return crm_err_set(&t->err, CRM_DATAERR,
                           "policy: level '%s' is not a contract level (basic, standard, premium)",
                           level);
    const char *to = crm_args_get(&t->args, "escalate-to");
    if (to && *to) {
        struct crm_sql q = CRM_SQL_INIT;
        int64_t v;
        int found;
        crm_sql_add(&q, "SELECT id FROM crm_user WHERE name = ");
        crm_sql_bind_text(&q, to);
        int rc = crm_db_scalar_int(t->db, &q, &v, &found, &t->err);
        crm_sql_free(&q);
        if (rc)
            return rc;
        if (!found)
            return crm_err_set(&t->err, CRM_DATAERR, "--escalate-to: no user '%s'", to);
    }
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "INSERT INTO sla_policy (level, priority, response_s, resolution_s, "
                    "escalate_to) VALUES (");
    crm_sql_bind_text(&q, level ? level : "");
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, t->pos[0]);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, resp);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, resol);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, to && *to ? to : NULL);
    crm_sql_add(&q, ") ON CONFLICT (level, priority) DO UPDATE SET response_s = "
                    "excluded.response_s, resolution_s = excluded.resolution_s, escalate_to = "
                    "excluded.escalate_to");
    int rc = exec1(t, &q);
    if (rc == CRM_OK)
        rc = policy_print(t);
    return rc;
}
