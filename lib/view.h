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
extern const struct crm_verb crm_view_verbs[];

#endif
