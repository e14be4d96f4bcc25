# ruff: noqa: E501  (the table keeps each sentence whole, as the learner reads it)
"""Every one of Lua 5.1's 38 instructions explained in words (vm/explain.py), before it runs
and after, against a table of the sentences a learner reads. Each program is stepped in the
debugger to the instruction (its n-th execution), as a user presses ``s``; the table's
programs compile to the code luac5.1 produces (tests/vm/compiler), so the registers named
here are real Lua's."""

from __future__ import annotations

import pytest

from vm.bytecode.opcodes import Op
from vm.debugger import Debugger
from vm.explain import plain
from vm.session import Session
from vm.values_view import kind

# opcode, program, which execution of it, the sentence before it runs, the sentence after
SENTENCES = [
    ('MOVE', 'local a = 5; local b = a', 1,
     'copy a into b  (a = 5)',
     'b := a = 5'),
    ('LOADK', 'local x = 10', 1,
     'load the constant 10 into x',
     'x := 10'),
    ('LOADBOOL', 'local t = true', 1,
     'load true into t',
     't := true'),
    ('LOADBOOL', 'local a = 1; local b = a > 2; print(b)', 1,
     'load false into R1 (for b), then skip to instruction 6 (line 1)',
     'R1 (for b) := false, skipped to instruction 6 (line 1)'),
    ('LOADNIL', 'local x = 1; local a, b', 1,
     'set a, b to nil',
     'a, b := nil'),
    ('GETUPVAL', 'local n = 3; local function f() return n end; f()', 1,
     'read upvalue n into R0  (n = 3)',
     'R0 := upvalue n = 3'),
    ('GETGLOBAL', 'x = 41; local y = x', 1,
     'read the global x into y  (x = 41)',
     'y := the global x = 41'),
    ('GETTABLE', 'local t = {n = 3}; local v = t.n', 1,
     'read t.n into v  (t = a table)',
     'v := t.n = 3'),
    ('GETTABLE', 'local t = {7, 8}; local i = 2; local v = t[i]', 1,
     'read t[i] into v  (t = a table, i = 2)',
     'v := t[i] = 8'),
    ('SETGLOBAL', 'local y = 2; x = y', 1,
     'store y in the global x  (y = 2)',
     'the global x := 2'),
    ('SETUPVAL', 'local n = 0; local function inc() n = n + 1 end; inc()', 1,
     'store R0 in upvalue n  (R0 = 1)',
     'upvalue n := 1'),
    ('SETTABLE', 'local t = {}; t.x = 5', 1,
     'store 5 in t.x  (t = a table)',
     't.x := 5'),
    ('NEWTABLE', 'local t = {1, 2, 3, x = 1}', 1,
     'create a new table in R0 (for t), with room for 3 array items and 1 hash field',
     'R0 (for t) := a table (new, with room for 3 array items and 1 hash field)'),
    ('SELF', "local s = 'abc'; local u = s:upper()", 1,
     'look up the method s:upper for a call: the function into R1 (for u), s as self into R2  (s = "abc")',
     'R1 (for u) := upper (the method), R2 := "abc" (self)'),
    ('ADD', 'local a = 7; local b = a + 2', 1,
     'add a and 2, into b  (a = 7)',
     'b := a + 2 = 9'),
    ('SUB', 'local a = 7; local b = a - 2', 1,
     'subtract 2 from a, into b  (a = 7)',
     'b := a - 2 = 5'),
    ('MUL', 'local a = 7; local b = a * 2', 1,
     'multiply a by 2, into b  (a = 7)',
     'b := a * 2 = 14'),
    ('DIV', 'local a = 7; local b = a / 2', 1,
     'divide a by 2, into b  (a = 7)',
     'b := a / 2 = 3.5'),
    ('MOD', 'local a = 7; local b = a % 2', 1,
     'take a modulo 2, into b  (a = 7)',
     'b := a % 2 = 1'),
    ('POW', 'local a = 7; local b = a ^ 2', 1,
     'raise a to the power 2, into b  (a = 7)',
     'b := a ^ 2 = 49'),
    ('UNM', 'local a = 7; local b = -a', 1,
     'negate a into b  (a = 7)',
     'b := -a = -7'),
    ('NOT', 'local a = nil; local b = not a', 1,
     'store not a in b  (a = nil)',
     'b := not a = true'),
    ('LEN', 'local t = {1, 2, 3, 4}; local n = #t', 1,
     'store the length of t (#t) in n  (t = a table)',
     'n := #t = 4'),
    ('CONCAT', "local a, b = 'x', 'y'; local s = a .. b .. '!'", 1,
     'join R2, R3, R4 into one string in s  (R2 = "x", R3 = "y", R4 = "!")',
     's := R2 .. R3 .. R4 = "xy!"'),
    ('JMP', 'local i = 0; while i < 2 do i = i + 1 end', 1,
     'jump to instruction 2 (line 1) (back: the loop goes round)',
     'jumped to instruction 2 (line 1)'),
    ('EQ', 'local a = 1; if a == 1 then a = 2 end', 1,
     'test a == 1: when it is false jump to instruction 5 (line 1), else go on to instruction 4 (line 1)  (1 == 1 is true)',
     'a == 1 is true: went on to instruction 4 (line 1)'),
    ('LT', 'local a = 1; if a < 0 then a = 2 end', 1,
     'test a < 0: when it is false jump to instruction 5 (line 1), else go on to instruction 4 (line 1)  (1 < 0 is false)',
     'a < 0 is false: jumped to instruction 5 (line 1)'),
    ('LE', 'local a = 1; if a <= 1 then a = 2 end', 1,
     'test a <= 1: when it is false jump to instruction 5 (line 1), else go on to instruction 4 (line 1)  (1 <= 1 is true)',
     'a <= 1 is true: went on to instruction 4 (line 1)'),
    ('TEST', 'local a = nil; if a then a = 2 end', 1,
     'test a: when it is nil or false jump to instruction 4 (line 1), else go on to instruction 3 (line 1)  (a = nil)',
     'a is nil or false: jumped to instruction 4 (line 1)'),
    ('TESTSET', "local a, b = false, 'b'; local c = a or b", 1,
     'test a: when it is neither nil nor false copy it into R2 (for c) and jump to instruction 6 (line 1), else go on to instruction 5 (line 1)  (a = false)',
     'a is nil or false: went on to instruction 5 (line 1)'),
    ('CALL', "print('hi', 2)", 1,
     'call print with 2 arguments ("hi", 2), discard its results',
     'called print; its results were discarded'),
    ('CALL', 'local function two() return 1, 2 end; print(two())', 2,
     'call print with the values up to the top: 2 arguments (1, 2), discard its results',
     'called print; its results were discarded'),
    ('TAILCALL', 'local function f(x) return x end; local function g() return f(1) end; g()', 1,
     "tail call f with 1 argument (1): this function's frame is replaced, and its results are this function's results",
     'called the function defined at line 1: x = 1'),
    ('RETURN', 'local function f() return 1, 2 end; local a, b = f()', 1,
     'return 2 values to the caller: R0, R1  (1, 2)',
     'called f: a = 1, b = 2'),
    ('FORPREP', 'for i = 1, 3 do end', 1,
     'start a numeric for loop from 1 to 3 step 1: its hidden counter R0 starts one step early (1 - 1 = 0), then jump to the loop test at instruction 5 (line 1)',
     'R0 := 0 (one step early); jumped to instruction 5 (line 1)'),
    ('FORLOOP', 'for i = 1, 2 do end', 1,
     'add the step to the loop counter; while it is <= the limit, set i to it and jump back to instruction 5 (line 1), else leave the loop  (0 + 1 = 1, 1 <= 2 is true)',
     'counter 1 is within the limit 2: i := 1, back to instruction 5 (line 1)'),
    ('FORLOOP', 'for i = 1, 2 do end', 2,
     'add the step to the loop counter; while it is <= the limit, set i to it and jump back to instruction 5 (line 1), else leave the loop  (1 + 1 = 2, 2 <= 2 is true)',
     'counter 2 is within the limit 2: i := 2, back to instruction 5 (line 1)'),
    ('FORLOOP', 'for i = 1, 2 do end', 3,
     'add the step to the loop counter; while it is <= the limit, set i to it and jump back to instruction 5 (line 1), else leave the loop  (2 + 1 = 3, 3 <= 2 is false)',
     'counter passed the limit 2: the loop is over, on to instruction 6 (line 1)'),
    ('TFORLOOP', 'for k, v in pairs({10}) do end', 1,
     'call the iterator next with (a table, nil) and put 2 results in k, v; when the first is not nil it becomes the control value and the loop goes on at instruction 7 (line 1), else it ends at instruction 9 (line 1)',
     'the iterator gave k = 1, v = 10: the loop goes on at instruction 7 (line 1)'),
    ('TFORLOOP', 'for k, v in pairs({10}) do end', 2,
     'call the iterator next with (a table, 1) and put 2 results in k, v; when the first is not nil it becomes the control value and the loop goes on at instruction 7 (line 1), else it ends at instruction 9 (line 1)',
     'the iterator gave nil: the loop is over'),
    ('SETLIST', 'local t = {1, 2, 3}', 1,
     'store 3 values from R1, R2, R3 in t[1] .. t[3]',
     'stored 3 values from R1, R2, R3 in t[1] .. t[3]'),
    ('SETLIST', 'local function f() return 4, 5 end; local t = {1, f()}', 1,
     'store 3 values (all values up to the top) from R2, R3, R4 in t[1] .. t[3]',
     'stored 3 values (all values up to the top) from R2, R3, R4 in t[1] .. t[3]'),
    ('CLOSE', 'local fs = {}; for i = 1, 2 do local x = i; fs[i] = function() return x end end', 1,
     'close the upvalues of the locals from R5 up (x): closures that captured them keep the values as they are now',
     'closed the upvalues of the locals from R5 up'),
    ('CLOSURE', 'local a = 1; local function f() return a end', 1,
     'create a closure of the function defined at line 1 in f, capturing the local a (R0)',
     'f := a function (new closure of the function defined at line 1)'),
    ('VARARG', 'local function f(...) local a, b = ... end; f(1)', 1,
     'copy 2 extra arguments (...) into a, b (1 given; missing ones are nil)',
     'copied 2 extra arguments: a = 1, b = nil'),
    ('VARARG', 'local function f(...) return ... end; f(1, 2)', 1,
     'copy all 2 extra arguments (...) into R1 and up',
     'copied 2 extra arguments: R1 = 1, R2 = 2'),
]


def show(v: object) -> str:
    """Objects by kind only: the sentences are about instructions, not about handles."""
    k = kind(v)
    if k == "function" and hasattr(v, "fn"):
        return v.name  # type: ignore[attr-defined]
    return f"a {k}" if k in ("table", "function") else plain(v)


def op_at(d: Debugger) -> str:
    """The name of the instruction the innermost frame is about to run."""
    frame = d.frames()[0]
    fn = d.function_view(0)
    assert fn is not None, "stopped in a library function"
    return fn.instructions[frame.pc][2].split()[0]


def explained(code: str, op: str, nth: int) -> tuple[str, str]:
    session = Session()
    d = Debugger(session, session.load(code.encode(), b"=case"))
    seen = 0
    for _ in range(1000):
        assert not d.done, f"{op} ran fewer than {nth} times"
        if d.frames() and d.function_view(0) is not None and op_at(d) == op:
            seen += 1
            if seen == nth:
                break
        d.step_instruction()
    before = d.explanation(0, show)
    d.step_instruction()
    return before, d.step_result(0, show)


def test_the_table_covers_every_opcode() -> None:
    assert {case[0] for case in SENTENCES} == {op.name for op in Op}


@pytest.mark.parametrize(("op", "code", "nth", "before", "after"), SENTENCES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(SENTENCES)])
def test_instruction_explained_before_and_after(op: str, code: str, nth: int, before: str, after: str) -> None:
    assert explained(code, op, nth) == (before, after)


def test_a_step_result_is_the_new_value_never_the_old_one() -> None:
    """``R3 := #t = 4`` reads the register after the step: a register that held "b" before
    LEN ran shows the length, not "b"."""
    code = "local t = {1, 2, 3, 4}; local s = 'b'; s = #t; print(s)"
    before, after = explained(code, "LEN", 1)
    assert before == 'store the length of t (#t) in s  (t = a table)'
    assert after == "s := #t = 4"


def test_default_show_names_library_functions_and_objects_by_handle() -> None:
    session = Session()
    d = Debugger(session, session.load(b"local t = {}; print(t)", b"=case"))
    while op_at(d) != "CALL":
        d.step_instruction()
    text = d.explanation(0)
    assert text.startswith("call print with 1 argument (table#"), text
    d.step_instruction()
    assert d.step_result(0) == "called print; its results were discarded"
