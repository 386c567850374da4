resource "x" "y" {
	a = 1
	bbb = 2
	nested {
		c = 3
	}
}
