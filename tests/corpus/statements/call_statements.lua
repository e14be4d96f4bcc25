-- function calls used as statements, including string/table call syntax
local log = {}
local function rec(...)
  local n = select('#', ...)
  local parts = {}
  for i = 1, n do
    local v = select(i, ...)
    parts[#parts + 1] = type(v) == "table" and ("{" .. #v .. "}") or tostring(v)
  end
  log[#log + 1] = table.concat(parts, ",")
  return rec
end
rec()
rec(1)
rec "str"
rec [[long]]
rec {1, 2, 3}
rec "a" "b" {4} ()
rec(1, 2)(3)(4, 5)
local o = {}
function o:m(x) log[#log + 1] = "m:" .. (type(x) == "table" and "{" .. #x .. "}" or tostring(x)) return self end
o:m "s"
o:m {1}
o:m(1):m(2):m "three"
;(rec)(9)
print(table.concat(log, " | "))
