-- bench/reverse_continue.py: a long stretch between two hits of a breakpoint
local function work(n, salt)
  local s = 0
  for i = 1, n do
    s = (s + i * salt) % 1000003
  end
  return s
end

local n = tonumber(arg and arg[1]) or 100000
local total = 0
calls = 0
for k = 1, 3 do
  total = total + work(n, k)
  calls = calls + 1
end
print(total, calls)
