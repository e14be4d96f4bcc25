"""The debugger: stepping gives the same run as running; going back and forward again gives
every earlier state exactly; line stepping stops where Lua 5.1's line hook fires; stops on
breakpoints and errors; evaluation in a paused frame."""

from __future__ import annotations

import io
import os
import subprocess
import threading
from pathlib import Path

import pytest

from tests.conftest import under_tiers
from vm.debugger import Debugger
from vm.runtime.coroutine import Coroutine
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.heap import StaleHandle
from vm.runtime.table import LuaTable
from vm.runtime.values import Userdata
from vm.session import Session

CORPUS = Path(__file__).parent.parent / "corpus"

# closures, coroutines, metamethods, table.sort with a comparator, errors caught by pcall
PROGRAMS = [
    "closures/counter.lua",
    "closures/shared_upvalues.lua",
    "closures/loop_upvalues.lua",
    "coroutines/generators.lua",
    "coroutines/producer_consumer.lua",
    "coroutines/errors_in_coroutines.lua",
    "metatables/compare_meta.lua",
    "metatables/arith_meta.lua",
    "metatables/index_newindex.lua",
    "vm_calls/sort_with_comparator.lua",
    "vm_errors/nested_pcall.lua",
    "vm_gc/finalizer_order.lua",
]


def _programs() -> list[Path]:
    found = [CORPUS / p for p in PROGRAMS if (CORPUS / p).exists()]
    assert len(found) >= 8, "the corpus programs this test steps through are missing"
    return found


# Every test runs under both tiers (going back replays with budgets that run translated
# blocks, which must stop exactly where the interpreter stops). The two slow walks back over
# every state are split for the compiled tier, each program walked back once under it: the
# plain walk (checkpoints far apart, long replays) for half the programs, the walk through
# dense marks (undo journal, short replays) for the other half, to keep the suite's time.
pytestmark = pytest.mark.usefixtures("tier")
WALKED_BACK_COMPILED = {"counter.lua", "shared_upvalues.lua", "loop_upvalues.lua",
                        "errors_in_coroutines.lua", "index_newindex.lua", "nested_pcall.lua"}


def _under(names: set[str]) -> list:
    """(path, tier): every program under the interpreter, those named under the compiled tier."""
    paths = _programs()
    return under_tiers(paths, lambda i: paths[i].name in names, [p.name for p in paths])


WALKED_BACK_DENSE = {p.name for p in _programs()} - WALKED_BACK_COMPILED


def _debugger(path: Path) -> Debugger:
    s = Session()
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        fn = s.load(path.read_bytes(), b"@" + path.name.encode())
    finally:
        os.chdir(cwd)
    return Debugger(s, fn)


def _label(d: Debugger, v: object) -> object:
    if v.__class__ in (LuaTable, LuaFunction, Builtin, Userdata, Coroutine):
        h = d.state.heap.handle_of(v)
        return ("obj", h.index, h.generation)
    return (v.__class__.__name__, v)


def digest(d: Debugger) -> tuple:
    """The whole observable state: position, output, every frame (line, pc, registers,
    varargs, upvalues) and every object of the heap arena with its contents, objects named by
    their handles."""
    frames = tuple(
        (f.what, f.name, f.source, f.line, f.pc,
         tuple((r.name, _label(d, r.value)) for r in f.registers),
         tuple(_label(d, v) for v in f.varargs),
         tuple((u.name, u.is_open, u.register, u.owner, _label(d, u.value)) for u in f.upvalues))
        for f in d.frames())
    heap = []
    arena = d.state.heap
    for i, obj in enumerate(list(arena.objects)):
        if obj is None:
            heap.append((i, arena.generations[i], None))
            continue
        if obj.__class__ is LuaTable:
            content = tuple((_label(d, k), _label(d, v)) for k, v in obj.items())
            content += (_label(d, obj.metatable),)
        elif obj.__class__ is LuaFunction:
            content = tuple(_label(d, c.regs[c.idx]) for c in obj.upvals)
        elif obj.__class__ is Coroutine:
            content = (obj.status, len(obj.frames))
        else:
            content = ()
        heap.append((i, arena.generations[i], obj.__class__.__name__, content))
    pending = d.pending_error.value if d.pending_error is not None else None
    return (d.position, d.done, d.output_text(), frames, tuple(heap), _label(d, pending))


def _globals_text(L) -> list[str]:
    """The program's final state as text: every value reachable from the globals, tables by
    the first path that reaches them (so shared and cyclic tables show as such), keys sorted;
    no addresses or handles, so a plain run and a debugged one compare."""
    lines: list[str] = []
    seen: dict[int, str] = {}

    def show(v: object) -> str:
        if v.__class__ is LuaFunction:
            return f"function {v.p.proto.source!r}:{v.p.proto.linedefined}"  # type: ignore[attr-defined]
        if v.__class__ is Builtin:
            return f"builtin {v.name}"  # type: ignore[attr-defined]
        if v.__class__ in (Userdata, Coroutine):
            return v.__class__.__name__
        return repr(v)

    stack = [("_G", L.globals)]
    while stack:
        path, t = stack.pop()
        if id(t) in seen:
            continue
        seen[id(t)] = path
        for k, v in sorted(t.items(), key=lambda kv: (kv[0].__class__.__name__, repr(kv[0]))):
            here = f"{path}[{k!r}]"
            if v.__class__ is LuaTable:
                lines.append(f"{here} = table {seen.get(id(v), here)}")
                stack.append((here, v))
            else:
                lines.append(f"{here} = {show(v)}")
    return sorted(lines)


@pytest.mark.parametrize("path", _programs(), ids=lambda p: p.name)
def test_stepping_one_instruction_at_a_time_is_the_same_run(path: Path) -> None:
    expected = path.with_suffix(".out").read_bytes()
    d = _debugger(path)
    while not d.done:
        d.step_instruction()
    assert d.failure is None
    assert d.output_text() == expected  # lua5.1's own output, recorded next to the program
    plain = Session(out=io.BytesIO())
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        plain.call(plain.load(path.read_bytes(), b"@" + path.name.encode()))
    finally:
        os.chdir(cwd)
    assert plain.state.out.getvalue() == expected
    assert _globals_text(d.state) == _globals_text(plain.state)


@pytest.mark.parametrize(("path", "tier"), _under(WALKED_BACK_COMPILED), indirect=["tier"])
def test_back_to_the_start_and_forward_again_gives_every_state(path: Path, tier: str) -> None:
    d = _debugger(path)
    forward = [digest(d)]
    while not d.done:
        d.step_instruction()
        forward.append(digest(d))
    n = len(forward) - 1
    backward = [None] * (n + 1)
    for pos in range(d.position - 1, -1, -1):
        d.step_back()
        assert d.position == pos
        backward[pos] = digest(d)
    for pos in range(0, n):
        assert backward[pos] == forward[pos], f"state at position {pos} differs going back"
    again = [digest(d)]
    while not d.done:
        d.step_instruction()
        again.append(digest(d))
    assert again == forward


def _lua51_line_events(source: bytes, tmp_path: Path) -> list[int]:
    """The lines at which real Lua 5.1's line hook fires in the main chunk and the Lua
    functions it calls (the hook is set before the chunk starts)."""
    prog = tmp_path / "prog.lua"
    prog.write_bytes(source)
    # hooks are per thread in 5.1: give every coroutine the hook too
    hook = ("local function h(e, l) local s = debug.getinfo(2, 'S').source "
            "if s == '@prog.lua' then io.stderr:write(l, '\\n') end end "
            "debug.sethook(h, 'l') local create = coroutine.create "
            "coroutine.create = function(f) local co = create(f) debug.sethook(co, h, 'l') "
            "return co end")
    done = subprocess.run(["lua5.1", "-e", hook, "prog.lua"], cwd=tmp_path, capture_output=True,
                          check=False)
    return [int(x) for x in done.stderr.split()]


STEP_PROGRAMS = [
    b"local x = 1\nlocal y = 2\nprint(x + y)\n",
    b"local function f(a)\n  local b = a * 2\n  return b\nend\nlocal s = 0\n"
    b"for i = 1, 3 do\n  s = s + f(i)\nend\nprint(s)\n",
    b"local t = {3, 1, 2}\ntable.sort(t, function(a, b)\n  return a < b\nend)\n"
    b"print(t[1], t[2], t[3])\n",
    b"local i = 0\nwhile i < 3 do i = i + 1 end\nrepeat\n  i = i - 1\nuntil i == 0\nprint(i)\n",
    b"local co = coroutine.create(function(a)\n  local b = coroutine.yield(a)\n  return b\nend)\n"
    b"print(coroutine.resume(co, 1))\nprint(coroutine.resume(co, 2))\n",
    b"local mt = {__add = function(a, b)\n  return a.v + b.v\nend}\n"
    b"local a = setmetatable({v = 1}, mt)\nlocal b = setmetatable({v = 2}, mt)\nprint(a + b)\n",
    b"local function fact(n)\n  if n <= 1 then\n    return 1\n  end\n  return n * fact(n - 1)\nend\n"
    b"print(fact(4))\n",
]


@pytest.mark.parametrize("source", STEP_PROGRAMS, ids=range(len(STEP_PROGRAMS)))
def test_step_into_stops_where_lua51_line_hook_fires(source: bytes, tmp_path: Path) -> None:
    expected = _lua51_line_events(source, tmp_path)
    s = Session()
    d = Debugger(s, s.load(source, b"@prog.lua"))
    lines = []
    # the start is the first line event (entering the main chunk)
    while not d.done:
        top = d.frames()[0]
        if top.what != "C":
            lines.append(top.line)
        d.step_into()
    assert lines == expected


def test_step_over_stays_in_the_function_and_step_out_returns() -> None:
    src = (b"local function f(a)\n"   # 1
           b"  local b = a + 1\n"     # 2
           b"  return b\n"            # 3
           b"end\n"                   # 4
           b"local x = f(1) + 0\n"    # 5
           b"local y = f(x)\n"        # 6
           b"print(x, y)\n")          # 7
    s = Session()
    d = Debugger(s, s.load(src, b"@p.lua"))
    seen = []
    while not d.done:
        seen.append(d.frames()[0].line)
        d.step_line()
    assert seen == [4, 5, 6, 7]
    d.restart()
    d.step_line()  # line 5
    stop = d.step_into()
    assert stop.reason == "line" and d.frames()[0].line == 2 and len(d.frames()) == 2
    stop = d.step_out()
    assert stop.reason == "return" and len(d.frames()) == 1 and d.frames()[0].line == 5
    assert d.output_text() == b""
    d.continue_()
    assert d.output_text() == b"2\t3\n"


def test_breakpoints_on_lines_functions_conditions() -> None:
    src = (b"local function step(i)\n"  # 1
           b"  return i * 2\n"          # 2
           b"end\n"                     # 3
           b"local total = 0\n"         # 4
           b"for i = 1, 10 do\n"        # 5
           b"  total = total + step(i)\n"  # 6
           b"end\n"                     # 7
           b"print(total)\n")           # 8
    s = Session()
    d = Debugger(s, s.load(src, b"@b.lua"))
    d.toggle_line_breakpoint(6)
    hits = 0
    while d.continue_().reason == "breakpoint":
        hits += 1
    assert hits == 10 and d.output_text() == b"110\n"

    d.restart()
    d.breakpoints.clear()
    from vm.debugger import Breakpoint

    d.breakpoints.append(Breakpoint(line=2, condition=b"i == 7"))
    stop = d.continue_()
    assert stop.reason == "breakpoint" and d.eval(b"i") == [7.0]
    assert d.eval(b"total", depth=1) == [42.0]

    d.restart()
    d.breakpoints[:] = [Breakpoint(function=b"step")]
    stop = d.continue_()
    assert stop.reason == "breakpoint" and d.frames()[0].name == b"local 'step'"


def test_an_error_stops_before_the_stack_unwinds() -> None:
    src = (b"local function inner(t)\n"
           b"  local k = 'x'\n"
           b"  return t[k].y\n"
           b"end\n"
           b"local ok, msg = pcall(inner, {})\n"
           b"print(ok, msg)\n"
           b"inner({x = false})\n")
    s = Session()
    d = Debugger(s, s.load(src, b"@e.lua"))
    stop = d.continue_()  # the caught error does not stop by default
    assert stop.reason == "error"
    # the texts lua5.1 gives for this program (5.1 names t[k] with a local key '?')
    assert stop.message == "e.lua:3: attempt to index field '?' (a boolean value)"
    assert d.output_text() == b"false\te.lua:3: attempt to index field '?' (a nil value)\n"
    top = d.frames()[0]
    assert top.name == b"global 'inner'" or top.line == 3
    assert {r.name: r.value for r in top.registers if r.name} == {b"t": top.registers[0].value,
                                                                   b"k": b"x"}
    assert d.eval(b"k .. '!'") == [b"x!"]
    stop = d.continue_()
    assert stop.reason == "done" and d.failure is not None
    d.restart()
    d.break_on_caught_errors = True
    stop = d.continue_()
    assert stop.reason == "error" and "a nil value" in stop.message
    d.step_back()
    stop = d.step_instruction()
    assert stop.reason == "error" and "a nil value" in stop.message


def test_evaluations_become_history() -> None:
    src = b"local a = 1\nlocal b = 2\nprint(a + b)\nprint(a * b)\n"
    s = Session()
    d = Debugger(s, s.load(src, b"@v.lua"))
    d.step_line()
    d.step_line()  # a and b are set; line 3 is next
    d.eval(b"a = 10")
    assert d.eval(b"a, b") == [10.0, 2.0]
    d.continue_()
    assert d.output_text() == b"12\n20\n"
    d.goto(0)
    d.continue_()
    assert d.output_text() == b"12\n20\n"  # the evaluation is replayed where it was made
    d.restart()
    d.continue_()
    assert d.output_text() == b"3\n2\n"


def test_pause_stops_an_infinite_loop() -> None:
    s = Session()
    d = Debugger(s, s.load(b"local n = 0\nwhile true do n = n + 1 end\n", b"@loop.lua"))
    timer = threading.Timer(0.3, d.pause)
    timer.start()
    stop = d.continue_()
    assert stop.reason == "paused" and d.eval(b"n")[0] > 0
    here = d.position
    d.step_back()
    assert d.position == here - 1


def test_handles_survive_replay_and_stale_handles_are_reported() -> None:
    src = (b"local keep = {}\n"
           b"do local tmp = {1, 2, 3} end\n"
           b"print(tostring(keep))\n"
           b"collectgarbage()\n"
           b"local again = {}\n"
           b"print(tostring(again))\n")
    s = Session()
    d = Debugger(s, s.load(src, b"@h.lua"))
    d.continue_()
    out = d.output_text()
    labels = {o.label for o in d.heap_objects()}
    d.goto(0)
    d.continue_()
    assert d.output_text() == out  # addresses come from handles: the same on replay
    assert {o.label for o in d.heap_objects()} == labels
    freed = [o for o in d.heap_objects() if o.kind == "table"]
    assert freed
    d.restart()
    d.step_line()
    d.step_line()
    d.step_line()
    tables = {o.index: o.generation for o in d.heap_objects() if o.kind == "table"}
    freed_now = d.collect()
    assert any(lbl.startswith("table#") for lbl in freed_now)
    gone = [i for i in tables if d.state.heap.objects[i] is None]
    assert gone
    with pytest.raises(StaleHandle, match="generation"):
        d.resolve(gone[0], tables[gone[0]])


def test_close_gives_the_state_back_to_ordinary_running() -> None:
    out = io.BytesIO()
    s = Session(out=out)
    s.run(b"x = 1")
    d = Debugger(s, s.load(b"x = x + 1\nprint('in the debugger')\nwhile true do end", b"=(debug)"))
    d.step_line()
    d.step_line()
    assert d.output_text() == b"in the debugger\n" and out.getvalue() == b""
    d.close()  # in the middle of the loop: the call is abandoned, its effects stay
    assert s.run(b"print(x) return tostring({}):match('^table: 0x')") == [b"table: 0x"]
    assert out.getvalue() == b"2\n"
    assert s.state.tape is None and not s.state.error_stop and not s.state.heap.tracking
    try:
        s.run(b"error('plain again')")
    except Exception as exc:  # an error unwinds at once, as outside the debugger
        assert b"plain again" in exc.value  # type: ignore[attr-defined]


@pytest.mark.parametrize(("path", "tier"), _under(WALKED_BACK_DENSE), indirect=["tier"])
def test_back_through_dense_marks_gives_every_state(path: Path, tier: str, monkeypatch) -> None:
    """With a mark every few instructions, each step back rewinds through the undo journal
    (several epochs undone, then a short replay): the same states as going forward."""
    from vm.debugger import history

    monkeypatch.setattr(history, "MIN_INTERVAL", 1)
    monkeypatch.setattr(history, "MAX_INTERVAL", 3)
    d = _debugger(path)
    forward = [digest(d)]
    while not d.done:
        d.step_instruction()
        forward.append(digest(d))
    assert len(d._marks) > 10
    for pos in range(d.position - 1, -1, -1):
        d.step_back()
        assert digest(d) == forward[pos], f"state at position {pos} differs going back"
