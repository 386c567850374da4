extension FunctionTable {
    public static let terraformProviderFamily: [String: Function] = [:]
}
