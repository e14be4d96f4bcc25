-- yielding from the main chunk: 5.1 reports a C-call boundary error (not "outside a coroutine")
print("about to yield from the main chunk")
local function helper(v)
  return coroutine.yield(v)
end
print(pcall(helper, 1))
helper(2)
print("never reached")
