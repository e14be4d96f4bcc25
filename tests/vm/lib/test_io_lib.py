"""The io library against the lua5.1 binary: the same program runs in two fresh directories,
once under lua5.1 and once in a Session, and prints (and files) must come out the same.

Programs only use the base library besides io, so these tests do not depend on string or
table. Addresses in ``file (0x...)`` are masked. Output of the real interpreter goes to a pipe
(fully buffered), so programs that start child processes flush io.stdout first.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest

from vm.errors import LuaError
from vm.lib.stdio import fopen, scan_number, strtod_prefix
from vm.session import Session

LUA = shutil.which("lua5.1")
ADDRESS = re.compile(rb"0x[0-9a-fA-F]+")
ALL_BYTES = bytes(range(256))


def lua_literal(data: bytes) -> bytes:
    """A Lua string literal holding any bytes (decimal escapes)."""
    return b'"' + b"".join(b"\\%d" % c for c in data) + b'"'


def run_real(program: bytes, folder: Path, stdin: bytes) -> tuple[bytes, bytes | None]:
    assert LUA is not None, "lua5.1 is not installed (apt-get install lua5.1)"
    (folder / "prog.lua").write_bytes(program)
    done = subprocess.run([LUA, "prog.lua"], cwd=folder, input=stdin, capture_output=True,  # type: ignore[list-item]
                          timeout=60, env={**os.environ, "TZ": "UTC"})
    error = None
    if done.returncode != 0:
        error = re.sub(rb"^\S*lua5\.1: ", b"", done.stderr.split(b"\n", 1)[0])
    return done.stdout, error


def run_ours(program: bytes, folder: Path, stdin: bytes,
             monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes | None]:
    (folder / "prog.lua").write_bytes(program)
    out = BytesIO()
    with monkeypatch.context() as m:
        m.chdir(folder)
        session = Session(out=out)
        session.state.stdin = BytesIO(stdin)
        session.state.err = BytesIO()
        error = None
        try:
            session.run(program, b"@prog.lua")
        except LuaError as exc:
            error = exc.value if isinstance(exc.value, bytes) else repr(exc.value).encode()
    return out.getvalue(), error


def compare(program: bytes | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *,
            stdin: bytes = b"", files: dict[str, bytes] | None = None,
            check_files: tuple[str, ...] = ()) -> bytes:
    """Run in both interpreters, with the same starting files; outputs, the error that ended
    the program and the listed result files must be equal. Returns our output."""
    if isinstance(program, str):
        program = program.encode()
    results = []
    for who in ("real", "ours"):
        folder = tmp_path / who
        folder.mkdir()
        for name, data in (files or {}).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        if who == "real":
            out, error = run_real(program, folder, stdin)
        else:
            out, error = run_ours(program, folder, stdin, monkeypatch)
        made = {name: (folder / name).read_bytes() if (folder / name).exists() else None
                for name in check_files}
        results.append((ADDRESS.sub(b"ADDR", out), error, made))
    assert results[1][0].split(b"\n") == results[0][0].split(b"\n")
    assert results[1] == results[0]
    return results[1][0]



# --- writing and reading back ---------------------------------------------------------------------


def test_write_numbers_and_strings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        local f = assert(io.open("out.txt", "w"))
        print(f:write(1, " ", 2.5, " ", 1e100, " ", -0.0, " ", 1/0, " ", -1/0, " ", 2^53, " ",
                      0.1, " ", 1e-300, " ", 123456789012345678, "\\n"))
        print(f:write())
        print(io.type(f), f:close(), io.type(f))
        print(io.write("to stdout ", 42, "\\n"))
        for l in io.lines("out.txt") do print(l) end
        print(pcall(io.write, {}))
        print(pcall(io.write, "a", nil))
        print(pcall(io.write, true))
    """, tmp_path, monkeypatch, check_files=("out.txt",))


def test_read_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        local f = io.open("data", "r")
        print(f:read())
        print(f:read("*l"))
        print(f:read("*line"))
        print(f:read(3), f:read(0), f:read(1))
        print(f:read("*n", "*n", "*number"))
        print(f:read("*l"))
        print(f:read("*a"))
        print(f:read("*a"), f:read("*l"), f:read(0), f:read(1), f:read("*n"))
        print(f:read("*all"))
        f:close()
        f = io.open("data")
        print(f:read("*l", "*l", 3, 0, "*a", "*a", "*l", "*a"))
        f:seek("set")
        print(f:read(2.9), f:read(-1))
        f:seek("set", 4)
        print(pcall(f.read, f, "5"), f:read("*l"))
        f:close()
    """, tmp_path, monkeypatch, files={"data": b"first\n\nthird line\nabcdef 12 -3.5e2 0x10\ntail\n"})


def test_read_errors_in_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        local f = io.open("data")
        print(pcall(f.read, f, "x"))
        print(pcall(f.read, f, "*x"))
        print(pcall(f.read, f, "*"))
        print(pcall(f.read, f, {}))
        print(pcall(f.read, f, nil))
        print(pcall(f.read, f, true))
        print(pcall(f.read, f, 1, "*q"))
        print(pcall(f.read, f, 100, "*q"))
        print(pcall(io.read, "x"))
        print(f:read("*lines"), f:read("*nothing"))
        f:close()
    """, tmp_path, monkeypatch, files={"data": b"abc\n12\n"})


def test_all_bytes_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = lua_literal(ALL_BYTES)
    program = b"""
        local data = %s
        local f = io.open("bin", "wb")
        f:write(data, data)
        f:close()
        f = io.open("bin", "rb")
        local all = f:read("*a")
        print(#all, all == data .. data)
        f:seek("set", 10)
        local part = f:read(300)
        print(#part, f:seek())
        f:close()
        local copy = io.open("copy", "w")
        copy:write(all)
        copy:close()
        f = io.open("input.bin", "rb")
        local inp = f:read("*a")
        print(#inp, inp == data)
        f:close()
    """ % data
    compare(program, tmp_path, monkeypatch, files={"input.bin": ALL_BYTES},
            check_files=("bin", "copy"))
    assert (tmp_path / "ours" / "bin").read_bytes() == ALL_BYTES * 2


def test_lines_cut_at_nul_like_strlen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # read_line measures each fgets chunk with strlen: the rest of a line after a NUL is lost
    compare("""
        for l in io.lines("data") do io.write("[", l, "]", #l, "\\n") end
        local f = io.open("data")
        print(#f:read("*a"))
        f:seek("set")
        print(f:read("*l", "*l", "*l"))
        f:close()
    """, tmp_path, monkeypatch, files={"data": b"ab\0cd\nef\n\0\n\0x\nlast\n\0"})


def test_long_lines_and_big_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = b"".join(b"%d:" % i + b"x" * (i * 997 % 20000) + b"\n" for i in range(60)) + b"no newline"
    compare("""
        local n, total = 0, 0
        for l in io.lines("big") do n = n + 1 total = total + #l end
        print(n, total)
        local f = io.open("big")
        print(#f:read(10000), #f:read("*l"), #f:read(100000), f:read(1))
        f:seek("set", 8190)
        print(#f:read("*l"), f:seek())
        f:close()
    """, tmp_path, monkeypatch, files={"big": big})


# --- reading numbers ---------------------------------------------------------------------------------

NUMBER_INPUTS = [
    b"  12abc", b"0x1A", b"1e5x", b"1ex", b"-", b"-x", b".5", b"inf", b"infinity", b"infix", b"nan",
    b"nax5", b"+.e3", b"0x", b"0xg", b"1.5.3", b"0x.p1", b"  ", b"", b"-nan", b"1e+", b"1e+x",
    b"0x1p", b"0x1p-2", b"1,5", b"00x5", b"0X1P3", b"- 5", b"--5", b"+5", b"-inf", b"-0x10",
    b"1e5e5", b"0x1e5p1", b".e1", b"1.e1", b"1e1.5", b"0x1.8p1", b"0xp1", b"nan(123)", b"info",
    b"in", b"1e400", b"0x1p99999", b"\t\v\f\r\n 3", b"12\n34", b"0.5e-3", b"00012", b"1e-400",
    b"INF", b"NaN", b"-Infinity", b"0x.8", b"9" * 400, b"1" + b"0" * 30 + b"e-30", b"\x00 5",
]


@pytest.mark.parametrize("text", NUMBER_INPUTS, ids=[repr(t) for t in NUMBER_INPUTS])
def test_read_number_like_fscanf(text: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        local f = io.open("num", "rb")
        local n = f:read("*n")
        io.write(tostring(n), "|", f:read("*a"), "\\n")
        f:close()
        io.write(tostring(io.read("*n")), "|", io.read("*a"), "\\n")
    """, tmp_path, monkeypatch, stdin=text, files={"num": text})


def test_read_several_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        print(io.read("*n", "*n", "*n", "*n", "*n"))
        print(io.read("*n", "*l"))
        print(io.read("*n", "*n", "*n", "*l"))
        print(io.read("*l"))
    """, tmp_path, monkeypatch, stdin=b"1 2 3\n4\n5 rest\n1 2 x\nlast")


# --- lines -------------------------------------------------------------------------------------------


def test_lines_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        for l in io.lines("data") do print("name", l) end
        local f = io.open("data")
        for l in f:lines() do print("method", l) end
        print(io.type(f), f:read("*a"))
        f:seek("set", 2)
        local it = f:lines()
        print(it(), it())
        f:close()
        print(pcall(it))
        print(pcall(f.lines, f))
        print(pcall(io.lines, "nofile"))
        print(pcall(io.lines, {}))
        for l in io.lines() do print("stdin", l) end
        print(io.read("*a"), io.read())
        io.input("data")
        for l in io.lines() do print("input", l) end
        print(io.type(io.input()))
        io.input():close()
        print(pcall(io.lines))
        print(pcall(io.read))
    """, tmp_path, monkeypatch, stdin=b"s1\n\ns3", files={"data": b"one\ntwo\n\nfour"})


def test_lines_by_name_closes_at_eof(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        local it = io.lines("data")
        print(it(), it(), it())
        print(pcall(it))
        print(os.remove("data"))
    """, tmp_path, monkeypatch, files={"data": b"a\nb\n"})


# --- open modes, positions, buffering ----------------------------------------------------------------


def test_open_modes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        for _, m in ipairs{"r", "rb", "w", "wb", "a", "ab", "r+", "rb+", "r+b", "w+", "wb+", "a+",
                           "a+b", "rw", "z", "", "r+x", "rr", "+r", "r+++++", "wx", "b", "R",
                           "r\\0+", "rbbbbb+"} do
          local g, e, n = io.open("w1", m)
          print(m == "r\\0+" and "r0+" or m, io.type(g), e, n)
          if g then print(g:write("x"), g:read("*a")) g:close() end
        end
        print(io.open("missing"))
        print(io.open("missing", "r+"))
        print(io.open("dir/none", "w"))
        print(io.open("", "r"))
        print(io.open("w1\\0ignored"))
        print(io.open("missing\\0ignored"))
        print(pcall(io.open))
        print(pcall(io.open, {}))
        print(pcall(io.open, "w1", {}))
    """, tmp_path, monkeypatch, files={"w1": b"content"}, check_files=("w1",))


def test_read_write_permissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        local a, b, c = io.stdout:read("*a")
        local d, e, f = io.stdout:read("*n")
        print(a, b, c, d, e, f)
        local f = io.open("w1", "w")
        print(f:read("*l")) print(f:read("*a")) print(f:read(0)) print(f:read("*n"))
        print(f:write("x")) f:close()
        f = io.open("w1", "r")
        print(f:write("y")) print(f:write("y", 1)) print(f:read("*a")) print(f:flush()) f:close()
        print(io.stdin:write("x"))
    """, tmp_path, monkeypatch, check_files=("w1",))


def test_directory_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        local d = io.open("sub")
        print(io.type(d))
        print(d:read("*a")) print(d:read("*l")) print(d:read(5)) print(d:read("*n")) print(d:read(0))
        print(pcall(function() for l in d:lines() do print(l) end end))
        d:close()
        print(io.open("sub", "w"))
        print(pcall(io.output, "sub"))
        print(pcall(io.input, "nofile"))
    """, tmp_path, monkeypatch, files={"sub/keep": b""})


def test_update_modes_share_one_position(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        local f = io.open("rp", "r+")
        print(f:read(2)) f:write("AB") print(f:seek()) print(f:read(2))
        f:seek("set", 0) print(f:read("*a"))
        f:seek("set", 0) f:write("xy") print(f:read(2))
        f:seek("set") print(f:read("*a")) f:close()
        f = io.open("rp", "w+")
        print(f:read("*a")) f:write("hello\\nworld") f:seek("set")
        for l in f:lines() do print(l) end
        print(f:read("*a"), f:read("*l"), f:read(0), f:read(1))
        f:close()
    """, tmp_path, monkeypatch, files={"rp": b"0123456789"}, check_files=("rp",))


def test_append_modes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        local f = io.open("ap", "a")
        print(f:seek()) f:write("d") print(f:seek()) f:seek("set", 0) print(f:seek())
        f:write("e") print(f:seek()) f:close()
        f = io.open("ap", "a+")
        print(f:seek(), f:read(2)) f:write("E") print(f:seek()) print(f:read("*a"))
        f:seek("set", 1) f:write("Q") f:seek("set") print(f:read("*a"))
        print(f:seek("end"), f:seek("cur", -2), f:read(1))
        f:close()
        f = io.open("new", "a") f:write("x") f:close()
        f = io.open("new", "ab") f:write("y") f:close()
        f = io.open("new", "a+b") f:write("z") f:close()
        for l in io.lines("new") do print(l) end
    """, tmp_path, monkeypatch, files={"ap": b"abc"}, check_files=("ap", "new"))


def test_seek(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        local f = io.open("w1")
        print(f:seek("set", -1)) print(f:seek("end", -100)) print(pcall(f.seek, f, "bad"))
        print(pcall(f.seek, f, 1)) print(pcall(f.seek, f, "set", "x"))
        print(f:seek("end", 10)) print(f:seek("cur", 1.9)) print(f:seek("cur", -1.9))
        print(f:read(1)) print(f:read(0)) print(f:seek("set", 1)) print(f:read(2))
        print(f:seek()) print(f:seek("cur")) print(f:seek("set")) print(f:seek("end"))
        print(f:seek("set", "3"), f:read(1), f:seek("end", -1), f:read(5))
        print(f:read(2), f:seek("set", -5), f:read(2))
        f:close()
    """, tmp_path, monkeypatch, files={"w1": b"abcdefg"})


def test_buffering_and_flush(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        local g = io.open("buf", "w")
        g:write("hello")
        local f = io.open("buf")
        print(f:read("*a"))
        print(g:flush())
        print(f:read("*a"))
        print(g:setvbuf("no")) g:write("X") print(f:read("*a"))
        print(g:setvbuf("full", 1024)) g:write("Y") print(f:read("*a"))
        print(g:setvbuf("line")) g:write("Z") print(f:read("*a")) g:write("\\n") print(f:read("*a"))
        print(pcall(g.setvbuf, g)) print(pcall(g.setvbuf, g, "x")) print(pcall(g.setvbuf, g, "no", "x"))
        g:close() f:close()
        print(io.stdout:setvbuf("no"), io.stdout:flush(), io.flush())
    """, tmp_path, monkeypatch)


def test_write_buffering_follows_glibc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # what another handle sees after each write: glibc flushes a full buffer only when more
    # output comes, writes whole blocks directly, and line mode flushes up to the last newline
    compare("""
        local chunks = {}
        local function str(n)
          if chunks[n] then return chunks[n] end
          local s, piece, k = "", "x", n
          while k > 0 do
            if k % 2 == 1 then s = s .. piece end
            piece = piece .. piece
            k = (k - k % 2) / 2
          end
          chunks[n] = s
          return s
        end
        for _, mode in ipairs{"full", "line", "no", "default"} do
          for _, seq in ipairs{{5, 4091, 1}, {4096, 1}, {4095, 1, 1}, {5000, 3000, 9000}, {1, 8192},
                               {8191, 2}, {3, 4093, 4096, 5}} do
            local g = io.open("buf", "w")
            if mode ~= "default" then g:setvbuf(mode) end
            local r = io.open("buf")
            io.write(mode)
            for i, n in ipairs(seq) do
              g:write(str(n - 1) .. ((i % 2 == 0) and "\\n" or "y"))
              io.write(" ", #r:read("*a"))
            end
            g:close() r:close()
            io.write("\\n")
          end
        end
        local g = io.open("buf", "w") g:setvbuf("line") g:write("ab\\ncd")
        local r = io.open("buf") print(r:read("*a")) g:write("ef") print(r:read("*a"))
        g:write("\\n") print(r:read("*a")) g:close() r:close()
    """, tmp_path, monkeypatch)


def test_write_then_large_read_drops_the_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # glibc's fread of a buffer's size or more resets the buffer without flushing it
    compare("""
        for _, fmt in ipairs{"*a", 3, "*l", 8192, 4096, 4095, "*n", 0} do
          local g = io.open("w2", "w") g:write("content\\n12\\n") g:close()
          g = io.open("w2", "r+")
          g:write("x")
          local a, b, c = g:read(fmt)
          print(fmt, a, b, c, g:seek())
          g:close()
          print(io.open("w2"):read("*a"))
        end
    """, tmp_path, monkeypatch)


# --- defaults, closing, handles ------------------------------------------------------------------------


def test_default_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        print(io.input() == io.stdin, io.output() == io.stdout)
        print(io.read())
        io.input("data") print(io.read("*l")) print(io.lines()())
        print(io.input(io.stdin) == io.stdin, io.read("*a"))
        local o = io.output("out2")
        print(io.output() == o, io.type(o))
        io.write("to file ", 1, "\\n")
        print(io.close())
        print(io.type(o), pcall(io.write, "x"))
        print(pcall(io.flush))
        print(pcall(io.close))
        io.output(io.stdout)
        print(pcall(io.input, {})) print(pcall(io.input, o)) print(pcall(io.output, 12))
        io.output(io.stdout)
        local f = io.open("out2") print(f:read("*a")) f:close()
        io.output("out3") io.write("three") io.output():close()
        io.output(io.stdout)
        print(io.open("out3"):read("*a"))
    """, tmp_path, monkeypatch, stdin=b"stdin line\nrest", files={"data": b"d1\nd2\n"},
       check_files=("out2", "out3", "12"))


def test_closed_files_and_types(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        local f = io.open("w1")
        print(tostring(f) == tostring(f), io.type(f), io.type(io.stdout), io.type(1), io.type(nil))
        print(pcall(io.type))
        print(f:close())
        print(io.type(f), tostring(f))
        print(pcall(f.read, f)) print(pcall(f.lines, f)) print(pcall(f.close, f))
        print(pcall(f.seek, f)) print(pcall(f.write, f)) print(pcall(f.flush, f))
        print(pcall(f.setvbuf, f, "no"))
        print(pcall(io.close, f))
        print(pcall(f.read, 1)) print(pcall(io.stdout.read)) print(pcall(io.close, 5))
        print(pcall(io.close, nil))
        print(pcall(f.read, io.stdout, "x"))
        print(io.close(io.stdout)) print(io.stdout:close()) print(io.stderr:close())
        print(io.stdin:close())
        print(io.type(io.stdin), io.type(io.stdout), io.type(io.stderr))
        print(getmetatable(f).__index == getmetatable(f), getmetatable(io.stdout) == getmetatable(f))
        print(type(getmetatable(f).__gc), type(getmetatable(f).__tostring))
        print(pcall(getmetatable(f).__tostring, 1))
        local g = io.open("w1") getmetatable(g).__gc(g) print(io.type(g))
        g = io.open("w1") g:read(1) print(io.read == io.read, g.read == f.read)
    """, tmp_path, monkeypatch, files={"w1": b"x"})


def test_tmpfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        local f = io.tmpfile()
        print(io.type(f), f:write("temp", 1, "\\n", "data"))
        print(f:seek()) print(f:seek("set")) print(f:read("*l"), f:read("*a"))
        print(f:close(), io.type(f))
    """, tmp_path, monkeypatch)


def test_popen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare("""
        local p = io.popen("echo one; echo two; printf three")
        print(io.type(p), p:read("*l"), p:read("*a"))
        print(p:close(), io.type(p))
        print(pcall(p.read, p))
        for l in io.popen("printf 'a\\\\nb\\\\n'"):lines() do print(l) end
        p = io.popen("cat > piped.txt", "w")
        print(p:write("sent ", 7, "\\n"))
        print(p:close())
        print(io.open("piped.txt"):read("*a"))
        print(io.popen("true", "rw"))
        print(io.popen("true", "x"))
        print(io.popen("true", "rb"))
        p = io.popen("exit 3") print(p:read("*a"), p:close())
        p = io.popen("echo seek") print(p:seek()) print(p:read("*l"), p:close())
        io.stdout:flush()
        p = io.popen("cat", "w") p:write("through cat\\n") p:close()
        print("after")
    """, tmp_path, monkeypatch, check_files=("piped.txt",))


# --- what only the embedding sees ------------------------------------------------------------------------


def test_print_and_io_write_share_the_output() -> None:
    out = BytesIO()
    Session(out=out).run(b'print("a") io.write("b", 1, "\\n") print("c") io.stdout:write("d\\n")',
                         b"=t")
    assert out.getvalue() == b"a\nb1\nc\nd\n"


def test_stderr_and_stdin_of_the_embedding() -> None:
    out, err = BytesIO(), BytesIO()
    session = Session(out=out)
    session.state.err = err
    session.state.stdin = BytesIO(b"12 rest\nline2\n")
    session.run(b'io.stderr:write("oops ", 3, "\\n") print(io.read("*n", "*l")) print(io.read())'
                b' print(io.read())', b"=t")
    assert err.getvalue() == b"oops 3\n"
    assert out.getvalue() == b"12\t rest\nline2\nnil\n"


def test_child_output_reaches_a_stream_without_descriptor(tmp_path: Path) -> None:
    out = BytesIO()
    Session(out=out).run(b'io.write("before\\n") local p = io.popen("cat", "w") p:write("via cat\\n")'
                         b' p:close() print(os.execute("echo via sh")) print("after")', b"=t")
    assert out.getvalue() == b"before\nvia cat\nvia sh\n0\nafter\n"


def test_stdout_on_a_seekable_stream() -> None:
    out = BytesIO()
    Session(out=out).run(b'io.write("abc") print(io.stdout:seek())', b"=t")
    assert out.getvalue() == b"abc3\n"


OUR_PROCESS = """
import sys
from vm.session import Session
Session(out=sys.stdout.buffer).run(open("prog.lua", "rb").read(), b"@prog.lua")
sys.stdout.flush()
"""


def test_standard_files_on_pipes_cannot_seek(tmp_path: Path) -> None:
    program = b'io.write("x") print(io.stdout:seek("set", 0)) print(io.stdin:seek())'
    real, _ = run_real(program, tmp_path, b"input")
    root = Path(__file__).resolve().parents[3]
    ours = subprocess.run([sys.executable, "-c", OUR_PROCESS], cwd=tmp_path, input=b"input",
                          capture_output=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(root)})
    assert ours.stderr == b""
    assert ours.stdout == real == b"xnil\tIllegal seek\t29\nnil\tIllegal seek\t29\n"


def test_unclosed_files_are_flushed_when_collected(tmp_path: Path) -> None:
    path = tmp_path / "left_open"
    session = Session(out=BytesIO())
    session.run(b'f = io.open(%s, "w") f:write("pending")' % lua_literal(bytes(path)), b"=t")
    assert path.read_bytes() == b""
    del session
    import gc

    gc.collect()
    assert path.read_bytes() == b"pending"


# --- the stdio layer directly -------------------------------------------------------------------------


def test_fopen_modes_and_errors(tmp_path: Path) -> None:
    path = bytes(tmp_path / "f")
    with pytest.raises(OSError) as info:
        fopen(path, b"q")
    assert info.value.errno == 22
    f = fopen(path, b"wx")
    assert f.write(b"12 34") and f.close()
    with pytest.raises(FileExistsError):
        fopen(path, b"wx")
    f = fopen(path, b"r")
    assert scan_number(f) == 12.0 and scan_number(f) == 34.0 and scan_number(f) is None
    assert f.close()


def test_strtod_prefix() -> None:
    assert strtod_prefix(b"0x") == 0.0
    assert strtod_prefix(b"1e") == 1.0
    assert strtod_prefix(b"-0x1p99999") == float("-inf")
    assert strtod_prefix(b".") is None


def test_odd_arguments_only_raise_lua_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # every function and method with awkward values: Lua errors or results, never Python's
    monkeypatch.chdir(tmp_path)
    out = BytesIO()
    session = Session(out=out)
    session.state.stdin = BytesIO(b"1 2\nthree\n")
    session.run(b"""
        local values = {nil, true, 0, -1, 1.5, 0/0, 1/0, -2^63, 2^64, "", "*", "*n", "*l", "*a", "r",
                        "w+", "set", "end", "no", "f\\0g", {}, print, io.stdout, io.stdin}
        local closed = io.tmpfile() closed:close()
        local open = io.tmpfile() open:write("data 12\\n")
        local count = 0
        local function try(f, ...) count = count + 1 pcall(f, ...) end
        for _, name in ipairs{"close", "flush", "input", "lines", "open", "output", "read", "type",
                              "write"} do
          for i = 1, #values + 1 do
            for j = 1, #values + 1 do
              try(io[name], values[i], values[j])
              io.input(io.stdin) io.output(io.stdout)
            end
          end
        end
        local mt = getmetatable(io.stdout)
        for _, name in ipairs{"close", "flush", "lines", "read", "seek", "setvbuf", "write", "__gc",
                              "__tostring"} do
          for _, self in ipairs{open, closed, io.stdin, 1} do
            for i = 1, #values + 1 do
              try(mt[name], self == open and io.tmpfile() or self, values[i], values[i % 5 + 1])
            end
          end
        end
        print(count)
    """, b"=fuzz")
    assert re.search(rb"\d{4}\n$", out.getvalue())  # io.write's output, then the count
