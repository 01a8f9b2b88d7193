/*
 * crm-task - tasks, reminders and the calendar: what to do next, per person
 * and per team.  Fields in lib/model_activity.c; verbs in lib/task.c.
 */
#include "task.h"

int main(int argc, char **argv)
{
    return crm_tool_main("crm-task", &crm_entity_task, crm_task_verbs, crm_task_opts, argc, argv);
}
