-- ipairs stops at the first nil and goes in order
for i, v in ipairs({"a", "b", "c"}) do print(i, v) end
for i, v in ipairs({1, 2, nil, 4}) do print("holey", i, v) end
for i, v in ipairs({}) do print("never") end
for i, v in ipairs({[2] = "two"}) do print("never either") end
local t = {n = 1, 10, 20}
for i, v in ipairs(t) do print("mixed", i, v) end
-- false values do not stop ipairs
for i, v in ipairs({true, false, true}) do print("bools", i, v) end
-- the iterator triple
local f, s, i0 = ipairs(t)
print(type(f), s == t, i0)
print(f(t, 0))
print(f(t, 1))
print(f(t, 2))
-- modifying the table during ipairs: appended values are seen
local grow = {1}
local seen = 0
for i, v in ipairs(grow) do
  seen = seen + 1
  if i < 5 then grow[#grow + 1] = v + 1 end
end
print(seen, #grow)
-- ipairs ignores __index in 5.1 (raw access)
local proxy = setmetatable({}, {__index = function(_, k) if k <= 3 then return k * 10 end end})
local c = 0
for _ in ipairs(proxy) do c = c + 1 end
print(c, proxy[1])
