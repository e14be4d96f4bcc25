"""Random table programs under lua5.1 and ferrous: pairs order, `#` and the table library.

    uv run python bench/table_order.py [--programs N] [--batch N] [--seed S]

The programs are tests/vm/runtime/table_programs.py's (the test suite runs 1,500 of them); each
batch runs in one process of each interpreter. Prints the count that matched and the first
program that did not, with both outputs. Exit status 1 when one differs.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.vm.runtime.table_programs import program, run_batch  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--programs", type=int, default=20000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--seed", default="bench")
    args = parser.parse_args(argv)
    done = 0
    start = time.perf_counter()
    batch = 0
    while done < args.programs:
        n = min(args.batch, args.programs - done)
        rng = random.Random("%s/%d" % (args.seed, batch))
        mismatch = run_batch([program(rng) for _ in range(n)])
        if mismatch is not None:
            print("batch %d (seed %s/%d): %s" % (batch, args.seed, batch, mismatch))
            print("%d programs matched before it" % (done + mismatch.index))
            return 1
        done += n
        batch += 1
        print("%d programs: identical (%.0f s)" % (done, time.perf_counter() - start), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
