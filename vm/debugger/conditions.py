"""Lua expressions a breakpoint evaluates where it is hit: its condition, the parts of a
logpoint's message. Each is compiled once, when the breakpoint is set (a syntax error refuses
the breakpoint with the compiler's message), then bound once per trapped pc.

Bound to a pc, an expression is a closure of its own whose upvalues are the frame's locals
(registers) and upvalues, by name, as the code at that pc sees them, with the frame's globals:
``local`` names declared in a wrapper chunk make the compiler resolve them, and the cells are
handed to the closure at the hit (a cell over a register reads and writes the frame's register,
so the expression sees exactly what a statement at that pc would). A simple condition also gets
a Python translation (vm/debugger/fastexpr.py) that reads the same places directly and falls
back to the closure whenever it cannot decide alone.
"""

from __future__ import annotations

from vm import inspect
from vm.compiler import compile_source
from vm.compiler.lexer import EOS, NAME, Lexer
from vm.debugger import fastexpr
from vm.errors import LimitError, LoadError, LuaError
from vm.lib.os import LuaExit
from vm.runtime import function, track
from vm.runtime.frame import CONT_CALL, Frame
from vm.runtime.function import Builtin, LuaFunction, Prototype, UpvalCell
from vm.runtime.interp import run
from vm.runtime.limits import Guard
from vm.runtime.numbers import number_to_bytes

LIMIT = 1_000_000  # instructions one evaluation of a condition may run
SLICE = 10_000


class ConditionError(Exception):
    """A condition or message that failed where it was evaluated (the Lua error's text)."""


def untrapped(proto) -> Prototype:
    """A Prototype for the debugger's own code: not handed to the trap registry."""
    saved = function.on_prototype
    function.on_prototype = None
    try:
        return Prototype(proto)
    finally:
        function.on_prototype = saved


class Expression:
    """One or more Lua expressions (``text`` is an explist), compiled once. ``what`` names it
    in messages: the chunk name is ``=(what)``, so errors read ``(condition):1: ...``."""

    __slots__ = ("text", "what", "names", "_wrappers")

    def __init__(self, text: bytes, what: str = "condition") -> None:
        self.text = text
        self.what = what
        compile_source(b"return " + text, f"=({what})".encode())  # LoadError: the compiler's message
        self.names = _names(text)
        self._wrappers: dict[tuple, tuple[Prototype, tuple[bytes, ...]]] = {}

    def at(self, p: Prototype, pc: int) -> Bound:
        """The expression as the frame of ``p`` sees it before running ``pc``."""
        proto = p.proto
        nk = p.nk
        locals_: dict[bytes, int] = {}
        for reg in range(proto.maxstacksize):
            name = inspect.local_at(proto, reg, pc)
            if name is not None and name in self.names:
                locals_[name] = reg  # a later register of the same name shadows an earlier one
        ups = {name: i for i, name in enumerate(proto.upvalues) if name in self.names}
        key = (tuple(sorted(ups)), tuple(sorted(locals_)))
        found = self._wrappers.get(key)
        if found is None:
            found = self._wrappers[key] = self._wrap(*key)
        inner, captured = found
        recipe = tuple((True, nk + locals_[n]) if n in locals_ else (False, ups[n]) for n in captured)

        def resolve(name: bytes) -> tuple[str, int]:
            if name in locals_:
                return "local", nk + locals_[name]
            if name in ups:
                return "upval", ups[name]
            return "global", 0

        try:
            fast = fastexpr.translate(self.text, resolve)
        except (fastexpr.Unsupported, RecursionError, SyntaxError, MemoryError):
            fast = None
        return Bound(self, inner, recipe, fast)

    def _wrap(self, ups: tuple[bytes, ...], locs: tuple[bytes, ...]) -> tuple[Prototype, tuple]:
        decl = b""
        if ups:
            decl += b"local " + b", ".join(ups) + b"; "
        if locs:
            decl += b"local " + b", ".join(locs) + b"; "
        source = decl + b"return function() return " + self.text + b"\nend"
        main = untrapped(compile_source(source, f"=({self.what})".encode()))
        inner = main.protos[0]
        return inner, tuple(inner.proto.upvalues)


class Bound:
    """An Expression bound to one pc of one prototype: ``values(L, f)`` runs it in frame f (at
    that pc) through the VM; ``truth(L, f)`` is the condition's verdict, the Python translation
    first. Both raise ConditionError when the expression fails."""

    __slots__ = ("expr", "inner", "recipe", "fast", "_key", "_fn")

    def __init__(self, expr: Expression, inner: Prototype, recipe: tuple, fast) -> None:
        self.expr = expr
        self.inner = inner
        self.recipe = recipe
        self.fast = fast
        self._key: tuple | None = None
        self._fn: LuaFunction | None = None

    def truth(self, L, f: Frame) -> bool:
        fast = self.fast
        if fast is not None:
            try:
                v = fast(f.R, f.cl.upvals, f.cl.env)  # type: ignore[union-attr]
                return v is not None and v is not False
            except fastexpr.Slow:
                pass
        values = self.values(L, f)
        return bool(values) and values[0] is not None and values[0] is not False

    def values(self, L, f: Frame) -> list:
        cl = f.cl
        key = (f, f.R, cl.upvals)  # type: ignore[union-attr]
        fn = self._fn
        if fn is None or self._key is None or any(a is not b for a, b in zip(key, self._key, strict=True)):
            saved = track.hook
            track.hook = None  # the debugger's own closure: no handle, no history
            try:
                R = f.R
                upvals = cl.upvals  # type: ignore[union-attr]
                cells = [UpvalCell(R, i) if is_local else upvals[i] for is_local, i in self.recipe]  # type: ignore[arg-type]
                fn = LuaFunction(self.inner, cells, cl.env)  # type: ignore[union-attr]
            finally:
                track.hook = saved
            self._fn = fn
            self._key = key
        else:
            fn.env = cl.env  # type: ignore[union-attr]
        try:
            return call_quietly(L, fn, LIMIT)
        except LuaError as err:
            raise ConditionError(_message(err.value)) from None
        except LimitError as err:
            raise ConditionError(str(err)) from None
        except LuaExit:
            raise ConditionError("os.exit called (the program goes on)") from None


def _protected(L, args: list):
    """pcall's rule for the debugger's own calls: an error comes back as (false, value), and
    unwinding it costs no traceback of the program's stack."""
    try:
        results = yield args[0], []
    except LuaError as err:
        return [False, err.value]
    return [True, *results]


PROTECT = Builtin("(debugger)", _protected, is_gen=True, protects=True)


def call_quietly(L, fn: LuaFunction, limit: int) -> list:
    """Run ``fn()`` to completion on the current thread, nested, as an evaluation the program
    does not see: an error raised as LuaError (the debugger does not stop on it), no handles
    given, the collector's debt and the tape put back. LimitError after ``limit``
    instructions."""
    heap = L.heap
    saved = (heap.debt, L.tape_pos, track.hook, L.error_stop, L.budget)
    track.hook = None
    L.error_stop = False
    try:
        results = run_nested(L, PROTECT, [fn], limit, f"stopped after {limit} instructions")
        if results and results[0] is False:
            raise LuaError(results[1] if len(results) > 1 else None)
        return results[1:]
    finally:
        heap.debt, L.tape_pos, track.hook, L.error_stop, L.budget = saved


def run_nested(L, fn, args: list, limit: int, stopped: str) -> list:
    """Call ``fn(*args)`` nested on the current thread, in a holder frame that is a C-call
    boundary (a yield inside must not suspend the program), and run it to its end: its
    results. LimitError(stopped) after ``limit`` instructions. Conditions and evaluations
    both run this way."""
    base = len(L.frames)
    thread, ccalls = L.current, L.ccalls
    holder = Frame(None, [None], None, 0, -1, CONT_CALL)
    holder.boundary = True
    L.frames.append(holder)
    L.ccalls += 1
    # one library call (a backtracking match, a huge sort) is bounded too, by a budget of
    # library work: deterministic, so a replay of the evaluation stops where it stopped
    saved_guard = L.guard
    L.guard = Guard(lambda kind: LimitError(stopped), work=limit >> 16)
    try:
        if L.call_with(holder, fn, args, 0, -1, CONT_CALL):
            ran = 0
            while True:
                L.budget = SLICE
                if run(L, base + 1):
                    break
                ran += SLICE
                if ran >= limit:
                    raise LimitError(stopped)
        return holder.R[0:holder.top]
    except BaseException as exc:
        if not isinstance(exc, LuaError):  # a bug or a limit inside a coroutine it started
            L.abandon_threads(thread, base, ccalls + 1)
        raise
    finally:
        L.guard = saved_guard
        del L.frames[base:]
        L.ccalls -= 1


class LogMessage:
    """A logpoint's message: text with ``{expression}`` parts (``{{`` and ``}}`` for braces),
    the expressions compiled as one explist."""

    __slots__ = ("text", "pieces", "expr")

    def __init__(self, text: bytes) -> None:
        self.text = text
        self.pieces, exprs = _split(text)
        self.expr = Expression(b", ".join(b"(" + e + b")" for e in exprs), "log message") \
            if exprs else None

    def render(self, L, bound: Bound | None, f: Frame) -> str:
        """The message with its parts evaluated in frame f (ConditionError when one fails)."""
        values = bound.values(L, f) if bound is not None else []
        out = []
        k = 0
        for piece in self.pieces:
            if piece is None:
                out.append(show(L, values[k] if k < len(values) else None))
                k += 1
            else:
                out.append(piece.decode("utf-8", "replace"))
        return "".join(out)


def show(L, v: object) -> str:
    """A value in a log message: strings as they are, numbers as tostring prints them, other
    values by heap handle (``table#12``), as the debugger's panels name them."""
    if v.__class__ is bytes:
        return v.decode("utf-8", "replace")  # type: ignore[union-attr]
    if v.__class__ is float:
        return number_to_bytes(v).decode()  # type: ignore[arg-type]
    if v is None:
        return "nil"
    if v is True or v is False:
        return "true" if v else "false"
    return L.heap.label(v)


def _split(text: bytes) -> tuple[list[bytes | None], list[bytes]]:
    """Literal pieces and None for each ``{expr}``; raises LoadError on an unmatched brace."""
    pieces: list[bytes | None] = []
    exprs: list[bytes] = []
    literal = bytearray()
    i = 0
    n = len(text)
    while i < n:
        c = text[i:i + 1]
        if c == b"{" and text[i + 1:i + 2] == b"{":
            literal += b"{"
            i += 2
        elif c == b"}" and text[i + 1:i + 2] == b"}":
            literal += b"}"
            i += 2
        elif c == b"{":
            end = _closing(text, i + 1)
            if end < 0:
                raise LoadError(b"(log message): '{' without its '}'")
            inside = text[i + 1:end].strip()
            if not inside:
                raise LoadError(b"(log message): empty '{}'")
            if literal:
                pieces.append(bytes(literal))
                literal.clear()
            pieces.append(None)
            exprs.append(inside)
            i = end + 1
        elif c == b"}":
            raise LoadError(b"(log message): '}' without its '{' (write '}}' for a brace)")
        else:
            literal += c
            i += 1
    if literal:
        pieces.append(bytes(literal))
    return pieces, exprs


def _closing(text: bytes, i: int) -> int:
    """The index of the '}' closing an expression that starts at i (braces of table
    constructors nest; braces inside quoted strings do not count)."""
    depth = 0
    quote = None
    while i < len(text):
        c = text[i:i + 1]
        if quote is not None:
            if c == b"\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in (b"'", b'"'):
            quote = c
        elif c == b"{":
            depth += 1
        elif c == b"}":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return -1


def _names(text: bytes) -> frozenset[bytes]:
    """Every name token of the text (the expression compiled already, so it scans)."""
    lex = Lexer(text, b"=(condition)")
    found = set()
    while True:
        t, v = lex.scan()
        if t == EOS:
            return frozenset(found)
        if t == NAME:
            found.add(v)


def _message(v: object) -> str:
    if v.__class__ is bytes:
        return v.decode("utf-8", "backslashreplace")  # type: ignore[union-attr]
    if v.__class__ is float:
        return number_to_bytes(v).decode()  # type: ignore[arg-type]
    return f"(error object is a {type(v).__name__} value)"
