/*
 * crm-contact - people: leads, prospects, customers' staff.
 * The fields are declared in lib/model.c; the generic verbs come with the
 * entity, the customer-base verbs (dupes, merge, unmerge) from lib/dupes.h.
 */
#include "dupes.h"
#include "tool.h"

static const char *const dupes_opts[] = {"min-score", "by", "clusters", NULL};
static const char *const merge_opts[] = {"prefer", NULL};

static const struct crm_verb contact_verbs[] = {
    {"dupes", "", "likely duplicates with a score and the reasons", dupes_opts, crm_verb_dupes,
     CRM_DB_READ, 0},
    {"merge", "KEEP DUP...|-", "merge duplicates into KEEP (- reads dupes output)", merge_opts,
     crm_verb_merge, CRM_DB_WRITE, 0},
    {"unmerge", "DUP...", "undo the merge of these duplicates", NULL, crm_verb_unmerge,
     CRM_DB_WRITE, 0},
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};

int main(int argc, char **argv)
{
    return crm_tool_main("crm-contact", &crm_entity_contact, contact_verbs, crm_dupes_opts, argc,
                         argv);
}
