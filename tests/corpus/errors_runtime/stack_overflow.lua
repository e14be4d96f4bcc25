-- stack overflow is caught by pcall
local function inf(n) return 1 + inf(n + 1) end
local ok, e = pcall(inf, 1)
print(ok, (e:gsub("^.-:%d+: ", "")))
local function grow(t) t[#t + 1] = 1; return grow(t) + 1 end
ok, e = pcall(grow, {})
print(ok, (e:find("stack overflow")) ~= nil)
print(pcall(string.rep, "x", -1))
