-- tokens with no whitespace between them
local a,b,c=1,2,3;print(a+b*c-a/b^c%a..b..c)
local t={a,b,c,[4]=4;x=5}print(#t,t.x,t[4])
local function f(...)return...end print(f(1,2,3))
if a<b and b<=c and c>a and c>=b and a~=b and a==1 then print"ok"end
local s="x"..'y'..[[z]]..[=[w]=]print(s)
print(-a,not a,#s,-(-a),- -a,not not a)
print(1 ..2,a..b,a..1)
while false do end repeat until true for i=1,2 do end for k,v in pairs{}do end
local x=a==1 and"yes"or"no"print(x)
print((a)+(b),(f)(4),({5})[1],("q"):rep(2))
