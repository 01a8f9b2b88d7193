#!/bin/bash
# crm-task: tasks, delegation, recurrence, agenda, reminders.
. "$(dirname "$0")/lib.sh"
export CRM_USER=alice

run crm init
run crm user add name=alice department=sales
run crm user add name=bob department=sales
run crm user add name=carol department=support
run crm-account add name=Acme
run crm-contact add first_name=Ann email=ann@x.com account=Acme

run crm-task add title="Call Ann" due=+1d assignee=bob remind_at=2026-01-15T10:10 contact=ann@x.com estimate=30 -f json
is_rc 0 "add a delegated task"
is_out_like '"created_by":"alice"' "created_by is the acting user"
is_out_like '"delegated":true' "delegated"
is_out_like '"account":1,' "account from the contact"
is_out_like '"status":"open"' "open by default"
is_out_like '"priority":"normal"' "normal priority by default"

run crm-task add title="Weekly report" due=2026-01-16T09:00 recurrence='RRULE:FREQ=WEEKLY;BYDAY=FR,MO;COUNT=3' -f csv --fields id,recurrence,occurrence
is_out 'id,recurrence,occurrence
2,"FREQ=WEEKLY;BYDAY=MO,FR;COUNT=3",1' "recurrence stored in canonical form"
run crm-task add title="Old one" due=-2d
run crm-task add title="Someday"

for d in 1 2 3 4 5; do crm-deal add name="Deal $d" -q >/dev/null; done # deals 1 to 5 exist
run crm-task add --title "Quote for the deal" --assignee bob --due +3d --contact ann@x.com --deal 5 -f csv --fields id,assignee,due,contact,account,related_entity,related_id,delegated
is_out "id,assignee,due,contact,account,related_entity,related_id,delegated
5,bob,2026-01-18T10:00:00Z,1,1,deal,5,true" "add with --assignee, --due and link options"
run crm-task delete 5

# Bad input: exit 65, nothing written.
run crm-task add title=x assignee=zed
is_rc 65 "unknown assignee"
is_err_like "assignee: unknown user 'zed'" "names the assignee"
run crm-task add title=x due=soonish
is_rc 65 "due that does not parse"
is_err_like "due: invalid date-time 'soonish'" "says why"
run crm-task add title=x recurrence='FREQ=MONTHLY;BYMONTHDAY=1'
is_rc 65 "recurrence outside the subset"
is_err_like "BYMONTHDAY' is outside the supported subset" "names the part"
run crm-task update 1 assignee=nobody
is_rc 65 "update to an unknown assignee"
run crm-task add --title x --assignee zed
is_rc 65 "--assignee unknown"
run crm-task count
is_out 4 "nothing written by the failures"

run crm-task list --overdue -f csv --fields id,title
is_out "id,title
3,Old one" "--overdue"
run crm-task list --delegated-by me -f csv --fields id,assignee
is_out "id,assignee
1,bob" "--delegated-by me"
run crm-task list --assignee bob -f csv --fields id
is_out "id
1" "--assignee"
run crm-task list --account Acme -f csv --fields id
is_out "id
1" "tasks about an account"
run crm-task list --delegated-by zed
is_rc 65 "--delegated-by an unknown user"

# done, recurrence
run crm-task "done" 2 --spent 45m -f csv --fields id,status,due,occurrence,series_id,completed_by,completed_at,spent
is_rc 0 "done a recurring task"
is_out "id,status,due,occurrence,series_id,completed_by,completed_at,spent
2,done,2026-01-16T09:00:00Z,1,,alice,2026-01-15T10:00:00Z,45
5,open,2026-01-19T09:00:00Z,2,2,,," "done records who and when; the next occurrence is made"
is_err_like "task 2 recurs: next is task 5" "says so"
run crm-task "done" 5 -f csv --fields id,due,occurrence
is_out "id,due,occurrence
5,2026-01-19T09:00:00Z,2
6,2026-01-23T09:00:00Z,3" "Monday -> Friday"
run crm-task "done" 6 -f csv --fields id
is_out "id
6" "COUNT reached: no next one"
run crm-task "done" 6
is_rc 65 "done twice is an error"
run crm-task "done" 99
is_rc 1 "done of a task that does not exist"
run crm-task add title=Daily due=2026-01-15T08:00 remind_at=2026-01-15T07:45 recurrence=daily
run crm-task "done" 7 -f csv --fields id,due,remind_at
is_out "id,due,remind_at
7,2026-01-15T08:00:00Z,2026-01-15T07:45:00Z
8,2026-01-16T08:00:00Z,2026-01-16T07:45:00Z" "the reminder moves with the due time"

run crm-task add title="Closed by update"
run crm-task update 9 status=done -f csv --fields id,status,completed_at,completed_by
is_out "id,status,completed_at,completed_by
9,done,2026-01-15T10:00:00Z,alice" "update status=done records who and when"

# agenda
run crm-activity log meeting --at 2026-01-17T14:00 ends_at=2026-01-17T15:00 attendees=bob place=HQ "Meet Bob"
run crm-activity log meeting --at 2026-01-18T14:00 owner=carol "Carol's review"
run crm-activity log meeting --at 2026-03-01T14:00 "Far away"
run crm-task agenda -f csv
is_rc 0 "agenda of the acting user"
is_out "start,end,type,id,title,user,status,priority,contact,account,place
2026-01-16T08:00:00Z,,task,8,Daily,alice,open,normal,,,
2026-01-17T14:00:00Z,2026-01-17T15:00:00Z,meeting,1,Meet Bob,alice,,,,,HQ" "tasks and meetings in time order, from today to +7d"
run crm-task agenda --user bob -f csv
is_out "start,end,type,id,title,user,status,priority,contact,account,place
2026-01-16T10:00:00Z,,task,1,Call Ann,bob,open,normal,Ann,Acme,
2026-01-17T14:00:00Z,2026-01-17T15:00:00Z,meeting,1,Meet Bob,alice,,,,,HQ" "an attendee sees the meeting"
run crm-task agenda --department support -f json
is_out '[
{"start":"2026-01-18T14:00:00Z","end":null,"type":"meeting","id":2,"title":"Carol'"'"'s review","user":"carol","status":null,"priority":null,"contact":null,"account":null,"place":null}
]' "agenda of a department as JSON"
run crm-task agenda --all --from 2026-01-01 --to 2026-04-01 -f csv
is_out_like "meeting,3,Far away" "agenda of everyone with --from --to"
run crm-task agenda --department nowhere
is_rc 65 "unknown department"
run crm-task agenda --user bob --all
is_rc 64 "--user and --all together"
run crm-task agenda --from someday
is_rc 65 "--from that does not parse"

# due: reminders for cron, never twice
run crm-task due --within 15m
is_rc 0 "due"
is_out "2026-01-13T10:00:00Z task 3 for alice: Old one (due 2026-01-13T10:00:00Z)
2026-01-15T10:10:00Z task 1 for bob: Call Ann (due 2026-01-16T10:00:00Z)" "one line each"
run crm-task due --within 15m
[ ! -s "$T/out" ]
ok $? "never the same reminder twice"
run crm-task show 1 -f csv --fields reminded_at
is_out "reminded_at
2026-01-15T10:00:00Z" "records when it reminded"
run crm-task update 1 remind_at=2026-01-15T10:12
run crm-task due --within 15m -f csv
is_out "id,remind_at,due,assignee,title,priority
1,2026-01-15T10:12:00Z,2026-01-16T10:00:00Z,bob,Call Ann,normal" "a new reminder time reminds again"
run crm-task due --within 1d --user bob
[ ! -s "$T/out" ]
ok $? "--user"
run crm-task due --within soon
is_rc 65 "--within that does not parse"

# planned and spent time are stored for the workload report
run crm-task list --where 'assignee = "bob"' -f csv --fields assignee,estimate,spent
is_out "assignee,estimate,spent
bob,30," "estimate stored"
done_testing
