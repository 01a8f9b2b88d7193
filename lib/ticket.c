/*
 * ticket.c - the verbs of crm-ticket beyond the generic ones: add (number,
 * entitlement, SLA targets), update (re-targets on a new priority), the
 * flow (assign, reply, status, resolve, close, reopen) under the state
 * machine of service.h, and the verb table (SLA verbs in sla.c, mail
 * intake in intake.c).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "bizcal.h"
#include "entity.h"
#include "history.h"
#include "service.h"
#include "value.h"

/* ---- the state machine -------------------------------------------------- */

static const struct {
    const char *from;
    const char *to[5];
} transitions[] = {
    {"new", {"open", "pending", "resolved", "closed", NULL}},
    {"open", {"pending", "resolved", "closed", NULL}},
    {"pending", {"open", "resolved", "closed", NULL}},
    {"resolved", {"closed", "reopened", NULL}},
    {"closed", {"reopened", NULL}},
    {"reopened", {"open", "pending", "resolved", "closed", NULL}},
};
#define NTRANS (sizeof transitions / sizeof transitions[0])

int crm_ticket_transition_ok(const char *from, const char *to)
{
    for (size_t i = 0; i < NTRANS; i++) {
        if (strcmp(transitions[i].from, from) != 0)
            continue;
        for (size_t k = 0; transitions[i].to[k]; k++)
            if (strcmp(transitions[i].to[k], to) == 0)
                return 1;
    }
    return 0;
}

void crm_ticket_transitions(const char *from, struct crm_buf *out)
{
    for (size_t i = 0; i < NTRANS; i++) {
        if (strcmp(transitions[i].from, from) != 0)
            continue;
        for (size_t k = 0; transitions[i].to[k]; k++)
            crm_buf_printf(out, "%s%s", k ? ", " : "", transitions[i].to[k]);
    }
}

/* ---- checks ------------------------------------------------------------- */

static const struct crm_sval *rec_val(const struct crm_tool *t, const struct crm_rec *r,
                                      const char *name)
{
    const struct crm_field *f = crm_ent_field(&t->ent, name);
    return f ? &r->v[f - t->ent.fields] : NULL;
}

/* CRM_OK when `name` is an active user. */
static int check_user(struct crm_tool *t, const char *what, const char *name)
{
    struct crm_sql q = CRM_SQL_INIT;
    int64_t active;
    int found;
    crm_sql_add(&q, "SELECT active FROM crm_user WHERE name = ");
    crm_sql_bind_text(&q, name);
    int rc = crm_db_scalar_int(t->db, &q, &active, &found, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    if (!found)
        return crm_err_set(&t->err, CRM_DATAERR,
                           "%s: '%s' is not a user (add one with: crm user add name=%s)", what,
                           name, name);
    if (!active)
        return crm_err_set(&t->err, CRM_DATAERR, "%s: user '%s' is not active", what, name);
    return CRM_OK;
}

int crm_ticket_check(struct crm_tool *t, const struct crm_rec *r, const struct crm_rec *given)
{
    const struct crm_sval *s = rec_val(t, r, "satisfaction");
    if (s && s->kind == CRM_SV_INT && (s->i < 1 || s->i > 5))
        return crm_err_set(&t->err, CRM_DATAERR, "satisfaction: %" PRId64 " is not 1 to 5", s->i);
    const struct crm_field *af = crm_ent_field(&t->ent, "assignee");
    const struct crm_sval *a = rec_val(t, given, "assignee");
    if (af && given->set[af - t->ent.fields] && a->kind == CRM_SV_TEXT)
        return check_user(t, "assignee", crm_buf_str(&a->s));
    return CRM_OK;
}

/* ---- a ticket's state ---------------------------------------------------- */

struct tk {
    int64_t id;
    struct crm_buf number, status, priority, level, created, first_resp, pending_since,
        resolved_at, closed_at, assignee, department;
    int64_t stopped_s;
};

static void tk_free(struct tk *k)
{
    struct crm_buf *b[] = {&k->number,        &k->status,      &k->priority,    &k->level,
                           &k->created,       &k->first_resp,  &k->pending_since,
                           &k->resolved_at,   &k->closed_at,   &k->assignee,    &k->department};
    for (size_t i = 0; i < sizeof b / sizeof b[0]; i++)
        crm_buf_free(b[i]);
}

static int tk_load(struct crm_tool *t, int64_t id, struct tk *k)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    memset(k, 0, sizeof *k);
    k->id = id;
    crm_sql_add(&q, "SELECT number, status, priority, sla_level, created_at, first_response_at, "
                    "pending_since, resolved_at, closed_at, assignee, department, stopped_s "
                    "FROM ticket WHERE id = ");
    crm_sql_bind_int(&q, id);
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    rc = crm_stmt_step(st, &t->err);
    if (rc > 0) {
        struct crm_buf *b[] = {&k->number,      &k->status,      &k->priority,  &k->level,
                               &k->created,     &k->first_resp,  &k->pending_since,
                               &k->resolved_at, &k->closed_at,   &k->assignee,  &k->department};
        for (int i = 0; i < 11; i++)
            if (!crm_stmt_is_null(st, i))
                crm_buf_puts(b[i], crm_stmt_text(st, i));
        k->stopped_s = crm_stmt_int(st, 11);
    }
    crm_stmt_done(st);
    if (rc < 0)
        return -rc;
    if (rc == 0)
        return crm_err_set(&t->err, CRM_NOTFOUND, "no ticket with id %" PRId64, id);
    return CRM_OK;
}

/* Load the ticket named by an argument (id, #id or number). */
static int tk_arg(struct crm_tool *t, const char *arg, struct tk *k)
{
    int64_t id;
    int rc = crm_svc_record_id(t, arg, &id);
    if (rc) {
        memset(k, 0, sizeof *k);
        return rc;
    }
    return tk_load(t, id, k);
}

/* A list of field changes for crm_svc_change. */
struct changes {
    const char *names[16];
    const char *vals[16];
    char bufs[16][32];
    size_t n;
};

static void ch_set(struct changes *c, const char *name, const char *val)
{
    c->names[c->n] = name;
    c->vals[c->n] = val;
    c->n++;
}

static void ch_int(struct changes *c, const char *name, int64_t v)
{
    snprintf(c->bufs[c->n], sizeof c->bufs[c->n], "%" PRId64, v);
    ch_set(c, name, c->bufs[c->n]);
}

static void ch_copy(struct changes *c, const char *name, const char *v)
{
    snprintf(c->bufs[c->n], sizeof c->bufs[c->n], "%s", v);
    ch_set(c, name, c->bufs[c->n]);
}

/* New targets for the ticket after its clock stood still `more` seconds. */
static int retarget(struct crm_tool *t, const struct tk *k, const char *priority, int64_t stopped,
                    struct changes *c)
{
    struct crm_bizcal cal = CRM_BIZCAL_INIT;
    char resp[21], resol[21];
    int rc = crm_sla_calendar(t, &cal);
    if (rc == CRM_OK)
        rc = crm_sla_due(t, &cal, crm_buf_str(&k->created), k->level.len ? k->level.s : NULL,
                         priority, stopped, resp, resol);
    crm_bizcal_free(&cal);
    if (rc == CRM_OK) {
        ch_copy(c, "due_response", resp);
        ch_copy(c, "due_resolution", resol);
    }
    return rc;
}

/* Business seconds from a stored time to now. */
static int stopped_since(struct crm_tool *t, const char *since, int64_t *secs)
{
    struct crm_bizcal cal = CRM_BIZCAL_INIT;
    int64_t from;
    *secs = 0;
    if (!since || !*since || crm_value_datetime_epoch(since, &from, &t->err))
        return CRM_OK;
    int rc = crm_sla_calendar(t, &cal);
    if (rc == CRM_OK && from < t->ctx.now)
        *secs = crm_bizcal_diff(&cal, from, t->ctx.now);
    crm_bizcal_free(&cal);
    return rc;
}

/*
 * Move a ticket to state `to`, with what each state means:
 *   pending       the SLA clock stops (pending_since)
 *   leaving it    the business time spent pending moves the targets
 *   resolved      resolved_at, the solution and the kb article
 *   closed        closed_at
 *   reopened      the time since it was resolved (or closed) moves the
 *                 targets too: the clock ran only while someone could work
 */
static int transition(struct crm_tool *t, struct tk *k, const char *to, struct changes *c)
{
    const char *from = crm_buf_str(&k->status);
    if (!crm_ticket_transition_ok(from, to)) {
        struct crm_buf allowed = CRM_BUF_INIT;
        crm_ticket_transitions(from, &allowed);
        crm_err_set(&t->err, CRM_DATAERR, "ticket %s is %s: it cannot become %s (from %s: %s)",
                    crm_buf_str(&k->number), from, to, from,
                    allowed.len ? crm_buf_str(&allowed) : "nothing");
        crm_buf_free(&allowed);
        return CRM_DATAERR;
    }
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    ch_set(c, "status", to);
    int rc = CRM_OK;
    const char *stop = NULL;
    if (strcmp(from, "pending") == 0) {
        stop = crm_buf_str(&k->pending_since);
        ch_set(c, "pending_since", NULL);
    } else if (strcmp(to, "reopened") == 0) {
        stop = k->resolved_at.len ? crm_buf_str(&k->resolved_at) : crm_buf_str(&k->closed_at);
    }
    if (stop && *stop) {
        int64_t more;
        if ((rc = stopped_since(t, stop, &more)))
            return rc;
        if (more > 0) {
            ch_int(c, "stopped_s", k->stopped_s + more);
            rc = retarget(t, k, crm_buf_str(&k->priority), k->stopped_s + more, c);
        }
    }
    if (strcmp(to, "pending") == 0)
        ch_copy(c, "pending_since", now);
    else if (strcmp(to, "resolved") == 0)
        ch_copy(c, "resolved_at", now);
    else if (strcmp(to, "closed") == 0)
        ch_copy(c, "closed_at", now);
    else if (strcmp(to, "reopened") == 0) {
        ch_set(c, "resolved_at", NULL);
        ch_set(c, "closed_at", NULL);
    }
    return rc;
}

int crm_ticket_customer_reply(struct crm_tool *t, int64_t id, const char *author, const char *body,
                              const char **state)
{
    struct tk k;
    int rc = tk_load(t, id, &k);
    if (rc == CRM_OK)
        rc = crm_ticket_comment(t, id, author, "public", "mail", body);
    const char *to = NULL;
    if (rc == CRM_OK && strcmp(k.status.s, "pending") == 0)
        to = "open";
    else if (rc == CRM_OK && strcmp(k.status.s, "resolved") == 0)
        to = "reopened";
    *state = "closed";
    for (size_t i = 0; rc == CRM_OK && crm_ticket_statuses[i]; i++)
        if (strcmp(crm_ticket_statuses[i], to ? to : k.status.s) == 0)
            *state = crm_ticket_statuses[i];
    if (rc == CRM_OK && to) {
        struct changes c = {0};
        if ((rc = transition(t, &k, to, &c)) == CRM_OK)
            rc = crm_svc_change(t, id, c.names, c.vals, c.n);
    }
    tk_free(&k);
    return rc;
}

static int show_one(struct crm_tool *t, int64_t id)
{
    return crm_entity_show_ids(t, &id, 1);
}

/* ---- comments and assignments -------------------------------------------- */

int crm_ticket_comment(struct crm_tool *t, int64_t id, const char *author, const char *visibility,
                       const char *source, const char *body)
{
    struct crm_sql q = CRM_SQL_INIT;
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    crm_sql_add(&q, "INSERT INTO ticket_comment (ticket_id, at, author, visibility, source, body) "
                    "VALUES (");
    crm_sql_bind_int(&q, id);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, author);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, visibility);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, source);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, body);
    crm_sql_add(&q, ")");
    int rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    return rc;
}

int crm_ticket_reassign(struct crm_tool *t, int64_t id, const char *to, const char *department,
                        const char *reason)
{
    struct tk k;
    int rc = tk_load(t, id, &k);
    if (rc == CRM_OK && to)
        rc = check_user(t, "--to", to);
    if (rc == CRM_OK) {
        struct crm_sql q = CRM_SQL_INIT;
        char now[21];
        crm_value_epoch_datetime(t->ctx.now, now);
        crm_sql_add(&q, "INSERT INTO ticket_assignment (ticket_id, at, by_user, from_assignee, "
                        "to_assignee, from_department, to_department, reason) VALUES (");
        crm_sql_bind_int(&q, id);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, t->ctx.user);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, k.assignee.len ? k.assignee.s : NULL);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, to ? to : (k.assignee.len ? k.assignee.s : NULL));
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, k.department.len ? k.department.s : NULL);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, department ? department : (k.department.len ? k.department.s : NULL));
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, reason);
        crm_sql_add(&q, ")");
        rc = crm_db_exec(t->db, &q, &t->err);
        crm_sql_free(&q);
    }
    if (rc == CRM_OK) {
        struct changes c = {0};
        if (to)
            ch_set(&c, "assignee", to);
        if (department)
            ch_set(&c, "department", department);
        rc = crm_svc_change(t, id, c.names, c.vals, c.n);
    }
    tk_free(&k);
    return rc;
}

/* ---- add and update --------------------------------------------------------- */

/* What the last entitlement check found, for add and new-from-mail to say
 * (import stays quiet): one insert at a time, so one buffer. */
static char entitlement_note[256];

/*
 * The entitlement check: the active contract of the ticket's account that
 * covers its product today (a contract without products covers all), the
 * best level first.  Sets contract and sla_level in r; says what it found.
 */
static int entitlement(struct crm_tool *t, struct crm_rec *r)
{
    const struct crm_sval *acc = rec_val(t, r, "account"), *con = rec_val(t, r, "contract"),
                          *prod = rec_val(t, r, "product");
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    char today[11];
    crm_value_parse_date("today", t->ctx.now, today, &t->err);
    crm_sql_add(&q, "SELECT id, number, level, status = 'active' AND (start_date IS NULL OR "
                    "start_date <= ");
    crm_sql_bind_text(&q, today);
    crm_sql_add(&q, ") AND (end_date IS NULL OR end_date >= ");
    crm_sql_bind_text(&q, today);
    crm_sql_add(&q, ") FROM contract WHERE ");
    if (con->kind == CRM_SV_INT) {
        crm_sql_add(&q, "id = ");
        crm_sql_bind_int(&q, con->i);
    } else if (acc->kind == CRM_SV_INT) {
        crm_sql_add(&q, "account_id = ");
        crm_sql_bind_int(&q, acc->i);
        crm_sql_add(&q, " AND status = 'active' AND (start_date IS NULL OR start_date <= ");
        crm_sql_bind_text(&q, today);
        crm_sql_add(&q, ") AND (end_date IS NULL OR end_date >= ");
        crm_sql_bind_text(&q, today);
        crm_sql_add(&q, ") AND (products IS NULL OR ");
        if (prod->kind == CRM_SV_TEXT) {
            crm_sql_add(&q, "instr(products, ");
            crm_sql_bind_text(&q, ";");
            crm_sql_add(&q, " || ");
            crm_sql_bind_text(&q, crm_buf_str(&prod->s));
            crm_sql_add(&q, " || ';') > 0");
        } else {
            crm_sql_add(&q, "1");
        }
        crm_sql_add(&q, ") ORDER BY CASE level WHEN 'premium' THEN 0 WHEN 'standard' THEN 1 ELSE 2 "
                        "END, end_date IS NULL, end_date DESC, id LIMIT 1");
    } else {
        crm_sql_free(&q);
        snprintf(entitlement_note, sizeof entitlement_note,
                 "entitlement: no account given, the default SLA applies");
        return CRM_OK;
    }
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    rc = crm_stmt_step(st, &t->err);
    if (rc > 0) {
        int64_t cid = crm_stmt_int(st, 0);
        const char *number = crm_stmt_text(st, 1), *level = crm_stmt_text(st, 2);
        int covered = (int)crm_stmt_int(st, 3);
        char *num = crm_xstrdup(number ? number : "?"), *lev = level ? crm_xstrdup(level) : NULL;
        crm_stmt_done(st);
        size_t ci = (size_t)(crm_ent_field(&t->ent, "contract") - t->ent.fields);
        r->set[ci] = 1;
        r->v[ci].kind = CRM_SV_INT;
        r->v[ci].i = cid;
        if (covered) {
            if (lev)
                rc = crm_rec_set(t, r, crm_ent_field(&t->ent, "sla_level"), lev, NULL);
            snprintf(entitlement_note, sizeof entitlement_note,
                     "entitlement: contract %.40s covers it (level %.20s)", num, lev ? lev : "-");
        } else {
            snprintf(entitlement_note, sizeof entitlement_note,
                     "entitlement: contract %.40s is not active today; the default SLA applies", num);
        }
        free(num);
        free(lev);
        return rc < 0 ? -rc : rc;
    }
    crm_stmt_done(st);
    if (rc < 0)
        return -rc;
    snprintf(entitlement_note, sizeof entitlement_note,
             "entitlement: no active contract of the account covers %.60s; the default SLA applies",
             prod->kind == CRM_SV_TEXT ? crm_buf_str(&prod->s) : "it");
    return CRM_OK;
}

/* The account of the ticket's contact, when no account was given. */
static int account_from_contact(struct crm_tool *t, struct crm_rec *r)
{
    const struct crm_sval *acc = rec_val(t, r, "account"), *con = rec_val(t, r, "contact");
    if (acc->kind != CRM_SV_NULL || con->kind != CRM_SV_INT)
        return CRM_OK;
    struct crm_sql q = CRM_SQL_INIT;
    int64_t aid;
    int found;
    crm_sql_add(&q, "SELECT account_id FROM contact WHERE id = ");
    crm_sql_bind_int(&q, con->i);
    int rc = crm_db_scalar_int(t->db, &q, &aid, &found, &t->err);
    crm_sql_free(&q);
    if (rc == CRM_OK && found) {
        size_t ai = (size_t)(crm_ent_field(&t->ent, "account") - t->ent.fields);
        r->set[ai] = 1;
        r->v[ai].kind = CRM_SV_INT;
        r->v[ai].i = aid;
    }
    return rc;
}

static const char *sval_text(const struct crm_sval *v)
{
    return v && v->kind == CRM_SV_TEXT ? crm_buf_str(&v->s) : NULL;
}

/* Fill the defaults the targets need (priority), then the targets. */
static int set_targets(struct crm_tool *t, struct crm_rec *r, const char *created)
{
    const char *prio = sval_text(rec_val(t, r, "priority"));
    const char *level = sval_text(rec_val(t, r, "sla_level"));
    const struct crm_sval *st = rec_val(t, r, "stopped_s");
    struct crm_bizcal cal = CRM_BIZCAL_INIT;
    char resp[21], resol[21];
    int rc = crm_sla_calendar(t, &cal);
    if (rc == CRM_OK)
        rc = crm_sla_due(t, &cal, created, level, prio ? prio : "normal",
                         st->kind == CRM_SV_INT ? st->i : 0, resp, resol);
    crm_bizcal_free(&cal);
    if (rc == CRM_OK)
        rc = crm_rec_set(t, r, crm_ent_field(&t->ent, "due_response"), resp, NULL);
    if (rc == CRM_OK)
        rc = crm_rec_set(t, r, crm_ent_field(&t->ent, "due_resolution"), resol, NULL);
    return rc;
}

/*
 * What crm derives for a new ticket (crm_entity.prepare, so that add,
 * new-from-mail and import agree): its number, the account of its contact,
 * the entitlement check and the SLA targets from its creation time.  A
 * record that comes with an id (restore, an import of an export) is taken
 * as it is.
 */
int crm_ticket_prepare(struct crm_tool *t, struct crm_rec *r)
{
    char number[32], now[21];
    int rc = CRM_OK;
    const struct crm_sval *idv = rec_val(t, r, "id");
    entitlement_note[0] = 0;
    if (idv && idv->kind != CRM_SV_NULL)
        return CRM_OK;
    const struct crm_field *nf = crm_ent_field(&t->ent, "number");
    size_t ni = (size_t)(nf - t->ent.fields);
    if (!r->set[ni] || r->v[ni].kind == CRM_SV_NULL) {
        if ((rc = crm_svc_next_number(t, "ticket", "T", "ticket", number, sizeof number)) == CRM_OK)
            rc = crm_rec_set(t, r, nf, number, NULL);
    }
    if (rc == CRM_OK)
        rc = account_from_contact(t, r);
    const struct crm_sval *con = rec_val(t, r, "contract"), *lev = rec_val(t, r, "sla_level");
    if (rc == CRM_OK && !(con->kind != CRM_SV_NULL && lev->kind != CRM_SV_NULL))
        rc = entitlement(t, r);
    const struct crm_sval *dr = rec_val(t, r, "due_response"), *ds = rec_val(t, r, "due_resolution");
    const struct crm_sval *created = rec_val(t, r, "created_at");
    crm_value_epoch_datetime(t->ctx.now, now);
    if (rc == CRM_OK && dr->kind == CRM_SV_NULL && ds->kind == CRM_SV_NULL)
        rc = set_targets(t, r, created->kind == CRM_SV_TEXT ? crm_buf_str(&created->s) : now);
    return rc;
}

/* Insert a ticket built in r (prepared by crm_ticket_prepare), say what the
 * entitlement check found, and record the first assignment. */
int crm_ticket_insert(struct crm_tool *t, struct crm_rec *r, int64_t *id)
{
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    int rc = crm_rec_insert(t, r, id);
    if (rc == CRM_OK && entitlement_note[0])
        crm_tool_note(t, "%s", entitlement_note);
    const char *assignee = sval_text(rec_val(t, r, "assignee"));
    const char *dept = sval_text(rec_val(t, r, "department"));
    if (rc == CRM_OK && (assignee || dept)) {
        struct crm_sql q = CRM_SQL_INIT;
        crm_sql_add(&q, "INSERT INTO ticket_assignment (ticket_id, at, by_user, to_assignee, "
                        "to_department, reason) VALUES (");
        crm_sql_bind_int(&q, *id);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, t->ctx.user);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, assignee);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, dept);
        crm_sql_add(&q, ", 'on creation')");
        rc = crm_db_exec(t->db, &q, &t->err);
        crm_sql_free(&q);
    }
    return rc;
}

static int verb_add(struct crm_tool *t)
{
    struct crm_rec r;
    int64_t id;
    int rc = CRM_OK;
    if (t->npos == 0)
        return crm_err_set(&t->err, CRM_USAGE, "nothing to add: give FIELD=VALUE arguments");
    crm_rec_init(&r, t->ent.nfields);
    for (size_t i = 0; i < t->npos && rc == CRM_OK; i++)
        rc = crm_rec_assign(t, &r, NULL, t->pos[i]);
    if (rc == CRM_OK)
        rc = crm_ticket_insert(t, &r, &id);
    crm_rec_free(&r);
    if (rc == CRM_OK)
        rc = show_one(t, id);
    return rc;
}

static int starts_with_field(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '=' || arg[n] == '+' || arg[n] == '-');
}

/* update: as the generic verb, but assignee and department move with
 * assign (which records why), and a new priority or contract re-targets. */
static int verb_update(struct crm_tool *t)
{
    size_t nid = 0;
    while (nid < t->npos && !strchr(t->pos[nid], '='))
        nid++;
    if (nid == 0 || nid == t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "usage: update ID... FIELD=VALUE...");
    for (size_t i = nid; i < t->npos; i++)
        if (starts_with_field(t->pos[i], "assignee") || starts_with_field(t->pos[i], "department"))
            return crm_err_set(&t->err, CRM_USAGE,
                               "use 'assign ID --to USER|--department D --reason TEXT' to move a "
                               "ticket: it records why");
    int64_t *ids;
    size_t n;
    int rc = crm_entity_collect_ids(t, 0, nid, &ids, &n);
    for (size_t k = 0; k < n && rc == CRM_OK; k++) {
        struct crm_rec old, r;
        int changed;
        crm_rec_init(&old, t->ent.nfields);
        crm_rec_init(&r, t->ent.nfields);
        int got = crm_rec_load(t, ids[k], &old);
        if (got < 0)
            rc = -got;
        else if (got == 0)
            rc = crm_err_set(&t->err, CRM_NOTFOUND, "no ticket with id %" PRId64, ids[k]);
        for (size_t i = nid; i < t->npos && rc == CRM_OK; i++)
            rc = crm_rec_assign(t, &r, &old, t->pos[i]);
        size_t pi = (size_t)(crm_ent_field(&t->ent, "priority") - t->ent.fields);
        size_t ci = (size_t)(crm_ent_field(&t->ent, "contract") - t->ent.fields);
        if (rc == CRM_OK && (r.set[pi] || r.set[ci])) {
            /* The merged record decides the new targets. */
            struct crm_rec m;
            crm_rec_init(&m, t->ent.nfields);
            for (size_t i = 0; i < t->ent.nfields; i++) {
                const struct crm_sval *src = r.set[i] ? &r.v[i] : &old.v[i];
                m.v[i].kind = src->kind;
                m.v[i].i = src->i;
                crm_buf_puts(&m.v[i].s, crm_buf_str(&src->s));
            }
            if (r.set[ci]) {
                const struct crm_field *lf = crm_ent_field(&t->ent, "sla_level");
                struct crm_buf lev = CRM_BUF_INIT;
                int null = 1;
                if (m.v[ci].kind == CRM_SV_INT &&
                    (rc = crm_svc_get_text(t, "contract", "level", m.v[ci].i, &lev, &null)) >= 0)
                    rc = CRM_OK;
                else if (rc < 0)
                    rc = -rc;
                if (rc == CRM_OK) {
                    rc = crm_rec_set(t, &r, lf, null ? "" : crm_buf_str(&lev), &old);
                    crm_sval_free(&m.v[lf - t->ent.fields]);
                    if (!null) {
                        m.v[lf - t->ent.fields].kind = CRM_SV_TEXT;
                        crm_buf_puts(&m.v[lf - t->ent.fields].s, crm_buf_str(&lev));
                    }
                }
                crm_buf_free(&lev);
            }
            const struct crm_sval *created = rec_val(t, &old, "created_at");
            if (rc == CRM_OK) {
                rc = set_targets(t, &m, crm_buf_str(&created->s));
                size_t di = (size_t)(crm_ent_field(&t->ent, "due_response") - t->ent.fields);
                size_t ri = (size_t)(crm_ent_field(&t->ent, "due_resolution") - t->ent.fields);
                if (rc == CRM_OK)
                    rc = crm_rec_set(t, &r, &t->ent.fields[di], crm_buf_str(&m.v[di].s), &old);
                if (rc == CRM_OK)
                    rc = crm_rec_set(t, &r, &t->ent.fields[ri], crm_buf_str(&m.v[ri].s), &old);
            }
            crm_rec_free(&m);
        }
        if (rc == CRM_OK)
            rc = crm_rec_update(t, ids[k], &old, &r, &changed);
        if (rc)
            crm_err_prefix(&t->err, "ticket %" PRId64 ": ", ids[k]);
        crm_rec_free(&old);
        crm_rec_free(&r);
    }
    if (rc == CRM_OK)
        rc = crm_entity_show_ids(t, ids, n);
    free(ids);
    return rc;
}

/* ---- the flow ------------------------------------------------------------------ */

static int one_ticket(struct crm_tool *t, const char *usage, struct tk *k)
{
    if (t->npos < 1)
        return crm_err_set(&t->err, CRM_USAGE, "usage: %s", usage);
    return tk_arg(t, t->pos[0], k);
}

static int verb_assign(struct crm_tool *t)
{
    struct tk k;
    const char *to = crm_args_get(&t->args, "to"), *dept = crm_args_get(&t->args, "department");
    const char *reason = crm_args_get(&t->args, "reason");
    if (t->npos != 1 || (!to && !dept))
        return crm_err_set(&t->err, CRM_USAGE,
                           "usage: assign ID --to USER|--department D [--reason TEXT]");
    int rc = one_ticket(t, "assign ID", &k);
    if (rc == CRM_OK && (k.assignee.len || k.department.len) && (!reason || !*reason))
        rc = crm_err_set(&t->err, CRM_USAGE,
                         "ticket %s is with %s already: say why it moves with --reason",
                         crm_buf_str(&k.number),
                         k.assignee.len ? crm_buf_str(&k.assignee) : crm_buf_str(&k.department));
    if (rc == CRM_OK && (strcmp(k.status.s, "closed") == 0))
        rc = crm_err_set(&t->err, CRM_DATAERR, "ticket %s is closed: reopen it first",
                         crm_buf_str(&k.number));
    if (rc == CRM_OK)
        rc = crm_ticket_reassign(t, k.id, to, dept, reason);
    if (rc == CRM_OK && strcmp(k.status.s, "new") == 0) {
        struct changes c = {0};
        if ((rc = transition(t, &k, "open", &c)) == CRM_OK)
            rc = crm_svc_change(t, k.id, c.names, c.vals, c.n);
    }
    if (rc == CRM_OK)
        rc = show_one(t, k.id);
    tk_free(&k);
    return rc;
}

static int verb_reply(struct crm_tool *t)
{
    struct tk k;
    if (t->npos != 2 || !*t->pos[1])
        return crm_err_set(&t->err, CRM_USAGE, "usage: reply ID TEXT [--internal]");
    int internal = crm_args_has(&t->args, "internal");
    int rc = one_ticket(t, "reply ID TEXT", &k);
    if (rc == CRM_OK && !internal && strcmp(k.status.s, "closed") == 0)
        rc = crm_err_set(&t->err, CRM_DATAERR,
                         "ticket %s is closed: reopen it to reply, or add an --internal note",
                         crm_buf_str(&k.number));
    if (rc == CRM_OK)
        rc = crm_ticket_comment(t, k.id, t->ctx.user, internal ? "internal" : "public", "cli",
                                t->pos[1]);
    if (rc == CRM_OK && !internal) {
        struct changes c = {0};
        char now[21];
        crm_value_epoch_datetime(t->ctx.now, now);
        if (!k.first_resp.len)
            ch_copy(&c, "first_response_at", now);
        if (strcmp(k.status.s, "new") == 0 || strcmp(k.status.s, "reopened") == 0)
            rc = transition(t, &k, "open", &c);
        if (rc == CRM_OK && c.n)
            rc = crm_svc_change(t, k.id, c.names, c.vals, c.n);
    }
    if (rc == CRM_OK)
        rc = show_one(t, k.id);
    tk_free(&k);
    return rc;
}

static int move_to(struct crm_tool *t, const char *to, const char *solution, const char *kb)
{
    struct tk k;
    struct changes c = {0};
    int64_t kb_id = 0;
    int rc = tk_arg(t, t->pos[0], &k);
    if (rc == CRM_OK && kb) {
        struct crm_field ref = {"--kb", CRM_T_REF, 0, NULL, NULL, "kb", NULL, 0, NULL, NULL};
        rc = crm_ref_resolve(t, &ref, kb, &kb_id);
    }
    if (rc == CRM_OK)
        rc = transition(t, &k, to, &c);
    if (rc == CRM_OK && solution)
        ch_set(&c, "solution", solution);
    if (rc == CRM_OK && kb)
        ch_int(&c, "kb", kb_id);
    if (rc == CRM_OK)
        rc = crm_svc_change(t, k.id, c.names, c.vals, c.n);
    if (rc == CRM_OK && kb) {
        /* A use of the article, counted with its history. */
        struct crm_sql q = CRM_SQL_INIT;
        int64_t uses = 0;
        int found;
        crm_sql_add(&q, "UPDATE kb_article SET uses = uses + 1 WHERE id = ");
        crm_sql_bind_int(&q, kb_id);
        crm_sql_add(&q, " RETURNING uses");
        rc = crm_db_scalar_int(t->db, &q, &uses, &found, &t->err);
        crm_sql_free(&q);
        if (rc == CRM_OK) {
            char o[24], n[24];
            snprintf(o, sizeof o, "%" PRId64, uses - 1);
            snprintf(n, sizeof n, "%" PRId64, uses);
            rc = crm_history_add(t->db, &t->ctx, "kb", kb_id, "update", "uses", o, n, &t->err);
        }
    }
    if (rc == CRM_OK)
        rc = show_one(t, k.id);
    tk_free(&k);
    return rc;
}

static int verb_status(struct crm_tool *t)
{
    if (t->npos != 2)
        return crm_err_set(&t->err, CRM_USAGE, "usage: status ID STATE (open, pending, resolved, "
                                               "closed, reopened)");
    int known = 0;
    for (size_t i = 0; crm_ticket_statuses[i]; i++)
        known |= strcmp(crm_ticket_statuses[i], t->pos[1]) == 0;
    if (!known || strcmp(t->pos[1], "new") == 0)
        return crm_err_set(&t->err, CRM_DATAERR,
                           "'%s' is not a state a ticket can move to (open, pending, "
                           "resolved, closed, reopened)",
                           t->pos[1]);
    return move_to(t, t->pos[1], NULL, NULL);
}

static int verb_resolve(struct crm_tool *t)
{
    const char *solution = crm_args_get(&t->args, "solution");
    if (t->npos != 1 || !solution || !*solution)
        return crm_err_set(&t->err, CRM_USAGE, "usage: resolve ID --solution TEXT [--kb ARTICLE]");
    return move_to(t, "resolved", solution, crm_args_get(&t->args, "kb"));
}

static int verb_close(struct crm_tool *t)
{
    if (t->npos != 1)
        return crm_err_set(&t->err, CRM_USAGE, "usage: close ID");
    return move_to(t, "closed", NULL, NULL);
}

static int verb_reopen(struct crm_tool *t)
{
    if (t->npos != 1)
        return crm_err_set(&t->err, CRM_USAGE, "usage: reopen ID [--reason TEXT]");
    const char *reason = crm_args_get(&t->args, "reason");
    int rc = CRM_OK;
    if (reason && *reason) {
        int64_t id;
        if ((rc = crm_svc_record_id(t, t->pos[0], &id)) == CRM_OK)
            rc = crm_ticket_comment(t, id, t->ctx.user, "internal", "cli", reason);
    }
    return rc ? rc : move_to(t, "reopened", NULL, NULL);
}

static const char *const out_opts[] = {"safe-csv", NULL};
static const char *const assign_opts[] = {"to", "department", "reason", "safe-csv", NULL};
static const char *const reply_opts[] = {"internal", "safe-csv", NULL};
static const char *const resolve_opts[] = {"solution", "kb", "safe-csv", NULL};
static const char *const reopen_opts[] = {"reason", "safe-csv", NULL};
static const char *const sla_opts[] = {"breached", "at-risk", NULL};
static const char *const policy_opts[] = {"level", "escalate-to", NULL};
static const char *const mail_opts[] = {"safe-csv", NULL};

const struct crm_opt crm_ticket_opts[] = {
    {"to", 0, CRM_OPT_ARG, "USER", NULL, "assign: the user to take the ticket"},
    {"department", 0, CRM_OPT_ARG, "DEPT", NULL, "assign: the department to route it to"},
    {"reason", 0, CRM_OPT_ARG, "TEXT", NULL, "assign, reopen: why (required to move an assigned ticket)"},
    {"internal", 0, CRM_OPT_FLAG, NULL, NULL, "reply: an internal note, not seen by the customer"},
    {"solution", 0, CRM_OPT_ARG, "TEXT", NULL, "resolve: how it was solved"},
    {"kb", 0, CRM_OPT_ARG, "ARTICLE", NULL, "resolve: the knowledge-base article used (counts a use)"},
    {"breached", 0, CRM_OPT_FLAG, NULL, NULL, "sla: the tickets past a target"},
    {"at-risk", 0, CRM_OPT_ARG, "DURATION", NULL, "sla: the tickets with at most DURATION of business time left"},
    {"level", 0, CRM_OPT_ARG, "LEVEL", "basic|standard|premium", "policy: the contract level (default: every level)"},
    {"escalate-to", 0, CRM_OPT_ARG, "USER", NULL, "policy: who gets the breached tickets of this policy"},
    {NULL, 0, 0, NULL, NULL, NULL},
};

const struct crm_verb crm_ticket_verbs[] = {
    {"add", "FIELD=VALUE...", "create a ticket (number, entitlement, SLA targets); prints it",
     out_opts, verb_add, CRM_DB_WRITE, 0},
    {"update", "ID...|- FIELD=VALUE...", "change fields (a new priority re-targets the SLA)",
     out_opts, verb_update, CRM_DB_WRITE, 0},
    {"assign", "ID", "route to --to USER and/or --department D, recording --reason", assign_opts,
     verb_assign, CRM_DB_WRITE, 0},
    {"reply", "ID TEXT", "add a public comment (--internal: a note); the first sets first_response_at",
     reply_opts, verb_reply, CRM_DB_WRITE, 0},
    {"status", "ID STATE", "move along the state machine (open, pending, resolved, closed, reopened)",
     out_opts, verb_status, CRM_DB_WRITE, 0},
    {"resolve", "ID", "resolve with --solution TEXT [--kb ARTICLE]", resolve_opts, verb_resolve,
     CRM_DB_WRITE, 0},
    {"close", "ID", "close a ticket", out_opts, verb_close, CRM_DB_WRITE, 0},
    {"reopen", "ID", "reopen a resolved or closed ticket [--reason TEXT]", reopen_opts, verb_reopen,
     CRM_DB_WRITE, 0},
    {"sla", "", "open tickets by remaining business time [--breached] [--at-risk 2h]", sla_opts,
     crm_sla_verb_sla, CRM_DB_READ, 0},
    {"escalate", "", "raise or reassign breached tickets, once per breach (for cron)", NULL,
     crm_sla_verb_escalate, CRM_DB_WRITE, 0},
    {"calendar", "[hours|holiday|workday ...]",
     "the business calendar of the SLA: show or change", NULL, crm_sla_verb_calendar,
     CRM_DB_WRITE, 0},
    {"policy", "[PRIORITY RESPONSE RESOLUTION]", "the SLA policies: show or set [--level L]",
     policy_opts, crm_sla_verb_policy, CRM_DB_WRITE, 0},
    {"new-from-mail", "", "a ticket, or a comment on one, from one RFC 5322 message on stdin",
     mail_opts, crm_intake_verb_mail, CRM_DB_WRITE, 0},
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};
