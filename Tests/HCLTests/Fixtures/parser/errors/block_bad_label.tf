resource "x" 1 {
}
