"""Random walks of debugger commands over corpus programs: whatever the order (forwards,
backwards, evaluations good and bad, breakpoints, restarts, collections, stale handles), only
Lua-level errors come out, never a Python exception."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pytest

from vm.debugger import Breakpoint, BreakpointError, Debugger
from vm.errors import LimitError, LoadError, LuaError
from vm.runtime.heap import StaleHandle
from vm.session import Session

CORPUS = Path(__file__).parent.parent / "corpus"
SNIPPETS = [b"1+1", b"x", b"x = 5", b"error('e')", b"local", b"=nil", b"(", b"return ...",
            b"collectgarbage()", b"coroutine.yield(1)", b"setmetatable(_G, nil)"]
CONDITIONS = [b"i == 3", b"x", b"n > 2", b"t.x ~= nil", b"error('c')", b"(", b"#s > 1",
              b"k .. v == 'a1'", b"coroutine.yield()", b"f(1)", b"not done"]


def _command(d: Debugger, rng: random.Random) -> None:
    op = rng.choice("sniocSNgebBrhx")
    if op == "s":
        d.step_instruction()
    elif op == "n":
        d.step_line()
    elif op == "i":
        d.step_into()
    elif op == "o":
        d.step_out()
    elif op == "c":
        d.break_on_caught_errors = rng.random() < 0.5
        d.continue_()
    elif op == "S":
        d.step_back()
    elif op == "N":
        d.step_back_line()
    elif op == "g":
        d.goto(rng.randint(-5, d.position + 5))
    elif op == "e":
        d.eval(rng.choice(SNIPPETS), rng.randint(-1, 3))
    elif op == "b":
        d.toggle_line_breakpoint(rng.randint(1, 30))
    elif op == "B":
        kind = rng.choice(["condition", "hits", "log", "function", "pc"])
        line = rng.randint(1, 30)
        if kind == "condition":
            d.add_breakpoint(Breakpoint(line=line, condition=rng.choice(CONDITIONS)))
        elif kind == "hits":
            d.add_breakpoint(Breakpoint(line=line, hits=rng.choice(["2", ">= 3", "% 2", "x"])))
        elif kind == "log":
            d.add_breakpoint(Breakpoint(line=line, log=b"at {" + rng.choice(CONDITIONS) + b"}"))
        elif kind == "function":
            d.add_breakpoint(Breakpoint(function=rng.choice([b"f", b"g", b"step", b"next"])))
        else:
            d.add_breakpoint(Breakpoint(pc=rng.randint(0, 20)))
    elif op == "r":
        d.restart()
    elif op == "h":
        objs = d.heap_objects()
        if objs:
            o = rng.choice(objs)
            d.resolve(o.index, o.generation + rng.choice([0, 1]))
    else:
        d.collect()


@pytest.mark.parametrize("seed", range(6))
def test_random_command_walks_raise_only_lua_errors(seed: int) -> None:
    rng = random.Random(seed)
    programs = sorted(p for p in CORPUS.glob("*/*.lua") if p.parent.name != "syntax_errors")
    for path in rng.sample(programs, 5):
        s = Session(out=io.BytesIO())
        cwd = os.getcwd()
        os.chdir(path.parent)
        try:
            d = Debugger(s, s.load(path.read_bytes(), b"@" + path.name.encode()))
            for _ in range(40):
                try:
                    _command(d, rng)
                except (LuaError, LoadError, LimitError, StaleHandle, BreakpointError):
                    pass
                d.frames()
                d.output_text()
        finally:
            os.chdir(cwd)
