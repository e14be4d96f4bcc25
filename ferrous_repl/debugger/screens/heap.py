"""The heap browser (``h``): every live object by handle with its generation, kind and size;
tables and closures expand as trees; a typed handle is looked up (a stale one says which
generation is gone); ``g`` runs the collector and lists what it freed. Built only when shown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static, Tree
from textual.widgets.tree import TreeNode

from ferrous_repl.debugger.heap_tree import children, expandable, parse_handle
from ferrous_repl.debugger.values import to_rich, value_line
from vm.debugger import Debugger, StaleHandle
from vm.values_view import ValuesView

SHOWN = 500  # objects listed at once; a typed handle or kind narrows the list


class HeapScreen(Screen[bool]):
    """Dismissed with True when the collector ran (the main view must be rebuilt)."""

    BINDINGS = [
        Binding("escape,h,q", "close", "back"),
        Binding("g", "collect", "collect garbage"),
        Binding("slash", "focus_lookup", "look up"),
        Binding("a", "created_at", "created at"),
    ]

    def __init__(self, debugger: Debugger) -> None:
        super().__init__()
        self.debugger = debugger
        self.view = ValuesView(debugger.session)
        self.collected = False
        self.created_request = None  # a handle whose creation point the app should go to (a)
        self.message = ""
        self.colours: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="heap"):
            yield Static("", id="heap-summary")
            yield Input(placeholder="/ look up a handle (12, table#12, 12 gen 3) or list a kind (table)",
                        id="heap-lookup")
            yield Static("", id="heap-message")
            tree: Tree[object] = Tree("heap", id="heap-tree")
            tree.show_root = False
            yield tree
        yield Footer()

    def on_mount(self) -> None:
        self.colours = self.app.get_css_variables()
        self.fill("")
        self.query_one("#heap-tree", Tree).focus()

    def fill(self, kind: str) -> None:
        """List the objects (of one kind when given)."""
        objects = self.debugger.heap_objects()
        counts: dict[str, int] = {}
        for o in objects:
            counts[o.kind] = counts.get(o.kind, 0) + 1
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
        self.query_one("#heap-summary", Static).update(
            Content.assemble((f"heap: {len(objects)} live objects", "bold"), f"  ({kinds})"))
        chosen = [o for o in objects if not kind or o.kind == kind]
        tree = self.query_one("#heap-tree", Tree)
        tree.clear()
        for o in chosen[:SHOWN]:
            self._add(tree.root, Content.assemble(
                (f"{o.label:<16}", "$lua-handle"), (f" gen {o.generation:<3} {o.kind:<9}", "$text-muted"),
                f" size {o.size}"), o.index)
        if len(chosen) > SHOWN:
            tree.root.add_leaf(f"... {len(chosen) - SHOWN} more: type a handle to see one")

    def _add(self, parent: TreeNode, label: Content, index: int) -> None:
        obj = self.debugger.resolve(index)
        self._node(parent, label, obj)

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
        wanted = parse_handle(text)
        if wanted is None:
            self.say(f"not a handle: {text} (try 12, table#12 or 12 gen 3)", error=True)
            return
        index, generation = wanted
        try:
            obj = self.debugger.resolve(index, generation)
        except StaleHandle as exc:
            self.say(str(exc), error=True)
            return
        tree = self.query_one("#heap-tree", Tree)
        tree.clear()
        gen = next((o.generation for o in self.debugger.heap_objects() if o.index == index), "?")
        label = Content.assemble(value_line(obj, self.view), (f"  gen {gen}", "$text-muted"))
        self._add(tree.root, label, index)
        tree.root.children[0].expand()
        self.say(f"#{index}: {self.view.label(obj)}")
        tree.focus()

    def action_collect(self) -> None:
        freed = self.debugger.collect()
        self.collected = True
        self.fill("")
        shown = ", ".join(freed[:30]) + (f" and {len(freed) - 30} more" if len(freed) > 30 else "")
        self.say(f"collector freed {len(freed)} object(s)" + (f": {shown}" if freed else ""))

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
        self.query_one("#heap-lookup", Input).focus()

    def action_close(self) -> None:
        self.dismiss(self.collected)

    def say(self, text: str, error: bool = False) -> None:
        self.message = text
        style = "$error" if error else "$success"
        self.query_one("#heap-message", Static).update(Content.styled(text, style))
