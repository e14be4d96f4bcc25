-- assert returns all its arguments on success and raises its message otherwise
print(assert(1, 2, 3))
print(assert("v"))
print(select("#", assert(true, nil, nil)))
print(pcall(assert, false))
print(pcall(assert, nil))
print(pcall(assert, nil, "msg"))
print(pcall(assert, false, "with message"))
print(pcall(assert, 1 == 2, 42))
print(pcall(assert))
local ok, e = pcall(assert, false, {why = "table message"})
print(ok, type(e), e)
-- 5.1 assert formats its message with "%s": the message must be a string or number
print(pcall(function() assert(false, 42) end))
-- messages from assert get no position information
print(pcall(function() assert(false) end))
print(pcall(function() assert(nil, "inside function") end))
print(pcall(function() local x = 3; assert(x > 5, "x too small: " .. x) end))
-- assert with a function result
local function lookup(k) if k == "a" then return 1 end return nil, "no key " .. k end
print(pcall(function() return assert(lookup("a")) end))
print(pcall(function() return assert(lookup("b")) end))
print(pcall(assert, 0), pcall(assert, ""))
