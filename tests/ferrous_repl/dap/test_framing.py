"""DAP's wire format (ferrous_repl/dap/framing.py): messages split anywhere, several in one read,
unicode, and malformed input that never stops the reader."""

from __future__ import annotations

import json

from ferrous_repl.dap.framing import Malformed, MessageReader, encode

HELLO = {"seq": 1, "type": "request", "command": "evaluate", "arguments": {"expression": "'héllo ✓ 𝄞'"}}
NEXT = {"seq": 2, "type": "request", "command": "threads"}


def test_encode_counts_bytes_not_characters() -> None:
    data = encode(dict(HELLO))
    header, _, body = data.partition(b"\r\n\r\n")
    assert header == b"Content-Length: %d" % len(body)
    assert len(body) > len(body.decode("utf-8"))
    assert json.loads(body) == HELLO


def test_split_at_every_byte() -> None:
    data = encode(dict(HELLO)) + encode(dict(NEXT))
    for cut in range(1, len(data)):
        reader = MessageReader()
        got = reader.feed(data[:cut]) + reader.feed(data[cut:])
        assert got == [HELLO, NEXT], cut
        assert reader.pending == 0


def test_one_byte_at_a_time() -> None:
    reader = MessageReader()
    got = []
    for b in encode(dict(HELLO)):
        got += reader.feed(bytes([b]))
    assert got == [HELLO]


def test_several_messages_in_one_read() -> None:
    data = b"".join(encode(dict(NEXT, seq=i)) for i in range(1, 51))
    got = MessageReader().feed(data)
    assert [m["seq"] for m in got] == list(range(1, 51))


def test_other_header_fields_are_ignored() -> None:
    body = json.dumps(NEXT).encode()
    data = b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: %d\r\n\r\n%s" % (
        len(body), body)
    assert MessageReader().feed(data) == [NEXT]


def _malformed_then_next(bad: bytes) -> list:
    got = MessageReader().feed(bad + encode(dict(NEXT)))
    assert got[-1] == NEXT, got
    assert got[:-1] and all(isinstance(m, Malformed) for m in got[:-1]), got
    return got[:-1]


def test_bad_content_length_then_a_good_message() -> None:
    (bad, *_) = _malformed_then_next(b'Content-Length: twelve\r\n\r\n{"seq": 9}')
    assert "bad Content-Length 'twelve'" in bad.reason


def test_missing_content_length() -> None:
    (bad, *_) = _malformed_then_next(b"Content-Type: x\r\n\r\n")
    assert bad.reason == "a header without Content-Length"


def test_content_length_too_long_gives_the_next_message_back() -> None:
    body = json.dumps(NEXT).encode()
    (bad,) = _malformed_then_next(b"Content-Length: %d\r\n\r\n%s" % (len(body) + 30, body[:-1]))
    assert "not JSON" in bad.reason


def test_content_length_too_short() -> None:
    body = json.dumps(NEXT).encode()
    got = _malformed_then_next(b"Content-Length: %d\r\n\r\n%s" % (len(body) - 3, body))
    assert "not JSON" in got[0].reason


def test_bodies_that_are_not_messages() -> None:
    for body, why in [(b"[1, 2]", "JSON list"), (b'"x"', "JSON str"), (b"\xff\xfe", "not UTF-8"),
                      (b'{"type": "request", "seq": 3}', "without a 'command'"),
                      (b'{"type": "gossip", "seq": 4, "command": "x"}', "'type' must be")]:
        (bad,) = _malformed_then_next(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        assert why in bad.reason, (body, bad)
    body = b'{"type": "x", "seq": 7, "command": "y"}'
    (bad,) = _malformed_then_next(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    assert bad.seq == 7 and bad.command == "y"


def test_garbage_without_a_header_end() -> None:
    reader = MessageReader()
    got = reader.feed(b"x" * 20_000)
    assert len(got) == 1 and isinstance(got[0], Malformed)
    assert reader.feed(encode(dict(NEXT))) == [NEXT]
