#!/bin/bash
# Pipes: `-` reads ids from stdin as plain ids, CSV, JSON or JSON Lines with
# an id column, so the output of list feeds show/update/delete.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q
run crm-contact add first_name=Ann email=ann@x.com city=Lviv
run crm-contact add first_name=Bob email=bob@x.com city=Kyiv
run crm-contact add first_name=Cyd email=cyd@x.com city=Lviv

run crm-contact list -w "city = 'Lviv'"
cp "$T/out" "$T/ids.csv"
runin "$T/ids.csv" crm-contact show - --fields id,first_name
is_rc 0 "list | show - (CSV)"
is_out "id,first_name
1,Ann
3,Cyd" "show - reads the ids of a CSV list"

run crm-contact list -w "city = 'Lviv'" -f jsonl
cp "$T/out" "$T/l.jsonl"
run jq -r .id "$T/l.jsonl"
cp "$T/out" "$T/plain"
is_out "1
3" "jsonl | jq -r .id gives plain ids"
runin "$T/plain" crm-contact show - --fields id,first_name
is_out "id,first_name
1,Ann
3,Cyd" "show - reads plain ids"
runin "$T/l.jsonl" crm-contact show - --fields first_name --no-header
is_out "Ann
Cyd" "show - reads JSON Lines"

run crm-contact list -f json -w "city = 'Kyiv'"
cp "$T/out" "$T/l.json"
runin "$T/l.json" crm-contact show - --fields first_name --no-header
is_out "Bob" "show - reads a JSON array"

printf '2\n\n1\n' >"$T/blank"
runin "$T/blank" crm-contact show - --fields id --no-header
is_out "2
1" "blank lines are skipped; order is kept"

runin "$T/ids.csv" crm-contact update - lead_status=qualified
is_rc 0 "list | update -"
run crm-contact count -w "lead_status = 'qualified'"
is_out "2" "update - changed every piped record"

runin "$T/plain" crm-contact delete -
is_rc 0 "ids | delete -"
run crm-contact list --fields id --no-header
is_out "2" "delete - removed the piped records"

# The same through a real pipe.
run bash -c 'crm-contact list | crm-contact show - --fields first_name --no-header'
is_out "Bob" "a real pipe list | show -"

printf 'abc\n' >"$T/bad"
runin "$T/bad" crm-contact show -
is_rc 65 "a bad id on stdin is bad input (65)"
is_err_like "stdin:1" "the message names the line"
printf 'name,city\nx,y\n' >"$T/noid.csv"
runin "$T/noid.csv" crm-contact show -
is_rc 65 "CSV without an id column is bad input"
is_err_like "id" "the message says the id column is missing"
printf '' >"$T/empty"
runin "$T/empty" crm-contact show -
is_rc 0 "no ids on stdin: nothing to show"
printf '99\n' >"$T/missing"
runin "$T/missing" crm-contact show -
is_rc 1 "a missing id from stdin exits 1"
done_testing
