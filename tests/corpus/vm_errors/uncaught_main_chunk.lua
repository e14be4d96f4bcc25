-- an uncaught runtime error in the main chunk after some output
print("before the error")
local total = 0
for i = 1, 3 do total = total + i end
print("total", total)
local result = total + missing_number
print("never printed", result)
