-- an error caught by pcall and rethrown with level 0 keeps the original text
local function risky(n)
  if n == 3 then error("risky failed at " .. n) end
  return n * 10
end
local function guarded(n)
  local ok, res = pcall(risky, n)
  if not ok then
    print("caught, rethrowing:", res)
    error(res, 0)
  end
  return res
end
for i = 1, 5 do
  print(i, guarded(i))
end
