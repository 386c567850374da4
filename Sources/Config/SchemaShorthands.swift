import HCL

// Short forms for the body schemas the configuration decoder declares.
extension AttributeSchema {
    init(_ name: String, required: Bool = false) {
        self.init(name: name, required: required)
    }
}

extension BlockHeaderSchema {
    init(_ type: String, labels: [String] = []) {
        self.init(type: type, labelNames: labels)
    }
}
