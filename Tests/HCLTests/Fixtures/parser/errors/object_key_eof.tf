a = {
  b =
