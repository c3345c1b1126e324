using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScaling.HAProxy;

/// <summary>
/// A client of HAProxy's runtime API. <see cref="ExecuteAsync"/> sends one command per connection and reads the reply
/// to the end of the stream; <see cref="ExecuteAllAsync"/> sends several on one connection in <c>prompt</c> mode and
/// splits the replies on the prompt, so the framing never depends on the blank line HAProxy 2.6 does not always send.
/// </summary>
internal sealed partial class HAProxyRuntimeClient
{
    private const int MaxReplyBytes = 16 * 1024 * 1024;
    private const string Prompt = "\n> ";

    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="HAProxyRuntimeClient"/> class.</summary>
    /// <param name="endpoint">Where the runtime API listens.</param>
    /// <param name="timeout">How long one exchange (connect, send, read) may take.</param>
    /// <param name="timeProvider">The time provider for the timeout; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="logger">The logger.</param>
    public HAProxyRuntimeClient(HAProxyEndpoint endpoint, TimeSpan timeout, TimeProvider? timeProvider = null, ILogger<HAProxyRuntimeClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Endpoint = endpoint;
        Timeout = timeout;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets where the runtime API listens.</summary>
    public HAProxyEndpoint Endpoint { get; }

    /// <summary>Gets how long one exchange may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Sends one command on its own connection and checks the reply.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The trimmed reply.</returns>
    /// <exception cref="HAProxyRuntimeException">HAProxy is not reachable, or its reply is not the command's success reply.</exception>
    public async Task<string> ExecuteAsync(HAProxyCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var raw = await ExchangeAsync(command.Text + "\n", cancellationToken).ConfigureAwait(false);
        var reply = HAProxyReplies.Trim(raw);
        Check(command, reply);
        return reply;
    }

    /// <summary>
    /// Sends several commands on one connection in <c>prompt</c> mode, in one write, so HAProxy runs them back to back.
    /// HAProxy runs every command even when an earlier one fails; the first refused one is reported.
    /// </summary>
    /// <param name="commands">The commands.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The trimmed replies, one per command.</returns>
    /// <exception cref="HAProxyRuntimeException">HAProxy is not reachable, or a reply is not its command's success reply.</exception>
    public async Task<IReadOnlyList<string>> ExecuteAllAsync(IReadOnlyList<HAProxyCommand> commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (commands.Count == 0)
        {
            return [];
        }

        var request = new StringBuilder("prompt\n");
        foreach (var command in commands)
        {
            ArgumentNullException.ThrowIfNull(command);
            request.Append(command.Text).Append('\n');
        }

        request.Append("quit\n");
        var raw = await ExchangeAsync(request.ToString(), cancellationToken).ConfigureAwait(false);
        var replies = SplitPrompted(raw, commands.Count);
        if (replies is null)
        {
            throw new HAProxyRuntimeException($"HAProxy at {Endpoint} sent {commands.Count} commands' replies that could not be framed: '{HAProxyReplies.Trim(raw)}'");
        }

        for (var i = 0; i < commands.Count; i++)
        {
            Check(commands[i], replies[i]);
        }

        return replies;
    }

    /// <summary>Splits a <c>prompt</c> mode exchange into the replies of the commands after <c>prompt</c>.</summary>
    /// <param name="raw">Everything HAProxy sent.</param>
    /// <param name="count">How many commands were sent after <c>prompt</c>.</param>
    /// <returns>The trimmed replies, or <see langword="null"/> when the text has fewer prompts than commands.</returns>
    internal static string[]? SplitPrompted(string raw, int count)
    {
        // The stream is: <reply to 'prompt' (empty)> "\n> " r1 "\n> " r2 … rN "\n> " <nothing for 'quit'>.
        var pieces = raw.Split(Prompt);
        if (pieces.Length < count + 2)
        {
            return null;
        }

        var replies = new string[count];
        for (var i = 0; i < count; i++)
        {
            replies[i] = HAProxyReplies.Trim(pieces[i + 1]);
        }

        return replies;
    }

    private void Check(HAProxyCommand command, string reply)
    {
        if (!HAProxyReplies.IsSuccess(command.Expected, reply))
        {
            Log.CommandRefused(_logger, command.Text, reply);
            throw new HAProxyRuntimeException(command.Text, reply);
        }

        Log.CommandDone(_logger, command.Text);
    }

    private string Describe(SocketException ex)
    {
        if (Endpoint.SocketPath is { } path && !File.Exists(path))
        {
            return "no socket file at that path";
        }

        return ex.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused: nothing listens there",
            SocketError.AccessDenied => "permission denied on the socket",
            _ => $"{ex.SocketErrorCode}: {ex.Message}",
        };
    }

    private async Task<string> ExchangeAsync(string request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var socket = Endpoint.CreateSocket();
        try
        {
            await socket.ConnectAsync(Endpoint.ToEndPoint(), linked.Token).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new HAProxyRuntimeException(
                $"HAProxy runtime API at {Endpoint} is not reachable ({Describe(ex)}). Is haproxy running with 'stats socket … level admin' there?",
                ex);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new HAProxyRuntimeException($"HAProxy runtime API at {Endpoint} did not accept a connection within {Timeout}.");
        }

        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, linked.Token).ConfigureAwait(false);
            using var reply = new MemoryStream();
            var buffer = new byte[8192];
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, linked.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (reply.Length + read > MaxReplyBytes)
                {
                    throw new HAProxyRuntimeException($"HAProxy at {Endpoint} sent a reply over {MaxReplyBytes} bytes.");
                }

                reply.Write(buffer, 0, read);
            }

            return Encoding.UTF8.GetString(reply.GetBuffer(), 0, (int)reply.Length);
        }
        catch (SocketException ex)
        {
            throw new HAProxyRuntimeException($"HAProxy runtime API at {Endpoint} failed during the exchange ({ex.SocketErrorCode}: {ex.Message}).", ex);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new HAProxyRuntimeException($"HAProxy runtime API at {Endpoint} did not answer within {Timeout}.");
        }
    }
}
