/*
 * preset.h - the column layouts of other systems' exports (import
 * --preset): Google Contacts, Outlook, Salesforce and HubSpot.  A preset
 * turns one row of the vendor's CSV into values named by crm fields, so
 * that a user migrating imports in one command.  Columns a preset does not
 * read are skipped (import says which).
 */
#ifndef CRM_PRESET_H
#define CRM_PRESET_H

#include <stddef.h>

#include "buf.h"
#include "err.h"
#include "input.h"

struct crm_preset;

/* The preset of that name for the entity ("contact", "account"). */
int crm_preset_find(const char *name, const char *entity, const struct crm_preset **p,
                    struct crm_err *err);

/* A converted row: field names and values (owned). */
struct crm_preset_row {
    size_t n, cap;
    char **keys;
    char **vals;
    size_t line;
};

/* Convert one input row (the first column a field is found in wins). */
void crm_preset_apply(const struct crm_preset *p, const struct crm_record_in *in,
                      struct crm_preset_row *out);
void crm_preset_row_free(struct crm_preset_row *r);

/* The input columns the preset does not read, ", "-separated, into out;
 * how many there are. */
size_t crm_preset_unused(const struct crm_preset *p, const struct crm_record_in *in,
                         struct crm_buf *out);

#endif
