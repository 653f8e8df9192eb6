using CallCenter.ApiService.Idempotency;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CallCenter.ApiService.Hosting;

/// <summary>Documents the optional <c>Idempotency-Key</c> header on every POST and PATCH that takes one.</summary>
internal sealed class IdempotencyKeyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.HttpMethod is not ("POST" or "PATCH")
            || context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AnswerCarriesSecret>().Any())
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKeyHeader.Name,
            In = ParameterLocation.Header,
            Required = false,
            Description = $"Makes a retry safe (draft-ietf-httpapi-idempotency-key-header): a quoted string or a token, at most {IdempotencyKeyHeader.MaxLength} "
                + "characters, unique per request, kept 24 h per API key. A repeat with the same request gets the first answer again "
                + $"(with `{IdempotencyKeyHeader.ReplayedHeader}: true`) without doing anything; with a different request 422; while the first "
                + "still runs 409 with Retry-After.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyKeyHeader.MaxLength },
            Example = System.Text.Json.Nodes.JsonValue.Create("\"8e03978e-40d5-43e8-bc93-6894a57f9324\""),
        });
    }
}
