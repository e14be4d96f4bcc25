"""Lua 5.1 bytecode: the opcode table, function prototypes, listings and binary chunks."""
