"""The script engine beyond what the differential corpus compares: limits ending a script, the
engine after a killed script, what a front end sees of a run (calls, logs, breakpoints), and the
engine's own guarantees (KEYS/ARGV per run, no Python exception escaping)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vm.redis.engine import ScriptEngine
from vm.redis.reply import ErrorReply, Status
from vm.redis.run import CallRecord
from vm.session import Limits

LOOP = b"local x = 0\nwhile true do\n  x = x + 1\nend"


def _killed(reply: object, reason: str, line: int) -> None:
    assert reply.__class__ is ErrorReply, reply
    text = reply.text.decode()  # type: ignore[attr-defined]
    assert text.startswith("ERR Script killed: " + reason), text
    assert text.endswith(f", on @user_script:{line}."), text
    assert " script: " in text


def test_time_limit_kills_with_position() -> None:
    e = ScriptEngine(limits=Limits(seconds=0.05))
    _killed(e.eval(LOOP), "it ran longer than the time limit (0.05 s)", 3)


def test_instruction_limit_inside_pcall() -> None:
    """pcall cannot catch the kill (Redis's hook keeps firing); the position is the loop's."""
    e = ScriptEngine(limits=Limits(instructions=50_000))
    script = b"local function f()\n  while true do end\nend\nreturn {pcall(f)}"
    _killed(e.eval(script), "it ran more than the instruction limit (50000)", 2)


def test_memory_limit() -> None:
    e = ScriptEngine(limits=Limits(memory=5_000_000))
    _killed(e.eval(b"local t = {}\nfor i = 1, 1e7 do t[i] = {} end"),
            "it used more than the memory limit (5000000 bytes)", 2)


def test_engine_works_after_a_kill() -> None:
    e = ScriptEngine(limits=Limits(instructions=20_000))
    _killed(e.eval(LOOP, [b"a"], [b"b"]), "it ran more than the instruction limit", 3)
    assert e.eval(b"return {KEYS[1], ARGV[1], redis.call('ping')}", [b"k"], [b"v"]) == \
        [b"k", b"v", Status(b"PONG")]
    assert e.run is None


def test_keys_and_args_are_per_run() -> None:
    e = ScriptEngine()
    assert e.eval(b"return #KEYS + #ARGV", [b"a", b"b"], [b"c"]) == 3
    assert e.eval(b"return #KEYS + #ARGV") == 0


class Recorder:
    def __init__(self, stop: bool = False) -> None:
        self.calls: list[CallRecord] = []
        self.logs: list[tuple[int, bytes]] = []
        self.breakpoints = 0
        self.debugs: list[list] = []
        self.stop = stop

    def on_call(self, record: CallRecord) -> None:
        self.calls.append(record)

    def on_log(self, level: int, message: bytes) -> None:
        self.logs.append((level, message))

    def on_breakpoint(self) -> bool:
        self.breakpoints += 1
        return self.stop

    def on_debug(self, values: list) -> None:
        self.debugs.append(values)


def test_listener_sees_calls_logs_and_breakpoints() -> None:
    rec = Recorder(stop=True)
    e = ScriptEngine(listener=rec)
    script = (b"redis.call('set', KEYS[1], 5)\n"
              b"redis.pcall('nosuch', 1)\n"
              b"redis.log(redis.LOG_NOTICE, 'hello', 42)\n"
              b"redis.debug('x', 1)\n"
              b"return {redis.breakpoint(), redis.call('get', KEYS[1])}")
    assert e.eval(script, [b"k"]) == [1, b"5"]
    assert [(c.argv, c.reply, c.line, c.raised) for c in rec.calls] == [
        ((b"set", b"k", b"5"), Status(b"OK"), 1, False),
        ((b"nosuch", b"1"), ErrorReply(b"ERR Unknown Redis command called from script"), 2, False),
        ((b"get", b"k"), b"5", 5, False),
    ]
    assert rec.logs == [(2, b"hello 42")] == e.logs
    assert rec.breakpoints == 1
    assert rec.debugs == [[b"x", 1.0]]


def test_redis_call_error_is_recorded_as_raised() -> None:
    rec = Recorder()
    e = ScriptEngine(listener=rec)
    e.eval(b"return redis.call('get')")
    assert rec.calls[0].raised and rec.calls[0].argv == (b"get",)


def test_redis_call_from_a_coroutine_and_pcall() -> None:
    e = ScriptEngine()
    script = (b"local co = coroutine.wrap(function() coroutine.yield(redis.call('incr', 'n')) "
              b"return redis.call('incr', 'n') end) "
              b"local a = co() local b = co() "
              b"local ok, v = pcall(redis.call, 'incr', 'n') "
              b"return {a, b, v}")
    assert e.eval(script) == [1, 2, 3]


def test_command_passes_other_commands_to_the_keyspace() -> None:
    e = ScriptEngine()
    assert e.command([b"SET", b"a", b"1"]) == Status(b"OK")
    assert e.command([b"GET", b"a"]) == b"1"
    assert e.command([b"INCR", b"a"]) == 2
    assert e.command([b"GET", b"nokey"]) is None
    assert e.command([]) == ErrorReply(b"ERR empty command")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=60))
def test_any_script_gives_a_reply(body: bytes) -> None:
    """Whatever the bytes, EVAL answers with a reply value, never a Python exception."""
    e = ScriptEngine(limits=Limits(instructions=10_000))
    e.eval(body)


TOKENS = ["return", "redis.call('set','a',", "redis.pcall(", "error(", "{", "}", "(", ")", ",",
          "1", "'x'", "nil", "true", "KEYS[1]", "ARGV", "..", "+", "local t =", "t", "=", ";",
          "redis.status_reply(", "redis.error_reply(", "pcall(", "function() end", "end", "#",
          "setmetatable({}, {__index = function() error('i') end})", "x", "_G", "rawset(",
          "string.rep('a', 3)", "{err='E'}", "{ok='O'}", "{double=1}", "{map={}}", "{set={a=1}}"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=14))
def test_token_soup_gives_a_reply(tokens: list[str]) -> None:
    e = ScriptEngine(limits=Limits(instructions=10_000))
    reply = e.eval(" ".join(tokens).encode(), [b"k"], [b"v"])
    assert reply is None or reply.__class__ in (ErrorReply, Status, bytes, int, list) or \
        reply.__class__.__module__ == "vm.redis.reply"
