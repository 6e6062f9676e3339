using Regurgitate.Generators;

namespace Regurgitate.Serving;

/// <summary>The models a server answers for: what /v1/models lists, and the backend behind each name.</summary>
public interface IModelCatalog
{
    /// <summary>The models served now, in the order /v1/models lists them.</summary>
    IReadOnlyList<ServedModel> List();

    /// <summary>The backend of <paramref name="model"/>, loading it if need be; null when no such model is served. The catalog owns it.</summary>
    ValueTask<ITranslationBackend?> OpenAsync(string model, CancellationToken cancellationToken);
}
