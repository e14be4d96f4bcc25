-- lua-cjson's own tests/test.lua run inside a Redis script (EVAL), against the cjson module Redis
-- bundles. ARGV: the test's source, cjson/util.lua's source, then pairs of file name and bytes
-- (the data files the test reads). Redis scripts have no io, os.setlocale, require, setfenv or
-- globals: each source is loaded with loadstring, its global functions made locals declared on
-- its first line (line numbers kept), io/os/require/print passed in as stand-ins; what the test
-- prints is the script's reply, one line per element.
local test_src, util_src = ARGV[1], ARGV[2]
local files = {}
for i = 3, #ARGV, 2 do files[ARGV[i]] = ARGV[i + 1] end

local out = {}
local function print(...)
  local parts = {}
  for i = 1, select("#", ...) do parts[i] = tostring((select(i, ...))) end
  out[#out + 1] = table.concat(parts, "\t")
end
local io = {
  open = function(name)
    local data = files[name]
    if data == nil then return nil, name .. ": No such file or directory" end
    return {read = function() return data end, close = function() end}
  end,
}
local os = {setlocale = function() return nil end,
            exit = function(code) error({exit = code or 0}, 0) end}

local require
local function load(src, name)
  local globals = {}
  src = ("\n" .. src):gsub("\nfunction ([%w_]+)%(", function(g)
    globals[#globals + 1] = g
    return "\n" .. g .. " = function("
  end):sub(2)
  src = src:gsub("^#", "--#")
  local decl = #globals > 0 and ("local " .. table.concat(globals, ", ") .. "; ") or ""
  local f = assert(loadstring("local print, io, os, require = ...; " .. decl .. src, "=" .. name))
  return f(print, io, os, require)
end

local safe = setmetatable({}, {__index = function(_, k)
  return function() error("cjson.safe is not in Redis (" .. tostring(k) .. ")", 0) end
end})
local modules = {cjson = cjson, ["cjson.safe"] = safe}
require = function(name)
  if modules[name] == nil and name == "cjson.util" then
    modules[name] = load(util_src, "cjson/util.lua")
  end
  return modules[name] or error("module '" .. name .. "' not found", 2)
end

local ok, err = pcall(load, test_src, "test.lua")
if not ok then
  out[#out + 1] = type(err) == "table" and ("os.exit(" .. tostring(err.exit) .. ")")
                  or ("error: " .. tostring(err))
end
return out
