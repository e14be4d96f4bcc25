"""DAP's notions on the debugger's API: motions, threads, stack frames, sources, breakpoints of
every kind, evaluation, disassembly, output.

``Runtime`` holds what outlives one stop (the breakpoints as the client set them, the address
space, the output already sent) and, for the current stop, the frames and the variable
references. It is used from one thread at a time (the adapter's engine thread), except
``pause``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ferrous_repl.dap.capabilities import CAUGHT, UNCAUGHT
from ferrous_repl.dap.disassembly import AddressSpace, hex_address, parse_address
from ferrous_repl.dap.messaging import RequestError
from ferrous_repl.dap.targets import Program
from ferrous_repl.dap.variables import Node, References, Values
from ferrous_repl.pretty import plain, pretty_values
from vm.debugger import Breakpoint, Debugger, Stop, WatchError
from vm.errors import LimitError, LoadError, LuaError
from vm.inspect import FrameView
from vm.values_view import ValuesView, kind

MAIN_THREAD = 1

# (command, granularity) -> the engine's motion
MOTIONS: dict[tuple[str, str], Callable[[Debugger], Stop]] = {
    ("continue", ""): Debugger.continue_,
    ("next", "line"): Debugger.step_line,
    ("next", "statement"): Debugger.step_line,
    ("next", "instruction"): Debugger.step_instruction,
    ("stepIn", "line"): Debugger.step_into,
    ("stepIn", "statement"): Debugger.step_into,
    ("stepIn", "instruction"): Debugger.step_instruction,
    ("stepOut", "line"): Debugger.step_out,
    ("stepOut", "statement"): Debugger.step_out,
    ("stepOut", "instruction"): Debugger.step_out,
    ("stepBack", "line"): Debugger.step_back_over,
    ("stepBack", "statement"): Debugger.step_back_over,
    ("stepBack", "instruction"): Debugger.step_back,
    ("reverseContinue", ""): Debugger.reverse_continue,
}

# the engine's stop reasons -> DAP's
REASONS = {"start": "entry", "step": "step", "line": "step", "return": "step", "call": "step",
           "history": "step", "breakpoint": "breakpoint", "watchpoint": "data breakpoint",
           "error": "exception", "paused": "pause", "limit": "pause", "last write": "goto",
           "created": "goto"}


@dataclass(slots=True)
class LineSpec:
    """A source breakpoint as the client set it."""

    id: int
    line: int
    condition: str | None = None
    hits: str | None = None
    log: str | None = None
    engine: list[Breakpoint] = field(default_factory=list)
    verified: bool = True
    message: str = ""


class Runtime:
    def __init__(self, program: Program) -> None:
        self.program = program
        self.d = program.debugger
        # objects named as the TUI names them: the program's from table#1, library ones by name
        from ferrous_repl.debugger.names import DebugNames

        self.view: ValuesView = DebugNames(self.d)
        self.refs = References()
        self.values = Values(self.view, self.refs)
        self.addresses = AddressSpace()
        self.stop: Stop | None = None
        self._frames: tuple[FrameView, ...] | None = None
        self.sent = b""  # the program output sent as output events (a prefix of the output)
        self.logged_upto = -1  # logpoint lines up to this position have been sent
        self.stop_on_uncaught = True
        self._threads: dict[str, int] = {}  # coroutine label -> thread id
        self._sources: dict[int, bytes] = {}  # sourceReference -> chunk text
        self._source_refs: dict[bytes, int] = {}
        self.seen_sources: dict[bytes, dict] = {}  # chunk name -> DAP Source, in order seen
        self._data: dict[str, object] = {}  # dataId -> Watch
        self._bp_ids = 0
        self.lines: dict[str, list[LineSpec]] = {}  # resolved path -> its source breakpoints
        self.functions: list[tuple[int, Breakpoint]] = []
        self.instructions: list[tuple[int, Breakpoint]] = []
        self.goto_targets: dict[int, tuple[str, int, bytes | None]] = {}
        self.exit_code: int | None = None
        self.source(program.chunkname)

    # --- motion --------------------------------------------------------------------------

    def move(self, command: Callable[[Debugger], Stop]) -> Stop:
        """Run a motion; an uncaught error is carried on over when the client did not ask to
        stop there."""
        self.resumed()
        stop = command(self.d)
        while stop.reason == "error" and not self.stop_on_uncaught and self.d.error_uncaught:
            stop = self.d.continue_()
        self.stop = stop
        return stop

    def resumed(self) -> None:
        """The program moves: references and frames of the last stop are void."""
        self.refs.clear()
        self._frames = None

    def frames(self) -> tuple[FrameView, ...]:
        if self._frames is None:
            self._frames = self.d.frames()
        return self._frames

    def frame(self, depth: int) -> FrameView:
        frames = self.frames()
        if not 0 <= depth < len(frames):
            raise RequestError(f"no frame {depth + 1}: the program is {len(frames)} frames deep now")
        return frames[depth]

    def refresh(self) -> None:
        """After an evaluation that may have changed values: frames are read again (references
        stay valid and show the new values)."""
        self._frames = None

    # --- threads ---------------------------------------------------------------------------

    def threads(self) -> list[dict]:
        out = [{"id": MAIN_THREAD, "name": "main"}]
        for co in self.d.coroutines():
            label = self.view.label(co.thread) if co.thread is not None else co.label
            out.append({"id": self.thread_id(co.label), "name": f"coroutine {label} ({co.status})"})
        return out

    def thread_id(self, label: str) -> int:
        found = self._threads.get(label)
        if found is None:
            found = self._threads[label] = len(self._threads) + 2
        return found

    def current_thread(self) -> int:
        """The thread the program stopped in: the running coroutine, else the main thread."""
        for co in self.d.coroutines():
            if co.status == "running":
                return self.thread_id(co.label)
        return MAIN_THREAD

    # --- stack -----------------------------------------------------------------------------

    def stack(self, thread: int, start: int, levels: int) -> tuple[list[dict], int]:
        if thread != self.current_thread() or self.d.done:
            return [], 0  # a suspended coroutine, or the main thread below a running one
        frames = self.frames()
        chosen = frames[start:start + levels] if levels > 0 else frames[start:]
        return [self._stack_frame(f) for f in chosen], len(frames)

    def _stack_frame(self, f: FrameView) -> dict:
        out: dict = {"id": f.depth + 1, "name": self.frame_name(f), "line": 0, "column": 0}
        if f.what == "C":
            out["presentationHint"] = "subtle"
            return out
        fn = self.d.function_view(f.depth)
        if fn is not None:
            out["source"] = self.source(fn.source)
            out["line"] = max(f.line, 0)
            out["column"] = 1
            out["instructionPointerReference"] = self.addresses.address(fn, max(f.pc, 0))
        return out

    def frame_name(self, f: FrameView) -> str:
        """A frame as 5.1 names it: ``global 'f'``, ``method 'm'``, ``main chunk``,
        ``function <prog.lua:12>``, ``[C] global 'print'``."""
        named = f.name.decode("utf-8", "replace") if f.name else ""
        if f.what == "C":
            return f"[C] {named}" if named else "[C]"
        if f.what == "main":
            return "main chunk"
        if named:
            return named
        fn = self.d.function_view(f.depth)
        where = self.source(fn.source)["name"] if fn else f.source.decode("utf-8", "replace")
        return f"function <{where}:{fn.linedefined if fn else '?'}>"

    # --- sources ---------------------------------------------------------------------------

    def source(self, chunkname: bytes) -> dict:
        """The DAP Source of a chunk: a file by path, else the text by sourceReference."""
        found = self.seen_sources.get(chunkname)
        if found is not None:
            return found
        p = self.program
        if chunkname == p.chunkname:
            out = {"name": Path(p.path).name, "path": p.path}
        elif chunkname.startswith(b"@"):
            path = Path(os.fsdecode(chunkname[1:])).resolve()
            out = {"name": path.name, "path": str(path)}
        else:
            text = p.texts.get(chunkname) or (b"" if chunkname.startswith(b"=") else chunkname)
            ref = self._source_refs.get(chunkname)
            if ref is None:
                ref = self._source_refs[chunkname] = len(self._source_refs) + 1
                self._sources[ref] = text
            from vm.chunkid import chunkid

            out = {"name": chunkid(chunkname).decode("utf-8", "replace"), "sourceReference": ref}
            if not text:
                out["presentationHint"] = "deemphasize"
        self.seen_sources[chunkname] = out
        return out

    def source_text(self, ref: int) -> str:
        text = self._sources.get(ref)
        if text is None:
            raise RequestError(f"source: no source {ref}")
        return text.decode("utf-8", "replace")

    def chunknames(self, path: str) -> list[bytes]:
        """The chunk names a file may be loaded under (so a breakpoint set before it is loaded
        holds): the program's own name, ``@`` and the path absolute, as given from the working
        directory, and with ``./``."""
        resolved = str(Path(path).resolve())
        if resolved == self.program.path:
            return [self.program.chunkname]
        names = [resolved]
        try:
            rel = os.path.relpath(resolved)
            names += [rel, "./" + rel] if not rel.startswith("..") else [rel]
        except ValueError:
            pass
        return [b"@" + os.fsencode(n) for n in dict.fromkeys(names)]

    # --- breakpoints -----------------------------------------------------------------------

    def next_bp_id(self) -> int:
        self._bp_ids += 1
        return self._bp_ids

    def set_line_breakpoints(self, path: str, specs: list[LineSpec]) -> list[LineSpec]:
        resolved = str(Path(path).resolve())
        for old in self.lines.get(resolved, []):
            for bp in old.engine:
                self._remove(bp)
        chunks = self.chunknames(path)
        for spec in specs:
            spec.engine = []
            for chunk in chunks:
                try:
                    bp = _breakpoint(line=spec.line, source=chunk, condition=spec.condition,
                                     hits=spec.hits, log=spec.log)
                    self._add(bp)
                except ValueError as exc:
                    nearest = getattr(exc, "nearest", None)
                    if nearest is not None and chunk == chunks[0]:
                        spec.line = nearest  # moved to the nearest line with code
                        bp = _breakpoint(line=nearest, source=chunk, condition=spec.condition,
                                         hits=spec.hits, log=spec.log)
                        self._add(bp)
                    else:
                        spec.verified = False
                        spec.message = str(exc)
                        continue
                spec.engine.append(bp)
        self.lines[resolved] = specs
        return specs

    def set_function_breakpoints(self, specs: list[tuple[str, str | None, str | None]]) -> list[dict]:
        for _, bp in self.functions:
            self._remove(bp)
        self.functions = []
        out = []
        for name, condition, hits in specs:
            bid = self.next_bp_id()
            try:
                bp = _breakpoint(function=name.encode("utf-8", "surrogateescape"), condition=condition,
                                 hits=hits)
                self._add(bp)
            except ValueError as exc:
                out.append({"id": bid, "verified": False, "message": str(exc)})
                continue
            self.functions.append((bid, bp))
            out.append({"id": bid, "verified": True})
        return out

    def set_instruction_breakpoints(self, specs: list[tuple[str, int, str | None, str | None]]) -> list[dict]:
        for _, bp in self.instructions:
            self._remove(bp)
        self.instructions = []
        out = []
        for reference, offset, condition, hits in specs:
            bid = self.next_bp_id()
            try:
                found = self.addresses.locate(parse_address(reference) + offset)
            except ValueError:
                found = None
            if found is None:
                out.append({"id": bid, "verified": False,
                            "message": f"no instruction at {reference} + {offset}"})
                continue
            fn, pc = found
            try:
                bp = _breakpoint(pc=pc, source=fn.source, linedefined=fn.linedefined,
                                 condition=condition, hits=hits)
                self._add(bp)
            except ValueError as exc:
                out.append({"id": bid, "verified": False, "message": str(exc)})
                continue
            self.instructions.append((bid, bp))
            out.append({"id": bid, "verified": True, "instructionReference": hex_address(
                parse_address(reference) + offset), "line": fn.instructions[pc][1],
                "source": self.source(fn.source)})
        return out

    def set_exception_filters(self, filters: list[str]) -> list[dict]:
        unknown = [f for f in filters if f not in (UNCAUGHT, CAUGHT)]
        if unknown:
            raise RequestError(f"setExceptionBreakpoints: no filter {unknown[0]!r} "
                               f"(the filters are {UNCAUGHT!r} and {CAUGHT!r})")
        self.stop_on_uncaught = UNCAUGHT in filters
        self.d.break_on_caught_errors = CAUGHT in filters
        return [{"verified": True} for _ in filters]

    def hit_ids(self, stop: Stop) -> list[int]:
        bp = stop.breakpoint
        if bp is None:
            return []
        for specs in self.lines.values():
            for spec in specs:
                if bp in spec.engine:
                    return [spec.id]
        return [bid for bid, b in self.functions + self.instructions if b == bp]

    def stop_reason(self, stop: Stop) -> str:
        reason = REASONS.get(stop.reason, stop.reason)
        bp = stop.breakpoint
        if reason == "breakpoint" and bp is not None:
            if bp.function is not None:
                return "function breakpoint"
            if bp.pc is not None:
                return "instruction breakpoint"
        return reason

    def _add(self, bp: Breakpoint) -> None:
        add = getattr(self.d, "add_breakpoint", None)
        if add is not None:
            add(bp)
        elif bp not in self.d.breakpoints:
            self.d.breakpoints.append(bp)

    def _remove(self, bp: Breakpoint) -> None:
        if bp in self.d.breakpoints:
            self.d.breakpoints.remove(bp)

    # --- data breakpoints (watchpoints) ----------------------------------------------------

    def data_info(self, ref: int, name: str, frame_id: int | None) -> dict:
        """What a variable (or an expression, without a reference) can be watched as."""
        if ref:
            node = self.refs.get(ref)
            if node is None:
                raise RequestError("dataBreakpointInfo: that variable is gone (the program moved)")
            text = node.names.get(name)
            depth = node.depth
        else:
            text, depth = name, (frame_id - 1 if frame_id else 0)
        if not text:
            return {"dataId": None, "description": f"{name} cannot be watched (no name reaches it)"}
        try:
            watch = self.d.place(text, depth)
        except (WatchError, ValueError) as exc:
            return {"dataId": None, "description": str(exc)}
        data_id = f"{len(self._data) + 1}:{watch.label}"
        self._data[data_id] = watch
        return {"dataId": data_id, "description": f"{watch.label} ({watch.kind})",
                "accessTypes": ["write"], "canPersist": False}

    def set_data_breakpoints(self, ids: list[str]) -> list[dict]:
        out = []
        watches = []
        for data_id in ids:
            watch = self._data.get(data_id)
            if watch is None:
                out.append({"verified": False, "message": f"unknown dataId {data_id!r}"})
                continue
            watches.append(watch)
            out.append({"verified": True, "description": f"{watch.label} changes"})
        self.d.watches[:] = watches
        return out

    # --- scopes and variables --------------------------------------------------------------

    def scopes(self, frame_id: int) -> list[dict]:
        depth = frame_id - 1
        f = self.frame(depth)

        def frame() -> FrameView:
            return self.frame(depth)

        v = self.values
        out = []

        def scope(name: str, node: Node, hint: str | None = None, count: int | None = None,
                  expensive: bool = False) -> None:
            s: dict = {"name": name, "variablesReference": self.refs.add(node), "expensive": expensive}
            if hint:
                s["presentationHint"] = hint
            if count is not None:
                s["namedVariables"] = count
            out.append(s)

        if f.what != "C":
            scope("Locals", v.locals_node(frame), "locals",
                  sum(1 for r in f.registers if r.name is not None))
            scope("Upvalues", v.upvalues_node(frame, lambda: self.d.shared_cells(depth)), None,
                  len(f.upvalues))
            scope("Registers", v.registers_node(frame), "registers", len(f.registers))
        scope("Varargs", v.varargs_node(frame), "arguments", len(f.varargs))
        shadowed = {r.name.decode("utf-8", "replace") for r in f.registers if r.name} | {
            u.name.decode("utf-8", "replace") for u in f.upvalues}
        scope("Globals", v.globals_node(self.d.globals_table(), depth, shadowed), "globals",
              expensive=True)
        if self.program.redis is not None:
            from ferrous_repl.dap.redis_scopes import call_log_node, keyspace_node

            scope("Keyspace", keyspace_node(self.program.redis, self.refs), None, None, True)
            scope("redis.call log", call_log_node(self.program.redis), None, None)
        return out

    def variables(self, ref: int, start: int, count: int | None, which: str | None) -> list[dict]:
        node = self.refs.get(ref)
        if node is None:
            raise RequestError(f"variables: no variables {ref} (references end when the program moves)")
        return node.children(start, count, which)

    def set_variable(self, ref: int, name: str, value: str) -> dict:
        node = self.refs.get(ref)
        if node is None:
            raise RequestError(f"setVariable: no variables {ref} (references end when the program moves)")
        if not node.names:
            node.children(0, None, None)  # the names are learnt when the children are listed
        if name not in node.names:
            raise RequestError(f"setVariable: no variable {name!r} here")
        target = node.names[name]
        if target is None:
            raise RequestError(f"{name} cannot be set: no Lua name reaches it (set a local, an "
                               "upvalue, a global or a field of a table reached from one)")
        return self.assign(target, value, node.depth, name)

    def assign(self, target: str, value: str, depth: int, name: str | None = None) -> dict:
        self.evaluate_values(f"{target} = {value}", depth, logged=True)
        new = self.evaluate_values(target, depth, logged=False)
        self.refresh()
        v = new[0] if new else None
        out = self.values.variable(name or target, v, target, depth)
        return out

    # --- evaluation ------------------------------------------------------------------------

    def evaluate_values(self, code: str, depth: int, logged: bool) -> list:
        """Values of Lua code in the frame at ``depth``: ``logged`` (the REPL, assignments)
        makes it part of the run's history; otherwise (watches, hovers) it leaves no trace."""
        data = code.encode("utf-8", "surrogateescape")
        d = self.d
        try:
            return d.eval(data, depth) if logged else d.peek(data, depth)
        except LoadError as exc:
            raise RequestError(exc.msg.decode("utf-8", "replace")) from None
        except LuaError as exc:
            raise RequestError(self.error_text(exc.value)) from None
        except LimitError as exc:
            raise RequestError(str(exc)) from None

    def evaluate(self, expression: str, frame_id: int | None, context: str) -> dict:
        depth = frame_id - 1 if frame_id else 0
        if frame_id and not self.d.done:
            self.frame(depth)  # a frame that is gone is an error, not the innermost
        logged = context not in ("watch", "hover")
        values = self.evaluate_values(expression, depth, logged)
        if logged:
            self.refresh()
        if len(values) == 1:
            var = self.values.variable("", values[0], expression, depth)
            out = {"result": var["value"], "type": var["type"],
                   "variablesReference": var["variablesReference"]}
            for k in ("indexedVariables", "namedVariables"):
                if k in var:
                    out[k] = var[k]
            return out
        text = plain(pretty_values(values, self.view)) if values else ""
        ref = 0
        if values:
            items = [self.values.variable(f"[{i + 1}]", v, None, depth) for i, v in enumerate(values)]
            ref = self.refs.add(Node(lambda s, c, w: items, depth))
        return {"result": text, "variablesReference": ref}

    def error_text(self, v: object) -> str:
        if v.__class__ is bytes:
            return v.decode("utf-8", "replace")  # type: ignore[union-attr]
        return self.values.text(v)

    def completions(self, text: str, column: int, frame_id: int | None) -> list[dict]:
        from ferrous_repl.dap.completion import complete

        depth = frame_id - 1 if frame_id else 0
        frame = None
        if not self.d.done and self.frames():
            frame = self.frame(depth)
        return complete(text, column, frame, self.view)

    # --- exceptions ------------------------------------------------------------------------

    def exception_info(self) -> dict:
        d = self.d
        err = d.pending_error
        if err is None or self.stop is None or self.stop.reason != "error":
            raise RequestError("exceptionInfo: the program is not stopped on an error")
        text = self.stop.message
        if self.program.redis is not None:
            text = self.program.redis.pending_error_text() or text  # type: ignore[attr-defined]
        else:
            text = self.error_text(err.value)
        uncaught = d.error_uncaught
        trace = self.traceback()
        return {"exceptionId": "error", "description": text,
                "breakMode": "unhandled" if uncaught else "always",
                "details": {"message": text, "typeName": kind(err.value), "stackTrace": trace}}

    def traceback(self) -> str:
        return self.d.traceback()

    # --- disassembly -----------------------------------------------------------------------

    def disassemble(self, reference: str, offset: int, instruction_offset: int, count: int) -> list[dict]:
        try:
            start = parse_address(reference) + offset + instruction_offset
        except ValueError:
            raise RequestError(f"disassemble: {reference!r} is not an instruction address") from None
        out = []
        previous = None
        for address, fn, pc in self.addresses.rows(start, count):
            if fn is None:
                out.append({"address": hex_address(max(address, 0)), "instruction": "",
                             "presentationHint": "invalid"})
                previous = None
                continue
            _, line, text = fn.instructions[pc]
            row: dict = {"address": hex_address(address), "instruction": text, "line": line,
                         "instructionBytes": ""}
            if pc == 0 or previous is not fn:
                row["symbol"] = fn.header
                row["location"] = self.source(fn.source)
            previous = fn
            out.append(row)
        return out

    # --- goto (in time) --------------------------------------------------------------------

    def goto_targets_for(self, path: str, line: int) -> list[dict]:
        """Two ways to a line: back to the last time it ran, on to the next time it runs."""
        chunk = self.chunknames(path)[0]
        out = []
        for label, direction in (("back to the last time line {} ran", "back"),
                                 ("on to the next time line {} runs", "forward")):
            tid = len(self.goto_targets) + 1
            self.goto_targets[tid] = (direction, line, chunk)
            out.append({"id": tid, "label": label.format(line), "line": line})
        return out

    def goto(self, target: int) -> Callable[[Debugger], Stop]:
        found = self.goto_targets.get(target)
        if found is None:
            raise RequestError(f"goto: no target {target} (ask gotoTargets first)")
        direction, line, chunk = found
        if direction == "back":
            return lambda d: d.run_back_to_line(line, chunk)
        return lambda d: d.run_to_line(line, chunk)

    # --- output ----------------------------------------------------------------------------

    def new_output(self) -> list[tuple[str, str]]:
        """(category, text) for what the program wrote and logpoints logged since the last
        call, in order. Output already sent is not sent again when going back and forward
        over it."""
        out = self.d.output_text()
        sent = self.sent
        if not out.startswith(sent):
            common = os.path.commonprefix([out, sent])
            sent = out[:len(common)]
        category = "console" if self.program.redis is not None else "stdout"
        events: list[tuple[str, str]] = []
        pos = len(sent)
        log_lines = getattr(self.d, "log_lines", None)
        if log_lines is not None:
            for line in log_lines():
                if line.position <= self.logged_upto:
                    continue
                if line.offset > pos:
                    events.append((category, _text(out[pos:line.offset])))
                    pos = line.offset
                events.append(("console", line.text if line.text.endswith("\n") else line.text + "\n"))
                self.logged_upto = line.position
        if len(out) > pos:
            events.append((category, _text(out[pos:])))
        self.sent = out
        return events

    def ending(self) -> list[tuple[str, str]]:
        """Output events for the end of the run: an uncaught error's message and traceback on
        stderr (as lua5.1 prints it), or a Redis call's reply as redis-cli prints it."""
        d = self.d
        out: list[tuple[str, str]] = []
        if self.program.redis is not None:
            from ferrous_repl.redis_output import format_tty

            redis = self.program.redis
            reply = redis.reply()  # type: ignore[attr-defined]
            text = format_tty(reply).decode("utf-8", "backslashreplace")
            category = "stderr" if type(reply).__name__ == "ErrorReply" else "stdout"
            out.append((category, f"{redis.command} reply: {text}"))  # type: ignore[attr-defined]
            return out
        failure = d.failure
        if failure is not None:
            text = "ferrous: " + self.error_text(failure.value)
            if failure.traceback:
                text += "\n" + failure.traceback.decode("utf-8", "replace")
            out.append(("stderr", text + "\n"))
        return out

    def status(self) -> int:
        if self.exit_code is not None:
            return self.exit_code
        exited = getattr(self.d, "exit_status", None)  # os.exit in the program
        if exited is not None:
            return exited
        if self.program.redis is not None:
            return 0
        return 1 if self.d.failure is not None else 0

    def loaded_sources(self) -> list[dict]:
        return list(self.seen_sources.values())


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _breakpoint(**fields: object) -> Breakpoint:
    """A Breakpoint record, the fields the engine does not know yet refused in words."""
    known = Breakpoint.__dataclass_fields__  # type: ignore[attr-defined]
    for name in ("hits", "log"):
        if fields.get(name) is not None and name not in known:
            what = "hit conditions" if name == "hits" else "log messages"
            raise ValueError(f"this engine has no {what} yet")
        if name not in known:
            fields.pop(name, None)
    for name in ("condition", "log"):
        value = fields.get(name)
        if isinstance(value, str):
            fields[name] = value.encode("utf-8", "surrogateescape")
    return Breakpoint(**fields)  # type: ignore[arg-type]
