-- the length operator
print(#"", #"a", #"hello world", #"\0\0\0")
local t = {1, 2, 3}
print(#t)
t[#t + 1] = 4
print(#t)
t[#t] = nil
print(#t)
local u = {}
for i = 1, 100 do u[i] = i end
print(#u)
local s = "abc"
print(#s .. #s, -#s, #s * #s)
print(#{n = 1}, #{1, 2, nil}, #{nil})
print(#{{}, {}, {}}, #{...})
local nested = {{1, 2}, {3, 4, 5}}
print(#nested[2], #nested[1] + #nested[2])
print(pcall(function() return #5 end))
print(pcall(function() local x; return #x end))
