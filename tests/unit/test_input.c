#include "t.h"
#include "buf.h"
#include "err.h"
#include "input.h"

#include <stdlib.h>

/* A read stream over text (n bytes; strlen when n is 0).  fmemopen cannot
 * open an empty buffer everywhere, so the empty text is /dev/null. */
static FILE *open_text(const char *text, size_t n)
{
    if (!n) n = strlen(text);
    return n ? fmemopen((void *)text, n, "r") : fopen("/dev/null", "r");
}

static struct crm_buf dumped;

/*
 * Every record of text as "LINE:key=val|key=val\n" (NULL as "(null)"),
 * then "ERR msg" if reading failed.  Keeps the tests one line each.
 */
static const char *dump_n(const char *text, size_t n, enum crm_infmt fmt, char delim,
                          size_t max_record)
{
    struct crm_input *in;
    struct crm_record_in rec;
    struct crm_err err;
    FILE *f = open_text(text, n);
    int rc;

    crm_buf_reset(&dumped);
    if (crm_input_open(&in, f, "in", fmt, delim, &err) != CRM_OK) {
        crm_buf_printf(&dumped, "ERR %s", err.msg);
        fclose(f);
        return crm_buf_str(&dumped);
    }
    if (max_record) crm_input_set_max_record(in, max_record);
    while ((rc = crm_input_next(in, &rec, &err)) > 0) {
        crm_buf_printf(&dumped, "%zu:", rec.line);
        for (size_t i = 0; i < rec.n; i++)
            crm_buf_printf(&dumped, "%s%s=%s", i ? "|" : "", rec.keys[i],
                           rec.vals[i] ? rec.vals[i] : "(null)");
        crm_buf_putc(&dumped, '\n');
    }
    if (rc < 0) {
        crm_buf_printf(&dumped, "ERR %s", err.msg);
        struct crm_err again;
        if (crm_input_next(in, &rec, &again) != rc || strcmp(again.msg, err.msg) != 0)
            crm_buf_puts(&dumped, " (not sticky)");
    }
    crm_input_close(in);
    fclose(f);
    return crm_buf_str(&dumped);
}

static const char *dump(const char *text, enum crm_infmt fmt)
{
    return dump_n(text, 0, fmt, 0, 0);
}

static void test_csv(void)
{
    T_STR(dump("name,email\nAnn,ann@x.org\n", CRM_IN_CSV), "2:name=Ann|email=ann@x.org\n",
          "csv: a header and a row");
    T_STR(dump("a,b\n\"x,1\",\"say \"\"hi\"\"\"\n", CRM_IN_CSV), "2:a=x,1|b=say \"hi\"\n",
          "csv: quoted delimiter and doubled quotes");
    T_STR(dump("a,b\r\n\"l1\r\nl2\",z\r\n\"m\nn\",y\r\nq,r\r\n", CRM_IN_CSV),
          "2:a=l1\r\nl2|b=z\n4:a=m\nn|b=y\n6:a=q|b=r\n",
          "csv: embedded CRLF and LF; a record's line is where it starts");
    T_STR(dump("\xEF\xBB\xBFid,name\n1,A\n", CRM_IN_AUTO), "2:id=1|name=A\n",
          "csv: a UTF-8 BOM is skipped");
    T_STR(dump("a,b,c\n,\"\",x\n", CRM_IN_CSV), "2:a=(null)|b=|c=x\n",
          "csv: an empty field is NULL, \"\" is the empty string");
    T_STR(dump("a,b,c\n1,,\n", CRM_IN_CSV), "2:a=1|b=(null)|c=(null)\n",
          "csv: empty fields at the end of a line");
    T_STR(dump("a,b\n", CRM_IN_CSV), "", "csv: a header-only file has no records");
    T_STR(dump("a,b", CRM_IN_CSV), "", "csv: a header without newline has no records");
    T_STR(dump("a\n1", CRM_IN_CSV), "2:a=1\n", "csv: a last line without newline is read");
    T_STR(dump("a,b\n x , y \n", CRM_IN_CSV), "2:a= x |b= y \n", "csv: blanks are kept");
    T_STR(dump("a\n\n1\n\n\n2\n", CRM_IN_CSV), "3:a=1\n6:a=2\n",
          "csv: blank lines are skipped and still counted");
    T_STR(dump("a,b\n1,2\n1,2,3\n", CRM_IN_CSV), "2:a=1|b=2\nERR in:3: 3 fields, the header has 2",
          "csv: a ragged row names its line");
    T_STR(dump("a,b\n1\n", CRM_IN_CSV), "ERR in:2: 1 field, the header has 2",
          "csv: a short row too");
    T_STR(dump("a\n1\n\"abc\nxx\n", CRM_IN_CSV), "2:a=1\nERR in:3: unterminated quoted field",
          "csv: an unterminated quote at EOF names the line it starts on");
    T_STR(dump("a\nok\nab\xff\n", CRM_IN_CSV),
          "2:a=ok\nERR in:3: invalid UTF-8 at byte 3 of the line", "csv: invalid UTF-8");
    T_STR(dump("a\n\xc3\x28\n", CRM_IN_CSV), "ERR in:2: invalid UTF-8 at byte 1 of the line",
          "csv: a broken two-byte sequence");
    T_STR(dump("a\n\xe0\x80\x80\n", CRM_IN_CSV), "ERR in:2: invalid UTF-8 at byte 1 of the line",
          "csv: an overlong sequence");
    T_STR(dump_n("a\nx\0y\n", 6, CRM_IN_CSV, 0, 0), "ERR in:2: invalid UTF-8 at byte 2 of the line",
          "csv: a NUL byte is refused");
    T_STR(dump("a\nx\"y\n", CRM_IN_CSV),
          "ERR in:2: misplaced quote (a quoted field must end at a delimiter; quotes inside it are "
          "doubled)",
          "csv: a quote inside an unquoted field");
    T_STR(dump("a\n\"x\"y\n", CRM_IN_CSV),
          "ERR in:2: misplaced quote (a quoted field must end at a delimiter; quotes inside it are "
          "doubled)",
          "csv: text after a closing quote");
    T_STR(dump("a,,b\n", CRM_IN_CSV), "ERR in:1: column 2 of the header has no name",
          "csv: an empty column name");
    T_STR(dump("a,b,a\n", CRM_IN_CSV), "ERR in:1: column 'a' appears twice in the header",
          "csv: a repeated column name");
    T_STR(dump("", CRM_IN_CSV), "ERR in: no header line (the input is empty)",
          "csv: an empty file has no header");
    T_STR(dump_n("a;b\n1,5;\"x;y\"\n", 0, CRM_IN_CSV, ';', 0), "2:a=1,5|b=x;y\n",
          "csv: a semicolon delimiter");
    T_STR(dump("név,город,名前\nÉva,Київ,東京\n", CRM_IN_CSV), "2:név=Éva|город=Київ|名前=東京\n",
          "csv: UTF-8 text");
    T_STR(dump_n("a\n\"0123456789\"\n", 0, CRM_IN_CSV, 0, 8),
          "ERR in:2: record larger than 8 bytes", "csv: a record past the size limit");
}

static void test_tsv(void)
{
    T_STR(dump("a\tb\nx\\ty\\\\z\tl1\\nl2\\r\n\tq\r\n", CRM_IN_TSV),
          "2:a=x\ty\\z|b=l1\nl2\r\n3:a=(null)|b=q\n", "tsv: escapes decoded, empty is NULL, CRLF");
    T_STR(dump("a\tb\n1\t2\t3\n", CRM_IN_TSV), "ERR in:2: 3 fields, the header has 2",
          "tsv: a ragged row");
    T_STR(dump("a\tb\n\n1\t\"2\"\n", CRM_IN_TSV), "3:a=1|b=\"2\"\n",
          "tsv: no quoting; blank lines skipped");
    T_STR(dump("a\t\n", CRM_IN_TSV), "ERR in:1: column 2 of the header has no name",
          "tsv: an empty column name");
}

static void test_json(void)
{
    T_STR(dump("[\n {\"id\": 1, \"name\": \"Ann\", \"amount\": 12.50},\n"
               " {\"v\":-0.0,\"big\":1e400,\"n\":12345678901234567890,\"t\":true,\"f\":false,"
               "\"z\":null}\n]\n",
               CRM_IN_AUTO),
          "2:id=1|name=Ann|amount=12.50\n"
          "3:v=-0.0|big=1e400|n=12345678901234567890|t=true|f=false|z=(null)\n",
          "json: numbers keep their source text; true/false/null");
    T_STR(dump("[{\"s\":\"a\\\"b\\\\ [1, 2] {\\u00e9}\",\"k\":\"12\"}]", CRM_IN_JSON),
          "1:s=a\"b\\ [1, 2] {\xc3\xa9}|k=12\n", "json: strings with escapes and brackets");
    T_STR(dump("[ ]", CRM_IN_AUTO), "", "json: an empty array has no records");
    T_STR(dump("{\"a\":1}\n\n{\"a\":2}\r\n{\"a\":3}{\"a\":4}\n", CRM_IN_AUTO),
          "1:a=1\n3:a=2\n4:a=3\n4:a=4\n", "jsonl: lines, blank lines, concatenated objects");
    T_STR(dump("{\"a\":\n  1,\n \"b\": [2, 3]}\n", CRM_IN_JSONL), "1:a=1|b=2;3\n",
          "jsonl: an object over several lines");
    T_STR(dump("[{\"tags\":[\"a\",\"b\",3]},{\"tags\":[]}]", CRM_IN_JSON),
          "1:tags=a;b;3\n1:tags=\n", "json: arrays of scalars become tags");
    T_STR(dump("[\n{\"id\":1},\n{\"id\":2,\"addr\":{\"city\":\"x\"}}]", CRM_IN_JSON),
          "2:id=1\nERR in:3: addr: a nested object is not a field value",
          "json: a nested object names the key");
    T_STR(dump("{\"t\":[{\"x\":1}]}", CRM_IN_JSONL),
          "ERR in:1: t: an array may hold only strings and numbers (tags)",
          "json: an array of objects");
    T_STR(dump("{\"t\":[\"a;b\"]}", CRM_IN_JSONL), "ERR in:1: t: tag 'a;b' contains ';'",
          "json: a tag holding the separator");
    T_STR(dump("[\n1]", CRM_IN_JSON), "ERR in:2: expected an object", "json: a number element");
    T_STR(dump("[{\"a\":1}] x", CRM_IN_JSON), "1:a=1\nERR in:1: trailing data after the JSON array",
          "json: trailing data");
    T_STR(dump("[{\"a\":1}\n", CRM_IN_JSON),
          "1:a=1\nERR in:2: invalid JSON: the input ends before the array's ']'",
          "json: a missing ']'");
    T_STR(dump("[{\"a\":1} {\"a\":2}]", CRM_IN_JSON),
          "1:a=1\nERR in:1: invalid JSON: expected ',' or ']', found '{'", "json: a missing comma");
    T_STR(dump("[{\"a\":1},]", CRM_IN_JSON), "1:a=1\nERR in:1: invalid JSON: unexpected ']'",
          "json: a trailing comma");
    T_STR(dump("{\"a\":01}", CRM_IN_JSONL), "ERR in:1: invalid JSON: invalid number '01'",
          "json: a malformed number");
    T_STR(dump("{\"a\":1,\"a\":2}", CRM_IN_JSONL),
          "ERR in:1: invalid JSON: duplicate object key near '\"a\"'", "json: a duplicate key");
    T_STR(dump("{\"a\":\"x\xff\"}", CRM_IN_JSONL), "ERR in:1: invalid UTF-8 at byte 8 of the line",
          "json: invalid UTF-8 with its byte in the line");
    T_STR(dump("[\n  {\"a\":\n\"\xff\"}]", CRM_IN_JSON),
          "ERR in:3: invalid UTF-8 at byte 2 of the line",
          "json: invalid UTF-8 on a later line of an element");
    T_STR(dump("{\"a\":\"x\"", CRM_IN_JSONL),
          "ERR in:1: invalid JSON: the input ends inside an object or array",
          "json: an unterminated object");

    const char *bad = dump("[\n{\"a\":1},\n{\"a\":\n2,,\"b\":3}\n]", CRM_IN_JSON);
    T_OK(strncmp(bad, "2:a=1\nERR in:4: invalid JSON: ", 30) == 0,
         "json: Jansson's message with the file's line");

    struct crm_buf deep = CRM_BUF_INIT;
    crm_buf_puts(&deep, "[{\"a\":");
    for (int i = 0; i < 100; i++)
        crm_buf_putc(&deep, '[');
    T_STR(dump(deep.s, CRM_IN_JSON), "ERR in:1: JSON nested deeper than 64 levels",
          "json: nesting is bounded");
    crm_buf_free(&deep);

    T_STR(dump_n("{\"a\":\"0123456789abcdef\"}", 0, CRM_IN_JSONL, 0, 16),
          "ERR in:1: record larger than 16 bytes", "json: a record past a set limit");

    /* The default limit, for real: an element of 64 MiB and a bit. */
    size_t big = ((size_t)64 << 20) + 64;
    char *text = malloc(big);
    memset(text, 'x', big);
    memcpy(text, "[{\"a\":\"", 7);
    memcpy(text + big - 3, "\"}]", 3);
    T_STR(dump_n(text, big, CRM_IN_JSON, 0, 0), "ERR in:1: record larger than 64 MiB",
          "json: an element larger than 64 MiB is refused");
    free(text);
}

static void test_detect(void)
{
    struct crm_input *in;
    struct crm_err err;
    enum crm_infmt fmt;
    FILE *f;

    f = open_text(" \n [{\"a\":1}]", 0);
    T_INT(crm_input_open(&in, f, "-", CRM_IN_AUTO, 0, &err), CRM_OK, "detect: open");
    T_INT(crm_input_format(in), CRM_IN_JSON, "detect: '[' after blanks is JSON");
    crm_input_close(in);
    fclose(f);
    f = open_text("\xEF\xBB\xBF{\"a\":1}", 0);
    T_INT(crm_input_open(&in, f, "-", CRM_IN_AUTO, 0, &err), CRM_OK, "detect: open jsonl");
    T_INT(crm_input_format(in), CRM_IN_JSONL, "detect: '{' is JSON Lines");
    crm_input_close(in);
    fclose(f);
    f = open_text("", 0);
    T_INT(crm_input_open(&in, f, "-", CRM_IN_AUTO, 0, &err), CRM_DATAERR,
          "detect: empty input is CSV without a header");
    T_STR(err.msg, "stdin: no header line (the input is empty)", "detect: '-' is shown as stdin");
    T_OK(in == NULL, "a failed open gives no reader");
    fclose(f);

    T_INT(crm_input_format_parse("jsonl", &fmt, &err), CRM_OK, "format: jsonl parses");
    T_INT(fmt, CRM_IN_JSONL, "format: jsonl");
    T_INT(crm_input_format_parse("xml", &fmt, &err), CRM_USAGE, "format: xml is a usage error");
    T_STR(err.msg, "unknown input format 'xml' (use auto, csv, tsv, json, jsonl or vcard)",
          "format: the message names the allowed ones");
}

struct ids {
    struct crm_buf got;
    int stop_at;
};

static int collect(long long id, size_t line, void *ctx)
{
    struct ids *c = ctx;

    crm_buf_printf(&c->got, "%lld@%zu ", id, line);
    return c->stop_at && id == c->stop_at ? 42 : 0;
}

static const char *ids(const char *text, int stop_at, int *rc)
{
    static struct ids c;
    struct crm_err err;
    FILE *f = open_text(text, 0);

    crm_buf_reset(&c.got);
    c.stop_at = stop_at;
    *rc = crm_input_read_ids(f, "-", collect, &c, &err);
    if (*rc && *rc != 42) crm_buf_printf(&c.got, "ERR %s", err.msg);
    fclose(f);
    return crm_buf_str(&c.got);
}

static void test_ids(void)
{
    int rc;

    T_STR(ids("12\n\n 7 \n3\r\n", 0, &rc), "12@1 7@3 3@4 ", "ids: plain, blanks skipped");
    T_INT(rc, CRM_OK, "ids: plain succeeds");
    T_STR(ids("1\nabc\n", 0, &rc), "1@1 ERR stdin:2: 'abc' is not a record id",
          "ids: a line that is not an id");
    T_INT(rc, CRM_DATAERR, "ids: a bad id is a data error");
    T_STR(ids("1\n0\n", 0, &rc), "1@1 ERR stdin:2: '0' is not a record id", "ids: 0 is not an id");
    T_STR(ids("1\n99999999999999999999\n", 0, &rc),
          "1@1 ERR stdin:2: '99999999999999999999' is not a record id", "ids: overflow");
    T_STR(ids("id,name\n5,A\n6,\"B, b\"\n", 0, &rc), "5@2 6@3 ", "ids: CSV with an id column");
    T_STR(ids("name,id\nA,5\n", 0, &rc), "5@2 ", "ids: the id column anywhere");
    T_STR(ids("name\nA\n", 0, &rc), "ERR stdin:1: no \"id\" column in the header",
          "ids: CSV without an id column");
    T_STR(ids("id\n5\n\n", 0, &rc), "5@2 ", "ids: a one-column CSV header 'id'");
    T_STR(ids("[{\"id\":8,\"n\":\"a\"},\n{\"id\":9}]", 0, &rc), "8@1 9@2 ", "ids: JSON");
    T_STR(ids("{\"id\":10}\n{\"id\":\"11\"}\n", 0, &rc), "10@1 11@2 ", "ids: JSON Lines");
    T_STR(ids("{\"id\":10}\n{\"name\":\"x\"}\n", 0, &rc), "10@1 ERR stdin:2: no \"id\" key",
          "ids: a JSON record without id");
    T_STR(ids("{\"id\":1.5}\n", 0, &rc), "ERR stdin:1: '1.5' is not a record id",
          "ids: a fraction is not an id");
    T_STR(ids("", 0, &rc), "", "ids: empty input gives no ids");
    T_INT(rc, CRM_OK, "ids: empty input is fine");
    T_STR(ids(" \n\n", 0, &rc), "", "ids: blank input gives no ids");
    T_STR(ids("1\n2\n3\n", 2, &rc), "1@1 2@2 ", "ids: the callback stops the walk");
    T_INT(rc, 42, "ids: and its status is returned");
}

int main(void)
{
    test_csv();
    test_tsv();
    test_json();
    test_detect();
    test_ids();
    crm_buf_free(&dumped);
    return t_done();
}
