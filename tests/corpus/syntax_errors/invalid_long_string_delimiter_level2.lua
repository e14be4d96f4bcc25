local s = [==
