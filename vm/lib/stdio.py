"""C stdio streams (``FILE *``) as glibc implements them, for the io and os libraries.

Why not Python's io classes: Lua 5.1's io library is a thin layer over stdio, so what a Lua
program observes is glibc's behaviour, and several parts of it differ from Python's files:
writes stay in the buffer (invisible to other handles) until a flush, a full buffer or a close;
an update stream reads and writes through one position ('r+' reading then writing writes where
the reading stopped); 'a' starts at the end while 'a+' starts reading at 0; ftell on an append
stream with pending output counts from the end of the file; end of file is sticky until
clearerr; fopen accepts any mode that starts with r, w or a and ignores letters it does not
know; and fscanf("%lf") consumes characters it then rejects. A stream here is a buffer over a
raw file descriptor (``FdFile``), or over a Python binary stream of the embedding for the
standard files (``StreamFile``: print and io.write share ``L.out``).

Failures never raise: an operation returns False or None, sets ``error`` where stdio sets the
error indicator, and leaves the errno in ``errno`` for the library's ``nil, message, errno``.
"""

from __future__ import annotations

import errno as errnos
import os
import re
import weakref
from collections.abc import Callable

BUFSIZ = 8192  # glibc's BUFSIZ: LUAL_BUFFERSIZE, the chunk size of Lua's read_line
_BLKSIZE = 4096  # a regular file's buffer size when fstat cannot tell (st_blksize)

_OPEN: weakref.WeakSet[CFile] = weakref.WeakSet()  # every open stream, for fflush(NULL)


def cstr(s: bytes) -> bytes:
    """The C string a Lua string becomes when handed to the C library: up to the first NUL."""
    nul = s.find(b"\0")
    return s if nul < 0 else s[:nul]


def flush_all() -> None:
    """fflush(NULL): write out every open stream's pending output."""
    for f in list(_OPEN):
        f.flush()


class CFile:
    """What the io library needs from a FILE *: byte reads with one character of pushback,
    fgets, fread, fwrite, fflush, fseek/ftell, setvbuf, fclose and the two indicators."""

    def __init__(self, readable: bool, writable: bool) -> None:
        self.readable = readable
        self.writable = writable
        self.rbuf = b""  # read-ahead: rbuf[rpos:] is not consumed yet
        self.rpos = 0
        self.wbuf = bytearray()  # output not yet handed to the system
        self.eof = False
        self.error = False
        self.errno = 0
        self.bufmode = "full"
        self.bufsize = _BLKSIZE
        self.putting = False  # glibc's _IO_CURRENTLY_PUTTING: the buffer holds output
        self.wend_full = False  # whether free buffer space takes output without a flush
        self.closed = False
        _OPEN.add(self)

    # --- the backend: subclasses move bytes ------------------------------------------------

    def _raw_read(self, n: int) -> bytes:
        raise NotImplementedError

    def _raw_write(self, data: bytes) -> None:
        raise NotImplementedError

    def _raw_seek(self, offset: int, whence: int) -> int:
        raise OSError(errnos.ESPIPE, os.strerror(errnos.ESPIPE))

    def _raw_tell(self) -> int:
        return self._raw_seek(0, os.SEEK_CUR)

    def _raw_close(self) -> None:
        pass

    # --- indicators ------------------------------------------------------------------------

    def clearerr(self) -> None:
        self.eof = False
        self.error = False

    def _fail(self, code: int) -> None:
        self.error = True
        self.errno = code

    def _fail_from(self, exc: Exception) -> None:
        """An I/O failure as C reports it: the OS error's errno, or EBADF for a Python stream
        closed under us (ValueError)."""
        if isinstance(exc, OSError):
            self._fail(exc.errno or errnos.EIO)
        else:
            self._fail(errnos.EBADF)

    # --- reading ---------------------------------------------------------------------------

    def _fill(self) -> bool:
        """Underflow: refill the read buffer. False at end of file (sticky, as glibc >= 2.28
        makes it) or on an error. A pending write is flushed first (switch to reading)."""
        if self.eof:
            return False
        if not self.readable:
            self._fail(errnos.EBADF)
            return False
        if self.putting:  # switch to reading: pending output goes out first
            self.putting = False
            if not self._flush_writes():
                return False
        try:
            data = self._raw_read(self.bufsize)
        except (OSError, ValueError) as exc:
            self._fail_from(exc)
            return False
        if not data:
            self.eof = True
            return False
        self.rbuf = data
        self.rpos = 0
        return True

    def getc(self) -> int:
        """The next byte, or -1 at end of file or on an error."""
        if self.rpos >= len(self.rbuf) and not self._fill():
            return -1
        c = self.rbuf[self.rpos]
        self.rpos += 1
        return c

    def ungetc(self, c: int) -> None:
        """Push back the byte just read (ungetc(EOF) does nothing); clears end of file."""
        if c < 0:
            return
        if self.rpos > 0:
            self.rpos -= 1
        else:
            self.rbuf = bytes((c,)) + self.rbuf
        self.eof = False

    def fgets(self, size: int) -> bytes | None:
        """Up to size - 1 bytes, ending after a newline; None when nothing was read (end of
        file) or an error occurred."""
        parts = []
        room = size - 1
        while room > 0:
            if self.rpos >= len(self.rbuf) and not self._fill():
                break
            buf, pos = self.rbuf, self.rpos
            end = buf.find(b"\n", pos, pos + room)
            stop = min(len(buf), pos + room) if end < 0 else end + 1
            parts.append(buf[pos:stop])
            room -= stop - pos
            self.rpos = stop
            if end >= 0:
                break
        if self.error or not parts:
            return None
        return b"".join(parts)

    def read(self, n: int) -> bytes:
        """fread as glibc's _IO_file_xsgetn: buffered bytes first; a request of a buffer's
        size or more is then read straight from the system, after glibc resets the buffer,
        dropping any pending output (a write directly followed by a large read on an update
        stream loses that write, in Lua 5.1 on glibc too); smaller requests refill the
        buffer. Fewer bytes at end of file or on an error."""
        parts = []
        while n > 0:
            avail = len(self.rbuf) - self.rpos
            if avail > 0:
                take = min(avail, n)
                parts.append(self.rbuf[self.rpos:self.rpos + take])
                self.rpos += take
                n -= take
                continue
            block = self.bufsize
            if n < block:
                if not self._fill():
                    break
                continue
            self.wbuf.clear()
            self.putting = False
            count = n - (n % block if block >= 128 else 0)
            try:
                data = self._raw_read(min(count, 1 << 20))
            except (OSError, ValueError) as exc:
                self._fail_from(exc)
                break
            if not data:
                self.eof = True
                break
            parts.append(data)
            n -= len(data)
        return b"".join(parts)

    def _drop_readahead(self) -> None:
        """Switch to writing: give back the bytes read ahead, so the write lands where the
        reading stopped (as glibc does when the stream is seekable)."""
        unread = len(self.rbuf) - self.rpos
        if unread:
            try:
                self._raw_seek(-unread, os.SEEK_CUR)
            except OSError:
                pass
        self.rbuf = b""
        self.rpos = 0

    # --- writing ---------------------------------------------------------------------------

    def write(self, data: bytes) -> bool:
        """fwrite, buffered as glibc's _IO_new_file_xsputn buffers: fill the buffer's free
        space (in line mode up to the last newline, which forces a flush); if bytes remain,
        flush, write whole buffer-sized blocks directly, and keep the rest in the buffer. A
        full buffer is only written out when more output comes. False (EBADF) on a stream
        not open for writing."""
        n = len(data)
        if self.wend_full and self.putting and self.bufmode == "full" and \
                len(self.wbuf) + n <= self.bufsize:
            self.wbuf += data  # fits in the free space: the common case, nothing else to do
            return True
        if not self.writable:
            self._fail(errnos.EBADF)
            return False
        to_do = n
        must_flush = False
        space = 0
        if self.putting and self.bufmode == "line":
            space = self.bufsize - len(self.wbuf)
            if space >= n:
                nl = data.rfind(b"\n")
                if nl >= 0:
                    space = nl + 1
                    must_flush = True
        elif self.putting and self.bufmode == "full" and self.wend_full:
            space = self.bufsize - len(self.wbuf)
        if space > 0:
            take = min(space, to_do)
            self.wbuf += data[:take]
            to_do -= take
        if to_do == 0 and not must_flush:
            return True
        if not self._overflow():
            return False
        block = self.bufsize
        direct = to_do - (to_do % block if block >= 128 else 0)
        if direct:
            start = n - to_do
            try:
                self._raw_write(data[start:start + direct])
            except (OSError, ValueError) as exc:
                self._fail_from(exc)
                return False
            to_do -= direct
        return self._put_rest(data[n - to_do:]) if to_do else True

    def _overflow(self) -> bool:
        """Enter writing mode (giving back read-ahead) and flush the buffer."""
        if not self.putting:
            if self.rbuf:
                self._drop_readahead()
            self.putting = True
            self.wend_full = self.bufmode == "full"
        return self._flush_writes()

    def _put_rest(self, rest: bytes) -> bool:
        """_IO_default_xsputn: what did not go out directly. A fully buffered stream copies
        into its free space; a line-buffered one takes a byte at a time, flushing a full
        buffer before a byte and the buffer after a newline."""
        if self.bufmode == "full":
            while rest:
                space = self.bufsize - len(self.wbuf)
                if space <= 0:
                    if not self._flush_writes():
                        return False
                    continue
                self.wbuf += rest[:space]
                rest = rest[space:]
            return True
        for c in rest:
            if len(self.wbuf) >= self.bufsize and not self._flush_writes():
                return False
            self.wbuf.append(c)
            if (c == 0x0A or self.bufmode == "no") and not self._flush_writes():
                return False
        return True

    def _flush_writes(self) -> bool:
        data = bytes(self.wbuf)
        self.wbuf.clear()
        if not data:
            return True
        # glibc's write end after a write: the whole buffer only for a fully buffered stream
        self.wend_full = self.bufmode == "full"
        try:
            self._raw_write(data)
        except (OSError, ValueError) as exc:
            self._fail_from(exc)
            return False
        return True

    def flush(self) -> bool:
        """fflush: hand pending output to the system."""
        if self.closed:
            return True
        return self._flush_writes()

    # --- positioning -----------------------------------------------------------------------

    def tell(self) -> int | None:
        """ftell, or None with errno set (ESPIPE on pipes and terminals)."""
        try:
            if self.wbuf:
                return self._pending_base() + len(self.wbuf)
            return self._raw_tell() - (len(self.rbuf) - self.rpos)
        except OSError as exc:
            self.errno = exc.errno or errnos.EIO
            return None

    def _pending_base(self) -> int:
        return self._raw_tell()

    def seek(self, offset: int, whence: int) -> bool:
        """fseek: True on success; on failure the stream and its position are unchanged."""
        if self.wbuf and not self._flush_writes():
            return False
        if whence == os.SEEK_CUR:
            offset -= len(self.rbuf) - self.rpos
        try:
            self._raw_seek(offset, whence)
        except OSError as exc:
            self.errno = exc.errno or errnos.EIO
            return False
        except (OverflowError, ValueError):
            self.errno = errnos.EINVAL
            return False
        self.rbuf = b""
        self.rpos = 0
        self.eof = False
        self.putting = False
        return True

    def setvbuf(self, mode: str) -> bool:
        """setvbuf with a NULL buffer, as glibc does it: the size is ignored; 'no' syncs the
        stream and from then on uses a one-byte buffer, which 'full' and 'line' keep."""
        if mode == "no":
            ok = self._flush_writes()
            if self.rbuf:
                self._drop_readahead()
            self.putting = False
            self.bufsize = 1
            if not ok:
                return False
        self.bufmode = mode
        return True

    # --- closing ---------------------------------------------------------------------------

    def close(self) -> bool:
        """fclose: flush, release the descriptor; the stream is closed even on failure."""
        if self.closed:
            return True
        ok = self._flush_writes()
        self.closed = True
        _OPEN.discard(self)
        try:
            self._raw_close()
        except OSError as exc:
            if ok:
                self.errno = exc.errno or errnos.EIO
            ok = False
        return ok

    def __del__(self) -> None:
        """The process exiting (C's exit) flushes and closes what Lua left open."""
        try:
            self.close()
        except Exception:
            pass


class FdFile(CFile):
    """A stream over an operating-system file descriptor (fopen, tmpfile, popen's pipe)."""

    def __init__(self, fd: int, readable: bool, writable: bool, append: bool = False) -> None:
        super().__init__(readable, writable)
        self.fd = fd
        self.append = append
        try:
            size = os.fstat(fd).st_blksize
        except OSError:
            size = 0
        self.bufsize = size if size > 0 else _BLKSIZE

    def _raw_read(self, n: int) -> bytes:
        return os.read(self.fd, n)

    def _raw_write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]

    def _raw_seek(self, offset: int, whence: int) -> int:
        return os.lseek(self.fd, offset, whence)

    def _pending_base(self) -> int:
        # glibc: an append stream's output goes to the end, so ftell counts from there
        if self.append:
            return os.lseek(self.fd, 0, os.SEEK_END)
        return self._raw_tell()

    def _raw_close(self) -> None:
        os.close(self.fd)


def fopen(filename: bytes, mode: bytes) -> FdFile:
    """fopen with glibc's reading of the mode: r, w or a, then up to six letters of which '+'
    (update) and 'x' (exclusive) count and the rest ('b' included) are ignored. Raises
    OSError (EINVAL for a mode that does not start with r, w or a)."""
    mode = cstr(mode)
    first = mode[:1]
    if first == b"r":
        flags, readable, writable = os.O_RDONLY, True, False
    elif first == b"w":
        flags, readable, writable = os.O_WRONLY | os.O_CREAT | os.O_TRUNC, False, True
    elif first == b"a":
        flags, readable, writable = os.O_WRONLY | os.O_CREAT | os.O_APPEND, False, True
    else:
        raise OSError(errnos.EINVAL, os.strerror(errnos.EINVAL))
    for c in mode[1:7]:
        if c == 0x2B:  # '+'
            flags = (flags & ~(os.O_RDONLY | os.O_WRONLY)) | os.O_RDWR
            readable = writable = True
        elif c == 0x78:  # 'x'
            flags |= os.O_EXCL
    fd = os.open(cstr(filename), flags | getattr(os, "O_CLOEXEC", 0), 0o666)
    append = first == b"a"
    if append and not readable:  # glibc positions a write-only append stream at the end
        os.lseek(fd, 0, os.SEEK_END)
    return FdFile(fd, readable, writable, append)


def tmpfile() -> FdFile:
    """tmpfile: an anonymous file opened "w+", removed when closed."""
    import tempfile

    fd, path = tempfile.mkstemp(prefix="lua_")
    os.unlink(path)
    return FdFile(fd, True, True)


class StreamFile(CFile):
    """A standard file over the embedding's Python binary stream, looked up at each use so an
    embedding may replace it (``L.out``, ``L.stdin``, ``L.err``). Output is handed straight
    to the stream (the stream does the buffering, shared with print); input is read ahead
    with ``read1``, as a terminal delivers it."""

    def __init__(self, stream: Callable[[], object], readable: bool, writable: bool,
                 before_read: Callable[[], None] | None = None) -> None:
        super().__init__(readable, writable)
        self.find_stream = stream
        self.before_read = before_read
        self.bufsize = BUFSIZ

    def stream(self) -> object:
        """The current stream; EBADF when there is none (a process without standard files)."""
        s = self.find_stream()
        if s is None:
            raise OSError(errnos.EBADF, os.strerror(errnos.EBADF))
        return s

    def _raw_read(self, n: int) -> bytes:
        if not self.readable:
            raise OSError(errnos.EBADF, os.strerror(errnos.EBADF))
        if self.before_read is not None:
            self.before_read()  # glibc flushes line-buffered output before it waits for input
        s = self.stream()
        read1 = getattr(s, "read1", None)
        data = read1(n) if read1 is not None else s.read(n)  # type: ignore[attr-defined]
        return bytes(data or b"")

    def write(self, data: bytes) -> bool:
        if not self.writable:
            self._fail(errnos.EBADF)
            return False
        if self.rbuf:
            self._drop_readahead()
        try:
            s = self.stream()
            s.write(data)  # type: ignore[attr-defined]
            if self.bufmode == "no" or (self.bufmode == "line" and b"\n" in data):
                s.flush()  # type: ignore[attr-defined]
        except (OSError, ValueError) as exc:
            self._fail_from(exc)
            return False
        return True

    def _raw_write(self, data: bytes) -> None:
        self.stream().write(data)  # type: ignore[attr-defined]

    def flush(self) -> bool:
        if not self.writable:
            return True
        try:
            self.stream().flush()  # type: ignore[attr-defined]
        except (OSError, ValueError) as exc:
            self._fail_from(exc)
            return False
        return True

    def _raw_seek(self, offset: int, whence: int) -> int:
        s = self.stream()
        try:
            seekable = s.seekable()  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            seekable = False
        if not seekable:
            raise OSError(errnos.ESPIPE, os.strerror(errnos.ESPIPE))
        if self.writable:
            s.flush()  # type: ignore[attr-defined]
        return s.seek(offset, whence)  # type: ignore[attr-defined]

    def _raw_close(self) -> None:
        pass  # the embedding owns its streams

    def __del__(self) -> None:
        pass


# --- fscanf("%lf") ------------------------------------------------------------------------------

_SPACE = frozenset(b" \t\n\v\f\r")
_DIGITS = frozenset(b"0123456789")
_XDIGITS = frozenset(b"0123456789abcdefABCDEF")

# The longest prefix strtod converts (the C locale): hexadecimal, decimal, inf[inity], nan.
_STRTOD = re.compile(
    rb"[+-]?(?:"
    rb"(?P<hex>0[xX](?:[0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?)"
    rb"|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
    rb"|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])"
)


# A decimal number after white space, and the bytes that may not follow it for scanf to stop
# exactly there (they could continue it, or make scanf consume more than strtod converts).
_PLAIN_NUMBER = re.compile(rb"[ \t\n\v\f\r]*([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)")
_UNSAFE_AFTER = frozenset(b"0123456789.eExX+-")


def _lower(c: int) -> int:
    return c | 0x20 if 0x41 <= c <= 0x5A else c


def strtod_prefix(text: bytes) -> float | None:
    """strtod on the characters scanf collected: the value of the longest convertible prefix,
    or None when there is none."""
    m = _STRTOD.match(text)
    if m is None:
        return None
    s = m.group()
    if m.group("hex") is not None:
        try:
            return float.fromhex(s.decode())
        except OverflowError:
            return float("-inf") if s.startswith(b"-") else float("inf")
    return float(s)


def _expect(f: CFile, buf: bytearray, letters: bytes) -> bool:
    """scanf's reading of 'nan'/'inf'/'infinity': a mismatching character is consumed."""
    for want in letters:
        c = f.getc()
        if c < 0 or _lower(c) != want:
            return False
        buf.append(c)
    return True


def scan_number(f: CFile) -> float | None:
    """fscanf(f, "%lf") as glibc's vfscanf reads it: skip white space, collect the longest
    run of characters that may still become a number (pushing back only the one character
    that ended it), then convert with strtod. None when the conversion fails; the characters
    read stay consumed, as in C. On a stream not open for reading it fails at once, without
    setting the error indicator (vfscanf's argument check)."""
    if not f.readable:
        return None
    m = _PLAIN_NUMBER.match(f.rbuf, f.rpos)
    if m is not None and m.end() < len(f.rbuf) and f.rbuf[m.end()] not in _UNSAFE_AFTER:
        # fast path: a plain decimal number whose next byte scanf would push back anyway
        f.rpos = m.end()
        return float(m.group(1))
    c = f.getc()
    while c in _SPACE:
        c = f.getc()
    if c < 0:
        return None
    buf = bytearray()
    got_sign = 0
    if c == 0x2B or c == 0x2D:  # '+' '-'
        got_sign = 1
        buf.append(c)
        c = f.getc()
        if c < 0:
            return None
    if _lower(c) == 0x6E:  # 'n': nan
        buf.append(c)
        return strtod_prefix(bytes(buf)) if _expect(f, buf, b"an") else None
    if _lower(c) == 0x69:  # 'i': inf or infinity
        buf.append(c)
        if not _expect(f, buf, b"nf"):
            return None
        c = f.getc()
        if c >= 0 and _lower(c) == 0x69:
            buf.append(c)
            if not _expect(f, buf, b"nity"):
                return None
        else:
            f.ungetc(c)
        return strtod_prefix(bytes(buf))
    exp_char = 0x65  # 'e'
    hexa = got_digit = got_dot = got_e = False
    if c == 0x30:  # '0', maybe 0x
        buf.append(c)
        c = f.getc()
        if c >= 0 and _lower(c) == 0x78:
            buf.append(c)
            hexa = True
            exp_char = 0x70  # 'p'
            c = f.getc()
        else:
            got_digit = True
    while True:
        if c in _DIGITS:
            buf.append(c)
            got_digit = True
        elif hexa and not got_e and c in _XDIGITS:
            buf.append(c)
            got_digit = True
        elif got_e and buf[-1] == exp_char and (c == 0x2B or c == 0x2D):
            buf.append(c)
        elif got_digit and not got_e and c >= 0 and _lower(c) == exp_char:
            buf.append(exp_char)
            got_e = got_dot = True
        elif not got_dot and c == 0x2E:  # '.'
            buf.append(c)
            got_dot = True
        else:
            f.ungetc(c)
            break
        c = f.getc()
        if c < 0:
            break
    if len(buf) == got_sign or (hexa and len(buf) == 2 + got_sign):
        return None
    return strtod_prefix(bytes(buf))
