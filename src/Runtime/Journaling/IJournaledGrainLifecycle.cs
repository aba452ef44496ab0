namespace Shop.Runtime.Journaling;

/// <summary>Lets the activation load a journaled grain (snapshot + journal) before OnActivateAsync.</summary>
internal interface IJournaledGrainLifecycle
{
    Task LoadAsync();
}
