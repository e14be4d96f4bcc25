"""Child processes for io.popen and os.execute: ``/bin/sh -c command``, as glibc's popen and
system start them.

The child writes straight to the embedding's output when that stream has a descriptor (the
terminal, a file). When it has none (a BytesIO in tests, the debugger's output pane), the
child's output goes to a temporary file that is copied into the stream once the child is done,
so a command's output lands where print's does.
"""

from __future__ import annotations

import errno as errnos
import os
import signal
import tempfile

from vm.lib.stdio import FdFile, cstr

SHELL = "/bin/sh"


class _Capture:
    """A temporary file standing in for a stream without a descriptor."""

    def __init__(self, stream: object) -> None:
        self.stream = stream
        self.fd, path = tempfile.mkstemp(prefix="lua_out_")
        os.unlink(path)

    def finish(self) -> None:
        """Copy what the child wrote into the stream and release the file."""
        try:
            os.lseek(self.fd, 0, os.SEEK_SET)
            while chunk := os.read(self.fd, 65536):
                self.stream.write(chunk)  # type: ignore[attr-defined]
            self.stream.flush()  # type: ignore[attr-defined]
        except (AttributeError, OSError, ValueError):
            pass
        finally:
            os.close(self.fd)


def _target(stream: object, std_fd: int) -> tuple[int, _Capture | None]:
    """The descriptor a child's fd std_fd should be: the stream's own, or a capture file."""
    try:
        return stream.fileno(), None  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        pass
    cap = _Capture(stream)
    return cap.fd, cap


# Python ignores these for itself; a child must get them back at their defaults, as lua5.1's
# children have them (else `yes | head -1` ends with yes's "Broken pipe" message, not SIGPIPE)
_DEFAULT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGPIPE", "SIGXFSZ") if hasattr(signal, name))


def _spawn(command: bytes, redirect: list[tuple[int, int]]) -> int:
    actions = [(os.POSIX_SPAWN_DUP2, src, dst) for src, dst in redirect if src != dst]
    return os.posix_spawn(SHELL, [b"sh", b"-c", cstr(command)], os.environ, file_actions=actions,
                          setsigdef=_DEFAULT_SIGNALS)


def system(command: bytes | None, out: object, err: object) -> int:
    """system(): the raw wait status (exit code times 256, or the signal number); with no
    command, whether a shell is available (1) or not (0)."""
    if command is None:
        return 1 if os.access(SHELL, os.X_OK) else 0
    out_fd, out_cap = _target(out, 1)
    err_fd, err_cap = _target(err, 2)
    try:
        try:
            pid = _spawn(command, [(out_fd, 1), (err_fd, 2)])
        except OSError:
            return 127 << 8  # the shell could not be run
        while True:
            try:
                return os.waitpid(pid, 0)[1]
            except InterruptedError:
                continue
            except ChildProcessError:
                return -1
    finally:
        for cap in (out_cap, err_cap):
            if cap is not None:
                cap.finish()


class PipeFile(FdFile):
    """A popen stream: closing it waits for the child (pclose)."""

    def __init__(self, fd: int, reading: bool, pid: int, captures: list[_Capture]) -> None:
        super().__init__(fd, reading, not reading)
        self.pid = pid
        self.captures = captures

    def close(self) -> bool:
        """pclose: close our end, wait for the child; Lua only asks whether waiting worked."""
        if self.closed:
            return True
        super().close()
        ok = True
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            self.errno = errnos.ECHILD
            ok = False
        for cap in self.captures:
            cap.finish()
        self.captures = []
        return ok


def popen(command: bytes, mode: bytes, out: object, err: object) -> PipeFile:
    """popen with glibc's modes: 'r' or 'w' (and 'e'), exactly one direction. Raises OSError
    (EINVAL for any other mode)."""
    mode = cstr(mode)
    reading = writing = False
    for c in mode:
        if c == 0x72:  # 'r'
            reading = True
        elif c == 0x77:  # 'w'
            writing = True
        elif c != 0x65:  # 'e'
            reading = writing = False
            break
    if reading == writing:
        raise OSError(errnos.EINVAL, os.strerror(errnos.EINVAL))
    rfd, wfd = os.pipe()
    captures: list[_Capture] = []
    try:
        err_fd, err_cap = _target(err, 2)
        if err_cap is not None:
            captures.append(err_cap)
        if reading:
            redirect = [(wfd, 1), (err_fd, 2)]
        else:
            out_fd, out_cap = _target(out, 1)
            if out_cap is not None:
                captures.append(out_cap)
            redirect = [(rfd, 0), (out_fd, 1), (err_fd, 2)]
        pid = _spawn(command, redirect)
    except BaseException:
        os.close(rfd)
        os.close(wfd)
        for cap in captures:
            cap.finish()
        raise
    if reading:
        os.close(wfd)
        return PipeFile(rfd, True, pid, captures)
    os.close(rfd)
    return PipeFile(wfd, False, pid, captures)
