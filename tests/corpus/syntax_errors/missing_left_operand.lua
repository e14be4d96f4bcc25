local x = * 2
