extension FunctionTable {
    public static let numericFamily: [String: Function] = [:]
}
