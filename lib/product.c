/*
 * product.c - crm-product: the catalogue's own verbs (prices, price lists,
 * competitor prices) and the shared helpers of the sales tools.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "money.h"
#include "sales.h"
#include "value.h"

/* ---- helpers shared by the sales tools ---------------------------------- */

size_t crm_sales_fi(const struct crm_tool *t, const char *name)
{
    const struct crm_field *f = crm_ent_field(&t->ent, name);
    return f ? (size_t)(f - t->ent.fields) : 0;
}

const struct crm_sval *crm_sales_val(const struct crm_tool *t, const struct crm_rec *r,
                                     const struct crm_rec *old, const char *name)
{
    static const struct crm_sval null;
    size_t i = crm_sales_fi(t, name);
    if (r && r->set[i])
        return &r->v[i];
    if (old)
        return &old->v[i];
    return &null;
}

int crm_sales_print(struct crm_tool *t, const struct crm_sql *q, const struct crm_scol *cols,
                    size_t n)
{
    struct crm_stmt *st;
    struct crm_col *oc = crm_xcalloc(n, sizeof *oc);
    for (size_t i = 0; i < n; i++) {
        oc[i].name = cols[i].name;
        oc[i].kind = cols[i].kind == CRM_SC_TEXT ? CRM_COL_TEXT : CRM_COL_NUMBER;
    }
    int rc = crm_db_query(t->db, q, &st, &t->err);
    if (rc) {
        free(oc);
        return rc;
    }
    struct crm_out *o = crm_tool_out(t, oc, n);
    struct crm_buf *bufs = crm_xcalloc(n, sizeof *bufs);
    const char **vals = crm_xcalloc(n, sizeof *vals);
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        for (size_t i = 0; i < n; i++) {
            crm_buf_reset(&bufs[i]);
            if (crm_stmt_is_null(st, (int)i)) {
                vals[i] = NULL;
                continue;
            }
            int64_t v = crm_stmt_int(st, (int)i);
            switch (cols[i].kind) {
            case CRM_SC_TEXT:
                crm_buf_puts(&bufs[i], crm_stmt_text(st, (int)i));
                break;
            case CRM_SC_INT:
                crm_buf_printf(&bufs[i], "%" PRId64, v);
                break;
            case CRM_SC_DEC:
                crm_value_format_decimal(&bufs[i], v, cols[i].scale);
                break;
            case CRM_SC_MONEY:
                crm_money_format(&bufs[i], v, crm_stmt_text(st, cols[i].currency_col));
                break;
            }
            vals[i] = crm_buf_str(&bufs[i]);
        }
        if ((rc = crm_out_row(o, vals, &t->err))) {
            rc = -rc;
            break;
        }
    }
    crm_stmt_done(st);
    if (rc == 0)
        rc = crm_out_end(o, &t->err);
    else {
        crm_out_free(o);
        rc = -rc;
    }
    for (size_t i = 0; i < n; i++)
        crm_buf_free(&bufs[i]);
    free(bufs);
    free(vals);
    free(oc);
    return rc;
}

static const struct crm_field product_ref = {"product", CRM_T_REF, 0, "product_id", NULL,
                                             "product", NULL, 0, NULL, "product"};

int crm_sales_product(struct crm_tool *t, const char *text, int64_t *id)
{
    return crm_ref_resolve(t, &product_ref, text, id);
}

int crm_sales_price_list(struct crm_tool *t, const char *name, int64_t *id, char currency[4])
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT id, currency FROM price_list WHERE name = ");
    crm_sql_bind_text(&q, name);
    crm_sql_add(&q, " OR (CAST(id AS TEXT) = ");
    crm_sql_bind_text(&q, name);
    crm_sql_add(&q, ") ORDER BY name = ");
    crm_sql_bind_text(&q, name);
    crm_sql_add(&q, " DESC LIMIT 1");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    rc = crm_stmt_step(st, &t->err);
    if (rc > 0) {
        *id = crm_stmt_int(st, 0);
        snprintf(currency, 4, "%s", crm_stmt_text(st, 1));
    }
    crm_stmt_done(st);
    if (rc < 0)
        return -rc;
    if (rc == 0)
        return crm_err_set(&t->err, CRM_DATAERR,
                           "no price list '%s' (see: crm-product pricelist list)", name);
    return CRM_OK;
}

/* ---- the product's rules -------------------------------------------------- */

int crm_product_check(struct crm_tool *t, struct crm_rec *r, const struct crm_rec *old)
{
    const struct crm_sval *v = crm_sales_val(t, r, old, "tax_rate");
    if (v->kind == CRM_SV_INT && (v->i < 0 || v->i > 10000))
        return crm_err_set(&t->err, CRM_DATAERR, "tax_rate: must be between 0 and 100 (percent)");
    v = crm_sales_val(t, r, old, "cost");
    if (v->kind == CRM_SV_INT && v->i < 0)
        return crm_err_set(&t->err, CRM_DATAERR, "cost: must not be negative");
    return CRM_OK;
}

/* ---- prices --------------------------------------------------------------- */

static int need(struct crm_tool *t, size_t n, const char *usage)
{
    if (t->npos != n)
        return crm_err_set(&t->err, CRM_USAGE, "usage: %s %s", t->prog, usage);
    return CRM_OK;
}

static int set_price(struct crm_tool *t, const char *sku, const char *list, const char *amount)
{
    int64_t pid, lid, price;
    char cur[4];
    int rc;
    if ((rc = crm_sales_product(t, sku, &pid)) || (rc = crm_sales_price_list(t, list, &lid, cur)))
        return rc;
    if ((rc = crm_money_parse(amount, cur, &price, &t->err)))
        return crm_err_prefix(&t->err, "amount: ");
    if (price < 0)
        return crm_err_set(&t->err, CRM_DATAERR, "price: must not be negative '%s'", amount);
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "INSERT INTO product_price (product_id, price_list_id, price, updated_at) VALUES (");
    crm_sql_bind_int(&q, pid);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, lid);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, price);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, ") ON CONFLICT (product_id, price_list_id) DO UPDATE SET price = excluded.price, "
                    "updated_at = excluded.updated_at");
    rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    return rc;
}

static const struct crm_scol price_cols[] = {
    {"sku", CRM_SC_TEXT, 0, 0},        {"name", CRM_SC_TEXT, 0, 0},
    {"list", CRM_SC_TEXT, 0, 0},       {"currency", CRM_SC_TEXT, 0, 0},
    {"price", CRM_SC_MONEY, 0, 3},     {"valid_from", CRM_SC_TEXT, 0, 0},
    {"valid_to", CRM_SC_TEXT, 0, 0},
};

static int list_prices(struct crm_tool *t, const char *sku)
{
    struct crm_sql q = CRM_SQL_INIT;
    int64_t pid = 0;
    int rc;
    if (sku && (rc = crm_sales_product(t, sku, &pid)))
        return rc;
    crm_sql_add(&q, "SELECT p.sku, p.name, l.name, l.currency, pp.price, l.valid_from, l.valid_to "
                    "FROM product_price pp JOIN product p ON p.id = pp.product_id "
                    "JOIN price_list l ON l.id = pp.price_list_id");
    if (sku) {
        crm_sql_add(&q, " WHERE p.id = ");
        crm_sql_bind_int(&q, pid);
    }
    const char *list = crm_args_get(&t->args, "list");
    if (list) {
        int64_t lid;
        char cur[4];
        if ((rc = crm_sales_price_list(t, list, &lid, cur))) {
            crm_sql_free(&q);
            return rc;
        }
        crm_sql_add(&q, sku ? " AND" : " WHERE");
        crm_sql_add(&q, " l.id = ");
        crm_sql_bind_int(&q, lid);
    }
    crm_sql_add(&q, " ORDER BY p.sku, l.name");
    rc = crm_sales_print(t, &q, price_cols, sizeof price_cols / sizeof *price_cols);
    crm_sql_free(&q);
    return rc;
}

static int import_prices(struct crm_tool *t, const char *path)
{
    FILE *f = stdin;
    const char *name = "stdin";
    if (path && strcmp(path, "-") != 0) {
        if (!(f = fopen(path, "r")))
            return crm_err_set(&t->err, CRM_NOINPUT, "cannot open %s", path);
        name = path;
    }
    struct crm_input *in = NULL;
    struct crm_record_in rec;
    size_t n = 0;
    int rc = crm_input_open(&in, f, name, CRM_IN_AUTO, 0, &t->err);
    while (rc == CRM_OK) {
        int got = crm_input_next(in, &rec, &t->err);
        if (got <= 0) {
            rc = -got;
            break;
        }
        const char *sku = NULL, *list = NULL, *price = NULL;
        for (size_t i = 0; i < rec.n; i++) {
            if (strcmp(rec.keys[i], "sku") == 0 || strcmp(rec.keys[i], "product") == 0)
                sku = rec.vals[i];
            else if (strcmp(rec.keys[i], "list") == 0)
                list = rec.vals[i];
            else if (strcmp(rec.keys[i], "price") == 0)
                price = rec.vals[i];
        }
        if (!sku || !list || !price)
            rc = crm_err_set(&t->err, CRM_DATAERR, "needs the columns sku, list and price");
        else
            rc = set_price(t, sku, list, price);
        if (rc)
            crm_err_prefix(&t->err, "%s:%zu: ", name, rec.line);
        else
            n++;
    }
    if (in)
        crm_input_close(in);
    if (f != stdin)
        fclose(f);
    if (rc == CRM_OK)
        crm_tool_note(t, "price import: %zu price%s set", n, n == 1 ? "" : "s");
    return rc;
}

static int verb_price(struct crm_tool *t)
{
    const char *sub = t->npos ? t->pos[0] : "";
    if (strcmp(sub, "set") == 0) {
        int rc = need(t, 4, "price set SKU LIST AMOUNT");
        return rc ? rc : set_price(t, t->pos[1], t->pos[2], t->pos[3]);
    }
    if (strcmp(sub, "list") == 0) {
        if (t->npos > 2)
            return need(t, 2, "price list [SKU]");
        return list_prices(t, t->npos == 2 ? t->pos[1] : NULL);
    }
    if (strcmp(sub, "remove") == 0) {
        int64_t pid, lid;
        char cur[4];
        int rc = need(t, 3, "price remove SKU LIST");
        if (rc || (rc = crm_sales_product(t, t->pos[1], &pid)) ||
            (rc = crm_sales_price_list(t, t->pos[2], &lid, cur)))
            return rc;
        struct crm_sql q = CRM_SQL_INIT;
        crm_sql_add(&q, "DELETE FROM product_price WHERE product_id = ");
        crm_sql_bind_int(&q, pid);
        crm_sql_add(&q, " AND price_list_id = ");
        crm_sql_bind_int(&q, lid);
        rc = crm_db_exec(t->db, &q, &t->err);
        crm_sql_free(&q);
        if (rc == CRM_OK && crm_db_changes(t->db) == 0)
            rc = crm_err_set(&t->err, CRM_NOTFOUND, "%s has no price in %s", t->pos[1], t->pos[2]);
        return rc;
    }
    if (strcmp(sub, "import") == 0) {
        if (t->npos > 2)
            return need(t, 2, "price import [FILE|-]");
        return import_prices(t, t->npos == 2 ? t->pos[1] : NULL);
    }
    return crm_err_set(&t->err, CRM_USAGE, "usage: %s price set|list|remove|import ...", t->prog);
}

/* ---- price lists ---------------------------------------------------------- */

static const char *const reserved_lists[] = {"add", "list", "remove", NULL};

static int add_list(struct crm_tool *t)
{
    const char *name = t->pos[1], *cur = crm_args_get(&t->args, "currency");
    const char *from = crm_args_get(&t->args, "from"), *to = crm_args_get(&t->args, "to");
    char d1[11] = "", d2[11] = "", up[4];
    int rc;
    for (size_t i = 0; reserved_lists[i]; i++)
        if (strcmp(name, reserved_lists[i]) == 0)
            return crm_err_set(&t->err, CRM_DATAERR, "'%s' cannot name a price list (a verb)", name);
    if (!*name)
        return crm_err_set(&t->err, CRM_DATAERR, "a price list needs a name");
    if (!cur)
        cur = t->ctx.currency;
    if (crm_currency_scale(cur) < 0)
        return crm_err_set(&t->err, CRM_DATAERR, "unknown currency '%s'", cur);
    for (int i = 0; i < 3; i++)
        up[i] = (char)(cur[i] >= 'a' && cur[i] <= 'z' ? cur[i] - 32 : cur[i]);
    up[3] = '\0';
    if (from && (rc = crm_value_parse_date(from, t->ctx.now, d1, &t->err)))
        return crm_err_prefix(&t->err, "--from: ");
    if (to && (rc = crm_value_parse_date(to, t->ctx.now, d2, &t->err)))
        return crm_err_prefix(&t->err, "--to: ");
    if (from && to && strcmp(d1, d2) > 0)
        return crm_err_set(&t->err, CRM_DATAERR, "--from %s is after --to %s", d1, d2);
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    struct crm_sql q = CRM_SQL_INIT;
    int64_t n;
    int found;
    crm_sql_add(&q, "SELECT count(*) FROM price_list WHERE name = ");
    crm_sql_bind_text(&q, name);
    rc = crm_db_scalar_int(t->db, &q, &n, &found, &t->err);
    crm_sql_reset(&q);
    if (rc == CRM_OK && n)
        rc = crm_err_set(&t->err, CRM_DATAERR, "price list '%s' exists already", name);
    if (rc == CRM_OK) {
        crm_sql_add(&q, "INSERT INTO price_list (name, currency, valid_from, valid_to, created_at, "
                        "updated_at) VALUES (");
        crm_sql_bind_text(&q, name);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, up);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, from ? d1 : NULL);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, to ? d2 : NULL);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, ")");
        rc = crm_db_exec(t->db, &q, &t->err);
    }
    crm_sql_free(&q);
    return rc;
}

static const struct crm_scol list_cols[] = {
    {"id", CRM_SC_INT, 0, 0},         {"name", CRM_SC_TEXT, 0, 0},
    {"currency", CRM_SC_TEXT, 0, 0},  {"valid_from", CRM_SC_TEXT, 0, 0},
    {"valid_to", CRM_SC_TEXT, 0, 0},  {"prices", CRM_SC_INT, 0, 0},
};


static int verb_pricelist(struct crm_tool *t)
{
    const char *sub = t->npos ? t->pos[0] : "";
    if (t->docfmt && (t->npos != 1 || strcmp(sub, "list") == 0))
        return crm_err_set(&t->err, CRM_USAGE, "unknown format '%s' (use table, csv, tsv, json or "
                           "jsonl)", t->docfmt);
    if (strcmp(sub, "add") == 0) {
        int rc = need(t, 2, "pricelist add NAME [--currency C] [--from DATE] [--to DATE]");
        return rc ? rc : add_list(t);
    }
    if (strcmp(sub, "list") == 0) {
        struct crm_sql q = CRM_SQL_INIT;
        crm_sql_add(&q, "SELECT l.id, l.name, l.currency, l.valid_from, l.valid_to, (SELECT "
                        "count(*) FROM product_price pp WHERE pp.price_list_id = l.id) FROM "
                        "price_list l ORDER BY l.name");
        int rc = crm_sales_print(t, &q, list_cols, sizeof list_cols / sizeof *list_cols);
        crm_sql_free(&q);
        return rc;
    }
    if (strcmp(sub, "remove") == 0) {
        int64_t lid;
        char cur[4];
        int rc = need(t, 2, "pricelist remove NAME");
        if (rc || (rc = crm_sales_price_list(t, t->pos[1], &lid, cur)))
            return rc;
        struct crm_sql q = CRM_SQL_INIT;
        crm_sql_add(&q, "DELETE FROM price_list WHERE id = ");
        crm_sql_bind_int(&q, lid);
        rc = crm_db_exec(t->db, &q, &t->err);
        crm_sql_free(&q);
        return rc;
    }
    if (t->npos == 1)
        return crm_product_pricelist_doc(t, t->pos[0]);
    return crm_err_set(&t->err, CRM_USAGE, "usage: %s pricelist add|list|remove ... or pricelist "
                       "NAME [-f csv|md|html|txt] [--on DATE]", t->prog);
}

/* ---- competitor prices ------------------------------------------------------ */

static const struct crm_field competitor_ref = {"competitor", CRM_T_REF, 0, "competitor_id", NULL,
                                                "account", NULL, 0, NULL, "competitor"};

static int add_competitor(struct crm_tool *t)
{
    int64_t pid, aid, price;
    int rc;
    char on[11];
    const char *cur = crm_args_get(&t->args, "currency");
    if (!cur)
        cur = t->ctx.currency;
    if ((rc = crm_sales_product(t, t->pos[1], &pid)) ||
        (rc = crm_ref_resolve(t, &competitor_ref, t->pos[2], &aid)))
        return rc;
    struct crm_sql q = CRM_SQL_INIT;
    int64_t is_comp = 0;
    int found;
    crm_sql_add(&q, "SELECT type = 'competitor' FROM account WHERE id = ");
    crm_sql_bind_int(&q, aid);
    rc = crm_db_scalar_int(t->db, &q, &is_comp, &found, &t->err);
    crm_sql_reset(&q);
    if (rc == CRM_OK && !is_comp)
        rc = crm_err_set(&t->err, CRM_DATAERR,
                         "account '%s' is not a competitor (crm-account update ID type=competitor)",
                         t->pos[2]);
    if (rc == CRM_OK && (rc = crm_money_parse(t->pos[3], cur, &price, &t->err)))
        crm_err_prefix(&t->err, "price: ");
    if (rc == CRM_OK && price < 0)
        rc = crm_err_set(&t->err, CRM_DATAERR, "price: must not be negative '%s'", t->pos[3]);
    if (rc == CRM_OK &&
        (rc = crm_value_parse_date(crm_args_get(&t->args, "on") ? crm_args_get(&t->args, "on")
                                                                 : "today",
                                   t->ctx.now, on, &t->err)))
        crm_err_prefix(&t->err, "--on: ");
    if (rc == CRM_OK) {
        char now[21], up[4];
        for (int i = 0; i < 3; i++)
            up[i] = (char)(cur[i] >= 'a' && cur[i] <= 'z' ? cur[i] - 32 : cur[i]);
        up[3] = '\0';
        crm_value_epoch_datetime(t->ctx.now, now);
        crm_sql_add(&q, "INSERT INTO competitor_price (product_id, competitor_id, price, currency, "
                        "observed_on, source, created_at) VALUES (");
        crm_sql_bind_int(&q, pid);
        crm_sql_add(&q, ", ");
        crm_sql_bind_int(&q, aid);
        crm_sql_add(&q, ", ");
        crm_sql_bind_int(&q, price);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, up);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, on);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, crm_args_get(&t->args, "source"));
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, ")");
        rc = crm_db_exec(t->db, &q, &t->err);
    }
    crm_sql_free(&q);
    return rc;
}

static const struct crm_scol comp_cols[] = {
    {"id", CRM_SC_INT, 0, 0},         {"sku", CRM_SC_TEXT, 0, 0},
    {"competitor", CRM_SC_TEXT, 0, 0}, {"currency", CRM_SC_TEXT, 0, 0},
    {"price", CRM_SC_MONEY, 0, 3},    {"observed_on", CRM_SC_TEXT, 0, 0},
    {"source", CRM_SC_TEXT, 0, 0},
};

static int verb_competitor(struct crm_tool *t)
{
    const char *sub = t->npos ? t->pos[0] : "";
    if (strcmp(sub, "add") == 0) {
        int rc = need(t, 4, "competitor add SKU ACCOUNT PRICE [--currency C] [--on DATE] [--source S]");
        return rc ? rc : add_competitor(t);
    }
    if (strcmp(sub, "list") == 0) {
        if (t->npos > 2)
            return need(t, 2, "competitor list [SKU]");
        int64_t pid = 0;
        int rc;
        if (t->npos == 2 && (rc = crm_sales_product(t, t->pos[1], &pid)))
            return rc;
        struct crm_sql q = CRM_SQL_INIT;
        crm_sql_add(&q, "SELECT c.id, p.sku, a.name, c.currency, c.price, c.observed_on, c.source "
                        "FROM competitor_price c JOIN product p ON p.id = c.product_id "
                        "JOIN account a ON a.id = c.competitor_id");
        if (t->npos == 2) {
            crm_sql_add(&q, " WHERE p.id = ");
            crm_sql_bind_int(&q, pid);
        }
        crm_sql_add(&q, " ORDER BY p.sku, c.observed_on DESC, c.id");
        rc = crm_sales_print(t, &q, comp_cols, sizeof comp_cols / sizeof *comp_cols);
        crm_sql_free(&q);
        return rc;
    }
    return crm_err_set(&t->err, CRM_USAGE, "usage: %s competitor add|list ...", t->prog);
}

static const char *const price_opts[] = {"list", NULL};
static const char *const pricelist_opts[] = {"format", "where", "currency", "from", "to", "on", "title", NULL};
static const char *const competitor_opts[] = {"currency", "on", "source", NULL};

const struct crm_opt crm_product_opts[] = {
    {"list", 0, CRM_OPT_ARG, "LIST", NULL, "price list: only the prices of this price list"},
    {"currency", 0, CRM_OPT_ARG, "CODE", NULL, "ISO 4217 currency (default $CRM_CURRENCY)"},
    {"from", 0, CRM_OPT_ARG, "DATE", NULL, "pricelist add: first day the list is valid"},
    {"to", 0, CRM_OPT_ARG, "DATE", NULL, "pricelist add: last day the list is valid"},
    {"on", 0, CRM_OPT_ARG, "DATE", NULL, "the day (pricelist: prices valid then; competitor: observed)"},
    {"source", 0, CRM_OPT_ARG, "TEXT", NULL, "competitor add: where the price was seen"},
    {"title", 0, CRM_OPT_ARG, "TEXT", NULL, "pricelist: the document's title"},
    {NULL, 0, 0, NULL, NULL, NULL},
};

const struct crm_verb crm_product_verbs[] = {
    {"price", "set|list|remove|import ...", "prices of products in price lists", price_opts,
     verb_price, CRM_DB_WRITE, 0},
    {"pricelist", "add|list|remove ...|NAME", "price lists; NAME: the generated price list",
     pricelist_opts, verb_pricelist, CRM_DB_WRITE, 0},
    {"competitor", "add|list ...", "competitors' prices of products", competitor_opts,
     verb_competitor, CRM_DB_WRITE, 0},
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};
