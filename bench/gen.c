/*
 * gen.c - deterministic generator of realistic contacts for `make bench`.
 *
 *     gen N [SEED [TRUTH [UPSERT]]]   > contacts.csv
 *
 * Writes N contacts as RFC 4180 CSV (UTF-8, LF, header first) in the
 * columns crm-contact import takes.  Every row is a pure function of
 * (SEED, row number), so the same arguments give the same bytes anywhere.
 *
 * The data mixes Latin, Cyrillic and CJK names; phones in the national and
 * international formats of the row's own country; ~10% of rows in Kyiv and
 * ~10% tagged vip; notes with commas, doubled quotes and embedded newlines;
 * ~1% of rows repeat the name and phone of an earlier row (the same person
 * entered twice, with another address).  Emails are unique ignoring case, so
 * a plain import (no --key) accepts the file.
 *
 * TRUTH, when given, receives "name value" lines counted while generating,
 * to check the tools' answers independently of SQLite:
 *     rows, shevch (last_name contains 'шевч' ignoring case),
 *     kyiv_vip50 (city = 'Kyiv' and score >= 50 and tag vip).
 * UPSERT, when given, receives ~1% of the rows again with the email's case
 * changed and a new title and lead status (nothing the TRUTH counts), for
 * `import --key email`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* splitmix64: tiny, seedable, good enough for test data. */
static uint64_t mix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static unsigned rnd(uint64_t *s, unsigned n) { return (unsigned)(mix(s) % n); }
static int chance(uint64_t *s, unsigned percent) { return rnd(s, 1000) < percent * 10; }

struct name {
    const char *text, *slug; /* as written; ASCII for the email */
    int shevch;              /* contains 'шевч' ignoring case */
};

#define NM(t, s) {t, s, 0}
#define SH(t, s) {t, s, 1}

static const struct name ua_first[] = {
    NM("Тарас", "taras"),   NM("Олена", "olena"),   NM("Андрій", "andrii"),
    NM("Оксана", "oksana"), NM("Іван", "ivan"),     NM("Марія", "mariia"),
    NM("Дмитро", "dmytro"), NM("Наталія", "nataliia"), NM("Богдан", "bohdan"),
    NM("Юлія", "yuliia"),   NM("Сергій", "serhii"), NM("Ірина", "iryna"),
    NM("Максим", "maksym"), NM("Ганна", "hanna"),   NM("Олександр", "oleksandr"),
    NM("Євген", "yevhen"),  NM("Їжак", "izhak"),
};
static const struct name ua_last[] = {
    SH("Шевченко", "shevchenko"), SH("Шевченко", "shevchenko"), SH("ШЕВЧЕНКО", "shevchenko"),
    SH("Шевчук", "shevchuk"),     SH("Шевчишин", "shevchyshyn"), SH("Грищенко-Шевчук", "hryshchenko"),
    NM("Коваленко", "kovalenko"), NM("Бондаренко", "bondarenko"), NM("Ткаченко", "tkachenko"),
    NM("Кравченко", "kravchenko"), NM("Ковальчук", "kovalchuk"), NM("Олійник", "oliinyk"),
    NM("Мельник", "melnyk"),      NM("Бойко", "boiko"),          NM("Лисенко", "lysenko"),
    NM("Петренко", "petrenko"),   NM("Гончаренко", "honcharenko"), NM("Мар'яненко", "marianenko"),
    NM("Shevchenko", "shevchenko"), NM("Savchenko", "savchenko"), NM("Руденко", "rudenko"),
    NM("Марченко", "marchenko"),  NM("Шевелюк", "sheveliuk"),     NM("Кучер", "kucher"),
};
static const struct name pl_first[] = {
    NM("Jan", "jan"),        NM("Anna", "anna"),     NM("Piotr", "piotr"),   NM("Katarzyna", "katarzyna"),
    NM("Tomasz", "tomasz"),  NM("Małgorzata", "malgorzata"), NM("Paweł", "pawel"),
    NM("Agnieszka", "agnieszka"), NM("Łukasz", "lukasz"), NM("Zofia", "zofia"),
};
static const struct name pl_last[] = {
    NM("Kowalski", "kowalski"),   NM("Nowak", "nowak"),       NM("Wiśniewski", "wisniewski"),
    NM("Wójcik", "wojcik"),       NM("Kowalczyk", "kowalczyk"), NM("Kamiński", "kaminski"),
    NM("Lewandowska", "lewandowska"), NM("Zieliński", "zielinski"), NM("Szymańska", "szymanska"),
    NM("Szewczyk", "szewczyk"),   NM("Dąbrowski", "dabrowski"),
};
static const struct name de_first[] = {
    NM("Hans", "hans"), NM("Jürgen", "juergen"), NM("Anna", "anna"), NM("Lena", "lena"),
    NM("Stefan", "stefan"), NM("Sabine", "sabine"), NM("Jörg", "joerg"), NM("Ute", "ute"),
};
static const struct name de_last[] = {
    NM("Müller", "mueller"), NM("Schmidt", "schmidt"), NM("Schneider", "schneider"),
    NM("Fischer", "fischer"), NM("Weiß", "weiss"), NM("Bäcker", "baecker"),
    NM("Schäfer", "schaefer"), NM("Groß", "gross"),
};
static const struct name gb_first[] = {
    NM("Oliver", "oliver"), NM("Amelia", "amelia"), NM("Harry", "harry"), NM("Isla", "isla"),
    NM("George", "george"), NM("Ann", "ann"), NM("Siobhan", "siobhan"),
};
static const struct name gb_last[] = {
    NM("Smith", "smith"), NM("Jones", "jones"), NM("Taylor", "taylor"), NM("Brown", "brown"),
    NM("O'Brien", "obrien"), NM("Williams", "williams"), NM("Evans", "evans"),
};
static const struct name us_first[] = {
    NM("James", "james"), NM("Mary", "mary"), NM("Robert", "robert"), NM("Patricia", "patricia"),
    NM("Michael", "michael"), NM("Jennifer", "jennifer"), NM("José", "jose"), NM("Olena", "olena"),
};
static const struct name us_last[] = {
    NM("Johnson", "johnson"), NM("Garcia", "garcia"), NM("Miller", "miller"), NM("Davis", "davis"),
    NM("Rodriguez", "rodriguez"), NM("Shevchenko", "shevchenko"), NM("Nguyen", "nguyen"),
    SH("Шевченко-Smith", "shevchenkosmith"),
};
static const struct name fr_first[] = {
    NM("Jean", "jean"), NM("Marie", "marie"), NM("Pierre", "pierre"), NM("Camille", "camille"),
    NM("Élodie", "elodie"), NM("François", "francois"), NM("Chloé", "chloe"),
};
static const struct name fr_last[] = {
    NM("Martin", "martin"), NM("Bernard", "bernard"), NM("Dubois", "dubois"),
    NM("Lefèvre", "lefevre"), NM("Moreau", "moreau"), NM("Lambert", "lambert"),
    NM("Chevalier", "chevalier"),
};
static const struct name cn_first[] = {
    NM("伟", "wei"), NM("芳", "fang"), NM("娜", "na"), NM("敏", "min"), NM("静", "jing"),
    NM("强", "qiang"), NM("秀英", "xiuying"), NM("志明", "zhiming"),
};
static const struct name cn_last[] = {
    NM("王", "wang"), NM("李", "li"), NM("张", "zhang"), NM("刘", "liu"), NM("陈", "chen"),
    NM("杨", "yang"), NM("欧阳", "ouyang"),
};
static const struct name jp_first[] = {
    NM("太郎", "taro"), NM("花子", "hanako"), NM("翔", "sho"), NM("陽菜", "hina"), NM("健", "ken"),
};
static const struct name jp_last[] = {
    NM("佐藤", "sato"), NM("鈴木", "suzuki"), NM("高橋", "takahashi"), NM("田中", "tanaka"),
    NM("渡辺", "watanabe"),
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct country {
    const char *iso, *name; /* the column holds the ISO code, sometimes the name */
    unsigned weight;        /* percent of rows */
    const struct name *first, *last;
    size_t nfirst, nlast;
    const char *cities[8];  /* the first one twice as likely... see pick_city */
    const char *domains[3];
};

#define NAMES(p) p##_first, p##_last, N(p##_first), N(p##_last)

static const struct country countries[] = {
    {"UA", "Ukraine", 30, NAMES(ua), {"Kyiv", "Kyiv", "Kyiv", "Lviv", "Kharkiv", "Odesa", "Dnipro", "Київ"},
     {"example.com.ua", "ukr.example", "mail.example"}},
    {"PL", "Polska", 12, NAMES(pl), {"Warszawa", "Kraków", "Łódź", "Wrocław", "Gdańsk", "Poznań", "Warszawa", "Kraków"},
     {"firma.example.pl", "example.pl", "mail.example"}},
    {"DE", "Deutschland", 10, NAMES(de), {"Berlin", "München", "Hamburg", "Köln", "Frankfurt am Main", "Berlin", "Düsseldorf", "Stuttgart"},
     {"example.de", "gmbh.example", "mail.example"}},
    {"GB", "United Kingdom", 10, NAMES(gb), {"London", "Manchester", "Birmingham", "Leeds", "Glasgow", "London", "Bristol", "Edinburgh"},
     {"example.co.uk", "ltd.example", "mail.example"}},
    {"US", "United States", 18, NAMES(us), {"New York", "Chicago", "San Francisco", "Austin", "Boston", "Seattle", "New York", "Los Angeles"},
     {"example.com", "corp.example", "mail.example"}},
    {"FR", "France", 8, NAMES(fr), {"Paris", "Lyon", "Marseille", "Toulouse", "Nice", "Paris", "Bordeaux", "Lille"},
     {"example.fr", "societe.example", "mail.example"}},
    {"CN", "China", 7, NAMES(cn), {"北京", "上海", "广州", "深圳", "Beijing", "Shanghai", "北京", "杭州"},
     {"example.cn", "gongsi.example", "mail.example"}},
    {"JP", "Japan", 5, NAMES(jp), {"東京", "大阪", "Tokyo", "名古屋", "横浜", "東京", "京都", "Osaka"},
     {"example.jp", "kaisha.example", "mail.example"}},
};

static const char *const titles[] = {
    "Директор", "Менеджер з продажу", "Sales Manager", "CTO", "Kierownik działu",
    "Einkaufsleiter", "部长", "Head of Procurement, EMEA", "Buyer", "Головний бухгалтер",
    "Directeur commercial", "課長", "Office manager", "CEO", "Specjalista ds. zakupów",
};
static const char *const departments[] = {
    "Sales", "Відділ продажів", "IT", "Finance", "Einkauf", "营销部", "Marketing",
    "Закупівлі", "R&D", "Zakupy", "Achats", "総務部",
};
static const char *const statuses[] = {"new", "contacted", "qualified", "customer", "lost"};
static const char *const sources[] = {"web", "referral", "fair", "cold call", "LinkedIn", "партнер"};
static const char *const notes[] = {
    "Prefers email, not calls",
    "Met at the \"Food Expo\" in Lviv, 2024",
    "Дзвонити після 14:00, не раніше",
    "Asked for a quote: 200 units, 5% discount",
    "Multi-line note:\nfirst line\nsecond line",
    "Офіс у Шевченківському районі, 3-й поверх",
    "喜欢通过微信联系，不要打电话",
    "He said \"call me later\", twice",
    "Budget approved; decision in Q3",
    "Nie dzwonić w piątki, proszę",
    "Rückruf erbeten, \"dringend\"",
    "Interested in the enterprise plan,\nneeds SSO, audit log, on-prem",
    "VIP since 2019 — handle with care",
    "メールでの連絡を希望",
    "Line with trailing spaces   ",
};
static const char *const other_tags[] = {"new", "partner", "newsletter", "b2b", "холодний", "hot"};
static const unsigned other_tag_pct[] = {20, 8, 25, 15, 5, 7};

/* Output buffer: fields and rows are appended, written in large blocks. */
static char obuf[1 << 16];
static size_t olen;
static FILE *ofile;

static void flush_out(void)
{
    if (olen && fwrite(obuf, 1, olen, ofile) != olen) {
        perror("gen: write");
        exit(74);
    }
    olen = 0;
}

static void put(const char *s, size_t n)
{
    if (olen + n > sizeof obuf)
        flush_out();
    memcpy(obuf + olen, s, n);
    olen += n;
}

static void puts_raw(const char *s) { put(s, strlen(s)); }

/* One CSV field: quoted when it holds , " CR LF or blanks at an end. */
static void field(const char *s, int last)
{
    size_t n = strlen(s);
    int quote = n && (strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[n - 1] == ' ');
    if (!quote) {
        put(s, n);
    } else {
        put("\"", 1);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                put("\"", 1);
            put(p, 1);
        }
        put("\"", 1);
    }
    put(last ? "\n" : ",", 1);
}

static void digits(uint64_t *s, char *out, int n)
{
    for (int i = 0; i < n; i++)
        out[i] = (char)('0' + rnd(s, 10));
    out[n] = '\0';
}

/* A telephone number of country c, in one of its usual ways of writing. */
static void phone(uint64_t *s, const struct country *c, int mobile, char *out, size_t size)
{
    char d[16];
    digits(s, d, 10);
    unsigned form = rnd(s, 3);
    const char *iso = c->iso;
    if (!strcmp(iso, "UA")) {
        static const char *const area[] = {"44", "32", "57", "48", "56"};
        static const char *const mob[] = {"67", "50", "63", "93", "97"};
        const char *a = mobile ? mob[rnd(s, 5)] : area[rnd(s, 5)];
        if (form == 0)
            snprintf(out, size, "(0%s) %.3s %.2s %.2s", a, d, d + 3, d + 5);
        else if (form == 1)
            snprintf(out, size, "+380 %s %.3s-%.2s-%.2s", a, d, d + 3, d + 5);
        else
            snprintf(out, size, "380%s%.7s", a, d);
    } else if (!strcmp(iso, "US")) {
        static const char *const area[] = {"212", "312", "415", "646", "617"};
        const char *a = area[rnd(s, 5)];
        if (form == 0)
            snprintf(out, size, "(%s) 555-%.4s", a, d);
        else if (form == 1)
            snprintf(out, size, "+1 %s-555-%.4s", a, d);
        else
            snprintf(out, size, "%s.555.%.4s", a, d);
    } else if (!strcmp(iso, "DE")) {
        if (mobile)
            snprintf(out, size, form ? "0151 %.8s" : "+49 151 %.8s", d);
        else if (form == 0)
            snprintf(out, size, "030 %.7s", d);
        else if (form == 1)
            snprintf(out, size, "+49 30 %.8s", d);
        else
            snprintf(out, size, "089 %.3s %.4s", d, d + 3);
    } else if (!strcmp(iso, "GB")) {
        if (mobile)
            snprintf(out, size, form ? "07700 900%.3s" : "+44 7700 900%.3s", d);
        else if (form == 0)
            snprintf(out, size, "020 7946 0%.3s", d);
        else if (form == 1)
            snprintf(out, size, "+44 20 7946 0%.3s", d);
        else
            snprintf(out, size, "0161 496 0%.3s", d);
    } else if (!strcmp(iso, "PL")) {
        if (mobile)
            snprintf(out, size, form ? "601 %.3s %.3s" : "+48 601-%.3s-%.3s", d, d + 3);
        else if (form == 0)
            snprintf(out, size, "22 %.3s %.2s %.2s", d, d + 3, d + 5);
        else
            snprintf(out, size, "+48 22 %.3s %.2s %.2s", d, d + 3, d + 5);
    } else if (!strcmp(iso, "FR")) {
        const char *p = mobile ? "6" : "1";
        if (form == 0)
            snprintf(out, size, "0%s %.2s %.2s %.2s %.2s", p, d, d + 2, d + 4, d + 6);
        else
            snprintf(out, size, "+33 %s %.2s %.2s %.2s %.2s", p, d, d + 2, d + 4, d + 6);
    } else if (!strcmp(iso, "CN")) {
        if (mobile)
            snprintf(out, size, "138 %.4s %.4s", d, d + 4);
        else if (form == 0)
            snprintf(out, size, "010 %.4s %.4s", d, d + 4);
        else
            snprintf(out, size, "+86 10 %.4s %.4s", d, d + 4);
    } else { /* JP */
        if (mobile)
            snprintf(out, size, "090-%.4s-%.4s", d, d + 4);
        else if (form == 0)
            snprintf(out, size, "03-%.4s-%.4s", d, d + 4);
        else
            snprintf(out, size, "+81 3-%.4s-%.4s", d, d + 4);
    }
}

struct row {
    const struct country *c;
    const struct name *first, *last;
    char phone[48], mobile[48], email[128], city[64], score[8], tags[128], notes[512];
    char birthday[16], country[32];
    const char *title, *department, *status, *source;
};

/* The person part (country, names, phone) of row i: shared by duplicates. */
static void person(uint64_t seed, uint64_t i, struct row *r)
{
    uint64_t s = seed * 0x100000001B3ull ^ (i + 1) * 0x9E3779B97F4A7C15ull;
    mix(&s);
    unsigned w = rnd(&s, 100), acc = 0;
    r->c = &countries[N(countries) - 1];
    for (size_t k = 0; k < N(countries); k++) {
        acc += countries[k].weight;
        if (w < acc) {
            r->c = &countries[k];
            break;
        }
    }
    r->first = &r->c->first[rnd(&s, (unsigned)r->c->nfirst)];
    r->last = &r->c->last[rnd(&s, (unsigned)r->c->nlast)];
    r->phone[0] = '\0';
    if (!chance(&s, 5))
        phone(&s, r->c, 0, r->phone, sizeof r->phone);
}

static void make_row(uint64_t seed, uint64_t i, struct row *r)
{
    uint64_t s = seed ^ (i + 1) * 0xD1B54A32D192ED03ull;
    mix(&s);
    /* ~1% repeat an earlier person (same names and phone, another email). */
    if (i > 0 && chance(&s, 1))
        person(seed, rnd(&s, (unsigned)i), r);
    else
        person(seed, i, r);
    const struct country *c = r->c;

    if (chance(&s, 2)) {
        r->email[0] = '\0';
    } else {
        const char *dom = c->domains[rnd(&s, 3)];
        snprintf(r->email, sizeof r->email, "%s.%s.%llu@%s", r->first->slug, r->last->slug,
                 (unsigned long long)i, dom);
        if (chance(&s, 10)) { /* Capitalised by hand: Taras.Shevchenko.12@Example.COM.UA */
            r->email[0] = (char)(r->email[0] - 32 * (r->email[0] >= 'a' && r->email[0] <= 'z'));
            for (char *at = strchr(r->email, '@'); at && *at; at++)
                if (*at >= 'a' && *at <= 'z')
                    *at = (char)(*at - 32);
        }
    }
    r->mobile[0] = '\0';
    if (chance(&s, 40))
        phone(&s, c, 1, r->mobile, sizeof r->mobile);
    r->title = titles[rnd(&s, N(titles))];
    r->department = departments[rnd(&s, N(departments))];
    r->status = statuses[rnd(&s, N(statuses))];
    r->source = chance(&s, 30) ? "" : sources[rnd(&s, N(sources))];
    snprintf(r->city, sizeof r->city, "%s", chance(&s, 3) ? "" : c->cities[rnd(&s, 8)]);
    snprintf(r->country, sizeof r->country, "%s", chance(&s, 20) ? c->name : c->iso);
    r->birthday[0] = '\0';
    if (chance(&s, 30))
        snprintf(r->birthday, sizeof r->birthday, "%u-%02u-%02u", 1950 + rnd(&s, 55),
                 1 + rnd(&s, 12), 1 + rnd(&s, 28));
    if (chance(&s, 3))
        r->score[0] = '\0';
    else
        snprintf(r->score, sizeof r->score, "%u", rnd(&s, 101));
    size_t tl = 0;
    r->tags[0] = '\0';
    if (chance(&s, 10))
        tl += (size_t)snprintf(r->tags + tl, sizeof r->tags - tl, "vip");
    for (size_t k = 0; k < N(other_tags); k++)
        if (chance(&s, other_tag_pct[k]))
            tl += (size_t)snprintf(r->tags + tl, sizeof r->tags - tl, "%s%s", tl ? ";" : "",
                                   other_tags[k]);
    size_t nl = 0;
    r->notes[0] = '\0';
    if (!chance(&s, 40))
        for (unsigned k = 0, n = 1 + rnd(&s, 3); k < n; k++)
            nl += (size_t)snprintf(r->notes + nl, sizeof r->notes - nl, "%s%s", k ? " " : "",
                                   notes[rnd(&s, N(notes))]);
}

static const char header[] = "first_name,last_name,email,phone,mobile,title,department,"
                             "lead_status,source,city,country,birthday,score,tags,notes\n";

static void write_row(const struct row *r)
{
    field(r->first->text, 0);
    field(r->last->text, 0);
    field(r->email, 0);
    field(r->phone, 0);
    field(r->mobile, 0);
    field(r->title, 0);
    field(r->department, 0);
    field(r->status, 0);
    field(r->source, 0);
    field(r->city, 0);
    field(r->country, 0);
    field(r->birthday, 0);
    field(r->score, 0);
    field(r->tags, 0);
    field(r->notes, 1);
}

static int has_vip(const char *tags)
{
    return !strncmp(tags, "vip", 3) && (tags[3] == ';' || tags[3] == '\0');
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 5) {
        fprintf(stderr, "usage: gen N [SEED [TRUTH [UPSERT]]] > contacts.csv\n");
        return 64;
    }
    uint64_t n = strtoull(argv[1], NULL, 10);
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 42;
    uint64_t shevch = 0, kyiv = 0, kyiv_vip50 = 0, vip = 0;
    struct row r;

    ofile = stdout;
    puts_raw(header);
    for (uint64_t i = 0; i < n; i++) {
        make_row(seed, i, &r);
        write_row(&r);
        shevch += (uint64_t)r.last->shevch;
        kyiv += !strcmp(r.city, "Kyiv");
        vip += (uint64_t)has_vip(r.tags);
        kyiv_vip50 += !strcmp(r.city, "Kyiv") && r.score[0] && atoi(r.score) >= 50 && has_vip(r.tags);
    }
    flush_out();
    if (fflush(stdout) || ferror(stdout)) {
        perror("gen: stdout");
        return 74;
    }
    if (argc > 3) {
        FILE *t = fopen(argv[3], "w");
        if (!t) {
            perror(argv[3]);
            return 73;
        }
        fprintf(t, "rows %llu\nshevch %llu\nkyiv %llu\nvip %llu\nkyiv_vip50 %llu\n",
                (unsigned long long)n, (unsigned long long)shevch, (unsigned long long)kyiv,
                (unsigned long long)vip, (unsigned long long)kyiv_vip50);
        if (fclose(t))
            return 74;
    }
    if (argc > 4) {
        /* Every 100th row again: email in another case, a new score. */
        if (!(ofile = fopen(argv[4], "w"))) {
            perror(argv[4]);
            return 73;
        }
        puts_raw(header);
        for (uint64_t i = 7; i < n; i += 100) {
            make_row(seed, i, &r);
            if (!r.email[0])
                continue;
            for (char *p = r.email; *p; p++)
                if (*p >= 'a' && *p <= 'z')
                    *p = (char)(*p - 32);
                else if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p + 32);
            r.title = titles[(i / 100) % N(titles)];
            r.status = statuses[(i / 100) % N(statuses)];
            write_row(&r);
        }
        flush_out();
        if (fclose(ofile))
            return 74;
    }
    return 0;
}
