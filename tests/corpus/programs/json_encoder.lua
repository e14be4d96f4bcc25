-- a small JSON encoder with sorted keys and string escaping
local encode
local escapes = {['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f',
                 ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t'}
local function encode_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end
local function is_array(t)
  local n = 0
  for k in pairs(t) do
    if type(k) ~= "number" or k <= 0 or k % 1 ~= 0 then return false end
    n = n + 1
  end
  return n == #t
end
function encode(v, indent, depth)
  depth = depth or 0
  local ty = type(v)
  if ty == "nil" then return "null"
  elseif ty == "boolean" then return tostring(v)
  elseif ty == "number" then
    if v ~= v or v == math.huge or v == -math.huge then error("cannot encode " .. tostring(v)) end
    if v % 1 == 0 and math.abs(v) < 2^53 then return string.format("%d", v) end
    return string.format("%.14g", v)
  elseif ty == "string" then return encode_string(v)
  elseif ty == "table" then
    local parts = {}
    if is_array(v) then
      for i = 1, #v do parts[i] = encode(v[i], indent, depth + 1) end
      return "[" .. table.concat(parts, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
    for _, k in ipairs(keys) do
      local val = v[k]
      if val == nil then val = v[tonumber(k)] end
      parts[#parts + 1] = encode_string(k) .. ":" .. encode(val, indent, depth + 1)
    end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  error("cannot encode type " .. ty)
end
print(encode({1, 2, 3}))
print(encode({name = "Lua", version = 5.1, tags = {"fast", "small"}, nested = {a = {b = {c = true}}}}))
print(encode("quote \" backslash \\ newline \n tab \t bell \a"))
print(encode({}), encode({{}, {{}}}), encode(false), encode(nil), encode(-0.5), encode(1e20))
print(pcall(encode, {f = print}))
print(pcall(encode, 0 / 0 == 0 / 0 and 1 or math.huge))
print(encode({[1] = "a", [2] = "b", [4] = "d"}))
