"""Step latency of the debugger TUI: key press to the repaint that shows the new stop, on a
program holding 10,000 live heap objects, stopped 100 frames deep (bench/debugger/debug_deep.lua).

Runs the real app (make_app, as `ferrous debug` does) headless at 120x40 and reads the app's
own measure (DebuggerApp.latencies: from the key's action to the first refresh after the
panels were updated). Prints the median and the 95th percentile for each key.

    uv run python bench/debugger_latency.py [presses]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
from pathlib import Path

from ferrous_repl.debugger import make_app

PROGRAM = Path(__file__).parent / "debugger" / "debug_deep.lua"


async def measure(presses: int) -> None:
    app = make_app(str(PROGRAM))
    async with app.run_test(size=(120, 40)) as pilot:
        app.debugger.toggle_line_breakpoint(11, b"@" + str(PROGRAM).encode())
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        depth = len(app.snapshot.stack)
        heap = len(app.debugger.heap_objects())
        app.debugger.breakpoints.clear()
        print(f"stopped at {app.snapshot.status}\n{depth} frames, {heap} live heap objects")
        for key in ("s", "n", "S"):
            app.latencies.clear()
            for _ in range(presses):
                await pilot.press(key)
                await app.workers.wait_for_complete()
                await pilot.pause()
            ms = sorted(x * 1000 for x in app.latencies)
            p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
            print(f"{key}: {len(ms)} presses, median {statistics.median(ms):.1f} ms, "
                  f"95th percentile {p95:.1f} ms")


if __name__ == "__main__":
    asyncio.run(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 100))
