-- building long strings efficiently and splitting them again
local buf = {}
for i = 1, 100 do buf[#buf + 1] = string.format("%03d", i) end
local s = table.concat(buf, ";")
print(#s, s:sub(1, 23), s:sub(-11))
local function split(str, sep)
  local out = {}
  local start = 1
  while true do
    local i, j = str:find(sep, start, true)
    if not i then out[#out + 1] = str:sub(start); break end
    out[#out + 1] = str:sub(start, i - 1)
    start = j + 1
  end
  return out
end
local parts = split(s, ";")
print(#parts, parts[1], parts[50], parts[100])
print(#split("a,,b,", ","), table.concat(split("a,,b,", ","), "|"))
local big = string.rep("xy", 5000)
print(#big, big:sub(9999))
