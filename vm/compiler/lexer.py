"""The Lua 5.1 lexer (llex.c): bytes in, tokens out, with 5.1's error texts and line counting.

Tokens are plain strings: a reserved word (``"while"``), a symbol (``"=="``, ``"+"``), or one of
``<name>``, ``<string>``, ``<number>``, ``<eof>``. Names and strings carry their bytes, numbers a
float. Every byte 0-255 passes through strings unchanged. The lexer is lazy like llex.c, so a
lexical error late in the file is not reported before a syntax error earlier on. Its input can
also arrive in pieces (``StreamLexer``, for load with a reader function): it asks for the next
piece only when it needs a byte past the end of what it has, as llex.c's zio does.
"""

from __future__ import annotations

import re

from vm.chunkid import MAXSRC, chunkid
from vm.errors import LoadError

NAME = "<name>"
STRING = "<string>"
NUMBER = "<number>"
EOS = "<eof>"

RESERVED = frozenset(
    "and break do else elseif end false for function if in local nil not or repeat return then "
    "true until while".split()
)
_RESERVED_BYTES = {w.encode(): w for w in RESERVED}

MAX_INT = 2**31 - 1 - 2  # llimits.h MAX_INT (INT_MAX - 2)

_NAME_RE = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")
_NAME_TAIL = re.compile(rb"[A-Za-z0-9_]*")
_DIGITS_DOTS = re.compile(rb"[0-9.]*")
# llex.c's check_next uses strchr, which also finds the NUL that ends its set: a NUL byte is
# taken as the exponent mark or its sign here, and as a dot after a dot
_NUMERAL_RE = re.compile(rb"[0-9.]+(?:[Ee\0][+\-\0]?)?[A-Za-z0-9_]*")
_DEC_RE = re.compile(rb"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_HEX_RE = re.compile(rb"0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?")
_SPACE_RE = re.compile(rb"[ \t\v\f]+")
_SHORT_STR_RUN = {34: re.compile(rb'[^"\\\n\r]+'), 39: re.compile(rb"[^'\\\n\r]+")}
_LONG_STR_STOP = re.compile(rb"[\[\]\r\n]")
_LINE_REST = re.compile(rb"[^\r\n]*")
_ESCAPES = {97: 7, 98: 8, 102: 12, 110: 10, 114: 13, 116: 9, 118: 11}
_SINGLE = frozenset(b"+-*/%^#(){}[];:,.<>=~")


def str2number(text: bytes) -> float | None:
    """Read a numeral as lobject.c's luaO_str2d does with glibc's strtod (hex floats included)."""
    if _DEC_RE.fullmatch(text):
        return float(text)
    if _HEX_RE.fullmatch(text):
        try:
            return float.fromhex(text.decode("ascii"))
        except OverflowError:
            return float("inf")
    return None


def token_text(token: str) -> bytes:
    """How llex.c's luaX_token2str names a token that has no buffer text."""
    if len(token) == 1:
        c = ord(token)
        if c < 32 or c == 127:
            return b"char(%d)" % c
        return bytes([c])
    return token.encode("latin-1")


class Lexer:
    """Scans one chunk. ``line`` is llex.c's linenumber: the line the scanner has reached."""

    __slots__ = ("src", "pos", "line", "source", "raw", "feed")

    def __init__(self, source: bytes | bytearray, chunkname: bytes, feed=None) -> None:
        self.src = source
        self.pos = 0
        self.line = 1
        self.source = chunkname
        self.raw = b""  # llex.c's buffer: the text of the last name, string or number scanned
        # streamed input: src is a bytearray and feed() the next piece (b"" at the end)
        self.feed = feed

    # --- input ------------------------------------------------------------------------------

    def _more(self) -> bool:
        """Append the next piece of streamed input to src; False at the end of the input."""
        feed = self.feed
        if feed is None:
            return False
        piece = feed()
        if not piece:
            self.feed = None
            return False
        self.src += piece  # a bytearray grows in place: the scanners' ``src`` sees it
        return True

    def _has(self, i: int) -> bool:
        """Whether byte i of the input exists, reading more pieces if it is not here yet."""
        while i >= len(self.src):
            if not self._more():
                return False
        return True

    def _run(self, rx: re.Pattern, pos: int) -> int:
        """Where rx (a run of one character class, possibly empty) matched at pos ends, the
        run continued over further pieces when it reaches the end of what has arrived."""
        end = rx.match(self.src, pos).end()
        while end == len(self.src) and self._more():
            end = rx.match(self.src, end).end()
        return end

    # --- errors -----------------------------------------------------------------------------

    def error(self, msg: str | bytes, token: str | None) -> LoadError:
        """luaX_lexerror: ``chunk:line: msg near 'token'`` (no ``near`` part when token is None)."""
        if isinstance(msg, str):
            msg = msg.encode("latin-1")
        text = chunkid(self.source, MAXSRC) + b":%d: " % self.line + msg
        if token is not None and token != "\0":  # llex.c tests the token code: 0 means none
            if token in (NAME, STRING, NUMBER):
                near = self.raw.split(b"\0", 1)[0]
            else:
                near = token_text(token)
            text += b" near '" + near + b"'"
        return LoadError(text, line=self.line, incomplete=token == EOS)

    # --- scanning ---------------------------------------------------------------------------

    def _newline(self, pos: int) -> int:
        """inclinenumber: skip ``\\n``, ``\\r``, ``\\r\\n`` or ``\\n\\r`` as one line break."""
        src = self.src
        old = src[pos]
        pos += 1
        if (pos < len(src) or self._has(pos)) and src[pos] in (10, 13) and src[pos] != old:
            pos += 1
        self.line += 1
        if self.line >= MAX_INT:
            self.pos = pos
            raise self.error("chunk has too many lines", None)
        return pos

    def _skip_sep(self, pos: int) -> tuple[int, int]:
        """After ``[`` or ``]`` at pos: count ``=`` signs; (count or -count-1, position after)."""
        src = self.src
        s = src[pos]
        pos += 1
        count = 0
        n = len(src)
        while (pos < n or self._has(pos)) and src[pos] == 61:
            pos += 1
            count += 1
        if (pos < n or self._has(pos)) and src[pos] == s:
            return count, pos
        return -count - 1, pos

    def scan(self) -> tuple[str, object]:
        """llex: the next token and its value (bytes for names and strings, float for numbers)."""
        src = self.src
        n = len(src)
        pos = self.pos
        while True:
            if pos >= n:
                if not self._has(pos):
                    self.pos = pos
                    return EOS, None
                n = len(src)
            c = src[pos]
            if c == 10 or c == 13:
                pos = self._newline(pos)
                continue
            if c == 32 or c == 9 or c == 11 or c == 12:
                pos = _SPACE_RE.match(src, pos).end()
                continue
            if c == 45:  # '-'
                if (pos + 1 < n or self._has(pos + 1)) and src[pos + 1] == 45:
                    pos += 2
                    if (pos < n or self._has(pos)) and src[pos] == 91:
                        sep, after = self._skip_sep(pos)
                        if sep >= 0:
                            self.pos = pos
                            pos = self._long_string(after, sep, None)
                            continue
                    pos = self._run(_LINE_REST, pos)
                    continue
                self.pos = pos + 1
                return "-", None
            if 65 <= c <= 90 or 97 <= c <= 122 or c == 95:
                m = _NAME_RE.match(src, pos)
                end = m.end()
                if end == len(src) and self._more():  # streamed: the name may go on
                    end = self._run(_NAME_TAIL, end)
                word = m.group() if end == m.end() else bytes(src[pos:end])
                self.pos = end
                self.raw = word
                reserved = _RESERVED_BYTES.get(word)
                if reserved is not None:
                    return reserved, None
                return NAME, word
            if 48 <= c <= 57:
                return NUMBER, self._numeral(pos)
            if c == 34 or c == 39:
                return STRING, self._short_string(pos, c)
            if c == 91:  # '['
                sep, after = self._skip_sep(pos)
                if sep >= 0:
                    self.pos = pos
                    value: list[bytes] = []
                    self.pos = self._long_string(after, sep, value)
                    return STRING, value[0]
                if sep == -1:
                    self.pos = pos + 1
                    return "[", None
                self.pos = after
                self.raw = src[pos:after]
                raise self.error("invalid long string delimiter", STRING)
            if c == 46:  # '.'
                if (pos + 1 < n or self._has(pos + 1)) and src[pos + 1] in (46, 0):
                    if (pos + 2 < n or self._has(pos + 2)) and src[pos + 2] in (46, 0):
                        self.pos = pos + 3
                        return "...", None
                    self.pos = pos + 2
                    return "..", None
                if (pos + 1 < n or self._has(pos + 1)) and 48 <= src[pos + 1] <= 57:
                    return NUMBER, self._numeral(pos)
                self.pos = pos + 1
                return ".", None
            if c in (61, 60, 62, 126):  # = < > ~
                if (pos + 1 < n or self._has(pos + 1)) and src[pos + 1] == 61:
                    self.pos = pos + 2
                    return ("==", "<=", ">=", "~=")[(61, 60, 62, 126).index(c)], None
                self.pos = pos + 1
                return chr(c), None
            self.pos = pos + 1
            return chr(c), None

    def _numeral(self, pos: int) -> float:
        """read_numeral: digits and dots, an optional exponent sign, then letters and digits."""
        m = _NUMERAL_RE.match(self.src, pos)
        text = m.group()
        end = m.end()
        if end == len(self.src) and self.feed is not None:  # streamed: it may go on
            end = self._run(_DIGITS_DOTS, pos)
            if self._has(end) and self.src[end] in b"Ee\0":
                end += 1
                if self._has(end) and self.src[end] in b"+-\0":
                    end += 1
            end = self._run(_NAME_TAIL, end)
            text = bytes(self.src[pos:end])
        self.pos = end
        self.raw = text
        value = str2number(text.split(b"\0", 1)[0])
        if value is None:
            raise self.error("malformed number", NUMBER)
        return value

    def _short_string(self, pos: int, delim: int) -> bytes:
        """read_string: a quoted string with 5.1's escapes (``\\ddd`` up to 255, escaped newline)."""
        src = self.src
        n = len(src)
        run = _SHORT_STR_RUN[delim]
        out = bytearray()
        pos += 1
        while True:
            if pos >= n:
                if not self._has(pos):
                    self.pos = pos
                    self.raw = bytes([delim]) + bytes(out)
                    raise self.error("unfinished string", EOS)
                n = len(src)
            c = src[pos]
            if c == delim:
                break
            if c == 10 or c == 13:
                self.pos = pos
                self.raw = bytes([delim]) + bytes(out)
                raise self.error("unfinished string", STRING)
            if c == 92:  # backslash
                pos += 1
                if pos >= n:
                    if not self._has(pos):
                        continue  # unfinished string, reported next round
                    n = len(src)
                e = src[pos]
                esc = _ESCAPES.get(e)
                if esc is not None:
                    out.append(esc)
                    pos += 1
                elif e == 10 or e == 13:
                    out.append(10)
                    pos = self._newline(pos)
                elif 48 <= e <= 57:
                    value = 0
                    i = 0
                    while i < 3 and (pos < n or self._has(pos)) and 48 <= src[pos] <= 57:
                        value = value * 10 + src[pos] - 48
                        pos += 1
                        i += 1
                    if value > 255:
                        self.pos = pos
                        self.raw = bytes([delim]) + bytes(out)
                        raise self.error("escape sequence too large", STRING)
                    out.append(value)
                else:
                    out.append(e)
                    pos += 1
                continue
            m = run.match(src, pos)
            out += m.group()
            pos = m.end()
        self.pos = pos + 1
        value = bytes(out)
        self.raw = bytes([delim]) + value + bytes([delim])
        return value

    def _long_string(self, pos: int, sep: int, value: list[bytes] | None) -> int:
        """read_long_string from just after the second ``[``; a comment when value is None."""
        src = self.src
        n = len(src)
        pos += 1
        if (pos < n or self._has(pos)) and src[pos] in (10, 13):
            pos = self._newline(pos)
        parts: list[bytes] = []
        start = pos
        while True:
            m = _LONG_STR_STOP.search(src, pos)
            if m is None:
                n = len(src)
                if self._more():
                    pos = n
                    continue
                self.pos = n
                raise self.error("unfinished long string" if value is not None else
                                 "unfinished long comment", EOS)
            at = m.start()
            c = src[at]
            if c == 10 or c == 13:
                parts.append(src[start:at])
                parts.append(b"\n")
                pos = self._newline(at)
                start = pos
            elif c == 93:  # ']'
                s, after = self._skip_sep(at)
                if s == sep:
                    parts.append(src[start:at])
                    if value is not None:
                        body = b"".join(parts)
                        eq = b"=" * sep
                        self.raw = b"[" + eq + b"[" + body + b"]" + eq + b"]"
                        value.append(body)
                    return after + 1
                pos = after
            else:  # '['
                s, after = self._skip_sep(at)
                if s == sep:
                    if sep == 0:
                        self.pos = after + 1
                        raise self.error("nesting of [[...]] is deprecated", "[")
                    pos = after + 1
                else:
                    pos = after


class StreamLexer(Lexer):
    """A lexer over input that arrives in pieces (``feed``): like llex.c, it has always read the
    byte after the token it returned (its ``current``), and no further."""

    __slots__ = ()

    def __init__(self, first: bytes, chunkname: bytes, feed) -> None:
        super().__init__(bytearray(first), chunkname, feed)

    def scan(self) -> tuple[str, object]:
        token = Lexer.scan(self)
        self._has(self.pos)
        return token

    def error(self, msg: str | bytes, token: str | None) -> LoadError:
        self._has(self.pos)
        return Lexer.error(self, msg, token)

    def text(self) -> bytes:
        """Everything read so far."""
        return bytes(self.src)
