using System.Text.Json.Serialization;

namespace Regurgitate.Modeling;

/// <summary>How the transformer is put together.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelArchitecture>))]
public enum ModelArchitecture
{
    /// <summary>Encoder over the source, decoder with cross-attention over the target (Vaswani et al. 2017).</summary>
    EncoderDecoder,
    /// <summary>
    /// One causal transformer over prompt and completion in a single sequence (GPT-style language model):
    /// source ids, the BOS id as separator, target ids, EOS.
    /// </summary>
    DecoderOnly,
}
