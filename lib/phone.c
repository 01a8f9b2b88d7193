/*
 * phone.c - telephone numbers to E.164, and country names to ISO codes.
 *
 * The aim is a key that makes one number findable however it was typed, not
 * full validation of every national numbering plan: the plans change often,
 * and rejecting a real customer's number is worse than keeping an odd one.
 * So the national lengths below only choose between readings of ambiguous
 * digits ("380441234567" in Ukraine is international, "441234567" national);
 * a number that fits no reading keeps its bare digits as its key.
 */
#include "phone.h"

#include <string.h>
#include <strings.h>

#include "utf8.h"

struct country {
    const char *iso2, *iso3;
    const char *cc;    /* calling code, without '+' */
    const char *trunk; /* national (trunk) prefixes, '|'-separated; "" for none */
    const char *idd;   /* international prefix besides the universal "00"; "" for none */
    int nsn_min, nsn_max; /* digits after the calling code */
    const char *names;    /* English and native names, '|'-separated */
};

#define NANP(iso2, iso3, names) {iso2, iso3, "1", "1", "011", 10, 10, names}

static const struct country countries[] = {
    NANP("US", "USA", "United States|United States of America|USA|US|America|U.S.A.|U.S."),
    NANP("CA", "CAN", "Canada"),
    NANP("PR", "PRI", "Puerto Rico"),
    NANP("DO", "DOM", "Dominican Republic|República Dominicana"),
    NANP("JM", "JAM", "Jamaica"),
    NANP("BS", "BHS", "Bahamas|The Bahamas"),
    NANP("BB", "BRB", "Barbados"),
    NANP("TT", "TTO", "Trinidad and Tobago"),
    {"MX", "MEX", "52", "", "", 10, 10, "Mexico|México"},
    {"GT", "GTM", "502", "", "", 8, 8, "Guatemala"},
    {"CR", "CRI", "506", "", "", 8, 8, "Costa Rica"},
    {"PA", "PAN", "507", "", "", 7, 8, "Panama|Panamá"},
    {"CU", "CUB", "53", "0", "119", 6, 8, "Cuba"},
    {"BR", "BRA", "55", "0", "", 10, 11, "Brazil|Brasil"},
    {"AR", "ARG", "54", "0", "", 10, 11, "Argentina"},
    {"CL", "CHL", "56", "", "", 9, 9, "Chile"},
    {"CO", "COL", "57", "", "", 8, 10, "Colombia"},
    {"PE", "PER", "51", "0", "", 8, 9, "Peru|Perú"},
    {"VE", "VEN", "58", "0", "", 10, 10, "Venezuela"},
    {"EC", "ECU", "593", "0", "", 8, 9, "Ecuador"},
    {"UY", "URY", "598", "0", "", 8, 8, "Uruguay"},
    {"GB", "GBR", "44", "0", "", 9, 10,
     "United Kingdom|UK|U.K.|Great Britain|Britain|England|Scotland|Wales|Northern Ireland"},
    {"IE", "IRL", "353", "0", "", 7, 9, "Ireland|Éire|Eire"},
    {"FR", "FRA", "33", "0", "", 9, 9, "France"},
    {"DE", "DEU", "49", "0", "", 6, 13, "Germany|Deutschland"},
    {"AT", "AUT", "43", "0", "", 5, 13, "Austria|Österreich"},
    {"CH", "CHE", "41", "0", "", 9, 9, "Switzerland|Schweiz|Suisse|Svizzera"},
    {"LI", "LIE", "423", "", "", 7, 9, "Liechtenstein"},
    {"IT", "ITA", "39", "", "", 6, 11, "Italy|Italia"},
    {"SM", "SMR", "378", "", "", 6, 10, "San Marino"},
    {"MC", "MCO", "377", "", "", 8, 9, "Monaco"},
    {"AD", "AND", "376", "", "", 6, 9, "Andorra"},
    {"ES", "ESP", "34", "", "", 9, 9, "Spain|España|Espana"},
    {"PT", "PRT", "351", "", "", 9, 9, "Portugal"},
    {"NL", "NLD", "31", "0", "", 9, 9, "Netherlands|The Netherlands|Nederland|Holland"},
    {"BE", "BEL", "32", "0", "", 8, 9, "Belgium|België|Belgique|Belgien"},
    {"LU", "LUX", "352", "", "", 4, 11, "Luxembourg|Luxemburg|Lëtzebuerg"},
    {"DK", "DNK", "45", "", "", 8, 8, "Denmark|Danmark"},
    {"NO", "NOR", "47", "", "", 8, 8, "Norway|Norge|Noreg"},
    {"SE", "SWE", "46", "0", "", 7, 9, "Sweden|Sverige"},
    {"FI", "FIN", "358", "0", "", 5, 12, "Finland|Suomi"},
    {"IS", "ISL", "354", "", "", 7, 9, "Iceland|Ísland"},
    {"EE", "EST", "372", "", "", 7, 8, "Estonia|Eesti"},
    {"LV", "LVA", "371", "", "", 8, 8, "Latvia|Latvija"},
    {"LT", "LTU", "370", "8|0", "", 8, 8, "Lithuania|Lietuva"},
    {"PL", "POL", "48", "", "", 9, 9, "Poland|Polska"},
    {"CZ", "CZE", "420", "", "", 9, 9, "Czechia|Czech Republic|Česko|Česká republika"},
    {"SK", "SVK", "421", "0", "", 9, 9, "Slovakia|Slovensko"},
    {"HU", "HUN", "36", "06", "", 8, 9, "Hungary|Magyarország"},
    {"RO", "ROU", "40", "0", "", 9, 9, "Romania|România"},
    {"BG", "BGR", "359", "0", "", 8, 9, "Bulgaria|България"},
    {"GR", "GRC", "30", "", "", 10, 10, "Greece|Ελλάδα|Ελλάς|Hellas"},
    {"CY", "CYP", "357", "", "", 8, 8, "Cyprus|Κύπρος"},
    {"MT", "MLT", "356", "", "", 8, 8, "Malta"},
    {"SI", "SVN", "386", "0", "", 8, 8, "Slovenia|Slovenija"},
    {"HR", "HRV", "385", "0", "", 8, 9, "Croatia|Hrvatska"},
    {"BA", "BIH", "387", "0", "", 8, 8, "Bosnia and Herzegovina|Bosna i Hercegovina"},
    {"RS", "SRB", "381", "0", "", 8, 9, "Serbia|Srbija|Србија"},
    {"ME", "MNE", "382", "0", "", 8, 8, "Montenegro|Crna Gora|Црна Гора"},
    {"MK", "MKD", "389", "0", "", 8, 8, "North Macedonia|Macedonia|Северна Македонија"},
    {"AL", "ALB", "355", "0", "", 8, 9, "Albania|Shqipëria"},
    {"MD", "MDA", "373", "0", "", 8, 8, "Moldova|Republic of Moldova"},
    {"UA", "UKR", "380", "0", "", 9, 9, "Ukraine|Україна|Украина"},
    {"BY", "BLR", "375", "80|0", "810", 9, 9, "Belarus|Беларусь|Белоруссия"},
    {"RU", "RUS", "7", "8", "810", 10, 10,
     "Russia|Russian Federation|Россия|Российская Федерация"},
    {"KZ", "KAZ", "7", "8", "810", 10, 10, "Kazakhstan|Қазақстан|Казахстан"},
    {"GE", "GEO", "995", "0", "", 9, 9, "Georgia|საქართველო|Грузия"},
    {"AM", "ARM", "374", "0", "", 8, 8, "Armenia|Հայաստան|Армения"},
    {"AZ", "AZE", "994", "0", "", 9, 9, "Azerbaijan|Azərbaycan|Азербайджан"},
    {"UZ", "UZB", "998", "", "", 9, 9, "Uzbekistan|O'zbekiston|Узбекистан"},
    {"KG", "KGZ", "996", "0", "", 9, 9, "Kyrgyzstan|Кыргызстан|Киргизия"},
    {"TJ", "TJK", "992", "8", "810", 9, 9, "Tajikistan|Тоҷикистон|Таджикистан"},
    {"TM", "TKM", "993", "8", "810", 8, 8, "Turkmenistan|Türkmenistan"},
    {"MN", "MNG", "976", "0", "001", 8, 8, "Mongolia|Монгол Улс"},
    {"TR", "TUR", "90", "0", "", 10, 10, "Turkey|Türkiye|Turkiye"},
    {"IL", "ISR", "972", "0", "", 8, 9, "Israel|ישראל"},
    {"AE", "ARE", "971", "0", "", 8, 9, "United Arab Emirates|UAE|الإمارات"},
    {"SA", "SAU", "966", "0", "", 8, 9, "Saudi Arabia|السعودية"},
    {"QA", "QAT", "974", "", "", 8, 8, "Qatar"},
    {"KW", "KWT", "965", "", "", 8, 8, "Kuwait"},
    {"BH", "BHR", "973", "", "", 8, 8, "Bahrain"},
    {"OM", "OMN", "968", "", "", 8, 8, "Oman"},
    {"JO", "JOR", "962", "0", "", 8, 9, "Jordan"},
    {"LB", "LBN", "961", "0", "", 7, 8, "Lebanon"},
    {"IQ", "IRQ", "964", "0", "", 8, 10, "Iraq"},
    {"IR", "IRN", "98", "0", "", 10, 10, "Iran|ایران"},
    {"EG", "EGY", "20", "0", "", 8, 10, "Egypt|مصر"},
    {"MA", "MAR", "212", "0", "", 9, 9, "Morocco|Maroc"},
    {"DZ", "DZA", "213", "0", "", 8, 9, "Algeria|Algérie"},
    {"TN", "TUN", "216", "", "", 8, 8, "Tunisia|Tunisie"},
    {"NG", "NGA", "234", "0", "009", 8, 10, "Nigeria"},
    {"GH", "GHA", "233", "0", "", 9, 9, "Ghana"},
    {"ET", "ETH", "251", "0", "", 9, 9, "Ethiopia"},
    {"KE", "KEN", "254", "0", "000", 9, 9, "Kenya"},
    {"ZA", "ZAF", "27", "0", "", 9, 9, "South Africa"},
    {"IN", "IND", "91", "0", "", 10, 10, "India|भारत|Bharat"},
    {"PK", "PAK", "92", "0", "", 9, 10, "Pakistan"},
    {"BD", "BGD", "880", "0", "", 8, 10, "Bangladesh"},
    {"LK", "LKA", "94", "0", "", 9, 9, "Sri Lanka"},
    {"NP", "NPL", "977", "0", "", 8, 10, "Nepal"},
    {"CN", "CHN", "86", "0", "", 9, 11, "China|People's Republic of China|PRC|中国|中華人民共和國"},
    {"HK", "HKG", "852", "", "001", 8, 8, "Hong Kong|香港"},
    {"TW", "TWN", "886", "0", "002", 8, 9, "Taiwan|台灣|台湾"},
    {"JP", "JPN", "81", "0", "010", 9, 10, "Japan|Nippon|日本"},
    {"KR", "KOR", "82", "0", "001", 8, 10,
     "South Korea|Korea|Republic of Korea|대한민국|한국"},
    {"SG", "SGP", "65", "", "000", 8, 8, "Singapore"},
    {"MY", "MYS", "60", "0", "", 8, 10, "Malaysia"},
    {"TH", "THA", "66", "0", "001", 8, 9, "Thailand|ประเทศไทย"},
    {"VN", "VNM", "84", "0", "", 9, 10, "Vietnam|Viet Nam|Việt Nam"},
    {"PH", "PHL", "63", "0", "", 8, 10, "Philippines|Pilipinas"},
    {"ID", "IDN", "62", "0", "001", 8, 12, "Indonesia"},
    {"AU", "AUS", "61", "0", "0011", 9, 9, "Australia"},
    {"NZ", "NZL", "64", "0", "", 8, 10, "New Zealand|Aotearoa"},
};

#define NCOUNTRIES (sizeof countries / sizeof countries[0])

/* E.164: at most 15 digits, calling code included. */
enum { MIN_DIGITS = 5, MAX_E164 = 15, MIN_E164 = 7 };

/* ---- country names ---------------------------------------------------- */

/* Fold a name for comparison: case-folded, dots dropped (U.S.A.), runs of
 * blanks, hyphens and underscores made one space, ends trimmed.  Appends to
 * out, which must be empty. */
static void fold_name(struct crm_buf *out, const char *s, size_t n)
{
    size_t w = 0;
    int space = 0;

    crm_utf8_fold(out, s, n);
    for (size_t i = 0; i < out->len; i++) { /* compact in place */
        char c = out->s[i];
        if (c == '.')
            continue;
        if (c == ' ' || c == '\t' || c == '-' || c == '_') {
            space = w > 0;
            continue;
        }
        if (space)
            out->s[w++] = ' ';
        space = 0;
        out->s[w++] = c;
    }
    crm_buf_truncate(out, w);
}

/* 1 when the first letters of name and of the folded want differ, which
 * spares folding most names in a lookup. */
static int first_differs(const char *name, size_t n, const char *want)
{
    uint32_t a, b;

    if (!crm_utf8_decode(name, n, &a) || !crm_utf8_decode(want, strlen(want), &b))
        return 0;
    return crm_utf8_fold_cp(a) != b;
}

/* 1 when the folded `want` equals one of the '|'-separated names. */
static int names_match(const char *names, const char *want, struct crm_buf *scratch)
{
    const char *p = names;

    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        crm_buf_reset(scratch);
        if (!first_differs(p, n, want))
            fold_name(scratch, p, n);
        if (scratch->len && strcmp(scratch->s, want) == 0)
            return 1;
        if (!bar)
            return 0;
        p = bar + 1;
    }
}

/* The country of a two-letter code, without folding: the common case of
 * phone numbers normalised row by row. */
static const struct country *find_by_iso2(const char *code)
{
    for (size_t i = 0; i < NCOUNTRIES; i++)
        if (strcasecmp(countries[i].iso2, code) == 0)
            return &countries[i];
    return NULL;
}

static const struct country *find_country(const char *name)
{
    struct crm_buf want = CRM_BUF_INIT, scratch = CRM_BUF_INIT;
    const struct country *found = NULL;

    if (!name)
        return NULL;
    if (strlen(name) == 2 && (found = find_by_iso2(name)))
        return found;
    fold_name(&want, name, strlen(name));
    for (size_t i = 0; i < NCOUNTRIES && !found && want.len; i++) {
        const struct country *c = &countries[i];
        if (names_match(c->iso2, want.s, &scratch) || names_match(c->iso3, want.s, &scratch) ||
            names_match(c->names, want.s, &scratch))
            found = c;
    }
    crm_buf_free(&want);
    crm_buf_free(&scratch);
    return found;
}

const char *crm_country_iso2(const char *name)
{
    const struct country *c = find_country(name);

    return c ? c->iso2 : NULL;
}

const char *crm_country_calling_code(const char *iso2)
{
    const struct country *c = find_country(iso2);

    return c ? c->cc : NULL;
}

/* ---- reading the text ------------------------------------------------- */

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Separators people put between digit groups.  Besides ASCII, the no-break
 * and thin spaces and the dashes that word processors substitute. */
static int is_separator(uint32_t cp)
{
    switch (cp) {
    case ' ': case '\t': case '-': case '.': case '(': case ')': case '/': case '[': case ']':
    case 0x00A0: case 0x2009: case 0x202F: case 0x2010: case 0x2011: case 0x2012: case 0x2013:
    case 0x2014: case 0x2212: case 0x3000: case 0xFF08: case 0xFF09: case 0xFF0D:
        return 1;
    default:
        return 0;
    }
}

/* Letters of the scripts a CRM sees, to say "letters" rather than
 * "unexpected character" for "+380 шість". */
static int is_letter_cp(uint32_t cp)
{
    return (cp >= 0x00C0 && cp <= 0x024F) || (cp >= 0x0370 && cp <= 0x058F) ||
           (cp >= 0x05D0 && cp <= 0x06FF) || (cp >= 0x10A0 && cp <= 0x10FF) ||
           (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xFF21 && cp <= 0xFF5A);
}

/* Length of an extension marker at s ("ext", "ext.", "x", "#", "доб."),
 * or 0. */
static size_t ext_marker(const char *s)
{
    static const char *const markers[] = {"extension", "ext.", "ext", "x", "#", "доб.", "доб", "Доб.", "Доб"};

    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
        size_t n = strlen(markers[i]);
        if (strncasecmp(s, markers[i], n) == 0)
            return n;
    }
    return 0;
}

/* Offset where an extension starts (a marker, optional blanks or ':', then
 * digits to the end), or the length of s when there is none.  Extensions are
 * dropped from the key: they do not route a call to the line. */
static size_t find_extension(const char *s, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        if (!is_blank(s[i - 1]) && !is_digit(s[i - 1]) && s[i - 1] != ')')
            continue;
        size_t k = ext_marker(s + i);
        if (k == 0)
            continue;
        size_t j = i + k;
        while (j < n && (is_blank(s[j]) || s[j] == ':' || s[j] == '.'))
            j++;
        size_t digits = j;
        while (j < n && is_digit(s[j]))
            j++;
        while (j < n && is_blank(s[j]))
            j++;
        if (j == n && j > digits)
            return i;
    }
    return n;
}

static int bad_number(struct crm_err *err, const char *text, const char *why)
{
    return crm_err_set(err, CRM_DATAERR, "invalid phone number '%s': %s", text, why);
}

/*
 * Collect the digits of s[0..n) into `digits`, with *plus set when the number
 * starts with '+'.  A "(0)" after an international prefix ("+44 (0)20 ...")
 * is the trunk prefix written for national callers and is dropped.
 */
static int collect_digits(const char *text, const char *s, size_t n, struct crm_buf *digits,
                          int *plus, struct crm_err *err)
{
    uint32_t cp;
    size_t k;

    *plus = 0;
    for (size_t i = 0; i < n; i += k) {
        k = crm_utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            return bad_number(err, text, "not valid UTF-8");
        if (cp == '+' || cp == 0xFF0B) {
            if (digits->len > 0 || *plus)
                return bad_number(err, text, "'+' is allowed only at the start");
            *plus = 1;
        } else if (cp >= '0' && cp <= '9') {
            crm_buf_putc(digits, (char)cp);
        } else if (cp >= 0xFF10 && cp <= 0xFF19) { /* fullwidth digits */
            crm_buf_putc(digits, (char)('0' + (cp - 0xFF10)));
        } else if (cp == '(' && *plus && digits->len > 0 && i + 3 <= n &&
                   memcmp(s + i, "(0)", 3) == 0) {
            k = 3;
        } else if (cp < 0x80 && is_alpha((char)cp)) {
            return bad_number(err, text, "letters are not allowed");
        } else if (is_letter_cp(cp)) {
            return bad_number(err, text, "letters are not allowed");
        } else if (!is_separator(cp)) {
            return crm_err_set(err, CRM_DATAERR,
                               "invalid phone number '%s': unexpected character '%.*s'", text,
                               (int)k, s + i);
        }
    }
    return CRM_OK;
}

/* ---- classifying the digits ------------------------------------------- */

static int starts_with(const char *s, const char *prefix)
{
    return *prefix && strncmp(s, prefix, strlen(prefix)) == 0;
}

static int nsn_fits(const struct country *c, size_t n)
{
    return n >= (size_t)c->nsn_min && n <= (size_t)c->nsn_max;
}

/* Length of the trunk prefix of c that d starts with, or 0. */
static size_t trunk_len(const struct country *c, const char *d)
{
    const char *p = c->trunk;

    while (*p) {
        size_t n = strcspn(p, "|");
        if (strncmp(d, p, n) == 0)
            return n;
        p += n + (p[n] == '|');
    }
    return 0;
}

/* Length of an international dialling prefix at the start of d, or 0. */
static size_t idd_len(const struct country *c, const char *d)
{
    if (c && starts_with(d, c->idd))
        return strlen(c->idd);
    if (starts_with(d, "00"))
        return 2;
    return 0;
}

/* Calling codes begin with 1-9; the zones 28x, 83x and 89x are spare. */
static int plausible_calling_code(const char *d)
{
    if (d[0] < '1' || d[0] > '9')
        return 0;
    return !(starts_with(d, "28") || starts_with(d, "83") || starts_with(d, "89"));
}

static int put_international(const char *text, const char *d, struct crm_buf *key,
                             struct crm_err *err)
{
    size_t n = strlen(d);

    if (!plausible_calling_code(d))
        return bad_number(err, text, "no such country calling code");
    if (n < MIN_E164)
        return bad_number(err, text, "too few digits");
    if (n > MAX_E164)
        return bad_number(err, text, "too many digits");
    crm_buf_putc(key, '+');
    crm_buf_puts(key, d);
    return CRM_OK;
}

static int put_national(const char *text, const struct country *c, const char *nsn,
                        struct crm_buf *key, struct crm_err *err)
{
    if (strlen(c->cc) + strlen(nsn) > MAX_E164)
        return bad_number(err, text, "too many digits");
    crm_buf_putc(key, '+');
    crm_buf_puts(key, c->cc);
    crm_buf_puts(key, nsn);
    return CRM_OK;
}

/*
 * Digits without '+' in country c, tried in this order:
 *  - the trunk prefix and a national number of the right length ("0441234567"
 *    in Ukraine; but "8123456789" in Russia is Saint Petersburg's 812 without
 *    the trunk 8, as the rest is too short);
 *  - the calling code and a national number ("380441234567").  A country
 *    with a trunk prefix dials national numbers with it, so this reading wins
 *    there; one without (Italy, Spain, Poland) has national numbers that may
 *    begin with its code ("39..." is an Italian mobile), so the national
 *    reading wins when its length fits;
 *  - a national number without trunk prefix ("2125551234" in the US);
 *  - the trunk prefix and a number of unexpected length, as numbering plans
 *    change faster than our table.
 */
static int classify_in_country(const char *text, const struct country *c, const char *d,
                               struct crm_buf *key, struct crm_err *err)
{
    size_t n = strlen(d), cc = strlen(c->cc), tl = trunk_len(c, d);
    int as_intl = starts_with(d, c->cc) && nsn_fits(c, n - cc);
    int as_national = nsn_fits(c, n);

    if (tl > 0 && nsn_fits(c, n - tl))
        return put_national(text, c, d + tl, key, err);
    if (as_intl && (!as_national || *c->trunk))
        return put_international(text, d, key, err);
    if (as_national)
        return put_national(text, c, d, key, err);
    if (tl > 0)
        return put_national(text, c, d + tl, key, err);
    /* A local number without area code, or a foreign one without prefix:
     * nothing can make it E.164, so keep it findable by its digits. */
    if (n > MAX_E164)
        return bad_number(err, text, "too many digits");
    crm_buf_puts(key, d);
    return CRM_OK;
}

/* Cut an RFC 3966 "tel:" URI down to its number: no scheme, no ";ext=" or
 * other parameters. */
static void strip_tel_uri(const char **s, size_t *n)
{
    if (*n >= 4 && strncasecmp(*s, "tel:", 4) == 0) {
        *s += 4;
        *n -= 4;
        const char *semi = memchr(*s, ';', *n);
        if (semi)
            *n = (size_t)(semi - *s);
    }
}

int crm_phone_normalize(const char *text, const char *iso2, struct crm_buf *key,
                        struct crm_err *err)
{
    const struct country *c = iso2 && *iso2 ? find_country(iso2) : NULL;
    struct crm_buf digits = CRM_BUF_INIT;
    const char *s = text;
    size_t n = strlen(text), skip;
    int plus, rc;

    while (n > 0 && is_blank(*s))
        s++, n--;
    while (n > 0 && is_blank(s[n - 1]))
        n--;
    strip_tel_uri(&s, &n);
    n = find_extension(s, n);
    rc = collect_digits(text, s, n, &digits, &plus, err);
    if (rc == CRM_OK && digits.len < MIN_DIGITS)
        rc = bad_number(err, text, "too few digits");
    if (rc != CRM_OK) {
        crm_buf_free(&digits);
        return rc;
    }
    const char *d = crm_buf_str(&digits);
    if (plus)
        rc = put_international(text, d, key, err);
    else if ((skip = idd_len(c, d)) > 0)
        rc = put_international(text, d + skip, key, err);
    else if (c)
        rc = classify_in_country(text, c, d, key, err);
    else if (digits.len > MAX_E164)
        rc = bad_number(err, text, "too many digits");
    else
        crm_buf_puts(key, d);
    crm_buf_free(&digits);
    return rc;
}
