using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Detection;

/// <summary>The neural detector's network: mean of hashed n-gram embeddings → ReLU hidden layer → one logit of P(human).</summary>
internal sealed class NeuralDetectorNetwork : nn.Module<Tensor, Tensor, Tensor>
{
    readonly EmbeddingBag embeddings;
    readonly Linear hidden;
    readonly Linear output;

    public NeuralDetectorNetwork(int buckets, int embeddingSize, int hiddenSize) : base("detector")
    {
        embeddings = nn.EmbeddingBag(buckets, embeddingSize, mode: EmbeddingBagMode.Mean);
        hidden = nn.Linear(embeddingSize, hiddenSize);
        output = nn.Linear(hiddenSize, 1);
        RegisterComponents();
    }

    /// <summary>Logits of P(human), one per bag; <paramref name="offsets"/> mark where each text's ids start in <paramref name="ids"/>.</summary>
    public override Tensor forward(Tensor ids, Tensor offsets)
    {
        using var bag = embeddings.forward(ids, offsets, null);
        using var activation = nn.functional.relu(hidden.forward(bag));
        return output.forward(activation).squeeze(1);
    }
}
