-- optional semicolons after statements (5.1 has no empty statement, so
-- a lone ';' is not allowed; only one ';' after each statement)
local a = 1; local b = 2;
print(a + b);
a = a + 1; b = b + 1; print(a, b);
do end;
if a then end;
for i = 1, 2 do print(i); end;
local function f() return 1; end;
print(f());
while false do end;
repeat until true;
local t = {1; 2; 3;};
print(#t);
local function g() return; end
print(g());
do local x = 1; print(x); end
