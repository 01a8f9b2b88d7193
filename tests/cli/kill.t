#!/bin/bash
# shellcheck disable=SC2154 # rc comes from lib.sh
# Power loss: a 20 000-row import and an update of 20 000 records are killed
# with SIGKILL at pseudo-random moments (fixed seed, so the same moments
# each run; whether a kill lands mid-command or after it does not change
# what is asserted).  After each kill `crm check` passes and the data is
# either entirely before or entirely after the command.  The killed
# processes run without CRM_WRAP: a killed valgrind reports nothing useful.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
RANDOM=10
rows=20000
awk -v n=$rows 'BEGIN { print "first_name,last_name,score"; for (i = 0; i < n; i++) printf "P%d,K,%d\n", i, i % 100 }' >"$T/big.csv"
run crm init -q
run crm-contact import "$T/big.csv" -q
is_rc 0 "a first import of $rows rows"

count() {
    run crm sql "SELECT count(*) FROM contact" --no-header
    cat "$T/out"
}

kills=0
bad=0
for i in 1 2 3 4 5 6 7 8; do
    before=$(count)
    crm-contact import "$T/big.csv" -q >/dev/null 2>&1 &
    pid=$!
    sleep "$((RANDOM % 2)).$((RANDOM % 10))$((RANDOM % 10))"
    kill -KILL "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null
    st=$?
    [ "$st" = 137 ] && kills=$((kills + 1))
    run crm check
    if [ "$rc" != 0 ]; then bad=$((bad + 1)); echo "# import kill $i: crm check exit $rc"; fi
    after=$(count)
    if [ "$after" != "$before" ] && [ "$after" != "$((before + rows))" ]; then
        bad=$((bad + 1))
        echo "# import kill $i: $before rows before, $after after"
    fi
done
ok "$bad" "8 imports killed ($kills while running): check passes, all rows or none ($bad failures)"

run crm-contact list -w "last_name = K" --fields id --no-header --limit $rows
cp "$T/out" "$T/ids"
ukills=0
bad=0
for k in 1 2 3 4 5 6; do
    run crm sql "SELECT coalesce(sum(score), 0) FROM contact WHERE id IN (SELECT id FROM contact WHERE last_name = 'K' ORDER BY id LIMIT $rows)" --no-header
    before=$(cat "$T/out")
    crm-contact update - "score=$((k * 1000))" -q <"$T/ids" >/dev/null 2>&1 &
    pid=$!
    sleep "$((RANDOM % 2)).$((RANDOM % 10))$((RANDOM % 10))"
    kill -KILL "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null
    st=$?
    [ "$st" = 137 ] && ukills=$((ukills + 1))
    run crm check
    if [ "$rc" != 0 ]; then bad=$((bad + 1)); echo "# update kill $k: crm check exit $rc"; fi
    run crm sql "SELECT coalesce(sum(score), 0) FROM contact WHERE id IN (SELECT id FROM contact WHERE last_name = 'K' ORDER BY id LIMIT $rows)" --no-header
    after=$(cat "$T/out")
    if [ "$after" != "$before" ] && [ "$after" != "$((k * 1000 * rows))" ]; then
        bad=$((bad + 1))
        echo "# update kill $k: sum $before before, $after after"
    fi
done
ok "$bad" "6 updates of $rows records killed ($ukills while running): all or none ($bad failures)"

run crm-contact add first_name=After
is_rc 0 "the database still takes writes"
run crm check
is_rc 0 "and checks clean"
done_testing
