#!/bin/bash
# --help on stdout with exit 0 for every tool and verb; --version; unknown
# options and verbs are usage errors (64) on stderr.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"

for tool in crm-contact crm-account; do
    run "$tool" --help
    is_rc 0 "$tool --help exits 0"
    is_out_like "^usage: $tool VERB" "$tool --help prints usage on stdout"
    [ ! -s "$T/err" ]
    ok $? "$tool --help writes nothing on stderr"
    run "$tool" -h
    is_out_like "^usage: $tool VERB" "$tool -h"
    run "$tool" help
    is_rc 0 "$tool help exits 0"
    for verb in add show list update delete restore import export count search history; do
        run "$tool" "$verb" --help
        is_rc 0 "$tool $verb --help exits 0"
        is_out_like "^usage: $tool $verb " "$tool $verb --help prints its usage on stdout"
    done
    run "$tool" import --help
    is_out_like "--key" "import --help lists its own options"
    run "$tool" --version
    is_out_like "^$tool [0-9]+\.[0-9]+\.[0-9]+$" "$tool --version"
    run "$tool"
    is_rc 64 "$tool without a verb exits 64"
    is_err_like "^usage: $tool" "and shows the usage on stderr"
    [ ! -s "$T/out" ]
    ok $? "and nothing on stdout"
    run "$tool" frobnicate
    is_rc 64 "$tool: an unknown verb exits 64"
    is_err_like "unknown verb 'frobnicate'" "and names it"
    run "$tool" list --frobnicate
    is_rc 64 "$tool: an unknown option exits 64"
    is_err_like "unknown option '--frobnicate'" "and names it"
    run "$tool" list -Z
    is_rc 64 "$tool: an unknown short option exits 64"
    run "$tool" list --cascade
    is_rc 64 "$tool: an option of another verb exits 64"
    is_err_like "does not apply to 'list'" "and says so"
done

run crm --help
is_rc 0 "crm --help exits 0"
is_out_like "^usage: crm " "crm --help on stdout"
for verb in init sql check backup history field; do
    run crm "$verb" --help
    is_rc 0 "crm $verb --help exits 0"
    is_out_like "^usage: crm $verb" "crm $verb --help on stdout"
done
run crm user --help
is_rc 0 "crm user --help exits 0"
is_out_like "^usage: crm user" "crm user --help on stdout"
run crm contact --help
is_out_like "^usage: crm-contact" "crm contact --help is crm-contact's"
run crm --version
is_out_like "^crm [0-9]+\.[0-9]+" "crm --version"
run crm frobnicate
is_rc 64 "crm: an unknown verb exits 64"
run crm --frobnicate
is_rc 64 "crm: an unknown option exits 64"
run crm init --cascade
is_rc 64 "crm init: an option that does not apply exits 64"
done_testing
