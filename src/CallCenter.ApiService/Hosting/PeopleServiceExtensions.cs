using CallCenter.ApiService.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Hosting;

internal static class PeopleServiceExtensions
{
    /// <summary>ASP.NET Core Identity's user manager over our own <c>people</c> table, with our password and lockout rules.</summary>
    public static IHostApplicationBuilder AddPeople(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PeopleOptions>()
            .BindConfiguration(PeopleOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddScoped<PersonStore>();
        builder.Services.AddScoped<IUserStore<Person>>(services => services.GetRequiredService<PersonStore>());
        builder.Services.AddScoped<PersonDirectory>();
        builder.Services.AddIdentityCore<Person>(options =>
            {
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddPasswordValidator<PasswordRules>();
        builder.Services.AddOptions<IdentityOptions>().Configure<IOptions<PeopleOptions>>((identity, people) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = people.Value.MaxFailedAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = people.Value.LockoutDuration;
        });
        return builder;
    }
}
