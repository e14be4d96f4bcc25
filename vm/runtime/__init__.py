"""The Lua 5.1 runtime: values, tables, the heap, the interpreter, coroutines, errors.

Value representation (fixed, everything relies on it):
nil is None; booleans are Python's True/False; every number is a Python float (never an int);
strings are bytes; tables are LuaTable; functions, coroutines and userdata are runtime classes.
Because True == 1.0 in Python, raw equality of Lua values must also compare classes, and tables
store boolean keys under sentinels.
"""
