// Study runs train models: libtorch's thread count and default generator are process-wide, so the
// test classes run one after another (as in the neural tests).
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
