#include <stdlib.h>

#include "buf.h"
#include "dupes.h"
#include "t.h"

static void keys(const char *name, int legal, const char *fold, const char *skel)
{
    struct crm_buf f = CRM_BUF_INIT, s = CRM_BUF_INIT;
    crm_name_keys(name, legal, &f, &s);
    T_STR(crm_buf_str(&f), fold, "fold key of '%s'", name);
    T_STR(crm_buf_str(&s), skel, "skeleton of '%s'", name);
    crm_buf_free(&f);
    crm_buf_free(&s);
}

static void domain(const char *url, const char *want)
{
    struct crm_buf b = CRM_BUF_INIT;
    crm_url_domain(url, &b);
    T_STR(crm_buf_str(&b), want, "domain of '%s'", url);
    crm_buf_free(&b);
}

int main(void)
{
    keys("Ann Müller", 0, "ann muller", "an muler");
    keys("MÜLLER,  Ann", 0, "ann muller", "an muler");
    keys("Иван Иванов", 0, "иван иванов", "ivan ivanov");
    keys("Ivan Ivanov", 0, "ivan ivanov", "ivan ivanov");
    keys("Сергей", 0, "сергей", "sergei");
    keys("Юлия", 0, "юлия", "iulia");
    keys("Julia", 0, "julia", "iulia");
    keys("Шевченко Тарас", 0, "тарас шевченко", "shevchenko taras");
    keys("Ольга Коваль", 0, "коваль ольга", "koval olga");
    keys("François O'Brien", 0, "francois obrien", "francois obrien");
    keys("Łukasz Żółć", 0, "lukasz zolc", "lukasz zolc");
    keys("Acme, Inc.", 1, "acme", "acme");
    keys("ООО «Ромашка»", 1, "ромашка", "romashka");
    keys("The Acme Company GmbH", 1, "acme", "acme");
    keys("", 0, "", "");
    keys("Άννα", 0, "άννα", "άννα");
    T_INT(crm_edit_distance("smithson", "smithson", 2), 0, "equal strings: 0");
    T_INT(crm_edit_distance("ion smithson", "iohn smithson", 2), 1, "one insertion");
    T_INT(crm_edit_distance("kitten", "sitting", 2), 3, "more than max: max + 1");
    T_INT(crm_edit_distance("a", "abcd", 2), 3, "length difference beyond max");
    domain("https://www.Acme.com/about", "acme.com");
    domain("acme.com", "acme.com");
    domain("http://user@shop.example.org:8080/x", "shop.example.org");
    domain(NULL, "");
    return t_done();
}
