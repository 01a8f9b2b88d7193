/* The template engine: values, sections, inverses, escaping, standalone lines, errors. */
#include <stdlib.h>

#include "t.h"
#include "template.h"

static char *r(const char *tpl, const char *json, enum crm_tpl_mode mode, int *rc)
{
    json_error_t je;
    json_t *d = json_loads(json, 0, &je);
    struct crm_buf out = CRM_BUF_INIT;
    struct crm_err err;
    *rc = crm_template_render(tpl, "t", d, mode, &out, &err);
    json_decref(d);
    if (*rc) {
        crm_buf_free(&out);
        return crm_xstrdup(err.msg);
    }
    return crm_buf_detach(&out);
}

#define R(tpl, json, want, what)                                                                 \
    do {                                                                                         \
        int rc_;                                                                                 \
        char *got_ = r(tpl, json, CRM_TPL_TEXT, &rc_);                                           \
        T_STR(got_, want, what);                                                                 \
        free(got_);                                                                              \
    } while (0)

int main(void)
{
    int rc;
    char *s;
    R("Hello {{name}}!", "{\"name\":\"Ann\"}", "Hello Ann!", "a value");
    R("{{ name }}", "{\"name\":\"Ann\"}", "Ann", "blanks in the tag");
    R("[{{missing}}]", "{}", "[]", "a missing value prints nothing");
    R("[{{n}}]", "{\"n\":null}", "[]", "null prints nothing");
    R("{{n}} {{b}}", "{\"n\":42,\"b\":true}", "42 true", "numbers and booleans");
    R("{{a.b.c}}", "{\"a\":{\"b\":{\"c\":\"deep\"}}}", "deep", "dotted names");
    R("{{#items}}<{{name}}>{{/items}}", "{\"items\":[{\"name\":\"x\"},{\"name\":\"y\"}]}",
      "<x><y>", "a loop");
    R("{{#items}}{{.}},{{/items}}", "{\"items\":[\"a\",\"b\"]}", "a,b,", "a loop over strings");
    R("{{#items}}{{cur}}{{name}};{{/items}}", "{\"cur\":\"EUR\",\"items\":[{\"name\":\"x\"}]}",
      "EURx;", "outer names are seen inside a section");
    R("{{#on}}yes{{/on}}{{^on}}no{{/on}}", "{\"on\":true}", "yes", "a true condition");
    R("{{#on}}yes{{/on}}{{^on}}no{{/on}}", "{\"on\":false}", "no", "a false condition");
    R("{{#s}}yes{{/s}}{{^s}}no{{/s}}", "{\"s\":\"\"}", "no", "an empty string is false");
    R("{{#a}}yes{{/a}}{{^a}}no{{/a}}", "{\"a\":[]}", "no", "an empty list is false");
    R("{{#o}}{{x}}{{/o}}", "{\"o\":{\"x\":\"in\"}}", "in", "an object section");
    R("{{#a}}{{#b}}{{x}}{{/b}}{{/a}}", "{\"a\":[{\"b\":[{\"x\":1},{\"x\":2}]},{\"b\":[]}]}", "12",
      "nested loops");
    R("a{{! a comment }}b", "{}", "ab", "comments");
    R("<ul>\n{{#items}}\n  <li>{{.}}</li>\n{{/items}}\n</ul>\n", "{\"items\":[\"a\",\"b\"]}",
      "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n", "standalone section lines vanish");
    R("x {{#a}}y{{/a}} z\n", "{\"a\":true}", "x y z\n", "inline sections keep their line");
    R("{{x}}", "{\"x\":\"<b>&\"}", "<b>&", "text mode does not escape");

    s = r("{{x}}|{{{x}}}|{{& x}}", "{\"x\":\"<a href=\\\"'\\\">&</a>\"}", CRM_TPL_HTML, &rc);
    T_STR(s, "&lt;a href=&quot;&#39;&quot;&gt;&amp;&lt;/a&gt;|<a href=\"'\">&</a>|<a href=\"'\">&</a>",
          "html mode escapes {{x}} but not {{{x}}} or {{& x}}");
    free(s);

    s = r("a\n{{#x}}\nb", "{}", CRM_TPL_TEXT, &rc);
    T_INT(rc, CRM_DATAERR, "an unclosed section is an error");
    T_STR(s, "t:2: section '{{#x}}' is never closed", "with its line");
    free(s);
    s = r("{{#x}}{{/y}}", "{}", CRM_TPL_TEXT, &rc);
    T_INT(rc, CRM_DATAERR, "a mismatched close is an error");
    free(s);
    s = r("{{/y}}", "{}", CRM_TPL_TEXT, &rc);
    T_INT(rc, CRM_DATAERR, "a close without a section is an error");
    free(s);
    s = r("\n\n{{x", "{}", CRM_TPL_TEXT, &rc);
    T_INT(rc, CRM_DATAERR, "an unclosed tag is an error");
    T_STR(s, "t:3: unclosed tag '{{'", "with its line");
    free(s);
    s = r("{{}}", "{}", CRM_TPL_TEXT, &rc);
    T_INT(rc, CRM_DATAERR, "an empty tag is an error");
    free(s);
    return t_done();
}
