namespace CallCenter.ApiService.People;

public sealed record PersonList(IReadOnlyList<Person> People, int Total, int Limit, int Offset, bool TotalIsExact);

/// <summary>A change to a person; <c>password</c> only when one was generated for them, shown this once.</summary>
public sealed record PersonChanged(bool Success, Person Person, string? Password = null);

/// <summary>
/// What the Web app keeps in a sign-in cookie and checks it against: the security stamp changes whenever the
/// person's sign-ins must end.
/// </summary>
public sealed record PersonSession(string UserName, string DisplayName, string Role, string? AgentId, string SecurityStamp)
{
    public static PersonSession Of(Person person) =>
        new(person.UserName, person.DisplayName, person.Role, person.AgentId, person.SecurityStamp);
}
