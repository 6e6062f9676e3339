using System.CommandLine;
using Regurgitate.Modeling;

namespace Regurgitate.Cli;

/// <summary>The shared <c>--precision fp32|bf16</c> option of the commands that run a model.</summary>
static class PrecisionOption
{
    public static Option<string> Create(string purpose) => new Option<string>("--precision")
    {
        Description = $"matrix products of {purpose} in fp32, or bf16 (mixed precision: parameters, norms, softmax and loss stay fp32; fast on CPUs with AVX512-BF16 or AMX)",
        DefaultValueFactory = _ => "fp32",
    }.AcceptOnlyFromAmong("fp32", "bf16");

    public static MatmulPrecision Parse(string value) => value == "bf16" ? MatmulPrecision.BFloat16 : MatmulPrecision.Float32;
}
