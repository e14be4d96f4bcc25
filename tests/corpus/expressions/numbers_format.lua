-- how numbers are converted to strings
local vals = {0, 1, -1, 0.5, -0.5, 1/3, 2/3, 100, 1e15, 1e16, 1e100, 123456789012,
  3.14159265358979, 2^31, 2^32, 2^53, 2^63, -2^63, 1e-5, 1e-300, 255, 0x10, 1.0, 12.50}
for i, v in ipairs(vals) do
  io.write(tostring(v), " ")
end
print()
print(string.format("%d %5d %-5d| %05d %x %X %o", 42, 42, 42, 42, 255, 255, 8))
print(string.format("%.3f %10.2f %-10.2f| %e %g %g", math.pi, math.pi, math.pi, 12345.678, 1e20, 0.0001))
print(string.format("%g %g %g", 100000, 1000000, 1e-5))
print(tonumber("10"), tonumber("0x1F"), tonumber("  12  "), tonumber("1e2"), tonumber("abc"))
print(tonumber("ff", 16), tonumber("777", 8), tonumber("zz", 36), tonumber("102", 2))
print(tonumber(""), tonumber(" "), tonumber("1 2"), tonumber("0x"), tonumber(".5"), tonumber("5."))
print(math.floor(3.7), math.ceil(3.2), math.floor(-3.7), math.ceil(-3.2))
print(math.max(3, 9, 1), math.min(3, 9, 1), math.abs(-4), math.fmod(7, 3), math.fmod(-7, 3))
print(math.sqrt(16), math.huge, -math.huge, math.modf(3.75))
print(8 % 3.5, 2^0.5 * 2^0.5 == 2, string.format("%.14g", 0.1 + 0.2))
