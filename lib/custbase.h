/*
 * custbase.h - the customer-base verbs of crm-contact beyond duplicates:
 * export with vCard options, the mutt/aerc address query, caller
 * identification, a person's dossier and erasure.
 */
#ifndef CRM_CUSTBASE_H
#define CRM_CUSTBASE_H

#include "tool.h"

int crm_verb_contact_export(struct crm_tool *t);

/* query TEXT...: a first line for people, then email TAB name TAB account
 * lines of the contacts whose names, emails or account names start with
 * the words (full-text index); exit 1 when none. */
int crm_verb_query(struct crm_tool *t);

/* who PHONE: the contacts (phone or mobile) and accounts with this number
 * in any written form, from the phone key indexes, with the ids of the
 * records of every entity that refer to them; exit 1 when none. */
int crm_verb_who(struct crm_tool *t);

#define CRM_CUSTBASE_OPTS                                                                        \
    {"vcard-version", 0, CRM_OPT_ARG, "V", "4.0|3.0", "export -f vcard: vCard version (default 4.0)"}

#endif
