-- lua-cjson's decode/encode for tests that load their expectations with it (ftcsv), from
-- dkjson (fetched next to the library): the same under lua5.1 and ferrous, no C module needed.
local dkjson = require("dkjson")
return {decode = dkjson.decode, encode = dkjson.encode, null = dkjson.null}
