#!/usr/bin/env bash
# The chain of issue 6: N terraform_data.a (for_each over a map) + N
# terraform_data.b (for_each = terraform_data.a). Times plan, apply and a
# no-op plan, with peak RSS, for terraswift at N (default 2000) and for
# terraform at TF_N (default 500) in the same run.
#   swift build -c release --product terraswift
#   bench/engine/run.sh [path/to/terraswift]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ts="${1:-$here/../../.build/release/terraswift}"
N="${N:-2000}"
TF_N="${TF_N:-500}"
export TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1

config() {
  # A literal map: terraform's range() stops at 1024 elements.
  echo "locals {"
  echo "  keys = {"
  for ((i = 0; i < $1; i++)); do echo "    k$i = $i"; done
  echo "  }"
  echo "}"
  cat <<TF
resource "terraform_data" "a" {
  for_each = local.keys
  input    = each.value
}
resource "terraform_data" "b" {
  for_each = terraform_data.a
  input    = each.value.output
}
TF
}

measure() { # label tool dir args...
  local label="$1" tool="$2" dir="$3"; shift 3
  local t; t="$(mktemp)"
  ( cd "$dir" && /usr/bin/time -f "%e %M" -o "$t" "$tool" "$@" >/dev/null 2>"$dir/stderr.log" ) || { echo "$label: FAILED"; cat "$dir/stderr.log"; rm -f "$t"; return 1; }
  read -r secs kb < <(tail -1 "$t")
  printf "%-34s %8.2f s %8d MB\n" "$label" "$secs" "$((kb / 1024))"
  rm -f "$t"
}

run_tool() { # name tool n
  local name="$1" tool="$2" n="$3"
  local dir; dir="$(mktemp -d)"
  config "$n" > "$dir/main.tf"
  measure "$name plan ($n+$n)" "$tool" "$dir" plan -no-color
  measure "$name apply ($n+$n)" "$tool" "$dir" apply -auto-approve -no-color
  measure "$name no-op plan ($n+$n)" "$tool" "$dir" plan -no-color
  rm -rf "$dir"
}

echo "                                       wall     peak RSS"
run_tool terraswift "$ts" "$N"
if [ -x /usr/local/bin/terraform ]; then
  run_tool terraform /usr/local/bin/terraform "$TF_N"
else
  echo "terraform not found: no comparison figures"
fi
