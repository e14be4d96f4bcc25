"""Redis's argument splitting (sds.c's sdssplitargs): how redis-cli reads a command line and how
EVAL reads a script's shebang line.

Tokens are separated by blanks; ``"double quotes"`` take the escapes ``\\n \\r \\t \\b \\a \\xHH``
and ``\\<any>``; ``'single quotes'`` take only ``\\'``. A closing quote must be followed by a blank
or the end; an unterminated quote is an error. The line is a C string: it ends at a NUL.
"""

from __future__ import annotations

_SPACE = b" \t\n\v\f\r"  # C's isspace() in the "C" locale
_TOKEN_END = b" \n\r\t"
_HEX = b"0123456789abcdefABCDEF"
_ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("a"): 7}


def split_args(line: bytes) -> list[bytes] | None:
    """The tokens of line, or None when its quotes are unbalanced (sdssplitargs's NULL)."""
    nul = line.find(b"\0")
    s = line if nul < 0 else line[:nul]
    n = len(s)
    p = 0
    out: list[bytes] = []
    while True:
        while p < n and s[p] in _SPACE:
            p += 1
        if p >= n:
            return out
        cur = bytearray()
        quote = 0  # the quote character we are inside, if any
        while True:
            c = s[p] if p < n else 0
            nxt = s[p + 1] if p + 1 < n else 0
            if quote == 0x22 and c == 0x5C and nxt == 0x78 and p + 3 < n and s[p + 2] in _HEX \
                    and s[p + 3] in _HEX:
                cur.append(int(s[p + 2:p + 4], 16))
                p += 3
            elif quote == 0x22 and c == 0x5C and nxt:
                p += 1
                cur.append(_ESCAPES.get(s[p], s[p]))
            elif quote == 0x27 and c == 0x5C and nxt == 0x27:
                p += 1
                cur.append(0x27)
            elif quote and c == quote:
                if nxt and nxt not in _SPACE:  # a closing quote ends the token
                    return None
                p += 1
                break
            elif quote and not c:  # unterminated quotes
                return None
            elif quote:
                cur.append(c)
            elif not c or c in _TOKEN_END:
                if c:
                    p += 1
                break
            elif c == 0x22 or c == 0x27:
                quote = c
            else:
                cur.append(c)
            p += 1
        out.append(bytes(cur))
