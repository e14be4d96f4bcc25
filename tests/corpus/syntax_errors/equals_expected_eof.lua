local t = {}
t.field