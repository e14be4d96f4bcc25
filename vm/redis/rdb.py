"""FUNCTION DUMP and FUNCTION RESTORE payloads, byte for byte as Redis 7.0 writes and reads them.

A payload is the functions part of an RDB file (rdb.c's rdbSaveFunctions): for each library the
opcode RDB_OPCODE_FUNCTION2 (245) and its code as an RDB string; then the RDB version (10, two
bytes little-endian) and the CRC-64 (Jones polynomial, as crc64.c) of everything before it,
eight bytes little-endian (cluster.c's verifyDumpPayload checks both).

RDB strings (rdbSaveRawString): a length (rdbSaveLen's 6-bit, 14-bit, 32-bit or 64-bit forms)
and the bytes, or, when it is longer than 20 bytes and LZF makes it smaller, the LZF form
(0xC3, compressed length, original length, the compressed bytes). The compressor below follows
liblzf 3.6 as Redis builds it (HLOG 16, VERY_FAST), so the bytes are Redis's; the reader also
takes integer-encoded strings and the 7.0-rc opcode 246 (name, engine, description, code).
"""

from __future__ import annotations

from vm.redis.commands import string2ll

RDB_VERSION = 10
OPCODE_FUNCTION2 = 245
OPCODE_FUNCTION_RC = 246
_ENC_LZF = 0xC3


class PayloadError(Exception):
    """A payload FUNCTION RESTORE refuses; ``message`` is the text after ``ERR``."""

    def __init__(self, message: bytes) -> None:
        super().__init__(message.decode("utf-8", "replace"))
        self.message = message


# ---- CRC-64 (Jones, reflected) ---------------------------------------------------------------

def _crc_table() -> list[int]:
    poly = 0x95AC9329AC4BC9B5  # 0xad93d23594c935a9 reflected
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ poly if c & 1 else c >> 1
        table.append(c)
    return table


_CRC_TABLE = _crc_table()


def crc64(data: bytes, crc: int = 0) -> int:
    table = _CRC_TABLE
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc


# ---- LZF -------------------------------------------------------------------------------------

_MAX_LIT = 32
_MAX_OFF = 1 << 13
_MAX_REF = (1 << 8) + (1 << 3)


def _idx(h: int) -> int:
    """IDX for HLOG 16 and VERY_FAST, in 32-bit unsigned arithmetic."""
    return ((h >> 8) - h * 5) & 0xFFFF


def lzf_compress(data: bytes, out_len: int) -> bytes | None:
    """lzf_compress: the compressed form if it fits in out_len bytes, else None."""
    d = data
    n = len(d)
    if not n or not out_len:
        return None
    out = bytearray(out_len + 64)
    htab: dict[int, int] = {}
    op = 1  # start a literal run: its header is out[op - lit - 1]
    lit = 0
    ip = 0
    hval = (d[0] << 8) | (d[1] if n > 1 else 0)
    while ip < n - 2:
        hval = ((hval << 8) | d[ip + 2]) & 0xFFFFFFFF
        slot = _idx(hval)
        ref = htab.get(slot)
        htab[slot] = ip
        if (ref is not None and ip - ref - 1 < _MAX_OFF and ref > 0 and d[ref + 2] == d[ip + 2]
                and d[ref] == d[ip] and d[ref + 1] == d[ip + 1]):
            off = ip - ref - 1
            length = 2
            maxlen = min(n - ip - length, _MAX_REF)
            if op + 4 >= out_len and op - (lit == 0) + 4 >= out_len:
                return None
            out[op - lit - 1] = (lit - 1) & 0xFF  # stop the run
            op -= lit == 0  # no literals: drop the run
            unrolled_broke = False
            if maxlen > 16:
                for _ in range(16):
                    length += 1
                    if d[ref + length] != d[ip + length]:
                        unrolled_broke = True
                        break
            if not unrolled_broke:
                while True:
                    length += 1
                    if not (length < maxlen and d[ref + length] == d[ip + length]):
                        break
            length -= 2  # the format stores the match length less 2
            ip += 1
            if length < 7:
                out[op] = (off >> 8) + (length << 5)
                op += 1
            else:
                out[op] = (off >> 8) + (7 << 5)
                out[op + 1] = length - 7
                op += 2
            out[op] = off & 0xFF
            op += 1
            lit = 0
            op += 1  # start a run
            ip += length + 1
            if ip >= n - 2:
                break
            ip -= 2
            hval = (d[ip] << 8) | d[ip + 1]
            for _ in range(2):
                hval = ((hval << 8) | d[ip + 2]) & 0xFFFFFFFF
                htab[_idx(hval)] = ip
                ip += 1
        else:
            if op >= out_len:
                return None
            lit += 1
            out[op] = d[ip]
            op += 1
            ip += 1
            if lit == _MAX_LIT:
                out[op - lit - 1] = lit - 1
                lit = 0
                op += 1
    if op + 3 > out_len:
        return None
    while ip < n:
        lit += 1
        out[op] = d[ip]
        op += 1
        ip += 1
        if lit == _MAX_LIT:
            out[op - lit - 1] = lit - 1
            lit = 0
            op += 1
    out[op - lit - 1] = (lit - 1) & 0xFF
    op -= lit == 0
    return bytes(out[:op])


def lzf_decompress(data: bytes, out_len: int) -> bytes | None:
    """lzf_decompress with CHECK_INPUT: the original bytes, or None when the data is bad or
    does not decompress to exactly out_len bytes."""
    out = bytearray()
    ip = 0
    n = len(data)
    while ip < n:
        ctrl = data[ip]
        ip += 1
        if ctrl < 32:
            ctrl += 1
            if len(out) + ctrl > out_len or ip + ctrl > n:
                return None
            out += data[ip:ip + ctrl]
            ip += ctrl
            continue
        length = ctrl >> 5
        back = ((ctrl & 0x1F) << 8) + 1
        if ip >= n:
            return None
        if length == 7:
            length += data[ip]
            ip += 1
            if ip >= n:
                return None
        back += data[ip]
        ip += 1
        length += 2
        if len(out) + length > out_len or back > len(out):
            return None
        start = len(out) - back
        for i in range(length):  # the areas may overlap: byte by byte
            out.append(out[start + i])
    return bytes(out) if len(out) == out_len else None


# ---- RDB strings ------------------------------------------------------------------------------

def _save_len(n: int) -> bytes:
    if n < 1 << 6:
        return bytes([n])
    if n < 1 << 14:
        return bytes([((n >> 8) & 0xFF) | 0x40, n & 0xFF])
    if n <= 0xFFFFFFFF:
        return b"\x80" + n.to_bytes(4, "big")
    return b"\x81" + n.to_bytes(8, "big")


def _int_encoding(s: bytes) -> bytes | None:
    """rdbTryIntegerEncoding: a decimal integer that prints back the same, as 1, 2 or 4 bytes."""
    v = string2ll(s) if len(s) <= 11 else None
    if v is None or b"%d" % v != s:
        return None
    if -(1 << 7) <= v < 1 << 7:
        return bytes([0xC0]) + (v & 0xFF).to_bytes(1, "little")
    if -(1 << 15) <= v < 1 << 15:
        return bytes([0xC1]) + (v & 0xFFFF).to_bytes(2, "little")
    if -(1 << 31) <= v < 1 << 31:
        return bytes([0xC2]) + (v & 0xFFFFFFFF).to_bytes(4, "little")
    return None


def save_string(s: bytes) -> bytes:
    """rdbSaveRawString with rdbcompression on (Redis's default)."""
    if len(s) <= 11:
        enc = _int_encoding(s)
        if enc is not None:
            return enc
    if len(s) > 20:
        packed = lzf_compress(s, len(s) - 4)
        if packed is not None:
            return bytes([_ENC_LZF]) + _save_len(len(packed)) + _save_len(len(s)) + packed
    return _save_len(len(s)) + s


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes | None:
        if self.pos + n > len(self.data):
            return None
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def length(self) -> tuple[int, bool] | None:
        """rdbLoadLenByRef: (length or encoding, is_encoded)."""
        head = self.take(1)
        if head is None:
            return None
        kind = head[0] >> 6
        if kind == 0:
            return head[0] & 0x3F, False
        if kind == 1:
            low = self.take(1)
            return (((head[0] & 0x3F) << 8) | low[0], False) if low is not None else None
        if kind == 3:
            return head[0] & 0x3F, True
        if head[0] == 0x80:
            raw = self.take(4)
        elif head[0] == 0x81:
            raw = self.take(8)
        else:
            return None
        return (int.from_bytes(raw, "big"), False) if raw is not None else None

    def string(self) -> bytes | None:
        """rdbGenericLoadStringObject: plain, integer-encoded or LZF."""
        got = self.length()
        if got is None:
            return None
        n, encoded = got
        if not encoded:
            return self.take(n)
        if n in (0, 1, 2):
            raw = self.take(1 << n)
            return None if raw is None else b"%d" % int.from_bytes(raw, "little", signed=True)
        if n == 3:
            clen = self.length()
            ulen = self.length()
            if clen is None or ulen is None or clen[1] or ulen[1]:
                return None
            packed = self.take(clen[0])
            return None if packed is None else lzf_decompress(packed, ulen[0])
        return None


def dump_functions(codes: list[bytes]) -> bytes:
    """FUNCTION DUMP's payload for the libraries' codes."""
    body = b"".join(bytes([OPCODE_FUNCTION2]) + save_string(code) for code in codes)
    body += RDB_VERSION.to_bytes(2, "little")
    return body + crc64(body).to_bytes(8, "little")


def read_function_payload(data: bytes) -> list[bytes]:
    """The library codes of a FUNCTION RESTORE payload, as rdbFunctionLoad reads them; raises
    PayloadError with Redis's text."""
    if len(data) < 10:
        raise PayloadError(b"DUMP payload version or checksum are wrong")
    footer = data[-10:]
    if int.from_bytes(footer[:2], "little") > RDB_VERSION or \
            crc64(data[:-8]).to_bytes(8, "little") != footer[2:]:
        raise PayloadError(b"DUMP payload version or checksum are wrong")
    r = _Reader(data)
    codes = []
    while len(data) - r.pos > 10:
        kind = r.take(1)
        if kind is None:
            raise PayloadError(b"can not read data type")
        if kind[0] == OPCODE_FUNCTION_RC:
            name = r.string()
            if name is None:
                raise PayloadError(b"Failed loading library name")
            engine = r.string()
            if engine is None:
                raise PayloadError(b"Failed loading engine name")
            has_desc = r.length()
            if has_desc is None:
                raise PayloadError(b"Failed loading library description indicator")
            if has_desc[0] and r.string() is None:
                raise PayloadError(b"Failed loading library description")
            blob = r.string()
            if blob is None:
                raise PayloadError(b"Failed loading library blob")
            codes.append(b"#!%s name=%s\n%s" % (engine, name, blob))
        elif kind[0] == OPCODE_FUNCTION2:
            code = r.string()
            if code is None:
                raise PayloadError(b"Failed loading library payload")
            codes.append(code)
        else:
            raise PayloadError(b"given type is not a function")
    return codes
