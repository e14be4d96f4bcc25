"""The heap browser (``h``): the program's objects first, by handle, with their kind and size
(a table's entries, a function's prototype: instructions, constants, upvalues), then the
libraries' objects folded under one row; tables and closures expand as trees; a typed handle is
looked up (a stale one says which generation is gone); ``g`` runs the collector and lists what
it freed. Built only when shown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static, Tree
from textual.widgets.tree import TreeNode

from ferrous_repl.debugger.heap_tree import children, expandable
from ferrous_repl.debugger.names import DebugNames, parse, scope_names
from ferrous_repl.debugger.values import to_rich, value_line
from vm.debugger import Debugger, HeapObject, StaleHandle
from vm.values_view import ViewError

SHOWN = 500  # objects listed at once; a typed handle or kind narrows the list


class HeapScreen(Screen[bool]):
    """Dismissed with True when the collector ran (the main view must be rebuilt)."""

    # the tree has the focus from the start, as Textual's screen activation gives it, not from
    # on_mount: the lookup box (the first focusable widget) had it until then, and the keys
    # typed right after `h` (`q`, which closes the browser) were typed into it
    AUTO_FOCUS = "#heap-tree"

    BINDINGS = [
        Binding("escape,h,q", "close", "back"),
        Binding("g", "collect", "collect garbage"),
        Binding("slash", "focus_lookup", "look up"),
        Binding("a", "created_at", "created at"),
    ]

    def __init__(self, debugger: Debugger, names: DebugNames | None = None) -> None:
        super().__init__()
        self.debugger = debugger
        self.view = DebugNames(debugger, names.library if names is not None else None)
        self.view.know(scope_names(debugger))
        self.collected = False
        self.created_request = None  # a handle whose creation point the app should go to (a)
        self.message = ""
        self.colours: dict[str, str] = {}
        self.counts: tuple[int, int] = (0, 0)  # live objects: the program's, the libraries'

    def compose(self) -> ComposeResult:
        with Vertical(id="heap"):
            yield Static("", id="heap-summary")
            yield Input(placeholder="/ look up a handle (3, table#3, #L12, 3 gen 2) or list a kind (table)",
                        id="heap-lookup")
            yield Static("", id="heap-message")
            tree: Tree[object] = Tree("heap", id="heap-tree")
            tree.show_root = False
            yield tree
        yield Footer()

    def on_mount(self) -> None:
        self.colours = self.app.get_css_variables()
        self.fill("")

    def fill(self, kind: str) -> None:
        """List the objects (of one kind when given): the program's, then the libraries'."""
        objects = self.debugger.heap_objects()
        mine: list[tuple[HeapObject, object]] = []
        library: list[tuple[HeapObject, object]] = []
        for o in objects:
            obj = self.debugger.resolve(o.index)
            (library if self.view.is_library(obj) else mine).append((o, obj))
        self.counts = (len(mine), len(library))
        counts: dict[str, int] = {}
        for o, _ in mine:
            counts[o.kind] = counts.get(o.kind, 0) + 1
        kinds = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in sorted(counts.items()))
        self.query_one("#heap-summary", Static).update(Content.assemble(
            (f"heap: {len(mine)} objects of the program", "bold"), f" ({kinds})" if kinds else "",
            (f", {len(library)} of the libraries", "bold"), " (folded below)"))
        tree = self.query_one("#heap-tree", Tree)
        tree.clear()
        chosen = [(o, obj) for o, obj in mine if not kind or o.kind == kind]
        for o, obj in chosen[:SHOWN]:
            self._node(tree.root, self._row(o, obj), obj)
        if len(chosen) > SHOWN:
            tree.root.add_leaf(f"... {len(chosen) - SHOWN} more: type a handle to see one")
        if not chosen:
            tree.root.add_leaf(to_rich(Content.styled(f"(no {kind or 'object'}s of the program)",
                                                      "$text-muted"), self.colours))
        shown = [(o, obj) for o, obj in library if not kind or o.kind == kind]
        if shown:
            title = Content.assemble((f"libraries: {len(shown)} objects", "bold"),
                                     ("  (print, string, io.stdout ...)", "$text-muted"))
            folded = tree.root.add(to_rich(title, self.colours), data=None)
            named = sorted(shown, key=lambda p: (p[0].index not in self.view.library, self.view.label(p[1])))
            for o, obj in named[:SHOWN]:
                self._node(folded, self._row(o, obj), obj)

    def _row(self, o: HeapObject, obj: object) -> Content:
        return Content.assemble((f"{self.view.named(obj):<18}", "$lua-handle"),
                                (f" {o.kind:<9}", "$text-muted"), f" {self.size_text(o, obj)}")

    def size_text(self, o: HeapObject, obj: object) -> str:
        """What makes an object big: a table's entries, a function's prototype."""
        if o.kind == "function":
            info = self.view.function_info(obj)
            if info.kind == "builtin":
                return "library function"
            ups = f", {info.upvalues} upvalue{'s' if info.upvalues != 1 else ''}" if info.upvalues else ""
            return (f"defined at {info.name}:{info.line}: {info.instructions} instructions, "
                    f"{info.constants} constants{ups}")
        if o.kind == "table":
            return f"{o.size} entr{'y' if o.size == 1 else 'ies'}"
        about = self.view.describe(obj)
        return about

    def _node(self, parent: TreeNode, label: Content, value: object) -> None:
        if value is not None and expandable(value):
            parent.add(to_rich(label, self.colours), data=value)
        else:
            parent.add_leaf(to_rich(label, self.colours), data=value)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
        node = event.node
        if node.children or node.data is None:
            return
        for line, value in children(node.data, self.view):
            self._node(node, line, value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text or text.isalpha():
            self.fill(text)
            self.say("")
            return
        wanted = parse(text)
        if wanted is None:
            self.say(f"not a handle: {text} (try 3, table#3, #L12 or 3 gen 2)", error=True)
            return
        number, library, generation = wanted
        index = self.view.index_of(number, library)
        shown = self.view.shown_index(index)
        try:
            obj = self.debugger.resolve(index, generation)
        except (StaleHandle, ViewError) as exc:
            self.say(str(exc).replace(f"#{index} ", f"#{shown} ", 1), error=True)
            return
        tree = self.query_one("#heap-tree", Tree)
        tree.clear()
        gen = next((o.generation for o in self.debugger.heap_objects() if o.index == index), "?")
        label = Content.assemble(value_line(obj, self.view), (f"  gen {gen}", "$text-muted"))
        self._node(tree.root, label, obj)
        tree.root.children[0].expand()
        self.say(f"#{shown}: {self.view.label(obj)}")
        tree.focus()

    def action_collect(self) -> None:
        before = self.counts[0] + self.counts[1]
        freed = self.debugger.collect()
        self.collected = True
        self.fill("")
        after = self.counts[0] + self.counts[1]
        names = [self._freed_label(label) for label in freed]
        shown = ", ".join(names[:30]) + (f" and {len(names) - 30} more" if len(names) > 30 else "")
        self.say(f"collector freed {len(freed)} object(s): {before} live before, {after} now"
                 + (f": {shown}" if freed else ""))

    def _freed_label(self, label: str) -> str:
        """A freed object's raw label (``table#167``) as the debugger names it (``table#4``)."""
        kind, _, number = label.partition("#")
        if not number.isdigit():
            return label
        return f"{kind}#{self.view.shown_index(int(number))}"

    def action_created_at(self) -> None:
        """Close the browser and go to where the selected object was created."""
        node = self.query_one("#heap-tree", Tree).cursor_node
        obj = node.data if node is not None else None
        handle = getattr(obj, "handle", None)
        if handle is None:
            self.say("select an object (a table, function, coroutine, userdata) first", error=True)
            return
        self.created_request = handle
        self.dismiss(self.collected)

    def action_focus_lookup(self) -> None:
        self.set_focus(self.query_one("#heap-lookup", Input))  # now: the keys typed next go there

    def action_close(self) -> None:
        self.dismiss(self.collected)

    def say(self, text: str, error: bool = False) -> None:
        self.message = text
        style = "$error" if error else "$success"
        self.query_one("#heap-message", Static).update(Content.styled(text, style))
