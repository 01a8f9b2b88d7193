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
 * in any written form, from the phone key indexes, with the ids of the open
 * records of every entity that refer to them (open: a "status" or "stage"
 * field, when there is one, is not won, lost, closed, resolved, done,
 * cancelled, completed or rejected); exit 1 when none. */
int crm_verb_who(struct crm_tool *t);

/* dossier ID...: everything the database holds about a person as JSON: the
 * record, the records it refers to, its history, every record of every
 * entity that refers to it (crm_model_children) with their history, and
 * the duplicates merged into it. */
int crm_verb_dossier(struct crm_tool *t);

/* erase ID...: remove the person everywhere: the records that refer to it
 * are unlinked (CRM_F_NULLIFY refs) or erased with it, every history row of
 * those erased and of the person (old values included) and of duplicates
 * merged into it is deleted, a tombstone keeps the SHA-256 of each email
 * and phone key; prints what was removed. */
int crm_verb_erase(struct crm_tool *t);

/* 1 (and *kind, the field) when a value of r belongs to an erased person
 * of t's entity; 0 when not; negative status on error. */
struct crm_rec;
int crm_tombstone_find(struct crm_tool *t, const struct crm_rec *r, const char **kind);

#define CRM_CUSTBASE_OPTS                                                                        \
    {"vcard-version", 0, CRM_OPT_ARG, "V", "4.0|3.0", "export -f vcard: vCard version (default 4.0)"}

#endif
