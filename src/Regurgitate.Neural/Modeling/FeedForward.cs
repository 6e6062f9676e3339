using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Modeling;

/// <summary>Position-wise feed-forward block: linear, ReLU, (activation dropout), linear.</summary>
public sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    readonly Linear inner;
    readonly Linear outer;
    readonly double activationDropout;
    readonly SeededDropout dropout;
    readonly ComputePrecision precision;

    public FeedForward(string name, int modelDim, int innerDim, double activationDropout, SeededDropout dropout, ComputePrecision precision)
        : base(name)
    {
        this.precision = precision;
        inner = nn.Linear(modelDim, innerDim);
        outer = nn.Linear(innerDim, modelDim);
        this.activationDropout = activationDropout;
        this.dropout = dropout;
        RegisterComponents();
        nn.init.xavier_uniform_(inner.weight!);
        nn.init.xavier_uniform_(outer.weight!);
        using (no_grad())
        {
            inner.bias!.zero_();
            outer.bias!.zero_();
        }
    }

    public override Tensor forward(Tensor x)
    {
        using var hidden = precision.Linear(inner, x).relu_();
        using var dropped = dropout.Apply(hidden, activationDropout, training);
        return precision.Linear(outer, dropped);
    }
}
