#!/bin/bash
# crm-activity: the log of every interaction; log, timeline, links.
. "$(dirname "$0")/lib.sh"

run crm init
run crm-account add name=Acme
run crm-account add name=Globex
run crm-contact add first_name=Ann email=ann@x.com account=Acme
run crm-contact add first_name=Bob email=bob@globex.com account=Globex

run crm-activity log call --contact ann@x.com --outcome reached --duration 5m "Talked about renewal" -f json
is_rc 0 "log call"
is_out_like '"kind":"call"' "kind stored"
is_out_like '"duration":5,' "5m stored as 5 minutes"
is_out_like '"account":1,' "account taken from the contact"
is_out_like '"subject":"Talked about renewal"' "text becomes the subject"
is_out_like '"owner":"tester"' "owner defaults to the user"

run crm-activity log meeting --account Acme --at 2026-01-10T09:00 ends_at=2026-01-10T10:00 place=HQ attendees='tester;bob' "Kickoff"
is_rc 0 "log meeting with fields"
run crm-activity log email --contact bob@globex.com --direction in --at 2026-01-12 "Question"
is_rc 0 "log email for another account"
for d in 1 2 3 4 5 6 7; do crm-deal add name="Deal $d" -q >/dev/null; done # deals 1 to 7 exist
run crm-activity log note --deal 7 "about deal 7"
is_rc 0 "link to a deal"
run crm-activity log order external_number=PO-1 amount=120.50 --account Acme --at 2026-01-05 "Order"
is_rc 0 "log order with amount"

run crm-activity timeline --account Acme -f csv --fields id,kind,occurred_at
is_rc 0 "timeline of an account"
is_out "id,kind,occurred_at
1,call,2026-01-15T10:00:00Z
2,meeting,2026-01-10T09:00:00Z
5,order,2026-01-05T00:00:00Z" "newest first, the account's and its contacts' activities"

run crm-activity timeline --contact bob@globex.com -f csv --fields id,subject
is_out "id,subject
3,Question" "timeline of a contact"

run crm-activity timeline --related deal:7 -f csv --fields id
is_out "id
4" "timeline of a related deal"

run crm-activity timeline -f csv --fields id --limit 2
is_out "id
4
1" "timeline of everything (same time: newest id first)"

run crm-activity show 5 -f csv --fields amount,external_number
is_out "amount,external_number
120.50,PO-1" "order amount in money"

# Bad input: exit 65, nothing written.
run crm-activity log call --contact nobody@x.com "x"
is_rc 65 "unknown contact"
is_err_like "no contact" "says which contact"
run crm-activity log chat "x"
is_rc 65 "unknown kind"
run crm-activity log note --related dael:1 "x"
is_rc 65 "unknown related entity"
is_err_like "unknown entity 'dael'" "names the entity"
run crm-activity log note --related contact:99 "x"
is_rc 65 "related record that does not exist"
run crm-activity add kind=note related_entity=deal
is_rc 65 "related_entity without related_id"
run crm-activity log call --duration 5 --at yesterdayish "x"
is_rc 65 "bad date"
run crm-activity count
is_out "5" "nothing written by the failures"

# A contact deleted: the activity stays, the link is cleared.
run crm-contact delete 2
is_rc 0 "delete a contact with activities"
run crm-activity show 3 -f csv --fields contact,subject
is_out "contact,subject
,Question" "activity kept with the link cleared"

# export | import into an empty database gives the same data.
run crm-activity export -f jsonl
cp "$T/out" "$T/act.jsonl"
run crm init --db "$T/copy.db"
run crm-account export -f csv
cp "$T/out" "$T/acc.csv"
run crm-account import --db "$T/copy.db" "$T/acc.csv"
run crm-contact export -f csv
cp "$T/out" "$T/con.csv"
run crm-contact import --db "$T/copy.db" "$T/con.csv"
run crm-deal export -f csv # the deals go along: activities refer to them
cp "$T/out" "$T/deal.csv"
run crm-deal import --db "$T/copy.db" "$T/deal.csv"
run crm-activity import --db "$T/copy.db" "$T/act.jsonl"
is_rc 0 "import the export"
run crm-activity export --db "$T/copy.db" -f jsonl
cmp -s "$T/out" "$T/act.jsonl"
ok $? "export | import gives the same activities"

run crm-activity search renewal -f csv --fields id
is_out "id
1" "full-text search"
done_testing
