# shellcheck shell=bash
# lib.sh - helpers for the command tests (TAP).  Source it from a tests/cli/*.t
# script.  Each test runs the built tools from $BUILD/bin in a fresh temporary
# directory with a fixed clock, time zone and user.

set -u
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD="$top/$BUILD" ;; esac
export PATH="$BUILD/bin:$PATH"
export CRM_NOW=2026-01-15T10:00:00Z TZ=UTC CRM_USER=tester LC_ALL=C.UTF-8
unset CRM_DB CRM_COUNTRY CRM_CURRENCY NO_COLOR CRM_BUSY_TIMEOUT
T=$(mktemp -d "${TMPDIR:-/tmp}/crm-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
export DATA="$top/tests/data"
export CRM_DB="$T/crm.db"
t_n=0
t_fail=0
# CRM_WRAP (e.g. valgrind) runs in front of every tool.
WRAP=${CRM_WRAP:-}

# run CMD...: run a tool, capturing stdout in $T/out, stderr in $T/err, status in $rc.
run() {
    # shellcheck disable=SC2086
    $WRAP "$@" >"$T/out" 2>"$T/err"
    rc=$?
    if [ -n "$WRAP" ] && [ "$rc" = 99 ]; then
        echo "# valgrind reported errors for: $*"
        sed 's/^/#   /' "$T/err"
    fi
}

# runin INPUTFILE CMD...: the same with stdin from a file.
runin() {
    local in=$1
    shift
    # shellcheck disable=SC2086
    $WRAP "$@" <"$in" >"$T/out" 2>"$T/err"
    rc=$?
}

ok() {
    t_n=$((t_n + 1))
    if [ "$1" = 0 ]; then
        echo "ok $t_n - $2"
    else
        echo "not ok $t_n - $2"
        t_fail=$((t_fail + 1))
        echo "#   stdout: $(head -c 600 "$T/out" 2>/dev/null)"
        echo "#   stderr: $(head -c 600 "$T/err" 2>/dev/null)"
    fi
}

# is_rc WANT DESCRIPTION: the last run's exit status.
is_rc() {
    [ "$rc" = "$1" ]
    local r=$?
    ok $r "$2 (exit $rc, want $1)"
}

# is_out WANT DESCRIPTION: the last run's stdout equals WANT (a trailing newline added).
is_out() {
    printf '%s\n' "$1" >"$T/want"
    cmp -s "$T/want" "$T/out"
    local r=$?
    ok $r "$2"
    [ $r = 0 ] || diff "$T/want" "$T/out" | head -20 | sed 's/^/#   /'
}

# is_err_like REGEX DESCRIPTION: stderr matches an extended regex.
is_err_like() {
    grep -Eq -- "$1" "$T/err"
    ok $? "$2"
}

# is_out_like REGEX DESCRIPTION
is_out_like() {
    grep -Eq -- "$1" "$T/out"
    ok $? "$2"
}

done_testing() {
    echo "1..$t_n"
    [ "$t_fail" = 0 ]
}
