#!/bin/bash
# Accounts: show includes the contacts; delete is refused while contacts
# refer to the account, unless --cascade or --move-to.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q
run crm-account add name=Acme industry=retail
run crm-account add name=Globex
run crm-account add name=Sub parent=Acme
run crm-contact add first_name=Ann last_name=Smith email=ann@x.com account=Acme title=Buyer
run crm-contact add first_name=Bob email=bob@x.com account=Acme
run crm-contact add first_name=Cyd email=cyd@x.com account=Globex

run crm-account show 1 --fields name,contacts
is_out 'name,contacts
Acme,"[{""id"":1,""name"":""Ann Smith"",""email"":""ann@x.com"",""phone"":null,""title"":""Buyer""},{""id"":2,""name"":""Bob"",""email"":""bob@x.com"",""phone"":null,""title"":null}]"' \
    "show includes the account's contacts"
run crm-account show 3 -f json --fields name,parent,parent_name
is_out '[
{"name":"Sub","parent":1,"parent_name":"Acme"}
]' "parent by name; parent_name shown"
run crm-account list --fields name --sort -name --no-header
is_out "Sub
Globex
Acme" "accounts sort by name"

run crm-account delete 1
is_rc 65 "delete of an account with contacts is refused"
is_err_like "account 1 has 2 contact records; use --cascade" "the message says how to go on"
run crm-account count
is_out "3" "nothing was deleted"

run crm-account delete 1 --cascade --move-to 2
is_rc 64 "--cascade and --move-to exclude each other"

run crm-account delete 1 --move-to 1
is_rc 64 "--move-to the account being deleted is a usage error"
run crm-account delete 1 --move-to Nowhere
is_rc 65 "--move-to an account that does not exist"
run crm-account count
is_out "3" "still nothing deleted"

run crm-account delete 1 --move-to Globex
is_rc 0 "delete --move-to NAME"
run crm-contact list --fields id,account_name
is_out "id,account_name
1,Globex
2,Globex
3,Globex" "the contacts moved to the other account"
run crm-account show 3 --fields parent
is_out "parent
" "a child account loses its deleted parent"
run crm-contact history 1 -f jsonl
cp "$T/out" "$T/h.jsonl"
run jq -r 'select(.field == "account") | "\(.old) \(.new)"' "$T/h.jsonl"
is_out "1 2" "the move is in the contact's history"

run crm-account delete 2 --cascade
is_rc 0 "delete --cascade"
run crm-contact count
is_out "0" "the contacts were deleted too"
run crm-account list --fields name --no-header
is_out "Sub" "only the other account is left"
run crm-account restore 2
is_rc 0 "restore the account"
run crm-contact restore 1 2 3
is_rc 0 "restore its contacts"
run crm-contact list --fields id,account_name
is_out "id,account_name
1,Globex
2,Globex
3,Globex" "contacts come back with their account"

run crm-account add name=Empty
run crm-account delete 4
is_rc 0 "an account without contacts is deleted without options"
run crm-account delete 99
is_rc 1 "delete of a missing account exits 1"
done_testing
