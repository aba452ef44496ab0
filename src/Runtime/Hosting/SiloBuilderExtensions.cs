using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Shop.Runtime.Activation;
using Shop.Runtime.Reminders;
using Shop.Runtime.Streams;

namespace Shop.Runtime.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>Hosts every grain class of an assembly.</summary>
    public static ISiloBuilder AddGrains(this ISiloBuilder builder, Assembly assembly)
    {
        var classes = GrainTypeManifest.FindGrainClasses(assembly).ToList();
        builder.Services.Configure<GrainClassOptions>(o => o.GrainClasses.UnionWith(classes));
        return builder;
    }

    /// <summary>Hosts one grain class.</summary>
    public static ISiloBuilder AddGrain<TGrain>(this ISiloBuilder builder) where TGrain : Grain
    {
        builder.Services.Configure<GrainClassOptions>(o => o.GrainClasses.Add(typeof(TGrain)));
        return builder;
    }

    public static ISiloBuilder Configure(this ISiloBuilder builder, Action<SiloOptions> configure)
    {
        builder.Services.Configure(configure);
        return builder;
    }

    public static ISiloBuilder ConfigureStreams(this ISiloBuilder builder, Action<StreamOptions> configure)
    {
        builder.Services.Configure(configure);
        return builder;
    }

    public static ISiloBuilder ConfigureReminders(this ISiloBuilder builder, Action<ReminderOptions> configure)
    {
        builder.Services.Configure(configure);
        return builder;
    }
}
