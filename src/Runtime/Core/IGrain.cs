namespace Shop.Runtime;

/// <summary>Anything that has a <see cref="GrainId"/>: grain references and grain instances.</summary>
public interface IAddressable;

/// <summary>Marker of grain interfaces. Use one of the keyed sub-interfaces.</summary>
public interface IGrain : IAddressable;

/// <summary>A grain identified by a string.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain identified by a Guid.</summary>
public interface IGrainWithGuidKey : IGrain;

/// <summary>A grain identified by a 64-bit integer.</summary>
public interface IGrainWithIntegerKey : IGrain;
