#!/bin/bash
# shellcheck disable=SC2154 # rc comes from lib.sh
# Size limits of hostile input: deeply nested JSON, a field larger than the
# 64 MiB record limit in CSV and JSON Lines, and a header of 300 000
# columns give a clear error (exit 65) or are read, never an out-of-memory
# kill or a hang.  Regression: the repeated-column check of the CSV header
# was quadratic (100 000 columns took 45 s); it is now a sort, so 300 000
# columns import well inside the `timeout` below.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q

awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; print "" }' >"$T/deep.json"
run crm-contact import "$T/deep.json"
is_rc 65 "JSON nested 100 000 deep is refused"
is_err_like "deep.json:1: JSON nested deeper than" "and the message says so"

awk 'BEGIN { printf "first_name\n\""; s = "aaaaaaaaaaaaaaaa"; for (i = 0; i < 22; i++) s = s s; for (i = 0; i < 5; i++) printf "%s", s; print "\"" }' >"$T/big.csv"
run crm-contact import "$T/big.csv"
is_rc 65 "a 320 MiB CSV field is refused"
is_err_like "big.csv:2: record larger than 64 MiB" "naming the line and the limit"
awk 'BEGIN { printf "{\"first_name\":\""; s = "aaaaaaaaaaaaaaaa"; for (i = 0; i < 22; i++) s = s s; printf "%s", s; print "\"}" }' >"$T/big.jsonl"
run crm-contact import "$T/big.jsonl"
is_rc 65 "a 64 MiB JSON string is refused"
is_err_like "big.jsonl:1: record larger than 64 MiB" "naming the line"
rm -f "$T/big.csv" "$T/big.jsonl"

awk 'BEGIN { n = 300000; printf "first_name"; for (i = 0; i < n; i++) printf ",c%d", i; print ""; printf "Wide"; for (i = 0; i < n; i++) printf ",x"; print "" }' >"$T/wide.csv"
run timeout 120 crm-contact import "$T/wide.csv"
is_rc 65 "300 000 unknown columns: refused"
is_err_like "unknown column 'c0'" "naming the first"
run timeout 120 crm-contact import "$T/wide.csv" --ignore-unknown -q
is_rc 0 "300 000 columns with --ignore-unknown import (no quadratic header check)"
run crm-contact list -w "first_name = Wide" --fields first_name --no-header
is_out "Wide" "the row is there"

printf 'first_name,b,c,b,first_name\n1,2,3,4,5\n' >"$T/dup.csv"
run crm-contact import "$T/dup.csv"
is_rc 65 "a repeated column"
is_err_like "dup.csv:1: column 'b' appears twice in the header" "names the first repeat in column order"
printf 'a\tb\tc\tc\n1\t2\t3\t4\n' >"$T/dup.tsv"
run crm-contact import "$T/dup.tsv" --input-format tsv
is_rc 65 "a repeated TSV column"
is_err_like "column 'c' appears twice" "names it"
done_testing
