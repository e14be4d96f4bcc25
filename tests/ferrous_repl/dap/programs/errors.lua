local function fail(what)
  error("failed: " .. what)
end
local ok, err = pcall(fail, "caught")
print(ok, err)
local data = {level = 1}
fail("uncaught")
