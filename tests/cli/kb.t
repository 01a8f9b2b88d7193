#!/bin/bash
# crm-kb: articles, ranked full-text search in every script, suggest for a
# ticket, votes, and uses counted by crm-ticket resolve --kb.
. "$(dirname "$0")/lib.sh"

run crm init
run crm-kb add title='Printer jams on duplex' problem='paper jam when printing both sides' \
    solution='clean the rollers' product=printer status=published
is_rc 0 "add an article"
run crm-kb add title='Принтер не печатает' problem='печать не идёт после обновления' status=published
run crm-kb add title='VPN drops every hour' problem='connection lost, printer unaffected' status=published
run crm-kb add title='Paper jam (old)' problem='printer paper jam' status=archived
run crm-kb add title='Draft about jams' problem='jam jam jam'
is_out_like ',draft,' "status defaults to draft"

run crm-kb search jam --fields id
is_out "$(printf 'id\n5\n4\n1')" "search ranks by relevance (bm25): the most mentions first"
run crm-kb search принтер --fields id
is_out "$(printf 'id\n2')" "search in Cyrillic, prefix and case-insensitive"
run crm-kb search --fields id -w "status = 'published'" print
is_out "$(printf 'id\n1\n3')" "search with --where"
run crm-kb search
is_rc 64 "search without words is a usage error"

run crm-kb vote 1 up --fields helpful,not_helpful
is_out "$(printf 'helpful,not_helpful\n1,0')" "vote up counts helpful"
run crm-kb vote 1 down --fields helpful,not_helpful
is_out "$(printf 'helpful,not_helpful\n1,1')" "vote down counts not helpful"
run crm-kb vote 1 sideways
is_rc 64 "vote takes up or down"
run crm-kb vote 99 up
is_rc 1 "vote on a missing article is exit 1"
run crm-kb update 1 uses=5
is_rc 64 "uses is counted by crm, not set by hand"

run crm-ticket add subject='Printer paper jam' description='The printer jams when printing duplex'
is_rc 0 "a ticket to suggest for"
run crm-kb suggest 1 --fields id,title
is_out "$(printf 'id,title\n1,Printer jams on duplex\n3,VPN drops every hour')" \
    "suggest ranks published articles for the ticket's words"
run crm-kb suggest T-000001 --fields id --limit 1
is_out "$(printf 'id\n1')" "suggest takes a ticket number and --limit"
run crm-kb suggest 42
is_rc 1 "suggest for a missing ticket is exit 1"
is_err_like "no ticket '42'" "and says so"

run crm-ticket resolve 1 --solution 'cleaned the rollers' --kb 1
is_rc 0 "resolve with a kb article"
run crm-ticket resolve 1 --solution again --kb 3
is_rc 65 "resolving a resolved ticket is refused"
run crm-ticket add subject='Another jam'
run crm-ticket resolve 2 --solution 'same' --kb 1
run crm-ticket add subject='VPN'
run crm-ticket resolve 3 --solution 'router' --kb 3
run crm-kb list --sort -uses --fields id,uses
is_out "$(printf 'id,uses\n1,2\n3,1\n2,0\n4,0\n5,0')" "list --sort -uses shows the typical problems first"
run crm-kb history 1
is_out_like ',kb,1,update,uses,1,2$' "counting a use is in the history"

run crm-kb delete 1
is_rc 0 "an article used by tickets can be deleted"
run crm-ticket show 1 --fields kb
is_out $'kb\n' "and the tickets lose the link"
done_testing
