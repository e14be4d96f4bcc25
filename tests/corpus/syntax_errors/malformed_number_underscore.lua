local big = 1_000_000
