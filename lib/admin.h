/*
 * admin.h - the verbs of `crm` itself that work on the whole database:
 * init, sql, check, backup, history (the change feed) and field (custom
 * fields).  cmd/crm.c declares them; the work and the SQL are here.
 */
#ifndef CRM_ADMIN_H
#define CRM_ADMIN_H

#include "tool.h"

int crm_admin_init(struct crm_tool *t);
int crm_admin_sql(struct crm_tool *t);
int crm_admin_check(struct crm_tool *t);
int crm_admin_backup(struct crm_tool *t);
int crm_admin_history(struct crm_tool *t);
int crm_admin_field(struct crm_tool *t);

extern const struct crm_opt crm_admin_opts[];

#endif
