-- short circuit evaluation with side effects
local trace = {}
local function t(name, v) trace[#trace + 1] = name; return v end
local function reset() local s = table.concat(trace, ","); trace = {}; return s end
local r = t("a", false) and t("b", true)
print(r, reset())
r = t("a", true) and t("b", false) and t("c", true)
print(r, reset())
r = t("a", nil) or t("b", false) or t("c", 0)
print(r, reset())
r = t("a", 1) or t("b", 2)
print(r, reset())
r = (t("a", true) or t("b", true)) and (t("c", false) or t("d", "d"))
print(r, reset())
if t("x", false) or t("y", true) and t("z", true) then print("taken", reset()) end
if not (t("p", 1) and t("q", nil)) then print("not taken", reset()) end
while t("w", false) do end
print(reset())
local v = t("m", 1) < 2 and t("n", "lt") or t("o", "ge")
print(v, reset())
