using Regurgitate.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Modeling;

/// <summary>
/// The residual step around one sublayer, pre-norm <c>x + dropout(f(norm(x)))</c> or post-norm
/// <c>norm(x + dropout(f(x)))</c>. Not a module: each layer keeps registering its own norms, so
/// parameter names (and saved checkpoints) stay as they were.
/// </summary>
public sealed class ResidualBlock(ModelConfig config, SeededDropout dropout)
{
    /// <summary>Applies <paramref name="sublayer"/> to <paramref name="x"/> as a residual branch normalized by <paramref name="norm"/>.</summary>
    public Tensor forward(Tensor x, LayerNorm norm, Func<Tensor, Tensor> sublayer, bool training)
    {
        var h = config.PreNorm ? norm.forward(x) : x;
        h = sublayer(h);
        x = x.Plus(dropout.Apply(h, config.Dropout, training));
        return config.PreNorm ? x : norm.forward(x);
    }
}
