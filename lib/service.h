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
 * and of a ticket (satisfaction 1-5, assignee a user): crm_entity.check. */
int crm_contract_check(struct crm_tool *t, const struct crm_rec *r);
int crm_ticket_check(struct crm_tool *t, const struct crm_rec *r);

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

/* Resolve one ID argument (id, #id or natural key) of the tool's entity. */
int crm_svc_record_id(struct crm_tool *t, const char *arg, int64_t *id);

/* The text of one stored field of a record (NULL for null) into out;
 * returns 1 when found. */
int crm_svc_get_text(struct crm_tool *t, const char *table, const char *column, int64_t id,
                     struct crm_buf *out, int *isnull);

#endif
