#!/bin/bash
# crm-ticket: numbers, entitlement, the state machine (every transition),
# assignment with reasons, replies and first response, resolve with a kb
# article, bad input refused with nothing written.
. "$(dirname "$0")/lib.sh"

run crm init
run crm user add name=bob
run crm user add name=ann
run crm user add name=old active=false
run crm-account add name=Acme
run crm-account add name=Globex
run crm-contact add email=joe@acme.com first_name=Joe account=Acme
run crm-contract add account=Acme level=premium products='printer;scanner' start_date=2025-01-01 end_date=2026-12-31

# ---- add: numbers, account from the contact, entitlement
run crm-ticket add subject='Printer jams' contact=joe@acme.com product=printer priority=high \
    --fields number,account,contract,sla_level,status,priority
is_out "$(printf 'number,account,contract,sla_level,status,priority\nT-000001,1,1,premium,new,high')" \
    "add: a number, the contact's account, the covering contract and its level"
is_err_like "entitlement: contract C-000001 covers it \(level premium\)" "add says which contract covers it"
run crm-ticket add subject='Laptop broken' account=Acme product=laptop --fields number,contract,sla_level
is_out "$(printf 'number,contract,sla_level\nT-000002,,')" "a product the contract does not cover: no contract"
is_err_like "no active contract of the account covers laptop" "and it says so"
run crm-ticket add subject='Globex asks' account=Globex --fields number,sla_level
is_out_like "^T-000003,$" "an account without contracts: the default SLA"
run crm-ticket add number=T-000004 subject='Given number'
run crm-ticket add subject='Next' --fields number
is_out "$(printf 'number\nT-000005')" "a number given by hand is skipped by the series"

# ---- bad input: nothing written
run crm-ticket count
before=$(cat "$T/out")
run crm-ticket add subject=x assignee=zed
is_rc 65 "an assignee who is not a user is refused"
is_err_like "'zed' is not a user" "and named"
run crm-ticket add subject=x assignee=old
is_rc 65 "an inactive user is refused"
run crm-ticket add subject=x satisfaction=6
is_rc 65 "satisfaction must be 1 to 5"
run crm-ticket add subject=x priority=critical
is_rc 65 "an unknown priority is refused"
run crm-ticket add subject=x status=closed
is_rc 64 "status is not set by add"
run crm-ticket add description='no subject'
is_rc 65 "a subject is required"
run crm-ticket add subject=x contact=nobody@x.com
is_rc 65 "an unknown contact is refused"
run crm-ticket count
is_out "$before" "nothing was written by the refused adds"

# ---- the state machine: every (from, to) pair
# Drive a fresh ticket to a state.
to_state() {
    run crm-ticket add subject="machine $1"
    id=$(crm-ticket list --fields id --no-header --sort -id --limit 1)
    case $1 in
    new) ;;
    open) run crm-ticket status "$id" open ;;
    pending) run crm-ticket status "$id" pending ;;
    resolved) run crm-ticket resolve "$id" --solution s ;;
    closed) run crm-ticket close "$id" ;;
    reopened) run crm-ticket resolve "$id" --solution s && run crm-ticket reopen "$id" ;;
    esac
}
legal="new:open new:pending new:resolved new:closed open:pending open:resolved open:closed \
pending:open pending:resolved pending:closed resolved:closed resolved:reopened closed:reopened \
reopened:open reopened:pending reopened:resolved reopened:closed"
for from in new open pending resolved closed reopened; do
    for to in open pending resolved closed reopened; do
        to_state $from
        run crm-ticket status "$id" $to --fields status
        if [[ " $legal " == *" $from:$to "* ]]; then
            is_out "$(printf 'status\n%s' $to)" "$from -> $to is allowed"
        else
            is_rc 65 "$from -> $to is refused"
        fi
    done
done
to_state resolved
run crm-ticket status "$id" open
is_err_like "is resolved: it cannot become open \(from resolved: closed, reopened\)" \
    "an illegal transition names the allowed ones"
run crm-ticket status "$id" new
is_rc 65 "no ticket moves back to new"
run crm-ticket status "$id" "done"
is_rc 65 "an unknown state is refused"
run crm-ticket status 9999 open
is_rc 1 "a missing ticket is exit 1"
run crm-ticket status T-000001 open --fields number,status
is_out "$(printf 'number,status\nT-000001,open')" "status takes a ticket number"
run crm-ticket history T-000001
is_rc 64 "history takes ids only"
run crm-ticket history 1
is_out_like ',tester,ticket,1,update,status,new,open$' "a transition is in the history"

# ---- assign: reasons, users, departments
run crm-ticket assign 2 --to bob --fields status,assignee
is_out "$(printf 'status,assignee\nopen,bob')" "assign a new ticket: it is open"
run crm-ticket assign 2 --to ann
is_rc 64 "moving an assigned ticket needs a reason"
run crm-ticket assign 2 --to zed --reason x
is_rc 65 "assign to someone who is not a user is refused"
run crm-ticket assign 2 --department support2 --reason 'needs hardware people' --fields assignee,department
is_out "$(printf 'assignee,department\nbob,support2')" "route to a department, keeping the assignee"
run crm-ticket assign 2 --to ann --reason 'bob is away'
run crm-ticket show 2 -f json
is_out_like '"assignments":\[\{"at":"2026-01-15T10:00:00Z","by":"tester","from":null,"to":"bob"' \
    "the movement of the ticket is recorded"
is_out_like '"from":"bob","to":"ann","from_department":"support2","to_department":"support2","reason":"bob is away"' \
    "with who, from where, to where and why"
run crm-ticket update 2 assignee=bob
is_rc 64 "update does not move a ticket (assign does, with a reason)"
run crm-ticket add subject='Born assigned' assignee=bob department=support1 -f json
is_out_like '"assignments":\[\{[^]]*"to":"bob"[^]]*"reason":"on creation"' "an assignee given to add is recorded"

run crm user add name=leaver
run crm-ticket add subject='Left behind' assignee=leaver --fields id
left=$(sed -n 2p "$T/out")
run crm user update 4 active=false
run crm-ticket status "$left" pending --fields status,assignee
is_out "$(printf 'status,assignee\npending,leaver')" "an assignee who left later does not block the ticket"
run crm-ticket assign "$left" --to bob --reason 'leaver left' --fields assignee
is_out "$(printf 'assignee\nbob')" "and it can be moved on"

# ---- reply: public, internal, first response
run crm-ticket reply 3 'internal thought' --internal --fields status,first_response_at
is_out "$(printf 'status,first_response_at\nnew,')" "an internal note is no response"
run crm-ticket reply 3 'We are looking into it' --fields status,first_response_at
is_out "$(printf 'status,first_response_at\nopen,2026-01-15T10:00:00Z')" "the first public reply sets first_response_at and opens"
CRM_NOW=2026-01-15T12:00:00Z run crm-ticket reply 3 'Update' --fields first_response_at
is_out "$(printf 'first_response_at\n2026-01-15T10:00:00Z')" "later replies keep the first response time"
run crm-ticket show 3 -f json
is_out_like '"comments":\[\{"at":"2026-01-15T10:00:00Z","author":"tester","visibility":"internal","body":"internal thought"\},\{[^}]*"visibility":"public","body":"We are looking into it"' \
    "show lists the comments"
run crm-ticket reply 3 ''
is_rc 64 "an empty reply is a usage error"
run crm-ticket close 3
run crm-ticket reply 3 'late'
is_rc 65 "no public reply on a closed ticket"
run crm-ticket reply 3 'late note' --internal
is_rc 0 "an internal note on a closed ticket is fine"

# ---- resolve, close, reopen
run crm-ticket resolve 1
is_rc 64 "resolve needs --solution"
run crm-ticket resolve 1 --solution x --kb 99
is_rc 65 "an unknown kb article is refused"
run crm-ticket show 1 --fields status
is_out "$(printf 'status\nopen')" "and nothing changed"
run crm-ticket resolve 1 --solution 'replaced the roller' --fields status,resolved_at,solution
is_out "$(printf 'status,resolved_at,solution\nresolved,2026-01-15T10:00:00Z,replaced the roller')" "resolve"
run crm-ticket reopen 1 --reason 'still jams' --fields status,resolved_at
is_out "$(printf 'status,resolved_at\nreopened,')" "reopen clears resolved_at"
run crm-ticket show 1 -f json
is_out_like '"visibility":"internal","body":"still jams"' "the reason to reopen is noted"
run crm-ticket close 1 --fields status,closed_at
is_out "$(printf 'status,closed_at\nclosed,2026-01-15T10:00:00Z')" "close"
run crm-ticket assign 1 --to bob --reason x
is_rc 65 "a closed ticket is not assigned"

# ---- update: priority re-targets the SLA
run crm-ticket add subject='Retarget' --fields id,due_resolution
is_out "$(printf 'id,due_resolution\n39,2026-01-20T10:00:00Z')" "normal: 24 business hours"
run crm-ticket update 39 priority=urgent --fields priority,due_response,due_resolution
is_out "$(printf 'priority,due_response,due_resolution\nurgent,2026-01-15T11:00:00Z,2026-01-15T14:00:00Z')" \
    "a new priority gives new targets"
run crm-ticket update 39 contract=C-000001 --fields sla_level,due_resolution
is_out "$(printf 'sla_level,due_resolution\npremium,2026-01-15T12:00:00Z')" "a contract gives its level and targets"
run crm-ticket update 39 stopped_s=5
is_rc 64 "SLA fields are read-only"

# ---- search, import
run crm-ticket search jams --fields number
is_out "$(printf 'number\nT-000001')" "search"
printf 'subject,priority\nImported one,low\n' >in.csv
run crm-ticket import in.csv
run crm-ticket list -w "subject = 'Imported one'" --fields number,priority,status
is_out "$(printf 'number,priority,status\nT-000040,low,new')" "import: a number from the series, status new"
printf 'subject,account,product,priority,created_at\nImported two,Acme,printer,high,2026-01-14T16:00:00Z\n' >in2.csv
run crm-ticket import in2.csv
is_err_like '^crm-ticket: import: 1 inserted' "import reports its summary"
! grep -q entitlement "$T/err"
ok $? "and nothing per row about entitlement"
run crm-ticket list -w "subject = 'Imported two'" --fields contract,sla_level,due_response,due_resolution
is_out "$(printf 'contract,sla_level,due_response,due_resolution\n1,premium,2026-01-14T17:00:00Z,2026-01-15T12:00:00Z')" \
    "import: entitlement and SLA targets from the row's created_at, like add"
run crm-ticket export -w "id in (4, 5)"
cp "$T/out" export.csv
run crm init --db copy.db
run crm-ticket import --db copy.db export.csv
is_rc 0 "export | import into an empty database"
run crm-ticket export --db copy.db
cmp -s export.csv "$T/out"
ok $? "gives the same tickets (an id given: nothing derived again)"
printf 'subject,satisfaction\nBad,9\n' >bad.csv
run crm-ticket import bad.csv
is_rc 65 "import checks satisfaction"
run crm-ticket delete 2
is_rc 0 "a ticket can be deleted"
run crm sql "SELECT count(*) FROM ticket_assignment WHERE ticket_id = 2"
is_out "$(printf 'count(*)\n0')" "with its assignments"
done_testing
