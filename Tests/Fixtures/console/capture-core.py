#!/usr/bin/env python3
"""Records what Terraform's console prints for each expression in core-*.exprs.

Non-interactive `terraform console` prints only the result of the last input
line, so every expression runs in its own invocation (about 40 ms each).
Writes core-<name>.txt next to each core-<name>.exprs:

    === EXPR <expression>
    --- stdout
    <stdout bytes>
    --- stderr
    <stderr bytes>
    === END

Usage: capture-core.py [path/to/terraform]
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TERRAFORM = sys.argv[1] if len(sys.argv) > 1 else "/usr/local/bin/terraform"


def run(expr, workdir):
    env = dict(os.environ, TF_CLI_CONFIG_FILE="/dev/null", TF_IN_AUTOMATION="1")
    p = subprocess.run(
        [TERRAFORM, "console", "-no-color"],
        input=(expr + "\n").encode(),
        capture_output=True,
        cwd=workdir,
        env=env,
        timeout=60,
    )
    return p.stdout.decode("utf-8", "surrogateescape"), p.stderr.decode("utf-8", "surrogateescape")


def main():
    with tempfile.TemporaryDirectory(prefix="tf-console-capture-") as workdir:
        for name in sorted(os.listdir(HERE)):
            if not (name.startswith("core-") and name.endswith(".exprs")):
                continue
            with open(os.path.join(HERE, name), encoding="utf-8") as f:
                exprs = [line.rstrip("\n") for line in f if line.strip()]
            out = []
            for expr in exprs:
                stdout, stderr = run(expr, workdir)
                out.append("=== EXPR " + expr + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr + "=== END\n")
            target = os.path.join(HERE, name[: -len(".exprs")] + ".txt")
            with open(target, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write("".join(out))
            print(f"{target}: {len(exprs)} expressions")


if __name__ == "__main__":
    main()
