/*
 * view.h - the one-page customer view: `crm-account view ID` and
 * `crm-contact view ID`.  The record, its contacts, recent activities,
 * open tasks, every other record that refers to it (deals, tickets,
 * contracts, campaign memberships: found from the ref fields of the model,
 * so entities added later appear without a change here) and totals
 * (lifetime revenue, last contact, next planned step), as text for a
 * terminal, JSON for scripts or a self-contained HTML page.
 */
#ifndef CRM_VIEW_H
#define CRM_VIEW_H

#include "tool.h"

/* The verb table {view} for crm-account and crm-contact. */
/* The view verb, for the verb tables of crm-contact and crm-account. */
int crm_view_run(struct crm_tool *t);
extern const char *const crm_view_opts[];
#define CRM_VIEW_VERB                                                                              \
    {"view", "ID", "the whole relationship on one page (text, -f json, -f html)", crm_view_opts, \
     crm_view_run, CRM_DB_READ, 0}

#endif
