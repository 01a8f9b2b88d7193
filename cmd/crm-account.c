/*
 * crm-account - organisations: customers, prospects, partners, resellers,
 * suppliers, competitors.  `show` includes the account's contacts (the
 * derived field "contacts"); `delete` refuses an account with contacts
 * unless --cascade or --move-to says what becomes of them.  view is the
 * one-page customer view (lib/view.c); dupes, merge
 * and unmerge come from lib/dupes.h, dossier from lib/custbase.h.
 */
#include "custbase.h"
#include "dupes.h"
#include "view.h"
#include "tool.h"

static const char *const dupes_opts[] = {"min-score", "by", "clusters", NULL};
static const char *const merge_opts[] = {"prefer", NULL};

static const struct crm_verb account_verbs[] = {
    {"dupes", "", "likely duplicates with a score and the reasons", dupes_opts, crm_verb_dupes,
     CRM_DB_READ, 0},
    {"merge", "KEEP DUP...|-", "merge duplicates into KEEP (- reads dupes output)", merge_opts,
     crm_verb_merge, CRM_DB_WRITE, 0},
    {"unmerge", "DUP...", "undo the merge of these duplicates", NULL, crm_verb_unmerge,
     CRM_DB_WRITE, 0},
    {"dossier", "ID...|-", "everything held about an account, as JSON", NULL, crm_verb_dossier,
     CRM_DB_READ, 0},
    CRM_VIEW_VERB,
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};

int main(int argc, char **argv)
{
    return crm_tool_main("crm-account", &crm_entity_account, account_verbs, crm_dupes_opts, argc,
                         argv);
}
