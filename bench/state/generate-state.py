#!/usr/bin/env python3
"""Writes a terraform v4 state with N resource instances (default 20,000, ~12 MB):
terraform_data resources in the root and in counted/for_each modules, with
outputs of several types. Deterministic, so both tools see the same bytes.
The layout is terraform's own (2-space MarshalIndent), so it round-trips."""
import json, sys, uuid, random

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
rnd = random.Random(42)
def uid():
    return str(uuid.UUID(int=rnd.getrandbits(128)))

resources = []
per = 50
made = 0
block = 0
while made < n:
    mod = "" if block % 4 == 0 else ('module.m%d[%d]' % (block % 7, block % 3) if block % 4 != 3 else 'module.env["e%d"].module.app' % (block % 11))
    count = min(per, n - made)
    insts = []
    for i in range(count):
        v = {"name": "item-%d-%d" % (block, i)}
        t = ["object", {"name": "string"}]
        attrs = {"id": uid(), "input": {"value": v, "type": t}, "output": {"value": v, "type": t}, "triggers_replace": None}
        insts.append({"index_key": i, "schema_version": 0, "attributes": attrs, "sensitive_attributes": []})
    r = {"mode": "managed", "type": "terraform_data", "name": "r%d" % block, "provider": 'provider["terraform.io/builtin/terraform"]', "instances": insts}
    if mod:
        r = {"module": mod, **r}
    resources.append(r)
    made += count
    block += 1

def key(r):
    return (r.get("module", ""), r["mode"], r["type"], r["name"])
# Each (module, name) pair must be unique: names carry the block number, so they are.
resources.sort(key=lambda r: (r.get("module", "").encode(), r["mode"].encode(), r["type"].encode(), r["name"].encode()))
outputs = {}
for i in range(200):
    outputs["o%03d" % i] = {"value": "value-%d" % i, "type": "string"}
outputs["list"] = {"value": list(range(100)), "type": ["list", "number"]}
outputs["secret"] = {"value": "hunter2", "type": "string", "sensitive": True}
state = {"version": 4, "terraform_version": "1.11.4", "serial": 1, "lineage": uid(), "outputs": dict(sorted(outputs.items())),
         "resources": resources, "check_results": None}
text = json.dumps(state, indent=2, ensure_ascii=False)
sys.stdout.write(text + "\n")
