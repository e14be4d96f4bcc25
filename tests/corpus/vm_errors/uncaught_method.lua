-- an uncaught error inside a method of a small class
local Account = {}
Account.__index = Account
function Account.new(balance) return setmetatable({balance = balance}, Account) end
function Account:withdraw(n)
  if n > self.balance then
    local limits = self.limits
    return limits.overdraft
  end
  self.balance = self.balance - n
  return self.balance
end
local acc = Account.new(100)
print(acc:withdraw(30))
print(acc:withdraw(80))
