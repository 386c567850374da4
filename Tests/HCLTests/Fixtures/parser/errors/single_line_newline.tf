terraform { a = 1
}
