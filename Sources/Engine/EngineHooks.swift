import Config

/// What the engine reports while it works, for the CLI to print as terraform
/// prints it (`ADDR: Creating...`, `Refreshing state... [id=...]`).
public protocol EngineHooks: AnyObject {
    func refreshing(_ address: AbsResourceInstance, id: String)
    func applyStarting(_ address: AbsResourceInstance, action: ChangeAction, id: String?)
    func applyFinished(_ address: AbsResourceInstance, action: ChangeAction, id: String?, seconds: Int)
    func applyFailed(_ address: AbsResourceInstance, action: ChangeAction)
}

extension EngineHooks {
    public func refreshing(_ address: AbsResourceInstance, id: String) {}
    public func applyStarting(_ address: AbsResourceInstance, action: ChangeAction, id: String?) {}
    public func applyFinished(_ address: AbsResourceInstance, action: ChangeAction, id: String?, seconds: Int) {}
    public func applyFailed(_ address: AbsResourceInstance, action: ChangeAction) {}
}
