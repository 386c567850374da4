import Engine

struct DestroyCommand: Command {
    static let path = ["destroy"]
    static let synopsis = "Remove everything the configuration manages"
    static let usage = """
    Usage: terraform [global options] destroy [options]

      Destroys every object the state tracks. Same as "apply -destroy".

    Options:

      -auto-approve       Skip the interactive approval.

      -var 'foo=bar'      Set a value for one of the input variables.

      -var-file=filename  Load variable values from the given file.

      -lock=false         Don't hold a state lock during the operation.

      -no-color           Print without colour codes.

    """

    static let nothingToDestroy = """

    No changes. No objects need to be destroyed.

    Either you have not created any objects yet or the existing objects were
    already deleted outside of Terraform.

    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        ApplyCommand.run(ctx, args, destroy: true, command: Self.self)
    }
}
