#!/bin/bash
# make bench [N=...]: the figures of the activity log, tasks and mail import.
#   N  activities imported (default 2000000, the issue's figure)
#   M  messages in the mbox for import-mail (default 100000)
# Prints one line per figure: what, how many, milliseconds.
set -eu
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD="$(pwd)/$BUILD" ;; esac
export PATH="$BUILD/bin:$PATH" TZ=UTC CRM_USER=user0 CRM_NOW=2026-01-15T10:00:00Z
N=${1:-2000000}
M=${M:-100000}
D=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
trap 'rm -rf "$D"' EXIT
export CRM_DB="$D/crm.db"
crm init -q

ms() { # ms CMD...: run with stdout to /dev/null, print the wall time in ms
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null
    e=$(date +%s%N)
    echo $(((e - s) / 1000000))
}

best() { # best CMD...: the best of 3 runs, wall and CPU (user+sys) time in ms
    local s e w bw=999999 c bc=999999
    for _ in 1 2 3; do
        s=$(date +%s%N)
        /usr/bin/time -f '%U %S' -o "$D/time" "$@" >/dev/null
        e=$(date +%s%N)
        w=$(((e - s) / 1000000))
        c=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$D/time")
        [ "$w" -lt "$bw" ] && bw=$w
        [ "$c" -lt "$bc" ] && bc=$c
    done
    echo "$bw ms (cpu $bc ms)"
}

# 20 users in 4 departments, 1000 accounts with one contact each.
awk 'BEGIN { print "name,department,email"; for (i = 0; i < 20; i++) printf "user%d,dept%d,user%d@ours.example\n", i, i % 4, i }' >"$D/users.csv"
crm user import -q "$D/users.csv"
awk 'BEGIN { print "name"; for (i = 1; i <= 1000; i++) print "Account " i }' >"$D/acc.csv"
crm-account import -q "$D/acc.csv"
awk 'BEGIN { print "first_name,email,account"; for (i = 1; i <= 1000; i++) printf "C%d,c%d@client%d.example,%d\n", i, i, i, i }' >"$D/con.csv"
crm-contact import -q "$D/con.csv"

# N activities over 2025-2026; account 1 gets 10000 of them; a fifth are meetings.
awk -v n="$N" 'BEGIN {
    print "kind,occurred_at,subject,account,owner,duration,attendees"
    split("call email meeting note visit", k, " ")
    for (i = 1; i <= n; i++) {
        a = (i <= 10000) ? 1 : 2 + (i % 999)
        d = (i * 7919) % 730
        y = 2025 + int(d / 365); d = d % 365
        printf "%s,%d-%02d-%02dT%02d:%02d:00Z,Activity %d,%d,user%d,%d,user%d\n", k[1 + i % 5], y, 1 + int(d / 31) % 12, 1 + d % 28, 8 + i % 10, i % 60, i, a, i % 20, i % 60, (i + 7) % 20
    }
}' >"$D/act.csv"
echo "import $N activities: $(ms crm-activity import -q "$D/act.csv") ms"
echo "timeline of an account with 10000 activities: $(best crm-activity timeline --account 1 -f csv)"
echo "timeline of an account, newest 50: $(best crm-activity timeline --account 1 --limit 50 -f csv)"
echo "timeline of a contact: $(best crm-activity timeline --contact c2@client2.example -f csv)"
n=$(crm-task agenda --all --from 2026-01-12 --to 2026-01-19 -f csv | wc -l)
echo "agenda of the company for a week ($((n - 1)) entries over $N activities): $(best crm-task agenda --all --from 2026-01-12 --to 2026-01-19 -f csv)"
echo "agenda of a department for a week: $(best crm-task agenda --department dept1 --from 2026-01-12 --to 2026-01-19 -f csv)"
echo "agenda of a user for a week: $(best crm-task agenda --user user3 --from 2026-01-12 --to 2026-01-19 -f csv)"
echo "view of the account with 10000 activities: $(best crm-account view 1 -f json)"

# import-mail: an mbox of M messages, each to one known contact, one in ten to nobody.
awk -v m="$M" 'BEGIN {
    for (i = 1; i <= m; i++) {
        c = (i % 10 == 0) ? "nobody" i "@else.example" : "c" (1 + i % 1000) "@client" (1 + i % 1000) ".example"
        printf "From user%d@ours.example Thu Jan 15 10:00:00 2026\n", i % 20
        printf "From: User <user%d@ours.example>\nTo: %s\n", i % 20, c
        printf "Subject: =?utf-8?B?0J/RgNC40LLRltGC?= number %d\n", i
        printf "Date: Thu, 15 Jan 2026 %02d:%02d:00 +0200\nMessage-ID: <bench%d@ours.example>\n", i % 24, i % 60, i
        printf "Content-Type: text/plain; charset=utf-8\n\nHello,\n>From the bench.\n\n"
    }
}' >"$D/mail.mbox"
echo "import-mail of $M messages: $(ms crm-activity import-mail -q "$D/mail.mbox") ms"
echo "import-mail again (nothing added): $(ms crm-activity import-mail -q "$D/mail.mbox") ms"
echo "database: $(du -m "$CRM_DB" | cut -f1) MB"
