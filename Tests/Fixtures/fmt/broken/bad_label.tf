block "label" nolabel? {
}
