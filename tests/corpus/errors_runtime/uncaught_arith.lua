-- uncaught arithmetic error on a global
count = 3
for i = 1, count do print(i) end
total = total + 1
