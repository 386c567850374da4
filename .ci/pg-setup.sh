#!/bin/sh
# Makes PostgreSQL server binaries available for the pg backend tests, which start
# their own throw-away server on 127.0.0.1 (initdb + pg_ctl in a temp directory).
# Safe to run repeatedly; does nothing when the binaries are already there.
set -eu
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
  echo "pg-setup: PostgreSQL server binaries present"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  # The tests start their own server; the packaged cluster is not needed.
  $SUDO service postgresql stop >/dev/null 2>&1 || true
  echo "pg-setup: installed $(ls -d /usr/lib/postgresql/*/bin | head -1)"
else
  echo "pg-setup: no apt-get; pg backend tests will be skipped" >&2
fi
