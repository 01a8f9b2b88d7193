#!/usr/bin/python3
"""bench/dupes.py N [SEED] - precision, recall, time and peak RSS of
`crm-contact dupes` on N generated contacts with seeded duplicates.

Deterministic for (N, SEED).  About 5% of the rows are a second record of an
earlier person, entered the way real duplicates arise: from a phone call
(no email, the number written another way), by a colleague who typed the
name with a typo, from a business card in the other script (Иванов /
Ivanov), with a personal email at the same company.  The truth is the set
of (original, duplicate) row pairs; rows are imported in order into a new
database, so row k has id k.  A pair reported by dupes counts as right when
the two ids are the same person (also two duplicates of one person).

KEEP_DB=PATH keeps the imported database there and reuses it next time
(same N and SEED).  Prints one line per figure; exits 1 when precision or recall is below the
target (0.95) unless --no-target.
"""
import csv
import os
import random
import subprocess
import sys
import tempfile
import time

LATIN_FIRST = """James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David
Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy
Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna
Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald
Rebecca Edward Sharon Jason Laura Jeffrey Cynthia Ryan Kathleen Jacob Amy Gary Angela Nicholas
Shirley Eric Anna Jonathan Brenda Stephen Pamela Larry Emma Justin Nicole Scott Helen Brandon
Samantha Benjamin Katherine Samuel Christine Gregory Debra Alexander Rachel Frank Carolyn Patrick
Janet Raymond Catherine Jack Maria Dennis Heather Jerry Diane Tyler Ruth Aaron Julie Jose Olivia
Adam Joyce Nathan Virginia Henry Victoria Douglas Kelly Zachary Lauren Peter Christina Kyle Joan
Ethan Evelyn Walter Judith Noah Megan Jeremy Andrea Christian Cheryl Keith Hannah Roger Jacqueline
Terry Martha Gerald Gloria Harold Teresa Sean Ann Austin Sara Carl Madison Arthur Frances Lawrence
Kathryn Dylan Janice Jesse Jean Jordan Abigail Bryan Alice Billy Julia Joe Judy Bruce Sophia Gabriel
Grace Logan Denise Albert Amber Willie Doris Alan Marilyn Juan Danielle Wayne Beverly Elijah Isabella
Randy Theresa Roy Diana Vincent Natalie Ralph Brittany Eugene Charlotte Russell Marie Bobby Kayla
Mason Alexis Philip Lori Louis Jürgen Søren François Zoë Amélie José Inés Łukasz Ørjan Björn
Dagmar Günther Renée Hélène Mónica Sebastián Ramón Agnès Małgorzata""".split()

SYL1 = """Ander Bar Bern Black Brad Brook Cal Carl Chad Chester Clay Cliff Cole Cran Dal Dan Dar
Dun Ed Ell Fair Far Fitz Ford Fox Gar Gold Gor Green Grim Had Hal Ham Har Hart Has Hay Heath Hen
Her Hol Hunt Kel Ken Kin Lan Lar Law Lind Lock Long Mad Man Mar Mer Mil Mont Mor Nor Oak Pal Pem
Pen Pres Rad Ran Red Rich Rid Rob Ros Row Rud Ryd Sal San Sax Shel Sher Sil Stan Stern Stock Sum
Tal Tan Ter Thorn Thur Tol Tor Tre Vin Wal War Wat Wel Wes Whit Wil Win Wood Wor Yar""".split()
SYL2 = """ley ton son man well wood field ford by worth ham land stone more wick den ridge ward
bury shaw stead er ing cott wright berg mann stein er rick lock""".split()

# Cyrillic given names and surname stems, with the Latin forms a business
# card or a passport would show (not our transliteration: Ukrainian г is h).
CYR_FIRST = [("Іван", "Ivan"), ("Олена", "Olena"), ("Андрій", "Andrii"), ("Оксана", "Oksana"),
             ("Тарас", "Taras"), ("Марія", "Mariia"), ("Дмитро", "Dmytro"), ("Юлія", "Yuliia"),
             ("Сергій", "Serhii"), ("Ірина", "Iryna"), ("Максим", "Maksym"), ("Ганна", "Hanna"),
             ("Олександр", "Oleksandr"), ("Наталія", "Nataliia"), ("Богдан", "Bohdan"),
             ("Сергей", "Sergey"), ("Алексей", "Aleksey"), ("Ольга", "Olga"), ("Татьяна", "Tatiana"),
             ("Николай", "Nikolay"), ("Екатерина", "Ekaterina"), ("Владимир", "Vladimir"),
             ("Анна", "Anna"), ("Павел", "Pavel"), ("Светлана", "Svetlana"), ("Михаил", "Mikhail")]
CYR_STEM = [("Шевч", "Shevch"), ("Коваль", "Koval"), ("Бондар", "Bondar"), ("Ткач", "Tkach"),
            ("Кравч", "Kravch"), ("Мельнич", "Melnych"), ("Олійн", "Oliin"), ("Лисен", "Lysen"),
            ("Руден", "Ruden"), ("Савч", "Savch"), ("Марч", "March"), ("Поліщ", "Polishch"),
            ("Іван", "Ivan"), ("Петр", "Petr"), ("Сидор", "Sidor"), ("Кузнец", "Kuznets"),
            ("Смирн", "Smirn"), ("Попов", "Popov"), ("Волк", "Volk"), ("Соколов", "Sokolov"),
            ("Морозов", "Morozov"), ("Павл", "Pavl"), ("Семен", "Semen"), ("Голуб", "Holub"),
            ("Гончар", "Honchar"), ("Захарч", "Zakharch"), ("Данил", "Danyl"), ("Ярош", "Yarosh")]
CYR_END = [("енко", "enko"), ("ук", "uk"), ("ишин", "yshyn"), ("ов", "ov"), ("ович", "ovych"),
           ("ський", "skyi"), ("ин", "in"), ("ко", "ko"), ("ець", "ets"), ("як", "iak")]

CITIES = ["London", "Berlin", "Paris", "Madrid", "Kyiv", "Lviv", "Warsaw", "Prague", "Vienna",
          "Rome", "Oslo", "Lisbon", "Dublin", "Riga", "Vilnius", "Tallinn", "Odesa", "Kharkiv"]


def typo(rng, s):
    """One edit inside the word (not the first letter)."""
    if len(s) < 4:
        return s + "e"
    i = rng.randrange(1, len(s) - 1)
    k = rng.randrange(3)
    if k == 0:
        return s[:i] + s[i + 1:]
    if k == 1:
        return s[:i] + s[i] + s[i:]
    return s[:i] + s[i + 1] + s[i] + s[i + 2:]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    check = "--no-target" not in sys.argv
    n = int(args[0]) if args else 100000
    seed = int(args[1]) if len(args) > 1 else 42
    here = os.path.dirname(os.path.abspath(__file__))
    build = os.environ.get("BUILD", "build")
    bindir = os.path.join(os.path.dirname(here), build, "bin") if not build.startswith("/") \
        else os.path.join(build, "bin")
    rng = random.Random(seed)
    naccounts = max(10, n // 25)
    persons = []  # (first, last, first_latin, last_latin, cyr, phone digits, account)
    rows = []     # dicts in crm-contact import columns
    person_of = []  # person index of each row
    ndup = 0
    while len(rows) < n:
        if persons and rng.random() < 0.05:
            p = rng.randrange(len(persons))
            first, last, fl, ll, cyr, ph, acc = persons[p]
            kind = rng.randrange(6)
            row = {"first_name": first, "last_name": last, "email": "", "phone": "", "mobile": "",
                   "account": "", "city": rng.choice(CITIES)}
            if kind == 0:   # a phone call: the number written nationally
                row["phone"] = "0" + ph[3:5] + " " + ph[5:8] + " " + ph[8:10] + " " + ph[10:]
            elif kind == 1:  # a typo in the surname, the number as digits
                row["last_name"] = typo(rng, last)
                row["phone"] = ph
            elif kind == 2:  # the other script, the number international
                if cyr:
                    row["first_name"], row["last_name"] = fl, ll
                else:
                    row["first_name"] = typo(rng, first)
                row["phone"] = "+" + ph[:3] + " " + ph[3:5] + " " + ph[5:]
            elif kind == 3:  # a personal email at the same company
                row["email"] = "%s.%s.%d@mail.example" % (fl.lower(), ll.lower(), len(rows))
                row["account"] = "Company %d" % acc
            elif kind == 4:  # the same name at the same company, nothing else
                row["account"] = "Company %d" % acc
            else:            # the number as mobile, a typo, the same company
                row["last_name"] = typo(rng, last)
                row["mobile"] = "+" + ph
                row["account"] = "Company %d" % acc
            rows.append(row)
            person_of.append(p)
            ndup += 1
            continue
        if rng.random() < 0.3:
            f = rng.choice(CYR_FIRST)
            s, e = rng.choice(CYR_STEM), rng.choice(CYR_END)
            first, last, fl, ll, cyr = f[0], s[0] + e[0], f[1], s[1] + e[1], True
        else:
            first = rng.choice(LATIN_FIRST)
            last = rng.choice(SYL1) + rng.choice(SYL2)
            fl, ll, cyr = first, last, False
        ops = ["44", "50", "67", "63", "93", "97", "66", "68", "73", "99", "95", "98"]
        q = len(persons)
        ph = "380" + ops[q % len(ops)] + "%07d" % (q // len(ops) * 7919 % 10000000)  # unique
        acc = rng.randrange(naccounts)
        persons.append((first, last, fl, ll, cyr, ph, acc))
        p = len(persons) - 1
        slug = "".join(c for c in (fl + "." + ll).lower() if c.isalnum() or c == ".")
        rows.append({"first_name": first, "last_name": last,
                     "email": "%s.%d@corp%d.example" % (slug, p, acc), "phone": "+" + ph,
                     "mobile": "", "account": "Company %d" % acc, "city": rng.choice(CITIES)})
        person_of.append(p)

    tmp = tempfile.mkdtemp(prefix="crm-bench-dupes.")
    # KEEP_DB=path reuses (or keeps) the imported database between runs.
    keep = os.environ.get("KEEP_DB")
    db = keep or os.path.join(tmp, "crm.db")
    reuse = bool(keep) and os.path.exists(keep)
    env = dict(os.environ, CRM_DB=db, CRM_COUNTRY="UA", CRM_USER="bench",
               CRM_NOW="2026-01-15T10:00:00Z", TZ="UTC", LC_ALL="C.UTF-8")
    acsv = os.path.join(tmp, "accounts.csv")
    with open(acsv, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name"])
        for a in range(naccounts):
            w.writerow(["Company %d" % a])
    ccsv = os.path.join(tmp, "contacts.csv")
    cols = ["first_name", "last_name", "email", "phone", "mobile", "account", "city"]
    with open(ccsv, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r[c] for c in cols])
    run = lambda *a: subprocess.run([os.path.join(bindir, a[0])] + list(a[1:]), env=env,
                                    check=True, stdout=subprocess.PIPE)
    t0 = time.time()
    if not reuse:
        run("crm", "-q", "init")
        run("crm-account", "import", "-q", acsv)
        run("crm-contact", "import", "-q", ccsv)
    t_import = time.time() - t0
    out = os.path.join(tmp, "pairs.csv")
    # Peak RSS from /usr/bin/time: a child forked from this (large) Python
    # process would count the parent's pages in its own ru_maxrss.
    timer = ["/usr/bin/time", "-f", "%M %U"] if os.path.exists("/usr/bin/time") else []
    t0 = time.time()
    with open(out, "w") as f:
        r = subprocess.run(timer + [os.path.join(bindir, "crm-contact"), "dupes", "-f", "csv",
                                    "-q"], env=env, check=True, stdout=f, stderr=subprocess.PIPE)
    t_dupes = time.time() - t0
    rss, cpu = (r.stderr.decode().split()[-2:] if timer else ("0", "0"))
    found = set()
    with open(out, newline="") as f:
        for r in csv.DictReader(f):
            found.add((int(r["keep"]), int(r["dup"])))
    # Truth: every pair of rows (ids = row number + 1) of the same person with a duplicate.
    by_person = {}
    for i, p in enumerate(person_of):
        by_person.setdefault(p, []).append(i + 1)
    truth = set()
    for ids in by_person.values():
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                truth.add((ids[a], ids[b]))
    right = len(found & truth)
    precision = right / len(found) if found else 0.0
    recall = right / len(truth) if truth else 0.0
    # Caller id: a few lookups, each a fresh process, as a PBX would run it.
    t0 = time.time()
    k = 50
    for i in range(k):
        ph = persons[(i * 9973) % len(persons)][5]
        subprocess.run([os.path.join(bindir, "crm-contact"), "who", "0" + ph[3:], "-f", "csv"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
    t_who = (time.time() - t0) / k
    print("rows %d (persons %d, seeded duplicates %d, true pairs %d)" %
          (n, len(persons), ndup, len(truth)))
    print("import %.1f s" % t_import)
    print("dupes %.2f s (%s s CPU), peak RSS %s" %
          (t_dupes, cpu, "%d MiB" % (int(rss) // 1024) if timer else "not measured (no /usr/bin/time)"))
    print("pairs reported %d, right %d" % (len(found), right))
    print("precision %.4f (target 0.95)" % precision)
    print("recall %.4f (target 0.95)" % recall)
    print("who %.1f ms per call (process start included)" % (t_who * 1000))
    subprocess.run(["rm", "-rf", tmp])
    if check and (precision < 0.95 or recall < 0.95):
        sys.exit(1)


main()
