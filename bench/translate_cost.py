"""What translating a prototype to Python costs (the compiled tier, vm/runtime/compiled).

Usage: uv run python bench/translate_cost.py [--src DIR] [--no-third-party] [--counting]
                                             [--repeat N] [--top N] [--file F.lua ...]

Every prototype of a set of Lua files (the corpus tests/corpus/**.lua, the programs in
bench/programs, the third-party sources under --src (default /tmp/qa/src) when they are
there, and any --file) is translated the way the compiled tier translates it
(vm/runtime/compiled/translate.py's steps, called one by one): flow analysis, source
generation, Python's compile() of the source, and the rest (running the compiled code in its
namespace, the entry tables). Each step is timed in this process's CPU time
(time.process_time_ns: the machine's other load counts much less); each figure is the best of
--repeat runs, each run on fresh prototypes. Reported per group of files and in total: micro-
seconds per Lua instruction for each step and in all, and characters and lines of generated
source per instruction; --top lists the prototypes that cost the most. The variant translated
is the one a plain run uses (no budget counting, ``free``); --counting translates the one that
counts the budget (a debugger, a time limit, a hook). The code cache (codecache.py: the code
object of a source compiled before) is off for these figures; --cache adds one more pass over
everything with it on and warm (the same prototypes loaded again in one process).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vm.errors import LoadError  # noqa: E402
from vm.loader import load_chunk  # noqa: E402
from vm.runtime.compiled import codecache  # noqa: E402
from vm.runtime.compiled import translate as T  # noqa: E402
from vm.runtime.compiled.flow import Untranslatable  # noqa: E402
from vm.runtime.function import Prototype  # noqa: E402

CORPUS = REPO / "tests" / "corpus"
PROGRAMS = REPO / "bench" / "programs"
THIRD_PARTY = Path("/tmp/qa/src")
STEPS = ("flow", "generate", "compile", "rest")


@dataclass(slots=True)
class Cost:
    """One prototype's translation: nanoseconds per step, its size and its source's."""

    name: str
    instructions: int
    ns: dict[str, int] = field(default_factory=dict)
    chars: int = 0
    lines: int = 0
    translated: bool = True

    @property
    def total(self) -> int:
        return sum(self.ns.values())


def lua_files(groups: dict[str, list[Path]]) -> dict[str, list[Path]]:
    """Only the files that exist, each group sorted."""
    return {g: sorted(p for p in paths if p.is_file()) for g, paths in groups.items()}


def prototypes(path: Path) -> list[Prototype]:
    """Every prototype of the file, the main chunk first; none when it does not compile."""
    try:
        proto = load_chunk(path.read_bytes(), b"@" + path.name.encode())
    except LoadError:
        return []
    out = []
    todo = [Prototype(proto)]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(p.protos)
    return out


def translate_timed(p: Prototype, free: bool, name: str) -> Cost:
    """Translate p step by step as translate._translate does, timing each step."""
    clock = time.process_time_ns
    cost = Cost(name, len(p.decoded))
    traps: frozenset[int] = frozenset()
    try:
        t0 = clock()
        flow = T.analyse_proto(p, traps)
        t1 = clock()
        em, source = T.generate(p, flow, traps, free=free)
        t2 = clock()
        code = T.compile_source(p, source)
        t3 = clock()
        T.bind(p, flow, em, source, code)
        t4 = clock()
    except Untranslatable:
        cost.translated = False
        return cost
    cost.ns = {"flow": t1 - t0, "generate": t2 - t1, "compile": t3 - t2, "rest": t4 - t3}
    cost.chars = len(source)
    cost.lines = source.count("\n")
    return cost


def run_group(paths: list[Path], free: bool) -> list[Cost]:
    out = []
    for path in paths:
        for p in prototypes(path):
            name = f"{path.name}:{p.proto.linedefined}"
            out.append(translate_timed(p, free, name))
    return out


def best_of(paths: list[Path], free: bool, repeat: int) -> list[Cost]:
    """Each prototype's best time per step over the runs (fresh prototypes each run)."""
    best: list[Cost] | None = None
    for _ in range(repeat):
        gc.collect()
        costs = run_group(paths, free)
        if best is None:
            best = costs
            continue
        for b, c in zip(best, costs, strict=True):
            for step in STEPS:
                if step in c.ns and c.ns[step] < b.ns[step]:
                    b.ns[step] = c.ns[step]
    return best or []


def report(group: str, costs: list[Cost]) -> None:
    done = [c for c in costs if c.translated]
    n = sum(c.instructions for c in done)
    if not n:
        print(f"{group:12} no prototype translated")
        return
    per = {s: sum(c.ns[s] for c in done) / n / 1000 for s in STEPS}
    total = sum(per.values())
    chars = sum(c.chars for c in done) / n
    lines = sum(c.lines for c in done) / n
    cells = "  ".join(f"{per[s]:7.1f}" for s in STEPS)
    print(f"{group:12} {len(done):6} {n:8}  {cells}  {total:7.1f}  {chars:7.1f} {lines:6.2f}"
          f"  {len(costs) - len(done):5}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, default=THIRD_PARTY, help="third-party sources")
    ap.add_argument("--no-third-party", action="store_true")
    ap.add_argument("--counting", action="store_true",
                    help="the variant that counts the budget (default: the budget-free one)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cache", action="store_true",
                    help="also translate everything again with the code cache warm")
    ap.add_argument("--top", type=int, default=0, help="list the N costliest prototypes")
    ap.add_argument("--file", type=Path, action="append", default=[],
                    help="a Lua file or a directory of them (its *.lua, recursively)")
    args = ap.parse_args(argv)
    groups = {
        "corpus": [p for p in CORPUS.rglob("*.lua")
                   if "syntax_errors" not in p.relative_to(CORPUS).parts],
        "programs": list(PROGRAMS.glob("*.lua")),
    }
    if not args.no_third_party and args.src.is_dir():
        groups["third-party"] = list(args.src.rglob("*.lua"))
    extra: list[Path] = []
    for f in args.file:
        extra += list(f.rglob("*.lua")) if f.is_dir() else [f]
    if extra:
        groups["files"] = extra
    groups = lua_files(groups)
    free = not args.counting
    print(f"variant: {'budget-free' if free else 'counting'}; best of {args.repeat}; "
          "us per Lua instruction (CPU)")
    head = "  ".join(f"{s:>7}" for s in STEPS)
    print(f"{'group':12} {'protos':>6} {'instrs':>8}  {head}  {'total':>7}  "
          f"{'chars/i':>7} {'lines/i':>6}  {'untr.':>5}")
    everything: list[Cost] = []
    codecache.enabled = False
    for group, paths in groups.items():
        costs = best_of(paths, free, args.repeat)
        report(group, costs)
        everything += costs
    report("all", everything)
    if args.cache:
        codecache.enabled = True
        codecache.LIMIT = 1 << 40  # all of them kept: this pass shows a hit's cost
        codecache.clear()
        paths = [p for ps in groups.values() for p in ps]
        run_group(paths, free)  # warm: every source compiled once
        warm = best_of(paths, free, 1)
        report("all, cached", warm)
        print(f"code cache: {codecache.hits} hits, {codecache.misses} misses")
    if args.top:
        print("\ncostliest prototypes (us in all, us per instruction, instructions):")
        for c in sorted((c for c in everything if c.translated), key=lambda c: -c.total)[:args.top]:
            print(f"  {c.name:40} {c.total / 1000:9.0f} {c.total / 1000 / c.instructions:7.1f}"
                  f" {c.instructions:6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
