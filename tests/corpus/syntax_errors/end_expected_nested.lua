local function outer()
  local function inner()
    return 1
  end
  if true then
    return inner()
  end
