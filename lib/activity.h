/*
 * activity.h - the verbs of crm-activity beyond the generic ones: log (the
 * quick case), timeline, import-mail (mail.c reads the messages).
 */
#ifndef CRM_ACTIVITY_H
#define CRM_ACTIVITY_H

#include "tool.h"

extern const struct crm_verb crm_activity_verbs[];
extern const struct crm_opt crm_activity_opts[];

/* The link options (--contact, --account, --deal, --ticket, --campaign,
 * --related) as an SQL condition over `alias` (activity or task rows):
 * appended to q, with *given = 1 when any was given.  The timeline of an
 * account includes its contacts' records. */
int crm_link_filter(struct crm_tool *t, const char *alias, struct crm_sql *q, int *given);

/* Set the link fields of r from the link options. */
int crm_link_from_opts(struct crm_tool *t, struct crm_rec *r);


/* import-mail, in mail_import.c */
int crm_activity_import_mail(struct crm_tool *t);

#endif
