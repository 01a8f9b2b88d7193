#!/bin/bash
# make bench [N=...]: figures for the activity log.  N is the number of
# activities imported (default 200000; the issue's figure is N=2000000).
set -eu
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD="$(pwd)/$BUILD" ;; esac
export PATH="$BUILD/bin:$PATH" TZ=UTC CRM_USER=bench CRM_NOW=2026-01-15T10:00:00Z
N=${1:-200000}
D=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
trap 'rm -rf "$D"' EXIT
export CRM_DB="$D/crm.db"
crm init -q

ms() { # ms CMD...: run, print the wall time in milliseconds
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null
    e=$(date +%s%N)
    echo $(((e - s) / 1000000))
}

# 1000 accounts; account 1 gets 10000 activities, the rest spread over the others.
awk 'BEGIN { print "name"; for (i = 1; i <= 1000; i++) print "Account " i }' >"$D/acc.csv"
crm-account import -q "$D/acc.csv"
awk -v n="$N" 'BEGIN {
    print "kind,occurred_at,subject,account,owner,duration"
    split("call email meeting note visit", k, " ")
    for (i = 1; i <= n; i++) {
        a = (i <= 10000) ? 1 : 2 + (i % 999)
        d = 1 + (i * 7919) % 365
        printf "%s,2025-%02d-%02dT%02d:%02d:00Z,Activity %d,%d,user%d,%d\n", k[1 + i % 5], 1 + (d % 12), 1 + (d % 28), 8 + i % 10, i % 60, i, a, i % 20, i % 60
    }
}' >"$D/act.csv"
echo "import $N activities: $(ms crm-activity import -q "$D/act.csv") ms"
echo "timeline of one account with 10000 activities: $(ms crm-activity timeline --account 1 -f csv) ms"
echo "timeline of one account, first 50: $(ms crm-activity timeline --account 1 --limit 50 -f csv) ms"
