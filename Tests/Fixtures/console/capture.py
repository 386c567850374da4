#!/usr/bin/env python3
"""Regenerates functions-*.json from functions-*.txt by running each line
through the oracle, `terraform console`, in a fresh copy of fs/.

One process per expression: a non-interactive console stops at the first
error, so batching would lose every case after an error.

Machine-dependent text is normalised so the corpus is portable:
the working directory becomes @CWD@ and the home directory @HOME@.

Usage: capture.py [functions-string.txt ...]   (default: all lists)
"""
import glob, json, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TERRAFORM = os.environ.get("TERRAFORM", "terraform")


def version():
    out = subprocess.run([TERRAFORM, "version", "-json"], capture_output=True, text=True,
                         env=dict(os.environ, TF_CLI_CONFIG_FILE="/dev/null"))
    return json.loads(out.stdout)["terraform_version"]


def capture(list_path, workdir):
    cases = []
    home = os.path.expanduser("~")
    with open(list_path, encoding="utf-8") as f:
        exprs = [line.rstrip("\n") for line in f if line.strip()]
    for expr in exprs:
        p = subprocess.run([TERRAFORM, "console", "-state=" + os.path.join(os.path.dirname(workdir), "console.tfstate")], input=(expr + "\n").encode(),
                           capture_output=True, cwd=workdir, timeout=60,
                           env=dict(os.environ, TF_CLI_CONFIG_FILE="/dev/null"))
        def norm(b):
            s = b.decode("utf-8", errors="surrogateescape")
            s = s.replace(os.path.realpath(workdir), "@CWD@").replace(workdir, "@CWD@")
            return s.replace(home, "@HOME@")
        cases.append({"expr": expr, "stdout": norm(p.stdout), "stderr": norm(p.stderr),
                      "exit": p.returncode})
    return cases


def main():
    lists = sys.argv[1:] or sorted(glob.glob(os.path.join(HERE, "functions-*.txt")))
    tf_version = version()
    for list_path in lists:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = os.path.join(tmp, "fs")
            shutil.copytree(os.path.join(HERE, "fs"), workdir)
            cases = capture(list_path, workdir)
        out_path = os.path.splitext(list_path)[0] + ".json"
        with open(out_path, "w", encoding="utf-8") as f:
            json.dump({"terraform": tf_version, "cases": cases}, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(f"{os.path.basename(out_path)}: {len(cases)} cases, "
              f"{sum(c['exit'] != 0 for c in cases)} errors")


if __name__ == "__main__":
    main()
