-- method call syntax and self
local Account = {}
Account.__index = Account
function Account.new(name, balance)
  return setmetatable({name = name, balance = balance or 0}, Account)
end
function Account:deposit(v) self.balance = self.balance + v return self end
function Account:withdraw(v)
  if v > self.balance then return nil, "insufficient funds" end
  self.balance = self.balance - v
  return self
end
function Account:report() return self.name .. ": " .. self.balance end
local acc = Account.new("alice", 100)
acc:deposit(50):deposit(25)
print(acc:report())
print(acc:withdraw(1000))
print(acc:withdraw(75):report())
print(Account.report(acc), acc.report(acc))
local s = "method"
print(s:upper(), s:sub(2, 4), s:rep(2, "-"), ("x"):byte())
local t = {items = {}}
function t.items:add(v) self[#self + 1] = v end
t.items:add("a") t.items:add("b")
print(#t.items, t.items[2])
local key = "report"
print(acc[key](acc))
