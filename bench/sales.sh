#!/bin/bash
# bench/sales.sh [N] - timings of the sales tools on a scratch database
# (default N = 500000 deals):
#   import of N deals and 3N line items (priced from a price list),
#   move of 10000 deals read from a pipe,
#   the pipeline summary over N deals beside the same SQL in sqlite3.
# Run from the top of the tree after make: BUILD=build bash bench/sales.sh
set -eu
N=${1:-500000}
MOVES=$((N < 10000 ? N : 10000))
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD="$PWD/$BUILD" ;; esac
export PATH="$BUILD/bin:$PATH" CRM_USER=bench CRM_NOW=2026-01-15T10:00:00Z TZ=UTC
d=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
trap 'rm -rf "$d"' EXIT
export CRM_DB="$d/crm.db"
crm init -q 2>/dev/null || crm init >/dev/null 2>&1

t() {
    local label=$1 s e
    shift
    s=$(date +%s%N)
    "$@"
    e=$(date +%s%N)
    last=$(((e - s) / 1000000))
    printf '%-48s %9.3f s\n' "$label" "$(echo "scale=3; $last / 1000" | bc)"
}

awk 'BEGIN { print "sku,name,group,tax_rate"
    for (i = 1; i <= 1000; i++) printf "P%04d,Product %d,Group %d/Sub %d,20\n", i, i, i % 10, i % 7 }' >"$d/p.csv"
awk 'BEGIN { print "sku,list,price"
    for (i = 1; i <= 1000; i++) printf "P%04d,Retail,%d.%02d\n", i, 10 + i % 1000, i % 100 }' >"$d/pr.csv"
awk -v n="$N" 'BEGIN { split("lead qualified proposal negotiation", st, " ")
    print "name,owner,stage,amount,expected_close"
    for (i = 1; i <= n; i++)
        printf "Deal %d,u%d,%s,%d.%02d,2026-%02d-%02d\n", i, i % 5, st[1 + i % 4], i % 100000, i % 100,
            1 + i % 12, 1 + i % 28 }' >"$d/deals.csv"
awk -v n="$N" 'BEGIN { print "deal,product,qty,discount"
    for (i = 1; i <= 3 * n; i++)
        printf "%d,P%04d,%d,%d\n", 1 + int((i - 1) / 3), 1 + i % 1000, 1 + i % 5, (i % 4) * 5 }' >"$d/items.csv"

crm-product import -q "$d/p.csv"
crm-product pricelist add Retail --currency EUR
crm-product price import -q "$d/pr.csv"
t "deal import ($N deals)" crm-deal import -q "$d/deals.csv"
t "item import ($((3 * N)) line items)" crm-deal item import -q "$d/items.csv"
seq 1 "$MOVES" >"$d/ids"
# shellcheck disable=SC2016
t "move of $MOVES deals from a pipe" sh -c 'crm-deal move - negotiation -f csv <"$1" >/dev/null' sh "$d/ids"

sql="SELECT d.pipeline, s.position, d.stage, s.kind, d.currency, count(*), sum(d.amount),
    sum(d.amount * d.probability) FROM deal d LEFT JOIN pipeline p ON p.name = d.pipeline
    LEFT JOIN pipeline_stage s ON s.pipeline_id = p.id AND s.name = d.stage
    GROUP BY d.pipeline, d.stage, d.currency ORDER BY d.pipeline, s.position, d.currency;"
# Warm the page cache, then take the best of 3 runs of each.
crm-deal summary -f csv >/dev/null
best() {
    local b=0
    for _ in 1 2 3; do
        t "$@" >/dev/null
        if [ "$b" = 0 ] || [ "$last" -lt "$b" ]; then b=$last; fi
    done
    echo "$b"
}
ours=$(best "summary" sh -c 'crm-deal summary -f csv >/dev/null')
# shellcheck disable=SC2016
theirs=$(best "sqlite3" sh -c 'sqlite3 "$CRM_DB" "$1" >/dev/null' sh "$sql")
printf '%-48s %9.3f s\n' "pipeline summary, crm-deal summary ($N deals)" "$(echo "scale=3; $ours / 1000" | bc)"
printf '%-48s %9.3f s\n' "pipeline summary, same SQL in sqlite3" "$(echo "scale=3; $theirs / 1000" | bc)"
printf '%-48s %9.2f x (target <= 1.20)\n' "ratio" "$(echo "scale=2; $ours / ($theirs + 0.0001)" | bc)"
