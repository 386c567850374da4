a = foo(
