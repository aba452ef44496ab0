namespace Shop.Grains.Interfaces.Users;

/// <summary>
/// A password as stored: the algorithm, its iteration count, the per-user random salt and the derived hash. The
/// iteration count travels with the hash so that it can be raised later: a hash made with fewer iterations than
/// configured is made again at the next successful sign-in.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.PasswordHash")]
public sealed record PasswordHash(
    [property: Id(0)] string Algorithm,
    [property: Id(1)] int Iterations,
    [property: Id(2)] byte[] Salt,
    [property: Id(3)] byte[] Hash)
{
    // Neither salt nor hash belongs in a log line.
    public override string ToString() => $"PasswordHash {{ Algorithm = {Algorithm}, Iterations = {Iterations} }}";
}
