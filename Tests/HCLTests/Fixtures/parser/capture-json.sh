#!/bin/sh
# Like capture.sh, for json-errors/*.tf.json (copied as main.tf.json). Captured with Terraform 1.11.4.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tf=${TERRAFORM:-/usr/local/bin/terraform}
for f in "$here"/json-errors/*.tf.json; do
  d=$(mktemp -d)
  cp "$f" "$d/main.tf.json"
  (cd "$d" && TF_CLI_CONFIG_FILE=/dev/null "$tf" validate -json -no-color || true) > "$d/out.json"
  jq -r -f "$here/diagnostics.jq" "$d/out.json" > "${f%.tf.json}.expected"
  rm -rf "$d"
done
