"""Traps (Prototype.set_traps): the interpreter asks a watched pc's check just before the
instruction there runs, exactly as often as it runs, and a check that stops leaves the machine
between two instructions with the budget accounted for; a run through traps that never stop is
the same run as without them (output, results, errors), hooks, coroutines, metamethods and
instructions that jump to themselves included."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import under_tiers
from vm.errors import LuaError
from vm.runtime import compiled
from vm.runtime.function import RESUME, TRAP, LuaFunction, Prototype
from vm.session import Session

# each test under the interpreter and under the compiled tier (a translated block that holds a
# trap asks its check at its start, exactly as often as the interpreter would)
pytestmark = pytest.mark.usefixtures("tier")

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
TOPICS = ("closures", "coroutines", "metatables", "vm_calls", "vm_errors", "vm_coroutines")

SELF_JUMPS = (b"local n = 0\n"
              b"for i = 1, 5 do end\n"                       # FORLOOP jumping to itself
              b"for k in pairs({1, 2, 3}) do end\n"          # TFORLOOP, through its JMP, to itself
              b"local a, b = 1, 1\n"
              b"repeat n = n + 1 until n == 3\n"
              b"local t = setmetatable({}, {__index = function(t, k) return k * 2 end})\n"
              b"print(n, t[21], select('#', 1, 2, 3))\n")
HOOKED = (b"local lines = 0\n"
          b"debug.sethook(function(e, l) lines = lines + 1 end, 'lr')\n"
          b"local s = 0\n"
          b"for i = 1, 4 do s = s + i end\n"
          b"debug.sethook()\n"
          b"print(s, lines)\n")


LONG = {"tail_calls", "deep_recursion", "stack_overflow", "recursive_local"}  # millions of steps


def programs() -> list[Path]:
    found = sorted(p for t in TOPICS for p in (CORPUS / t).glob("*.lua") if p.stem not in LONG)
    assert len(found) > 20, "the corpus programs are missing"
    return found


def prototypes(fn: LuaFunction) -> list[Prototype]:
    out = []
    stack = [fn.p]
    while stack:
        p = stack.pop()
        out.append(p)
        stack.extend(p.protos)
    return out


def trace(source: bytes, name: bytes, cwd: Path, *, trapped: bool) -> tuple[bytes, object, list]:
    """Output, outcome and the (prototype, pc) of every instruction run: recorded by traps on
    every pc, or (trapped False) by running one instruction at a time and looking before each."""
    out = io.BytesIO()
    s = Session(out)
    seen: list[tuple[int, int]] = []
    here = os.getcwd()
    os.chdir(cwd)
    try:
        fn = s.load(source, name)
        protos = prototypes(fn)  # type: ignore[arg-type]
        ids = {id(p): i for i, p in enumerate(protos)}
        if trapped:
            for p in protos:
                def check(L, f, budget, p=p):
                    seen.append((ids[id(p)], f.pc))
                    return False
                p.set_traps({pc: check for pc in range(len(p.decoded))})
        s.start(fn, [])
        try:
            if trapped:
                done = s.step(1 << 40)
            else:
                done = False
                while not done:
                    f = s.state.frames[-1]
                    if f.cl is not None and id(f.cl.p) in ids and f.pc < len(f.cl.p.decoded):
                        seen.append((ids[id(f.cl.p)], f.pc))
                    done = s.step(1)
            assert done
            outcome: object = ("ok", len(s.results()))
        except LuaError as err:
            outcome = ("error", err.value if isinstance(err.value, bytes) else type(err.value))
    finally:
        os.chdir(here)
    return out.getvalue(), outcome, seen


def interpreted_trace(source: bytes, name: bytes, cwd: Path) -> tuple[bytes, object, list]:
    """The reference: the program run one instruction at a time by the interpreter alone
    (the same under either tier: a budget of 1 never runs a translated block)."""
    saved = compiled.mode
    compiled.set_mode("interp")
    try:
        return trace(source, name, cwd, trapped=False)
    finally:
        compiled.set_mode(saved)


# the compiled tier's side (its translations of every pc trapped are slow to make) on every
# other program and on those whose traps were asked twice before a __concat (see below)
BAILED = {"yield_across_boundaries", "concat_errors", "error_line_numbers", "concat_meta",
          "index_metamethod_errors", "loop_variable_names", "arg_adjustment"}
_ALL = programs()


@pytest.mark.parametrize(("path", "tier"),
                         under_tiers(_ALL, lambda i: i % 2 == 0 or _ALL[i].stem in BAILED,
                                     [f"{p.parent.name}/{p.stem}" for p in _ALL]),
                         indirect=["tier"])
def test_traps_on_every_pc_see_each_instruction_as_it_runs(path: Path, tier: str) -> None:
    """Under the compiled tier too: a trapped pc starts a translated block that asks the
    check, and an instruction the block leaves to the interpreter there (a CONCAT with
    __concat) is not asked again (it was: every trap before a __concat counted twice)."""
    src, name = path.read_bytes(), b"@" + path.name.encode()
    plain = interpreted_trace(src, name, path.parent)
    trapped = trace(src, name, path.parent, trapped=True)
    assert trapped[0] == plain[0] and trapped[1] == plain[1]
    if b"debug.sethook" not in src:  # (stepped, a hooked thread's steps also fire its events)
        assert trapped[2] == plain[2]


@pytest.mark.parametrize("source", [SELF_JUMPS, HOOKED], ids=["self-jumps", "hooked"])
def test_instructions_that_jump_to_themselves_and_hooks(source: bytes, tmp_path: Path) -> None:
    (tmp_path / "p.lua").write_bytes(source)
    expected = subprocess.run(["lua5.1", "p.lua"], cwd=tmp_path, capture_output=True,
                              check=True).stdout
    plain = trace(source, b"@p.lua", tmp_path, trapped=False)
    trapped = trace(source, b"@p.lua", tmp_path, trapped=True)
    assert trapped[:2] == plain[:2] and plain[0] == expected
    if source is not HOOKED:  # (stepped, a hooked thread's steps also fire its events)
        assert trapped[2] == plain[2]


def test_a_stop_leaves_the_machine_before_the_trapped_instruction() -> None:
    src = b"local s = 0\nfor i = 1, 10 do\n  s = s + i\nend\nprint(s)\n"
    out = io.BytesIO()
    s = Session(out)
    fn = s.load(src, b"@t.lua")
    p = fn.p  # type: ignore[attr-defined]
    add = next(pc for pc, ins in enumerate(p.decoded) if p.proto.lineinfo[pc] == 3)
    hits = []
    resume_at: list[int] = []

    def check(L, f, budget):
        hits.append(budget)
        if resume_at and resume_at[-1] == len(hits):
            return False  # passing the trap the run stopped at
        return f.R[p.nk + 4] == 4.0  # the loop's own i (R4) is 4

    p.set_traps({add: check})
    assert p.code[add][0] == TRAP and p.code[add][1:] == p.decoded[add][1:]
    assert p.traps[add].passing[add] == p.decoded[add]
    assert p.traps[add].passing[add + 1][0] == RESUME
    s.start(fn, [])
    L = s.state
    assert s.step(1000) is False
    left = -1 - L.budget
    assert 0 < left < 1000
    f = L.frames[-1]
    assert f.pc == add and f.R[p.nk] == 6.0  # 1 + 2 + 3: the fourth addition has not run
    # the instructions counted as run: 4 LOADKs, FORPREP, the FORLOOP it jumps to, then ADD
    # and FORLOOP 3 times
    assert 1000 - left == 4 + 1 + 1 + 2 * 3
    resume_at.append(len(hits) + 1)
    assert s.step(1000) is True
    assert out.getvalue() == b"55\n"
    p.set_traps({})
    assert p.code is p.decoded and p.traps == {}
