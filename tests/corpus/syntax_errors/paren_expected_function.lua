function f x) end
