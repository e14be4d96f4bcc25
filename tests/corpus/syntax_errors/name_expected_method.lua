local v = a:1()
