-- more than 256 distinct constants: later constants need LOADK into a register
-- before they can be used as operands of arithmetic, comparisons, SETTABLE ...
local words = {
  "w000", "w001", "w002", "w003", "w004", "w005", "w006", "w007", "w008", "w009",
  "w010", "w011", "w012", "w013", "w014", "w015", "w016", "w017", "w018", "w019",
  "w020", "w021", "w022", "w023", "w024", "w025", "w026", "w027", "w028", "w029",
  "w030", "w031", "w032", "w033", "w034", "w035", "w036", "w037", "w038", "w039",
  "w040", "w041", "w042", "w043", "w044", "w045", "w046", "w047", "w048", "w049",
  "w050", "w051", "w052", "w053", "w054", "w055", "w056", "w057", "w058", "w059",
  "w060", "w061", "w062", "w063", "w064", "w065", "w066", "w067", "w068", "w069",
  "w070", "w071", "w072", "w073", "w074", "w075", "w076", "w077", "w078", "w079",
  "w080", "w081", "w082", "w083", "w084", "w085", "w086", "w087", "w088", "w089",
  "w090", "w091", "w092", "w093", "w094", "w095", "w096", "w097", "w098", "w099",
  "w100", "w101", "w102", "w103", "w104", "w105", "w106", "w107", "w108", "w109",
  "w110", "w111", "w112", "w113", "w114", "w115", "w116", "w117", "w118", "w119",
  "w120", "w121", "w122", "w123", "w124", "w125", "w126", "w127", "w128", "w129",
  "w130", "w131", "w132", "w133", "w134", "w135", "w136", "w137", "w138", "w139",
  "w140", "w141", "w142", "w143", "w144", "w145", "w146", "w147", "w148", "w149",
  "w150", "w151", "w152", "w153", "w154", "w155", "w156", "w157", "w158", "w159",
  "w160", "w161", "w162", "w163", "w164", "w165", "w166", "w167", "w168", "w169",
  "w170", "w171", "w172", "w173", "w174", "w175", "w176", "w177", "w178", "w179",
  "w180", "w181", "w182", "w183", "w184", "w185", "w186", "w187", "w188", "w189",
  "w190", "w191", "w192", "w193", "w194", "w195", "w196", "w197", "w198", "w199",
  "w200", "w201", "w202", "w203", "w204", "w205", "w206", "w207", "w208", "w209",
  "w210", "w211", "w212", "w213", "w214", "w215", "w216", "w217", "w218", "w219",
  "w220", "w221", "w222", "w223", "w224", "w225", "w226", "w227", "w228", "w229",
  "w230", "w231", "w232", "w233", "w234", "w235", "w236", "w237", "w238", "w239",
  "w240", "w241", "w242", "w243", "w244", "w245", "w246", "w247", "w248", "w249",
  "w250", "w251", "w252", "w253", "w254", "w255", "w256", "w257", "w258", "w259",
  "w260", "w261", "w262", "w263", "w264", "w265", "w266", "w267", "w268", "w269",
  "w270", "w271", "w272", "w273", "w274", "w275", "w276", "w277", "w278", "w279",
  "w280", "w281", "w282", "w283", "w284", "w285", "w286", "w287", "w288", "w289",
  "w290", "w291", "w292", "w293", "w294", "w295", "w296", "w297", "w298", "w299",
}
local nums = {
  1000.25, 1001.25, 1002.25, 1003.25, 1004.25, 1005.25, 1006.25, 1007.25, 1008.25, 1009.25,
  1010.25, 1011.25, 1012.25, 1013.25, 1014.25, 1015.25, 1016.25, 1017.25, 1018.25, 1019.25,
  1020.25, 1021.25, 1022.25, 1023.25, 1024.25, 1025.25, 1026.25, 1027.25, 1028.25, 1029.25,
  1030.25, 1031.25, 1032.25, 1033.25, 1034.25, 1035.25, 1036.25, 1037.25, 1038.25, 1039.25,
  1040.25, 1041.25, 1042.25, 1043.25, 1044.25, 1045.25, 1046.25, 1047.25, 1048.25, 1049.25,
  1050.25, 1051.25, 1052.25, 1053.25, 1054.25, 1055.25, 1056.25, 1057.25, 1058.25, 1059.25,
  1060.25, 1061.25, 1062.25, 1063.25, 1064.25, 1065.25, 1066.25, 1067.25, 1068.25, 1069.25,
  1070.25, 1071.25, 1072.25, 1073.25, 1074.25, 1075.25, 1076.25, 1077.25, 1078.25, 1079.25,
  1080.25, 1081.25, 1082.25, 1083.25, 1084.25, 1085.25, 1086.25, 1087.25, 1088.25, 1089.25,
  1090.25, 1091.25, 1092.25, 1093.25, 1094.25, 1095.25, 1096.25, 1097.25, 1098.25, 1099.25,
}
print(#words, words[1], words[300], #nums, nums[100])
local x = 7
-- these constants are new, so their indices are above 255
local a = x + 12345.5
local b = 99999.25 - x
local c = x * 31337 / 2718
local d = x % 4444 + 5555 ^ 0.5
print(a, b, c, d)
local t = {}
t.fresh_key_one = 'fresh value one'
t['fresh key two'] = 77777
t[88888] = t.fresh_key_one
print(t.fresh_key_one, t['fresh key two'], t[88888])
if x == 65432 then print('no') elseif x < 65433 then print('below 65433') end
if 'zzz_unique' == words[1] then print('no') else print('not equal') end
local s = 'prefix_unique_' .. x .. '_suffix_unique'
print(s)
local o = {method_with_new_name = function(self, v) return v .. '!' end}
print(o:method_with_new_name('called'))
brand_new_global = 'global beyond 256'
print(brand_new_global, w000 == nil)
local sum = 0
for i = 1, #nums do sum = sum + nums[i] end
print(sum)
local u = {yet_another = 1, [424242] = 2, ['more keys'] = 3}
print(u.yet_another, u[424242], u['more keys'])
local f = function() return 31415.9, 'closure constant' end
print(f())
-- nil/true/false are only RK constants while the constant table is small;
-- here they must be loaded into registers first
local q = {}
q.flag_true = true
q.flag_false = false
q.flag_nil = nil
q[1] = true
print(q.flag_true, q.flag_false, q.flag_nil, q[1])
local maybe
if maybe == nil then print("maybe is nil") end
if q.flag_true == true then print("flag is true") end
if false ~= q.flag_false then print("no") else print("flag is false") end
print(q.flag_true == false, nil == maybe)
