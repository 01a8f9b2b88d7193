/*
 * custbase.h - the customer-base verbs of crm-contact beyond duplicates:
 * export with vCard options, the mutt/aerc address query, caller
 * identification, a person's dossier and erasure.
 */
#ifndef CRM_CUSTBASE_H
#define CRM_CUSTBASE_H

#include "tool.h"

int crm_verb_contact_export(struct crm_tool *t);

#define CRM_CUSTBASE_OPTS                                                                        \
    {"vcard-version", 0, CRM_OPT_ARG, "V", "4.0|3.0", "export -f vcard: vCard version (default 4.0)"}

#endif
