#!/bin/bash
# crm init: creates the database with mode 0600, never overwrites; other
# commands need an existing database; a newer schema is refused.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"

run crm-contact list
is_rc 66 "list without a database exits 66"
is_err_like "crm init" "the message says how to create one"
[ ! -e "$CRM_DB" ]
ok $? "list does not create the database"

run crm-contact add email=a@x.com
is_rc 66 "add without a database exits 66"
[ ! -e "$CRM_DB" ]
ok $? "add does not create the database"

run crm init
is_rc 0 "crm init creates the database"
[ ! -s "$T/out" ]
ok $? "init prints nothing on stdout"
run stat -c %a "$CRM_DB"
is_out "600" "the database has mode 0600"

run crm init
is_rc 73 "crm init refuses to overwrite"
is_err_like "already exists" "and says why"

run crm init --db "$T/other.db"
is_rc 0 "crm init --db PATH"
[ -f "$T/other.db" ]
ok $? "--db PATH is used"
run crm-contact count --db "$T/other.db"
is_rc 0 "count on the --db database"
is_out "0" "an empty database has no contacts"

printf 'x\n' >"$T/afile"
run crm init --db "$T/afile/crm.db"
is_rc 73 "crm init where no file can be created exits 73"
is_err_like "afile/crm.db" "the message names the path"

# XDG_DATA_HOME is the default place.
run env -u CRM_DB XDG_DATA_HOME="$T/xdg" crm init
is_rc 0 "init without --db or CRM_DB uses XDG_DATA_HOME (creating its directory)"
[ -f "$T/xdg/crm/crm.db" ]
ok $? "the database is \$XDG_DATA_HOME/crm/crm.db"

# A read-only database file: a write is an I/O error (root can write anyway).
cp "$CRM_DB" "$T/ro.db"
chmod 444 "$T/ro.db"
if [ "$(id -u)" = 0 ]; then
    t_n=$((t_n + 1)); echo "ok $t_n # skip read-only file test: running as root"
    t_n=$((t_n + 1)); echo "ok $t_n # skip read-only file test: running as root"
else
    run crm-contact add --db "$T/ro.db" email=a@x.com
    is_rc 74 "a write to a read-only database exits 74"
    is_err_like "read-only|readonly|permission" "with a clear message"
fi
run crm-contact count --db "$T/ro.db"
is_rc 0 "a read-only database can be read"

# A newer schema is refused with a clear message.
cp "$CRM_DB" "$T/new.db"
sqlite3 "$T/new.db" 'PRAGMA user_version=99'
run crm-contact list --db "$T/new.db"
is_rc 65 "a database of a newer schema is refused"
is_err_like "newer" "the message says the file is newer"
is_err_like "upgrade" "and what to do"
run crm-contact add --db "$T/new.db" email=a@x.com
is_rc 65 "a write to a newer database is refused too"
run sqlite3 "$T/new.db" 'select count(*) from contact'
is_out "0" "and nothing was written"

# Not a database at all.
printf 'hello\n' >"$T/junk.db"
run crm-contact list --db "$T/junk.db"
# shellcheck disable=SC2154 # rc is set by run (lib.sh)
[ "$rc" != 0 ]
ok $? "a file that is no database is an error (exit $rc)"
is_err_like "junk.db" "the message names the file"
done_testing
