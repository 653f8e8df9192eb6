namespace CallCenter.ApiService.Apis;

internal static class ApiProblemsExtensions
{
    /// <summary>
    /// Domain refusals surface as <see cref="Requests.ApiProblemException"/>; this tells OpenAPI which
    /// ProblemDetails every endpoint of a group can answer with.
    /// </summary>
    public static RouteGroupBuilder WithApiProblems(this RouteGroupBuilder group)
    {
        // Ids in the path reach queries too; the binder guards the other inputs.
        group.AddEndpointFilter((context, next) =>
        {
            foreach (var (name, value) in context.HttpContext.Request.RouteValues)
            {
                Requests.RequestBinder.RejectNul(name, value as string);
            }

            return next(context);
        });
        group.ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }
}
