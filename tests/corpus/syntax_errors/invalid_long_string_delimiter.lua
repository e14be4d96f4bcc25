local s = [= bad =]
