#!/bin/bash
# crm-campaign: the entity, members with their status log, responses, and
# mailing lists with every exclusion reason (alone and combined), the
# frequency cap over time and an idempotent --mark-sent; crm suppress.
. "$(dirname "$0")/lib.sh"

run crm init
run crm-campaign add name=Spring kind=email budget=1200.00 start_date=2026-03-01
is_rc 0 "add a campaign"
is_out_like ',1200.00,' "budget is money"
run crm-campaign add name=Bad start_date=2026-03-01 end_date=2026-02-01
is_rc 65 "an end before the start is refused"
run crm-campaign add name=Odd kind=fax
is_rc 65 "kind is an enum"
run crm-campaign list --fields name,kind,status,members
is_out "$(printf 'name,kind,status,members\nSpring,email,planned,0')" "list with defaults"

for n in a b c d e f g; do
    run crm-contact add first_name="$n" last_name=X email="$n@ex.com"
done
run crm-contact list -f csv
cp "$T/out" "$T/list.csv"
runin "$T/list.csv" crm-campaign members add Spring -
is_rc 0 "members add from a list output on stdin"
is_err_like '7 added' "members add counts"
runin "$T/list.csv" crm-campaign members add Spring -
is_err_like '0 added, 7 already' "members add twice adds nobody twice"
run crm-campaign members add Spring 1 99
is_rc 65 "a contact that does not exist"
is_err_like 'contact 99 .*does not exist: nothing added' "the error names it"
run crm-campaign members list Spring --fields id
run crm-campaign members list Spring -f csv
is_out_like '1,a,X,a@ex.com,targeted,' "members list shows status"
run crm-campaign members list Nope
is_rc 1 "an unknown campaign"
run crm-campaign members list Spring --status wrong
is_rc 64 "an unknown member status"

# Each reason alone: one member per reason.
run crm-contact update 2 email_opt_out=true
run crm suppress add c@ex.com --reason complaint --source test
is_rc 0 "suppress an address"
run crm-contact update 4 email=d@spam.org
run crm suppress add @SPAM.org
is_rc 0 "suppress a domain"
run crm suppress add bad@
is_rc 65 "a malformed suppression entry"
printf 'email,status,time\ne@ex.com,bounced,2026-01-10T00:00:00Z\n' >"$T/resp.csv"
runin "$T/resp.csv" crm-campaign respond Spring -
is_rc 0 "respond records a bounce"
printf 'email,status\nzz@ex.com,opened\n' >"$T/bad.csv"
runin "$T/bad.csv" crm-campaign respond Spring -
is_rc 65 "a response for someone not in the campaign"
is_err_like 'stdin:2: zz@ex.com is not a member' "with line and reason"
printf 'email,status\na@ex.com,opened\nb@ex.com,exploded\n' >"$T/bad2.csv"
runin "$T/bad2.csv" crm-campaign respond Spring -
is_rc 65 "an unknown status"
run crm-campaign members list Spring --status opened --fields id
is_out "$(printf 'id,first_name,last_name,email,status,updated_at')" "nothing half-written"
h=$(printf '%s' f@ex.com | sha256sum | cut -d' ' -f1)
run crm sql --write "INSERT INTO crm_tombstone VALUES ('email','$h','contact','2026-01-01T00:00:00Z')"
run crm sql --write "UPDATE contact SET email='not an email' WHERE id=7"
run crm-contact add first_name=h email=h@ex.com
run crm sql --write "UPDATE contact SET email='A@EX.com', email_key=NULL WHERE id=8"
run crm-contact add first_name=i
run crm-campaign members add Spring 8 9

run crm-campaign mailing-list Spring -f csv --report --excluded "$T/ex.csv"
is_rc 0 "mailing-list"
is_out "$(printf 'email,first_name,last_name\na@ex.com,a,X')" "only the deliverable member"
for r in 'no_email 1' 'invalid 1' 'duplicate 1' 'email_opt_out 1' 'suppressed 2' \
    'bounced 1' 'erased 1' 'frequency_cap 0' 'recipients 1'; do
    is_err_like "$r" "report: $r"
done
ok "$(diff <(printf '%s\n' 'email,contact,reason' '"b@ex.com",2,email_opt_out' \
    '"c@ex.com",3,suppressed' '"d@spam.org",4,suppressed' '"e@ex.com",5,bounced' \
    '"f@ex.com",6,erased' '"not an email",7,invalid' '"A@EX.com",8,duplicate' \
    '"",9,no_email') "$T/ex.csv" >/dev/null; echo $?)" "--excluded names each address and reason"

# Combined: an opted-out, suppressed, bounced address counts once, for the first reason.
run crm-contact update 2 email=e2@spam.org
printf 'email,status\ne2@spam.org,bounced\n' >"$T/r2.csv"
runin "$T/r2.csv" crm-campaign respond Spring -
run crm-campaign mailing-list Spring -f csv --report
is_err_like 'email_opt_out 1' "combined reasons: counted once, the first"
is_err_like 'suppressed 2' "combined reasons: not counted again"

# Suppress filter works on lists made elsewhere.
printf 'email,name\nx@ok.com,X\nc@ex.com,C\nz@spam.org,Z\nf@ex.com,F\n' >"$T/ext.csv"
runin "$T/ext.csv" crm suppress filter
is_out "$(printf 'email,name\nx@ok.com,X')" "filter keeps only deliverable lines"
printf 'value,reason\nq@ex.com,manual\n@junk.net,\n' >"$T/imp.csv"
runin "$T/imp.csv" crm suppress import -
is_rc 0 "suppress import"
printf 'value\nok@ex.com\nnot-an-address\n' >"$T/imp2.csv"
runin "$T/imp2.csv" crm suppress import -
is_rc 65 "import of a malformed entry"
is_err_like 'stdin:3: .not-an-address. is no valid' "with line and reason"
run crm suppress list --fields value
run crm suppress list -f csv
ok "$(grep -c 'ok@ex.com' "$T/out")" "nothing half-imported"
run crm suppress remove @junk.net
is_rc 0 "suppress remove"
run crm suppress remove @junk.net
is_rc 1 "remove what is not there"

# Frequency cap over time with a fixed clock, and idempotent --mark-sent.
for c in C1 C2 C3; do
    run crm-campaign add name="$c"
    run crm-campaign members add "$c" 1
done
CRM_NOW=2025-12-01T00:00:00Z run crm-campaign mailing-list C1 --mark-sent -f csv
run crm-campaign mailing-list C2 --mark-sent -f csv --report
is_err_like 'marked sent 1' "--mark-sent marks"
run crm-campaign mailing-list C2 --mark-sent -f csv --report
is_out "$(printf 'email,first_name,last_name\na@ex.com,a,X')" "the same list again"
is_err_like 'marked sent 0' "--mark-sent twice marks nobody twice"
run crm sql "SELECT count(*) FROM campaign_mailing WHERE campaign_id = 3"
is_out_like '^1$' "one mailing recorded"
run crm-campaign members log C2 -f csv
is_out_like 'sent,2026-01-15T10:00:00Z,mailing-list --mark-sent' "status change logged"
run crm-campaign mailing-list C3 --max-per 2/30d -f csv --report
is_err_like 'frequency_cap 0' "2/30d: the mailing of 45 days ago does not count"
run crm-campaign mailing-list C3 --max-per 1/30d -f csv --report
is_err_like 'frequency_cap 1' "1/30d: one mailing within 30 days caps"
CRM_NOW=2026-02-20T00:00:00Z run crm-campaign mailing-list C3 --max-per 1/30d -f csv --report
is_err_like 'frequency_cap 0' "a month later the cap is lifted"
run crm-campaign mailing-list C3 --max-per two
is_rc 64 "a bad --max-per"

# Unsubscribes and bounces from the mailing service go on the suppression list.
printf 'email,status,time\na@ex.com,unsubscribed,2026-01-14T08:00:00Z\n' >"$T/unsub.csv"
runin "$T/unsub.csv" crm-campaign respond C3 -
is_rc 0 "respond with an unsubscribe"
run crm suppress list -f csv
is_out_like '^a@ex.com,unsubscribed,campaign C3,2026-01-14T08:00:00Z$' "the address is suppressed, with its source"
run crm-campaign mailing-list C3 -f csv --report
is_err_like 'suppressed 1' "and no longer mailed"

# A mailing list of a segment instead of the members.
run crm segment add xs --entity contact -w "last_name = 'X'"
run crm-campaign mailing-list C3 --segment xs -f csv --report
is_rc 0 "mailing-list --segment"
is_err_like 'members 7' "the segment's contacts are the candidates"
run crm-campaign mailing-list C3 --segment nope
is_rc 64 "an unknown segment"

# Costs add up to actual_cost, each change in the history.
run crm-campaign cost add C3 1200.00 --note print -f csv --fields name,actual_cost
is_out "$(printf 'name,actual_cost\nC3,1200.00')" "cost add sets actual_cost"
run crm-campaign cost add C3 0.50 -f csv --fields actual_cost
is_out "$(printf 'actual_cost\n1200.50')" "costs add up"
run crm-campaign cost add C3 abc
is_rc 65 "a bad amount"
run crm-campaign cost add C3 0
is_rc 65 "a zero amount"
run crm-campaign cost list C3 -f csv
is_out "$(printf 'id,amount,note,at,user\n1,1200.00,print,2026-01-15T10:00:00Z,tester\n2,0.50,,2026-01-15T10:00:00Z,tester')" "cost list"

done_testing
