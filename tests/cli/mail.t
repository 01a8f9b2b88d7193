#!/bin/bash
# crm-activity import-mail: mbox, Maildir, stdin; RFC 2047 in UTF-8, KOI8-R
# and windows-1251; re-import adds nothing; malformed messages.
. "$(dirname "$0")/lib.sh"
export CRM_USER=alice
M="$DATA/mail"

run crm init
run crm user add name=alice email=alice@ours.example
run crm-account add name=Globex
run crm-contact add first_name=Ann email=ann@x.com
run crm-contact add first_name=Bob email=bob@globex.com account=Globex
run crm-contact add first_name=Petro email=petro@client.ua

run crm-activity import-mail "$M/sample.mbox"
is_rc 0 "import an mbox"
is_err_like "4 messages: 5 activities added, 0 already recorded, 1 matched no contact, 0 malformed skipped" "summary"
is_err_like "sample.mbox: message 3 <msg3@nowhere.example> \"Unrelated\" from stranger@nowhere.example: no contact matches" "unmatched message reported"

run crm-activity list -f csv --fields id,kind,occurred_at,subject,contact,account,direction,owner,message_id
is_out "id,kind,occurred_at,subject,contact,account,direction,owner,message_id
1,email,2026-01-15T08:00:00Z,\"Привіт, питання щодо договору\",1,,in,alice,msg1@x.com
2,email,2026-01-15T07:30:00Z,Счёт на оплату N42,3,,out,alice,msg2@ours.example
3,email,2026-01-15T07:30:00Z,Счёт на оплату N42,2,1,out,alice,msg2@ours.example
4,email,2026-01-15T07:30:00Z,Счёт на оплату N42,1,,out,alice,msg2@ours.example
5,email,2026-01-15T09:20:00Z,Заказ Re: order,2,1,in,alice,msg4@globex.com" \
    "UTF-8 (B), KOI8-R (Q, folded, two words) and windows-1251 subjects; dates in UTC; one activity per matched contact"

run crm-activity show 1 -f csv --fields body
is_out "body
\"Добрий день!
From the start of the line, this was escaped.
Anna\"" "body: >From unescaped"
run crm-activity show 2 -f csv --fields body
is_out "body
\"Привет, Анна!
Счёт во вложении.\"" "body: text/plain part of a multipart, base64 windows-1251"
run crm-activity show 5 -f csv --fields body
is_out "body
\"Спасибо за заказ, это очень длинная строка, которую нужно перенести с мягким переносом строки.\"" "body: quoted-printable KOI8-R with soft line breaks"

run crm-activity import-mail "$M/sample.mbox"
is_rc 0 "import the same mbox again"
is_err_like "0 activities added, 5 already recorded" "a re-import adds nothing"
run crm-activity count
is_out 5 "still 5"

run crm-activity import-mail "$M/maildir"
is_rc 0 "import a Maildir (cur and new)"
is_err_like "2 messages: 0 activities added, 2 already recorded" "the same messages, also with CRLF line ends"

run crm-activity timeline --account Globex -f csv --fields id
is_out "id
5
3" "imported mail in the account's timeline"

# Malformed messages: stop with file and message number, nothing written.
run crm init --db "$T/b.db"
run crm-contact add --db "$T/b.db" first_name=Ann email=ann@x.com
run crm-activity import-mail --db "$T/b.db" "$M/bad.mbox"
is_rc 65 "malformed message stops the import"
is_err_like "bad.mbox: message 2: header line 2 is not 'Name: value': 'This line is not a header'; nothing imported" "names file and message"
run crm-activity count --db "$T/b.db"
is_out 0 "nothing written"
run crm-activity import-mail --db "$T/b.db" --skip-bad "$M/bad.mbox"
is_rc 0 "--skip-bad"
is_err_like "message 3: Date: 'yesterday at noon' is not an RFC 5322 date \(skipped\)" "bad date reported"
is_err_like "4 messages: 1 activities added, 0 already recorded, 1 matched no contact, 2 malformed skipped" "the good ones imported"

# One message on stdin, as a mail filter passes it.
run crm init --db "$T/c.db"
run crm-contact add --db "$T/c.db" first_name=Petro email=PETRO@client.ua
runin "$M/single.eml" crm-activity import-mail --db "$T/c.db" --dry-run
is_err_like "1 messages: 1 activities would be added" "--dry-run"
run crm-activity count --db "$T/c.db"
is_out 0 "--dry-run writes nothing"
runin "$M/single.eml" crm-activity import-mail --db "$T/c.db"
is_rc 0 "one message on stdin"
run crm-activity list --db "$T/c.db" -f csv --fields contact,subject,owner
is_out "contact,subject,owner
1,Счёт на оплату N42,alice" "matched ignoring case; no user known: owner is \$CRM_USER"

run crm-activity import-mail "$T/nothing.mbox"
is_rc 66 "missing file"
mkdir "$T/notmaildir"
run crm-activity import-mail "$T/notmaildir"
is_rc 66 "a folder that is no Maildir"
is_err_like "not a Maildir" "says so"
done_testing
