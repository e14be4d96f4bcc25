for x do end
