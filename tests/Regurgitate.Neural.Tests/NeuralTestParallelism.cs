// Tests here compare exact weights and losses. libtorch's process-wide state (its default generator,
// which some tests draw from, and its thread count) is shared by every test in the process, so the
// test classes run one after another rather than interleaving draws.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
