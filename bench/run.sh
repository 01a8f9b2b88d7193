#!/bin/bash
# run.sh - `make bench`: run every bench/*.sh (but this one) on the tools in
# $BUILD/bin, passing N (a size) when given.  Each prints its own figures.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
status=0
for b in "$here"/*.sh; do
    [ "${b##*/}" = run.sh ] && continue
    echo "== ${b##*/}"
    bash "$b" "$@" || status=1
done
exit $status
