using System.Text.Json;

namespace Shop.Deployment.Tests;

/// <summary>A Dockerfile's instructions, in order (continued lines joined, comments dropped), grouped by build stage.</summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<IReadOnlyList<(string Instruction, string Arguments)>> stages) => Stages = stages;

    public IReadOnlyList<IReadOnlyList<(string Instruction, string Arguments)>> Stages { get; }

    public IReadOnlyList<(string Instruction, string Arguments)> Final => Stages[^1];

    public static Dockerfile Parse(string text)
    {
        var stages = new List<List<(string, string)>>();
        var logical = new List<string>();
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            logical.Add(pending + line);
            pending = "";
        }

        foreach (var line in logical.Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var space = line.IndexOf(' ');
            var instruction = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : line[(space + 1)..].Trim();
            if (instruction == "FROM")
            {
                stages.Add([]);
            }

            if (stages.Count == 0)
            {
                throw new FormatException($"'{line}' comes before the first FROM.");
            }

            stages[^1].Add((instruction, arguments));
        }

        return new Dockerfile(stages);
    }

    /// <summary>The arguments of the last <paramref name="instruction"/> of the final stage, or null.</summary>
    public string? LastInFinal(string instruction) => Final.LastOrDefault(i => i.Instruction == instruction).Arguments;

    /// <summary>An exec-form (JSON array) argument list, or null when it is in shell form.</summary>
    public static string[]? ExecForm(string? arguments)
    {
        try
        {
            return arguments is not null && arguments.StartsWith('[') ? JsonSerializer.Deserialize<string[]>(arguments) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
