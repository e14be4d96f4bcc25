"""Breakpoints as traps: a line breakpoint stops exactly at Lua 5.1's line events for its line
(loops re-entering a line, ``for`` lines reached quietly from their FORPREP, lines split by
jumps, metamethods in between), function and instruction breakpoints, conditions (compiled
once; refused when they do not compile; a failing one stops with its error), hit counts,
logpoints, code loaded while the program runs, refused lines with the nearest line offered,
and what going back in time does to hits and log lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.vm.test_debugger import STEP_PROGRAMS
from vm.debugger import Breakpoint, BreakpointError, Debugger
from vm.session import Session

# each test under the interpreter and under the compiled tier (traps must hold in both: a
# translated prototype asks its traps' checks at the blocks they start)
pytestmark = pytest.mark.usefixtures("tier")

PROGRAMS = [
    *STEP_PROGRAMS,  # those whose line events test_debugger.py compares with lua5.1's hook
    # for lines: FORLOOP and TFORLOOP reached from their own line (no event) and from the body
    b"local s = 0\nfor i = 1, 3 do\n  s = s + i\nend\nfor k, v in pairs({a = 1, b = 2}) do\n"
    b"  s = s + v\nend\nprint(s)\n",
    # whole loops on one line: instructions that jump to themselves
    b"for i = 1, 3 do end\nlocal t = {}\nfor i = 1, 2 do t[i] = i end\n"
    b"for k in pairs(t) do end\nprint(#t)\n",
    b"local function f(n)\n  for i = 1, n do\n    if i % 2 == 0 then\n      n = n + 0\n    end\n"
    b"  end\n  return n\nend\nprint(f(4))\n",
    # an expression whose jumps cross lines
    b"local a, b = 1, nil\nlocal c = a and\n  b or\n  3\nprint(c)\n",
    # a comparison whose metamethod runs between a test and the line it jumps to
    b"local mt = {__eq = function(x, y) return true end}\n"
    b"local a, b = setmetatable({}, mt), setmetatable({}, mt)\nlocal n = 0\nrepeat\n"
    b"  n = n + 1\nuntil n > 3 or\n  a == b\nprint(n)\n",
    # a function whose first line is a loop: jumping back to pc 0 is not entering it
    b"local function spin(n)\n  while n > 0 do n = n - 1 end\n  return n\nend\nprint(spin(3))\n",
]


def debugger(source: bytes, name: bytes = b"@prog.lua") -> Debugger:
    s = Session()
    return Debugger(s, s.load(source, name))


def line_stops(source: bytes, line: int) -> list[int]:
    d = debugger(source)
    d.add_breakpoint(Breakpoint(line=line, source=b"@prog.lua"))
    stops = []
    while True:
        stop = d.continue_()
        if stop.reason != "breakpoint":
            break
        assert d.frames()[0].line == line
        stops.append(d.position)
    assert stop.reason == "done"
    return stops


def into_stops(source: bytes) -> list[tuple[int, int]]:
    """(position, line) of every line event after the start, by stepping into."""
    d = debugger(source)
    out = []
    while not d.done:
        d.step_into()
        if not d.done and d.frames()[0].what != "C":
            out.append((d.position, d.frames()[0].line))
    return out


@pytest.mark.parametrize("source", PROGRAMS, ids=range(len(PROGRAMS)))
def test_a_line_breakpoint_stops_at_each_line_event_of_its_line(source: bytes, line_events) -> None:
    events = line_events(source)
    into = into_stops(source)
    assert [ln for _, ln in into] == events[1:]  # the start is the first event
    for line in sorted(set(events)):
        expected = [pos for pos, ln in into if ln == line]
        assert line_stops(source, line) == expected, f"line {line}"


def test_a_breakpoint_costs_nothing_until_its_line() -> None:
    d = debugger(b"local s = 0\nfor i = 1, 50000 do\n  s = s + i\nend\nprint(s)\n")
    d.add_breakpoint(Breakpoint(line=5))
    L = d.state
    p = L.frames[-1].cl.p
    # only the pcs of line 5 are trapped in the running code; the loop's are not
    assert set(p.traps) == {pc for pc, ln in enumerate(p.proto.lineinfo) if ln == 5} - {
        pc for pc in range(1, len(p.decoded)) if p.proto.lineinfo[pc - 1] == 5}
    stop = d.continue_()
    assert stop.reason == "breakpoint" and d.eval(b"s") == [1250025000.0]


def test_conditions_are_compiled_once_and_see_locals_upvalues_and_globals() -> None:
    src = (b"limit = 7\n"                              # 1
           b"local step = 2\n"                          # 2
           b"local function f(i)\n"                     # 3
           b"  local twice = i * step\n"                # 4
           b"  return twice\n"                          # 5
           b"end\n"                                     # 6
           b"local total = 0\n"                         # 7
           b"for i = 1, 10 do total = total + f(i) end\n"  # 8
           b"print(total)\n")                           # 9
    d = debugger(src)
    d.add_breakpoint(Breakpoint(line=5, condition=b"twice > limit and step == 2"))
    stop = d.continue_()
    assert stop.reason == "breakpoint" and d.eval(b"i") == [4.0]
    d.continue_()
    assert d.eval(b"i") == [5.0]
    # a call: through the VM, not the Python translation
    d.restart()
    d.breakpoints.clear()
    d.add_breakpoint(Breakpoint(line=5, condition=b"tostring(twice) == '12'"))
    d.continue_()
    assert d.eval(b"i") == [6.0]


def test_a_condition_that_does_not_compile_is_refused_with_the_compilers_message() -> None:
    d = debugger(PROGRAMS[1])
    with pytest.raises(BreakpointError) as e:
        d.add_breakpoint(Breakpoint(line=7, condition=b"s == "))
    # what lua5.1's loadstring says of "return " .. condition, chunk name "=(condition)"
    assert str(e.value) == "(condition):1: unexpected symbol near '<eof>'"
    with pytest.raises(BreakpointError) as e:
        d.add_breakpoint(Breakpoint(line=7, condition=b"s = 1"))
    assert str(e.value) == "(condition):1: '<eof>' expected near '='"
    assert d.breakpoints == []


def test_a_condition_that_fails_stops_with_its_error() -> None:
    d = debugger(PROGRAMS[1])
    d.add_breakpoint(Breakpoint(line=2, condition=b"a.x > 1"))
    stop = d.continue_()
    assert stop.reason == "breakpoint"
    assert stop.message == ("the breakpoint's condition failed: (condition):1: attempt to index "
                            "upvalue 'a' (a number value)")
    assert d.frames()[0].line == 2 and d.eval(b"a") == [1.0]
    # put straight in the list, a condition that does not compile stops with its message
    d.restart()
    d.breakpoints[:] = [Breakpoint(line=2, condition=b"(")]
    stop = d.continue_()
    assert stop.reason == "breakpoint" and "unexpected symbol" in stop.message


def test_hit_counts() -> None:
    src = b"local n = 0\nfor i = 1, 10 do\n  n = n + i\nend\nprint(n)\n"
    d = debugger(src)
    bp = d.add_breakpoint(Breakpoint(line=3, hits="4"))
    stop = d.continue_()
    assert stop.reason == "breakpoint" and d.eval(b"i") == [4.0] and d.hit_count(bp) == 4
    assert d.continue_().reason == "done" and d.hit_count(bp) == 10
    d.step_back()
    assert d.hit_count(bp) == 10
    d.goto(0)
    assert d.hit_count(bp) == 0
    stop = d.continue_()
    assert d.eval(b"i") == [4.0] and d.hit_count(bp) == 4
    for text, seen in ((">= 8", [8, 9, 10]), ("% 3", [3, 6, 9]), ("> 9", [10])):
        d.restart()
        d.breakpoints.clear()
        d.add_breakpoint(Breakpoint(line=3, hits=text))
        got = []
        while d.continue_().reason == "breakpoint":
            got.append(d.eval(b"i")[0])
        assert got == seen, text
    with pytest.raises(BreakpointError, match="hit condition"):
        d.add_breakpoint(Breakpoint(line=3, hits="% 0"))
    with pytest.raises(BreakpointError, match="hit condition"):
        d.add_breakpoint(Breakpoint(line=3, hits="often"))


def test_logpoints_log_and_carry_on() -> None:
    src = b"local t = {}\nfor i = 1, 3 do\n  t[i] = i * i\n  print(i)\nend\nprint('end')\n"
    d = debugger(src)
    d.add_breakpoint(Breakpoint(line=4, log=b"i = {i}, t[i] = {t[i]}, t = {t} {{literal}}"))
    assert d.continue_().reason == "done"
    lines = d.log_lines()
    assert [x.text.split(", t =")[0] for x in lines] == ["i = 1, t[i] = 1", "i = 2, t[i] = 4",
                                                         "i = 3, t[i] = 9"]
    assert all(x.text.endswith("{literal}") and "table#" in x.text for x in lines)
    # each line knows how much output came before it
    assert [x.offset for x in lines] == [0, 2, 4]
    assert d.output_text() == b"1\n2\n3\nend\n"
    d.goto(lines[1].position)
    assert len(d.log_lines()) == 2
    d.continue_()
    assert len(d.log_lines()) == 3  # logged once per position, however often it is run
    with pytest.raises(BreakpointError, match="log message"):
        d.add_breakpoint(Breakpoint(line=4, log=b"i = {i"))
    with pytest.raises(BreakpointError, match=r"\(log message\):1:"):
        d.add_breakpoint(Breakpoint(line=4, log=b"{i +}"))


def test_an_evaluation_forgets_the_future_hits_and_log_lines() -> None:
    src = b"local n = 0\nfor i = 1, 5 do\n  n = n + 1\nend\nprint(n)\n"
    d = debugger(src)
    bp = d.add_breakpoint(Breakpoint(line=3, log=b"n = {n}"))
    d.continue_()
    assert d.hit_count(bp) == 5
    d.goto(0)
    d.step_line()
    d.eval(b"n = 100")
    assert d.hit_count(bp) == 0 and d.log_lines() == []
    d.continue_()
    assert [x.text for x in d.log_lines()] == [f"n = {n}" for n in range(100, 105)]


def test_function_and_instruction_breakpoints() -> None:
    src = PROGRAMS[-1]  # spin's first line is a loop jumping back to pc 0
    d = debugger(src)
    d.add_breakpoint(Breakpoint(function=b"spin"))
    stop = d.continue_()
    assert stop.reason == "breakpoint" and d.frames()[0].name == b"local 'spin'"
    assert d.frames()[0].pc == 0
    assert d.continue_().reason == "done"  # the jumps back to pc 0 are not entries
    d.restart()
    d.breakpoints.clear()
    d.add_breakpoint(Breakpoint(pc=2, source=b"@prog.lua", linedefined=1))
    seen = []
    while d.continue_().reason == "breakpoint":
        seen.append((d.frames()[0].pc, d.eval(b"n")[0]))
    assert seen == [(2, 3.0), (2, 2.0), (2, 1.0)]


def test_code_loaded_while_the_program_runs_gets_its_breakpoints(tmp_path: Path) -> None:
    (tmp_path / "mod.lua").write_bytes(b"local M = {}\nfunction M.twice(x)\n  return x * 2\nend\nreturn M\n")
    src = (b"local M = dofile('" + str(tmp_path / "mod.lua").encode() + b"')\n"
           b"local f = loadstring('local a = ...\\nreturn a + 1')\n"
           b"print(M.twice(f(20)))\n")
    d = debugger(src)
    d.add_breakpoint(Breakpoint(line=3, source=b"@" + str(tmp_path / "mod.lua").encode()))
    d.add_breakpoint(Breakpoint(line=2, source=b"local a = ...\nreturn a + 1"))
    stop = d.continue_()
    assert stop.reason == "breakpoint" and d.eval(b"a") == [20.0]
    stop = d.continue_()
    assert stop.reason == "breakpoint" and d.eval(b"x") == [21.0]
    assert d.continue_().reason == "done" and d.output_text() == b"42\n"


def test_lines_without_code_and_past_the_end_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "prog.lua"
    path.write_bytes(b"-- a comment\nlocal x = 1\n\n\nlocal y = 2\nprint(x + y)\n-- the end\n")
    s = Session()
    d = Debugger(s, s.load(path.read_bytes(), b"@" + str(path).encode()))
    src = b"@" + str(path).encode()
    assert d.lines_with_code(src) == {2, 5, 6}  # luac5.1 -l gives these lines
    with pytest.raises(BreakpointError) as e:
        d.add_breakpoint(Breakpoint(line=3, source=src))
    assert e.value.nearest == 2 and "line 3 of " in str(e.value) and "has no code" in str(e.value)
    with pytest.raises(BreakpointError) as e:
        d.add_breakpoint(Breakpoint(line=4, source=src))
    assert e.value.nearest == 5  # a tie goes to the line below
    with pytest.raises(BreakpointError, match=r"line 9 is past the end of .*prog.lua \(7 lines\)"):
        d.add_breakpoint(Breakpoint(line=9, source=src))
    with pytest.raises(BreakpointError) as e:
        d.toggle_line_breakpoint(7, src)
    assert e.value.nearest == 6
    assert d.toggle_line_breakpoint(5, src) and d.breakpoints == [Breakpoint(line=5, source=src)]


def test_breakpoints_do_not_stop_evaluations_replays_or_steps_back() -> None:
    d = debugger(PROGRAMS[1])
    d.add_breakpoint(Breakpoint(line=2))
    stop = d.continue_()
    here = d.position
    assert stop.reason == "breakpoint"
    assert d.eval(b"f(10)", depth=1) == [20.0]  # f runs line 2 again: no stop inside
    d.step_back()
    d.step_back()
    assert d.step_instruction().reason == "step" and d.step_instruction().reason == "step"
    assert d.position == here
    stop = d.continue_()  # from a breakpoint: on to the next hit
    assert stop.reason == "breakpoint" and d.eval(b"a") == [2.0]


def test_pause_and_errors_with_breakpoints_set() -> None:
    import threading

    d = debugger(b"local n = 0\nwhile true do\n  n = n + 1\nend\n")
    d.add_breakpoint(Breakpoint(line=3, condition=b"n < 0"))
    threading.Timer(0.3, d.pause).start()
    assert d.continue_().reason == "paused"
    d2 = debugger(b"local t = nil\nfor i = 1, 3 do\n  local x = i\nend\nprint(t.x)\n")
    d2.add_breakpoint(Breakpoint(line=3, condition=b"i == 2"))
    assert d2.continue_().reason == "breakpoint"
    stop = d2.continue_()
    assert stop.reason == "error" and "attempt to index local 't'" in stop.message


def test_a_trapped_prototype_runs_translated(tier: str) -> None:
    """Under the compiled tier a breakpoint does not make its function interpreted: the
    translation made for its trapped pcs runs (and stops exactly where the interpreter does:
    the tests above); removing the breakpoint goes back to the translation without traps."""
    n = 50
    source = f"local s = 0\nfor i = 1, {n} do\n  s = s + i % 7\nend\nprint(s)\n".encode()
    d = debugger(source)
    bp = Breakpoint(line=3, condition=f"i == {n - 1}".encode())
    d.add_breakpoint(bp)
    stop = d.continue_()
    assert stop.reason == "breakpoint"
    assert d.peek(b"i") == [float(n - 1)]
    main = d.frames()[0]
    p = d.state.frames[-1].cl.p
    assert main.line == 3
    if tier == "compiled":
        assert frozenset(p.traps) in p.variants and p.variants[frozenset(p.traps)] is not None
        assert p.run is p.variants[frozenset(p.traps)][0]
    d.remove_breakpoint(bp)
    assert d.continue_().reason == "done"
    if tier == "compiled":
        assert p.run is p.variants[frozenset()][0]


# one breakpoint alone on its line has its own check (traps.py's _check_one: the condition's
# translation and the hit count inline); a second breakpoint on the line that never holds
# makes the general check judge the same arrivals
ALONE = (b"local t = setmetatable({}, {__index = function(t, k) return k end})\n"
         b"local s, x = 0, nil\n"
         b"for i = 1, 40 do\n"
         b"  x = (i % 3 == 0) and 'str' or i\n"
         b"  s = s + i\n"
         b"end\n"
         b"print(s)\n")
ALONE_CASES = [
    Breakpoint(line=5, source=b"@prog.lua"),
    Breakpoint(line=5, source=b"@prog.lua", condition=b"i % 4 == 0"),
    Breakpoint(line=5, source=b"@prog.lua", condition=b"x == 'str'"),  # not a number: helper
    Breakpoint(line=5, source=b"@prog.lua", condition=b"t[i] == i"),  # __index: the VM decides
    Breakpoint(line=5, source=b"@prog.lua", condition=b"x < 30"),  # fails on 'str': stops
    Breakpoint(line=5, source=b"@prog.lua", hits="7"),
    Breakpoint(line=5, source=b"@prog.lua", hits="% 6"),
    Breakpoint(line=5, source=b"@prog.lua", hits=">= 3", condition=b"i % 5 == 0"),
    Breakpoint(line=5, source=b"@prog.lua", log=b"s = {s}"),
    Breakpoint(line=5, source=b"@prog.lua", log=b"i = {i}", condition=b"i > 35"),
]


def _continue_all(bp: Breakpoint, general: bool) -> tuple:
    d = debugger(ALONE)
    d.add_breakpoint(bp)
    if general:
        d.add_breakpoint(Breakpoint(line=5, source=b"@prog.lua", condition=b"false"))
    stops = []
    while True:
        stop = d.continue_()
        stops.append((stop.reason, stop.position, stop.message, d.hit_count(bp)))
        if stop.reason == "done":
            break
    logs = [(x.position, x.text) for x in d.log_lines()]
    back = d.reverse_continue()
    return (stops, logs, d.output_text(), (back.reason, back.position, d.hit_count(bp)))


@pytest.mark.parametrize("bp", ALONE_CASES, ids=range(len(ALONE_CASES)))
def test_a_breakpoint_alone_on_its_line_is_judged_as_by_the_general_check(bp: Breakpoint) -> None:
    alone = _continue_all(bp, general=False)
    assert alone == _continue_all(bp, general=True)
    assert len(alone[0]) > 1 or alone[1]  # it stopped or logged


# breakpoints in threads with a debug hook: the hook's calls run before the instruction a trap
# stops, so the stop is not where the position says the command started; it stops once per
# arrival, and the hook fires once per event, as without the breakpoint
HOOKED = (b"local co = coroutine.create(function()\n  local a = 1\n  coroutine.yield(a)\n"
          b"  return 2\nend)\nlocal n = 0\n"
          b"debug.sethook(function() n = n + 1 end, 'l')\n"
          b"for i = 1, 2 do coroutine.resume(co) end\nlocal function f(x)\n  return x + n\nend\n"
          b"print(f(1), f(2))\ndebug.sethook()\nprint(n)\n")
UNHOOKED = HOOKED.replace(b"debug.sethook(function() n = n + 1 end, 'l')", b"local _ = 0") \
                 .replace(b"debug.sethook()", b"local _ = 1")


def _stops_and_output(source: bytes, line: int) -> tuple[int, bytes]:
    d = debugger(source)
    d.add_breakpoint(Breakpoint(line=line, source=b"@prog.lua"))
    stops = 0
    while stops < 50:
        stop = d.continue_()
        if stop.reason != "breakpoint":
            break
        stops += 1
    assert stop.reason == "done"
    return stops, d.output_text()


@pytest.mark.parametrize("line", [2, 3, 8, 10, 11, 13])
def test_a_breakpoint_in_a_hooked_thread_stops_once_per_arrival(line: int, tier: str,
                                                                 tmp_path: Path) -> None:
    import subprocess

    prog = tmp_path / "prog.lua"
    prog.write_bytes(HOOKED)
    expected = subprocess.run(["lua5.1", "prog.lua"], cwd=tmp_path, capture_output=True,
                              check=True).stdout
    stops, out = _stops_and_output(HOOKED, line)  # (before: stopped there again and again)
    assert stops == _stops_and_output(UNHOOKED, line)[0] > 0
    if tier == "interp":  # the hook fired once per event (before: again after each stop)
        assert out == expected
    # (the compiled tier misses line events in translated code, breakpoint or not: its output
    # is not lua5.1's, and differs when a breakpoint keeps a function interpreted)


def _logs_and_hits(source: bytes) -> tuple:
    d = debugger(source)
    d.add_breakpoint(Breakpoint(line=10, source=b"@prog.lua", log=b"x = {x}"))
    every = Breakpoint(line=3, source=b"@prog.lua", log=b"yield {a}")
    d.add_breakpoint(every)
    second = Breakpoint(line=10, source=b"@prog.lua", hits="2")
    d.add_breakpoint(second)
    stop = d.continue_()
    at_stop = (stop.reason, d.eval(b"x"), d.hit_count(second), d.hit_count(every),
               [x.text for x in d.log_lines()])
    d.continue_()
    return at_stop, d.done, [x.text for x in d.log_lines()]


def test_logpoints_and_hit_counts_in_a_hooked_thread() -> None:
    """In a thread with a debug hook (one instruction at a time) the traps place each arrival
    at its own position, as elsewhere (before: all at the end of the slice, so logpoints
    logged nothing and hit counts never reached their number)."""
    got = _logs_and_hits(HOOKED)
    assert got == _logs_and_hits(UNHOOKED)
    assert got[0][0] == "breakpoint" and got[0][1] == [2.0] and got[0][2] == 2
    assert got[2] == ["yield 1", "x = 1", "x = 2"]
