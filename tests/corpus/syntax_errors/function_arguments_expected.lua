local x = a:b + 1
