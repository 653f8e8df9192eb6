using CallCenter.ApiService.People;
using CsCheck;

namespace CallCenter.UnitTests.People;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("layla", "my-LAYLA-password", "PasswordContainsUserName")]
    [InlineData("layla", "aaaaaaaaaaaaaaaa", "PasswordTooSimple")]
    [InlineData("layla", "abababababababab", "PasswordTooSimple")]
    public void PasswordsThatGiveThemselvesAwayAreRefused(string userName, string password, string code) =>
        Assert.Equal(code, Assert.Single(PasswordRules.Check(userName, password).Errors).Code);

    [Fact]
    public void AGeneratedPasswordIsLongVariedAndAlwaysNew()
    {
        // CsCheck samples on several threads at once.
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        Gen.Int.Sample(_ =>
        {
            var password = PasswordRules.Generate();
            Assert.Equal(20, password.Length);
            Assert.True(PasswordRules.Check("someone", password).Succeeded);
            Assert.DoesNotContain(password, "0O1lI", StringComparison.Ordinal);
            Assert.True(seen.TryAdd(password, true));
        }, iter: 1000);
    }
}
