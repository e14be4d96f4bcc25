"""The ferrous-repl engine: compiler, bytecode, runtime. Imports no UI library."""
