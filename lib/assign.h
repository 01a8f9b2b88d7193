/*
 * assign.h - `assign`: give records of any entity with an `owner` field to
 * owners, deterministically (crm-contact assign, crm-deal assign, ...).
 *
 *   round-robin  records in id order to the owners in the order given
 *   load         each record, in id order, to the owner with the fewest
 *                open records of the entity (the entity's open_sql, else
 *                all its records), ties to the one named first; the
 *                count grows with every record given
 *   region       each record to an owner whose `crm user` region equals the
 *                record's region (ignoring case), round robin among them;
 *                a record with no such owner goes round robin to all
 *
 * The owners must be active users (crm user).  Every change is an update
 * of the record (history, the entity's rules).  The assignment is printed
 * (id, name, previous_owner, owner, by) so it can be reviewed or mailed.
 */
#ifndef CRM_ASSIGN_H
#define CRM_ASSIGN_H

#include "tool.h"

int crm_entity_assign(struct crm_tool *t);

#endif
