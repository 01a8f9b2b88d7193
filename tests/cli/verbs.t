#!/bin/bash
# The common verbs of crm-contact and crm-account: add, show, list, update,
# delete, restore, count, history; tags+= and tags-=; exit codes.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q

H='id,first_name,last_name,email,phone,mobile,title,department,account,account_name,owner,lead_status,source,street,city,region,postcode,country,birthday,score,do_not_call,email_opt_out,tags,notes,uid,vcard,created_at,updated_at'
S='2026-01-15T10:00:00Z,2026-01-15T10:00:00Z'

run crm-account add name=Acme industry=retail
is_rc 0 "account add"
is_out "id,name,type,industry,parent,parent_name,website,phone,email,street,city,region,postcode,country,owner,tags,notes,created_at,updated_at,contacts
1,Acme,customer,retail,,,,,,,,,,,tester,,,$S,[]" "account add prints the created record with defaults (type, owner)"

run crm-contact add first_name=Ann last_name=Smith email=ann@x.com account=Acme tags=vip,new score=5
is_rc 0 "contact add"
is_out "$H
1,Ann,Smith,ann@x.com,,,,,1,Acme,tester,new,,,,,,,,5,false,false,new;vip,,,,$S" "add prints the created record; account by name; tags sorted"

run crm-contact add first_name=Bob email=bob@x.com city=Kyiv
is_rc 0 "second contact"
run crm-contact add last_name=Cole email=cy@x.com city=Lviv score=70 lead_status=qualified
is_rc 0 "third contact"

run crm-contact add city=Kyiv
is_rc 65 "a contact without a name or email is refused"
run crm-account add industry=retail
is_rc 65 "an account without a name is refused"
is_err_like "name" "the message names the required field"
run crm-contact add
is_rc 64 "add without FIELD=VALUE is a usage error"
run crm-contact add first_name
is_rc 64 "an argument without = is a usage error"
is_err_like "FIELD=VALUE" "the message shows the expected form"
run crm-contact add id=5 email=z@x.com
is_rc 64 "id is read-only"
run crm-contact add account_name=X email=z@x.com
is_rc 64 "a derived field cannot be set"

run crm-contact show 1
is_rc 0 "show 1"
is_out "$H
1,Ann,Smith,ann@x.com,,,,,1,Acme,tester,new,,,,,,,,5,false,false,new;vip,,,,$S" "show prints every field"
run crm-contact show 3 1 --fields id,email
is_out "id,email
3,cy@x.com
1,ann@x.com" "show prints records in the order asked"
run crm-contact show 999
is_rc 1 "show of a missing id exits 1"
is_err_like "^crm-contact: show: no contact with id 999$" "and names the id"
run crm-contact show 1 999 --fields id
is_rc 1 "show of one good and one missing id exits 1"
is_out_like "^1$" "the found record is still printed"
run crm-contact show abc
is_rc 64 "show of a non-numeric id is a usage error"
run crm-contact show
is_rc 64 "show without an id is a usage error"

run crm-contact list --fields id,first_name,last_name
is_rc 0 "list"
is_out "id,first_name,last_name
1,Ann,Smith
2,Bob,
3,,Cole" "list prints every record in id order"
run crm-contact list
is_out "id,first_name,last_name,email,phone,account,account_name,lead_status,city,tags
1,Ann,Smith,ann@x.com,,1,Acme,new,,new;vip
2,Bob,,bob@x.com,,,,new,Kyiv,
3,,Cole,cy@x.com,,,,qualified,Lviv," "list prints the default columns"
run crm-contact list --sort -id --limit 2 --fields id
is_out "id
3
2" "--sort -id --limit 2"
run crm-contact list --sort city,-id --fields id,city
is_out "id,city
1,
2,Kyiv
3,Lviv" "--sort on several fields (empty first)"
run crm-contact list -w "city = 'Nowhere'"
is_rc 0 "an empty list is a success"
is_out "id,first_name,last_name,email,phone,account,account_name,lead_status,city,tags" "an empty list prints just the header"
run crm-contact list --limit x
is_rc 64 "--limit x is a usage error"
run crm-contact list --sort nosuch
is_rc 64 "--sort on an unknown field is a usage error"
is_err_like "nosuch" "the message names it"
run crm-contact list --fields id,nosuch
is_rc 64 "--fields with an unknown field is a usage error"
is_err_like "nosuch" "the message names it"

run crm-contact count
is_out "3" "count"
run crm-contact count -w "city = 'Kyiv'"
is_out "1" "count --where"
run crm-contact count -w "city is not null" -w "score > 50"
is_out "1" "several --where are joined with and"

run crm-contact update 2 last_name=Brown city=Odesa
is_rc 0 "update"
run crm-contact show 2 --fields id,last_name,city
is_out "id,last_name,city
2,Brown,Odesa" "update changed the fields"
run crm-contact update 2 city=
is_rc 0 "FIELD= clears a field"
run crm-contact show 2 --fields city -f json
is_out '[
{"city":null}
]' "a cleared field is null"
run crm-contact update 1 'tags+=hot'
is_rc 0 "tags+="
run crm-contact show 1 --fields tags
is_out "tags
hot;new;vip" "tags+= adds one tag"
run crm-contact update 1 'tags-=new'
run crm-contact show 1 --fields tags
is_out "tags
hot;vip" "tags-= removes one tag"
run crm-contact update 1 'tags+=vip'
run crm-contact show 1 --fields tags
is_out "tags
hot;vip" "tags+= of a present tag changes nothing"
run crm-contact update 1 'tags-=absent'
is_rc 0 "tags-= of an absent tag is fine"
run crm-contact update 1 2 lead_status=contacted
is_rc 0 "update of several ids"
run crm-contact list -w "lead_status = 'contacted'" --fields id
is_out "id
1
2" "both were changed"
run crm-contact update 999 city=X
is_rc 1 "update of a missing id exits 1"
run crm-contact update 1 'city+=x'
is_rc 64 "+= on a field that is no tag list is a usage error"
run crm-contact update 1 email=cy@x.com
is_rc 65 "update to a duplicate email is refused"
run crm-contact update 1 score=abc
is_rc 65 "update with an invalid value exits 65"
run crm-contact update 1 3 score=abc
run crm-contact list --fields id,score
is_out "id,score
1,5
2,
3,70" "a failed update changes nothing"

run crm-contact history 2
is_rc 0 "history"
is_out "seq,at,user,entity,id,action,field,old,new
3,2026-01-15T10:00:00Z,tester,contact,2,insert,,,\"{\"\"id\"\":\"\"2\"\",\"\"first_name\"\":\"\"Bob\"\",\"\"email\"\":\"\"bob@x.com\"\",\"\"owner\"\":\"\"tester\"\",\"\"lead_status\"\":\"\"new\"\",\"\"city\"\":\"\"Kyiv\"\",\"\"do_not_call\"\":\"\"false\"\",\"\"email_opt_out\"\":\"\"false\"\",\"\"created_at\"\":\"\"2026-01-15T10:00:00Z\"\",\"\"updated_at\"\":\"\"2026-01-15T10:00:00Z\"\"}\"
5,2026-01-15T10:00:00Z,tester,contact,2,update,last_name,,Brown
6,2026-01-15T10:00:00Z,tester,contact,2,update,city,Kyiv,Odesa
7,2026-01-15T10:00:00Z,tester,contact,2,update,city,Odesa,
11,2026-01-15T10:00:00Z,tester,contact,2,update,lead_status,new,contacted" "history lists every change: when, who, field, old, new"
CRM_USER=alice run crm-contact update 2 city=Rivne
run crm-contact history 2 -f jsonl
cp "$T/out" "$T/hist.jsonl"
run jq -r 'select(.field == "city" and .new == "Rivne") | .user' "$T/hist.jsonl"
is_out "alice" "history records \$CRM_USER"
run crm-contact history 999
is_rc 1 "history of an id that never existed exits 1"
is_err_like "no contact with id 999" "and names it"

run crm-contact delete 3
is_rc 0 "delete"
is_err_like "deleted 1" "delete says what it did"
run crm-contact show 3
is_rc 1 "a deleted record is gone"
run crm-contact count
is_out "2" "count after delete"
run crm-contact delete 3
is_rc 1 "delete of a missing id exits 1"
run crm-contact delete 1 -q
is_rc 0 "delete -q"
[ ! -s "$T/err" ]
ok $? "-q keeps stderr quiet"
run crm-contact restore 3 1
is_rc 0 "restore"
run crm-contact list --fields id,last_name,email,score
is_out "id,last_name,email,score
1,Smith,ann@x.com,5
2,Brown,bob@x.com,
3,Cole,cy@x.com,70" "restore brings the records back with the same ids and values"
run crm-contact restore 2
is_rc 1 "restore of a record that is not deleted exits 1"
run crm-contact restore 42
is_rc 1 "restore of an id that never existed exits 1"

# Account verbs.
run crm-account add name=Acme
is_rc 65 "a duplicate account name is refused"
is_err_like "Acme" "the message names it"
run crm-account update 1 type=partner 'tags+=key'
is_rc 0 "account update"
run crm-account list --fields id,name,type,tags
is_out "id,name,type,tags
1,Acme,partner,key" "account list"
run crm-account update 1 type=friend
is_rc 65 "an invalid enum value is refused"
is_err_like "allowed: customer, prospect" "the message lists the allowed values"
run crm-account count
is_out "1" "account count"
done_testing
