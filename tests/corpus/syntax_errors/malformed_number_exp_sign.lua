local n = 1e+
