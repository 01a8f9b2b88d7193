/*
 * pricelist.c - `crm-product pricelist NAME`: the generated price list of
 * the active products with a price in NAME, grouped by product group (the
 * group paths in order), on a day within the list's validity; as CSV (the
 * printers) or as a document from a built-in template (txt, md, html).
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "sales.h"
#include "template.h"
#include "value.h"
#include "where.h"

static const char pl_txt[] =
    "{{title}}\n"
    "Prices in {{list.currency}} valid on {{date}}\n"
    "{{#groups}}\n"
    "\n"
    "{{group}}\n"
    "{{#products}}\n"
    "  {{sku}}  {{name}}  {{price}} {{list.currency}} / {{unit}}  (tax {{tax_rate}} %)\n"
    "{{/products}}\n"
    "{{/groups}}\n"
    "{{^groups}}\n"
    "\n"
    "(no products)\n"
    "{{/groups}}\n";

static const char pl_md[] =
    "# {{title}}\n"
    "\n"
    "Prices in {{list.currency}} valid on {{date}}.\n"
    "{{#groups}}\n"
    "\n"
    "## {{group}}\n"
    "\n"
    "| SKU | Product | Unit | Price | Tax % |\n"
    "|-----|---------|------|------:|------:|\n"
    "{{#products}}\n"
    "| {{sku}} | {{name}} | {{unit}} | {{price}} | {{tax_rate}} |\n"
    "{{/products}}\n"
    "{{/groups}}\n"
    "{{^groups}}\n"
    "\n"
    "(no products)\n"
    "{{/groups}}\n";

static const char pl_html[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\"/>\n"
    "<title>{{title}}</title>\n"
    "<style>\n"
    "@page { size: A4; margin: 18mm 16mm; }\n"
    "body { font-family: sans-serif; font-size: 10pt; margin: 0; }\n"
    "h1 { font-size: 16pt; margin: 0 0 2mm 0; }\n"
    "h2 { font-size: 12pt; margin: 6mm 0 2mm 0; page-break-after: avoid; }\n"
    "table { border-collapse: collapse; width: 100%; }\n"
    "th, td { border-bottom: 0.3mm solid #999; padding: 1.2mm 2mm; text-align: left; }\n"
    "th { background: #eee; }\n"
    "td.n, th.n { text-align: right; white-space: nowrap; }\n"
    "tr { page-break-inside: avoid; }\n"
    "</style>\n"
    "</head>\n"
    "<body>\n"
    "<h1>{{title}}</h1>\n"
    "<p>Prices in {{list.currency}} valid on {{date}}.</p>\n"
    "{{#groups}}\n"
    "<h2>{{group}}</h2>\n"
    "<table>\n"
    "<thead><tr><th>SKU</th><th>Product</th><th>Unit</th><th class=\"n\">Price</th>"
    "<th class=\"n\">Tax %</th></tr></thead>\n"
    "<tbody>\n"
    "{{#products}}\n"
    "<tr><td>{{sku}}</td><td>{{name}}</td><td>{{unit}}</td><td class=\"n\">{{price}}</td>"
    "<td class=\"n\">{{tax_rate}}</td></tr>\n"
    "{{/products}}\n"
    "</tbody>\n"
    "</table>\n"
    "{{/groups}}\n"
    "{{^groups}}\n"
    "<p>(no products)</p>\n"
    "{{/groups}}\n"
    "</body>\n"
    "</html>\n";

static const struct crm_ent *related_cb(const char *entity, void *arg)
{
    return crm_tool_related(arg, entity);
}

static const struct crm_scol csv_cols[] = {
    {"group", CRM_SC_TEXT, 0, 0}, {"sku", CRM_SC_TEXT, 0, 0},
    {"name", CRM_SC_TEXT, 0, 0},  {"unit", CRM_SC_TEXT, 0, 0},
    {"price", CRM_SC_MONEY, 0, 6}, {"tax_rate", CRM_SC_DEC, 2, 0},
    {"currency", CRM_SC_TEXT, 0, 0},
};

int crm_product_pricelist_doc(struct crm_tool *t, const char *name)
{
    const char *fmt = t->docfmt ? t->docfmt : (crm_args_get(&t->args, "format") ? "csv" : "txt");
    const char *tpl = strcmp(fmt, "txt") == 0 ? pl_txt : strcmp(fmt, "md") == 0 ? pl_md
                      : strcmp(fmt, "html") == 0 ? pl_html : NULL;
    int csv = !t->docfmt && crm_args_get(&t->args, "format");
    if (!tpl && !csv)
        return crm_err_set(&t->err, CRM_USAGE, "pricelist: format '%s' (use csv, md, html or txt)",
                           fmt);
    int64_t lid;
    char cur[4], on[11];
    int rc;
    if ((rc = crm_sales_price_list(t, name, &lid, cur)))
        return rc;
    const char *ondate = crm_args_get(&t->args, "on");
    if ((rc = crm_value_parse_date(ondate ? ondate : "today", t->ctx.now, on, &t->err)))
        return crm_err_prefix(&t->err, "--on: ");
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    json_t *list = json_object();
    crm_sql_add(&q, "SELECT name, currency, valid_from, valid_to FROM price_list WHERE id = ");
    crm_sql_bind_int(&q, lid);
    if ((rc = crm_db_query(t->db, &q, &st, &t->err)) == CRM_OK) {
        if ((rc = crm_stmt_step(st, &t->err)) > 0) {
            const char *from = crm_stmt_text(st, 2), *to = crm_stmt_text(st, 3);
            json_object_set_new(list, "name", json_string(crm_stmt_text(st, 0)));
            json_object_set_new(list, "currency", json_string(crm_stmt_text(st, 1)));
            json_object_set_new(list, "valid_from", from ? json_string(from) : json_null());
            json_object_set_new(list, "valid_to", to ? json_string(to) : json_null());
            if ((from && strcmp(on, from) < 0) || (to && strcmp(on, to) > 0))
                rc = -crm_err_set(&t->err, CRM_DATAERR,
                                  "price list '%s' is valid from %s to %s, not on %s", name,
                                  from ? from : "the start", to ? to : "the end", on);
        }
        crm_stmt_done(st);
        rc = rc < 0 ? -rc : CRM_OK;
    }
    crm_sql_reset(&q);
    /* The products: active, priced in the list, matching --where. */
    crm_sql_add(&q, "SELECT p.product_group, p.sku, p.name, p.unit, pp.price, "
                    "coalesce(p.tax_rate, 0), l.currency FROM product p JOIN product_price pp ON "
                    "pp.product_id = p.id JOIN price_list l ON l.id = pp.price_list_id WHERE "
                    "p.active = 1 AND pp.price_list_id = ");
    crm_sql_bind_int(&q, lid);
    const char *const *w;
    size_t nw = crm_args_all(&t->args, "where", &w);
    struct crm_where_env env = {&t->ent, &t->ctx, related_cb, t};
    for (size_t i = 0; i < nw && rc == CRM_OK; i++) {
        crm_sql_add(&q, " AND p.id IN (SELECT id FROM product WHERE ");
        rc = crm_where_compile(w[i], &env, &q, &t->err);
        crm_sql_add(&q, ")");
    }
    /* Ungrouped products last; groups in path order, so a tree reads in order. */
    crm_sql_add(&q, " ORDER BY p.product_group IS NULL, p.product_group COLLATE crm_nocase, "
                    "p.sku COLLATE crm_nocase, p.id");
    if (rc == CRM_OK && csv) {
        rc = crm_sales_print(t, &q, csv_cols, sizeof csv_cols / sizeof *csv_cols);
    } else if (rc == CRM_OK && (rc = crm_db_query(t->db, &q, &st, &t->err)) == CRM_OK) {
        json_t *data = json_object(), *groups = json_array(), *cur_products = NULL;
        struct crm_buf last = CRM_BUF_INIT;
        int first = 1;
        const char *title = crm_args_get(&t->args, "title");
        json_object_set_new(data, "title", json_string(title ? title : name));
        json_object_set_new(data, "date", json_string(on));
        json_object_set(data, "list", list);
        json_object_set_new(data, "groups", groups);
        while ((rc = crm_stmt_step(st, &t->err)) > 0) {
            const char *g = crm_stmt_is_null(st, 0) ? "" : crm_stmt_text(st, 0);
            if (first || strcmp(g, crm_buf_str(&last)) != 0) {
                json_t *go = json_object();
                /* "Hardware/Servers" is shown as "Hardware / Servers". */
                struct crm_buf label = CRM_BUF_INIT;
                for (const char *c = g; *c; c++) {
                    if (*c == '/')
                        crm_buf_puts(&label, " / ");
                    else
                        crm_buf_putc(&label, *c);
                }
                json_object_set_new(go, "group", json_string(*g ? crm_buf_str(&label) : "Other"));
                json_object_set_new(go, "path", json_string(g));
                cur_products = json_array();
                json_object_set_new(go, "products", cur_products);
                json_array_append_new(groups, go);
                crm_buf_free(&label);
                crm_buf_reset(&last);
                crm_buf_puts(&last, g);
                first = 0;
            }
            json_t *p = json_object();
            struct crm_buf b = CRM_BUF_INIT;
            json_object_set_new(p, "sku", json_string(crm_stmt_text(st, 1)));
            json_object_set_new(p, "name", json_string(crm_stmt_text(st, 2)));
            json_object_set_new(p, "unit", crm_stmt_is_null(st, 3) ? json_null()
                                                                    : json_string(crm_stmt_text(st, 3)));
            crm_money_format(&b, crm_stmt_int(st, 4), crm_stmt_text(st, 6));
            json_object_set_new(p, "price", json_string(crm_buf_str(&b)));
            crm_buf_reset(&b);
            crm_value_format_decimal(&b, crm_stmt_int(st, 5), 2);
            json_object_set_new(p, "tax_rate", json_string(crm_buf_str(&b)));
            crm_buf_free(&b);
            json_array_append_new(cur_products, p);
        }
        crm_stmt_done(st);
        rc = rc < 0 ? -rc : CRM_OK;
        struct crm_buf out = CRM_BUF_INIT;
        if (rc == CRM_OK)
            rc = crm_template_render(tpl, "built-in template", data,
                                     strcmp(fmt, "html") == 0 ? CRM_TPL_HTML
                                     : strcmp(fmt, "md") == 0 ? CRM_TPL_MD
                                                              : CRM_TPL_TEXT,
                                     &out, &t->err);
        if (rc == CRM_OK)
            fwrite(out.s ? out.s : "", 1, out.len, stdout);
        crm_buf_free(&out);
        crm_buf_free(&last);
        json_decref(data);
    }
    crm_sql_free(&q);
    json_decref(list);
    return rc;
}
