/*
 * entity.h - the generic verbs of every entity tool, driven by its field
 * table: add, show, list, update, delete, restore, import, export, count,
 * search, history.  Also the record operations other verbs build on.
 */
#ifndef CRM_ENTITY_H
#define CRM_ENTITY_H

#include <stdint.h>

#include "tool.h"

extern const struct crm_verb crm_entity_verbs[];
extern const struct crm_opt crm_entity_opts[];

/*
 * A record being written: one stored value per field of the tool's entity
 * view (t->ent), and whether each was given.  Owns its values.
 */
struct crm_rec {
    size_t n;
    struct crm_sval *v;
    unsigned char *set;
};

void crm_rec_init(struct crm_rec *r, size_t nfields);
void crm_rec_free(struct crm_rec *r);

/* Parse "FIELD=VALUE" (and tags+=x / tags-=x against `old`, may be NULL)
 * into r.  CRM_USAGE for an unknown field or a missing '='; CRM_DATAERR for
 * a bad value. */
int crm_rec_assign(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old,
                   const char *arg);

/* Set one field from user text (import, assignments). */
int crm_rec_set(struct crm_tool *t, struct crm_rec *r, const struct crm_field *f, const char *text,
                const struct crm_rec *old);

/* Load a record by id: 1 found, 0 not, negative status on error. */
int crm_rec_load(struct crm_tool *t, int64_t id, struct crm_rec *r);

/* Insert r (defaults applied, required checked, refs resolved); *id set. */
int crm_rec_insert(struct crm_tool *t, struct crm_rec *r, int64_t *id);

/* Write the fields set in `r` that differ from `old` to record id, with
 * history; *changed = number of fields changed.  A new country re-reads the
 * record's phones, and the entity's check (model.h) may set more fields:
 * r gains them. */
int crm_rec_update(struct crm_tool *t, int64_t id, const struct crm_rec *old,
                   struct crm_rec *r, int *changed);

/* Delete a record, keeping it in the history so it can be restored. */
int crm_rec_delete(struct crm_tool *t, int64_t id);

/* Find the record whose fields `keys` equal r's values (upsert by --key):
 * 1 and *id when found, 0 when not, negative status on error (CRM_DATAERR
 * when several match). */
int crm_rec_find_by_keys(struct crm_tool *t, const struct crm_field *const *keys, size_t nkeys,
                         const struct crm_rec *r, int64_t *id);

/* Resolve a ref field's text (an id or the natural key of the related
 * record) to an id. */
int crm_ref_resolve(struct crm_tool *t, const struct crm_field *f, const char *text, int64_t *id);

/* The same, creating the related record named by its natural key when there
 * is none (*created = 1): an imported vCard's ORG becomes an account. */
int crm_ref_resolve_create(struct crm_tool *t, const struct crm_field *f, const char *text,
                           int64_t *id, int *created);

/* Print the records matching the common options (--where, --sort, --limit,
 * --fields) plus an extra SQL condition (may be NULL). */
int crm_entity_print(struct crm_tool *t, const struct crm_sql *extra_cond, int all_fields);
/* The same with another default order than "id" (a model constant such as
 * "occurred_at DESC, id DESC"; --sort still comes first). */
int crm_entity_print_sorted(struct crm_tool *t, const struct crm_sql *extra_cond, int all_fields,
                            const char *order);

/* Print the records whose full-text index matches the FTS5 query `match`,
 * best first (bm25), with the common options and an extra condition (may be
 * NULL): search, and verbs that rank records for something (kb suggest). */
int crm_entity_print_match(struct crm_tool *t, const char *match, const struct crm_sql *extra_cond);

/* Print the records with these ids, in order; missing ones are reported and
 * make the status CRM_NOTFOUND. */
int crm_entity_show_ids(struct crm_tool *t, const int64_t *ids, size_t n);

/* Parse the ids among the positional args (or '-' for stdin). */
int crm_entity_collect_ids(struct crm_tool *t, size_t from, size_t to, int64_t **ids, size_t *n);

/* Insert a record from a JSON object of display values (restore). */
int crm_entity_insert_json(struct crm_tool *t, const char *json, const char *action);

/* The --where filters of the command (and extra, may be NULL) as " WHERE ...". */
int crm_entity_filters(struct crm_tool *t, struct crm_sql *q, const struct crm_sql *extra);

/* Relations (model.h crm_model_children): the ids of the child records of
 * c that refer to record id; point one child at target (has_target 0: null). */
int crm_rec_child_ids(struct crm_tool *t, const struct crm_relation_child *c, int64_t id,
                      int64_t **ids, size_t *n);
int crm_rec_set_ref(struct crm_tool *t, const struct crm_relation_child *c, int64_t child,
                    int has_target, int64_t target);

/* The record operations on another entity's view (crm_tool_related). */
int crm_rec_load_in(struct crm_tool *t, const struct crm_ent *e, int64_t id, struct crm_rec *r);
int crm_rec_delete_in(struct crm_tool *t, const struct crm_ent *e, int64_t id);

/* A record as the JSON object of display values the history keeps; the
 * display text of field i (NULL for null). */
void crm_rec_json(const struct crm_ent *e, const struct crm_rec *r, struct crm_buf *out);
const char *crm_rec_display(const struct crm_ent *e, const struct crm_rec *r, size_t i,
                            struct crm_buf *tmp);

/* Import verb, in import.c. */
int crm_entity_import(struct crm_tool *t);

#endif
