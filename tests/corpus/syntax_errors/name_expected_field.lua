local v = t.[1]
