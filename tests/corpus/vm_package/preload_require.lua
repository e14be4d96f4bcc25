-- require through package.preload: results, package.loaded, loops, errors, searchers
package.path = "./no_such_dir_for_corpus/?.lua"
package.cpath = "./no_such_dir_for_corpus/?.so"

local runs = {}
package.preload.counter = function(name, extra)
  runs[#runs + 1] = name
  print("loading", name, extra)
  return {id = #runs}
end
print(require("counter").id, require("counter").id, #runs)
package.loaded.counter = nil
print(require("counter").id, #runs)

package.preload.yes = function() end
package.preload.no = function() return false end
package.preload.own = function(name) package.loaded[name] = "set by module" end
print(require("yes"), require("no"), require("own"))
print(package.loaded.yes, package.loaded.no, package.loaded.own)

package.preload.ping = function() return require("pong") end
package.preload.pong = function() return require("ping") end
print(pcall(require, "ping"))
print(pcall(require, "pong"))

package.preload.fails = function() error("module body failed") end
print(pcall(require, "fails"))
print(pcall(require, "fails"))

local ok, msg = pcall(require, "absent.mod")
print(ok)
print(msg)

print(select("#", package.loaders[4]("plain")))
print(package.loaders[1]("nothing"))
print(package.loaders[2]("nothing"))

local log = {}
table.insert(package.loaders, 1, function(name)
  log[#log + 1] = name
  if name:sub(1, 4) == "gen." then
    return function(n) return "generated " .. n end
  end
  return "\n\tnot generated: " .. name
end)
print(require("gen.one"), require("gen.two"), require("gen.one"))
print(table.concat(log, " "))
print(pcall(require, "other"))
