/*
 * history.h - the record of every change: who, when, which record, which
 * field, old and new value.  An insert keeps the whole new record (JSON of
 * display values) in "new"; a delete keeps the whole old record in "old",
 * from which restore brings it back.  The sequence number is the cursor of
 * the change feed (`crm history --since`).
 */
#ifndef CRM_HISTORY_H
#define CRM_HISTORY_H

#include <stdint.h>

#include "db.h"
#include "field.h"
#include "tool.h"

int crm_history_add(struct crm_db *db, const struct crm_ctx *ctx, const char *entity, int64_t id,
                    const char *action, const char *field, const char *old, const char *new_,
                    struct crm_err *err);

/* The JSON of the record as it was last deleted, if it is not back yet;
 * *json is NULL when there is none.  Caller frees *json. */
int crm_history_last_deleted(struct crm_db *db, const char *entity, int64_t id, char **json,
                             struct crm_err *err);

/*
 * Print history rows: of `entity` records `ids` (n > 0), or of everything
 * (entity NULL) from `since` on (a date-time or a sequence number).
 * Columns: seq, at, user, entity, id, action, field, old, new.
 */
int crm_history_print(struct crm_tool *t, const char *entity, const int64_t *ids, size_t n,
                      const char *since);

#endif
