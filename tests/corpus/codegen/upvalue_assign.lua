-- SETUPVAL/GETUPVAL with expressions of every kind
local u1, u2, u3 = 0, "s", {}
local function work(v)
  u1 = u1 + v
  u2 = u2 .. v
  u3[#u3 + 1] = v
  u1, u2 = u1 * 2, u2 .. "!"
  local l = u1
  u3.last = l
  u1 = v > 2 and u1 or -u1
  return u1
end
print(work(1), work(2), work(3))
print(u1, u2, #u3, u3.last)
local flag = false
local function toggle() flag = not flag; return flag end
print(toggle(), toggle(), toggle())
local a = 1
local function cmpset(x) a = a < x; return a end
print(cmpset(5), a)
