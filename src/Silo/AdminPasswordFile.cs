using System.Security.Cryptography;

namespace Shop.Silo;

/// <summary>
/// The generated administrator password, kept in <see cref="FileName"/> under the data directory, readable by the
/// silo's user alone. The file appears whole or not at all (written aside, then moved into place without
/// overwriting), so two processes sharing a data directory agree on one password.
/// </summary>
public sealed class AdminPasswordFile(string dataDirectory)
{
    public const string FileName = "admin-password.txt";

    // Letters and digits that cannot be mistaken for one another when read off a console: 24 of them are ~139 bits.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int Length = 24;

    public string Path { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName));

    public static string Generate() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>The stored password, or null when there is none.</summary>
    public string? Read()
    {
        try
        {
            return File.ReadAllText(Path).Trim() is { Length: > 0 } password ? password : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Stores <paramref name="password"/> unless a password is stored already; returns the one that is stored now.</summary>
    public string Create(string password)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var aside = $"{Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(aside, OwnerOnly()))
            using (var writer = new StreamWriter(stream))
            {
                writer.WriteLine(password);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(aside, Path, overwrite: false);
            return password;
        }
        catch (IOException) when (Read() is { } stored)
        {
            // Another process of this data directory stored one first: theirs is the password.
            return stored;
        }
        finally
        {
            File.Delete(aside);
        }
    }

    /// <summary>Removes the stored password (it turned out not to be the administrator's).</summary>
    public void Delete() => File.Delete(Path);

    private static FileStreamOptions OwnerOnly()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
