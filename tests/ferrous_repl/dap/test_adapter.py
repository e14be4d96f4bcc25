"""The adapter process at the byte level: malformed input answered with error responses (the
adapter lives on), ``--port`` on the loopback interface, every declared capability backed by a
handler, and the package's imports kept to the debugger's API and the inspection views."""

from __future__ import annotations

import ast
import socket
import subprocess
import sys
import time
from pathlib import Path

from ferrous_repl.dap.adapter import handlers
from ferrous_repl.dap.capabilities import CAPABILITIES
from ferrous_repl.dap.framing import MessageReader, encode

DAP = Path(__file__).resolve().parents[3] / "ferrous_repl" / "dap"


class Client:
    """Raw bytes in and out of a ``ferrous dap`` process."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "ferrous_repl", "dap", *args],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.reader = MessageReader()
        self.pending: list = []

    def send_bytes(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def request(self, seq: int, command: str, **arguments: object) -> None:
        self.send_bytes(encode({"seq": seq, "type": "request", "command": command, "arguments": arguments}))

    def next(self) -> dict:
        assert self.proc.stdout is not None
        while not self.pending:
            data = self.proc.stdout.read1(65536)  # type: ignore[attr-defined]
            assert data, "the adapter closed its output"
            self.pending += self.reader.feed(data)
        return self.pending.pop(0)

    def response(self) -> dict:
        while True:
            m = self.next()
            if m["type"] == "response":
                return m

    def close(self) -> int:
        self.request(999, "disconnect")
        self.response()
        return self.proc.wait(timeout=30)


def test_malformed_input_gets_error_responses_and_the_adapter_lives() -> None:
    c = Client()
    try:
        c.request(1, "initialize", adapterID="test")
        assert c.response()["success"]
        c.send_bytes(b"Content-Length: lots\r\n\r\n")
        bad = c.response()
        assert (bad["success"], bad["request_seq"]) == (False, 0)
        assert bad["message"] == "malformed message: bad Content-Length 'lots'"
        body = b'{"seq": 5, "type": "request", "command": "threads", "arguments": [1]}'
        c.send_bytes(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        bad = c.response()
        assert (bad["success"], bad["request_seq"], bad["command"]) == (False, 5, "threads")
        assert "'arguments' must be an object" in bad["message"]
        c.send_bytes(b"Content-Length: 4\r\n\r\n{]]}")
        assert "not JSON" in c.response()["message"]
        c.request(6, "threads")
        ok = c.response()
        assert (ok["success"], ok["request_seq"], ok["body"]["threads"][0]["id"]) == (True, 6, 1)
        assert c.close() == 0
    finally:
        c.proc.kill()


def test_an_error_in_the_debugged_program_never_ends_the_session(tmp_path: Path) -> None:
    prog = tmp_path / "p.lua"
    prog.write_text("local t = nil\nprint(t.x)\n")
    c = Client()
    try:
        c.request(1, "initialize", adapterID="test")
        c.response()
        c.request(2, "launch", program=str(prog))
        c.request(3, "configurationDone")
        events = []
        while True:
            m = c.next()
            events.append(m)
            if m.get("event") == "stopped":
                break
        assert m["body"]["reason"] == "exception"
        assert m["body"]["text"].endswith("p.lua:2: attempt to index local 't' (a nil value)")
        c.request(4, "evaluate", expression="t", frameId=1)
        assert c.response()["body"]["result"] == "nil"
        c.request(5, "continue", threadId=1)
        ends = []
        while not ends or ends[-1].get("event") != "terminated":
            ends.append(c.next())
        codes = [m["body"]["exitCode"] for m in ends if m.get("event") == "exited"]
        assert codes == [1]
        assert c.close() == 0
    finally:
        c.proc.kill()


def test_os_exit_in_the_program_and_in_the_debug_console_ends_the_run(tmp_path: Path) -> None:
    prog = tmp_path / "p.lua"
    prog.write_text("local x = 1\nprint(x)\nos.exit(3)\n")
    for how in ("program", "console"):
        c = Client()
        try:
            c.request(1, "initialize", adapterID="test")
            c.response()
            c.request(2, "launch", program=str(prog), stopOnEntry=how == "console")
            c.request(3, "configurationDone")
            if how == "console":
                while c.next().get("event") != "stopped":
                    pass
                c.request(4, "evaluate", expression="os.exit(7)", frameId=1, context="repl")
            ends = []
            while not ends or ends[-1].get("event") != "terminated":
                ends.append(c.next())
            codes = [m["body"]["exitCode"] for m in ends if m.get("event") == "exited"]
            assert codes == ([3] if how == "program" else [7])
            if how == "console":
                answer = c.response()
                said = "the program exited with status 7 (os.exit)"
                assert (answer["success"], answer["message"]) == (False, said)
            assert c.close() == 0
        finally:
            c.proc.kill()


def test_port_mode_serves_sessions_on_loopback() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "ferrous_repl", "dap", "--port", "0"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert line.startswith("ferrous dap: listening on 127.0.0.1:"), line
        port = int(line.rsplit(":", 1)[1])
        for _ in range(2):  # one session after another
            with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
                s.sendall(encode({"seq": 1, "type": "request", "command": "initialize", "arguments": {}}))
                reader = MessageReader()
                got: list = []
                deadline = time.monotonic() + 30
                while not got and time.monotonic() < deadline:
                    got = reader.feed(s.recv(65536))
                assert got[0]["command"] == "initialize" and got[0]["body"]["supportsStepBack"]
                s.sendall(encode({"seq": 2, "type": "request", "command": "disconnect"}))
                while len(got) < 2:
                    got += reader.feed(s.recv(65536))
    finally:
        proc.kill()
        proc.wait()


def test_bad_command_lines() -> None:
    for args, said in [(["--port", "x"], "not a port number"), (["--what"], "unknown argument"),
                       (["--once"], "--once goes with --port")]:
        done = subprocess.run([sys.executable, "-m", "ferrous_repl", "dap", *args], capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 1 and said in done.stderr, (args, done.stderr)


# --- the package itself --------------------------------------------------------------------------

REQUESTS = {  # capability -> the request it promises
    "supportsConfigurationDoneRequest": "configurationDone", "supportsFunctionBreakpoints":
    "setFunctionBreakpoints", "supportsExceptionInfoRequest": "exceptionInfo", "supportsStepBack":
    "stepBack", "supportsSetVariable": "setVariable", "supportsSetExpression": "setExpression",
    "supportsRestartRequest": "restart", "supportsTerminateRequest": "terminate",
    "supportsGotoTargetsRequest": "gotoTargets", "supportsCompletionsRequest": "completions",
    "supportsLoadedSourcesRequest": "loadedSources", "supportsDisassembleRequest": "disassemble",
    "supportsInstructionBreakpoints": "setInstructionBreakpoints", "supportsDataBreakpoints":
    "setDataBreakpoints",
}


def test_every_declared_capability_has_its_handler() -> None:
    for capability, request in REQUESTS.items():
        assert CAPABILITIES[capability] is True
        assert request in handlers.handlers, request
    assert {"reverseContinue", "goto", "dataBreakpointInfo", "exceptionInfo"} <= set(handlers.handlers)
    assert [f["filter"] for f in CAPABILITIES["exceptionBreakpointFilters"]] == ["uncaught", "caught"]


ALLOWED_VM = {"vm.debugger", "vm.inspect", "vm.values_view", "vm.session", "vm.errors", "vm.chunkid",
              "vm.redis.debugsession", "vm.redis.keyspace", "vm.redis.flavor"}


def test_the_adapter_sees_the_vm_only_through_the_debugger_api_and_views() -> None:
    """ARCHITECTURE.md invariant 8: front ends read VM state through the inspection views and
    drive it through the debugger's API; nothing in ferrous_repl/dap imports the runtime."""
    found: dict[str, set[str]] = {}
    for path in sorted(DAP.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                if name == "vm" or name.startswith("vm."):
                    found.setdefault(name, set()).add(path.name)
    assert found, "the checker sees no import of vm"
    outside = {name: files for name, files in found.items() if name not in ALLOWED_VM}
    assert outside == {}
