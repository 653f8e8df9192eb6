using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

// The bench's yardstick: the least an ASP.NET Core endpoint can do for a small JSON read, for one durable INSERT
// into the same PostgreSQL as the API, and for fanning an event out to WebSockets (BareFanOut). The bench starts it
// with --urls and the database's connection string in BASELINE_DATABASE (not on the command line, where ps would show
// the password), and reads the address it listens on from the first line it prints.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
var database = Environment.GetEnvironmentVariable("BASELINE_DATABASE") is { Length: > 0 } set
    ? set
    : throw new InvalidOperationException("BASELINE_DATABASE (the PostgreSQL connection string) is not set.");
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(database));
builder.Services.AddSingleton<BareFanOut>();

var app = builder.Build();
// The fan-out's clients find "the replica" that answered by this header, as they do on the API; /json and /insert
// stay as they were measured before.
app.UseWhen(
    context => !context.Request.Path.StartsWithSegments("/json") && !context.Request.Path.StartsWithSegments("/insert"),
    fanOutPaths => fanOutPaths.Use((context, next) =>
    {
        context.Response.Headers["X-Served-By"] = "baseline";
        return next(context);
    }));
app.UseWebSockets();
var agents = Enumerable.Range(1, 8).Select(n => new BaselineAgent(
    $"AGT-{n:D3}", $"Agent {n}", $"agent{n}@example.com", "sales", ["en", "ar"], "available", DateTime.UtcNow)).ToArray();
app.MapGet("/json", () => agents);
app.MapPost("/insert", async (NpgsqlDataSource db, CancellationToken cancellationToken) =>
{
    await using var command = db.CreateCommand("INSERT INTO bench_baseline (body) VALUES ($1) RETURNING id");
    command.Parameters.Add(new NpgsqlParameter { Value = "one durable row" });
    return new { Id = (long)(await command.ExecuteScalarAsync(cancellationToken))! };
});

app.MapGet("/alive", () => "alive");
// The API's paths, so the bench's socket clients and call placer reach the bare fan-out unchanged.
var fanOut = app.Services.GetRequiredService<BareFanOut>();
app.Map("/ws/updates", fanOut.HoldAsync);
app.MapPost("/api/calls", ([FromQuery(Name = "phone_number")] string? phoneNumber, [FromQuery(Name = "customer_name")] string? customerName) =>
    fanOut.Publish(customerName, phoneNumber));

await using (var create = app.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
    "CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, body text NOT NULL, at timestamptz NOT NULL DEFAULT now())"))
{
    await create.ExecuteNonQueryAsync();
}

await app.StartAsync();
Console.WriteLine($"Listening on {app.Urls.First()}");
await app.WaitForShutdownAsync();

/// <summary>About the shape of the API's agents, so both serialize comparable objects.</summary>
internal sealed record BaselineAgent(string AgentId, string Name, string Email, string Department, string[] Languages, string Status, DateTime StatusChangedAt);
