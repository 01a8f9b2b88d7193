#!/bin/bash
# Custom fields: crm field add/list/remove; validated, imported, exported,
# filtered, sorted and shown like built-in fields.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q
run crm field add contact birthday2 date
is_rc 0 "crm field add contact birthday2 date"
run crm field add contact tier enum --values gold,silver
is_rc 0 "an enum custom field with --values"
run crm field add account employees int
is_rc 0 "an int custom field on accounts"
run crm field list
is_out "entity,name,type,values,created_at
account,employees,integer,,2026-01-15T10:00:00Z
contact,birthday2,date,,2026-01-15T10:00:00Z
contact,tier,enum,\"gold,silver\",2026-01-15T10:00:00Z" "crm field list"

run crm field add contact birthday2 date
is_rc 65 "a custom field cannot be added twice"
run crm field add contact email text
is_rc 64 "a custom field cannot shadow a built-in field"
is_err_like "built-in field 'email'" "the message says why"
run crm field add contact Bad-Name text
is_rc 64 "a field name must be snake_case"
run crm field add contact x nosuchtype
is_rc 64 "an unknown type is a usage error"
run crm field add nosuch x text
is_rc 64 "an unknown entity is a usage error"
run crm field add contact tier2 enum
is_rc 64 "an enum without --values is a usage error"

run crm-contact add first_name=Ann email=ann@x.com birthday2=1980-05-01 tier=gold
is_rc 0 "add with custom fields"
run crm-contact add first_name=Bob email=bob@x.com birthday2=1995-12-31 tier=silver
run crm-contact add first_name=Cyd email=cyd@x.com
run crm-contact add first_name=Dee email=dee@x.com birthday2=1980-13-01
is_rc 65 "a bad date in a custom field exits 65"
is_err_like "birthday2: invalid date '1980-13-01'" "the message names the field"
run crm-contact add first_name=Dee email=dee@x.com tier=bronze
is_rc 65 "a value not in the enum exits 65"
is_err_like "tier: invalid value 'bronze' \\(allowed: gold, silver\\)" "the message lists the allowed values"
run crm-account add name=Acme employees=many
is_rc 65 "an invalid int custom field exits 65"

run crm-contact show 1 --fields first_name,birthday2,tier
is_out "first_name,birthday2,tier
Ann,1980-05-01,gold" "show prints custom fields"
run crm-contact show 1 -f json --fields id,birthday2,tier
is_out '[
{"id":1,"birthday2":"1980-05-01","tier":"gold"}
]' "custom fields in JSON"
run crm-contact list -w "birthday2 < 1990-01-01" --fields first_name --no-header
is_out "Ann" "filter on a custom date"
run crm-contact list -w "tier = 'silver' or birthday2 is null" --fields first_name --no-header
is_out "Bob
Cyd" "filter on a custom enum and is null"
run crm-contact list --sort -birthday2 --fields first_name --no-header
is_out "Bob
Ann
Cyd" "sort by a custom field"
run crm-contact update 3 birthday2=2000-02-29 tier=gold
is_rc 0 "update custom fields"
run crm-contact list -w "tier = 'gold'" --fields first_name,birthday2 --no-header
is_out "Ann,1980-05-01
Cyd,2000-02-29" "the update is seen by the filter"
run crm-contact history 3
is_out_like "update,birthday2,,2000-02-29" "custom field changes are in the history"

run crm-contact export --fields id,first_name,birthday2,tier
is_out "id,first_name,birthday2,tier
1,Ann,1980-05-01,gold
2,Bob,1995-12-31,silver
3,Cyd,2000-02-29,gold" "export includes custom fields"
run crm-contact export
is_out_like "^id,.*,updated_at,birthday2,tier$" "custom fields come after the built-in ones"

printf 'email,birthday2,tier\neve@x.com,1970-01-01,silver\nbob@x.com,1996-01-01,gold\n' >"$T/c.csv"
run crm-contact import "$T/c.csv" --key email
is_rc 0 "import custom fields"
is_err_like "1 inserted, 1 updated" "insert and update"
run crm-contact list --fields email,birthday2,tier -w "email in ('eve@x.com', 'bob@x.com')" --no-header
is_out "bob@x.com,1996-01-01,gold
eve@x.com,1970-01-01,silver" "imported custom values"
printf 'email,tier\nfay@x.com,platinum\n' >"$T/bad.csv"
run crm-contact import "$T/bad.csv"
is_rc 65 "import checks custom fields"
is_err_like "bad.csv:2: tier: invalid value 'platinum'" "with file, line and field"

run crm field remove contact tier
is_rc 0 "crm field remove"
run crm field list --no-header
is_out "account,employees,integer,,2026-01-15T10:00:00Z
contact,birthday2,date,,2026-01-15T10:00:00Z" "the field is gone from the list"
run crm-contact list --fields tier
is_rc 64 "a removed field is unknown"
run crm-contact list -w "tier = 'gold'"
is_rc 64 "and unknown to the filter"
run crm field remove contact tier
is_rc 1 "removing a missing field exits 1"
run crm check
is_rc 0 "the database is consistent"
done_testing
