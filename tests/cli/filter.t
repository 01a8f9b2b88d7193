#!/bin/bash
# The filter language: every operator, and/or/not/parentheses, relative
# dates, one step through a relation, case-insensitive ~ for every script,
# errors (exit 64, showing where).
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q
run crm-account add name=Acme industry=retail
run crm-account add name=Globex industry=manufacturing
run crm-contact add first_name=Ann last_name=Smith email=ann@x.com city=Kyiv score=72 tags=vip,new account=Acme birthday=1990-01-20
run crm-contact add first_name=Тарас last_name=Шевченко email=taras@x.com city=Lviv score=55 account=Globex birthday=2026-01-10
run crm-contact add first_name=Bob last_name=Lee email=bob@x.com score=10 tags=new
run crm-contact add first_name=Νίκος last_name=ΚΑΖΑΝΤΖΆΚΗΣ city=Athens
run crm-contact add first_name=Олена last_name=ШЕВЧУК email=olena@x.com city=Kyiv score=40 tags=vip do_not_call=true account=Acme birthday=2026-01-20

# ids: run `list -w EXPR` and compare the ids, space-separated.
ids() {
    run crm-contact list --fields id --no-header -w "$1"
    local got
    got=$(tr '\n' ' ' <"$T/out" | sed 's/ $//')
    # shellcheck disable=SC2154 # rc is set by run (lib.sh)
    [ "$rc" = 0 ] && [ "$got" = "$2" ]
    ok $? "$1 -> [$2] (got [$got], exit $rc)"
}

ids "city = 'Kyiv'" "1 5"
ids "city != 'Kyiv'" "2 3 4" # != is true for a missing value (crm-filter(7))
ids "score < 40" "3"
ids "score <= 40" "3 5"
ids "score > 55" "1"
ids "score >= 55" "1 2"
ids "score = 72" "1"
ids "last_name ~ 'mit'" "1"
ids "last_name !~ 'e'" "1 2 4 5"
ids "city in ('Lviv', 'Athens')" "2 4"
ids "score in (10, 72)" "1 3"
ids "email is null" "4"
ids "email is not null" "1 2 3 5"
ids "tags has 'vip'" "1 5"
ids "tags has 'new'" "1 3"
ids "tags has 'vi'" ""
ids "do_not_call = true" "5"
ids "do_not_call = false" "1 2 3 4"
ids "city = 'Kyiv' and score > 50" "1"
ids "city = 'Lviv' or score < 20" "2 3"
ids "not city = 'Kyiv'" "2 3 4"
ids "not (city = 'Kyiv' or city = 'Lviv')" "3 4"
ids "city = 'Kyiv' and (score >= 50 or tags has 'vip') and not email is null" "1 5"
ids "(score > 50 or score < 20) and tags has 'new'" "1 3"
ids "CITY = 'Kyiv'" "1 5"

# contains is case-insensitive for every script.
ids "last_name ~ 'шевч'" "2 5"
ids "last_name ~ 'ШЕВЧЕНКО'" "2"
ids "first_name ~ 'тАр'" "2"
ids "last_name ~ 'καζαντζάκης'" "4"
ids "first_name ~ 'ANN'" "1"

# One step through a relation.
ids "account.industry = 'retail'" "1 5"
ids "account.name = 'Globex'" "2"
ids "account.name ~ 'glob'" "2"
ids "account.industry is null" "" # only records that have an account (crm-filter(7))
ids "account = 1" "1 5"

# Dates: ISO, relative (CRM_NOW=2026-01-15T10:00:00Z), today.
ids "birthday < 2000-01-01" "1"
ids "birthday >= '2026-01-01'" "2 5"
ids "birthday > today" "5"
ids "birthday < today" "1 2"
ids "birthday >= -1w" "2 5"
ids "birthday < +1w" "1 2 5"
ids "birthday > +4d" "5"
ids "birthday < -2m" "1"
ids "created_at >= today" "1 2 3 4 5"
ids "created_at > now" ""

# The same filter for count and export, and several -w joined with and.
run crm-contact count -w "tags has 'vip'" -w "city = 'Kyiv'"
is_out "2" "count with two --where"
run crm-contact export -w "account.industry = 'retail'" --fields id
is_rc 0 "export takes --where"
run crm-account list -w "industry ~ 'RETAIL'" --fields name --no-header
is_out "Acme" "crm-account filters too"

# Values are bound, never pasted into SQL.
ids "last_name = 'x'' or 1=1 --'" ""
run crm-contact count
is_out "5" "an injection attempt changes nothing"

# Errors: exit 64 and a message that shows where.
run crm-contact list -w "nosuch = 1"
is_rc 64 "an unknown field is a usage error"
is_err_like "unknown field 'nosuch' at column 1" "the message names the field and the column"
run crm-contact list -w "city = 'Kyiv' and"
is_rc 64 "a dangling and is a syntax error"
is_err_like "column [0-9]+" "the message shows where"
run crm-contact list -w "city = "
is_rc 64 "a missing value is a syntax error"
is_err_like "expected a value after '=' at column 8" "and says what was expected"
run crm-contact list -w "(city = 'Kyiv'"
is_rc 64 "an unclosed parenthesis is a syntax error"
run crm-contact list -w "city = 'Kyiv"
is_rc 64 "an unterminated string is a syntax error"
run crm-contact list -w "city == 'Kyiv'"
is_rc 64 "an unknown operator is a syntax error"
run crm-contact list -w "account.nosuch = 1"
is_rc 64 "an unknown field behind a relation is a usage error"
is_err_like "nosuch" "the message names it"
run crm-contact list -w "city.name = 1"
is_rc 64 "a relation step on a field that is no relation is a usage error"
run crm-contact list -w "score > 'abc'"
is_rc 64 "a text compared with a number field is a usage error"
run crm-contact list -w "birthday < 'nodate'"
is_rc 64 "a bad date is a usage error"
run crm-contact list -w ""
is_rc 64 "an empty filter is a usage error"
run crm-contact count -w "nosuch = 1"
is_rc 64 "count checks the filter too"
done_testing
