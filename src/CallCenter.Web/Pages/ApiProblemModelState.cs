using System.Text.Json;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CallCenter.Web.Pages;

public static class ApiProblemModelState
{
    /// <summary>
    /// Puts each of the API's field errors next to its form field (<paramref name="fields"/> maps the API's
    /// snake_case name to the model key); what names no field goes to the form's summary.
    /// </summary>
    public static void AddApiProblem(this ModelStateDictionary modelState, ApiProblemException problem, IReadOnlyDictionary<string, string> fields)
    {
        var placed = false;
        foreach (var (field, messages) in problem.Errors)
        {
            if (fields.TryGetValue(field, out var key))
            {
                foreach (var message in messages)
                {
                    modelState.AddModelError(key, message);
                }

                placed = true;
            }
        }

        if (!placed)
        {
            modelState.AddModelError(string.Empty, problem.Detail);
        }
    }

    /// <summary>The API's names for an input model whose properties are named as the API's (<c>customer_phone</c> → <c>Input.CustomerPhone</c>).</summary>
    public static IReadOnlyDictionary<string, string> FieldsOf<TInput>(string prefix) =>
        typeof(TInput).GetProperties().ToDictionary(
            property => JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), property => $"{prefix}.{property.Name}");
}
