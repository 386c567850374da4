block label = 1
