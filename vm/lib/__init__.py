"""The Lua 5.1 libraries, one module per library, written against the runtime's API."""
