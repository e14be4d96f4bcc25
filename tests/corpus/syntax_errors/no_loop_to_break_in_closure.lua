for i = 1, 3 do
  local f = function() break end
end
