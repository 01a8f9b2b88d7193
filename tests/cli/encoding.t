#!/bin/bash
# import: encodings (--encoding, UTF-16 BOM detection, invalid bytes with
# line and column), semicolon CSV detection, and vendor presets.
. "$(dirname "$0")/lib.sh"

run crm init

printf 'first_name;last_name;email;city\nИван;Петров;ivan@x.example;Москва\n' | iconv -f UTF-8 -t CP1251 >cp.csv
run crm-contact import cp.csv
is_rc 65 "cp1251 read as UTF-8 is an error, never mojibake"
is_err_like "cp\.csv:2: invalid UTF-8 .*give --encoding" "it names the line and suggests --encoding"
run crm-contact import --encoding cp1251 cp.csv
is_rc 0 "--encoding cp1251"
run crm-contact show 1 -f csv --fields first_name,last_name,city
is_out 'first_name,last_name,city
Иван,Петров,Москва' "converted, and the semicolon CSV was detected"

printf 'first_name,email\nБорис,boris@x.example\n' | iconv -f UTF-8 -t KOI8-R >koi.csv
run crm-contact import --encoding koi8-r koi.csv
is_rc 0 "--encoding koi8-r"
printf 'first_name,email\nFrançois,francois@x.example\n' | iconv -f UTF-8 -t LATIN1 >l1.csv
run crm-contact import --encoding latin1 l1.csv
is_rc 0 "--encoding latin1"
printf 'first_name,email\nJosé,jose@x.example\n' | iconv -f UTF-8 -t UTF-16LE | { printf '\377\376'; cat; } >le.csv
run crm-contact import le.csv
is_rc 0 "UTF-16 LE with a BOM is detected"
printf 'first_name,email\nJürgen,juergen@x.example\n' | iconv -f UTF-8 -t UTF-16BE | { printf '\376\377'; cat; } >be.csv
run crm-contact import be.csv
is_rc 0 "UTF-16 BE with a BOM is detected"
printf 'first_name,email\nZoë,zoe@x.example\n' | iconv -f UTF-8 -t UTF-16LE >nobom.csv
run crm-contact import --encoding utf-16le nobom.csv
is_rc 0 "--encoding utf-16le without a BOM"
printf '\357\273\277first_name,email\nÅsa,asa@x.example\n' >bom8.csv
run crm-contact import bom8.csv
is_rc 0 "UTF-8 with a BOM"
run crm-contact list -f csv --fields first_name --sort id
is_out 'first_name
Иван
Борис
François
José
Jürgen
Zoë
Åsa' "every encoding read right"

printf 'first_name,last_name,email\nOlga,K,olga@x.example\n\300\355\355\340,\230x,anna@x.example\n' >bad.csv
run crm-contact import --encoding cp1251 bad.csv
is_rc 65 "a byte invalid in cp1251"
is_err_like "bad\.csv:3:6: invalid cp1251 byte 0x98" "file, line and column"
run crm-contact count -w "email = 'olga@x.example'"
is_out 0 "nothing imported"
run crm-contact import --encoding klingon bad.csv
is_rc 64 "an unknown encoding"

printf 'first_name;last_name;email\n"Smith; Jr";Bob;bob@x.example\n' >semi.csv
run crm-contact import semi.csv
is_rc 0 "semicolon CSV with a quoted semicolon"
run crm-contact list -w "email = 'bob@x.example'" -f csv --fields first_name
is_out 'first_name
Smith; Jr' "the quoted field stays whole"
printf 'first_name|email\nPipe|pipe@x.example\n' >pipe.csv
run crm-contact import --delimiter '|' pipe.csv
is_rc 0 "--delimiter"

# Presets: the vendors' own export headers.
P=$DATA/presets
run crm-account import --preset salesforce "$P/salesforce-accounts.csv"
is_rc 0 "Salesforce accounts"
is_err_like "2 inserted" "both accounts"
run crm-account list -f csv --fields name,type,industry,website,city --sort id
is_out 'name,type,industry,website,city
Edge Communications,customer,Electronics,http://edgecomm.example,Austin
Burlington Textiles Corp of America,reseller,Apparel,https://www.burlington.example,Burlington' "Salesforce account columns and types"
run crm-account import --preset hubspot "$P/hubspot-companies.csv"
is_rc 0 "HubSpot companies"
is_err_like "skips 2 columns: Record ID, Create Date" "the columns skipped are named"

run crm-contact import --preset google "$P/google.csv"
is_rc 0 "Google Contacts CSV"
run crm-contact list -w "last_name = 'Kovalenko'" -f json --fields first_name,email,phone,mobile,account_name,title,department,city,country,birthday,tags
cp "$T/out" g.json
run jq -c '.[0]' g.json
is_out '{"first_name":"Olena","email":"olena@roshen.example","phone":"+380 44 555 0101","mobile":"+380 67 123 4567","account_name":"Roshen Retail","title":"Head of Purchasing","department":"Purchasing","city":"Kyiv","country":"Ukraine","birthday":"1985-04-15","tags":["VIP","myContacts"]}' \
    "Google: labels to tags, phones by label, organisation"
run crm-contact list -w "last_name = 'Smith'" -f csv --fields email,phone,birthday
is_out 'email,phone,birthday
john.smith@example.com,(212) 555-0100,' "Google: the first of several values; a birthday without a year is left out"

run crm-contact import --preset outlook "$P/outlook.csv"
is_rc 0 "Outlook CSV"
run crm-contact list -w "last_name = 'Müller'" -f csv --fields phone,mobile,account_name,title,birthday,tags
is_out 'phone,mobile,account_name,title,birthday,tags
+49 30 1234567,+49 171 7654321,Müller & Söhne GmbH,Vertriebsleiter,1975-04-15,Berlin;Key Customer' "Outlook: business phone, M/D/YYYY birthday, categories"
run crm-contact list -w "last_name = 'Schmidt'" -f csv --fields phone,city,birthday
is_out 'phone,city,birthday
+49 40 555 0000,Hamburg,' "Outlook: home address and phone as fallbacks; 0/0/00 is no date"

run crm-contact import --preset salesforce "$P/salesforce.csv"
is_rc 0 "Salesforce Data Loader export"
run crm-contact list -w "last_name = 'Rogers'" -f csv --fields first_name,title,region,source,email_opt_out,do_not_call
is_out 'first_name,title,region,source,email_opt_out,do_not_call
Jack,"VP, Facilities",CA,Web,true,false' "Salesforce API names"
run crm-contact import --preset salesforce "$P/salesforce-report.csv"
is_rc 0 "Salesforce report export"
run crm-contact list -w "last_name = 'Gonzalez'" -f csv --fields account_name,mobile
is_out 'account_name,mobile
Edge Communications,(512) 757-9340' "Salesforce labels; the account exists already"

run crm-contact import --preset hubspot "$P/hubspot.csv"
is_rc 0 "HubSpot contacts"
run crm-contact list -w "last_name = 'Johnson'" -f csv --fields account_name,mobile,source
is_out 'account_name,mobile,source
Demo Corp,+1 617 555 0199,Organic Search' "HubSpot columns"

run crm-account import --preset google "$P/google.csv"
is_rc 64 "Google has no account export"
run crm-contact import --preset sap "$P/google.csv"
is_rc 64 "an unknown preset"
is_err_like "google, outlook, salesforce, hubspot" "the presets are listed"
done_testing
