#!/bin/bash
# make demo: a short tour of crm on a sample database in a temporary place.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD="$top/$BUILD" ;; esac
export PATH="$BUILD/bin:$PATH"
dir=$(mktemp -d "${TMPDIR:-/tmp}/crm-demo.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export CRM_DB="$dir/crm.db" CRM_COUNTRY=UA CRM_USER=demo
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
show() { step "$*"; eval "$*"; }

show crm init
show "crm-account import '$top/tests/data/demo-accounts.csv'"
show "crm-contact import '$top/tests/data/demo-contacts.csv' --key email"
show "crm-contact import '$top/tests/data/demo-contacts.csv' --key email   # again: changes nothing"
show "crm-contact list -f table"
show "crm-contact list -f table -w \"city = 'Kyiv' and score >= 50\" --sort -score"
show "crm-contact list -f table -w \"last_name ~ 'шевч'\"          # case-insensitive in every script"
show "crm-contact list -f table -w \"account.industry = 'retail'\""
show "crm-contact list -f table -w \"phone = '+380441234567'\"    # any written form of a number"
show "crm-contact search -f table київ"
show "crm-contact list -w \"tags has 'vip'\" | crm-contact update - tags+=priority -f table"
show "crm-contact history 1 -f table"
show "crm-account show 1 -f json | jq '.[0].contacts'"
show "crm-contact export -f jsonl --limit 2"
show "crm-deal add name='20 laptops' account='Acme Retail' amount=24000 -f table --fields id,name,stage,probability,amount"
show "crm-deal move 1 proposal >/dev/null && crm-deal win 1 -f table --fields id,name,stage,status,closed_at"
show "crm-activity log call --contact ann@acme.example --outcome reached --duration 5m 'Delivery date agreed' -q >/dev/null && crm-activity timeline --account 'Acme Retail' -f table --fields id,kind,subject"
show "crm-ticket add subject='Laptop does not boot' contact=ann@acme.example priority=high -f table --fields number,subject,priority,status,due_response"
show "crm check"
