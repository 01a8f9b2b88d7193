#!/bin/bash
# Duplicates: dupes (blocking, scores, reasons, clusters), merge, unmerge,
# the duplicate warning of add and import, and --key upserts on normalised keys.
. "$(dirname "$0")/lib.sh"

run crm init
is_rc 0 "init"

run crm-account add 'name=Acme LLC' website=https://www.acme.com/ phone='+380 44 000-00-01'
run crm-account add 'name=ACME, Inc.' website=http://acme.com/about
run crm-account add 'name=Globex' website=globex.example
[ -s "$T/err" ]
ok $((1 - $?)) "no warning for a record like no other"
run crm-contact add first_name=Иван last_name=Иванов 'phone=+380 44 123-45-67' account=1
run crm-contact add first_name=Ivan last_name=Ivanov email=ivan@x.com
run crm-contact add first_name=Ann last_name=Müller email=ANN@x.com phone=380441234568 tags=a
run crm-contact add first_name=ann last_name=müller tags=vip notes=hello
is_err_like "contact 4 is likely a duplicate of contact 3 \(Ann Müller\): score 40: same name ignoring case and accents" \
    "add warns about the same name"
run crm-contact add first_name=Jon last_name=Smithson account=1
run crm-contact add first_name=John last_name=Smithson account=1 title=CEO
is_rc 0 "add of a likely duplicate succeeds"
is_err_like "contact 6 is likely a duplicate of contact 5 \(Jon Smithson\): score 50: name distance 1 \+ same account" \
    "add warns about a likely duplicate with the other id"
run crm-contact add first_name=Bob last_name=Stone email=bob@y.com 'mobile=+380 44 123 45 67'
is_err_like "contact 7 is likely a duplicate of contact 1 .*same phone" "a mobile equal to a phone is a duplicate"

run crm-contact dupes -f csv
is_rc 0 "dupes"
is_out 'score,keep,dup,keep_name,dup_name,reasons
50,1,7,Иван Иванов,Bob Stone,same phone after E.164 normalisation
50,5,6,Jon Smithson,John Smithson,name distance 1 + same account' "pairs with score and reasons, best first"

run crm-contact dupes -f csv --min-score 30
is_out_like '^35,1,2,Иван Иванов,Ivan Ivanov,same name after transliteration$' "Иванов ≈ Ivanov is a candidate below the default threshold"
is_out_like '^40,3,4,Ann Müller,ann müller,same name ignoring case and accents$' "case and accents are ignored"

run crm-contact dupes -f csv --by name --min-score 0
is_rc 0 "--by name"
if grep -q 'same phone' "$T/out"; then ok 1 "--by name ignores phones"; else ok 0 "--by name ignores phones"; fi

run crm-contact dupes -f json --by phone
is_rc 0 "dupes as JSON"
cp "$T/out" pairs.json
run jq -r '.[0] | "\(.score) \(.keep) \(.dup)"' pairs.json
is_out "50 1 7" "JSON is typed (score and ids are numbers)"
run crm-contact dupes -f json --by phone
jq -e '.[0].score == 50' "$T/out" >/dev/null
ok $? "score is a JSON number"

run crm-contact dupes --clusters -f csv --min-score 30
is_rc 0 "clusters"
is_out_like '^1,2,Ivan Ivanov,35,' "a cluster is named by its oldest record"
is_out_like '^1,7,Bob Stone,50,' "every member of the cluster is listed"

run crm-contact dupes -f csv --min-score 30 -w "account = 1"
is_out 'score,keep,dup,keep_name,dup_name,reasons
50,5,6,Jon Smithson,John Smithson,name distance 1 + same account' "--where limits the records compared"

run crm-contact dupes --min-score 101
is_rc 64 "--min-score above 100 is a usage error"
run crm-contact dupes --by colour
is_rc 64 "an unknown rule is a usage error"
is_err_like "unknown rule 'colour'" "the message names it"

run crm-account dupes -f csv
is_rc 0 "account dupes"
is_out_like '^100,1,2,Acme LLC,"ACME, Inc.","same website domain; same name ignoring case, accents and legal form"$' \
    "accounts: website domain and name without legal form"

# merge: fill empty fields, unite tags, move related records.
run crm-contact merge 3 4 -f csv --fields id,first_name,tags,notes
is_rc 0 "merge"
is_out 'id,first_name,tags,notes
3,Ann,a;vip,hello' "empty fields filled from the duplicate, tags united"
is_err_like "merged 1 contact record: 2 fields filled" "merge says what it did"
run crm-contact show 4
is_rc 1 "the duplicate is gone"
run crm-contact history 3 -f csv --fields action
is_out_like '^[0-9]+,.*,merge,,,"\{""dup"":4\}"$' "the history records the merge"

run crm-contact unmerge 4 -f csv --fields id,first_name,tags,notes
is_rc 0 "unmerge"
is_out 'id,first_name,tags,notes
4,ann,vip,hello' "unmerge brings the duplicate back with its id"
run crm-contact show 3 -f csv --fields id,tags,notes
is_out 'id,tags,notes
3,a,' "unmerge reverts the kept record"
run crm-contact unmerge 4
is_rc 1 "a second unmerge finds nothing"

# --prefer newest takes the duplicate's values when it changed last.
run crm-contact merge 5 6 --prefer newest -f csv --fields id,first_name,title
is_out 'id,first_name,title
5,Jon,CEO' "--prefer newest (same stamps): the kept values stay"
run crm-contact unmerge 6
CRM_NOW=2026-02-01T00:00:00Z run crm-contact update 6 title=CTO
run crm-contact merge 5 6 --prefer newest -f csv --fields id,first_name,title
is_out 'id,first_name,title
5,John,CTO' "--prefer newest: the newer duplicate's values win"
run crm-contact unmerge 6
run crm-contact add first_name=Kim last_name=Park title=Intern
kim=$(tail -1 "$T/out" | cut -d, -f1)
run crm-contact add first_name=Kim last_name=Park title=Analyst
d1=$(tail -1 "$T/out" | cut -d, -f1)
CRM_NOW=2026-02-01T00:00:00Z run crm-contact add first_name=Kim last_name=Park title=Manager
d2=$(tail -1 "$T/out" | cut -d, -f1)
CRM_NOW=2026-03-01T00:00:00Z run crm-contact merge "$kim" "$d1" "$d2" --prefer newest -f csv --fields title
is_out 'title
Manager' "--prefer newest compares with the kept record as it was before this merge"
run crm-contact merge 5 6 --prefer sideways
is_rc 64 "--prefer takes keep, newest or oldest"

# Accounts: the contacts of the duplicate move to the kept account, and back.
run crm-contact update 1 account=2
run crm-account merge 1 2 -f csv --fields id,name,website
is_rc 0 "account merge"
is_err_like "1 related record moved" "related records are moved"
run crm-contact show 1 -f csv --fields id,account
is_out 'id,account
1,1' "the contact now refers to the kept account"
run crm-account unmerge 2 -f csv --fields id,name
is_out 'id,name
2,"ACME, Inc."' "account unmerge"
run crm-contact show 1 -f csv --fields id,account
is_out 'id,account
1,2' "the contact is moved back"

# merge from a pipe of dupes output; chains resolve to the oldest record.
run crm-contact add first_name=Bobby last_name=Stone email=bobby@y.com 'mobile=+380441234567'
printf 'score,keep,dup\n50,1,7\n60,7,8\n' >pairs.csv
runin pairs.csv crm-contact merge - -f csv --fields id
is_rc 0 "merge - reads pairs"
is_out 'id
1' "a chain ends in one kept record"
run crm-contact count
is_out 7 "two duplicates merged"
printf 'cluster,id\n5,5\n5,6\n' >cl.csv
runin cl.csv crm-contact merge - -f csv --fields id
is_out 'id
5' "merge - reads clusters"
printf 'a,b\n1,2\n' >bad.csv
runin bad.csv crm-contact merge -
is_rc 65 "other input is refused"
is_err_like "expected the columns keep,dup" "with a reason"
run crm-contact merge 1 1
is_rc 64 "a record cannot be merged into itself"
run crm-contact merge 1 999
is_rc 1 "a missing duplicate"

# --key upserts compare normalised keys.
printf 'email,first_name\nANN@X.COM,Anna\n' >k.csv
run crm-contact import --key email k.csv
is_err_like "0 inserted, 1 updated" "--key email matches ignoring case"
export CRM_COUNTRY=UA
printf 'phone,title\n380441234567,Boss\n' >p.csv
run crm-contact import --key phone p.csv
is_err_like "0 inserted, 1 updated" "--key phone matches after E.164 normalisation"
run crm-contact show 1 -f csv --fields title
is_out 'title
Boss' "the matching record was updated"
unset CRM_COUNTRY

# import warns about likely duplicates.
printf 'first_name,last_name,email\nAnna,Mueller,anna@z.com\nIvan,IVANOV,\n' >d.csv
run crm-contact import d.csv
is_rc 0 "import with a likely duplicate"
is_err_like "contact [0-9]+ is likely a duplicate of contact 2 \(Ivan Ivanov\)" "import warns too"
done_testing
