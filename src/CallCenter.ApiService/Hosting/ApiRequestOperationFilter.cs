using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CallCenter.ApiService.Requests;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CallCenter.ApiService.Hosting;

/// <summary>
/// Requests bound by <see cref="RequestBinder"/> are invisible to ApiExplorer; this describes each of their
/// fields as a query parameter (the seed's way) and, for writes, the same fields as an optional JSON body.
/// </summary>
internal sealed class ApiRequestOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var requestType = context.MethodInfo.GetParameters()
            .Select(parameter => parameter.ParameterType)
            .FirstOrDefault(type => typeof(IApiRequest).IsAssignableFrom(type));
        if (requestType is null)
        {
            return;
        }

        operation.Parameters ??= [];
        foreach (var property in requestType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var schema = context.SchemaGenerator.GenerateSchema(property.PropertyType, context.SchemaRepository, memberInfo: property);
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name),
                In = ParameterLocation.Query,
                Required = property.GetCustomAttribute<System.ComponentModel.DataAnnotations.RequiredAttribute>() is not null,
                Schema = schema,
            });
        }

        if (context.ApiDescription.HttpMethod is "POST" or "PATCH")
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Description = "The same fields as a JSON object (snake_case), as an alternative to the query string.",
                Required = false,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(requestType, context.SchemaRepository) },
                },
            };
        }
    }
}

/// <summary>Shows a <see cref="OneOfAttribute"/>'s values as the schema's enum.</summary>
internal sealed class OneOfSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && context.MemberInfo?.GetCustomAttribute<OneOfAttribute>() is { } oneOf)
        {
            concrete.Enum = [.. oneOf.Values.Select(value => (JsonNode)JsonValue.Create(value))];
        }
    }
}
