local function make_counter()
  local count = 0
  local function inc()
    count = count + 1
    return count
  end
  local function get()
    return count
  end
  inc()
  return inc, get
end

local inc, get = make_counter()
inc()
print(get())
