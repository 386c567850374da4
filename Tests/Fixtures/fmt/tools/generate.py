#!/usr/bin/env python3
"""Builds the fmt corpus: Tests/Fixtures/fmt/cases/ from base/ plus generated
real-world-shaped files, each with MESSY variants (random indentation, spacing
around operators and '=', misalignment, blank lines, trailing spaces, tabs,
CRLF). Deterministic: fixed seeds. Run capture.sh afterwards to record what
terraform fmt makes of every case."""
import os, random, re, shutil, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE = os.path.join(ROOT, "base")
CASES = os.path.join(ROOT, "cases")
VARIANTS = 3
GENERATED = 90

# ---------------------------------------------------------------- realistic files
RES = [
    ("openstack_compute_instance_v2", lambda r, n: [
        ("name", f'"{n}-${{count.index}}"'), ("image_name", "var.image"), ("flavor_name", f'"m1.{r.choice(["small","medium","large"])}"'),
        ("key_pair", "openstack_compute_keypair_v2.kp.name"), ("security_groups", '["default"]'), ("count", str(r.randint(1, 5)))],
     ["network { uuid = var.network_id }", "metadata = {\nrole = \"worker\"\nteam = var.team\n}"]),
    ("openstack_networking_port_v2", lambda r, n: [
        ("name", f'"{n}-port"'), ("network_id", "openstack_networking_network_v2.net.id"), ("admin_state_up", "true")],
     ["fixed_ip {\nsubnet_id = openstack_networking_subnet_v2.sub.id\nip_address = \"10.0.0.%d\"\n}"]),
    ("openstack_blockstorage_volume_v3", lambda r, n: [
        ("name", f'"{n}-vol"'), ("size", str(r.choice([10, 20, 100, 500]))), ("volume_type", '"ssd"'), ("enable_online_resize", "true")], []),
    ("openstack_networking_secgroup_rule_v2", lambda r, n: [
        ("direction", '"ingress"'), ("ethertype", '"IPv4"'), ("protocol", '"tcp"'), ("port_range_min", "22"), ("port_range_max", "22"),
        ("remote_ip_prefix", '"0.0.0.0/0"'), ("security_group_id", "openstack_networking_secgroup_v2.sg.id")], []),
    ("rancher2_cluster_v2", lambda r, n: [
        ("name", f'"{n}"'), ("kubernetes_version", '"v1.28.9+rke2r1"'), ("enable_network_policy", "false")],
     ["rke_config {\nmachine_global_config = <<EOF\ncni: calico\ndisable-kube-proxy: false\nEOF\nmachine_pools {\nname = \"pool1\"\ncontrol_plane_role = true\netcd_role = true\nworker_role = true\nquantity = 1\n}\n}"]),
    ("rancher2_namespace", lambda r, n: [
        ("name", f'"{n}"'), ("project_id", "rancher2_project.p.id"), ("description", '"ns for ${var.team}"')],
     ["resource_quota {\nlimit {\nlimits_cpu = \"100m\"\nlimits_memory = \"100Mi\"\nrequests_storage = \"1Gi\"\n}\n}"]),
    ("kubernetes_config_map", lambda r, n: [],
     ["metadata {\nname = \"%s\"\nnamespace = var.namespace\n}" % "cm", "data = {\n\"app.conf\" = file(\"${path.module}/app.conf\")\nLOG_LEVEL = \"debug\"\n}"]),
    ("kubernetes_service", lambda r, n: [],
     ["metadata {\nname = \"svc\"\n}", "spec {\nselector = {\napp = \"web\"\n}\nport {\nport = 80\ntarget_port = 8080\n}\ntype = \"ClusterIP\"\n}"]),
    ("kubectl_manifest", lambda r, n: [("yaml_body", "file(\"${path.module}/m.yaml\")"), ("force_new", "true")], []),
    ("local_file", lambda r, n: [("filename", '"${path.module}/out/%s.txt"' % n), ("content", 'templatefile("t.tpl", { name = "%s" })' % n), ("file_permission", '"0644"')], []),
    ("random_password", lambda r, n: [("length", "24"), ("special", "true"), ("override_special", '"!#$%&*()-_=+[]{}<>:?"')], []),
    ("terraform_data", lambda r, n: [("input", "var.revision"), ("triggers_replace", "[var.a, var.b]")], []),
]
NAMES = ["web", "db", "cache", "worker", "api", "bastion", "lb", "mon", "etl", "queue", "edge", "auth"]
VAR_TYPES = ["string", "number", "bool", "list(string)", "map(string)", "object({\nname = string\nsize = optional(number, 10)\n})", "set(string)", "any"]


def realistic(r, idx):
    out = []
    if r.random() < 0.3:
        out.append("# Generated module %d\n# Owner: team-%s\n" % (idx, r.choice(NAMES)))
    for _ in range(r.randint(2, 6)):
        kind = r.random()
        name = r.choice(NAMES) + ("_%d" % r.randint(1, 9) if r.random() < 0.3 else "")
        if kind < 0.55:
            rtype, attrs, blocks = r.choice(RES)
            lines = ['resource "%s" "%s" {' % (rtype, name)]
            for k, v in attrs(r, name):
                c = ""
                if r.random() < 0.15:
                    c = " # " + r.choice(["TODO", "keep in sync", "see docs", "changed in v2"])
                if r.random() < 0.2 and not v.startswith('"${'):
                    v = '"${%s}"' % v if not v.startswith('"') and "\n" not in v else v
                lines.append("%s = %s%s" % (k, v, c))
            for b in blocks:
                if "%d" in b:
                    b = b % r.randint(2, 250)
                if r.random() < 0.4:
                    lines.append("")
                lines.extend(b.split("\n"))
            if r.random() < 0.3:
                lines.append("")
                lines.append("lifecycle {\nprevent_destroy = %s\n}" % r.choice(["true", "false"]))
            if r.random() < 0.2:
                lines.append("depends_on = [%s]" % ", ".join("terraform_data.%s" % r.choice(NAMES) for _ in range(r.randint(1, 3))))
            lines.append("}")
            out.append("\n".join(reindent(lines)) + "\n")
        elif kind < 0.75:
            t = r.choice(VAR_TYPES)
            lines = ['variable "%s" {' % name, "type = %s" % t, 'description = "The %s setting."' % name]
            if r.random() < 0.5:
                d = {"string": '"x"', "number": "3", "bool": "false", "list(string)": '["a", "b"]', "map(string)": "{}", "set(string)": "[]", "any": "null"}.get(t, "null")
                lines.append("default = %s" % d)
            if r.random() < 0.3:
                lines.append("validation {\ncondition = length(var.%s) > 0\nerror_message = \"Must not be empty.\"\n}" % name)
            lines.append("}")
            out.append("\n".join(reindent("\n".join(lines).split("\n"))) + "\n")
        elif kind < 0.88:
            lines = ['output "%s" {' % name, "value = %s" % r.choice([
                "openstack_compute_instance_v2.%s[*].access_ip_v4" % name, '"${module.%s.id}"' % name,
                "{ for k, v in var.%s : k => v.id }" % name, "[for s in var.servers : s.name if s.enabled]",
                "try(data.x.%s.result, null)" % name])]
            if r.random() < 0.4:
                lines.append("sensitive = true")
            if r.random() < 0.4:
                lines.append('description = "Output %s"' % name)
            lines.append("}")
            out.append("\n".join(reindent(lines)) + "\n")
        else:
            lines = ["locals {"]
            for j in range(r.randint(1, 6)):
                lines.append("%s_%d = %s" % (name, j, r.choice([
                    '"${var.prefix}-%s"' % name, "var.count * %d" % j, "merge(local.tags, { Name = \"%s\" })" % name,
                    "[for x in var.l : x if x != \"\"]", "lookup(var.m, \"%s\", \"def\")" % name, "!var.disabled",
                    "var.a == \"b\" ? 1 : 2", "-%d" % j, "{\nx = 1\nyy = 2\n}"])))
            lines.append("}")
            out.append("\n".join(reindent("\n".join(lines).split("\n"))) + "\n")
    return "\n".join(out)


def reindent(lines):
    depth, res, in_heredoc = 0, [], None
    for line in lines:
        if in_heredoc:
            res.append(line)
            if line.strip() == in_heredoc:
                in_heredoc = None
            continue
        s = line.strip()
        if s.startswith("}") or s.startswith("]") or s.startswith(")"):
            depth -= 1
        res.append(("  " * max(depth, 0) + s) if s else "")
        m = re.search(r"<<-?([A-Za-z_]+)$", s)
        if m:
            in_heredoc = m.group(1)
            continue
        depth += s.count("{") + s.count("[") + s.count("(") - s.count("}") - s.count("]") - s.count(")")
        if s.startswith("}") or s.startswith("]") or s.startswith(")"):
            depth += 1
    return res

# ---------------------------------------------------------------- messy variants

WORDISH = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-/*<>!&|.\"'")


def split_code(line, state):
    """Splits one line into ('code', text) and ('opaque', text) segments;
    strings, comments and template contents are opaque. state carries an open
    block comment across lines."""
    segs, i, n, buf = [], 0, len(line), ""
    if state.get("block"):
        end = line.find("*/")
        if end < 0:
            return [("opaque", line)]
        segs.append(("opaque", line[:end + 2]))
        i = end + 2
        state["block"] = False
    while i < n:
        c = line[i]
        if c == '"':
            if buf: segs.append(("code", buf)); buf = ""
            j, depth = i + 1, 0
            while j < n:
                if line[j] == "\\": j += 2; continue
                if line[j] in "$%" and line[j + 1:j + 2] == "{": depth += 1; j += 2; continue
                if line[j] == "}" and depth > 0: depth -= 1
                elif line[j] == '"' and depth == 0: break
                j += 1
            if j >= n:  # multi-line template: leave the rest alone
                segs.append(("opaque", line[i:])); state["broken"] = True; return segs
            segs.append(("opaque", line[i:j + 1])); i = j + 1; continue
        if c == "#" or line.startswith("//", i):
            if buf: segs.append(("code", buf)); buf = ""
            segs.append(("opaque", line[i:])); return segs
        if line.startswith("/*", i):
            if buf: segs.append(("code", buf)); buf = ""
            end = line.find("*/", i + 2)
            if end < 0:
                segs.append(("opaque", line[i:])); state["block"] = True; return segs
            segs.append(("opaque", line[i:end + 2])); i = end + 2; continue
        buf += c; i += 1
    if buf: segs.append(("code", buf))
    return segs


def mess_code(r, text, prev_char, next_char):
    def repl(m):
        s, e = m.start(), m.end()
        left = text[s - 1] if s > 0 else prev_char
        right = text[e] if e < len(text) else next_char
        can_collapse = not (left in WORDISH and right in WORDISH) and not (left == "=" and right in "=>") \
            and not (left in "!<>=" and right == "=") and not (left == ":" and right == ":")
        x = r.random()
        if x < 0.3 and can_collapse:
            return ""
        if x < 0.6:
            return " " * r.randint(1, 4)
        return m.group(0)
    text = re.sub(r" +", repl, text)
    # occasionally add spaces inside brackets and around '=' / ','
    def add(m):
        return m.group(0) + (" " * r.randint(1, 2) if r.random() < 0.25 else "")
    text = re.sub(r"[(\[{,]", add, text)
    return text


def messy(src, seed):
    r = random.Random(seed)
    bom = src.startswith("\ufeff")
    src = src.lstrip("\ufeff")
    crlf = "\r\n" in src
    lines = src.replace("\r\n", "\n").split("\n")
    out, heredoc, state = [], None, {}
    use_tabs = r.random() < 0.15
    for line in lines:
        if heredoc:
            out.append(line)
            if line.strip() == heredoc:
                heredoc = None
            continue
        was_block = state.get("block", False)
        m = re.search(r"<<-?([A-Za-z_][A-Za-z0-9_]*)\s*$", line)
        opener = None
        if m and '"' not in line[m.start():]:
            opener = m.group(1)
        segs = split_code(line, state)
        if was_block or state.get("broken"):
            state.pop("broken", None)
            out.append(line)
            if opener: heredoc = opener
            continue
        body = line.lstrip(" \t")
        if not body:
            out.append("")
        else:
            segs = split_code(body, {})
            pieces = []
            for k, (kind, t) in enumerate(segs):
                if kind == "code":
                    prev_c = segs[k - 1][1][-1:] if k > 0 else ""
                    next_c = segs[k + 1][1][:1] if k + 1 < len(segs) else ""
                    pieces.append(mess_code(r, t, prev_c or " ", next_c or " "))
                else:
                    pieces.append(t)
            body = "".join(pieces)
            if opener:  # keep the heredoc opener at the end of its line
                body = body.rstrip()
            ind = r.choice([0, 0, 1, 2, 2, 3, 4, 6, 8])
            lead = ("\t" * (ind // 2)) if use_tabs else " " * ind
            trail = " " * r.randint(1, 3) if (r.random() < 0.1 and not opener) else ""
            out.append(lead + body + trail)
        if opener:
            heredoc = opener
            continue
        if r.random() < 0.08 and not state.get("block"):
            out.extend([""] * r.randint(1, 3))
    text = "\n".join(out)
    if crlf or r.random() < 0.05:
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if bom else "") + text


def main():
    if os.path.isdir(CASES):
        shutil.rmtree(CASES)
    os.makedirs(CASES)
    bases = []
    for name in sorted(os.listdir(BASE)):
        with open(os.path.join(BASE, name), "rb") as f:
            bases.append((name, f.read().decode("utf-8")))
    r = random.Random(20261127)
    for i in range(GENERATED):
        bases.append(("gen_%03d.tf" % i, realistic(r, i)))
    count = 0
    for name, src in bases:
        stem, ext = split_ext(name)
        write(os.path.join(CASES, name), src)
        count += 1
        for v in range(VARIANTS):
            seed = sum(map(ord, name)) * 31 + v
            write(os.path.join(CASES, "%s.messy%d%s" % (stem, v, ext)), messy(src, seed))
            count += 1
    print("wrote %d cases to %s" % (count, CASES))


def split_ext(name):
    for ext in (".tftest.hcl", ".tfvars", ".tf"):
        if name.endswith(ext):
            return name[: -len(ext)], ext
    return name, ""


def write(path, text):
    with open(path, "wb") as f:
        f.write(text.encode("utf-8"))


if __name__ == "__main__":
    main()
