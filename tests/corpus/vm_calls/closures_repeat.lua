-- closures created in repeat ... until bodies, capturing a local used in the condition
local fns = {}
local n = 0
repeat
  n = n + 1
  local stop = n >= 3
  fns[n] = function() return n, stop end
until stop
for i, f in ipairs(fns) do print(i, f()) end
-- the condition sees the body's local even after a closure captured it
local results = {}
local k = 0
repeat
  local x = k * 2
  results[#results + 1] = function() x = x + 1; return x end
  k = k + 1
until x >= 6
print(#results, results[1](), results[1](), results[4]())
-- repeat with a closure that modifies the condition variable
local i = 0
local closures = {}
repeat
  local done = false
  closures[#closures + 1] = function() done = true end
  i = i + 1
  if i == 3 then closures[#closures]() end
until done
print(i, #closures)
-- break out of a repeat from inside a nested block after capturing
local keep
repeat
  local inner = "captured before break"
  do
    keep = function() return inner end
    break
  end
until true
print(keep())
