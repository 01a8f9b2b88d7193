#!/bin/sh
# Install the Debian packages crm needs to build and test, when any is missing.
# Uses sudo when not root.  Does nothing when everything is there.
pkgs="build-essential clang pkg-config libsqlite3-dev libcsv-dev libjansson-dev sqlite3
      mandoc shellcheck valgrind jq python3-icalendar perl chromium libclang-rt-14-dev"
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
