--[[ comment [[ nested ]]
print(1)
