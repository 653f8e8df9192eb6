using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace CallCenter.ApiService.People;

/// <summary>
/// Length over composition (NIST SP 800-63B): at least <see cref="MinimumLength"/> characters, not the user name,
/// not one character repeated. Identity's own validator checks the length; this adds what it cannot know.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<Person>
{
    public const int MinimumLength = 12;

    // Unambiguous letters and digits: a reset password is read aloud or typed from a screen.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public Task<IdentityResult> ValidateAsync(UserManager<Person> manager, Person user, string? password) =>
        Task.FromResult(Check(user.UserName, password ?? ""));

    public static IdentityResult Check(string userName, string password)
    {
        if (userName.Length > 0 && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            return IdentityResult.Failed(new IdentityError { Code = "PasswordContainsUserName", Description = "Passwords must not contain the user name." });
        }

        return password.Distinct().Count() < 4
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooSimple", Description = "Passwords must use at least 4 different characters." })
            : IdentityResult.Success;
    }

    /// <summary>A new password for a reset or a new person: 20 characters, about 116 bits.</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 20);
}
