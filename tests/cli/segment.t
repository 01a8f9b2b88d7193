#!/bin/bash
# crm segment: saved filters; --segment on list, count and export of every
# tool (joined with --where by and); members add --segment.
. "$(dirname "$0")/lib.sh"

run crm init
for n in a b c; do
    run crm-contact add first_name="$n" last_name=X email="$n@ex.com"
done
run crm-contact add first_name=z last_name=Y

run crm segment add xs --entity contact -w "last_name = 'X'"
is_rc 0 "segment add"
is_err_like 'segment xs: 3 contact records' "add says how many records"
run crm segment add xs --entity contact -w "last_name = 'Y'"
is_rc 65 "a segment name is unique"
run crm segment add bad --entity contact -w "nosuch = 1"
is_rc 65 "a bad filter is refused"
is_err_like "bad filter: .*unknown field 'nosuch'" "and says why"
run crm segment add bad --entity nope -w "a = 1"
is_rc 64 "an unknown entity"
run crm segment add bad --entity contact
is_rc 64 "a filter is needed"
run crm segment list -f csv
is_out "$(printf 'name,entity,expr,created_at,updated_at\nxs,contact,last_name = '"'"'X'"'"',2026-01-15T10:00:00Z,2026-01-15T10:00:00Z')" "segment list"
run crm segment count xs
is_out 3 "segment count"
run crm segment count nope
is_rc 1 "count of a missing segment"

run crm-contact list --segment xs -w "first_name <> 'a'" --fields id -f csv
is_out "$(printf 'id\n2\n3')" "list --segment and --where"
run crm-contact count --segment xs
is_out 3 "count --segment"
run crm-contact export --segment xs -f jsonl
ok "$(test "$(wc -l <"$T/out")" = 3; echo $?)" "export --segment"
run crm-deal list --segment xs
is_rc 64 "a segment of another entity"
is_err_like "segment 'xs' is of contact records, not deal" "says so"
run crm-contact list --segment nope
is_rc 64 "an unknown segment"

run crm-campaign add name=Seg
run crm-campaign members add Seg --segment xs
is_rc 0 "members add --segment"
is_err_like '3 added' "every record of the segment"
run crm-campaign members add Seg
is_rc 64 "members add needs ids or --segment"

run crm segment show xs -f csv
is_out_like '^xs,contact,' "segment show"
run crm segment remove xs
is_rc 0 "segment remove"
run crm segment remove xs
is_rc 1 "remove a missing segment"
run crm segment show xs
is_rc 1 "show a missing segment"

done_testing
