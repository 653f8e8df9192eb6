using CallCenter.ApiService.Requests;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace CallCenter.ApiService.Customers;

/// <summary>Reads what callers and agents type as phone numbers into E.164, the one form we store and match on.</summary>
public sealed class PhoneNumberParser(IOptions<CallCenterOptions> options)
{
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    public string ToE164(string raw, string field)
    {
        PhoneNumber number;
        try
        {
            number = Numbers.Parse(raw, options.Value.DefaultPhoneRegion);
        }
        catch (NumberParseException)
        {
            throw ApiProblemException.Invalid(field, $"'{raw}' is not a phone number.");
        }

        return Numbers.IsValidNumber(number)
            ? Numbers.Format(number, PhoneNumberFormat.E164)
            : throw ApiProblemException.Invalid(field, $"'{raw}' is not a valid phone number.");
    }
}
