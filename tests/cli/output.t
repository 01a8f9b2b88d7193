#!/bin/bash
# shellcheck disable=SC2154 # rc and BUILD come from lib.sh
# Safe output: --safe-csv neutralises = + - @ tab and CR at the start of a
# CSV/TSV value (not a number in a numeric column), is off by default so
# that round trips stay exact, and leaves JSON alone.  Every tool: a
# closed pipe ends quietly, a full disk (/dev/full) is exit 74.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q
for v in '=1+2' '+x' '-x' '@SUM(A1)' "$(printf '\tx')" "$(printf '\rx')" 'plain' 'a=b'; do
    run crm-contact add "first_name=$v" last_name=L score=-3 title=-3 -q
done

run crm-contact list --fields first_name,score,title --safe-csv
printf '%s\n' "first_name,score,title" "'=1+2,-3,'-3" "'+x,-3,'-3" "'-x,-3,'-3" "'@SUM(A1),-3,'-3" \
    "'	x,-3,'-3" "\"'"$'\r'"x\",-3,'-3" "plain,-3,'-3" "a=b,-3,'-3" >"$T/want"
cmp -s "$T/want" "$T/out"
ok $? "--safe-csv CSV: = + - @ tab CR get a quote; a number in a numeric column does not"

run crm-contact list --fields first_name,score --safe-csv -f tsv --no-header
is_out "'=1+2	-3
'+x	-3
'-x	-3
'@SUM(A1)	-3
'\\tx	-3
'\\rx	-3
plain	-3
a=b	-3" "--safe-csv TSV the same"

run crm-contact export
cp "$T/out" "$T/plain.csv"
is_rc 0 "export without --safe-csv"
grep -q "^[0-9]*,=1+2,L," "$T/plain.csv"
ok $? "off by default: the value is written as it is"
run crm init -q --db "$T/copy.db"
runin "$T/plain.csv" crm-contact import - --db "$T/copy.db" -q
is_rc 0 "the plain export imports back"
run crm-contact list --db "$T/copy.db" --fields first_name,title -f json
cp "$T/out" "$T/copy.json"
run crm-contact list --fields first_name,title -f json --safe-csv
cmp -s "$T/out" "$T/copy.json"
ok $? "the round trip is exact, and --safe-csv leaves JSON alone"

# Every tool: a pipe closed before the first write (deterministic: the read
# end is closed before the tool starts) ends quietly; /dev/full is exit 74.
closed_pipe() {
    /usr/bin/python3 -c '
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
sys.stdout.write("%d\n" % p.returncode)
sys.stdout.write(p.stderr.decode(errors="replace"))
' "$@"
}
for bin in "$BUILD"/bin/crm-*; do
    tool=${bin##*/}
    run bash -c "$tool list --fields all >/dev/full"
    is_rc 74 "$tool list > /dev/full exits 74"
    is_err_like "." "$tool: says why"
    run closed_pipe "$tool" list --fields all
    is_out_like "^(0|-13|141)$" "$tool list into a closed pipe: SIGPIPE or success"
    [ "$(wc -l <"$T/out")" = 1 ]
    ok $? "$tool: nothing on stderr"
done
run bash -c "crm sql 'SELECT 1' >/dev/full"
is_rc 74 "crm sql > /dev/full exits 74"
run bash -c "crm history >/dev/full"
is_rc 74 "crm history > /dev/full exits 74"
run closed_pipe crm history
is_out_like "^(0|-13|141)$" "crm history into a closed pipe: SIGPIPE or success"
[ "$(wc -l <"$T/out")" = 1 ]
ok $? "crm: nothing on stderr"
done_testing
