#!/bin/bash
# crm-ticket new-from-mail with real messages (tests/data/mail): the sender
# becomes the contact, [T-NNNNNN] in the subject makes a comment, an unknown
# number a new ticket (and says so), the same message twice is taken once,
# a malformed message writes nothing.
. "$(dirname "$0")/lib.sh"
M=$DATA/mail

run crm init
run crm-account add name=Acme
run crm-contact add email=ann@acme.example first_name=Ann account=Acme
run crm-ticket add subject='Printer jams' contact=ann@acme.example
run crm-ticket reply 1 'Please send the log.'
run crm-ticket status 1 pending

runin "$M/new-cyrillic.eml" crm-ticket new-from-mail -f json
is_rc 0 "a new request by mail"
jq -r '.[0] | [.number, .subject, .channel, .status, .contact] | @tsv' "$T/out" >"$T/got"
printf 'T-000002\tПринтер не друкує після оновлення\temail\tnew\t2\n' >"$T/want"
cmp -s "$T/want" "$T/got"
ok $? "a ticket with the decoded subject (RFC 2047, folded), channel email"
jq -r '.[0].description' "$T/out" >"$T/got"
printf 'Добрий день!\nПринтер HP LaserJet не друкує після оновлення драйвера.\nДякую,\nІван\n' >"$T/want"
cmp -s "$T/want" "$T/got"
ok $? "the quoted-printable UTF-8 text is the description"
is_err_like "new contact Ivan.Petrenko@example.ua \(id 2\)" "an unknown sender becomes a contact, and it says so"
run crm-contact show 2 --fields first_name,last_name,email,source
is_out "$(printf 'first_name,last_name,email,source\nІван,Петренко,Ivan.Petrenko@example.ua,email')" \
    "named from the encoded display name"

runin "$M/new-cyrillic.eml" crm-ticket new-from-mail --fields number
is_out "$(printf 'number\nT-000002')" "the same message again goes to the same ticket"
is_err_like "was taken in already" "and is not taken in twice"
run crm-ticket count
is_out 2 "no second ticket"

runin "$M/reply-known.eml" crm-ticket new-from-mail --fields number,status,contact
is_out "$(printf 'number,status,contact\nT-000001,open,1')" \
    "a reply with [T-000001] is a comment on that ticket; pending becomes open"
is_err_like "a comment on T-000001 \(now open\)" "and says so"
run crm-ticket show 1 -f json
jq -c '.[0].comments[-1]' "$T/out" >"$T/got"
printf '%s\n' '{"at":"2026-01-15T10:00:00Z","author":"ann@acme.example","visibility":"public","body":"Here is the log you asked for.\n\n> Please send the log."}' >"$T/want"
cmp -s "$T/want" "$T/got"
ok $? "the text/plain part of a multipart/alternative is the comment, by the sender"
run crm-contact count
is_out 2 "a known sender is not added again"
run crm-ticket show 1 --fields first_response_at
is_out "$(printf 'first_response_at\n2026-01-15T10:00:00Z')" "a customer's mail is no first response"

runin "$M/reply-unknown.eml" crm-ticket new-from-mail --fields number,subject,contact
is_out "$(printf 'number,subject,contact\nT-000003,Re: [T-000999] old issue,3')" \
    "an unknown ticket number makes a new ticket"
is_err_like "no ticket T-000999: making a new ticket" "and says so"
run crm-contact show 3 --fields first_name,last_name
is_out "$(printf 'first_name,last_name\nBob,Smith')" "the name from an address comment"

runin "$M/koi8r-base64.eml" crm-ticket new-from-mail --fields subject,description,contact,account
is_out "$(printf 'subject,description,contact,account\nСчёт не пришёл,Счёт за январь не пришёл.,1,1')" \
    "KOI8-R base64 text; the contact's account"

run crm-ticket resolve 1 --solution 'new roller'
sed 's/reply-1@/reply-2@/' "$M/reply-known.eml" >again.eml
runin again.eml crm-ticket new-from-mail --fields status
is_out "$(printf 'status\nreopened')" "a customer's mail to a resolved ticket reopens it"
run crm-ticket close 1
sed 's/reply-1@/reply-3@/' "$M/reply-known.eml" >closed.eml
runin closed.eml crm-ticket new-from-mail --fields status
is_out "$(printf 'status\nclosed')" "a closed ticket stays closed"
is_err_like "it is closed: reopen it with crm-ticket reopen" "and the message says what to do"

# ---- bad input: exit 65, nothing written
run crm-ticket count
tickets=$(cat "$T/out")
run crm sql "SELECT count(*) FROM history"
changes=$(cat "$T/out")
runin "$M/malformed.eml" crm-ticket new-from-mail
is_rc 65 "a malformed message is refused"
is_err_like "stdin: line 3: not a header field" "with its line"
runin "$M/no-from.eml" crm-ticket new-from-mail
is_rc 65 "a message without a sender is refused"
printf 'From: not an address\nSubject: x\n\nbody\n' >bad-from.eml
runin bad-from.eml crm-ticket new-from-mail
is_rc 65 "a sender that is no address is refused"
runin /dev/null crm-ticket new-from-mail
is_rc 65 "an empty message is refused"
printf 'From: a@b.example\nContent-Type: multipart/mixed\n\nx\n' >noboundary.eml
runin noboundary.eml crm-ticket new-from-mail
is_rc 65 "a multipart without a boundary is refused"
run crm-ticket count
is_out "$tickets" "no ticket was written"
run crm sql "SELECT count(*) FROM history"
is_out "$changes" "nothing was written at all"
run crm-ticket new-from-mail extra
is_rc 64 "new-from-mail takes no arguments"
done_testing
