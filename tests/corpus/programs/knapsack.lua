-- 0/1 knapsack with item reconstruction, and coin change counting
local items = {{"map", 9, 150}, {"compass", 13, 35}, {"water", 153, 200}, {"sandwich", 50, 160},
  {"glucose", 15, 60}, {"tin", 68, 45}, {"banana", 27, 60}, {"apple", 39, 40},
  {"cheese", 23, 30}, {"beer", 52, 10}, {"suntan", 11, 70}, {"camera", 32, 30}}
local cap = 400
local best = {}
for w = 0, cap do best[w] = 0 end
local keep = {}
for i, it in ipairs(items) do
  keep[i] = {}
  for w = cap, it[2], -1 do
    local cand = best[w - it[2]] + it[3]
    if cand > best[w] then best[w] = cand; keep[i][w] = true end
  end
end
local w, chosen = cap, {}
for i = #items, 1, -1 do
  if keep[i][w] then table.insert(chosen, 1, items[i][1]); w = w - items[i][2] end
end
print(best[cap], cap - w, table.concat(chosen, " "))
local function ways(amount, coins)
  local dp = {[0] = 1}
  for a = 1, amount do dp[a] = 0 end
  for _, c in ipairs(coins) do
    for a = c, amount do dp[a] = dp[a] + dp[a - c] end
  end
  return dp[amount]
end
print(ways(100, {1, 5, 10, 25, 50}), ways(10, {2, 5, 3, 6}), ways(0, {1}))
