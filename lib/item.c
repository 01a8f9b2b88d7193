/*
 * item.c - `crm-deal item add|list|update|remove`: the line items of a deal.
 *
 * A line's price defaults from the price list valid on the deal's date (the
 * day it was created) in the deal's currency; its tax rate is the product's.
 * Amounts are exact integers in the currency's minor unit, each line rounded
 * on its own (money.h).  After every change the deal's amount becomes the
 * sum of the lines' net amounts, through the deal's own update (history and
 * stage rules included).  The deal's amount has 2 decimal places: for a
 * currency with 0 or 3 the sum is converted (3 places: rounded half away
 * from zero).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "input.h"
#include "money.h"
#include "sales.h"
#include "value.h"

struct deal_info {
    char currency[4];
    char date[11];
};

static int deal_info(struct crm_tool *t, int64_t id, struct deal_info *d)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT coalesce(currency, 'EUR'), substr(created_at, 1, 10) FROM deal WHERE id = ");
    crm_sql_bind_int(&q, id);
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    rc = crm_stmt_step(st, &t->err);
    if (rc > 0) {
        snprintf(d->currency, sizeof d->currency, "%s", crm_stmt_text(st, 0));
        snprintf(d->date, sizeof d->date, "%s", crm_stmt_text(st, 1));
    }
    crm_stmt_done(st);
    if (rc < 0)
        return -rc;
    if (rc == 0)
        return crm_err_set(&t->err, CRM_NOTFOUND, "no deal with id %" PRId64, id);
    return CRM_OK;
}

/* The item's values while they are being edited. */
struct item {
    int64_t id, deal, product, qty, price, discount, tax_rate;
    int has_product, has_price, has_qty;
    char *description, *list;
    const char *list_arg;
};

static int parse_qty(struct crm_tool *t, const char *s, int64_t *qty)
{
    if (crm_value_parse_decimal(s, CRM_QTY_SCALE, qty, &t->err))
        return crm_err_prefix(&t->err, "qty: ");
    if (*qty <= 0)
        return crm_err_set(&t->err, CRM_DATAERR, "qty: must be more than 0, not '%s'", s);
    return CRM_OK;
}

static int product_defaults(struct crm_tool *t, struct item *it, int *active, char **name)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT active, coalesce(tax_rate, 0), name FROM product WHERE id = ");
    crm_sql_bind_int(&q, it->product);
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    rc = crm_stmt_step(st, &t->err);
    if (rc > 0) {
        *active = (int)crm_stmt_int(st, 0);
        it->tax_rate = crm_stmt_int(st, 1);
        *name = crm_xstrdup(crm_stmt_text(st, 2));
    }
    crm_stmt_done(st);
    return rc < 0 ? -rc : CRM_OK;
}

/* The price of the product from the list named, or from the lists in the
 * deal's currency valid on its date (the latest valid_from first). */
static int list_price(struct crm_tool *t, struct item *it, const struct deal_info *d,
                      const char *sku)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    int rc;
    if (it->list_arg) {
        int64_t lid;
        char cur[4];
        if ((rc = crm_sales_price_list(t, it->list_arg, &lid, cur)))
            return rc;
        if (strcmp(cur, d->currency) != 0)
            return crm_err_set(&t->err, CRM_DATAERR,
                               "list: price list '%s' is in %s, the deal in %s", it->list_arg, cur,
                               d->currency);
        crm_sql_add(&q, "SELECT pp.price, l.name, (l.valid_from IS NULL OR l.valid_from <= ");
        crm_sql_bind_text(&q, d->date);
        crm_sql_add(&q, ") AND (l.valid_to IS NULL OR l.valid_to >= ");
        crm_sql_bind_text(&q, d->date);
        crm_sql_add(&q, ") FROM price_list l LEFT JOIN product_price pp ON pp.price_list_id = "
                        "l.id AND pp.product_id = ");
        crm_sql_bind_int(&q, it->product);
        crm_sql_add(&q, " WHERE l.id = ");
        crm_sql_bind_int(&q, lid);
    } else {
        crm_sql_add(&q, "SELECT pp.price, l.name, 1 FROM product_price pp JOIN price_list l ON "
                        "l.id = pp.price_list_id WHERE pp.product_id = ");
        crm_sql_bind_int(&q, it->product);
        crm_sql_add(&q, " AND l.currency = ");
        crm_sql_bind_text(&q, d->currency);
        crm_sql_add(&q, " AND (l.valid_from IS NULL OR l.valid_from <= ");
        crm_sql_bind_text(&q, d->date);
        crm_sql_add(&q, ") AND (l.valid_to IS NULL OR l.valid_to >= ");
        crm_sql_bind_text(&q, d->date);
        crm_sql_add(&q, ") ORDER BY l.valid_from IS NULL, l.valid_from DESC, l.id LIMIT 1");
    }
    rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    int got = crm_stmt_step(st, &t->err), valid = 0, priced = 0;
    if (got > 0) {
        valid = (int)crm_stmt_int(st, 2);
        priced = !crm_stmt_is_null(st, 0);
        if (priced && valid) {
            it->price = crm_stmt_int(st, 0);
            it->has_price = 1;
            it->list = crm_xstrdup(crm_stmt_text(st, 1));
        }
    }
    crm_stmt_done(st);
    if (got < 0)
        return -got;
    if (it->list_arg && !valid)
        return crm_err_set(&t->err, CRM_DATAERR, "list: price list '%s' is not valid on %s",
                           it->list_arg, d->date);
    if (it->list_arg && !priced)
        return crm_err_set(&t->err, CRM_DATAERR, "price: %s has no price in '%s'; give price=",
                           sku, it->list_arg);
    if (!it->has_price)
        return crm_err_set(&t->err, CRM_DATAERR,
                           "price: %s has no price in a %s price list valid on %s; give price= "
                           "or list=", sku, d->currency, d->date);
    return CRM_OK;
}

/* Read FIELD=VALUE arguments of item add/update into it. */
static int assign(struct crm_tool *t, struct item *it, const struct deal_info *d, char **args,
                  size_t n, int adding)
{
    int rc;
    for (size_t i = 0; i < n; i++) {
        const char *a = args[i], *eq = strchr(a, '=');
        if (!eq)
            return crm_err_set(&t->err, CRM_USAGE, "expected FIELD=VALUE, got '%s'", a);
        size_t kl = (size_t)(eq - a);
        const char *v = eq + 1;
#define KEY(k) (kl == strlen(k) && strncmp(a, k, kl) == 0)
        if (KEY("product") && adding) {
            if ((rc = crm_sales_product(t, v, &it->product)))
                return rc;
            it->has_product = 1;
        } else if (KEY("qty")) {
            if ((rc = parse_qty(t, v, &it->qty)))
                return rc;
            it->has_qty = 1;
        } else if (KEY("price")) {
            if ((rc = crm_money_parse(v, d->currency, &it->price, &t->err)))
                return crm_err_prefix(&t->err, "price: ");
            if (it->price < 0)
                return crm_err_set(&t->err, CRM_DATAERR, "price: must not be negative '%s'", v);
            it->has_price = 1;
            free(it->list);
            it->list = NULL;
        } else if (KEY("discount")) {
            if ((rc = crm_money_parse_percent(v, 0, 10000, &it->discount, &t->err)))
                return crm_err_prefix(&t->err, "discount: ");
        } else if (KEY("description")) {
            free(it->description);
            it->description = *v ? crm_xstrdup(v) : NULL;
        } else if (KEY("list") && adding) {
            it->list_arg = v;
        } else {
            return crm_err_set(&t->err, CRM_USAGE,
                               "unknown item field '%.*s' (fields: %sqty, price, discount, "
                               "description)", (int)kl, a, adding ? "product, list, " : "");
        }
#undef KEY
    }
    return CRM_OK;
}

static void bind_opt_text(struct crm_sql *q, const char *s)
{
    if (s)
        crm_sql_bind_text(q, s);
    else
        crm_sql_bind_null(q);
}

static int item_json(struct crm_tool *t, int64_t id, char **out)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    *out = NULL;
    crm_sql_add(&q, "SELECT json_object('id', id, 'deal', deal_id, 'position', position, 'product', "
                    "product_id, 'description', description, 'qty', qty, 'unit_price', unit_price, "
                    "'currency', currency, 'discount', discount, 'tax_rate', tax_rate, 'net', net, "
                    "'tax', tax, 'total', total, 'price_list', price_list) FROM deal_item WHERE id = ");
    crm_sql_bind_int(&q, id);
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    if ((rc = crm_stmt_step(st, &t->err)) > 0)
        *out = crm_xstrdup(crm_stmt_text(st, 0));
    crm_stmt_done(st);
    return rc < 0 ? -rc : CRM_OK;
}

static int write_item(struct crm_tool *t, struct item *it, const struct deal_info *d)
{
    struct crm_money_line l;
    int rc = crm_money_line(it->qty, it->price, it->discount, it->tax_rate, &l, &t->err);
    if (rc)
        return rc;
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    struct crm_sql q = CRM_SQL_INIT;
    char *before = NULL;
    if (it->id == 0) {
        crm_sql_add(&q, "INSERT INTO deal_item (deal_id, position, product_id, description, qty, "
                        "unit_price, currency, discount, tax_rate, net, tax, total, price_list, "
                        "created_at, updated_at) VALUES (");
        crm_sql_bind_int(&q, it->deal);
        crm_sql_add(&q, ", (SELECT coalesce(max(position), 0) + 1 FROM deal_item WHERE deal_id = ");
        crm_sql_bind_int(&q, it->deal);
        crm_sql_add(&q, "), ");
        crm_sql_bind_int(&q, it->product);
        crm_sql_add(&q, ", ");
    } else {
        if ((rc = item_json(t, it->id, &before)))
            return rc;
        crm_sql_add(&q, "UPDATE deal_item SET (description, qty, unit_price, currency, discount, "
                        "tax_rate, net, tax, total, price_list, created_at, updated_at) = (");
    }
    bind_opt_text(&q, it->description);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, it->qty);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, it->price);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, d->currency);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, it->discount);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, it->tax_rate);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, l.net);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, l.tax);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, l.total);
    crm_sql_add(&q, ", ");
    bind_opt_text(&q, it->list);
    crm_sql_add(&q, it->id ? ", created_at, " : ", ");
    if (!it->id) {
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, ", ");
    }
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, ")");
    if (it->id) {
        crm_sql_add(&q, " WHERE id = ");
        crm_sql_bind_int(&q, it->id);
    }
    rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    if (rc == CRM_OK && !it->id)
        it->id = crm_db_last_id(t->db);
    char *after = NULL;
    if (rc == CRM_OK)
        rc = item_json(t, it->id, &after);
    if (rc == CRM_OK)
        rc = crm_history_add(t->db, &t->ctx, "deal_item", it->id, before ? "update" : "insert",
                             NULL, before, after, &t->err);
    free(before);
    free(after);
    return rc;
}

/* The deal's amount: the sum of its lines' net, in hundredths of the unit. */
static int recompute(struct crm_tool *t, int64_t deal, const struct deal_info *d)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    int64_t sum = 0;
    crm_sql_add(&q, "SELECT net FROM deal_item WHERE deal_id = ");
    crm_sql_bind_int(&q, deal);
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    while ((rc = crm_stmt_step(st, &t->err)) > 0)
        if (crm_money_add(&sum, crm_stmt_int(st, 0), &t->err)) {
            crm_stmt_done(st);
            return CRM_DATAERR;
        }
    crm_stmt_done(st);
    if (rc < 0)
        return -rc;
    int scale = crm_currency_scale(d->currency);
    int64_t den = 1, amount;
    for (int i = 0; i < scale; i++)
        den *= 10;
    if ((rc = crm_money_muldiv(sum, 100, den, &amount, &t->err)))
        return rc;
    struct crm_rec old, r;
    int changed;
    crm_rec_init(&old, t->ent.nfields);
    crm_rec_init(&r, t->ent.nfields);
    int got = crm_rec_load(t, deal, &old);
    if (got <= 0) {
        rc = got < 0 ? -got : crm_err_set(&t->err, CRM_NOTFOUND, "no deal %" PRId64, deal);
    } else {
        size_t ai = crm_sales_fi(t, "amount");
        r.set[ai] = 1;
        r.v[ai].kind = CRM_SV_INT;
        r.v[ai].i = amount;
        crm_deal_items_writing = 1;
        rc = crm_rec_update(t, deal, &old, &r, &changed);
        crm_deal_items_writing = 0;
    }
    crm_rec_free(&old);
    crm_rec_free(&r);
    return rc;
}

static const struct crm_scol item_cols[] = {
    {"id", CRM_SC_INT, 0, 0},          {"deal", CRM_SC_INT, 0, 0},
    {"position", CRM_SC_INT, 0, 0},    {"sku", CRM_SC_TEXT, 0, 0},
    {"description", CRM_SC_TEXT, 0, 0}, {"qty", CRM_SC_DEC, 3, 0},
    {"unit", CRM_SC_TEXT, 0, 0},       {"unit_price", CRM_SC_MONEY, 0, 13},
    {"discount", CRM_SC_DEC, 2, 0},    {"net", CRM_SC_MONEY, 0, 13},
    {"tax_rate", CRM_SC_DEC, 2, 0},    {"tax", CRM_SC_MONEY, 0, 13},
    {"total", CRM_SC_MONEY, 0, 13},    {"currency", CRM_SC_TEXT, 0, 0},
    {"price_list", CRM_SC_TEXT, 0, 0},
};

static int print_items(struct crm_tool *t, const char *cond, const int64_t *ids, size_t n)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_buf arr = CRM_BUF_INIT;
    crm_sql_add(&q, "SELECT i.id, i.deal_id, i.position, p.sku, coalesce(i.description, p.name), "
                    "i.qty, p.unit, i.unit_price, i.discount, i.net, i.tax_rate, i.tax, i.total, "
                    "i.currency, i.price_list FROM deal_item i LEFT JOIN product p ON p.id = "
                    "i.product_id WHERE ");
    crm_sql_add(&q, cond);
    crm_sql_add(&q, " IN (SELECT value FROM json_each(");
    crm_buf_putc(&arr, '[');
    for (size_t i = 0; i < n; i++)
        crm_buf_printf(&arr, "%s%" PRId64, i ? "," : "", ids[i]);
    crm_buf_putc(&arr, ']');
    crm_sql_bind_text(&q, crm_buf_str(&arr));
    crm_sql_add(&q, ")) ORDER BY i.deal_id, i.position, i.id");
    int rc = crm_sales_print(t, &q, item_cols, sizeof item_cols / sizeof *item_cols);
    crm_sql_free(&q);
    crm_buf_free(&arr);
    return rc;
}

/* Add one line to a deal from FIELD=VALUE arguments; *id set.  The deal's
 * amount is recomputed unless `later` (an import does it once per deal). */
static int add_one(struct crm_tool *t, int64_t deal, char **args, size_t nargs, int later,
                   int64_t *id)
{
    struct item it = {0};
    struct deal_info d;
    char *pname = NULL;
    int active = 1, rc;
    it.deal = deal;
    it.qty = 1000;
    if ((rc = deal_info(t, it.deal, &d)) == CRM_OK &&
        (rc = assign(t, &it, &d, args, nargs, 1)) == CRM_OK) {
        if (!it.has_product)
            rc = crm_err_set(&t->err, CRM_USAGE, "item add: which product? give product=SKU");
        else if ((rc = product_defaults(t, &it, &active, &pname)) == CRM_OK && !active)
            rc = crm_err_set(&t->err, CRM_DATAERR, "product: %s is inactive", pname);
    }
    if (rc == CRM_OK && !it.has_price) {
        const char *sku = NULL;
        for (size_t i = 0; i < nargs; i++)
            if (strncmp(args[i], "product=", 8) == 0)
                sku = args[i] + 8;
        rc = list_price(t, &it, &d, sku ? sku : "");
    } else if (rc == CRM_OK && it.list_arg) {
        /* price given and a list named: the list must still fit the deal. */
        int64_t lid;
        char cur[4];
        if ((rc = crm_sales_price_list(t, it.list_arg, &lid, cur)) == CRM_OK &&
            strcmp(cur, d.currency) != 0)
            rc = crm_err_set(&t->err, CRM_DATAERR, "list: price list '%s' is in %s, the deal in %s",
                             it.list_arg, cur, d.currency);
    }
    if (rc == CRM_OK)
        rc = write_item(t, &it, &d);
    if (rc == CRM_OK && !later)
        rc = recompute(t, it.deal, &d);
    *id = it.id;
    free(pname);
    free(it.description);
    free(it.list);
    return rc;
}

static int item_add(struct crm_tool *t)
{
    int64_t *ids, id = 0;
    size_t n;
    if (t->npos < 3)
        return crm_err_set(&t->err, CRM_USAGE,
                           "usage: %s item add DEAL product=SKU [qty=N] [price=P] [discount=D%%] "
                           "[list=LIST] [description=TEXT]", t->prog);
    int rc = crm_entity_collect_ids(t, 1, 2, &ids, &n);
    if (rc)
        return rc;
    if (n != 1)
        rc = crm_err_set(&t->err, CRM_USAGE, "item add: give one deal id");
    if (rc == CRM_OK)
        rc = add_one(t, ids[0], t->pos + 2, t->npos - 2, 0, &id);
    if (rc == CRM_OK)
        rc = print_items(t, "i.id", &id, 1);
    free(ids);
    return rc;
}

/* item import: rows with a deal column and the fields of item add. */
static int item_import(struct crm_tool *t)
{
    const char *path = t->npos == 2 ? t->pos[1] : "-", *name = "stdin";
    FILE *f = stdin;
    if (t->npos > 2)
        return crm_err_set(&t->err, CRM_USAGE, "usage: %s item import [FILE|-]", t->prog);
    if (strcmp(path, "-") != 0) {
        if (!(f = fopen(path, "r")))
            return crm_err_set(&t->err, CRM_NOINPUT, "cannot open %s", path);
        name = path;
    }
    crm_db_bulk_mode(t->db);
    struct crm_input *in = NULL;
    struct crm_record_in rec;
    int64_t *deals = NULL, last = 0;
    size_t ndeals = 0, count = 0;
    struct crm_buf arg = CRM_BUF_INIT;
    char **args = NULL;
    size_t cap = 0;
    int rc = crm_input_open(&in, f, name, CRM_IN_AUTO, 0, &t->err);
    while (rc == CRM_OK) {
        int got = crm_input_next(in, &rec, &t->err);
        if (got <= 0) {
            rc = -got;
            break;
        }
        const char *deal = NULL;
        size_t na = 0;
        if (rec.n > cap) {
            cap = rec.n;
            args = crm_xrealloc(args, cap * sizeof *args);
        }
        for (size_t i = 0; i < rec.n; i++) {
            if (strcmp(rec.keys[i], "deal") == 0) {
                deal = rec.vals[i];
                continue;
            }
            const char *k = rec.keys[i];
            /* The columns of `item list` are accepted as they are. */
            static const char *const skip[] = {"id", "position", "unit", "net", "tax_rate", "tax",
                                               "total", "currency", "price_list", NULL};
            int skipped = 0;
            for (size_t j = 0; skip[j]; j++)
                skipped |= strcmp(k, skip[j]) == 0;
            if (!rec.vals[i] || skipped)
                continue;
            if (strcmp(k, "sku") == 0)
                k = "product";
            else if (strcmp(k, "unit_price") == 0)
                k = "price";
            crm_buf_reset(&arg);
            crm_buf_printf(&arg, "%s=%s", k, rec.vals[i]);
            args[na++] = crm_buf_detach(&arg);
        }
        int64_t did = 0, id;
        if (!deal || crm_value_parse_int(deal, &did, &t->err) || did <= 0)
            rc = crm_err_set(&t->err, CRM_DATAERR, "deal: give the deal's id, not '%s'",
                             deal ? deal : "");
        else
            rc = add_one(t, did, args, na, 1, &id);
        for (size_t i = 0; i < na; i++)
            free(args[i]);
        if (rc) {
            crm_err_prefix(&t->err, "%s:%zu: ", name, rec.line);
            break;
        }
        count++;
        if (did != last) {
            deals = crm_xrealloc(deals, (ndeals + 1) * sizeof *deals);
            deals[ndeals++] = did;
            last = did;
        }
    }
    if (in)
        crm_input_close(in);
    if (f != stdin)
        fclose(f);
    /* Each deal's amount once; a deal named in several runs of rows is
     * recomputed once per run, which gives the same amount. */
    for (size_t k = 0; k < ndeals && rc == CRM_OK; k++) {
        struct deal_info d;
        if ((rc = deal_info(t, deals[k], &d)) == CRM_OK)
            rc = recompute(t, deals[k], &d);
    }
    if (rc == CRM_OK)
        crm_tool_note(t, "item import: %zu line item%s added", count, count == 1 ? "" : "s");
    free(deals);
    free(args);
    crm_buf_free(&arg);
    return rc;
}

static int load_item(struct crm_tool *t, int64_t id, struct item *it)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    crm_sql_add(&q, "SELECT deal_id, product_id, description, qty, unit_price, discount, tax_rate, "
                    "price_list FROM deal_item WHERE id = ");
    crm_sql_bind_int(&q, id);
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    rc = crm_stmt_step(st, &t->err);
    if (rc > 0) {
        it->id = id;
        it->deal = crm_stmt_int(st, 0);
        it->product = crm_stmt_int(st, 1);
        it->description = crm_stmt_is_null(st, 2) ? NULL : crm_xstrdup(crm_stmt_text(st, 2));
        it->qty = crm_stmt_int(st, 3);
        it->price = crm_stmt_int(st, 4);
        it->discount = crm_stmt_int(st, 5);
        it->tax_rate = crm_stmt_int(st, 6);
        it->list = crm_stmt_is_null(st, 7) ? NULL : crm_xstrdup(crm_stmt_text(st, 7));
    }
    crm_stmt_done(st);
    if (rc < 0)
        return -rc;
    if (rc == 0)
        return crm_err_set(&t->err, CRM_NOTFOUND, "no line item with id %" PRId64, id);
    return CRM_OK;
}

static int item_update(struct crm_tool *t)
{
    struct item it = {0};
    struct deal_info d;
    int64_t *ids;
    size_t n;
    if (t->npos < 3)
        return crm_err_set(&t->err, CRM_USAGE,
                           "usage: %s item update ITEM qty=N|price=P|discount=D%%|description=T...",
                           t->prog);
    int rc = crm_entity_collect_ids(t, 1, 2, &ids, &n);
    if (rc == CRM_OK && n != 1)
        rc = crm_err_set(&t->err, CRM_USAGE, "item update: give one item id");
    if (rc == CRM_OK && (rc = load_item(t, ids[0], &it)) == CRM_OK &&
        (rc = deal_info(t, it.deal, &d)) == CRM_OK &&
        (rc = assign(t, &it, &d, t->pos + 2, t->npos - 2, 0)) == CRM_OK &&
        (rc = write_item(t, &it, &d)) == CRM_OK && (rc = recompute(t, it.deal, &d)) == CRM_OK)
        rc = print_items(t, "i.id", &it.id, 1);
    free(ids);
    free(it.description);
    free(it.list);
    return rc;
}

static int item_remove(struct crm_tool *t)
{
    int64_t *ids;
    size_t n;
    if (t->npos < 2)
        return crm_err_set(&t->err, CRM_USAGE, "usage: %s item remove ITEM...|-", t->prog);
    int rc = crm_entity_collect_ids(t, 1, t->npos, &ids, &n);
    for (size_t k = 0; k < n && rc == CRM_OK; k++) {
        struct item it = {0};
        struct deal_info d;
        char *before = NULL;
        if ((rc = load_item(t, ids[k], &it)) == CRM_OK && (rc = deal_info(t, it.deal, &d)) == CRM_OK &&
            (rc = item_json(t, it.id, &before)) == CRM_OK) {
            struct crm_sql q = CRM_SQL_INIT;
            crm_sql_add(&q, "DELETE FROM deal_item WHERE id = ");
            crm_sql_bind_int(&q, it.id);
            rc = crm_db_exec(t->db, &q, &t->err);
            crm_sql_free(&q);
            if (rc == CRM_OK)
                rc = crm_history_add(t->db, &t->ctx, "deal_item", it.id, "delete", NULL, before,
                                     NULL, &t->err);
            if (rc == CRM_OK)
                rc = recompute(t, it.deal, &d);
        }
        free(before);
        free(it.description);
        free(it.list);
    }
    if (rc == CRM_OK)
        crm_tool_note(t, "removed %zu line item%s", n, n == 1 ? "" : "s");
    free(ids);
    return rc;
}

int crm_deal_item_verb(struct crm_tool *t)
{
    const char *sub = t->npos ? t->pos[0] : "";
    if (strcmp(sub, "add") == 0)
        return item_add(t);
    if (strcmp(sub, "update") == 0)
        return item_update(t);
    if (strcmp(sub, "remove") == 0)
        return item_remove(t);
    if (strcmp(sub, "import") == 0)
        return item_import(t);
    if (strcmp(sub, "list") == 0) {
        int64_t *ids;
        size_t n;
        if (t->npos < 2)
            return crm_err_set(&t->err, CRM_USAGE, "usage: %s item list DEAL...|-", t->prog);
        int rc = crm_entity_collect_ids(t, 1, t->npos, &ids, &n);
        if (rc == CRM_OK)
            rc = print_items(t, "i.deal_id", ids, n);
        free(ids);
        return rc;
    }
    return crm_err_set(&t->err, CRM_USAGE, "usage: %s item add|list|update|remove|import ...", t->prog);
}
