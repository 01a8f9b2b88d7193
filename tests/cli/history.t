#!/bin/bash
# crm history: the change feed of every record with increasing seq; --since
# a sequence number or a date; delete then restore gives the same record back.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q
run crm-account add name=Acme
run crm-contact add first_name=Ann email=ann@x.com account=Acme
run crm-contact update 1 city=Kyiv
CRM_USER=alice run crm-contact update 1 city=Lviv
run crm-contact show 1 -f json
cp "$T/out" "$T/before.json"

run crm history --since 0 -f jsonl
is_rc 0 "crm history --since 0 -f jsonl"
cp "$T/out" "$T/feed.jsonl"
run jq -s -r 'map(.seq) | . == (sort | unique) and length == 4' "$T/feed.jsonl"
is_out "true" "seq increases strictly"
run jq -r '"\(.seq) \(.user) \(.entity) \(.id) \(.action) \(.field) \(.old) \(.new | if type == "string" and startswith("{") then "{...}" else . end)"' "$T/feed.jsonl"
is_out "1 tester account 1 insert null null {...}
2 tester contact 1 insert null null {...}
3 tester contact 1 update city null Kyiv
4 alice contact 1 update city Kyiv Lviv" "every change: entity, id, action, field, old, new, user"
run crm history --since 2 -f csv
is_out "seq,at,user,entity,id,action,field,old,new
3,2026-01-15T10:00:00Z,tester,contact,1,update,city,,Kyiv
4,2026-01-15T10:00:00Z,alice,contact,1,update,city,Kyiv,Lviv" "--since SEQ gives only later changes (a cursor)"
run crm history --since 4
is_out "seq,at,user,entity,id,action,field,old,new" "nothing after the last seq"
run crm history --since 2026-01-15
is_out_like "^4," "--since DATE"
run crm history --since 2026-01-16 --no-header
[ ! -s "$T/out" ]
ok $? "--since a later date gives nothing"
run crm history --since yesterday
is_rc 0 "--since takes relative dates"
run crm history --since garbage
is_rc 64 "--since with a bad value is a usage error"

run crm-contact delete 1
is_rc 0 "delete"
run crm history --since 4 -f jsonl
cp "$T/out" "$T/del.jsonl"
run jq -r '"\(.seq) \(.action) \(.entity) \(.id) \(.old | fromjson | .city)"' "$T/del.jsonl"
is_out "5 delete contact 1 Lviv" "the delete is in the feed with the old record"
run crm-contact restore 1
is_rc 0 "restore"
run crm-contact show 1 -f json
cmp -s "$T/out" "$T/before.json"
ok $? "the restored record is the same, with the same id"
run crm history --since 5 -f jsonl
cp "$T/out" "$T/res.jsonl"
run jq -r '"\(.seq) \(.entity) \(.id)"' "$T/res.jsonl"
is_out "6 contact 1" "the restore is in the feed too"
run crm-contact add first_name=Bob email=bob@x.com
run crm-contact show 2 --fields id --no-header
is_out "2" "a new record never reuses a restored id"

# The history of one record.
run crm-contact history 1 -f json
cp "$T/out" "$T/h1.json"
run jq -r 'map(.action) | join(",")' "$T/h1.json"
is_out_like "^insert,update,update,delete,(insert|restore)$" "crm-contact history ID: the whole life of the record"
done_testing
