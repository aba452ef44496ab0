namespace Shop.Runtime;

/// <summary>A named persistent state injected into a grain constructor with <see cref="PersistentStateAttribute"/>.</summary>
public interface IPersistentState<TState> : IStorage<TState>;
