local x = 7 // 2
