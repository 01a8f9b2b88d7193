#!/bin/bash
# The SLA of tickets with a fixed clock: targets in business hours across
# the evening, the weekend and holidays; time pending not counted; sla
# --breached / --at-risk by remaining time; escalate once per breach; the
# calendar and policy verbs.  2026-01-15 is a Thursday; the default calendar
# is Monday to Friday 09:00-17:00 (TZ=UTC here).
. "$(dirname "$0")/lib.sh"

run crm init
run crm user add name=bob
run crm user add name=ann
run crm user add name=boss
run crm user update 1 manager=boss

run crm-ticket calendar
is_out "$(printf 'kind,day,from,to,name\nhours,mon,09:00,17:00,\nhours,tue,09:00,17:00,\nhours,wed,09:00,17:00,\nhours,thu,09:00,17:00,\nhours,fri,09:00,17:00,')" \
    "the default calendar: Monday to Friday, 9 to 5"
run crm-ticket policy -w "x = 1"
is_rc 0 "policy prints the policies"
run crm-ticket policy
is_out_like '^,normal,4h00m,24h00m,14400,86400,$' "the default normal policy: 4h response, 24h resolution"
is_out_like '^premium,urgent,0h30m,2h00m,1800,7200,$' "and a premium one"

# ---- targets in business time
run crm-ticket add subject=T1 --fields due_response,due_resolution
is_out "$(printf 'due_response,due_resolution\n2026-01-15T14:00:00Z,2026-01-20T10:00:00Z')" \
    "normal on Thursday 10:00: response 14:00, resolution 24 business hours later on Tuesday"
CRM_NOW=2026-01-16T16:00:00Z run crm-ticket add subject=T2 priority=high --fields due_response,due_resolution
is_out "$(printf 'due_response,due_resolution\n2026-01-19T10:00:00Z,2026-01-19T16:00:00Z')" \
    "high on Friday 16:00: over the weekend to Monday"
run crm-ticket calendar holiday 2026-01-19 'MLK Day'
is_rc 0 "add a holiday"
CRM_NOW=2026-01-16T16:00:00Z run crm-ticket add subject=T3 priority=high --fields due_response,due_resolution
is_out "$(printf 'due_response,due_resolution\n2026-01-20T10:00:00Z,2026-01-20T16:00:00Z')" \
    "with Monday a holiday: to Tuesday"
CRM_NOW=2026-01-17T12:00:00Z run crm-ticket add subject=T3b priority=urgent --fields due_response
is_out "$(printf 'due_response\n2026-01-20T10:00:00Z')" "created on a Saturday: counted from the next working morning"

# ---- pending stops the clock
run crm-ticket add subject=T5 priority=urgent --fields due_response,due_resolution
is_out "$(printf 'due_response,due_resolution\n2026-01-15T11:00:00Z,2026-01-15T14:00:00Z')" "urgent: 1h and 4h"
run crm-ticket reply 5 'Please send the log'
CRM_NOW=2026-01-15T12:00:00Z run crm-ticket status 5 pending --fields status,pending_since
is_out "$(printf 'status,pending_since\npending,2026-01-15T12:00:00Z')" "pending stops the clock"
CRM_NOW=2026-01-15T16:00:00Z run crm-ticket sla -w "id = 5"
is_out_like '^5,T-000005,T5,urgent,pending,,resolution,2026-01-15T14:00:00Z,2h00m,7200,stopped$' \
    "while pending the remaining time stands still (past the due time in real time)"
CRM_NOW=2026-01-16T12:00:00Z run crm-ticket status 5 open --fields stopped_s,pending_since,due_resolution
is_out "$(printf 'stopped_s,pending_since,due_resolution\n28800,,2026-01-16T14:00:00Z')" \
    "back from pending after 8 business hours: the target moves 8 business hours"
run crm-ticket history 5
is_out_like ',update,due_resolution,2026-01-15T14:00:00Z,2026-01-16T14:00:00Z$' "the move is in the history"
CRM_NOW=2026-01-16T17:30:00Z run crm-ticket status 5 pending
CRM_NOW=2026-01-19T08:00:00Z run crm-ticket status 5 open --fields stopped_s,due_resolution
is_out "$(printf 'stopped_s,due_resolution\n28800,2026-01-16T14:00:00Z')" \
    "pending over a weekend and a holiday morning moves nothing"

# ---- sla: by remaining time
CRM_NOW=2026-01-15T15:00:00Z run crm-ticket sla
is_out "$(printf '%s\n' 'id,number,subject,priority,status,assignee,target,due,remaining,remaining_s,state' \
    '1,T-000001,T1,normal,new,,response,2026-01-15T14:00:00Z,-1h00m,-3600,breached' \
    '5,T-000005,T5,urgent,open,,resolution,2026-01-16T14:00:00Z,7h00m,25200,running' \
    '2,T-000002,T2,high,new,,response,2026-01-19T10:00:00Z,10h00m,36000,running' \
    '3,T-000003,T3,high,new,,response,2026-01-20T10:00:00Z,11h00m,39600,running' \
    '4,T-000004,T3b,urgent,new,,response,2026-01-20T10:00:00Z,11h00m,39600,running')" \
    "sla lists the open tickets by remaining business time (the holiday does not count)"
CRM_NOW=2026-01-16T13:00:00Z run crm-ticket sla --breached
is_out "$(printf 'id,number,subject,priority,status,assignee,target,due,remaining,remaining_s,state\n1,T-000001,T1,normal,new,,response,2026-01-15T14:00:00Z,-7h00m,-25200,breached')" \
    "--breached: past a target"
CRM_NOW=2026-01-16T13:00:00Z run crm-ticket sla --at-risk 2h --fields x
is_rc 64 "sla has fixed columns"
CRM_NOW=2026-01-16T13:00:00Z run crm-ticket sla --at-risk 2h
is_out "$(printf 'id,number,subject,priority,status,assignee,target,due,remaining,remaining_s,state\n5,T-000005,T5,urgent,open,,resolution,2026-01-16T14:00:00Z,1h00m,3600,at-risk')" \
    "--at-risk 2h: at most two business hours left"
CRM_NOW=2026-01-16T16:00:00Z run crm-ticket sla --at-risk 2h --breached -f json
jq -r '.[] | "\(.number) \(.remaining) \(.state)"' "$T/out" >"$T/got"
printf '%s\n' 'T-000001 -10h00m breached' 'T-000005 -2h00m breached' 'T-000002 1h00m at-risk' \
    'T-000003 2h00m at-risk' 'T-000004 2h00m at-risk' >"$T/want"
cmp -s "$T/want" "$T/got"
ok $? "both: the breached, then those at risk, in JSON (the weekend and the holiday do not count)"
run crm-ticket sla --at-risk soon
is_rc 64 "a bad --at-risk is a usage error"
run crm-ticket sla --breached --limit 0
is_out "$(printf 'id,number,subject,priority,status,assignee,target,due,remaining,remaining_s,state')" "--limit"

# ---- escalate: by rules, once per breach
run crm-ticket policy high 2h 8h --escalate-to ann
is_out_like '^,high,2h00m,8h00m,7200,28800,ann$' "policy sets who gets the breached high tickets"
run crm-ticket policy high 2h 8h --escalate-to nobody
is_rc 65 "--escalate-to must be a user"
run crm-ticket policy high 9h 8h
is_rc 65 "a resolution shorter than the response is refused"
run crm-ticket policy urgent 1h 4h --level gold
is_rc 65 "an unknown level is refused"
run crm-ticket assign 5 --to bob
CRM_NOW=2026-01-16T13:00:00Z run crm-ticket escalate
is_out "$(printf 'id,number,target,due,action,reason\n1,T-000001,response,2026-01-15T14:00:00Z,priority normal -> high; assignee (none) -> ann,response due 2026-01-15T14:00:00Z breached (7h00m business time late)')" \
    "escalate raises the priority and hands it to the policy's user, saying why"
is_err_like "1 ticket escalated" "and counts"
CRM_NOW=2026-01-16T13:30:00Z run crm-ticket escalate
is_out "$(printf 'id,number,target,due,action,reason')" "a second run does nothing more"
is_err_like "0 tickets escalated" "and says so"
CRM_NOW=2026-01-16T13:30:00Z run crm-ticket sla --breached
is_out_like "^1,T-000001,.*,breached$" "though the ticket is still breached"
run crm-ticket show 1 --fields priority,assignee
is_out "$(printf 'priority,assignee\nhigh,ann')" "the ticket was escalated once"
run crm-ticket show 1 -f json
is_out_like '"reason":"escalated: response due 2026-01-15T14:00:00Z breached' "the reassignment records why"
is_out_like '"author":"crm-ticket escalate","visibility":"internal","body":"escalated \(priority normal -> high' \
    "and an internal note says what was done"
CRM_NOW=2026-01-16T16:00:00Z run crm-ticket escalate
is_out_like '^5,T-000005,resolution,2026-01-16T14:00:00Z,assignee bob -> boss,' \
    "an urgent ticket goes to the assignee's manager"
CRM_NOW=2026-01-16T16:00:00Z run crm-ticket escalate
is_out "$(printf 'id,number,target,due,action,reason')" "and only once"
run crm sql "SELECT count(*) FROM ticket_escalation"
is_out "$(printf 'count(*)\n2')" "each escalation is recorded once"

# ---- calendar changes
run crm-ticket calendar hours sat 10:00-14:00
run crm-ticket calendar hours mon-fri 09:00-12:00 13:00-17:00
run crm-ticket calendar
is_out_like '^hours,sat,10:00,14:00,$' "Saturday hours"
is_out_like '^hours,mon,13:00,17:00,$' "a lunch break: two ranges a day"
is_out_like '^holiday,2026-01-19,,,MLK Day$' "the holiday"
CRM_NOW=2026-01-16T16:00:00Z run crm-ticket add subject=T6 priority=urgent --fields due_response,due_resolution
is_out "$(printf 'due_response,due_resolution\n2026-01-16T17:00:00Z,2026-01-17T13:00:00Z')" \
    "urgent on Friday 16:00: resolution 4h is Friday 1h and Saturday 10:00-13:00"
run crm-ticket calendar workday 2026-01-19
run crm-ticket calendar hours sat closed
run crm-ticket calendar
is_out_like "^hours,fri,13:00,17:00,$" "closed removes a day's hours"
run crm-ticket calendar hours funday 09:00-17:00
is_rc 64 "an unknown day is a usage error"
run crm-ticket calendar hours mon 17:00-09:00
is_rc 65 "an empty range is refused"
run crm-ticket calendar hours mon 09:00-12:00 11:00-13:00
is_rc 65 "overlapping ranges are refused"
run crm-ticket calendar holiday someday
is_rc 65 "a bad date is refused"
done_testing
