namespace Shop.Providers.MySql;

/// <summary>How a <see cref="GrainId"/> is keyed in the store's tables: its type and key as strings.</summary>
internal static class GrainKeys
{
    public static (string Type, string Key) Of(GrainId grainId, string parameterName = "grainId")
    {
        if (grainId.IsDefault)
        {
            throw new ArgumentException("The grain id must not be the default value.", parameterName);
        }

        var type = grainId.Type.ToString()!;
        var key = grainId.Key.ToString()!;
        MySqlValues.CheckLength(type, MySqlLimits.GrainType, "grain type", parameterName);
        MySqlValues.CheckLength(key, MySqlLimits.GrainKey, "grain key", parameterName);
        return (type, key);
    }
}
