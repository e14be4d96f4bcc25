-- Enough of LuaFileSystem for third-party code that loads it to look at files (Penlight's
-- pl.path), in plain Lua through io.popen and os.execute, so it runs the same under lua5.1
-- (no lfs installed here) and ferrous. Not a replacement for lfs: slow, POSIX shell only.

local lfs = {_VERSION = "LuaFileSystem (bench/third_party stand-in)"}

local function quote(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

local function read(command)
  local f = io.popen(command)
  local out = f:read("*a")
  f:close()
  return out
end

local kinds = {["regular file"] = "file", ["regular empty file"] = "file", directory = "directory",
  ["symbolic link"] = "link", fifo = "named pipe", socket = "socket",
  ["character special file"] = "char device", ["block special file"] = "block device"}

local function stat(path, follow)
  local out = read("stat " .. (follow and "-L " or "") .. "-c '%F|%s|%Y|%X|%Z|%a|%i|%h|%u|%g' "
    .. quote(path) .. " 2>/dev/null")
  local kind, size, mtime, atime, ctime, perm, ino, nlink, uid, gid =
    out:match("^(.-)|(%d+)|(%d+)|(%d+)|(%d+)|(%d+)|(%d+)|(%d+)|(%d+)|(%d+)")
  if not kind then
    return nil, "cannot obtain information from file '" .. tostring(path) .. "'", 2
  end
  return {mode = kinds[kind] or "other", size = tonumber(size), modification = tonumber(mtime),
    access = tonumber(atime), change = tonumber(ctime), permissions = perm, ino = tonumber(ino),
    nlink = tonumber(nlink), uid = tonumber(uid), gid = tonumber(gid), dev = 0, rdev = 0,
    blocks = 0, blksize = 4096}
end

local function attributes(follow)
  return function(path, name)
    local t, err, code = stat(path, follow)
    if not t then return nil, err, code end
    if type(name) == "string" then return t[name] end
    if type(name) == "table" then
      for k, v in pairs(t) do name[k] = v end
      return name
    end
    return t
  end
end

lfs.attributes = attributes(true)
lfs.symlinkattributes = attributes(false)

function lfs.currentdir()
  return (read("pwd"):gsub("\n$", ""))
end

function lfs.chdir()
  return nil, "chdir is not supported by this stand-in"
end

function lfs.dir(path)
  local names = {}
  for name in read("ls -a " .. quote(path) .. " 2>/dev/null"):gmatch("[^\n]+") do
    names[#names + 1] = name
  end
  local i = 0
  return function()
    i = i + 1
    return names[i]
  end
end

local function run(command, what, path)
  local ok = os.execute(command .. " 2>/dev/null")
  if ok == 0 or ok == true then return true end
  return nil, what .. " failed: " .. tostring(path)
end

function lfs.mkdir(path) return run("mkdir " .. quote(path), "mkdir", path) end
function lfs.rmdir(path) return run("rmdir " .. quote(path), "rmdir", path) end
function lfs.touch(path) return run("touch " .. quote(path), "touch", path) end
function lfs.link(old, new, symlink)
  return run("ln " .. (symlink and "-s " or "") .. quote(old) .. " " .. quote(new), "link", new)
end
function lfs.lock() return true end
function lfs.unlock() return true end
function lfs.setmode() return true, "binary" end

return lfs
