--[=[ a comment with ]] inside
print(1)
