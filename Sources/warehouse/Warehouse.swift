import ArgumentParser

@main
struct Warehouse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warehouse",
        abstract: "Pub/Sub → BigQuery warehouse adapter, with a local emulator of both.",
        subcommands: [
            ServeCommand.self, EmulatorCommand.self, SinkCommand.self, APICommand.self, QueryCommand.self, LoadCommand.self,
            HeapProbeCommand.self,
        ])
}
