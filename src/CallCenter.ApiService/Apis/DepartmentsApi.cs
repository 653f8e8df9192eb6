using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Apis;

/// <summary>The departments calls are routed to and tickets belong to, so clients need not copy the list.</summary>
public sealed record DepartmentList(IReadOnlyList<string> Departments, string DefaultDepartment);

public static class DepartmentsApi
{
    public static RouteGroupBuilder MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var departments = app.MapGroup("/api/departments").WithTags("Departments").WithApiProblems();

        departments.MapGet("/", ListDepartments).WithName(nameof(ListDepartments))
            .WithSummary("The floor's departments and the one a ticket lands in when none is named.");

        return departments;
    }

    public static Ok<DepartmentList> ListDepartments(IOptions<CallCenterOptions> options) =>
        TypedResults.Ok(new DepartmentList(options.Value.Departments, options.Value.DefaultDepartment));
}
