#!/bin/sh
# Records what terraform fmt makes of every corpus file: the formatted file in
# expected/ (and second_pass/ where formatting that again changes it), and in expected.tsv per case: name, exit code, and the "FILE:LINE"
# of each diagnostic (for files terraform rejects). Needs terraform 1.11 on PATH.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
export TF_CLI_CONFIG_FILE=/dev/null
rm -rf "$here/expected" "$here/second_pass" && mkdir -p "$here/expected" "$here/second_pass"
manifest="$here/expected.tsv"
: > "$manifest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for dir in cases broken; do
  for f in "$here/$dir"/*; do
    name=$(basename "$f")
    rm -rf "$work"/* && cp "$f" "$work/$name"
    rc=0
    (cd "$work" && terraform fmt -no-color -list=false "$name" >/dev/null 2>"$work/.stderr") || rc=$?
    lines=$(grep -a -o '^  on [^ ]* line [0-9]*' "$work/.stderr" | sed 's/^  on \(.*\) line \(.*\)/\1:\2/' | tr '\n' ' ' | sed 's/ $//')
    printf '%s/%s\t%s\t%s\n' "$dir" "$name" "$rc" "$lines" >> "$manifest"
    if [ "$rc" = 0 ]; then
      cp "$work/$name" "$here/expected/$name"
      # terraform fmt is not always idempotent (an unwrapped "${"${x}"}" can
      # unwrap again); keep the second pass where it differs.
      (cd "$work" && terraform fmt -no-color -list=false "$name" >/dev/null 2>&1) || true
      cmp -s "$work/$name" "$here/expected/$name" || cp "$work/$name" "$here/second_pass/$name"
    fi
  done
done
echo "captured $(wc -l < "$manifest") cases"
