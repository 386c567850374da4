#!/bin/sh
# Captures terraform's diagnostics for each errors/*.tf into errors/*.expected.
# How: each file is copied alone as main.tf into a temp dir and
#   TF_CLI_CONFIG_FILE=/dev/null terraform validate -json
# is run there (no init is needed for syntax errors). Diagnostics that come from
# Terraform's schema decoding rather than from the HCL parser are dropped (see the
# jq filter). One line per diagnostic, tab-separated:
#   summary  detail(\n escaped)  start line:col:byte  end line:col:byte
# Captured with Terraform 1.11.4.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tf=${TERRAFORM:-/usr/local/bin/terraform}
for f in "$here"/errors/*.tf; do
  d=$(mktemp -d)
  cp "$f" "$d/main.tf"
  (cd "$d" && TF_CLI_CONFIG_FILE=/dev/null "$tf" validate -json -no-color || true) > "$d/out.json"
  jq -r -f "$here/diagnostics.jq" "$d/out.json" > "${f%.tf}.expected"
  rm -rf "$d"
done
