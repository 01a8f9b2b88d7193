/*
 * dupes.c - likely duplicates of contacts and accounts: name keys with
 * transliteration, blocking, scoring with reasons (see dupes.h).
 */
#include "dupes.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "utf8.h"

/* ---- name keys -------------------------------------------------------- */

/* Latin-1 and Latin Extended-A letters (lower case) without their accents. */
static const char latin1_base[33] = "aaaaaaaceeeeiiiidnooooo ouuuuyty";
static const char latin_ext_a[129] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkk"
                                     "llllllllllnnnnnnnnnoooooooorrrrrrsssssssstttttt"
                                     "uuuuuuuuuuuuwwyyyzzzzzzs";

/* Cyrillic а..я (U+0430..U+044F) in Latin. */
static const char *const cyr[32] = {"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k",
                                    "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh",
                                    "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"};

/* Append the Latin form of one folded code point; 0 when it is no letter or digit. */
static int latin_of(uint32_t cp, struct crm_buf *out, int translit)
{
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
        crm_buf_putc(out, (char)cp);
        return 1;
    }
    if (cp == 0xDF) {
        crm_buf_puts(out, "ss");
        return 1;
    }
    if (cp == 0xE6) {
        crm_buf_puts(out, "ae");
        return 1;
    }
    if (cp >= 0xE0 && cp <= 0xFF && cp != 0xF7) {
        crm_buf_putc(out, latin1_base[cp - 0xE0]);
        return 1;
    }
    if (cp >= 0x100 && cp <= 0x17F) {
        crm_buf_putc(out, latin_ext_a[cp - 0x100]);
        return 1;
    }
    if (cp == 0x219 || cp == 0x21B) { /* ș ț */
        crm_buf_putc(out, cp == 0x219 ? 's' : 't');
        return 1;
    }
    if (!translit)
        return 0;
    if (cp >= 0x430 && cp <= 0x44F) {
        crm_buf_puts(out, cyr[cp - 0x430]);
        return 1;
    }
    switch (cp) {
    case 0x451: crm_buf_puts(out, "e"); return 1;  /* ё */
    case 0x454: crm_buf_puts(out, "ye"); return 1; /* є */
    case 0x456: crm_buf_puts(out, "i"); return 1;  /* і */
    case 0x457: crm_buf_puts(out, "yi"); return 1; /* ї */
    case 0x491: crm_buf_puts(out, "g"); return 1;  /* ґ */
    case 0x45E: crm_buf_puts(out, "u"); return 1;  /* ў */
    default: return 0;
    }
}

static int is_mark(uint32_t cp)
{
    return cp >= 0x300 && cp <= 0x36F;
}

/* Words of s: folded, accents off, transliterated when translit; other
 * letters (Greek, CJK...) kept folded.  Separators become one space. */
static void words(const char *s, int translit, struct crm_buf *out)
{
    struct crm_buf f = CRM_BUF_INIT;
    crm_utf8_fold(&f, s, strlen(s));
    size_t i = 0, n = f.len;
    int pending = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = crm_utf8_decode(f.s + i, n - i, &cp);
        if (k == 0) {
            i++;
            continue;
        }
        i += k;
        if (is_mark(cp) || cp == '\'' || cp == 0x2019 || (translit && (cp == 0x44A || cp == 0x44C)))
            continue; /* O'Brien, apostrophes, hard and soft signs */
        int letter = (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
                     (cp >= 0x80 && cp != 0xA0 && cp != 0xAB && cp != 0xBB && cp != 0xD7 &&
                      cp != 0xF7 && !(cp >= 0x2000 && cp <= 0x2BFF) && !(cp >= 0x3000 && cp <= 0x303F));
        if (!letter) {
            pending = out->len > 0;
            continue;
        }
        if (pending)
            crm_buf_putc(out, ' ');
        pending = 0;
        if (!latin_of(cp, out, translit))
            crm_utf8_encode(out, cp);
    }
    crm_buf_free(&f);
}

static const char *const legal_forms[] = {
    "llc", "ltd", "inc", "gmbh", "ooo", "tov", "corp", "co", "company", "plc", "sa", "ag", "bv",
    "limited", "incorporated", "srl", "sarl", "oy", "ab", "kg", "pao", "zao", "oao", "pp", "the",
    "corporation", "nv", "spa", "as", "pjsc", "jsc", "llp", "ug", "se", "pvt", "ооо", "тов",
    "пао", "зао", "оао", "ао", "пп", "фоп", "ип", NULL};

static int is_legal(const char *w, size_t n)
{
    for (size_t i = 0; legal_forms[i]; i++)
        if (strlen(legal_forms[i]) == n && memcmp(legal_forms[i], w, n) == 0)
            return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted words of text (legal forms dropped), joined by single spaces. */
static void sorted_words(const char *text, int strip_legal, struct crm_buf *out)
{
    char *copy = crm_xstrdup(text), *w[64];
    size_t n = 0;
    for (char *save = NULL, *s = strtok_r(copy, " ", &save); s && n < 64;
         s = strtok_r(NULL, " ", &save))
        if (!strip_legal || !is_legal(s, strlen(s)))
            w[n++] = s;
    qsort(w, n, sizeof *w, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (i)
            crm_buf_putc(out, ' ');
        crm_buf_puts(out, w[i]);
    }
    free(copy);
}

/* The spelling skeleton of Latin words. */
static void skeleton(const char *s, struct crm_buf *out)
{
    char prev = 0;
    for (size_t i = 0; s[i]; i++) {
        char c = s[i];
        const char *rep = NULL;
        char one[2] = {0, 0};
        if ((c == 'p' && s[i + 1] == 'h') || (c == 'k' && s[i + 1] == 'h')) {
            rep = c == 'p' ? "f" : "h";
            i++;
        } else if (c == 'c' && s[i + 1] == 'k') {
            rep = "k";
            i++;
        } else if (c == 'y' || c == 'j') {
            rep = "i";
        } else if (c == 'w') {
            rep = "v";
        } else if (c == 'q') {
            rep = "k";
        } else if (c == 'x') {
            rep = "ks";
        } else {
            one[0] = c;
            rep = one;
        }
        for (const char *r = rep; *r; r++) {
            if (*r == prev && *r != ' ')
                continue;
            crm_buf_putc(out, *r);
            prev = *r;
        }
    }
}

void crm_name_keys(const char *name, int strip_legal, struct crm_buf *fold, struct crm_buf *skel)
{
    struct crm_buf w = CRM_BUF_INIT, sw = CRM_BUF_INIT;
    if (fold) {
        words(name, 0, &w);
        sorted_words(crm_buf_str(&w), strip_legal, fold);
        crm_buf_reset(&w);
    }
    if (skel) {
        words(name, 1, &w);
        sorted_words(crm_buf_str(&w), strip_legal, &sw);
        skeleton(crm_buf_str(&sw), skel);
    }
    crm_buf_free(&w);
    crm_buf_free(&sw);
}

int crm_edit_distance(const char *a, const char *b, int max)
{
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > (size_t)max)
        return max + 1;
    if (lb > 250 || la > 250)
        return strcmp(a, b) == 0 ? 0 : max + 1;
    int prev[256], cur[256];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        int best = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            int c = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < c)
                c = prev[j] + 1;
            if (cur[j - 1] + 1 < c)
                c = cur[j - 1] + 1;
            cur[j] = c;
            if (c < best)
                best = c;
        }
        if (best > max)
            return max + 1;
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb] > max ? max + 1 : prev[lb];
}

void crm_url_domain(const char *url, struct crm_buf *out)
{
    if (!url)
        return;
    const char *s = strstr(url, "://");
    s = s ? s + 3 : url;
    const char *at = strpbrk(s, "@/");
    if (at && *at == '@')
        s = at + 1;
    size_t n = strcspn(s, "/:?#");
    struct crm_buf h = CRM_BUF_INIT;
    crm_utf8_fold(&h, s, n);
    const char *d = crm_buf_str(&h);
    if (strncmp(d, "www.", 4) == 0)
        d += 4;
    size_t len = strlen(d);
    while (len && d[len - 1] == '.')
        len--;
    crm_buf_add(out, d, len);
    crm_buf_free(&h);
}

/* ---- the records compared --------------------------------------------- */

/* Which fields of an entity feed the comparison. */
struct profile {
    const char *entity;
    const char *names[2];  /* joined with a space; the last one is the surname */
    size_t nnames;
    const char *email;
    const char *phones[2];
    size_t nphones;
    const char *site;      /* url field compared by domain */
    const char *group;     /* ref field: a name match in the same group is stronger */
    const char *group_label;
    const char *city;
    int legal;             /* organisation names: drop legal forms */
};

static const struct profile profiles[] = {
    {"contact", {"first_name", "last_name"}, 2, "email", {"phone", "mobile"}, 2, NULL, "account",
     "same account", "city", 0},
    {"account", {"name", NULL}, 1, "email", {"phone", NULL}, 1, "website", NULL, NULL, "city", 1},
};

static const struct profile *profile_of(const struct crm_entity *def)
{
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
        if (strcmp(profiles[i].entity, def->name) == 0)
            return &profiles[i];
    return NULL;
}

enum { BY_EMAIL = 1, BY_PHONE = 2, BY_NAME = 4, BY_SITE = 8 };

struct drec {
    int64_t id, group;
    uint32_t email, ph[2], fold, skel, sur, site, city, label;
    uint32_t given;    /* skeleton of the first name (contacts) */
    unsigned char cyr; /* the name has Cyrillic letters */
};

struct dset {
    struct drec *r;
    size_t n, cap;
    struct crm_buf arena;
};

static uint32_t put(struct dset *d, const char *s, size_t n)
{
    if (!s || !n)
        return 0;
    if (d->arena.len == 0)
        crm_buf_putc(&d->arena, '\0');
    uint32_t off = (uint32_t)d->arena.len;
    crm_buf_add(&d->arena, s, n);
    crm_buf_putc(&d->arena, '\0');
    return off;
}

static const char *str(const struct dset *d, uint32_t off)
{
    return off ? d->arena.s + off : "";
}

static int has_cyrillic(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p == 0xD0 || *p == 0xD1 || *p == 0xD2)
            return 1;
    return 0;
}

/* SELECT id, name parts, email key, phone keys, site, group, city. */
static int select_rows(struct crm_tool *t, const struct profile *p, struct crm_sql *q)
{
    const struct crm_field *f;
    crm_sql_add(q, "SELECT id");
    for (size_t i = 0; i < 2; i++) {
        crm_sql_add(q, ", ");
        if (i < p->nnames && (f = crm_ent_field(&t->ent, p->names[i])))
            crm_field_sql_value(f, NULL, q);
        else
            crm_sql_add(q, "NULL");
    }
    crm_sql_add(q, ", ");
    if (p->email && (f = crm_ent_field(&t->ent, p->email)))
        crm_field_sql_key(f, NULL, q);
    else
        crm_sql_add(q, "NULL");
    for (size_t i = 0; i < 2; i++) {
        crm_sql_add(q, ", ");
        if (i < p->nphones && (f = crm_ent_field(&t->ent, p->phones[i])))
            crm_field_sql_key(f, NULL, q);
        else
            crm_sql_add(q, "NULL");
    }
    const char *more[3] = {p->site, p->group, p->city};
    for (size_t i = 0; i < 3; i++) {
        crm_sql_add(q, ", ");
        if (more[i] && (f = crm_ent_field(&t->ent, more[i])))
            crm_field_sql_value(f, NULL, q);
        else
            crm_sql_add(q, "NULL");
    }
    crm_sql_addf(q, " FROM \"%s\"", t->def->table);
    return CRM_OK;
}

static void add_row(struct dset *d, const struct profile *p, struct crm_stmt *st)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 1024;
        d->r = crm_xrealloc(d->r, d->cap * sizeof *d->r);
    }
    struct drec *r = &d->r[d->n++];
    memset(r, 0, sizeof *r);
    struct crm_buf name = CRM_BUF_INIT, fold = CRM_BUF_INIT, skel = CRM_BUF_INIT, tmp = CRM_BUF_INIT;
    r->id = crm_stmt_int(st, 0);
    const char *first = crm_stmt_text(st, 1), *last = crm_stmt_text(st, 2);
    if (first)
        crm_buf_puts(&name, first);
    if (last)
        crm_buf_printf(&name, "%s%s", name.len ? " " : "", last);
    crm_name_keys(crm_buf_str(&name), p->legal, &fold, &skel);
    r->label = put(d, name.s, name.len);
    r->fold = put(d, fold.s, fold.len);
    r->skel = put(d, skel.s, skel.len);
    r->cyr = (unsigned char)has_cyrillic(crm_buf_str(&name));
    /* The surname (contacts) or the whole name (accounts) for the typo blocks. */
    const char *sur = p->nnames == 2 ? (last && *last ? last : first) : first;
    if (sur) {
        crm_buf_reset(&skel);
        crm_name_keys(sur, p->legal, NULL, &skel);
        for (size_t i = 0; i < skel.len; i++)
            if (skel.s[i] == ' ')
                skel.s[i] = '_';
        r->sur = put(d, skel.s, skel.len);
    }
    if (p->nnames == 2 && first && last && *last) {
        crm_buf_reset(&skel);
        crm_name_keys(first, 0, NULL, &skel);
        for (size_t i = 0; i < skel.len; i++)
            if (skel.s[i] == ' ')
                skel.s[i] = '_';
        r->given = put(d, skel.s, skel.len);
    }
    const char *e = crm_stmt_text(st, 3);
    r->email = put(d, e, e ? strlen(e) : 0);
    for (int i = 0; i < 2; i++) {
        /* "+380441234567" and "380441234567" (country unknown) are one number. */
        const char *ph = crm_stmt_text(st, 4 + i);
        if (ph && *ph == '+')
            ph++;
        r->ph[i] = put(d, ph, ph ? strlen(ph) : 0);
    }
    const char *site = crm_stmt_text(st, 6);
    if (site) {
        crm_url_domain(site, &tmp);
        r->site = put(d, tmp.s, tmp.len);
    }
    r->group = crm_stmt_is_null(st, 7) ? 0 : crm_stmt_int(st, 7);
    const char *city = crm_stmt_text(st, 8);
    if (city) {
        crm_buf_reset(&tmp);
        crm_name_keys(city, 0, &tmp, NULL);
        r->city = put(d, tmp.s, tmp.len);
    }
    crm_buf_free(&name);
    crm_buf_free(&fold);
    crm_buf_free(&skel);
    crm_buf_free(&tmp);
}

static int load(struct crm_tool *t, const struct profile *p, struct crm_sql *q, struct dset *d)
{
    struct crm_stmt *st;
    int rc = crm_db_query(t->db, q, &st, &t->err);
    if (rc)
        return rc;
    while ((rc = crm_stmt_step(st, &t->err)) > 0)
        add_row(d, p, st);
    crm_stmt_done(st);
    return rc < 0 ? -rc : CRM_OK;
}

static void dset_free(struct dset *d)
{
    free(d->r);
    crm_buf_free(&d->arena);
}

/* ---- scoring ---------------------------------------------------------- */

static void reason(struct crm_buf *why, const char *s)
{
    if (why->len)
        crm_buf_puts(why, "; ");
    crm_buf_puts(why, s);
}

static int score_pair(const struct profile *p, const struct dset *d, const struct drec *a,
                      const struct drec *b, unsigned by, struct crm_buf *why)
{
    int score = 0;
    crm_buf_reset(why);
    if ((by & BY_EMAIL) && a->email && b->email) {
        if (strcmp(str(d, a->email), str(d, b->email)) == 0) {
            score += 60;
            reason(why, "same email ignoring case");
        }
    }
    if (by & BY_PHONE) {
        int same = 0;
        for (int i = 0; i < 2 && !same; i++)
            for (int j = 0; j < 2 && !same; j++)
                same = a->ph[i] && b->ph[j] && strcmp(str(d, a->ph[i]), str(d, b->ph[j])) == 0;
        if (same) {
            score += 50;
            reason(why, "same phone after E.164 normalisation");
        }
    }
    if ((by & BY_SITE) && a->site && b->site && strcmp(str(d, a->site), str(d, b->site)) == 0) {
        score += 50;
        reason(why, "same website domain");
    }
    if ((by & BY_NAME) && a->skel && b->skel) {
        int ns = 0;
        char buf[64];
        const char *what = NULL;
        if (a->fold && b->fold && strcmp(str(d, a->fold), str(d, b->fold)) == 0) {
            ns = p->legal ? 50 : 40;
            what = p->legal ? "same name ignoring case, accents and legal form"
                            : "same name ignoring case and accents";
        } else if (strcmp(str(d, a->skel), str(d, b->skel)) == 0) {
            ns = p->legal ? 45 : 35;
            what = a->cyr != b->cyr ? "same name after transliteration"
                                    : "same name ignoring spelling";
        } else {
            const char *x = str(d, a->skel), *y = str(d, b->skel);
            size_t len = strlen(x) < strlen(y) ? strlen(x) : strlen(y);
            int dist = crm_edit_distance(x, y, 2);
            if (dist == 1 && len >= 5)
                ns = 30;
            else if (dist == 2 && len >= 8)
                ns = 20;
            if (ns) {
                snprintf(buf, sizeof buf, "name distance %d%s", dist,
                         a->cyr != b->cyr ? " after transliteration" : "");
                what = buf;
            }
        }
        if (ns) {
            struct crm_buf w = CRM_BUF_INIT;
            crm_buf_puts(&w, what);
            if (p->group && a->group && a->group == b->group) {
                ns += 20;
                crm_buf_printf(&w, " + %s", p->group_label);
            } else if (a->city && b->city && strcmp(str(d, a->city), str(d, b->city)) == 0) {
                ns += 5;
                crm_buf_puts(&w, " + same city");
            }
            score += ns;
            reason(why, crm_buf_str(&w));
            crm_buf_free(&w);
        }
    }
    return score < 0 ? 0 : score > 100 ? 100 : score;
}

/* ---- blocking --------------------------------------------------------- */

struct bkey {
    uint64_t h;
    uint32_t rec;
    uint32_t kind; /* 0 exact key: all pairs; 1 typo block: neighbours when big */
};

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static void add_key(struct bkey **k, size_t *n, size_t *cap, char kind, const char *s, size_t len,
                    uint32_t rec, uint32_t typo)
{
    if (!len)
        return;
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 4096;
        *k = crm_xrealloc(*k, *cap * sizeof **k);
    }
    uint64_t h = fnv(14695981039346656037ULL, &kind, 1);
    (*k)[*n].h = fnv(h, s, len);
    (*k)[*n].rec = rec;
    (*k)[*n].kind = typo;
    (*n)++;
}

static int cmp_bkey(const void *a, const void *b)
{
    const struct bkey *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return x->rec < y->rec ? -1 : x->rec > y->rec;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

struct pairs {
    uint64_t *p;
    size_t n, cap;
};

static void add_pair(struct pairs *ps, uint32_t a, uint32_t b)
{
    if (a == b)
        return;
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? ps->cap * 2 : 4096;
        ps->p = crm_xrealloc(ps->p, ps->cap * sizeof *ps->p);
    }
    ps->p[ps->n++] = (uint64_t)a << 32 | b;
}

static const struct dset *sort_set;

static int cmp_by_skel(const void *a, const void *b)
{
    const struct bkey *x = a, *y = b;
    return strcmp(str(sort_set, sort_set->r[x->rec].skel), str(sort_set, sort_set->r[y->rec].skel));
}

#define BLOCK_ALL 400 /* a block up to this size: every pair */
#define WINDOW 12     /* bigger: sorted by name, each with its next WINDOW */

static void block_pairs(const struct dset *d, struct bkey *k, size_t n, struct pairs *ps,
                        size_t *big)
{
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && k[j].h == k[i].h)
            j++;
        size_t g = j - i;
        if (g <= BLOCK_ALL) {
            for (size_t a = i; a < j; a++)
                for (size_t b = a + 1; b < j; b++)
                    add_pair(ps, k[a].rec, k[b].rec);
        } else {
            (*big)++;
            sort_set = d;
            qsort(k + i, g, sizeof *k, cmp_by_skel);
            for (size_t a = i; a < j; a++)
                for (size_t b = a + 1; b < j && b <= a + WINDOW; b++)
                    add_pair(ps, k[a].rec, k[b].rec);
        }
        i = j;
    }
}

/* A name key, within the record's group when names alone cannot reach the
 * minimum score (in_group): then a pair found only by its names needs the
 * same group, and every other pair comes from the email, phone or website
 * keys anyway, so the result is the same with far fewer pairs. */
static void name_key(struct bkey **k, size_t *n, size_t *cap, char kind, const char *s,
                     const struct drec *r, uint32_t i, int in_group)
{
    char buf[320];
    if (!in_group) {
        add_key(k, n, cap, kind, s, strlen(s), i, 1);
        return;
    }
    snprintf(buf, sizeof buf, "%.280s#%" PRId64, s, r->group);
    add_key(k, n, cap, kind, buf, strlen(buf), i, 1);
}

static void record_keys(const struct profile *p, const struct dset *d, uint32_t i, unsigned by,
                        int in_group, struct bkey **k, size_t *n, size_t *cap)
{
    const struct drec *r = &d->r[i];
    if (by & BY_EMAIL)
        add_key(k, n, cap, 'e', str(d, r->email), strlen(str(d, r->email)), i, 0);
    if (by & BY_PHONE)
        for (int j = 0; j < 2; j++)
            add_key(k, n, cap, 'p', str(d, r->ph[j]), strlen(str(d, r->ph[j])), i, 0);
    if (by & BY_SITE)
        add_key(k, n, cap, 'w', str(d, r->site), strlen(str(d, r->site)), i, 0);
    if ((by & BY_NAME) && (!in_group || r->group)) {
        name_key(k, n, cap, 'n', str(d, r->skel), r, i, in_group);
        /* Typos: records that share the start of the surname, its length
         * give or take one (two length buckets each) and the whole first
         * name; or its first letter and its end and the first name; or the
         * whole surname and the first initial. */
        const char *sur = str(d, r->sur), *given = str(d, r->given);
        size_t len = strlen(sur), m = *given ? 4 : 5;
        char buf[256];
        if (len >= m + 1) {
            for (size_t b = 0; b < 2; b++) {
                snprintf(buf, sizeof buf, "%.*s|%zu|%.200s", (int)m, sur, (len + b) / 2, given);
                name_key(k, n, cap, 'b', buf, r, i, in_group);
            }
            snprintf(buf, sizeof buf, "%c|%s|%.200s", sur[0], sur + len - m, given);
            name_key(k, n, cap, 'f', buf, r, i, in_group);
        }
        if (*given && len >= 3) {
            snprintf(buf, sizeof buf, "%.200s|%c", sur, given[0]);
            name_key(k, n, cap, 'g', buf, r, i, in_group);
        }
    }
}

/* ---- the verb --------------------------------------------------------- */

struct found {
    uint32_t a, b;
    int score;
    uint32_t why; /* offset in the reasons arena */
};

static int cmp_found(const void *x, const void *y)
{
    const struct found *a = x, *b = y;
    if (a->score != b->score)
        return b->score - a->score;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

static int parse_by(struct crm_tool *t, const struct profile *p, unsigned *by)
{
    const char *s = crm_args_get(&t->args, "by");
    *by = BY_EMAIL | BY_PHONE | BY_NAME | (p->site ? BY_SITE : 0);
    if (!s)
        return CRM_OK;
    *by = 0;
    char *copy = crm_xstrdup(s);
    int rc = CRM_OK;
    for (char *save = NULL, *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        if (strcmp(w, "email") == 0)
            *by |= BY_EMAIL;
        else if (strcmp(w, "phone") == 0)
            *by |= BY_PHONE;
        else if (strcmp(w, "name") == 0)
            *by |= BY_NAME;
        else if ((strcmp(w, "website") == 0 || strcmp(w, "domain") == 0) && p->site)
            *by |= BY_SITE;
        else {
            rc = crm_err_set(&t->err, CRM_USAGE, "--by: unknown rule '%s' (use email, phone, name%s)",
                             w, p->site ? ", website" : "");
            break;
        }
    }
    free(copy);
    if (rc == CRM_OK && !*by)
        rc = crm_err_set(&t->err, CRM_USAGE, "--by: no rule given");
    return rc;
}

static int parse_min_score(struct crm_tool *t, int *min)
{
    const char *s = crm_args_get(&t->args, "min-score");
    char *end;
    *min = 50;
    if (!s)
        return CRM_OK;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 0 || v > 100)
        return crm_err_set(&t->err, CRM_USAGE, "--min-score: expected a number from 0 to 100, got '%s'",
                           s);
    *min = (int)v;
    return CRM_OK;
}

static uint32_t uf_find(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static int print_pairs(struct crm_tool *t, const struct dset *d, struct found *f, size_t nf,
                       const struct crm_buf *whys)
{
    static const struct crm_col cols[] = {{"score", CRM_COL_NUMBER}, {"keep", CRM_COL_NUMBER},
                                          {"dup", CRM_COL_NUMBER},   {"keep_name", CRM_COL_TEXT},
                                          {"dup_name", CRM_COL_TEXT}, {"reasons", CRM_COL_TEXT}};
    struct crm_out *o = crm_tool_out(t, cols, 6);
    int rc = CRM_OK;
    for (size_t i = 0; i < nf && rc == CRM_OK; i++) {
        char sc[16], ka[24], kb[24];
        const struct drec *a = &d->r[f[i].a], *b = &d->r[f[i].b];
        snprintf(sc, sizeof sc, "%d", f[i].score);
        snprintf(ka, sizeof ka, "%" PRId64, a->id);
        snprintf(kb, sizeof kb, "%" PRId64, b->id);
        const char *v[6] = {sc, ka, kb, str(d, a->label), str(d, b->label), whys->s + f[i].why};
        rc = crm_out_row(o, v, &t->err);
    }
    if (rc == CRM_OK)
        return crm_out_end(o, &t->err);
    crm_out_free(o);
    return rc;
}

struct member {
    uint32_t root, rec;
    int score;
    uint32_t why;
};

static int cmp_member(const void *x, const void *y)
{
    const struct member *a = x, *b = y;
    if (a->root != b->root)
        return a->root < b->root ? -1 : 1;
    return a->rec < b->rec ? -1 : a->rec > b->rec;
}

static int print_clusters(struct crm_tool *t, const struct dset *d, const struct found *f,
                          size_t nf, const struct crm_buf *whys)
{
    static const struct crm_col cols[] = {{"cluster", CRM_COL_NUMBER}, {"id", CRM_COL_NUMBER},
                                          {"name", CRM_COL_TEXT},      {"score", CRM_COL_NUMBER},
                                          {"reasons", CRM_COL_TEXT}};
    uint32_t *parent = crm_xmalloc(d->n * sizeof *parent);
    int *best = crm_xcalloc(d->n, sizeof *best);
    uint32_t *why = crm_xcalloc(d->n, sizeof *why);
    for (size_t i = 0; i < d->n; i++)
        parent[i] = (uint32_t)i;
    for (size_t i = 0; i < nf; i++) {
        uint32_t x = uf_find(parent, f[i].a), y = uf_find(parent, f[i].b);
        if (x != y)
            parent[x > y ? x : y] = x < y ? x : y; /* the oldest record is the root */
        for (int k = 0; k < 2; k++) {
            uint32_t r = k ? f[i].b : f[i].a;
            if (f[i].score > best[r]) {
                best[r] = f[i].score;
                why[r] = f[i].why;
            }
        }
    }
    struct member *m = crm_xcalloc(nf * 2 + 1, sizeof *m);
    size_t nm = 0;
    for (size_t i = 0; i < d->n; i++)
        if (best[i])
            m[nm++] = (struct member){uf_find(parent, (uint32_t)i), (uint32_t)i, best[i], why[i]};
    qsort(m, nm, sizeof *m, cmp_member);
    struct crm_out *o = crm_tool_out(t, cols, 5);
    int rc = CRM_OK;
    for (size_t i = 0; i < nm && rc == CRM_OK; i++) {
        char cl[24], id[24], sc[16];
        snprintf(cl, sizeof cl, "%" PRId64, d->r[m[i].root].id);
        snprintf(id, sizeof id, "%" PRId64, d->r[m[i].rec].id);
        snprintf(sc, sizeof sc, "%d", m[i].score);
        const char *v[5] = {cl, id, str(d, d->r[m[i].rec].label), sc, whys->s + m[i].why};
        rc = crm_out_row(o, v, &t->err);
    }
    if (rc == CRM_OK)
        rc = crm_out_end(o, &t->err);
    else
        crm_out_free(o);
    free(m);
    free(parent);
    free(best);
    free(why);
    return rc;
}

int crm_verb_dupes(struct crm_tool *t)
{
    const struct profile *p = profile_of(t->def);
    unsigned by;
    int min, rc;
    if (!p)
        return crm_err_set(&t->err, CRM_USAGE, "%s records have no duplicate rules", t->def->name);
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "dupes takes no arguments (use --where)");
    if (t->fmt == CRM_OUT_VCARD)
        return crm_err_set(&t->err, CRM_USAGE, "-f vcard is for records (list, show, export)");
    if ((rc = parse_by(t, p, &by)) || (rc = parse_min_score(t, &min)))
        return rc;
    struct crm_sql q = CRM_SQL_INIT;
    struct dset d = {0};
    select_rows(t, p, &q);
    if ((rc = crm_entity_filters(t, &q, NULL)) == CRM_OK) {
        crm_sql_add(&q, " ORDER BY id");
        rc = load(t, p, &q, &d);
    }
    crm_sql_free(&q);
    if (rc) {
        dset_free(&d);
        return rc;
    }
    struct bkey *k = NULL;
    size_t nk = 0, capk = 0, big = 0;
    /* The most a pair can score by its names without the same group. */
    int in_group = p->group && min > (p->legal ? 50 : 40) + 5;
    for (size_t i = 0; i < d.n; i++)
        record_keys(p, &d, (uint32_t)i, by, in_group, &k, &nk, &capk);
    qsort(k, nk, sizeof *k, cmp_bkey);
    struct pairs ps = {0};
    block_pairs(&d, k, nk, &ps, &big);
    free(k);
    k = NULL;
    qsort(ps.p, ps.n, sizeof *ps.p, cmp_u64);
    struct found *f = NULL;
    size_t nf = 0, capf = 0;
    struct crm_buf whys = CRM_BUF_INIT, why = CRM_BUF_INIT;
    size_t scored = 0;
    crm_buf_putc(&whys, '\0');
    for (size_t i = 0; i < ps.n; i++) {
        if (i && ps.p[i] == ps.p[i - 1])
            continue;
        scored++;
        uint32_t a = (uint32_t)(ps.p[i] >> 32), b = (uint32_t)ps.p[i];
        int s = score_pair(p, &d, &d.r[a], &d.r[b], by, &why);
        if (s < min || s == 0)
            continue;
        if (nf == capf) {
            capf = capf ? capf * 2 : 256;
            f = crm_xrealloc(f, capf * sizeof *f);
        }
        f[nf++] = (struct found){a, b, s, (uint32_t)whys.len};
        crm_buf_add(&whys, why.s, why.len);
        crm_buf_putc(&whys, '\0');
    }
    crm_tool_note(t, "dupes: %zu records, %zu candidate pairs from %zu blocking keys, %zu scoring %d "
                     "or more",
                  d.n, scored, nk, nf, min);
    free(ps.p);
    crm_buf_free(&why);
    if (big)
        crm_tool_note(t, "dupes: %zu large blocks compared by sorted neighbourhood (window %d)",
                      big, WINDOW);
    if (crm_args_has(&t->args, "clusters")) {
        rc = print_clusters(t, &d, f, nf, &whys);
    } else {
        qsort(f, nf, sizeof *f, cmp_found);
        rc = print_pairs(t, &d, f, nf, &whys);
    }
    free(f);
    crm_buf_free(&whys);
    dset_free(&d);
    return rc;
}

/* ---- a warning on insert ---------------------------------------------- */

#define WARN_SCORE 40 /* the same name alone is worth a look */

int crm_dupes_warn_new(struct crm_tool *t, int64_t id, size_t *count)
{
    const struct profile *p = profile_of(t->def);
    if (!p || t->quiet)
        return CRM_OK;
    struct crm_sql q = CRM_SQL_INIT;
    struct dset d = {0};
    select_rows(t, p, &q);
    crm_sql_add(&q, " WHERE id = ");
    crm_sql_bind_int(&q, id);
    int rc = load(t, p, &q, &d);
    crm_sql_free(&q);
    if (rc || d.n != 1) {
        dset_free(&d);
        return rc;
    }
    /* Candidates from the indexed keys only: one lookup per key. */
    const struct drec me = d.r[0];
    const struct crm_field *f;
    select_rows(t, p, &q);
    crm_sql_add(&q, " WHERE id <> ");
    crm_sql_bind_int(&q, id);
    crm_sql_add(&q, " AND (0");
    if (me.email && (f = crm_ent_field(&t->ent, p->email))) {
        crm_sql_add(&q, " OR ");
        crm_field_sql_key(f, NULL, &q);
        crm_sql_add(&q, " = ");
        crm_sql_bind_text(&q, str(&d, me.email));
    }
    for (size_t i = 0; i < p->nphones; i++)
        for (int j = 0; j < 2; j++)
            if (me.ph[j] && (f = crm_ent_field(&t->ent, p->phones[i]))) {
                char plus[128];
                snprintf(plus, sizeof plus, "+%s", str(&d, me.ph[j]));
                crm_sql_add(&q, " OR ");
                crm_field_sql_key(f, NULL, &q);
                crm_sql_add(&q, " IN (");
                crm_sql_bind_text(&q, str(&d, me.ph[j]));
                crm_sql_add(&q, ", ");
                crm_sql_bind_text(&q, plus);
                crm_sql_add(&q, ")");
            }
    if (p->nnames == 2) {
        /* Same surname ignoring ASCII case (indexed); the scorer decides. */
        struct crm_sql s = CRM_SQL_INIT;
        crm_sql_add(&s, "SELECT ");
        f = crm_ent_field(&t->ent, p->names[1]);
        crm_field_sql_value(f, NULL, &s);
        crm_sql_addf(&s, " FROM \"%s\" WHERE id = ", t->def->table);
        crm_sql_bind_int(&s, id);
        struct crm_stmt *st;
        if ((rc = crm_db_query(t->db, &s, &st, &t->err)) == CRM_OK) {
            if (crm_stmt_step(st, &t->err) > 0 && crm_stmt_text(st, 0)) {
                crm_sql_add(&q, " OR ");
                crm_field_sql_value(f, NULL, &q);
                crm_sql_add(&q, " = ");
                crm_sql_bind_text(&q, crm_stmt_text(st, 0));
                crm_sql_add(&q, " COLLATE NOCASE");
            }
            crm_stmt_done(st);
        }
        crm_sql_free(&s);
    }
    crm_sql_add(&q, ") ORDER BY id LIMIT 200");
    if (rc == CRM_OK)
        rc = load(t, p, &q, &d);
    crm_sql_free(&q);
    unsigned by = BY_EMAIL | BY_PHONE | BY_NAME | (p->site ? BY_SITE : 0);
    struct crm_buf why = CRM_BUF_INIT, bestwhy = CRM_BUF_INIT;
    int best = 0;
    size_t bi = 0;
    for (size_t i = 1; rc == CRM_OK && i < d.n; i++) {
        int s = score_pair(p, &d, &d.r[0], &d.r[i], by, &why);
        if (s > best) {
            best = s;
            bi = i;
            crm_buf_reset(&bestwhy);
            crm_buf_add(&bestwhy, why.s, why.len);
        }
    }
    if (rc == CRM_OK && best >= WARN_SCORE && count)
        (*count)++;
    if (rc == CRM_OK && best >= WARN_SCORE && (!count || *count <= 20))
        crm_tool_note(t, "%s %" PRId64 " is likely a duplicate of %s %" PRId64 " (%s): score %d: %s",
                      t->def->name, id, t->def->name, d.r[bi].id, str(&d, d.r[bi].label), best,
                      crm_buf_str(&bestwhy));
    crm_buf_free(&why);
    crm_buf_free(&bestwhy);
    dset_free(&d);
    return rc;
}

const struct crm_opt crm_dupes_opts[] = {
    CRM_DUPES_OPTS,
    {NULL, 0, 0, NULL, NULL, NULL},
};
