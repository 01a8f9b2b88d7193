#!/bin/bash
# crm-contact query (mutt/aerc address query) and who (caller identification).
. "$(dirname "$0")/lib.sh"

run crm init
export CRM_COUNTRY=UA
run crm-account add 'name=Roshen Retail' 'phone=044 500 00 00'
run crm-account add 'name=Acme'
run crm-contact add first_name=Olena last_name=Kovalenko email=olena@roshen.example 'phone=(044) 123-45-67' account=1
run crm-contact add first_name=Oleh last_name=Kovalchuk email=oleh@acme.example 'mobile=+380 67 765 43 21' account=2
run crm-contact add first_name=Ann last_name='Lee	Tab' email=ann@x.example
run crm-contact add first_name=Nomail last_name=Person 'phone=+1 212 555 0100'

run crm-contact query ole
is_rc 0 "query"
is_out "crm: 2 matches for ole
oleh@acme.example	Oleh Kovalchuk	Acme
olena@roshen.example	Olena Kovalenko	Roshen Retail" "first line, then email TAB name TAB account"
run crm-contact query roshen
is_out "crm: 1 match for roshen
olena@roshen.example	Olena Kovalenko	Roshen Retail" "by the account's name"
run crm-contact query acme.ex
is_out_like "^oleh@acme.example" "by the email address"
run crm-contact query ole kovalc
is_out "crm: 1 match for ole kovalc
oleh@acme.example	Oleh Kovalchuk	Acme" "every word must match"
run crm-contact query ANN
is_out "crm: 1 match for ANN
ann@x.example	Ann Lee Tab	" "case-insensitive; a tab in a value does not break the format"
run crm-contact query nomail
is_rc 1 "contacts without email are not addresses"
is_out "crm: 0 matches for nomail" "the first line is still there"
run crm-contact query '"'
is_rc 1 "quotes are only text"
run crm-contact query
is_rc 64 "query needs words"

run crm-contact who 044 123 45 67 -f csv
is_rc 0 "who"
is_out 'kind,id,name,account,account_id,email,phone,related
contact,1,Olena Kovalenko,Roshen Retail,1,olena@roshen.example,(044) 123-45-67,' "a national number"
for n in '+380441234567' '+380 (44) 123-45-67' '380441234567' 'tel:+380-44-123-45-67' '0441234567'; do
    run crm-contact who "$n" -f csv --no-header
    is_out_like '^contact,1,' "who '$n'"
done
run crm-contact who 067-765-43-21 -f csv --no-header
is_out 'contact,2,Oleh Kovalchuk,Acme,2,oleh@acme.example,+380 67 765 43 21,' "a mobile"
run crm-contact who '(044) 500-00-00' -f json
cp "$T/out" who.json
run jq -c '.[0] | [.kind, .id, .name, .related]' who.json
is_out '["account",1,"Roshen Retail",{"contact":[1]}]' "an account, with the records that refer to it"
CRM_COUNTRY=US run crm-contact who '(212) 555-0100' -f csv --no-header
is_out_like '^contact,4,Nomail Person' "the country of CRM_COUNTRY"
run crm-contact who 099 999 99 99
is_rc 1 "an unknown number"
is_err_like "no contact or account with phone 099 999 99 99 \(\+380999999999\)" "says so with the key"
run crm-contact who abc
is_rc 65 "not a number"
done_testing
