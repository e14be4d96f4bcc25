-- deeply nested parentheses, constructors, blocks and calls
local a = 1
print(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
print(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a + 1) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2) * 2)
local t = {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{'x'}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}
local d, c = t, 0
while type(d) == 'table' do d = d[1]; c = c + 1 end
print(c, d)
local v = 0
do local l0 = 0; v = v + l0
 do local l1 = 1; v = v + l1
  do local l2 = 2; v = v + l2
   do local l3 = 3; v = v + l3
    do local l4 = 4; v = v + l4
     do local l5 = 5; v = v + l5
      do local l6 = 6; v = v + l6
       do local l7 = 7; v = v + l7
        do local l8 = 8; v = v + l8
         do local l9 = 9; v = v + l9
          do local l10 = 10; v = v + l10
           do local l11 = 11; v = v + l11
            do local l12 = 12; v = v + l12
             do local l13 = 13; v = v + l13
              do local l14 = 14; v = v + l14
               do local l15 = 15; v = v + l15
                do local l16 = 16; v = v + l16
                 do local l17 = 17; v = v + l17
                  do local l18 = 18; v = v + l18
                   do local l19 = 19; v = v + l19
                    do local l20 = 20; v = v + l20
                     do local l21 = 21; v = v + l21
                      do local l22 = 22; v = v + l22
                       do local l23 = 23; v = v + l23
                        do local l24 = 24; v = v + l24
                         do local l25 = 25; v = v + l25
                          do local l26 = 26; v = v + l26
                           do local l27 = 27; v = v + l27
                            do local l28 = 28; v = v + l28
                             do local l29 = 29; v = v + l29
                              do local l30 = 30; v = v + l30
                               do local l31 = 31; v = v + l31
                                do local l32 = 32; v = v + l32
                                 do local l33 = 33; v = v + l33
                                  do local l34 = 34; v = v + l34
                                   do local l35 = 35; v = v + l35
                                    do local l36 = 36; v = v + l36
                                     do local l37 = 37; v = v + l37
                                      do local l38 = 38; v = v + l38
                                       do local l39 = 39; v = v + l39
                                        do local l40 = 40; v = v + l40
                                         do local l41 = 41; v = v + l41
                                          do local l42 = 42; v = v + l42
                                           do local l43 = 43; v = v + l43
                                            do local l44 = 44; v = v + l44
                                             do local l45 = 45; v = v + l45
                                              do local l46 = 46; v = v + l46
                                               do local l47 = 47; v = v + l47
                                                do local l48 = 48; v = v + l48
                                                 do local l49 = 49; v = v + l49
                                                 end
                                                end
                                               end
                                              end
                                             end
                                            end
                                           end
                                          end
                                         end
                                        end
                                       end
                                      end
                                     end
                                    end
                                   end
                                  end
                                 end
                                end
                               end
                              end
                             end
                            end
                           end
                          end
                         end
                        end
                       end
                      end
                     end
                    end
                   end
                  end
                 end
                end
               end
              end
             end
            end
           end
          end
         end
        end
       end
      end
     end
    end
   end
  end
 end
end
print(v)
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
if a == 1 then
print('deep if')
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end

local deepf = function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return function() return 'deepest' end end end end end end end end end end end end end end end end end end end end end end end end end end end end end end
local r = deepf
for i = 1, 30 do r = r() end
print(r)
print(- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - a)
print(not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not a)
