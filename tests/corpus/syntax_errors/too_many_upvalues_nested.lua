local function outer()
  local w1 = 1
  local w2 = 2
  local w3 = 3
  local w4 = 4
  local w5 = 5
  local w6 = 6
  local w7 = 7
  local w8 = 8
  local w9 = 9
  local w10 = 10
  local w11 = 11
  local w12 = 12
  local w13 = 13
  local w14 = 14
  local w15 = 15
  local w16 = 16
  local w17 = 17
  local w18 = 18
  local w19 = 19
  local w20 = 20
  local w21 = 21
  local w22 = 22
  local w23 = 23
  local w24 = 24
  local w25 = 25
  local w26 = 26
  local w27 = 27
  local w28 = 28
  local w29 = 29
  local w30 = 30
  local w31 = 31
  local w32 = 32
  local w33 = 33
  local w34 = 34
  local w35 = 35
  local w36 = 36
  local w37 = 37
  local w38 = 38
  local w39 = 39
  local w40 = 40
  local w41 = 41
  local w42 = 42
  local w43 = 43
  local w44 = 44
  local w45 = 45
  local w46 = 46
  local w47 = 47
  local w48 = 48
  local w49 = 49
  local w50 = 50
  local w51 = 51
  local w52 = 52
  local w53 = 53
  local w54 = 54
  local w55 = 55
  local w56 = 56
  local w57 = 57
  local w58 = 58
  local w59 = 59
  local w60 = 60
  local w61 = 61
  local w62 = 62
  local w63 = 63
  local w64 = 64
  local w65 = 65
  return function()
    return function()
      return w1 .. w2 .. w3 .. w4 .. w5 .. w6 .. w7 .. w8 .. w9 .. w10 .. w11 .. w12 .. w13 .. w14 .. w15 .. w16 .. w17 .. w18 .. w19 .. w20 .. w21 .. w22 .. w23 .. w24 .. w25 .. w26 .. w27 .. w28 .. w29 .. w30 .. w31 .. w32 .. w33 .. w34 .. w35 .. w36 .. w37 .. w38 .. w39 .. w40 .. w41 .. w42 .. w43 .. w44 .. w45 .. w46 .. w47 .. w48 .. w49 .. w50 .. w51 .. w52 .. w53 .. w54 .. w55 .. w56 .. w57 .. w58 .. w59 .. w60 .. w61 .. w62 .. w63 .. w64 .. w65
    end
  end
end
