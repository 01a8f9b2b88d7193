/*
 * crm-contact - people: leads, prospects, customers' staff.
 * The fields are declared in lib/model.c; the generic verbs come with the
 * entity, view (lib/view.c), the customer-base verbs from lib/dupes.h and lib/custbase.h.
 * Output and input may also be vCards (-f vcard; lib/vcard.h).
 */
#include "custbase.h"
#include "dupes.h"
#include "view.h"
#include "tool.h"

static const char *const dupes_opts[] = {"min-score", "by", "clusters", NULL};
static const char *const merge_opts[] = {"prefer", NULL};
static const char *const export_opts[] = {"safe-csv", "vcard-version", "segment", NULL};

static const struct crm_verb contact_verbs[] = {
    {"dupes", "", "likely duplicates with a score and the reasons", dupes_opts, crm_verb_dupes,
     CRM_DB_READ, 0},
    {"merge", "KEEP DUP...|-", "merge duplicates into KEEP (- reads dupes output)", merge_opts,
     crm_verb_merge, CRM_DB_WRITE, 0},
    {"unmerge", "DUP...", "undo the merge of these duplicates", NULL, crm_verb_unmerge,
     CRM_DB_WRITE, 0},
    {"query", "TEXT...", "mutt/aerc address query: email TAB name TAB account", NULL,
     crm_verb_query, CRM_DB_READ, 0},
    {"who", "PHONE", "caller identification: contacts and accounts with this number", NULL,
     crm_verb_who, CRM_DB_READ, 0},
    {"dossier", "ID...|-", "everything held about a person, as JSON (right of access)", NULL,
     crm_verb_dossier, CRM_DB_READ, 0},
    {"erase", "ID...|-", "remove a person everywhere, history too; keep a hashed tombstone", NULL,
     crm_verb_erase, CRM_DB_WRITE, 0},
    {"export", "", "every field of every matching record (-f vcard: an address book)", export_opts,
     crm_verb_contact_export, CRM_DB_READ, 0},
    CRM_VIEW_VERB,
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};

static const struct crm_opt contact_opts[] = {
    CRM_DUPES_OPTS,
    CRM_CUSTBASE_OPTS,
    {NULL, 0, 0, NULL, NULL, NULL},
};

int main(int argc, char **argv)
{
    crm_out_allow_vcard();
    return crm_tool_main("crm-contact", &crm_entity_contact, contact_verbs, contact_opts, argc,
                         argv);
}
