/*
 * model.h - the entities of crm and their fields.
 *
 * Each entity is declared once here (its field table) and used by every
 * tool: crm-contact needs the account's fields for `account.industry = ...`
 * and for matching accounts by name, the reports need everyone's.  The
 * schema (schema.sql) creates the same columns; a unit test checks that the
 * two agree.
 *
 * Custom fields (`crm field add`) are added at run time: struct crm_ent is
 * the run-time view of an entity, its built-in fields followed by its custom
 * ones (see entity.h for loading them).
 */
#ifndef CRM_MODEL_H
#define CRM_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "field.h"

struct crm_tool;
struct crm_rec;

/* A ref field of some entity that points at another: the one mechanism by
 * which delete (and merge) find the records that refer to a record. */
struct crm_relation_child {
    const struct crm_entity *entity; /* the child entity (contact) */
    const char *field;               /* its ref field pointing here ("account") */
    int nullify;                     /* on delete: 1 = set the ref to null (CRM_F_NULLIFY),
                                        0 = refuse unless --cascade or --move-to */
};

struct crm_tool;
struct crm_rec;

struct crm_entity {
    const char *name;           /* "contact": the noun of crm-NOUN and of history */
    const char *table;          /* SQL table */
    const char *natural_key;    /* field matched by name in relations/imports, or NULL */
    const char *label;          /* SQL expression naming a record for people (model constant) */
    const struct crm_field *fields;
    size_t nfields;
    const char *fts_table;      /* FTS5 table, or NULL */
    const char *const *required_any; /* at least one of these fields must be set, or NULL */
    /* Optional hooks of an entity with rules beyond its field table (entity.c
     * calls them for every write of the tool's own entity: add, update,
     * import, restore).  check: before the write, may fill fields in r (old
     * is NULL for an insert); a non-zero status refuses the write.  written:
     * after the write (old NULL for an insert; r holds the fields given). */
    int (*check)(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old);
    int (*written)(struct crm_tool *t, int64_t id, const struct crm_rec *old,
                   const struct crm_rec *r);
    /* SQL condition (model constant, over the entity's table) of a record
     * that is still open, for the load of owners in `assign --by load`;
     * NULL: every record counts. */
    const char *open_sql;
    /* Rules across fields (an end before its start), run by every insert and
     * update: `r` is the record as it will be stored (one value per field of
     * the entity view), `given` the values being written (its set[] tells
     * which; the same as r for an insert), so a rule can apply to changed
     * fields only.  Returns a status with err filled, or 0.  NULL: none. */
    int (*validate)(struct crm_tool *t, const struct crm_rec *r, const struct crm_rec *given);
    /* Fill in what crm derives for a new record (a number, deadlines), run
     * by every insert after the defaults and before the checks; NULL: none. */
    int (*prepare)(struct crm_tool *t, struct crm_rec *r);
};

extern const struct crm_entity crm_entity_contact, crm_entity_account, crm_entity_user;
/* Sales (model_sales.c). */
extern const struct crm_entity crm_entity_product, crm_entity_deal, crm_entity_deal_item;
/* Interactions and time (model_activity.c). */
extern const struct crm_entity crm_entity_activity, crm_entity_task;
/* Customer service (model_service.c). */
extern const struct crm_entity crm_entity_kb, crm_entity_contract, crm_entity_ticket;
extern const char *const crm_ticket_priorities[], *const crm_ticket_statuses[];
/* Marketing (model_marketing.c). */
extern const struct crm_entity crm_entity_campaign;

/* Every entity, NULL-terminated. */
extern const struct crm_entity *const crm_entities[];

const struct crm_entity *crm_model_entity(const char *name);

/* The ref fields of every entity that point at `def`, up to max; returns
 * how many there are. */
size_t crm_model_children(const struct crm_entity *def, struct crm_relation_child *out,
                          size_t max);

/* The run-time view of an entity: built-in fields then custom ones. */
struct crm_ent {
    const struct crm_entity *def;
    struct crm_field *fields;  /* owned: built-in copies + custom (custom strings owned too) */
    size_t nfields;
};

/* Find a field by name, or NULL. */
const struct crm_field *crm_ent_field(const struct crm_ent *e, const char *name);

/* A view with the built-in fields only (no database needed). */
void crm_ent_init_builtin(struct crm_ent *e, const struct crm_entity *def);
/* Add one custom field (copies strings). */
void crm_ent_add_custom(struct crm_ent *e, const char *name, enum crm_type type,
                        const char *const *values);
void crm_ent_free(struct crm_ent *e);

#endif
