-- a small class system with inheritance, super calls and class-level data
local function class(parent)
  local c = {}
  c.__index = c
  if parent then setmetatable(c, {__index = parent}) end
  c.super = parent
  c.new = function(...)
    local o = setmetatable({}, c)
    if o.init then o:init(...) end
    return o
  end
  return c
end
local Animal = class()
Animal.count = 0
function Animal:init(name) self.name = name; Animal.count = Animal.count + 1 end
function Animal:speak() return self.name .. " makes a sound" end
function Animal:describe() return "I am " .. self.name .. ": " .. self:speak() end
local Dog = class(Animal)
function Dog:init(name, breed) Animal.init(self, name); self.breed = breed end
function Dog:speak() return self.name .. " barks" end
local Puppy = class(Dog)
function Puppy:speak() return Dog.speak(self) .. " softly" end
local a, d, p = Animal.new("generic"), Dog.new("Rex", "lab"), Puppy.new("Bit", "pug")
print(a:describe())
print(d:describe())
print(p:describe())
print(p.breed, Animal.count, Puppy.count, rawget(Puppy, "count"))
print(getmetatable(p) == Puppy, Puppy.super == Dog, Dog.super == Animal, Animal.super)
-- isinstance by walking the chain
local function isinstance(o, cls)
  local c = getmetatable(o)
  while c do
    if c == cls then return true end
    c = c.super
  end
  return false
end
print(isinstance(p, Animal), isinstance(p, Dog), isinstance(d, Puppy), isinstance(a, Dog))
-- overriding at the instance level
p.speak = function(self) return "instance override" end
print(p:describe(), Puppy.new("X"):describe())
-- class-level method added after instances exist
function Animal:legs() return 4 end
print(p:legs(), d:legs())
