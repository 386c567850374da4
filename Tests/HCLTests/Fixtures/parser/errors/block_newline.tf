resource "x" "y"
{
}
