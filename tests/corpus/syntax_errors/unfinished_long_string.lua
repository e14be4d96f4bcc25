local s = [[
some text
more text
