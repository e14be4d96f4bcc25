-- The lpeg C module, for libraries that require it (LuaMacro), from LuLPeg (pure Lua,
-- fetched next to the library): the same under lua5.1 and ferrous, no C module needed.
return require("lulpeg")
