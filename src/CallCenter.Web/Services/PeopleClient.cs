using static CallCenter.Web.Services.ApiHttp;

namespace CallCenter.Web.Services;

/// <summary>An admin's work on the people who sign in here: add, change, disable, reset a password.</summary>
public sealed class PeopleClient(HttpClient http)
{
    public Task<PersonList> ListAsync(string? search, int limit, int offset, CancellationToken cancellationToken) =>
        http.GetAsync<PersonList>(WithQuery("/api/people", ("search", search), ("limit", limit), ("offset", offset)), cancellationToken);

    public Task<Person> GetAsync(string userName, CancellationToken cancellationToken) =>
        http.GetAsync<Person>($"/api/people/{Segment(userName)}", cancellationToken);

    public Task<PersonChanged> CreateAsync(object person, CancellationToken cancellationToken) =>
        http.PostAsync<PersonChanged>("/api/people", person, cancellationToken);

    public Task<PersonChanged> UpdateAsync(string userName, object changes, CancellationToken cancellationToken) =>
        http.PatchAsync<PersonChanged>($"/api/people/{Segment(userName)}", changes, cancellationToken);

    public Task<PersonChanged> ResetPasswordAsync(string userName, CancellationToken cancellationToken) =>
        http.PostAsync<PersonChanged>($"/api/people/{Segment(userName)}/password-reset", body: null, cancellationToken);
}
