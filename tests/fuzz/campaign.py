"""A fuzzing campaign: random, deep, wide and mutated programs and mutated binary chunks, run in
ferrous (both tiers, in-process, with limits) and in lua5.1 (subprocess, time-out, ulimit -v).

    uv run python tests/fuzz/campaign.py [--seed S] [--count N] [--kinds plain,deep,...]
                                         [--no-lua] [--show N] [--save DIR]

Kinds: plain, deep, wide (generated programs), mutated (token mutations of generated programs
and of tests/corpus), chunks (luac5.1 output of those programs with bytes or instruction words
mutated). Per kind it prints the programs run, the internal errors (a Python exception out of
ferrous: must be 0), the programs where the two tiers differ, and where ferrous and lua5.1 both
ended normally but differently (output, error message or load error), with the first few
examples of each. Exit status 1 when there was an internal error or a tier difference.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.fuzz.harness import Outcome, run_ferrous, run_lua  # noqa: E402
from tests.fuzz.mutations import code_offsets, mutate_chunk, mutate_code, mutate_source  # noqa: E402
from tests.fuzz.programs import KINDS  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def corpus_programs() -> list[bytes]:
    return [p.read_bytes() for p in sorted(CORPUS.rglob("*.lua")) if "syntax_errors" not in p.parts]


def luac(source: bytes, where: Path, strip: bool) -> bytes | None:
    src = where / "base.lua"
    src.write_bytes(source)
    out = where / "base.luac"
    proc = subprocess.run(["luac5.1", *(["-s"] if strip else []), "-o", out.name, src.name],
                          capture_output=True, check=False, cwd=where)
    return out.read_bytes() if proc.returncode == 0 else None


def make(kind: str, rng: random.Random, bases: list[bytes], chunks: list[tuple[bytes, list]]) -> bytes:
    if kind in KINDS:
        return KINDS[kind](rng)
    if kind == "mutated":
        base = rng.choice(bases) if rng.random() < 0.5 else KINDS["plain"](rng)
        return mutate_source(rng, base, kind_only=rng.random() < 0.6)
    chunk, offsets = rng.choice(chunks)
    if rng.random() < 0.3:
        return mutate_chunk(rng, chunk)
    for _ in range(1 + rng.randrange(3)):
        chunk = mutate_code(rng, chunk, offsets)
    return chunk


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", default="campaign")
    parser.add_argument("--count", type=int, default=1000, help="programs of each kind")
    parser.add_argument("--kinds", default="plain,deep,wide,mutated,chunks")
    parser.add_argument("--no-lua", action="store_true", help="ferrous's tiers only (no lua5.1)")
    parser.add_argument("--show", type=int, default=3, help="examples printed per finding")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per program")
    parser.add_argument("--save", type=Path, help="write each finding's program here")
    args = parser.parse_args(argv)
    # a runaway allocation in ferrous becomes a MemoryError here, never swap for the machine
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    sys.setrecursionlimit(10_000)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    failed = False
    with tempfile.TemporaryDirectory(prefix="fuzz") as tmp:
        where = Path(tmp)
        rng0 = random.Random(f"{args.seed}/bases")
        bases = corpus_programs() + [KINDS["plain"](rng0) for _ in range(40)]
        chunks = []
        for i, base in enumerate(bases):
            chunk = luac(base, where, strip=i % 3 == 0)
            if chunk is not None:
                chunks.append((chunk, code_offsets(chunk)))
        for kind in args.kinds.split(","):
            rng = random.Random(f"{args.seed}/{kind}")
            counts: Counter[str] = Counter()
            examples: dict[str, list[tuple[bytes, str]]] = {}
            start = time.monotonic()
            for n in range(args.count):
                data = make(kind, rng, bases, chunks)
                t0 = time.monotonic()
                interp = run_ferrous(data, "interp")
                comp = run_ferrous(data, "compiled")
                counts["run"] += 1
                counts[f"ferrous {interp.kind}"] += 1
                found = []
                if "internal" in (interp.kind, comp.kind):
                    found.append(("internal", (interp if interp.kind == "internal" else comp).text.decode(
                        "utf-8", "replace")[-1500:]))
                elif interp != comp and "limit" not in (interp.kind, comp.kind):
                    found.append(("tiers differ", _diff(interp, comp)))
                if not args.no_lua:
                    lua = run_lua(data, where)
                    counts[f"lua5.1 {lua.kind}"] += 1
                    if lua.comparable() and interp.comparable() and lua != interp:
                        found.append(("differs from lua5.1", _diff(lua, interp)))
                if args.verbose:
                    print(f"{kind} {n}: {interp.kind} {comp.kind} {lua.kind if not args.no_lua else '-'} "
                          f"{time.monotonic() - t0:.2f} s {[w for w, _ in found]}", flush=True)
                for what, detail in found:
                    counts[what] += 1
                    failed |= what != "differs from lua5.1"
                    examples.setdefault(what, [])
                    if len(examples[what]) < args.show:
                        examples[what].append((data, detail))
                    if args.save:
                        (args.save / f"{kind}-{n}-{what.split()[0]}.bin").write_bytes(data)
            took = time.monotonic() - start
            print(f"== {kind}: {counts['run']} programs in {took:.0f} s: "
                  + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k != "run"))
            for what, items in examples.items():
                for data, detail in items:
                    shown = data[:300] if kind != "chunks" else data.hex()[:120].encode()
                    print(f"  -- {what}: {shown!r}\n     {detail}")
            sys.stdout.flush()
    return 1 if failed else 0


def _diff(x: Outcome, y: Outcome) -> str:
    a = x.text.splitlines()
    b = y.text.splitlines()
    for i, (p, q) in enumerate(zip(a, b, strict=False)):
        if p != q:
            return f"line {i + 1}: {p[:200]!r} vs {q[:200]!r}"
    return f"{x.kind} {a[-1:]!r} vs {y.kind} {b[-1:]!r} ({len(a)} vs {len(b)} lines)"


if __name__ == "__main__":
    raise SystemExit(main())
