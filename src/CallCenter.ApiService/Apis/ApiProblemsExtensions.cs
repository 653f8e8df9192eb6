namespace CallCenter.ApiService.Apis;

internal static class ApiProblemsExtensions
{
    /// <summary>
    /// Domain refusals surface as <see cref="Requests.ApiProblemException"/>; this tells OpenAPI which
    /// ProblemDetails every endpoint of a group can answer with.
    /// </summary>
    public static RouteGroupBuilder WithApiProblems(this RouteGroupBuilder group)
    {
        group.ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return group;
    }
}
