-- numeric for loop argument checks
print(pcall(function() for i = nil, 10 do end end))
print(pcall(function() for i = 1, nil do end end))
print(pcall(function() for i = 1, 10, nil do end end))
print(pcall(function() for i = "a", 10 do end end))
print(pcall(function() for i = 1, {} do end end))
print(pcall(function() for i = 1, 2, "step" do end end))
print(pcall(function() local t = {}; for i = t.start, 3 do end end))
-- numeric strings are accepted
print(pcall(function() local s = 0; for i = "1", "3", "1" do s = s + i end; return s end))
print(pcall(function() local n = 0; for i = " 0x2 ", 8, "2" do n = n + 1 end; return n end))
-- step 0 with start < limit: 5.1 treats it as a non-positive step, the body is skipped
print(pcall(function() local n = 0; for i = 1, 2, 0 do n = n + 1 end; return n end))
-- generic for with a non-function
print(pcall(function() for k in nil do end end))
print(pcall(function() for k in {} do end end))
print(pcall(function() local t = {1}; for k, v in t do end end))
print(pcall(function() for k, v in 5 do end end))
print(pcall(function() for k, v in pairs(nil) do end end))
print(pcall(function() for i, v in ipairs() do end end))
