/*
 * quote.c - `crm-deal quote`: commercial proposals made from a deal, its
 * account, contact, owner and line items, rendered with a built-in or a
 * user template (template.h), numbered Q-YYYY-NNNN and stored exactly as
 * issued, so that later changes of prices or of the deal do not change an
 * issued quote.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "sales.h"
#include "template.h"
#include "value.h"

/* ---- built-in templates ------------------------------------------------------ */

static const char tpl_txt[] =
    "QUOTE {{quote.number}}\n"
    "Date: {{quote.date}}    Valid until: {{quote.valid_until}}\n"
    "\n"
    "{{#account}}\n"
    "To: {{name}}\n"
    "{{#street}}\n    {{street}}\n{{/street}}\n"
    "{{#city}}\n    {{postcode}} {{city}}\n{{/city}}\n"
    "{{#country}}\n    {{country}}\n{{/country}}\n"
    "\n"
    "{{/account}}\n"
    "{{#contact}}\n"
    "Attn: {{name}}{{#email}} <{{email}}>{{/email}}\n"
    "{{/contact}}\n"
    "\n"
    "Re: {{deal.name}}\n"
    "\n"
    "{{#items}}\n"
    "{{position}}. {{name}}{{#sku}} ({{sku}}){{/sku}}\n"
    "   {{qty}} {{unit}} x {{unit_price}}{{#has_discount}} - {{discount}} %{{/has_discount}}"
    " = {{net}} {{currency}}   tax {{tax_rate}} %: {{tax}}\n"
    "{{/items}}\n"
    "\n"
    "{{#has_discount}}\n"
    "Before discount: {{totals.gross}} {{currency}}\n"
    "Discount:        {{totals.discount}} {{currency}}\n"
    "{{/has_discount}}\n"
    "Net:             {{totals.net}} {{currency}}\n"
    "{{#taxes}}\n"
    "Tax {{rate}} % on {{base}}: {{tax}} {{currency}}\n"
    "{{/taxes}}\n"
    "Total:           {{totals.total}} {{currency}}\n"
    "\n"
    "{{#owner}}\n"
    "--\n"
    "{{#full_name}}{{full_name}}{{/full_name}}{{^full_name}}{{name}}{{/full_name}}\n"
    "{{#department}}\n{{department}}\n{{/department}}\n"
    "{{#email}}\n{{email}}\n{{/email}}\n"
    "{{#phone}}\n{{phone}}\n{{/phone}}\n"
    "{{/owner}}\n";

static const char tpl_md[] =
    "# Quote {{quote.number}}\n"
    "\n"
    "Date: {{quote.date}}  \n"
    "Valid until: {{quote.valid_until}}\n"
    "\n"
    "{{#account}}\n"
    "**{{name}}**  \n"
    "{{#street}}\n{{street}}  \n{{/street}}\n"
    "{{#city}}\n{{postcode}} {{city}}  \n{{/city}}\n"
    "{{#country}}\n{{country}}  \n{{/country}}\n"
    "{{/account}}\n"
    "{{#contact}}\n"
    "\n"
    "Attn: {{name}}{{#email}} <{{email}}>{{/email}}\n"
    "{{/contact}}\n"
    "\n"
    "## {{deal.name}}\n"
    "\n"
    "| # | Item | Qty | Unit price | Discount | Net | Tax % | Tax | Total |\n"
    "|---|------|----:|-----------:|---------:|----:|------:|----:|------:|\n"
    "{{#items}}\n"
    "| {{position}} | {{name}}{{#sku}} ({{sku}}){{/sku}} | {{qty}} {{unit}} | {{unit_price}} | "
    "{{discount}} % | {{net}} | {{tax_rate}} | {{tax}} | {{total}} |\n"
    "{{/items}}\n"
    "\n"
    "| | {{currency}} |\n"
    "|---|---:|\n"
    "{{#has_discount}}\n"
    "| Before discount | {{totals.gross}} |\n"
    "| Discount | {{totals.discount}} |\n"
    "{{/has_discount}}\n"
    "| Net | {{totals.net}} |\n"
    "{{#taxes}}\n"
    "| Tax {{rate}} % on {{base}} | {{tax}} |\n"
    "{{/taxes}}\n"
    "| **Total** | **{{totals.total}}** |\n"
    "{{#owner}}\n"
    "\n"
    "---\n"
    "\n"
    "{{#full_name}}{{full_name}}{{/full_name}}{{^full_name}}{{name}}{{/full_name}}  \n"
    "{{#department}}\n{{department}}  \n{{/department}}\n"
    "{{#email}}\n{{email}}  \n{{/email}}\n"
    "{{#phone}}\n{{phone}}  \n{{/phone}}\n"
    "{{/owner}}\n";

static const char tpl_html[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\"/>\n"
    "<title>Quote {{quote.number}}</title>\n"
    "<style>\n"
    "@page { size: A4; margin: 18mm 16mm; }\n"
    "body { font-family: sans-serif; font-size: 10pt; color: #000; margin: 0; }\n"
    "h1 { font-size: 16pt; margin: 0 0 4mm 0; }\n"
    "h2 { font-size: 12pt; margin: 8mm 0 3mm 0; }\n"
    ".meta, .to { margin-bottom: 4mm; }\n"
    "table { border-collapse: collapse; width: 100%; }\n"
    "th, td { border-bottom: 0.3mm solid #999; padding: 1.5mm 2mm; vertical-align: top; }\n"
    "th { text-align: left; background: #eee; }\n"
    "td.n, th.n { text-align: right; white-space: nowrap; }\n"
    "tr { page-break-inside: avoid; }\n"
    "table.totals { width: 45%; margin: 5mm 0 0 auto; }\n"
    "table.totals tr.total td { font-weight: bold; border-top: 0.5mm solid #000; }\n"
    ".sig { margin-top: 15mm; page-break-inside: avoid; }\n"
    "</style>\n"
    "</head>\n"
    "<body>\n"
    "<h1>Quote {{quote.number}}</h1>\n"
    "<div class=\"meta\">Date: {{quote.date}}<br/>Valid until: {{quote.valid_until}}</div>\n"
    "{{#account}}\n"
    "<div class=\"to\"><strong>{{name}}</strong>"
    "{{#street}}<br/>{{street}}{{/street}}{{#city}}<br/>{{postcode}} {{city}}{{/city}}"
    "{{#country}}<br/>{{country}}{{/country}}</div>\n"
    "{{/account}}\n"
    "{{#contact}}\n"
    "<div class=\"to\">Attn: {{name}}{{#email}} &lt;{{email}}&gt;{{/email}}</div>\n"
    "{{/contact}}\n"
    "<h2>{{deal.name}}</h2>\n"
    "<table class=\"items\">\n"
    "<thead><tr><th>#</th><th>Item</th><th class=\"n\">Qty</th><th class=\"n\">Unit price</th>"
    "<th class=\"n\">Discount</th><th class=\"n\">Net</th><th class=\"n\">Tax</th>"
    "<th class=\"n\">Total</th></tr></thead>\n"
    "<tbody>\n"
    "{{#items}}\n"
    "<tr><td>{{position}}</td><td>{{name}}{{#sku}} <small>({{sku}})</small>{{/sku}}</td>"
    "<td class=\"n\">{{qty}} {{unit}}</td><td class=\"n\">{{unit_price}}</td>"
    "<td class=\"n\">{{discount}} %</td><td class=\"n\">{{net}}</td>"
    "<td class=\"n\">{{tax}} <small>({{tax_rate}} %)</small></td><td class=\"n\">{{total}}</td></tr>\n"
    "{{/items}}\n"
    "</tbody>\n"
    "</table>\n"
    "<table class=\"totals\">\n"
    "{{#has_discount}}\n"
    "<tr><td>Before discount</td><td class=\"n\">{{totals.gross}} {{currency}}</td></tr>\n"
    "<tr><td>Discount</td><td class=\"n\">{{totals.discount}} {{currency}}</td></tr>\n"
    "{{/has_discount}}\n"
    "<tr><td>Net</td><td class=\"n\">{{totals.net}} {{currency}}</td></tr>\n"
    "{{#taxes}}\n"
    "<tr><td>Tax {{rate}} % on {{base}}</td><td class=\"n\">{{tax}} {{currency}}</td></tr>\n"
    "{{/taxes}}\n"
    "<tr class=\"total\"><td>Total</td><td class=\"n\">{{totals.total}} {{currency}}</td></tr>\n"
    "</table>\n"
    "{{#owner}}\n"
    "<div class=\"sig\">{{#full_name}}{{full_name}}{{/full_name}}{{^full_name}}{{name}}{{/full_name}}"
    "{{#department}}<br/>{{department}}{{/department}}{{#email}}<br/>{{email}}{{/email}}"
    "{{#phone}}<br/>{{phone}}{{/phone}}</div>\n"
    "{{/owner}}\n"
    "</body>\n"
    "</html>\n";

/* ---- the data of a quote ------------------------------------------------------- */

static json_t *str_or_null(struct crm_stmt *st, int i)
{
    return crm_stmt_is_null(st, i) ? json_null() : json_string(crm_stmt_text(st, i));
}

static json_t *money_str(int64_t v, const char *cur)
{
    struct crm_buf b = CRM_BUF_INIT;
    crm_money_format(&b, v, cur);
    json_t *j = json_string(crm_buf_str(&b));
    crm_buf_free(&b);
    return j;
}

static json_t *dec_str(int64_t v, int scale)
{
    struct crm_buf b = CRM_BUF_INIT;
    crm_value_format_decimal(&b, v, scale);
    json_t *j = json_string(crm_buf_str(&b));
    crm_buf_free(&b);
    return j;
}

/* One row of a query as a JSON object with the given keys (NULL row: null). */
static int row_object(struct crm_tool *t, struct crm_sql *q, const char *const *keys, json_t **out)
{
    struct crm_stmt *st;
    *out = json_null();
    int rc = crm_db_query(t->db, q, &st, &t->err);
    crm_sql_free(q);
    if (rc)
        return rc;
    if ((rc = crm_stmt_step(st, &t->err)) > 0) {
        json_decref(*out);
        *out = json_object();
        for (int i = 0; keys[i]; i++)
            json_object_set_new(*out, keys[i], str_or_null(st, i));
    }
    crm_stmt_done(st);
    return rc < 0 ? -rc : CRM_OK;
}

struct totals {
    int64_t gross, discount, net, tax, total;
};

static int build_items(struct crm_tool *t, int64_t deal, const char *cur, json_t *data,
                       struct totals *tot)
{
    struct crm_sql q = CRM_SQL_INIT;
    struct crm_stmt *st;
    json_t *items = json_array(), *taxes = json_array();
    int any_discount = 0;
    memset(tot, 0, sizeof *tot);
    json_object_set_new(data, "items", items);
    json_object_set_new(data, "taxes", taxes);
    crm_sql_add(&q, "SELECT i.position, p.sku, coalesce(i.description, p.name), i.qty, p.unit, "
                    "i.unit_price, i.discount, i.net, i.tax_rate, i.tax, i.total FROM deal_item i "
                    "LEFT JOIN product p ON p.id = i.product_id WHERE i.deal_id = ");
    crm_sql_bind_int(&q, deal);
    crm_sql_add(&q, " ORDER BY i.position, i.id");
    int rc = crm_db_query(t->db, &q, &st, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        json_t *it = json_object();
        int64_t qty = crm_stmt_int(st, 3), price = crm_stmt_int(st, 5), disc = crm_stmt_int(st, 6);
        int64_t net = crm_stmt_int(st, 7), rate = crm_stmt_int(st, 8), tax = crm_stmt_int(st, 9);
        struct crm_money_line l;
        if ((rc = crm_money_line(qty, price, disc, rate, &l, &t->err))) {
            json_decref(it);
            crm_stmt_done(st);
            return rc;
        }
        json_object_set_new(it, "position", json_integer(crm_stmt_int(st, 0)));
        json_object_set_new(it, "sku", str_or_null(st, 1));
        json_object_set_new(it, "name", str_or_null(st, 2));
        json_object_set_new(it, "qty", dec_str(qty, CRM_QTY_SCALE));
        json_object_set_new(it, "unit", str_or_null(st, 4));
        json_object_set_new(it, "unit_price", money_str(price, cur));
        json_object_set_new(it, "discount", dec_str(disc, CRM_PCT_SCALE));
        json_object_set_new(it, "has_discount", json_boolean(disc != 0));
        json_object_set_new(it, "gross", money_str(l.gross, cur));
        json_object_set_new(it, "net", money_str(net, cur));
        json_object_set_new(it, "tax_rate", dec_str(rate, CRM_PCT_SCALE));
        json_object_set_new(it, "tax", money_str(tax, cur));
        json_object_set_new(it, "total", money_str(crm_stmt_int(st, 10), cur));
        json_object_set_new(it, "currency", json_string(cur));
        json_array_append_new(items, it);
        any_discount |= disc != 0;
        if ((rc = crm_money_add(&tot->gross, l.gross, &t->err)) ||
            (rc = crm_money_add(&tot->net, net, &t->err)) ||
            (rc = crm_money_add(&tot->tax, tax, &t->err))) {
            crm_stmt_done(st);
            return rc;
        }
    }
    crm_stmt_done(st);
    if (rc < 0)
        return -rc;
    tot->discount = tot->gross - tot->net;
    if ((rc = crm_money_add(&tot->total, tot->net, &t->err)) ||
        (rc = crm_money_add(&tot->total, tot->tax, &t->err)))
        return rc;
    json_object_set_new(data, "has_discount", json_boolean(any_discount));
    /* Tax per rate: the sums of the lines' net and tax. */
    crm_sql_add(&q, "SELECT tax_rate, sum(net), sum(tax) FROM deal_item WHERE deal_id = ");
    crm_sql_bind_int(&q, deal);
    crm_sql_add(&q, " GROUP BY tax_rate ORDER BY tax_rate");
    if ((rc = crm_db_query(t->db, &q, &st, &t->err))) {
        crm_sql_free(&q);
        return rc;
    }
    crm_sql_free(&q);
    while ((rc = crm_stmt_step(st, &t->err)) > 0) {
        json_t *x = json_object();
        json_object_set_new(x, "rate", dec_str(crm_stmt_int(st, 0), CRM_PCT_SCALE));
        json_object_set_new(x, "base", money_str(crm_stmt_int(st, 1), cur));
        json_object_set_new(x, "tax", money_str(crm_stmt_int(st, 2), cur));
        json_object_set_new(x, "currency", json_string(cur));
        json_array_append_new(taxes, x);
    }
    crm_stmt_done(st);
    if (rc < 0)
        return -rc;
    json_t *tj = json_object();
    json_object_set_new(tj, "gross", money_str(tot->gross, cur));
    json_object_set_new(tj, "discount", money_str(tot->discount, cur));
    json_object_set_new(tj, "net", money_str(tot->net, cur));
    json_object_set_new(tj, "tax", money_str(tot->tax, cur));
    json_object_set_new(tj, "total", money_str(tot->total, cur));
    json_object_set_new(data, "totals", tj);
    return json_array_size(items) ? CRM_OK
                                  : crm_err_set(&t->err, CRM_DATAERR,
                                                "deal %" PRId64 " has no line items to quote "
                                                "(crm-deal item add %" PRId64 " product=...)",
                                                deal, deal);
}

static int build_data(struct crm_tool *t, int64_t deal, json_t *data, char cur[4],
                      struct totals *tot)
{
    static const char *const deal_keys[] = {"id", "name", "stage", "expected_close", "notes",
                                            "currency", "owner", "account_id", "contact_id", NULL};
    static const char *const account_keys[] = {"name", "street", "city", "postcode", "region",
                                               "country", "phone", "email", "website", NULL};
    static const char *const contact_keys[] = {"name", "first_name", "last_name", "title",
                                               "email", "phone", NULL};
    static const char *const owner_keys[] = {"name", "full_name", "email", "phone", "department",
                                             NULL};
    struct crm_sql q = CRM_SQL_INIT;
    json_t *d, *o;
    crm_sql_add(&q, "SELECT id, name, stage, expected_close, notes, coalesce(currency, 'EUR'), "
                    "owner, account_id, contact_id FROM deal WHERE id = ");
    crm_sql_bind_int(&q, deal);
    int rc = row_object(t, &q, deal_keys, &d);
    if (rc == CRM_OK && json_is_null(d))
        rc = crm_err_set(&t->err, CRM_NOTFOUND, "no deal with id %" PRId64, deal);
    if (rc) {
        json_decref(d);
        return rc;
    }
    json_object_set_new(data, "deal", d);
    snprintf(cur, 4, "%s", json_string_value(json_object_get(d, "currency")));
    json_object_set_new(data, "currency", json_string(cur));
    crm_sql_add(&q, "SELECT name, street, city, postcode, region, country, phone, email, website "
                    "FROM account WHERE id = (SELECT account_id FROM deal WHERE id = ");
    crm_sql_bind_int(&q, deal);
    crm_sql_add(&q, ")");
    if ((rc = row_object(t, &q, account_keys, &o)) == CRM_OK)
        json_object_set_new(data, "account", o);
    else
        json_decref(o);
    crm_sql_add(&q, "SELECT trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), "
                    "first_name, last_name, title, email, phone FROM contact WHERE id = (SELECT "
                    "contact_id FROM deal WHERE id = ");
    crm_sql_bind_int(&q, deal);
    crm_sql_add(&q, ")");
    if (rc == CRM_OK && (rc = row_object(t, &q, contact_keys, &o)) == CRM_OK)
        json_object_set_new(data, "contact", o);
    else if (rc == CRM_OK)
        json_decref(o);
    else
        crm_sql_free(&q);
    /* The owner's signature block: from crm user when known, else the name. */
    crm_sql_add(&q, "SELECT d.owner, u.full_name, u.email, u.phone, u.department FROM deal d "
                    "LEFT JOIN crm_user u ON u.name = d.owner WHERE d.owner IS NOT NULL AND d.id = ");
    crm_sql_bind_int(&q, deal);
    if (rc == CRM_OK && (rc = row_object(t, &q, owner_keys, &o)) == CRM_OK)
        json_object_set_new(data, "owner", o);
    else if (rc == CRM_OK)
        json_decref(o);
    else
        crm_sql_free(&q);
    if (rc == CRM_OK)
        rc = build_items(t, deal, cur, data, tot);
    return rc;
}

static int read_file(struct crm_tool *t, const char *path, char **out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return crm_err_set(&t->err, CRM_NOINPUT, "cannot open template %s", path);
    struct crm_buf b = CRM_BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        crm_buf_add(&b, chunk, n);
        if (b.len > (8u << 20)) {
            fclose(f);
            crm_buf_free(&b);
            return crm_err_set(&t->err, CRM_DATAERR, "template %s: larger than 8 MiB", path);
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        crm_buf_free(&b);
        return crm_err_set(&t->err, CRM_IOERR, "cannot read template %s", path);
    }
    if (memchr(crm_buf_str(&b), '\0', b.len)) {
        crm_buf_free(&b);
        return crm_err_set(&t->err, CRM_DATAERR, "template %s: a NUL byte (not text)", path);
    }
    *out = crm_buf_detach(&b);
    if (!*out)
        *out = crm_xstrdup("");
    return CRM_OK;
}

/* ---- issue, list, show ------------------------------------------------------------ */

static int issue(struct crm_tool *t, int64_t deal)
{
    const char *fmt = t->docfmt ? t->docfmt : "txt";
    const char *tfile = crm_args_get(&t->args, "template");
    const char *builtin = strcmp(fmt, "txt") == 0    ? tpl_txt
                          : strcmp(fmt, "md") == 0   ? tpl_md
                          : strcmp(fmt, "html") == 0 ? tpl_html
                                                     : NULL;
    if (!builtin)
        return crm_err_set(&t->err, CRM_USAGE, "quote: format '%s' (use txt, md or html)", fmt);
    enum crm_tpl_mode mode = strcmp(fmt, "html") == 0 ? CRM_TPL_HTML
                             : strcmp(fmt, "md") == 0 ? CRM_TPL_MD
                                                      : CRM_TPL_TEXT;
    char today[11], until[11], cur[4] = "EUR";
    int rc;
    if ((rc = crm_value_parse_date("today", t->ctx.now, today, &t->err)))
        return rc;
    const char *vu = crm_args_get(&t->args, "valid-until");
    if ((rc = crm_value_parse_date(vu ? vu : "+30d", t->ctx.now, until, &t->err)))
        return crm_err_prefix(&t->err, "--valid-until: ");
    if (strcmp(until, today) < 0)
        return crm_err_set(&t->err, CRM_DATAERR, "--valid-until %s is before today", until);
    char *tpl = NULL;
    if (tfile && (rc = read_file(t, tfile, &tpl)))
        return rc;
    json_t *data = json_object();
    struct totals tot;
    struct crm_sql q = CRM_SQL_INIT;
    int64_t seq = 0, version = 0;
    int found;
    char number[32];
    rc = build_data(t, deal, data, cur, &tot);
    if (rc == CRM_OK) {
        crm_sql_add(&q, "SELECT coalesce(max(CAST(substr(number, 8) AS INTEGER)), 0) + 1 FROM quote "
                        "WHERE substr(number, 1, 7) = ");
        char prefix[8];
        snprintf(prefix, sizeof prefix, "Q-%.4s-", today);
        crm_sql_bind_text(&q, prefix);
        rc = crm_db_scalar_int(t->db, &q, &seq, &found, &t->err);
        crm_sql_reset(&q);
        snprintf(number, sizeof number, "Q-%.4s-%04" PRId64, today, seq);
    }
    if (rc == CRM_OK) {
        crm_sql_add(&q, "SELECT coalesce(max(version), 0) + 1 FROM quote WHERE deal_id = ");
        crm_sql_bind_int(&q, deal);
        rc = crm_db_scalar_int(t->db, &q, &version, &found, &t->err);
        crm_sql_reset(&q);
    }
    struct crm_buf body = CRM_BUF_INIT;
    char *djson = NULL;
    if (rc == CRM_OK) {
        json_t *qj = json_object();
        json_object_set_new(qj, "number", json_string(number));
        json_object_set_new(qj, "version", json_integer(version));
        json_object_set_new(qj, "date", json_string(today));
        json_object_set_new(qj, "valid_until", json_string(until));
        json_object_set_new(qj, "format", json_string(fmt));
        json_object_set_new(data, "quote", qj);
        rc = crm_template_render(tpl ? tpl : builtin, tfile ? tfile : "built-in template", data,
                                 mode, &body, &t->err);
        djson = json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS);
    }
    if (rc == CRM_OK) {
        char now[21];
        crm_value_epoch_datetime(t->ctx.now, now);
        crm_sql_add(&q, "INSERT INTO quote (number, deal_id, version, format, template, issued_at, "
                        "user, valid_until, currency, net, tax, total, data, body) VALUES (");
        crm_sql_bind_text(&q, number);
        crm_sql_add(&q, ", ");
        crm_sql_bind_int(&q, deal);
        crm_sql_add(&q, ", ");
        crm_sql_bind_int(&q, version);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, fmt);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, tfile ? tfile : "built-in");
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, now);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, t->ctx.user);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, until);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, cur);
        crm_sql_add(&q, ", ");
        crm_sql_bind_int(&q, tot.net);
        crm_sql_add(&q, ", ");
        crm_sql_bind_int(&q, tot.tax);
        crm_sql_add(&q, ", ");
        crm_sql_bind_int(&q, tot.total);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, djson);
        crm_sql_add(&q, ", ");
        crm_sql_bind_text(&q, crm_buf_str(&body));
        crm_sql_add(&q, ")");
        rc = crm_db_exec(t->db, &q, &t->err);
    }
    if (rc == CRM_OK) {
        fwrite(body.s ? body.s : "", 1, body.len, stdout);
        crm_tool_note(t, "quote %s: version %" PRId64 " of deal %" PRId64, number, version, deal);
    }
    crm_sql_free(&q);
    crm_buf_free(&body);
    free(djson);
    free(tpl);
    json_decref(data);
    return rc;
}

static const struct crm_scol quote_cols[] = {
    {"number", CRM_SC_TEXT, 0, 0},     {"deal", CRM_SC_INT, 0, 0},
    {"version", CRM_SC_INT, 0, 0},     {"format", CRM_SC_TEXT, 0, 0},
    {"issued_at", CRM_SC_TEXT, 0, 0},  {"user", CRM_SC_TEXT, 0, 0},
    {"valid_until", CRM_SC_TEXT, 0, 0}, {"net", CRM_SC_MONEY, 0, 10},
    {"tax", CRM_SC_MONEY, 0, 10},      {"total", CRM_SC_MONEY, 0, 10},
    {"currency", CRM_SC_TEXT, 0, 0},
};

int crm_deal_quote_verb(struct crm_tool *t)
{
    const char *sub = t->npos ? t->pos[0] : "";
    int rc;
    if (strcmp(sub, "list") == 0) {
        int64_t *ids;
        size_t n;
        if (t->docfmt)
            return crm_err_set(&t->err, CRM_USAGE, "quote list: unknown format '%s'", t->docfmt);
        if (t->npos < 2)
            return crm_err_set(&t->err, CRM_USAGE, "usage: %s quote list DEAL...|-", t->prog);
        if ((rc = crm_entity_collect_ids(t, 1, t->npos, &ids, &n)))
            return rc;
        struct crm_sql q = CRM_SQL_INIT;
        struct crm_buf arr = CRM_BUF_INIT;
        crm_buf_putc(&arr, '[');
        for (size_t i = 0; i < n; i++)
            crm_buf_printf(&arr, "%s%" PRId64, i ? "," : "", ids[i]);
        crm_buf_putc(&arr, ']');
        crm_sql_add(&q, "SELECT number, deal_id, version, format, issued_at, user, valid_until, "
                        "net, tax, total, currency FROM quote WHERE deal_id IN (SELECT value FROM "
                        "json_each(");
        crm_sql_bind_text(&q, crm_buf_str(&arr));
        crm_sql_add(&q, ")) ORDER BY deal_id, version");
        rc = crm_sales_print(t, &q, quote_cols, sizeof quote_cols / sizeof *quote_cols);
        crm_sql_free(&q);
        crm_buf_free(&arr);
        free(ids);
        return rc;
    }
    if (strcmp(sub, "show") == 0) {
        if (t->npos != 2)
            return crm_err_set(&t->err, CRM_USAGE, "usage: %s quote show NUMBER", t->prog);
        struct crm_sql q = CRM_SQL_INIT;
        struct crm_stmt *st;
        crm_sql_add(&q, "SELECT body FROM quote WHERE number = ");
        crm_sql_bind_text(&q, t->pos[1]);
        rc = crm_db_query(t->db, &q, &st, &t->err);
        crm_sql_free(&q);
        if (rc)
            return rc;
        rc = crm_stmt_step(st, &t->err);
        if (rc > 0)
            fputs(crm_stmt_text(st, 0), stdout);
        crm_stmt_done(st);
        if (rc < 0)
            return -rc;
        return rc ? CRM_OK : crm_err_set(&t->err, CRM_NOTFOUND, "no quote %s", t->pos[1]);
    }
    if (t->npos != 1)
        return crm_err_set(&t->err, CRM_USAGE,
                           "usage: %s quote DEAL [-f txt|md|html] [--template FILE] "
                           "[--valid-until DATE] | quote list DEAL... | quote show NUMBER",
                           t->prog);
    int64_t *ids;
    size_t n;
    if ((rc = crm_entity_collect_ids(t, 0, 1, &ids, &n)))
        return rc;
    rc = n == 1 ? issue(t, ids[0]) : crm_err_set(&t->err, CRM_USAGE, "quote: give one deal id");
    free(ids);
    return rc;
}
