-- [expr]= keys of all constant and non-constant kinds
local k = "dyn"
local function key() return "called" end
local t = {
  [1] = "int", [2.5] = "float", ["str"] = "string", [true] = "true", [false] = "false",
  [k] = "local", [key()] = "call", [k .. "2"] = "concat", [#k] = "len", [-1] = "neg",
  [0x10] = "hex", [1e3] = "exp", name = "plain",
}
print(t[1], t[2.5], t.str, t[true], t[false], t.dyn, t.called, t.dyn2, t[3], t[-1], t[16], t[1000], t.name)
local nested = {[{}] = 1, [{1}] = 2, inner = {[1] = {[1] = {[1] = "deep"}}}}
print(nested.inner[1][1][1])
local n = 0
for _ in pairs(nested) do n = n + 1 end
print(n)
local seq = {[1] = "a", [2] = "b", [3] = "c"}
print(#seq, table.concat(seq))
local override = {"pos1", "pos2", [1] = "key1"}
print(override[1], override[2])
local override2 = {[1] = "key1", "pos1"}
print(override2[1])
