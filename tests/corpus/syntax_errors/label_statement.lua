::top::
print(1)
