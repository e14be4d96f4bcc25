"""A real headless Chromium (Debian's ``chromium``) driven over the DevTools protocol, for the
web mode's tests: open a page, read what it shows, press keys, take a screenshot.

The protocol is JSON over a websocket (aiohttp's client, already a dependency of the web mode):
``Browser.open`` starts Chromium with a fresh profile and the flags this sandboxed machine needs,
and ``Page`` sends commands to one tab."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import aiohttp

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--remote-debugging-port=0"]


# run in the page before its own scripts: keep a copy of what the app's websocket receives (the
# terminal output that xterm.js draws on a canvas, where the DOM cannot read it)
RECORD_WEBSOCKET = """
window.__received = [];
const Original = window.WebSocket;
window.WebSocket = function (...args) {
  const ws = new Original(...args);
  const decoder = new TextDecoder();
  ws.addEventListener("message", async (event) => {
    const data = event.data;
    if (typeof data === "string") window.__received.push(data);
    else if (data instanceof ArrayBuffer) window.__received.push(decoder.decode(data));
    else if (data instanceof Blob) window.__received.push(await data.text());
  });
  return ws;
};
Object.assign(window.WebSocket, Original);
window.WebSocket.prototype = Original.prototype;
"""


ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")

COUNT_COLOURS = """
new Promise((resolve) => {
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    const seen = new Set();
    for (let i = 0; i < pixels.length; i += 4) {
      seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
    }
    resolve(seen.size);
  };
  image.src = %s;
})
"""


class Page:
    """One tab, through its DevTools websocket."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.ids = itertools.count(1)

    async def send(self, method: str, **params: object) -> dict:
        ident = next(self.ids)
        await self.ws.send_str(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            msg = await self.ws.receive(timeout=60)
            assert msg.type == aiohttp.WSMsgType.TEXT, f"DevTools connection ended: {msg}"
            data = json.loads(msg.data)
            if data.get("id") == ident:
                assert "error" not in data, f"{method}: {data['error']}"
                return data.get("result", {})

    async def evaluate(self, expression: str) -> object:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def received(self) -> str:
        """The text the page's websockets received so far, escape sequences taken out."""
        return ESCAPES.sub("", str(await self.evaluate("window.__received.join('')")))

    async def click(self, x: int, y: int) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            await self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    async def key(self, key: str) -> None:
        """Press one key as a person would: a character (``s``, ``=``) or ``Enter``."""
        if key == "Enter":
            text, code, vk = "\r", "Enter", 13
        else:
            # the virtual key code of a letter, digit or space is its upper-case code point; others
            # get none (40, "(", is the down arrow's), and xterm.js reads the key's text instead
            text, code = key, (f"Key{key.upper()}" if key.isalpha() else "")
            vk = ord(key.upper()) if key.isalnum() or key == " " else 0
        await self.send("Input.dispatchKeyEvent", type="keyDown", key=key, code=code, text=text,
                        windowsVirtualKeyCode=vk)
        await self.send("Input.dispatchKeyEvent", type="keyUp", key=key, code=code, windowsVirtualKeyCode=vk)

    async def type(self, text: str) -> None:
        for ch in text:
            await self.key(ch)

    async def evaluate_async(self, expression: str) -> object:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True,
                                 awaitPromise=True)
        return result.get("result", {}).get("value")

    async def screenshot(self, path: Path) -> int:
        """Save a PNG screenshot; returns how many different colours it holds (counted by the
        browser itself on a 2D canvas): a page that draws nothing has one or two."""
        encoded = (await self.send("Page.captureScreenshot", format="png"))["data"]
        path.write_bytes(base64.b64decode(encoded))
        count = await self.evaluate_async(COUNT_COLOURS % json.dumps("data:image/png;base64," + encoded))
        return int(count)  # type: ignore[call-overload]



class Browser:
    """A headless Chromium process with a throwaway profile; ``page()`` opens a tab on a URL."""

    def __init__(self, proc: subprocess.Popen, endpoint: str, profile: str) -> None:
        self.proc = proc
        self.endpoint = endpoint  # http://127.0.0.1:PORT of the DevTools server
        self.profile = profile
        self.http = aiohttp.ClientSession()

    @classmethod
    async def open(cls, width: int = 1280, height: int = 900) -> Browser:
        exe = shutil.which("chromium")
        assert exe is not None, "chromium is not installed (apt-get install chromium; .ci/run does)"
        profile = tempfile.mkdtemp(prefix="ferrous-chromium-")
        proc = subprocess.Popen([exe, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                                 "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert proc.stderr is not None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 60
        endpoint = None
        while endpoint is None:
            line = await asyncio.wait_for(loop.run_in_executor(None, proc.stderr.readline),
                                          max(deadline - loop.time(), 0.1))
            assert line, "chromium exited at start-up"
            m = re.search(rb"DevTools listening on ws://([^/]+)/", line)
            if m:
                endpoint = "http://" + m.group(1).decode()
        # keep reading its messages so that a full pipe never blocks it
        loop.run_in_executor(None, proc.stderr.read)
        return cls(proc, endpoint, profile)

    async def page(self, url: str) -> Page:
        """A new tab showing ``url``, its websockets recorded (Page.received)."""
        async with self.http.put(f"{self.endpoint}/json/new?about:blank") as r:
            target = await r.json()
        ws = await self.http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        page = Page(ws)
        await page.send("Page.enable")
        await page.send("Page.addScriptToEvaluateOnNewDocument", source=RECORD_WEBSOCKET)
        await page.send("Page.navigate", url=url)
        return page

    async def close(self) -> None:
        await self.http.close()
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)
