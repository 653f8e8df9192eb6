using System.Text.Json.Serialization;

namespace CallCenter.ApiService.Calls;

public sealed record CallStarted(bool Success, string CallId, Call Call);

public sealed record CallChanged(bool Success, Call Call);

public sealed record CallTransferred(bool Success, Call Call, CallTransfer Transfer);

public sealed record CallList(IReadOnlyList<Call> Calls, int Total, int Limit, int Offset, bool TotalIsExact);

public sealed record CallQueue(IReadOnlyList<QueuedCall> Queue, int Total, int? LongestWaitSeconds);

/// <summary>A call with the transfers it went through.</summary>
public sealed record CallDetail : Call
{
    public CallDetail(Call call, IReadOnlyList<CallTransfer> transfers)
        : base(call) => Transfers = transfers;

    [JsonPropertyOrder(1)]
    public IReadOnlyList<CallTransfer> Transfers { get; init; }
}
