-- the reported line is the line of the failing instruction
local t = {}
print(pcall(function()
  local a = 1
  local b =
    a +
    t.missing
  return b
end))
print(pcall(function()
  return t
    .x
    .y
end))
print(pcall(function()
  local s = "a" ..
    "b" ..
    t.nothing
end))
print(pcall(function()
  undefined_fn(
    1,
    2
  )
end))
print(pcall(function() local x = {
  1,
  2,
  t.q.r,
} end))
print(pcall(function()
  error("explicit")
end))
print(pcall(function() if t.z < 1 then end end))
