#!/bin/bash
# Import: CSV (RFC 4180 edge cases), JSON, JSON Lines; --key upserts;
# --map, --ignore-unknown; natural-key relations; all or nothing; --rejects;
# --dry-run; export | import round trip.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q

hist() { run crm sql 'select count(*) from history' --no-header; }

run crm-account import "$DATA/accounts.csv"
is_rc 0 "import accounts"
is_err_like "3 inserted, 0 updated, 0 unchanged, 0 rejected" "import reports what it did"
run crm-contact import "$DATA/contacts.csv" --key email
is_rc 0 "import contacts with --key email"
is_err_like "3 inserted" "3 inserted"
run crm-contact list --fields email,account_name,tags
is_out "email,account_name,tags
ann@x.com,Acme,vip
bob@x.com,Globex,
taras@x.com,Борщ і Ко,new;vip" "accounts are matched by name (natural key)"

hist
cp "$T/out" "$T/h1"
run crm-contact import "$DATA/contacts.csv" --key email
is_rc 0 "the same import again"
is_err_like "0 inserted, 0 updated, 3 unchanged" "the second run changes nothing"
hist
cmp -s "$T/out" "$T/h1"
ok $? "and writes no history"

printf 'first_name,email\nAnnie,ANN@X.COM\n' >"$T/upper.csv"
run crm-contact import "$T/upper.csv" --key email
is_rc 0 "upsert by a normalised key"
is_err_like "0 inserted, 1 updated" "ANN@X.COM matches ann@x.com"
run crm-contact list -w "first_name = 'Annie'" --fields id,last_name
is_out "id,last_name
1,Smith" "the matched record was updated, other fields kept"
run crm-contact count
is_out "3" "no record was added"

printf 'first_name,last_name,score\nAnnie,Smith,1\nNew,Person,2\n' >"$T/two.csv"
run crm-contact import "$T/two.csv" --key first_name,last_name
is_rc 0 "--key with two fields"
is_err_like "1 inserted, 1 updated, 0 unchanged" "one updated, one inserted"
run crm-contact import "$T/two.csv" --key nosuch
is_rc 64 "--key with an unknown field is a usage error"

# --map and unknown columns.
printf 'Vorname,E-mail,Zip\nCy,cy@x.com,79000\n' >"$T/map.csv"
run crm-contact import "$T/map.csv" --map 'Vorname=first_name,E-mail=email'
is_rc 65 "an unknown column is an error"
is_err_like "unknown column 'Zip'" "the message names the column"
run crm-contact count
is_out "4" "nothing written"
run crm-contact import "$T/map.csv" --map 'Vorname=first_name,E-mail=email' --ignore-unknown
is_rc 0 "--ignore-unknown skips it"
run crm-contact import "$T/map.csv" --map 'Vorname=first_name,E-mail=email,Zip=postcode' --key email
is_rc 0 "--map renames every column"
run crm-contact list -w "email = 'cy@x.com'" --fields first_name,postcode
is_out "first_name,postcode
Cy,79000" "mapped columns land in their fields"
run crm-contact import "$T/map.csv" --map 'Zip=nosuch'
is_rc 64 "--map to an unknown field is a usage error"

# All or nothing.
run crm init -q --db "$T/b.db"
run crm-contact import --db "$T/b.db" "$DATA/contacts-bad-row.csv"
is_rc 65 "a bad row aborts the import"
is_err_like "^crm-contact: import: .*contacts-bad-row.csv:4: email: invalid email address 'cy@'" \
    "the message gives file, line, field and reason"
run crm-contact count --db "$T/b.db"
is_out "0" "nothing was written"
run crm-contact import --db "$T/b.db" "$DATA/contacts-bad-row.csv" --rejects "$T/rej.csv"
is_rc 0 "--rejects imports the rest"
is_err_like "3 inserted, 0 updated, 0 unchanged, 1 rejected" "and counts the rejected row"
run cat "$T/rej.csv"
is_out "first_name,email,score,error
Cy,cy@,3,email: invalid email address 'cy@': missing domain" "the rejects file has the bad row and an error column"
run crm-contact count --db "$T/b.db"
is_out "3" "the good rows were imported"

# --dry-run.
run crm init -q --db "$T/d.db"
run crm-contact import --db "$T/d.db" "$DATA/contacts-bad-row.csv" --dry-run --rejects "$T/rej2.csv"
is_err_like "would be 3 inserted, 0 updated, 0 unchanged, 1 rejected" "--dry-run reports what would happen"
run crm-contact count --db "$T/d.db"
is_out "0" "--dry-run writes nothing"
run crm sql --db "$T/d.db" 'select count(*) from history' --no-header
is_out "0" "not even history"

# CSV edge cases.
run crm init -q --db "$T/e.db"
run crm-contact import --db "$T/e.db" "$DATA/rfc4180.csv"
is_rc 0 "RFC 4180: quotes, doubled quotes, embedded newlines, no final newline"
run crm-contact list --db "$T/e.db" -f json --fields last_name,notes,city
is_out '[
{"last_name":"O\"Brien","notes":"one, two","city":"Kyiv"},
{"last_name":"Lee","notes":"line1\nline2","city":null},
{"last_name":"Ng","notes":"crlf1\r\ncrlf2","city":null},
{"last_name":"Roe","notes":"say \"hi\"","city":"Lviv"}
]' "values read exactly; an empty field and \"\" are both null (empty values are null)"
run crm-contact import --db "$T/e.db" "$DATA/bom-crlf.csv"
is_rc 0 "a UTF-8 BOM and CRLF line ends"
run crm-contact list --db "$T/e.db" -w "city in ('Odesa', 'Kharkiv')" --fields first_name,city
is_out "first_name,city
Eve,Odesa
Fay,Kharkiv" "the BOM is not part of the first column, CR not part of the last"
run crm-contact import --db "$T/e.db" "$DATA/header-only.csv"
is_rc 0 "a header without rows"
is_err_like "0 inserted" "imports nothing"
run crm-contact import --db "$T/e.db" "$DATA/unicode.csv"
is_rc 0 "Latin, Cyrillic, Greek, CJK, Arabic"
run crm-contact list --db "$T/e.db" -w "email in ('jose@x.com','taras@x.com','nikos@x.com','wang@x.com','ali@x.com')" --fields first_name,last_name,city
is_out "first_name,last_name,city
José,Müller,São Paulo
Тарас,Шевченко,Київ
Νίκος,Καζαντζάκης,Ηράκλειο
明,王,北京
محمد,العلي,دبي" "Unicode survives import and output"

# JSON and JSON Lines.
run crm init -q --db "$T/j.db"
run crm-contact import --db "$T/j.db" "$DATA/contacts.json"
is_rc 0 "JSON import"
run crm-contact list --db "$T/j.db" -f json --fields first_name,score,tags,do_not_call,city
is_out '[
{"first_name":"Ann","score":72,"tags":["new","vip"],"do_not_call":true,"city":null},
{"first_name":"Тарас","score":55,"tags":null,"do_not_call":false,"city":null}
]' "JSON numbers, arrays, booleans and null are read"
run crm-contact import --db "$T/j.db" "$DATA/contacts.jsonl" --key email
is_rc 0 "JSON Lines import"
is_err_like "1 inserted, 0 updated, 1 unchanged" "JSON Lines upsert"
runin "$DATA/contacts.jsonl" crm-contact import --db "$T/j.db" - --key email
is_rc 0 "import - reads stdin"
is_err_like "0 inserted, 0 updated, 2 unchanged" "stdin import is idempotent too"
run crm-contact import --db "$T/j.db" "$DATA/contacts.jsonl" --input-format csv
is_rc 65 "--input-format overrides detection"

# export | import into an empty database gives the same export.
run crm init -q --db "$T/src.db"
run crm-account import --db "$T/src.db" "$DATA/accounts.csv"
run crm-contact import --db "$T/src.db" "$DATA/contacts.csv"
run crm-contact import --db "$T/src.db" "$DATA/rfc4180.csv"
run crm-contact import --db "$T/src.db" "$DATA/unicode.csv"
run crm-account export --db "$T/src.db"
cp "$T/out" "$T/acc.csv"
run crm-contact export --db "$T/src.db"
cp "$T/out" "$T/con.csv"
run crm init -q --db "$T/dst.db"
run crm-account import --db "$T/dst.db" "$T/acc.csv"
is_rc 0 "import of an account export"
run crm-contact import --db "$T/dst.db" "$T/con.csv"
is_rc 0 "import of a contact export"
run crm-contact export --db "$T/dst.db"
diff "$T/con.csv" "$T/out" >/dev/null
ok $? "contact export | import | export is identical (CSV)"
run crm-account export --db "$T/dst.db"
diff "$T/acc.csv" "$T/out" >/dev/null
ok $? "account export | import | export is identical"
run crm-contact export --db "$T/src.db" -f json
cp "$T/out" "$T/con.json"
run crm init -q --db "$T/dst2.db"
run crm-account import --db "$T/dst2.db" "$T/acc.csv"
run crm-contact import --db "$T/dst2.db" "$T/con.json"
is_rc 0 "import of a JSON export"
run crm-contact export --db "$T/dst2.db" -f json
diff "$T/con.json" "$T/out" >/dev/null
ok $? "contact export | import | export is identical (JSON)"
run crm-contact list --db "$T/src.db" -f csv
cp "$T/out" "$T/list.csv"
run crm init -q --db "$T/dst3.db"
run crm-account import --db "$T/dst3.db" "$T/acc.csv"
run crm-contact import --db "$T/dst3.db" "$T/list.csv"
is_rc 0 "the output of list (with derived columns) is accepted by import"

run crm-contact import "$T/nosuch.csv"
is_rc 66 "a missing input file exits 66"
is_err_like "nosuch.csv" "the message names the file"
done_testing
