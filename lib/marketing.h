/*
 * marketing.h - campaigns (crm-campaign) beyond the generic verbs: members
 * with their status log, responses from a mailing service, and mailing lists
 * with every exclusion counted; the suppression list (crm suppress).
 *
 * Member statuses: targeted, sent, opened, clicked, responded, converted,
 * bounced, unsubscribed, failed.  Every change is a row of
 * campaign_member_log (status, time, source).
 *
 * Mailing-list rules (crm-campaign(1)): members ordered by contact id; each
 * is checked in this order and excluded for the first reason that applies:
 * no_email, invalid, duplicate (an address already seen, compared
 * case-insensitively), email_opt_out, bounced (a member of any campaign
 * with status bounced), suppressed (the address or its @domain), erased
 * (a tombstone of an erased person has the address), frequency_cap (with
 * --max-per N/PERIOD: N mailings of other campaigns in the PERIOD before now).
 */
#ifndef CRM_MARKETING_H
#define CRM_MARKETING_H

#include <stdint.h>

#include "sql.h"
#include "tool.h"

extern const struct crm_verb crm_campaign_verbs[];
extern const struct crm_opt crm_campaign_opts[];

/* crm suppress add|remove|list|import|filter (suppress.c). */
int crm_suppress_verb(struct crm_tool *t);
extern const char *const crm_suppress_opts[];

/* The reason an address (its case-folded key) may not be mailed: "erased",
 * "suppressed" or NULL; <0 a negated status with t->err set. */
int crm_suppress_check(struct crm_tool *t, const char *key, const char **reason);
/* Put a case-folded address (or "@domain") on the suppression list unless
 * it is there already (respond: unsubscribes and bounces). */
int crm_suppress_put(struct crm_tool *t, const char *key, const char *reason, const char *source,
                     const char *at);

/*
 * Segments (segment.c): saved filters over one entity.  crm_segment_cond
 * appends the compiled filter of segment `name` to cond (CRM_USAGE when
 * there is no such segment or it is of another entity than ent's);
 * crm_segment_ids gives the ids of its records in order (caller frees).
 */
int crm_segment_cond(struct crm_tool *t, const char *name, const struct crm_ent *ent,
                     struct crm_sql *cond);
int crm_segment_ids(struct crm_tool *t, const char *name, const struct crm_ent *ent,
                    int64_t **ids, size_t *n);
int crm_segment_verb(struct crm_tool *t);

#endif
