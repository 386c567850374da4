#!/usr/bin/env python3
"""Writes a large, unformatted, real-world-shaped .tf file (default 20,000
lines) for the fmt benchmark: messy variants of the corpus's base files and
generated resources, repeated with fresh names until the line count is reached."""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "Tests", "Fixtures", "fmt", "tools"))
import generate  # noqa: E402
import random  # noqa: E402

def main():
    target = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    out_path = sys.argv[1] if len(sys.argv) > 1 else "big.tf"
    r = random.Random(42)
    chunks, lines, i = [], 0, 0
    while lines < target:
        src = generate.realistic(r, i)
        text = generate.messy(src, i).replace("\r\n", "\n")
        # names must stay unique across repetitions for the file to stay valid HCL
        text = text.replace('" {', '_%d" {' % i)
        chunks.append(text + "\n")
        lines += text.count("\n") + 1
        i += 1
    data = "".join(chunks)
    # whole chunks only, so the file stays valid: slightly over the target
    with open(out_path, "w") as f:
        f.write(data)

if __name__ == "__main__":
    main()
