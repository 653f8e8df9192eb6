using CallCenter.ApiService;
using CallCenter.ApiService.Customers;
using CallCenter.ApiService.Requests;
using CsCheck;
using Microsoft.Extensions.Options;

namespace CallCenter.UnitTests.Customers;

/// <summary>Phone numbers as callers and agents type them become the one E.164 form we store and match on.</summary>
public sealed class PhoneNumberParserTests
{
    private static readonly PhoneNumberParser Saudi = new(Options.Create(new CallCenterOptions { DefaultPhoneRegion = "SA" }));

    [Theory]
    [InlineData("0501234567")]
    [InlineData("050 123 4567")]
    [InlineData("050-123-4567")]
    [InlineData("+966501234567")]
    [InlineData("+966 50 123 4567")]
    [InlineData("00966501234567")]
    [InlineData("(050) 123-4567")]
    public void ASaudiMobileInAnyFormIsTheSameNumber(string typed) =>
        Assert.Equal("+966501234567", Saudi.ToE164(typed, "phone"));

    [Fact]
    public void LocalAndInternationalFormsOfAnySaudiMobileAgree() =>
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 9_999_999]).Sample((operatorDigit, subscriber) =>
        {
            var national = $"5{operatorDigit}{subscriber:D7}";
            string local;
            try
            {
                local = Saudi.ToE164("0" + national, "phone");
            }
            catch (ApiProblemException)
            {
                // Not every 05x prefix is allocated: an unassigned one must be refused in every form alike.
                Assert.Throws<ApiProblemException>(() => Saudi.ToE164("+966" + national, "phone"));
                return;
            }

            Assert.Equal("+966" + national, local);
            Assert.Equal(local, Saudi.ToE164("+966" + national, "phone"));
            Assert.Equal(local, Saudi.ToE164("00966" + national, "phone"));
        });

    [Fact]
    public void ANumberFromAnotherCountryKeepsItsOwnCode() =>
        Assert.Equal("+447911123456", Saudi.ToE164("+44 7911 123456", "phone"));

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("+")]
    [InlineData("12")]
    [InlineData("050123")]
    [InlineData("05012345678901234567")]
    [InlineData("+966 00 000 0000")]
    public void GarbageIsRefusedNamingTheField(string typed)
    {
        var refused = Assert.Throws<ApiProblemException>(() => Saudi.ToE164(typed, "customer.phone"));

        Assert.Equal(400, refused.StatusCode);
        Assert.StartsWith("customer.phone: ", refused.Detail, StringComparison.Ordinal);
        Assert.NotNull(refused.Errors);
        Assert.Equal(["customer.phone"], refused.Errors.Keys);
        Assert.Contains($"'{typed}'", refused.Errors["customer.phone"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void AnythingParsedIsE164() =>
        Gen.String.Sample(typed =>
        {
            try
            {
                Assert.Matches(@"^\+[1-9][0-9]{6,14}$", Saudi.ToE164(typed, "phone"));
            }
            catch (ApiProblemException refused)
            {
                Assert.StartsWith("phone: ", refused.Detail, StringComparison.Ordinal);
            }
        });
}
