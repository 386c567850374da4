locals {} a = 1
