"""The Redis panels of the debugger: the keyspace (keys changed by the last command marked,
scrolled to show them), the log of the script's redis.call/pcall with their replies (scrolled to
the newest), and the reply of EVAL (or FCALL) once the script has ended, formatted as redis-cli
formats it. They show a ``vm.redis.debugsession.RedisView``, built in the worker thread."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ferrous_repl.redis_output import format_tty, repr_bytes
from vm.redis.debugsession import RedisView
from vm.redis.reply import NULL_ARRAY, BigNumber, Double, ErrorReply, Map, SetReply, Status, Verbatim

VALUE_CHARS = 200  # a value is cut after this many characters in one row


def compact(reply: object, depth: int = 0) -> str:
    """A reply on one line, in redis-cli's words: ``OK``, ``(integer) 3``, ``"v"``, ``(nil)``,
    ``(error) ERR ...``, arrays as ``["a", 1]``."""
    if reply is None or reply is NULL_ARRAY:
        return "(nil)"
    cls = reply.__class__
    if cls is Status:
        return bytes(reply).decode("utf-8", "backslashreplace")  # type: ignore[arg-type]
    if cls is ErrorReply:
        return "(error) " + reply.text.decode("utf-8", "backslashreplace")  # type: ignore[attr-defined]
    if cls is bool:
        return "(true)" if reply else "(false)"
    if cls is int:
        return f"(integer) {reply}"
    if cls is bytes:
        return _quoted(reply)  # type: ignore[arg-type]
    if cls is Double:
        return f"(double) {reply.value:g}"  # type: ignore[attr-defined]
    if cls is BigNumber:
        return "(big number) " + reply.digits.decode("ascii", "replace")  # type: ignore[attr-defined]
    if cls is Verbatim:
        return _quoted(reply.text)  # type: ignore[attr-defined]
    if depth > 4:
        return "[...]"
    if cls is Map:
        return "{" + ", ".join(f"{compact(k, depth + 1)}: {compact(v, depth + 1)}"
                               for k, v in reply.items) + "}"  # type: ignore[attr-defined]
    if cls is SetReply:
        return "{" + ", ".join(compact(x, depth + 1) for x in reply.items) + "}"  # type: ignore[attr-defined]
    if isinstance(reply, list | tuple):
        return "[" + ", ".join(compact(x, depth + 1) for x in reply) + "]"
    return repr(reply)


def _quoted(s: bytes) -> str:
    return repr_bytes(s).decode("ascii", "backslashreplace")


def _cut(text: str) -> str:
    return text if len(text) <= VALUE_CHARS else text[:VALUE_CHARS - 1] + "…"


def keyspace_lines(view: RedisView) -> list[Content]:
    """One row per key: ``* key  type  value  ttl``, changed keys marked and coloured."""
    if not view.keys and not view.changed:
        return [Content.styled("(no keys)", "$text-muted")]
    rows = []
    present = {k.key for k in view.keys}
    for k in view.keys:
        changed = k.key in view.changed
        if k.type == "string":
            value = _quoted(k.value[0]) if k.value else ""
        elif k.type == "hash" or k.type == "zset":
            pairs = zip(k.value[0::2], k.value[1::2], strict=False)
            value = "{" + ", ".join(f"{_quoted(a)}: {_quoted(b)}" for a, b in pairs) + "}"
        elif k.type == "stream":
            value = k.value[0].decode() if k.value else ""
        else:
            value = "[" + ", ".join(_quoted(x) for x in k.value) + "]"
        ttl = f"  ttl {k.ttl}s" if k.ttl >= 0 else ""
        rows.append(Content.assemble(
            ("* " if changed else "  ", "bold $warning"),
            (_quoted(k.key), "bold $warning" if changed else "bold"),
            ("  " + k.type + "  ", "$text-muted"),
            (_cut(value), "$warning" if changed else ""),
            (ttl, "$text-muted")))
    for key in sorted(view.changed - present):
        rows.append(Content.assemble(("* ", "bold $warning"), (_quoted(key), "bold $warning"),
                                     ("  (deleted)", "$warning")))
    if view.more_keys:
        rows.append(Content.styled("(more keys not shown)", "$text-muted"))
    return rows


def call_lines(view: RedisView) -> list[Content]:
    """One row per redis.call/pcall: its line, the command, the reply; the newest marked."""
    if not view.calls:
        return [Content.styled("(no redis.call yet)", "$text-muted")]
    rows = []
    first_new = len(view.calls) - view.new_calls
    for i, c in enumerate(view.calls):
        new = i >= first_new
        command = " ".join([c.argv[0].decode("utf-8", "backslashreplace")] + [_quoted(a) for a in c.argv[1:]])
        reply = compact(c.reply)
        bad = c.reply.__class__ is ErrorReply
        rows.append(Content.assemble(
            ("* " if new else "  ", "bold $warning"),
            (f"L{c.line} ", "$text-muted"),
            ("pcall " if not c.raised and bad and c.argv else "", "$text-muted"),
            (_cut(command), "bold" if new else ""),
            ("  →  ", "$text-muted"),
            (_cut(reply), "$error" if bad else "$success" if new else "")))
    return rows


def reply_lines(view: RedisView, rewinds: bool, command: str = "EVAL") -> Content:
    """``EVAL reply:`` (or ``FCALL reply:``) then the reply as redis-cli prints it on a
    terminal, once the script has ended; while it runs, a note (and for a real server, that
    going back replays replies)."""
    if view.done:
        bad = view.reply.__class__ is ErrorReply
        text = format_tty(view.reply).decode("utf-8", "backslashreplace").rstrip("\n")
        one_line = "\n" not in text
        return Content.assemble((f"{command} reply:" + (" " if one_line else "\n"), "bold"),
                                (text, "bold $error" if bad else "bold $success"))
    note = "" if rewinds else "  (real server: not rewound; going back replays replies from the log)"
    return Content.assemble(("running", "$text-muted"), (note, "$warning"))


class _Lines(VerticalScroll):
    DEFAULT_CSS = """
    _Lines { height: 1fr; min-height: 3; padding: 0 1; border-top: solid $secondary;
             border-title-color: $accent; }
    _Lines > Static { width: auto; text-wrap: nowrap; }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title
        self._body = Static("")
        self.lines: list[Content] = []

    def compose(self):
        yield self._body

    def show_lines(self, lines: list[Content], follow: int | None = None) -> None:
        """Show the rows; ``follow`` is a row to bring into view once they are laid out (-1:
        the last one)."""
        self.lines = lines
        self._body.update(Content("\n").join(lines))
        if follow is not None:
            row = len(lines) - 1 if follow < 0 else follow
            self.call_after_refresh(self._follow, row)

    def _follow(self, row: int, tries: int = 5) -> None:
        height = self.scrollable_content_region.height
        if row < self.scroll_y or row >= self.scroll_y + height:
            y = max(row - height + 1, 0) if row >= self.scroll_y else row
            if y > self.max_scroll_y and tries:  # the new rows are not laid out yet: scrolling
                self.call_after_refresh(self._follow, row, tries - 1)  # now stops short of them
                return
            self.scroll_to(y=y, animate=False, immediate=True)


class KeyspacePanel(_Lines):
    """The keys of the script's database, with their values; the first key the last step
    changed is brought into view."""

    def show_view(self, view: RedisView) -> None:
        lines = keyspace_lines(view)
        changed = [i for i, line in enumerate(lines) if line.plain.startswith("* ")]
        self.show_lines(lines, changed[0] if changed else None)


class CallLogPanel(_Lines):
    """Each redis.call/pcall of the run so far, newest at the bottom and in view."""

    def show_view(self, view: RedisView) -> None:
        self.show_lines(call_lines(view), -1)


class ReplyPanel(VerticalScroll):
    """The reply once the script has ended (a long reply scrolls)."""

    DEFAULT_CSS = """
    ReplyPanel { height: auto; max-height: 8; padding: 0 1; }
    ReplyPanel > Static { width: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._body = Static("")
        self.content = Content("")

    def compose(self):
        yield self._body

    def show(self, content: Content) -> None:
        self.content = content
        self._body.update(content)
