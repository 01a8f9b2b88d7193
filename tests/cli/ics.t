#!/bin/bash
# crm-task export -f ics: RFC 5545, checked by a real parser (python3-icalendar).
. "$(dirname "$0")/lib.sh"
export CRM_USER=alice
PY=/usr/bin/python3

run crm init
run crm user add name=alice department=sales
run crm user add name=bob department=sales
run crm-contact add first_name=Ann email=ann@x.com
run crm-task add title="Call Ann, then; write\\back" due=2026-01-16T10:00 remind_at=2026-01-16T09:45 priority=high contact=ann@x.com tags='x;y'
run crm-task add title="Weekly report" due=2026-01-16T09:00 recurrence='FREQ=WEEKLY;BYDAY=MO,FR;COUNT=3'
run crm-task "done" 2
long="Notes: Привіт, як справи? Це дуже довгий рядок тексту українською мовою для перевірки згортання рядків на 75 октетах"
run crm-task add title="Long one" assignee=bob "notes=$long
second line"
run crm-activity log meeting --at 2026-01-17T14:00 ends_at=2026-01-17T15:00 place="Room 1, HQ" attendees=bob "Kickoff"
run crm-activity log meeting --at 2026-01-18T14:00 duration=30 owner=bob "Review"

run crm-task export -f ics
is_rc 0 "export -f ics"
cp "$T/out" "$T/cal.ics"

$PY - "$T/cal.ics" "$long" >"$T/check" 2>&1 <<'PYEOF'
import sys, datetime, icalendar
raw = open(sys.argv[1], 'rb').read()
long = sys.argv[2]
def check(cond, what):
    print(('ok' if cond else 'FAIL') + ' ' + what)
lines = raw.split(b'\r\n')
check(raw.endswith(b'\r\n'), 'ends with CRLF')
check(b'\n' not in raw.replace(b'\r\n', b''), 'every line ends with CRLF')
check(max(len(l) for l in lines) <= 75, 'lines folded at 75 octets (longest %d)' % max(len(l) for l in lines))
for l in lines:
    try:
        l.decode('utf-8')
    except UnicodeDecodeError:
        check(False, 'folding kept UTF-8 characters whole')
        break
cal = icalendar.Calendar.from_ical(raw)
check(cal['VERSION'] == '2.0' and 'PRODID' in cal, 'VERSION and PRODID')
todos = [c for c in cal.walk('VTODO')]
events = [c for c in cal.walk('VEVENT')]
check(len(todos) == 4 and len(events) == 2, '4 VTODO and 2 VEVENT (%d, %d)' % (len(todos), len(events)))
t1 = todos[0]
check(str(t1['SUMMARY']) == 'Call Ann, then; write\\back', 'text escaped and read back: %r' % str(t1['SUMMARY']))
check(t1.decoded('DUE') == datetime.datetime(2026, 1, 16, 10, 0, tzinfo=datetime.timezone.utc), 'DUE in UTC')
check(t1.decoded('DTSTAMP').tzinfo is not None, 'DTSTAMP in UTC')
check(int(t1['PRIORITY']) == 3 and t1['STATUS'] == 'NEEDS-ACTION', 'priority and status')
check(t1['CATEGORIES'].cats == ['x', 'y'], 'tags as CATEGORIES')
alarm = t1.subcomponents[0]
check(alarm.name == 'VALARM' and alarm.decoded('TRIGGER') == datetime.datetime(2026, 1, 16, 9, 45, tzinfo=datetime.timezone.utc), 'reminder as VALARM')
done = todos[1]
check(done['STATUS'] == 'COMPLETED' and 'RRULE' not in done, 'done task: COMPLETED, no rule')
nxt = todos[2]
check(str(nxt.get('RRULE').to_ical(), 'ascii') == 'FREQ=WEEKLY;COUNT=2;BYDAY=MO,FR', 'open occurrence: RRULE with the occurrences left (%s)' % nxt.get('RRULE').to_ical())
check(str(todos[3]['DESCRIPTION']).startswith(long + '\nsecond line'), 'long UTF-8 text unfolded intact')
e1 = events[0]
check(str(e1['LOCATION']) == 'Room 1, HQ' and e1.decoded('DTEND') - e1.decoded('DTSTART') == datetime.timedelta(hours=1), 'meeting: location and end')
check(events[1].decoded('DURATION') == datetime.timedelta(minutes=30), 'meeting without end: DURATION')
uids = [str(c['UID']) for c in todos + events]
check(len(set(uids)) == len(uids), 'UIDs unique')
print('UIDS ' + ' '.join(uids))
PYEOF
while read -r res what; do
    [ "$res" = UIDS ] && { uids1="$what"; continue; }
    [ "$res" = ok ]
    ok $? "ics: $what"
done <"$T/check"
grep -q '^ok VERSION and PRODID' "$T/check"
ok $? "the parser read the calendar: $(grep -m1 -E 'Error|Traceback' "$T/check")"

run crm-task export -f ics
$PY -c 'import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
print(" ".join(str(c["UID"]) for c in cal.walk() if c.name in ("VTODO", "VEVENT")))' "$T/out" >"$T/uids2"
[ "$(cat "$T/uids2")" = "$uids1" ]
ok $? "UIDs stable across exports"

run crm-task export -f ics --user bob
grep -c '^BEGIN:V\(TODO\|EVENT\)' "$T/out" >"$T/n"
is_out_like "SUMMARY:Long one" "--user bob: his task"
[ "$(cat "$T/n")" = 3 ]
ok $? "--user bob: his task, the meeting he attends and his own"

run crm-task export -f csv --fields id
is_out "id
1
2
3
4" "export without -f ics is the generic export"
run crm-task list -f ics
is_rc 64 "-f ics only where a verb writes it"
done_testing
