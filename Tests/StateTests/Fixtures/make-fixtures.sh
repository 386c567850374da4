#!/bin/sh
# Regenerates the terraform-made fixtures in this directory with Terraform 1.11.4
# (only the built-in terraform_data provider is needed, so it runs offline).
# Each expected/*.tfstate is terraform's own result; each expected/*.txt its own output.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tf=${TERRAFORM:-terraform}
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/config/." "$work/"
cd "$work"
$tf init -input=false >/dev/null
$tf apply -auto-approve -input=false >/dev/null
rm -rf "$here/expected" && mkdir -p "$here/expected"
cp terraform.tfstate "$here/full.tfstate"
E="$here/expected"

# Commands that change state: run on a copy, keep terraform's resulting file.
edit() { # name, then the command words
  name=$1; shift
  cp "$here/full.tfstate" "$work/edit.tfstate"
  rm -f "$work/out.tfstate"
  $tf "$@" >"$E/$name.stdout.txt" 2>"$E/$name.stderr.txt" || echo "exit $?" >>"$E/$name.stderr.txt"
  cp "$work/edit.tfstate" "$E/$name.tfstate"
  [ -f "$work/out.tfstate" ] && cp "$work/out.tfstate" "$E/$name.out.tfstate" || true
}
edit mv-resource state mv -state=edit.tfstate terraform_data.single terraform_data.renamed
edit mv-instance state mv -state=edit.tfstate 'terraform_data.counted[1]' 'terraform_data.moved["k"]'
edit mv-to-indexed state mv -state=edit.tfstate 'terraform_data.single' 'terraform_data.counted[3]'
edit mv-module state mv -state=edit.tfstate 'module.child["x"]' 'module.other'
edit mv-module-into state mv -state=edit.tfstate 'module.num[1]' 'module.child["x"].module.nested'
edit mv-res-into-module state mv -state=edit.tfstate 'terraform_data.each' 'module.num[0].terraform_data.each'
edit mv-state-out state mv -state=edit.tfstate -state-out=out.tfstate 'terraform_data.counted' 'terraform_data.counted'
edit mv-dry-run state mv -dry-run -state=edit.tfstate terraform_data.single terraform_data.renamed
edit rm-module state rm -state=edit.tfstate module.num
edit rm-instances state rm -state=edit.tfstate 'terraform_data.each["a"]' 'terraform_data.counted[0]'
edit rm-dry-run state rm -dry-run -state=edit.tfstate 'module.child'
edit rm-all-of-resource state rm -state=edit.tfstate 'terraform_data.counted'
edit taint taint -state=edit.tfstate 'terraform_data.each["b"]'
edit untaint-clean untaint -state=edit.tfstate 'terraform_data.single'
edit replace-provider state replace-provider -auto-approve -state=edit.tfstate terraform.io/builtin/terraform registry.terraform.io/acme/terraform

# Hand-written state with deposed objects, flat attributes, private data, checks, unsorted
# entries: terraform normalises it when it writes after an edit.
cp "$here/handmade.tfstate" "$work/edit.tfstate"
$tf state rm -state=edit.tfstate 'null_resource.empty' >/dev/null 2>&1 || true
cp "$work/edit.tfstate" "$E/handmade-rm-empty.tfstate"
cp "$here/handmade.tfstate" "$work/edit.tfstate"
$tf state mv -state=edit.tfstate 'null_resource.a' 'null_resource.aa' >/dev/null
cp "$work/edit.tfstate" "$E/handmade-mv.tfstate"

# A Terraform 0.11 (format 3) state: terraform upgrades it when it writes.
cp "$here/legacy-v3.tfstate" "$work/edit.tfstate"
$tf state rm -state=edit.tfstate 'null_resource.x' >/dev/null
cp "$work/edit.tfstate" "$E/legacy-v3-rm.tfstate"

# Read-only commands: keep stdout and stderr.
ro() { # name, then the command words
  name=$1; shift
  $tf "$@" >"$E/$name.stdout.txt" 2>"$E/$name.stderr.txt" || echo "exit $?" >>"$E/$name.stderr.txt"
}
ro list state list -state="$here/full.tfstate"
ro list-filter state list -state="$here/full.tfstate" module.child 'terraform_data.counted'
ro list-filter-key state list -state="$here/full.tfstate" 'module.child["y.z"]'
ro list-id state list -state="$here/full.tfstate" -id="$(sed -n 's/.*"id": "\(.*\)",/\1/p' "$here/full.tfstate" | head -1)"
ro list-unknown state list -state="$here/full.tfstate" module.nope
ro list-bad state list -state="$here/full.tfstate" foo
ro list-handmade state list -state="$here/handmade.tfstate"
for a in 'terraform_data.counted[0]' 'terraform_data.each["c d"]' 'terraform_data.single' 'module.num[0].module.deep.terraform_data.d' 'module.child["y.z"].data.terraform_remote_state.x' 'terraform_data.dependent'; do
  n=$(echo "$a" | tr -c 'a-zA-Z0-9\n' '_')
  ro "show-$n" state show -state="$here/full.tfstate" "$a"
done
ro show-json show -json
ro show-json-nocolor show -json -no-color
ro output output -no-color
ro output-json output -json
ro output-raw-s output -raw s
ro output-raw-n output -raw n
ro output-raw-l output -raw l
ro output-name-m output -no-color m
ro output-name-sec output sec
ro output-json-sec output -json sec
ro output-missing output nope
ro pull state pull
ro workspace-list workspace list
ro workspace-show workspace show
