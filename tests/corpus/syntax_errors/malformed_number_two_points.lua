local v = 3.4.5
