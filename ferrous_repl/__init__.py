"""ferrous-repl front ends: the `ferrous` command line, and later the REPL and the debugger."""

__version__ = "0.1.0"
