using System.Text.Json.Serialization;

namespace Regurgitate.Modeling;

/// <summary>The floating-point type a model's matrix products run in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MatmulPrecision>))]
public enum MatmulPrecision
{
    /// <summary>Everything in float32.</summary>
    [Regurgitate.Settings.SettingName("fp32")]
    Float32,
    /// <summary>
    /// Linear projections and attention products in bfloat16 (8-bit mantissa, float32's range); parameters,
    /// the residual stream, layer norms, softmax and the loss stay float32, as in PyTorch's CPU autocast.
    /// On CPUs with AVX512-BF16 a bfloat16 matrix product is 4–5× faster than a float32 one.
    /// </summary>
    [Regurgitate.Settings.SettingName("bf16")]
    BFloat16,
}
