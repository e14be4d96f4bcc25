-- Lua 5.1 converts strings with the C library strtod (glibc here), so
-- hexadecimal floats and inf/nan spellings are accepted by tonumber
print(tonumber("0x1p4"), tonumber("0x.8"), tonumber("0xA.8p1"), tonumber("0x10"))
print(tonumber("-0x10"), tonumber("  0x1P-2  "), tonumber("0x7fffffff"), tonumber("0xffffffff"))
print(tonumber("0x100000000"), tonumber("1e308"), tonumber("1e309"), tonumber("-1e309"))
print(tonumber("inf"), tonumber("-inf"), tonumber("INF"), tonumber("infinity"), tonumber("+Infinity"))
print(tonumber("1e-400"), tonumber("4.9e-324") > 0, tonumber("00012"), tonumber("1.e2"))
print("inf" + 0, "-inf" * 2, "1e309" - 1)
print(tonumber("infx"), tonumber("in"), tonumber("0x1p"), tonumber("1e+"), tonumber("--1"))
