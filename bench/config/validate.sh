#!/usr/bin/env bash
# validate on a generated configuration of MODULES modules x RESOURCES resources
# (terraform_data only, so terraform can run the same work offline), timing
# terraform validate against terraswift validate. Prints the figures.
# Usage: bench/config/validate.sh [MODULES] [RESOURCES]   (defaults 200 50)
set -euo pipefail
cd "$(dirname "$0")/../.."
modules=${1:-200}
resources=${2:-50}
export TF_CLI_CONFIG_FILE=/dev/null
bin=${TERRASWIFT:-}
if [ -z "$bin" ]; then
  swift build -c release --product terraswift >/dev/null 2>&1
  bin="$(swift build -c release --show-bin-path)/terraswift"
fi
work=$(mktemp -d /tmp/terraswift-bench-validate.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$modules" "$resources" <<'PY'
import os, sys
root, modules, resources = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(os.path.join(root, "main.tf"), "w") as f:
    f.write('variable "prefix" {\n  default = "bench"\n}\n\n')
    for m in range(modules):
        f.write(f'module "m{m}" {{\n  source = "./modules/m{m}"\n  name   = "${{var.prefix}}-{m}"\n  tags   = {{ index = "{m}" }}\n}}\n\n')
    f.write('output "first" {\n  value = module.m0.ids\n}\n')
for m in range(modules):
    d = os.path.join(root, "modules", f"m{m}")
    os.makedirs(d)
    with open(os.path.join(d, "main.tf"), "w") as f:
        f.write('variable "name" {\n  type = string\n}\n\nvariable "tags" {\n  type = map(string)\n  default = {}\n}\n\n')
        f.write('locals {\n  base = { for k, v in var.tags : k => upper(v) }\n}\n\n')
        for r in range(resources):
            dep = f"terraform_data.r{r-1}.output" if r else "local.base"
            f.write(f'resource "terraform_data" "r{r}" {{\n  input = {{\n    name = "${{var.name}}-{r}"\n    prev = {dep}\n  }}\n  triggers_replace = [var.name]\n}}\n\n')
        f.write('output "ids" {\n  value = [' + ", ".join(f"terraform_data.r{r}.id" for r in range(resources)) + ']\n}\n')
PY
echo "generated: $modules modules x $resources resources ($(find "$work" -name '*.tf' | xargs cat | wc -l) lines)"
( cd "$work" && terraform init -backend=false -input=false >/dev/null )
time_of() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
tf=$(cd "$work" && time_of terraform validate)
ts=$(cd "$work" && time_of "$bin" validate)
ts2=$(cd "$work" && time_of "$bin" validate)
echo "terraform validate:  ${tf}s"
echo "terraswift validate: ${ts}s (second run ${ts2}s)"
echo "speed-up: $(echo "scale=1; $tf / $ts2" | bc)x"
( cd "$work" && "$bin" validate -no-color | head -3 )
