-- calling a nil/non-function global names the global
print(pcall(function() undefined_function() end))
print(pcall(function() undefined_function(1, 2, 3) end))
x = 42
print(pcall(function() x() end))
s = "str"
print(pcall(function() s("arg") end))
t = {}
print(pcall(function() t() end))
b = false
print(pcall(function() b() end))
print(pcall(function() local r = missing_fn() return r end))
print(pcall(function() return missing_fn() end))
print(pcall(function() return 1 + missing_fn() end))
print(pcall(function() print(missing_fn()) end))
