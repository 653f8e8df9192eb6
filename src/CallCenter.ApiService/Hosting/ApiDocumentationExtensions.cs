using Microsoft.OpenApi;

namespace CallCenter.ApiService.Hosting;

internal static class ApiDocumentationExtensions
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    private const string BearerScheme = "bearer";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "CallCenter API",
                Version = "v1",
                Description = "Calls, queue, routing, transfers, CRM tickets, customers, agents and transcripts.",
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key: Authorization: Bearer <api key>. Browsers' sockets use a one-time ?ticket= instead.",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
            options.OperationFilter<ApiRequestOperationFilter>();
            options.OperationFilter<IdempotencyKeyOperationFilter>();
            options.SchemaFilter<OneOfSchemaFilter>();
            var xmlDocs = Path.Combine(AppContext.BaseDirectory, $"{typeof(ApiDocumentationExtensions).Assembly.GetName().Name}.xml");
            if (File.Exists(xmlDocs))
            {
                options.IncludeXmlComments(xmlDocs);
            }
        });
        return services;
    }

    /// <summary>The OpenAPI document, Swagger UI at <c>/docs</c> and ReDoc at <c>/redoc</c>, as the seed serves them.</summary>
    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.UseSwagger(options => options.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "docs";
            options.SwaggerEndpoint(DocumentPath, "CallCenter API v1");
            options.DocumentTitle = "CallCenter API";
        });
        app.UseReDoc(options =>
        {
            options.RoutePrefix = "redoc";
            options.SpecUrl = DocumentPath;
            options.DocumentTitle = "CallCenter API";
        });
        return app;
    }
}
