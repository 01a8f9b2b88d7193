#!/bin/bash
# crm sql (read-only unless --write), crm check, crm backup.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"
run crm init -q
run crm-account add name=Acme
run crm-contact add first_name=Ann email=ann@x.com account=Acme
run crm-contact add first_name=Bob email=bob@x.com

run crm sql 'select id, first_name from contact order by id'
is_rc 0 "crm sql SELECT"
is_out "id,first_name
1,Ann
2,Bob" "prints the rows as CSV"
run crm sql 'select count(*) as n from contact' -f json
is_out '[
{"n":2}
]' "numbers are JSON numbers"
run crm sql "insert into contact (first_name) values ('Eve')"
is_rc 64 "INSERT without --write is refused (64)"
is_err_like "--write" "the message says how to allow it"
run crm sql "update contact set city = 'X'"
is_rc 64 "UPDATE without --write is refused"
run crm sql "select 1; delete from contact"
is_rc 64 "a write hidden after a read is refused"
run crm-contact count
is_out "2" "nothing was changed"
run crm sql "update contact set city = 'Kyiv' where id = 1" --write
is_rc 0 "--write allows a change"
run crm-contact show 1 --fields city --no-header
is_out "Kyiv" "and it is made"
run crm sql "select * from nosuch"
is_rc 64 "bad SQL is a usage error"
is_err_like "nosuch" "the message names the problem"
run crm sql
is_rc 64 "sql without a statement is a usage error"

run crm check
is_rc 0 "crm check on a good database"
is_err_like "consistent" "says it is consistent"
run crm check -q
[ ! -s "$T/err" ]
ok $? "check -q is quiet"

cp "$CRM_DB" "$T/bad.db"
sqlite3 "$T/bad.db" "update contact set email_key=NULL"
run crm check --db "$T/bad.db"
is_rc 1 "crm check finds a broken invariant (exit 1)"
is_out_like "^contact 1: email without email_key$" "names the record and the problem"
is_err_like "2 problems found" "and counts the problems"
cp "$CRM_DB" "$T/bad2.db"
sqlite3 "$T/bad2.db" "PRAGMA foreign_keys=OFF; delete from account where id=1"
run crm check --db "$T/bad2.db"
is_rc 1 "crm check finds a dangling reference"
cp "$CRM_DB" "$T/bad3.db"
sqlite3 "$T/bad3.db" "insert into contact_fts(contact_fts) values('delete-all')" 2>/dev/null ||
    sqlite3 "$T/bad3.db" "delete from contact_fts"
run crm check --db "$T/bad3.db"
is_rc 1 "crm check finds a full-text index out of step"

run crm backup "$T/copy.db"
is_rc 0 "crm backup FILE"
run stat -c %a "$T/copy.db"
is_out "600" "the copy has mode 0600"
run crm check --db "$T/copy.db"
is_rc 0 "crm check accepts the copy"
run crm-contact export --db "$T/copy.db"
cp "$T/out" "$T/copy.csv"
run crm-contact export
cmp -s "$T/out" "$T/copy.csv"
ok $? "the copy has the same rows"
run crm backup "$T/copy.db"
is_rc 73 "backup never overwrites"
is_err_like "exists" "and says why"
run crm backup
is_rc 64 "backup without FILE is a usage error"
run crm backup "$T/no/dir/x.db"
is_rc 73 "backup to a path that cannot be created exits 73"
done_testing
