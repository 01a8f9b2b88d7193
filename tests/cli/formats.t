#!/bin/bash
# Output formats: table, csv, tsv, json, jsonl; --fields, --no-header; JSON
# types; TSV escapes; the default format when stdout is not a terminal.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q
run crm-account add name=Acme
run crm-contact add first_name=$'Tab\there' last_name='Back\slash' email=a@x.com \
    notes=$'line1\nline2\r' tags=x,y score=3 do_not_call=true account=Acme
run crm-contact add first_name=Тарас last_name=王明 email=b@x.com notes='a,"b"' score=-7
run crm-contact add first_name="$(printf 'x%.0s' {1..80})" email=c@x.com

F=id,first_name,last_name,notes,tags
run crm-contact list --fields $F
is_rc 0 "list with --fields"
is_out 'id,first_name,last_name,notes,tags
1,Tab	here,Back\slash,"line1
line2'$'\r''",x;y
2,Тарас,王明,"a,""b""",
3,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,,,' \
    "the default format off a terminal is CSV: RFC 4180 quoting, tags joined with ;"
cp "$T/out" "$T/default.csv"
run crm-contact list --fields $F -f csv
cmp -s "$T/out" "$T/default.csv"
ok $? "-f csv is the same as the default"
run crm-contact list --fields $F --format=csv --no-header
is_out_like '^1,Tab' "--no-header drops the header (csv)"
cp "$T/out" "$T/nh.csv"
run head -1 "$T/nh.csv"
is_out '1,Tab	here,Back\slash,"line1' "the first line is the first record"

run crm-contact list --fields $F -f tsv
is_out 'id	first_name	last_name	notes	tags
1	Tab\there	Back\\slash	line1\nline2\r	x;y
2	Тарас	王明	a,"b"	
3	xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx			' \
    "TSV escapes tab, newline, CR and backslash"
run crm-contact list --fields id,first_name -f tsv --no-header
is_out '1	Tab\there
2	Тарас
3	xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' "--no-header (tsv)"

run crm-contact list -f json --fields id,first_name,score,do_not_call,tags,city,account,birthday
is_rc 0 "-f json"
is_out '[
{"id":1,"first_name":"Tab\there","score":3,"do_not_call":true,"tags":["x","y"],"city":null,"account":1,"birthday":null},
{"id":2,"first_name":"Тарас","score":-7,"do_not_call":false,"tags":null,"city":null,"account":null,"birthday":null},
{"id":3,"first_name":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","score":null,"do_not_call":false,"tags":null,"city":null,"account":null,"birthday":null}
]' "JSON: numbers, booleans, tag arrays and null"
cp "$T/out" "$T/l.json"
run jq -r '.[0] | [(.id|type), (.score|type), (.do_not_call|type), (.tags|type), (.city|type)] | join(" ")' "$T/l.json"
is_out "number number boolean array null" "jq reads the JSON types"
run crm-contact list -f json --fields all
cp "$T/out" "$T/all.json"
run jq -r '.[0].notes' "$T/all.json"
is_out $'line1\nline2\r' "JSON strings keep newlines and CR"
run jq -r '.[1] | keys_unsorted | join(",")' "$T/all.json"
is_out "id,first_name,last_name,email,phone,mobile,title,department,account,account_name,owner,lead_status,source,street,city,region,postcode,country,birthday,score,do_not_call,email_opt_out,tags,notes,uid,vcard,created_at,updated_at" \
    "--fields all gives every field in order"
run crm-contact list -f json -w "id = 99"
is_out "[]" "an empty JSON list is an empty array"
cp "$T/out" "$T/empty.json"
run jq length "$T/empty.json"
is_out "0" "and is valid JSON"

run crm-contact list -f jsonl --fields id,tags
is_out '{"id":1,"tags":["x","y"]}
{"id":2,"tags":null}
{"id":3,"tags":null}' "-f jsonl: one object a line"
cp "$T/out" "$T/l.jsonl"
run jq -c . "$T/l.jsonl"
is_rc 0 "every JSON Lines line is valid JSON"
run crm-contact list -f jsonl -w "id = 99"
[ ! -s "$T/out" ]
ok $? "an empty JSON Lines list prints nothing"

run crm-contact list -f table --fields first_name,last_name,id
is_out 'first_name                                last_name   id
Tab here                                  Back\slash   1
Тарас                                     王明         2
xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…               3' \
    "table: aligned by display width (Cyrillic, CJK), long values cut with …, numbers right-aligned"
run crm-contact list -f table --no-header --fields id,last_name
is_out '1  Back\slash
2  王明
3' "--no-header (table)"
run crm-contact list -f table --fields id,first_name
run grep -c $'\e' "$T/out"
is_out "0" "no colour when stdout is not a terminal"

# CSV never cuts long values.
run crm-contact show 3 --fields first_name --no-header
is_out "$(printf 'x%.0s' {1..80})" "CSV keeps long values whole"

run crm-contact list -f xml
is_rc 64 "an unknown format is a usage error"
is_err_like "xml" "the message names it"

# The account shows its contacts as a JSON array.
run crm-account show 1 -f json --fields name,contacts
is_out '[
{"name":"Acme","contacts":[{"id":1,"name":"Tab\there Back\\slash","email":"a@x.com","phone":null,"title":null}]}
]' "account contacts are a nested JSON array"
done_testing
