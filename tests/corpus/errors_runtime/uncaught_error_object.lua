-- uncaught error with a non-string error value
print("start")
io.write("partial line ")
error(setmetatable({}, {__tostring = function() return "custom error object" end}))
