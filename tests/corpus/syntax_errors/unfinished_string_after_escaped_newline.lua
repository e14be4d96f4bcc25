local s = "first line\
second line