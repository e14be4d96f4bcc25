local v = .5.5
