"""The geo commands of the embedded keyspace (vm/redis/geo.py) against the real server: scores,
positions, distances, hashes, refusals, and seeded random searches (radius and box, sorted,
unsorted, COUNT ANY, STORE) whose replies must be the same bytes."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from tests.vm.redis.reference import RawRedis
from vm.redis.embedded import EmbeddedKeyspace
from vm.redis.engine import ScriptEngine
from vm.redis.resp import encode


@pytest.fixture()
def engine() -> Iterator[ScriptEngine]:
    e = ScriptEngine(EmbeddedKeyspace())
    yield e
    e.close()


def _same(real: RawRedis, engine: ScriptEngine, commands: list[list[str]]) -> None:
    for cmd in commands:
        argv = [a.encode() for a in cmd]
        assert encode(engine.command(argv)) == real.command(*argv), cmd


CITIES = ["GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania",
          "12.496366", "41.902783", "Rome", "2.352222", "48.856613", "Paris", "180", "85.05112878",
          "edge", "-180", "-85.05112878", "edge2", "0", "0", "zero"]

COMMANDS = [
    CITIES, ["ZRANGE", "g", "0", "-1", "WITHSCORES"],
    ["GEOPOS", "g", "Palermo", "nope", "edge", "edge2", "zero"],
    ["GEOHASH", "g", "Palermo", "edge", "edge2", "nope"], ["GEODIST", "g", "Palermo", "Catania"],
    ["GEODIST", "g", "Palermo", "Paris", "mi"], ["GEODIST", "g", "edge", "edge2", "ft"],
    ["GEODIST", "g", "a", "b"], ["GEODIST", "g", "a", "b", "bogus"], ["GEODIST", "nokey", "a", "b"],
    ["GEOADD", "g", "200", "100", "x"], ["GEOADD", "g", "x", "1", "m"],
    ["GEOADD", "g", "NX", "XX", "1", "1", "m"], ["GEOADD", "g", "CH", "13.4", "38.1", "Palermo"],
    ["GEORADIUS", "g", "15", "37", "200", "km", "WITHDIST", "WITHCOORD", "WITHHASH"],
    ["GEORADIUSBYMEMBER", "g", "Palermo", "1500", "km", "COUNT", "2", "DESC"],
    ["GEORADIUSBYMEMBER", "g", "nope", "1", "km"],
    ["GEORADIUS", "g", "15", "37", "200", "km", "WITHDIST", "STORE", "d"],
    ["GEOSEARCH", "g", "FROMLONLAT", "15", "37", "BYBOX", "400", "400", "km", "ASC", "WITHDIST"],
    ["GEOSEARCH", "g", "BYRADIUS", "1", "km"],
    ["GEOSEARCH", "g", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "ANY"],
    ["GEOSEARCHSTORE", "d", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "2000", "km", "COUNT", "2",
     "STOREDIST"],
    ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
    ["GEOSEARCHSTORE", "d", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "m"], ["EXISTS", "d"],
    ["SET", "s", "x"], ["GEOPOS", "s", "a"], ["GEORADIUS", "s", "x", "1", "1", "km"],
]


def test_geo_commands_as_redis(real: RawRedis, engine: ScriptEngine) -> None:
    real.command("FLUSHDB")
    engine.command([b"FLUSHDB"])
    _same(real, engine, COMMANDS)


@pytest.mark.parametrize("seed", range(6))
def test_random_searches_as_redis(real: RawRedis, engine: ScriptEngine, seed: int) -> None:
    """Points scattered at one of four scales, searched around random centres: the members, their
    order (box by box when unsorted) and every number must be Redis's."""
    r = random.Random(seed)
    real.command("FLUSHDB")
    engine.command([b"FLUSHDB"])
    cx, cy = r.uniform(-170, 170), r.uniform(-80, 80)
    spread = [0.001, 0.1, 5, 30][seed % 4]
    add = ["GEOADD", "g"]
    for i in range(30):
        add += ["%.6f" % max(-180, min(180, cx + r.uniform(-spread, spread))),
                "%.6f" % max(-85, min(85, cy + r.uniform(-spread, spread))), f"m{i}"]
    commands = [add]
    for _ in range(12):
        unit = r.choice(["m", "km", "mi", "ft"])
        size = r.uniform(0.1, 3) * spread * 111000 / {"m": 1, "km": 1000, "mi": 1609.34, "ft": 0.3048}[unit]
        opts = r.choice([[], ["ASC"], ["DESC"], ["COUNT", "3"], ["COUNT", "2", "ANY"]])
        opts += r.choice([[], ["WITHDIST"], ["WITHCOORD", "WITHHASH"]])
        if r.random() < 0.5:
            x, y = cx + r.uniform(-spread, spread), cy + r.uniform(-spread, spread)
            commands.append(["GEOSEARCH", "g", "FROMLONLAT", "%.5f" % x, "%.5f" % y,
                             "BYRADIUS", "%.3f" % size, unit, *opts])
        else:
            commands.append(["GEOSEARCH", "g", "FROMMEMBER", "m0", "BYBOX", "%.3f" % size,
                             "%.3f" % (size * r.uniform(0.3, 2)), unit, *opts])
    _same(real, engine, commands)
