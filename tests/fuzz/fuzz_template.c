/*
 * fuzz_template.c - the template engine (lib/template.h) in its three
 * modes, over a fixed data object with strings, numbers, nested objects and
 * arrays.  Byte 0 picks the mode.
 */
#include <jansson.h>

#include "buf.h"
#include "err.h"
#include "fuzz.h"
#include "template.h"

static json_t *data_obj;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!data_obj) {
        data_obj = json_loads("{\"name\":\"Ann <b>&\",\"n\":3,\"z\":0,\"t\":true,\"f\":false,"
                              "\"nil\":null,\"s\":\"\",\"account\":{\"city\":\"Kyiv|x\\ny\"},"
                              "\"items\":[{\"sku\":\"A\",\"qty\":1},{\"sku\":\"B\",\"sub\":[1,2]}],"
                              "\"tags\":[\"a\",\"b\"],\"empty\":[]}",
                              0, NULL);
        if (!data_obj)
            abort();
    }
    if (size < 1)
        return 0;
    char *tpl = fuzz_str(data + 1, size - 1);
    struct crm_buf out = CRM_BUF_INIT;
    struct crm_err err;
    crm_err_clear(&err);
    (void)crm_template_render(tpl, "fuzz", data_obj, (enum crm_tpl_mode)(data[0] % 3), &out, &err);
    crm_html_escape(&out, tpl);
    crm_buf_free(&out);
    free(tpl);
    return 0;
}
