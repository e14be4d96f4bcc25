local s = [==[
text ]=] ]] still open
