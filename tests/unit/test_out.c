#include "t.h"
#include "buf.h"
#include "err.h"
#include "out.h"

#include <stdlib.h>

static struct crm_buf rendered;

/* Print nrows rows of ncols values in fmt and return the text. */
static const char *render(enum crm_outfmt fmt, const struct crm_col *cols, size_t ncols,
                          const char *const *vals, size_t nrows, const struct crm_out_opts *opts)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    struct crm_err err;
    struct crm_out *o = crm_out_new(f, fmt, cols, ncols, opts);
    int rc = CRM_OK;

    for (size_t r = 0; r < nrows && rc == CRM_OK; r++)
        rc = crm_out_row(o, vals + r * ncols, &err);
    if (rc == CRM_OK)
        rc = crm_out_end(o, &err);
    else
        crm_out_free(o);
    fclose(f);
    crm_buf_reset(&rendered);
    crm_buf_add(&rendered, text, len);
    if (rc != CRM_OK) crm_buf_printf(&rendered, "ERR %s", err.msg);
    free(text);
    return crm_buf_str(&rendered);
}

static const struct crm_col people[] = {
    {"id", CRM_COL_NUMBER}, {"name", CRM_COL_TEXT}, {"note", CRM_COL_TEXT}};

static void test_csv(void)
{
    const char *rows[] = {"1", "Ann", "a,b",  "2", NULL,  "say \"hi\"\nx",
                          "3", "",    " sp ", "4", "é中", "cr\rlf"};
    struct crm_out_opts noh = {.no_header = 1};

    T_STR(render(CRM_OUT_CSV, people, 3, rows, 4, NULL),
          "id,name,note\n1,Ann,\"a,b\"\n2,,\"say \"\"hi\"\"\nx\"\n3,\"\", sp \n4,é中,\"cr\rlf\"\n",
          "csv: RFC 4180 quoting; NULL empty, \"\" quoted; blanks kept");
    T_STR(render(CRM_OUT_CSV, people, 3, rows, 1, &noh), "1,Ann,\"a,b\"\n", "csv: --no-header");
    T_STR(render(CRM_OUT_CSV, people, 3, NULL, 0, NULL), "id,name,note\n",
          "csv: an empty result is the header");

    const struct crm_col weird[] = {{"a,b", CRM_COL_TEXT}, {"c", CRM_COL_TEXT}};
    const char *w[] = {"1", "2"};
    T_STR(render(CRM_OUT_CSV, weird, 2, w, 1, NULL), "\"a,b\",c\n1,2\n",
          "csv: a header name is quoted too");
}

static void test_safe_csv(void)
{
    const struct crm_col cols[] = {{"n", CRM_COL_NUMBER}, {"a", CRM_COL_TEXT},
                                   {"b", CRM_COL_TEXT},   {"c", CRM_COL_TEXT},
                                   {"d", CRM_COL_TEXT},   {"e", CRM_COL_NUMBER}};
    const char *rows[] = {"-3", "=SUM(A1)", "@x", "-y", "\tz", "-1+2"};
    struct crm_out_opts safe = {.safe_csv = 1};

    T_STR(render(CRM_OUT_CSV, cols, 6, rows, 1, &safe),
          "n,a,b,c,d,e\n-3,'=SUM(A1),'@x,'-y,'\tz,'-1+2\n",
          "safe csv: formulas get a quote, numbers stay numbers");
    T_STR(render(CRM_OUT_TSV, cols, 6, rows, 1, &safe),
          "n\ta\tb\tc\td\te\n-3\t'=SUM(A1)\t'@x\t'-y\t'\\tz\t'-1+2\n", "safe tsv: the same");
    T_STR(render(CRM_OUT_CSV, cols, 6, rows, 1, NULL), "n,a,b,c,d,e\n-3,=SUM(A1),@x,-y,\tz,-1+2\n",
          "csv: without --safe values are as they are");
    const char *q[] = {"1", "=\"x\",1", "", "", NULL, NULL};
    T_STR(render(CRM_OUT_CSV, cols, 6, q, 1, &safe),
          "n,a,b,c,d,e\n1,\"'=\"\"x\"\",1\",\"\",\"\",,\n",
          "safe csv: the guard goes inside the quotes");
}

static void test_tsv(void)
{
    const char *rows[] = {"1", "a\tb", "l1\nl2\r\\", "2", NULL, ""};

    T_STR(render(CRM_OUT_TSV, people, 3, rows, 2, NULL),
          "id\tname\tnote\n1\ta\\tb\tl1\\nl2\\r\\\\\n2\t\t\n", "tsv: escapes, NULL empty");
    T_STR(render(CRM_OUT_TSV, people, 3, NULL, 0, NULL), "id\tname\tnote\n",
          "tsv: an empty result is the header");
}

static void test_json(void)
{
    const struct crm_col cols[] = {{"n", CRM_COL_NUMBER},
                                   {"b", CRM_COL_BOOL},
                                   {"t", CRM_COL_TAGS},
                                   {"j", CRM_COL_JSON},
                                   {"s", CRM_COL_TEXT}};
    const char *rows[] = {"12.50", "1",     "a;b", "{\"x\":1}", "q\"b\\\n\t\x01\x1f\b\f/é中",
                          "abc",   "false", "",    NULL,        NULL,
                          "1e400", "0",     NULL,  "",          ""};

    T_STR(render(CRM_OUT_JSON, cols, 5, rows, 3, NULL),
          "[\n"
          "{\"n\":12.50,\"b\":true,\"t\":[\"a\",\"b\"],\"j\":{\"x\":1},"
          "\"s\":\"q\\\"b\\\\\\n\\t\\u0001\\u001f\\b\\f/é中\"},\n"
          "{\"n\":\"abc\",\"b\":false,\"t\":[],\"j\":null,\"s\":null},\n"
          "{\"n\":1e400,\"b\":false,\"t\":null,\"j\":null,\"s\":\"\"}\n"
          "]\n",
          "json: kinds, escapes, nulls");
    T_STR(render(CRM_OUT_JSON, cols, 5, NULL, 0, NULL), "[]\n", "json: an empty result is []");
    T_STR(render(CRM_OUT_JSONL, cols, 5, rows, 2, NULL),
          "{\"n\":12.50,\"b\":true,\"t\":[\"a\",\"b\"],\"j\":{\"x\":1},"
          "\"s\":\"q\\\"b\\\\\\n\\t\\u0001\\u001f\\b\\f/é中\"}\n"
          "{\"n\":\"abc\",\"b\":false,\"t\":[],\"j\":null,\"s\":null}\n",
          "jsonl: one object a line");
    T_STR(render(CRM_OUT_JSONL, cols, 5, NULL, 0, NULL), "", "jsonl: an empty result is nothing");

    const struct crm_col num[] = {{"n", CRM_COL_NUMBER}};
    const char *nums[] = {"-0.0", "01", "1.", "-", "12345678901234567890", "1E+2"};
    T_STR(render(CRM_OUT_JSONL, num, 1, nums, 6, NULL),
          "{\"n\":-0.0}\n{\"n\":\"01\"}\n{\"n\":\"1.\"}\n{\"n\":\"-\"}\n"
          "{\"n\":12345678901234567890}\n{\"n\":1E+2}\n",
          "json: numbers raw when valid JSON, else strings");

    const struct crm_col tags[] = {{"t", CRM_COL_TAGS}};
    const char *tv[] = {"a;;b;", "x\"y"};
    T_STR(render(CRM_OUT_JSONL, tags, 1, tv, 2, NULL),
          "{\"t\":[\"a\",\"b\"]}\n{\"t\":[\"x\\\"y\"]}\n",
          "json: tags skip empty elements and are escaped");

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    crm_out_json_string(f,
                        "a\xff"
                        "b\xe2\x82"
                        "c\xe2\x80\xa8",
                        9);
    fclose(f);
    T_STR(text, "\"a\\ufffdb\\ufffd\\ufffdc\xe2\x80\xa8\"", "json: invalid UTF-8 becomes U+FFFD");
    free(text);
}

static void test_table(void)
{
    const struct crm_col cols[] = {{"name", CRM_COL_TEXT}, {"score", CRM_COL_NUMBER}};
    const char *rows[] = {"Ann", "5", "李小龙", "120", "Ива\nн\tх", NULL};
    struct crm_out_opts color = {.color = 1}, noh = {.no_header = 1};

    T_STR(render(CRM_OUT_TABLE, cols, 2, rows, 3, NULL),
          "name     score\n"
          "Ann          5\n"
          "李小龙     120\n"
          "Ива н х\n",
          "table: CJK is two columns wide, numbers right, newlines and tabs as spaces");
    T_STR(render(CRM_OUT_TABLE, cols, 2, rows, 1, &color),
          "\033[1mname  score\033[0m\nAnn       5\n", "table: a bold header with color");
    T_STR(render(CRM_OUT_TABLE, cols, 2, rows, 2, &noh), "Ann       5\n李小龙  120\n",
          "table: --no-header");
    T_STR(render(CRM_OUT_TABLE, cols, 2, NULL, 0, NULL), "name  score\n",
          "table: an empty result is the header");

    const struct crm_col one[] = {{"v", CRM_COL_TEXT}};
    char longx[51], exact[41];
    memset(longx, 'x', 50);
    longx[50] = '\0';
    memset(exact, 'y', 40);
    exact[40] = '\0';
    struct crm_buf cjk = CRM_BUF_INIT, want = CRM_BUF_INIT;
    for (int i = 0; i < 30; i++)
        crm_buf_puts(&cjk, "東");
    const char *vals[] = {longx, exact, cjk.s, "e\xcc\x81"};
    crm_buf_puts(&want, "v\n");
    crm_buf_add(&want, longx, 39);
    crm_buf_puts(&want, "…\n");
    crm_buf_printf(&want, "%s\n", exact);
    for (int i = 0; i < 19; i++)
        crm_buf_puts(&want, "東");
    crm_buf_puts(&want, "…\ne\xcc\x81\n");
    T_STR(render(CRM_OUT_TABLE, one, 1, vals, 4, NULL), want.s,
          "table: values past 40 columns are cut with …, never inside a wide character");
    crm_buf_free(&cjk);
    crm_buf_free(&want);
}

static void test_write_error(void)
{
    FILE *f = fopen("/dev/full", "w");
    struct crm_err err;
    const char *row[] = {"1", "Ann", "x"};

    if (!f) {
        T_OK(1, "# SKIP no /dev/full");
        return;
    }
    struct crm_out *o = crm_out_new(f, CRM_OUT_JSONL, people, 3, NULL);
    T_INT(crm_out_row(o, row, &err), CRM_IOERR, "jsonl: a full disk fails the row at once");
    T_STR(err.msg, "write error: No space left on device", "the message says why");
    crm_out_free(o);
    fclose(f);

    f = fopen("/dev/full", "w");
    o = crm_out_new(f, CRM_OUT_CSV, people, 3, NULL);
    T_INT(crm_out_row(o, row, &err), CRM_OK, "csv: a buffered row does not fail yet");
    T_INT(crm_out_end(o, &err), CRM_IOERR, "csv: crm_out_end sees the failed flush");
    T_STR(err.msg, "write error: No space left on device", "csv: the message says why");
    fclose(f);

    f = fopen("/dev/full", "w");
    setvbuf(f, NULL, _IONBF, 0);
    o = crm_out_new(f, CRM_OUT_TABLE, people, 3, NULL);
    T_INT(crm_out_row(o, row, &err), CRM_OK, "table: rows are buffered");
    T_INT(crm_out_end(o, &err), CRM_IOERR, "table: the failure shows at the end");
    fclose(f);
}

static void test_formats(void)
{
    enum crm_outfmt fmt;
    struct crm_err err;

    T_INT(crm_out_format_parse("tsv", &fmt, &err), CRM_OK, "format: tsv parses");
    T_INT(fmt, CRM_OUT_TSV, "format: tsv");
    T_INT(crm_out_format_parse("jsonl", &fmt, &err), CRM_OK, "format: jsonl parses");
    T_INT(fmt, CRM_OUT_JSONL, "format: jsonl");
    T_INT(crm_out_format_parse("xml", &fmt, &err), CRM_USAGE, "format: xml is a usage error");
    T_STR(err.msg, "unknown format 'xml' (use table, csv, tsv, json or jsonl)",
          "format: the message names the allowed ones");

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    T_INT(crm_out_default_format(f), CRM_OUT_CSV, "default: csv when not a terminal");
    fclose(f);
    free(text);
}

int main(void)
{
    test_csv();
    test_safe_csv();
    test_tsv();
    test_json();
    test_table();
    test_write_error();
    test_formats();
    crm_buf_free(&rendered);
    return t_done();
}
