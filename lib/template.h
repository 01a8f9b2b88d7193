/*
 * template.h - the one small template engine of crm (quotes, price lists,
 * mail merge): a subset of Mustache over a JSON value (jansson).
 *
 *   {{name}}          the value of name (a string, number or true/false);
 *                     dotted names look into objects: {{account.city}}.
 *                     Names are looked up from the innermost section out.
 *                     Missing or null prints nothing.
 *   {{{name}}}, {{& name}}   the same, never escaped
 *   {{#name}}...{{/name}}    a section: once per element of an array
 *                     (each element's keys come into scope), once with an
 *                     object in scope, once for any other true value
 *                     (true, a non-empty string, a number other than 0);
 *                     not at all for false, null, "", 0, [] or a missing name
 *   {{^name}}...{{/name}}    the inverse: only when the section would not run
 *   {{! comment }}    nothing
 *   {{.}}             the current element itself (in a section over strings)
 *
 * A section, inverse, closing or comment tag alone on its line takes the
 * whole line with it, so templates can be laid out line by line.  With
 * CRM_TPL_HTML every {{name}} is escaped for HTML (& < > " '); the other
 * modes write values as they are.  Errors (an unclosed tag or section, a
 * closing tag that does not match) are CRM_DATAERR with the line number.
 * Full documentation: crm-template(5).
 */
#ifndef CRM_TEMPLATE_H
#define CRM_TEMPLATE_H

#include <jansson.h>

#include "buf.h"
#include "err.h"

/* TEXT: values as they are; HTML: escaped for HTML; MD: '|' escaped and
 * line breaks made blanks, so a value keeps a Markdown table intact. */
enum crm_tpl_mode { CRM_TPL_TEXT, CRM_TPL_HTML, CRM_TPL_MD };

/* Render tpl (NUL-terminated) with data, appending to out.  `name` is used
 * in messages ("quote.html:12: ..."). */
int crm_template_render(const char *tpl, const char *name, json_t *data, enum crm_tpl_mode mode,
                        struct crm_buf *out, struct crm_err *err);

/* Append s escaped for HTML text and attribute values. */
void crm_html_escape(struct crm_buf *out, const char *s);

#endif
