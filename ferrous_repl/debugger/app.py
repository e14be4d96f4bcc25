"""The debugger app: the panels of a paused Lua program and the keys that move it.

Every engine command (step, continue, back, restart, evaluate) runs in a worker thread, so the
UI stays responsive and ``p`` can pause a running loop; the worker builds the frozen Snapshot,
and the UI thread hands its parts to the widgets. While a command runs nothing else touches
the debugger.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import BinaryIO

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Input, Static, TabbedContent, TabPane

from ferrous_repl.debugger import breakpoints, watches
from ferrous_repl.debugger.names import DebugNames
from ferrous_repl.debugger.screens.heap import HeapScreen
from ferrous_repl.debugger.screens.help import HelpScreen
from ferrous_repl.debugger.snapshot import Snapshot, build, debug_names, frame_panels
from ferrous_repl.debugger.target import Target
from ferrous_repl.debugger.theme import PREFIX, load_all
from ferrous_repl.debugger.values import values_block
from ferrous_repl.debugger.widgets.eval_box import EvalBox
from ferrous_repl.debugger.widgets.listing import ListingPanel
from ferrous_repl.debugger.widgets.output import OutputPanel
from ferrous_repl.debugger.widgets.rows import RowsPanel
from ferrous_repl.debugger.widgets.source import SourcePanel
from ferrous_repl.debugger.widgets.stack import StackPanel
from vm.debugger import Debugger, Stop, WatchError
from vm.errors import LimitError, LoadError, LuaError

# the engine commands behind the stepping keys
COMMANDS: dict[str, Callable[[Debugger], Stop]] = {
    "instruction": Debugger.step_instruction,
    "line": Debugger.step_line,
    "into": Debugger.step_into,
    "out": Debugger.step_out,
    "continue": Debugger.continue_,
    "back": Debugger.step_back,
    "back_line": Debugger.step_back_line,
    "back_over": Debugger.step_back_over,
    "back_out": Debugger.step_back_out,
    "reverse": Debugger.reverse_continue,
    "restart": Debugger.restart,
}


# key, action, footer name, what ? says of it
KEYS = (
    ("s", "step('instruction')", "step", "one instruction"),
    ("n", "step('line')", "next", "next line of this function (over calls)"),
    ("i", "step('into')", "into", "next line anywhere (into calls)"),
    ("o", "step('out')", "out", "until this function returns"),
    ("c", "step('continue')", "continue", "continue to a breakpoint, an error or the end"),
    ("p", "pause", "pause", "pause a running program"),
    ("S", "step('back')", "back", "back one instruction"),
    ("N", "step('back_line')", "back line", "back one line (anywhere: the reverse of i)"),
    ("P", "step('back_over')", "prev line", "back to the previous line of this function (over calls)"),
    ("O", "step('back_out')", "back out", "back to the call of this function"),
    ("C", "step('reverse')", "reverse", "back to the last breakpoint, watchpoint change or error"),
    ("w", "last_write", "", "go to the instruction that last changed the selected register, "
     "upvalue or global (Tab to a panel, Up/Down to pick a row)"),
    ("a", "created_at", "", "go to the instruction that created the selected row's object"),
    ("u", "run_to_cursor", "", "run to the cursor line of the source panel"),
    ("U", "run_back_to_cursor", "", "run backwards to the cursor line of the source panel"),
    ("b", "breakpoint", "break", "toggle a breakpoint on the cursor line or instruction"),
    ("e", "eval", "eval", "evaluate Lua in the selected frame; :break, :log, :clear, :errors, :watch, "
     ":unwatch, :last, :created there too"),
    ("colon", "command", "", "start a command (:break, :log, :watch, ...) in the eval box"),
    ("h", "heap", "heap", "heap browser (objects by handle, collector)"),
    ("r", "step('restart')", "restart", "restart from the beginning"),
    ("t", "next_theme", "theme", "next theme"),
    ("q", "quit", "quit", "quit"),
    ("question_mark", "help", "keys", "this help"),
)

QUEUED = 20  # keys that may wait for a running command

# the footer shows what fits, from the left: how to see every key first, then how to leave
FOOTER_FIRST = ("question_mark", "q")


def _bindings() -> list[Binding]:
    """The debugger's keys as priority bindings: the app handles each key as it arrives, in order,
    before routing the next one (see DebuggerApp.check_action for where they stand back)."""
    rows = sorted(KEYS, key=lambda row: FOOTER_FIRST.index(row[0]) if row[0] in FOOTER_FIRST else len(KEYS))
    return [Binding(key, action, name or about, show=bool(name), priority=True)
            for key, action, name, about in rows]


KEY_ACTIONS = frozenset(action.split("(")[0] for _, action, _, _ in KEYS)


class DebuggerApp(App[None]):
    CSS_PATH = "debugger.tcss"
    TITLE = "ferrous debug"
    ENABLE_COMMAND_PALETTE = False  # its ^p would take the footer's room; ? lists every key

    BINDINGS = [
        *_bindings(),
        Binding("escape", "escape", "leave eval", show=False, priority=True),
        Binding("enter", "submit_eval", "run", show=False, priority=True),
        # as in the REPL: Ctrl-C stops a running program (the state is kept), never the app
        Binding("ctrl+c", "interrupt", "pause", show=False, priority=True),
    ]

    class Stopped(Message):
        """The panels now show a new stop (posted after each command and frame change)."""

        def __init__(self, snapshot: Snapshot) -> None:
            super().__init__()
            self.snapshot = snapshot

    def __init__(self, target: Target, theme: str | None = None) -> None:
        super().__init__()
        self.target = target
        self.debugger = target.debugger
        self.names = DebugNames(self.debugger)  # the library's names, found once
        self.sources = target.sources
        self.busy = False
        self._waiting: list[tuple[Callable[[], Snapshot], str]] = []  # keys pressed while busy
        self.selected = 0
        self.snapshot: Snapshot | None = None
        self.latencies: list[float] = []  # seconds from a key to the repaint that shows its result
        self._pressed = 0.0
        self._running_timer: Timer | None = None
        # the keys typed after `q` (None until then): in ``:debug``, the REPL's next prompt's
        self.typed_after_quit: list[str] | None = None
        themes, self.theme_problems = load_all(theme)
        for t in themes:
            self.register_theme(t)
        self.theme_names = [t.name for t in themes]
        if self.theme_names:
            self.theme = self.theme_names[0]
        self.sub_title = target.name

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="status")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                source = SourcePanel(id="source")
                source.border_title = "source"
                yield source
                listing = ListingPanel(id="listing")
                yield listing
            with Vertical(id="right"):
                regs = RowsPanel("(no registers)", id="registers")
                regs.border_title = "registers"
                yield regs
                ups = RowsPanel("(no upvalues)", note_first=True, id="upvalues")
                ups.border_title = "upvalues"
                yield ups
                stack = StackPanel(id="stack")
                stack.border_title = "call stack"
                yield stack
                with TabbedContent(id="tabs"):
                    with TabPane("output", id="tab-output"):
                        yield OutputPanel(id="output")
                    with TabPane("globals", id="tab-globals"):
                        yield RowsPanel("(no globals)", id="globals")
                    with TabPane("constants", id="tab-constants"):
                        yield RowsPanel("(no constants)", id="constants")
                    with TabPane("varargs", id="tab-varargs"):
                        yield RowsPanel("(no varargs)", id="varargs")
        yield EvalBox(id="eval")
        yield Footer()

    def on_mount(self) -> None:
        for problem in self.theme_problems:
            self.notify(problem, severity="warning")
        d = self.debugger
        if d.done:  # an empty session: a REPL through the eval box
            self._show(build(d, Stop("done", d.position, "empty session: type Lua below (Enter runs it)"),
                             0, self.names))
            self.query_one("#eval-input").focus()
        else:
            self._show(build(d, Stop("start", d.position), 0, self.names))
            self.query_one(SourcePanel).focus()

    def on_resize(self, event: events.Resize) -> None:
        """The small-terminal layout below 100x32. The event's size: the app's own is still
        the one before (Textual updates it after this handler); resized to 20x5 and back, the
        layout stayed small at full size."""
        self.set_class(event.size.height < 32 or event.size.width < 100, "small")

    # --- showing a stop -----------------------------------------------------------------------

    def _show(self, snap: Snapshot, follow: bool = True) -> None:
        """Hand the snapshot's parts to the widgets."""
        self.snapshot = snap
        self.selected = snap.frame.depth
        self.busy = False
        if self._running_timer is not None:
            self._running_timer.stop()
            self._running_timer = None
        self._show_status(snap)
        self._show_frame(snap, follow)
        self.query_one(StackPanel).show_stack(snap.stack, snap.coroutines, snap.frame.depth)
        self.query_one("#globals", RowsPanel).show_rows(snap.globals)
        self.query_one(OutputPanel).show_output(snap.output, snap.output_log)
        if self._pressed:
            started = self._pressed
            self._pressed = 0.0
            self.call_after_refresh(lambda: self._repainted(started))
        self.post_message(self.Stopped(snap))
        if self._waiting:
            self.call_after_refresh(self._next_waiting)

    def _show_status(self, snap: Snapshot) -> None:
        stop = snap.stop
        bad = stop.reason == "error" or (snap.done and snap.failed)
        style = "bold $error" if bad else "bold $success" if stop.reason == "breakpoint" else "bold"
        self.query_one("#status", Static).update(Content.styled(snap.status, style), layout=False)

    def _show_frame(self, snap: Snapshot, follow: bool = True) -> None:
        fp = snap.frame
        source = self.query_one(SourcePanel)
        chunk, line = fp.source, fp.line
        if not snap.stack and source.chunk is not None:  # finished: keep the last chunk in view
            chunk, line = source.chunk, -1
        text = self.sources.lines(chunk) if chunk is not None else None
        failing = snap.stop.reason == "error" and fp.depth == 0 and not snap.done
        source.failing = failing
        source.show_source(chunk, text, line, snap.breakpoints, follow)
        source.border_title = f"source  {fp.title}" if fp.title else "source"
        listing = self.query_one(ListingPanel)
        listing.failing = failing
        ended = snap.status.split("  ·  ")[0]
        listing.finished = f"{ended}: r restarts, S goes back" if snap.done else ""
        listing.show_frame(fp, breakpoints.pc_marks(self.debugger, fp.function), follow)
        self.query_one("#registers", RowsPanel).show_rows(fp.registers)
        self.query_one("#upvalues", RowsPanel).show_rows(fp.upvalues)
        self.query_one("#constants", RowsPanel).show_rows(fp.constants)
        self.query_one("#varargs", RowsPanel).show_rows(fp.varargs)

    def _repainted(self, started: float) -> None:
        self.latencies.append(time.perf_counter() - started)
        del self.latencies[:-1000]

    # --- commands -----------------------------------------------------------------------------

    def _start(self, work: Callable[[], Snapshot], label: str) -> bool:
        """Run ``work`` in a worker thread; its snapshot is shown when it ends. Keys pressed
        while a command runs wait their turn (a fast typist's ``s s s`` makes three steps);
        ``p`` and Ctrl-C drop them. A key pressed while earlier ones still wait (the last
        command has ended, the next starts once its stop is drawn) waits behind them."""
        if self.busy or self._waiting:
            if len(self._waiting) >= QUEUED:
                self.notify("the program is running: p pauses it", severity="warning")
                return False
            self._waiting.append((work, label))
            return True
        self._run(work, label)
        return True

    def _run(self, work: Callable[[], Snapshot], label: str) -> None:
        """Start ``work`` in the engine's worker thread now."""
        self.busy = True
        self._pressed = time.perf_counter()

        def say_running() -> None:  # only for commands that take a while: no extra repaint
            self.query_one("#status", Static).update(Content.styled(f"{label}…  (p pauses)", "bold $accent"),
                                                     layout=False)

        self._running_timer = self.set_timer(0.2, say_running)

        def job() -> None:
            try:
                snap = work()
            except Exception as exc:  # noqa: BLE001 - an engine bug must not kill the UI
                self.call_from_thread(self._internal_error, exc)
                return
            self.call_from_thread(self._show, snap)

        # not exclusive: the last command's thread may not have returned yet (its stop is shown
        # from it, then it ends), and cancelling it would mark a finished command as cancelled;
        # busy and the queue keep one command at a time
        self.run_worker(job, thread=True, group="engine", name=label)

    def _next_waiting(self) -> None:
        """Start the command of the next key pressed while the last one ran."""
        if self._waiting and not self.busy:
            work, label = self._waiting.pop(0)
            self._run(work, label)

    def _internal_error(self, exc: Exception) -> None:
        self.busy = False
        self._waiting.clear()
        if self._running_timer is not None:
            self._running_timer.stop()
        self.notify(f"internal error in ferrous: {type(exc).__name__}: {exc}", severity="error", timeout=10)

    def action_step(self, kind: str) -> None:
        d = self.debugger
        command = COMMANDS[kind]
        self._start(lambda: build(d, command(d), 0, self.names), kind.replace("_", " "))

    def action_run_to_cursor(self) -> None:
        source = self.query_one(SourcePanel)
        d = self.debugger
        line, chunk = source.cursor_line, source.chunk
        self._start(lambda: build(d, d.run_to_line(line, chunk), 0, self.names), f"run to line {line}")

    def _selected_place(self):
        """The place of the focused panel's selected row (registers, upvalues, globals), or
        None with a notice."""
        d = self.debugger
        panel = self.focused if isinstance(self.focused, RowsPanel) else None
        row = panel.selected() if panel is not None else None
        if row is None or panel.id not in ("registers", "upvalues", "globals"):
            self.notify("select a row of the registers, upvalues or globals panel first (Tab, Up/Down)",
                        severity="warning")
            return None
        try:
            if panel.id == "registers":
                return d.register_place(int(row.label[1:]), self.selected)
            if panel.id == "upvalues":
                return d.place(row.name, self.selected)
            return d.place(row.label, self.selected)
        except (WatchError, ValueError) as exc:
            self.notify(str(exc), severity="warning")
            return None

    def action_last_write(self) -> None:
        if self.busy:
            return
        place = self._selected_place()
        if place is not None:
            d = self.debugger
            self._start(lambda: build(d, d.last_write(place), 0, self.names), f"last write of {place.label}")

    def action_created_at(self) -> None:
        if self.busy:
            return
        place = self._selected_place()
        if place is None:
            return
        handle = self.debugger.handle_in(place)
        if handle is None:
            self.notify(f"{place.label} does not hold a heap object", severity="warning")
            return
        self._created_at(handle)

    def _created_at(self, handle) -> None:
        d = self.debugger
        self._start(lambda: build(d, d.created_at(handle), 0, self.names),
                    f"creation of #{self.names.shown_index(handle.index)}")

    def action_run_back_to_cursor(self) -> None:
        source = self.query_one(SourcePanel)
        d = self.debugger
        line, chunk = source.cursor_line, source.chunk
        self._start(lambda: build(d, d.run_back_to_line(line, chunk), 0, self.names), f"back to line {line}")

    def action_pause(self) -> None:
        if self.busy:
            self._waiting.clear()
            self.debugger.pause()

    def action_interrupt(self) -> None:
        if self.busy:
            self._waiting.clear()
            self.debugger.pause()
        else:
            self.notify("nothing is running (Ctrl-C pauses a running program); q quits")

    def action_breakpoint(self) -> None:
        if self.busy or self.snapshot is None:
            return
        listing = self.query_one(ListingPanel)
        if listing.has_focus_within and self.snapshot.frame.function is not None:
            pc = listing.cursor
            on = breakpoints.toggle_pc(self.debugger, self.snapshot.frame.function, pc)
            self.notify(f"breakpoint {'set on' if on else 'cleared from'} instruction {pc + 1}")
        else:
            source = self.query_one(SourcePanel)
            if source.chunk is None:
                self.notify("no source here to put a breakpoint on", severity="warning")
                return
            said = breakpoints.toggle_line(self.debugger, source.cursor_line, source.chunk)
            self.notify(said.text, severity="warning" if said.refused else "information")
            if said.offer is not None:
                self.query_one(EvalBox).offer(said.offer)
        self._marks_changed()

    def _marks_changed(self) -> None:
        if self.snapshot is not None:
            self.snapshot = replace(self.snapshot, breakpoints=breakpoints.line_marks(self.debugger))
            self._show_frame(self.snapshot, follow=False)

    def on_source_panel_gutter_clicked(self, event: SourcePanel.GutterClicked) -> None:
        self.action_breakpoint()

    def on_stack_panel_frame_selected(self, event: StackPanel.FrameSelected) -> None:
        if self.busy or self.snapshot is None or event.depth == self.selected:
            return
        d = self.debugger
        frames = d.frames(threads=True)
        fp = frame_panels(d, debug_names(d, self.names, frames), frames, event.depth)
        snap = self.snapshot
        self.snapshot = replace(snap, frame=fp)
        self.selected = event.depth
        self._show_status(self.snapshot)  # it names the selected frame
        self._show_frame(self.snapshot)
        self.post_message(self.Stopped(self.snapshot))

    def select_frame(self, depth: int) -> None:
        """Select the frame at ``depth`` as a click on the call stack does."""
        self.post_message(StackPanel.FrameSelected(depth))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Where the debugger's keys stand back. They are priority bindings because a binding
        that is not runs only after the key has gone to the focused widget and bubbled back, by
        which time the keys typed after it in the same burst (tmux send-keys, a paste, a fast
        typist) have already been routed: `e:break 3` would run `:break`'s letters as debugger
        keys. So they apply on the debugger's own screen while no input has the focus (there a
        key is a character); Escape leaves the eval box only from it."""
        if action in KEY_ACTIONS:
            if not isinstance(self.screen, HelpScreen | HeapScreen):
                return self.screen is self.screen_stack[0] and not isinstance(self.focused, Input)
            # the keys that close the help (?, q) or the heap browser (h, q, not typed in its
            # lookup box) close it here, at once, as Escape does: the keys after them in the
            # same burst then reach the main screen (closed from the screen's own bindings, it
            # was still on top when those keys came, and they were lost)
            closes = ("help", "quit") if isinstance(self.screen, HelpScreen) else ("heap", "quit")
            return action in closes and not isinstance(self.focused, Input)
        if action == "submit_eval":
            return self.focused is not None and self.focused.id == "eval-input"
        if action == "escape":
            return (isinstance(self.screen, HelpScreen | HeapScreen)
                    or (self.focused is not None and self.focused.id == "eval-input"))
        return True

    def _close_top(self) -> bool:
        """Close the help or the heap browser if it is on top (now, not after the keys already
        queued for it); whether one was."""
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return True
        if isinstance(self.screen, HeapScreen):
            self.screen.action_close()
            return True
        return False

    def action_submit_eval(self) -> None:
        """Enter in the eval box submits what was typed before it, not what came after: the
        input's own Enter binding ran once the key had bubbled back, after the keys typed next
        in the same burst were in the box (`:break 8` Enter `c` ran `:break 8c`). The submit
        goes in the input's queue, behind the keys already routed to it, and takes the text out
        at once (taken out later, with the submitted message, the keys typed after it went too)."""
        field = self.query_one("#eval-input", Input)
        box = self.query_one(EvalBox)

        def submit() -> None:
            code = field.value.strip()
            if code:
                field.value = ""
                box.post_message(EvalBox.EvalSubmitted(code))

        field.call_later(submit)

    def action_escape(self) -> None:
        """Escape closes the help or the heap browser, else leaves the eval box."""
        if not self._close_top():
            self.action_leave_eval()

    def action_eval(self) -> None:
        """Focus moves now, not as widget.focus() does after the messages already queued, so the
        keys typed in the same burst as `e` go to the box."""
        self.screen.set_focus(self.query_one("#eval-input"))

    def action_command(self) -> None:
        box = self.query_one("#eval-input", Input)
        self.screen.set_focus(box)
        box.insert_text_at_cursor(":")

    def action_leave_eval(self) -> None:
        self.screen.set_focus(self.query_one(SourcePanel))

    def on_eval_box_eval_submitted(self, event: EvalBox.EvalSubmitted) -> None:
        d = self.debugger
        depth = self.selected
        box = self.query_one(EvalBox)
        frame = f"#{depth}"
        if event.code.startswith(":"):  # a breakpoint or watchpoint command
            if self.busy:
                self.notify("the program is running: p pauses it", severity="warning")
                return
            if watches.handles(event.code):
                if watches.travels(event.code):
                    code = event.code

                    def go() -> Snapshot:
                        stop = watches.travel(d, code, depth)
                        self.call_from_thread(box.add_result, code, frame,
                                              Content(stop.message or "done"))
                        return build(d, stop, 0, self.names)

                    self._start(go, event.code.split()[0][1:])
                    return
                box.add_result(event.code, frame, Content(watches.run_command(d, event.code, depth)))
                return
            chunk = self.snapshot.frame.source if self.snapshot else None
            said = breakpoints.run_command(d, event.code, chunk)
            box.add_result(event.code, frame, said.content())
            if said.offer is not None:
                box.offer(said.offer)
            self._marks_changed()
            return
        width = max(box.size.width - 2, 20)
        snap = self.snapshot

        def work() -> Snapshot:
            printed = len(d.output_text())
            try:
                values = d.eval(event.code.encode("utf-8", "surrogateescape"), depth)
                result = (values_block(values, debug_names(d, self.names), width) if values
                          else Content.styled("(no values)", "$text-muted"))
            except LoadError as exc:
                result = Content.styled(exc.msg.decode("utf-8", "replace"), "$error")
            except LuaError as exc:
                result = Content.styled(_error_text(exc, d), "$error")
            except LimitError as exc:
                result = Content.styled(str(exc), "$error")
            output = d.output_text()[printed:].decode("utf-8", "replace").rstrip("\n")
            if output:  # what the code printed, as a REPL shows it, before its values
                result = Content.assemble(output, "\n", result)
            self.call_from_thread(box.add_result, event.code, frame, result)
            stop = snap.stop if snap is not None else Stop("step", d.position)
            if d.done and (snap is None or not snap.done):  # os.exit in the eval box
                stop = Stop("done", d.position, d.end_message())
            return build(d, stop, depth, self.names)

        self._start(work, "evaluating")

    def action_heap(self) -> None:
        if self._close_top():
            return
        if self.busy:
            self.notify("the program is running: p pauses it", severity="warning")
            return

        screen = HeapScreen(self.debugger, self.names)

        def closed(collected: bool | None) -> None:
            if screen.created_request is not None:
                self._created_at(screen.created_request)
            elif collected and self.snapshot is not None:
                self._show(build(self.debugger, self.snapshot.stop, self.selected, self.names), follow=False)

        self.push_screen(screen, closed)

    def action_next_theme(self) -> None:
        if not self.theme_names:
            return
        i = self.theme_names.index(self.theme) if self.theme in self.theme_names else -1
        self.theme = self.theme_names[(i + 1) % len(self.theme_names)]
        self.notify(f"theme {self.theme.removeprefix(PREFIX)}")

    async def action_quit(self) -> None:
        if self._close_top():  # q on the help or the heap browser closes it
            return
        self.debugger.pause()  # a running continue stops at once, so its thread ends
        self.typed_after_quit = []
        self.exit()

    async def on_event(self, event: events.Event) -> None:
        """After `q`, the keys that come (typed in the same burst, read with it) are kept, not
        run as the debugger's keys nor dropped with the app: ``:debug x`` then `q` and a line
        typed fast lost the line (the REPL's prompt takes them: embed.py)."""
        if self.typed_after_quit is not None and isinstance(event, events.Key):
            self.typed_after_quit.append(event.character or "")
            return
        await super().on_event(event)

    def action_help(self) -> None:
        if self._close_top():
            return
        keys = [(key.replace("question_mark", "?"), about) for key, _, _, about in KEYS]
        self.push_screen(HelpScreen(keys))


def _error_text(exc: LuaError, d: Debugger) -> str:
    v = exc.value
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    return values_block([v], DebugNames(d), 200).plain


def make_app(path: str, args: list[str] | None = None, theme: str | None = None, *,
             stdin: BinaryIO | None = None) -> DebuggerApp:
    """The debugger on a Lua file (what ``ferrous debug FILE args`` runs, and what tests drive);
    ``stdin``: the program's standard input. Raises LoadError when the file does not load."""
    from ferrous_repl.debugger.target import from_file

    return DebuggerApp(from_file(path, list(args or []), stdin=stdin), theme)


def make_empty_app(theme: str | None = None) -> DebuggerApp:
    """The debugger on an empty session (``ferrous debug --empty``, the web mode without a
    file): nothing to step, the eval box is a REPL on the session's globals."""
    from ferrous_repl.debugger.target import empty

    return DebuggerApp(empty(), theme)
