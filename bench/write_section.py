# Replaces (or appends) one "## " section of BENCHMARKS.md with the Markdown file given, atomically.
# Usage: python3 bench/write_section.py <section.md>      (the file's first line is the section's "## " title)
import os, re, sys

section = open(sys.argv[1]).read().rstrip() + "\n"
path = "BENCHMARKS.md"
text = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
title = section.splitlines()[0]
pattern = re.compile(r"^" + re.escape(title) + r"\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
tmp = path + ".tmp"
open(tmp, "w").write(text)
os.replace(tmp, path)
