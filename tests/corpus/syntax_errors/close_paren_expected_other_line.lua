print(1,
  2,
  3
local y = 2
