io.write("name? ")
local name = io.read()
print("hello", name)
if name == nil then os.exit(3) end
print("unreached")
