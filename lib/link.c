/*
 * link.c - the links of activities and tasks to other records (link.h).
 */
#include "link.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* Nouns that crm plans (crm.c) but whose entity may not be in the model yet. */
static const char *const planned[] = {"deal", "ticket", "campaign", "contract", "order",
                                      "product", NULL};

size_t crm_rec_index(struct crm_tool *t, const char *name)
{
    const struct crm_field *f = crm_ent_field(&t->ent, name);
    return f ? (size_t)(f - t->ent.fields) : 0;
}

const struct crm_sval *crm_rec_effective(struct crm_tool *t, const struct crm_rec *r,
                                         const struct crm_rec *old, const char *name)
{
    const struct crm_field *f = crm_ent_field(&t->ent, name);
    if (!f)
        return NULL;
    size_t i = (size_t)(f - t->ent.fields);
    if (r->set[i])
        return &r->v[i];
    return old ? &old->v[i] : NULL;
}

static const char *canon_entity(const char *name)
{
    for (size_t i = 0; crm_entities[i]; i++)
        if (strcmp(crm_entities[i]->name, name) == 0)
            return crm_entities[i]->name;
    for (size_t i = 0; planned[i]; i++)
        if (strcmp(planned[i], name) == 0)
            return planned[i];
    return NULL;
}

static int check_pair(struct crm_tool *t, const char *entity, int64_t id)
{
    const struct crm_entity *def = crm_model_entity(entity);
    if (!def)
        return CRM_OK; /* planned entity: checked once it exists */
    struct crm_sql q = CRM_SQL_INIT;
    int64_t got;
    int found;
    crm_sql_addf(&q, "SELECT id FROM \"%s\" WHERE id = ", def->table);
    crm_sql_bind_int(&q, id);
    int rc = crm_db_scalar_int(t->db, &q, &got, &found, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    if (!found)
        return crm_err_set(&t->err, CRM_DATAERR, "related_id: no %s with id %" PRId64, entity, id);
    return CRM_OK;
}

static int unknown_entity(struct crm_tool *t, const char *name)
{
    struct crm_buf b = CRM_BUF_INIT;
    for (size_t i = 0; crm_entities[i]; i++)
        crm_buf_printf(&b, "%s%s", b.len ? ", " : "", crm_entities[i]->name);
    for (size_t i = 0; planned[i]; i++)
        if (!crm_model_entity(planned[i]))
            crm_buf_printf(&b, ", %s", planned[i]);
    crm_err_set(&t->err, CRM_DATAERR, "related_entity: unknown entity '%s' (use one of: %s)", name,
                crm_buf_str(&b));
    crm_buf_free(&b);
    return CRM_DATAERR;
}

int crm_link_check(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old)
{
    const struct crm_sval *e = crm_rec_effective(t, r, old, "related_entity");
    const struct crm_sval *id = crm_rec_effective(t, r, old, "related_id");
    int has_e = e && e->kind != CRM_SV_NULL, has_id = id && id->kind != CRM_SV_NULL;
    if (!has_e && !has_id)
        return CRM_OK;
    if (has_e != has_id)
        return crm_err_set(&t->err, CRM_DATAERR,
                           "related_entity and related_id go together: give both or neither");
    const char *name = crm_buf_str(&e->s);
    if (!canon_entity(name))
        return unknown_entity(t, name);
    return check_pair(t, name, id->i);
}

int crm_link_resolve(struct crm_tool *t, const char *entity, const char *id_text,
                     const char **canon, int64_t *id)
{
    *canon = canon_entity(entity);
    if (!*canon)
        return unknown_entity(t, entity);
    char *end;
    long long v = strtoll(id_text, &end, 10);
    if (!*id_text || *end || v <= 0)
        return crm_err_set(&t->err, CRM_DATAERR, "%s: not a record id '%s'", entity, id_text);
    *id = v;
    return check_pair(t, *canon, *id);
}

int crm_link_fill_account(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old)
{
    size_t ci = crm_rec_index(t, "contact"), ai = crm_rec_index(t, "account");
    if (!r->set[ci] || r->v[ci].kind != CRM_SV_INT || r->set[ai])
        return CRM_OK;
    if (old && old->v[ai].kind != CRM_SV_NULL)
        return CRM_OK;
    struct crm_sql q = CRM_SQL_INIT;
    int64_t acc;
    int found;
    crm_sql_add(&q, "SELECT account_id FROM contact WHERE account_id IS NOT NULL AND id = ");
    crm_sql_bind_int(&q, r->v[ci].i);
    int rc = crm_db_scalar_int(t->db, &q, &acc, &found, &t->err);
    crm_sql_free(&q);
    if (rc || !found)
        return rc;
    crm_sval_free(&r->v[ai]);
    r->v[ai].kind = CRM_SV_INT;
    r->v[ai].i = acc;
    r->set[ai] = 1;
    return CRM_OK;
}

int crm_link_user_exists(struct crm_tool *t, const char *name, int *exists)
{
    *exists = 1;
    if (t->ctx.user && strcmp(name, t->ctx.user) == 0)
        return CRM_OK;
    struct crm_sql q = CRM_SQL_INIT;
    int64_t one;
    crm_sql_add(&q, "SELECT 1 FROM crm_user WHERE name = ");
    crm_sql_bind_text(&q, name);
    int rc = crm_db_scalar_int(t->db, &q, &one, exists, &t->err);
    crm_sql_free(&q);
    return rc;
}

int crm_link_check_user(struct crm_tool *t, struct crm_rec *r, const char *field)
{
    size_t i = crm_rec_index(t, field);
    if (!r->set[i] || r->v[i].kind != CRM_SV_TEXT)
        return CRM_OK;
    const char *name = crm_buf_str(&r->v[i].s);
    int exists, rc;
    if ((rc = crm_link_user_exists(t, name, &exists)))
        return rc;
    if (!exists)
        return crm_err_set(&t->err, CRM_DATAERR,
                           "%s: unknown user '%s' (add it with 'crm user add name=%s')", field,
                           name, name);
    return CRM_OK;
}
