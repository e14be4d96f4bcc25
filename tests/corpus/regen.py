#!/usr/bin/env python3
"""Regenerate the expected outputs of the Lua 5.1 corpus.

For every ``<topic>/<name>.lua`` (except ``syntax_errors``) this runs
``lua5.1 <name>.lua`` with the file's directory as cwd and writes

* ``<name>.out`` -- the exact stdout bytes;
* ``<name>.err`` -- the exact stderr bytes, only when the exit status is
  nonzero or stderr is non-empty (a stale ``.err`` is removed otherwise).

For every ``syntax_errors/<name>.lua`` it runs ``luac5.1 -p <name>.lua``
(again with the file's directory as cwd) and writes ``<name>.err`` with
the stderr bytes; it complains if luac5.1 unexpectedly accepts the file.

Usage:  python3 tests/corpus/regen.py [--check] [paths...]
  --check   do not write anything, report files whose output differs.
  paths     restrict to these .lua files or directories.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LUA = os.environ.get("LUA51", "lua5.1")
LUAC = os.environ.get("LUAC51", "luac5.1")
TIMEOUT = 10


def lua_files(roots):
    out = []
    for root in roots:
        if os.path.isfile(root):
            out.append(os.path.abspath(root))
            continue
        for d, dirs, files in os.walk(root):
            dirs.sort()
            for f in sorted(files):
                if f.endswith(".lua"):
                    out.append(os.path.join(d, f))
    return sorted(out)


def write_or_check(path, data, check, problems):
    old = None
    if os.path.exists(path):
        with open(path, "rb") as fh:
            old = fh.read()
    if old == data:
        return
    if check:
        problems.append("differs: " + os.path.relpath(path, HERE))
    else:
        with open(path, "wb") as fh:
            fh.write(data)


def remove_or_check(path, check, problems):
    if os.path.exists(path):
        if check:
            problems.append("stale: " + os.path.relpath(path, HERE))
        else:
            os.remove(path)


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    files = lua_files(args or [HERE])
    problems = []
    n_prog = n_syn = 0
    for path in files:
        d, name = os.path.split(path)
        base = path[:-4]
        topic = os.path.basename(d)
        if topic == "syntax_errors":
            n_syn += 1
            p = subprocess.run([LUAC, "-p", name], cwd=d, capture_output=True,
                               timeout=TIMEOUT)
            if p.returncode == 0:
                problems.append("compiles without error: "
                                + os.path.relpath(path, HERE))
            write_or_check(base + ".err", p.stderr, check, problems)
            remove_or_check(base + ".out", check, problems)
        else:
            n_prog += 1
            p = subprocess.run([LUA, name], cwd=d, capture_output=True,
                               timeout=TIMEOUT, stdin=subprocess.DEVNULL)
            write_or_check(base + ".out", p.stdout, check, problems)
            if p.returncode != 0 or p.stderr:
                write_or_check(base + ".err", p.stderr, check, problems)
            else:
                remove_or_check(base + ".err", check, problems)
    for msg in problems:
        print(msg)
    print("%d programs, %d syntax-error files, %d problems"
          % (n_prog, n_syn, len(problems)))
    return 1 if (check and problems) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
