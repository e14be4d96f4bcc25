-- generic for with 1..6 loop variables and iterators returning fewer values
local function gen(nvals)
  return function(_, c)
    if c < 3 then
      local vals = {c + 1}
      for i = 2, nvals do vals[i] = (c + 1) * 10 + i end
      return unpack(vals, 1, nvals)
    end
  end, nil, 0
end
for a in gen(1) do io.write(a, ";") end print()
for a, b in gen(2) do io.write(a, ",", b, ";") end print()
for a, b, c in gen(2) do io.write(a, ",", b, ",", tostring(c), ";") end print()
for a, b, c, d, e, f in gen(6) do io.write(a + b + c + d + e + f, ";") end print()
for a, b, c, d, e, f in gen(3) do io.write(tostring(f), ";") end print()
local t = {}
for k, v in pairs({10, 20, 30}) do t[#t + 1] = function() return k * v end end
print(t[1]() + t[2]() + t[3]())
local total = 0
for _, v in ipairs({1, 2, 3}) do
  for _, w in ipairs({10, 20}) do total = total + v * w end
end
print(total)
