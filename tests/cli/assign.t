#!/bin/bash
# assign: give records of any entity with an owner to owners, by round
# robin, by open load or by region; printed as CSV for review.
. "$(dirname "$0")/lib.sh"

run crm init
run crm user add name=alice region=North
run crm user add name=bob region=south
run crm user add name=carol region=North
run crm user add name=dave active=false
for i in 1 2 3 4 5 6; do
    if [ $((i % 2)) = 0 ]; then r=north; else r=South; fi
    run crm-contact add first_name="L$i" region=$r
done
run crm-contact add first_name=X region=West

printf '3\n1\n2\n3\n' >ids
runin ids crm-contact assign - --to alice,bob,carol
is_rc 0 "assign ids from a pipe"
is_out "id,name,previous_owner,owner,by
1,L1,tester,alice,round-robin
2,L2,tester,bob,round-robin
3,L3,tester,carol,round-robin" "round robin in id order, each id once"
run crm-contact show 2 -f csv --fields owner
is_out "owner
bob" "the owner is written"
run crm-contact history 2 -f csv
is_out_like "update,owner,tester,bob" "and recorded in the history"

run crm-contact assign 1 2 3 4 5 6 7 --to alice,bob,carol --by region
is_out "id,name,previous_owner,owner,by
1,L1,alice,bob,region
2,L2,bob,alice,region
3,L3,carol,bob,region
4,L4,tester,carol,region
5,L5,tester,bob,region
6,L6,tester,alice,region
7,X,tester,alice,region-fallback" "by the owners' regions, ignoring case; no owner for the region: round robin"

run crm-contact update 1 lead_status=customer -f csv --fields id
run crm-contact assign 4 5 6 7 --to alice,bob,carol --by load
is_out "id,name,previous_owner,owner,by
4,L4,carol,carol,load
5,L5,bob,alice,load
6,L6,alice,bob,load
7,X,alice,carol,load" "by open load (a customer is not open), ties to the first named"

run crm-contact assign 1 --to zed
is_rc 65 "an unknown user"
is_err_like "no user 'zed'" "says so"
run crm-contact assign 1 --to dave
is_rc 65 "an inactive user"
run crm-contact assign 1 --to alice --by magic
is_rc 64 "an unknown rule"
run crm-contact assign 1
is_rc 64 "no --to"
run crm-contact assign 99 --to alice
is_rc 1 "a missing record"
run crm-contact show 1 -f csv --fields owner
is_out "owner
bob" "nothing written by the refused assignments"
run crm-product assign 1 --to alice
is_rc 64 "entities without an owner have no assign"

# Deals: load counts open deals only.
run crm-deal add name=A owner=alice
run crm-deal add name=B owner=alice
run crm-deal add name=C owner=bob
run crm-deal add name=New1
run crm-deal add name=New2
run crm-deal lose 1 2 --reason price
run crm-deal assign 4 5 --to alice,bob --by load -f csv
is_out "id,name,previous_owner,owner,by
4,New1,tester,alice,load
5,New2,tester,alice,load" "deals: only open deals are load (alice's two lost deals do not count)"
run crm-account add name=Acme
run crm-account assign 1 --to carol -f csv --no-header
is_out "1,Acme,tester,carol,round-robin" "accounts too"
done_testing
