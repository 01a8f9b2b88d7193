#!/bin/bash
# Bad input: malformed CSV and JSON, invalid UTF-8, invalid field values,
# duplicate natural keys, unknown fields, bad --where, missing database,
# write errors on stdout, a closed pipe.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q

imp() { # imp FILE REGEX DESCRIPTION: import fails with 65 and a message, writes nothing
    run crm-contact import "$1"
    is_rc 65 "$3: exit 65"
    is_err_like "$2" "$3: message"
    run crm-contact count
    is_out "0" "$3: nothing written"
}
imp "$DATA/unterminated.csv" "^crm-contact: import: .*unterminated.csv:[0-9]+: " "an unterminated quote"
imp "$DATA/ragged.csv" "^crm-contact: import: .*ragged.csv:3: " "a ragged row"
printf 'first_name,email\nAnn,ann@x.com\nB\xffb,bob@x.com\n' >"$T/badutf8.csv"
imp "$T/badutf8.csv" "badutf8.csv:3: .*UTF-8" "invalid UTF-8 bytes"
printf 'first_name,email\n\xc3\x28,c@x.com\n' >"$T/badutf8b.csv"
imp "$T/badutf8b.csv" "badutf8b.csv:2: .*UTF-8" "a broken two-byte sequence"
imp "$DATA/bad.json" "bad.json:[0-9]+: invalid JSON" "truncated JSON"
imp "$DATA/wrongtype.json" "wrongtype.json:2: score: invalid number 'high'" "a JSON string where a number belongs"
imp "$DATA/nested.json" "nested.json:3: city: .*object" "a nested JSON object"
printf '{"first_name":"Ann","email":"ann@x.com"}\n{"first_name":\n' >"$T/bad.jsonl"
imp "$T/bad.jsonl" "bad.jsonl:2: " "broken JSON Lines"
printf '[{"first_name":"A","first_name":"B","email":"a@x.com"}]' >"$T/dupkey.json"
imp "$T/dupkey.json" "dupkey.json:1: .*first_name" "a JSON key given twice"
printf '[{"email":"a@x.com","tags":[1,{"x":2}]}]' >"$T/badtags.json"
imp "$T/badtags.json" "badtags.json:1: tags" "tags holding an object"

# Invalid field values (exit 65, message names field and value).
bad() { # bad REGEX DESCRIPTION FIELD=VALUE...
    local re=$1 d=$2
    shift 2
    run crm-contact add "$@"
    is_rc 65 "$d: exit 65"
    is_err_like "$re" "$d: message"
}
bad "^crm-contact: add: email: invalid email address 'ann@'" "an email without domain" email=ann@
bad "email: invalid email address" "an email without @" email=ann.x.com
bad "email: invalid email address" "an email with a space" 'email=a b@x.com'
bad "phone: invalid phone number 'abc'" "a phone with letters" first_name=A phone=abc
bad "birthday: invalid date '2020-02-30'" "a day that does not exist" first_name=A birthday=2020-02-30
bad "birthday: invalid date '15.01.2026'" "a date that is no ISO date" first_name=A birthday=15.01.2026
bad "lead_status: invalid value 'hot' \\(allowed: new, contacted, qualified, customer, lost\\)" "an enum value not allowed" first_name=A lead_status=hot
bad "score: invalid number 'ten'" "a number that is none" first_name=A score=ten
bad "do_not_call: " "a boolean that is none" first_name=A do_not_call=maybe
bad "account: no account with name or id 'Nowhere'" "a relation to nothing" first_name=A account=Nowhere
bad "account: no account with name or id '42'" "a relation to a missing id" first_name=A account=42
run crm-contact count
is_out "0" "no invalid record was written"

# Duplicate natural keys.
run crm-contact add email=ann@x.com
run crm-contact add email=ANN@X.com
is_rc 65 "email is unique ignoring case"
is_err_like "email: 'ANN@x.com' is already used by contact 1" "the message names the other record"
run crm-account add name=Acme
run crm-account add name=Acme
is_rc 65 "account name is unique"
is_err_like "name: 'Acme' is already used by account 1" "the message names the other record"
printf 'email\nx@x.com\nX@X.COM\n' >"$T/dup.csv"
run crm-contact import "$T/dup.csv"
is_rc 65 "a duplicate key within one import"
is_err_like "dup.csv:3: email" "names the line"
run crm-contact count
is_out "1" "nothing written"

# Unknown fields and bad arguments are usage errors.
run crm-contact add nosuch=1
is_rc 64 "an unknown field in FIELD=VALUE"
is_err_like "unknown field 'nosuch'" "the message names it"
run crm-contact update 1 nosuch=1
is_rc 64 "an unknown field in update"
run crm-contact list -w "nosuch = 1"
is_rc 64 "an unknown field in --where"
run crm-contact list -w "city = = 1"
is_rc 64 "a syntax error in --where"
is_err_like "column" "shows where"
run crm-contact list --limit -1
is_rc 64 "a negative --limit"
run crm-contact list -f
is_rc 64 "an option without its argument"

# A missing database.
run crm-contact list --db "$T/none.db"
is_rc 66 "no database: exit 66"
is_err_like "crm init" "the message says how to create one"

# Output errors: a full disk is an I/O error; a closed pipe ends quietly.
for i in 1 2 3 4 5; do run crm-contact add "email=p$i@x.com" notes="$(printf 'n%.0s' {1..3000})"; done
run crm-contact list --fields all
run bash -c 'crm-contact list --fields all > /dev/full'
is_rc 74 "list > /dev/full exits 74"
is_err_like "write error" "and says so"
run bash -c 'crm-contact list -f jsonl >/dev/full'
is_rc 74 "jsonl > /dev/full exits 74"
run bash -c 'crm-contact count >/dev/full'
is_rc 74 "count > /dev/full exits 74"
run bash -c 'crm-contact list --fields all | head -1 >/dev/null'
is_rc 0 "list | head -1"
[ ! -s "$T/err" ]
ok $? "a closed pipe prints no message"
run bash -c 'crm-contact export -f json | head -c 10 >/dev/null; echo "${PIPESTATUS[0]}"'
is_out_like "^(0|141)$" "export into a closed pipe ends by SIGPIPE or success (exit $(cat "$T/out"))"
[ ! -s "$T/err" ]
ok $? "quietly"
done_testing
