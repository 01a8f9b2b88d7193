#!/bin/bash
# shellcheck disable=SC2154 # rc comes from lib.sh
# Concurrency: 8 processes on one database at once, each a fixed number of
# commands (bounded, no timing asserted): 4 writers add tags to the SAME
# record (a read-modify-write: a lost update would lose a tag), 2 importers
# load 40-row files, 2 readers count.  No command fails (none reports the
# database locked within the busy timeout), every tag and every row is
# there, readers only ever see whole imports, and `crm backup` taken while
# the writers run gives a database `crm check` accepts.  The concurrent
# processes run without CRM_WRAP (valgrind would only slow them down).
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q
run crm-contact add first_name=Counter
rounds=20
batch=40
awk -v n=$batch 'BEGIN { print "first_name,last_name"; for (i = 0; i < n; i++) printf "I%d,Imp\n", i }' >"$T/batch.csv"

writer() { # tag w$1_$i on record 1, then a record of its own
    local i st=0
    for ((i = 0; i < rounds; i++)); do
        crm-contact update 1 "tags+=w$1_$i" -q >/dev/null 2>>"$T/err.w$1" || st=1
        crm-contact add "first_name=W$1_$i" last_name=Wr -q >/dev/null 2>>"$T/err.w$1" || st=1
    done
    echo $st >"$T/st.w$1"
}
importer() {
    local i st=0
    for ((i = 0; i < rounds / 2; i++)); do
        crm-contact import "$T/batch.csv" -q >/dev/null 2>>"$T/err.i$1" || st=1
    done
    echo $st >"$T/st.i$1"
}
reader() { # imports are whole: the Imp rows are a multiple of the batch
    local i st=0 n
    for ((i = 0; i < rounds * 2; i++)); do
        n=$(crm-contact count -w "last_name = Imp" 2>>"$T/err.r$1") || st=1
        [ $((n % batch)) = 0 ] || { st=1; echo "half an import seen: $n" >>"$T/err.r$1"; }
    done
    echo $st >"$T/st.r$1"
}

for w in 1 2 3 4; do writer $w & done
importer 1 &
importer 2 &
reader 1 &
reader 2 &
sleep 1
run crm backup "$T/backup.db"
is_rc 0 "crm backup while 8 processes run"
wait
failed=0
for f in "$T"/st.*; do
    [ "$(cat "$f")" = 0 ] || failed=$((failed + 1))
done
cat "$T"/err.* 2>/dev/null | sed 's/^/# /' | head -10
ok "$failed" "8 processes, $((4 * rounds * 2 + 2 * rounds / 2 + 2 * rounds * 2)) commands: none failed"
! cat "$T"/err.* 2>/dev/null | grep -q locked
ok $? "no 'database is locked'"

run crm sql "SELECT length(tags) - length(replace(tags, ';', '')) - 1 FROM contact WHERE id = 1" --no-header
is_out "$((4 * rounds))" "all $((4 * rounds)) tags of the 4 writers are on record 1: no lost update"
run crm-contact count -w "last_name = Wr"
is_out "$((4 * rounds))" "every record the writers added is there"
run crm-contact count -w "last_name = Imp"
is_out "$((rounds * batch))" "every imported row is there"
run crm check
is_rc 0 "crm check passes"
run crm check --db "$T/backup.db"
is_rc 0 "the backup taken during the writes passes crm check"
run crm-contact count --db "$T/backup.db" -w "last_name = Imp"
[ "$rc" = 0 ] && [ $(($(cat "$T/out") % batch)) = 0 ]
ok $? "the backup holds whole imports only"
done_testing
