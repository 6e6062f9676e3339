// Model initialization seeds libtorch's process-wide generator (TranslationModel), so test classes that build
// models must not run concurrently, or the same-seed/resume tests would compare differently initialized models.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
