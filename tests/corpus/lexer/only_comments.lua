-- this chunk has no statements at all: it only contains comments
--[[ a long comment ]]
--[==[
  and another one
]==]
-- the expected output is empty
