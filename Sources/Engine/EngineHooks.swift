import Config

/// What the engine reports while it works, for the CLI to print as terraform
/// prints it (`ADDR: Creating...`, `Refreshing state... [id=...]`).
public protocol EngineHooks: AnyObject {
    func refreshing(_ address: AbsResourceInstance, id: String)
    /// The read that `refreshing` announced has finished (`Refresh complete` in the JSON stream).
    func refreshed(_ address: AbsResourceInstance, id: String)
    func applyStarting(_ address: AbsResourceInstance, action: ChangeAction, id: String?)
    func applyFinished(_ address: AbsResourceInstance, action: ChangeAction, id: String?, seconds: Int)
    func applyFailed(_ address: AbsResourceInstance, action: ChangeAction)
    /// `ADDR (deposed object KEY): Destroying... [id=...]`, after a create_before_destroy replacement.
    func destroyingDeposed(_ address: AbsResourceInstance, key: String, id: String?)
    func destroyedDeposed(_ address: AbsResourceInstance, key: String, seconds: Int)
    /// `ADDR: Preparing import... [id=...]`, `Importing...`, `Import complete`.
    func preparingImport(_ address: AbsResourceInstance, id: String)
    func importing(_ address: AbsResourceInstance, id: String)
    func importComplete(_ address: AbsResourceInstance, id: String)
    /// `ADDR: Importing from ID "..."...` and `Import prepared!` (the import command).
    func importingFrom(_ address: AbsResourceInstance, id: String)
    func importPrepared(_ address: AbsResourceInstance, types: [String])
    /// `data.x.y: Reading...`
    func readingData(_ address: AbsResourceInstance)
    /// `data.x.y: Read complete after 0s [id=...]`
    func readDataFinished(_ address: AbsResourceInstance, id: String?, seconds: Int)
    /// `ADDR: Provisioning with 'local-exec'...`
    func provisionStarting(_ address: AbsResourceInstance, type: String)
    /// One message of a provisioner's output (a line of a command's output; may hold `\r`).
    func provisionOutput(_ address: AbsResourceInstance, type: String, message: String)
    /// The end of one provisioner's run (JSON provision_complete / provision_errored).
    func provisionFinished(_ address: AbsResourceInstance, type: String, errored: Bool)
}

extension EngineHooks {
    public func refreshing(_ address: AbsResourceInstance, id: String) {}
    public func refreshed(_ address: AbsResourceInstance, id: String) {}
    public func applyStarting(_ address: AbsResourceInstance, action: ChangeAction, id: String?) {}
    public func applyFinished(_ address: AbsResourceInstance, action: ChangeAction, id: String?, seconds: Int) {}
    public func applyFailed(_ address: AbsResourceInstance, action: ChangeAction) {}
    public func readingData(_ address: AbsResourceInstance) {}
    public func importingFrom(_ address: AbsResourceInstance, id: String) {}
    public func importPrepared(_ address: AbsResourceInstance, types: [String]) {}
    public func preparingImport(_ address: AbsResourceInstance, id: String) {}
    public func importing(_ address: AbsResourceInstance, id: String) {}
    public func importComplete(_ address: AbsResourceInstance, id: String) {}
    public func destroyingDeposed(_ address: AbsResourceInstance, key: String, id: String?) {}
    public func destroyedDeposed(_ address: AbsResourceInstance, key: String, seconds: Int) {}
    public func readDataFinished(_ address: AbsResourceInstance, id: String?, seconds: Int) {}
    public func provisionStarting(_ address: AbsResourceInstance, type: String) {}
    public func provisionOutput(_ address: AbsResourceInstance, type: String, message: String) {}
    public func provisionFinished(_ address: AbsResourceInstance, type: String, errored: Bool) {}
}
