"""Scopes and values handed to the client by reference, as DAP shows them.

A reference (``variablesReference``) names something expandable: a scope of a frame (Locals,
Upvalues, Registers, Varargs, Globals; for Redis the Keyspace and the redis.call log), a table
(its array part paged through ``indexedVariables``, its other entries, then its metatable), a
Lua function (its upvalues) or a key of the keyspace. References live until the program moves
again (``References.clear`` on every resume), as DAP asks.

Values are shown by the printer the REPL and the TUI share (ferrous_repl/pretty.py): one line,
tables with their handle (``table#12 {1, 2, name = "x"}``), large ones by size only. Reading a
value never runs Lua code. Each variable that the program can name carries an
``evaluateName`` (``t.name``, ``t[2]``, ``getmetatable(t)``), which is also how ``setVariable``
assigns it: an assignment evaluated in the frame, so it becomes part of the run's history like
any evaluation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ferrous_repl.pretty import PrettyOptions, plain, pretty, quote
from vm.debugger import size_of, upvalues_of
from vm.inspect import FrameView
from vm.values_view import ValuesView, array_length, entries, is_identifier, is_table, kind

INLINE_ENTRIES = 12  # tables with more entries than this are shown by their size only
ONE_LINE = PrettyOptions(width=10_000, depth=1, items=8, string=200)


@dataclass(slots=True)
class Node:
    """Something expandable: ``children(start, count, filter)`` gives its variables."""

    children: Callable[[int, int | None, str | None], list[dict]]
    depth: int = 0  # the frame evaluations of its children's names run in
    names: dict = field(default_factory=dict)  # child name -> (evaluateName, how to set it)


class References:
    """variablesReference numbers, valid until the next resume."""

    def __init__(self) -> None:
        self._nodes: list[Node | None] = [None]

    def add(self, node: Node) -> int:
        self._nodes.append(node)
        return len(self._nodes) - 1

    def get(self, ref: int) -> Node | None:
        return self._nodes[ref] if 0 < ref < len(self._nodes) else None

    def clear(self) -> None:
        del self._nodes[1:]


class Values:
    """Variables of one stop: frames' scopes and the values inside them."""

    def __init__(self, view: ValuesView, refs: References) -> None:
        self.view = view
        self.refs = refs

    # --- one value ------------------------------------------------------------------------

    def text(self, v: object) -> str:
        if is_table(v):
            n = size_of(v)
            if n > INLINE_ENTRIES:
                meta = self.view.metatable(v)
                more = f" <metatable {self.view.label(meta)}>" if meta is not None else ""
                return f"{self.view.label(v)}{more} {{{n} entries}}"
        return plain(pretty(v, self.view, ONE_LINE))

    def variable(self, name: str, v: object, evaluate: str | None, depth: int, *,
                 type_note: str = "", hint: dict | None = None) -> dict:
        """A DAP Variable for a value; tables and Lua functions get a reference."""
        out: dict = {"name": name, "value": self.text(v), "type": kind(v) + type_note,
                     "variablesReference": 0}
        if evaluate is not None:
            out["evaluateName"] = evaluate
        if hint is not None:
            out["presentationHint"] = hint
        if is_table(v):
            n = array_length(v)  # type: ignore[arg-type]
            named = len(entries(v)) - n + (1 if self.view.metatable(v) is not None else 0)  # type: ignore[arg-type]
            out["variablesReference"] = self.refs.add(self.table_node(v, evaluate, depth))
            if n:
                out["indexedVariables"] = n
                out["namedVariables"] = named
        elif upvalues_of(v):
            out["variablesReference"] = self.refs.add(self.function_node(v, depth))
        return out

    # --- what a table or a function holds -------------------------------------------------

    def table_node(self, t: object, path: str | None, depth: int) -> Node:
        node = Node(lambda start, count, which: [], depth)

        def children(start: int, count: int | None, which: str | None) -> list[dict]:
            n = array_length(t)  # type: ignore[arg-type]
            out: list[dict] = []
            if which != "named":
                stop = n if count is None or count <= 0 else min(n, start + count)
                begin = start if which == "indexed" else 0
                get = t.get_int  # type: ignore[attr-defined]
                for i in range(begin + 1, stop + 1):
                    name = f"[{i}]"
                    evaluate = f"{path}[{i}]" if path is not None else None
                    node.names[name] = evaluate
                    out.append(self.variable(name, get(i), evaluate, depth))
                if which == "indexed":
                    return out
            for k, v in entries(t):  # type: ignore[arg-type]
                if _in_array(k, n):
                    continue
                name, evaluate = key_name(k, path, self.view)
                node.names[name] = evaluate
                out.append(self.variable(name, v, evaluate, depth))
            meta = self.view.metatable(t)
            if meta is not None:
                evaluate = f"getmetatable({path})" if path is not None else None
                out.append(self.variable("(metatable)", meta, evaluate, depth,
                                         hint={"kind": "virtual"}))
            if which == "named" and (start or count):
                return out[start:start + count if count else None]
            return out

        node.children = children
        return node

    def function_node(self, f: object, depth: int) -> Node:
        def children(start: int, count: int | None, which: str | None) -> list[dict]:
            info = self.view.function_info(f)
            out = [{"name": "(defined)", "value": info.describe(), "variablesReference": 0,
                    "presentationHint": {"kind": "virtual", "attributes": ["readOnly"]}}]
            for name, v in upvalues_of(f) or []:
                out.append(self.variable(name.decode("utf-8", "replace"), v, None, depth,
                                         type_note=" (upvalue)"))
            return out

        return Node(children, depth)

    # --- a frame's scopes -----------------------------------------------------------------

    def locals_node(self, frame: Callable[[], FrameView]) -> Node:
        node = Node(lambda s, c, w: [], frame().depth)

        def children(start, count, which):
            f = frame()
            out = []
            active = [r for r in f.registers if r.name is not None]
            seen: dict[bytes, int] = {}
            for r in active:  # a later register of the same name shadows an earlier one
                seen[r.name] = r.index  # type: ignore[index]
            for r in active:
                name = r.name.decode("utf-8", "replace")  # type: ignore[union-attr]
                visible = seen[r.name] == r.index and not name.startswith("(")  # type: ignore[index]
                label = name if visible or name.startswith("(") else f"{name} (shadowed, R{r.index})"
                evaluate = name if visible else None
                node.names[label] = evaluate
                out.append(self.variable(label, r.value, evaluate, f.depth))
            return out

        node.children = children
        return node

    def upvalues_node(self, frame: Callable[[], FrameView],
                      shared: Callable[[], tuple[tuple[str, ...], ...]]) -> Node:
        node = Node(lambda s, c, w: [], frame().depth)

        def children(start, count, which):
            f = frame()
            cells = shared()
            out = []
            for u in f.upvalues:
                name = u.name.decode("utf-8", "replace")
                note = f", open: R{u.register} of frame #{u.owner}" if u.is_open else ", closed"
                others = cells[u.index] if u.index < len(cells) else ()
                if others:
                    note += ", shared with " + ", ".join(others[:4]) + (
                        f" +{len(others) - 4}" if len(others) > 4 else "")
                node.names[name] = name
                out.append(self.variable(name, u.value, name, f.depth, type_note=note))
            return out

        node.children = children
        return node

    def registers_node(self, frame: Callable[[], FrameView]) -> Node:
        node = Node(lambda s, c, w: [], frame().depth)

        def children(start, count, which):
            f = frame()
            out = []
            for r in f.registers:
                local = r.name.decode("utf-8", "replace") if r.name else ""
                label = f"R{r.index}" + (f" {local}" if local else "")
                evaluate = local if local and not local.startswith("(") else None
                node.names[label] = evaluate
                out.append(self.variable(label, r.value, evaluate, f.depth))
            return out

        node.children = children
        return node

    def varargs_node(self, frame: Callable[[], FrameView]) -> Node:
        def children(start, count, which):
            f = frame()
            return [self.variable(f"...{i + 1}", v, None, f.depth) for i, v in enumerate(f.varargs)]

        return Node(children, frame().depth)

    def globals_node(self, globals_table: object, depth: int, shadowed: set[str]) -> Node:
        node = Node(lambda s, c, w: [], depth)

        def children(start, count, which):
            pairs = entries(globals_table)  # type: ignore[arg-type]
            named = sorted((kv for kv in pairs if kv[0].__class__ is bytes), key=lambda kv: kv[0])  # type: ignore[arg-type,return-value]
            others = [kv for kv in pairs if kv[0].__class__ is not bytes]
            out = []
            for k, v in named + others:
                name, evaluate = key_name(k, None, self.view)
                if evaluate is not None and evaluate in shadowed:
                    evaluate = None  # a local or upvalue of that name hides it
                node.names[name] = evaluate
                out.append(self.variable(name, v, evaluate, depth))
            if start or count:
                return out[start:start + count if count else None]
            return out

        node.children = children
        return node


def key_name(k: object, path: str | None, view: ValuesView) -> tuple[str, str | None]:
    """How a table key is shown, and the expression for the field (None when it cannot be
    written: a key that is an object, or no path to the table)."""
    if k.__class__ is bytes:
        text = k.decode("utf-8", "surrogateescape")  # type: ignore[union-attr]
        if is_identifier(text):
            return text, (text if path is None else f"{path}.{text}")
        q = quote(k)  # type: ignore[arg-type]
        return f"[{q}]", (f"{path}[{q}]" if path is not None else None)
    if k is True or k is False:
        word = "true" if k else "false"
        return f"[{word}]", (f"{path}[{word}]" if path is not None else None)
    if k.__class__ is float:
        text = plain(pretty(k, view, ONE_LINE))
        ok = path is not None and k == k and abs(k) != float("inf")  # type: ignore[operator]
        return f"[{text}]", (f"{path}[{text}]" if ok else None)
    return f"[{view.label(k)}]", None


def _in_array(k: object, n: int) -> bool:
    return k.__class__ is float and 1 <= k <= n and k == int(k)  # type: ignore[operator]
