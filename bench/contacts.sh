#!/usr/bin/env bash
# bench/contacts.sh [N] - contacts: measure crm against plain references.
#
# Builds the helpers in bench/out/, generates N contacts (default 100000) with
# bench/gen, then in the same run measures each job of the crm tools beside
# its reference (a bare C program of bench/ or the sqlite3 shell) and prints
# one table: time (or rows/s), reference, ratio, target, peak RSS of both,
# and "target met" or "MISSED".  Results are also kept in
# bench/out/results-N.txt.  Needs cc, pkg-config, libsqlite3-dev, libcsv-dev
# and sqlite3 (tools/deps.sh installs them); no /usr/bin/time.
#
# Environment: BUILD (the build directory, default build), RUNS (repetitions
# of the short jobs, default 200 for show, a tenth of that for list/search),
# SEED (generator seed, default 42), KEEP=1 to reuse the generated CSV.
set -euo pipefail

N=${1:-100000}
case $N in '' | *[!0-9]*) echo "usage: bench/run.sh [N]" >&2; exit 64 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
BUILD=${BUILD:-build}
case $BUILD in /*) bin=$BUILD/bin ;; *) bin=$root/$BUILD/bin ;; esac
out=$here/out
RUNS=${RUNS:-200}
SEED=${SEED:-42}
LRUNS=$(( RUNS / 10 > 0 ? RUNS / 10 : 1 ))
export TZ=UTC CRM_USER=bench CRM_NOW=2026-01-15T10:00:00Z LC_ALL=C.UTF-8
unset CRM_DB CRM_COUNTRY

mkdir -p "$out"
for t in crm crm-contact; do
    [ -x "$bin/$t" ] || { echo "bench: $bin/$t missing: run make first" >&2; exit 66; }
done

# --- helpers -----------------------------------------------------------------
cflags=(-std=c11 -O2 -Wall -Wextra)
read -r -a sq <<<"$(pkg-config --cflags --libs sqlite3 2>/dev/null || echo -lsqlite3)"
cc "${cflags[@]}" -o "$out/gen" "$here/gen.c"
cc "${cflags[@]}" -o "$out/rss" "$here/rss.c"
cc "${cflags[@]}" -o "$out/bare_loader" "$here/bare_loader.c" "${sq[@]}" -lcsv
cc "${cflags[@]}" -o "$out/bare_export" "$here/bare_export.c" "${sq[@]}"

csv=$out/contacts-$N.csv
truth=$out/truth-$N.txt
upsert=$out/upsert-$N.csv
if [ "${KEEP:-0}" != 1 ] || [ ! -s "$csv" ] || [ ! -s "$truth" ]; then
    echo "generating $N contacts ..." >&2
    "$out/gen" "$N" "$SEED" "$truth" "$upsert" >"$csv"
fi
truth_of() { awk -v k="$1" '$1 == k { print $2 }' "$truth"; }

db=$out/crm-$N.db
bare=$out/bare-$N.db
res=$out/results-$N.txt
rows=()

# measure NAME OUTFILE RUNS CMD... : sets T (mean s), M (peak MiB).
measure() {
    local name=$1 ofile=$2 n=$3 r
    shift 3
    if ! r=$("$out/rss" -n "$n" -o "$ofile" -e "$out/stderr.txt" -- "$@"); then
        echo "bench: $name failed:" >&2
        cat "$out/stderr.txt" >&2
        exit 1
    fi
    read -r T _ M <<<"$r"
    M=$(awk -v k="$M" 'BEGIN { printf "%.1f", k / 1024 }')
}

# row JOB CRM REF RATIO TARGET OK CRM_MIB REF_MIB MEM_LIMIT
row() {
    local verdict=MISSED
    [ "$6" = 1 ] && verdict="target met"
    if [ -n "$9" ] && awk -v m="$7" -v l="$9" 'BEGIN { exit !(m > l) }'; then
        verdict="MISSED (memory > $9 MiB)"
        [ "$6" = 1 ] || verdict="MISSED (time; memory > $9 MiB)"
    fi
    rows+=("$1|$2|$3|$4|$5|$7|$8|$verdict")
}

# cmp_time CRM_T REF_T LIMIT -> prints "ratio ok"
ratio() { awk -v a="$1" -v b="$2" -v l="$3" 'BEGIN { r = a / b; printf "%.2f %d", r, (r <= l) }'; }
ms() { awk -v t="$1" 'BEGIN { printf "%.1f ms", t * 1000 }'; }
secs() { awk -v t="$1" 'BEGIN { printf "%.2f s", t }'; }
count_csv() { echo $(( $(wc -l <"$1") - 1 )); }

sql() { sqlite3 -init /dev/null "$@"; }

# table ROW... : '|'-separated cells in aligned columns (widths in characters,
# so Cyrillic lines up; no column(1) needed).
table() {
    local -a w=() c
    local r i s
    for r in "$@"; do
        IFS='|' read -r -a c <<<"$r"
        for i in "${!c[@]}"; do
            (( ${#c[i]} > ${w[i]:-0} )) && w[i]=${#c[i]}
        done
    done
    for r in "$@"; do
        IFS='|' read -r -a c <<<"$r"
        s=""
        for i in "${!c[@]}"; do
            s+=${c[i]}
            (( i < ${#c[@]} - 1 )) && s+=$(printf '%*s' $(( w[i] - ${#c[i]} + 2 )) '')
        done
        printf '%s\n' "$s"
    done
}

# same A B: say so when a tool and its reference did not print the same bytes.
# bare_export and the json_object() query print exactly what crm prints;
# sqlite3 -csv quotes more than it must (any blank or non-ASCII), so the
# sqlite3 CSV references are checked by their row counts instead.
same() {
    cmp -s "$1" "$2" ||
        echo "note: ${1##*/} and ${2##*/} differ: $(cmp "$1" "$2" 2>&1 | head -1)" >&2
}

# --- (a) import ----------------------------------------------------------------
echo "import ..." >&2
rm -f "$db" "$db-wal" "$db-shm" "$bare" "$bare-journal" "$bare.nofts"
"$bin/crm" -q --db "$db" init
measure import /dev/null 1 "$bin/crm-contact" -q --db "$db" import "$csv"
t_imp=$T m_imp=$M
measure bare_loader /dev/null 1 "$out/bare_loader" "$root/lib/schema.sql" "$bare" "$csv"
t_bare=$T m_bare=$M
read -r r ok <<<"$(awk -v a="$t_imp" -v b="$t_bare" \
    'BEGIN { r = b / a; printf "%.2f %d", r, (r >= 0.5) }')"
row "import (validation, key, FTS, history)" \
    "$(awk -v n="$N" -v t="$t_imp" 'BEGIN { printf "%d rows/s", n / t }')" \
    "$(awk -v n="$N" -v t="$t_bare" 'BEGIN { printf "%d rows/s", n / t }')" \
    "$r" ">= 0.50" "$ok" "$m_imp" "$m_bare" 100
rm -f "$bare.nofts"
measure bare_loader_nofts /dev/null 1 env BARE_NO_FTS=1 "$out/bare_loader" "$root/lib/schema.sql" "$bare.nofts" "$csv"
rm -f "$bare.nofts"
row "  bare loader without FTS5 (info)" "-" \
    "$(awk -v n="$N" -v t="$T" 'BEGIN { printf "%d rows/s", n / t }')" \
    "$(awk -v a="$t_imp" -v b="$T" 'BEGIN { printf "%.2f", b / a }')" "-" 1 "-" "$M" ""
loaded=$(sql "$db" "SELECT count(*) FROM contact")
[ "$loaded" = "$N" ] || { echo "bench: imported $loaded of $N rows" >&2; exit 1; }

if [ -s "$upsert" ]; then
    measure upsert /dev/null 1 "$bin/crm-contact" -q --db "$db" import --key email "$upsert"
    nup=$(( $(wc -l <"$upsert") - 1 ))
    row "  upsert --key email, $nup rows (info)" \
        "$(awk -v n="$nup" -v t="$T" 'BEGIN { printf "%d rows/s", n / t }')" "-" "-" "-" 1 "$M" "-" 100
fi

# --- (b) export CSV --------------------------------------------------------------
echo "export ..." >&2
cols="c.id, c.first_name, c.last_name, c.email, c.phone, c.mobile, c.title, c.department,
  a.name AS account, c.owner, c.lead_status, c.source, c.street, c.city, c.region, c.postcode,
  c.country, c.birthday, c.score, iif(c.do_not_call, 'true', 'false') AS do_not_call,
  iif(c.email_opt_out, 'true', 'false') AS email_opt_out,
  substr(c.tags, 2, length(c.tags) - 2) AS tags, c.notes, c.created_at, c.updated_at"
from="FROM contact c LEFT JOIN account a ON a.id = c.account_id"
measure export-csv "$out/export.csv" 1 "$bin/crm-contact" --db "$db" export -f csv
t_crm=$T m_crm=$M
measure bare-csv "$out/bare.csv" 1 "$out/bare_export" "$db" csv
t_ref=$T m_ref=$M
read -r r ok <<<"$(ratio "$t_crm" "$t_ref" 1.3)"
row "export CSV vs bare C loop" "$(secs "$t_crm")" "$(secs "$t_ref")" "$r" "<= 1.3x" "$ok" "$m_crm" "$m_ref" 32
measure sqlite-csv "$out/sqlite.csv" 1 sqlite3 -init /dev/null -csv -header "$db" \
    "SELECT $cols $from ORDER BY c.id"
read -r r ok <<<"$(ratio "$t_crm" "$T" 1.0)"
same "$out/export.csv" "$out/bare.csv"
row "export CSV vs sqlite3 -csv" "$(secs "$t_crm")" "$(secs "$T")" "$r" "<= 1.0x" "$ok" "$m_crm" "$M" 32

# --- (c) export JSON Lines ----------------------------------------------------------
jcols="'id', c.id, 'first_name', c.first_name, 'last_name', c.last_name, 'email', c.email,
  'phone', c.phone, 'mobile', c.mobile, 'title', c.title, 'department', c.department,
  'account', a.name, 'owner', c.owner, 'lead_status', c.lead_status, 'source', c.source,
  'street', c.street, 'city', c.city, 'region', c.region, 'postcode', c.postcode,
  'country', c.country, 'birthday', c.birthday, 'score', c.score,
  'do_not_call', json(iif(c.do_not_call, 'true', 'false')),
  'email_opt_out', json(iif(c.email_opt_out, 'true', 'false')),
  'tags', iif(c.tags IS NULL, NULL, json('[\"' || replace(substr(c.tags, 2, length(c.tags) - 2), ';', '\",\"') || '\"]')),
  'notes', c.notes, 'created_at', c.created_at, 'updated_at', c.updated_at"
measure export-jsonl "$out/export.jsonl" 1 "$bin/crm-contact" --db "$db" export -f jsonl
t_crm=$T m_crm=$M
measure sqlite-jsonl "$out/sqlite.jsonl" 1 sqlite3 -init /dev/null -list -noheader "$db" \
    "SELECT json_object($jcols) $from ORDER BY c.id"
read -r r ok <<<"$(ratio "$t_crm" "$T" 1.5)"
row "export JSONL vs sqlite3 json_object()" "$(secs "$t_crm")" "$(secs "$T")" "$r" "<= 1.5x" "$ok" "$m_crm" "$M" 32
same "$out/export.jsonl" "$out/sqlite.jsonl"
measure bare-jsonl "$out/bare.jsonl" 1 "$out/bare_export" "$db" jsonl
same "$out/export.jsonl" "$out/bare.jsonl"
read -r r ok <<<"$(ratio "$t_crm" "$T" 1.5)"
row "  export JSONL vs bare C loop (info)" "$(secs "$t_crm")" "$(secs "$T")" "$r" "-" 1 "$m_crm" "$M" 32

# --- (d) show ID --------------------------------------------------------------------
echo "show x $RUNS ..." >&2
id=$(( N / 2 + 1 ))
scols="c.id, c.first_name, c.last_name, c.email, c.phone, c.mobile, c.title, c.department,
  c.account_id AS account, a.name AS account_name, c.owner, c.lead_status, c.source, c.street,
  c.city, c.region, c.postcode, c.country, c.birthday, c.score,
  iif(c.do_not_call, 'true', 'false') AS do_not_call, iif(c.email_opt_out, 'true', 'false') AS email_opt_out,
  substr(c.tags, 2, length(c.tags) - 2) AS tags, c.notes, c.created_at, c.updated_at"
measure show "$out/show.csv" "$RUNS" "$bin/crm-contact" --db "$db" show "$id"
t_crm=$T m_crm=$M
measure sqlite-show "$out/sqlite-show.csv" "$RUNS" sqlite3 -init /dev/null -csv -header "$db" \
    "SELECT $scols $from WHERE c.id = $id"
read -r r ok <<<"$(ratio "$t_crm" "$T" 1.2)"
row "show ID (whole process, mean of $RUNS)" "$(ms "$t_crm")" "$(ms "$T")" "$r" "<= 1.2x" "$ok" "$m_crm" "$M" 32

# --- (e) list with a filter ---------------------------------------------------------------
echo "list x $LRUNS ..." >&2
lcols="c.id, c.first_name, c.last_name, c.email, c.phone, c.account_id AS account,
  a.name AS account_name, c.lead_status, c.city, substr(c.tags, 2, length(c.tags) - 2) AS tags"
measure list "$out/list.csv" "$LRUNS" "$bin/crm-contact" --db "$db" list \
    -w "city = 'Kyiv' and score >= 50 and tags has 'vip'"
t_crm=$T m_crm=$M
n_crm=$(count_csv "$out/list.csv")
measure sqlite-list "$out/sqlite-list.csv" "$LRUNS" sqlite3 -init /dev/null -csv -header "$db" \
    "SELECT $lcols $from WHERE c.city = 'Kyiv' AND c.score >= 50 AND instr(c.tags, ';vip;') > 0 ORDER BY c.id"
n_ref=$(count_csv "$out/sqlite-list.csv")
want=$(truth_of kyiv_vip50)
read -r r ok <<<"$(ratio "$t_crm" "$T" 1.2)"
[ "$n_crm" = "$want" ] || ok=0
row "list city/score/vip: $n_crm rows (sqlite3 $n_ref, true $want)" "$(ms "$t_crm")" "$(ms "$T")" "$r" "<= 1.2x" "$ok" "$m_crm" "$M" 32

# --- (f) list ~ 'шевч' --------------------------------------------------------------------
measure contains "$out/contains.csv" "$LRUNS" "$bin/crm-contact" --db "$db" list -w "last_name ~ 'шевч'"
n_crm=$(count_csv "$out/contains.csv")
want=$(truth_of shevch)
like=$(sql "$db" "SELECT count(*) FROM contact WHERE last_name LIKE '%шевч%'")
ok=$(awk -v t="$T" -v a="$n_crm" -v b="$want" 'BEGIN { print (t <= 1.0 && a == b) }')
row "list last_name ~ 'шевч': $n_crm found, true $want (LIKE: $like)" "$(ms "$T")" "-" "-" "<= 1 s, exact" "$ok" "$M" "-" 32

# --- (g) search ---------------------------------------------------------------------------------
measure search "$out/search.csv" "$LRUNS" "$bin/crm-contact" --db "$db" search шевч
t_crm=$T m_crm=$M
n_crm=$(count_csv "$out/search.csv")
measure sqlite-search "$out/sqlite-search.csv" "$LRUNS" sqlite3 -init /dev/null -csv -header "$db" \
    "SELECT $lcols $from JOIN (SELECT rowid AS rid, rank FROM contact_fts WHERE contact_fts MATCH '\"шевч\"*') m ON m.rid = c.id ORDER BY m.rank, c.id"
n_ref=$(count_csv "$out/sqlite-search.csv")
read -r r ok <<<"$(ratio "$t_crm" "$T" 1.2)"
[ "$n_crm" = "$n_ref" ] || ok=0
row "search шевч (ranked): $n_crm rows (sqlite3 $n_ref)" "$(ms "$t_crm")" "$(ms "$T")" "$r" "<= 1.2x" "$ok" "$m_crm" "$M" 32

# --- the table -------------------------------------------------------------------------------------
{
    echo "crm bench: N=$N contacts, seed $SEED, $(date -u +%Y-%m-%dT%H:%MZ)," \
        "$(nproc) cpu $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)," \
        "sqlite $(sqlite3 -version | cut -d' ' -f1)"
    echo "CSV $(du -h "$csv" | cut -f1); crm db $(du -h "$db" | cut -f1), bare db $(du -h "$bare" | cut -f1)"
    echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg) (anything else running on the machine skews the figures)"
    echo
    table "job|crm|reference|ratio|target|crm RSS MiB|ref RSS MiB|result" "${rows[@]}"
    echo
    echo "Ratios: import = crm rows/s / reference rows/s; the others = crm time / reference time."
    echo "Memory limits: import <= 100 MiB, everything else <= 32 MiB."
} | tee "$res"
