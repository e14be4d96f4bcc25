"""Redis's HyperLogLog for the embedded keyspace (hyperloglog.c): PFADD, PFCOUNT, PFMERGE.

fakeredis keeps a set of the exact members (TYPE says set, PFCOUNT is exact, GET refused). Here
the value is Redis's string, byte for byte: the 16-byte header (``HYLL``, the encoding, the
cached cardinality whose top bit marks it stale), then the sparse opcodes (ZERO, XZERO, VAL)
edited in place as hllSparseSet edits them, or the 16384 six-bit dense registers once a value
passes 32 or the string 3000 bytes; MurmurHash64A picks the register; PFCOUNT is Ertl's
estimator that Redis uses, and caches its answer in the header as Redis does.
"""

from __future__ import annotations

import math

P = 14
Q = 64 - P
REGISTERS = 1 << P
P_MASK = REGISTERS - 1
HDR = 16
DENSE_SIZE = HDR + (REGISTERS * 6 + 7) // 8
DENSE, SPARSE = 0, 1
SPARSE_MAX_BYTES = 3000  # hll-sparse-max-bytes
VAL_MAX_VALUE, VAL_MAX_LEN, ZERO_MAX_LEN = 32, 4, 64
ALPHA_INF = 0.721347520444481703680
_M64 = (1 << 64) - 1
INVALID = b"WRONGTYPE Key is not a valid HyperLogLog string value."


def murmur64a(data: bytes, seed: int = 0xADC83B19) -> int:
    """MurmurHash64A as Redis compiles it on a little-endian machine."""
    m, r = 0xC6A4A7935BD1E995, 47
    h = (seed ^ (len(data) * m)) & _M64
    tail = len(data) - (len(data) & 7)
    for i in range(0, tail, 8):
        k = int.from_bytes(data[i:i + 8], "little")
        k = (k * m) & _M64
        k ^= k >> r
        k = (k * m) & _M64
        h ^= k
        h = (h * m) & _M64
    rest = data[tail:]
    if rest:
        for i in range(len(rest) - 1, -1, -1):
            h ^= rest[i] << (8 * i)
        h = (h * m) & _M64
    h ^= h >> r
    h = (h * m) & _M64
    h ^= h >> r
    return h


def pattern(element: bytes) -> tuple[int, int]:
    """hllPatLen: the register and the run of zeros (plus one) after its bits."""
    h = murmur64a(element)
    index = h & P_MASK
    h = (h >> P) | (1 << Q)
    count = 1
    while not h & (1 << (count - 1)):
        count += 1
    return index, count


def empty() -> bytearray:
    """createHLLObject: a sparse HLL, one XZERO over every register, cache valid at 0."""
    return bytearray(b"HYLL\x01\x00\x00\x00" + bytes(8) + bytes([0x40 | ((REGISTERS - 1) >> 8),
                                                                  (REGISTERS - 1) & 0xFF]))


def valid(value: bytes) -> bool:
    """isHLLObjectOrReply's checks on the string."""
    return (len(value) >= HDR and value[:4] == b"HYLL" and value[4] <= SPARSE
            and (value[4] != DENSE or len(value) == DENSE_SIZE))


def invalidate(hll: bytearray) -> None:
    hll[15] |= 0x80


# ---- registers ------------------------------------------------------------------------------

def _dense_get(hll: bytearray, reg: int) -> int:
    bit = reg * 6
    byte, fb = HDR + bit // 8, bit & 7
    b1 = hll[byte + 1] if byte + 1 < len(hll) else 0
    return ((hll[byte] >> fb) | (b1 << (8 - fb))) & 63


def dense_set(hll: bytearray, reg: int, value: int) -> int:
    """hllDenseSet: 1 when the register grew."""
    if value <= _dense_get(hll, reg):
        return 0
    bit = reg * 6
    byte, fb = HDR + bit // 8, bit & 7
    hll[byte] = (hll[byte] & ~(63 << fb) & 0xFF) | ((value << fb) & 0xFF)
    if byte + 1 < len(hll):
        fb8 = 8 - fb
        hll[byte + 1] = (hll[byte + 1] & ~(63 >> fb8) & 0xFF) | (value >> fb8)
    return 1


def _opcodes(hll: bytes) -> list[tuple[str, int, int]] | None:
    """The sparse opcodes as (kind, value, run length), or None for a corrupt string."""
    out: list[tuple[str, int, int]] = []
    p, end, total = HDR, len(hll), 0
    while p < end:
        b = hll[p]
        if b & 0x80:
            out.append(("val", ((b >> 2) & 0x1F) + 1, (b & 3) + 1))
            p += 1
        elif b & 0x40:
            if p + 1 >= end:
                return None
            out.append(("zero", 0, (((b & 0x3F) << 8) | hll[p + 1]) + 1))
            p += 2
        else:
            out.append(("zero", 0, (b & 0x3F) + 1))
            p += 1
        total += out[-1][2]
    return out if total == REGISTERS else None


def registers(hll: bytes) -> list[int] | None:
    """Every register's value (None: a corrupt HLL)."""
    if hll[4] == DENSE:
        h = bytearray(hll)
        return [_dense_get(h, i) for i in range(REGISTERS)]
    ops = _opcodes(hll)
    if ops is None:
        return None
    out: list[int] = []
    for _, value, run in ops:
        out += [value] * run
    return out


def to_dense(hll: bytearray) -> bytearray | None:
    """hllSparseToDense: the header kept (the cache with it), the encoding now dense."""
    if hll[4] == DENSE:
        return hll
    regs = registers(hll)
    if regs is None:
        return None
    dense = bytearray(hll[:HDR]) + bytearray(DENSE_SIZE - HDR)
    dense[4] = DENSE
    for i, v in enumerate(regs):
        if v:
            dense_set(dense, i, v)
    return dense


def _val(value: int, run: int) -> int:
    return 0x80 | ((value - 1) << 2) | (run - 1)


def _zero_run(run: int) -> bytes:
    return bytes([(run - 1) >> 8 | 0x40, (run - 1) & 0xFF]) if run > ZERO_MAX_LEN else bytes([run - 1])


def sparse_set(hll: bytearray, index: int, count: int) -> tuple[bytearray, int] | None:
    """hllSparseSet: (the HLL, perhaps now dense, and 1 when it changed), None if corrupt."""
    if count > VAL_MAX_VALUE:
        return _promote(hll, index, count)
    p, end, first, prev, span = HDR, len(hll), 0, -1, 0
    while p < end:
        b = hll[p]
        oplen = 1
        if not b & 0xC0:
            span = (b & 0x3F) + 1
        elif b & 0x80:
            span = (b & 3) + 1
        else:
            span = (((b & 0x3F) << 8) | hll[p + 1]) + 1 if p + 1 < end else 0
            oplen = 2
        if index <= first + span - 1:
            break
        prev, p, first = p, p + oplen, first + span
    if span == 0 or p >= end:
        return None
    b = hll[p]
    is_xzero = bool(b & 0x40) and not b & 0x80
    is_zero = not b & 0xC0
    runlen = span
    updated = False
    if b & 0x80:  # VAL
        if ((b >> 2) & 0x1F) + 1 >= count:
            return hll, 0
        if runlen == 1:
            hll[p] = _val(count, 1)
            updated = True
    elif is_zero and runlen == 1:
        hll[p] = _val(count, 1)
        updated = True
    if not updated:
        last = first + span - 1
        seq = bytearray()
        if is_zero or is_xzero:
            if index != first:
                seq += _zero_run(index - first)
            seq.append(_val(count, 1))
            if index != last:
                seq += _zero_run(last - index)
        else:
            cur = ((b >> 2) & 0x1F) + 1
            if index != first:
                seq.append(_val(cur, index - first))
            seq.append(_val(count, 1))
            if index != last:
                seq.append(_val(cur, last - index))
        oldlen = 2 if is_xzero else 1
        if len(seq) - oldlen > 0 and len(hll) + len(seq) - oldlen > SPARSE_MAX_BYTES:
            return _promote(hll, index, count)
        hll[p:p + oldlen] = seq
    # step 4: merge adjacent VAL opcodes of the same value, up to 5 opcodes from prev
    p = prev if prev >= 0 else HDR
    scan = 5
    while p < len(hll) and scan:
        scan -= 1
        b = hll[p]
        if not b & 0x80:
            p += 2 if b & 0x40 else 1
            continue
        if p + 1 < len(hll) and hll[p + 1] & 0x80:
            n = hll[p + 1]
            v1, v2 = ((b >> 2) & 0x1F) + 1, ((n >> 2) & 0x1F) + 1
            if v1 == v2 and (b & 3) + (n & 3) + 2 <= VAL_MAX_LEN:
                hll[p + 1] = _val(v1, (b & 3) + (n & 3) + 2)
                del hll[p]
                continue
        p += 1
    invalidate(hll)
    return hll, 1


def _promote(hll: bytearray, index: int, count: int) -> tuple[bytearray, int] | None:
    dense = to_dense(hll)
    if dense is None:
        return None
    dense_set(dense, index, count)
    return dense, 1


def add(hll: bytearray, element: bytes) -> tuple[bytearray, int] | None:
    """hllAdd: the element's register raised, in the sparse or the dense form."""
    index, count = pattern(element)
    if hll[4] == DENSE:
        return hll, dense_set(hll, index, count)
    return sparse_set(hll, index, count)


# ---- counting ---------------------------------------------------------------------------------

def _sigma(x: float) -> float:
    if x == 1.0:
        return math.inf
    y, z = 1.0, x
    while True:
        x *= x
        z_prime = z
        z += x * y
        y += y
        if z_prime == z:
            return z


def _tau(x: float) -> float:
    if x in (0.0, 1.0):
        return 0.0
    y, z = 1.0, 1 - x
    while True:
        x = math.sqrt(x)
        z_prime = z
        y *= 0.5
        z -= math.pow(1 - x, 2) * y
        if z_prime == z:
            return z / 3


def count(regs: list[int]) -> int:
    """hllCount: Ertl's estimator from the registers' histogram, rounded as llroundl."""
    m = float(REGISTERS)
    histo = [0] * 64
    for v in regs:
        histo[v] += 1
    z = m * _tau((m - histo[Q + 1]) / m)
    for j in range(Q, 0, -1):
        z += histo[j]
        z *= 0.5
    z += m * _sigma(histo[0] / m)
    e = ALPHA_INF * m * m / z
    return int(math.floor(e + 0.5))


def cached(hll: bytes) -> int | None:
    """The cardinality the header caches, None when it is marked stale."""
    return None if hll[15] & 0x80 else int.from_bytes(hll[8:16], "little")


def cache(hll: bytearray, card: int) -> None:
    hll[8:16] = card.to_bytes(8, "little")
