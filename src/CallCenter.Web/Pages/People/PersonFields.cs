using CallCenter.Web.Services;

namespace CallCenter.Web.Pages.People;

/// <summary>What <c>_PersonFields</c> shows: the form's input, and the agents and departments to choose from.</summary>
public sealed record PersonFields(PersonInput Input, IReadOnlyList<Agent> Agents, IReadOnlyList<string> Departments);
