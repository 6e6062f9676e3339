using Regurgitate.Generators;

namespace Regurgitate.Serving;

/// <summary>One backend under one name: what plain `regurg serve` serves. The backend stays owned by the caller.</summary>
internal sealed class SingleModelCatalog(string name, ITranslationBackend backend) : IModelCatalog
{
    public IReadOnlyList<ServedModel> List() => [new ServedModel(name)];

    public ValueTask<ITranslationBackend?> OpenAsync(string model, CancellationToken cancellationToken) =>
        ValueTask.FromResult(model == name ? backend : null);
}
