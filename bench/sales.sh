#!/bin/bash
# bench/sales.sh [N] - timings of the sales tools on a scratch database:
# import of N products and N prices (default 100000).
set -eu
N=${1:-100000}
BUILD=${BUILD:-build}
export PATH="$PWD/$BUILD/bin:$PATH" CRM_USER=bench
d=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
trap 'rm -rf "$d"' EXIT
export CRM_DB="$d/crm.db"
crm init -q
awk -v n="$N" 'BEGIN { print "sku,name,group,tax_rate"
    for (i = 1; i <= n; i++) printf "P%07d,Product %d,Group %d/Sub %d,20\n", i, i, i % 10, i % 7 }' >"$d/p.csv"
awk -v n="$N" 'BEGIN { print "sku,list,price"
    for (i = 1; i <= n; i++) printf "P%07d,Retail,%d.%02d\n", i, i % 1000, i % 100 }' >"$d/pr.csv"
t() {
    local label=$1 s e
    shift
    s=$(date +%s.%N)
    "$@"
    e=$(date +%s.%N)
    printf '%-40s %8.2f s\n' "$label" "$(echo "$e - $s" | bc)"
}
t "product import ($N)" crm-product import -q "$d/p.csv"
crm-product pricelist add Retail --currency EUR
t "price import ($N)" crm-product price import -q "$d/pr.csv"
