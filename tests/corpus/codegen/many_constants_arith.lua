-- a function whose arithmetic uses 400 distinct numeric constants
local function f(x)
  local acc = 0
  acc = acc + x * 0.5 - 1
  acc = acc + x * 1.5 - 4
  acc = acc + x * 2.5 - 7
  acc = acc + x * 3.5 - 10
  acc = acc + x * 4.5 - 13
  acc = acc + x * 5.5 - 16
  acc = acc + x * 6.5 - 19
  acc = acc + x * 7.5 - 22
  acc = acc + x * 8.5 - 25
  acc = acc + x * 9.5 - 28
  acc = acc + x * 10.5 - 31
  acc = acc + x * 11.5 - 34
  acc = acc + x * 12.5 - 37
  acc = acc + x * 13.5 - 40
  acc = acc + x * 14.5 - 43
  acc = acc + x * 15.5 - 46
  acc = acc + x * 16.5 - 49
  acc = acc + x * 17.5 - 52
  acc = acc + x * 18.5 - 55
  acc = acc + x * 19.5 - 58
  acc = acc + x * 20.5 - 61
  acc = acc + x * 21.5 - 64
  acc = acc + x * 22.5 - 67
  acc = acc + x * 23.5 - 70
  acc = acc + x * 24.5 - 73
  acc = acc + x * 25.5 - 76
  acc = acc + x * 26.5 - 79
  acc = acc + x * 27.5 - 82
  acc = acc + x * 28.5 - 85
  acc = acc + x * 29.5 - 88
  acc = acc + x * 30.5 - 91
  acc = acc + x * 31.5 - 94
  acc = acc + x * 32.5 - 97
  acc = acc + x * 33.5 - 100
  acc = acc + x * 34.5 - 103
  acc = acc + x * 35.5 - 106
  acc = acc + x * 36.5 - 109
  acc = acc + x * 37.5 - 112
  acc = acc + x * 38.5 - 115
  acc = acc + x * 39.5 - 118
  acc = acc + x * 40.5 - 121
  acc = acc + x * 41.5 - 124
  acc = acc + x * 42.5 - 127
  acc = acc + x * 43.5 - 130
  acc = acc + x * 44.5 - 133
  acc = acc + x * 45.5 - 136
  acc = acc + x * 46.5 - 139
  acc = acc + x * 47.5 - 142
  acc = acc + x * 48.5 - 145
  acc = acc + x * 49.5 - 148
  acc = acc + x * 50.5 - 151
  acc = acc + x * 51.5 - 154
  acc = acc + x * 52.5 - 157
  acc = acc + x * 53.5 - 160
  acc = acc + x * 54.5 - 163
  acc = acc + x * 55.5 - 166
  acc = acc + x * 56.5 - 169
  acc = acc + x * 57.5 - 172
  acc = acc + x * 58.5 - 175
  acc = acc + x * 59.5 - 178
  acc = acc + x * 60.5 - 181
  acc = acc + x * 61.5 - 184
  acc = acc + x * 62.5 - 187
  acc = acc + x * 63.5 - 190
  acc = acc + x * 64.5 - 193
  acc = acc + x * 65.5 - 196
  acc = acc + x * 66.5 - 199
  acc = acc + x * 67.5 - 202
  acc = acc + x * 68.5 - 205
  acc = acc + x * 69.5 - 208
  acc = acc + x * 70.5 - 211
  acc = acc + x * 71.5 - 214
  acc = acc + x * 72.5 - 217
  acc = acc + x * 73.5 - 220
  acc = acc + x * 74.5 - 223
  acc = acc + x * 75.5 - 226
  acc = acc + x * 76.5 - 229
  acc = acc + x * 77.5 - 232
  acc = acc + x * 78.5 - 235
  acc = acc + x * 79.5 - 238
  acc = acc + x * 80.5 - 241
  acc = acc + x * 81.5 - 244
  acc = acc + x * 82.5 - 247
  acc = acc + x * 83.5 - 250
  acc = acc + x * 84.5 - 253
  acc = acc + x * 85.5 - 256
  acc = acc + x * 86.5 - 259
  acc = acc + x * 87.5 - 262
  acc = acc + x * 88.5 - 265
  acc = acc + x * 89.5 - 268
  acc = acc + x * 90.5 - 271
  acc = acc + x * 91.5 - 274
  acc = acc + x * 92.5 - 277
  acc = acc + x * 93.5 - 280
  acc = acc + x * 94.5 - 283
  acc = acc + x * 95.5 - 286
  acc = acc + x * 96.5 - 289
  acc = acc + x * 97.5 - 292
  acc = acc + x * 98.5 - 295
  acc = acc + x * 99.5 - 298
  acc = acc + x * 100.5 - 301
  acc = acc + x * 101.5 - 304
  acc = acc + x * 102.5 - 307
  acc = acc + x * 103.5 - 310
  acc = acc + x * 104.5 - 313
  acc = acc + x * 105.5 - 316
  acc = acc + x * 106.5 - 319
  acc = acc + x * 107.5 - 322
  acc = acc + x * 108.5 - 325
  acc = acc + x * 109.5 - 328
  acc = acc + x * 110.5 - 331
  acc = acc + x * 111.5 - 334
  acc = acc + x * 112.5 - 337
  acc = acc + x * 113.5 - 340
  acc = acc + x * 114.5 - 343
  acc = acc + x * 115.5 - 346
  acc = acc + x * 116.5 - 349
  acc = acc + x * 117.5 - 352
  acc = acc + x * 118.5 - 355
  acc = acc + x * 119.5 - 358
  acc = acc + x * 120.5 - 361
  acc = acc + x * 121.5 - 364
  acc = acc + x * 122.5 - 367
  acc = acc + x * 123.5 - 370
  acc = acc + x * 124.5 - 373
  acc = acc + x * 125.5 - 376
  acc = acc + x * 126.5 - 379
  acc = acc + x * 127.5 - 382
  acc = acc + x * 128.5 - 385
  acc = acc + x * 129.5 - 388
  acc = acc + x * 130.5 - 391
  acc = acc + x * 131.5 - 394
  acc = acc + x * 132.5 - 397
  acc = acc + x * 133.5 - 400
  acc = acc + x * 134.5 - 403
  acc = acc + x * 135.5 - 406
  acc = acc + x * 136.5 - 409
  acc = acc + x * 137.5 - 412
  acc = acc + x * 138.5 - 415
  acc = acc + x * 139.5 - 418
  acc = acc + x * 140.5 - 421
  acc = acc + x * 141.5 - 424
  acc = acc + x * 142.5 - 427
  acc = acc + x * 143.5 - 430
  acc = acc + x * 144.5 - 433
  acc = acc + x * 145.5 - 436
  acc = acc + x * 146.5 - 439
  acc = acc + x * 147.5 - 442
  acc = acc + x * 148.5 - 445
  acc = acc + x * 149.5 - 448
  acc = acc + x * 150.5 - 451
  acc = acc + x * 151.5 - 454
  acc = acc + x * 152.5 - 457
  acc = acc + x * 153.5 - 460
  acc = acc + x * 154.5 - 463
  acc = acc + x * 155.5 - 466
  acc = acc + x * 156.5 - 469
  acc = acc + x * 157.5 - 472
  acc = acc + x * 158.5 - 475
  acc = acc + x * 159.5 - 478
  acc = acc + x * 160.5 - 481
  acc = acc + x * 161.5 - 484
  acc = acc + x * 162.5 - 487
  acc = acc + x * 163.5 - 490
  acc = acc + x * 164.5 - 493
  acc = acc + x * 165.5 - 496
  acc = acc + x * 166.5 - 499
  acc = acc + x * 167.5 - 502
  acc = acc + x * 168.5 - 505
  acc = acc + x * 169.5 - 508
  acc = acc + x * 170.5 - 511
  acc = acc + x * 171.5 - 514
  acc = acc + x * 172.5 - 517
  acc = acc + x * 173.5 - 520
  acc = acc + x * 174.5 - 523
  acc = acc + x * 175.5 - 526
  acc = acc + x * 176.5 - 529
  acc = acc + x * 177.5 - 532
  acc = acc + x * 178.5 - 535
  acc = acc + x * 179.5 - 538
  acc = acc + x * 180.5 - 541
  acc = acc + x * 181.5 - 544
  acc = acc + x * 182.5 - 547
  acc = acc + x * 183.5 - 550
  acc = acc + x * 184.5 - 553
  acc = acc + x * 185.5 - 556
  acc = acc + x * 186.5 - 559
  acc = acc + x * 187.5 - 562
  acc = acc + x * 188.5 - 565
  acc = acc + x * 189.5 - 568
  acc = acc + x * 190.5 - 571
  acc = acc + x * 191.5 - 574
  acc = acc + x * 192.5 - 577
  acc = acc + x * 193.5 - 580
  acc = acc + x * 194.5 - 583
  acc = acc + x * 195.5 - 586
  acc = acc + x * 196.5 - 589
  acc = acc + x * 197.5 - 592
  acc = acc + x * 198.5 - 595
  acc = acc + x * 199.5 - 598
  acc = acc + x * 200.5 - 601
  acc = acc + x * 201.5 - 604
  acc = acc + x * 202.5 - 607
  acc = acc + x * 203.5 - 610
  acc = acc + x * 204.5 - 613
  acc = acc + x * 205.5 - 616
  acc = acc + x * 206.5 - 619
  acc = acc + x * 207.5 - 622
  acc = acc + x * 208.5 - 625
  acc = acc + x * 209.5 - 628
  acc = acc + x * 210.5 - 631
  acc = acc + x * 211.5 - 634
  acc = acc + x * 212.5 - 637
  acc = acc + x * 213.5 - 640
  acc = acc + x * 214.5 - 643
  acc = acc + x * 215.5 - 646
  acc = acc + x * 216.5 - 649
  acc = acc + x * 217.5 - 652
  acc = acc + x * 218.5 - 655
  acc = acc + x * 219.5 - 658
  acc = acc + x * 220.5 - 661
  acc = acc + x * 221.5 - 664
  acc = acc + x * 222.5 - 667
  acc = acc + x * 223.5 - 670
  acc = acc + x * 224.5 - 673
  acc = acc + x * 225.5 - 676
  acc = acc + x * 226.5 - 679
  acc = acc + x * 227.5 - 682
  acc = acc + x * 228.5 - 685
  acc = acc + x * 229.5 - 688
  acc = acc + x * 230.5 - 691
  acc = acc + x * 231.5 - 694
  acc = acc + x * 232.5 - 697
  acc = acc + x * 233.5 - 700
  acc = acc + x * 234.5 - 703
  acc = acc + x * 235.5 - 706
  acc = acc + x * 236.5 - 709
  acc = acc + x * 237.5 - 712
  acc = acc + x * 238.5 - 715
  acc = acc + x * 239.5 - 718
  acc = acc + x * 240.5 - 721
  acc = acc + x * 241.5 - 724
  acc = acc + x * 242.5 - 727
  acc = acc + x * 243.5 - 730
  acc = acc + x * 244.5 - 733
  acc = acc + x * 245.5 - 736
  acc = acc + x * 246.5 - 739
  acc = acc + x * 247.5 - 742
  acc = acc + x * 248.5 - 745
  acc = acc + x * 249.5 - 748
  acc = acc + x * 250.5 - 751
  acc = acc + x * 251.5 - 754
  acc = acc + x * 252.5 - 757
  acc = acc + x * 253.5 - 760
  acc = acc + x * 254.5 - 763
  acc = acc + x * 255.5 - 766
  acc = acc + x * 256.5 - 769
  acc = acc + x * 257.5 - 772
  acc = acc + x * 258.5 - 775
  acc = acc + x * 259.5 - 778
  acc = acc + x * 260.5 - 781
  acc = acc + x * 261.5 - 784
  acc = acc + x * 262.5 - 787
  acc = acc + x * 263.5 - 790
  acc = acc + x * 264.5 - 793
  acc = acc + x * 265.5 - 796
  acc = acc + x * 266.5 - 799
  acc = acc + x * 267.5 - 802
  acc = acc + x * 268.5 - 805
  acc = acc + x * 269.5 - 808
  acc = acc + x * 270.5 - 811
  acc = acc + x * 271.5 - 814
  acc = acc + x * 272.5 - 817
  acc = acc + x * 273.5 - 820
  acc = acc + x * 274.5 - 823
  acc = acc + x * 275.5 - 826
  acc = acc + x * 276.5 - 829
  acc = acc + x * 277.5 - 832
  acc = acc + x * 278.5 - 835
  acc = acc + x * 279.5 - 838
  acc = acc + x * 280.5 - 841
  acc = acc + x * 281.5 - 844
  acc = acc + x * 282.5 - 847
  acc = acc + x * 283.5 - 850
  acc = acc + x * 284.5 - 853
  acc = acc + x * 285.5 - 856
  acc = acc + x * 286.5 - 859
  acc = acc + x * 287.5 - 862
  acc = acc + x * 288.5 - 865
  acc = acc + x * 289.5 - 868
  acc = acc + x * 290.5 - 871
  acc = acc + x * 291.5 - 874
  acc = acc + x * 292.5 - 877
  acc = acc + x * 293.5 - 880
  acc = acc + x * 294.5 - 883
  acc = acc + x * 295.5 - 886
  acc = acc + x * 296.5 - 889
  acc = acc + x * 297.5 - 892
  acc = acc + x * 298.5 - 895
  acc = acc + x * 299.5 - 898
  acc = acc + x * 300.5 - 901
  acc = acc + x * 301.5 - 904
  acc = acc + x * 302.5 - 907
  acc = acc + x * 303.5 - 910
  acc = acc + x * 304.5 - 913
  acc = acc + x * 305.5 - 916
  acc = acc + x * 306.5 - 919
  acc = acc + x * 307.5 - 922
  acc = acc + x * 308.5 - 925
  acc = acc + x * 309.5 - 928
  acc = acc + x * 310.5 - 931
  acc = acc + x * 311.5 - 934
  acc = acc + x * 312.5 - 937
  acc = acc + x * 313.5 - 940
  acc = acc + x * 314.5 - 943
  acc = acc + x * 315.5 - 946
  acc = acc + x * 316.5 - 949
  acc = acc + x * 317.5 - 952
  acc = acc + x * 318.5 - 955
  acc = acc + x * 319.5 - 958
  acc = acc + x * 320.5 - 961
  acc = acc + x * 321.5 - 964
  acc = acc + x * 322.5 - 967
  acc = acc + x * 323.5 - 970
  acc = acc + x * 324.5 - 973
  acc = acc + x * 325.5 - 976
  acc = acc + x * 326.5 - 979
  acc = acc + x * 327.5 - 982
  acc = acc + x * 328.5 - 985
  acc = acc + x * 329.5 - 988
  acc = acc + x * 330.5 - 991
  acc = acc + x * 331.5 - 994
  acc = acc + x * 332.5 - 997
  acc = acc + x * 333.5 - 1000
  acc = acc + x * 334.5 - 1003
  acc = acc + x * 335.5 - 1006
  acc = acc + x * 336.5 - 1009
  acc = acc + x * 337.5 - 1012
  acc = acc + x * 338.5 - 1015
  acc = acc + x * 339.5 - 1018
  acc = acc + x * 340.5 - 1021
  acc = acc + x * 341.5 - 1024
  acc = acc + x * 342.5 - 1027
  acc = acc + x * 343.5 - 1030
  acc = acc + x * 344.5 - 1033
  acc = acc + x * 345.5 - 1036
  acc = acc + x * 346.5 - 1039
  acc = acc + x * 347.5 - 1042
  acc = acc + x * 348.5 - 1045
  acc = acc + x * 349.5 - 1048
  acc = acc + x * 350.5 - 1051
  acc = acc + x * 351.5 - 1054
  acc = acc + x * 352.5 - 1057
  acc = acc + x * 353.5 - 1060
  acc = acc + x * 354.5 - 1063
  acc = acc + x * 355.5 - 1066
  acc = acc + x * 356.5 - 1069
  acc = acc + x * 357.5 - 1072
  acc = acc + x * 358.5 - 1075
  acc = acc + x * 359.5 - 1078
  acc = acc + x * 360.5 - 1081
  acc = acc + x * 361.5 - 1084
  acc = acc + x * 362.5 - 1087
  acc = acc + x * 363.5 - 1090
  acc = acc + x * 364.5 - 1093
  acc = acc + x * 365.5 - 1096
  acc = acc + x * 366.5 - 1099
  acc = acc + x * 367.5 - 1102
  acc = acc + x * 368.5 - 1105
  acc = acc + x * 369.5 - 1108
  acc = acc + x * 370.5 - 1111
  acc = acc + x * 371.5 - 1114
  acc = acc + x * 372.5 - 1117
  acc = acc + x * 373.5 - 1120
  acc = acc + x * 374.5 - 1123
  acc = acc + x * 375.5 - 1126
  acc = acc + x * 376.5 - 1129
  acc = acc + x * 377.5 - 1132
  acc = acc + x * 378.5 - 1135
  acc = acc + x * 379.5 - 1138
  acc = acc + x * 380.5 - 1141
  acc = acc + x * 381.5 - 1144
  acc = acc + x * 382.5 - 1147
  acc = acc + x * 383.5 - 1150
  acc = acc + x * 384.5 - 1153
  acc = acc + x * 385.5 - 1156
  acc = acc + x * 386.5 - 1159
  acc = acc + x * 387.5 - 1162
  acc = acc + x * 388.5 - 1165
  acc = acc + x * 389.5 - 1168
  acc = acc + x * 390.5 - 1171
  acc = acc + x * 391.5 - 1174
  acc = acc + x * 392.5 - 1177
  acc = acc + x * 393.5 - 1180
  acc = acc + x * 394.5 - 1183
  acc = acc + x * 395.5 - 1186
  acc = acc + x * 396.5 - 1189
  acc = acc + x * 397.5 - 1192
  acc = acc + x * 398.5 - 1195
  acc = acc + x * 399.5 - 1198
  return acc
end
print(f(1), f(2), f(0.5))
local function g(x)
  local r = {}
  if x == 0 then r[#r + 1] = 'c0' end
  if x == 7 then r[#r + 1] = 'c1' end
  if x == 14 then r[#r + 1] = 'c2' end
  if x == 21 then r[#r + 1] = 'c3' end
  if x == 28 then r[#r + 1] = 'c4' end
  if x == 35 then r[#r + 1] = 'c5' end
  if x == 42 then r[#r + 1] = 'c6' end
  if x == 49 then r[#r + 1] = 'c7' end
  if x == 56 then r[#r + 1] = 'c8' end
  if x == 63 then r[#r + 1] = 'c9' end
  if x == 70 then r[#r + 1] = 'c10' end
  if x == 77 then r[#r + 1] = 'c11' end
  if x == 84 then r[#r + 1] = 'c12' end
  if x == 91 then r[#r + 1] = 'c13' end
  if x == 98 then r[#r + 1] = 'c14' end
  if x == 105 then r[#r + 1] = 'c15' end
  if x == 112 then r[#r + 1] = 'c16' end
  if x == 119 then r[#r + 1] = 'c17' end
  if x == 126 then r[#r + 1] = 'c18' end
  if x == 133 then r[#r + 1] = 'c19' end
  if x == 140 then r[#r + 1] = 'c20' end
  if x == 147 then r[#r + 1] = 'c21' end
  if x == 154 then r[#r + 1] = 'c22' end
  if x == 161 then r[#r + 1] = 'c23' end
  if x == 168 then r[#r + 1] = 'c24' end
  if x == 175 then r[#r + 1] = 'c25' end
  if x == 182 then r[#r + 1] = 'c26' end
  if x == 189 then r[#r + 1] = 'c27' end
  if x == 196 then r[#r + 1] = 'c28' end
  if x == 203 then r[#r + 1] = 'c29' end
  if x == 210 then r[#r + 1] = 'c30' end
  if x == 217 then r[#r + 1] = 'c31' end
  if x == 224 then r[#r + 1] = 'c32' end
  if x == 231 then r[#r + 1] = 'c33' end
  if x == 238 then r[#r + 1] = 'c34' end
  if x == 245 then r[#r + 1] = 'c35' end
  if x == 252 then r[#r + 1] = 'c36' end
  if x == 259 then r[#r + 1] = 'c37' end
  if x == 266 then r[#r + 1] = 'c38' end
  if x == 273 then r[#r + 1] = 'c39' end
  if x == 280 then r[#r + 1] = 'c40' end
  if x == 287 then r[#r + 1] = 'c41' end
  if x == 294 then r[#r + 1] = 'c42' end
  if x == 301 then r[#r + 1] = 'c43' end
  if x == 308 then r[#r + 1] = 'c44' end
  if x == 315 then r[#r + 1] = 'c45' end
  if x == 322 then r[#r + 1] = 'c46' end
  if x == 329 then r[#r + 1] = 'c47' end
  if x == 336 then r[#r + 1] = 'c48' end
  if x == 343 then r[#r + 1] = 'c49' end
  if x == 350 then r[#r + 1] = 'c50' end
  if x == 357 then r[#r + 1] = 'c51' end
  if x == 364 then r[#r + 1] = 'c52' end
  if x == 371 then r[#r + 1] = 'c53' end
  if x == 378 then r[#r + 1] = 'c54' end
  if x == 385 then r[#r + 1] = 'c55' end
  if x == 392 then r[#r + 1] = 'c56' end
  if x == 399 then r[#r + 1] = 'c57' end
  if x == 406 then r[#r + 1] = 'c58' end
  if x == 413 then r[#r + 1] = 'c59' end
  if x == 420 then r[#r + 1] = 'c60' end
  if x == 427 then r[#r + 1] = 'c61' end
  if x == 434 then r[#r + 1] = 'c62' end
  if x == 441 then r[#r + 1] = 'c63' end
  if x == 448 then r[#r + 1] = 'c64' end
  if x == 455 then r[#r + 1] = 'c65' end
  if x == 462 then r[#r + 1] = 'c66' end
  if x == 469 then r[#r + 1] = 'c67' end
  if x == 476 then r[#r + 1] = 'c68' end
  if x == 483 then r[#r + 1] = 'c69' end
  if x == 490 then r[#r + 1] = 'c70' end
  if x == 497 then r[#r + 1] = 'c71' end
  if x == 504 then r[#r + 1] = 'c72' end
  if x == 511 then r[#r + 1] = 'c73' end
  if x == 518 then r[#r + 1] = 'c74' end
  if x == 525 then r[#r + 1] = 'c75' end
  if x == 532 then r[#r + 1] = 'c76' end
  if x == 539 then r[#r + 1] = 'c77' end
  if x == 546 then r[#r + 1] = 'c78' end
  if x == 553 then r[#r + 1] = 'c79' end
  if x == 560 then r[#r + 1] = 'c80' end
  if x == 567 then r[#r + 1] = 'c81' end
  if x == 574 then r[#r + 1] = 'c82' end
  if x == 581 then r[#r + 1] = 'c83' end
  if x == 588 then r[#r + 1] = 'c84' end
  if x == 595 then r[#r + 1] = 'c85' end
  if x == 602 then r[#r + 1] = 'c86' end
  if x == 609 then r[#r + 1] = 'c87' end
  if x == 616 then r[#r + 1] = 'c88' end
  if x == 623 then r[#r + 1] = 'c89' end
  if x == 630 then r[#r + 1] = 'c90' end
  if x == 637 then r[#r + 1] = 'c91' end
  if x == 644 then r[#r + 1] = 'c92' end
  if x == 651 then r[#r + 1] = 'c93' end
  if x == 658 then r[#r + 1] = 'c94' end
  if x == 665 then r[#r + 1] = 'c95' end
  if x == 672 then r[#r + 1] = 'c96' end
  if x == 679 then r[#r + 1] = 'c97' end
  if x == 686 then r[#r + 1] = 'c98' end
  if x == 693 then r[#r + 1] = 'c99' end
  if x == 700 then r[#r + 1] = 'c100' end
  if x == 707 then r[#r + 1] = 'c101' end
  if x == 714 then r[#r + 1] = 'c102' end
  if x == 721 then r[#r + 1] = 'c103' end
  if x == 728 then r[#r + 1] = 'c104' end
  if x == 735 then r[#r + 1] = 'c105' end
  if x == 742 then r[#r + 1] = 'c106' end
  if x == 749 then r[#r + 1] = 'c107' end
  if x == 756 then r[#r + 1] = 'c108' end
  if x == 763 then r[#r + 1] = 'c109' end
  if x == 770 then r[#r + 1] = 'c110' end
  if x == 777 then r[#r + 1] = 'c111' end
  if x == 784 then r[#r + 1] = 'c112' end
  if x == 791 then r[#r + 1] = 'c113' end
  if x == 798 then r[#r + 1] = 'c114' end
  if x == 805 then r[#r + 1] = 'c115' end
  if x == 812 then r[#r + 1] = 'c116' end
  if x == 819 then r[#r + 1] = 'c117' end
  if x == 826 then r[#r + 1] = 'c118' end
  if x == 833 then r[#r + 1] = 'c119' end
  if x == 840 then r[#r + 1] = 'c120' end
  if x == 847 then r[#r + 1] = 'c121' end
  if x == 854 then r[#r + 1] = 'c122' end
  if x == 861 then r[#r + 1] = 'c123' end
  if x == 868 then r[#r + 1] = 'c124' end
  if x == 875 then r[#r + 1] = 'c125' end
  if x == 882 then r[#r + 1] = 'c126' end
  if x == 889 then r[#r + 1] = 'c127' end
  if x == 896 then r[#r + 1] = 'c128' end
  if x == 903 then r[#r + 1] = 'c129' end
  if x == 910 then r[#r + 1] = 'c130' end
  if x == 917 then r[#r + 1] = 'c131' end
  if x == 924 then r[#r + 1] = 'c132' end
  if x == 931 then r[#r + 1] = 'c133' end
  if x == 938 then r[#r + 1] = 'c134' end
  if x == 945 then r[#r + 1] = 'c135' end
  if x == 952 then r[#r + 1] = 'c136' end
  if x == 959 then r[#r + 1] = 'c137' end
  if x == 966 then r[#r + 1] = 'c138' end
  if x == 973 then r[#r + 1] = 'c139' end
  if x == 980 then r[#r + 1] = 'c140' end
  if x == 987 then r[#r + 1] = 'c141' end
  if x == 994 then r[#r + 1] = 'c142' end
  if x == 1001 then r[#r + 1] = 'c143' end
  if x == 1008 then r[#r + 1] = 'c144' end
  if x == 1015 then r[#r + 1] = 'c145' end
  if x == 1022 then r[#r + 1] = 'c146' end
  if x == 1029 then r[#r + 1] = 'c147' end
  if x == 1036 then r[#r + 1] = 'c148' end
  if x == 1043 then r[#r + 1] = 'c149' end
  if x == 1050 then r[#r + 1] = 'c150' end
  if x == 1057 then r[#r + 1] = 'c151' end
  if x == 1064 then r[#r + 1] = 'c152' end
  if x == 1071 then r[#r + 1] = 'c153' end
  if x == 1078 then r[#r + 1] = 'c154' end
  if x == 1085 then r[#r + 1] = 'c155' end
  if x == 1092 then r[#r + 1] = 'c156' end
  if x == 1099 then r[#r + 1] = 'c157' end
  if x == 1106 then r[#r + 1] = 'c158' end
  if x == 1113 then r[#r + 1] = 'c159' end
  if x == 1120 then r[#r + 1] = 'c160' end
  if x == 1127 then r[#r + 1] = 'c161' end
  if x == 1134 then r[#r + 1] = 'c162' end
  if x == 1141 then r[#r + 1] = 'c163' end
  if x == 1148 then r[#r + 1] = 'c164' end
  if x == 1155 then r[#r + 1] = 'c165' end
  if x == 1162 then r[#r + 1] = 'c166' end
  if x == 1169 then r[#r + 1] = 'c167' end
  if x == 1176 then r[#r + 1] = 'c168' end
  if x == 1183 then r[#r + 1] = 'c169' end
  if x == 1190 then r[#r + 1] = 'c170' end
  if x == 1197 then r[#r + 1] = 'c171' end
  if x == 1204 then r[#r + 1] = 'c172' end
  if x == 1211 then r[#r + 1] = 'c173' end
  if x == 1218 then r[#r + 1] = 'c174' end
  if x == 1225 then r[#r + 1] = 'c175' end
  if x == 1232 then r[#r + 1] = 'c176' end
  if x == 1239 then r[#r + 1] = 'c177' end
  if x == 1246 then r[#r + 1] = 'c178' end
  if x == 1253 then r[#r + 1] = 'c179' end
  if x == 1260 then r[#r + 1] = 'c180' end
  if x == 1267 then r[#r + 1] = 'c181' end
  if x == 1274 then r[#r + 1] = 'c182' end
  if x == 1281 then r[#r + 1] = 'c183' end
  if x == 1288 then r[#r + 1] = 'c184' end
  if x == 1295 then r[#r + 1] = 'c185' end
  if x == 1302 then r[#r + 1] = 'c186' end
  if x == 1309 then r[#r + 1] = 'c187' end
  if x == 1316 then r[#r + 1] = 'c188' end
  if x == 1323 then r[#r + 1] = 'c189' end
  if x == 1330 then r[#r + 1] = 'c190' end
  if x == 1337 then r[#r + 1] = 'c191' end
  if x == 1344 then r[#r + 1] = 'c192' end
  if x == 1351 then r[#r + 1] = 'c193' end
  if x == 1358 then r[#r + 1] = 'c194' end
  if x == 1365 then r[#r + 1] = 'c195' end
  if x == 1372 then r[#r + 1] = 'c196' end
  if x == 1379 then r[#r + 1] = 'c197' end
  if x == 1386 then r[#r + 1] = 'c198' end
  if x == 1393 then r[#r + 1] = 'c199' end
  if x == 1400 then r[#r + 1] = 'c200' end
  if x == 1407 then r[#r + 1] = 'c201' end
  if x == 1414 then r[#r + 1] = 'c202' end
  if x == 1421 then r[#r + 1] = 'c203' end
  if x == 1428 then r[#r + 1] = 'c204' end
  if x == 1435 then r[#r + 1] = 'c205' end
  if x == 1442 then r[#r + 1] = 'c206' end
  if x == 1449 then r[#r + 1] = 'c207' end
  if x == 1456 then r[#r + 1] = 'c208' end
  if x == 1463 then r[#r + 1] = 'c209' end
  if x == 1470 then r[#r + 1] = 'c210' end
  if x == 1477 then r[#r + 1] = 'c211' end
  if x == 1484 then r[#r + 1] = 'c212' end
  if x == 1491 then r[#r + 1] = 'c213' end
  if x == 1498 then r[#r + 1] = 'c214' end
  if x == 1505 then r[#r + 1] = 'c215' end
  if x == 1512 then r[#r + 1] = 'c216' end
  if x == 1519 then r[#r + 1] = 'c217' end
  if x == 1526 then r[#r + 1] = 'c218' end
  if x == 1533 then r[#r + 1] = 'c219' end
  if x == 1540 then r[#r + 1] = 'c220' end
  if x == 1547 then r[#r + 1] = 'c221' end
  if x == 1554 then r[#r + 1] = 'c222' end
  if x == 1561 then r[#r + 1] = 'c223' end
  if x == 1568 then r[#r + 1] = 'c224' end
  if x == 1575 then r[#r + 1] = 'c225' end
  if x == 1582 then r[#r + 1] = 'c226' end
  if x == 1589 then r[#r + 1] = 'c227' end
  if x == 1596 then r[#r + 1] = 'c228' end
  if x == 1603 then r[#r + 1] = 'c229' end
  if x == 1610 then r[#r + 1] = 'c230' end
  if x == 1617 then r[#r + 1] = 'c231' end
  if x == 1624 then r[#r + 1] = 'c232' end
  if x == 1631 then r[#r + 1] = 'c233' end
  if x == 1638 then r[#r + 1] = 'c234' end
  if x == 1645 then r[#r + 1] = 'c235' end
  if x == 1652 then r[#r + 1] = 'c236' end
  if x == 1659 then r[#r + 1] = 'c237' end
  if x == 1666 then r[#r + 1] = 'c238' end
  if x == 1673 then r[#r + 1] = 'c239' end
  if x == 1680 then r[#r + 1] = 'c240' end
  if x == 1687 then r[#r + 1] = 'c241' end
  if x == 1694 then r[#r + 1] = 'c242' end
  if x == 1701 then r[#r + 1] = 'c243' end
  if x == 1708 then r[#r + 1] = 'c244' end
  if x == 1715 then r[#r + 1] = 'c245' end
  if x == 1722 then r[#r + 1] = 'c246' end
  if x == 1729 then r[#r + 1] = 'c247' end
  if x == 1736 then r[#r + 1] = 'c248' end
  if x == 1743 then r[#r + 1] = 'c249' end
  if x == 1750 then r[#r + 1] = 'c250' end
  if x == 1757 then r[#r + 1] = 'c251' end
  if x == 1764 then r[#r + 1] = 'c252' end
  if x == 1771 then r[#r + 1] = 'c253' end
  if x == 1778 then r[#r + 1] = 'c254' end
  if x == 1785 then r[#r + 1] = 'c255' end
  if x == 1792 then r[#r + 1] = 'c256' end
  if x == 1799 then r[#r + 1] = 'c257' end
  if x == 1806 then r[#r + 1] = 'c258' end
  if x == 1813 then r[#r + 1] = 'c259' end
  if x == 1820 then r[#r + 1] = 'c260' end
  if x == 1827 then r[#r + 1] = 'c261' end
  if x == 1834 then r[#r + 1] = 'c262' end
  if x == 1841 then r[#r + 1] = 'c263' end
  if x == 1848 then r[#r + 1] = 'c264' end
  if x == 1855 then r[#r + 1] = 'c265' end
  if x == 1862 then r[#r + 1] = 'c266' end
  if x == 1869 then r[#r + 1] = 'c267' end
  if x == 1876 then r[#r + 1] = 'c268' end
  if x == 1883 then r[#r + 1] = 'c269' end
  if x == 1890 then r[#r + 1] = 'c270' end
  if x == 1897 then r[#r + 1] = 'c271' end
  if x == 1904 then r[#r + 1] = 'c272' end
  if x == 1911 then r[#r + 1] = 'c273' end
  if x == 1918 then r[#r + 1] = 'c274' end
  if x == 1925 then r[#r + 1] = 'c275' end
  if x == 1932 then r[#r + 1] = 'c276' end
  if x == 1939 then r[#r + 1] = 'c277' end
  if x == 1946 then r[#r + 1] = 'c278' end
  if x == 1953 then r[#r + 1] = 'c279' end
  if x == 1960 then r[#r + 1] = 'c280' end
  if x == 1967 then r[#r + 1] = 'c281' end
  if x == 1974 then r[#r + 1] = 'c282' end
  if x == 1981 then r[#r + 1] = 'c283' end
  if x == 1988 then r[#r + 1] = 'c284' end
  if x == 1995 then r[#r + 1] = 'c285' end
  if x == 2002 then r[#r + 1] = 'c286' end
  if x == 2009 then r[#r + 1] = 'c287' end
  if x == 2016 then r[#r + 1] = 'c288' end
  if x == 2023 then r[#r + 1] = 'c289' end
  if x == 2030 then r[#r + 1] = 'c290' end
  if x == 2037 then r[#r + 1] = 'c291' end
  if x == 2044 then r[#r + 1] = 'c292' end
  if x == 2051 then r[#r + 1] = 'c293' end
  if x == 2058 then r[#r + 1] = 'c294' end
  if x == 2065 then r[#r + 1] = 'c295' end
  if x == 2072 then r[#r + 1] = 'c296' end
  if x == 2079 then r[#r + 1] = 'c297' end
  if x == 2086 then r[#r + 1] = 'c298' end
  if x == 2093 then r[#r + 1] = 'c299' end
  return table.concat(r, ',')
end
print(g(0), g(7), g(2093), g(1))
