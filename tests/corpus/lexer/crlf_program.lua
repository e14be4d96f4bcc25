-- a small program stored with CRLF line endings throughout
local function wrap(text, width)
  local lines, line = {}, ""
  for word in text:gmatch("%S+") do
    if #line + #word + 1 > width and #line > 0 then
      lines[#lines + 1] = line
      line = word
    else
      line = (#line > 0) and (line .. " " .. word) or word
    end
  end
  if #line > 0 then lines[#lines + 1] = line end
  return lines
end
local text = [[
The quick brown fox jumps over the lazy dog. Pack my box with
five dozen liquor jugs. How vexingly quick daft zebras jump!]]
for i, l in ipairs(wrap(text, 24)) do print(i, l) end
local s = "a\
b"
print(#s, s:byte(2))
--[==[ long comment
  across CRLF lines ]==]
print(debug.getinfo(1, "l").currentline)
