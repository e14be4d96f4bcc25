"""Let `python -m ferrous_repl` behave like the `ferrous` command."""

import sys

from ferrous_repl.cli import main

sys.exit(main())
