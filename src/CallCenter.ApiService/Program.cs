using CallCenter.ApiService.Hosting;
using CallCenter.ApiService.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddFloorSecurity();
builder.AddIdempotentWrites();
builder.Services.AddProblemDetails();
builder.Services.AddApiDocumentation();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseServedByHeader();
app.UseIdempotentAnswers();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHttpsOutsideDevelopment();

app.UseCors();
app.UseLiveUpdateSockets();
if (app.Environment.IsDevelopment())
{
    // Open documentation is a Development convenience; elsewhere the OpenAPI document is not served.
    app.MapApiDocumentation();
}

app.UseFloorSecurity();
app.UseIdempotencyKeys();
app.MapDefaultEndpoints(FloorRoles.Admin, FloorRoles.Supervisor);
app.MapCallCenterApi();

app.Run();
