#!/usr/bin/env lua5.1
-- a shebang first line is skipped by the loader
print("shebang ok")
print(debug.getinfo(1, "l").currentline)
