extension FunctionTable {
    public static let conversionFamily: [String: Function] = [:]
}
