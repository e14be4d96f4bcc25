-- keywords cannot be used as names, but work as string keys
local t = {}
t["and"], t["break"], t["do"], t["else"], t["elseif"], t["end"] = 1, 2, 3, 4, 5, 6
t["false"], t["for"], t["function"], t["if"], t["in"], t["local"] = 7, 8, 9, 10, 11, 12
t["nil"], t["not"], t["or"], t["repeat"], t["return"], t["then"] = 13, 14, 15, 16, 17, 18
t["true"], t["until"], t["while"] = 19, 20, 21
local keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
table.sort(keys)
local s = 0
for _, k in ipairs(keys) do io.write(k, " "); s = s + t[k] end
print()
print(#keys, s)
local f = loadstring("return 1 + 1")
print(f())
print(loadstring("local end = 1"))
print(loadstring("x = = 1", "=chunkname"))
print(loadstring("return return", "@file.lua"))
