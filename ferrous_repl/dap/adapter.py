"""The DAP session: one handler per request, and the thread that runs the engine.

Requests are read on the connection's thread and answered in order by one engine thread, so the
debugger is never touched by two threads at once. While the program runs (continue, a step over
a long call, reverse continue), ``pause``, ``threads`` and the breakpoint requests are handled
at once: pause stops the program; a breakpoint change pauses it, is made, and the program goes
on. Every stop, end and line of output is told to the client as an event.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from ferrous_repl.dap.capabilities import CAPABILITIES
from ferrous_repl.dap.messaging import (
    Answered,
    Channel,
    Registry,
    Request,
    RequestError,
    answer,
    arg,
    as_request,
    refuse,
)
from ferrous_repl.dap.runtime import MAIN_THREAD, MOTIONS, LineSpec, Runtime
from ferrous_repl.dap.targets import LaunchError, launch
from vm.debugger import Debugger, Stop

handlers = Registry()
RUN = object()  # the engine job that runs the program after configurationDone

# requests answered on the connection's thread, even while the program runs
IMMEDIATE = {"pause", "threads", "cancel"}
# requests that change what stops the program: while it runs, it pauses for them and goes on
CONFIGURING = {"setBreakpoints", "setFunctionBreakpoints", "setInstructionBreakpoints",
               "setExceptionBreakpoints", "setDataBreakpoints"}


class Adapter:
    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.runtime: Runtime | None = None
        self.config: dict = {}
        self.configured = False
        self.started = False
        self.ended = False  # the program has ended (terminated sent)
        self.finished = threading.Event()  # the client disconnected
        self.busy = False
        self._jobs: queue.Queue = queue.Queue()
        self._reconfigure: list[Request] = []
        self._lock = threading.Lock()
        # what the client set before launching: applied to the program when it exists
        self._early: list[Request] = []
        self._engine = threading.Thread(target=self._work, name="ferrous-dap-engine", daemon=True)
        self._engine.start()

    # --- the loop --------------------------------------------------------------------------

    def serve(self) -> None:
        """Answer requests until the client disconnects or the connection ends."""
        try:
            for message in self.channel.messages():
                request = as_request(message)
                if request is None:
                    continue
                if not isinstance(request, Request):
                    refuse(self.channel, request)
                    continue
                self.receive(request)
                if self.finished.is_set():
                    break
        finally:
            self._jobs.put(None)
            self._engine.join(timeout=5)
            self.close()

    def receive(self, request: Request) -> None:
        name = handlers.handlers.get(request.command)
        if name is None:
            self.channel.fail(request, f"ferrous dap does not know the request {request.command!r}")
            return
        if request.command in IMMEDIATE:
            answer(self.channel, request, getattr(self, name))
            return
        with self._lock:
            if self.busy and request.command in CONFIGURING:
                self._reconfigure.append(request)
                if self.runtime is not None:
                    self.runtime.d.pause()
                return
            if self.busy and request.command in ("disconnect", "terminate", "restart") and self.runtime:
                self.runtime.d.pause()
        self._jobs.put(request)
        if request.command == "disconnect" and not self.finished.wait(timeout=30):
            # the engine did not get to it (a run that would not stop): answered from here, so
            # the client is never left waiting, and the adapter ends
            self.channel.respond(request)
            self.finished.set()

    def _work(self) -> None:
        try:
            while True:
                request = self._jobs.get()
                if request is None:
                    return
                if request is RUN:
                    self._go(None, Debugger.continue_)
                else:
                    answer(self.channel, request, getattr(self, handlers.handlers[request.command]))
                self._drain()
                if request is not RUN and request.command == "disconnect":
                    return
        finally:
            self.finished.set()

    def _drain(self) -> None:
        with self._lock:
            pending, self._reconfigure = self._reconfigure, []
        for request in pending:
            answer(self.channel, request, getattr(self, handlers.handlers[request.command]))

    def close(self) -> None:
        if self.runtime is not None:
            try:
                self.runtime.program.close()
            except Exception:  # noqa: BLE001 - closing must not fail the exit
                pass
            self.runtime = None

    # --- running the program ---------------------------------------------------------------

    def _rt(self, request: Request) -> Runtime:
        if self.runtime is None:
            raise RequestError(f"{request.command}: no program is being debugged (launch one first)")
        if self.ended and request.command not in ("evaluate", "loadedSources", "source",
                                                   "completions"):
            raise RequestError(f"{request.command}: the program has ended")
        return self.runtime

    def _go(self, request: Request | None, command: Callable[[Debugger], Stop],
            body: dict | None = None) -> None:
        """Answer the request, then run the motion and tell how it stopped."""
        if request is None:  # running after configurationDone
            rt = self.runtime
            assert rt is not None
            request = Request(0, "continue")
        else:
            rt = self._rt(request)
            self.channel.respond(request, body)
        with self._lock:
            self.busy = True
        stop: Stop | None = None
        try:
            while True:
                stop = rt.move(command)
                with self._lock:
                    again = stop.reason == "paused" and bool(self._reconfigure)
                if not again:
                    break
                self._drain()  # paused to change breakpoints: change them and carry on
                command = Debugger.continue_
        except BaseException as exc:  # noqa: BLE001 - os.exit or an engine bug ends the run, not the adapter
            code = getattr(exc, "code", None)
            if isinstance(exc, KeyboardInterrupt):
                raise
            if type(exc).__name__ == "LuaExit" and isinstance(code, int):
                rt.exit_code = code
            else:  # a bug in ferrous: said, and the run ends (the adapter lives on)
                self.channel.event("output", {"category": "stderr", "output":
                                              f"internal error in ferrous: {type(exc).__name__}: {exc}\n"})
                rt.exit_code = 1
            self._output()
            self._end()
            return
        finally:
            with self._lock:
                self.busy = False
        self._told(stop)

    def _told(self, stop: Stop) -> None:
        rt = self.runtime
        assert rt is not None
        self._output()
        if rt.d.done:
            self._end()
            return
        body = {"reason": rt.stop_reason(stop), "threadId": rt.current_thread(),
                "allThreadsStopped": True, "preserveFocusHint": False}
        if stop.message:
            body["description"] = stop.message
            body["text"] = stop.message
        ids = rt.hit_ids(stop)
        if ids:
            body["hitBreakpointIds"] = ids
        self.channel.event("stopped", body)

    def _output(self) -> None:
        rt = self.runtime
        if rt is None:
            return
        for category, text in rt.new_output():
            if text:
                self.channel.event("output", {"category": category, "output": text})

    def _end(self) -> None:
        rt = self.runtime
        if rt is None or self.ended:
            return
        for category, text in rt.ending():
            self.channel.event("output", {"category": category, "output": text})
        self.ended = True
        self.channel.event("exited", {"exitCode": rt.status()})
        self.channel.event("terminated")

    def _start(self) -> None:
        """After launch and configurationDone: stop on entry, or run."""
        if self.started or self.runtime is None or not self.configured:
            return
        self.started = True
        self._begin()

    def _begin(self) -> None:
        rt = self.runtime
        assert rt is not None
        if self.config.get("stopOnEntry"):
            rt.stop = Stop("start", rt.d.position)
            rt.resumed()
            self._told(rt.stop)
            return
        self._jobs.put(RUN)

    # --- lifecycle requests ----------------------------------------------------------------

    @handlers.handles("initialize")
    def initialize(self, request: Request) -> dict:
        self.client = request.arguments
        return dict(CAPABILITIES)

    @handlers.handles("launch")
    def launch(self, request: Request) -> None:
        if self.runtime is not None:
            raise RequestError("launch: a program is already being debugged")
        self.config = request.arguments
        try:
            program = launch(request.arguments)
        except LaunchError as exc:
            raise RequestError(str(exc), show=True) from None
        self.runtime = Runtime(program)
        for early in self._early:  # breakpoints set before the launch: set them now
            try:
                getattr(self, handlers.handlers[early.command])(early)
            except RequestError:
                pass
        self._early.clear()
        self.channel.respond(request)
        self.channel.event("process", {"name": program.path, "isLocalProcess": True,
                                       "startMethod": "launch"})
        # configuration requests are welcome now that there is a program to apply them to
        self.channel.event("initialized")
        self._start()
        raise Answered

    @handlers.handles("attach")
    def attach(self, request: Request) -> None:
        raise RequestError("attach: ferrous dap launches programs itself (use a launch configuration)")

    @handlers.handles("configurationDone")
    def configuration_done(self, request: Request) -> None:
        self.configured = True
        self.channel.respond(request)
        self._start()
        raise Answered

    @handlers.handles("disconnect")
    def disconnect(self, request: Request) -> None:
        self.close()
        return None

    @handlers.handles("terminate")
    def terminate(self, request: Request) -> None:
        rt = self._rt(request)
        self.channel.respond(request)
        self._output()
        self.ended = True
        self.channel.event("exited", {"exitCode": rt.status() if rt.d.done else 0})
        self.channel.event("terminated")
        raise Answered

    @handlers.handles("restart")
    def restart(self, request: Request) -> None:
        rt = self._rt(request)
        if self.ended:
            raise RequestError("restart: the program has ended")
        self.channel.respond(request)
        if rt.program.rewinds:
            rt.move(Debugger.restart)
        else:  # a real server is not rewound: back to the start, the replies replayed from the log
            rt.move(lambda d: d.goto(0))
        rt.sent = b""
        rt.logged_upto = -1
        self._begin()
        raise Answered

    # --- motions ---------------------------------------------------------------------------

    def _motion(self, request: Request, name: str) -> None:
        granularity = arg(request, "granularity", str, "line")
        key = (name, "" if name in ("continue", "reverseContinue") else granularity)
        command = MOTIONS.get(key)
        if command is None:
            raise RequestError(f"{name}: no granularity {granularity!r} (line, statement or instruction)")
        self._thread(request)
        body = {"allThreadsContinued": True} if name == "continue" else None
        self._go(request, command, body)
        raise Answered

    def _thread(self, request: Request) -> int:
        thread = arg(request, "threadId", int, MAIN_THREAD)
        return thread  # type: ignore[return-value]

    @handlers.handles("continue")
    def continue_(self, request: Request) -> None:
        self._motion(request, "continue")

    @handlers.handles("next")
    def next(self, request: Request) -> None:
        self._motion(request, "next")

    @handlers.handles("stepIn")
    def step_in(self, request: Request) -> None:
        self._motion(request, "stepIn")

    @handlers.handles("stepOut")
    def step_out(self, request: Request) -> None:
        self._motion(request, "stepOut")

    @handlers.handles("stepBack")
    def step_back(self, request: Request) -> None:
        self._motion(request, "stepBack")

    @handlers.handles("reverseContinue")
    def reverse_continue(self, request: Request) -> None:
        self._motion(request, "reverseContinue")

    @handlers.handles("pause")
    def pause(self, request: Request) -> None:
        self._thread(request)
        if self.runtime is not None and self.busy:
            self.runtime.d.pause()
        return None

    @handlers.handles("cancel")
    def cancel(self, request: Request) -> None:
        return None  # requests are answered in order; nothing waits long enough to cancel

    @handlers.handles("gotoTargets")
    def goto_targets(self, request: Request) -> dict:
        rt = self._rt(request)
        source = arg(request, "source", dict)
        path = source.get("path")  # type: ignore[union-attr]
        if not isinstance(path, str):
            raise RequestError("gotoTargets: the source needs a 'path'")
        line = arg(request, "line", int)
        return {"targets": rt.goto_targets_for(path, line)}  # type: ignore[arg-type]

    @handlers.handles("goto")
    def goto(self, request: Request) -> None:
        rt = self._rt(request)
        self._thread(request)
        command = rt.goto(arg(request, "targetId", int))  # type: ignore[arg-type]
        self._go(request, command)
        raise Answered

    # --- breakpoints -----------------------------------------------------------------------

    @handlers.handles("setBreakpoints")
    def set_breakpoints(self, request: Request) -> dict:
        source = arg(request, "source", dict)
        path = source.get("path")  # type: ignore[union-attr]
        if not isinstance(path, str):
            raise RequestError("setBreakpoints: only sources with a 'path' take breakpoints")
        given = arg(request, "breakpoints", list, None)
        if given is None:
            given = [{"line": n} for n in arg(request, "lines", list, [])]  # type: ignore[union-attr]
        specs = []
        for b in given:  # type: ignore[union-attr]
            line = b.get("line") if isinstance(b, dict) else None
            if not isinstance(line, int) or isinstance(line, bool):
                raise RequestError("setBreakpoints: each breakpoint needs a 'line' number")
            for field in ("condition", "hitCondition", "logMessage"):
                if b.get(field) is not None and not isinstance(b[field], str):
                    raise RequestError(f"setBreakpoints: '{field}' must be a string")
            specs.append(LineSpec(0, b["line"], b.get("condition") or None, b.get("hitCondition") or None,
                                  b.get("logMessage") or None))
        rt = self.runtime
        if rt is None:
            return self._early_answer(request, specs, path)
        for spec in specs:
            spec.id = rt.next_bp_id()
        done = rt.set_line_breakpoints(path, specs)
        out = []
        for spec in done:
            b = {"id": spec.id, "verified": spec.verified, "line": spec.line, "source": {"path": path}}
            if spec.message:
                b["message"] = spec.message
            out.append(b)
        return {"breakpoints": out}

    def _early_answer(self, request: Request, specs: list, path: str) -> dict:
        """Before launch: keep the request for the program, answer unverified for now."""
        self._early.append(request)
        return {"breakpoints": [{"verified": False, "line": s.line, "source": {"path": path},
                                 "message": "set when the program is launched"} for s in specs]}

    @handlers.handles("setFunctionBreakpoints")
    def set_function_breakpoints(self, request: Request) -> dict:
        given = arg(request, "breakpoints", list)
        specs = []
        for b in given:  # type: ignore[union-attr]
            if not isinstance(b, dict) or not isinstance(b.get("name"), str):
                raise RequestError("setFunctionBreakpoints: each breakpoint needs a 'name'")
            specs.append((b["name"], b.get("condition") or None, b.get("hitCondition") or None))
        if self.runtime is None:
            self._early.append(request)
            return {"breakpoints": [{"verified": False} for _ in specs]}
        return {"breakpoints": self.runtime.set_function_breakpoints(specs)}

    @handlers.handles("setInstructionBreakpoints")
    def set_instruction_breakpoints(self, request: Request) -> dict:
        given = arg(request, "breakpoints", list)
        specs = []
        for b in given:  # type: ignore[union-attr]
            if not isinstance(b, dict) or not isinstance(b.get("instructionReference"), str):
                raise RequestError("setInstructionBreakpoints: each breakpoint needs an "
                                   "'instructionReference'")
            offset = b.get("offset", 0)
            if not isinstance(offset, int) or isinstance(offset, bool):
                raise RequestError("setInstructionBreakpoints: 'offset' must be a number")
            specs.append((b["instructionReference"], offset, b.get("condition") or None,
                          b.get("hitCondition") or None))
        if self.runtime is None:
            self._early.append(request)
            return {"breakpoints": [{"verified": False} for _ in specs]}
        return {"breakpoints": self.runtime.set_instruction_breakpoints(specs)}

    @handlers.handles("setExceptionBreakpoints")
    def set_exception_breakpoints(self, request: Request) -> dict:
        filters = arg(request, "filters", list)
        if not all(isinstance(f, str) for f in filters):  # type: ignore[union-attr]
            raise RequestError("setExceptionBreakpoints: 'filters' must be an array of strings")
        if self.runtime is None:
            self._early.append(request)
            return {"breakpoints": [{"verified": True} for _ in filters]}  # type: ignore[union-attr]
        return {"breakpoints": self.runtime.set_exception_filters(filters)}  # type: ignore[arg-type]

    @handlers.handles("dataBreakpointInfo")
    def data_breakpoint_info(self, request: Request) -> dict:
        rt = self._rt(request)
        ref = arg(request, "variablesReference", int, 0)
        name = arg(request, "name", str)
        frame = arg(request, "frameId", int, None)
        return rt.data_info(ref, name, frame)  # type: ignore[arg-type]

    @handlers.handles("setDataBreakpoints")
    def set_data_breakpoints(self, request: Request) -> dict:
        rt = self._rt(request)
        given = arg(request, "breakpoints", list)
        ids = []
        for b in given:  # type: ignore[union-attr]
            if not isinstance(b, dict) or not isinstance(b.get("dataId"), str):
                raise RequestError("setDataBreakpoints: each breakpoint needs a 'dataId'")
            ids.append(b["dataId"])
        return {"breakpoints": rt.set_data_breakpoints(ids)}

    # --- state -----------------------------------------------------------------------------

    @handlers.handles("threads")
    def threads(self, request: Request) -> dict:
        rt = self.runtime
        if rt is None or self.busy or self.ended:
            return {"threads": [{"id": MAIN_THREAD, "name": "main"}]}
        return {"threads": rt.threads()}

    @handlers.handles("stackTrace")
    def stack_trace(self, request: Request) -> dict:
        rt = self._rt(request)
        thread = arg(request, "threadId", int)
        start = arg(request, "startFrame", int, 0)
        levels = arg(request, "levels", int, 0)
        frames, total = rt.stack(thread, max(start, 0), levels)  # type: ignore[arg-type]
        return {"stackFrames": frames, "totalFrames": total}

    @handlers.handles("scopes")
    def scopes(self, request: Request) -> dict:
        rt = self._rt(request)
        return {"scopes": rt.scopes(arg(request, "frameId", int))}  # type: ignore[arg-type]

    @handlers.handles("variables")
    def variables(self, request: Request) -> dict:
        rt = self._rt(request)
        ref = arg(request, "variablesReference", int)
        which = arg(request, "filter", str, None)
        if which not in (None, "indexed", "named"):
            raise RequestError("variables: 'filter' must be indexed or named")
        start = arg(request, "start", int, 0)
        count = arg(request, "count", int, 0)
        return {"variables": rt.variables(ref, start, count or None, which)}  # type: ignore[arg-type]

    @handlers.handles("setVariable")
    def set_variable(self, request: Request) -> dict:
        rt = self._rt(request)
        out = rt.set_variable(arg(request, "variablesReference", int), arg(request, "name", str),  # type: ignore[arg-type]
                              arg(request, "value", str))  # type: ignore[arg-type]
        self._output()
        out.pop("name", None)
        out.pop("evaluateName", None)
        return out

    @handlers.handles("setExpression")
    def set_expression(self, request: Request) -> dict:
        rt = self._rt(request)
        frame = arg(request, "frameId", int, None)
        depth = frame - 1 if frame else 0  # type: ignore[operator]
        out = rt.assign(arg(request, "expression", str), arg(request, "value", str), depth)  # type: ignore[arg-type]
        self._output()
        out.pop("name", None)
        out.pop("evaluateName", None)
        return out

    @handlers.handles("evaluate")
    def evaluate(self, request: Request) -> dict:
        rt = self._rt(request)
        expression = arg(request, "expression", str)
        frame = arg(request, "frameId", int, None)
        context = arg(request, "context", str, "repl")
        try:
            out = rt.evaluate(expression, frame, context)  # type: ignore[arg-type]
        finally:
            if rt.d.done and getattr(rt.d, "exit_status", None) is not None:
                self._output()
                self._end()  # os.exit in the debug console ended the program
        self._output()
        return out

    @handlers.handles("completions")
    def completions(self, request: Request) -> dict:
        rt = self._rt(request)
        text = arg(request, "text", str)
        column = arg(request, "column", int)
        frame = arg(request, "frameId", int, None)
        return {"targets": rt.completions(text, column, frame)}  # type: ignore[arg-type]

    @handlers.handles("exceptionInfo")
    def exception_info(self, request: Request) -> dict:
        return self._rt(request).exception_info()

    @handlers.handles("source")
    def source(self, request: Request) -> dict:
        rt = self._rt(request)
        ref = arg(request, "sourceReference", int, 0)
        if not ref:
            src = arg(request, "source", dict, {})
            ref = src.get("sourceReference", 0)  # type: ignore[union-attr]
        return {"content": rt.source_text(ref), "mimeType": "text/x-lua"}  # type: ignore[arg-type]

    @handlers.handles("loadedSources")
    def loaded_sources(self, request: Request) -> dict:
        return {"sources": self._rt(request).loaded_sources()}

    @handlers.handles("disassemble")
    def disassemble(self, request: Request) -> dict:
        rt = self._rt(request)
        count = arg(request, "instructionCount", int)
        if count < 0 or count > 100_000:  # type: ignore[operator]
            raise RequestError("disassemble: 'instructionCount' must be between 0 and 100000")
        return {"instructions": rt.disassemble(arg(request, "memoryReference", str),  # type: ignore[arg-type]
                                               arg(request, "offset", int, 0),  # type: ignore[arg-type]
                                               arg(request, "instructionOffset", int, 0),  # type: ignore[arg-type]
                                               count)}  # type: ignore[arg-type]

