local first = io.read('*l')
local second = io.read('*l')
print('read', first, second)
