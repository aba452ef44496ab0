namespace Shop.Runtime.Persistence;

/// <summary>What the activation needs of each persistent state: loading it before OnActivateAsync.</summary>
internal interface IPersistentStateLifecycle
{
    Task LoadAsync();
}
