-- module(): environments, _NAME/_M/_PACKAGE, nested names, seeall, options, conflicts
local print, pcall, module, package, G, getfenv, setfenv, tostring =
      print, pcall, module, package, _G, getfenv, setfenv, tostring

local function show(t)
  print(t._NAME, t._PACKAGE, t._M == t, rawget(t, "_G") == G)
end

module("shapes")
area = function(w, h) return w * h end
show(G.shapes)
print(getfenv(1) == G.shapes, G.area, G.shapes.area(3, 4))

module("shapes.round", package.seeall)
function circle(r) return math.floor(3.14159 * r * r) end
show(shapes.round)
print(shapes.round.circle(2), shapes._NAME, G.package.loaded["shapes.round"] == _M)

module("deep.er.est")
show(G.deep.er.est)
print(G.deep._NAME, G.deep.er._NAME, G.deep.er.est == G.package.loaded["deep.er.est"])

local seen = {}
module("opts", function(m) seen[#seen + 1] = "first " .. m._NAME end,
               function(m) seen[#seen + 1] = "second " .. tostring(getfenv(2) == m) end)
print(seen[1], seen[2])

setfenv(1, G)
x = "global x"
print(pcall(module, "direct"))
print(type(package.loaded.direct), type(direct))
number_global = 5
print(pcall(function() module("number_global") end))
print(pcall(function() module("number_global.sub") end))
print(pcall(function() module("string.sub") end))
print(pcall(function() module("table") end))
print(pcall(function() module() end))

local m = {}
package.seeall(m)
print(m.x, getmetatable(m).__index == G)
local with_mt = setmetatable({}, {__index = function() return "custom" end})
package.seeall(with_mt)
print(with_mt.x)
print(pcall(package.seeall, "not a table"))

package.preload.lib = function(...)
  module(..., package.seeall)
  function twice(v) return v .. v end
end
local lib = require("lib")
print(lib.twice("ab"), lib._NAME, lib == package.loaded.lib, x)
