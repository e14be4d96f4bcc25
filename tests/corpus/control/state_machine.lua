-- a state machine implemented with a dispatch table and a while loop
local transitions = {
  start = function(c) if c == "a" then return "seen_a" end return "start" end,
  seen_a = function(c) if c == "b" then return "seen_ab" elseif c == "a" then return "seen_a" end return "start" end,
  seen_ab = function(c) if c == "c" then return "accept" elseif c == "a" then return "seen_a" end return "start" end,
  accept = function(c) return "accept" end,
}
local function run(input)
  local state = "start"
  local i = 1
  while i <= #input and state ~= "accept" do
    state = transitions[state](input:sub(i, i))
    i = i + 1
  end
  return state, i - 1
end
for _, s in ipairs({"abc", "xxabcyy", "ababc", "acb", "", "aabbcc", "zzzzabc"}) do
  print(string.format("%-8s", s), run(s))
end
