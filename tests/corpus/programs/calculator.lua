-- tokenizer + recursive descent parser + evaluator for arithmetic expressions
local function tokenize(src)
  local toks, i = {}, 1
  while i <= #src do
    local c = src:sub(i, i)
    if c:match("%s") then i = i + 1
    elseif c:match("%d") or (c == "." and src:sub(i + 1, i + 1):match("%d")) then
      local num = src:match("^%d*%.?%d*", i)
      toks[#toks + 1] = {k = "num", v = tonumber(num)}; i = i + #num
    elseif c:match("[%a_]") then
      local id = src:match("^[%a_][%w_]*", i)
      toks[#toks + 1] = {k = "id", v = id}; i = i + #id
    elseif c:match("[%+%-%*/%^%%%(%),]") then
      toks[#toks + 1] = {k = c}; i = i + 1
    else error("bad char '" .. c .. "' at " .. i, 0) end
  end
  toks[#toks + 1] = {k = "eof"}
  return toks
end
local funcs = {sqrt = math.sqrt, max = math.max, min = math.min, abs = math.abs}
local vars = {pi = math.pi, x = 3, y = 4}
local function parse(src)
  local toks, p = tokenize(src), 1
  local function peek() return toks[p].k end
  local function take(k) local t = toks[p]; if k and t.k ~= k then error("expected " .. k .. " got " .. t.k, 0) end p = p + 1 return t end
  local expr
  local function primary()
    local t = take()
    if t.k == "num" then return t.v
    elseif t.k == "id" then
      if peek() == "(" then
        take("(")
        local args = {}
        if peek() ~= ")" then
          args[1] = expr()
          while peek() == "," do take(","); args[#args + 1] = expr() end
        end
        take(")")
        local f = funcs[t.v] or error("unknown function " .. t.v, 0)
        return f(unpack(args))
      end
      return vars[t.v] or error("unknown variable " .. t.v, 0)
    elseif t.k == "(" then local v = expr(); take(")"); return v
    elseif t.k == "-" then return -primary()
    end
    error("unexpected " .. t.k, 0)
  end
  local function power()
    local b = primary()
    if peek() == "^" then take(); return b ^ power() end
    return b
  end
  local function term()
    local v = power()
    while peek() == "*" or peek() == "/" or peek() == "%" do
      local op = take().k
      local r = power()
      if op == "*" then v = v * r elseif op == "/" then v = v / r else v = v % r end
    end
    return v
  end
  function expr()
    local v = term()
    while peek() == "+" or peek() == "-" do
      local op = take().k
      local r = term()
      if op == "+" then v = v + r else v = v - r end
    end
    return v
  end
  local v = expr()
  take("eof")
  return v
end
for _, e in ipairs({"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-2 ^ 2", "10 % 4 + .5",
    "sqrt(x * x + y * y)", "max(1, 7, 3) - min(4, 2)", "abs(-3.5) * 2", "pi * 2",
    "1 / 0", "(((1)))", "2 *", "foo + 1", "1 $ 2", "bar(1)", "(1 + 2"}) do
  local ok, v = pcall(parse, e)
  print(string.format("%-26s => %s", e, ok and string.format("%.6g", v) or ("error: " .. v)))
end
