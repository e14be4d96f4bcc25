"""Redis's geo commands for the embedded keyspace (geo.c, geohash.c, geohash_helper.c), on the
sorted set that holds them: GEOADD, GEOPOS, GEODIST, GEOHASH, and the searches (GEORADIUS,
GEORADIUSBYMEMBER and their _RO forms, GEOSEARCH, GEOSEARCHSTORE).

fakeredis stores a geohash string as the member's score (ZRANGE WITHSCORES shows
``sqc8b49rny``), decodes positions to other digits and measures distances with another earth
radius. Here a member's score is Redis's: the 52-bit interleave of its longitude and latitude
quantized to 26 bits each (``encode``), stored with ZADD, so the sorted set commands see what
Redis's show; a position is the centre of that cell (``decode``), a distance the haversine on
Redis's sphere (``distance``), printed as Redis prints them; a search reads the geohash boxes
Redis reads, in its order, so even an unsorted reply and COUNT ANY's pick are Redis's.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

from vm.redis import longdouble
from vm.redis.reply import NULL_ARRAY, Double, ErrorReply

LONG_MIN, LONG_MAX = -180.0, 180.0
LAT_MIN, LAT_MAX = -85.05112878, 85.05112878
STEP = 26
EARTH_RADIUS_IN_METERS = 6372797.560856
D_R = math.pi / 180.0
UNITS = {b"m": 1.0, b"km": 1000.0, b"ft": 0.3048, b"mi": 1609.34}
BASE32 = b"0123456789bcdefghjkmnpqrstuvwxyz"

Execute = Callable[[list[bytes]], object]
SYNTAX = ErrorReply(b"ERR syntax error")
NOT_FLOAT = ErrorReply(b"ERR value is not a valid float")
BAD_UNIT = ErrorReply(b"ERR unsupported unit provided. please use M, KM, FT, MI")
WRONGTYPE = ErrorReply(b"WRONGTYPE Operation against a key holding the wrong kind of value")


def _spread(v: int) -> int:
    """The 32 bits of v on the even bit positions of 64 (interleave64's masks)."""
    out = 0
    for i in range(32):
        out |= ((v >> i) & 1) << (2 * i)
    return out


def _squash(v: int) -> int:
    """The even bits of v, packed (deinterleave64)."""
    out = 0
    for i in range(32):
        out |= ((v >> (2 * i)) & 1) << i
    return out


def encode(lon: float, lat: float, lat_min: float = LAT_MIN, lat_max: float = LAT_MAX,
           lon_min: float = LONG_MIN, lon_max: float = LONG_MAX) -> int:
    """geohashEncode at step 26: each offset in its range, times 2^26, truncated to 32 bits;
    latitude on the even bits, longitude on the odd."""
    lat_offset = (lat - lat_min) / (lat_max - lat_min) * (1 << STEP)
    lon_offset = (lon - lon_min) / (lon_max - lon_min) * (1 << STEP)
    return _spread(int(lat_offset) & 0xFFFFFFFF) | (_spread(int(lon_offset) & 0xFFFFFFFF) << 1)


def decode(bits: int) -> tuple[float, float]:
    """geohashDecodeToLongLatWGS84: the centre of the cell, clamped to the WGS84 limits."""
    ilat, ilon = _squash(bits), _squash(bits >> 1)
    lat_scale, lon_scale = LAT_MAX - LAT_MIN, LONG_MAX - LONG_MIN
    lat_lo = LAT_MIN + (ilat * 1.0 / (1 << STEP)) * lat_scale
    lat_hi = LAT_MIN + ((ilat + 1) * 1.0 / (1 << STEP)) * lat_scale
    lon_lo = LONG_MIN + (ilon * 1.0 / (1 << STEP)) * lon_scale
    lon_hi = LONG_MIN + ((ilon + 1) * 1.0 / (1 << STEP)) * lon_scale
    lon = min(max((lon_lo + lon_hi) / 2, LONG_MIN), LONG_MAX)
    lat = min(max((lat_lo + lat_hi) / 2, LAT_MIN), LAT_MAX)
    return lon, lat


def distance(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """geohashGetDistance: the haversine on a sphere of EARTH_RADIUS_IN_METERS; along a
    meridian (no longitude difference) the latitude difference alone."""
    lon1r, lon2r = lon1 * D_R, lon2 * D_R
    v = math.sin((lon2r - lon1r) / 2)
    if v == 0.0:
        return EARTH_RADIUS_IN_METERS * abs(lat2 * D_R - lat1 * D_R)
    lat1r, lat2r = lat1 * D_R, lat2 * D_R
    u = math.sin((lat2r - lat1r) / 2)
    a = u * u + math.cos(lat1r) * math.cos(lat2r) * v * v
    return 2.0 * EARTH_RADIUS_IN_METERS * math.asin(math.sqrt(a))


def parse_double(s: bytes) -> float | None:
    """getDoubleFromObject: strtod over the whole text, no leading space, no NaN."""
    if not s or s[:1].isspace():
        return None
    v = longdouble.parse(s)
    if v is None:
        return None
    value = float(v)
    return None if value != value else value


def _position(resp: int, value: float) -> object:
    """addReplyHumanLongDouble: the %.17Lf human form in RESP2, a double in RESP3."""
    return Double(value) if resp == 3 else longdouble.human(Fraction(value))


def _kind(execute: Execute, key: bytes) -> bytes:
    kind = execute([b"TYPE", key])
    return bytes(kind) if isinstance(kind, bytes) else b"none"


def _score(execute: Execute, key: bytes, member: bytes) -> int | None:
    got = execute([b"ZSCORE", key, member])
    return int(float(got)) if isinstance(got, bytes) else None


def geoadd(execute: Execute, argv: list[bytes]) -> object:
    """GEOADD key [NX|XX] [CH] lon lat member ...: the options, then each pair checked (a
    float, then the WGS84 limits), then ZADD with the 52-bit scores."""
    at = 2
    flags: list[bytes] = []
    while at < len(argv) and argv[at].lower() in (b"nx", b"xx", b"ch"):
        flags.append(argv[at])
        at += 1
    lowered = {f.lower() for f in flags}
    if (len(argv) - at) % 3 or {b"nx", b"xx"} <= lowered:
        return SYNTAX
    pairs: list[bytes] = []
    for i in range(at, len(argv), 3):
        point = _lonlat(argv[i], argv[i + 1])
        if point.__class__ is ErrorReply:
            return point
        pairs += [b"%d" % encode(*point), argv[i + 2]]  # type: ignore[misc]
    return execute([b"ZADD", argv[1], *flags, *pairs])


def _centres(execute: Execute, argv: list[bytes]) -> list[tuple[float, float] | None] | ErrorReply:
    """GEOPOS's and GEOHASH's reading: each member's cell centre (None for a missing member or
    key), WRONGTYPE for a key of another type."""
    kind = _kind(execute, argv[1])
    if kind not in (b"none", b"zset"):
        return WRONGTYPE
    out: list[tuple[float, float] | None] = []
    for member in argv[2:]:
        bits = _score(execute, argv[1], member) if kind == b"zset" else None
        out.append(None if bits is None else decode(bits))
    return out


def geopos(execute: Execute, argv: list[bytes], resp: int) -> object:
    """GEOPOS key member ...: each member's cell centre, a null array for a missing one."""
    centres = _centres(execute, argv)
    if centres.__class__ is ErrorReply:
        return centres
    return [NULL_ARRAY if c is None else [_position(resp, c[0]), _position(resp, c[1])]
            for c in centres]  # type: ignore[union-attr]


def geodist(execute: Execute, argv: list[bytes]) -> object:
    """GEODIST key a b [unit]: the unit first, then the key; "%.4f" of the distance in it as a
    bulk string, nil when a member is missing."""
    if len(argv) > 5:
        return SYNTAX
    to_meter = UNITS.get(argv[4].lower()) if len(argv) == 5 else 1.0
    if to_meter is None:
        return BAD_UNIT
    kind = _kind(execute, argv[1])
    if kind == b"none":
        return None
    if kind != b"zset":
        return WRONGTYPE
    a, b = _score(execute, argv[1], argv[2]), _score(execute, argv[1], argv[3])
    if a is None or b is None:
        return None
    return b"%.4f" % (distance(*decode(a), *decode(b)) / to_meter)


def geohash(execute: Execute, argv: list[bytes]) -> object:
    """GEOHASH key member ...: the cell centre encoded again on the standard latitude range
    (-90, 90), as 11 base32 characters (the last one always '0')."""
    centres = _centres(execute, argv)
    if centres.__class__ is ErrorReply:
        return centres
    out: list = []
    for c in centres:  # type: ignore[union-attr]
        if c is None:
            out.append(None)
            continue
        std = encode(c[0], c[1], -90.0, 90.0)
        out.append(bytes(BASE32[(std >> (52 - (i + 1) * 5)) & 0x1F] if i < 10 else BASE32[0]
                         for i in range(11)))
    return out


def _lonlat(lon_arg: bytes, lat_arg: bytes) -> tuple[float, float] | ErrorReply:
    """extractLongLatOrReply: two floats within the WGS84 limits."""
    lon, lat = parse_double(lon_arg), parse_double(lat_arg)
    if lon is None or lat is None:
        return NOT_FLOAT
    if not (LONG_MIN <= lon <= LONG_MAX and LAT_MIN <= lat <= LAT_MAX):
        return ErrorReply(b"ERR invalid longitude,latitude pair %.6f,%.6f" % (lon, lat))
    return lon, lat


def _radius(value: bytes, unit: bytes) -> tuple[float, float] | ErrorReply:
    """extractDistanceOrReply: the radius and the unit's metres."""
    radius = parse_double(value)
    if radius is None:
        return ErrorReply(b"ERR need numeric radius")
    if radius < 0:
        return ErrorReply(b"ERR radius cannot be negative")
    to_meter = UNITS.get(unit.lower())
    return BAD_UNIT if to_meter is None else (radius, to_meter)


def search(execute: Execute, argv: list[bytes], resp: int) -> object:
    """GEORADIUS, GEORADIUSBYMEMBER (and _RO), GEOSEARCH, GEOSEARCHSTORE (georadiusGeneric):
    the options, the centre, then every member within the circle or the box, measured as Redis
    measures (geohashGetDistanceIfInRadiusWGS84, geohashGetDistanceIfInRectangle); sorted by
    distance when ASC, DESC or COUNT (without ANY) asks, otherwise in the order Redis finds
    them: box by box (``_boxes``), each in score order; COUNT ANY stops at the first found in
    that order; STORE and STOREDIST as ZADD."""
    name = argv[0].lower()
    store_cmd = name == b"geosearchstore"
    geosearch = name in (b"geosearch", b"geosearchstore")
    src = argv[2] if store_cmd else argv[1]
    i = 3 if store_cmd else 2
    center: tuple[float, float] | None = None
    from_member: bytes | None = None
    radius = width = height = None
    to_meter = 1.0
    kind = _kind(execute, src)  # the key is looked up first
    if kind not in (b"none", b"zset"):
        return WRONGTYPE
    if not geosearch:
        if name.startswith(b"georadiusbymember"):
            from_member, i = argv[2], 3
            if kind == b"zset":
                bits = _score(execute, src, from_member)
                if bits is None:
                    return ErrorReply(b"ERR could not decode requested zset member")
                center = decode(bits)
        else:
            point = _lonlat(argv[2], argv[3])
            if point.__class__ is ErrorReply:
                return point
            center, i = point, 4  # type: ignore[assignment]
        got = _radius(argv[i], argv[i + 1])
        if got.__class__ is ErrorReply:
            return got
        (radius, to_meter), i = got, i + 2  # type: ignore[misc]
    withdist = withhash = withcoord = any_ = False
    sort = 0  # 1 ascending, -1 descending
    count = 0
    storekey: bytes | None = argv[1] if store_cmd else None
    storedist = False
    while i < len(argv):
        opt, left = argv[i].lower(), len(argv) - i - 1
        if opt == b"withdist":
            withdist = True
        elif opt == b"withhash":
            withhash = True
        elif opt == b"withcoord":
            withcoord = True
        elif opt == b"any":
            any_ = True
        elif opt == b"asc":
            sort = 1
        elif opt == b"desc":
            sort = -1
        elif opt == b"count" and left >= 1:
            n = _long(argv[i + 1])
            if n is None:
                return ErrorReply(b"ERR value is not an integer or out of range")
            if n <= 0:
                return ErrorReply(b"ERR COUNT must be > 0")
            count, i = n, i + 1
        elif opt in (b"store", b"storedist") and left >= 1 and not geosearch and not name.endswith(b"_ro"):
            storekey, storedist, i = argv[i + 1], opt == b"storedist", i + 1
        elif opt == b"storedist" and store_cmd:
            storedist = True
        elif opt == b"frommember" and left >= 1 and geosearch and center is None and from_member is None:
            from_member, i = argv[i + 1], i + 1
            if kind == b"zset":
                bits = _score(execute, src, from_member)
                if bits is None:
                    return ErrorReply(b"ERR could not decode requested zset member")
                center = decode(bits)
        elif opt == b"fromlonlat" and left >= 2 and geosearch and center is None and from_member is None:
            point = _lonlat(argv[i + 1], argv[i + 2])
            if point.__class__ is ErrorReply:
                return point
            center, i = point, i + 2  # type: ignore[assignment]
        elif opt == b"byradius" and left >= 2 and geosearch and radius is None and width is None:
            got = _radius(argv[i + 1], argv[i + 2])
            if got.__class__ is ErrorReply:
                return got
            (radius, to_meter), i = got, i + 2  # type: ignore[misc]
        elif opt == b"bybox" and left >= 3 and geosearch and radius is None and width is None:
            width, height = parse_double(argv[i + 1]), parse_double(argv[i + 2])
            if width is None or height is None:
                return ErrorReply(b"ERR need numeric width" if width is None else b"ERR need numeric height")
            if width < 0 or height < 0:
                return ErrorReply(b"ERR height or width cannot be negative")
            unit = UNITS.get(argv[i + 3].lower())
            if unit is None:
                return BAD_UNIT
            to_meter, i = unit, i + 3
        else:
            return SYNTAX
        i += 1
    if storekey is not None and (withdist or withhash or withcoord):
        return ErrorReply(b"ERR %s is not compatible with WITHDIST, WITHHASH and WITHCOORD options"
                          % (b"GEOSEARCHSTORE" if store_cmd else b"STORE option in GEORADIUS"))
    if geosearch and center is None and from_member is None:
        return ErrorReply(b"ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for %s"
                          % argv[0])
    if geosearch and radius is None and width is None:
        return ErrorReply(b"ERR exactly one of BYRADIUS and BYBOX can be specified for %s" % argv[0])
    if any_ and not count:
        return ErrorReply(b"ERR the ANY argument requires COUNT argument")
    if kind == b"none":
        if storekey is not None:
            execute([b"DEL", storekey])
            return 0
        return []
    assert center is not None
    found: list[tuple[float, bytes, int, tuple[float, float]]] = []
    half_w = width * to_meter / 2 if width is not None else 0.0
    half_h = height * to_meter / 2 if height is not None else 0.0  # type: ignore[operator]
    for lo, hi in _boxes(center, radius, width, height, to_meter):
        flat = execute([b"ZRANGEBYSCORE", src, b"%d" % lo, b"(%d" % hi, b"WITHSCORES"])
        for k in range(0, len(flat) if isinstance(flat, list) else 0, 2):  # type: ignore[arg-type]
            bits = int(float(flat[k + 1]))  # type: ignore[index]
            xy = decode(bits)
            if width is not None:
                if EARTH_RADIUS_IN_METERS * abs(xy[1] * D_R - center[1] * D_R) > half_h:
                    continue
                if distance(xy[0], xy[1], center[0], xy[1]) > half_w:
                    continue
                dist = distance(center[0], center[1], xy[0], xy[1])
            else:
                dist = distance(center[0], center[1], xy[0], xy[1])
                if dist > radius * to_meter:  # type: ignore[operator]
                    continue
            found.append((dist, flat[k], bits, xy))  # type: ignore[index]
            if any_ and len(found) >= count:
                break
        if any_ and len(found) >= count:
            break
    if count and not any_ and not sort:
        sort = 1
    if sort:
        found.sort(key=lambda f: f[0], reverse=sort < 0)
    if count:
        found = found[:count]
    if storekey is not None:
        execute([b"DEL", storekey])
        if found:
            pairs = [x for d, m, bits, _ in found
                     for x in ((b"%.17g" % (d / to_meter)) if storedist else b"%d" % bits, m)]
            execute([b"ZADD", storekey, *pairs])
        return len(found)
    out: list = []
    for d, member, bits, xy in found:
        if not (withdist or withhash or withcoord):
            out.append(member)
            continue
        row: list = [member]
        if withdist:
            row.append(b"%.4f" % (d / to_meter))
        if withhash:
            row.append(bits)
        if withcoord:
            row.append([_position(resp, xy[0]), _position(resp, xy[1])])
        out.append(row)
    return out


MERCATOR_MAX = 20037726.37
_EVEN = 0x5555555555555555
_ODD = 0xAAAAAAAAAAAAAAAA
_MASK64 = (1 << 64) - 1


def _steps(range_meters: float, lat: float) -> int:
    """geohashEstimateStepsByRadius."""
    if range_meters == 0:
        return 26
    step = 1
    while range_meters < MERCATOR_MAX:
        range_meters *= 2
        step += 1
    step -= 2
    if lat > 66 or lat < -66:
        step -= 1
        if lat > 80 or lat < -80:
            step -= 1
    return min(max(step, 1), 26)


def _encode_step(lon: float, lat: float, step: int) -> int:
    lat_offset = (lat - LAT_MIN) / (LAT_MAX - LAT_MIN) * (1 << step)
    lon_offset = (lon - LONG_MIN) / (LONG_MAX - LONG_MIN) * (1 << step)
    return _spread(int(lat_offset) & 0xFFFFFFFF) | (_spread(int(lon_offset) & 0xFFFFFFFF) << 1)


def _area(bits: int, step: int) -> tuple[float, float, float, float]:
    """geohashDecode: (lon min, lon max, lat min, lat max) of a cell."""
    ilat, ilon = _squash(bits), _squash(bits >> 1)
    lat_scale, lon_scale = LAT_MAX - LAT_MIN, LONG_MAX - LONG_MIN
    return (LONG_MIN + (ilon * 1.0 / (1 << step)) * lon_scale,
            LONG_MIN + ((ilon + 1) * 1.0 / (1 << step)) * lon_scale,
            LAT_MIN + (ilat * 1.0 / (1 << step)) * lat_scale,
            LAT_MIN + ((ilat + 1) * 1.0 / (1 << step)) * lat_scale)


def _move(bits: int, step: int, dx: int, dy: int) -> int:
    """geohash_move_x then geohash_move_y, in 64-bit arithmetic."""
    if dx:
        x, y = bits & _ODD, bits & _EVEN
        zz = _EVEN >> (64 - step * 2)
        x = (x + zz + 1) & _MASK64 if dx > 0 else ((x | zz) - (zz + 1)) & _MASK64
        bits = (x & (_ODD >> (64 - step * 2))) | y
    if dy:
        x, y = bits & _ODD, bits & _EVEN
        zz = _ODD >> (64 - step * 2)
        y = (y + zz + 1) & _MASK64 if dy > 0 else ((y | zz) - (zz + 1)) & _MASK64
        bits = x | (y & (_EVEN >> (64 - step * 2)))
    return bits


# membersOfAllNeighbors's order: the centre, north, south, east, west, north-east, north-west,
# south-east, south-west
_NEIGHBOURS = ((0, 0), (0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))


def _boxes(center: tuple[float, float], radius: float | None, width: float | None,
           height: float | None, to_meter: float) -> list[tuple[int, int]]:
    """The score ranges [lo, hi) Redis reads, in its order (geohashCalculateAreasByShapeWGS84
    and membersOfAllNeighbors): a step estimated from the radius (or the half diagonal of the
    box), one step coarser when a neighbour does not reach the bounding box, the neighbours
    that lie outside the bounding box left out, a box equal to the one read before skipped."""
    lon, lat = center
    if radius is not None:
        half_h = half_w = radius * to_meter
        range_m = radius * to_meter
    else:
        half_h, half_w = to_meter * height / 2, to_meter * width / 2  # type: ignore[operator]
        range_m = math.sqrt((width / 2) ** 2 + (height / 2) ** 2) * to_meter  # type: ignore[operator]
    lat_delta = half_h / EARTH_RADIUS_IN_METERS / D_R
    top = half_w / EARTH_RADIUS_IN_METERS / math.cos((lat + lat_delta) * D_R) / D_R
    bottom = half_w / EARTH_RADIUS_IN_METERS / math.cos((lat - lat_delta) * D_R) / D_R
    delta = bottom if lat < 0 else top
    min_lon, max_lon, min_lat, max_lat = lon - delta, lon + delta, lat - lat_delta, lat + lat_delta
    step = _steps(range_m, lat)
    bits = _encode_step(lon, lat, step)
    north, south = _area(_move(bits, step, 0, 1), step), _area(_move(bits, step, 0, -1), step)
    east, west = _area(_move(bits, step, 1, 0), step), _area(_move(bits, step, -1, 0), step)
    if step > 1 and (north[3] < max_lat or south[2] > min_lat or east[1] < max_lon or west[0] > min_lon):
        step -= 1
        bits = _encode_step(lon, lat, step)
    area = _area(bits, step)
    boxes: list[int | None] = [_move(bits, step, dx, dy) for dx, dy in _NEIGHBOURS]
    if step >= 2:
        dropped = set()
        if area[2] < min_lat:
            dropped |= {(0, -1), (-1, -1), (1, -1)}
        if area[3] > max_lat:
            dropped |= {(0, 1), (1, 1), (-1, 1)}
        if area[0] < min_lon:
            dropped |= {(-1, 0), (-1, -1), (-1, 1)}
        if area[1] > max_lon:
            dropped |= {(1, 0), (1, -1), (1, 1)}
        boxes = [None if d in dropped else b for d, b in zip(_NEIGHBOURS, boxes, strict=True)]
    shift = 52 - step * 2
    out: list[tuple[int, int]] = []
    last: int | None = None
    for i, box in enumerate(boxes):
        if box is None or (box == 0 and step == 0):
            continue
        if last and box == boxes[last]:
            continue
        out.append((box << shift, (box + 1) << shift))
        last = i
    return out


def _long(s: bytes) -> int | None:
    from vm.redis.commands import string2ll

    return string2ll(s)
