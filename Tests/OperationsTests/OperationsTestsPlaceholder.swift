// Placeholder so the package builds on the Sink branch before OperationsTests land (h/ops); delete on merge.
enum OperationsTestsPlaceholder {}
