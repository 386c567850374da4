resource "x" "y" = {
}
