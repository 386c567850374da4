extension FunctionTable {
    public static let collectionFamily: [String: Function] = [:]
}
