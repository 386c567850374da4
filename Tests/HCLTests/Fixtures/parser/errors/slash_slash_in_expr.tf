a = 1 // c
b = 2 /* unclosed
