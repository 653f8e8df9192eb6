namespace CallCenter.ApiService.Data;

/// <summary>
/// PostgreSQL went away during a unit of work. Before its commit was sent nothing was written (the server drops an
/// open transaction with its connection); during the commit the write may stand or may not, and only PostgreSQL
/// knows. The client is told which (a 503's <c>outcome</c>), never "not written" when that is not certain.
/// </summary>
public sealed class InterruptedWriteException(bool mayHaveCommitted, Exception inner)
    : Exception(mayHaveCommitted
        ? "PostgreSQL went away during the commit; whether the write stands is unknown."
        : "PostgreSQL went away before the commit; nothing was written.", inner)
{
    public bool MayHaveCommitted { get; } = mayHaveCommitted;
}
