/*
 * link.h - what an activity or a task is about.
 *
 * The design, once for every entity that links to others:
 *   - contact and account are ordinary ref fields (contact_id, account_id):
 *     foreign keys, found by delete and merge like every ref (a deleted
 *     contact leaves the activity with the link cleared);
 *   - any other record is named by the pair related_entity + related_id
 *     ("deal" 42, "ticket" 7, "campaign" 3).  The entity must be one the
 *     model knows or one of the nouns planned for crm (deal, ticket,
 *     campaign, contract, order, product); when the model has the entity,
 *     the id must name an existing record.  So a deal id can be recorded
 *     before crm-deal exists and is checked as soon as it does, without a
 *     schema change in the tables that link.
 * Timelines query by (related_entity, related_id) with an index.
 */
#ifndef CRM_LINK_H
#define CRM_LINK_H

#include "entity.h"

/* The index of a field of the tool's entity (it must exist). */
size_t crm_rec_index(struct crm_tool *t, const char *name);

/* The value a record will have: r's when given, else old's, else NULL. */
const struct crm_sval *crm_rec_effective(struct crm_tool *t, const struct crm_rec *r,
                                         const struct crm_rec *old, const char *name);

/* Check related_entity/related_id as described above (CRM_DATAERR). */
int crm_link_check(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old);

/* Resolve a related record named "ENTITY:ID" or ENTITY and ID apart:
 * checks as crm_link_check does.  *entity points into a static name. */
int crm_link_resolve(struct crm_tool *t, const char *entity, const char *id_text,
                     const char **canon, int64_t *id);

/* When a contact is given without an account, take the contact's account. */
int crm_link_fill_account(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old);

/* The text field `field` of r, when given, must name a user of crm_user or
 * the acting user ($CRM_USER): else CRM_DATAERR "unknown user". */
int crm_link_check_user(struct crm_tool *t, struct crm_rec *r, const char *field);

/* 1 when `name` is a user (crm_user.name) or the acting user. */
int crm_link_user_exists(struct crm_tool *t, const char *name, int *exists);

#endif
