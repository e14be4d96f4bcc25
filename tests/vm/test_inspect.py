"""Inspection views while stepping: registers named by locals, upvalues open then closed,
frames named as 5.1 names them, and instructions explained with live values."""

from __future__ import annotations

from io import BytesIO

from vm import inspect
from vm.session import Session

SOURCE = b"""local function outer()
  local n = 41
  local function inc() n = n + 1 end
  inc()
  return inc
end
local f = outer()
f()
"""


def stepper():
    session = Session(BytesIO())
    session.start(session.load(SOURCE, b"=demo"))
    while True:
        if session.step(1):
            return
        yield session.state


def test_upvalue_is_open_while_its_frame_lives_then_closed() -> None:
    seen_open = seen_closed = False
    for L in stepper():
        top = inspect.frames(L)[0]
        if top.name == b"local 'inc'" and top.upvalues:
            up = top.upvalues[0]
            assert up.name == b"n"
            if up.is_open:
                seen_open = True
                assert (up.owner, up.register) == (1, 0)  # outer's R0, one frame down
                assert inspect.frames(L)[1].registers[0].name == b"n"
            else:
                seen_closed = True
                assert up.value == 42.0 and up.register is None
        if top.name == b"local 'f'" and top.upvalues:
            up = top.upvalues[0]
            assert not up.is_open
            seen_closed = True
    assert seen_open and seen_closed


def test_registers_are_named_by_active_locals() -> None:
    names = set()
    for L in stepper():
        for r in inspect.frames(L)[0].registers:
            if r.name is not None:
                names.add(r.name)
    assert {b"outer", b"n", b"inc", b"f"} <= names


def test_explanations_carry_live_values() -> None:
    texts = []
    for L in stepper():
        f = L.frames[-1]
        texts.append(inspect.explain(f.cl, f.pc, f.R))
    assert "R0 := R0 + K0  (41 + 1 = 42)" in texts
    assert "R1 := K0  (41)" in texts or "R0 := K0  (41)" in texts


def test_frames_innermost_first_with_lines() -> None:
    depths = []
    for L in stepper():
        views = inspect.frames(L)
        depths.append(len(views))
        assert views[-1].what == "main"
        assert all(v.source == b"demo" for v in views)
        assert all(v.line >= 1 for v in views)
    assert max(depths) == 3  # main > outer > inc
