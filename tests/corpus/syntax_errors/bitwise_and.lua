local x = 6 & 3
