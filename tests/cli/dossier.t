#!/bin/bash
# A person's data: dossier (right of access) and erase (right to erasure,
# with tombstones that keep imports from bringing the person back).
. "$(dirname "$0")/lib.sh"

run crm init
export CRM_COUNTRY=UA
run crm-account add name=Acme 'phone=044 000 00 01'
run crm-account add name='Acme Kyiv' parent=Acme
run crm-contact add first_name=Ann last_name=Lee email=ann@x.example 'phone=044 123 45 67' 'mobile=067 111 22 33' account=1
run crm-contact add first_name=ann last_name=lee tags=vip
run crm-contact add first_name=Bob last_name=Stone email=bob@x.example account=1
run crm-contact update 1 title=CEO
run crm-contact merge 1 2

run crm-contact dossier 1
is_rc 0 "dossier"
cp "$T/out" d.json
jq -e . d.json >/dev/null
ok $? "valid JSON"
run jq -r '[.entity, (.id|tostring), .record.email, .record.title, .record.tags, .refers_to.account.name] | join(" ")' d.json
is_out "contact 1 ann@x.example CEO vip Acme" "the record and the account it refers to"
run jq -r '[.history[].action] | join(",")' d.json
is_out "insert,update,update,merge" "the whole history"
run jq -r '.history[0].new.email' d.json
is_out "ann@x.example" "history values as JSON"
run jq -r '.merged_duplicates[0] | "\(.duplicate) \(.record.first_name)"' d.json
is_out "2 ann" "the duplicates merged into it"
run jq -c '[.related[] | length] | add // 0' d.json
is_out '0' "no record of another kind refers to this contact"
run crm-contact dossier 99
is_rc 1 "no such contact"

# The relations are the generic ones: an account's dossier lists its contacts.
run crm-account dossier 1
cp "$T/out" a.json
run jq -r '[.related.contact[].id] | join(",")' a.json
is_out "1,3" "every record that refers to it, found from the ref fields"
run jq -r '.related["account.parent"][0].name' a.json
is_out "Acme Kyiv" "including a ref field not named after the entity"
run jq -r '.related.contact[0].history[0].action' a.json
is_out "insert" "with their history"

run crm-contact erase 1 -f csv
is_rc 0 "erase"
is_out 'removed,count
contact records,1
history rows (every old value),7
links from other records (set to null),0
merge records,1
tombstones kept (hashed email and phone),3' "says what was removed"
run crm-contact show 1
is_rc 1 "the contact is gone"
run crm sql "select count(*) from history where entity = 'contact' and record_id in (1, 2) and action <> 'erase'"
is_out 'count(*)
0' "no history row of the person (or the merged duplicate) is left"
run crm sql "select count(*) from history where old like '%ann@x%' or new like '%ann@x%'"
is_out 'count(*)
0' "the email is nowhere in the history"
run crm-contact history 1 -f csv --fields action
is_out_like 'erase' "the erasure itself is recorded"
run crm-contact search ann
is_out 'id,first_name,last_name,email,phone,account,account_name,lead_status,city,tags' "not found by search"
run crm-contact restore 1
is_rc 1 "an erased contact cannot be restored"
run crm-contact unmerge 2
is_rc 1 "nor unmerged"
run crm sql "select kind, length(hash) from crm_tombstone order by kind"
is_out 'kind,length(hash)
email,64
phone,64
phone,64' "tombstones hold hashes only"

printf 'first_name,email,phone\nAnn,ANN@X.EXAMPLE,\nCarl,carl@x.example,\nAnnie,,+380 67 111 22 33\n' >again.csv
run crm-contact import again.csv
is_rc 0 "import with erased people"
is_err_like "again\.csv:2: skipped: the email belongs to an erased contact" "the erased email is skipped"
is_err_like "again\.csv:4: skipped: the phone belongs to an erased contact" "the erased phone too"
is_err_like "2 rows skipped: erased people" "and reported"
is_err_like "1 inserted" "the others are imported"
run crm-contact erase 99
is_rc 1 "erase of a missing contact"
run crm-contact erase
is_rc 64 "erase needs ids"
done_testing
