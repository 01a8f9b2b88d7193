#!/bin/bash
# The dispatcher: `crm NOUN VERB` is `crm-NOUN VERB`; crm user.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q
run crm contact add first_name=Ann email=ann@x.com
is_rc 0 "crm contact add"
run crm account add name=Acme
is_rc 0 "crm account add"
run crm-contact list
cp "$T/out" "$T/direct"
run crm contact list
is_rc 0 "crm contact list"
cmp -s "$T/out" "$T/direct"
ok $? "crm contact list == crm-contact list"
run crm contact list -f json --fields id,email
is_out '[
{"id":1,"email":"ann@x.com"}
]' "options pass through"
run crm contact show 99
is_rc 1 "exit status passes through"
run crm contact list -w "nosuch = 1"
is_rc 64 "usage errors pass through"
is_err_like "^crm-contact: list: " "messages name the tool"
# crm alone in a directory, with no tools beside it or on PATH.
mkdir -p "$T/solo"
cp "$BUILD/bin/crm" "$T/solo/crm"
PATH=/usr/bin:/bin run "$T/solo/crm" deal list
is_rc 64 "a noun whose tool is not installed exits 64"
is_err_like "crm-deal" "and names the tool"

run crm user add name=alice full_name='Alice Doe' email=alice@x.com
is_rc 0 "crm user add name=alice"
is_out_like "^1,alice,Alice Doe,alice@x.com," "prints the user"
run crm user add name=bob manager=alice
is_rc 0 "a user with a manager by name"
run crm user list --fields name,manager
is_out "name,manager
alice,
bob,1" "crm user list"
run crm user add name=alice
is_rc 65 "a user name is unique"
run crm user show 2 -f json --fields name,active
is_out '[
{"name":"bob","active":true}
]' "active defaults to true"
run crm user update 2 active=false
is_rc 0 "crm user update"
run crm user count -w "active = true"
is_out "1" "crm user count --where"
run crm user delete 1
is_rc 0 "deleting a manager"
run crm user show 2 --fields manager --no-header
is_out "" "the manager is cleared"
run crm user frob
is_rc 64 "crm user: an unknown verb exits 64"
done_testing
