local from, to = KEYS[1], KEYS[2]
local amount = tonumber(ARGV[1])
local balance = tonumber(redis.call('GET', from) or '0')
if balance < amount then
  return redis.error_reply('insufficient funds')
end
redis.call('DECRBY', from, amount)
redis.call('INCRBY', to, amount)
redis.log(redis.LOG_WARNING, 'moved ' .. amount)
return {from, redis.call('GET', from), to, redis.call('GET', to)}
