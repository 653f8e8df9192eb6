using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;

namespace CallCenter.ApiService.People;

public sealed class CreatePersonRequest : IApiRequest
{
    /// <summary>How they sign in; their name in the audit trail for good. Letters, digits and . _ @ -.</summary>
    [Required, StringLength(64, MinimumLength = 2)]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._@-]*$", ErrorMessage = "may hold letters, digits and . _ @ - and starts with a letter or digit.")]
    public string? UserName { get; init; }

    [Required, StringLength(100, MinimumLength = 1)]
    public string? DisplayName { get; init; }

    [Required, OneOf(FloorRoles.Agent, FloorRoles.Supervisor, FloorRoles.Admin)]
    public string? Role { get; init; }

    /// <summary>For an agent: the existing agent whose desk they work.</summary>
    [StringLength(32)]
    public string? AgentId { get; init; }

    /// <summary>For an agent with no agent yet: a new agent (AGT-NNN) is created in this department.</summary>
    [StringLength(64)]
    public string? Department { get; init; }

    /// <summary>A new agent's languages, comma-separated ISO 639-1 codes (e.g. <c>ar,en</c>).</summary>
    [StringLength(100), RegularExpression("^[a-z]{2}(,[a-z]{2})*$", ErrorMessage = "must be comma-separated two-letter language codes, e.g. ar,en.")]
    public string? Languages { get; init; }

    /// <summary>Their first password; when absent one is generated and shown once in the answer.</summary>
    [StringLength(256)]
    public string? Password { get; init; }

    public static ValueTask<CreatePersonRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<CreatePersonRequest>(context);
}

public sealed class UpdatePersonRequest : IApiRequest
{
    [StringLength(100, MinimumLength = 1)]
    public string? DisplayName { get; init; }

    [OneOf(FloorRoles.Agent, FloorRoles.Supervisor, FloorRoles.Admin)]
    public string? Role { get; init; }

    [StringLength(32)]
    public string? AgentId { get; init; }

    [StringLength(64)]
    public string? Department { get; init; }

    [StringLength(100), RegularExpression("^[a-z]{2}(,[a-z]{2})*$", ErrorMessage = "must be comma-separated two-letter language codes, e.g. ar,en.")]
    public string? Languages { get; init; }

    /// <summary>True signs them out everywhere and keeps them out; false lets them back in.</summary>
    public bool? Disabled { get; init; }

    public static ValueTask<UpdatePersonRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<UpdatePersonRequest>(context);
}

public sealed class PeopleListRequest : IApiRequest
{
    /// <summary>Part of a user name or display name.</summary>
    [StringLength(100)]
    public string? Search { get; init; }

    [OneOf(FloorRoles.Agent, FloorRoles.Supervisor, FloorRoles.Admin)]
    public string? Role { get; init; }

    [Range(1, Data.Paging.MaxLimit)]
    public int? Limit { get; init; }

    [Range(0, int.MaxValue)]
    public int? Offset { get; init; }

    public static ValueTask<PeopleListRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<PeopleListRequest>(context);
}

public sealed class SignInRequest : IApiRequest
{
    [Required, StringLength(64)]
    public string? UserName { get; init; }

    [Required, StringLength(256)]
    public string? Password { get; init; }

    public static ValueTask<SignInRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<SignInRequest>(context);
}

public sealed class ChangePasswordRequest : IApiRequest
{
    [Required, StringLength(256)]
    public string? CurrentPassword { get; init; }

    [Required, StringLength(256)]
    public string? NewPassword { get; init; }

    public static ValueTask<ChangePasswordRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<ChangePasswordRequest>(context);
}
