using System.Globalization;

namespace AutoScaling.Nginx;

/// <summary>
/// One read of <c>stub_status</c>:
/// <code>
/// Active connections: 2
/// server accepts handled requests
///  10 10 12
/// Reading: 0 Writing: 1 Waiting: 1
/// </code>
/// </summary>
internal readonly record struct StubStatusPage(long Active, long Accepts, long Handled, long Requests, long Reading, long Writing, long Waiting)
{
    public static bool TryParse(string text, out StubStatusPage page)
    {
        page = default;
        var tokens = text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);

        // Active connections: A / server accepts handled requests / X Y Z / Reading: R Writing: W Waiting: T
        if (tokens.Length != 16 || tokens[0] != "Active" || tokens[1] != "connections:" || tokens[3] != "server" || tokens[10] != "Reading:" || tokens[12] != "Writing:" || tokens[14] != "Waiting:")
        {
            return false;
        }

        var values = new long[7];
        ReadOnlySpan<int> at = [2, 7, 8, 9, 11, 13, 15];
        for (var i = 0; i < at.Length; i++)
        {
            if (!long.TryParse(tokens[at[i]], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
            {
                return false;
            }
        }

        page = new StubStatusPage(values[0], values[1], values[2], values[3], values[4], values[5], values[6]);
        return true;
    }

    public long Get(NginxStubStatusField field) => field switch
    {
        NginxStubStatusField.ActiveConnections => Active,
        NginxStubStatusField.Accepts => Accepts,
        NginxStubStatusField.Handled => Handled,
        NginxStubStatusField.Requests => Requests,
        NginxStubStatusField.Reading => Reading,
        NginxStubStatusField.Writing => Writing,
        NginxStubStatusField.Waiting => Waiting,
        _ => Requests,
    };
}
