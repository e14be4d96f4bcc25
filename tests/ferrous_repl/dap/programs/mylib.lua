#!lua name=mylib
local calls = 0
local function myincr(keys, args)
  calls = calls + 1
  local n = redis.call('INCRBY', keys[1], args[1])
  return {n, calls}
end
redis.register_function('myincr', myincr)
