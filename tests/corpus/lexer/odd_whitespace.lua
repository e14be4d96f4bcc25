-- odd whitespace: tabs, form feeds, vertical tabs between tokens
local	a	=	1
localb=2
localc=3
print(a	+b+c)
		
   print  (  "spaced"  ,  a  )   
local t = {	1 ,2 ,3 }
print(#t)
if	a	thenprint("ok")end
