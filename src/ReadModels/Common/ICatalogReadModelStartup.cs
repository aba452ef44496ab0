namespace Shop.ReadModels.Common;

/// <summary>A read model that can open its store (creating or upgrading the schema) ahead of first use.</summary>
internal interface ICatalogReadModelStartup
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
