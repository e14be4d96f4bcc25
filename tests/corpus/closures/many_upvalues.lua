-- a function with many upvalues (close to the limit of 60)
local u1,u2,u3,u4,u5,u6,u7,u8,u9,u10 = 1,2,3,4,5,6,7,8,9,10
local u11,u12,u13,u14,u15,u16,u17,u18,u19,u20 = 11,12,13,14,15,16,17,18,19,20
local u21,u22,u23,u24,u25,u26,u27,u28,u29,u30 = 21,22,23,24,25,26,27,28,29,30
local u31,u32,u33,u34,u35,u36,u37,u38,u39,u40 = 31,32,33,34,35,36,37,38,39,40
local u41,u42,u43,u44,u45,u46,u47,u48,u49,u50 = 41,42,43,44,45,46,47,48,49,50
local u51,u52,u53,u54,u55,u56,u57,u58,u59,u60 = 51,52,53,54,55,56,57,58,59,60
local function sum()
  return u1+u2+u3+u4+u5+u6+u7+u8+u9+u10+u11+u12+u13+u14+u15+u16+u17+u18+u19+u20
    +u21+u22+u23+u24+u25+u26+u27+u28+u29+u30+u31+u32+u33+u34+u35+u36+u37+u38+u39+u40
    +u41+u42+u43+u44+u45+u46+u47+u48+u49+u50+u51+u52+u53+u54+u55+u56+u57+u58+u59+u60
end
print(sum())
local function bump() u1 = u1 + 1000; u60 = u60 + 1000 end
bump()
print(sum(), u1, u60)
