local function g(...)
  return function() return select('#', ...) end
end
