-- a tiny stack machine interpreting a program given as a string
local function run(src)
  local stack, out, labels, code = {}, {}, {}, {}
  for tok in src:gmatch("%S+") do
    if tok:sub(-1) == ":" then labels[tok:sub(1, -2)] = #code + 1 else code[#code + 1] = tok end
  end
  local pc, steps = 1, 0
  local function pop() local v = stack[#stack]; stack[#stack] = nil; return v end
  local ops = {
    ["+"] = function() local b, a = pop(), pop(); stack[#stack + 1] = a + b end,
    ["-"] = function() local b, a = pop(), pop(); stack[#stack + 1] = a - b end,
    ["*"] = function() local b, a = pop(), pop(); stack[#stack + 1] = a * b end,
    dup = function() stack[#stack + 1] = stack[#stack] end,
    swap = function() local n = #stack; stack[n], stack[n - 1] = stack[n - 1], stack[n] end,
    over = function() stack[#stack + 1] = stack[#stack - 1] end,
    drop = function() pop() end,
    print = function() out[#out + 1] = tostring(pop()) end,
  }
  while pc <= #code do
    steps = steps + 1
    local tok = code[pc]
    pc = pc + 1
    local n = tonumber(tok)
    if n then stack[#stack + 1] = n
    elseif ops[tok] then ops[tok]()
    elseif tok:sub(1, 3) == "jz:" then if pop() == 0 then pc = labels[tok:sub(4)] end
    elseif tok:sub(1, 4) == "jmp:" then pc = labels[tok:sub(5)]
    elseif tok == "halt" then break
    else error("unknown op " .. tok) end
  end
  return table.concat(out, " "), steps, #stack
end
print(run("2 3 + 4 * print"))
-- factorial of 10 with a loop: acc n
print(run([[
  1 10
  loop: dup jz:end
  swap over * swap 1 - jmp:loop
  end: drop print
]]))
-- countdown
print(run("5 top: dup print 1 - dup jz:done jmp:top done: halt"))
print(pcall(run, "1 2 frob"))
