local f = function(a, b,) end
