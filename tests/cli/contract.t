#!/bin/bash
# crm-contract: numbers, dates checked, expiring (window and notice date),
# renew as a linked new version, show with its tickets.
. "$(dirname "$0")/lib.sh"

run crm init
run crm-account add name=Acme
run crm-account add name=Globex
run crm-contract add account=Acme start_date=2025-02-01 end_date=2026-01-31 notice_days=30 level=premium products='printer;scanner'
is_rc 0 "add a contract"
is_out_like '^1,C-000001,1,Acme,service,premium,' "numbered C-000001 with its level"
run crm-contract add account=Acme start_date=2025-06-01 end_date=2026-12-31 notice_days=10
is_out_like '^2,C-000002,' "the next number"
run crm-contract add number=X-7 account=Globex start_date=2025-01-01 end_date=2026-03-31 notice_days=90 kind=warranty
is_out_like '^3,X-7,' "a number given by hand is kept"
run crm-contract add account=Globex start_date=2026-01-01
is_out_like '^4,C-000003,' "an open-ended contract"
run crm-contract add account=Acme start_date=2026-02-01 end_date=2025-01-31
is_rc 65 "an end before the start is refused"
is_err_like "end_date: 2025-01-31 is before start_date 2026-02-01" "and the message says why"
run crm-contract count
is_out 4 "and nothing was written"
run crm-contract update 1 end_date=2024-01-01
is_rc 65 "update checks the dates too"
run crm-contract add account=Nobody
is_rc 65 "an unknown account is refused"
run crm-contract add account=Acme level=gold
is_rc 65 "an unknown level is refused"
printf 'number,account,start_date,end_date\nI-1,Acme,2026-05-01,2026-04-01\n' >bad.csv
run crm-contract import bad.csv
is_rc 65 "import checks the dates"
printf 'account,start_date,end_date\nAcme,2026-05-01,2027-04-30\n' >ok.csv
run crm-contract import ok.csv
run crm-contract list --fields id,number -w "id = 5"
is_out "$(printf 'id,number\n5,C-000004')" "an imported contract without a number gets the next one"
run crm-contract delete 5

run crm-contract search scanner --fields number
is_out "$(printf 'number\nC-000001')" "search the products and notes"
run crm-contract search C-000002 --fields number
is_out "$(printf 'number\nC-000002')" "and the numbers"

run crm-contract expiring --fields number,end_date,notice_by
is_out "$(printf 'number,end_date,notice_by\nC-000001,2026-01-31,2026-01-01\nX-7,2026-03-31,2025-12-31')" \
    "expiring: ending within 30 days, or past the notice date, soonest first"
run crm-contract expiring --within 1y --fields number
is_out "$(printf 'number\nC-000001\nX-7\nC-000002')" "expiring --within 1y"
run crm-contract expiring --within soon
is_rc 64 "a bad --within is a usage error"

run crm-contract renew 1 --term 1y --fields number,previous,start_date,end_date,level,status
is_out "$(printf 'number,previous,start_date,end_date,level,status\nC-000005,1,2026-02-01,2027-01-31,premium,active')" \
    "renew: a new version from the day after the old end, linked to it"
run crm-contract renew 1
is_rc 65 "a contract is renewed once"
is_err_like "renewed already by contract 5" "and the message names the renewal"
run crm-contract renew C-000002 --term 6m --fields start_date,end_date
is_out "$(printf 'start_date,end_date\n2027-01-01,2027-06-30')" "renew by number with --term 6m"
run crm-contract renew 3 --term forever
is_rc 64 "a bad --term is a usage error"
run crm-contract renew 99
is_rc 1 "renewing a missing contract is exit 1"

run crm-account delete 2
is_rc 65 "an account with contracts is not deleted without --cascade"
run crm-ticket add subject='Scanner broken' account=Acme product=scanner
run crm-contract show 1 -f json
is_out_like '"tickets":\[\{"id":1,"number":"T-000001","subject":"Scanner broken"' "show lists its tickets"

run crm-contract delete 1
is_rc 0 "a contract with tickets can be deleted"
run crm-ticket show 1 --fields contract
is_out $'contract\n' "and its tickets lose the link"
done_testing
