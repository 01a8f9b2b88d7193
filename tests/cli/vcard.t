#!/bin/bash
# vCard: import of the cards phones, Google, Outlook, Apple and Thunderbird
# write (2.1, 3.0, 4.0), export -f vcard (4.0 and 3.0), round trip, errors.
. "$(dirname "$0")/lib.sh"

V=$DATA/vcard
run crm init

run crm-contact import "$V/google.vcf"
is_rc 0 "Google 3.0 import"
is_err_like "2 inserted" "two cards, two contacts"
is_err_like "2 related records created" "ORG creates the accounts"
run crm-contact show 1 -f json
cp "$T/out" c1.json
run jq -r '.[0] | [.first_name, .last_name, .email, .phone, .mobile, .account_name, .department, .title, .street, .city, .postcode, .country, .birthday, (.tags | join(",")), .notes] | join("|")' c1.json
is_out 'Olena|Kovalenko|olena.kovalenko@example.com|+380 44 555 0101|+380 67 123 4567|Roshen Retail|Purchasing|Head of Purchasing|вул. Хрещатик, 1|Київ|01001|Україна|1985-04-15|VIP,myContacts|Met at the Kyiv fair.
Prefers email; no calls before 10.' "every mapped property, escapes decoded"
run jq -r '.[0].vcard' c1.json
is_out 'EMAIL;TYPE=INTERNET;TYPE=HOME:olena.k@gmail.example
URL:https://roshen.example.com
item1.X-ABLabel:Assistant' "the second email and unknown properties are kept"

run crm-contact import "$V/phone-2.1.vcf"
is_rc 0 "vCard 2.1 from a phone"
run crm-contact list -w "email = 'ivan.petrenko@example.ua'" -f csv --fields first_name,last_name,mobile,phone,notes
is_out 'first_name,last_name,mobile,phone,notes
Іван,Петренко,+380501112233,044-222-33-44,Дзвонити вранці' "QUOTED-PRINTABLE UTF-8 with a soft line break"
run crm-contact list -w "last_name = 'Иванов'" -f csv --fields first_name,account_name,vcard
is_out 'first_name,account_name,vcard
Сергей,ООО «Ромашка»,TEL;FAX:+7 495 123-45-68' "CHARSET=WINDOWS-1251; a fax is kept as it came"

run crm-contact import "$V/outlook.vcf"
is_rc 0 "Outlook 2.1"
run crm-contact list -w "last_name = 'Müller'" -f csv --fields title,department,account_name,street,city,country,mobile
is_out 'title,department,account_name,street,city,country,mobile
Vertriebsleiter,Vertrieb,Müller & Söhne GmbH,Hauptstraße 5,Berlin,Deutschland,+49 171 7654321' "bare 2.1 types (WORK, CELL, PREF)"

run crm-contact import "$V/apple.vcf"
is_rc 0 "Apple 3.0"
run crm-contact list -w "uid = '6D4E2F1A-3B5C-4D7E-8F90-A1B2C3D4E5F6'" -f csv --fields first_name,email,notes
is_out 'first_name,email,notes
Amélie,amelie@atelier-lefevre.example,"Long note that goes past seventy-five octets so that the line is folded by the writer of the card, as Apple does."' \
    "folded lines joined, UID kept, lower-case type=pref"

run crm-contact import "$V/thunderbird.vcf"
is_rc 0 "Thunderbird 4.0"
run crm-contact list -w "last_name = 'Larsson'" -f csv --fields mobile,phone,birthday,tags,uid
is_out 'mobile,phone,birthday,tags,uid
+46-70-123-45-67,+46 8 123 456 78,1979-02-03,nordics;partner,3f2a9c1e-7b4d-4e21-9a6f-2c8d1e0b5a77' "tel: URIs, BDAY basic format, CATEGORIES"

# A re-import updates by UID.
sed 's/TITLE:CTO/TITLE:CEO/' "$V/thunderbird.vcf" >tb2.vcf
run crm-contact import tb2.vcf
is_err_like "0 inserted, 1 updated" "a re-import upserts by UID"
run crm-contact count
is_out 7 "seven contacts"

# Export.
run crm-contact export -f vcard -w "last_name = 'Kovalenko'"
is_rc 0 "export -f vcard"
cp "$T/out" k.vcf
grep -q $'\r$' k.vcf
ok $? "lines end in CRLF"
LC_ALL=C awk '{ if (length($0) > 76) print "long" }' k.vcf >long.txt
[ ! -s long.txt ]
ok $? "no line longer than 75 octets (+CR)"
tr -d '\r' <k.vcf >k.txt
run cat k.txt
is_out_like '^VERSION:4\.0$' "4.0 by default"
is_out_like '^ADR;TYPE=work:;;вул\. Хрещатик\\, 1;Київ;;01001;Україна$' "commas escaped"
is_out_like '^NOTE:Met at the Kyiv fair\.\\nPrefers email\\; no calls before 10\.$' "newlines and semicolons escaped"
is_out_like '^UID:urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-000000000001$' "a stable UID for a record without one"
is_out_like '^BDAY:19850415$' "4.0 date"
is_out_like '^CATEGORIES:VIP,myContacts$' "tags as CATEGORIES"
is_out_like '^item1\.X-ABLabel:Assistant$' "unknown properties written back"

run crm-contact export -f vcard --vcard-version 3.0 -w "last_name = 'Kovalenko'"
tr -d '\r' <"$T/out" >k3.txt
run cat k3.txt
is_out_like '^VERSION:3\.0$' "--vcard-version 3.0"
is_out_like '^TEL;TYPE=CELL:\+380 67 123 4567$' "3.0 types"
is_out_like '^BDAY:1985-04-15$' "3.0 date"
run crm-contact export -f vcard --vcard-version 2.1
is_rc 64 "only 4.0 and 3.0 are written"
run crm-contact export --vcard-version 3.0 -f csv
is_rc 64 "--vcard-version goes with -f vcard"
run crm-account list -f vcard
is_rc 64 "vcard is a format of crm-contact only"
run crm-contact dupes -f vcard
is_rc 64 "and of its records only"

# Long values fold at 75 octets without cutting a character.
run crm-contact add first_name=Ярослава last_name=Довгоназванська-Переяславська-Новгород-Сіверська email=y@x.example
run crm-contact export -f vcard -w "email = 'y@x.example'"
cp "$T/out" long.vcf
LC_ALL=C awk '{ sub(/\r$/, "") } length($0) > 75 { print "long: " $0 }' long.vcf >long.txt
[ ! -s long.txt ]
ok $? "folded at 75 octets"
grep -c '^ ' long.vcf >folds.txt
[ "$(cat folds.txt)" -ge 1 ]
ok $? "a long line was folded"
iconv -f UTF-8 -t UTF-8 long.vcf >/dev/null
ok $? "folding keeps UTF-8 valid"
run python3 -c '
import sys
t = open(sys.argv[1], encoding="utf-8", newline="").read().replace("\r\n ", "")
print([l for l in t.split("\r\n") if l.startswith("N:")][0])' long.vcf
is_out 'N:Довгоназванська-Переяславська-Новгород-Сіверська;Ярослава;;;' "unfolded it reads back"

# Round trip: export, import into a new database, export again: the same cards.
run crm-contact export -f vcard
cp "$T/out" all.vcf
run crm --db new.db init
run crm-contact --db new.db import all.vcf
is_rc 0 "import of the export"
is_err_like "8 inserted" "every contact"
run crm-contact --db new.db export -f vcard
cmp -s "$T/out" all.vcf
ok $? "round trip gives the same cards"
run crm-contact import all.vcf
is_err_like "0 inserted, [0-9]+ updated, [0-9]+ unchanged" "re-importing the export into the same database inserts nothing"
run crm-contact import all.vcf
is_err_like "0 inserted, 0 updated, 8 unchanged" "and a second time changes nothing"

# Errors name the file and the line.
printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A B\r\n\r\nthis has no colon\r\nEND:VCARD\r\n' >e1.vcf
run crm-contact import e1.vcf
is_rc 65 "a line that is no property"
is_err_like "e1\.vcf:5: expected NAME:VALUE" "file and line"
printf 'BEGIN:VCARD\nVERSION:3.0\nFN:A B\n' >e2.vcf
run crm-contact import e2.vcf
is_err_like "e2\.vcf:1: card not closed: END:VCARD missing" "an unfinished card"
printf 'BEGIN:VCARD\nVERSION:3.0\nFN:A B\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nN:M\xfcller;J\nEND:VCARD\n' >e3.vcf
run crm-contact import e3.vcf
is_err_like "e3\.vcf:7: N: invalid UTF-8" "invalid UTF-8 in a 3.0 card"
printf 'BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=klingon:x\nEND:VCARD\n' >e4.vcf
run crm-contact import e4.vcf
is_err_like "e4\.vcf:3: unknown CHARSET=KLINGON" "an unknown charset"
printf 'BEGIN:VCARD\nVERSION:2.1\nN;ENCODING=QUOTED-PRINTABLE:=ZZ\nEND:VCARD\n' >e5.vcf
run crm-contact import e5.vcf
is_err_like "e5\.vcf:3: bad QUOTED-PRINTABLE" "a bad QP escape"
run crm-account import e3.vcf
is_rc 64 "vCards are for crm-contact"
run crm-contact import --input-format vcard "$V/apple.vcf"
is_rc 0 "--input-format vcard"
done_testing
