-- MoonScript's compiler on its own spec inputs (spec/inputs/*.moon, whose expected Lua is in
-- spec/outputs/), with LuLPeg (fetched next to
-- it) standing in for the lpeg C module and the pure-Lua parser for the native one, as
-- spec/use_slow_parser.moon does. Prints every compiled chunk or error in full, and whether
-- it equals the expected output. Usage, from the moonscript folder:
--   lua moonscript_inputs.lua spec/inputs/NAME.moon ...
package.loaded.lpeg = require("lulpeg")
package.loaded["moonscript.parse.native"] = require("moonscript.parse.slow")
local parse = require("moonscript.parse")
local compile = require("moonscript.compile")

local function read(path)
  local f = io.open(path)
  if not f then return nil end
  local data = f:read("*a")
  f:close()
  return data
end

local same, failed = 0, 0
for _, file in ipairs({...}) do
  local name = file:gsub("^spec/", ""):gsub("%.moon$", "")
  local code = assert(read("spec/" .. name .. ".moon"))
  local tree, err = parse.string(code)
  local out, pos
  if tree then
    out, err, pos = compile.tree(tree)
  end
  print("== " .. name)
  print(out or ("error: " .. tostring(err) .. " " .. tostring(pos)))
  local expected = read("spec/" .. name:gsub("^inputs/", "outputs/") .. ".lua")
  if expected and out then
    local equal = out == expected:gsub("\n$", "")
    print(equal and "same as the expected output" or "DIFFERS from the expected output")
    if equal then same = same + 1 else failed = failed + 1 end
  end
end
print(string.format("total: %d as expected, %d different", same, failed))
os.exit(failed == 0 and 0 or 1)
