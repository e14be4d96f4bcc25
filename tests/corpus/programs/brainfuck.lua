-- a brainfuck interpreter with precomputed bracket jumps
local function run(prog, input)
  local jumps, stack = {}, {}
  for i = 1, #prog do
    local c = prog:sub(i, i)
    if c == "[" then stack[#stack + 1] = i
    elseif c == "]" then
      local j = table.remove(stack)
      if not j then error("unbalanced ] at " .. i) end
      jumps[i], jumps[j] = j, i
    end
  end
  if #stack > 0 then error("unbalanced [") end
  local tape, ptr, pc, out, inp = {}, 1, 1, {}, 1
  while pc <= #prog do
    local c = prog:byte(pc)
    if c == 62 then ptr = ptr + 1
    elseif c == 60 then ptr = ptr - 1
    elseif c == 43 then tape[ptr] = ((tape[ptr] or 0) + 1) % 256
    elseif c == 45 then tape[ptr] = ((tape[ptr] or 0) - 1) % 256
    elseif c == 46 then out[#out + 1] = string.char(tape[ptr] or 0)
    elseif c == 44 then tape[ptr] = input:byte(inp) or 0; inp = inp + 1
    elseif c == 91 then if (tape[ptr] or 0) == 0 then pc = jumps[pc] end
    elseif c == 93 then if (tape[ptr] or 0) ~= 0 then pc = jumps[pc] end
    end
    pc = pc + 1
  end
  return table.concat(out)
end
local hello = "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.>++."
io.write(run(hello, ""))
print(run(",[.,]", "echo this"))
print(run(",>,<[->+<]>" .. string.rep("+", 48) .. ".", "\3\4"))
print(pcall(run, "[[]", ""))
print(pcall(run, "]", ""))
