#include "buf.h"
#include "t.h"
#include "utf8.h"

static size_t dec(const char *s, size_t n, uint32_t *cp)
{
    *cp = 0xFFFFFFFF;
    return crm_utf8_decode(s, n, cp);
}

static void test_decode(void)
{
    uint32_t cp;

    T_INT(dec("A", 1, &cp), 1, "ASCII is one byte");
    T_INT(cp, 'A', "ASCII decodes to itself");
    T_INT(dec("\xD0\xA8", 2, &cp), 2, "Cyrillic Ш is two bytes");
    T_INT(cp, 0x428, "Ш is U+0428");
    T_INT(dec("\xE4\xB8\xAD", 3, &cp), 3, "中 is three bytes");
    T_INT(cp, 0x4E2D, "中 is U+4E2D");
    T_INT(dec("\xF0\x9F\x98\x80", 4, &cp), 4, "an emoji is four bytes");
    T_INT(cp, 0x1F600, "😀 is U+1F600");
    T_INT(dec("\xF4\x8F\xBF\xBF", 4, &cp), 4, "U+10FFFF is the last code point");
    T_INT(dec("", 0, &cp), 0, "nothing to decode");
    T_INT(dec("\x80", 1, &cp), 0, "a lone continuation byte is invalid");
    T_INT(dec("\xC0\xAF", 2, &cp), 0, "overlong '/' (C0 AF) is invalid");
    T_INT(dec("\xC1\xBF", 2, &cp), 0, "overlong C1 lead is invalid");
    T_INT(dec("\xE0\x80\xAF", 3, &cp), 0, "overlong three-byte form is invalid");
    T_INT(dec("\xF0\x80\x80\xAF", 4, &cp), 0, "overlong four-byte form is invalid");
    T_INT(dec("\xED\xA0\x80", 3, &cp), 0, "a surrogate (U+D800) is invalid");
    T_INT(dec("\xED\xBF\xBF", 3, &cp), 0, "a surrogate (U+DFFF) is invalid");
    T_INT(dec("\xF4\x90\x80\x80", 4, &cp), 0, "beyond U+10FFFF is invalid");
    T_INT(dec("\xF5\x80\x80\x80", 4, &cp), 0, "lead byte F5 is invalid");
    T_INT(dec("\xFF", 1, &cp), 0, "byte FF is invalid");
    T_INT(dec("\xD0", 1, &cp), 0, "a truncated sequence is invalid");
    T_INT(dec("\xE4\xB8", 2, &cp), 0, "a truncated three-byte sequence is invalid");
    T_INT(dec("\xE4\x41\xAD", 3, &cp), 0, "a missing continuation byte is invalid");
    T_INT(dec("\xD0\xA8", 1, &cp), 0, "n limits what is read");
}

static void test_encode(void)
{
    struct crm_buf b = CRM_BUF_INIT;
    uint32_t cps[] = {0x41, 0xE9, 0x428, 0x20AC, 0x4E2D, 0x1F600, 0x10FFFF};

    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        uint32_t back = 0;
        crm_buf_reset(&b);
        crm_utf8_encode(&b, cps[i]);
        T_OK(crm_utf8_decode(b.s, b.len, &back) == b.len && back == cps[i],
             "U+%04X round-trips", (unsigned)cps[i]);
    }
    crm_buf_reset(&b);
    crm_utf8_encode(&b, 0xD800);
    T_STR(crm_buf_str(&b), "\xEF\xBF\xBD", "a surrogate is written as U+FFFD");
    crm_buf_reset(&b);
    crm_utf8_encode(&b, 0x110000);
    T_STR(crm_buf_str(&b), "\xEF\xBF\xBD", "beyond U+10FFFF is written as U+FFFD");
    crm_buf_free(&b);
}

static void test_valid(void)
{
    size_t bad = 99;
    const char *s = "ok \xD0\xA8 \xC0\xAF";

    T_INT(crm_utf8_valid("Київ 中文 😀", strlen("Київ 中文 😀"), &bad), 1, "mixed scripts are valid");
    T_INT(crm_utf8_valid("", 0, NULL), 1, "the empty string is valid");
    T_INT(crm_utf8_valid(s, strlen(s), &bad), 0, "an overlong sequence makes text invalid");
    T_INT(bad, 6, "bad points at the first invalid byte");
    T_INT(crm_utf8_valid("ab\xE4\xB8", 4, &bad), 0, "a truncated tail is invalid");
    T_INT(bad, 2, "bad points at the truncated sequence");
    T_INT(crm_utf8_valid("a\0b", 3, NULL), 1, "NUL is a valid code point");
}

static void fold_is(const char *in, const char *want, const char *what)
{
    struct crm_buf b = CRM_BUF_INIT;

    crm_utf8_fold(&b, in, strlen(in));
    T_STR(crm_buf_str(&b), want, "fold: %s", what);
    crm_buf_free(&b);
}

static void test_fold(void)
{
    T_INT(crm_utf8_fold_cp('A'), 'a', "A folds to a");
    T_INT(crm_utf8_fold_cp('z'), 'z', "z stays");
    T_INT(crm_utf8_fold_cp('@'), '@', "punctuation stays");
    T_INT(crm_utf8_fold_cp(0xC9), 0xE9, "É folds to é");
    T_INT(crm_utf8_fold_cp(0xD7), 0xD7, "× is not a letter");
    T_INT(crm_utf8_fold_cp(0xDE), 0xFE, "Þ folds to þ");
    T_INT(crm_utf8_fold_cp(0x178), 0xFF, "Ÿ folds to ÿ");
    T_INT(crm_utf8_fold_cp(0x141), 0x142, "Ł folds to ł");
    T_INT(crm_utf8_fold_cp(0x160), 0x161, "Š folds to š");
    T_INT(crm_utf8_fold_cp(0x161), 0x161, "š stays");
    T_INT(crm_utf8_fold_cp(0x17F), 's', "long s folds to s");
    T_INT(crm_utf8_fold_cp(0x130), 'i', "İ folds to i");
    T_INT(crm_utf8_fold_cp(0x1C4), 0x1C6, "Ǆ folds to ǆ");
    T_INT(crm_utf8_fold_cp(0x1C5), 0x1C6, "ǅ folds to ǆ");
    T_INT(crm_utf8_fold_cp(0x218), 0x219, "Ș folds to ș");
    T_INT(crm_utf8_fold_cp(0x3A3), 0x3C3, "Σ folds to σ");
    T_INT(crm_utf8_fold_cp(0x3C2), 0x3C3, "final ς folds to σ");
    T_INT(crm_utf8_fold_cp(0x391), 0x3B1, "Α folds to α");
    T_INT(crm_utf8_fold_cp(0x386), 0x3AC, "Ά folds to ά");
    T_INT(crm_utf8_fold_cp(0x401), 0x451, "Ё folds to ё");
    T_INT(crm_utf8_fold_cp(0x404), 0x454, "Є folds to є");
    T_INT(crm_utf8_fold_cp(0x407), 0x457, "Ї folds to ї");
    T_INT(crm_utf8_fold_cp(0x406), 0x456, "І folds to і");
    T_INT(crm_utf8_fold_cp(0x490), 0x491, "Ґ folds to ґ");
    T_INT(crm_utf8_fold_cp(0x410), 0x430, "А folds to а");
    T_INT(crm_utf8_fold_cp(0x42F), 0x44F, "Я folds to я");
    T_INT(crm_utf8_fold_cp(0x4D8), 0x4D9, "Ә folds to ә");
    T_INT(crm_utf8_fold_cp(0x51A), 0x51B, "Cyrillic supplement folds");
    T_INT(crm_utf8_fold_cp(0x531), 0x561, "Armenian Ա folds to ա");
    T_INT(crm_utf8_fold_cp(0x10A0), 0x2D00, "Georgian Asomtavruli folds");
    T_INT(crm_utf8_fold_cp(0x1C90), 0x10D0, "Georgian Mtavruli folds to Mkhedruli");
    T_INT(crm_utf8_fold_cp(0x1EA0), 0x1EA1, "Vietnamese Ạ folds to ạ");
    T_INT(crm_utf8_fold_cp(0xFF21), 0xFF41, "fullwidth Ａ folds to ａ");
    T_INT(crm_utf8_fold_cp(0x4E2D), 0x4E2D, "CJK has no case");
    T_INT(crm_utf8_fold_cp(0x10400), 0x10428, "Deseret folds (outside the BMP)");
    fold_is("ІВАН Петренко", "іван петренко", "Ukrainian");
    fold_is("ΣΟΦΙΑ Σοφίας", "σοφια σοφίασ", "Greek with final sigma");
    fold_is("Straße MÜLLER", "straße müller", "German");
    fold_is("ŁÓDŹ", "łódź", "Polish");
    fold_is("abc\xFF" "DEF", "abc\xFF" "def", "invalid bytes are copied unchanged");
    fold_is("", "", "the empty string");
}

static void test_width(void)
{
    T_INT(crm_utf8_cp_width('a'), 1, "ASCII is one column");
    T_INT(crm_utf8_cp_width(0x428), 1, "Cyrillic is one column");
    T_INT(crm_utf8_cp_width(0x4E2D), 2, "CJK is two columns");
    T_INT(crm_utf8_cp_width(0xAC00), 2, "Hangul is two columns");
    T_INT(crm_utf8_cp_width(0x3042), 2, "Hiragana is two columns");
    T_INT(crm_utf8_cp_width(0x30A2), 2, "Katakana is two columns");
    T_INT(crm_utf8_cp_width(0xFF21), 2, "fullwidth forms are two columns");
    T_INT(crm_utf8_cp_width(0xFF61), 1, "halfwidth katakana is one column");
    T_INT(crm_utf8_cp_width(0x1F600), 2, "emoji are two columns");
    T_INT(crm_utf8_cp_width(0x20000), 2, "CJK extension B is two columns");
    T_INT(crm_utf8_cp_width(0x301), 0, "a combining accent is zero columns");
    T_INT(crm_utf8_cp_width(0x483), 0, "a Cyrillic combining mark is zero columns");
    T_INT(crm_utf8_cp_width(0x200B), 0, "zero width space");
    T_INT(crm_utf8_cp_width(0x200D), 0, "zero width joiner");
    T_INT(crm_utf8_cp_width(0xFEFF), 0, "BOM / zero width no-break space");
    T_INT(crm_utf8_cp_width(0xFE0F), 0, "variation selector");
    T_INT(crm_utf8_cp_width(0xAD), 1, "soft hyphen shows as one column, as in terminals");
    T_INT(crm_utf8_cp_width('\t'), 0, "control characters take no column");
    T_INT(crm_utf8_width("Київ", strlen("Київ")), 4, "Київ is four columns");
    T_INT(crm_utf8_width("中文ab", strlen("中文ab")), 6, "中文ab is six columns");
    T_INT(crm_utf8_width("e\xCC\x81", 3), 1, "e + combining acute is one column");
    T_INT(crm_utf8_width("a\xFF" "b", 3), 3, "an invalid byte counts as one column");
    T_INT(crm_utf8_width("", 0), 0, "the empty string is zero columns");
}

static void test_prefix(void)
{
    const char *cjk = "中文字";
    const char *acc = "e\xCC\x81x";

    T_INT(crm_utf8_prefix_for_width("hello", 5, 3), 3, "ASCII cut at three columns");
    T_INT(crm_utf8_prefix_for_width("hello", 5, 10), 5, "all fits");
    T_INT(crm_utf8_prefix_for_width("Київ", strlen("Київ"), 2), 4, "two Cyrillic letters are 4 bytes");
    T_INT(crm_utf8_prefix_for_width(cjk, strlen(cjk), 3), 3, "a wide char is never cut in two");
    T_INT(crm_utf8_prefix_for_width(cjk, strlen(cjk), 4), 6, "two wide chars fit four columns");
    T_INT(crm_utf8_prefix_for_width(cjk, strlen(cjk), 0), 0, "nothing fits zero columns");
    T_INT(crm_utf8_prefix_for_width(acc, strlen(acc), 1), 3, "a combining mark stays with its base");
    T_INT(crm_utf8_prefix_for_width("ab\xFF", 3, 3), 3, "an invalid byte is one column");
}

int main(void)
{
    test_decode();
    test_encode();
    test_valid();
    test_fold();
    test_width();
    test_prefix();
    return t_done();
}
