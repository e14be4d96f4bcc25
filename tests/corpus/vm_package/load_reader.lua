-- load() with a reader function: pieces are asked for only when the compiler needs them
local function reader(s, size, log)
  local i = 0
  return function()
    local piece = string.sub(s, i + 1, i + size)
    i = i + size
    log.n = log.n + 1
    return piece
  end
end

local sources = {
  "return 1 + 2",
  "*a = 123",
  "x = ",
  "return [==[long\nstring]==]",
  "return 'esc\\65\\066\\0067'",
  "local t = {1, 2, 3} return #t",
  "return 1e10, 0x10, .5",
  "x = [[unfinished",
  "--[[ only a comment ]]",
  "return a..b..",
  "if x then",
}
for _, s in ipairs(sources) do
  local line = {}
  for _, size in ipairs{1, 2, 5, 50} do
    local log = {n = 0}
    local f, err = load(reader(s, size, log), "=src")
    local result = f and select("#", pcall(f)) or err
    line[#line + 1] = size .. ":" .. log.n .. ":" .. tostring(result)
  end
  print(table.concat(line, "  "))
end

local dumped = string.dump(function(a) return a * 2 end)
for _, size in ipairs{1, 3, 64, 1000} do
  local log = {n = 0}
  local f = load(reader(dumped, size, log), "=bin")
  print(size, log.n, #dumped, f(21))
end
local log = {n = 0}
print(load(reader(dumped:sub(1, 30), 4, log), "=cut"))
print(log.n)

print(type(load(function() return nil end)))
print(pcall(load, function() return {} end))
print(pcall(load, function() error("reader failed") end))
local calls = 0
local f = load(function()
  calls = calls + 1
  if calls == 1 then return nil end
  if calls == 2 then return "return 'second call'" end
end)
print(f and f(), calls)
print(pcall(load, "not a function"))
