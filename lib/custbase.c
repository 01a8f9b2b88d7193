/*
 * custbase.c - export (vCard options), query, who, dossier, erase of
 * crm-contact (custbase.h).
 */
#include "custbase.h"

#include <stdlib.h>
#include <string.h>

#include "entity.h"

int crm_verb_contact_export(struct crm_tool *t)
{
    const char *v = crm_args_get(&t->args, "vcard-version");
    if (v) {
        if (strcmp(v, "4.0") == 0 || strcmp(v, "4") == 0)
            t->oopts.vcard_version = 40;
        else if (strcmp(v, "3.0") == 0 || strcmp(v, "3") == 0)
            t->oopts.vcard_version = 30;
        else
            return crm_err_set(&t->err, CRM_USAGE, "--vcard-version: expected 4.0 or 3.0, got '%s'",
                               v);
        if (t->fmt != CRM_OUT_VCARD)
            return crm_err_set(&t->err, CRM_USAGE, "--vcard-version goes with -f vcard");
    }
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "export takes no arguments (use --where)");
    /* A vCard names the account: the derived account_name comes too. */
    return crm_entity_print(t, NULL, t->fmt == CRM_OUT_VCARD ? 1 : 2);
}

