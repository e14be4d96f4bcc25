-- a string builder object with chaining, indentation and formatting
local Builder = {}
Builder.__index = Builder
function Builder.new() return setmetatable({parts = {}, level = 0}, Builder) end
function Builder:add(...) for i = 1, select('#', ...) do self.parts[#self.parts + 1] = tostring((select(i, ...))) end return self end
function Builder:line(fmt, ...)
  self.parts[#self.parts + 1] = string.rep("  ", self.level) .. string.format(fmt, ...) .. "\n"
  return self
end
function Builder:indent() self.level = self.level + 1 return self end
function Builder:dedent() self.level = self.level - 1 return self end
function Builder:build() return table.concat(self.parts) end
Builder.__tostring = Builder.build
Builder.__len = function(b) return #b:build() end
local b = Builder.new()
b:line("function %s(%s)", "greet", "name"):indent()
 :line("local msg = %q", "Hello, ")
 :line("if name then"):indent():line("msg = msg .. name"):dedent():line("end")
 :line("return msg"):dedent():line("end")
io.write(b:build())
local c = Builder.new():add("a", 1, true, nil, 2.5)
print(tostring(c))
local big = Builder.new()
for i = 1, 1000 do big:add(i % 10) end
local s = big:build()
print(#s, s:sub(1, 20), s:sub(-5))
