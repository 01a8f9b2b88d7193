#!/bin/bash
# shellcheck disable=SC2154 # rc and top come from lib.sh
# Hostile input: SQL injection payloads in every place user text reaches a
# query (--where values and field names, FIELD=VALUE, --sort, --fields,
# custom field names, import headers and --map).  None may change a query's
# meaning: a payload given as a value is stored and found as that exact
# text, a payload given as a name is refused with exit 64, and afterwards
# every table is still there, the counts are intact and `crm check` passes.
# No value reaches a shell ($(...) and backticks create no file).
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q
run crm-contact add first_name=Ann last_name=Lee email=ann@x.org city=Kyiv
run crm-contact add first_name=Bob last_name=Roe email=bob@x.org city=Lviv
run crm-account add name=Acme industry=retail

# shellcheck disable=SC2016
payloads=(
    "'; DROP TABLE contact; --"
    "\" OR 1=1 --"
    "') OR ('1'='1"
    "' OR ''='"
    "1; DELETE FROM contact"
    "x' UNION SELECT name FROM sqlite_master --"
    "?"
    "?1 ?2"
    ":a @b \$c"
    "*/ DROP TABLE account /*"
    "first_name) OR (1=1"
    "id DESC; DROP TABLE contact"
    "%s%n%x"
    '$(touch pwned)'
    '`touch pwned2`'
    "json_extract(custom,'\$.a')"
    "contact.id"
    "\"id\""
    "Ann' --"
    "x'||(SELECT group_concat(name) FROM sqlite_master)||'"
)
tables_before=$(crm sql "SELECT count(*) FROM sqlite_master" 2>/dev/null)
n=0
effective=0
added=0
for p in "${payloads[@]}"; do
    n=$((n + 1))
    q=${p//\'/\'\'}
    # 1. as a --where value: matches nothing (no record has this text yet).
    run crm-contact list -w "first_name = '$q'" --fields id --no-header
    if [ "$rc" != 0 ] || [ -s "$T/out" ]; then effective=$((effective + 1)); echo "# where value: $p"; fi
    run crm-contact list -w "(city ~ '$q' or last_name != '$q') and id <= 2" --fields id --no-header
    if [ "$rc" != 0 ] || [ "$(wc -l <"$T/out")" != 2 ]; then effective=$((effective + 1)); echo "# where value 2: $p"; fi
    # 2. as a --where field name: refused.
    run crm-contact list -w "$p = 1"
    if [ "$rc" != 64 ]; then effective=$((effective + 1)); echo "# where field: $p ($rc)"; fi
    # 3. as a FIELD=VALUE value: stored exactly, found exactly.
    run crm-contact add "first_name=$p" last_name=Payload
    if [ "$rc" != 0 ]; then effective=$((effective + 1)); echo "# add value: $p ($rc)"; fi
    added=$((added + 1))
    run crm-contact list -w "first_name = '$q'" --fields first_name --no-header -f tsv
    # TSV escapes a backslash; none of the payloads has one or a tab.
    if [ "$rc" != 0 ] || [ "$(cat "$T/out")" != "$p" ]; then effective=$((effective + 1)); echo "# round trip: $p"; fi
    # 4. as a FIELD name of FIELD=VALUE, --sort and --fields: refused.
    run crm-contact add "$p=x"
    if [ "$rc" != 64 ]; then effective=$((effective + 1)); echo "# add field: $p ($rc)"; fi
    run crm-contact update 1 "$p=x"
    if [ "$rc" != 64 ]; then effective=$((effective + 1)); echo "# update field: $p ($rc)"; fi
    run crm-contact list --sort "$p"
    if [ "$rc" != 64 ]; then effective=$((effective + 1)); echo "# sort: $p ($rc)"; fi
    run crm-contact list --fields "id,$p"
    if [ "$rc" != 64 ]; then effective=$((effective + 1)); echo "# fields: $p ($rc)"; fi
    # 5. as a custom field name: refused.
    run crm field add contact "$p" text
    if [ "$rc" != 64 ]; then effective=$((effective + 1)); echo "# custom field: $p ($rc)"; fi
    # 6. as an import header: an unknown column, refused; mapped with --map
    #    onto a field, its value is imported as it is; as a --map target, refused.
    jq -cn --arg k "$p" '{first_name: "Imp", ($k): "v"}' >"$T/in.jsonl"
    run crm-contact import "$T/in.jsonl"
    if [ "$rc" = 0 ]; then effective=$((effective + 1)); echo "# import header: $p ($rc)"; fi
    run crm-contact import "$T/in.jsonl" --map "$p=last_name"
    case $p in
    *,* | *=*) # may not be expressible as a --map source; a success imports
        [ "$rc" = 0 ] && added=$((added + 1))
        ;;
    *)
        if [ "$rc" != 0 ]; then effective=$((effective + 1)); echo "# map source: $p ($rc)"; fi
        added=$((added + 1))
        ;;
    esac
    run crm-contact import "$T/in.jsonl" --map "first_name=$p"
    if [ "$rc" = 0 ]; then effective=$((effective + 1)); echo "# map target: $p ($rc)"; fi
done
ok "$effective" "$n payloads, 6 places each: none changed a query's meaning ($effective effective)"

run crm sql "SELECT count(*) FROM sqlite_master"
is_out "$tables_before" "every table, index and trigger is still there"
run crm-contact count
is_out "$((2 + added))" "contacts: the 2 first ones plus exactly those added"
run crm-account count
is_out "1" "accounts intact"
run crm-contact list -w "first_name = Ann" --fields first_name,last_name,city --no-header
is_out "Ann,Lee,Kyiv" "the first record is unchanged"
run crm field list contact
is_out "entity,name,type,values,created_at" "no custom field was created"
run crm check
is_rc 0 "crm check passes"
[ ! -e pwned ] && [ ! -e pwned2 ] && [ ! -e "$top/pwned" ]
ok $? "no value reached a shell"
done_testing
