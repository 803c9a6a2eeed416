using System;

namespace ChatStreams;

/// <summary>Maps the JS protocol's camelCase keys to the snake_case keys we write.</summary>
internal static class JsonNames
{
    /// <summary>Returns <paramref name="name"/> in snake_case (<c>mimeType</c> → <c>mime_type</c>); snake_case input is returned as is.</summary>
    /// <param name="name">A JSON key.</param>
    /// <returns>The snake_case key.</returns>
    public static string ToSnake(string name)
    {
        int upper = IndexOfUpper(name);
        if (upper < 0)
        {
            return name;
        }

        return string.Create(name.Length + CountUpper(name, upper), name, static (span, source) =>
        {
            int j = 0;
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                if (char.IsAsciiLetterUpper(c))
                {
                    if (i > 0)
                    {
                        span[j++] = '_';
                    }

                    span[j++] = char.ToLowerInvariant(c);
                }
                else
                {
                    span[j++] = c;
                }
            }
        });
    }

    /// <summary>Returns the position of the first ASCII upper-case letter, or -1.</summary>
    private static int IndexOfUpper(string name)
    {
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsAsciiLetterUpper(name[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Counts the underscores <see cref="ToSnake"/> inserts: one per upper-case letter after the first character.</summary>
    private static int CountUpper(string name, int from)
    {
        int count = 0;
        for (int i = Math.Max(from, 1); i < name.Length; i++)
        {
            if (char.IsAsciiLetterUpper(name[i]))
            {
                count++;
            }
        }

        return count;
    }
}
