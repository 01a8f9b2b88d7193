/*
 * crm-activity - the log of every interaction: calls, emails, meetings,
 * letters, notes, orders, visits.  Fields in lib/model_activity.c; verbs
 * log, timeline and import-mail in lib/activity.c and lib/mail_import.c.
 */
#include "activity.h"

int main(int argc, char **argv)
{
    return crm_tool_main("crm-activity", &crm_entity_activity, crm_activity_verbs,
                         crm_activity_opts, argc, argv);
}
