resource aws_instance bare_labels {
  ami = "ami-123"
}

resource "escaped\"label" "tab\there" {
  x = 1
}

data "a" /* between */ "b" {
}

resource "a" "b" /* before brace */ {
  y = 2
}

block_no_labels {
  z = 3
}

thing "one" "two" "three" {
}

resource "unicode_ü" "dollar$${x}" {
}
