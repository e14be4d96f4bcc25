while true do
  break
  print('after break')
end
