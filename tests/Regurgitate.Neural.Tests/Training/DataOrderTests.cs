using Regurgitate.Training;

namespace Regurgitate.Tests.Training;

/// <summary>
/// Pins the data order: a checkpoint's batches must be rebuilt identically by any later build, and
/// bench/Nmt/train_peer.py reimplements the same stream (the expected values below come from it).
/// </summary>
public class DataOrderTests
{
    [Fact]
    public void SplitMix64_stream_matches_the_python_peer()
    {
        var order = new DataOrder(seed: 7, epoch: 3);
        Assert.Equal([6436090303129054309UL, 11428183145384701902UL, 15814596133649794348UL], [order.Next(), order.Next(), order.Next()]);
    }

    [Fact]
    public void Epoch_batches_match_the_python_peer()
    {
        var pairs = Enumerable.Range(0, 50)
            .Select(i => new TokenizedPair(Enumerable.Repeat(4, i * 7 % 11 + 1).ToArray(), Enumerable.Repeat(5, i * 5 % 9 + 1).ToArray()))
            .ToList();
        var batches = new TokenBatcher(pairs, maxTokens: 40, seed: 3, chunkSize: 16).EpochBatches(2);
        Assert.Equal([[25], [1, 16, 7, 34], [28, 39, 14]], batches.Take(3));
    }
}
