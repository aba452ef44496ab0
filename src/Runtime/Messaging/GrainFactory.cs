using System.Globalization;

namespace Shop.Runtime.Messaging;

/// <summary>Creates grain references for the silo's runtime.</summary>
internal sealed class GrainFactory(GrainRuntime runtime) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Create<TGrainInterface>(key);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid key) where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(key.ToString("N"));

    public TGrainInterface GetGrain<TGrainInterface>(long key) where TGrainInterface : IGrainWithIntegerKey =>
        Create<TGrainInterface>(key.ToString(CultureInfo.InvariantCulture));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain
    {
        var grainClass = runtime.Manifest.GetClassForInterface(typeof(TGrainInterface));
        if (grainClass.TypeName != grainId.Type && !runtime.Manifest.GetClass(grainId.Type).GrainClass.IsAssignableTo(typeof(TGrainInterface)))
        {
            throw new ArgumentException($"Grain {grainId} does not implement {typeof(TGrainInterface).Name}.", nameof(grainId));
        }

        return GrainProxy.Create<TGrainInterface>(runtime, grainId);
    }

    private TGrainInterface Create<TGrainInterface>(string key)
    {
        var grainClass = runtime.Manifest.GetClassForInterface(typeof(TGrainInterface));
        return GrainProxy.Create<TGrainInterface>(runtime, new GrainId(grainClass.TypeName, key));
    }
}
