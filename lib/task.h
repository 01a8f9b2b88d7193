/*
 * task.h - the verbs of crm-task beyond the generic ones: list (with
 * --overdue, --delegated-by, --assignee), done (with recurrence), agenda,
 * due (reminders for cron) and export -f ics (ics.h writes the lines).
 */
#ifndef CRM_TASK_H
#define CRM_TASK_H

#include "tool.h"

extern const struct crm_verb crm_task_verbs[];
extern const struct crm_opt crm_task_opts[];

/* export -f ics: tasks as VTODO and meetings as VEVENT. */
int crm_task_export_ics(struct crm_tool *t);

#endif
