/*
 * service.h - customer service: the verbs of crm-kb, crm-contract and
 * crm-ticket beyond the generic ones (entity.h), and the helpers they share.
 * Each tool's main() hands its tables to crm_tool_main().
 *
 * Ticket flow (the state machine, documented in crm-ticket(1)):
 *
 *   new      -> open, pending, resolved, closed
 *   open     -> pending, resolved, closed
 *   pending  -> open, resolved, closed
 *   resolved -> closed, reopened
 *   closed   -> reopened
 *   reopened -> open, pending, resolved, closed
 *
 * A reply by the assignee moves new/reopened to open; an illegal transition
 * is CRM_DATAERR naming the allowed ones.
 */
#ifndef CRM_SERVICE_H
#define CRM_SERVICE_H

#include <stdint.h>

#include "tool.h"

extern const struct crm_verb crm_kb_verbs[];
extern const struct crm_opt crm_kb_opts[];
extern const struct crm_verb crm_contract_verbs[];
extern const struct crm_opt crm_contract_opts[];
extern const struct crm_verb crm_ticket_verbs[];
extern const struct crm_opt crm_ticket_opts[];

/* The rules across fields of a contract (end_date not before start_date)
 * and of a ticket (satisfaction 1-5; an assignee being set must be an
 * active user, one set before may have left): crm_entity.check. */
int crm_contract_check(struct crm_tool *t, const struct crm_rec *r, const struct crm_rec *given);
int crm_ticket_check(struct crm_tool *t, const struct crm_rec *r, const struct crm_rec *given);
/* What crm derives for a new ticket (number, account, entitlement, SLA
 * targets): crm_entity.prepare.  In ticket.c. */
int crm_ticket_prepare(struct crm_tool *t, struct crm_rec *r);

/* 1 when the ticket state machine allows from -> to. */
int crm_ticket_transition_ok(const char *from, const char *to);
/* The states reachable from `from`, comma-separated, into out. */
void crm_ticket_transitions(const char *from, struct crm_buf *out);

/*
 * Shared helpers (service.c).
 *
 * crm_svc_change: set fields of record `id` of the tool's entity from user
 * text (NULL or "" = null) and write the difference with history.
 * CRM_NOTFOUND when there is no such record.
 */
int crm_svc_change(struct crm_tool *t, int64_t id, const char *const *names,
                   const char *const *values, size_t n);

/* The next number of a series ("ticket" -> T-000001, "contract" -> C-000001)
 * not yet used in `table`.number; out >= 32 bytes. */
int crm_svc_next_number(struct crm_tool *t, const char *series, const char *prefix,
                        const char *table, char *out, size_t outlen);

/* The add verb of a numbered entity: FIELD=VALUE arguments, and the next
 * number of the series when none is given; *id is the new record. */
int crm_svc_add_numbered(struct crm_tool *t, const char *series, const char *prefix, int64_t *id);

/* Insert a record of another entity than the tool's (a contact made by
 * mail intake) from field names and user-text values; *id is the new one. */
int crm_svc_insert_other(struct crm_tool *t, const char *entity, const char *const *names,
                         const char *const *values, size_t n, int64_t *id);

/* Resolve one ID argument (id, #id or natural key) of the tool's entity. */
int crm_svc_record_id(struct crm_tool *t, const char *arg, int64_t *id);

/* The text of one stored field of a record (NULL for null) into out;
 * returns 1 when found. */
int crm_svc_get_text(struct crm_tool *t, const char *table, const char *column, int64_t id,
                     struct crm_buf *out, int *isnull);

/*
 * SLA (sla.c).  A ticket's targets are
 *   due_response   = created_at + response time of its policy
 *   due_resolution = created_at + resolution time of its policy
 * in business time (bizcal.h), plus the business time its clock stood
 * still (stopped_s: pending, or resolved before a reopen).  The policy is
 * the row of sla_policy for (sla_level, priority), else ('', priority).
 */
struct crm_bizcal;

/* Load the working hours and holidays of the database. */
int crm_sla_calendar(struct crm_tool *t, struct crm_bizcal *cal);

/* The targets of a ticket into due_resp and due_resol (stored form). */
int crm_sla_due(struct crm_tool *t, const struct crm_bizcal *cal, const char *created_at,
                const char *level, const char *priority, int64_t stopped_s, char due_resp[21],
                char due_resol[21]);

/* The verbs of crm-ticket that sla.c implements. */
int crm_sla_verb_sla(struct crm_tool *t);
int crm_sla_verb_escalate(struct crm_tool *t);
int crm_sla_verb_calendar(struct crm_tool *t);
int crm_sla_verb_policy(struct crm_tool *t);

/* Record a (re)assignment of a ticket and change its assignee and
 * department (NULL: unchanged); `reason` may be NULL.  In ticket.c. */
int crm_ticket_reassign(struct crm_tool *t, int64_t id, const char *to, const char *department,
                        const char *reason);
/* Insert a ticket built in r (FIELD=VALUE given; crm_ticket_prepare adds
 * the rest), say what the entitlement check found, and record the first
 * assignment.  In ticket.c. */
struct crm_rec;
int crm_ticket_insert(struct crm_tool *t, struct crm_rec *r, int64_t *id);
/* Add a comment to a ticket (visibility "public" or "internal", source
 * "cli" or "mail"), with the side effects of a reply.  In ticket.c. */
int crm_ticket_comment(struct crm_tool *t, int64_t id, const char *author, const char *visibility,
                       const char *source, const char *body);

/* A customer's mail to a ticket: a public comment from `author` (source
 * "mail"); a pending ticket opens, a resolved one is reopened.  *state is
 * the ticket's status afterwards (static string).  In ticket.c. */
int crm_ticket_customer_reply(struct crm_tool *t, int64_t id, const char *author, const char *body,
                              const char **state);

/* new-from-mail (intake.c). */
int crm_intake_verb_mail(struct crm_tool *t);

#endif
