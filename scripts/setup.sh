#!/usr/bin/env bash
# Installs what building and testing Terraswift needs on a fresh Debian 12 + Swift 6.3 machine.
# Safe to run again: it only installs what is missing.
set -euo pipefail

need=()
for pkg in libjson-c-dev libcurl4-openssl-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"
command -v swift >/dev/null || { echo "setup: swift not found (expected Swift 6.3 at /opt/swift)"; exit 1; }
