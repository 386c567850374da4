#!/usr/bin/env bash
# The chain of issue 6: N terraform_data.a (for_each over a map) + N
# terraform_data.b (for_each = terraform_data.a). Times plan, apply and a
# no-op plan, with peak RSS, for terraswift at N (default 2000) and for
# terraform at TF_N (default 500) in the same run.
#   swift build -c release --product terraswift
#   bench/engine/run.sh [path/to/terraswift]
# ONLY=triggers runs only the replace_triggered_by / data depends_on case
# (TF_TRIGGERS_N=n adds terraform at n).
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
  printf "%-42s %8.2f s %8d MB\n" "$label" "$secs" "$((kb / 1024))"
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

module_config() {
  # The same chain through modules: N module.a instances (for_each over a map),
  # N module.b instances (for_each = module.a), one terraform_data each.
  echo "locals {"
  echo "  keys = {"
  for ((i = 0; i < $1; i++)); do echo "    k$i = $i"; done
  echo "  }"
  echo "}"
  cat <<TF
module "a" {
  source   = "./m"
  for_each = local.keys
  n        = each.value
}
module "b" {
  source   = "./m"
  for_each = module.a
  n        = each.value.out
}
TF
}

run_modules() { # name tool n
  local name="$1" tool="$2" n="$3"
  local dir; dir="$(mktemp -d)"
  mkdir -p "$dir/m"
  module_config "$n" > "$dir/main.tf"
  cat > "$dir/m/main.tf" <<TF
variable "n" {}
resource "terraform_data" "r" {
  input = var.n
}
output "out" {
  value = terraform_data.r.output
}
TF
  ( cd "$dir" && "$tool" init -no-color >/dev/null )
  measure "$name modules plan ($n+$n)" "$tool" "$dir" plan -no-color
  measure "$name modules apply ($n+$n)" "$tool" "$dir" apply -auto-approve -no-color
  measure "$name modules no-op plan ($n+$n)" "$tool" "$dir" plan -no-color
  rm -rf "$dir"
}

triggers_config() {
  # N terraform_data.t each with a keyless replace_triggered_by over the N
  # instances of terraform_data.a, and N module instances each holding a data
  # source with depends_on: the checks that used to scan every planned change.
  echo "locals {"
  echo "  keys = {"
  for ((i = 0; i < $1; i++)); do echo "    k$i = $i"; done
  echo "  }"
  echo "}"
  cat <<TF
variable "v" {
  default = "one"
}
resource "terraform_data" "a" {
  for_each = local.keys
  input    = "\${var.v}-\${each.value}"
}
resource "terraform_data" "t" {
  for_each = local.keys
  input    = each.value
  lifecycle {
    replace_triggered_by = [terraform_data.a]
  }
}
module "d" {
  source   = "./d"
  for_each = local.keys
  n        = each.value
}
TF
}

run_triggers() { # name tool n
  local name="$1" tool="$2" n="$3"
  local dir; dir="$(mktemp -d)"
  mkdir -p "$dir/d"
  triggers_config "$n" > "$dir/main.tf"
  echo '{"version":4,"terraform_version":"1.11.4","serial":1,"lineage":"bench","outputs":{},"resources":[]}' > "$dir/empty.tfstate"
  cat > "$dir/d/main.tf" <<TF
variable "n" {}
resource "terraform_data" "r" {
  input = var.n
}
data "terraform_remote_state" "s" {
  backend    = "local"
  config     = { path = "\${path.root}/empty.tfstate" }
  depends_on = [terraform_data.r]
}
TF
  ( cd "$dir" && "$tool" init -no-color >/dev/null )
  measure "$name triggers apply ($n*3)" "$tool" "$dir" apply -auto-approve -no-color
  measure "$name triggers no-op plan ($n*3)" "$tool" "$dir" plan -no-color
  measure "$name triggers fired plan ($n*3)" "$tool" "$dir" plan -no-color -var v=two
  rm -rf "$dir"
}

echo "                                       wall     peak RSS"
if [ "${ONLY:-}" = triggers ]; then
  run_triggers terraswift "$ts" "$N"
  if [ -n "${TF_TRIGGERS_N:-}" ]; then run_triggers terraform /usr/local/bin/terraform "$TF_TRIGGERS_N"; fi
  exit 0
fi
run_tool terraswift "$ts" "$N"
run_modules terraswift "$ts" "$N"
run_triggers terraswift "$ts" "$N"
if [ -x /usr/local/bin/terraform ]; then
  run_tool terraform /usr/local/bin/terraform "$TF_N"
  if [ -n "${TF_TRIGGERS_N:-}" ]; then run_triggers terraform /usr/local/bin/terraform "$TF_TRIGGERS_N"; fi
else
  echo "terraform not found: no comparison figures"
fi
