"""The os library against the lua5.1 binary: the same program under lua5.1 and in a Session,
with the same TZ for both (UTC unless a test says otherwise), in fresh directories.

Programs only use the base library besides os and io. Results that depend on the moment
(os.time(), os.clock(), os.tmpname()) are checked by shape in our process alone.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest

from vm.errors import LuaError
from vm.lib.os import LuaExit
from vm.session import Session

LUA = shutil.which("lua5.1")
ZONES = ["UTC", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Set TZ for our process (and tzset) for the test; restored afterwards."""

    def set_zone(tz: str) -> None:
        monkeypatch.setenv("TZ", tz)
        time.tzset()

    set_zone("UTC")
    yield set_zone
    monkeypatch.undo()
    time.tzset()


def run_real(program: bytes, folder: Path, tz: str) -> tuple[bytes, bytes | None, int]:
    assert LUA is not None, "lua5.1 is not installed (apt-get install lua5.1)"
    (folder / "prog.lua").write_bytes(program)
    done = subprocess.run([LUA, "prog.lua"], cwd=folder, capture_output=True,  # type: ignore[list-item]
                          timeout=60, env={**os.environ, "TZ": tz})
    error = None
    if done.returncode != 0 and done.stderr:
        error = re.sub(rb"^\S*lua5\.1: ", b"", done.stderr.split(b"\n", 1)[0])
    return done.stdout, error, done.returncode


def run_ours(program: bytes, folder: Path,
             monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes | None, int]:
    (folder / "prog.lua").write_bytes(program)
    out = BytesIO()
    error = None
    status = 0
    with monkeypatch.context() as m:
        m.chdir(folder)
        session = Session(out=out)
        session.state.err = BytesIO()
        try:
            session.run(program, b"@prog.lua")
        except LuaError as exc:
            error = exc.value if isinstance(exc.value, bytes) else repr(exc.value).encode()
            status = 1
        except LuaExit as done:
            status = done.code & 0xFF
    return out.getvalue(), error, status


def compare(program: str | bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            zone: object, tz: str = "UTC") -> bytes:
    """Outputs, final error and exit status must be equal. Returns our output."""
    if isinstance(program, str):
        program = program.encode()
    zone(tz)  # type: ignore[operator]
    (tmp_path / "real").mkdir()
    (tmp_path / "ours").mkdir()
    real = run_real(program, tmp_path / "real", tz)
    ours = run_ours(program, tmp_path / "ours", monkeypatch)
    assert ours[0].split(b"\n") == real[0].split(b"\n")
    assert ours == real
    return ours[0]


MOMENTS = [0, 1, 86400 * 365, 86400 * 365 + 3600 * 13 + 61, 1e9, 1234567890, -1, -86400 * 365.25 * 70,
           951782400, 1710054000, 1730613600, 2**31, 2**31 - 1, 4102444800, 253402300799, -62135596800]


# --- os.date -----------------------------------------------------------------------------------------


def test_date_fixed_utc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: object) -> None:
    out = compare('print(os.date("!%Y-%m-%d %H:%M:%S", 86400*365))', tmp_path, monkeypatch, zone)
    assert out == b"1971-01-01 00:00:00\n"


@pytest.mark.parametrize("tz", ZONES)
def test_every_conversion_letter(tz: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 zone: object) -> None:
    moments = ", ".join(repr(t) for t in MOMENTS)
    formats = ", ".join('"%%\\%d"' % c for c in range(1, 256))
    compare("""
        local moments = {%s}
        for _, fmt in ipairs{%s} do
          for _, t in ipairs(moments) do
            io.write(os.date(fmt, t), "|", os.date("!" .. fmt, t), "|")
          end
          io.write("\\n")
        end
    """ % (moments, formats), tmp_path, monkeypatch, zone, tz)


def test_conversions_without_string_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            zone: object) -> None:
    compare("""
        local letters = "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%+EOqfiJKLNoQv1234567890 -_^#.!"
        local t = 1234567890
        print(os.date("!" .. letters, t))
        print(os.date("%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %n %p %P %r %R %s", t))
        print(os.date("%S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %% %E %O %Ey %Od %-d %_d %05d %^a %#Z", t))
        print(os.date("%"), os.date("a%"), os.date("x\\0y"), os.date(""), os.date("!%H", 3600.7))
        print(os.date("!%c", 0), os.date("!%x", -1.5), os.date("!%X", 1.9), os.date("!", 5))
        print(os.date("%c", "12"), pcall(os.date, "%c", "x"))
        print(pcall(os.date, {}))
        print(pcall(os.date, "%c", {}))
    """, tmp_path, monkeypatch, zone)


@pytest.mark.parametrize("tz", ZONES)
def test_date_tables(tz: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: object) -> None:
    moments = ", ".join(repr(t) for t in MOMENTS)
    compare("""
        for _, t in ipairs{%s} do
          for _, f in ipairs{"*t", "!*t"} do
            local d = os.date(f, t)
            print(t, f, d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday, d.isdst)
            print(os.time(d) == t or os.time(d))
          end
        end
    """ % moments, tmp_path, monkeypatch, zone, tz)


def test_dates_out_of_range(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: object) -> None:
    compare("""
        for _, t in ipairs{2^62, 1e17, 6.7e16, 0/0, 1/0, -1/0, -1e20, -6.7e16, 67767976233316800,
                           -67768040609740800, 2^63, -2^63} do
          print(t, os.date("!%Y-%m-%d %H:%M:%S", t), os.date("%Y", t))
          local d = os.date("!*t", t)
          print(d and d.year)
        end
    """, tmp_path, monkeypatch, zone)


# --- os.time -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("tz", ZONES)
def test_time_of_tables_normalises(tz: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   zone: object) -> None:
    compare("""
        local function show(t) print(os.time(t)) end
        show{year=2000, month=1, day=1}
        show{year=2000, month=13, day=32, hour=25, min=61, sec=-1}
        show{year=1970, month=1, day=1, hour=0, sec=-1}
        show{year="2000", month="1", day=1.9, hour=-0.5, min="0x10"}
        show{year=2000, month=1, day=1, isdst=true}
        show{year=2000, month=1, day=1, isdst=false}
        show{year=2000, month=7, day=1, isdst=false}
        show{year=2000, month=7, day=1, isdst=0}
        show{year=2020, month=2, day=30, hour=0}
        show{year=2021, month=0, day=0}
        show{year=2021, month=-13, day=-400, hour=-50, min=-70, sec=-3700}
        show{year=2021, month=3, day=14, hour=2, min=30}
        show{year=2021, month=11, day=7, hour=1, min=30}
        show{year=2021, month=11, day=7, hour=1, min=30, isdst=true}
        show{year=1900, month=1, day=1}
        show{year=1, month=1, day=1}
        show{year=-1000, month=6, day=15}
        show{year=3000, month=12, day=31, hour=23, min=59, sec=59}
        show{year=2000, month=1, day=1, sec=1e10}
        show{year=2000, month=1, day=1, sec=2^31}
        show{year=2000, month=1, day=1, day=2^32 + 5}
        show{year=2000, month=1, day=1, hour=0/0}
        show{year=2000, month=1, day=1, hour={}}
        show{year=2000, month=1, day=1, hour="x"}
        for _, y in ipairs{2^31, 2^31-1, 2^31-1900, 2^31-1899, -2^31, -2^31+1900, 2147481747, 2147481748,
                           2^32 + 2000, 1e300} do
          for _, m in ipairs{-2^31, 2^31-1, 0, 1, 13, -25} do
            io.write(os.time{year=y, month=m, day=1} or "nil", " ")
          end
          io.write("\\n")
        end
    """, tmp_path, monkeypatch, zone, tz)


def test_time_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: object) -> None:
    compare("""
        print(pcall(os.time, {year=2000}))
        print(pcall(os.time, {day=1}))
        print(pcall(os.time, {day=1, month=1}))
        print(pcall(os.time, {}))
        print(pcall(os.time, 5))
        print(pcall(os.time, "x"))
        print(pcall(os.time, {day=1, month=1, year=true}))
        print(os.time(nil) == os.time())
        local proxy = setmetatable({}, {__index = function(t, k) return ({year=2001, month=2, day=3})[k] end})
        print(os.time(proxy))
        local chain = setmetatable({day=4}, {__index = setmetatable({}, {__index = {year=2002, month=3}})})
        print(os.time(chain))
        print(pcall(os.time, setmetatable({}, {__index = function(t, k) error("no " .. k) end})))
        os.time{year=2000, month=1, day=1, hour=setmetatable({}, {})}
    """, tmp_path, monkeypatch, zone)


def test_difftime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: object) -> None:
    compare("""
        print(os.difftime(5, 2), os.difftime(5), os.difftime(1.9, 0.5), os.difftime(-1.5, 1.5))
        print(os.difftime("10", "4"), os.difftime(2^53, 0), os.difftime(0, 1e300))
        print(pcall(os.difftime))
        print(pcall(os.difftime, 1, {}))
        print(os.difftime(os.time{year=2000, month=1, day=2}, os.time{year=2000, month=1, day=1}))
    """, tmp_path, monkeypatch, zone)


def test_now_and_clock(zone: object) -> None:
    out = BytesIO()
    before = time.time()
    Session(out=out).run(b"local t, c = os.time(), os.clock() local x = 0 for i = 1, 20000 do x = x + i end"
                         b" print(t, type(c), os.clock() >= c, c >= 0, os.time() >= t)", b"=t")
    t, rest = out.getvalue().split(b"\t", 1)
    assert int(before) <= float(t) <= time.time() + 1
    assert float(t) == int(float(t))
    assert rest == b"number\ttrue\ttrue\ttrue\n"


# --- environment, files, processes -----------------------------------------------------------------------


def test_getenv_and_setlocale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: object) -> None:
    monkeypatch.setenv("FERROUS_TEST_VAR", "value=1")
    compare("""
        print(os.getenv("FERROUS_TEST_VAR"), os.getenv("NOPE_X_Y"), os.getenv(""), os.getenv("TZ"))
        print(os.getenv("FERROUS_TEST_VAR\\0junk"))
        print(pcall(os.getenv)) print(pcall(os.getenv, {}))
        print(os.setlocale(), os.setlocale("C"), os.setlocale("POSIX"), os.setlocale("xx_YY"))
        print(os.setlocale(nil, "time"), os.setlocale("C", "numeric"), os.setlocale(nil, "all"))
        print(pcall(os.setlocale, "C", "bad"))
        print(pcall(os.setlocale, {}))
        print(os.setlocale("C", "collate"), os.setlocale(nil, "ctype"), os.setlocale("C", "monetary"))
    """, tmp_path, monkeypatch, zone)
    out = BytesIO()
    Session(out=out).run(b'print(os.setlocale(""), os.setlocale("de_DE"))', b"=t")
    assert out.getvalue() == b"C\tnil\n"


def test_remove_and_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: object) -> None:
    compare("""
        print(os.remove("nofile"))
        print(os.rename("nofile", "x"))
        print(os.remove("/"))
        print(os.remove("/proc/self"))
        print(io.open("a", "w"):close(), os.rename("a", "b"), io.open("a"), io.type(io.open("b")))
        print(os.remove("b"), io.open("b"), os.remove("b"))
        print(os.remove(""))
        print(os.rename("", ""))
        print(os.remove("b\\0ignored"))
        local f = io.open("d1", "w") f:write("x") f:close()
        print(os.rename("d1", "no/such/dir"))
        print(os.rename("d1", "."))
        print(pcall(os.remove)) print(pcall(os.rename, "x")) print(pcall(os.remove, {}))
        os.execute("mkdir emptydir fulldir && touch fulldir/x")
        print(os.remove("emptydir"), io.open("emptydir"))
        print(os.remove("fulldir"))
        print(os.rename("fulldir", "fulldir/inside"))
        print(os.rename("fulldir", "renamed"), os.remove("renamed/x"), os.remove("renamed"))
        print(os.remove(12))
    """, tmp_path, monkeypatch, zone)


def test_execute_statuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: object) -> None:
    compare("""
        print(os.execute(), os.execute("exit 3"), os.execute("kill -9 $$"), os.execute("true"))
        print(os.execute("exit 255"), os.execute("false"), os.execute(nil), os.execute("kill -15 $$"))
        print(os.execute("no_such_command_xyz 2>/dev/null"))
        print(os.execute("echo hi > made.txt"), io.open("made.txt"):read("*a"))
        print(pcall(os.execute, {}))
    """, tmp_path, monkeypatch, zone)


def test_children_get_sigpipe_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: object) -> None:
    """Python ignores SIGPIPE; the shells os.execute and io.popen start must not: a writer whose
    reader went away ends quietly by the signal, as under lua5.1, without a 'Broken pipe'
    message on standard error."""
    compare("""
        print(os.execute("yes 2>err1 | head -2 >out1"), io.open("out1"):read("*a"))
        print(io.open("err1"):read("*a"))
        local p = io.popen("yes 2>err2 | head -1") print(p:read("*a")) print(p:close())
        print(io.open("err2"):read("*a"))
    """, tmp_path, monkeypatch, zone)


def test_execute_output_order() -> None:
    out = BytesIO()
    Session(out=out).run(b'print("a") io.write("b\\n") print(os.execute("echo c; echo d >&2"))'
                         b' print("e")', b"=t")
    assert out.getvalue() == b"a\nb\nc\n0\ne\n"


def test_tmpname() -> None:
    out = BytesIO()
    Session(out=out).run(b"local n = os.tmpname() print(n) print(io.open(n):read('*a') == '')"
                         b" print(os.remove(n)) print(n ~= os.tmpname())", b"=t")
    name, rest = out.getvalue().split(b"\n", 1)
    assert re.fullmatch(rb"/tmp/lua_[A-Za-z0-9]{6}", name)
    assert rest == b"true\ntrue\ntrue\n"
    assert not os.path.exists(name)


# --- os.exit ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("call, status", [("os.exit()", 0), ("os.exit(3)", 3), ("os.exit(2.9)", 2),
                                          ("os.exit(256 + 7)", 7), ("os.exit(-1)", 255),
                                          ('os.exit("4")', 4)])
def test_exit_status(call: str, status: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     zone: object) -> None:
    compare('print("before") io.write("pending") local f = io.open("left", "w") f:write("data") '
            '%s print("after")' % call, tmp_path, monkeypatch, zone)
    assert (tmp_path / "ours" / "left").read_bytes() == (tmp_path / "real" / "left").read_bytes() == b"data"


def test_exit_raises_lua_exit_through_pcall() -> None:
    session = Session(out=BytesIO())
    with pytest.raises(LuaExit) as done:
        session.run(b"print(pcall(os.exit, 5)) print('not reached')", b"=t")
    assert done.value.code == 5
    assert isinstance(done.value, BaseException) and not isinstance(done.value, Exception)
    assert session.state.out.getvalue() == b""  # type: ignore[attr-defined]


def test_exit_argument_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: object) -> None:
    compare('print(pcall(os.exit, "x")) print(pcall(os.exit, true)) print(pcall(os.exit, {}))',
            tmp_path, monkeypatch, zone)


def test_odd_arguments_only_raise_lua_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             zone: object) -> None:
    monkeypatch.chdir(tmp_path)
    out = BytesIO()
    Session(out=out).run(b"""
        local values = {nil, true, 0, -1, 1.5, 0/0, 1/0, -2^63, 2^63, 1e300, "", "!", "*t", "!*t",
                        "%", "%Ez", "f\\0g", "C", "all", {}, {year=1e300, month=0/0, day=-1/0}, print}
        local count = 0
        for _, name in ipairs{"clock", "date", "difftime", "getenv", "remove", "rename", "setlocale",
                              "time"} do
          for i = 1, #values + 1 do
            for j = 1, #values + 1 do
              count = count + 1
              pcall(os[name], values[i], values[j])
            end
          end
        end
        for _, v in ipairs{true, {}, print} do pcall(os.execute, v) pcall(io.popen, v) end
        print(count)
    """, b"=fuzz")
    assert out.getvalue().strip().isdigit()


CHILD_ORDER = (b'print("a") io.write("b") os.execute("echo child") print("c")\n'
               b'local f = io.popen("echo popen; echo err >&2") print(f:read("*a")) f:close()\n'
               b'io.stderr:write("E\\n") os.execute("echo child2 >&2") io.write("end")\n'
               b'error("uncaught: lua.c reports it without flushing standard output")\n')


@pytest.mark.parametrize("unbuffered", ["1", ""])
@pytest.mark.parametrize("merged", [False, True])
def test_child_output_order_on_a_pipe(tmp_path: Path, unbuffered: str, merged: bool) -> None:
    """os.execute starts its child without flushing (C's system()), io.popen after
    fflush(NULL) (luaconf.h): on a pipe the child's output comes before what is still held in
    standard output's buffer, as in lua5.1, whether or not PYTHONUNBUFFERED is set."""
    (tmp_path / "p.lua").write_bytes(CHILD_ORDER)
    env = {k: v for k, v in os.environ.items() if k not in ("LUA_INIT", "PYTHONUNBUFFERED")}
    err = subprocess.STDOUT if merged else subprocess.PIPE
    theirs = subprocess.run(["lua5.1", "p.lua"], stdout=subprocess.PIPE, stderr=err, check=False,
                            cwd=tmp_path, env=env, timeout=120)
    env.update(PYTHONPATH=str(Path(__file__).resolve().parents[3]), PYTHONUNBUFFERED=unbuffered)
    ours = subprocess.run([sys.executable, "-m", "ferrous_repl", "p.lua"], stdout=subprocess.PIPE,
                          stderr=err, check=False, cwd=tmp_path, env=env, timeout=120)
    def alike(data: bytes | None) -> bytes | None:
        return None if data is None else re.sub(rb"(?m)^(lua5\.1|ferrous): ", b"lua: ", data)

    assert (ours.returncode, alike(ours.stdout), alike(ours.stderr)) == \
        (theirs.returncode, alike(theirs.stdout), alike(theirs.stderr))
