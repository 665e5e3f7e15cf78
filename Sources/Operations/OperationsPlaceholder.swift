// Placeholder so the package builds on the Sink branch before the Operations target lands (h/ops);
// delete it when merging h/ops.
enum OperationsPlaceholder {}
