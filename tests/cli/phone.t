#!/bin/bash
# Phone numbers: kept as written, compared in E.164; CRM_COUNTRY for
# national numbers; a record's own country overrides it; letters are invalid.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q
export CRM_COUNTRY=UA
run crm-contact add first_name=A email=a@x.com phone='(044) 123 45 67'
is_rc 0 "a national number with CRM_COUNTRY=UA"
run crm-contact add first_name=B email=b@x.com phone=380441234567
is_rc 0 "digits with the country code, no +"
run crm-contact add first_name=C email=c@x.com phone='+380 44 123-45-67'
is_rc 0 "international format with spaces and dashes"
run crm-contact add first_name=D email=d@x.com phone='+380 44 123 45 68'
run crm-contact list --fields id,phone
is_out "id,phone
1,(044) 123 45 67
2,380441234567
3,+380 44 123-45-67
4,+380 44 123 45 68" "phones are shown as written"

run crm-contact list -w "phone = '+380441234567'" --fields id --no-header
is_out "1
2
3" "phone = '+380441234567' finds each way of writing it"
run crm-contact list -w "phone = '(044) 123-45-67'" --fields id --no-header
is_out "1
2
3" "the filter value is normalised the same way"
run crm-contact list -w "phone != '+380441234567'" --fields id --no-header
is_out "4" "!= compares in E.164 too"
run crm-contact list -w "phone in ('+380441234568', '0441234567')" --fields id --no-header
is_out "1
2
3
4" "in compares in E.164"

# A record's own country overrides CRM_COUNTRY.
run crm-contact add first_name=E email=e@x.com phone='030 7654321' country=DE
is_rc 0 "a German national number on a German contact"
run crm-contact list -w "phone = '+49307654321'" --fields id --no-header
is_out "5" "it is read as +49, not +380"
run crm-contact list -w "phone = '+380307654321'" --fields id --no-header
[ ! -s "$T/out" ]
ok $? "and not as a Ukrainian number"
run crm-contact update 5 country=UA
run crm-contact update 5 phone='030 1111111'
run crm-contact list -w "phone = '+380301111111'" --fields id --no-header
is_out "5" "after a change of country a new national number is read in that country"

# Import: the row's country column applies to its phone.
printf 'email,phone,country\nf@x.com,030 1234567,DE\ng@x.com,044 7654321,\n' >"$T/ph.csv"
run crm-contact import "$T/ph.csv"
is_rc 0 "import with a country column"
run crm-contact list -w "phone in ('+49301234567', '+380447654321')" --fields email --no-header
is_out "f@x.com
g@x.com" "each row's phone is read in its own country"

# Invalid phones.
run crm-contact add email=h@x.com phone=abc
is_rc 65 "letters are invalid"
is_err_like "phone: invalid phone number 'abc'" "the message names field and value"
run crm-contact add email=h@x.com phone='+380 44 CALL-ME'
is_rc 65 "letters among digits are invalid"
run crm-contact add email=h@x.com mobile='12ab34'
is_rc 65 "mobile is checked the same way"
run crm-contact list -w "phone = 'abc'"
is_rc 64 "an invalid phone in --where is a usage error"
# A phone is read in its record's country, also when the country changes later.
run crm-contact add email=de@x.com phone='030 7654329' country=DE
run crm-contact list -w "phone = '+49307654329'" --fields email --no-header
is_out "de@x.com" "a German national number is read in Germany"
de_id=$(crm-contact list -w "email = 'de@x.com'" --fields id --no-header)
run crm-contact update "$de_id" country=UA
run crm-contact list -w "phone = '+380307654329'" --fields email --no-header
is_out "de@x.com" "after the country changes, the number is read in the new country"
run crm-contact import --key email - <<<'email,phone
de@x.com,030 7654329'
run crm-contact list -w "phone = '+380307654329'" --fields email --no-header
is_out "de@x.com" "an upsert without a country reads the phone in the stored country"
done_testing
