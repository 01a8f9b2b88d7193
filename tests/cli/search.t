#!/bin/bash
# Full-text search: prefixes, Cyrillic, ranking; the index follows changes.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q
run crm-contact add first_name=Annabel last_name=Lee email=al@x.com notes='met at a fair'
run crm-contact add first_name=Тарас last_name=Шевченко email=taras@x.com city=Київ
run crm-contact add first_name=Bob last_name=Stone email=bob@x.com notes='knows Annabel; Annabel said hi'
run crm-contact add first_name=Олена last_name=Шевчук email=olena@x.com tags=vip
run crm-account add name='Acme Retail' industry=retail notes='biggest customer'

run crm-contact search ann --fields id --no-header
is_rc 0 "search"
is_out "3
1" "a word is a prefix of words; best match (named twice) first"
run crm-contact search шевч --fields last_name --no-header
is_out "Шевченко
Шевчук" "Cyrillic prefix"
run crm-contact search ШЕВЧЕНКО --fields id --no-header
is_out "2" "case-insensitive in Cyrillic"
run crm-contact search київ --fields id --no-header
is_out "2" "searches the city"
run crm-contact search vip --fields id --no-header
is_out "4" "searches the tags"
run crm-contact search annabel fair --fields id --no-header
is_out "1" "several words must all match"
run crm-contact search zzz
is_rc 0 "no match is a success"
is_out "id,first_name,last_name,email,phone,account,account_name,lead_status,city,tags" "and prints only the header"
run crm-contact search
is_rc 64 "search without words is a usage error"
run crm-contact search '"' --fields id
is_rc 0 "a quote in the search text is harmless"
run crm-contact search 'a OR b' --fields id
is_rc 0 "FTS syntax in the text is taken as words"

run crm-contact update 2 last_name=Franko
run crm-contact search шевч --fields id --no-header
is_out "4" "the index follows updates"
run crm-contact search franko --fields id --no-header
is_out "2" "the new value is found"
run crm-contact delete 4
run crm-contact search шевч --fields id --no-header
[ ! -s "$T/out" ]
ok $? "the index follows deletes"
run crm-contact restore 4
run crm-contact search шевч --fields id --no-header
is_out "4" "and restores"

run crm-account search retail --fields name --no-header
is_out "Acme Retail" "crm-account search"
run crm-account search biggest --fields name -f json
is_out '[
{"name":"Acme Retail"}
]' "account notes are searched; formats apply"
run crm check
is_rc 0 "the full-text indexes are consistent"
done_testing
