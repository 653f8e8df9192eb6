using CallCenter.ApiService.Idempotency;
using CallCenter.ApiService.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CallCenter.ApiService.Apis;

public static class KeysApi
{
    public static RouteGroupBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("API keys").WithApiProblems()
            .RequireAuthorization(FloorPolicies.Administration);

        keys.MapPost("/", CreateApiKey).WithName(nameof(CreateApiKey)).WithSecretInAnswer()
            .WithSummary("Issue a key with a role (admin, supervisor, agent, integration, web); its secret is shown only in this answer.");
        keys.MapGet("/", ListApiKeys).WithName(nameof(ListApiKeys))
            .WithSummary("Issued keys, newest first, without their secrets.");
        keys.MapDelete("/{keyId}", RevokeApiKey).WithName(nameof(RevokeApiKey))
            .WithSummary("Revoke a key; every replica refuses it within the key cache time (30 s by default).");

        return keys;
    }

    public static async Task<Created<ApiKeyCreated>> CreateApiKey(CreateApiKeyRequest request, ApiKeyStore store, CancellationToken cancellationToken)
    {
        var (key, secret) = await store.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/keys/{key.KeyId}", new ApiKeyCreated(true, key.KeyId, secret, key));
    }

    public static async Task<Ok<ApiKeyList>> ListApiKeys(ApiKeyListRequest request, ApiKeyStore store, CancellationToken cancellationToken)
    {
        var page = await store.ListAsync(request, cancellationToken);
        return TypedResults.Ok(new ApiKeyList(page.Items, page.Total, page.Paging.Limit, page.Paging.Offset, page.TotalIsExact));
    }

    public static async Task<Ok<ApiKeyRevoked>> RevokeApiKey(string keyId, ApiKeyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApiKeyRevoked(true, await store.RevokeAsync(keyId, cancellationToken)));
}
