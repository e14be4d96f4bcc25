local x = )
