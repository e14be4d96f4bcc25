"""The pretty printer for Lua values, shared by the REPL and the debugger.

``pretty(value, view)`` gives a list of (style, text) fragments: ``style`` is one of the names
in STYLES ("" for plain text), ``text`` what to show. prompt_toolkit renders them through
``for_prompt_toolkit`` (class names) and a Textual/rich front end through ``pretty_styles``
(style name -> colour of a theme); ``plain`` drops the styles.

How values look:
- strings quoted so that Lua reads them back to the same bytes (``"a\\nb"``, ``'say "hi"'``);
- tables with their handle, on one line when they fit and indented otherwise (short array items
  filling lines), keys in a sensible order: the array part 1..n (without keys), then other
  numbers, then strings, then the rest;
- a table met again inside itself is marked ``<cycle>``, one met again elsewhere ``<shown
  above>``; deep tables, long tables and long strings are folded with a count;
- functions, threads and userdata with their handle and a description
  (``function#7 <function: stdin:3>``, ``function#2 <builtin: print>``).

Everything is read raw through vm.values_view: printing never runs Lua code.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ferrous_repl.themes import Theme
from vm.values_view import (
    ValuesView,
    array_items,
    array_length,
    entries,
    is_identifier,
    kind,
    number_text,
)

Fragment = tuple[str, str]

STYLES = ("nil", "boolean", "number", "string", "key", "punct", "handle", "function", "marker",
          "error", "traceback")

_NAMED_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                  "\v": "\\v", "\\": "\\\\"}


@dataclass(frozen=True, slots=True)
class PrettyOptions:
    """Where folding starts and how wide a line may be."""

    width: int = 80  # columns available
    depth: int = 4  # tables nested deeper than this are folded
    items: int = 40  # entries shown per table
    string: int = 200  # bytes of a string shown before it is folded
    indent: int = 2


# --- strings -----------------------------------------------------------------------------------

def quote(s: bytes) -> str:
    """A Lua string literal that reads back as ``s``: printable text (UTF-8 included) as it is,
    the usual escapes, and ``\\ddd`` for every other byte."""
    q = "'" if b'"' in s and b"'" not in s else '"'
    text = s.decode("utf-8", "surrogateescape")
    out = [q]
    for i, ch in enumerate(text):
        if ch == q:
            out.append("\\" + ch)
        elif ch in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[ch])
        elif ch.isprintable() and not 0xDC80 <= ord(ch) <= 0xDCFF:
            out.append(ch)
        else:
            raw = ch.encode("utf-8", "surrogateescape")
            digit_next = i + 1 < len(text) and text[i + 1].isdigit()
            for j, byte in enumerate(raw):
                wide = digit_next and j == len(raw) - 1
                out.append("\\%03d" % byte if wide else "\\%d" % byte)
    out.append(q)
    return "".join(out)


# --- the value tree ----------------------------------------------------------------------------

@dataclass(slots=True)
class _Atom:
    frags: list[Fragment]


@dataclass(slots=True)
class _Group:
    head: list[Fragment]  # "table#3 {" and the like
    items: list[tuple[list[Fragment], _Atom | _Group]]  # (key part, value)
    tail: list[Fragment]


def _width(frags: Iterable[Fragment]) -> int:
    return sum(len(text) for _, text in frags)


class _Builder:
    """Turns a value into a tree of atoms and groups, noting cycles and shared tables."""

    def __init__(self, view: ValuesView, options: PrettyOptions) -> None:
        self.view = view
        self.options = options
        self.open: set[int] = set()  # tables being shown (ancestors): met again, a cycle
        self.shown: set[int] = set()  # tables already shown in full

    def value(self, v: object, depth: int) -> _Atom | _Group:
        cls_kind = kind(v)
        if v is None:
            return _Atom([("nil", "nil")])
        if v is True or v is False:
            return _Atom([("boolean", "true" if v else "false")])
        if cls_kind == "number":
            return _Atom([("number", number_text(v))])  # type: ignore[arg-type]
        if cls_kind == "string":
            return _Atom(self.string(v))  # type: ignore[arg-type]
        if cls_kind == "table":
            return self.table(v, depth)
        return _Atom(self.reference(v))

    def string(self, s: bytes) -> list[Fragment]:
        limit = self.options.string
        if len(s) <= limit:
            return [("string", quote(s))]
        return [("string", quote(s[:limit])), ("marker", f"... ({len(s)} bytes)")]

    def reference(self, v: object) -> list[Fragment]:
        """A value shown by its handle: function, thread, userdata."""
        label = self.view.label(v)
        about = self.view.describe(v)
        style = "function" if kind(v) == "function" else "handle"
        frags: list[Fragment] = [(style, label)]
        if about:
            frags.append(("marker", f" <{about}>"))
        return frags

    def label(self, t: object) -> list[Fragment]:
        frags: list[Fragment] = [("handle", self.view.label(t))]
        meta = self.view.metatable(t)
        if meta is not None:
            frags.append(("marker", f" <metatable {self.view.label(meta)}>"))
        return frags

    def table(self, t: object, depth: int) -> _Atom | _Group:
        ident = id(t)
        if ident in self.open:
            return _Atom([("handle", self.view.label(t)), ("marker", " <cycle>")])
        if ident in self.shown:
            return _Atom([("handle", self.view.label(t)), ("marker", " <shown above>")])
        pairs = entries(t)  # type: ignore[arg-type]
        head = self.label(t)
        if not pairs:
            return _Atom(head + [("punct", " {}")])
        if depth >= self.options.depth:
            n = len(pairs)
            return _Atom(head + [("punct", " {"), ("marker", f" ... {n} entr{'y' if n == 1 else 'ies'} "),
                                 ("punct", "}")])
        self.open.add(ident)
        self.shown.add(ident)
        try:
            items = self.items(t, pairs, depth)
        finally:
            self.open.discard(ident)
        return _Group(head + [("punct", " {")], items, [("punct", "}")])

    def items(self, t: object, pairs: list[tuple[object, object]], depth: int) -> list:
        limit = self.options.items
        n = array_length(t)  # type: ignore[arg-type]
        items: list[tuple[list[Fragment], _Atom | _Group]] = []
        for v in array_items(t, limit):  # type: ignore[arg-type]
            items.append(([], self.value(v, depth + 1)))
        rest = [(k, v) for k, v in pairs if not _in_array(k, n)]
        room = limit - len(items)
        chosen = heapq.nsmallest(room, rest, key=lambda kv: self.sort_key(kv[0])) if room > 0 else []
        for k, v in chosen:
            items.append((self.key(k), self.value(v, depth + 1)))
        hidden = len(pairs) - len(items)
        if hidden > 0:
            items.append(([], _Atom([("marker", f"... {hidden} more")])))
        return items

    def sort_key(self, k: object) -> tuple:
        """Numbers (by value), strings (by bytes), booleans, then the rest by handle."""
        if k.__class__ is float:
            return (0, k, b"")
        if k.__class__ is bytes:
            return (1, 0.0, k)
        if k is True or k is False:
            return (2, float(k), b"")
        return (3, 0.0, self.view.label(k).encode())

    def key(self, k: object) -> list[Fragment]:
        if k.__class__ is bytes:
            name = k.decode("utf-8", "surrogateescape")  # type: ignore[union-attr]
            if is_identifier(name) and name.isascii():
                return [("key", name), ("punct", " = ")]
            return [("punct", "[")] + self.string(k) + [("punct", "] = ")]  # type: ignore[arg-type]
        if k.__class__ is float:
            inner: list[Fragment] = [("number", number_text(k))]  # type: ignore[arg-type]
        elif k is True or k is False:
            inner = [("boolean", "true" if k else "false")]
        else:
            inner = [("handle", self.view.label(k))]
        return [("punct", "[")] + inner + [("punct", "] = ")]


def _in_array(k: object, n: int) -> bool:
    return k.__class__ is float and k.is_integer() and 1 <= k <= n  # type: ignore[union-attr]


# --- layout ------------------------------------------------------------------------------------

def _flat(node: _Atom | _Group) -> list[Fragment]:
    if isinstance(node, _Atom):
        return node.frags
    out = list(node.head)
    for n, (key, child) in enumerate(node.items):
        out.append(("punct", ", " if n else " "))
        out.extend(key)
        out.extend(_flat(child))
    out.append(("punct", " "))
    out.extend(node.tail)
    return out


def _layout(node: _Atom | _Group, column: int, indent: int, options: PrettyOptions,
            out: list[Fragment]) -> None:
    """Append node to out, starting at ``column`` on a line indented by ``indent``: flat when it
    fits, else one entry a line (array items that are atoms several a line), indented one step
    more than the line."""
    flat = _flat(node)
    if isinstance(node, _Atom) or column + _width(flat) <= options.width:
        out.extend(flat)
        return
    inner = indent + options.indent
    out.extend(node.head)
    column: int | None = None  # where a line of packed array items has got to
    for key, child in node.items:
        if not key and isinstance(child, _Atom):  # array items that are atoms share lines
            width = _width(child.frags) + 1
            if column is not None and column + 1 + width <= options.width:
                out.append(("", " "))
                column += 1 + width
            else:
                out.append(("", "\n" + " " * inner))
                column = inner + width
            out.extend(child.frags)
            out.append(("punct", ","))
            continue
        column = None
        out.append(("", "\n" + " " * inner))
        out.extend(key)
        _layout(child, inner + _width(key), inner, options, out)
        out.append(("punct", ","))
    out.append(("", "\n" + " " * indent))
    out.extend(node.tail)


# --- the API -----------------------------------------------------------------------------------

def pretty(value: object, view: ValuesView, options: PrettyOptions | None = None,
           column: int = 0) -> list[Fragment]:
    """The fragments showing ``value``, as if it started at ``column``."""
    opts = options or PrettyOptions()
    out: list[Fragment] = []
    _layout(_Builder(view, opts).value(value, 0), column, 0, opts, out)
    return _merge(out)


def pretty_values(values: Sequence[object], view: ValuesView,
                  options: PrettyOptions | None = None) -> list[Fragment]:
    """Several values (a call's results): on one line separated by commas when they all fit,
    else one a line. Tables shared between the values are shown once. No values: nothing."""
    opts = options or PrettyOptions()
    builder = _Builder(view, opts)
    nodes = [builder.value(v, 0) for v in values]
    flats = [_flat(n) for n in nodes]
    out: list[Fragment] = []
    if sum(_width(f) for f in flats) + 2 * (len(flats) - 1) <= opts.width:
        for i, flat in enumerate(flats):
            if i:
                out.append(("punct", ", "))
            out.extend(flat)
    else:
        for i, node in enumerate(nodes):
            if i:
                out.append(("", "\n"))
            _layout(node, 0, 0, opts, out)
    return _merge(out)


def _merge(frags: list[Fragment]) -> list[Fragment]:
    """Join neighbouring fragments of the same style (fewer, longer fragments)."""
    out: list[Fragment] = []
    for style, text in frags:
        if not text:
            continue
        if out and out[-1][0] == style:
            out[-1] = (style, out[-1][1] + text)
        else:
            out.append((style, text))
    return out


def plain(frags: Iterable[Fragment]) -> str:
    """The text without styles."""
    return "".join(text for _, text in frags)


def for_prompt_toolkit(frags: Iterable[Fragment]) -> list[tuple[str, str]]:
    """Fragments with prompt_toolkit class names (``class:pretty.string``)."""
    return [(f"class:pretty.{style}" if style else "", text) for style, text in frags]


def pretty_styles(theme: Theme) -> dict[str, str]:
    """Colour ("#rrggbb") of each style name under a theme."""
    syntax = theme.syntax
    ui = theme.interface
    return {
        "nil": syntax.keyword,
        "boolean": syntax.keyword,
        "number": syntax.number,
        "string": syntax.string,
        "key": syntax.name,
        "punct": syntax.operator,
        "handle": ui.handle,
        "function": syntax.builtin,
        "marker": ui.marker,
        "error": ui.error,
        "traceback": ui.traceback,
    }
