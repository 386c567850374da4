// Owned by the functions helper (branch `functions`); filled there.
extension FunctionTable {
    public static let dateTimeFamily: [String: Function] = [:]
}
