namespace CallCenter.ApiService.Distribution;

/// <summary>What a skill is called (lower-case letters, digits, <c>_</c> and <c>-</c>) and the levels an agent holds it at.</summary>
public static class SkillNames
{
    public const string Pattern = "^[a-z0-9_-]{1,64}$";

    public const string Rule = "must be 1 to 64 lower-case letters, digits, '_' or '-'.";

    public const int LowestLevel = 1;

    public const int HighestLevel = 5;

    public const int MaxPerAgent = 50;
}
