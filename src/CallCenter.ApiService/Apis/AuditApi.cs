using CallCenter.ApiService.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CallCenter.ApiService.Apis;

public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").WithApiProblems()
            .RequireAuthorization(FloorPolicies.Supervision);

        audit.MapGet("/", ListAudit).WithName(nameof(ListAudit))
            .WithSummary("Who changed what, newest first; filter by actor, action, subject and time (since inclusive, until exclusive).");

        return audit;
    }

    public static async Task<Ok<AuditPage>> ListAudit(AuditRequest request, AuditTrail trail, CancellationToken cancellationToken)
    {
        var page = await trail.ListAsync(request, cancellationToken);
        return TypedResults.Ok(new AuditPage(page.Items, page.Total, page.Paging.Limit, page.Paging.Offset, page.TotalIsExact));
    }
}
