#!/bin/sh
# Captures the values terraform gives the constant strings in strings/strings.tf:
# for each local, `jsonencode(local.NAME)` is evaluated with terraform console
# (TF_CLI_CONFIG_FILE=/dev/null) and written as "NAME<TAB>console output".
# Captured with Terraform 1.11.4.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tf=${TERRAFORM:-/usr/local/bin/terraform}
d=$(mktemp -d)
cp "$here/strings/strings.tf" "$d/main.tf"
out="$here/strings/strings.expected"
: > "$out"
for n in $(grep -oE '^  [a-z0-9_]+ +=' "$here/strings/strings.tf" | awk '{print $1}'); do
  v=$(cd "$d" && echo "jsonencode(local.$n)" | TF_CLI_CONFIG_FILE=/dev/null "$tf" console)
  printf '%s\t%s\n' "$n" "$v" >> "$out"
done
rm -rf "$d"
