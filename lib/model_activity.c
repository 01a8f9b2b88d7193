/*
 * model_activity.c - the field tables of activities (the log of every
 * interaction) and tasks (what to do next), and their checks.
 *
 * Links: contact and account are ref fields (deleting the contact or the
 * account keeps the activity and clears the link); any other record - a
 * deal, a ticket, a campaign, or an entity added later - is named by the
 * pair related_entity + related_id, checked by lib/link.c.
 */
#include "model.h"

#include <string.h>

#include "entity.h"
#include "link.h"
#include "recur.h"
#include "value.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const activity_kinds[] = {"call", "email", "meeting", "letter", "note",
                                             "order", "visit", NULL};
static const char *const directions[] = {"in", "out", NULL};
static const char *const priorities[] = {"low", "normal", "high", "urgent", NULL};
static const char *const task_statuses[] = {"open", "done", "cancelled", NULL};

#define F(name, type, flags, help) {name, type, flags, NULL, NULL, NULL, NULL, 0, NULL, help}
#define STAMPS                                                                                   \
    F("created_at", CRM_T_DATETIME, CRM_F_READONLY, "when the record was created (UTC)"),         \
    F("updated_at", CRM_T_DATETIME, CRM_F_READONLY, "when the record was last changed (UTC)")
#define LINKS(tbl)                                                                               \
    {"contact", CRM_T_REF, CRM_F_LIST | CRM_F_NULLIFY, "contact_id", NULL, "contact", NULL, 0,    \
     NULL, "the contact (id or email)"},                                                         \
    {"contact_name", CRM_T_TEXT, CRM_F_DERIVED | CRM_F_READONLY, NULL, NULL, NULL, NULL, 0,       \
     "(SELECT trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) FROM "        \
     "contact c WHERE c.id = " tbl ".contact_id)",                                               \
     "name of the contact (output only)"},                                                       \
    {"account", CRM_T_REF, CRM_F_LIST | CRM_F_NULLIFY, "account_id", NULL, "account", NULL, 0,    \
     NULL, "the account (id or name; default: the contact's account)"},                          \
    {"account_name", CRM_T_TEXT, CRM_F_DERIVED | CRM_F_READONLY, NULL, NULL, NULL, NULL, 0,       \
     "(SELECT a.name FROM account a WHERE a.id = " tbl ".account_id)",                           \
     "name of the account (output only)"},                                                       \
    F("related_entity", CRM_T_TEXT, 0,                                                           \
      "kind of another related record: deal, ticket, campaign, ... (with related_id)"),          \
    F("related_id", CRM_T_INT, 0, "id of that record (checked when its entity exists)")

static const struct crm_field activity_fields[] = {
    F("id", CRM_T_ID, CRM_F_READONLY | CRM_F_LIST, "record id"),
    {"kind", CRM_T_ENUM, CRM_F_REQUIRED | CRM_F_LIST, NULL, activity_kinds, NULL, NULL, 0, NULL,
     "call, email, meeting, letter, note, order or visit"},
    {"occurred_at", CRM_T_DATETIME, CRM_F_REQUIRED | CRM_F_LIST, NULL, NULL, NULL, "now", 0, NULL,
     "when it happened; for a meeting its start (default: now)"},
    F("subject", CRM_T_TEXT, CRM_F_SEARCH | CRM_F_LIST, "subject or summary"),
    F("body", CRM_T_TEXT, CRM_F_SEARCH, "text: notes of the call, the letter, the message"),
    LINKS("activity"),
    {"owner", CRM_T_TEXT, CRM_F_LIST, NULL, NULL, NULL, "$user", 0, NULL,
     "who had the interaction (default: $CRM_USER)"},
    {"direction", CRM_T_ENUM, 0, NULL, directions, NULL, NULL, 0, NULL,
     "call, email, letter: in (from the customer) or out"},
    F("duration", CRM_T_INT, 0, "minutes spent (call, meeting, visit): the spent time of the owner"),
    F("outcome", CRM_T_TEXT, 0, "call: reached, voicemail, no-answer, busy, ..."),
    F("message_id", CRM_T_TEXT, 0, "email: the Message-ID (import-mail adds each message once)"),
    F("ends_at", CRM_T_DATETIME, 0, "meeting: when it ends"),
    F("place", CRM_T_TEXT, CRM_F_SEARCH, "meeting, visit: where"),
    F("attendees", CRM_T_TAGS, CRM_F_SEARCH, "meeting: users and guests taking part"),
    F("external_number", CRM_T_TEXT, 0, "order: its number in the ordering system"),
    F("amount", CRM_T_MONEY, 0, "order: amount (minor units of $CRM_CURRENCY)"),
    F("currency", CRM_T_TEXT, 0, "order: ISO 4217 currency of the amount"),
    F("tags", CRM_T_TAGS, CRM_F_SEARCH, "tags"),
    STAMPS,
};

static const struct crm_field task_fields[] = {
    F("id", CRM_T_ID, CRM_F_READONLY | CRM_F_LIST, "record id"),
    F("title", CRM_T_TEXT, CRM_F_REQUIRED | CRM_F_SEARCH | CRM_F_LIST, "what to do"),
    F("due", CRM_T_DATETIME, CRM_F_LIST, "when it is due (a date-time; \"+2d\", \"tomorrow\", ...)"),
    F("remind_at", CRM_T_DATETIME, 0, "when to remind the assignee (crm-task due)"),
    F("reminded_at", CRM_T_DATETIME, CRM_F_READONLY, "when crm-task due last reminded of it"),
    {"priority", CRM_T_ENUM, CRM_F_LIST, NULL, priorities, NULL, "normal", 0, NULL,
     "low, normal, high or urgent"},
    {"status", CRM_T_ENUM, CRM_F_REQUIRED | CRM_F_LIST, NULL, task_statuses, NULL, "open", 0, NULL,
     "open, done or cancelled"},
    {"assignee", CRM_T_TEXT, CRM_F_LIST, NULL, NULL, NULL, "$user", 0, NULL,
     "who does it: a user (crm user list) or yourself (default: $CRM_USER)"},
    {"created_by", CRM_T_TEXT, CRM_F_READONLY, NULL, NULL, NULL, "$user", 0, NULL,
     "who created it; another assignee makes it delegated"},
    F("completed_at", CRM_T_DATETIME, CRM_F_READONLY, "when `done` was recorded"),
    F("completed_by", CRM_T_TEXT, CRM_F_READONLY, "who recorded `done`"),
    LINKS("task"),
    F("recurrence", CRM_T_TEXT, 0,
      "daily, weekly, monthly, yearly or an RRULE (FREQ INTERVAL BYDAY COUNT UNTIL)"),
    F("occurrence", CRM_T_INT, CRM_F_READONLY, "number of this occurrence in its series (from 1)"),
    F("series_id", CRM_T_INT, CRM_F_READONLY, "id of the first task of the series"),
    F("estimate", CRM_T_INT, 0, "planned time in minutes (for the workload report)"),
    F("spent", CRM_T_INT, 0, "time spent in minutes"),
    {"delegated", CRM_T_BOOL, CRM_F_DERIVED | CRM_F_READONLY, NULL, NULL, NULL, NULL, 0,
     "(task.created_by IS NOT NULL AND task.assignee IS NOT task.created_by)",
     "created by someone else than the assignee (output only)"},
    F("tags", CRM_T_TAGS, CRM_F_SEARCH, "tags"),
    F("notes", CRM_T_TEXT, CRM_F_SEARCH, "free text"),
    STAMPS,
};

static int activity_check(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old)
{
    int rc;
    if ((rc = crm_link_check(t, r, old)) || (rc = crm_link_fill_account(t, r, old)))
        return rc;
    return CRM_OK;
}

static int task_check(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old)
{
    int rc;
    if ((rc = crm_link_check(t, r, old)) || (rc = crm_link_fill_account(t, r, old)) ||
        (rc = crm_link_check_user(t, r, "assignee")))
        return rc;
    /* status=done by update or import records who and when, as `done` does. */
    size_t si = crm_rec_index(t, "status"), cai = crm_rec_index(t, "completed_at");
    const struct crm_sval *st = &r->v[si];
    if (r->set[si] && st->kind == CRM_SV_TEXT && strcmp(crm_buf_str(&st->s), "done") == 0 &&
        !r->set[cai] && (!old || old->v[cai].kind == CRM_SV_NULL)) {
        char now[21];
        crm_value_epoch_datetime(t->ctx.now, now);
        if ((rc = crm_rec_set(t, r, &t->ent.fields[cai], now, NULL)) ||
            (rc = crm_rec_set(t, r, crm_ent_field(&t->ent, "completed_by"), t->ctx.user, NULL)))
            return rc;
    }
    /* A new reminder time (or due time) is reminded of again. */
    size_t ri = crm_rec_index(t, "reminded_at");
    static const char *const times[] = {"remind_at", "due", NULL};
    for (size_t k = 0; old && times[k]; k++) {
        size_t ti = crm_rec_index(t, times[k]);
        const struct crm_sval *a = &r->v[ti], *b = &old->v[ti];
        if (r->set[ti] && (a->kind != b->kind ||
                           (a->kind == CRM_SV_TEXT && strcmp(crm_buf_str(&a->s), crm_buf_str(&b->s))))) {
            crm_sval_free(&r->v[ri]);
            r->set[ri] = 1;
        }
    }
    const struct crm_field *f = crm_ent_field(&t->ent, "recurrence");
    size_t i = (size_t)(f - t->ent.fields);
    if (r->set[i] && r->v[i].kind == CRM_SV_TEXT) {
        struct crm_rrule rr;
        struct crm_buf canon = CRM_BUF_INIT;
        if ((rc = crm_rrule_parse(crm_buf_str(&r->v[i].s), &rr, &t->err))) {
            crm_buf_free(&canon);
            return crm_err_prefix(&t->err, "recurrence: ");
        }
        crm_rrule_format(&rr, &canon);
        size_t oi = crm_rec_index(t, "occurrence");
        if (!old && !r->set[oi]) { /* the first of a series */
            r->v[oi].kind = CRM_SV_INT;
            r->v[oi].i = 1;
            r->set[oi] = 1;
        }
        crm_buf_reset(&r->v[i].s);
        crm_buf_puts(&r->v[i].s, crm_buf_str(&canon));
        crm_buf_free(&canon);
    }
    return CRM_OK;
}

const struct crm_entity crm_entity_activity = {
    .name = "activity",
    .table = "activity",
    .label = "coalesce(activity.subject, activity.kind)",
    .fields = activity_fields,
    .nfields = N(activity_fields),
    .fts_table = "activity_fts",
    .check = activity_check,
};

const struct crm_entity crm_entity_task = {
    .name = "task",
    .table = "task",
    .label = "task.title",
    .fields = task_fields,
    .nfields = N(task_fields),
    .fts_table = "task_fts",
    .check = task_check,
};
