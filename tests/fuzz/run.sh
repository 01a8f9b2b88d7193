#!/bin/sh
# Run every libFuzzer target of DIR (build/fuzz) for SECONDS each, on a
# scratch copy of its seed corpus tests/fuzz/corpus/NAME (the checked-in
# corpus stays small).  Prints "NAME: N executions" per target; a crash
# leaves its input as DIR/crash-NAME-* and makes the script fail.
set -u
dir=${1:-build/fuzz}
secs=${2:-60}
here=$(dirname "$0")
status=0
for bin in "$dir"/fuzz/fuzz_*; do
    [ -x "$bin" ] || continue
    name=${bin##*/fuzz_}
    work="$dir/corpus/$name"
    rm -rf "$work"
    mkdir -p "$work"
    [ -d "$here/corpus/$name" ] && cp "$here/corpus/$name"/* "$work"/ 2>/dev/null
    log="$dir/fuzz_$name.log"
    "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
        -print_final_stats=1 -artifact_prefix="$dir/crash-$name-" "$work" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ "$rc" -ne 0 ]; then
        echo "$name: FAILED (exit $rc) after ${execs:-?} executions; see $log"
        grep -m5 -E 'ERROR|SUMMARY|runtime error' "$log"
        status=1
    else
        echo "$name: ${execs:-?} executions in ${secs}s"
    fi
done
exit $status
