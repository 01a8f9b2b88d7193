#!/bin/bash
# Every tool answers --version on stdout with exit 0.
# shellcheck source=/dev/null
. "$(dirname "$0")/lib.sh"

for tool in "$BUILD"/bin/*; do
    name=${tool##*/}
    run "$name" --version
    is_rc 0 "$name --version exits 0"
    is_out_like "^$name [0-9]+\.[0-9]+" "$name --version prints its name and version"
done
done_testing
